#pragma once
// The tracker's kinematic covariance, held in the system ENU frame, re-expressed in the local ENU
// frame at the track's own position (what TrackReport::covariance_enu carries), and back.

#include "geo/geodetic.h"
#include "report/air_picture.h"
#include "tracking/types.h"

namespace straja::tracking {

/// The rotation taking system-ENU vectors to local-ENU vectors at `local`'s origin.
inline Mat3 system_to_local_rotation(const geo::LocalFrame& system_frame,
                                     const geo::LocalFrame& local) {
  return local.ecef_to_enu_rotation() * system_frame.ecef_to_enu_rotation().transpose();
}

/// `state`'s 6x6 covariance (system ENU) rotated into `local` ENU: position and velocity blocks
/// through the same rotation (the frames differ by a rotation only, exactly).
inline Covariance6 covariance_in_local_enu(const GaussianState& state,
                                           const geo::LocalFrame& system_frame,
                                           const geo::LocalFrame& local) {
  Covariance6 rotation = Covariance6::Zero();
  const Mat3 r = system_to_local_rotation(system_frame, local);
  rotation.topLeftCorner<3, 3>() = r;
  rotation.bottomRightCorner<3, 3>() = r;
  return rotation * state.covariance * rotation.transpose();
}

}  // namespace straja::tracking
