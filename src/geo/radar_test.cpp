#include "geo/radar.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/units.h"

namespace straja::geo {
namespace {

using units::kDegToRad;
using units::kPi;

// WGS84 defining parameters (NIMA TR8350.2 table 3.1).
constexpr double kA = 6378137.0;
constexpr double kF = 1.0 / 298.257223563;

// Euler's formula with the textbook meridian and prime-vertical radii, evaluated here on its own:
//   M = a (1 - e^2) / (1 - e^2 sin^2 lat)^(3/2), N = a / (1 - e^2 sin^2 lat)^(1/2),
//   1/Ra = cos^2(az)/M + sin^2(az)/N.
double euler_radius(double lat_deg, double azimuth_deg) {
  const double e2 = kF * (2.0 - kF);
  const double sin_lat = std::sin(lat_deg * kDegToRad);
  const double w2 = 1.0 - e2 * sin_lat * sin_lat;
  const double m = kA * (1.0 - e2) / std::pow(w2, 1.5);
  const double n = kA / std::sqrt(w2);
  const double c = std::cos(azimuth_deg * kDegToRad);
  const double s = std::sin(azimuth_deg * kDegToRad);
  return 1.0 / (c * c / m + s * s / n);
}

std::vector<Geodetic> sites() {
  return {{0.0, 0.0, 0.0},     {46.017, 7.75, 1673.0}, {52.1, 5.2, 45.0},   {-33.9, 151.2, 120.0},
          {69.7, 18.9, 400.0}, {78.2, 15.6, 30.0},     {87.0, -60.0, 10.0}, {-64.8, -64.1, 250.0},
          {35.0, 179.95, 5.0}, {90.0, 10.0, 0.0},      {-90.0, 0.0, 2800.0}};
}

std::vector<Polar> polar_samples() {
  std::vector<Polar> samples;
  for (double range : {1e3, 7.5e3, 40e3, 120e3, 250e3, 400e3}) {
    for (double azimuth_deg = 0.0; azimuth_deg < 360.0; azimuth_deg += 27.5) {
      for (double elevation_deg : {-1.0, -0.2, 0.0, 0.5, 3.0, 12.0, 35.0, 70.0}) {
        samples.push_back({range, azimuth_deg * kDegToRad, elevation_deg * kDegToRad});
      }
    }
  }
  return samples;
}

TEST(EnuToPolar, CardinalDirections) {
  struct Case {
    Vec3 enu;
    double azimuth_rad;
    double elevation_rad;
  };
  const std::vector<Case> cases = {{{0, 1000, 0}, 0.0, 0.0},
                                   {{1000, 0, 0}, kPi / 2, 0.0},
                                   {{0, -1000, 0}, kPi, 0.0},
                                   {{-1000, 0, 0}, 3 * kPi / 2, 0.0},
                                   {{1000, 1000, std::sqrt(2.0) * 1000}, kPi / 4, kPi / 4},
                                   {{-1000, -1000, -std::sqrt(2.0) * 1000}, 5 * kPi / 4, -kPi / 4}};
  for (const Case& c : cases) {
    const Polar polar = enu_to_polar(c.enu);
    EXPECT_NEAR(polar.range_m, c.enu.norm(), 1e-9);
    EXPECT_NEAR(polar.azimuth_rad, c.azimuth_rad, 1e-15);
    EXPECT_NEAR(polar.elevation_rad, c.elevation_rad, 1e-15);
  }
  // Just west of north is just below 2 pi, never negative.
  const double azimuth = enu_to_polar({-1e-6, 1e4, 0}).azimuth_rad;
  EXPECT_LT(azimuth, 2 * kPi);
  EXPECT_GT(azimuth, 2 * kPi - 1e-9);
}

TEST(EnuToPolar, RoundTrip) {
  for (const Polar& polar : polar_samples()) {
    const Vec3 enu = polar_to_enu(polar);
    const Polar back = enu_to_polar(enu);
    EXPECT_NEAR(back.range_m, polar.range_m, 1e-9);
    EXPECT_NEAR(units::wrap_pi(back.azimuth_rad - polar.azimuth_rad), 0.0, 1e-13);
    EXPECT_NEAR(back.elevation_rad, polar.elevation_rad, 1e-13);
    EXPECT_LT((polar_to_enu(back) - enu).norm(), 1e-9);
  }
}

TEST(PolarJacobian, MatchesCentralDifferences) {
  for (const Polar& polar : polar_samples()) {
    const Vec3 enu = polar_to_enu(polar);
    const Mat3 analytic = polar_jacobian(enu);
    const double step = 1e-4 * polar.range_m;
    Mat3 numeric;
    for (int axis = 0; axis < 3; ++axis) {
      Vec3 ahead = enu;
      Vec3 behind = enu;
      ahead(axis) += step;
      behind(axis) -= step;
      const Polar a = enu_to_polar(ahead);
      const Polar b = enu_to_polar(behind);
      numeric(0, axis) = (a.range_m - b.range_m) / (2 * step);
      // Azimuth is discontinuous at north (0 / 2 pi): difference it on the circle.
      numeric(1, axis) = units::wrap_pi(a.azimuth_rad - b.azimuth_rad) / (2 * step);
      numeric(2, axis) = (a.elevation_rad - b.elevation_rad) / (2 * step);
    }
    for (int row = 0; row < 3; ++row) {
      const double scale = analytic.row(row).norm();
      EXPECT_LT((numeric.row(row) - analytic.row(row)).norm(), 1e-6 * scale)
          << "row " << row << " at r=" << polar.range_m << " az=" << polar.azimuth_rad
          << " el=" << polar.elevation_rad;
    }
  }
}

TEST(NormalSectionRadius, IsEulersFormulaToRounding) {
  // Euler's formula written out: 1/R = cos^2(az)/M + sin^2(az)/N with the WGS84 meridian and
  // prime-vertical radii M = a (1 - e^2) / W^3, N = a / W, W = sqrt(1 - e^2 sin^2(lat)).
  const double a = 6378137.0;
  const double f = 1.0 / 298.257223563;
  const double e2 = f * (2.0 - f);
  for (const double lat_deg : {-89.9, -47.0, 0.0, 12.5, 47.0, 89.9}) {
    const NormalSectionRadius radius(lat_deg);
    const double sin_lat = std::sin(units::deg_to_rad(lat_deg));
    const double w = std::sqrt(1.0 - e2 * sin_lat * sin_lat);
    const double meridian = a * (1.0 - e2) / (w * w * w);
    const double prime_vertical = a / w;
    for (double azimuth_deg = 0.0; azimuth_deg < 720.0; azimuth_deg += 7.3) {
      const double az = units::deg_to_rad(azimuth_deg);
      const double expected = 1.0 / (std::cos(az) * std::cos(az) / meridian +
                                     std::sin(az) * std::sin(az) / prime_vertical);
      EXPECT_NEAR(radius.at(az), expected, 1e-13 * expected) << lat_deg << " " << azimuth_deg;
      EXPECT_NEAR(normal_section_radius_m(lat_deg, azimuth_deg), expected, 1e-13 * expected)
          << lat_deg << " " << azimuth_deg;
    }
  }
  // Meridian (M) and prime-vertical (N) radii at the equator: a (1 - e^2) and a.
  EXPECT_NEAR(NormalSectionRadius(0.0).at(0.0), 6335439.327, 1e-3);
  EXPECT_NEAR(NormalSectionRadius(0.0).at(units::kPi / 2.0), 6378137.0, 1e-6);
}

TEST(RadarSite, StraightLineMatchesMatlabGeodetic2Aer) {
  // MathWorks Mapping Toolbox, geodetic2aer reference page example: the Matterhorn (45.977 N,
  // 7.658 E, h 4531 m) from Zermatt (46.017 N, 7.750 E, h0 1673 m), WGS84, shortG:
  //   az = 238.08 deg, elev = 18.744 deg, slantRange = 8876.8 m
  const RadarSite zermatt({46.017, 7.750, 1673.0});
  const Polar polar = zermatt.to_polar(Geodetic{45.977, 7.658, 4531.0});
  EXPECT_NEAR(polar.azimuth_rad / kDegToRad, 238.08, 0.006);
  EXPECT_NEAR(polar.elevation_rad / kDegToRad, 18.744, 0.0006);
  EXPECT_NEAR(polar.range_m, 8876.8, 0.06);
}

TEST(RadarSite, StraightLineIsTheSiteEnuFrame) {
  const RadarSite radar({52.1, 5.2, 45.0});
  EXPECT_EQ(radar.propagation(), Propagation::kStraightLine);
  for (const Polar& polar : polar_samples()) {
    const Vec3 expected = radar.frame().enu_to_ecef(polar_to_enu(polar));
    EXPECT_LT((radar.to_ecef(polar) - expected).norm(), 1e-9);
  }
}

TEST(RadarSite, RoundTripsAreSubMillimetreInBothModes) {
  for (Propagation propagation : {Propagation::kStraightLine, Propagation::kFourThirdsEarth}) {
    for (const Geodetic& site : sites()) {
      const RadarSite radar(site, propagation);
      for (const Polar& polar : polar_samples()) {
        const Vec3 ecef = radar.to_ecef(polar);
        const Polar back = radar.to_polar(ecef);
        EXPECT_NEAR(back.range_m, polar.range_m, 1e-6);
        // 1e-6 m across the beam at this range.
        const double angle_tolerance = 1e-6 / polar.range_m;
        EXPECT_NEAR(units::wrap_pi(back.azimuth_rad - polar.azimuth_rad), 0.0,
                    angle_tolerance / std::cos(polar.elevation_rad));
        EXPECT_NEAR(back.elevation_rad, polar.elevation_rad, angle_tolerance);
        EXPECT_GE(back.azimuth_rad, 0.0);
        EXPECT_LT(back.azimuth_rad, 2 * kPi);
        EXPECT_LT((radar.to_ecef(back) - ecef).norm(), 1e-6);
        // Through geodetic coordinates as well.
        EXPECT_LT((geodetic_to_ecef(radar.to_geodetic(polar)) - ecef).norm(), 1e-6);
      }
    }
  }
}

TEST(RadarSite, FourThirdsEarthBeamHeightTextbookValue) {
  // Standard 4/3-earth beam-height formula (Doviak & Zrnic, Doppler Radar and Weather
  // Observations, 2nd ed. 1993, eq. 2.28b; Rinehart, Radar for Meteorologists, eq. 3.12):
  //   h = sqrt(r^2 + (k R)^2 + 2 r k R sin(e)) - k R
  // With r = 100 km, e = 0, k = 4/3, R = 6371 km: k R = 8494666.67 m and
  //   h = sqrt(1e10 + 8494666.67^2) - 8494666.67 = 588.6 m.
  const double k_r = 4.0 / 3.0 * 6371e3;
  const double textbook_h = std::sqrt(1e10 + k_r * k_r) - k_r;
  EXPECT_NEAR(textbook_h, 588.6, 0.05);

  // The model uses the ellipsoid's curvature along the beam instead of 6371 km: at 45 N looking
  // north, Ra = M(45 deg) = 6367.4 km, so the height differs by ~0.06% from the textbook value.
  const RadarSite radar({45.0, 10.0, 0.0}, Propagation::kFourThirdsEarth);
  EXPECT_EQ(radar.k_factor(), 4.0 / 3.0);
  const Geodetic target = radar.to_geodetic(Polar{100e3, 0.0, 0.0});
  EXPECT_NEAR(target.height_m, textbook_h, 1.0);
  // Exact: the same formula with Re = k * Ra(45 deg, az 0).
  const double re = 4.0 / 3.0 * euler_radius(45.0, 0.0);
  EXPECT_NEAR(target.height_m, std::sqrt(1e10 + re * re) - re, 1e-6);
}

TEST(RadarSite, FourThirdsEarthMatchesTheEffectiveEarthEquations) {
  // The header's equations (Doviak & Zrnic 1993, eqs. 2.28b-c with the antenna height kept),
  // evaluated with Re = k * Ra from the independent Euler radius above:
  //   (Re + h_t)^2 = r^2 + (Re + h_s)^2 + 2 r (Re + h_s) sin e,  s = Re asin(r cos e / (Re + h_t))
  for (const Geodetic& site : sites()) {
    const RadarSite radar(site, Propagation::kFourThirdsEarth);
    for (const Polar& polar : polar_samples()) {
      const double azimuth_deg = polar.azimuth_rad / kDegToRad;
      const double re = 4.0 / 3.0 * euler_radius(site.lat_deg, azimuth_deg);
      const double r = polar.range_m;
      const double rs = re + site.height_m;
      const double rt = std::sqrt(r * r + rs * rs + 2 * r * rs * std::sin(polar.elevation_rad));
      const double ground = re * std::asin(r * std::cos(polar.elevation_rad) / rt);

      const Geodetic target = radar.to_geodetic(polar);
      EXPECT_NEAR(target.height_m, rt - re, 1e-5);
      const GeodesicInverse inverse =
          geodesic_inverse(site.lat_deg, site.lon_deg, target.lat_deg, target.lon_deg);
      EXPECT_NEAR(inverse.distance_m, ground, 1e-5);
      EXPECT_NEAR(units::wrap_pi((inverse.azimuth_deg - azimuth_deg) * kDegToRad), 0.0, 1e-9);
    }
  }
}

TEST(RadarSite, RefractionRaisesTheApparentElevation) {
  // Standard refraction bends rays down towards the earth (curvature (1 - 1/k)/R relative to a
  // straight line). A ray that curves downward and still reaches the target must leave the antenna
  // above the straight chord to it, so the apparent (measured) elevation is HIGHER than the
  // geometric one: refraction makes targets look higher, as it does for stars. In the effective
  // earth picture the earth is flatter (k R > R), so a distant target sinks less below the local
  // horizontal. For a ground distance s the excess is about s/2 * (1/R - 1/(k R)) = s / (8 R) at
  // k = 4/3 (half the extra central angle).
  const Geodetic site{52.1, 5.2, 45.0};
  const RadarSite geometric(site, Propagation::kStraightLine);
  const RadarSite refracted(site, Propagation::kFourThirdsEarth);
  for (double azimuth_deg = 0.0; azimuth_deg < 360.0; azimuth_deg += 45.0) {
    for (double distance : {50e3, 150e3, 300e3}) {
      Geodetic target = geodesic_direct(site.lat_deg, site.lon_deg, azimuth_deg, distance);
      target.height_m = 6000.0;
      const Polar straight = geometric.to_polar(target);
      const Polar apparent = refracted.to_polar(target);
      const double excess = apparent.elevation_rad - straight.elevation_rad;
      EXPECT_GT(excess, 0.0);
      EXPECT_NEAR(excess, distance / (8.0 * 6371e3), 0.05 * distance / (8.0 * 6371e3));
      // Same target, same bearing: the azimuths agree to the normal-section/geodesic difference.
      EXPECT_NEAR(units::wrap_pi(apparent.azimuth_rad - straight.azimuth_rad), 0.0, 1e-5);
      // The effective-earth model keeps ground distance and heights, not path length: from
      // r^2 ~ (h_t - h_s)^2 + s^2 (1 + (h_s + h_t) / Re), enlarging Re from R to 4/3 R shortens
      // the slant range by about s (h_s + h_t) / (8 R) (tens of metres at 300 km and 6 km).
      const double shortening = straight.range_m - apparent.range_m;
      const double leading = distance * (site.height_m + target.height_m) / (8.0 * 6371e3);
      EXPECT_GT(shortening, 0.5 * leading);
      EXPECT_LT(shortening, 1.05 * leading);
    }
  }
}

TEST(RadarSite, UnitKFactorApproximatesStraightLine) {
  // With k = 1 the effective sphere is the ellipsoid's osculating sphere along the beam, so it
  // must agree with exact straight-line geometry at short range, poles included (where the
  // geodesic azimuth and the ENU azimuth both refer to the site's own meridian).
  for (const Geodetic& site : sites()) {
    const RadarSite exact(site, Propagation::kStraightLine);
    const RadarSite sphere(site, Propagation::kFourThirdsEarth, 1.0);
    for (double azimuth_deg = 0.0; azimuth_deg < 360.0; azimuth_deg += 30.0) {
      const Polar polar{60e3, azimuth_deg * kDegToRad, 2.0 * kDegToRad};
      EXPECT_LT((exact.to_ecef(polar) - sphere.to_ecef(polar)).norm(), 0.1)
          << site.lat_deg << " " << azimuth_deg;
    }
  }
}

TEST(RadarHorizon, RuleOfThumbAndExactFormula) {
  // Radar line-of-sight equation, Federal Standard 1037C / ATIS Telecom Glossary (from Weik
  // 1989), 4/3 earth: RHR[km] = 4.12 (sqrt(h_s[m]) + sqrt(h_t[m])). A 10 m antenna sees the
  // sea surface out to ~13.0 km.
  const double d = radar_horizon_distance_m(10.0, 0.0);
  EXPECT_NEAR(d, 4120.0 * std::sqrt(10.0), 0.005 * d);
  EXPECT_NEAR(d / 1000.0, 13.0, 0.1);
  // Exact, with explicit numbers: Re = 4/3 * 6371008.8 = 8494678.4 m,
  //   d = Re * acos(Re / (Re + 10)) = sqrt(2 Re 10 + 10^2) = 13034.3 m.
  const double re = 4.0 / 3.0 * 6371008.8;
  EXPECT_NEAR(d, re * std::acos(re / (re + 10.0)), 1e-3);
  EXPECT_NEAR(d, 13034.3, 0.05);
  // Both ends count: 10 m antenna, 10000 ft target. Same glossary entry, statute-mile form:
  // RHR[mi] = sqrt(2 h_s[ft]) + sqrt(2 h_t[ft]).
  const double both = radar_horizon_distance_m(10.0, 3048.0);
  EXPECT_NEAR(both, re * (std::acos(re / (re + 10.0)) + std::acos(re / (re + 3048.0))), 1e-3);
  const double statute_miles = std::sqrt(2.0 * 10.0 / 0.3048) + std::sqrt(2.0 * 10000.0);
  EXPECT_NEAR(both / 1609.344, statute_miles, 0.005 * statute_miles);
  // Without refraction (k = 1) the geometric horizon is the familiar ~3.57 km * sqrt(h / m).
  const double geometric = radar_horizon_distance_m(100.0, 0.0, 1.0);
  EXPECT_NEAR(geometric, 3570.0 * 10.0, 0.005 * geometric);
  EXPECT_EQ(radar_horizon_distance_m(0.0, 0.0), 0.0);
}

TEST(LowestVisibleHeight, ConsistentWithTheHorizonDistance) {
  for (double site_h : {0.0, 10.0, 45.0, 600.0, 2500.0}) {
    // Inside the antenna's own horizon the surface itself is visible.
    const double own = radar_horizon_distance_m(site_h, 0.0);
    EXPECT_EQ(lowest_visible_height_m(site_h, 0.5 * own), 0.0);
    // Beyond, a target at height H is just visible at the combined horizon distance.
    for (double target_h : {100.0, 1000.0, 9000.0}) {
      const double d = radar_horizon_distance_m(site_h, target_h);
      EXPECT_NEAR(lowest_visible_height_m(site_h, d), target_h, 1e-5 * target_h);
    }
  }
}

TEST(LowestVisibleHeight, ElevationLimit) {
  // A 0 deg lowest beam from a sea-level antenna: h = Re / cos(d / Re) - Re ~ d^2 / (2 Re), the
  // 4/3-earth beam height at 0 deg (588.6 m at 100 km with R = 6371 km, as above).
  const double re = 4.0 / 3.0 * 6371e3;
  const double h = lowest_visible_height_m(0.0, 100e3, 0.0, 4.0 / 3.0, 6371e3);
  EXPECT_NEAR(h, re / std::cos(100e3 / re) - re, 1e-6);
  EXPECT_NEAR(h, 588.6, 0.1);
  // A 0.5 deg limit from 30 m at 50 km: ray height (Re + h_s) cos e / cos(s/Re + e) - Re.
  const double e = 0.5 * kDegToRad;
  const double r0 = kFourThirds * kMeanEarthRadiusM;
  EXPECT_NEAR(lowest_visible_height_m(30.0, 50e3, e),
              (r0 + 30.0) * std::cos(e) / std::cos(50e3 / r0 + e) - r0, 1e-6);
  // A limit below the horizon dip changes nothing far out, but hides the nearby surface.
  const double site_h = 1000.0;
  const double far = 2.0 * radar_horizon_distance_m(site_h, 0.0);
  EXPECT_NEAR(lowest_visible_height_m(site_h, far, -5.0 * kDegToRad),
              lowest_visible_height_m(site_h, far), 1e-9);
  EXPECT_GT(lowest_visible_height_m(site_h, 2000.0, -5.0 * kDegToRad), 0.0);
  EXPECT_EQ(lowest_visible_height_m(site_h, 2000.0), 0.0);
  // A limit near the zenith cannot reach far away at all.
  EXPECT_TRUE(std::isinf(lowest_visible_height_m(10.0, 8000e3, 60.0 * kDegToRad)));
}

TEST(LowestVisibleHeight, AgreesWithRadarSiteRays) {
  // The ray at the lowest elevation, traced by RadarSite's 4/3-earth model, sits exactly at the
  // lowest visible height when the horizon formula uses the same sphere (Re = k * Ra).
  const Geodetic site{48.0, 11.0, 80.0};
  const RadarSite radar(site, Propagation::kFourThirdsEarth);
  const double elevation = 0.3 * kDegToRad;
  for (double azimuth_deg : {0.0, 45.0, 90.0, 200.0}) {
    for (double range : {20e3, 100e3, 250e3}) {
      const Geodetic target = radar.to_geodetic({range, azimuth_deg * kDegToRad, elevation});
      const double s =
          geodesic_inverse(site.lat_deg, site.lon_deg, target.lat_deg, target.lon_deg).distance_m;
      const double ra = euler_radius(site.lat_deg, azimuth_deg);
      EXPECT_NEAR(lowest_visible_height_m(site.height_m, s, elevation, kFourThirds, ra),
                  target.height_m, 1e-5);
    }
  }
}

}  // namespace
}  // namespace straja::geo

