#include "server/coverage_layers.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

namespace straja::server {
namespace {

// Two covered runs for the network (seen by 1 and by 2 sensors) and one for a sensor alone, as
// straja coverage writes them (docs/formats/coverage.md).
std::string coverage_file(double layer_m, double rcs_m2) {
  const auto feature = [&](const std::string& sensor, const std::string& seeing) {
    return R"({"type":"Feature","properties":{"layer_m":)" + std::to_string(layer_m) +
           R"(,"reference":"agl","rcs_m2":)" + std::to_string(rcs_m2) + R"(,"sensor":")" + sensor +
           R"(","sensors_seeing":)" + seeing +
           R"json(,"pd_threshold":0.5,"terrain":"smooth earth (no DEM)"},"geometry":{"type":"MultiPolygon","coordinates":[[[[28,47],[28.1,47],[28.1,47.1],[28,47.1],[28,47]]]]}})json";
  };
  return R"({"type":"FeatureCollection","features":[)" + feature("all", "1") + "," +
         feature("all", "2") + "," + feature("psr/chisinau", "null") + "]}";
}

TEST(CoverageLayers, AFileSplitsIntoTheNetworkAndEachSensor) {
  std::size_t skipped = 0;
  auto layers = coverage_layers_from_geojson("300m-agl_rcs1", coverage_file(300, 1), skipped);
  ASSERT_TRUE(layers.ok()) << layers.error().message;
  ASSERT_EQ(layers->size(), 2u);
  EXPECT_EQ(skipped, 0u);
  const CoverageCatalog catalog(std::move(*layers));
  const CoverageLayer* network = catalog.find("300m-agl_rcs1.all");
  ASSERT_NE(network, nullptr);
  EXPECT_EQ(network->features, 2u);
  EXPECT_EQ(network->terrain, "smooth earth (no DEM)");
  const auto collection = nlohmann::json::parse(network->geojson);
  EXPECT_EQ(collection["type"], "FeatureCollection");
  ASSERT_EQ(collection["features"].size(), 2u);
  EXPECT_EQ(collection["features"][1]["properties"]["sensors_seeing"], 2);
  // The sensor id's '/' is not kept in the layer id: ids never look like paths.
  const CoverageLayer* sensor = catalog.find("300m-agl_rcs1.psr_chisinau");
  ASSERT_NE(sensor, nullptr);
  EXPECT_EQ(sensor->sensor, "psr/chisinau");
  EXPECT_EQ(sensor->features, 1u);
  EXPECT_EQ(catalog.find("300m-agl_rcs1"), nullptr);
}

TEST(CoverageLayers, MalformedTextAndFeaturesAreRefusedOrCounted) {
  std::size_t skipped = 0;
  EXPECT_FALSE(coverage_layers_from_geojson("x", "{not json", skipped).ok());
  EXPECT_FALSE(coverage_layers_from_geojson("x", R"({"type":"Feature"})", skipped).ok());
  EXPECT_FALSE(coverage_layers_from_geojson("x", R"([1,2])", skipped).ok());
  EXPECT_FALSE(
      coverage_layers_from_geojson("x", R"({"type":"FeatureCollection","features":{}})", skipped)
          .ok());
  const auto partial =
      coverage_layers_from_geojson("x",
                                   R"({"type":"FeatureCollection","features":[1,{"properties":null},
          {"type":"Feature","properties":{"layer_m":"300","reference":"agl","rcs_m2":1,"sensor":"all"},"geometry":null},
          {"type":"Feature","properties":{"layer_m":300,"reference":"agl","rcs_m2":1,"sensor":"all"}}]})",
                                   skipped);
  ASSERT_TRUE(partial.ok());
  EXPECT_TRUE(partial->empty());
  EXPECT_EQ(skipped, 4u);
}

TEST(CoverageLayers, ListingIsSortedByHeightThenRcsWithTheNetworkFirst) {
  std::size_t skipped = 0;
  std::vector<CoverageLayer> all;
  for (const auto& [stem, layer_m, rcs] :
       {std::tuple{"1000m-agl_rcs1", 1000.0, 1.0}, std::tuple{"300m-agl_rcs10", 300.0, 10.0},
        std::tuple{"300m-agl_rcs0.1", 300.0, 0.1}}) {
    auto layers = coverage_layers_from_geojson(stem, coverage_file(layer_m, rcs), skipped);
    ASSERT_TRUE(layers.ok());
    for (auto& layer : *layers) all.push_back(std::move(layer));
  }
  const CoverageCatalog catalog(std::move(all));
  const auto listing = nlohmann::json::parse(catalog.listing_json());
  ASSERT_EQ(listing.size(), 6u);
  EXPECT_EQ(listing[0]["id"], "300m-agl_rcs0.1.all");
  EXPECT_EQ(listing[1]["id"], "300m-agl_rcs0.1.psr_chisinau");
  EXPECT_EQ(listing[2]["id"], "300m-agl_rcs10.all");
  EXPECT_EQ(listing[4]["id"], "1000m-agl_rcs1.all");
  EXPECT_EQ(listing[0]["layer_m"], 300.0);
  EXPECT_EQ(listing[0]["reference"], "agl");
  EXPECT_EQ(listing[0]["rcs_m2"], 0.1);
  EXPECT_EQ(listing[0]["sensor"], "all");
  EXPECT_EQ(listing[0]["features"], 2);
  EXPECT_EQ(listing[0]["url"], "api/coverage/300m-agl_rcs0.1.all");
}

class CoverageDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = std::filesystem::temp_directory_path() /
            ("straja-coverage-layers-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(base_);
    std::filesystem::create_directories(base_ / "geojson");
  }
  void TearDown() override { std::filesystem::remove_all(base_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(base_ / name, std::ios::binary) << text;
  }
  std::filesystem::path base_;
};

TEST_F(CoverageDirectoryTest, ReadsEveryGeojsonAndSkipsTheMalformedOnes) {
  write("geojson/300m-agl_rcs1.geojson", coverage_file(300, 1));
  write("geojson/100m-agl_rcs1.geojson", coverage_file(100, 1));
  write("geojson/broken.geojson", "{\"type\":\"FeatureCollection\",\"features\":[");
  write("geojson/notes.txt", "not a layer");
  const auto load = load_coverage_catalog(base_);
  ASSERT_TRUE(load.ok()) << load.error().message;
  EXPECT_EQ(load->files_read, 3u);
  EXPECT_EQ(load->files_skipped, 1u);
  EXPECT_NE(load->first_problem.find("broken.geojson"), std::string::npos) << load->first_problem;
  ASSERT_EQ(load->catalog->layers().size(), 4u);
  EXPECT_EQ(load->catalog->layers()[0].id, "100m-agl_rcs1.all");
}

TEST_F(CoverageDirectoryTest, ADirectoryWithoutLayersIsAnErrorNamingIt) {
  auto load = load_coverage_catalog(base_);
  ASSERT_FALSE(load.ok());
  EXPECT_NE(load.error().message.find("no coverage layer"), std::string::npos);
  load = load_coverage_catalog(base_ / "missing");
  ASSERT_FALSE(load.ok());
  EXPECT_NE(load.error().message.find("missing"), std::string::npos);
  std::filesystem::remove_all(base_ / "geojson");
  load = load_coverage_catalog(base_);
  ASSERT_FALSE(load.ok());
  EXPECT_NE(load.error().message.find("geojson"), std::string::npos);
}

}  // namespace
}  // namespace straja::server
