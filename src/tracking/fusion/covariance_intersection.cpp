#include "tracking/fusion/covariance_intersection.h"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <cmath>

namespace straja::tracking {

// Both covariances in one basis: with Pa = L L' (Cholesky) and L^-1 Pb L^-T = V D V'
// (symmetric eigen decomposition), W = L V gives Pa = W W' and Pb = W D W', so
//   P(omega) = W diag(g) W',  g_i = 1 / (omega + (1 - omega) / d_i),
//   trace P = sum_i |w_i|^2 g_i,  ln det P = ln det Pa + sum_i ln g_i,
//   x = W diag(g) (omega W^-1 a + (1 - omega) D^-1 W^-1 b),
// and every evaluation of the objective during the search costs six terms.
CiEstimate covariance_intersection(const Vector6& a, const Matrix6& pa, const Vector6& b,
                                   const Matrix6& pb, CiCriterion criterion) {
  const Eigen::LLT<Matrix6> llt(pa);
  const Matrix6 l = llt.matrixL();
  Matrix6 m = llt.matrixL().solve(pb);
  m = llt.matrixL().solve(m.transpose()).eval();  // L^-1 Pb L^-T (Pb symmetric)
  const Eigen::SelfAdjointEigenSolver<Matrix6> eigen(0.5 * (m + m.transpose()));
  const Vector6 d = eigen.eigenvalues().cwiseMax(1e-300);
  const Matrix6 w = l * eigen.eigenvectors();
  const Vector6 column_norms = w.colwise().squaredNorm().transpose();

  auto gains = [&](double omega) -> Vector6 {
    return (omega + (1.0 - omega) * d.array().inverse()).inverse().matrix();
  };
  auto cost = [&](double omega) {
    const Vector6 g = gains(omega);
    return criterion == CiCriterion::kDeterminant ? g.array().log().sum() : column_norms.dot(g);
  };

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
  const Vector6 g = gains(omega);
  // W^-1 x = V' L^-1 x.
  const Vector6 alpha = eigen.eigenvectors().transpose() * llt.matrixL().solve(a);
  const Vector6 beta = eigen.eigenvectors().transpose() * llt.matrixL().solve(b);
  const Vector6 combined = g.cwiseProduct(omega * alpha + (1.0 - omega) * beta.cwiseQuotient(d));
  fused.mean = w * combined;
  fused.covariance = w * g.asDiagonal() * w.transpose();
  fused.covariance = (0.5 * (fused.covariance + fused.covariance.transpose())).eval();
  return fused;
}

}  // namespace straja::tracking
