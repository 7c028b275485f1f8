// The sensor fault model: outages silence a sensor (no plots inside them), clock jumps delay every
// stamp by exactly the jump from their instant on and not before, and bad fault entries in a
// scenario are errors naming file, line and field.

#include "simulation/sensor_faults.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "simulation/scenario.h"
#include "simulation/simulator.h"

namespace straja::sim {
namespace {

TEST(SensorFaultModelTest, StampsAddTheBiasAndEveryJumpSoFar) {
  const Time start = Time(std::chrono::seconds(1'000'000));
  SensorFaults faults;
  faults.clock_jumps = {{10.0, 2.0}, {20.0, 0.5}};
  faults.outages = {{5.0, 8.0}};
  const SensorFaultModel model(0.25, faults, start);
  const auto at = [&](double s) { return start + from_seconds(s); };
  EXPECT_EQ(model.stamp(at(0.0)), at(0.25));
  EXPECT_EQ(model.stamp(at(10.0) - std::chrono::nanoseconds(1)),
            at(10.25) - std::chrono::nanoseconds(1));
  EXPECT_EQ(model.stamp(at(10.0)), at(12.25));
  EXPECT_EQ(model.stamp(at(19.0)), at(21.25));
  EXPECT_EQ(model.stamp(at(20.0)), at(22.75));
  EXPECT_FALSE(model.down_at(at(5.0) - std::chrono::nanoseconds(1)));
  EXPECT_TRUE(model.down_at(at(5.0)));
  EXPECT_EQ(model.outage_start(at(7.9)), at(5.0));
  EXPECT_FALSE(model.down_at(at(8.0)));
  EXPECT_TRUE(model.has_faults());
  EXPECT_FALSE(SensorFaultModel(0.0, SensorFaults{}, start).has_faults());
  EXPECT_EQ(SensorFaultModel(0.0, SensorFaults{}, start).stamp(at(3.0)), at(3.0));
}

constexpr const char* kScenario = R"(name: faults
reference: {lat_deg: 47.0, lon_deg: 28.85}
start: 2026-06-01T10:00:00Z
duration_s: 120
seed: 7
sensors:
  - id: psr
    kind: psr3d
    lat_deg: 47.0
    lon_deg: 28.85
    false_alarms_per_scan: 5
    biases: {time_s: 0.01}
FAULTS_PSR
  - id: ssr
    kind: ssr
    lat_deg: 47.2
    lon_deg: 28.6
FAULTS_SSR
targets:
  - {id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 9000, heading_deg: 90, speed_mps: 200, icao: "4B1801"}
  - {id: 2, class: business_jet, lat_deg: 46.8, lon_deg: 28.7, alt_m: 7000, heading_deg: 10, speed_mps: 180, mode3a: "1234"}
  - {id: 3, class: general_aviation, lat_deg: 47.3, lon_deg: 29.1, alt_m: 1500, heading_deg: 200, speed_mps: 60, mode3a: "4321"}
)";

std::string with_faults(const std::string& psr, const std::string& ssr) {
  std::string text = kScenario;
  text.replace(text.find("FAULTS_PSR"), 10, psr);
  text.replace(text.find("FAULTS_SSR"), 10, ssr);
  return text;
}

/// Every plot of the run, per sensor id, in scan order.
std::map<std::string, std::vector<Plot>> simulate(const std::string& yaml) {
  auto scenario = parse_scenario(yaml, "faults.yaml");
  EXPECT_TRUE(scenario.ok()) << scenario.error().message;
  std::map<std::string, std::vector<Plot>> plots;
  if (!scenario) return plots;
  Simulator simulator(*scenario);
  while (auto scan = simulator.next_scan()) {
    auto& sensor = plots[simulator.registry().at(scan->sensor).id];
    sensor.insert(sensor.end(), scan->plots.begin(), scan->plots.end());
  }
  return plots;
}

TEST(SensorFaultsTest, OutageRemovesPlotsAndClockJumpShiftsStampsByExactlyTheJump) {
  const auto clean = simulate(with_faults("", ""));
  const auto faulty = simulate(with_faults("    outages: [{start_s: 40, end_s: 70}]",
                                           "    clock_jumps: [{at_s: 60, jump_s: 2.0}]"));
  const Time start = *parse_iso8601("2026-06-01T10:00:00Z");
  const Time outage_start = start + from_seconds(40.0 + 0.01);  // plots carry the time bias
  const Time outage_end = start + from_seconds(70.0 + 0.01);
  const Time jump_at = start + from_seconds(60.0);

  // The radar in its outage: exactly the fault-free plots outside [40, 70) s.
  std::vector<Plot> expected_psr;
  for (const Plot& plot : clean.at("psr")) {
    if (plot.time < outage_start || plot.time >= outage_end) expected_psr.push_back(plot);
  }
  ASSERT_LT(expected_psr.size(), clean.at("psr").size()) << "the outage removed plots";
  ASSERT_EQ(faulty.at("psr").size(), expected_psr.size());
  for (std::size_t i = 0; i < expected_psr.size(); ++i) {
    EXPECT_EQ(faulty.at("psr")[i].time, expected_psr[i].time);
    EXPECT_EQ(faulty.at("psr")[i].range_m, expected_psr[i].range_m);
  }
  for (const Plot& plot : faulty.at("psr")) {
    EXPECT_FALSE(plot.time >= outage_start && plot.time < outage_end);
  }

  // The SSR with the jump: the same measurements, stamps late by exactly 2 s from 60 s on.
  const auto& ssr_clean = clean.at("ssr");
  const auto& ssr_faulty = faulty.at("ssr");
  ASSERT_EQ(ssr_faulty.size(), ssr_clean.size());
  std::size_t shifted = 0;
  for (std::size_t i = 0; i < ssr_clean.size(); ++i) {
    const bool after = ssr_clean[i].time >= jump_at;
    shifted += after ? 1u : 0u;
    EXPECT_EQ(ssr_faulty[i].time - ssr_clean[i].time,
              after ? std::chrono::duration_cast<Duration>(std::chrono::seconds(2)) : Duration{});
    EXPECT_EQ(ssr_faulty[i].range_m, ssr_clean[i].range_m);
  }
  EXPECT_GT(shifted, 0u);
  EXPECT_LT(shifted, ssr_clean.size());
}

TEST(SensorFaultsTest, BadFaultEntriesNameFileLineAndField) {
  struct Case {
    std::string psr, expected;
  };
  const std::vector<Case> cases = {
      {"    outages: [{start_s: 50, end_s: 40}]",
       "faults.yaml:13: sensors[0].outages[0].end_s: must be after start_s"},
      {"    outages: [{start_s: 50, end_s: 500}]",
       "faults.yaml:13: sensors[0].outages[0].end_s: must not be after the scenario's end"},
      {"    outages: [{start_s: -5, end_s: 10}]",
       "faults.yaml:13: sensors[0].outages[0].start_s: must lie in [0, duration_s)"},
      {"    outages:\n      - {start_s: 10, end_s: 30}\n      - {start_s: 20, end_s: 40}",
       "faults.yaml:15: sensors[0].outages[1].start_s: outages must be in time order and must "
       "not overlap"},
      {"    outages: [{start_s: 10, stop_s: 30}]", "faults.yaml:13: sensors[0].outages[0].end_s: "},
      {"    outages: [{start_s: 10, end_s: 30, why: rain}]",
       "faults.yaml:13: sensors[0].outages[0].why: unknown key"},
      {"    clock_jumps: [{at_s: 130, jump_s: 2}]",
       "faults.yaml:13: sensors[0].clock_jumps[0].at_s: must lie in [0, duration_s)"},
      {"    clock_jumps: [{at_s: 30, jump_s: -2}]",
       "faults.yaml:13: sensors[0].clock_jumps[0].jump_s: must lie in (0, 60] s"},
      {"    clock_jumps: [{at_s: 30, jump_s: 1}, {at_s: 30, jump_s: 1}]",
       "faults.yaml:13: sensors[0].clock_jumps[1].at_s: clock jumps must be in time order"},
      {"    outages: {start_s: 10, end_s: 30}",
       "faults.yaml:13: sensors[0].outages: expected a list"},
  };
  for (const Case& c : cases) {
    auto scenario = parse_scenario(with_faults(c.psr, ""), "faults.yaml");
    ASSERT_FALSE(scenario.ok()) << c.psr;
    EXPECT_EQ(scenario.error().message.rfind(c.expected, 0), 0u)
        << "got: " << scenario.error().message << "\nwanted: " << c.expected;
  }
  auto good = parse_scenario(with_faults("    outages: [{start_s: 10, end_s: 30}, {start_s: 30, "
                                         "end_s: 120}]\n    clock_jumps: [{at_s: 0, jump_s: 2}]",
                                         ""),
                             "faults.yaml");
  ASSERT_TRUE(good.ok()) << good.error().message;
  EXPECT_EQ(good->sensors[0].faults.outages.size(), 2u);
  EXPECT_DOUBLE_EQ(good->sensors[0].faults.clock_jumps.at(0).jump_s, 2.0);
  EXPECT_TRUE(good->sensors[1].faults.empty());
}

}  // namespace
}  // namespace straja::sim
