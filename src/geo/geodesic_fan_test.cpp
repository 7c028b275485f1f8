#include "geo/geodesic_fan.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "geo/radar.h"

namespace straja::geo {
namespace {

double azimuth_difference_deg(double a, double b) {
  const double d = std::fmod(a - b + 540.0, 360.0) - 180.0;
  return std::abs(d);
}

class GeodesicFanTest : public ::testing::TestWithParam<Geodetic> {};

TEST_P(GeodesicFanTest, AgreesWithTheGeodesicInverseEverywhereWithinRange) {
  const Geodetic origin = GetParam();
  const double max_distance_m = 260'000.0;
  const GeodesicFan fan(origin, max_distance_m);
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> azimuth(0.0, 360.0);
  std::uniform_real_distribution<double> fraction(0.0, 1.0);
  double worst_distance_m = 0.0;
  double worst_azimuth_deg = 0.0;
  for (int i = 0; i < 20'000; ++i) {
    // Every distance from metres to the limit, denser near the origin.
    const double distance = max_distance_m * std::pow(fraction(rng), 2.0);
    Geodetic point = geodesic_direct(origin.lat_deg, origin.lon_deg, azimuth(rng), distance);
    point.height_m = 20'000.0 * fraction(rng);  // the foot counts, not the height
    const GeodesicInverse exact =
        geodesic_inverse(origin.lat_deg, origin.lon_deg, point.lat_deg, point.lon_deg);
    const GeodesicInverse fast = fan.inverse(point);
    worst_distance_m = std::max(worst_distance_m, std::abs(fast.distance_m - exact.distance_m));
    if (exact.distance_m > 10.0) {
      worst_azimuth_deg =
          std::max(worst_azimuth_deg, azimuth_difference_deg(fast.azimuth_deg, exact.azimuth_deg));
    }
  }
  EXPECT_LT(worst_distance_m, 1e-3);
  EXPECT_LT(worst_azimuth_deg, 1e-6);
}

TEST_P(GeodesicFanTest, AgreesWithTheGeodesicDirectEverywhereWithinRange) {
  const Geodetic origin = GetParam();
  const double max_distance_m = 260'000.0;
  const GeodesicFan fan(origin, max_distance_m);
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> azimuth(-360.0, 720.0);  // any azimuth, wrapped
  std::uniform_real_distribution<double> fraction(0.0, 1.0);
  double worst_m = 0.0;
  for (int i = 0; i < 20'000; ++i) {
    const double distance = max_distance_m * std::pow(fraction(rng), 2.0);
    const double towards = azimuth(rng);
    const double height = 25'000.0 * fraction(rng) - 500.0;
    Geodetic exact = geodesic_direct(origin.lat_deg, origin.lon_deg, towards, distance);
    exact.height_m = height;
    worst_m = std::max(
        worst_m, (fan.direct_ecef(towards, distance, height) - geodetic_to_ecef(exact)).norm());
  }
  EXPECT_LT(worst_m, 1e-3);
}

INSTANTIATE_TEST_SUITE_P(Sites, GeodesicFanTest,
                         ::testing::Values(Geodetic{47.0, 28.8, 180.0}, Geodetic{0.0, 10.0, 0.0},
                                           Geodetic{68.5, -150.0, 400.0},
                                           Geodetic{-33.9, 151.2, 50.0},
                                           Geodetic{46.0, 179.5, 0.0}));

TEST(GeodesicFanTest, BeyondItsRangeItAnswersExactly) {
  const Geodetic origin{47.0, 28.8, 0.0};
  const GeodesicFan fan(origin, 100'000.0);
  const Geodetic far = geodesic_direct(47.0, 28.8, 33.0, 400'000.0);
  const GeodesicInverse exact = geodesic_inverse(47.0, 28.8, far.lat_deg, far.lon_deg);
  const GeodesicInverse fast = fan.inverse(far);
  EXPECT_EQ(fast.distance_m, exact.distance_m);
  EXPECT_EQ(fast.azimuth_deg, exact.azimuth_deg);
}

TEST(GeodesicFanTest, BeyondItsRangeTheDirectAnswersExactly) {
  const GeodesicFan fan({47.0, 28.8, 0.0}, 100'000.0);
  for (const double distance : {0.0, 0.5, 400'000.0}) {
    Geodetic exact = geodesic_direct(47.0, 28.8, 33.0, distance);
    exact.height_m = 9'000.0;
    EXPECT_EQ(fan.direct_ecef(33.0, distance, 9'000.0), geodetic_to_ecef(exact)) << distance;
  }
}

TEST(GeodesicFanTest, AzimuthsJustBelowZeroAndNotANumberStayInsideTheTables) {
  const GeodesicFan fan({47.0, 28.8, 0.0}, 100'000.0);
  for (const double towards : {-1e-15, -1e-300, -0.0, 360.0, 720.0 - 1e-13}) {
    Geodetic exact = geodesic_direct(47.0, 28.8, towards, 50'000.0);
    exact.height_m = 1'000.0;
    EXPECT_LT((fan.direct_ecef(towards, 50'000.0, 1'000.0) - geodetic_to_ecef(exact)).norm(), 1e-3)
        << towards;
  }
  EXPECT_FALSE(fan.direct_ecef(std::nan(""), 50'000.0, 0.0).allFinite());
  EXPECT_FALSE(std::isfinite(fan.inverse({std::nan(""), 28.8, 0.0}).distance_m));
}

TEST(GeodesicFanTest, ARadarSiteGivesTheSamePolarAndPointWithOrWithoutTheTable) {
  const Geodetic site{46.9, 28.9, 250.0};
  const RadarSite exact(site, Propagation::kFourThirdsEarth);
  RadarSite tabulated(site, Propagation::kFourThirdsEarth);
  tabulated.tabulate_geodesics(250'000.0);
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int i = 0; i < 2'000; ++i) {
    const Polar polar{240'000.0 * unit(rng), 2.0 * M_PI * unit(rng), 0.3 * unit(rng) - 0.02};
    EXPECT_LT((exact.to_ecef(polar) - tabulated.to_ecef(polar)).norm(), 1e-3);
  }
  for (int i = 0; i < 2'000; ++i) {
    Geodetic target =
        geodesic_direct(site.lat_deg, site.lon_deg, 360.0 * unit(rng), 240'000.0 * unit(rng));
    target.height_m = 15'000.0 * unit(rng);
    const Vec3 ecef = geodetic_to_ecef(target);
    const Polar a = exact.to_polar(ecef, target);
    const Polar b = tabulated.to_polar(ecef, target);
    EXPECT_NEAR(a.range_m, b.range_m, 1e-3);
    EXPECT_NEAR(a.elevation_rad, b.elevation_rad, 1e-7);  // a millimetre seen from close by
    EXPECT_NEAR(std::remainder(a.azimuth_rad - b.azimuth_rad, 2.0 * M_PI), 0.0, 1e-8);
  }
}

}  // namespace
}  // namespace straja::geo
