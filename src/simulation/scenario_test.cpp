#include "simulation/scenario.h"

#include <gtest/gtest.h>

#include "scenarios/builtin_scenarios.h"

namespace straja::sim {
namespace {

constexpr const char* kMinimal = R"(name: t
reference: {lat_deg: 47.0, lon_deg: 28.85}
start: 2026-06-01T10:00:00Z
duration_s: 60
sensors:
  - id: r1
    kind: psr3d
    lat_deg: 47.0
    lon_deg: 28.85
targets:
  - {id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 9000, heading_deg: 90, speed_mps: 200}
)";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(ScenarioTest, EveryBuiltInScenarioParses) {
  ASSERT_FALSE(scenarios::builtin_scenario_names().empty());
  for (const auto name : scenarios::builtin_scenario_names()) {
    auto scenario = find_scenario(std::string(name));
    ASSERT_TRUE(scenario.ok()) << scenario.error().describe();
    EXPECT_FALSE(scenario->sensors.empty()) << name;
    EXPECT_FALSE(scenario->targets.empty()) << name;
  }
}

TEST(ScenarioTest, ReadsFieldsAndAppliesDocumentedDefaults) {
  auto scenario = parse_scenario(kMinimal, "t.yaml");
  ASSERT_TRUE(scenario.ok()) << scenario.error().describe();
  EXPECT_EQ(scenario->name, "t");
  EXPECT_DOUBLE_EQ(scenario->duration_s, 60.0);
  ASSERT_EQ(scenario->sensors.size(), 1u);
  EXPECT_DOUBLE_EQ(scenario->sensors[0].psr3d.max_range_m, 250'000.0);
  EXPECT_DOUBLE_EQ(scenario->sensors[0].psr3d.rotation_period_s, 4.0);
  EXPECT_TRUE(scenario->sensors[0].info.four_thirds_earth);
  EXPECT_DOUBLE_EQ(scenario->targets[0].rcs_m2, typical_rcs_m2(TargetClass::kAirliner));
  EXPECT_EQ(to_seconds(scenario->end() - scenario->start), 60.0);
}

TEST(ScenarioTest, ErrorsNameFileLineAndField) {
  struct Case {
    std::string from, to, expected;
  };
  const std::vector<Case> cases = {
      {"lat_deg: 47.0\n    lon", "lat_deg: 147.0\n    lon",
       "t.yaml:8: sensors[0].lat_deg: latitude must lie in [-90, 90]"},
      {"class: airliner", "class: zeppelin",
       "t.yaml:11: targets[0].class: unknown class 'zeppelin'"},
      {"kind: psr3d", "kind: psr3d\n    rotation_perod_s: 4",
       "t.yaml:8: sensors[0].rotation_perod_s: unknown key (misspelt?)"},
      {"start: 2026-06-01T10:00:00Z", "start: tomorrow",
       "t.yaml:3: start: 'tomorrow' is not a UTC time"},
      {"duration_s: 60", "duration_s: -1", "t.yaml:4: duration_s: must be greater than zero"},
      {"kind: psr3d", "kind: sonar", "t.yaml:7: sensors[0].kind: unknown sensor kind 'sonar'"},
  };
  for (const Case& c : cases) {
    auto scenario = parse_scenario(replace(kMinimal, c.from, c.to), "t.yaml");
    ASSERT_FALSE(scenario.ok()) << c.to;
    EXPECT_EQ(scenario.error().message.rfind(c.expected, 0), 0u)
        << "got: " << scenario.error().message << "\nwanted: " << c.expected;
  }
}

TEST(ScenarioTest, ClassLimitsAreErrorsNamingTheField) {
  struct Case {
    std::string target, expected;
  };
  const std::vector<Case> cases = {
      {"{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 15000, speed_mps: 200}",
       "t.yaml:11: targets[0].alt_m: 15000 m is outside the airliner range [-500, 13100] m"},
      {"{id: 1, class: multirotor_uav, lat_deg: 47.1, lon_deg: 28.9, alt_m: 100, speed_mps: 40}",
       "t.yaml:11: targets[0].speed_mps: 40 m/s is outside the multirotor_uav range [0, 25] m/s"},
      {"{id: 1, class: general_aviation, lat_deg: 47.1, lon_deg: 28.9, alt_m: 900, speed_mps: 50,"
       " climb_mps: 15}",
       "t.yaml:11: targets[0].climb_mps: 15 m/s is above the general_aviation limit of 10 m/s"},
      // 20 m/s for the scenario's 60 s from 12500 m: above the ceiling.
      {"{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 12500, speed_mps: 200,"
       " climb_mps: 20}",
       "t.yaml:11: targets[0].climb_mps: the target reaches 13700 m, outside the airliner range"},
      // ... also when legs come first and none levels off.
      {"{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 12500, speed_mps: 200,"
       " climb_mps: 20, legs: [{turn_by_deg: 90}]}",
       "t.yaml:11: targets[0].climb_mps: the target reaches"},
      {"{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 9000, speed_mps: 200,\n"
       "     legs: [{alt_m: 14000}]}",
       "t.yaml:12: targets[0].legs[0].alt_m: 14000 m is outside the airliner range"},
      {"{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 9000, speed_mps: 250,\n"
       "     legs: [{turn_by_deg: 90, turn_rate_dps: 6}]}",
       "t.yaml:12: targets[0].legs[0].turn_rate_dps: 6 deg/s at 250 m/s is a 2.85 g turn"},
      {"{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 9000, speed_mps: 250,\n"
       "     legs: [{turn_by_deg: 90, turn_g: 4}]}",
       "t.yaml:12: targets[0].legs[0].turn_g: 4 g is above the airliner limit of 2.5 g"},
      {"{id: 1, class: fast_jet, lat_deg: 47.1, lon_deg: 28.9, alt_m: 9000, speed_mps: 250,\n"
       "     legs: [{turn_by_deg: 90, turn_g: 1}]}",
       "t.yaml:12: targets[0].legs[0].turn_g: must be above 1"},
      {"{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 9000, speed_mps: 250,\n"
       "     legs: [{for_s: 60, hold_s: 90}]}",
       "t.yaml:12: targets[0].legs[0].hold_s: a leg ends one way only; it already has for_s"},
      {"{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 9000, speed_mps: 250,\n"
       "     legs: [{turn_rate_dps: 2}]}",
       "t.yaml:12: targets[0].legs[0]: a leg needs one of"},
      {"{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 9000, speed_mps: 250,\n"
       "     legs: [{for_s: 60, spede_mps: 200}]}",
       "t.yaml:12: targets[0].legs[0].spede_mps: unknown key"},
      {"{id: 1, class: helicopter, lat_deg: 47.1, lon_deg: 28.9, alt_m: 300,\n"
       "     legs: [{lat_deg: 47.2, lon_deg: 28.9}]}",
       "t.yaml:12: targets[0].legs[0].lat_deg: a waypoint leg needs a ground speed above 0"},
  };
  for (const Case& c : cases) {
    const std::string yaml = replace(
        kMinimal,
        "{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 9000, heading_deg: 90, "
        "speed_mps: 200}",
        c.target);
    auto scenario = parse_scenario(yaml, "t.yaml");
    ASSERT_FALSE(scenario.ok()) << c.target;
    EXPECT_EQ(scenario.error().message.rfind(c.expected, 0), 0u)
        << "got: " << scenario.error().message << "\nwanted: " << c.expected;
  }
  // Within the limits: a fast jet may pull 7 g (up to its 9 g).
  const std::string jet = replace(
      kMinimal,
      "{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 9000, heading_deg: 90, "
      "speed_mps: 200}",
      "{id: 1, class: fast_jet, lat_deg: 47.1, lon_deg: 28.9, alt_m: 5000, speed_mps: 250, legs: "
      "[{turn_by_deg: 360, turn_g: 7}, {turn_by_deg: -180, turn_rate_dps: 10}]}");
  EXPECT_TRUE(parse_scenario(jet, "t.yaml").ok()) << parse_scenario(jet, "t.yaml").error().message;
}

TEST(ScenarioTest, CooperativeEquipmentDefaultsAndRules) {
  auto with_target = [](const std::string& target) {
    return parse_scenario(
        replace(kMinimal,
                "{id: 1, class: airliner, lat_deg: 47.1, lon_deg: 28.9, alt_m: 9000, heading_deg: "
                "90, speed_mps: 200}",
                target),
        "t.yaml");
  };
  const std::string base = "id: 1, lat_deg: 47.1, lon_deg: 28.9, alt_m: 900, speed_mps: 50, ";
  auto s = with_target(
      "{id: 1, lat_deg: 47.1, lon_deg: 28.9, alt_m: 9000, speed_mps: 200, "
      "class: airliner, icao: \"4B1816\"}");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->targets[0].transponder, Transponder::kModeS);
  EXPECT_TRUE(s->targets[0].adsb);  // airliners with Mode S broadcast ADS-B
  EXPECT_EQ(s->targets[0].nacp, 9);
  EXPECT_EQ(s->targets[0].mode3a->to_string(), "7000");
  s = with_target("{" + base + "class: general_aviation, mode3a: \"7000\"}");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->targets[0].transponder, Transponder::kModeAC);
  EXPECT_FALSE(s->targets[0].adsb);
  s = with_target("{" + base + "class: helicopter}");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->targets[0].transponder, Transponder::kNone);
  EXPECT_FALSE(s->targets[0].mode3a);
  s = with_target("{" + base + "class: general_aviation, icao: \"4B1816\", adsb: true, nacp: 8}");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->targets[0].nacp, 8);

  const std::vector<std::pair<std::string, std::string>> errors = {
      {"class: general_aviation, callsign: \"ABC\"}", "targets[0].callsign: a callsign needs"},
      {"class: general_aviation, mode3a: \"7000\", adsb: true}", "targets[0].adsb: ADS-B"},
      {"class: general_aviation, transponder: mode_s}", "targets[0].transponder: mode_s needs"},
      {"class: general_aviation, icao: \"4B1816\", nacp: 12, adsb: true}",
       "targets[0].nacp: must lie in [0, 11]"},
      {"class: general_aviation, mode3a: \"7000\", nacp: 8}", "targets[0].nacp: only for ADS-B"},
      {"class: general_aviation, transponder: mode_x}", "targets[0].transponder: expected none"},
  };
  for (const auto& [target, expected] : errors) {
    auto scenario = with_target("{" + base + target);
    ASSERT_FALSE(scenario.ok()) << target;
    EXPECT_NE(scenario.error().message.find(expected), std::string::npos)
        << scenario.error().message;
  }
}

