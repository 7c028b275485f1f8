#include "tracking/models/motion_models.h"

#include <gtest/gtest.h>

#include <Eigen/Cholesky>

#include "tracking/models/constant_velocity.h"
#include "tracking/models/jacobian_check.h"

namespace straja::tracking {
namespace {

using testing::expect_motion_jacobian_matches;

CtMotion::Vector ct_state(double omega) {
  CtMotion::Vector x;
  x << 1'000, -2'000, 3'000, 200, -150, 5, omega;
  return x;
}

TEST(MotionModelsTest, CvMatchesTheTrackersConstantVelocityModel) {
  const ConstantVelocityModel reference{.q_horizontal = 2.0, .q_vertical = 0.3};
  CvMotion cv;
  cv.horizontal.q = 2.0;
  cv.vertical.q = 0.3;
  for (const double dt : {0.5, 4.0, -2.0}) {
    EXPECT_TRUE(cv.transition(dt).isApprox(reference.transition(dt), 1e-15));
    EXPECT_TRUE(cv.process_noise(CvMotion::Vector::Zero(), dt)
                    .isApprox(reference.process_noise(dt), 1e-15));
  }
}

// Predicting back (an out-of-sequence plot, dt < 0): x(t + dt) = F(dt) x(t) - F(dt) w with
// w ~ N(0, Q(|dt|)), so the noise is F(dt) Q(|dt|) F(dt)^T, whose position-velocity terms have
// the opposite sign of the forward ones.
TEST(MotionModelsTest, BackwardProcessNoiseIsTheForwardNoiseCarriedBack) {
  const ConstantVelocityModel reference{.q_horizontal = 2.0, .q_vertical = 0.3};
  CaMotion ca;
  ca.horizontal.q = 0.7;
  for (const double dt : {-0.5, -3.0}) {
    const StateCovariance f = reference.transition(dt);
    EXPECT_TRUE(reference.process_noise(dt).isApprox(
        f * reference.process_noise(-dt) * f.transpose(), 1e-12))
        << dt;
    EXPECT_LT(reference.process_noise(dt)(0, 3), 0.0);
    const CaMotion::Vector x = CaMotion::Vector::Zero();
    const auto fa = ca.transition(dt);
    EXPECT_TRUE(
        ca.process_noise(x, dt).isApprox(fa * ca.process_noise(x, -dt) * fa.transpose(), 1e-12))
        << dt;
  }
}

TEST(MotionModelsTest, JacobiansMatchCentralDifferences) {
  CvMotion cv;
  CaMotion ca;
  CtMotion ct;
  CvMotion::Vector x_cv;
  x_cv << 100, 200, 300, 10, -20, 1;
  CaMotion::Vector x_ca;
  x_ca << 100, 200, 300, 10, -20, 1, 3, -5;
  for (const double dt : {0.1, 2.0, 5.0}) {
    expect_motion_jacobian_matches(cv, x_cv, dt);
    expect_motion_jacobian_matches(ca, x_ca, dt);
    // Turn rates from exactly zero through the series/closed-form switch to a 7 g turn.
    for (const double omega : {0.0, 1e-9, 4e-3, -4e-3, 6e-3, 0.05, -0.27}) {
      expect_motion_jacobian_matches(ct, ct_state(omega), dt, 1e-6, 1e-6);
    }
  }
  Embedded<CtMotion> embedded;
  Embedded<CtMotion>::Vector common;
  common << 1'000, -2'000, 3'000, 200, -150, 5, 2, -1, 0.1;
  expect_motion_jacobian_matches(embedded, common, 3.0, 1e-6, 1e-6);
}

TEST(MotionModelsTest, CoordinatedTurnAtZeroRateIsConstantVelocity) {
  const CtMotion ct;
  const CtMotion::Vector x = ct_state(0.0);
  const CtMotion::Vector next = ct.f(x, 4.0);
  EXPECT_EQ(next(0), 1'000 + 800.0);
  EXPECT_EQ(next(1), -2'000 - 600.0);
  EXPECT_EQ(next(3), 200.0);
  EXPECT_EQ(next(4), -150.0);
  // Continuous across the switch between the series and the closed form (|w dt| = 1e-2).
  const double dt = 4.0;
  const CtMotion::Vector below = ct.f(ct_state(1e-2 / dt * (1 - 1e-12)), dt);
  const CtMotion::Vector above = ct.f(ct_state(1e-2 / dt * (1 + 1e-12)), dt);
  EXPECT_LT((below - above).norm(), 1e-8);
}

TEST(MotionModelsTest, CoordinatedTurnConservesSpeedAndTurnsLeftForPositiveRate) {
  const CtMotion ct;
  CtMotion::Vector x = CtMotion::Vector::Zero();
  x(4) = 250.0;            // flying north
  x(6) = 250.0 / 5'000.0;  // radius 5 km
  // A quarter turn: ends 5 km west, 5 km north, flying west.
  const double quarter = (3.14159265358979323846 / 2.0) / x(6);
  const CtMotion::Vector next = ct.f(x, quarter);
  EXPECT_NEAR(next(0), -5'000.0, 1e-6);
  EXPECT_NEAR(next(1), 5'000.0, 1e-6);
  EXPECT_NEAR(next(3), -250.0, 1e-9);
  EXPECT_NEAR(next.segment<2>(3).norm(), 250.0, 1e-9);
}

TEST(MotionModelsTest, ConstantAccelerationPropagatesKinematics) {
  const CaMotion ca;
  CaMotion::Vector x = CaMotion::Vector::Zero();
  x(3) = 100.0;
  x(6) = 2.0;
  const CaMotion::Vector next = ca.f(x, 10.0);
  EXPECT_DOUBLE_EQ(next(0), 100.0 * 10.0 + 0.5 * 2.0 * 100.0);
  EXPECT_DOUBLE_EQ(next(3), 100.0 + 20.0);
  // Noise: positive definite and per axis q [dt^5/20 ...].
  const CaMotion::Matrix q = ca.process_noise(x, 2.0);
  EXPECT_DOUBLE_EQ(q(0, 0), 32.0 / 20.0);
  EXPECT_DOUBLE_EQ(q(0, 6), 8.0 / 6.0);
  EXPECT_EQ(q.llt().info(), Eigen::Success);
}

TEST(MotionModelsTest, EmbeddedModeCarriesComponentsItDoesNotModel) {
  Embedded<CvMotion> cv;
  Embedded<CvMotion>::Vector x;
  x << 0, 0, 0, 10, 0, 0, 3, 4, 0.2;
  const auto next = cv.f(x, 2.0);
  EXPECT_EQ(next(0), 20.0);
  EXPECT_TRUE(next.tail<3>() == x.tail<3>());
  const auto q = cv.process_noise(x, 2.0);
  EXPECT_TRUE((q.bottomRightCorner<3, 3>().isZero(0.0)));
  Embedded<CaMotion> ca;
  EXPECT_EQ(Embedded<CaMotion>::common_index(6), 6);
  EXPECT_EQ(Embedded<CtMotion>::common_index(6), 8);
  EXPECT_EQ(ca.f(x, 2.0)(0), 20.0 + 0.5 * 3.0 * 4.0);
}

}  // namespace
}  // namespace straja::tracking
