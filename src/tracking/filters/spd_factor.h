#pragma once
// The factor of a 3x3 symmetric positive-definite matrix (an innovation covariance S) in closed
// form: S = L D L^T with L unit lower triangular and D diagonal (the square-root-free Cholesky
// factor; the Cholesky factor itself is L D^1/2). Every gate test and update solves with one S;
// Eigen's LLT<Mat3> runs its generic loops, and a matrix right-hand side (the gain's S^-1 Pxz^T)
// goes through its blocked level-3 solver, which costs more than the rest of an EKF update. Without
// square roots the factorisation's dependent chain is three divisions long: a gate test (a
// Mahalanobis distance) needs nothing more.

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
    const double d0 = s(0, 0);
    const double i0 = 1.0 / d0;
    const double l10 = s(1, 0) * i0;
    const double l20 = s(2, 0) * i0;
    const double d1 = s(1, 1) - l10 * s(1, 0);
    const double i1 = 1.0 / d1;
    const double t21 = s(2, 1) - l20 * s(1, 0);  // d1 l21
    const double l21 = t21 * i1;
    const double d2 = s(2, 2) - l20 * s(2, 0) - l21 * t21;
    const double i2 = 1.0 / d2;
    // False for NaN too, and for a pivot so small (subnormal) that its reciprocal overflows.
    ok_ = d0 > 0.0 && d1 > 0.0 && d2 > 0.0 && std::isfinite(i0) && std::isfinite(i1) &&
          std::isfinite(i2);
    if (!ok_) {
      log_det_ = std::numeric_limits<double>::quiet_NaN();
      return;
    }
    l10_ = l10;
    l20_ = l20;
    l21_ = l21;
    inverse_pivots_ = Vec3(i0, i1, i2);
    log_det_ = std::log(d0 * d1 * d2);
  }

  bool ok() const { return ok_; }
  /// ln |S|.
  double log_det() const { return log_det_; }
  /// v^T S^-1 v = y^T D^-1 y with y = L^-1 v.
  double mahalanobis_squared(const Vec3& v) const {
    if (!ok_) return std::numeric_limits<double>::infinity();
    const Vec3 y = unit_solve(v);
    return y.cwiseProduct(y).dot(inverse_pivots_);
  }
  /// L^-1 m for the unit lower triangular L (forward substitution, row by row, every column at
  /// once).
  template <int Columns>
  Eigen::Matrix<double, 3, Columns> unit_solve(const Eigen::Matrix<double, 3, Columns>& m) const {
    Eigen::Matrix<double, 3, Columns> y = m;
    y.row(1) -= l10_ * y.row(0);
    y.row(2) -= l20_ * y.row(0) + l21_ * y.row(1);
    return y;
  }
  /// L's entry below the first pivot in the second row.
  double l10() const { return l10_; }
  /// D^-1 (1 / the pivots).
  const Vec3& inverse_pivots() const { return inverse_pivots_; }
  /// The inverse of the Cholesky factor, D^-1/2 L^-1 (lower triangular): S^-1 = its transpose
  /// times itself.
  Mat3 inverse_l() const {
    return inverse_pivots_.cwiseSqrt().asDiagonal() * unit_solve(Mat3(Mat3::Identity()));
  }
  /// S^-1 = L^-T D^-1 L^-1.
  Mat3 inverse() const {
    const Mat3 inverse_unit = unit_solve(Mat3(Mat3::Identity()));
    return inverse_unit.transpose() * inverse_pivots_.asDiagonal() * inverse_unit;
  }
  /// A S^-1 (for a symmetric S: (S^-1 A^T)^T), e.g. the Kalman gain Pxz S^-1.
  template <int Rows>
  Eigen::Matrix<double, Rows, 3> right_solve(const Eigen::Matrix<double, Rows, 3>& a) const {
    return a * inverse();
  }

 private:
  double l10_ = 0.0;  ///< L's entries below the diagonal
  double l20_ = 0.0;
  double l21_ = 0.0;
  Vec3 inverse_pivots_ = Vec3::Zero();
  double log_det_ = std::numeric_limits<double>::quiet_NaN();
  bool ok_ = false;
};

}  // namespace straja::tracking
