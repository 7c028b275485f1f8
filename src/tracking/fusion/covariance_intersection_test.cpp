// Covariance intersection held to its contract: never more uncertain than the better input,
// nothing counted twice, and consistent when the inputs' errors are correlated.

#include "tracking/fusion/covariance_intersection.h"

#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <Eigen/LU>
#include <random>

namespace straja::tracking {
namespace {

Matrix6 random_spd(std::mt19937& random) {
  std::normal_distribution<double> normal;
  Matrix6 a;
  for (int r = 0; r < 6; ++r) {
    for (int c = 0; c < 6; ++c) a(r, c) = normal(random);
  }
  return a * a.transpose() + 0.1 * Matrix6::Identity();
}

Vector6 random_vector(std::mt19937& random) {
  std::normal_distribution<double> normal;
  Vector6 v;
  for (int i = 0; i < 6; ++i) v(i) = normal(random);
  return v;
}

TEST(CovarianceIntersection, NeverLargerInTraceThanTheBetterInput) {
  std::mt19937 random(7);
  for (int trial = 0; trial < 200; ++trial) {
    const Matrix6 pa = random_spd(random);
    const Matrix6 pb = random_spd(random);
    const CiEstimate fused =
        covariance_intersection(random_vector(random), pa, random_vector(random), pb);
    EXPECT_LE(fused.covariance.trace(), std::min(pa.trace(), pb.trace()) * (1.0 + 1e-12));
    EXPECT_GE(fused.omega, 0.0);
    EXPECT_LE(fused.omega, 1.0);
    EXPECT_EQ(Eigen::LLT<Matrix6>(fused.covariance).info(), Eigen::Success);
  }
}

TEST(CovarianceIntersection, DeterminantCriterionNeverLargerInDeterminant) {
  std::mt19937 random(8);
  for (int trial = 0; trial < 100; ++trial) {
    const Matrix6 pa = random_spd(random);
    const Matrix6 pb = random_spd(random);
    const CiEstimate fused = covariance_intersection(
        random_vector(random), pa, random_vector(random), pb, CiCriterion::kDeterminant);
    EXPECT_LE(fused.covariance.determinant(),
              std::min(pa.determinant(), pb.determinant()) * (1.0 + 1e-9));
  }
}

TEST(CovarianceIntersection, TwoIdenticalEstimatesAreNotCountedTwice) {
  std::mt19937 random(9);
  const Matrix6 p = random_spd(random);
  const Vector6 x = random_vector(random);
  const CiEstimate fused = covariance_intersection(x, p, x, p);
  EXPECT_TRUE(fused.mean.isApprox(x, 1e-12));
  EXPECT_TRUE(fused.covariance.isApprox(p, 1e-12));
  // A Kalman combination, which takes the two as independent, would halve the covariance.
  const Matrix6 kalman = (p.inverse() + p.inverse()).inverse();
  EXPECT_TRUE(kalman.isApprox(0.5 * p, 1e-9));
}

TEST(CovarianceIntersection, OneFarBetterInputWins) {
  const Vector6 a = Vector6::Constant(1.0);
  const Vector6 b = Vector6::Constant(-1.0);
  const CiEstimate fused =
      covariance_intersection(a, Matrix6::Identity(), b, 1e6 * Matrix6::Identity());
  EXPECT_GT(fused.omega, 0.99);
  EXPECT_TRUE(fused.mean.isApprox(a, 1e-3));
}

/// Mean NEES over `runs` of two estimates of the zero state whose errors share a common part
/// (correlation `rho` per component): covariance intersection (`ci`) or the Kalman combination.
double mean_nees(bool ci, double rho, int runs) {
  std::mt19937 random(11);
  std::normal_distribution<double> normal;
  // Different accuracies per component, so omega is not trivially one half.
  Vector6 sa, sb;
  sa << 50, 80, 120, 2, 3, 5;
  sb << 90, 40, 200, 4, 1.5, 6;
  const Matrix6 pa = sa.cwiseProduct(sa).asDiagonal();
  const Matrix6 pb = sb.cwiseProduct(sb).asDiagonal();
  double sum = 0.0;
  for (int run = 0; run < runs; ++run) {
    Vector6 a, b;
    for (int i = 0; i < 6; ++i) {
      const double common = normal(random);
      a(i) = sa(i) * (std::sqrt(rho) * common + std::sqrt(1.0 - rho) * normal(random));
      b(i) = sb(i) * (std::sqrt(rho) * common + std::sqrt(1.0 - rho) * normal(random));
    }
    Vector6 x;
    Matrix6 p;
    if (ci) {
      const CiEstimate fused = covariance_intersection(a, pa, b, pb);
      x = fused.mean;
      p = fused.covariance;
    } else {
      p = (pa.inverse() + pb.inverse()).inverse();
      x = p * (pa.inverse() * a + pb.inverse() * b);
    }
    sum += x.dot(p.llt().solve(x));
  }
  return sum / runs;
}

TEST(CovarianceIntersection, ConsistentWithCorrelatedErrorsWhereKalmanIsNot) {
  constexpr int kRuns = 2000;
  // The 97.5% bound of the mean of kRuns chi-square(6) values: 6 + 1.96 sqrt(2 * 6 / kRuns).
  const double upper = 6.0 + 1.96 * std::sqrt(12.0 / kRuns);
  EXPECT_LT(mean_nees(true, 0.9, kRuns), upper);
  EXPECT_LT(mean_nees(true, 0.0, kRuns), upper);   // independent inputs: conservative
  EXPECT_GT(mean_nees(false, 0.9, kRuns), upper);  // the Kalman combination is overconfident
}

}  // namespace
}  // namespace straja::tracking
