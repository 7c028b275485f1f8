#pragma once
// Value types of the tracker. State vectors live in the system ENU frame (metres, m/s):
// x = [east, north, up, v_east, v_north, v_up].

#include <Eigen/Core>

#include "core/time.h"

namespace straja::tracking {

inline constexpr int kStateSize = 6;
using StateVector = Eigen::Matrix<double, kStateSize, 1>;
using StateCovariance = Eigen::Matrix<double, kStateSize, kStateSize>;
using Vec3 = Eigen::Vector3d;
using Mat3 = Eigen::Matrix3d;

/// A Gaussian belief about one object at one time.
struct GaussianState {
  Time time{};
  StateVector mean = StateVector::Zero();
  StateCovariance covariance = StateCovariance::Identity();

  Vec3 position() const { return mean.head<3>(); }
  Vec3 velocity() const { return mean.tail<3>(); }
};

/// A 3-component measurement with its covariance (radar: range, azimuth, elevation).
struct Measurement3 {
  Time time{};
  Vec3 value = Vec3::Zero();
  Mat3 covariance = Mat3::Identity();
};

}  // namespace straja::tracking
