#pragma once
// The probabilistic data association (PDA) update (Bar-Shalom and Tse) as pure steps on value
// types, shared by every filter's pda_update.
//
// A track's gated plots j = 1..m, each with its innovation nu_j and its probability beta_j of
// being the track's (JPDA marginals; beta_0 = 1 - sum beta_j that none is):
//   nu = sum beta_j nu_j                                  combined innovation
//   x+ = x + K nu                                         K = Pxz S^-1
//   P+ = beta_0 P + (1 - beta_0) P_c + K (sum beta_j nu_j nu_j^T - nu nu^T) K^T
// with P_c = P - K S K^T = P - K Pxz^T the posterior covariance of a single sure plot; the last
// term is the spread of the innovations, the price of not knowing which plot is the target's.

#include <algorithm>
#include <span>

#include "tracking/filters/kalman.h"
#include "tracking/types.h"

namespace straja::tracking {

/// One gated plot of a PDA update: its innovation against the track's prediction (a filter's
/// Innovation) and the probability beta_j that it is the track's.
template <class Innovation>
struct WeightedInnovation {
  const Innovation* innovation = nullptr;
  double probability = 0.0;
};

/// sum beta_j nu_j, the spread of the innovations and sum beta_j (at most 1), accumulated one
/// plot at a time (add), then finished (finish) before use.
struct CombinedInnovation {
  Vec3 residual = Vec3::Zero();
  Mat3 spread = Mat3::Zero();
  double detected = 0.0;  ///< 1 - beta_0

  void add(const Vec3& nu, double probability) {
    residual += probability * nu;
    spread += probability * nu * nu.transpose();
    detected += probability;
  }
  void finish() {
    detected = std::min(1.0, detected);
    spread -= residual * residual.transpose();
  }
};

/// The finished combination of `plots`' residuals.
template <class Innovation>
CombinedInnovation combine(std::span<const WeightedInnovation<Innovation>> plots) {
  CombinedInnovation combined;
  for (const auto& plot : plots) combined.add(plot.innovation->residual, plot.probability);
  combined.finish();
  return combined;
}

/// The PDA update of `predicted`, whose predicted measurement is `m`, with `combined` (finished).
template <int N>
Gaussian<N> pda_update(const Gaussian<N>& predicted, const MeasurementPredictionN<N>& m,
                       const CombinedInnovation& combined) {
  const Eigen::Matrix<double, N, 3> gain = m.factor.right_solve(m.cross);  // K = Pxz S^-1
  Gaussian<N> posterior;
  posterior.time = predicted.time;
  posterior.mean = predicted.mean + gain * combined.residual;
  posterior.covariance = predicted.covariance - combined.detected * gain * m.cross.transpose() +
                         gain * combined.spread * gain.transpose();
  posterior.covariance = 0.5 * (posterior.covariance + posterior.covariance.transpose()).eval();
  return posterior;
}

}  // namespace straja::tracking
