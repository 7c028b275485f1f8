// Hand-computable cases for every figure of evaluate(): empty sets, one far track, swaps,
// coverage, ambiguity and the requirement verdicts.

#include "evaluation/metrics.h"

#include <gtest/gtest.h>

#include <cmath>

namespace straja::evaluation {
namespace {

ObjectState at(std::int64_t id, double x, double y, double z = 0.0, bool coasting = false) {
  ObjectState o;
  o.id = id;
  o.position_m = Eigen::Vector3d(x, y, z);
  o.coasting = coasting;
  return o;
}

ScoringFrame frame(double t, std::vector<ObjectState> truths, std::vector<ObjectState> tracks) {
  return ScoringFrame{t, std::move(truths), std::move(tracks)};
}

TEST(Evaluate, EmptySetsScoreZeroAndRatiosDoNotApply) {
  ScoringData data;
  data.frames = {frame(0, {}, {}), frame(1, {}, {})};
  const auto s = evaluate(data, {});
  EXPECT_EQ(s.gospa_mean, 0.0);
  EXPECT_EQ(s.ospa_mean, 0.0);
  EXPECT_EQ(s.missed_mean, 0.0);
  EXPECT_EQ(s.false_mean, 0.0);
  EXPECT_TRUE(std::isnan(s.gospa_loc_rms_m));
  EXPECT_TRUE(std::isnan(s.completeness));
  EXPECT_TRUE(std::isnan(s.spuriousness));
  EXPECT_TRUE(std::isnan(s.rms_horizontal_m));
  for (const auto& r : s.requirements) EXPECT_EQ(r.verdict(), -1) << r.key;
}

TEST(Evaluate, OneFarTrackIsOneMissAndOneFalseTrack) {
  ScoringData data;
  data.frames = {frame(0, {at(1, 0, 0)}, {at(7, 10'000, 0)})};
  const auto s = evaluate(data, {});  // c = 500, p = 2
  EXPECT_NEAR(s.gospa_mean, std::sqrt(500.0 * 500.0 / 2 * 2), 1e-9);
  EXPECT_NEAR(s.ospa_mean, 500.0, 1e-9);  // one pair at >= c costs c^p over max(1, 1)
  EXPECT_EQ(s.missed_mean, 1.0);
  EXPECT_EQ(s.false_mean, 1.0);
  EXPECT_EQ(s.completeness, 0.0);
  EXPECT_EQ(s.spuriousness, 1.0);
  EXPECT_EQ(s.false_track_ids, 1u);
  EXPECT_EQ(s.probability_of_update, 0.0);
}

TEST(Evaluate, ErrorsMissesAndOspaByHand) {
  // Truths 1 and 2; track 5 is 30/40/120 m off truth 1 (d = 130 m in 3D, 50 m horizontally);
  // truth 2 is missed. OSPA: (130^2 + 500^2 * 1) / 2.
  ScoringData data;
  data.frames = {frame(0, {at(1, 0, 0, 1000), at(2, 5000, 0, 1000)}, {at(5, 30, 40, 1120)})};
  const auto s = evaluate(data, {});
  EXPECT_NEAR(s.gospa_mean, std::sqrt(130.0 * 130.0 + 250'000.0 / 2), 1e-9);
  EXPECT_NEAR(s.gospa_loc_rms_m, 130.0, 1e-9);
  EXPECT_NEAR(s.ospa_mean, std::sqrt((130.0 * 130.0 + 250'000.0) / 2), 1e-9);
  EXPECT_NEAR(s.rms_horizontal_m, 50.0, 1e-9);
  EXPECT_NEAR(s.rms_vertical_m, 120.0, 1e-9);
  EXPECT_EQ(s.completeness, 0.5);
  EXPECT_EQ(s.ambiguity, 1.0);
  EvaluationConfig flat;
  flat.horizontal = true;
  const auto h = evaluate(data, flat);
  EXPECT_NEAR(h.gospa_loc_rms_m, 50.0, 1e-9);
  EXPECT_TRUE(std::isnan(h.rms_vertical_m));
}

TEST(Evaluate, SwappedTracksCountOneSwitchPerTruth) {
  // Two targets 1 km apart; tracks 10 and 20 follow them, then exchange targets at t = 2.
  ScoringData data;
  for (int t = 0; t < 4; ++t) {
    const bool swapped = t >= 2;
    data.frames.push_back(frame(t, {at(1, 0, 0), at(2, 1000, 0)},
                                {at(swapped ? 20 : 10, 10, 0), at(swapped ? 10 : 20, 1010, 0)}));
  }
  const auto s = evaluate(data, {});
  EXPECT_EQ(s.track_switches, 2u);
  EXPECT_EQ(s.track_number_changes, 2u);
  EXPECT_EQ(s.completeness, 1.0);
  EXPECT_NEAR(s.gospa_mean, std::sqrt(2 * 100.0), 1e-9);
  ASSERT_EQ(s.targets.size(), 2u);
  // Each truth was followed by one track for t in [0, 1] and another for [2, 3]: 1 s of 3 s.
  EXPECT_NEAR(s.targets[0].longest_segment_fraction, 1.0 / 3.0, 1e-12);
  EXPECT_EQ(s.targets[0].timeline[1].second, 10);
  EXPECT_EQ(s.targets[0].timeline[2].second, 20);
}

TEST(Evaluate, TwoTracksOnOneTruthAreAmbiguousNotFalseForSiap) {
  ScoringData data;
  data.frames = {frame(0, {at(1, 0, 0)}, {at(5, 10, 0), at(6, -20, 0)})};
  const auto s = evaluate(data, {});
  EXPECT_EQ(s.ambiguity, 2.0);
  EXPECT_EQ(s.spuriousness, 0.0);
  EXPECT_EQ(s.false_mean, 1.0);  // GOSPA pairs one track only: the other is false there
}

TEST(Evaluate, TruthOutOfCoverageIsNeverMissed) {
  ScoringData data;
  ObjectState hidden = at(1, 0, 0);
  hidden.in_coverage = false;
  data.frames = {frame(0, {hidden, at(2, 5000, 0)}, {})};
  const auto s = evaluate(data, {});
  EXPECT_EQ(s.missed_mean, 1.0);
  EXPECT_NEAR(s.gospa_mean, std::sqrt(250'000.0 / 2), 1e-9);
  EXPECT_EQ(s.completeness, 0.0);
  EXPECT_EQ(s.frames[0].truths_in_coverage, 1u);
}

TEST(Evaluate, UpdatesGapsTimeToConfirmAndVerdicts) {
  // One target seen from t = 0; a track appears at t = 8, is updated at 8, 12, coasts at 16 and
  // 20 (not an update), is updated again at 36: gaps 4 and 24 s, one above 16.4 s.
  ScoringData data;
  for (const double t : {0.0, 4.0}) data.frames.push_back(frame(t, {at(1, 0, 0)}, {}));
  for (const double t : {8.0, 12.0})
    data.frames.push_back(frame(t, {at(1, 0, 0)}, {at(3, 100, 0)}));
  for (const double t : {16.0, 20.0}) {
    data.frames.push_back(frame(t, {at(1, 0, 0)}, {at(3, 100, 0, 0, true)}));
  }
  data.frames.push_back(frame(36, {at(1, 0, 0)}, {at(3, 100, 0)}));
  const auto s = evaluate(data, {});
  EXPECT_EQ(s.targets[0].time_to_confirm_s, 8.0);
  EXPECT_EQ(s.time_to_confirm_mean_s, 8.0);
  EXPECT_NEAR(s.probability_of_update, 3.0 / 7.0, 1e-12);
  EXPECT_NEAR(s.completeness, 5.0 / 7.0, 1e-12);
  EXPECT_EQ(s.update_gaps, 2u);
  EXPECT_EQ(s.gap_probability, 0.5);
  ASSERT_EQ(s.requirements.size(), 4u);
  EXPECT_EQ(s.requirements[0].key, "probability_of_update");
  EXPECT_EQ(s.requirements[0].verdict(), 0);
  EXPECT_EQ(s.requirements[1].key, "rms_horizontal_m");
  EXPECT_EQ(s.requirements[1].verdict(), 1);  // 100 m <= 150 m
  EXPECT_EQ(s.requirements[2].verdict(), 0);
  EXPECT_EQ(s.requirements[3].verdict(), 1);  // no false track reports
}

TEST(Evaluate, LargeFramesUseTheGridAndAgreeWithSmallOnes) {
  // 200 targets on a 2 km lattice with tracks 40 m off: every pair found through the grid.
  ScoringData data;
  ScoringFrame f;
  for (int i = 0; i < 200; ++i) {
    const double x = (i % 20) * 2000.0;
    const double y = (i / 20) * 2000.0;
    f.truths.push_back(at(i, x, y));
    f.tracks.push_back(at(1000 + i, x + 40, y - 30 * ((i % 3) - 1)));
  }
  data.frames = {f};
  const auto s = evaluate(data, {});
  EXPECT_EQ(s.missed_mean, 0.0);
  EXPECT_EQ(s.false_mean, 0.0);
  EXPECT_EQ(s.completeness, 1.0);
  double sum = 0.0;
  for (int i = 0; i < 200; ++i) sum += 40.0 * 40.0 + std::pow(30.0 * ((i % 3) - 1), 2);
  EXPECT_NEAR(s.gospa_mean, std::sqrt(sum), 1e-6);
}

}  // namespace
}  // namespace straja::evaluation
