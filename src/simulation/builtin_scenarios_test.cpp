// Every built-in scenario (and the stress generator) runs; what each promises is there.

#include "scenarios/builtin_scenarios.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "simulation/simulator.h"
#include "simulation/stress_scenario.h"

namespace straja::sim {
namespace {

/// Runs the first `seconds` of a scenario; plots per sensor id.
std::map<std::string, std::size_t> run_for(const Scenario& scenario, double seconds) {
  Simulator simulator(scenario);
  std::map<std::string, std::size_t> plots;
  const Time until = scenario.start + from_seconds(seconds);
  while (auto scan = simulator.next_scan()) {
    if (scan->end > until) break;
    for (const Plot& plot : scan->plots) ++plots[simulator.registry().at(plot.sensor).id];
  }
  return plots;
}

TEST(BuiltinScenariosTest, EveryBuiltInScenarioRunsAndEverySensorReports) {
  const auto names = scenarios::builtin_scenario_names();
  for (const char* expected : {"first-light", "moldova", "crossing", "manoeuvre"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  }
  for (const auto name : names) {
    const auto scenario = find_scenario(std::string(name));
    ASSERT_TRUE(scenario.ok()) << name << ": " << scenario.error().describe();
    const auto plots = run_for(*scenario, 60.0);
    for (const SensorSpec& sensor : scenario->sensors) {
      EXPECT_GT(plots.count(sensor.info.id) ? plots.at(sensor.info.id) : 0u, 0u)
          << name << ": " << sensor.info.id << " saw nothing in a minute";
    }
  }
}

TEST(BuiltinScenariosTest, MoldovaHasItsSensorsAndSevenClassesAndNoBiases) {
  const auto scenario = find_scenario("moldova");
  ASSERT_TRUE(scenario.ok()) << scenario.error().describe();
  EXPECT_EQ(scenario->duration_s, 1800.0);
  std::map<SensorKind, int> kinds;
  for (const SensorSpec& sensor : scenario->sensors) {
    ++kinds[sensor.info.kind];
    const SensorBiases& b = sensor.biases;
    EXPECT_EQ(b.range_m, 0.0);
    EXPECT_EQ(b.range_gain, 0.0);
    EXPECT_EQ(b.azimuth_deg, 0.0);
    EXPECT_EQ(b.elevation_deg, 0.0);
    EXPECT_EQ(b.time_s, 0.0);
  }
  EXPECT_EQ(kinds[SensorKind::kPsr3d], 2);
  EXPECT_EQ(kinds[SensorKind::kSsr], 1);
  EXPECT_EQ(kinds[SensorKind::kAdsb], 3);
  std::set<TargetClass> classes;
  int uavs = 0;
  for (const TargetSpec& target : scenario->targets) {
    classes.insert(target.target_class);
    if (target.target_class == TargetClass::kMultirotorUav ||
        target.target_class == TargetClass::kFixedWingUav) {
      ++uavs;
      EXPECT_EQ(target.transponder, Transponder::kNone) << target.id;
    }
  }
  EXPECT_GE(classes.size(), 7u);
  EXPECT_GE(uavs, 3);
}

TEST(StressScenarioTest, MakesTheAskedTargetsAndRadarsAllInRange) {
  StressParameters parameters;
  parameters.targets = 200;
  parameters.radars = 3;
  parameters.duration_s = 30.0;
  const auto scenario = stress_scenario(parameters);
  ASSERT_TRUE(scenario.ok()) << scenario.error().describe();
  ASSERT_EQ(scenario->targets.size(), 200u);
  ASSERT_EQ(scenario->sensors.size(), 3u);
  for (const TargetSpec& target : scenario->targets) {
    for (const SensorSpec& sensor : scenario->sensors) {
      const double d =
          (geo::geodetic_to_ecef(target.start) - geo::geodetic_to_ecef(sensor.info.site)).norm();
      EXPECT_LT(d, 240'000.0) << target.id << " from " << sensor.info.id;
    }
  }
  // Deterministic, and the seed matters.
  EXPECT_EQ(*stress_scenario_yaml(parameters), *stress_scenario_yaml(parameters));
  StressParameters other = parameters;
  other.seed = 2;
  EXPECT_NE(*stress_scenario_yaml(parameters), *stress_scenario_yaml(other));
  // Each radar sees most targets each rotation (Pd and the odd low target aside).
  const auto plots = run_for(*scenario, 30.0);
  for (const SensorSpec& sensor : scenario->sensors) {
    EXPECT_GT(plots.at(sensor.info.id), 200u * 7u * 8u / 10u) << sensor.info.id;
  }
}

TEST(StressScenarioTest, ItsYamlTextReadsBackToTheSameScenario) {
  // The generator builds the value directly; its YAML text must say exactly the same thing to
  // the strict reader (defaults included), to the last bit of every number.
  StressParameters parameters;
  parameters.targets = 400;
  parameters.radars = 5;
  parameters.duration_s = 123.456789012345;
  parameters.false_alarms_per_scan = 3.14159265358979;
  const auto generated = stress_scenario(parameters);
  ASSERT_TRUE(generated.ok()) << generated.error().describe();
  const auto read = parse_scenario(*stress_scenario_yaml(parameters), "built-in:stress");
  ASSERT_TRUE(read.ok()) << read.error().describe();
  EXPECT_EQ(generated->name, read->name);
  EXPECT_EQ(generated->source, read->source);
  EXPECT_EQ(generated->start, read->start);
  EXPECT_EQ(generated->duration_s, read->duration_s);
  EXPECT_EQ(generated->seed, read->seed);
  EXPECT_EQ(generated->reference.lat_deg, read->reference.lat_deg);
  EXPECT_EQ(generated->reference.lon_deg, read->reference.lon_deg);
  EXPECT_EQ(generated->reference.height_m, read->reference.height_m);
  ASSERT_EQ(generated->sensors.size(), read->sensors.size());
  for (std::size_t i = 0; i < read->sensors.size(); ++i) {
    const SensorSpec& a = generated->sensors[i];
    const SensorSpec& b = read->sensors[i];
    EXPECT_EQ(a.info.id, b.info.id);
    EXPECT_EQ(a.info.kind, b.info.kind);
    EXPECT_EQ(a.info.sac_sic.sac, b.info.sac_sic.sac);
    EXPECT_EQ(a.info.sac_sic.sic, b.info.sac_sic.sic);
    EXPECT_EQ(a.info.site.lat_deg, b.info.site.lat_deg);
    EXPECT_EQ(a.info.site.lon_deg, b.info.site.lon_deg);
    EXPECT_EQ(a.info.site.height_m, b.info.site.height_m);
    EXPECT_EQ(a.info.range_sigma_m, b.info.range_sigma_m);
    EXPECT_EQ(a.info.azimuth_sigma_rad, b.info.azimuth_sigma_rad);
    EXPECT_EQ(a.info.elevation_sigma_rad, b.info.elevation_sigma_rad);
    EXPECT_EQ(a.info.max_range_m, b.info.max_range_m);
    EXPECT_EQ(a.info.rotation_period_s, b.info.rotation_period_s);
    EXPECT_EQ(a.info.four_thirds_earth, b.info.four_thirds_earth);
    EXPECT_EQ(a.psr3d.false_alarms_per_scan, b.psr3d.false_alarms_per_scan);
    EXPECT_EQ(a.psr3d.max_range_m, b.psr3d.max_range_m);
    EXPECT_EQ(a.psr3d.pfa, b.psr3d.pfa);
    EXPECT_EQ(a.psr3d.four_thirds_earth, b.psr3d.four_thirds_earth);
    EXPECT_EQ(a.biases.range_m, b.biases.range_m);
    EXPECT_EQ(a.biases.time_s, b.biases.time_s);
  }
  ASSERT_EQ(generated->targets.size(), read->targets.size());
  int turning = 0;
  for (std::size_t i = 0; i < read->targets.size(); ++i) {
    const TargetSpec& a = generated->targets[i];
    const TargetSpec& b = read->targets[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.target_class, b.target_class);
    EXPECT_EQ(a.start.lat_deg, b.start.lat_deg) << a.id;
    EXPECT_EQ(a.start.lon_deg, b.start.lon_deg) << a.id;
    EXPECT_EQ(a.start.height_m, b.start.height_m) << a.id;
    EXPECT_EQ(a.heading_deg, b.heading_deg);
    EXPECT_EQ(a.speed_mps, b.speed_mps);
    EXPECT_EQ(a.climb_mps, b.climb_mps);
    EXPECT_EQ(a.start_s, b.start_s);
    EXPECT_EQ(a.end_s, b.end_s);
    EXPECT_EQ(a.rcs_m2, b.rcs_m2);
    EXPECT_EQ(a.transponder, b.transponder);
    EXPECT_EQ(a.mode3a.has_value(), b.mode3a.has_value());
    if (a.mode3a && b.mode3a) {
      EXPECT_EQ(a.mode3a->value, b.mode3a->value);
    }
    EXPECT_EQ(a.icao.has_value(), b.icao.has_value());
    if (a.icao && b.icao) {
      EXPECT_EQ(a.icao->value, b.icao->value);
    }
    EXPECT_EQ(a.callsign, b.callsign);
    EXPECT_EQ(a.adsb, b.adsb);
    EXPECT_EQ(a.nacp, b.nacp);
    EXPECT_EQ(a.nacv, b.nacv);
    ASSERT_EQ(a.legs.size(), b.legs.size());
    turning += a.legs.empty() ? 0 : 1;
    for (std::size_t j = 0; j < a.legs.size(); ++j) {
      EXPECT_EQ(a.legs[j].kind, b.legs[j].kind);
      EXPECT_EQ(a.legs[j].duration_s, b.legs[j].duration_s);
      EXPECT_EQ(a.legs[j].angle_deg, b.legs[j].angle_deg);
      EXPECT_EQ(a.legs[j].direction, b.legs[j].direction);
      EXPECT_EQ(a.legs[j].hold_leg_s, b.legs[j].hold_leg_s);
      EXPECT_FALSE(b.legs[j].alt_m || b.legs[j].speed_mps || b.legs[j].turn_rate_dps ||
                   b.legs[j].turn_g);
    }
  }
  EXPECT_EQ(turning, 100);
}

TEST(StressScenarioTest, ScansComputedAheadInThreadsAreTheSameEveryRun) {
  // 300 targets: the Simulator computes the radars' next scans in parallel (on a machine with
  // more than one core); every run must give the same plots in the same order.
  StressParameters parameters;
  parameters.targets = 300;
  parameters.duration_s = 40.0;
  const auto scenario = stress_scenario(parameters);
  ASSERT_TRUE(scenario.ok());
  auto all_plots = [&] {
    Simulator simulator(*scenario);
    std::vector<std::pair<Time, double>> plots;
    while (auto scan = simulator.next_scan()) {
      for (const Plot& plot : scan->plots) plots.emplace_back(plot.time, plot.range_m);
    }
    return plots;
  };
  const auto first = all_plots();
  EXPECT_GT(first.size(), 300u * 4u * 5u);
  EXPECT_EQ(first, all_plots());
}

TEST(StressScenarioTest, ParametersOutOfRangeAreErrorsNamingThem) {
  StressParameters p;
  p.radars = 0;
  ASSERT_FALSE(stress_scenario(p).ok());
  EXPECT_NE(stress_scenario(p).error().message.find("radars"), std::string::npos);
  p = {};
  p.targets = -1;
  EXPECT_NE(stress_scenario(p).error().message.find("targets"), std::string::npos);
  p = {};
  p.duration_s = 0.0;
  EXPECT_NE(stress_scenario(p).error().message.find("duration"), std::string::npos);
  EXPECT_TRUE(find_scenario("stress").ok());  // the defaults, by name
}

}  // namespace
}  // namespace straja::sim
