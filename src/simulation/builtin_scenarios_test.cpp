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
