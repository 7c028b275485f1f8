#include "tracking/models/radar_polar.h"

#include <gtest/gtest.h>

#include "core/units.h"
#include "tracking/models/jacobian_check.h"

namespace straja::tracking {
namespace {

SensorInfo radar(bool four_thirds) {
  SensorInfo info;
  info.id = "r";
  info.site = {47.0245, 28.832, 215.0};
  info.range_sigma_m = 30.0;
  info.azimuth_sigma_rad = units::deg_to_rad(0.15);
  info.elevation_sigma_rad = units::deg_to_rad(0.3);
  info.four_thirds_earth = four_thirds;
  return info;
}

using testing::expect_jacobian_matches;

TEST(RadarPolarModelTest, JacobianMatchesNumericalDerivatives) {
  const geo::LocalFrame system({47.0, 28.85, 0.0});
  for (const bool four_thirds : {false, true}) {
    const RadarPolarModel model(radar(four_thirds), system);
    for (const auto& position : {Vec3(50'000, 20'000, 9'000), Vec3(-120'000, 80'000, 11'000),
                                 Vec3(3'000, -2'000, 500), Vec3(-5'000, -190'000, 3'000)}) {
      StateVector x = StateVector::Zero();
      x.head<3>() = position;
      x.tail<3>() = Vec3(200, -50, 3);
      expect_jacobian_matches(model, x);
    }
  }
}

TEST(RadarPolarModelTest, InverseRecoversPosition) {
  const geo::LocalFrame system({47.0, 28.85, 0.0});
  for (const bool four_thirds : {false, true}) {
    const RadarPolarModel model(radar(four_thirds), system);
    const Vec3 position(60'000, -30'000, 7'000);
    StateVector x = StateVector::Zero();
    x.head<3>() = position;
    const auto inverse = model.position_of(model.predict(x));
    EXPECT_LT((inverse.enu_m - position).norm(), 1e-3);
    // Cross-range uncertainty ~ range * sigma_az: at ~67 km and 0.15 deg that is ~176 m.
    const double horizontal_sigma = std::sqrt(inverse.covariance.topLeftCorner<2, 2>().trace());
    EXPECT_GT(horizontal_sigma, 150.0);
    EXPECT_LT(horizontal_sigma, 250.0);
  }
}

TEST(RadarPolarModelTest, AzimuthInnovationWraps) {
  const RadarPolarModel model(radar(false), geo::LocalFrame({47.0, 28.85, 0.0}));
  const Vec3 nu = model.innovation(Vec3(1000, 0.01, 0), Vec3(1000, 2 * units::kPi - 0.01, 0));
  EXPECT_NEAR(nu(1), 0.02, 1e-12);
}

}  // namespace
}  // namespace straja::tracking
