#include "tracking/tracker_config.h"

#include <gtest/gtest.h>

namespace straja::tracking {
namespace {

TEST(TrackerConfig, EmptyFileGivesTheDefaults) {
  const auto c = parse_tracker_config("{}", "t.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  const GnnTrackerConfig defaults;
  EXPECT_EQ(c->confirm_hits, defaults.confirm_hits);
  EXPECT_EQ(c->gate_probability, defaults.gate_probability);
  EXPECT_EQ(c->motion.q_horizontal, defaults.motion.q_horizontal);
}

TEST(TrackerConfig, ReadsEveryKey) {
  const auto c = parse_tracker_config(R"(motion: {q_horizontal_m2ps3: 4, q_vertical_m2ps3: 0.5}
gate_probability: 0.999
confirm: {hits: 2, window: 3}
delete: {tentative_after_misses: 1, confirmed_after_misses: 6, max_coast_s: 20, max_position_sigma_m: 3000}
initiation: {speed_sigma_mps: 300, vertical_speed_sigma_mps: 20}
)",
                                      "t.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->motion.q_horizontal, 4.0);
  EXPECT_EQ(c->motion.q_vertical, 0.5);
  EXPECT_EQ(c->gate_probability, 0.999);
  EXPECT_EQ(c->confirm_hits, 2);
  EXPECT_EQ(c->confirm_window, 3);
  EXPECT_EQ(c->delete_tentative_after_misses, 1);
  EXPECT_EQ(c->delete_confirmed_after_misses, 6);
  EXPECT_EQ(c->max_coast_s, 20.0);
  EXPECT_EQ(c->max_position_sigma_m, 3000.0);
  EXPECT_EQ(c->initial_speed_sigma_mps, 300.0);
  EXPECT_EQ(c->initial_vertical_speed_sigma_mps, 20.0);
}

TEST(TrackerConfig, ReadsTheLlrScoreKeys) {
  const auto c = parse_tracker_config(R"(confirm:
  method: llr
  detection_probability: 0.8
  false_alarm_density: 2e-5
  new_target_density: 3e-6
  false_confirm_probability: 0.01
  true_delete_probability: 0.05
  delete_score_drop: 9
)",
                                      "t.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->confirm_method, ConfirmMethod::kLlr);
  EXPECT_EQ(c->llr.detection_probability, 0.8);
  EXPECT_EQ(c->llr.false_alarm_density, 2e-5);
  EXPECT_EQ(c->llr.new_target_density, 3e-6);
  EXPECT_EQ(c->llr.false_confirm_probability, 0.01);
  EXPECT_EQ(c->llr.true_delete_probability, 0.05);
  EXPECT_EQ(c->llr.delete_drop, 9.0);
  EXPECT_EQ(parse_tracker_config("{}", "t.yaml")->confirm_method, ConfirmMethod::kMOfN);
  const auto bad = parse_tracker_config("confirm:\n  method: sprt\n", "t.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("t.yaml:2"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("confirm.method"), std::string::npos);
  EXPECT_FALSE(parse_tracker_config("confirm: {detection_probability: 1}\n", "t.yaml").ok());
}

TEST(TrackerConfig, ErrorsNameLineAndField) {
  const auto typo = parse_tracker_config("confirm:\n  hits: 3\n  widow: 4\n", "t.yaml");
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.error().message.find("t.yaml:3"), std::string::npos) << typo.error().message;
  EXPECT_NE(typo.error().message.find("confirm.widow"), std::string::npos) << typo.error().message;
  const auto hits = parse_tracker_config("confirm: {hits: 5, window: 4}\n", "t.yaml");
  ASSERT_FALSE(hits.ok());
  EXPECT_NE(hits.error().message.find("confirm.hits"), std::string::npos) << hits.error().message;
}

TEST(TrackerConfig, ReadsTheAltitudeKeys) {
  const auto defaults = parse_tracker_config("{}\n", "t.yaml");
  ASSERT_TRUE(defaults.ok());
  EXPECT_TRUE(defaults->altitude.atmosphere.standard());
  EXPECT_TRUE(defaults->altitude.learn_from_adsb);
  const auto read = parse_tracker_config(
      "altitude:\n  qnh_hpa: 998.5\n  temperature_deviation_c: -7\n  geoid_height_m: 31.2\n"
      "  learn_from_adsb: false\n",
      "t.yaml");
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->altitude.atmosphere.qnh_hpa, 998.5);
  EXPECT_EQ(read->altitude.atmosphere.temperature_deviation_c, -7.0);
  EXPECT_EQ(read->altitude.atmosphere.geoid_height_m, 31.2);
  EXPECT_FALSE(read->altitude.learn_from_adsb);
  const auto bad = parse_tracker_config("altitude:\n  qnh_hpa: 1200\n", "t.yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("t.yaml:2"), std::string::npos) << bad.error().message;
  EXPECT_NE(bad.error().message.find("altitude.qnh_hpa"), std::string::npos) << bad.error().message;
  const auto typo = parse_tracker_config("altitude: {qhn_hpa: 1000}\n", "t.yaml");
  ASSERT_FALSE(typo.ok());
  EXPECT_NE(typo.error().message.find("altitude.qhn_hpa"), std::string::npos)
      << typo.error().message;
}

}  // namespace
}  // namespace straja::tracking
