#include "tracking/filters/ekf.h"

#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <random>

#include "core/units.h"
#include "tracking/models/planar_range_bearing.h"
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

/// A 3D radar at Chisinau's latitude: 30 m in range, 0.15 deg in azimuth, 0.3 deg in elevation,
/// straight-line propagation.
SensorInfo test_radar() {
  SensorInfo sensor;
  sensor.site = {47.0, 28.85, 200.0};
  sensor.range_sigma_m = 30.0;
  sensor.azimuth_sigma_rad = units::deg_to_rad(0.15);
  sensor.elevation_sigma_rad = units::deg_to_rad(0.3);
  sensor.four_thirds_earth = false;
  return sensor;
}

// Monte-Carlo consistency: with the truth moving exactly as modelled, the normalised estimation
// error squared (NEES) of the position averages ~3 and the filter's error shrinks well below the
// single-measurement error.
TEST(EkfTest, FilterIsConsistentAndBeatsSingleMeasurements) {
  const geo::LocalFrame frame({47.0, 28.85, 0.0});
  const RadarPolarModel measurement(test_radar(), frame);
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

/// A track of the planar bench radar: plane and height uncorrelated, correlated within each.
GaussianState planar_track() {
  GaussianState state;
  state.mean << 21'000.0, -13'500.0, 0.4, 140.0, 95.0, 0.01;
  state.covariance = StateCovariance::Zero();
  const int plane[4] = {0, 1, 3, 4};
  const double plane_block[4][4] = {{420.0, 35.0, 61.0, 4.0},
                                    {35.0, 390.0, 3.0, 57.0},
                                    {61.0, 3.0, 31.0, 2.5},
                                    {4.0, 57.0, 2.5, 29.0}};
  for (int a = 0; a < 4; ++a) {
    for (int b = 0; b < 4; ++b) state.covariance(plane[a], plane[b]) = plane_block[a][b];
  }
  state.covariance(2, 2) = 0.9;
  state.covariance(2, 5) = state.covariance(5, 2) = 0.02;
  state.covariance(5, 5) = 0.003;
  return state;
}

// A measurement that splits into the plane and the height (the 2D bench radar) on a state whose
// plane and height are uncorrelated takes the separable update; it gives the general update's
// posterior (which the same state with a negligible correlation between plane and height takes).
TEST(EkfTest, SeparableUpdateIsTheGeneralUpdate) {
  const PlanarRangeBearingModel model(25.0, units::deg_to_rad(0.2), 100'000.0);
  const GaussianState apart = planar_track();
  GaussianState joined = apart;
  joined.covariance(1, 2) = joined.covariance(2, 1) = 1e-200;  // the general path, same values
  const PredictedMeasurement separable = predict_measurement(apart, model);
  const PredictedMeasurement general = predict_measurement(joined, model);
  ASSERT_TRUE(separable.separable);
  ASSERT_FALSE(general.separable);
  EXPECT_TRUE(separable.covariance.isApprox(general.covariance, 1e-14));
  EXPECT_EQ(separable.covariance(0, 2), 0.0);
  EXPECT_NEAR(separable.log_det_covariance, general.log_det_covariance, 1e-12);
  const Vec3 z = separable.mean + Vec3(31.0, units::deg_to_rad(0.15), -0.7);
  const Innovation innovation = innovate(separable, z, model);
  const GaussianState fast = update(apart, separable, innovation);
  const GaussianState reference = update(joined, general, innovate(general, z, model));
  for (int i = 0; i < kStateSize; ++i) {
    EXPECT_NEAR(fast.mean(i), reference.mean(i), 1e-9 * (1.0 + std::abs(reference.mean(i))))
        << "mean " << i;
    for (int j = 0; j < kStateSize; ++j) {
      EXPECT_NEAR(fast.covariance(i, j), reference.covariance(i, j),
                  1e-9 * (1.0 + std::abs(reference.covariance(i, j))))
          << "covariance " << i << ", " << j;
    }
  }
  EXPECT_EQ(fast.covariance, fast.covariance.transpose());  // exactly symmetric
  // The plane and the height stay uncorrelated, so the next update separates too.
  EXPECT_TRUE(predict_measurement(fast, model).separable);
  // The update moved both groups: the plane towards the range and azimuth, the height down.
  EXPECT_LT(fast.covariance(0, 0), apart.covariance(0, 0));
  EXPECT_LT(fast.covariance(2, 2), apart.covariance(2, 2));
  EXPECT_LT(fast.mean(2), apart.mean(2));
}

// A 3D radar's elevation ties the height to the plane: never separable.
TEST(EkfTest, ThreeDimensionalRadarIsNotSeparable) {
  const geo::LocalFrame frame({47.0, 28.85, 0.0});
  const RadarPolarModel model(test_radar(), frame);
  GaussianState state = planar_track();
  state.mean(2) = 8'000.0;
  EXPECT_FALSE(predict_measurement(state, model).separable);
}

}  // namespace
}  // namespace straja::tracking
