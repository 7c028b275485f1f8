#pragma once
// Motion models as value types. A model is a horizontal model composed with a vertical channel:
//
//   horizontal state h = [x, y, vx, vy, extras...]   (east, north; metres, m/s)
//   vertical state   v = [z, vz]                      (up; metres, m/s)
//   full state       x = [x, y, z, vx, vy, vz, extras...]   (the tracker's kinematic layout first)
//
// Horizontal models:
//   HorizontalCv  nearly-constant velocity, white-noise acceleration, q in m^2/s^3:
//                   Q per axis = q [dt^3/3 dt^2/2; dt^2/2 dt]
//   HorizontalCa  nearly-constant acceleration (extras ax, ay), white-noise jerk (Wiener-process
//                 acceleration), q in m^2/s^5: Q per axis = q [dt^5/20 dt^4/8 dt^3/6;
//                 dt^4/8 dt^3/3 dt^2/2; dt^3/6 dt^2/2 dt]
//   HorizontalCt  coordinated turn with unknown turn rate (extra omega, rad/s, positive
//                 counter-clockwise seen from above, i.e. a left turn). Exact for constant omega:
//                   x'  = x + vx s - vy c,   vx' = vx cos(w dt) - vy sin(w dt)
//                   y'  = y + vx c + vy s,   vy' = vx sin(w dt) + vy cos(w dt)
//                   with s = sin(w dt)/w, c = (1 - cos(w dt))/w
//                 and their Taylor series for |w dt| < 1e-2, so omega -> 0 (and omega = 0 exactly)
//                 gives the CV transition with no loss of precision. Process noise: the CV
//                 white-noise acceleration (q_acceleration, m^2/s^3) on position/velocity -- the
//                 usual approximation, exact at omega = 0 -- plus a random walk on omega
//                 (q_turn_rate, rad^2/s^3).
// Vertical channel: VerticalCv, nearly-constant velocity in altitude (q in m^2/s^3).
//
// Every model provides f(x, dt), jacobian(x, dt) = df/dx and process_noise(x, dt); linear ones
// also transition(dt) (= the Jacobian). dt in seconds, may be negative (retrodiction); the noise
// uses |dt|.

#include <Eigen/Core>
#include <array>
#include <cmath>

#include "tracking/types.h"

namespace straja::tracking {

namespace motion_detail {

/// Per-axis white-noise-acceleration block [dt^3/3 dt^2/2; dt^2/2 dt] * q. Backwards (dt < 0)
/// the noise of x(t + dt) = F(dt) x(t) - F(dt) w is F(dt) Q(|dt|) F(dt)^T: entry (i, j) of the
/// forward block times sign(dt)^(i + j), so the position-velocity term changes sign.
inline Eigen::Matrix2d cv_noise(double q, double dt_s) {
  const double dt = std::abs(dt_s);
  Eigen::Matrix2d block;
  block << dt * dt * dt / 3.0, dt_s * dt / 2.0, dt_s * dt / 2.0, dt;
  return q * block;
}

}  // namespace motion_detail

struct HorizontalCv {
  static constexpr int kSize = 4;
  static constexpr bool kLinear = true;
  /// Where the extras go in the IMM's common state (none here).
  static constexpr std::array<int, 0> kCommonSlots{};
  using Vector = Eigen::Matrix<double, kSize, 1>;
  using Matrix = Eigen::Matrix<double, kSize, kSize>;

  double q = 1.0;  ///< m^2/s^3, each horizontal axis

  Matrix transition(double dt) const {
    Matrix f = Matrix::Identity();
    f(0, 2) = dt;
    f(1, 3) = dt;
    return f;
  }
  Vector f(const Vector& h, double dt) const { return transition(dt) * h; }
  Matrix jacobian(const Vector& /*h*/, double dt) const { return transition(dt); }
  Matrix process_noise(const Vector& /*h*/, double dt) const {
    const Eigen::Matrix2d block = motion_detail::cv_noise(q, dt);
    Matrix noise = Matrix::Zero();
    for (int axis = 0; axis < 2; ++axis) {
      noise(axis, axis) = block(0, 0);
      noise(axis, axis + 2) = block(0, 1);
      noise(axis + 2, axis) = block(1, 0);
      noise(axis + 2, axis + 2) = block(1, 1);
    }
    return noise;
  }
};

struct HorizontalCa {
  static constexpr int kSize = 6;  ///< x, y, vx, vy, ax, ay
  static constexpr bool kLinear = true;
  static constexpr std::array<int, 2> kCommonSlots{6, 7};
  using Vector = Eigen::Matrix<double, kSize, 1>;
  using Matrix = Eigen::Matrix<double, kSize, kSize>;

  double q = 1.0;  ///< m^2/s^5, jerk density on each horizontal axis

