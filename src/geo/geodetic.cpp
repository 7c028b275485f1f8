#include "geo/geodetic.h"

#include <GeographicLib/Geocentric.hpp>
#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>
#include <GeographicLib/Math.hpp>
#include <vector>

namespace straja::geo {
namespace {

// Longitudes come back from GeographicLib in [-180, 180]; Geodetic promises [-180, 180).
double normalize_longitude_deg(double lon_deg) {
  return lon_deg >= 180.0 ? lon_deg - 360.0 : lon_deg;
}

// Azimuths come back in [-180, 180]; the public helpers report [0, 360) like the radar does.
double normalize_azimuth_deg(double azimuth_deg) {
  double wrapped = azimuth_deg < 0.0 ? azimuth_deg + 360.0 : azimuth_deg;
  return wrapped >= 360.0 ? 0.0 : wrapped;
}

}  // namespace

Vec3 geodetic_to_ecef(const Geodetic& point) {
  // X = (N + h) cos(lat) cos(lon), Y = (N + h) cos(lat) sin(lon), Z = (N (1 - e^2) + h) sin(lat),
  // N = a / sqrt(1 - e^2 sin^2(lat)); GeographicLib evaluates it with exact degree reduction.
  Vec3 ecef;
  GeographicLib::Geocentric::WGS84().Forward(point.lat_deg, point.lon_deg, point.height_m, ecef.x(),
                                             ecef.y(), ecef.z());
  return ecef;
}

Geodetic ecef_to_geodetic(const Vec3& ecef_m) {
  // Karney's closed-form solution of the quartic (Geodesics on an ellipsoid of revolution,
  // 2011, appendix B), good to nanometres at any height used here.
  Geodetic point;
  GeographicLib::Geocentric::WGS84().Reverse(ecef_m.x(), ecef_m.y(), ecef_m.z(), point.lat_deg,
                                             point.lon_deg, point.height_m);
  point.lon_deg = normalize_longitude_deg(point.lon_deg);
  return point;
}

struct GeodesicPath::Line {
  GeographicLib::GeodesicLine line;
};

GeodesicPath::GeodesicPath(double lat_deg, double lon_deg, double azimuth_deg)
    : line_(std::make_shared<const Line>(Line{GeographicLib::GeodesicLine(
          GeographicLib::Geodesic::WGS84(), lat_deg, lon_deg, azimuth_deg,
          GeographicLib::Geodesic::LATITUDE | GeographicLib::Geodesic::LONGITUDE |
              GeographicLib::Geodesic::AZIMUTH | GeographicLib::Geodesic::DISTANCE_IN)})) {}

GeodesicDirect GeodesicPath::at(double distance_m) const {
  GeodesicDirect result;
  line_->line.Position(distance_m, result.point.lat_deg, result.point.lon_deg, result.azimuth_deg);
  result.point.lon_deg = normalize_longitude_deg(result.point.lon_deg);
  return result;
}

LocalFrame::LocalFrame(const Geodetic& origin)
    : origin_(origin), origin_ecef_(geodetic_to_ecef(origin)) {
  // Rows of R are the ENU unit vectors expressed in ECEF:
  //   east  = (-sin(lon),            cos(lon),           0       )
  //   north = (-sin(lat) cos(lon), -sin(lat) sin(lon), cos(lat))
  //   up    = ( cos(lat) cos(lon),  cos(lat) sin(lon), sin(lat))
  // sincosd reduces the angle in degrees first, so multiples of 90 deg give exact 0 and 1.
  double sin_lat = 0.0;
  double cos_lat = 0.0;
  double sin_lon = 0.0;
  double cos_lon = 0.0;
  GeographicLib::Math::sincosd(origin.lat_deg, sin_lat, cos_lat);
  GeographicLib::Math::sincosd(origin.lon_deg, sin_lon, cos_lon);
  ecef_to_enu_ << -sin_lon, cos_lon, 0.0,               //
      -sin_lat * cos_lon, -sin_lat * sin_lon, cos_lat,  //
      cos_lat * cos_lon, cos_lat * sin_lon, sin_lat;
}

LocalFrame LocalFrame::at_ecef(const Vec3& ecef_m) {
  LocalFrame frame{Unset{}};
  // M maps local ENU to ECEF (row-major): its transpose is R. GeographicLib fills a vector; one
  // per thread, so no allocation per call.
  thread_local std::vector<double> m(9);
  GeographicLib::Geocentric::WGS84().Reverse(ecef_m.x(), ecef_m.y(), ecef_m.z(),
                                             frame.origin_.lat_deg, frame.origin_.lon_deg,
                                             frame.origin_.height_m, m);
  frame.origin_.lon_deg = normalize_longitude_deg(frame.origin_.lon_deg);
  frame.origin_ecef_ = ecef_m;
  frame.ecef_to_enu_ << m[0], m[3], m[6],  //
      m[1], m[4], m[7],                    //
      m[2], m[5], m[8];
  return frame;
}

FrameTransform FrameTransform::between(const LocalFrame& from, const LocalFrame& to) {
  // p_to = R_to (ecef - o_to),  ecef = o_from + R_from^T p_from
  //      = (R_to R_from^T) p_from + R_to (o_from - o_to)
  FrameTransform transform;
  transform.rotation = to.ecef_to_enu_rotation() * from.ecef_to_enu_rotation().transpose();
  transform.translation = to.ecef_to_enu_rotation() * (from.origin_ecef() - to.origin_ecef());
  return transform;
}

FrameTransform FrameTransform::inverse() const {
  // p_from = R^T (p_to - t) = R^T p_to - R^T t
  FrameTransform result;
  result.rotation = rotation.transpose();
  result.translation = -(result.rotation * translation);
  return result;
}

GeodesicInverse geodesic_inverse(double lat1_deg, double lon1_deg, double lat2_deg,
                                 double lon2_deg) {
  double distance_m = 0.0;
  double azimuth1_deg = 0.0;
  double azimuth2_deg = 0.0;
  GeographicLib::Geodesic::WGS84().Inverse(lat1_deg, lon1_deg, lat2_deg, lon2_deg, distance_m,
                                           azimuth1_deg, azimuth2_deg);
  return {distance_m, normalize_azimuth_deg(azimuth1_deg)};
}

Geodetic geodesic_direct(double lat_deg, double lon_deg, double azimuth_deg, double distance_m) {
  Geodetic point;
  GeographicLib::Geodesic::WGS84().Direct(lat_deg, lon_deg, azimuth_deg, distance_m, point.lat_deg,
                                          point.lon_deg);
  point.lon_deg = normalize_longitude_deg(point.lon_deg);
  return point;
}

GeodesicDirect geodesic_direct_with_azimuth(double lat_deg, double lon_deg, double azimuth_deg,
                                            double distance_m) {
  GeodesicDirect result;
  GeographicLib::Geodesic::WGS84().Direct(lat_deg, lon_deg, azimuth_deg, distance_m,
                                          result.point.lat_deg, result.point.lon_deg,
                                          result.azimuth_deg);
  result.point.lon_deg = normalize_longitude_deg(result.point.lon_deg);
  return result;
}

}  // namespace straja::geo
