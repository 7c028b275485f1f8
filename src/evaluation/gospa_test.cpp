#include "evaluation/gospa.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace straja::evaluation {
namespace {

using V = Eigen::Vector3d;

TEST(GospaTest, PerfectEstimateScoresZero) {
  const std::vector<V> truth{{0, 0, 0}, {1000, 0, 0}};
  const auto result = gospa(truth, truth, {});
  EXPECT_DOUBLE_EQ(result.distance, 0.0);
  EXPECT_EQ(result.assigned, 2u);
}

TEST(GospaTest, HandComputedMixOfErrorsMissesAndFalseTracks) {
  // Truth A at origin matched by an estimate 30 m off and 40 m off on another axis (d = 50);
  // truth B has no estimate (missed); one estimate far from everything (false).
  const std::vector<V> truth{{0, 0, 0}, {10'000, 0, 0}};
  const std::vector<V> estimates{{30, 40, 0}, {-20'000, 0, 0}};
  const auto result = gospa(truth, estimates, {.cutoff_m = 500.0, .order = 2.0});
  // d^2 = 50^2 + c^2/2 * (1 missed + 1 false) = 2500 + 250000
  EXPECT_NEAR(result.distance, std::sqrt(2500.0 + 250'000.0), 1e-9);
  EXPECT_NEAR(result.localisation, 50.0, 1e-9);
  EXPECT_EQ(result.missed, 1u);
  EXPECT_EQ(result.false_tracks, 1u);
}

TEST(GospaTest, PicksTheGloballyBestPairing) {
  // Greedy nearest-first pairing takes truth 0 - estimate 0 (d = 10), forcing truth 1 onto
  // estimate 1 (d = 200): 210 for p = 1. The optimum pairs crosswise: 100 + 90 = 190.
  const std::vector<V> truth{{0, 0, 0}, {100, 0, 0}};
  const std::vector<V> estimates{{10, 0, 0}, {-100, 0, 0}};
  const auto result = gospa(truth, estimates, {.cutoff_m = 1000.0, .order = 1.0});
  EXPECT_NEAR(result.distance, 190.0, 1e-9);
  const auto p2 = gospa(truth, estimates, {.cutoff_m = 1000.0, .order = 2.0});
  // p = 2: options {10^2 + 200^2 = 40100} vs {100^2 + 90^2 = 18100}: the second wins.
  EXPECT_NEAR(p2.distance, std::sqrt(18'100.0), 1e-9);
}

TEST(GospaTest, PairsBeyondCutoffCountAsMissedAndFalse) {
  const std::vector<V> truth{{0, 0, 0}};
  const std::vector<V> estimates{{600, 0, 0}};
  const auto result = gospa(truth, estimates, {.cutoff_m = 500.0, .order = 2.0});
  EXPECT_EQ(result.assigned, 0u);
  EXPECT_NEAR(result.distance, 500.0, 1e-9);  // sqrt(c^2/2 * 2)
}

TEST(GospaTest, EmptySets) {
  const std::vector<V> none;
  const std::vector<V> three{{0, 0, 0}, {1, 1, 1}, {2, 2, 2}};
  EXPECT_DOUBLE_EQ(gospa(none, none, {}).distance, 0.0);
  EXPECT_NEAR(gospa(three, none, {}).distance, std::sqrt(3 * 500.0 * 500.0 / 2), 1e-9);
  EXPECT_EQ(gospa(none, three, {}).false_tracks, 3u);
}

}  // namespace
}  // namespace straja::evaluation
