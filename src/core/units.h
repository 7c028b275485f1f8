#pragma once
// Units and physical constants. Everything inside Straja is SI (metres, seconds, radians unless a
// name ends in _deg); these convert at the edges (ASTERIX feet, knots, flight levels, degrees).

#include <cmath>
#include <numbers>

namespace straja::units {

inline constexpr double kPi = std::numbers::pi;
inline constexpr double kDegToRad = kPi / 180.0;
inline constexpr double kRadToDeg = 180.0 / kPi;

inline constexpr double kFootM = 0.3048;                  ///< international foot
inline constexpr double kNauticalMileM = 1852.0;          ///< international nautical mile
inline constexpr double kKnotMps = 1852.0 / 3600.0;       ///< one knot in m/s
inline constexpr double kFeetPerMinuteMps = 0.3048 / 60;  ///< one ft/min in m/s
inline constexpr double kFlightLevelM = 100.0 * kFootM;   ///< FL1 = 100 ft (pressure altitude)
inline constexpr double kSpeedOfLightMps = 299'792'458.0;
inline constexpr double kStandardGravityMps2 = 9.80665;

/// WGS84 defining constants (NIMA TR8350.2).
inline constexpr double kWgs84SemiMajorAxisM = 6'378'137.0;
inline constexpr double kWgs84InverseFlattening = 298.257223563;

constexpr double deg_to_rad(double deg) {
  return deg * kDegToRad;
}
constexpr double rad_to_deg(double rad) {
  return rad * kRadToDeg;
}

// The wraps below skip std::fmod where its argument is already smaller than 2 pi in magnitude:
// fmod is exact and returns such an argument unchanged, so the results are the same to the bit
// (angles from atan2 and small sums of them, the common case, cost no division).

/// Wraps an angle to [0, 2pi).
inline double wrap_two_pi(double rad) {
  double wrapped = std::abs(rad) < 2.0 * kPi ? rad : std::fmod(rad, 2.0 * kPi);
  if (wrapped < 0.0) wrapped += 2.0 * kPi;
  return wrapped >= 2.0 * kPi ? 0.0 : wrapped;
}
/// Wraps an angle to [-pi, pi): the form for angle differences (innovations).
inline double wrap_pi(double rad) {
  const double shifted = rad + kPi;
  double wrapped = std::abs(shifted) < 2.0 * kPi ? shifted : std::fmod(shifted, 2.0 * kPi);
  if (wrapped < 0.0) wrapped += 2.0 * kPi;
  return wrapped - kPi;
}

}  // namespace straja::units
