#include "tracking/gnn_tracker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
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

// Several radars cover a target that only one of them sees (a small target, far from the
// others): the others' misses, one batch after another between its updates, must neither keep
// the track from confirming nor delete it; when the seeing radar loses the target, the track goes.
TEST(GnnTrackerTest, RadarsThatNeverSeeATargetDoNotDeleteItsTrack) {
  std::vector<std::unique_ptr<MeasurementModel>> models;
  for (int radar = 0; radar < 5; ++radar) {
    models.push_back(
        std::make_unique<PlanarRangeBearingModel>(25.0, units::deg_to_rad(0.2), 50'000.0));
  }
  GnnTracker tracker(GnnTrackerConfig{}, std::move(models), geo::LocalFrame{});
  const Time start = *parse_iso8601("2026-06-01T10:00:00Z");
  std::set<std::uint32_t> ids;
  for (int k = 0; k < 60; ++k) {
    const Time t = start + std::chrono::seconds(k);
    std::vector<Plot> plots;
    if (k < 40) {  // radar 0 sees the target (flying north at 100 m/s) until k = 40
      Plot plot;
      plot.time = t;
      plot.range_m = 20'000.0 + 100.0 * k;
      plot.azimuth_rad = 0.0;
      plots.push_back(plot);
    }
    tracker.process(plots, SensorIndex{0}, t);
    for (std::uint16_t radar = 1; radar < 5; ++radar) {  // the others: nothing, every second
      tracker.process({}, SensorIndex{radar}, t + std::chrono::milliseconds(200 * radar));
    }
    for (const auto& track : tracker.tracks()) ids.insert(track.id.value);
    if (k >= 3 && k < 40) {
      ASSERT_EQ(tracker.tracks().size(), 1u) << "at " << k;
      EXPECT_NE(tracker.tracks()[0].status, TrackStatus::kTentative) << "at " << k;
    }
  }
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_TRUE(tracker.tracks().empty()) << "deleted once radar 0 lost the target";
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

// Two ADS-B aircraft whose reports cross at the same place and time: each report only ever
// updates the track of its own address, so neither track takes the other's identity.
TEST(GnnTrackerTest, TwoAircraftAddressesNeverShareATrack) {
  const TwoStations s;
  GnnTracker tracker(GnnTrackerConfig{}, s.registry, s.frame);
  for (int i = 0; i < 20; ++i) {
    // 0x4B1805 flies north at ~20 m/s over the 0x4B1806 track flying south: the same position at
    // i = 10, and closer than any gate from i = 8 to 12.
    std::vector<Plot> batch = {TwoStations::report(0, i, -200.0 + 20.0 * i, 0x4B1805),
                               TwoStations::report(0, i, 200.0 - 20.0 * i, 0x4B1806)};
    for (Plot& plot : batch) {
      plot.vel_east_mps = 0.0;
      plot.vel_north_mps = plot.icao == IcaoAddress{0x4B1805} ? 20.0 : -20.0;
    }
    tracker.process(batch, SensorIndex{0}, batch.back().time);
    for (const auto& track : tracker.tracks()) ASSERT_TRUE(track.icao);
  }
  ASSERT_EQ(tracker.tracks().size(), 2u) << "one track per address, none started twice";
  const auto& tracks = tracker.tracks();
  const auto& north = *tracks[0].icao == IcaoAddress{0x4B1805} ? tracks[0] : tracks[1];
  const auto& south = *tracks[0].icao == IcaoAddress{0x4B1805} ? tracks[1] : tracks[0];
  EXPECT_EQ(*south.icao, IcaoAddress{0x4B1806});
  // After the crossing, the northbound address's track is the northern one (by 360 m).
  EXPECT_NEAR(north.state.position().y() - south.state.position().y(), 360.0, 30.0);
  EXPECT_EQ(tracker.statistics().associated, 2u * 19u) << "every later report on its own track";

  // A report of a third address exactly where the northbound track is predicted, in a batch
  // without that track's own report: it starts a track of its own instead of taking over (and
  // renaming) the northbound one.
  Plot intruder = TwoStations::report(0, 20.0, -200.0 + 20.0 * 20.0, 0x4B1807);
  intruder.vel_east_mps = 0.0;
  intruder.vel_north_mps = 20.0;
  tracker.process(std::span<const Plot>(&intruder, 1), SensorIndex{0}, intruder.time);
  ASSERT_EQ(tracker.tracks().size(), 3u);
  EXPECT_EQ(tracker.statistics().associated, 2u * 19u);
  std::vector<std::uint32_t> addresses;
  for (const auto& track : tracker.tracks()) addresses.push_back(track.icao->value);
  std::sort(addresses.begin(), addresses.end());
  EXPECT_EQ(addresses, (std::vector<std::uint32_t>{0x4B1805, 0x4B1806, 0x4B1807}));
}

TEST(GnnTrackerTest, ChiSquareQuantileMatchesTables) {
  // chi2(3) quantiles from standard tables: 0.95 -> 7.815, 0.99 -> 11.345, 0.999 -> 16.266.
  EXPECT_NEAR(chi_square_3dof_quantile(0.95), 7.815, 1e-3);
  EXPECT_NEAR(chi_square_3dof_quantile(0.99), 11.345, 1e-3);
  EXPECT_NEAR(chi_square_3dof_quantile(0.999), 16.266, 1e-3);
}

// JPDA keeps both of two targets crossing at a small angle: within a gate of each other for
// about 20 scans, each track weighs both plots, and both tracks must stay on their targets (no
// coalescence onto one, no loss) through and after the crossing.
TEST(GnnTrackerTest, JpdaKeepsTwoCloseCrossingTargets) {
  GnnTrackerConfig config;
  config.associator = Associator::kJpda;
  config.motion.q_horizontal = 0.5;
  config.motion.q_vertical = 1e-6;
  config.gate_mahalanobis_squared = -2.0 * std::log(0.001);
  config.max_coast_s = 4.0;
  config.llr.false_alarm_density = 1e-5;
  std::vector<std::unique_ptr<MeasurementModel>> models;
  models.push_back(
      std::make_unique<PlanarRangeBearingModel>(25.0, units::deg_to_rad(0.2), 100'000.0));
  GnnTracker tracker(config, std::move(models), geo::LocalFrame{});
  std::mt19937 rng(5);
  std::normal_distribution<double> range_noise(0.0, 25.0);
  std::normal_distribution<double> bearing_noise(0.0, units::deg_to_rad(0.2));
  // Both fly north-east at 200 m/s, 6 degrees apart, crossing at scan 40 at (14 km, 14 km).
  const double speed = 200.0;
  const double headings[2] = {units::deg_to_rad(42.0), units::deg_to_rad(48.0)};
  const Time start = *parse_iso8601("2026-06-01T10:00:00Z");
  int checked = 0;
  for (int k = 0; k < 80; ++k) {
    const Time t = start + std::chrono::seconds(k);
    std::vector<Plot> plots;
    Vec3 truth[2];
    for (int i = 0; i < 2; ++i) {
      const double s = speed * (k - 40);
      truth[i] =
          Vec3(14'000.0 + s * std::sin(headings[i]), 14'000.0 + s * std::cos(headings[i]), 0.0);
      Plot plot;
      plot.time = t;
      plot.kind = SensorKind::kSsr;
      plot.range_m = truth[i].head<2>().norm() + range_noise(rng);
      plot.azimuth_rad =
          units::wrap_two_pi(std::atan2(truth[i](0), truth[i](1)) + bearing_noise(rng));
      plots.push_back(plot);
    }
    tracker.process(plots, SensorIndex{0}, t);
    if (k < 10) continue;
    const auto states = tracker.states(t);
    std::set<std::uint32_t> nearest_track;  // one distinct track nearest each target
    std::size_t confirmed = 0;
    for (int i = 0; i < 2; ++i) {
      double best = 1e12;
      std::uint32_t best_id = 0;
      for (std::size_t j = 0; j < states.size(); ++j) {
        if (tracker.tracks()[j].status == TrackStatus::kTentative) continue;
        const double d = (states[j].position() - truth[i]).head<2>().norm();
        if (d < best) {
          best = d;
          best_id = tracker.tracks()[j].id.value;
        }
      }
      EXPECT_LT(best, 300.0) << "scan " << k << " target " << i;
      nearest_track.insert(best_id);
    }
    for (const auto& track : tracker.tracks()) confirmed += track.status != TrackStatus::kTentative;
    EXPECT_EQ(confirmed, 2u) << "scan " << k;
    // Away from the crossing, each target has its own track.
    if (std::abs(k - 40) > 15) {
      EXPECT_EQ(nearest_track.size(), 2u) << "scan " << k;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 70);
}

// The shared 2D benchmark's settings (one radar at the origin, sigma_r 25 m, sigma_b 0.2 deg,
// q 0.5 m^2/s^3), with `config`'s other keys, as a tracker; plots are due north of the radar.
GnnTracker planar_tracker(GnnTrackerConfig config) {
  config.motion.q_horizontal = 0.5;
  config.gate_mahalanobis_squared = -2.0 * std::log(0.001);
  config.max_coast_s = 100.0;
  std::vector<std::unique_ptr<MeasurementModel>> models;
  models.push_back(
      std::make_unique<PlanarRangeBearingModel>(25.0, units::deg_to_rad(0.2), 100'000.0));
  return GnnTracker(config, std::move(models), geo::LocalFrame{});
}

Plot plot_due_north(Time time, double range_m) {
  Plot plot;
  plot.time = time;
  plot.kind = SensorKind::kSsr;
  plot.range_m = range_m;
  plot.azimuth_rad = 0.0;
  return plot;
}

// Two plots exactly as likely for one track (residuals of +64 m and -64 m in range, nothing else):
// the track takes the first in the batch's plot order, whichever order its spatial index finds
// them in, so a replay's tracks do not depend on that index. With more than a few plots the index
// is a grid whose rows run south to north; forty false plots 3 km east of the track, their
// southernmost shifted from case to case, move its cell boundaries across the pair, so that in
// some cases the grid finds the second plot (further south) first.
TEST(GnnTrackerTest, OfTwoEquallyLikelyPlotsATrackTakesTheFirstInPlotOrder) {
  const Time start = *parse_iso8601("2026-06-01T10:00:00Z");
  // A target due north at 20 km flying north at 100 m/s, seen in four scans.
  auto established = [&] {
    GnnTracker tracker = planar_tracker(GnnTrackerConfig{});
    for (int k = 0; k < 4; ++k) {
      const Time t = start + std::chrono::seconds(k);
      tracker.process(std::vector<Plot>{plot_due_north(t, 20'000.0 + 100.0 * k)}, SensorIndex{0},
                      t);
    }
    return tracker;
  };
  const Time t4 = start + std::chrono::seconds(4);
  for (int shift = 0; shift < 30; ++shift) {
    for (const double first : {+64.0, -64.0}) {
      GnnTracker tracker = established();
      ASSERT_EQ(tracker.tracks().size(), 1u);
      const StateVector predicted = tracker.mean_of(tracker.tracks().front(), t4);
      // Due north, east stays exactly 0, so the predicted range is the north coordinate; 20 km
      // +/- 64 m is exact in binary (one binade), so both residuals are exactly +/-64 m.
      ASSERT_EQ(predicted(0), 0.0);
      const double range = predicted(1);
      std::vector<Plot> plots{plot_due_north(t4, range + first), plot_due_north(t4, range - first)};
      for (int f = 0; f < 40; ++f) {
        const double north = range - 80.0 - 50.0 * shift + 30.0 * f;
        Plot false_plot = plot_due_north(t4, std::hypot(3'000.0, north));
        false_plot.azimuth_rad = std::atan2(3'000.0, north);
        plots.push_back(false_plot);
      }
      const TrackId id = tracker.tracks().front().id;
      tracker.process(plots, SensorIndex{0}, t4);
      const auto updated = std::find_if(tracker.tracks().begin(), tracker.tracks().end(),
                                        [&](const Track& track) { return track.id == id; });
      ASSERT_NE(updated, tracker.tracks().end());
      EXPECT_EQ(updated->last_update, t4);
      // Pulled towards the first plot: beyond the prediction for +64 m, short of it for -64 m.
      EXPECT_GT((updated->state.mean(1) - range) * first, 0.0)
          << "first plot at " << first << " m, shift " << shift;
    }
  }
}

// The LLR score in the tracker: a target seen every scan is confirmed once its score crosses
// ln((1 - beta) / alpha), not before; a lone false plot's track is deleted at its first miss (the
// SPRT's lower threshold); a confirmed track survives misses until its score has dropped
// delete_drop below its maximum.
TEST(GnnTrackerTest, LlrScoreConfirmsAndDeletesByItsThresholds) {
  GnnTrackerConfig config;
  config.confirm_method = ConfirmMethod::kLlr;
  config.llr.false_alarm_density = 1e-5;
  config.llr.new_target_density = 1e-6;
  config.llr.delete_drop = 7.0;  // 3 misses (-6.9) survive, the 4th deletes
  GnnTracker tracker = planar_tracker(config);
  const Time start = *parse_iso8601("2026-06-01T10:00:00Z");
  auto plot_at = [&](int k, double north) {
    return plot_due_north(start + std::chrono::seconds(k), north);
  };
  auto track_of = [&](double near_north) -> const Track* {
    for (const Track& track : tracker.tracks()) {
      if (std::abs(track.state.mean(1) - near_north) < 3'000.0) return &track;
    }
    return nullptr;
  };
  // Scan 0: the target (north 20 km, flying north at 100 m/s) and a false plot at 60 km.
  tracker.process(std::vector<Plot>{plot_at(0, 20'000.0), plot_at(0, 60'000.0)}, SensorIndex{0},
                  start);
  ASSERT_EQ(tracker.tracks().size(), 2u);
  EXPECT_NEAR(tracker.tracks()[0].score.value, config.llr.initial(), 1e-12);
  int confirmed_at = -1;
  for (int k = 1; k < 12; ++k) {
    const Time t = start + std::chrono::seconds(k);
    tracker.process(std::vector<Plot>{plot_at(k, 20'000.0 + 100.0 * k)}, SensorIndex{0}, t);
    const Track* target = track_of(20'000.0 + 100.0 * k);
    ASSERT_NE(target, nullptr);
    const bool above = target->score.value >= config.llr.confirm_threshold();
    EXPECT_EQ(target->status != TrackStatus::kTentative, above || confirmed_at >= 0) << k;
    if (confirmed_at < 0 && above) confirmed_at = k;
    if (k == 1) {
      EXPECT_EQ(track_of(60'000.0), nullptr) << "false plot's track kept";
    }
  }
  EXPECT_GT(confirmed_at, 0);
  // Misses: deleted at the 4th.
  for (int k = 12; k < 16; ++k) {
    tracker.process({}, SensorIndex{0}, start + std::chrono::seconds(k));
    EXPECT_EQ(tracker.tracks().size(), k < 15 ? 1u : 0u) << k;
  }
}

// Quick confirmation: a near target (small cross-range error) hit in its first two scans is
// confirmed at the second, a far one waits for 3 of 4; a quickly confirmed track that misses
// before the full rule is met is tentative again (until 3 of 4 confirm it), and is counted as
// confirmed once.
TEST(GnnTrackerTest, QuickConfirmationTakesNearTracksOnlyAndIsProvisional) {
  GnnTrackerConfig config;
  config.initial_speed_sigma_mps = 134.0;
  config.quick_confirm_hits = 2;
  config.quick_confirm_max_sigma_m = 100.0;
  GnnTracker tracker = planar_tracker(config);
  const Time start = *parse_iso8601("2026-06-01T10:00:00Z");
  // Two targets flying north at 100 m/s: one at 10 km (cross-range sigma 35 m), one at 60 km
  // (209 m). The near one is missed at scan 2.
  auto plots_at = [&](int k, bool near_seen) {
    std::vector<Plot> plots;
    for (const double north : {10'000.0, 60'000.0}) {
      if (north < 20'000.0 && !near_seen) continue;
      plots.push_back(plot_due_north(start + std::chrono::seconds(k), north + 100.0 * k));
    }
    return plots;
  };
  auto status_near = [&](double north) {
    for (const Track& track : tracker.tracks()) {
      if (std::abs(track.state.mean(1) - north) < 3'000.0) return track.status;
    }
    ADD_FAILURE() << "no track near " << north;
    return TrackStatus::kTentative;
  };
  const TrackStatus expected_near[] = {TrackStatus::kTentative, TrackStatus::kConfirmed,
                                       TrackStatus::kTentative, TrackStatus::kConfirmed,
                                       TrackStatus::kConfirmed};
  const TrackStatus expected_far[] = {TrackStatus::kTentative, TrackStatus::kTentative,
                                      TrackStatus::kConfirmed, TrackStatus::kConfirmed,
                                      TrackStatus::kConfirmed};
  for (int k = 0; k < 5; ++k) {
    tracker.process(plots_at(k, k != 2), SensorIndex{0}, start + std::chrono::seconds(k));
    ASSERT_EQ(tracker.tracks().size(), 2u) << k;
    EXPECT_EQ(status_near(10'000.0 + 100.0 * k), expected_near[k]) << "near, scan " << k;
    EXPECT_EQ(status_near(60'000.0 + 100.0 * k), expected_far[k]) << "far, scan " << k;
  }
  EXPECT_EQ(tracker.statistics().tracks_confirmed, 2u);
}

// JIPDA (Musicki and Evans): a track fed its target's plots every scan rises towards existence 1
// and is confirmed by it; once the plots stop it decays scan by scan and is deleted below the
// threshold; tracks started by isolated false plots never confirm and die.
TEST(GnnTrackerTest, JipdaExistenceRisesWithPlotsAndDecaysWithout) {
  GnnTrackerConfig config;
  config.associator = Associator::kJipda;
  config.motion.q_horizontal = 0.5;
  config.gate_mahalanobis_squared = -2.0 * std::log(0.001);
  config.max_coast_s = 100.0;
  config.llr.false_alarm_density = 1e-5;
  std::vector<std::unique_ptr<MeasurementModel>> models;
  models.push_back(
      std::make_unique<PlanarRangeBearingModel>(25.0, units::deg_to_rad(0.2), 100'000.0));
  GnnTracker tracker(config, std::move(models), geo::LocalFrame{});
  const Time start = *parse_iso8601("2026-06-01T10:00:00Z");
  auto plot_at = [&](int k, double north, double azimuth_rad) {
    Plot plot;
    plot.time = start + std::chrono::seconds(k);
    plot.kind = SensorKind::kSsr;
    plot.range_m = north;
    plot.azimuth_rad = azimuth_rad;
    return plot;
  };
  auto target = [&]() -> const Track* {
    for (const Track& track : tracker.tracks()) {
      if (std::abs(track.state.mean(0)) < 3'000.0) return &track;
    }
    return nullptr;
  };
  double previous = 0.0;
  for (int k = 0; k < 8; ++k) {
    // The target (north 20 km, flying north at 100 m/s), and a false plot each scan somewhere
    // else (a new bearing every scan, far from every other).
    tracker.process(std::vector<Plot>{plot_at(k, 20'000.0 + 100.0 * k, 0.0),
                                      plot_at(k, 60'000.0, 0.5 + 0.4 * k)},
                    SensorIndex{0}, start + std::chrono::seconds(k));
    const Track* track = target();
    ASSERT_NE(track, nullptr) << k;
    if (k == 0) {
      EXPECT_DOUBLE_EQ(track->existence, config.existence.birth);
    } else {
      EXPECT_GE(track->existence, previous) << k;
    }
    previous = track->existence;
    // Every clutter-only track: never confirmed.
    for (const Track& other : tracker.tracks()) {
      if (&other != track) {
        EXPECT_EQ(other.status, TrackStatus::kTentative) << k;
      }
    }
  }
  EXPECT_GT(previous, 0.999);
  EXPECT_NE(target()->status, TrackStatus::kTentative);
  // Clutter-only tracks have died (each decays below delete_below within a few scans).
  EXPECT_LE(tracker.tracks().size(), 4u);
  // No more plots: existence decays every scan, then the track is deleted.
  int deleted_at = -1;
  for (int k = 8; k < 20 && deleted_at < 0; ++k) {
    tracker.process({}, SensorIndex{0}, start + std::chrono::seconds(k));
    const Track* track = target();
    if (track == nullptr) {
      deleted_at = k;
      break;
    }
    EXPECT_LT(track->existence, previous) << k;
    previous = track->existence;
  }
  EXPECT_GT(deleted_at, 9);
  EXPECT_TRUE(tracker.tracks().empty());
  const auto reports = tracker.reports(start + std::chrono::seconds(20));
  EXPECT_TRUE(reports.empty());
}

// With JIPDA every report carries its track's existence; with the IMM its mode probabilities.
TEST(GnnTrackerTest, ReportsCarryExistenceAndModeProbabilities) {
  GnnTrackerConfig config;
  config.associator = Associator::kJipda;
  std::vector<std::unique_ptr<MeasurementModel>> models;
  models.push_back(
      std::make_unique<PlanarRangeBearingModel>(25.0, units::deg_to_rad(0.2), 100'000.0));
  ImmGnnTracker tracker(config, std::move(models), geo::LocalFrame{});
  const Time start = *parse_iso8601("2026-06-01T10:00:00Z");
  Plot plot;
  plot.time = start;
  plot.kind = SensorKind::kSsr;
  plot.range_m = 20'000.0;
  plot.azimuth_rad = 0.0;
  tracker.process(std::vector<Plot>{plot}, SensorIndex{0}, start);
  const auto reports = tracker.reports(start + std::chrono::seconds(1));
  ASSERT_EQ(reports.size(), 1u);
  ASSERT_TRUE(reports[0].existence.has_value());
  EXPECT_NEAR(*reports[0].existence, config.existence.birth * config.existence.survival_per_s,
              1e-12);
  const auto& modes = reports[0].mode_probabilities;
  EXPECT_NEAR(modes[0] + modes[1], 1.0, 1e-9);  // the default IMM: CV and CT
  EXPECT_GT(modes[0], modes[1]);
  EXPECT_TRUE(std::isnan(modes[2]));  // no CA mode
}

}  // namespace
}  // namespace straja::tracking