namespace straja::geo {
namespace {

// The closed-form local refraction model against the geodesic-based RadarSite (independent
// paths: osculating sphere vs ellipsoid geodesic) and its own inverse.
TEST(LocalRefractionTest, AgreesWithGeodesicFourThirdsModelWithin250Km) {
  for (const Geodetic site : {Geodetic{47.0245, 28.832, 215.0}, Geodetic{-33.9, 151.2, 40.0},
                              Geodetic{69.6, 18.9, 600.0}}) {
    const RadarSite exact(site, Propagation::kFourThirdsEarth);
    const LocalRefraction fast(site);
    for (double azimuth_deg = 5.0; azimuth_deg < 360.0; azimuth_deg += 40.0) {
      for (const double distance_m : {5'000.0, 60'000.0, 150'000.0, 245'000.0}) {
        for (const double height_m : {300.0, 3'000.0, 12'000.0}) {
          Geodetic target = geodesic_direct(site.lat_deg, site.lon_deg, azimuth_deg, distance_m);
          target.height_m = height_m;
          const Polar reference = exact.to_polar(target);
          const Polar polar = fast.to_polar(exact.frame().to_enu(target));
          EXPECT_NEAR(polar.range_m, reference.range_m, 2.0) << distance_m << " " << height_m;
          EXPECT_NEAR(polar.azimuth_rad, reference.azimuth_rad,
                      1e-5);  // normal section vs geodesic
          EXPECT_NEAR(polar.elevation_rad, reference.elevation_rad, 2e-5)
              << distance_m << " " << height_m;
          const Vec3 back = fast.to_enu(polar);
          EXPECT_LT((back - exact.frame().to_enu(target)).norm(), 1e-6);
        }
      }
    }
  }
}

// The closed-form Jacobian against central differences of to_polar (step 0.5 m: the error of
// the difference quotient, ~step^2 h''', is far below the tolerance).
TEST(LocalRefractionTest, JacobianMatchesCentralDifferences) {
  for (const Geodetic site : {Geodetic{47.0245, 28.832, 215.0}, Geodetic{69.6, 18.9, 600.0}}) {
    const LocalRefraction model(site);
    for (double azimuth_deg = 5.0; azimuth_deg < 360.0; azimuth_deg += 50.0) {
      for (const double distance_m : {2'000.0, 60'000.0, 245'000.0}) {
        for (const double height_m : {-100.0, 300.0, 12'000.0}) {
          const double azimuth = units::deg_to_rad(azimuth_deg);
          const Vec3 enu(distance_m * std::sin(azimuth), distance_m * std::cos(azimuth), height_m);
          Mat3 jacobian;
          const Polar polar = model.to_polar(enu, jacobian);
          const Polar plain = model.to_polar(enu);
          EXPECT_EQ(polar.range_m, plain.range_m);
          EXPECT_EQ(polar.azimuth_rad, plain.azimuth_rad);
          EXPECT_EQ(polar.elevation_rad, plain.elevation_rad);
          for (int axis = 0; axis < 3; ++axis) {
            Vec3 ahead = enu;
            Vec3 behind = enu;
            ahead(axis) += 0.5;
            behind(axis) -= 0.5;
            const Polar a = model.to_polar(ahead);
            const Polar b = model.to_polar(behind);
            const Vec3 numeric(a.range_m - b.range_m,
                               std::remainder(a.azimuth_rad - b.azimuth_rad, 2.0 * units::kPi),
                               a.elevation_rad - b.elevation_rad);
            for (int row = 0; row < 3; ++row) {
              const double scale = std::max(std::abs(numeric(row)), 1e-9);
              EXPECT_NEAR(jacobian(row, axis), numeric(row), 1e-6 * scale + 1e-12)
                  << "row " << row << " axis " << axis << " at " << enu.transpose();
            }
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace straja::geo
