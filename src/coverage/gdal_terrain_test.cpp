#include "coverage/gdal_terrain.h"

#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <filesystem>
#include <fstream>

#include "coverage/ridge_test_support.h"

namespace straja::coverage {
namespace {

/// Writes the ridge terrain as a GeoTIFF (WGS84 lon/lat, posts every `post_deg`) through GDAL.
std::string write_ridge_geotiff(const std::string& name, double post_deg) {
  GDALAllRegister();
  const std::string path = (std::filesystem::temp_directory_path() / name).string();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
  const double west = 27.5, north = 47.5;
  const int width = static_cast<int>(std::lround(1.6 / post_deg));
  const int height = static_cast<int>(std::lround(1.0 / post_deg));
  GDALDataset* dataset = driver->Create(path.c_str(), width, height, 1, GDT_Int16, nullptr);
  double transform[6] = {west, post_deg, 0, north, 0, -post_deg};
  dataset->SetGeoTransform(transform);
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  dataset->SetSpatialRef(&wgs84);
  std::vector<std::int16_t> posts(static_cast<std::size_t>(width) *
                                  static_cast<std::size_t>(height));
  for (int row = 0; row < height; ++row) {
    for (int column = 0; column < width; ++column) {
      const double lon = west + (column + 0.5) * post_deg;
      posts[static_cast<std::size_t>(row * width + column)] =
          static_cast<std::int16_t>(testing::ridge_height_m(0, lon));
    }
  }
  EXPECT_EQ(dataset->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, width, height, posts.data(), width,
                                                height, GDT_Int16, 0, 0),
            CE_None);
  GDALClose(dataset);
  return path;
}

TEST(GdalTerrain, ReadsHeightsAtTheirPlaces) {
  const std::string path = write_ridge_geotiff("straja_ridge_read.tif", 0.001);
  auto terrain = GdalTerrain::load(path);
  ASSERT_TRUE(terrain.ok()) << terrain.error().message;
  EXPECT_NEAR(terrain->height_m(47.0, 28.3), testing::kRidgeHeightM, 1e-6);
  EXPECT_NEAR(terrain->height_m(47.0, 28.0), 0.0, 1e-6);
  EXPECT_EQ(terrain->height_m(10.0, 10.0), 0.0);  // outside the raster
  EXPECT_FALSE(terrain->covers(10.0, 10.0));
  std::filesystem::remove(path);
}

TEST(GdalTerrain, GeoTiffRidgeShadowsExactlyWhatLiesBehindIt) {
  // 0.0005 deg posts (~40 m across, 55 m along): the ridge is 20 posts wide.
  const std::string path = write_ridge_geotiff("straja_ridge_shadow.tif", 0.0005);
  auto terrain = load_dem_files({path});
  ASSERT_TRUE(terrain.ok()) << terrain.error().message;
  testing::expect_ridge_shadow(**terrain);
  std::filesystem::remove(path);
}

TEST(GdalTerrain, UnreadableFilesAreErrorsNamingThem) {
  auto missing = GdalTerrain::load("/nonexistent/dem.tif");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("/nonexistent/dem.tif"), std::string::npos);
  const std::string text =
      (std::filesystem::temp_directory_path() / "straja_not_a_dem.tif").string();
  { std::ofstream(text) << "not a raster"; }
  EXPECT_FALSE(load_dem_files({text}).ok());
  std::filesystem::remove(text);
}

}  // namespace
}  // namespace straja::coverage
