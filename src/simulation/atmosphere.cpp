#include "simulation/atmosphere.h"

#include <cmath>

#include "core/units.h"

namespace straja::sim {
namespace {

constexpr double kT0 = 288.15;              // K, ISA sea level
constexpr double kP0 = 1013.25;             // hPa
constexpr double kLapse = 0.0065;           // K/m, troposphere
constexpr double kGasConstant = 287.05287;  // J/(kg K), dry air
constexpr double kTropopauseM = 11'000.0;
constexpr double kG0 = units::kStandardGravityMps2;
const double kExponent = kG0 / (kGasConstant * kLapse);  // 5.2559

/// Pressure (hPa) at height H above MSL in an atmosphere with sea-level pressure p0 and
/// sea-level temperature t0 (standard lapse rate, isothermal above 11 km).
double pressure_hpa(double height_m, double p0, double t0) {
  if (height_m <= kTropopauseM) return p0 * std::pow((t0 - kLapse * height_m) / t0, kExponent);
  const double t11 = t0 - kLapse * kTropopauseM;
  const double p11 = p0 * std::pow(t11 / t0, kExponent);
  return p11 * std::exp(-kG0 * (height_m - kTropopauseM) / (kGasConstant * t11));
}

}  // namespace

double pressure_altitude_m(double height_m, const Environment& environment) {
  const double msl_height = height_m - environment.geoid_height_m;
  const double p =
      pressure_hpa(msl_height, environment.qnh_hpa, kT0 + environment.temperature_deviation_c);
  // Invert the standard atmosphere.
  const double p11 = pressure_hpa(kTropopauseM, kP0, kT0);
  if (p >= p11) return kT0 / kLapse * (1.0 - std::pow(p / kP0, 1.0 / kExponent));
  const double t11 = kT0 - kLapse * kTropopauseM;
  return kTropopauseM + kGasConstant * t11 / kG0 * std::log(p11 / p);
}

double quantised_altitude_m(double altitude_m, double step_ft) {
  return std::round(altitude_m / units::kFootM / step_ft) * step_ft * units::kFootM;
}

}  // namespace straja::sim
