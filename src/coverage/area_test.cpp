#include "coverage/area.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "coverage/world_atlas.h"

namespace straja::coverage {
namespace {

TEST(Area, RasterizesAPolygonWithAHole) {
  const auto area = parse_geojson_area(
      R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[
          [[0,0],[10,0],[10,10],[0,10],[0,0]], [[4,4],[6,4],[6,6],[4,6],[4,4]]]}})",
      "square.geojson");
  ASSERT_TRUE(area.ok()) << area.error().message;
  EXPECT_EQ(area->name, "square");
  const GeoGrid grid(BoundingBox{-1, -1, 11, 11}, 111'000.0);  // about a degree
  const auto inside = rasterize(*area, grid);
  auto at = [&](double lat, double lon) {
    return inside[grid.index(grid.row_of(lat), grid.column_of(lon))];
  };
  EXPECT_EQ(at(1.5, 1.5), 1);
  EXPECT_EQ(at(5.0, 5.0), 0);  // the hole
  EXPECT_EQ(at(-0.5, 5.0), 0);
  EXPECT_EQ(at(9.5, 9.0), 1);
  const auto border = border_cells(inside, grid);
  EXPECT_EQ(border[grid.index(grid.row_of(0.3), grid.column_of(5.0))], 1);
  EXPECT_EQ(border[grid.index(grid.row_of(2.5), grid.column_of(2.5))], 0);
}

TEST(Area, BadGeoJsonNamesTheFileAndTheProblem) {
  auto not_json = parse_geojson_area("{", "a.geojson");
  ASSERT_FALSE(not_json.ok());
  EXPECT_NE(not_json.error().message.find("a.geojson"), std::string::npos);
  auto point = parse_geojson_area(R"({"type":"Point","coordinates":[1,2]})", "p.geojson");
  ASSERT_FALSE(point.ok());
  EXPECT_NE(point.error().message.find("Point"), std::string::npos);
  auto bad_position = parse_geojson_area(
      R"({"type":"Polygon","coordinates":[[[0,0],["x",1],[1,1]]]})", "b.geojson");
  ASSERT_FALSE(bad_position.ok());
  EXPECT_FALSE(read_geojson_area("/nonexistent/area.geojson").ok());
}

TEST(WorldAtlas, DecodesQuantizedDeltaArcs) {
  // Two squares sharing an edge (arc 1), quantized with scale 0.5 and translate (20, 40).
  const std::string topology = R"({"type":"Topology",
    "transform":{"scale":[0.5,0.5],"translate":[20,40]},
    "objects":{"countries":{"type":"GeometryCollection","geometries":[
      {"type":"Polygon","arcs":[[0,1]],"properties":{"name":"Westland"}},
      {"type":"MultiPolygon","arcs":[[[2,-2]]],"properties":{"name":"Eastland"}}]}},
    "arcs":[[[2,0],[-2,0],[0,2],[2,0]], [[2,2],[0,-2]], [[2,0],[2,0],[0,2],[-2,0]]]})";
  auto west = parse_country(topology, "t.json", "westland");
  ASSERT_TRUE(west.ok()) << west.error().message;
  ASSERT_EQ(west->rings.size(), 1u);
  // Arc 0: (2,0) (0,0) (0,2) (2,2) -> lon = 20 + x/2, lat = 40 + y/2; arc 1 adds (2,0).
  const Ring& ring = west->rings[0];
  ASSERT_EQ(ring.size(), 5u);
  EXPECT_DOUBLE_EQ(ring[0].lon_deg, 21.0);
  EXPECT_DOUBLE_EQ(ring[0].lat_deg, 40.0);
  EXPECT_DOUBLE_EQ(ring[1].lon_deg, 20.0);
  EXPECT_DOUBLE_EQ(ring[3].lat_deg, 41.0);
  EXPECT_DOUBLE_EQ(ring[4].lon_deg, 21.0);
  EXPECT_DOUBLE_EQ(ring[4].lat_deg, 40.0);
  auto east = parse_country(topology, "t.json", "Eastland");
  ASSERT_TRUE(east.ok());
  const BoundingBox box = east->bounds();
  EXPECT_DOUBLE_EQ(box.west_deg, 21.0);
  EXPECT_DOUBLE_EQ(box.east_deg, 22.0);
  auto missing = parse_country(topology, "t.json", "Eastlandia");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("close: Eastland"), std::string::npos);
}

