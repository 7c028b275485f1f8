#include "tracking/gnn_tracker.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

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

/// The track ids that were updated by the plots of one target flying a 5 g, 180-degree coordinated
/// turn between two straight legs, a plot every 2 s (30 m, 0.15 deg noise, seeded).
template <class Tracker>
std::set<std::uint32_t> track_ids_along_a_turn(Tracker& tracker) {
  const PlanarRangeBearingModel radar(30.0, units::deg_to_rad(0.15), 1e6);
  const double speed = 300.0;
  const double omega = 5.0 * 9.80665 / speed;
  const double turn_s = units::kPi / omega;
  const CtMotion truth_model;
  CtMotion::Vector x;
  x << 20'000, 30'000, 0, speed, 0, 0, 0;
  std::mt19937_64 rng(3);
  std::normal_distribution<double> n01(0.0, 1.0);
  const Time start = *parse_iso8601("2026-06-01T10:00:00Z");
  std::set<std::uint32_t> ids;
  for (int k = 1; 2.0 * k < 80.0 + turn_s; ++k) {
    for (int step = 0; step < 200; ++step) {  // 10 ms truth steps
      const double t = 2.0 * (k - 1) + 0.01 * step;
      x(6) = (t >= 40.0 && t < 40.0 + turn_s) ? omega : 0.0;
      x = truth_model.f(x, 0.01);
    }
    const Vec3 z = radar.predict(x.head<kStateSize>());
    Plot plot;
    plot.time = start + std::chrono::seconds(2 * k);
    plot.range_m = z(0) + 30.0 * n01(rng);
    plot.azimuth_rad = z(1) + units::deg_to_rad(0.15) * n01(rng);
    tracker.process(std::span<const Plot>(&plot, 1), SensorIndex{0}, plot.time);
    for (const auto& track : tracker.tracks()) {
      if (track.status != TrackStatus::kTentative && track.last_update == plot.time) {
        ids.insert(track.id.value);
      }
    }
  }
  return ids;
}

std::vector<std::unique_ptr<MeasurementModel>> turn_radar() {
  std::vector<std::unique_ptr<MeasurementModel>> models;
  models.push_back(std::make_unique<PlanarRangeBearingModel>(30.0, units::deg_to_rad(0.15), 1e6));
  return models;
}

// The filter is pluggable: the IMM tracker (CV + CT) keeps one track through a 5 g turn that the
// CV EKF tracker loses (its track falls out of the gate and a new one is started).
TEST(GnnTrackerTest, ImmTrackerKeepsATurningTargetTheCvTrackerLoses) {
  GnnTracker cv(GnnTrackerConfig{}, turn_radar(), geo::LocalFrame{});
  ImmGnnTracker imm(GnnTrackerConfig{},
                    ImmFilter{ImmConfig::cv_ct(1.0, 30.0, 5e-2, 1e-4, 0.9, 2.0)}, turn_radar(),
                    geo::LocalFrame{});
  EXPECT_GE(track_ids_along_a_turn(cv).size(), 2u);
  EXPECT_EQ(track_ids_along_a_turn(imm).size(), 1u);
  ASSERT_EQ(imm.tracks().size(), 1u);
  const ImmState& state = imm.tracks()[0].state;
  EXPECT_NEAR(state.probabilities[0] + state.probabilities[1], 1.0, 1e-12);
  // Back on a straight leg: the CV mode dominates again.
  EXPECT_GT(state.probabilities[0], 0.5);
}

TEST(GnnTrackerTest, UkfTrackerFollowsTheSameStraightTargetAsTheEkfTracker) {
  GnnTracker ekf(GnnTrackerConfig{}, turn_radar(), geo::LocalFrame{});
  UkfGnnTracker ukf(GnnTrackerConfig{}, turn_radar(), geo::LocalFrame{});
  const Time start = *parse_iso8601("2026-06-01T10:00:00Z");
  for (int k = 0; k < 20; ++k) {
    Plot plot;
    plot.time = start + std::chrono::seconds(2 * k);
    plot.range_m = 30'000.0 + 400.0 * k;
    plot.azimuth_rad = 0.5;
    ekf.process(std::span<const Plot>(&plot, 1), SensorIndex{0}, plot.time);
    ukf.process(std::span<const Plot>(&plot, 1), SensorIndex{0}, plot.time);
  }
  ASSERT_EQ(ekf.tracks().size(), 1u);
  ASSERT_EQ(ukf.tracks().size(), 1u);
  const Time end = start + std::chrono::seconds(40);
  EXPECT_LT((ekf.states(end)[0].mean - ukf.states(end)[0].mean).head<2>().norm(), 1.0);
}

