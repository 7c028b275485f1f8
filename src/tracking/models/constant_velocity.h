#pragma once
// Nearly-constant-velocity motion (continuous white-noise acceleration), per axis:
//   F = [1 dt; 0 1],  Q = q * [dt^3/3 dt^2/2; dt^2/2 dt]
// with separate spectral densities q (m^2/s^3) for the horizontal and vertical axes. Backwards
// (dt < 0, an out-of-sequence plot) x(t + dt) = F(dt) x(t) - F(dt) w, whose noise
// F(dt) Q(|dt|) F(dt)^T = q * [|dt|^3/3 dt|dt|/2; dt|dt|/2 |dt|]: the position-velocity
// covariance changes sign.

#include <cmath>

#include "tracking/types.h"

namespace straja::tracking {

struct ConstantVelocityModel {
  double q_horizontal = 1.0;  ///< m^2/s^3, east and north
  double q_vertical = 0.1;    ///< m^2/s^3, up

  StateCovariance transition(double dt_s) const {
    StateCovariance f = StateCovariance::Identity();
    f.topRightCorner<3, 3>() = Mat3::Identity() * dt_s;
    return f;
  }

  StateCovariance process_noise(double dt_s) const {
    StateCovariance q = StateCovariance::Zero();
    add_process_noise(q, dt_s);
    return q;
  }

  /// covariance += process_noise(dt_s), touching only its 12 nonzero entries.
  void add_process_noise(StateCovariance& covariance, double dt_s) const {
    const double dt = std::abs(dt_s);
    const double dt2 = dt * dt;
    const double dt3 = dt2 * dt;
    const double signed_dt2 = dt_s * dt;
    const double densities[3] = {q_horizontal, q_horizontal, q_vertical};
    for (int axis = 0; axis < 3; ++axis) {
      const double density = densities[axis];
      covariance(axis, axis) += density * dt3 / 3.0;
      covariance(axis, axis + 3) += density * signed_dt2 / 2.0;
      covariance(axis + 3, axis) += density * signed_dt2 / 2.0;
      covariance(axis + 3, axis + 3) += density * dt;
    }
  }
};

}  // namespace straja::tracking
