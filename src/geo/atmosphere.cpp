#include "geo/atmosphere.h"

#include <cmath>

#include "core/units.h"

namespace straja::geo {
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

/// The height above MSL (m) where the pressure is p (hPa): pressure_hpa inverted.
double height_of_pressure_m(double p, double p0, double t0) {
  const double p11 = pressure_hpa(kTropopauseM, p0, t0);
  if (p >= p11) return t0 / kLapse * (1.0 - std::pow(p / p0, 1.0 / kExponent));
  const double t11 = t0 - kLapse * kTropopauseM;
  return kTropopauseM + kGasConstant * t11 / kG0 * std::log(p11 / p);
}

}  // namespace

double pressure_altitude_m(double height_m, const Atmosphere& atmosphere) {
  const double p = pressure_hpa(height_m - atmosphere.geoid_height_m, atmosphere.qnh_hpa,
                                kT0 + atmosphere.temperature_deviation_c);
  return height_of_pressure_m(p, kP0, kT0);
}

double height_of_pressure_altitude_m(double pressure_altitude_m, const Atmosphere& atmosphere) {
  const double p = pressure_hpa(pressure_altitude_m, kP0, kT0);
  return height_of_pressure_m(p, atmosphere.qnh_hpa, kT0 + atmosphere.temperature_deviation_c) +
         atmosphere.geoid_height_m;
}

}  // namespace straja::geo
