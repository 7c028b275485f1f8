#include "tracking/models/measurement_model.h"

#include "core/units.h"

namespace straja::tracking {

Vec3 difference_with_wrapped_angle(const Vec3& z, const Vec3& predicted, int angle_index) {
  Vec3 difference = z - predicted;
  difference(angle_index) = units::wrap_pi(difference(angle_index));
  return difference;
}

}  // namespace straja::tracking
