// SSR and ADS-B models, the atmosphere behind their altitudes, the simulator stepping all kinds,
// and the annotated example of docs/formats/scenario.md.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/units.h"
#include "io/yaml_fields.h"
#include "simulation/adsb_model.h"
#include "simulation/atmosphere.h"
#include "simulation/simulator.h"
#include "simulation/ssr_model.h"

namespace straja::sim {
namespace {

const Time kStart = *parse_iso8601("2026-06-01T10:00:00Z");
const geo::Geodetic kSite{47.0, 28.85, 200.0};

SensorSpec sensor(SensorKind kind) {
  SensorSpec spec;
  spec.info.id = "s";
  spec.info.kind = kind;
  spec.info.site = kSite;
  return spec;
}

/// A target standing still (or flying `speed_mps` east) `distance_m` from the site at
/// `azimuth_deg`.
TargetSpec target_at(std::uint32_t id, double azimuth_deg, double distance_m, double height_m,
                     Transponder transponder = Transponder::kModeS, double speed_mps = 0.0) {
  const geo::Geodetic where =
      geo::geodesic_direct(kSite.lat_deg, kSite.lon_deg, azimuth_deg, distance_m);
  TargetSpec target;
  target.id = id;
  target.start = {where.lat_deg, where.lon_deg, height_m};
  target.heading_deg = 90.0;
  target.speed_mps = speed_mps;
  target.transponder = transponder;
  if (transponder != Transponder::kNone) target.mode3a = Mode3A{01234};
  if (transponder == Transponder::kModeS) {
    target.icao = IcaoAddress{0x4B1816};
    target.callsign = "THY3KL";
    target.adsb = true;
  }
  return target;
}

std::vector<Trajectory> trajectories(const std::vector<TargetSpec>& specs) {
  std::vector<Trajectory> out;
  for (const TargetSpec& spec : specs)
    out.emplace_back(spec, kStart, kStart + std::chrono::hours(24));
  return out;
}

TEST(AtmosphereTest, StandardDayGivesTheHeightAndTheEnvironmentShiftsItTheRightWay) {
  const Environment standard;
  for (const double h : {-300.0, 0.0, 1500.0, 11'000.0, 15'000.0, 20'000.0}) {
    EXPECT_NEAR(pressure_altitude_m(h, standard), h, 1e-6) << h;
  }
  Environment high_pressure;
  high_pressure.atmosphere.qnh_hpa = 1023.25;  // +10 hPa: about 83 m lower near the ground
  EXPECT_NEAR(pressure_altitude_m(0.0, high_pressure), -83.0, 2.0);
  Environment warm;
  warm.atmosphere.temperature_deviation_c = 10.0;  // warmer: a given height has more air below it
  EXPECT_LT(pressure_altitude_m(10'000.0, warm), 10'000.0 - 300.0);
  Environment geoid;
  geoid.atmosphere.geoid_height_m = 30.0;  // MSL 30 m above the ellipsoid
  EXPECT_NEAR(pressure_altitude_m(1030.0, geoid), 1000.0, 1e-6);
  EXPECT_NEAR(quantised_altitude_m(10'000.0, 100.0), 32'800 * units::kFootM, 1e-9);
  EXPECT_NEAR(quantised_altitude_m(10'000.0, 25.0), 32'800 * units::kFootM, 1e-9);
  EXPECT_NEAR(quantised_altitude_m(10'010.0, 25.0), 32'850 * units::kFootM, 1e-9);
}

TEST(SsrModelTest, OnlyTransponderTargetsAnswerWithTheirIdentityAndAltitude) {
  SensorSpec spec = sensor(SensorKind::kSsr);
  spec.ssr.pd = 1.0;
  const SsrModel model(spec, SensorIndex{0}, Environment{});
  const auto targets = trajectories({target_at(1, 90.0, 80'000.0, 10'010.0, Transponder::kModeS),
                                     target_at(2, 180.0, 80'000.0, 10'010.0, Transponder::kModeAC),
                                     target_at(3, 270.0, 80'000.0, 10'010.0, Transponder::kNone)});
  std::mt19937_64 rng(3);
  const auto plots = model.scan(kStart, targets, rng);
  ASSERT_EQ(plots.size(), 2u);
  const Plot& mode_s = plots[0];  // east: a quarter turn in
  EXPECT_EQ(mode_s.truth_id, 1);
  EXPECT_EQ(mode_s.kind, SensorKind::kSsr);
  EXPECT_NEAR(to_seconds(mode_s.time - kStart), 1.0, 0.01);
  EXPECT_FALSE(measured(mode_s.elevation_rad));
  EXPECT_FALSE(measured(mode_s.lat_deg));
  EXPECT_EQ(mode_s.alt_kind, AltitudeKind::kBarometric);
  EXPECT_NEAR(mode_s.alt_m, 32'850 * units::kFootM, 1e-9);  // 32 841 ft in 25 ft steps
  EXPECT_EQ(mode_s.icao->to_string(), "4B1816");
  EXPECT_EQ(mode_s.callsign, "THY3KL");
  EXPECT_EQ(mode_s.mode3a->to_string(), "1234");
  const Plot& mode_ac = plots[1];
  EXPECT_EQ(mode_ac.truth_id, 2);
  EXPECT_NEAR(mode_ac.alt_m, 32'800 * units::kFootM, 1e-9);  // Mode C: 100 ft steps
  EXPECT_FALSE(mode_ac.icao);
  EXPECT_TRUE(mode_ac.callsign.empty());
  EXPECT_EQ(mode_ac.mode3a->to_string(), "1234");
}

TEST(SsrModelTest, TargetsCrossingNorthAreSeenOncePerRevolutionWhereTheBeamPoints) {
  // Regression: a target near north moving clockwise just behind the beam is not crossed by it in
  // some rotation (the beam next meets it early in the following one); the crossing-time
  // iteration did not converge there and a plot came out at the wrong time and azimuth, up to
  // a few degrees from where the beam pointed, between two correct ones.
  SensorSpec spec = sensor(SensorKind::kSsr);
  spec.ssr.pd = 1.0;
  spec.ssr.range_sigma_m = 1e-6;
  spec.ssr.azimuth_sigma_deg = 1e-9;
  const SsrModel model(spec, SensorIndex{0}, Environment{});
  std::vector<TargetSpec> specs;
  for (std::uint32_t i = 0; i < 24; ++i) {
    // From 6 deg west of north to 6 deg east, 4-15 km out, eastbound at 150-380 m/s.
    specs.push_back(target_at(i + 1, 354.0 + 0.5 * i, 4'000.0 + 480.0 * i, 3'000.0,
                              Transponder::kModeS, 150.0 + 10.0 * i));
  }
  const auto targets = trajectories(specs);
  std::mt19937_64 rng(5);
  std::map<std::int64_t, std::vector<Time>> seen;
  const double period_s = spec.ssr.rotation_period_s;
  for (int k = 0; k < 30; ++k) {
    const Time start = kStart + from_seconds(period_s * k);
    for (const Plot& plot : model.scan(start, targets, rng)) {
      const double beam_rad = 2.0 * units::kPi * to_seconds(plot.time - start) / period_s;
      EXPECT_NEAR(units::wrap_pi(plot.azimuth_rad - beam_rad), 0.0, 1e-3)
          << "target " << plot.truth_id << " scan " << k;
      seen[plot.truth_id].push_back(plot.time);
    }
  }
  ASSERT_EQ(seen.size(), specs.size());
  for (const auto& [id, times] : seen) {
    EXPECT_GE(times.size(), 28u) << id;
    for (std::size_t i = 1; i < times.size(); ++i) {
      const double gap_s = to_seconds(times[i] - times[i - 1]);
      EXPECT_GT(gap_s, 0.9 * period_s) << id << " twice in one revolution";
      EXPECT_LT(gap_s, 1.2 * period_s) << id << " missed a revolution";
    }
  }
}

TEST(SsrModelTest, CoverageEndsAtRangeElevationAndTheHorizon) {
  SensorSpec spec = sensor(SensorKind::kSsr);
  const SsrModel model(spec, SensorIndex{0}, Environment{});
  auto point = [](double distance_m, double height_m) {
    geo::Geodetic p = geo::geodesic_direct(kSite.lat_deg, kSite.lon_deg, 30.0, distance_m);
    p.height_m = height_m;
    return p;
  };
  EXPECT_TRUE(model.covers(point(400'000.0, 12'000.0)));
  EXPECT_FALSE(model.covers(point(470'000.0, 12'000.0)));  // beyond 463 km
  EXPECT_FALSE(model.covers(point(5'000.0, 10'000.0)));    // 63 deg: in the cone of silence
  // 200 m antenna, 300 m target: 4/3-earth horizon ~ 4.12 (sqrt(200) + sqrt(300)) = 130 km.
  EXPECT_TRUE(model.covers(point(120'000.0, 300.0)));
  EXPECT_FALSE(model.covers(point(140'000.0, 300.0)));
}

TEST(AdsbModelTest, ReportsEquippedTargetsOncePerIntervalWithEveryField) {
  SensorSpec spec = sensor(SensorKind::kAdsb);
  spec.adsb.pd = 1.0;
  const AdsbModel model(spec, SensorIndex{0}, Environment{}, 42);
  TargetSpec mode_c = target_at(2, 0.0, 50'000.0, 3'000.0, Transponder::kModeAC, 100.0);
  const auto targets =
      trajectories({target_at(1, 90.0, 100'000.0, 10'000.0, Transponder::kModeS, 220.0), mode_c});
  std::mt19937_64 rng(9);
  std::vector<Plot> all;
  for (int k = 0; k < 60; ++k) {
    const auto plots = model.scan(kStart + std::chrono::seconds(k), targets, rng);
    ASSERT_EQ(plots.size(), 1u);  // only the ADS-B target
    EXPECT_GE(plots[0].time, kStart + std::chrono::seconds(k));
    EXPECT_LT(plots[0].time, kStart + std::chrono::seconds(k + 1));
    all.push_back(plots[0]);
  }
  for (std::size_t i = 1; i < all.size(); ++i) {
    const double gap = to_seconds(all[i].time - all[i - 1].time);
    EXPECT_GE(gap, 0.8 - 1e-9);
    EXPECT_LE(gap, 1.2 + 1e-9);
  }
  const Plot& plot = all[10];
  const TruthState truth = targets[0].state_at(plot.time);
  EXPECT_EQ(plot.kind, SensorKind::kAdsb);
  EXPECT_FALSE(measured(plot.range_m));
  EXPECT_FALSE(measured(plot.azimuth_rad));
  EXPECT_NEAR(plot.lat_deg, truth.position.lat_deg, 0.001);  // NACp 9: ~12 m sigma
  EXPECT_NEAR(plot.lon_deg, truth.position.lon_deg, 0.001);
  EXPECT_EQ(plot.alt_kind, AltitudeKind::kBarometric);
  EXPECT_NEAR(plot.alt_m, quantised_altitude_m(10'000.0, 25.0), 1e-9);
  EXPECT_NEAR(plot.geo_alt_m, 10'000.0, 100.0);
  EXPECT_NEAR(plot.vel_east_mps, truth.velocity_enu_mps.x(), 10.0);
  EXPECT_NEAR(plot.vel_north_mps, truth.velocity_enu_mps.y(), 10.0);
  EXPECT_EQ(plot.vel_up_mps, 0.0);
  EXPECT_EQ(plot.icao->to_string(), "4B1816");
  EXPECT_EQ(plot.callsign, "THY3KL");
  EXPECT_EQ(plot.mode3a->to_string(), "1234");
  EXPECT_EQ(plot.nacp, 9);
}

TEST(AdsbModelTest, NacpBoundsAndLineOfSight) {
  EXPECT_DOUBLE_EQ(nacp_epu_m(9), 30.0);
  EXPECT_DOUBLE_EQ(nacp_epu_m(8), 92.6);
  EXPECT_DOUBLE_EQ(nacp_epu_m(0), 18'520.0);
  EXPECT_NEAR(sigma_for_95_radius(30.0), 12.256, 0.001);
  const AdsbModel model(sensor(SensorKind::kAdsb), SensorIndex{0}, Environment{}, 1);
  auto point = [](double distance_m, double height_m) {
    geo::Geodetic p = geo::geodesic_direct(kSite.lat_deg, kSite.lon_deg, 200.0, distance_m);
    p.height_m = height_m;
    return p;
  };
  EXPECT_TRUE(model.receives(point(120'000.0, 300.0)));
  EXPECT_FALSE(model.receives(point(140'000.0, 300.0)));
  EXPECT_TRUE(model.receives(point(450'000.0, 12'000.0)));
  EXPECT_FALSE(model.receives(point(470'000.0, 12'000.0)));
  // Phases differ between targets and stay inside [0.1, 0.9).
  std::set<double> phases;
  for (std::uint32_t id = 0; id < 100; ++id) {
    const double phase = model.phase(id);
    EXPECT_GE(phase, 0.1);
    EXPECT_LT(phase, 0.9);
    phases.insert(phase);
  }
  EXPECT_EQ(phases.size(), 100u);
}

constexpr const char* kThreeKinds = R"(name: three
reference: {lat_deg: 47.0, lon_deg: 28.85}
start: 2026-06-01T10:00:00Z
duration_s: 60
seed: 5
sensors:
  - {id: p, kind: psr3d, lat_deg: 47.0, lon_deg: 28.85, height_m: 200, false_alarms_per_scan: 0}
  - {id: s, kind: ssr, lat_deg: 47.0, lon_deg: 28.85, height_m: 200, rotation_period_s: 5,
     biases: {time_s: 0.25}}
  - {id: a, kind: adsb, lat_deg: 47.1, lon_deg: 28.9, height_m: 150}
targets:
  - {id: 1, class: airliner, lat_deg: 47.5, lon_deg: 28.0, alt_m: 10000, heading_deg: 120,
     speed_mps: 230, icao: "4B1816", callsign: "THY3KL"}
  - {id: 2, class: helicopter, lat_deg: 47.05, lon_deg: 28.95, alt_m: 600, speed_mps: 40}
)";

TEST(SimulatorTest, StepsEveryKindInOrderOfScanEnd) {
  auto scenario = parse_scenario(kThreeKinds, "three.yaml");
  ASSERT_TRUE(scenario.ok()) << scenario.error().describe();
  Simulator simulator(*scenario);
  std::map<std::string, int> scans;
  std::map<std::string, std::set<std::int64_t>> seen;
  Time previous_end{};
  while (auto scan = simulator.next_scan()) {
    const SensorSpec& spec = scenario->sensors[scan->sensor.value];
    ++scans[spec.info.id];
    // True scan ends never go back; the SSR's clock runs 0.25 s late.
    const Time true_end = scan->end - from_seconds(spec.biases.time_s);
    EXPECT_GE(true_end, previous_end);
    previous_end = true_end;
    for (const Plot& plot : scan->plots) {
      EXPECT_EQ(plot.kind, spec.info.kind);
      EXPECT_GE(plot.time, scan->start);
      EXPECT_LT(plot.time, scan->end);
      seen[spec.info.id].insert(plot.truth_id);
    }
  }
  EXPECT_EQ(scans["p"], 15);
  EXPECT_EQ(scans["s"], 12);
  EXPECT_EQ(scans["a"], 60);
  EXPECT_TRUE(seen["p"].contains(1));
  EXPECT_TRUE(seen["p"].contains(2));
  EXPECT_EQ(seen["s"], std::set<std::int64_t>{1});  // the helicopter has no transponder
  EXPECT_EQ(seen["a"], std::set<std::int64_t>{1});
}

TEST(SimulatorTest, SameSeedSamePlotsOtherSeedOtherPlots) {
  auto run = [](const std::string& text) {
    auto scenario = parse_scenario(text, "three.yaml");
    EXPECT_TRUE(scenario.ok());
    Simulator simulator(*scenario);
    std::vector<double> values;
    while (auto scan = simulator.next_scan()) {
      for (const Plot& plot : scan->plots) {
        values.push_back(to_unix_seconds(plot.time));
        values.push_back(measured(plot.range_m) ? plot.range_m : plot.lat_deg);
      }
    }
    return values;
  };
  const std::string text(kThreeKinds);
  EXPECT_EQ(run(text), run(text));
  std::string other = text;
  other.replace(other.find("seed: 5"), 7, "seed: 6");
  EXPECT_NE(run(text), run(other));
}

TEST(ScenarioDocTest, TheAnnotatedExampleParses) {
  // The YAML block under "Annotated example" in docs/formats/scenario.md, with a stand-in for the
  // recording it replays.
  auto doc = io::read_text_file(std::string(STRAJA_SOURCE_DIR) + "/docs/formats/scenario.md");
  ASSERT_TRUE(doc.ok());
  const std::size_t begin = doc->find("```yaml\n", doc->find("## Annotated example"));
  ASSERT_NE(begin, std::string::npos);
  const std::size_t end = doc->find("```", begin + 8);
  const std::string yaml = doc->substr(begin + 8, end - begin - 8);
  const auto dir =
      std::filesystem::temp_directory_path() / ("straja-doc-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    std::ofstream csv(dir / "traffic_belevingsvlucht.csv");
    csv << "timestamp,icao24,callsign,latitude,longitude,altitude_ft\n";
    for (int i = 0; i < 1200; ++i) {
      csv << 1527693698 + i << ",484506,TRA051," << 52.3 + 0.001 * i << ",4.74," << 2000 + 10 * i
          << "\n";
    }
  }
  std::ofstream(dir / "example.yaml") << yaml;
  auto scenario = load_scenario_file((dir / "example.yaml").string());
  ASSERT_TRUE(scenario.ok()) << scenario.error().describe();
  EXPECT_EQ(scenario->sensors.size(), 3u);
  EXPECT_EQ(scenario->targets.size(), 3u);
  EXPECT_DOUBLE_EQ(scenario->sensors[0].biases.range_m, 25.0);
  EXPECT_EQ(scenario->targets[1].transponder, Transponder::kNone);
  EXPECT_EQ(scenario->targets[2].callsign, "TRA051");
  Simulator simulator(*scenario);
  std::size_t plots = 0;
  for (int i = 0; i < 50; ++i) {
    if (auto scan = simulator.next_scan()) plots += scan->plots.size();
  }
  EXPECT_GT(plots, 0u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace straja::sim
