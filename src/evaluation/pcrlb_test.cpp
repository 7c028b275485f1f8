#include "evaluation/pcrlb.h"

#include <gtest/gtest.h>

#include <Eigen/LU>

namespace straja::evaluation {
namespace {

TEST(Pcrlb, LinearGaussianBoundEqualsTheKalmanFiltersSteadyStateCovariance) {
  // Position measured directly (sigma 50 m) every 4 s; Pd = 1, no clutter.
  const double sigma = 50.0, period = 4.0, psd = 2.0;
  Eigen::MatrixXd h = Eigen::MatrixXd::Zero(3, 6);
  h.leftCols(3).setIdentity();
  const Eigen::MatrixXd r = sigma * sigma * Eigen::MatrixXd::Identity(3, 3);
  Matrix6 prior = Matrix6::Identity();
  prior.topLeftCorner<3, 3>() *= 1e8;
  prior.bottomRightCorner<3, 3>() *= 1e4;
  PcrlbRecursion bound(0.0, prior, Eigen::Vector3d::Constant(psd));

  // The Kalman filter's covariance recursion (gain form, Joseph update), independently.
  Matrix6 f = Matrix6::Identity();
  f.topRightCorner<3, 3>() = period * Eigen::Matrix3d::Identity();
  Matrix6 q = Matrix6::Zero();
  const Eigen::Matrix3d i3 = Eigen::Matrix3d::Identity();
  q.topLeftCorner<3, 3>() = psd * std::pow(period, 3) / 3 * i3;
  q.topRightCorner<3, 3>() = q.bottomLeftCorner<3, 3>() = psd * period * period / 2 * i3;
  q.bottomRightCorner<3, 3>() = psd * period * i3;
  Matrix6 p = prior;
  for (int k = 1; k <= 200; ++k) {
    bound.predict_to(k * period);
    bound.add(measurement_information(h, r, 1.0));
    const Matrix6 predicted = f * p * f.transpose() + q;
    const Eigen::MatrixXd s = h * predicted * h.transpose() + r;
    const Eigen::MatrixXd gain = predicted * h.transpose() * s.inverse();
    const Matrix6 a = Matrix6::Identity() - gain * h;
    p = a * predicted * a.transpose() + gain * r * gain.transpose();
  }
  const Matrix6 b = bound.bound();
  for (int i = 0; i < 6; ++i) {
    for (int j = 0; j < 6; ++j) {
      EXPECT_NEAR(b(i, j), p(i, j), 1e-9 * std::abs(p(i, i)) + 1e-12) << i << "," << j;
    }
  }
  // Steady state reached: the position bound is below the measurement noise.
  EXPECT_LT(b(0, 0), sigma * sigma);
}

TEST(Pcrlb, InformationReductionFactorLimits) {
  EXPECT_EQ(information_reduction_factor(1.0, 0.0, 3), 1.0);
  EXPECT_EQ(information_reduction_factor(0.8, 0.0, 2), 0.8);
  EXPECT_EQ(information_reduction_factor(0.0, 0.01, 2), 0.0);
  const double light = information_reduction_factor(0.9, 1e-4, 2);
  const double heavy = information_reduction_factor(0.9, 0.05, 2);
  EXPECT_LE(light, 0.9);
  EXPECT_GT(light, 0.85);  // nearly no clutter in a 4-sigma gate: close to Pd
  EXPECT_LT(heavy, light);
  EXPECT_GT(heavy, 0.0);
  // Deterministic.
  EXPECT_EQ(heavy, information_reduction_factor(0.9, 0.05, 2));
}

TEST(Pcrlb, ReducedInformationGivesALargerBound) {
  Eigen::MatrixXd h = Eigen::MatrixXd::Zero(3, 6);
  h.leftCols(3).setIdentity();
  const Eigen::MatrixXd r = 100.0 * Eigen::MatrixXd::Identity(3, 3);
  PcrlbRecursion full(0.0, 1e6 * Matrix6::Identity(), Eigen::Vector3d::Ones());
  PcrlbRecursion reduced(0.0, 1e6 * Matrix6::Identity(), Eigen::Vector3d::Ones());
  for (int k = 1; k < 50; ++k) {
    full.predict_to(k);
    reduced.predict_to(k);
    full.add(measurement_information(h, r, 1.0));
    reduced.add(measurement_information(h, r, 0.6));
  }
  EXPECT_GT(reduced.bound()(0, 0), full.bound()(0, 0));
}

}  // namespace
}  // namespace straja::evaluation
