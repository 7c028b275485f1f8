#pragma once
// GeoTIFF (any raster GDAL reads) as terrain. Only the straja-coverage executable and its tests
// link this (library straja_coverage_gdal), so GDAL stays out of every other command's start-up.
//
// The first band is read whole into memory. A raster in another coordinate system than WGS84
// longitude/latitude is warped to it on reading (GDAL's auto-created warped VRT, bilinear). Heights
// are taken as heights above the ellipsoid (as terrain.h states for SRTM); no-data posts and places
// outside the raster read 0 m, so several rasters can be stacked (TerrainStack).

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "geo/terrain.h"

namespace straja::coverage {

class GdalTerrain final : public geo::Terrain {
 public:
  static Result<GdalTerrain> load(const std::string& path);
  double height_m(double lat_deg, double lon_deg) const override;  ///< bilinear between posts
  /// Whether the raster covers the point (height_m is 0 outside).
  bool covers(double lat_deg, double lon_deg) const;

 private:
  int width_ = 0;
  int height_ = 0;
  double origin_lon_deg_ = 0.0;  ///< of the north-west corner of post (0, 0)'s pixel
  double origin_lat_deg_ = 0.0;
  double pixel_lon_deg_ = 1.0;
  double pixel_lat_deg_ = -1.0;  ///< negative: rows run north to south
  std::vector<float> posts_;     ///< row-major; no-data as NaN
};

/// Loads each DEM by its extension: .hgt as SRTM tiles (geo::SrtmTerrain, all together), anything
/// else through GDAL. With several, the first raster covering a point gives its height.
Result<std::shared_ptr<const geo::Terrain>> load_dem_files(const std::vector<std::string>& paths);

}  // namespace straja::coverage
