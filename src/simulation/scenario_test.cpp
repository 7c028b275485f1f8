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
