#include "tracking/track_score.h"

#include <gtest/gtest.h>

#include <cmath>

namespace straja::tracking {
namespace {

LlrScoreConfig config() {
  LlrScoreConfig c;
  c.detection_probability = 0.9;
  c.false_alarm_density = 1e-4;
  c.new_target_density = 1e-5;
  c.false_confirm_probability = 1e-3;
  c.true_delete_probability = 1e-2;
  c.delete_drop = 5.0;
  c.measurement_size = 2;
  return c;
}

TEST(TrackScoreTest, ArithmeticFollowsTheLikelihoodRatio) {
  const LlrScoreConfig c = config();
  EXPECT_NEAR(c.initial(), std::log(0.1), 1e-12);
  // |S| = 100 (ln 100), d^2 = 2: ln(0.9 / (2 pi * 10 * 1e-4)) - 1.
  EXPECT_NEAR(c.hit(2.0, std::log(100.0)), std::log(0.9 / (2.0 * M_PI * 10.0 * 1e-4)) - 1.0, 1e-12);
  EXPECT_NEAR(c.miss(), std::log(0.1), 1e-12);
  EXPECT_NEAR(c.confirm_threshold(), std::log(0.99 / 1e-3), 1e-12);
  EXPECT_NEAR(c.delete_threshold(), std::log(1e-2 / 0.999), 1e-12);
}

TEST(TrackScoreTest, GoodHitsConfirmAndMissesDelete) {
  const LlrScoreConfig c = config();
  TrackScore score;
  score.start(c);
  EXPECT_FALSE(score.confirms(c));
  // A plot on the prediction (d^2 = 0, |S| = 100): +4.96 per hit; two confirm (6.9).
  score.add(c.hit(0.0, std::log(100.0)));
  EXPECT_FALSE(score.confirms(c));
  score.add(c.hit(0.0, std::log(100.0)));
  EXPECT_TRUE(score.confirms(c));
  EXPECT_EQ(score.maximum, score.value);
  // Confirmed: two misses (-4.6) stay within the 5.0 drop, the third deletes.
  const double top = score.value;
  score.add(c.miss());
  score.add(c.miss());
  EXPECT_FALSE(score.deletes(c, true));
  score.add(c.miss());
  EXPECT_TRUE(score.deletes(c, true));
  EXPECT_EQ(score.maximum, top);
}

TEST(TrackScoreTest, TentativeTrackOfFalseAlarmsIsDeletedByTheSprt) {
  const LlrScoreConfig c = config();
  TrackScore score;
  score.start(c);  // -2.30
  EXPECT_FALSE(score.deletes(c, false));
  EXPECT_FALSE(score.deletes(c, true));
  score.add(c.miss());  // -4.6052 <= ln(0.01 / 0.999) = -4.6042
  EXPECT_TRUE(score.deletes(c, false));
  // A poorly fitting plot (d^2 = 12) lowers the score instead of raising it.
  EXPECT_LT(c.hit(12.0, std::log(1e4)), 0.0);
}

}  // namespace
}  // namespace straja::tracking
