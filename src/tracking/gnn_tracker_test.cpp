#include "tracking/gnn_tracker.h"

#include <gtest/gtest.h>

#include "core/units.h"
#include "simulation/simulator.h"
#include "tracking/models/planar_range_bearing.h"

namespace straja::tracking {
namespace {

constexpr const char* kCrossing = R"(
name: crossing-test
reference: {lat_deg: 47.0, lon_deg: 28.85}
start: 2026-06-01T10:00:00Z
duration_s: 300
seed: 11
sensors:
  - {id: r1, kind: psr3d, lat_deg: 47.0, lon_deg: 28.85, height_m: 200, false_alarms_per_scan: 20}
targets:
  - {id: 1, class: airliner, lat_deg: 47.30, lon_deg: 28.50, alt_m: 10000, heading_deg: 135, speed_mps: 220}
  - {id: 2, class: airliner, lat_deg: 47.30, lon_deg: 29.20, alt_m: 9000, heading_deg: 225, speed_mps: 220}
  - {id: 3, class: general_aviation, lat_deg: 46.80, lon_deg: 28.70, alt_m: 1200, heading_deg: 90, speed_mps: 60}
)";

TEST(GnnTrackerTest, TracksEveryTargetThroughClutterWithoutFalseConfirmedTracks) {
  auto scenario = sim::parse_scenario(kCrossing, "crossing-test");
  ASSERT_TRUE(scenario.ok()) << scenario.error().describe();
  sim::Simulator simulator(*scenario);
  const geo::LocalFrame frame(scenario->reference);
  GnnTracker tracker(GnnTrackerConfig{}, simulator.registry(), frame);
  int scored = 0;
  while (auto scan = simulator.next_scan()) {
    tracker.process(scan->plots, scan->sensor, scan->end);
    if (scan->end - scenario->start < std::chrono::seconds(60)) continue;
    // After start-up: each target has exactly one confirmed track within 300 m, and there is no
    // other confirmed track.
    const auto truth = simulator.truth_at(scan->end);
    const auto states = tracker.states(scan->end);
    std::size_t confirmed = 0;
    for (std::size_t i = 0; i < states.size(); ++i) {
      if (tracker.tracks()[i].status == TrackStatus::kTentative) continue;
      ++confirmed;
      double nearest = 1e12;
      for (const auto& target : truth) {
        nearest = std::min(nearest, (states[i].position() - frame.to_enu(target.position)).norm());
      }
      EXPECT_LT(nearest, 300.0) << "track " << tracker.tracks()[i].id.value;
    }
    EXPECT_EQ(confirmed, truth.size());
    ++scored;
  }
  EXPECT_GT(scored, 50);
  EXPECT_GT(tracker.statistics().plots, 1000u);
}

// Regression: misses are only counted inside coverage, so a track that flew out of every sensor's
// coverage was never deleted. It must go max_coast_s after its last update.
TEST(GnnTrackerTest, RegressionTrackLeavingCoverageIsDeleted) {
  GnnTrackerConfig config;
  config.max_coast_s = 10.0;
  std::vector<std::unique_ptr<MeasurementModel>> models;
  models.push_back(
      std::make_unique<PlanarRangeBearingModel>(25.0, units::deg_to_rad(0.2), 10'000.0));
  GnnTracker tracker(config, std::move(models), geo::LocalFrame{});
  const Time start = *parse_iso8601("2026-06-01T10:00:00Z");
  for (int k = 0; k < 60; ++k) {
    const Time t = start + std::chrono::seconds(k);
    const double north = 8'000.0 + 100.0 * k;  // leaves the 10 km coverage at k = 20
    std::vector<Plot> plots;
    if (north < 10'000.0) {
      Plot plot;
      plot.time = t;
      plot.range_m = north;
      plot.azimuth_rad = 0.0;
      plots.push_back(plot);
    }
    tracker.process(plots, SensorIndex{0}, t);
    if (k == 19) {
      ASSERT_EQ(tracker.tracks().size(), 1u);
      EXPECT_EQ(tracker.tracks()[0].status, TrackStatus::kConfirmed);
    }
    if (k == 25) {
      EXPECT_EQ(tracker.tracks().size(), 1u) << "still coasting shortly after leaving";
    }
  }
  EXPECT_TRUE(tracker.tracks().empty());
  EXPECT_EQ(tracker.statistics().tracks_deleted, 1u);
}

TEST(GnnTrackerTest, ChiSquareQuantileMatchesTables) {
  // chi2(3) quantiles from standard tables: 0.95 -> 7.815, 0.99 -> 11.345, 0.999 -> 16.266.
  EXPECT_NEAR(chi_square_3dof_quantile(0.95), 7.815, 1e-3);
  EXPECT_NEAR(chi_square_3dof_quantile(0.99), 11.345, 1e-3);
  EXPECT_NEAR(chi_square_3dof_quantile(0.999), 16.266, 1e-3);
}

}  // namespace
}  // namespace straja::tracking
