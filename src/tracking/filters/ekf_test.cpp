#include "tracking/filters/ekf.h"

#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <random>

#include "core/units.h"
#include "tracking/models/radar_polar.h"

namespace straja::tracking {
namespace {

using namespace std::chrono_literals;

TEST(EkfTest, ConstantVelocityPredictionMovesMeanAndGrowsCovariance) {
  ConstantVelocityModel model{.q_horizontal = 2.0, .q_vertical = 0.5};
  GaussianState state;
  state.mean << 100, 200, 300, 10, -20, 1;
  state.covariance = StateCovariance::Identity();
  const GaussianState predicted = predict(state, model, state.time + 2s);
  EXPECT_TRUE(predicted.mean.isApprox((StateVector() << 120, 160, 302, 10, -20, 1).finished()));
  // Var(east) = 1 + dt^2 * 1 + q dt^3/3 = 1 + 4 + 2*8/3
  EXPECT_NEAR(predicted.covariance(0, 0), 1 + 4 + 16.0 / 3.0, 1e-12);
  EXPECT_NEAR(predicted.covariance(2, 2), 1 + 4 + 0.5 * 8.0 / 3.0, 1e-12);
  EXPECT_NEAR(predicted.covariance(0, 3), 2 + 2.0 * 4.0 / 2.0, 1e-12);
}

TEST(EkfTest, MeanAlonePredictionIsThePredictionsMean) {
  ConstantVelocityModel model{.q_horizontal = 2.0, .q_vertical = 0.5};
  GaussianState state;
  state.mean << 1234.5, -678.25, 3000.125, 123.4, -56.7, 8.9;
  state.covariance = StateCovariance::Identity();
  for (const Duration dt : {Duration{0}, Duration{1'234'567}, -Duration{std::chrono::seconds{3}},
                            Duration{std::chrono::seconds{4}}}) {
    const StateVector mean = predict_mean(state, state.time + dt);
    const StateVector full = predict(state, model, state.time + dt).mean;
    EXPECT_EQ(mean, full) << "dt " << dt.count();  // bit for bit: the same arithmetic
  }
}

// Monte-Carlo consistency: with the truth moving exactly as modelled, the normalised estimation
// error squared (NEES) of the position averages ~3 and the filter's error shrinks well below the
// single-measurement error.
TEST(EkfTest, FilterIsConsistentAndBeatsSingleMeasurements) {
  SensorInfo sensor;
  sensor.site = {47.0, 28.85, 200.0};
  sensor.range_sigma_m = 30.0;
  sensor.azimuth_sigma_rad = units::deg_to_rad(0.15);
  sensor.elevation_sigma_rad = units::deg_to_rad(0.3);
  sensor.four_thirds_earth = false;
  const geo::LocalFrame frame({47.0, 28.85, 0.0});
  const RadarPolarModel measurement(sensor, frame);
  const ConstantVelocityModel motion{.q_horizontal = 1e-4, .q_vertical = 1e-4};
  std::mt19937_64 rng(3);
  std::normal_distribution<double> n01(0.0, 1.0);

  double nees_sum = 0.0;
  double error_sq_sum = 0.0;
  int samples = 0;
  for (int run = 0; run < 40; ++run) {
    StateVector truth;
    truth << 40'000, 30'000, 8'000, -150, 120, 0;
    GaussianState estimate;
    Vec3 z0 = measurement.predict(truth);
    const auto initial = measurement.position_of(z0);
    estimate.mean.head<3>() = initial.enu_m;
    estimate.covariance = StateCovariance::Zero();
    estimate.covariance.topLeftCorner<3, 3>() = initial.covariance;
    estimate.covariance.bottomRightCorner<3, 3>() = Mat3::Identity() * 200.0 * 200.0;
    for (int k = 1; k <= 60; ++k) {
      truth.head<3>() += truth.tail<3>() * 4.0;
      const GaussianState predicted = predict(estimate, motion, estimate.time + 4s);
      Vec3 z = measurement.predict(truth);
      for (int i = 0; i < 3; ++i) z(i) += std::sqrt(measurement.noise()(i, i)) * n01(rng);
      estimate = update(predicted, z, measurement);
      if (k > 20) {
        const Vec3 error = estimate.position() - truth.head<3>();
        nees_sum += error.dot(estimate.covariance.topLeftCorner<3, 3>().ldlt().solve(error));
        error_sq_sum += error.squaredNorm();
        ++samples;
      }
    }
  }
  const double mean_nees = nees_sum / samples;
  EXPECT_GT(mean_nees, 2.0);
  EXPECT_LT(mean_nees, 4.2);
  // One measurement's position error at ~58 km: sqrt(30^2 + (58e3*0.0026)^2 + (58e3*0.0052)^2).
  EXPECT_LT(std::sqrt(error_sq_sum / samples), 150.0);
}

}  // namespace
}  // namespace straja::tracking
