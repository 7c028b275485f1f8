// straja coverage as a user runs it: the built-in scenario over a country, a sensors.yaml with a
// GeoJSON area and an SRTM tile the test writes, and bad inputs (exit 2, one line naming the
// file and field).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "run_process.h"
#include "test_files.h"

namespace straja {
namespace {

using testing::fresh_dir;
using testing::read_text;
using testing::run_process;
using testing::straja_binary;

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::vector<std::string> cells;
    std::istringstream fields(line);
    std::string cell;
    while (std::getline(fields, cell, ',')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

TEST(CliCoverage, MoldovaOverItsCountryWorksOutOfTheBox) {
  const auto dir = fresh_dir("cli-coverage", "moldova");
  const auto result = run_process(
      straja_binary() + " coverage moldova --country Moldova --cell 2000 --out " + dir.string());
  if (result.output.find("cannot open the country borders") != std::string::npos) {
    GTEST_SKIP() << "world-atlas not installed (scripts/setup installs it)";
  }
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("smooth earth"), std::string::npos);
  const auto rows = csv_rows(read_text(dir / "coverage.csv"));
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(read_text(dir / "coverage.csv").substr(0, 61),
            "layer_m,reference,rcs_m2,sensor,covered_fraction,covered_km2\n");
  // 5 layers x 4 RCS x (6 sensors + all).
  EXPECT_EQ(rows.size(), 1u + 5 * 4 * 7);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 6u);
    EXPECT_EQ(rows[i][1], "agl");
    const double fraction = std::stod(rows[i][4]);
    EXPECT_GE(fraction, 0.0);
    EXPECT_LE(fraction, 1.0);
  }
  EXPECT_TRUE(std::filesystem::exists(dir / "coverage.html"));
  EXPECT_TRUE(std::filesystem::exists(dir / "geojson" / "100m-agl_rcs1.geojson"));
  EXPECT_TRUE(std::filesystem::exists(dir / "maps" / "100m-agl_rcs1.svg"));
  EXPECT_TRUE(std::filesystem::exists(dir / "maps" / "100m-agl_rcs1.png"));
  EXPECT_NE(read_text(dir / "coverage.html").find("Moldova"), std::string::npos);
}

TEST(CliCoverage, SensorsFileAreaAndSrtmTileWithSuggestion) {
  const auto dir = fresh_dir("cli-coverage", "sensors");
  {
    std::ofstream(dir / "sensors.yaml")
        << "date: 2026-06-01\nsensors:\n"
           "  - {id: psr-a, kind: psr3d, sac: 1, sic: 1, lat_deg: 47.0, lon_deg: 28.5, height_m: "
           "230, max_range_m: 60000}\n";
    std::ofstream(dir / "area.geojson")
        << R"({"type":"Polygon","coordinates":[[[28.0,46.7],[29.0,46.7],[29.0,47.3],[28.0,47.3],[28.0,46.7]]]})";
    // A flat SRTM3 tile, 200 m everywhere (big-endian int16).
    std::ofstream tile(dir / "N47E028.hgt", std::ios::binary);
    for (int i = 0; i < 1201 * 1201; ++i) tile << static_cast<char>(0) << static_cast<char>(200);
  }
  const auto result =
      run_process(straja_binary() + " coverage " + (dir / "sensors.yaml").string() + " --area " +
                  (dir / "area.geojson").string() + " --dem " + (dir / "N47E028.hgt").string() +
                  " --layers 100,1000 --rcs 1 --cell 1000 --suggest 2 --suggest-rcs 1 "
                  "--candidate-grid 20 --out " +
                  (dir / "out").string());
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("terrain from 1 DEM"), std::string::npos);
  const auto rows = csv_rows(read_text(dir / "out" / "coverage.csv"));
  ASSERT_EQ(rows.size(), 1u + 2 * 2);
  // Per sensor = combined with one sensor; higher layer covers at least as much here.
  EXPECT_EQ(rows[1][4], rows[2][4]);
  EXPECT_LE(std::stod(rows[2][4]), std::stod(rows[4][4]));
  const auto suggestions = csv_rows(read_text(dir / "out" / "suggestions.csv"));
  ASSERT_GE(suggestions.size(), 2u);
  EXPECT_GT(std::stod(suggestions[1][5]), 0.0);  // the first site's gain
  EXPECT_NE(read_text(dir / "out" / "coverage.html").find("1 - 1/e"), std::string::npos);
}

