#pragma once
// Covariance intersection (Julier and Uhlmann): the fusion of two estimates of one state whose
// errors are correlated by an unknown amount (two trackers that share sensors, or whose
// estimates both carry the same process noise). For every omega in [0, 1]
//   P^-1 = omega Pa^-1 + (1 - omega) Pb^-1,   x = P (omega Pa^-1 a + (1 - omega) Pb^-1 b)
// is consistent whatever the cross-covariance; omega is chosen to minimise the trace (default)
// or the determinant of P. Both objectives are convex in omega, so a golden-section search over
// [0, 1] finds the minimum; the end points (either input alone) are compared with it, so the
// fused covariance's objective is never larger than the better input's. Two identical inputs
// return that estimate and that covariance: nothing is counted twice (a Kalman combination,
// which assumes independence, would halve the covariance).

#include <Eigen/Core>

namespace straja::tracking {

using Vector6 = Eigen::Matrix<double, 6, 1>;
using Matrix6 = Eigen::Matrix<double, 6, 6>;

enum class CiCriterion : unsigned char { kTrace, kDeterminant };

struct CiEstimate {
  Vector6 mean = Vector6::Zero();
  Matrix6 covariance = Matrix6::Identity();
  double omega = 1.0;  ///< the weight of `a` (1: a alone, 0: b alone)
};

/// The covariance intersection of (a, pa) and (b, pb); both covariances symmetric positive
/// definite. The search stops when omega is known within 1e-4.
CiEstimate covariance_intersection(const Vector6& a, const Matrix6& pa, const Vector6& b,
                                   const Matrix6& pb, CiCriterion criterion = CiCriterion::kTrace);

}  // namespace straja::tracking
