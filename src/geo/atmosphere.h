#pragma once
// Pressure altitude and height: what a transponder's Mode C / Mode S altitude and ADS-B's
// barometric altitude report, and the height above the ellipsoid that means on the day.
//
// The day's atmosphere is the ICAO standard atmosphere shifted by a sea-level pressure QNH and a
// temperature deviation dT (uniform with height), with mean sea level geoid_height_m above the
// ellipsoid. A point at ellipsoidal height h is at H = h - geoid above MSL, where the pressure is
//   p = QNH (T(H) / T0')^(g0 / (R L))          below the tropopause (11 km), T(H) = T0' - L H,
//   p = p11 exp(-g0 (H - 11 km) / (R T11'))    above it,               T0' = 288.15 K + dT,
// and its pressure altitude is the standard-atmosphere height of that pressure. On a standard day
// (QNH 1013.25 hPa, dT 0, geoid 0) the pressure altitude equals the height. Heights are treated as
// geopotential (the difference is ~0.2% at 11 km, well inside Mode C's 100 ft).

namespace straja::geo {

struct Atmosphere {
  double qnh_hpa = 1013.25;              ///< sea-level pressure
  double temperature_deviation_c = 0.0;  ///< from the standard atmosphere, uniform with height
  double geoid_height_m = 0.0;           ///< mean sea level above the ellipsoid

  bool standard() const {
    return qnh_hpa == 1013.25 && temperature_deviation_c == 0.0 && geoid_height_m == 0.0;
  }
};

/// Pressure altitude (m) of a point at `height_m` above the ellipsoid.
double pressure_altitude_m(double height_m, const Atmosphere& atmosphere);

/// The height above the ellipsoid (m) at which `atmosphere` has the pressure of
/// `pressure_altitude_m`: the inverse of pressure_altitude_m, in closed form.
double height_of_pressure_altitude_m(double pressure_altitude_m, const Atmosphere& atmosphere);

}  // namespace straja::geo
