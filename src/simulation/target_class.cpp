#include "simulation/target_class.h"

#include <algorithm>
#include <cmath>

#include "core/units.h"

namespace straja::sim {
namespace {

// Round values typical of representative types (A320/B737, Citation, Cessna 172, EC135, F-16,
// small quadcopters, Orlan/Shahed-size fixed-wing drones, radiosonde balloons), not any one type's
// certified limits; RCS of the usual textbook orders of magnitude at S/L band.
constexpr ClassLimits kAirliner{.min_speed_mps = 60,
                                .max_speed_mps = 320,
                                .min_alt_m = -500,
                                .max_alt_m = 13100,
                                .max_vertical_rate_mps = 30,
                                .max_load_factor = 2.5,
                                .max_turn_rate_dps = 6,
                                .max_accel_mps2 = 3,
                                .turn_rate_dps = 3,
                                .turn_bank_deg = 25,
                                .accel_mps2 = 1.0,
                                .vertical_rate_mps = 10,
                                .vertical_accel_mps2 = 1.0,
                                .rcs_m2 = 40,
                                .rcs_nose = 1,
                                .rcs_side = 8,
                                .rcs_tail = 2};
constexpr ClassLimits kBusinessJet{.min_speed_mps = 50,
                                   .max_speed_mps = 300,
                                   .min_alt_m = -500,
                                   .max_alt_m = 15500,
                                   .max_vertical_rate_mps = 30,
                                   .max_load_factor = 3.0,
                                   .max_turn_rate_dps = 8,
                                   .max_accel_mps2 = 4,
                                   .turn_rate_dps = 3,
                                   .turn_bank_deg = 30,
                                   .accel_mps2 = 1.5,
                                   .vertical_rate_mps = 12,
                                   .vertical_accel_mps2 = 1.5,
                                   .rcs_m2 = 5,
                                   .rcs_nose = 1,
                                   .rcs_side = 6,
                                   .rcs_tail = 2};
constexpr ClassLimits kGeneralAviation{.min_speed_mps = 25,
                                       .max_speed_mps = 110,
                                       .min_alt_m = -500,
                                       .max_alt_m = 7600,
                                       .max_vertical_rate_mps = 10,
                                       .max_load_factor = 3.8,
                                       .max_turn_rate_dps = 15,
                                       .max_accel_mps2 = 3,
                                       .turn_rate_dps = 3,
                                       .turn_bank_deg = 30,
                                       .accel_mps2 = 1.0,
                                       .vertical_rate_mps = 3.5,
                                       .vertical_accel_mps2 = 1.5,
                                       .rcs_m2 = 2,
                                       .rcs_nose = 1,
                                       .rcs_side = 4,
                                       .rcs_tail = 1.5};
constexpr ClassLimits kHelicopter{.min_speed_mps = 0,
                                  .max_speed_mps = 90,
                                  .min_alt_m = -500,
                                  .max_alt_m = 6000,
                                  .max_vertical_rate_mps = 15,
                                  .max_load_factor = 3.0,
                                  .max_turn_rate_dps = 30,
                                  .max_accel_mps2 = 4,
                                  .turn_rate_dps = 6,
                                  .turn_bank_deg = 30,
                                  .accel_mps2 = 1.5,
                                  .vertical_rate_mps = 5,
                                  .vertical_accel_mps2 = 2.0,
                                  .rcs_m2 = 5,
                                  .rcs_nose = 1,
                                  .rcs_side = 3,
                                  .rcs_tail = 1.5};
constexpr ClassLimits kFastJet{.min_speed_mps = 60,
                               .max_speed_mps = 700,
                               .min_alt_m = -500,
                               .max_alt_m = 18300,
                               .max_vertical_rate_mps = 250,
                               .max_load_factor = 9.0,
                               .max_turn_rate_dps = 30,
                               .max_accel_mps2 = 15,
                               .turn_rate_dps = 5,
                               .turn_bank_deg = 60,
                               .accel_mps2 = 5,
                               .vertical_rate_mps = 50,
                               .vertical_accel_mps2 = 10,
                               .rcs_m2 = 3,
                               .rcs_nose = 1,
                               .rcs_side = 10,
                               .rcs_tail = 3};
constexpr ClassLimits kMultirotorUav{.min_speed_mps = 0,
                                     .max_speed_mps = 25,
                                     .min_alt_m = -500,
                                     .max_alt_m = 3000,
                                     .max_vertical_rate_mps = 8,
                                     .max_load_factor = 2.0,
                                     .max_turn_rate_dps = 90,
                                     .max_accel_mps2 = 8,
                                     .turn_rate_dps = 30,
                                     .turn_bank_deg = 30,
                                     .accel_mps2 = 3,
                                     .vertical_rate_mps = 3,
                                     .vertical_accel_mps2 = 3,
                                     .rcs_m2 = 0.02,
                                     .rcs_nose = 1,
                                     .rcs_side = 1,
                                     .rcs_tail = 1};
constexpr ClassLimits kFixedWingUav{.min_speed_mps = 12,
                                    .max_speed_mps = 60,
                                    .min_alt_m = -500,
                                    .max_alt_m = 5000,
                                    .max_vertical_rate_mps = 6,
                                    .max_load_factor = 3.0,
                                    .max_turn_rate_dps = 30,
                                    .max_accel_mps2 = 4,
                                    .turn_rate_dps = 10,
                                    .turn_bank_deg = 30,
                                    .accel_mps2 = 1.0,
                                    .vertical_rate_mps = 3,
                                    .vertical_accel_mps2 = 1.5,
                                    .rcs_m2 = 0.1,
                                    .rcs_nose = 1,
                                    .rcs_side = 4,
                                    .rcs_tail = 1.5};
constexpr ClassLimits kBalloon{.min_speed_mps = 0,
                               .max_speed_mps = 60,
                               .min_alt_m = -500,
                               .max_alt_m = 35000,
                               .max_vertical_rate_mps = 8,
                               .max_load_factor = 1.05,
                               .max_turn_rate_dps = 2,
                               .max_accel_mps2 = 2,
                               .turn_rate_dps = 1,
                               .turn_bank_deg = 5,
                               .accel_mps2 = 0.2,
                               .vertical_rate_mps = 5,
                               .vertical_accel_mps2 = 0.5,
                               .rcs_m2 = 0.5,
                               .rcs_nose = 1,
                               .rcs_side = 1,
                               .rcs_tail = 1};

}  // namespace

const ClassLimits& class_limits(TargetClass target_class) {
  switch (target_class) {
    case TargetClass::kAirliner:
      return kAirliner;
    case TargetClass::kBusinessJet:
      return kBusinessJet;
    case TargetClass::kGeneralAviation:
      return kGeneralAviation;
    case TargetClass::kHelicopter:
      return kHelicopter;
    case TargetClass::kFastJet:
      return kFastJet;
    case TargetClass::kMultirotorUav:
      return kMultirotorUav;
    case TargetClass::kFixedWingUav:
      return kFixedWingUav;
    case TargetClass::kBalloon:
      return kBalloon;
  }
  return kAirliner;
}

double typical_rcs_m2(TargetClass target_class) {
  return class_limits(target_class).rcs_m2;
}

double aspect_rcs_factor(TargetClass target_class, double cos_aspect) {
  const ClassLimits& limits = class_limits(target_class);
  const double c = std::clamp(cos_aspect, -1.0, 1.0);
  const double front = c > 0.0 ? c * c : 0.0;
  const double rear = c < 0.0 ? c * c : 0.0;
  const double side = 1.0 - c * c;
  // Over a uniform aspect angle, max(cos, 0)^2 and max(-cos, 0)^2 average 1/4, sin^2 1/2.
  const double mean = 0.25 * limits.rcs_nose + 0.25 * limits.rcs_tail + 0.5 * limits.rcs_side;
  return (limits.rcs_nose * front + limits.rcs_side * side + limits.rcs_tail * rear) / mean;
}

double load_factor(double speed_mps, double turn_rate_rad_s) {
  return std::hypot(1.0, speed_mps * turn_rate_rad_s / units::kStandardGravityMps2);
}

double turn_rate_for_load_factor(double speed_mps, double load_factor_g) {
  return units::kStandardGravityMps2 * std::sqrt(std::max(0.0, load_factor_g * load_factor_g - 1)) /
         std::max(speed_mps, 1.0);
}

}  // namespace straja::sim
