#include "geo/geodetic.h"

#include <gtest/gtest.h>

#include <Eigen/LU>
#include <cmath>
#include <vector>

#include "core/units.h"

namespace straja::geo {
namespace {

// WGS84 defining parameters, NIMA TR8350.2 (3rd ed.) table 3.1, and the derived semi-minor axis
// from its table 3.3.
constexpr double kA = 6378137.0;
constexpr double kF = 1.0 / 298.257223563;
constexpr double kB = 6356752.3142;  // TR8350.2 table 3.3 (to 0.1 mm)

double dms(double degrees, double minutes, double seconds) {
  return degrees + minutes / 60.0 + seconds / 3600.0;
}

// The standard closed form found in geodesy texts, evaluated here independently of
// GeographicLib:
//   N = a / sqrt(1 - e^2 sin^2 lat), X = (N + h) cos lat cos lon, Y = (N + h) cos lat sin lon,
//   Z = (N (1 - e^2) + h) sin lat.
Vec3 closed_form_ecef(double lat_deg, double lon_deg, double h) {
  const double e2 = kF * (2.0 - kF);
  const double lat = lat_deg * units::kDegToRad;
  const double lon = lon_deg * units::kDegToRad;
  const double n = kA / std::sqrt(1.0 - e2 * std::sin(lat) * std::sin(lat));
  return {(n + h) * std::cos(lat) * std::cos(lon), (n + h) * std::cos(lat) * std::sin(lon),
          (n * (1.0 - e2) + h) * std::sin(lat)};
}

std::vector<Geodetic> sample_points() {
  std::vector<Geodetic> points;
  for (double lat = -90.0; lat <= 90.0; lat += 7.5) {
    for (double lon = -180.0; lon < 180.0; lon += 22.5) {
      for (double h : {-400.0, 0.0, 35.0, 3000.0, 12500.0, 30000.0}) {
        points.push_back({lat, lon + 0.123, h});
      }
    }
  }
  return points;
}

TEST(GeodeticToEcef, WgsDefiningAxes) {
  // Equator/prime meridian on the ellipsoid is (a, 0, 0); lon 90 E is (0, a, 0); the poles are at
  // z = +-b (TR8350.2 table 3.1 / 3.3).
  const Vec3 origin = geodetic_to_ecef({0.0, 0.0, 0.0});
  EXPECT_NEAR(origin.x(), kA, 1e-9);
  EXPECT_NEAR(origin.y(), 0.0, 1e-9);
  EXPECT_NEAR(origin.z(), 0.0, 1e-9);
  const Vec3 east = geodetic_to_ecef({0.0, 90.0, 0.0});
  EXPECT_NEAR(east.x(), 0.0, 1e-9);
  EXPECT_NEAR(east.y(), kA, 1e-9);
  const Vec3 north_pole = geodetic_to_ecef({90.0, 0.0, 0.0});
  EXPECT_NEAR(north_pole.x(), 0.0, 1e-9);
  EXPECT_NEAR(north_pole.z(), kB, 1e-4);
  const Vec3 south_pole_high = geodetic_to_ecef({-90.0, 45.0, 1000.0});
  EXPECT_NEAR(south_pole_high.z(), -(kB + 1000.0), 1e-4);
  // Height is along the normal: 10 km up at the equator adds 10 km to x.
  EXPECT_NEAR(geodetic_to_ecef({0.0, 0.0, 10000.0}).x(), kA + 10000.0, 1e-9);
}

TEST(GeodeticToEcef, CartConvertDocumentedExample) {
  // GeographicLib CartConvert(1) man page, EXAMPLES:
  //   echo 33.3 44.4 6000 | CartConvert  =>  3816209.60 3737108.55 3485109.57
  const Vec3 ecef = geodetic_to_ecef({33.3, 44.4, 6000.0});
  EXPECT_NEAR(ecef.x(), 3816209.60, 0.006);
  EXPECT_NEAR(ecef.y(), 3737108.55, 0.006);
  EXPECT_NEAR(ecef.z(), 3485109.57, 0.006);
}

TEST(GeodeticToEcef, EverestDocumentedExample) {
  // GeographicLib example-Geocentric.cpp: Mt Everest 27.99 N 86.93 E 8820 m prints the ECEF
  // coordinates rounded to the km as "302 5636 2980".
  const Vec3 ecef = geodetic_to_ecef({27.99, 86.93, 8820.0});
  EXPECT_EQ(std::round(ecef.x() / 1000.0), 302.0);
  EXPECT_EQ(std::round(ecef.y() / 1000.0), 5636.0);
  EXPECT_EQ(std::round(ecef.z() / 1000.0), 2980.0);
}

TEST(GeodeticToEcef, MatchesTextbookClosedForm) {
  for (const Geodetic& p : sample_points()) {
    const Vec3 expected = closed_form_ecef(p.lat_deg, p.lon_deg, p.height_m);
    EXPECT_LT((geodetic_to_ecef(p) - expected).norm(), 1e-6)
        << p.lat_deg << " " << p.lon_deg << " " << p.height_m;
  }
}

TEST(EcefToGeodetic, CartConvertDocumentedExampleReversed) {
  // The CartConvert example above, read backwards (its output is rounded to the cm).
  const Geodetic p = ecef_to_geodetic({3816209.60, 3737108.55, 3485109.57});
  EXPECT_NEAR(p.lat_deg, 33.3, 1e-7);  // 1e-7 deg ~ 1 cm
  EXPECT_NEAR(p.lon_deg, 44.4, 1e-7);
  EXPECT_NEAR(p.height_m, 6000.0, 0.01);
}

TEST(EcefToGeodetic, AxesAndLongitudeRange) {
  const Geodetic pole = ecef_to_geodetic({0.0, 0.0, kB + 250.0});
  EXPECT_NEAR(pole.lat_deg, 90.0, 1e-12);
  EXPECT_NEAR(pole.height_m, 250.0, 1e-4);
  const Geodetic west = ecef_to_geodetic({-kA - 5.0, 0.0, 0.0});
  EXPECT_NEAR(west.lat_deg, 0.0, 1e-12);
  EXPECT_EQ(west.lon_deg, -180.0);  // [-180, 180): the antimeridian reads -180
  EXPECT_NEAR(west.height_m, 5.0, 1e-9);
}

TEST(EcefToGeodetic, RoundTripIsSubMillimetre) {
  for (const Geodetic& p : sample_points()) {
    const Vec3 ecef = geodetic_to_ecef(p);
    const Geodetic back = ecef_to_geodetic(ecef);
    EXPECT_LT((geodetic_to_ecef(back) - ecef).norm(), 1e-6);
    EXPECT_NEAR(back.height_m, p.height_m, 1e-6);
    EXPECT_NEAR(back.lat_deg, p.lat_deg, 1e-11);  // 1e-11 deg ~ 1 micrometre
    if (std::abs(p.lat_deg) < 90.0) {
      EXPECT_NEAR(back.lon_deg, p.lon_deg, 1e-9);
    }
  }
}

TEST(LocalFrame, CartConvertLocalDocumentedExample) {
  // GeographicLib CartConvert(1) man page, EXAMPLES:
  //   echo 33.3 44.4 6000 | CartConvert -l 33 44 20  =>  37288.97 33374.29 5783.64
  // (the page's last digit is truncated, not rounded: up is 5783.6466 m, hence 0.01 m).
  const LocalFrame frame({33.0, 44.0, 20.0});
  const Vec3 enu = frame.to_enu({33.3, 44.4, 6000.0});
  EXPECT_NEAR(enu.x(), 37288.97, 0.01);
  EXPECT_NEAR(enu.y(), 33374.29, 0.01);
  EXPECT_NEAR(enu.z(), 5783.64, 0.01);
}

TEST(LocalFrame, MatlabGeodetic2EnuDocumentedExample) {
  // MathWorks Mapping Toolbox, geodetic2enu reference page example: Matterhorn (45.976 N,
  // 7.658 E, h 4531 m) from Zermatt (46.017 N, 7.750 E, h0 1673 m), WGS84, shown in shortG:
  //   xEast = -7134.8, yNorth = -4556.3, zUp = 2852.4
  const LocalFrame zermatt({46.017, 7.750, 1673.0});
  const Vec3 enu = zermatt.to_enu({45.976, 7.658, 4531.0});
  EXPECT_NEAR(enu.x(), -7134.8, 0.06);
  EXPECT_NEAR(enu.y(), -4556.3, 0.06);
  EXPECT_NEAR(enu.z(), 2852.4, 0.06);
  // MathWorks enu2geodetic reference page example, the reverse: (-7134.8, -4556.3, 2852.4) from
  // Zermatt  =>  lat 45.976, lon 7.658, h 4531 (shortG).
  const Geodetic back = zermatt.to_geodetic({-7134.8, -4556.3, 2852.4});
  EXPECT_NEAR(back.lat_deg, 45.976, 0.0005);
  EXPECT_NEAR(back.lon_deg, 7.658, 0.0005);
  EXPECT_NEAR(back.height_m, 4531.0, 0.5);
}

TEST(LocalFrame, AxesAreEastNorthUp) {
  // At (0, 0): east is +y ECEF, north is +z, up is +x.
  const LocalFrame equator({0.0, 0.0, 0.0});
  EXPECT_LT((equator.vector_enu_to_ecef({1, 0, 0}) - Vec3(0, 1, 0)).norm(), 1e-15);
  EXPECT_LT((equator.vector_enu_to_ecef({0, 1, 0}) - Vec3(0, 0, 1)).norm(), 1e-15);
  EXPECT_LT((equator.vector_enu_to_ecef({0, 0, 1}) - Vec3(1, 0, 0)).norm(), 1e-15);
  // At the north pole on the 90 E meridian, up is +z and north points back along -y.
  const LocalFrame pole({90.0, 90.0, 0.0});
  EXPECT_LT((pole.vector_enu_to_ecef({0, 0, 1}) - Vec3(0, 0, 1)).norm(), 1e-15);
  EXPECT_LT((pole.vector_enu_to_ecef({0, 1, 0}) - Vec3(0, -1, 0)).norm(), 1e-15);
  EXPECT_LT((pole.vector_enu_to_ecef({1, 0, 0}) - Vec3(-1, 0, 0)).norm(), 1e-15);
}

TEST(LocalFrame, RotationIsOrthonormalAndUpIsTheEllipsoidNormal) {
  for (const Geodetic& p : sample_points()) {
    const LocalFrame frame(p);
    const Mat3& r = frame.ecef_to_enu_rotation();
    EXPECT_LT((r * r.transpose() - Mat3::Identity()).norm(), 1e-15);
    EXPECT_NEAR(r.determinant(), 1.0, 1e-15);
    // Going 1 m up in ENU is going 1 m up in height.
    const Geodetic above = frame.to_geodetic({0.0, 0.0, 1.0});
    EXPECT_NEAR(above.height_m, p.height_m + 1.0, 1e-6);
    EXPECT_NEAR(above.lat_deg, p.lat_deg, 1e-11);
  }
}

TEST(LocalFrame, RoundTripsAreSubMillimetre) {
  const std::vector<Geodetic> origins = {{0.0, 0.0, 0.0},      {46.017, 7.75, 1673.0},
                                         {-33.9, 151.2, 50.0}, {69.7, 18.9, 400.0},
                                         {89.5, -45.0, 0.0},   {-78.0, 166.7, 2000.0}};
  for (const Geodetic& origin : origins) {
    const LocalFrame frame(origin);
    EXPECT_LT(frame.to_enu(origin).norm(), 1e-6);
    for (double east = -400e3; east <= 400e3; east += 80e3) {
      for (double north = -400e3; north <= 400e3; north += 80e3) {
        for (double up : {-5000.0, 0.0, 15000.0}) {
          const Vec3 enu(east, north, up);
          EXPECT_LT((frame.ecef_to_enu(frame.enu_to_ecef(enu)) - enu).norm(), 1e-6);
          EXPECT_LT((frame.to_enu(frame.to_geodetic(enu)) - enu).norm(), 1e-6);
        }
      }
    }
  }
}

TEST(LocalFrame, AtEcefIsTheFrameAtThatPointsGeodeticCoordinates) {
  for (const Geodetic& point :
       {Geodetic{0.0, 0.0, 0.0}, Geodetic{46.9, 28.9, 11'000.0}, Geodetic{-33.9, 151.2, 50.0},
        Geodetic{89.5, -179.9, 3'000.0}, Geodetic{-78.0, -166.7, -80.0}}) {
    const Vec3 ecef = geodetic_to_ecef(point);
    const LocalFrame expected(ecef_to_geodetic(ecef));
    const LocalFrame frame = LocalFrame::at_ecef(ecef);
    EXPECT_NEAR(frame.origin().lat_deg, expected.origin().lat_deg, 1e-12);
    EXPECT_NEAR(frame.origin().lon_deg, expected.origin().lon_deg, 1e-12);
    EXPECT_NEAR(frame.origin().height_m, expected.origin().height_m, 1e-6);
    EXPECT_EQ(frame.origin_ecef(), ecef);
    EXPECT_LT(
        (frame.ecef_to_enu_rotation() - expected.ecef_to_enu_rotation()).cwiseAbs().maxCoeff(),
        1e-14);
  }
}

TEST(FrameTransform, BetweenMatchesGoingThroughEcef) {
  const std::vector<Geodetic> origins = {
      {0.0, 0.0, 0.0},     {46.017, 7.75, 1673.0}, {45.3, 9.1, 200.0},   {-33.9, 151.2, 50.0},
      {69.7, 18.9, 400.0}, {89.5, -45.0, 0.0},     {51.5, -179.9, 30.0}, {51.4, 179.8, -20.0}};
  for (const Geodetic& a : origins) {
    for (const Geodetic& b : origins) {
      const LocalFrame from(a);
      const LocalFrame to(b);
      const FrameTransform transform = FrameTransform::between(from, to);
      const FrameTransform back = transform.inverse();
      for (const Vec3& p : {Vec3(0, 0, 0), Vec3(120e3, -35e3, 9000), Vec3(-250e3, 310e3, 12e3)}) {
        const Vec3 expected = to.ecef_to_enu(from.enu_to_ecef(p));
        EXPECT_LT((transform.apply(p) - expected).norm(), 1e-6);
        EXPECT_LT((back.apply(transform.apply(p)) - p).norm(), 1e-6);
      }
      const Vec3 velocity(230.0, -15.0, 4.0);
      EXPECT_LT((transform.apply_vector(velocity) -
                 to.vector_ecef_to_enu(from.vector_enu_to_ecef(velocity)))
                    .norm(),
                1e-12);
    }
  }
  // Identity between a frame and itself.
  const LocalFrame frame({46.0, 7.0, 100.0});
  const FrameTransform same = FrameTransform::between(frame, frame);
  EXPECT_LT((same.rotation - Mat3::Identity()).norm(), 1e-15);
  EXPECT_LT(same.translation.norm(), 1e-9);
}

TEST(Geodesic, KarneyDirectReference) {
  // C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87 (2013), table 2: WGS84,
  // lat1 = 40 deg, azi1 = 30 deg, s12 = 10 000 km  =>  lat2 = 41.79331020506 deg,
  // lon12 = 137.84490004377 deg.
  const Geodetic p = geodesic_direct(40.0, 0.0, 30.0, 10e6);
  EXPECT_NEAR(p.lat_deg, 41.79331020506, 1e-11);
  EXPECT_NEAR(p.lon_deg, 137.84490004377, 1e-11);
  EXPECT_EQ(p.height_m, 0.0);
}

TEST(Geodesic, KarneyShortInverseReference) {
  // Karney (2013) table 3 (a case where Vincenty's method is inaccurate): lat1 = -30.12345,
  // lat2 = -30.12344, lon12 = 0.00005 deg  =>  s12 = 4.944208 m, azi1 = 77.043533 deg.
  const GeodesicInverse inverse = geodesic_inverse(-30.12345, 0.0, -30.12344, 0.00005);
  EXPECT_NEAR(inverse.distance_m, 4.944208, 1e-6);
  EXPECT_NEAR(inverse.azimuth_deg, 77.043533, 1e-6);
}

TEST(Geodesic, GeodSolveJfkToSingaporeReference) {
  // GeographicLib GeodSolve(1) man page, EXAMPLES: JFK 40:38:23N 073:46:44W to Changi
  // 01:21:33N 103:59:22E  =>  azi1 003:18:29.9, s12 15347628 m (rounded to 1 m); the waypoint at
  // half the distance is 70:20:29.2N 097:01:29.4E.
  const double jfk_lat = dms(40, 38, 23);
  const double jfk_lon = -dms(73, 46, 44);
  const GeodesicInverse inverse =
      geodesic_inverse(jfk_lat, jfk_lon, dms(1, 21, 33), dms(103, 59, 22));
  EXPECT_NEAR(inverse.distance_m, 15347628.0, 0.5);
  EXPECT_NEAR(inverse.azimuth_deg, dms(3, 18, 29.9), 0.05 / 3600.0);
  const Geodetic half =
      geodesic_direct(jfk_lat, jfk_lon, inverse.azimuth_deg, 0.5 * inverse.distance_m);
  EXPECT_NEAR(half.lat_deg, dms(70, 20, 29.2), 0.05 / 3600.0);
  EXPECT_NEAR(half.lon_deg, dms(97, 1, 29.4), 0.05 / 3600.0);
}

TEST(Geodesic, AzimuthInZeroTo360AndDirectInverseRoundTrip) {
  // Due west along the equator is 270 deg, not -90.
  EXPECT_NEAR(geodesic_inverse(0.0, 10.0, 0.0, 9.0).azimuth_deg, 270.0, 1e-9);
  // The equator's length per degree of longitude is a * pi / 180 (TR8350.2 a).
  EXPECT_NEAR(geodesic_inverse(0.0, 10.0, 0.0, 9.0).distance_m, kA * units::kPi / 180.0, 1e-6);
  for (double azimuth = 0.0; azimuth < 360.0; azimuth += 17.0) {
    for (double distance : {10.0, 1e3, 150e3, 400e3, 3000e3}) {
      const Geodetic end = geodesic_direct(62.0, -150.0, azimuth, distance);
      EXPECT_GE(end.lon_deg, -180.0);
      EXPECT_LT(end.lon_deg, 180.0);
      const GeodesicInverse inverse = geodesic_inverse(62.0, -150.0, end.lat_deg, end.lon_deg);
      EXPECT_NEAR(inverse.distance_m, distance, 1e-6);
      // Positions carry ~1 nm of rounding, so the azimuth is good to ~1 nm / distance.
      EXPECT_NEAR(inverse.azimuth_deg, azimuth, 1e-8 / distance * units::kRadToDeg + 1e-11);
      EXPECT_GE(inverse.azimuth_deg, 0.0);
      EXPECT_LT(inverse.azimuth_deg, 360.0);
    }
  }
}

TEST(GeodesicTest, PathAgreesWithDirect) {
  const GeodesicPath path(47.0, 28.85, 118.0);
  for (const double distance : {0.0, 1.0, 12'345.6, 250'000.0, 3'000'000.0}) {
    const GeodesicDirect direct = geodesic_direct_with_azimuth(47.0, 28.85, 118.0, distance);
    const GeodesicDirect on_path = path.at(distance);
    EXPECT_NEAR(on_path.point.lat_deg, direct.point.lat_deg, 1e-12) << distance;
    EXPECT_NEAR(on_path.point.lon_deg, direct.point.lon_deg, 1e-12) << distance;
    EXPECT_NEAR(on_path.azimuth_deg, direct.azimuth_deg, 1e-10) << distance;
    const Geodetic plain = geodesic_direct(47.0, 28.85, 118.0, distance);
    EXPECT_NEAR(plain.lat_deg, direct.point.lat_deg, 1e-12);
  }
}

}  // namespace
}  // namespace straja::geo