  Matrix transition(double dt) const {
    Matrix f = Matrix::Identity();
    for (int axis = 0; axis < 2; ++axis) {
      f(axis, axis + 2) = dt;
      f(axis, axis + 4) = dt * dt / 2.0;
      f(axis + 2, axis + 4) = dt;
    }
    return f;
  }
  Vector f(const Vector& h, double dt) const { return transition(dt) * h; }
  Matrix jacobian(const Vector& /*h*/, double dt) const { return transition(dt); }
  Matrix process_noise(const Vector& /*h*/, double dt_s) const {
    const double dt = std::abs(dt_s);
    const double dt2 = dt * dt;
    const double dt3 = dt2 * dt;
    // Backwards (dt < 0): entry (i, j) times sign(dt)^(i + j), as in cv_noise.
    const double s = dt_s < 0.0 ? -1.0 : 1.0;
    Eigen::Matrix3d block;
    block << dt3 * dt2 / 20.0, s * dt2 * dt2 / 8.0, dt3 / 6.0,  //
        s * dt2 * dt2 / 8.0, dt3 / 3.0, s * dt2 / 2.0,          //
        dt3 / 6.0, s * dt2 / 2.0, dt;
    Matrix noise = Matrix::Zero();
    for (int axis = 0; axis < 2; ++axis) {
      for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j) noise(axis + 2 * i, axis + 2 * j) = q * block(i, j);
      }
    }
    return noise;
  }
};

struct HorizontalCt {
  static constexpr int kSize = 5;  ///< x, y, vx, vy, omega
  static constexpr bool kLinear = false;
  static constexpr std::array<int, 1> kCommonSlots{8};
  using Vector = Eigen::Matrix<double, kSize, 1>;
  using Matrix = Eigen::Matrix<double, kSize, kSize>;

  double q_acceleration = 1.0;  ///< m^2/s^3, white acceleration on each horizontal axis
  double q_turn_rate = 1e-6;    ///< rad^2/s^3, random walk of omega

  /// sin(w dt)/w, (1 - cos(w dt))/w and their derivatives in w, with cos and sin of w dt.
  struct Coefficients {
    double s, c, ds, dc, cos_wt, sin_wt;
  };
  static Coefficients coefficients(double omega, double dt) {
    const double theta = omega * dt;
    Coefficients k{};
    k.cos_wt = std::cos(theta);
    k.sin_wt = std::sin(theta);
    if (std::abs(theta) < 1e-2) {
      // Series in theta; the next terms are below 1e-16 relative.
      const double t2 = theta * theta;
      k.s = dt * (1.0 - t2 / 6.0 * (1.0 - t2 / 20.0 * (1.0 - t2 / 42.0)));
      k.c = dt * theta * (0.5 - t2 / 24.0 * (1.0 - t2 / 30.0 * (1.0 - t2 / 56.0)));
      k.ds = dt * dt * theta * (-1.0 / 3.0 + t2 / 30.0 - t2 * t2 / 840.0);
      k.dc = dt * dt * (0.5 - t2 / 8.0 + t2 * t2 / 144.0 - t2 * t2 * t2 / 5760.0);
    } else {
      k.s = k.sin_wt / omega;
      k.c = (1.0 - k.cos_wt) / omega;
      k.ds = (dt * k.cos_wt - k.s) / omega;
      k.dc = (dt * k.sin_wt - k.c) / omega;
    }
    return k;
  }

  Vector f(const Vector& h, double dt) const {
    const Coefficients k = coefficients(h(4), dt);
    Vector next;
    next(0) = h(0) + k.s * h(2) - k.c * h(3);
    next(1) = h(1) + k.c * h(2) + k.s * h(3);
    next(2) = k.cos_wt * h(2) - k.sin_wt * h(3);
    next(3) = k.sin_wt * h(2) + k.cos_wt * h(3);
    next(4) = h(4);
    return next;
  }

  Matrix jacobian(const Vector& h, double dt) const {
    const Coefficients k = coefficients(h(4), dt);
    const double vx = h(2);
    const double vy = h(3);
    Matrix j = Matrix::Identity();
    j(0, 2) = k.s;
    j(0, 3) = -k.c;
    j(1, 2) = k.c;
    j(1, 3) = k.s;
    j(2, 2) = k.cos_wt;
    j(2, 3) = -k.sin_wt;
    j(3, 2) = k.sin_wt;
    j(3, 3) = k.cos_wt;
    // d/d omega; d cos(w dt)/dw = -dt sin(w dt), d sin(w dt)/dw = dt cos(w dt).
    j(0, 4) = k.ds * vx - k.dc * vy;
    j(1, 4) = k.dc * vx + k.ds * vy;
    j(2, 4) = -dt * (k.sin_wt * vx + k.cos_wt * vy);
    j(3, 4) = dt * (k.cos_wt * vx - k.sin_wt * vy);
    return j;
  }

  Matrix process_noise(const Vector& /*h*/, double dt) const {
    const Eigen::Matrix2d block = motion_detail::cv_noise(q_acceleration, dt);
    Matrix noise = Matrix::Zero();
    for (int axis = 0; axis < 2; ++axis) {
      noise(axis, axis) = block(0, 0);
      noise(axis, axis + 2) = block(0, 1);
      noise(axis + 2, axis) = block(1, 0);
      noise(axis + 2, axis + 2) = block(1, 1);
    }
    noise(4, 4) = q_turn_rate * std::abs(dt);
    return noise;
  }
};

