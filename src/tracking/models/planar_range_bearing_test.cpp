#include "tracking/models/planar_range_bearing.h"

#include <gtest/gtest.h>

#include <span>
#include <vector>

#include "core/units.h"
#include "tracking/models/jacobian_check.h"

namespace straja::tracking {
namespace {

TEST(PlanarRangeBearingModelTest, JacobianMatchesNumericalDerivatives) {
  const PlanarRangeBearingModel model(25.0, units::deg_to_rad(0.2), 100'000.0);
  for (const auto& position : {Vec3(30'000, 40'000, 0), Vec3(-12'000, 3'000, 0),
                               Vec3(-5'000, -45'000, 0), Vec3(44'000, -1'000, 0)}) {
    StateVector x = StateVector::Zero();
    x.head<3>() = position;
    testing::expect_jacobian_matches(model, x);
  }
}

// The EKF takes h(x) and H from one call: the same values, bit for bit, as the two separate ones.
TEST(PlanarRangeBearingModelTest, PredictWithJacobianEqualsBothCalls) {
  const PlanarRangeBearingModel model(25.0, units::deg_to_rad(0.2), 100'000.0);
  for (const auto& position : {Vec3(30'000, 40'000, 12), Vec3(-12'000, 3'000, -3),
                               Vec3(-5'000, -45'000, 0), Vec3(1e-3, -7e-4, 0)}) {
    StateVector x = StateVector::Zero();
    x.head<3>() = position;
    MeasurementMatrix h = MeasurementMatrix::Constant(7.0);  // overwritten everywhere
    const Vec3 z = model.predict(x, h);
    EXPECT_EQ(z, model.predict(x));
    EXPECT_EQ(h, model.jacobian(x));
  }
}

TEST(PlanarRangeBearingModelTest, KnownGeometryAndInverse) {
  const PlanarRangeBearingModel model(25.0, units::deg_to_rad(0.2), 100'000.0);
  StateVector x = StateVector::Zero();
  x.head<3>() = Vec3(3'000, 4'000, 0);  // 5 km, azimuth atan2(3, 4) = 36.87 deg from +y
  const Vec3 z = model.predict(x);
  EXPECT_NEAR(z(0), 5'000.0, 1e-9);
  EXPECT_NEAR(units::rad_to_deg(z(1)), 36.869897645844, 1e-9);
  const auto inverse = model.position_of(z);
  EXPECT_LT((inverse.enu_m - x.head<3>()).norm(), 1e-9);
  // Cross-range variance (r sigma_az)^2 + range variance sigma_r^2 = horizontal trace.
  const double expected = 25.0 * 25.0 + std::pow(5'000.0 * units::deg_to_rad(0.2), 2);
  const double horizontal_trace = inverse.covariance.topLeftCorner<2, 2>().trace();
  EXPECT_NEAR(horizontal_trace, expected, 1e-6);
}

TEST(PlanarRangeBearingModelTest, SpreadMatchesTheInverseCovariance) {
  const PlanarRangeBearingModel model(25.0, units::deg_to_rad(0.2), 100'000.0, 2.0);
  for (const double azimuth : {0.0, 0.3, 1.2, 2.9, 4.0, 6.1}) {
    for (const double range : {150.0, 7'500.0, 68'000.0}) {
      const Vec3 z(range, azimuth, 0.0);
      const auto inverse = model.position_of(z);
      const auto spread = model.position_spread_of(z);
      EXPECT_EQ(spread.enu_m, inverse.enu_m);
      const double trace = inverse.covariance.trace();
      const double horizontal = inverse.covariance.topLeftCorner<2, 2>().trace();
      EXPECT_NEAR(spread.variance_m2, trace, 1e-12 * trace);
      EXPECT_NEAR(spread.horizontal_variance_m2, horizontal, 1e-12 * horizontal);
      EXPECT_NEAR(spread.variance_m2 - spread.horizontal_variance_m2, 4.0, 1e-9);
    }
  }
}

// The batch form gives each plot's spread to within a few units in the last place of its position,
// whatever the batch's length (vector lanes and the tail alike), azimuths in and beyond [0, 2 pi).
TEST(PlanarRangeBearingModelTest, BatchSpreadsMatchOneByOne) {
  const PlanarRangeBearingModel model(25.0, units::deg_to_rad(0.2), 100'000.0, 2.0);
  std::vector<Vec3> all;
  for (int i = 0; i < 23; ++i) {
    all.emplace_back(150.0 + 3'000.0 * i, -7.0 + 0.61 * i, 0.0);  // -7 .. 6.4 rad
  }
  for (std::size_t count = 0; count <= all.size(); ++count) {
    const std::span<const Vec3> z(all.data(), count);
    std::vector<MeasurementModel::PositionSpread> batch(count + 1);  // one more: left untouched
    batch.back().variance_m2 = -1.0;
    model.position_spreads_of(z, std::span(batch.data(), count));
    EXPECT_EQ(batch.back().variance_m2, -1.0);
    for (std::size_t i = 0; i < count; ++i) {
      const auto one = model.position_spread_of(z[i]);
      // A few units in the last place of sin and cos (each library's within one of the exact
      // value), times r.
      const double tolerance = 8e-16 * z[i](0);
      EXPECT_NEAR(batch[i].enu_m(0), one.enu_m(0), tolerance) << count << " plots, plot " << i;
      EXPECT_NEAR(batch[i].enu_m(1), one.enu_m(1), tolerance) << count << " plots, plot " << i;
      EXPECT_EQ(batch[i].enu_m(2), one.enu_m(2));
      EXPECT_EQ(batch[i].variance_m2, one.variance_m2);
      EXPECT_EQ(batch[i].horizontal_variance_m2, one.horizontal_variance_m2);
    }
  }
}

}  // namespace
}  // namespace straja::tracking
