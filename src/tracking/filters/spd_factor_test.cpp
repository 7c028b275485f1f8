#include "tracking/filters/spd_factor.h"

#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <cmath>
#include <random>

namespace straja::tracking {
namespace {

// Random SPD matrices scaled like a radar's innovation covariance (range in m, azimuth and
// elevation in rad: diagonals 1e2..1e4 against 1e-6..1e-4, correlated): the closed form agrees
// with Eigen's LLT on ln|S|, v^T S^-1 v and S^-1.
TEST(SpdFactor3, AgreesWithEigensCholeskyOnBadlyScaledMatrices) {
  std::mt19937 rng(7);
  std::normal_distribution<double> normal;
  for (int trial = 0; trial < 500; ++trial) {
    Mat3 a;
    for (int i = 0; i < 9; ++i) a(i) = normal(rng);
    const Vec3 scale(std::exp(2.0 + 3.0 * normal(rng)), std::exp(-6.0 + normal(rng)),
                     std::exp(-6.0 + normal(rng)));
    const Mat3 s =
        scale.asDiagonal() * (a * a.transpose() + 0.1 * Mat3::Identity()) * scale.asDiagonal();
    const SpdFactor3 factor(s);
    ASSERT_TRUE(factor.ok()) << trial;
    const Eigen::LLT<Mat3> llt(s);
    const Mat3 l = llt.matrixL();
    const double log_det = 2.0 * std::log(l(0, 0) * l(1, 1) * l(2, 2));
    EXPECT_NEAR(factor.log_det(), log_det, 1e-9 * std::abs(log_det) + 1e-9) << trial;
    Vec3 v;
    for (int i = 0; i < 3; ++i) v(i) = normal(rng) * scale(i);
    const double d2 = v.dot(llt.solve(v));
    EXPECT_NEAR(factor.mahalanobis_squared(v), d2, 1e-9 * d2) << trial;
    const Mat3 inverse = llt.solve(Mat3::Identity());
    EXPECT_TRUE(factor.inverse().isApprox(inverse, 1e-9)) << trial;
    // The inverse Cholesky factor is Eigen's L^-1, and the unit factor's solve with the inverse
    // pivots gives the same distance.
    EXPECT_TRUE(factor.inverse_l().isApprox(
        Mat3(l.triangularView<Eigen::Lower>().solve(Mat3::Identity())), 1e-9))
        << trial;
    const Vec3 y = factor.unit_solve(v);
    EXPECT_NEAR(y.cwiseProduct(y).dot(factor.inverse_pivots()), d2, 1e-9 * d2) << trial;
    const Eigen::Matrix<double, 6, 3> pxz = Eigen::Matrix<double, 6, 3>::Random();
    EXPECT_TRUE(factor.right_solve(pxz).isApprox(pxz * inverse, 1e-9)) << trial;
  }
}

// A matrix that is not positive definite gates nothing.
TEST(SpdFactor3, NotPositiveDefiniteIsNotOkAndGatesNothing) {
  Mat3 s = Mat3::Identity();
  s(2, 2) = -1.0;
  EXPECT_FALSE(SpdFactor3(s).ok());
  EXPECT_TRUE(std::isinf(SpdFactor3(s).mahalanobis_squared(Vec3::Zero())));
  s = Mat3::Identity();
  s(0, 0) = std::nan("");
  EXPECT_FALSE(SpdFactor3(s).ok());
  EXPECT_TRUE(std::isnan(SpdFactor3(s).log_det()));
  EXPECT_FALSE(SpdFactor3().ok());
  // A subnormal pivot, whose reciprocal overflows, is as good as none.
  s = Mat3::Identity();
  s(2, 2) = 1e-310;
  EXPECT_FALSE(SpdFactor3(s).ok());
  EXPECT_TRUE(std::isinf(SpdFactor3(s).mahalanobis_squared(Vec3::Zero())));
  EXPECT_NEAR(SpdFactor3(4.0 * Mat3::Identity()).mahalanobis_squared(Vec3(2, 0, 0)), 1.0, 1e-15);
}

}  // namespace
}  // namespace straja::tracking
