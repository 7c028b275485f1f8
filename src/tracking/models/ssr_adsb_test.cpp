#include "tracking/models/ssr_adsb.h"

#include <gtest/gtest.h>

#include "core/units.h"
#include "tracking/models/jacobian_check.h"

namespace straja::tracking {
namespace {

SensorInfo sensor(SensorKind kind) {
  SensorInfo s;
  s.id = "s";
  s.kind = kind;
  s.site = {47.0, 28.8, 200.0};
  s.range_sigma_m = 20.0;
  s.azimuth_sigma_rad = units::deg_to_rad(0.05);
  s.max_range_m = 400'000.0;
  return s;
}

TEST(SsrModel, JacobianMatchesCentralDifferencesAcrossTheCoverage) {
  const geo::LocalFrame system(geo::Geodetic{47.2, 28.5, 0.0});
  const SsrModel model(sensor(SensorKind::kSsr), system);
  for (const Vec3& p : {Vec3(50'000, 80'000, 10'000), Vec3(-150'000, 20'000, 3'000),
                        Vec3(10'000, -200'000, 12'000)}) {
    StateVector x = StateVector::Zero();
    x.head<3>() = p;
    x.tail<3>() = Vec3(200, -100, 5);
    testing::expect_jacobian_matches(model, x);
  }
}

TEST(SsrModel, PositionOfInvertsPredict) {
  const geo::LocalFrame system(geo::Geodetic{47.2, 28.5, 0.0});
  const SsrModel model(sensor(SensorKind::kSsr), system);
  StateVector x = StateVector::Zero();
  x.head<3>() = Vec3(-120'000, 90'000, 9'500);
  const Vec3 z = model.predict(x);
  const auto position = model.position_of(z);
  EXPECT_LT((position.enu_m - x.head<3>()).norm(), 0.5) << position.enu_m.transpose();
  // The inverse's covariance: horizontal spread from azimuth noise at ~150 km is ~130 m.
  EXPECT_GT(position.covariance.trace(), 100.0 * 100.0);
}

TEST(AdsbModel, ReportedPositionIsTheMeasurement) {
  const geo::LocalFrame system(geo::Geodetic{47.2, 28.5, 0.0});
  const AdsbModel model(sensor(SensorKind::kAdsb), system);
  Plot plot;
  plot.kind = SensorKind::kAdsb;
  plot.lat_deg = 47.5;
  plot.lon_deg = 29.0;
  plot.alt_m = 10'000.0;      // barometric
  plot.geo_alt_m = 10'150.0;  // GNSS height wins
  const Vec3 z = model.measurement_of(plot);
  EXPECT_NEAR(system.to_geodetic(z).height_m, 10'150.0, 1e-3);
  StateVector x = StateVector::Zero();
  x.head<3>() = z;
  testing::expect_jacobian_matches(model, x);
  EXPECT_TRUE(model.covers(z));
  EXPECT_FALSE(model.covers(Vec3(1e6, 0, 0)));
}

}  // namespace
}  // namespace straja::tracking