/// Two ADS-B stations near the system origin (47 N 28.85 E) and a report of one of them.
struct TwoStations {
  SensorRegistry registry;
  geo::LocalFrame frame{geo::Geodetic{47.0, 28.85, 0.0}};
  TwoStations() {
    for (const char* id : {"adsb-a", "adsb-b"}) {
      SensorInfo info;
      info.id = id;
      info.kind = SensorKind::kAdsb;
      info.site = {47.0, 28.85, 200.0};
      info.max_range_m = 400'000.0;
      registry.sensors.push_back(info);
    }
  }
  static Plot report(std::uint16_t station, double seconds, double north_m,
                     std::optional<std::uint32_t> icao) {
    Plot plot;
    plot.time = *parse_iso8601("2026-06-01T10:00:00Z") + from_seconds(seconds);
    plot.sensor = SensorIndex{station};
    plot.kind = SensorKind::kAdsb;
    plot.lat_deg = 47.1 + north_m / 111'200.0;
    plot.lon_deg = 28.9;
    plot.alt_m = 10'000.0;
    plot.alt_kind = AltitudeKind::kBarometric;
    plot.geo_alt_m = 10'200.0;
    plot.vel_east_mps = 200.0;
    plot.vel_north_mps = -50.0;
    plot.vel_up_mps = 0.0;
    if (icao) plot.icao = IcaoAddress{*icao};
    return plot;
  }
};

TEST(GnnTrackerTest, AnAdsbStartedTrackHasTheReportedVelocity) {
  const TwoStations s;
  GnnTracker tracker(GnnTrackerConfig{}, s.registry, s.frame);
  const Plot plot = TwoStations::report(0, 0.0, 0.0, 0x4B1805);
  tracker.process(std::span<const Plot>(&plot, 1), SensorIndex{0}, plot.time);
  ASSERT_EQ(tracker.tracks().size(), 1u);
  const Vec3 velocity = tracker.tracks()[0].state.velocity();
  EXPECT_NEAR(velocity.x(), 200.0, 2.0);  // local ENU 0.05 deg from the origin: ~0.2 m/s apart
  EXPECT_NEAR(velocity.y(), -50.0, 2.0);
}

TEST(GnnTrackerTest, OneAircraftOneTrackAcrossStationsByIdentityAndGate) {
  const TwoStations s;
  GnnTracker tracker(GnnTrackerConfig{}, s.registry, s.frame);
  const Plot first = TwoStations::report(0, 0.0, 0.0, 0x4B1805);
  tracker.process(std::span<const Plot>(&first, 1), SensorIndex{0}, first.time);
  // The other station reports the same address 2 km off (far outside the gate): no second track.
  // Another address at the same place starts its own.
  const std::vector<Plot> second = {TwoStations::report(1, 0.5, 2'000.0, 0x4B1805),
                                    TwoStations::report(1, 0.5, 2'000.0, 0x4B1806)};
  tracker.process(second, SensorIndex{1}, second.back().time);
  ASSERT_EQ(tracker.tracks().size(), 2u);
  EXPECT_EQ(tracker.tracks()[1].icao, IcaoAddress{0x4B1806});
  // Two reports without identity 10 m apart in one batch: one track (the second is in its gate).
  const std::vector<Plot> pair = {TwoStations::report(0, 1.0, 30'000.0, std::nullopt),
                                  TwoStations::report(0, 1.0, 30'010.0, std::nullopt)};
  tracker.process(pair, SensorIndex{0}, pair.back().time);
  EXPECT_EQ(tracker.tracks().size(), 3u);
  // Every track keeps the time each station last updated it (tracks deleted in between or not).
  EXPECT_EQ(tracker.tracks()[0].updated_at.at(0), first.time);
}

TEST(GnnTrackerTest, ChiSquareQuantileMatchesTables) {
  // chi2(3) quantiles from standard tables: 0.95 -> 7.815, 0.99 -> 11.345, 0.999 -> 16.266.
  EXPECT_NEAR(chi_square_3dof_quantile(0.95), 7.815, 1e-3);
  EXPECT_NEAR(chi_square_3dof_quantile(0.99), 11.345, 1e-3);
  EXPECT_NEAR(chi_square_3dof_quantile(0.999), 16.266, 1e-3);
}

}  // namespace
}  // namespace straja::tracking