TEST(ScenarioTest, SensorKindsTakeTheirOwnKeysAndBiases) {
  const std::string ssr = replace(kMinimal, "kind: psr3d", "kind: ssr\n    pd: 0.99");
  auto scenario = parse_scenario(ssr, "t.yaml");
  ASSERT_TRUE(scenario.ok()) << scenario.error().describe();
  EXPECT_EQ(scenario->sensors[0].info.kind, SensorKind::kSsr);
  EXPECT_DOUBLE_EQ(scenario->sensors[0].ssr.pd, 0.99);
  EXPECT_DOUBLE_EQ(scenario->sensors[0].ssr.max_range_m, 463'000.0);
  EXPECT_DOUBLE_EQ(scenario->sensors[0].info.range_sigma_m, 15.0);
  const std::string adsb =
      replace(kMinimal, "kind: psr3d", "kind: adsb\n    biases: {time_s: 0.1}");
  scenario = parse_scenario(adsb, "t.yaml");
  ASSERT_TRUE(scenario.ok()) << scenario.error().describe();
  EXPECT_DOUBLE_EQ(scenario->sensors[0].adsb.update_interval_s, 1.0);
  EXPECT_DOUBLE_EQ(scenario->sensors[0].biases.time_s, 0.1);
  const std::string psr = replace(kMinimal, "kind: psr3d",
                                  "kind: psr3d\n    biases: {range_m: 50, elevation_deg: -0.1}");
  scenario = parse_scenario(psr, "t.yaml");
  ASSERT_TRUE(scenario.ok()) << scenario.error().describe();
  EXPECT_DOUBLE_EQ(scenario->sensors[0].biases.range_m, 50.0);
  EXPECT_DOUBLE_EQ(scenario->sensors[0].biases.elevation_deg, -0.1);

  struct Case {
    std::string to, expected;
  };
  const std::vector<Case> cases = {
      {"kind: ssr\n    elevation_sigma_deg: 0.3",
       "t.yaml:8: sensors[0].elevation_sigma_deg: unknown key"},
      {"kind: ssr\n    pd: 1.5", "t.yaml:8: sensors[0].pd: must lie in (0, 1]"},
      {"kind: ssr\n    biases: {elevation_deg: 0.1}",
       "t.yaml:8: sensors[0].biases.elevation_deg: unknown key"},
      {"kind: adsb\n    biases: {range_m: 10}", "t.yaml:8: sensors[0].biases.range_m: unknown key"},
      {"kind: adsb\n    rotation_period_s: 4",
       "t.yaml:8: sensors[0].rotation_period_s: unknown key"},
      {"kind: adsb\n    update_interval_s: 0.01",
       "t.yaml:8: sensors[0].update_interval_s: must lie in [0.1, 60] s"},
      {"kind: psr3d\n    biases: {range_gain: 0.5}",
       "t.yaml:8: sensors[0].biases.range_gain: must lie in [-0.01, 0.01]"},
  };
  for (const Case& c : cases) {
    auto bad = parse_scenario(replace(kMinimal, "kind: psr3d", c.to), "t.yaml");
    ASSERT_FALSE(bad.ok()) << c.to;
    EXPECT_EQ(bad.error().message.rfind(c.expected, 0), 0u)
        << "got: " << bad.error().message << "\nwanted: " << c.expected;
  }
}

TEST(ScenarioTest, EnvironmentIsReadAndChecked) {
  const std::string yaml =
      replace(kMinimal, "duration_s: 60",
              "duration_s: 60\nenvironment: {qnh_hpa: 1020, geoid_height_m: 31}");
  auto scenario = parse_scenario(yaml, "t.yaml");
  ASSERT_TRUE(scenario.ok()) << scenario.error().describe();
  EXPECT_DOUBLE_EQ(scenario->environment.atmosphere.qnh_hpa, 1020.0);
  EXPECT_DOUBLE_EQ(scenario->environment.atmosphere.geoid_height_m, 31.0);
  EXPECT_DOUBLE_EQ(scenario->environment.atmosphere.temperature_deviation_c, 0.0);
  auto bad = parse_scenario(
      replace(kMinimal, "duration_s: 60", "duration_s: 60\nenvironment: {qnh_hpa: 500}"), "t.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message.rfind("t.yaml:5: environment.qnh_hpa: must lie in", 0), 0u)
      << bad.error().message;
}

TEST(ScenarioTest, DuplicateIdsAreRejected) {
  const std::string doubled =
      std::string(kMinimal) +
      "  - {id: 1, class: balloon, lat_deg: 47.1, lon_deg: 28.9, alt_m: 900}\n";
  auto scenario = parse_scenario(doubled, "t.yaml");
  ASSERT_FALSE(scenario.ok());
  EXPECT_NE(scenario.error().message.find("duplicate target id 1"), std::string::npos);
}

}  // namespace
}  // namespace straja::sim
