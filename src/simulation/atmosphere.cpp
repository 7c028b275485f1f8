#include "simulation/atmosphere.h"

#include <cmath>

#include "core/units.h"

namespace straja::sim {

geo::Atmosphere atmosphere_of(const Environment& environment) {
  return {environment.qnh_hpa, environment.temperature_deviation_c, environment.geoid_height_m};
}

double pressure_altitude_m(double height_m, const Environment& environment) {
  return geo::pressure_altitude_m(height_m, atmosphere_of(environment));
}

double quantised_altitude_m(double altitude_m, double step_ft) {
  return std::round(altitude_m / units::kFootM / step_ft) * step_ft * units::kFootM;
}

}  // namespace straja::sim
