#pragma once
// Pressure altitude: what a transponder's Mode C / Mode S altitude and ADS-B's barometric altitude
// report, from the geometric height the simulator knows.
//
// The real atmosphere is the ICAO standard atmosphere shifted by the scenario's environment:
// sea-level pressure QNH, a temperature deviation dT (uniform with height) and mean sea level at
// geoid_height_m above the ellipsoid. A target at ellipsoidal height h is at H = h - geoid above
// MSL, where the pressure is
//   p = QNH (T(H) / T0')^(g0 / (R L))          below the tropopause (11 km), T(H) = T0' - L H,
//   p = p11 exp(-g0 (H - 11 km) / (R T11'))    above it,               T0' = 288.15 K + dT,
// and its pressure altitude is the standard-atmosphere height of that pressure. With the defaults
// (QNH 1013.25 hPa, dT 0, geoid 0) the pressure altitude equals the height. Heights are treated as
// geopotential (the difference is ~0.2% at 11 km, well inside Mode C's 100 ft).

#include "simulation/scenario.h"

namespace straja::sim {

/// Pressure altitude (m) of a point at `height_m` above the ellipsoid.
double pressure_altitude_m(double height_m, const Environment& environment);

/// Altitude as a transponder reports it: rounded to the nearest `step_ft` (100 for Mode C's
/// Gillham code, 25 for Mode S and ADS-B), returned in metres.
double quantised_altitude_m(double altitude_m, double step_ft);

}  // namespace straja::sim
