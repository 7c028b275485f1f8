#include "simulation/atmosphere.h"

#include <cmath>

#include "core/units.h"

namespace straja::sim {

double pressure_altitude_m(double height_m, const Environment& environment) {
  return geo::pressure_altitude_m(height_m, environment.atmosphere);
}

double quantised_altitude_m(double altitude_m, double step_ft) {
  return std::round(altitude_m / units::kFootM / step_ft) * step_ft * units::kFootM;
}

}  // namespace straja::sim