TEST(WorldAtlas, MoldovaFromTheInstalledAtlas) {
  const std::string path = default_borders_path();
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " absent (scripts/setup installs it)";
  auto moldova = load_country(path, "Moldova");
  ASSERT_TRUE(moldova.ok()) << moldova.error().message;
  const BoundingBox box = moldova->bounds();
  EXPECT_NEAR(box.south_deg, 45.47, 0.1);
  EXPECT_NEAR(box.north_deg, 48.49, 0.1);
  EXPECT_NEAR(box.west_deg, 26.62, 0.1);
  EXPECT_NEAR(box.east_deg, 30.13, 0.1);
  const GeoGrid grid(box, 2000.0);
  double area = 0.0;
  const auto inside = rasterize(*moldova, grid);
  for (int row = 0; row < grid.rows(); ++row) {
    for (int column = 0; column < grid.columns(); ++column) {
      if (inside[grid.index(row, column)] != 0) area += grid.cell_area_km2(row);
    }
  }
  EXPECT_NEAR(area, 33'850, 1'000);  // Moldova: 33,846 km^2
}

}  // namespace
}  // namespace straja::coverage

namespace straja::coverage {
namespace {

TEST(Area, PositionsOutsideTheGlobeAreErrors) {
  auto far = parse_geojson_area(R"({"type":"Polygon","coordinates":[[[0,0],[1e300,0],[1,1]]]})",
                                "far.geojson");
  ASSERT_FALSE(far.ok());
  EXPECT_NE(far.error().message.find("far.geojson"), std::string::npos);
}

TEST(Area, DeeplyNestedGeometryCollectionsAreRefusedNotRecursedInto) {
  const auto nested = [](int depth) {
    std::string text;
    for (int i = 0; i < depth; ++i) text += R"({"type":"GeometryCollection","geometries":[)";
    text += R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]})";
    for (int i = 0; i < depth; ++i) text += "]}";
    return text;
  };
  EXPECT_TRUE(parse_geojson_area(nested(8), "a.geojson").ok());
  const auto deep = parse_geojson_area(nested(100000), "deep.geojson");
  ASSERT_FALSE(deep.ok());
  EXPECT_NE(deep.error().message.find("nested"), std::string::npos) << deep.error().message;
}

// Found by the topojson_country fuzz target: a quantized position past the globe was accepted.
TEST(WorldAtlas, PositionsOutsideTheGlobeAndRinglessCountriesAreErrors) {
  const std::string far = R"({"type":"Topology","transform":{"scale":[5,1],"translate":[27,46]},
    "objects":{"countries":{"type":"GeometryCollection","geometries":[
      {"type":"Polygon","arcs":[[0]],"properties":{"name":"Far"}}]}},
    "arcs":[[[0,0],[1000,0],[0,1],[-1000,0]]]})";
  const auto outside = parse_country(far, "t.json", "Far");
  ASSERT_FALSE(outside.ok());
  EXPECT_NE(outside.error().message.find("outside longitude"), std::string::npos);
  const std::string ringless = R"({"type":"Topology",
    "objects":{"countries":{"type":"GeometryCollection","geometries":[
      {"type":"Polygon","arcs":[[0]],"properties":{"name":"Dot"}}]}},
    "arcs":[[[28,47],[28.1,47]]]})";
  EXPECT_FALSE(parse_country(ringless, "t.json", "Dot").ok());
  EXPECT_FALSE(parse_country(R"({"type":"Topology","objects":{}})", "t.json", "X").ok());
  const std::string fractional_index = R"({"type":"Topology",
    "objects":{"countries":{"type":"GeometryCollection","geometries":[
      {"type":"Polygon","arcs":[[0.5]],"properties":{"name":"Half"}}]}},
    "arcs":[[[28,47],[28.1,47],[28.1,47.1]]]})";
  EXPECT_FALSE(parse_country(fractional_index, "t.json", "Half").ok());
}

}  // namespace
}  // namespace straja::coverage
