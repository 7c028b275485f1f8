#pragma once
// Pressure altitude as the simulator's transponders report it: the scenario environment's
// atmosphere (geo/atmosphere.h), and the altitude quantisation of the reports.

#include "geo/atmosphere.h"
#include "simulation/scenario.h"

namespace straja::sim {

/// Pressure altitude (m) of a point at `height_m` above the ellipsoid.
double pressure_altitude_m(double height_m, const Environment& environment);

/// Altitude as a transponder reports it: rounded to the nearest `step_ft` (100 for Mode C's
/// Gillham code, 25 for Mode S and ADS-B), returned in metres.
double quantised_altitude_m(double altitude_m, double step_ft);

}  // namespace straja::sim
