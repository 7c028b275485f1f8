#include "simulation/trajectory.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/units.h"
#include "io/yaml_fields.h"

namespace straja::sim {
namespace {

const Time kStart = *parse_iso8601("2026-06-01T10:00:00Z");

/// A one-target scenario with `target` as the target's YAML flow mapping body.
Result<Scenario> one_target(const std::string& target, double duration_s = 3600.0) {
  std::ostringstream yaml;
  yaml << "name: t\nreference: {lat_deg: 47.0, lon_deg: 28.85}\nstart: 2026-06-01T10:00:00Z\n"
       << "duration_s: " << duration_s << "\n"
       << "sensors:\n  - {id: r1, kind: psr3d, lat_deg: 47.0, lon_deg: 28.85}\n"
       << "targets:\n  - " << target << "\n";
  return parse_scenario(yaml.str(), "t.yaml");
}

Trajectory fly(const std::string& target, double duration_s = 3600.0) {
  auto scenario = one_target(target, duration_s);
  EXPECT_TRUE(scenario.ok()) << scenario.error().describe();
  return Trajectory(scenario->targets.at(0), scenario->start, scenario->end());
}

Time at(double seconds) {
  return kStart + from_seconds(seconds);
}

/// Track angle (deg, [0, 360)) of the truth velocity.
double track_deg(const TruthState& state) {
  return units::rad_to_deg(
      units::wrap_two_pi(std::atan2(state.velocity_enu_mps.x(), state.velocity_enu_mps.y())));
}

double horizontal_speed(const TruthState& state) {
  return std::hypot(state.velocity_enu_mps.x(), state.velocity_enu_mps.y());
}

double distance_m(const geo::Geodetic& a, const geo::Geodetic& b) {
  return (geo::geodetic_to_ecef(a) - geo::geodetic_to_ecef(b)).norm();
}

/// Acceleration (ECEF, m/s^2) by a central difference of the velocity.
geo::Vec3 acceleration(const Trajectory& trajectory, double t_s) {
  constexpr double kH = 0.05;
  return (trajectory.sample_at(at(t_s + kH)).velocity_ecef_mps -
          trajectory.sample_at(at(t_s - kH)).velocity_ecef_mps) /
         (2 * kH);
}

TEST(TrajectoryTest, StraightFlightFollowsTheGeodesicAtConstantSpeed) {
  const Trajectory trajectory =
      fly("{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 0, heading_deg: 60, "
          "speed_mps: 200}");
  EXPECT_TRUE(trajectory.knots().empty());
  const geo::Geodetic end = trajectory.position_at(at(100.0));
  const geo::GeodesicInverse path = geo::geodesic_inverse(47.1, 28.9, end.lat_deg, end.lon_deg);
  EXPECT_NEAR(path.distance_m, 20'000.0, 1e-3);
  EXPECT_NEAR(path.azimuth_deg, 60.0, 1e-9);
  const TruthState state = trajectory.state_at(at(100.0));
  EXPECT_NEAR(state.velocity_enu_mps.norm(), 200.0, 1e-9);
  // The velocity is the derivative of the position.
  const geo::Vec3 difference = (trajectory.ecef_at(at(100.5)) - trajectory.ecef_at(at(99.5)));
  EXPECT_NEAR((difference - trajectory.sample_at(at(100.0)).velocity_ecef_mps).norm(), 0.0, 1e-3);
}

TEST(TrajectoryTest, SpeedIsTheTrueSpeedAtAltitude) {
  const Trajectory trajectory =
      fly("{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 11000, heading_deg: 10, "
          "speed_mps: 230, climb_mps: 2}",
          600.0);
  for (const double t : {0.0, 200.0, 599.0}) {
    const Trajectory::Sample a = trajectory.sample_at(at(t));
    const Trajectory::Sample b = trajectory.sample_at(at(t + 1.0));
    const geo::Geodetic pa = geo::ecef_to_geodetic(a.ecef_m);
    const geo::Vec3 step = geo::LocalFrame(pa).vector_ecef_to_enu(b.ecef_m - a.ecef_m);
    EXPECT_NEAR(std::hypot(step.x(), step.y()), 230.0, 0.01) << t;
    EXPECT_NEAR(step.z(), 2.0, 0.01) << t;
  }
}

TEST(TrajectoryTest, TurnByRateTurnsAtThatRateAndEndsOnTheNewTrack) {
  // 3 deg/s for 90 deg: 30 s of turn after 10 s straight.
  const Trajectory trajectory =
      fly("{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 9000, heading_deg: 0, "
          "speed_mps: 200, legs: [{for_s: 10}, {turn_by_deg: 90, turn_rate_dps: 3}]}");
  EXPECT_NEAR(track_deg(trajectory.state_at(at(5.0))), 0.0, 0.01);
  for (double t = 12.0; t < 38.0; t += 2.0) {
    const double rate = units::wrap_pi(units::deg_to_rad(track_deg(trajectory.state_at(at(t + 1))) -
                                                         track_deg(trajectory.state_at(at(t))))) /
                        1.0;
    EXPECT_NEAR(units::rad_to_deg(rate), 3.0, 0.01) << t;
    // Lateral acceleration v * omega, load factor from it.
    const double g =
        std::hypot(1.0, acceleration(trajectory, t + 0.5).norm() / units::kStandardGravityMps2);
    EXPECT_NEAR(g, load_factor(200.0, units::deg_to_rad(3.0)), 0.005) << t;
  }
  // 90 deg relative to the geodesic; the track angle from north also turns along the geodesic
  // (v sin(psi) tan(lat) / N, about 0.04 deg over this turn at 47 N).
  EXPECT_NEAR(track_deg(trajectory.state_at(at(41.0))), 90.0, 0.05);
  // Then straight: along the geodesic, whose azimuth at 47 N drifts ~0.5 deg in 260 s.
  const TruthState after_turn = trajectory.state_at(at(41.0));
  const geo::Geodetic later = trajectory.position_at(at(300.0));
  EXPECT_NEAR(geo::geodesic_inverse(after_turn.position.lat_deg, after_turn.position.lon_deg,
                                    later.lat_deg, later.lon_deg)
                  .azimuth_deg,
              track_deg(after_turn), 1e-4);
  EXPECT_NEAR(horizontal_speed(trajectory.state_at(at(25.0))), 200.0, 1e-6);
}

TEST(TrajectoryTest, TurnByLoadFactorPullsThatManyG) {
  // A fast jet at 250 m/s pulling 7 g: omega = g0 sqrt(48) / 250 = 15.57 deg/s.
  const Trajectory trajectory =
      fly("{id: 1, class: fast_jet, lat_deg: 47.1, lon_deg: 28.9, alt_m: 5000, heading_deg: 90, "
          "speed_mps: 250, legs: [{turn_by_deg: -270, turn_g: 7}]}");
  const double omega = turn_rate_for_load_factor(250.0, 7.0);
  EXPECT_NEAR(units::rad_to_deg(omega), 15.57, 0.01);
  const double turn_s = units::deg_to_rad(270.0) / omega;
  for (double t = 0.5; t < turn_s - 0.5; t += 1.0) {
    const geo::Vec3 a = acceleration(trajectory, t);
    EXPECT_NEAR(std::hypot(1.0, a.norm() / units::kStandardGravityMps2), 7.0, 0.02) << t;
  }
  // Left turn by 270 from east ends heading south.
  EXPECT_NEAR(track_deg(trajectory.state_at(at(turn_s + 1.0))), 180.0, 0.05);
  // Turning left from east: the first seconds head north of east.
  EXPECT_LT(track_deg(trajectory.state_at(at(2.0))), 90.0);
}

TEST(TrajectoryTest, TurnToHonoursTheDirection) {
  const Trajectory trajectory =
      fly("{id: 1, class: general_aviation, lat_deg: 47.1, lon_deg: 28.9, alt_m: 900, "
          "heading_deg: 10, speed_mps: 50, legs: [{turn_to_deg: 350, direction: right}]}");
  // The long way round: 340 deg to the right at the default rate (3 deg/s; 30 deg bank allows
  // 6.5 deg/s at 50 m/s), about 113 s.
  EXPECT_NEAR(track_deg(trajectory.state_at(at(30.0))), 100.0, 0.5);
  EXPECT_NEAR(track_deg(trajectory.state_at(at(120.0))), 350.0, 0.05);
}

TEST(TrajectoryTest, WaypointsAreFlownOver) {
  const geo::Geodetic a = geo::geodesic_direct(47.1, 28.9, 45.0, 30'000.0);
  const geo::Geodetic b = geo::geodesic_direct(a.lat_deg, a.lon_deg, 170.0, 25'000.0);
  const geo::Geodetic c = geo::geodesic_direct(b.lat_deg, b.lon_deg, 280.0, 20'000.0);
  std::ostringstream target;
  target.precision(12);
  target << "{id: 1, class: business_jet, lat_deg: 47.1, lon_deg: 28.9, alt_m: 6000, "
         << "heading_deg: 200, speed_mps: 180, legs: [{lat_deg: " << a.lat_deg
         << ", lon_deg: " << a.lon_deg << "}, {lat_deg: " << b.lat_deg << ", lon_deg: " << b.lon_deg
         << ", turn_rate_dps: 2.5}, {lat_deg: " << c.lat_deg << ", lon_deg: " << c.lon_deg << "}]}";
  const Trajectory trajectory = fly(target.str());
  for (const geo::Geodetic& waypoint : {a, b, c}) {
    double closest = 1e300;
    for (double t = 0.0; t < 1200.0; t += 0.1) {
      const geo::Geodetic p = trajectory.position_at(at(t));
      closest = std::min(closest, distance_m({p.lat_deg, p.lon_deg, 0.0}, waypoint));
    }
    EXPECT_LT(closest, 50.0);  // overflown: within one 0.25 s integration step
  }
}

TEST(TrajectoryTest, ClimbLevelsOffAtTheCommandedHeightWithinTheRate) {
  const Trajectory trajectory =
      fly("{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 3000, heading_deg: 0, "
          "speed_mps: 150, legs: [{alt_m: 9000, vertical_rate_mps: 12, speed_mps: 230}, "
          "{for_s: 60}, {alt_m: 5000}]}");
  double highest = 0.0;
  double fastest_climb = 0.0;
  for (double t = 0.0; t < 3000.0; t += 0.5) {
    const TruthState state = trajectory.state_at(at(t));
    highest = std::max(highest, state.position.height_m);
    fastest_climb = std::max(fastest_climb, std::abs(state.velocity_enu_mps.z()));
    EXPECT_LE(horizontal_speed(state), 230.0 + 1e-6);
  }
  EXPECT_LT(highest, 9000.0 + 0.1);
  EXPECT_LE(fastest_climb, 12.0 + 0.01);  // interpolation: a hair over at the corners
  // 6000 m at 12 m/s: 500 s plus the level-off; then 60 s level; then down at the airliner's
  // default 10 m/s to 5000 m.
  EXPECT_NEAR(trajectory.position_at(at(560.0)).height_m, 9000.0, 1e-6);
  EXPECT_NEAR(trajectory.state_at(at(560.0)).velocity_enu_mps.z(), 0.0, 1e-9);
  EXPECT_NEAR(horizontal_speed(trajectory.state_at(at(560.0))), 230.0, 1e-6);
  EXPECT_NEAR(trajectory.state_at(at(700.0)).velocity_enu_mps.z(), -10.0, 1e-6);
  EXPECT_NEAR(trajectory.position_at(at(2000.0)).height_m, 5000.0, 1e-6);
}

TEST(TrajectoryTest, DescentCommandedOnTheLastLegLevelsOffAfterIt) {
  // Regression: a height commanded on a short last leg (a 5 deg turn) was left at a constant
  // vertical rate once the legs were done, and the target descended for ever.
  const Trajectory t =
      fly("{id: 1, class: fast_jet, lat_deg: 47.0, lon_deg: 28.0, alt_m: 9300, heading_deg: 85, "
          "speed_mps: 200, legs: [{turn_to_deg: 90, turn_rate_dps: 3, alt_m: 9000, "
          "vertical_rate_mps: 5}]}",
          600.0);
  EXPECT_NEAR(t.position_at(at(30)).height_m, 9150.0, 20.0);  // descending at 5 m/s
  for (const double s : {70.0, 120.0, 300.0, 600.0}) {
    EXPECT_NEAR(t.position_at(at(s)).height_m, 9000.0, 1e-6) << s;
    EXPECT_NEAR(t.state_at(at(s)).velocity_enu_mps.z(), 0.0, 1e-9) << s;
  }
}

TEST(TrajectoryTest, HoldFliesARacetrackBackOverItsFix) {
  // Right-hand racetrack, 60 s legs, at 3 deg/s: one circuit is 2 * 60 s of turns + 2 * 60 s.
  const Trajectory trajectory =
      fly("{id: 1, class: general_aviation, lat_deg: 47.1, lon_deg: 28.9, alt_m: 1500, "
          "heading_deg: 0, speed_mps: 50, legs: [{hold_s: 480, turn_rate_dps: 3}, {for_s: 60}]}");
  const geo::Geodetic fix = trajectory.position_at(at(0.0));
  EXPECT_LT(distance_m(trajectory.position_at(at(240.0)), fix), 1.0);
  EXPECT_LT(distance_m(trajectory.position_at(at(480.0)), fix), 2.0);
  // Outbound leg: heading 180, one turn diameter (2 v / omega = 1910 m) east of the fix.
  const TruthState outbound = trajectory.state_at(at(90.0));
  EXPECT_NEAR(track_deg(outbound), 180.0, 0.05);
  const geo::Vec3 offset = geo::LocalFrame(fix).to_enu(outbound.position);
  EXPECT_NEAR(offset.x(), 2.0 * 50.0 / units::deg_to_rad(3.0), 2.0);
  // After the hold it leaves on the inbound track.
  EXPECT_NEAR(track_deg(trajectory.state_at(at(500.0))), 0.0, 0.05);
}

TEST(TrajectoryTest, HelicopterSlowsToAHoverAndGoesOn) {
  const Trajectory trajectory =
      fly("{id: 1, class: helicopter, lat_deg: 47.1, lon_deg: 28.9, alt_m: 300, heading_deg: 90, "
          "speed_mps: 40, legs: [{for_s: 60, speed_mps: 0, accel_mps2: 2}, {speed_mps: 30}]}");
  const geo::Geodetic hover = trajectory.position_at(at(30.0));
  EXPECT_LT(distance_m(trajectory.position_at(at(55.0)), hover), 1e-3);
  EXPECT_NEAR(trajectory.state_at(at(40.0)).velocity_enu_mps.norm(), 0.0, 1e-9);
  EXPECT_NEAR(horizontal_speed(trajectory.state_at(at(120.0))), 30.0, 1e-6);
}

TEST(TrajectoryTest, KnotsAreExactAndTheFlightEndsInACruise) {
  const Trajectory trajectory =
      fly("{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 9000, heading_deg: 0, "
          "speed_mps: 200, legs: [{turn_by_deg: 30}]}");
  ASSERT_FALSE(trajectory.knots().empty());
  EXPECT_LT(trajectory.knots().back().t_s, 30.0);  // steady after the turn: no more knots
  // Continuous across the last knot into the cruise.
  const double last = trajectory.knots().back().t_s;
  const auto before = trajectory.sample_at(at(last - 1e-6));
  const auto after = trajectory.sample_at(at(last + 1e-6));
  EXPECT_LT((before.ecef_m - after.ecef_m).norm(), 1e-3);
  EXPECT_LT((before.velocity_ecef_mps - after.velocity_ecef_mps).norm(), 1e-3);
}

TEST(TrajectoryTest, CruiseKnotsForSensorsMatchTheClosedForm) {
  // sample_at/ecef_at read the cruise's first hours from Hermite knots a minute apart; truth
  // (position_at, state_at) is the closed form. The two agree to 0.1 mm, fastest class climbing.
  for (const char* target :
       {"{id: 1, class: fast_jet, lat_deg: 47.1, lon_deg: 28.9, alt_m: 3000, heading_deg: 33, "
        "speed_mps: 700, climb_mps: 2}",
        "{id: 2, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 9000, heading_deg: 271, "
        "speed_mps: 240, legs: [{turn_by_deg: 40}]}"}) {
    const Trajectory trajectory = fly(target, 7200.0);
    for (double t = 0.37; t < 7200.0; t += 97.3) {
      const geo::Vec3 closed_form = geo::geodetic_to_ecef(trajectory.position_at(at(t)));
      EXPECT_LT((trajectory.ecef_at(at(t)) - closed_form).norm(), 1e-4) << target << " " << t;
      const auto sample = trajectory.sample_at(at(t));
      EXPECT_LT((sample.ecef_m - closed_form).norm(), 1e-4) << target << " " << t;
      const geo::Vec3 velocity = (geo::geodetic_to_ecef(trajectory.position_at(at(t + 1e-3))) -
                                  geo::geodetic_to_ecef(trajectory.position_at(at(t - 1e-3)))) /
                                 2e-3;
      EXPECT_LT((sample.velocity_ecef_mps - velocity).norm(), 1e-3) << target << " " << t;
    }
  }
}

constexpr const char* kRecording =
    "timestamp,icao24,callsign,latitude,longitude,altitude_ft,groundspeed_kt,track_deg\n"
    "1000.0,abc123,TEST12,47.000,28.000,10000,300,90\n"
    "1000.0,abc123,TEST12,47.000,28.000,10000,300,90\n"  // duplicate time: skipped
    "1004.0,abc123,TEST12,47.000,28.020,10100,300,90\n"
    "1005.0,abc123,TEST12,,,10150,300,90\n"  // no position: skipped
    "1009.0,abc123,TEST12,47.010,28.045,10300,300,80\n"
    "1019.0,abc123,TEST12,47.040,28.090,10500,300,60\n"
    "1010.0,def456,OTHER,46.000,27.000,5000,200,10\n";

TEST(RecordedTrackTest, SelectsOneAircraftAndSkipsUnusableRows) {
  auto all = read_recorded_track(kRecording, "r.csv", std::nullopt);
  ASSERT_FALSE(all.ok());
  EXPECT_NE(all.error().message.find("holds 2 aircraft"), std::string::npos);
  auto track = read_recorded_track(kRecording, "r.csv", std::string("ABC123"));
  ASSERT_TRUE(track.ok()) << track.error().describe();
  ASSERT_EQ(track->points.size(), 4u);
  EXPECT_EQ(track->callsign, "TEST12");
  EXPECT_DOUBLE_EQ(track->first_unix_s, 1000.0);
  EXPECT_DOUBLE_EQ(track->points[3].t_s, 19.0);
  EXPECT_NEAR(track->points[1].position.height_m, 10100 * 0.3048, 1e-9);
  EXPECT_FALSE(track->geometric_altitude);
}

TEST(RecordedTrackTest, ReplayPassesThroughEveryRecordedPoint) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("straja-replay-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "rec.csv") << kRecording;
  const std::string yaml =
      "name: t\nreference: {lat_deg: 47.0, lon_deg: 28.85}\nstart: 2026-06-01T10:00:00Z\n"
      "duration_s: 600\nsensors:\n  - {id: r1, kind: psr3d, lat_deg: 47.0, lon_deg: 28.85}\n"
      "targets:\n  - {id: 4, class: airliner, start_s: 30, replay: {file: rec.csv, icao24: "
      "abc123}}\n";
  std::ofstream(dir / "s.yaml") << yaml;
  auto scenario = load_scenario_file((dir / "s.yaml").string());
  ASSERT_TRUE(scenario.ok()) << scenario.error().describe();
  const TargetSpec& spec = scenario->targets[0];
  EXPECT_EQ(spec.icao->to_string(), "ABC123");  // identity from the recording
  EXPECT_EQ(spec.callsign, "TEST12");
  EXPECT_EQ(spec.transponder, Transponder::kModeS);
  const Trajectory trajectory(spec, scenario->start, scenario->end());
  EXPECT_FALSE(trajectory.alive_at(at(29.0)));
  EXPECT_TRUE(trajectory.alive_at(at(30.0)));
  EXPECT_TRUE(trajectory.alive_at(at(49.0)));
  EXPECT_FALSE(trajectory.alive_at(at(49.5)));  // the recording ends 19 s after it starts
  for (const RecordedPoint& point : spec.recording->points) {
    EXPECT_LT(distance_m(trajectory.position_at(at(30.0 + point.t_s)), point.position), 1e-3)
        << point.t_s;
  }
  // Smooth in between: the midpoint of a 4 s interval lies between its ends.
  const geo::Geodetic middle = trajectory.position_at(at(32.0));
  EXPECT_GT(middle.lon_deg, 28.0);
  EXPECT_LT(middle.lon_deg, 28.02);

  // Moved: the same shape elsewhere.
  std::ofstream(dir / "s.yaml") << std::string(yaml).replace(
      yaml.find("abc123}"), 7, "abc123, move_to: {lat_deg: 46.5, lon_deg: 29.5}}");
  auto moved = load_scenario_file((dir / "s.yaml").string());
  ASSERT_TRUE(moved.ok()) << moved.error().describe();
  const auto& points = moved->targets[0].recording->points;
  EXPECT_NEAR(points[0].position.lat_deg, 46.5, 1e-12);
  EXPECT_NEAR(points[0].position.lon_deg, 29.5, 1e-12);
  const auto original = spec.recording->points;
  for (std::size_t i = 1; i < points.size(); ++i) {
    const double d_original =
        geo::geodesic_inverse(original[0].position.lat_deg, original[0].position.lon_deg,
                              original[i].position.lat_deg, original[i].position.lon_deg)
            .distance_m;
    const double d_moved =
        geo::geodesic_inverse(46.5, 29.5, points[i].position.lat_deg, points[i].position.lon_deg)
            .distance_m;
    EXPECT_NEAR(d_moved, d_original, 1e-6);
  }
  std::filesystem::remove_all(dir);
}

TEST(RecordedTrackTest, SharedRealTrajectoriesReplayThroughTheirPoints) {
  // ../shared beside the checkout, or wherever STRAJA_SHARED_DIR points at run time.
  const char* shared = std::getenv("STRAJA_SHARED_DIR");
  const std::filesystem::path dir = std::filesystem::path(shared ? shared : STRAJA_SHARED_DIR) /
                                    "data" / "flights" / "trajectories";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << dir << " not present";
  for (const char* name : {"traffic_belevingsvlucht.csv", "traffic_helicopter_rega_sg.csv",
                           "traffic_calibration_toulouse.csv"}) {
    auto text = io::read_text_file((dir / name).string());
    ASSERT_TRUE(text.ok());
    auto track = read_recorded_track(*text, name, std::nullopt);
    ASSERT_TRUE(track.ok()) << track.error().describe();
    TargetSpec spec;
    spec.recording = std::make_shared<const RecordedTrack>(*track);
    const Trajectory trajectory(spec, kStart, kStart + std::chrono::hours(24));
    for (const RecordedPoint& point : track->points) {
      ASSERT_LT(distance_m(trajectory.position_at(at(point.t_s)), point.position), 1e-3)
          << name << " at " << point.t_s;
    }
  }
}

}  // namespace
}  // namespace straja::sim
