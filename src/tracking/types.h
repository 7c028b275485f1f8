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

/// A Gaussian belief about one object at one time, over an N-component state whose first six
/// components are always the kinematic state [east, north, up, v_east, v_north, v_up] (metres,
/// m/s, system ENU); models with more state (acceleration, turn rate) append theirs after them.
template <int N>
struct Gaussian {
  static_assert(N >= kStateSize, "the state starts with the 6 kinematic components");
  static constexpr int kSize = N;
  using Vector = Eigen::Matrix<double, N, 1>;
  using Matrix = Eigen::Matrix<double, N, N>;

  Time time{};
  Vector mean = Vector::Zero();
  Matrix covariance = Matrix::Identity();

  Vec3 position() const { return mean.template head<3>(); }
  Vec3 velocity() const { return mean.template segment<3>(3); }
};

/// The tracker's kinematic belief (6 components).
using GaussianState = Gaussian<kStateSize>;

/// A 3-component measurement with its covariance (radar: range, azimuth, elevation).
struct Measurement3 {
  Time time{};
  Vec3 value = Vec3::Zero();
  Mat3 covariance = Mat3::Identity();
};

}  // namespace straja::tracking
