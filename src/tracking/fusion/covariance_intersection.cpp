#include "tracking/fusion/covariance_intersection.h"

#include <Eigen/Cholesky>
#include <cmath>

namespace straja::tracking {
namespace {

/// The objective of the information matrix `info` = P^-1: trace(P), or ln det(P).
double objective(const Matrix6& info, CiCriterion criterion) {
  const Eigen::LLT<Matrix6> llt(info);
  if (criterion == CiCriterion::kDeterminant) {
    return -2.0 * llt.matrixLLT().diagonal().array().log().sum();
  }
  return llt.solve(Matrix6::Identity()).trace();
}

Matrix6 inverse_spd(const Matrix6& m) {
  return Eigen::LLT<Matrix6>(m).solve(Matrix6::Identity());
}

}  // namespace

CiEstimate covariance_intersection(const Vector6& a, const Matrix6& pa, const Vector6& b,
                                   const Matrix6& pb, CiCriterion criterion) {
  const Matrix6 ia = inverse_spd(pa);
  const Matrix6 ib = inverse_spd(pb);
  auto info = [&](double omega) -> Matrix6 { return omega * ia + (1.0 - omega) * ib; };
  auto cost = [&](double omega) { return objective(info(omega), criterion); };

  // Golden-section search for the minimum of a convex function on [0, 1].
  const double ratio = (std::sqrt(5.0) - 1.0) / 2.0;
  double lo = 0.0;
  double hi = 1.0;
  double x1 = hi - ratio * (hi - lo);
  double x2 = lo + ratio * (hi - lo);
  double f1 = cost(x1);
  double f2 = cost(x2);
  while (hi - lo > 1e-4) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - ratio * (hi - lo);
      f1 = cost(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + ratio * (hi - lo);
      f2 = cost(x2);
    }
  }
  double omega = f1 <= f2 ? x1 : x2;
  double best = std::min(f1, f2);
  // The end points: one input alone, when it is (within the search's tolerance) the best.
  for (const double end : {0.0, 1.0}) {
    const double f = cost(end);
    if (f <= best) {
      best = f;
      omega = end;
    }
  }

  CiEstimate fused;
  fused.omega = omega;
  if (omega == 1.0) {
    fused.mean = a;
    fused.covariance = pa;
    return fused;
  }
  if (omega == 0.0) {
    fused.mean = b;
    fused.covariance = pb;
    return fused;
  }
  fused.covariance = inverse_spd(info(omega));
  fused.covariance = 0.5 * (fused.covariance + fused.covariance.transpose()).eval();
  fused.mean = fused.covariance * (omega * ia * a + (1.0 - omega) * ib * b);
  return fused;
}

}  // namespace straja::tracking