/// Nearly-constant velocity in altitude: [z, vz].
struct VerticalCv {
  double q = 0.1;  ///< m^2/s^3

  Eigen::Matrix2d transition(double dt) const {
    Eigen::Matrix2d f = Eigen::Matrix2d::Identity();
    f(0, 1) = dt;
    return f;
  }
  Eigen::Matrix2d process_noise(double dt) const { return motion_detail::cv_noise(q, dt); }
};

/// A horizontal model composed with the vertical channel, on the full layout
/// [x, y, z, vx, vy, vz, horizontal extras...].
template <class Horizontal>
struct MotionModel {
  static constexpr int kHorizontal = Horizontal::kSize;
  static constexpr int kSize = kHorizontal + 2;
  static constexpr bool kLinear = Horizontal::kLinear;
  using Vector = Eigen::Matrix<double, kSize, 1>;
  using Matrix = Eigen::Matrix<double, kSize, kSize>;

  Horizontal horizontal;
  VerticalCv vertical;

  /// Full-state index of horizontal component i (x, y, vx, vy, extras).
  static constexpr int full_index(int i) { return i < 2 ? i : (i < 4 ? i + 1 : i + 2); }
  static constexpr std::array<int, 2> kVertical{2, 5};

  Vector f(const Vector& x, double dt) const {
    const typename Horizontal::Vector h = horizontal.f(horizontal_part(x), dt);
    Vector next;
    for (int i = 0; i < kHorizontal; ++i) next(full_index(i)) = h(i);
    next(2) = x(2) + dt * x(5);
    next(5) = x(5);
    return next;
  }

  Matrix jacobian(const Vector& x, double dt) const {
    return assemble(horizontal.jacobian(horizontal_part(x), dt), vertical.transition(dt));
  }

  Matrix transition(double dt) const requires Horizontal::kLinear {
    return assemble(horizontal.transition(dt), vertical.transition(dt));
  }

  Matrix process_noise(const Vector& x, double dt) const {
    return assemble(horizontal.process_noise(horizontal_part(x), dt), vertical.process_noise(dt));
  }

  static typename Horizontal::Vector horizontal_part(const Vector& x) {
    typename Horizontal::Vector h;
    for (int i = 0; i < kHorizontal; ++i) h(i) = x(full_index(i));
    return h;
  }

 private:
  static Matrix assemble(const typename Horizontal::Matrix& h, const Eigen::Matrix2d& v) {
    Matrix m = Matrix::Zero();
    for (int i = 0; i < kHorizontal; ++i) {
      for (int j = 0; j < kHorizontal; ++j) m(full_index(i), full_index(j)) = h(i, j);
    }
    for (int i = 0; i < 2; ++i) {
      for (int j = 0; j < 2; ++j)
        m(kVertical[static_cast<std::size_t>(i)], kVertical[static_cast<std::size_t>(j)]) = v(i, j);
    }
    return m;
  }
};

using CvMotion = MotionModel<HorizontalCv>;
using CaMotion = MotionModel<HorizontalCa>;
using CtMotion = MotionModel<HorizontalCt>;

/// The IMM's common state: [x, y, z, vx, vy, vz, ax, ay, omega]. Every mode's model is embedded
/// in it: the mode propagates its own components and carries the others unchanged (identity
/// transition, no process noise), so mixing needs no padding or truncation and a mode that does
/// not use a component passes the mixed estimate of it through.
inline constexpr int kCommonStateSize = 9;

template <class Model>
struct Embedded {
  static constexpr int kSize = kCommonStateSize;
  static constexpr bool kLinear = Model::kLinear;
  using Vector = Eigen::Matrix<double, kSize, 1>;
  using Matrix = Eigen::Matrix<double, kSize, kSize>;

  Model model;

  /// Common-state index of the model's component i.
  static constexpr int common_index(int i) {
    return i < kStateSize ? i
                          : decltype(Model::horizontal)::kCommonSlots[static_cast<std::size_t>(
                                i - kStateSize)];
  }

  Vector f(const Vector& x, double dt) const {
    const typename Model::Vector next = model.f(part(x), dt);
    Vector result = x;
    for (int i = 0; i < Model::kSize; ++i) result(common_index(i)) = next(i);
    return result;
  }
  Matrix jacobian(const Vector& x, double dt) const {
    return embed(model.jacobian(part(x), dt), Matrix::Identity());
  }
  Matrix process_noise(const Vector& x, double dt) const {
    return embed(model.process_noise(part(x), dt), Matrix::Zero());
  }

 private:
  static typename Model::Vector part(const Vector& x) {
    typename Model::Vector p;
    for (int i = 0; i < Model::kSize; ++i) p(i) = x(common_index(i));
    return p;
  }
  static Matrix embed(const typename Model::Matrix& m, Matrix base) {
    for (int i = 0; i < Model::kSize; ++i) {
      for (int j = 0; j < Model::kSize; ++j) base(common_index(i), common_index(j)) = m(i, j);
    }
    return base;
  }
};

}  // namespace straja::tracking
