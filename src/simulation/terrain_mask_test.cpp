// Terrain in a scenario (environment.dem, SRTM tiles): a radar does not see a low target behind a
// ridge that it sees over a smooth earth, and a bad tile is an error naming the field.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "simulation/scenario.h"
#include "simulation/simulator.h"

namespace straja::sim {
namespace {

namespace fs = std::filesystem;

/// An SRTM3 tile N47E028 with a 1,500 m east-west ridge 20 km north of (47.0 N, 28.8 E).
void write_ridge_tile(const fs::path& path) {
  std::ofstream out(path, std::ios::binary);
  const double ridge_lat = 47.0 + 20'000.0 / 111'200.0;
  for (int r = 0; r < 1201; ++r) {
    const double lat = 48.0 - r / 1200.0;
    for (int c = 0; c < 1201; ++c) {
      const int h = std::abs(lat - ridge_lat) < 0.006 ? 1500 : 0;
      const char bytes[2] = {static_cast<char>((h >> 8) & 0xFF), static_cast<char>(h & 0xFF)};
      out.write(bytes, 2);
    }
  }
}

std::string scenario_text(bool with_dem) {
  return std::string(R"(name: ridge
reference: {lat_deg: 47.0, lon_deg: 28.8, height_m: 0}
start: 2026-06-01T10:00:00Z
duration_s: 120
seed: 3
)") + (with_dem ? "environment: {dem: [N47E028.hgt]}\n" : "") +
         R"(sensors:
  - {id: psr, kind: psr3d, sac: 1, sic: 1, lat_deg: 47.0, lon_deg: 28.8, height_m: 30,
     rotation_period_s: 4, false_alarms_per_scan: 0, min_elevation_deg: -1}
targets:
  - {id: 1, class: general_aviation, lat_deg: 47.45, lon_deg: 28.8, alt_m: 600, heading_deg: 90, speed_mps: 50}
  - {id: 2, class: general_aviation, lat_deg: 46.65, lon_deg: 28.8, alt_m: 600, heading_deg: 90, speed_mps: 50}
)";
}

/// Plots per target over the whole run.
std::map<std::int64_t, int> plots_per_target(const Scenario& scenario) {
  Simulator simulator(scenario);
  std::map<std::int64_t, int> count;
  while (auto scan = simulator.next_scan()) {
    for (const Plot& plot : scan->plots) ++count[plot.truth_id];
  }
  return count;
}

TEST(TerrainMask, ARidgeHidesTheLowTargetBehindItAndNothingElse) {
  const fs::path dir = fs::temp_directory_path() / ("straja-ridge-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_ridge_tile(dir / "N47E028.hgt");
  auto smooth = parse_scenario(scenario_text(false), (dir / "ridge.yaml").string());
  auto ridged = parse_scenario(scenario_text(true), (dir / "ridge.yaml").string());
  ASSERT_TRUE(smooth.ok()) << smooth.error().message;
  ASSERT_TRUE(ridged.ok()) << ridged.error().message;
  ASSERT_TRUE(ridged->environment.terrain != nullptr);
  auto seen_smooth = plots_per_target(*smooth);
  auto seen_ridged = plots_per_target(*ridged);
  // Target 1 flies 50 km north at 600 m: behind the ridge (which needs ~3,500 m there).
  EXPECT_GT(seen_smooth[1], 20);
  EXPECT_EQ(seen_ridged[1], 0);
  // Target 2, 39 km south, has nothing in the way.
  EXPECT_GT(seen_smooth[2], 20);
  EXPECT_EQ(seen_ridged[2], seen_smooth[2]);
  fs::remove_all(dir);
}

TEST(TerrainMask, AMissingTileIsAnErrorNamingTheField) {
  const auto scenario = parse_scenario(scenario_text(true), "/nonexistent/dir/ridge.yaml");
  ASSERT_FALSE(scenario.ok());
  EXPECT_NE(scenario.error().message.find("environment.dem"), std::string::npos)
      << scenario.error().message;
  EXPECT_NE(scenario.error().message.find("N47E028.hgt"), std::string::npos)
      << scenario.error().message;
}

}  // namespace
}  // namespace straja::sim
