#include "geo/geodesic_fan.h"

#include <GeographicLib/Constants.hpp>
#include <array>
#include <cmath>

#include "core/units.h"

namespace straja::geo {
namespace {

Geodetic foot_of(const Geodetic& point) {
  return {point.lat_deg, point.lon_deg, 0.0};
}

/// Catmull-Rom weights for the four nodes around a fraction t in [0, 1] of the middle interval.
std::array<double, 4> cubic_weights(double t) {
  const double t2 = t * t;
  const double t3 = t2 * t;
  return {0.5 * (-t3 + 2.0 * t2 - t), 0.5 * (3.0 * t3 - 5.0 * t2 + 2.0),
          0.5 * (-3.0 * t3 + 4.0 * t2 + t), 0.5 * (t3 - t2)};
}

/// [0, 360): a tiny negative angle plus 360 rounds to 360 itself, which is taken as 0 (the
/// tables' azimuth index must stay below the last interval's end).
double wrap_degrees(double deg) {
  deg = std::fmod(deg, 360.0);
  if (deg < 0.0) deg += 360.0;
  return deg < 360.0 ? deg : 0.0;
}

double signed_degrees(double deg) {
  deg = wrap_degrees(deg);
  return deg >= 180.0 ? deg - 360.0 : deg;
}

/// D * v with D = diag(1/a^2, 1/a^2, 1/b^2): the WGS84 ellipsoid is x^T D x = 1, and D x is along
/// its outward normal at a point x on it.
Vec3 ellipsoid_scaled(const Vec3& v) {
  static const double a = GeographicLib::Constants::WGS84_a();
  static const double b = a * (1.0 - GeographicLib::Constants::WGS84_f());
  static const double inverse_a2 = 1.0 / (a * a);
  static const double inverse_b2 = 1.0 / (b * b);
  return {v.x() * inverse_a2, v.y() * inverse_a2, v.z() * inverse_b2};
}

}  // namespace

GeodesicFan::GeodesicFan(const Geodetic& origin, double max_distance_m)
    : origin_(origin), foot_frame_(foot_of(origin)), max_distance_m_(max_distance_m) {
  // Azimuth nodes -1 .. 360/step + 1 (wrapping), chord nodes 0 .. last + 2 (the cubic needs one
  // node before and two after the interval it interpolates in).
  azimuth_nodes_ = static_cast<int>(std::lround(360.0 / kAzimuthStepDeg)) + 3;
  chord_nodes_ = static_cast<int>(std::ceil(max_distance_m / kChordStepM)) + 3;
  distance_minus_chord_m_.assign(static_cast<std::size_t>(azimuth_nodes_ * chord_nodes_), 0.0);
  azimuth_correction_deg_ = distance_minus_chord_m_;
  horizontal_minus_distance_m_ = distance_minus_chord_m_;
  horizontal_azimuth_correction_deg_ = distance_minus_chord_m_;
  up_ecef_ = foot_frame_.vector_enu_to_ecef(Vec3::UnitZ());
  scaled_origin_ = ellipsoid_scaled(foot_frame_.origin_ecef());
  up_scaled_up_ = up_ecef_.dot(ellipsoid_scaled(up_ecef_));
  for (int i = 0; i < azimuth_nodes_; ++i) {
    const double azimuth_deg = (i - 1) * kAzimuthStepDeg;
    for (int j = 1; j < chord_nodes_; ++j) {
      const double chord_m = j * kChordStepM;
      // Newton-like fixed point: find the geodesic (azimuth, distance) whose end has this proxy.
      // The map is the identity plus terms of order (c / R)^2, so a few steps reach rounding.
      double geodesic_azimuth = azimuth_deg;
      double distance_m = chord_m;
      for (int step = 0; step < 4; ++step) {
        const Geodetic end =
            geodesic_direct(origin.lat_deg, origin.lon_deg, geodesic_azimuth, distance_m);
        const Proxy reached = proxy(end);
        geodesic_azimuth += signed_degrees(azimuth_deg - reached.azimuth_deg);
        distance_m += chord_m - reached.chord_m;
      }
      node(distance_minus_chord_m_, i, j) = distance_m - chord_m;
      node(azimuth_correction_deg_, i, j) = signed_degrees(geodesic_azimuth - azimuth_deg);
      // Direct: this node's (azimuth, chord) read as a geodesic's (azimuth, length).
      const Vec3 foot = foot_frame_.to_enu(
          foot_of(geodesic_direct(origin.lat_deg, origin.lon_deg, azimuth_deg, chord_m)));
      node(horizontal_minus_distance_m_, i, j) = std::hypot(foot.x(), foot.y()) - chord_m;
      node(horizontal_azimuth_correction_deg_, i, j) =
          signed_degrees(std::atan2(foot.x(), foot.y()) * units::kRadToDeg - azimuth_deg);
    }
    // At chord 0 both corrections vanish (node 0 stays 0).
  }
}

double& GeodesicFan::node(std::vector<double>& table, int azimuth_index, int chord_index) const {
  return table[static_cast<std::size_t>(azimuth_index * chord_nodes_ + chord_index)];
}

GeodesicFan::Proxy GeodesicFan::proxy(const Geodetic& point) const {
  const Vec3 enu = foot_frame_.ecef_to_enu(geodetic_to_ecef(foot_of(point)));
  return {wrap_degrees(std::atan2(enu.x(), enu.y()) * units::kRadToDeg), enu.norm()};
}

double GeodesicFan::interpolate(const std::vector<double>& table, const Proxy& at) const {
  const double a = at.azimuth_deg / kAzimuthStepDeg;
  const double c = at.chord_m / kChordStepM;
  const int ia = static_cast<int>(a);  // azimuth interval [ia, ia + 1] -> nodes ia .. ia + 3
  const int ic = static_cast<int>(c);
  const std::array<double, 4> wa = cubic_weights(a - ia);
  const std::array<double, 4> wc = cubic_weights(c - ic);
  double sum = 0.0;
  for (int da = 0; da < 4; ++da) {
    const int row = (ia + da) * chord_nodes_;
    double along = 0.0;
    for (int dc = 0; dc < 4; ++dc) {
      // Both corrections are odd in the chord (they vanish at c = 0 and grow as c^3 and c), so
      // the node before chord 0 is minus node 1.
      const int column = ic - 1 + dc;
      const double value = column < 0 ? -table[static_cast<std::size_t>(row + 1)]
                                      : table[static_cast<std::size_t>(row + column)];
      along += wc[static_cast<std::size_t>(dc)] * value;
    }
    sum += wa[static_cast<std::size_t>(da)] * along;
  }
  return sum;
}

GeodesicInverse GeodesicFan::inverse(const Geodetic& point) const {
  const Proxy at = proxy(point);
  if (!(at.chord_m >= 1.0 && at.chord_m <= max_distance_m_)) {  // NaN too
    return geodesic_inverse(origin_.lat_deg, origin_.lon_deg, point.lat_deg, point.lon_deg);
  }
  return {at.chord_m + interpolate(distance_minus_chord_m_, at),
          wrap_degrees(at.azimuth_deg + interpolate(azimuth_correction_deg_, at))};
}

Vec3 GeodesicFan::direct_ecef(double azimuth_deg, double distance_m, double height_m) const {
  if (!(distance_m >= 1.0 && distance_m <= max_distance_m_) || !std::isfinite(azimuth_deg)) {
    Geodetic end = geodesic_direct(origin_.lat_deg, origin_.lon_deg, azimuth_deg, distance_m);
    end.height_m = height_m;
    return geodetic_to_ecef(end);
  }
  const Proxy at{wrap_degrees(azimuth_deg), distance_m};
  const double horizontal_m = distance_m + interpolate(horizontal_minus_distance_m_, at);
  const double horizontal_azimuth_rad =
      (at.azimuth_deg + interpolate(horizontal_azimuth_correction_deg_, at)) * units::kDegToRad;
  // The foot is origin + v + u * up (v horizontal) on the ellipsoid x^T D x = 1. With the origin
  // on it, u solves (up^T D up) u^2 + 2 B u + C = 0, B = up^T D (origin + v),
  // C = 2 v^T D origin + v^T D v; the root near zero, in the form without cancellation.
  const Vec3 v =
      foot_frame_.vector_enu_to_ecef(Vec3(horizontal_m * std::sin(horizontal_azimuth_rad),
                                          horizontal_m * std::cos(horizontal_azimuth_rad), 0.0));
  const Vec3 scaled_v = ellipsoid_scaled(v);
  const double a = up_scaled_up_;
  const double b = up_ecef_.dot(scaled_origin_ + scaled_v);
  const double c = 2.0 * v.dot(scaled_origin_) + v.dot(scaled_v);
  const double u = -c / (b + std::sqrt(b * b - a * c));
  const Vec3 foot = foot_frame_.origin_ecef() + v + u * up_ecef_;
  return foot + height_m * ellipsoid_scaled(foot).normalized();
}

}  // namespace straja::geo