TEST(CliCoverage, ScenarioFileTerrainIsUsedAndStated) {
  // A scenario whose environment.dem is a ridge tile (1500 m along 28.5 E) east of its radar: the
  // terrain is stated and hides the low layer beyond the ridge, which a smooth earth does not.
  const auto dir = fresh_dir("cli-coverage", "scenario");
  {
    std::ofstream tile(dir / "N47E028.hgt", std::ios::binary);
    for (int row = 0; row < 1201; ++row) {
      for (int column = 0; column < 1201; ++column) {
        const bool ridge = column >= 595 && column <= 605;
        const int h = ridge ? 1500 : 0;
        tile << static_cast<char>(h >> 8) << static_cast<char>(h & 0xff);
      }
    }
    std::ofstream(dir / "ridge.yaml")
        << "name: ridge\nreference: {lat_deg: 47.5, lon_deg: 28.3, height_m: 0}\n"
           "start: 2026-06-01T10:00:00Z\nenvironment: {dem: N47E028.hgt}\nsensors:\n"
           "  - {id: psr, kind: psr3d, lat_deg: 47.5, lon_deg: 28.2, height_m: 50, max_range_m: "
           "60000, "
           "min_elevation_deg: -2}\ntargets: []\n";
    std::ofstream(dir / "area.geojson")
        << R"({"type":"Polygon","coordinates":[[[28.6,47.3],[28.9,47.3],[28.9,47.7],[28.6,47.7],[28.6,47.3]]]})";
  }
  auto run = [&](const std::string& extra, const std::string& out) {
    return run_process(straja_binary() + " coverage " + (dir / "ridge.yaml").string() + " --area " +
                       (dir / "area.geojson").string() +
                       " --amsl --layers 200 --rcs 10 --cell 500 " + extra + " --out " +
                       (dir / out).string());
  };
  const auto with_terrain = run("", "terrain");
  ASSERT_EQ(with_terrain.exit_code, 0) << with_terrain.output;
  EXPECT_NE(with_terrain.output.find("terrain from 1 DEM"), std::string::npos)
      << with_terrain.output;
  const auto flat = csv_rows(read_text(dir / "terrain" / "coverage.csv"));
  ASSERT_EQ(flat.size(), 3u);
  EXPECT_LT(std::stod(flat[2][4]), 0.01);  // behind the ridge: nothing at 200 m
  // The same sensors as a sensors.yaml (no terrain): a smooth earth covers part of the area.
  std::ofstream(dir / "sensors.yaml") << "sensors:\n  - {id: psr, kind: psr3d, lat_deg: 47.5, "
                                         "lon_deg: 28.2, height_m: 50, max_range_m: 60000}\n";
  const auto smooth =
      run_process(straja_binary() + " coverage " + (dir / "sensors.yaml").string() + " --area " +
                  (dir / "area.geojson").string() +
                  " --amsl --layers 200 --rcs 10 --cell 500 --out " + (dir / "smooth").string());
  ASSERT_EQ(smooth.exit_code, 0) << smooth.output;
  EXPECT_NE(smooth.output.find("smooth earth"), std::string::npos);
  const auto rows = csv_rows(read_text(dir / "smooth" / "coverage.csv"));
  EXPECT_GT(std::stod(rows[2][4]), 0.2);
}

TEST(CliCoverage, BadInputsExitTwoNamingTheProblem) {
  const auto dir = fresh_dir("cli-coverage", "bad");
  {
    std::ofstream(dir / "sensors.yaml")
        << "sensors:\n  - {id: x, kind: psr3d, lat_deg: north, lon_deg: 28}\n";
    std::ofstream(dir / "area.geojson") << R"({"type":"Point","coordinates":[1,2]})";
  }
  const auto bad_sensors =
      run_process(straja_binary() + " coverage " + (dir / "sensors.yaml").string() + " --out " +
                  (dir / "out").string());
  EXPECT_EQ(bad_sensors.exit_code, 2);
  EXPECT_NE(bad_sensors.output.find("sensors.yaml:2"), std::string::npos) << bad_sensors.output;
  EXPECT_NE(bad_sensors.output.find("lat_deg"), std::string::npos) << bad_sensors.output;
  const auto bad_area =
      run_process(straja_binary() + " coverage moldova --area " + (dir / "area.geojson").string() +
                  " --out " + (dir / "out").string());
  EXPECT_EQ(bad_area.exit_code, 2);
  EXPECT_NE(bad_area.output.find("area.geojson"), std::string::npos) << bad_area.output;
  const auto bad_layer = run_process(straja_binary() + " coverage moldova --layers 100,x --out " +
                                     (dir / "out").string());
  EXPECT_EQ(bad_layer.exit_code, 2);
  const auto no_scenario =
      run_process(straja_binary() + " coverage no-such-scenario --out " + (dir / "out").string());
  EXPECT_EQ(no_scenario.exit_code, 2);
  const auto bad_dem =
      run_process(straja_binary() + " coverage moldova --dem " + (dir / "area.geojson").string() +
                  " --out " + (dir / "out").string());
  EXPECT_EQ(bad_dem.exit_code, 2);
  EXPECT_NE(bad_dem.output.find("area.geojson"), std::string::npos) << bad_dem.output;
}

}  // namespace
}  // namespace straja
