#include "evaluation/label_scoring.h"

#include <gtest/gtest.h>

#include <cmath>

namespace straja::evaluation {
namespace {

LabelledTrackRow row(double t, std::int64_t id, const char* label, bool confirmed = true) {
  return {t, id, confirmed, label};
}

TEST(LabelScoring, NonDiscreteCodesLabelNobody) {
  for (const char* code : {"7777", "2000", "1200", "7000", "0000", ""}) {
    EXPECT_FALSE(discrete_mode3a(code)) << code;
  }
  EXPECT_TRUE(discrete_mode3a("4621"));
  EXPECT_TRUE(discrete_mode3a("7700"));  // an emergency is still one aircraft
}

TEST(LabelScoring, HandComputedPuritySwapsFalseTracksAndCompleteness) {
  // Track 1 follows A for 3 reports then B for 1 (one swap, purity 3/4 of its reports);
  // track 2 follows B twice; track 3 is confirmed but never labelled (false); track 4 is only
  // tentative (not counted).
  const std::vector<LabelledTrackRow> rows = {
      row(10, 1, "A"), row(14, 1, "A"), row(18, 1, "A"), row(22, 1, "B"),        row(10, 2, "B"),
      row(14, 2, "B"), row(10, 3, ""),  row(14, 3, ""),  row(10, 4, "C", false),
  };
  // Plots: A at 9 and 13 (fed: reports of A at 10 and 14), B at 21 (fed at 22), C at 9
  // (never on a confirmed track), A at 40 (no confirmed A report within 12 s after).
  const std::vector<LabelledPlot> plots = {{9, "A"}, {13, "A"}, {21, "B"},
                                           {9, "C"}, {40, "A"}, {5, ""}};
  const LabelScores s = score_labels(plots, rows);
  EXPECT_NEAR(s.purity, (3.0 + 2.0) / (4.0 + 2.0), 1e-12);
  EXPECT_EQ(s.identity_swaps, 1u);
  EXPECT_EQ(s.false_tracks, 1u);
  EXPECT_EQ(s.confirmed_tracks, 3u);
  EXPECT_EQ(s.labels_seen, 3u);
  EXPECT_EQ(s.labelled_plots, 5u);
  EXPECT_NEAR(s.completeness, 3.0 / 5.0, 1e-12);
}

TEST(LabelScoring, NothingLabelledIsNotApplicable) {
  const LabelScores s = score_labels({}, {row(1, 1, "")});
  EXPECT_TRUE(std::isnan(s.purity));
  EXPECT_TRUE(std::isnan(s.completeness));
  EXPECT_EQ(s.false_tracks, 1u);
}

}  // namespace
}  // namespace straja::evaluation
