#pragma once
// The Cholesky factor of a 3x3 symmetric positive-definite matrix (an innovation covariance S),
// in closed form: S = L L^T, kept as L^-1. Every gate test and update solves with one S; Eigen's
// LLT<Mat3> runs its generic loops, and a matrix right-hand side (the gain's S^-1 Pxz^T) goes
// through its blocked level-3 solver, which costs more than the rest of an EKF update.

#include <cmath>
#include <limits>

#include "tracking/types.h"

namespace straja::tracking {

class SpdFactor3 {
 public:
  SpdFactor3() = default;
  /// Factors the lower triangle of `s`. A matrix that is not positive definite (a pivot <= 0 or
  /// NaN) leaves the factor not ok(): its Mahalanobis distances are +infinity (nothing gates) and
  /// its log-determinant NaN.
  explicit SpdFactor3(const Mat3& s) {
    const double l00 = std::sqrt(s(0, 0));
    const double l10 = s(1, 0) / l00;
    const double l20 = s(2, 0) / l00;
    const double d11 = s(1, 1) - l10 * l10;
    const double l11 = std::sqrt(d11);
    const double l21 = (s(2, 1) - l20 * l10) / l11;
    const double d22 = s(2, 2) - l20 * l20 - l21 * l21;
    const double l22 = std::sqrt(d22);
    ok_ = s(0, 0) > 0.0 && d11 > 0.0 && d22 > 0.0;  // false for NaN too
    if (!ok_) {
      log_det_ = std::numeric_limits<double>::quiet_NaN();
      return;
    }
    const double m00 = 1.0 / l00;
    const double m11 = 1.0 / l11;
    const double m22 = 1.0 / l22;
    const double m10 = -l10 * m00 * m11;
    inverse_l_ << m00, 0.0, 0.0,  //
        m10, m11, 0.0,            //
        -(l20 * m00 + l21 * m10) * m22, -l21 * m11 * m22, m22;
    log_det_ = 2.0 * std::log(l00 * l11 * l22);
  }

  bool ok() const { return ok_; }
  /// ln |S|.
  double log_det() const { return log_det_; }
  /// v^T S^-1 v.
  double mahalanobis_squared(const Vec3& v) const {
    if (!ok_) return std::numeric_limits<double>::infinity();
    return (inverse_l_ * v).squaredNorm();  // its zeros add exact zeros
  }
  /// L^-1 (lower triangular): S^-1 = L^-T L^-1.
  const Mat3& inverse_l() const { return inverse_l_; }
  /// S^-1 = L^-T L^-1.
  Mat3 inverse() const { return inverse_l_.transpose() * inverse_l_; }
  /// A S^-1 (for a symmetric S: (S^-1 A^T)^T), e.g. the Kalman gain Pxz S^-1.
  template <int Rows>
  Eigen::Matrix<double, Rows, 3> right_solve(const Eigen::Matrix<double, Rows, 3>& a) const {
    return a * inverse();
  }

 private:
  Mat3 inverse_l_ = Mat3::Zero();  ///< L^-1, lower triangular
  double log_det_ = std::numeric_limits<double>::quiet_NaN();
  bool ok_ = false;
};

}  // namespace straja::tracking
