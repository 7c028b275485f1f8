#include "coverage/gaps.h"

#include <gtest/gtest.h>

namespace straja::coverage {
namespace {

/// A result on a 20 x 20 grid of about 1 km cells, all inside, with a hand-made coverage pattern.
CoverageResult hand_made(const std::vector<std::string>& rows_north_first) {
  CoverageResult result;
  result.grid = GeoGrid(BoundingBox{47.0, 28.0, 47.0 + 20 * 0.009, 28.0 + 20 * 0.0132}, 1000.0);
  const GeoGrid& grid = result.grid;
  result.inside.assign(grid.cells(), 0);
  result.ground_m.assign(grid.cells(), 0.0f);
  result.settings.layers_m = {100};
  result.settings.rcs_m2 = {1};
  LayerCoverage coverage;
  coverage.pd_all.assign(grid.cells(), 0.0f);
  coverage.sensors_seeing.assign(grid.cells(), 0);
  for (std::size_t i = 0; i < rows_north_first.size(); ++i) {
    const int row = static_cast<int>(rows_north_first.size() - 1 - i);
    for (std::size_t c = 0; c < rows_north_first[i].size(); ++c) {
      const std::size_t g = grid.index(row, static_cast<int>(c));
      const char cell = rows_north_first[i][c];
      if (cell == ' ') continue;
      result.inside[g] = 1;
      if (cell == '#') {
        coverage.pd_all[g] = 0.9f;
        coverage.sensors_seeing[g] = 1;
        coverage.covered_km2 += grid.cell_area_km2(row);
      }
      result.area_km2 += grid.cell_area_km2(row);
    }
  }
  result.layers.push_back(coverage);
  return result;
}

TEST(Corridors, UncoveredRegionsTouchingTheBorderRankedByArea) {
  // '.' uncovered inside, '#' covered, ' ' outside. Two corridors reach the border (the west one is
  // larger); the enclosed hole in the middle is not a corridor.
  const CoverageResult result = hand_made({
      "##########",
      "..########",
      "...###.###",
      "..####.###",
      "..########",
      "########..",
      "##########",
  });
  const auto corridors = uncovered_corridors(result, 0, 0, 5);
  ASSERT_EQ(corridors.size(), 1u + 1u);
  EXPECT_GT(corridors[0].area_km2, corridors[1].area_km2);
  EXPECT_NEAR(corridors[0].area_km2, 9 * result.grid.cell_area_km2(3), 0.5);
  EXPECT_NEAR(corridors[0].border_km, 4.0, 1e-9);  // its 4 cells on the grid's west edge
  EXPECT_NEAR(corridors[1].border_km, 1.0, 1e-9);
  EXPECT_NEAR(corridors[1].area_km2, 2 * result.grid.cell_area_km2(1), 0.1);
  EXPECT_LT(corridors[0].border_lon_deg, corridors[1].border_lon_deg);
}

TEST(Suggestion, GreedyPicksTheLargestGainFirstAndGainsDoNotGrow) {
  // Uncovered area with no existing sensors; candidate 3 km-spaced grid; 3D radar prototype.
  CoverageResult result;
  result.grid = GeoGrid(BoundingBox{46.8, 27.8, 47.2, 28.4}, 1000.0);
  result.inside.assign(result.grid.cells(), 1);
  result.ground_m.assign(result.grid.cells(), 0.0f);
  result.settings.layers_m = {100};
  result.settings.reference = HeightReference::kAmsl;
  result.settings.rcs_m2 = {0.01};
  for (int row = 0; row < result.grid.rows(); ++row) {
    result.area_km2 += result.grid.cell_area_km2(row) * result.grid.columns();
  }
  LayerCoverage none;
  none.pd_all.assign(result.grid.cells(), 0.0f);
  none.sensors_seeing.assign(result.grid.cells(), 0);
  result.layers.push_back(none);
  sim::SensorSpec prototype;
  prototype.info.kind = SensorKind::kPsr3d;
  prototype.psr3d.max_range_m = 15'000;
  prototype.psr3d.min_elevation_deg = -1;
  const auto candidates = candidate_grid(result, 8.0, kDefaultMastM);
  ASSERT_GT(candidates.size(), 10u);
  const Suggestion suggestion = suggest_sites(result, nullptr, prototype, candidates, 3, 0, 0);
  ASSERT_EQ(suggestion.chosen.size(), 3u);
  double previous = 1e18, total = 0.0;
  for (const SiteGain& gain : suggestion.chosen) {
    EXPECT_GT(gain.gain_km2, 0.0);
    EXPECT_LE(gain.gain_km2, previous + 1e-9);  // submodular: gains never grow
    previous = gain.gain_km2;
    total += gain.gain_km2;
    EXPECT_NEAR(gain.covered_km2, total, 1e-6);
  }
  // The first pick covers a full disc of ~15 km: not cut by the area's edge.
  EXPECT_GT(suggestion.chosen[0].gain_km2, 0.9 * 3.14159 * 15 * 15 * 0.8);
}

}  // namespace
}  // namespace straja::coverage
