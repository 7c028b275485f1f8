#include "coverage/gdal_terrain.h"

#include <gdal_priv.h>
#include <gdalwarper.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

namespace straja::coverage {
namespace {

struct DatasetCloser {
  void operator()(GDALDatasetH dataset) const {
    if (dataset != nullptr) GDALClose(dataset);
  }
};
using Dataset = std::unique_ptr<void, DatasetCloser>;

/// The terrains of several files: the first SRTM tile or GeoTIFF that covers a point answers.
class TerrainStack final : public geo::Terrain {
 public:
  std::shared_ptr<const geo::SrtmTerrain> srtm;
  std::vector<GdalTerrain> rasters;

  double height_m(double lat_deg, double lon_deg) const override {
    for (const GdalTerrain& raster : rasters) {
      if (raster.covers(lat_deg, lon_deg)) return raster.height_m(lat_deg, lon_deg);
    }
    return srtm ? srtm->height_m(lat_deg, lon_deg) : 0.0;
  }
};

}  // namespace

Result<GdalTerrain> GdalTerrain::load(const std::string& path) {
  GDALAllRegister();
  CPLPushErrorHandler(CPLQuietErrorHandler);
  Dataset dataset(GDALOpen(path.c_str(), GA_ReadOnly));
  CPLPopErrorHandler();
  if (!dataset) {
    return make_error(ErrorCode::kNotFound, path + ": cannot open as a raster (GDAL: " +
                                                std::string(CPLGetLastErrorMsg()) + ")");
  }
  if (GDALGetRasterCount(dataset.get()) < 1) {
    return make_error(ErrorCode::kInvalidValue, path + ": no raster band");
  }
  // Warp to WGS84 longitude/latitude unless already there.
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  const OGRSpatialReference* source = GDALDataset::FromHandle(dataset.get())->GetSpatialRef();
  if (source == nullptr) {
    return make_error(ErrorCode::kInvalidValue, path + ": no coordinate reference system");
  }
  if (!source->IsSame(&wgs84)) {
    char* wkt = nullptr;
    wgs84.exportToWkt(&wkt);
    GDALDatasetH warped =
        GDALAutoCreateWarpedVRT(dataset.get(), nullptr, wkt, GRA_Bilinear, 0.0, nullptr);
    CPLFree(wkt);
    if (warped == nullptr) {
      return make_error(ErrorCode::kInvalidValue,
                        path + ": cannot warp to WGS84 longitude/latitude");
    }
    dataset.reset(warped);
  }
  double transform[6] = {0, 1, 0, 0, 0, 1};
  if (GDALGetGeoTransform(dataset.get(), transform) != CE_None || transform[2] != 0.0 ||
      transform[4] != 0.0) {
    return make_error(ErrorCode::kInvalidValue,
                      path + ": no north-up geotransform (rotated rasters are not supported)");
  }
  GdalTerrain terrain;
  terrain.width_ = GDALGetRasterXSize(dataset.get());
  terrain.height_ = GDALGetRasterYSize(dataset.get());
  terrain.origin_lon_deg_ = transform[0];
  terrain.pixel_lon_deg_ = transform[1];
  terrain.origin_lat_deg_ = transform[3];
  terrain.pixel_lat_deg_ = transform[5];
  GDALRasterBandH band = GDALGetRasterBand(dataset.get(), 1);
  terrain.posts_.resize(static_cast<std::size_t>(terrain.width_) *
                        static_cast<std::size_t>(terrain.height_));
  if (GDALRasterIO(band, GF_Read, 0, 0, terrain.width_, terrain.height_, terrain.posts_.data(),
                   terrain.width_, terrain.height_, GDT_Float32, 0, 0) != CE_None) {
    return make_error(ErrorCode::kIo, path + ": cannot read the raster (GDAL: " +
                                          std::string(CPLGetLastErrorMsg()) + ")");
  }
  int has_no_data = 0;
  const double no_data = GDALGetRasterNoDataValue(band, &has_no_data);
  for (float& post : terrain.posts_) {
    if ((has_no_data != 0 && static_cast<double>(post) == no_data) || !std::isfinite(post)) {
      post = std::numeric_limits<float>::quiet_NaN();
    }
  }
  return terrain;
}

bool GdalTerrain::covers(double lat_deg, double lon_deg) const {
  const double x = (lon_deg - origin_lon_deg_) / pixel_lon_deg_;
  const double y = (lat_deg - origin_lat_deg_) / pixel_lat_deg_;
  return x >= 0.0 && y >= 0.0 && x <= width_ && y <= height_;
}

double GdalTerrain::height_m(double lat_deg, double lon_deg) const {
  if (!covers(lat_deg, lon_deg)) return 0.0;
  // Pixel centres are posts: pixel (c, r) holds the height at its centre.
  const double x = (lon_deg - origin_lon_deg_) / pixel_lon_deg_ - 0.5;
  const double y = (lat_deg - origin_lat_deg_) / pixel_lat_deg_ - 0.5;
  const int c = std::clamp(static_cast<int>(std::floor(x)), 0, std::max(0, width_ - 2));
  const int r = std::clamp(static_cast<int>(std::floor(y)), 0, std::max(0, height_ - 2));
  const double fx = width_ > 1 ? std::clamp(x - c, 0.0, 1.0) : 0.0;
  const double fy = height_ > 1 ? std::clamp(y - r, 0.0, 1.0) : 0.0;
  auto at = [&](int row, int column) {
    row = std::min(row, height_ - 1);
    column = std::min(column, width_ - 1);
    const float h = posts_[static_cast<std::size_t>(row) * static_cast<std::size_t>(width_) +
                           static_cast<std::size_t>(column)];
    return std::isnan(h) ? 0.0 : static_cast<double>(h);
  };
  return (1 - fy) * ((1 - fx) * at(r, c) + fx * at(r, c + 1)) +
         fy * ((1 - fx) * at(r + 1, c) + fx * at(r + 1, c + 1));
}

Result<std::shared_ptr<const geo::Terrain>> load_dem_files(const std::vector<std::string>& paths) {
  auto stack = std::make_shared<TerrainStack>();
  std::vector<std::string> tiles;
  for (const std::string& path : paths) {
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension == ".hgt") {
      tiles.push_back(path);
      continue;
    }
    auto raster = GdalTerrain::load(path);
    if (!raster) return raster.error();
    stack->rasters.push_back(std::move(*raster));
  }
  if (!tiles.empty()) {
    auto srtm = geo::SrtmTerrain::load(tiles);
    if (!srtm) return srtm.error();
    stack->srtm = std::make_shared<const geo::SrtmTerrain>(std::move(*srtm));
  }
  return std::shared_ptr<const geo::Terrain>(std::move(stack));
}

}  // namespace straja::coverage
