#include "coverage/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "coverage/ridge_test_support.h"

namespace straja::coverage {
namespace {

TEST(CoverageReport, GeoJsonSvgAndHtmlStateTheTerrainAndCarryTheLayer) {
  const testing::BoxCoverage box = testing::box_coverage();
  const Area& area = box.area;
  const CoverageResult& result = box.result;
  const std::string terrain = terrain_statement(result, {});
  EXPECT_NE(terrain.find("smooth earth"), std::string::npos);
  const auto geojson = nlohmann::json::parse(coverage_geojson(result, 0, 0, terrain));
  ASSERT_FALSE(geojson["features"].empty());
  const auto& properties = geojson["features"][0]["properties"];
  EXPECT_EQ(properties["layer_m"], 300);
  EXPECT_EQ(properties["rcs_m2"], 1);
  EXPECT_EQ(properties["sensor"], "all");
  EXPECT_EQ(properties["reference"], "agl");
  EXPECT_EQ(geojson["features"][0]["geometry"]["type"], "MultiPolygon");
  const auto& last = geojson["features"].back();  // the radar's own coverage
  EXPECT_EQ(last["properties"]["sensor"], "radar");
  EXPECT_TRUE(last["properties"]["sensors_seeing"].is_null());
  const std::string svg = coverage_svg(result, area, 0, 0, terrain);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("smooth earth"), std::string::npos);
  EXPECT_NE(svg.find("covered by 1 sensor"), std::string::npos);
  EXPECT_NE(svg.find("<polygon"), std::string::npos);  // the border
  ReportContext context;
  context.area_name = "box";
  context.terrain = terrain;
  const std::string html = coverage_html(result, area, context);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("http://", html.find("<body")),
            html.find("http://www.w3.org"));  // no links out
  EXPECT_EQ(layer_name(result, 0, 0), "300m-agl_rcs1");
}

}  // namespace
}  // namespace straja::coverage
