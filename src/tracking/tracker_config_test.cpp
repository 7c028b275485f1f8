#include "tracking/tracker_config.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>

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
  const auto quick = parse_tracker_config("confirm: {window: 4, quick_hits: 5}\n", "t.yaml");
  ASSERT_FALSE(quick.ok());
  EXPECT_NE(quick.error().message.find("confirm.quick_hits"), std::string::npos)
      << quick.error().message;
}

TEST(TrackerConfig, ReadsQuickConfirmation) {
  EXPECT_EQ(parse_tracker_config("{}\n", "t.yaml")->quick_confirm_hits, 0);
  const auto c =
      parse_tracker_config("confirm: {quick_hits: 2, quick_max_sigma_m: 100}\n", "t.yaml");
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->quick_confirm_hits, 2);
  EXPECT_EQ(c->quick_confirm_max_sigma_m, 100.0);
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

TEST(TrackerConfig, SelectsTheFilterAndTheAssociator) {
  const auto defaults = parse_tracker_config("{}\n", "t.yaml");
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->filter, FilterKind::kEkf);
  EXPECT_EQ(defaults->associator, Associator::kGnn);
  const auto read = parse_tracker_config(
      "filter: imm\n"
      "imm:\n"
      "  modes: [cv, ct, ca]\n"
      "  transition: [[0.9, 0.05, 0.05], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6]]\n"
      "  interval_s: 2\n"
      "  initial_probabilities: [0.7, 0.2, 0.1]\n"
      "  q_cv_m2ps3: 0.5\n"
      "  q_turn_rate_rad2ps3: 0.01\n"
      "  mode_filter: ukf\n"
      "associator: jipda\n"
      "jpda: {detection_probability: 0.8, clutter_density: 1e-5, adsb_clutter_density: 1e-14,\n"
      "       max_nodes: 1000}\n"
      "existence: {birth: 0.2, survival_per_s: 0.98, confirm: 0.95, delete_below: 0.02}\n",
      "t.yaml");
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->filter, FilterKind::kImm);
  EXPECT_EQ(read->imm.mode_count, 3);
  EXPECT_EQ(mode_kind(read->imm.modes[2]), ImmModeKind::kCa);
  EXPECT_EQ(read->imm.transition(1, 1), 0.8);
  EXPECT_EQ(read->imm.transition(2, 0), 0.2);
  EXPECT_EQ(read->imm.transition_interval_s, 2.0);
  EXPECT_EQ(read->imm.initial_probabilities[2], 0.1);
  EXPECT_EQ(std::get<Embedded<CvMotion>>(read->imm.modes[0]).model.horizontal.q, 0.5);
  EXPECT_EQ(std::get<Embedded<CtMotion>>(read->imm.modes[1]).model.horizontal.q_turn_rate, 0.01);
  EXPECT_EQ(read->imm.filter, ModeFilter::kUkf);
  EXPECT_EQ(read->associator, Associator::kJipda);
  EXPECT_EQ(read->jpda_detection_probability, 0.8);
  EXPECT_EQ(read->jpda_clutter_density, 1e-5);
  EXPECT_EQ(read->jpda_adsb_clutter_density, 1e-14);
  EXPECT_EQ(read->jpda_max_nodes, 1000u);
  EXPECT_EQ(read->existence.birth, 0.2);
  EXPECT_EQ(read->existence.survival_per_s, 0.98);
  EXPECT_EQ(read->existence.confirm, 0.95);
  EXPECT_EQ(read->existence.delete_below, 0.02);
  // A stay probability instead of the matrix: the rest spread evenly over the other modes.
  const auto stay =
      parse_tracker_config("imm: {modes: [ct, cv], stay_probability: 0.9}\n", "t.yaml");
  ASSERT_TRUE(stay.ok()) << stay.error().message;
  EXPECT_EQ(mode_kind(stay->imm.modes[0]), ImmModeKind::kCt);
  EXPECT_EQ(stay->imm.mode_count, 2);
  EXPECT_NEAR(stay->imm.transition(0, 1), 0.1, 1e-12);
}

TEST(TrackerConfig, FilterAndAssociatorErrorsNameLineAndField) {
  auto expect_error = [](const std::string& text, const std::string& where) {
    const auto bad = parse_tracker_config(text, "t.yaml");
    ASSERT_FALSE(bad.ok()) << text;
    EXPECT_NE(bad.error().message.find(where), std::string::npos) << bad.error().message;
  };
  expect_error("filter: kalman\n", "t.yaml:1: filter");
  expect_error("associator: mht\n", "associator");
  expect_error("imm:\n  modes: [cv, turn]\n", "t.yaml:2: imm.modes");
  expect_error("imm: {modes: [cv, cv]}\n", "imm.modes");
  expect_error("imm:\n  transition: [[0.9, 0.2], [0.1, 0.9]]\n", "t.yaml:2: imm.transition");
  expect_error("imm: {transition: [[1.0, 0.0], [0.1, 0.9]]}\n", "imm.transition");
  expect_error("imm: {transition: [[0.9, 0.1]]}\n", "imm.transition");
  expect_error("imm: {stay_probability: 0.9, transition: [[0.9, 0.1], [0.1, 0.9]]}\n",
               "imm.transition");
  expect_error("imm: {initial_probabilities: [0.5, 0.6]}\n", "imm.initial_probabilities");
  expect_error("imm: {q_ct: 3}\n", "imm.q_ct");
  expect_error("jpda: {detection_probability: 1.5}\n", "jpda.detection_probability");
  expect_error("existence:\n  confirm: 0.5\n  delete_below: 0.6\n",
               "t.yaml:3: existence.delete_below");
}

}  // namespace
}  // namespace straja::tracking
