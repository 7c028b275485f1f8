#include "geo/geodesic_fan.h"

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

double wrap_degrees(double deg) {
  deg = std::fmod(deg, 360.0);
  return deg < 0.0 ? deg + 360.0 : deg;
}

double signed_degrees(double deg) {
  deg = wrap_degrees(deg);
  return deg >= 180.0 ? deg - 360.0 : deg;
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
  if (at.chord_m < 1.0 || at.chord_m > max_distance_m_) {
    return geodesic_inverse(origin_.lat_deg, origin_.lon_deg, point.lat_deg, point.lon_deg);
  }
  return {at.chord_m + interpolate(distance_minus_chord_m_, at),
          wrap_degrees(at.azimuth_deg + interpolate(azimuth_correction_deg_, at))};
}

}  // namespace straja::geo
