#pragma once
// What each target class can do and how it looks to a radar: speed, altitude, climb and manoeuvre
// limits (a scenario beyond them is an error), the defaults a route uses when it does not say, and
// the radar cross-section with its aspect dependence. docs/formats/scenario.md has the same table.

#include "report/air_picture.h"

namespace straja::sim {

struct ClassLimits {
  double min_speed_mps;          ///< slowest airborne ground speed (0: can hover or drift)
  double max_speed_mps;          ///< fastest ground speed (allowing for tailwind)
  double min_alt_m;              ///< height above the ellipsoid
  double max_alt_m;              ///< service ceiling
  double max_vertical_rate_mps;  ///< climb or descent
  double max_load_factor;        ///< g (1 = straight and level)
  double max_turn_rate_dps;
  double max_accel_mps2;  ///< speed changes
  // Defaults of a route's manoeuvres.
  double turn_rate_dps;        ///< default turn: this rate ...
  double turn_bank_deg;        ///< ... or this bank angle, whichever turns slower
  double accel_mps2;           ///< speed changes
  double vertical_rate_mps;    ///< climbs and descents to a leg's alt_m
  double vertical_accel_mps2;  ///< how quickly the vertical rate changes (level-off, push-over)
  // Radar cross-section: mean over all horizontal aspects, and relative nose/side/tail weights.
  double rcs_m2;
  double rcs_nose;
  double rcs_side;
  double rcs_tail;
};

const ClassLimits& class_limits(TargetClass target_class);

/// Mean radar cross-section of a class, m^2 (averaged over aspect).
double typical_rcs_m2(TargetClass target_class);

/// The aspect factor of the RCS: the class's nose/side/tail pattern
///   f = c * (nose * max(cos a, 0)^2 + side * sin^2 a + tail * max(-cos a, 0)^2)
/// with a the angle between the target's velocity and the line of sight towards the sensor
/// (0 nose-on, 90 deg broadside, 180 tail-on) and c chosen so that f averages to 1 over a.
double aspect_rcs_factor(TargetClass target_class, double cos_aspect);

/// Load factor (g) of a coordinated level turn at `turn_rate_rad_s` and `speed_mps`:
/// n = sqrt(1 + (v * omega / g0)^2).
double load_factor(double speed_mps, double turn_rate_rad_s);
/// Turn rate (rad/s) of a coordinated level turn at load factor `g` (> 1): g0 sqrt(n^2 - 1) / v.
double turn_rate_for_load_factor(double speed_mps, double load_factor_g);

}  // namespace straja::sim
