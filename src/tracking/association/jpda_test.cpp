#include "tracking/association/jpda.h"

#include <gtest/gtest.h>

#include <random>

namespace straja::tracking {
namespace {

TEST(Jpda, OneTrackOnePlotByHand) {
  Eigen::MatrixXd l(1, 1);
  l << 3.0;
  Eigen::VectorXd miss(1);
  miss << 1.0;
  const auto r = jpda_marginals(l, miss);
  EXPECT_NEAR(r.probability(0, 0), 0.75, 1e-12);
  EXPECT_NEAR(r.probability(0, 1), 0.25, 1e-12);
}

TEST(Jpda, TwoTracksSharingTwoPlotsByHand) {
  // Events: (miss, miss) 1; (p0, miss) 2; (p1, miss) 1; (miss, p0) 1; (miss, p1) 3;
  // (p0, p1) 2*3 = 6; (p1, p0) 1*1 = 1. Total 15.
  Eigen::MatrixXd l(2, 2);
  l << 2.0, 1.0, 1.0, 3.0;
  const Eigen::VectorXd miss = Eigen::VectorXd::Ones(2);
  const auto r = jpda_marginals(l, miss);
  EXPECT_TRUE(r.exact);
  EXPECT_NEAR(r.probability(0, 0), (2.0 + 6.0) / 15.0, 1e-12);
  EXPECT_NEAR(r.probability(0, 1), (1.0 + 1.0) / 15.0, 1e-12);
  EXPECT_NEAR(r.probability(0, 2), (1.0 + 1.0 + 3.0) / 15.0, 1e-12);
  EXPECT_NEAR(r.probability(1, 1), (3.0 + 6.0) / 15.0, 1e-12);
}

TEST(Jpda, EfficientNetEqualsEnumerationOnRandomClusters) {
  std::mt19937_64 random(5);
  std::uniform_real_distribution<double> value(0.1, 10.0);
  std::bernoulli_distribution gated(0.6);
  for (int trial = 0; trial < 200; ++trial) {
    const int n = 1 + trial % 6;
    const int m = trial % 7;
    Eigen::MatrixXd l = Eigen::MatrixXd::Zero(n, m);
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < m; ++j) l(i, j) = gated(random) ? value(random) : 0.0;
    }
    Eigen::VectorXd miss(n);
    for (int i = 0; i < n; ++i) miss(i) = value(random);
    const auto fast = jpda_marginals(l, miss);
    const Eigen::MatrixXd slow = jpda_marginals_brute_force(l, miss);
    ASSERT_TRUE(fast.exact);
    ASSERT_LT((fast.probability - slow).cwiseAbs().maxCoeff(), 1e-12) << "trial " << trial;
    for (int i = 0; i < n; ++i) EXPECT_NEAR(fast.probability.row(i).sum(), 1.0, 1e-12);
  }
}

TEST(Jpda, HugeClusterIsApproximatedWithRowsStillSummingToOne) {
  // 40 tracks all gating 40 plots: far too many joint events; the node bound forces the
  // approximation.
  const Eigen::MatrixXd l = Eigen::MatrixXd::Constant(40, 40, 1.0);
  const Eigen::VectorXd miss = Eigen::VectorXd::Constant(40, 0.5);
  const auto r = jpda_marginals(l, miss, 10'000);
  EXPECT_FALSE(r.exact);
  for (int i = 0; i < 40; ++i) EXPECT_NEAR(r.probability.row(i).sum(), 1.0, 1e-12);
  // Symmetric problem: every plot equally likely for every track.
  EXPECT_NEAR(r.probability(3, 7), r.probability(11, 29), 1e-12);
}

TEST(Jpda, ChainOfTracksKeepsTheNetNarrow) {
  // 30 tracks in a line, each gating its own plot and its neighbour's: exact, with a net whose
  // width stays small (the enumeration would have ~1e12 events).
  const int n = 30;
  Eigen::MatrixXd l = Eigen::MatrixXd::Zero(n, n);
  for (int i = 0; i < n; ++i) {
    l(i, i) = 5.0;
    if (i + 1 < n) l(i, i + 1) = 1.0;
  }
  const auto r = jpda_marginals(l, Eigen::VectorXd::Ones(n));
  EXPECT_TRUE(r.exact);
  EXPECT_LT(r.nodes, 200u);
  for (int i = 0; i < n; ++i) EXPECT_NEAR(r.probability.row(i).sum(), 1.0, 1e-12);
  EXPECT_GT(r.probability(15, 15), 0.6);
}

}  // namespace
}  // namespace straja::tracking
