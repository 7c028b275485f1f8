#pragma once
// Unscented Kalman filter steps (scaled unscented transform, 2N+1 sigma points) on Gaussian<N>.
//
//   lambda = alpha^2 (N + kappa) - N
//   sigma points  X_0 = m,  X_{+-i} = m +- sqrt(N + lambda) L_i   (L L^T = P, Cholesky columns)
//   weights       Wm_0 = lambda / (N + lambda),  Wc_0 = Wm_0 + 1 - alpha^2 + beta,
//                 Wm_i = Wc_i = 1 / (2 (N + lambda))
//
// Defaults alpha = 1, beta = 2, kappa = 0: lambda = 0, so the centre point has no mean weight,
// every weight is non-negative and the transformed covariance stays positive semi-definite
// (small alpha makes Wm_0 large and negative, which the tracker's long predictions do not
// tolerate); beta = 2 is optimal for Gaussian priors. Process noise is additive (Q at the prior
// mean). Measurement sigma points are redrawn from the predicted state; angular components are
// averaged as wrapped differences from the centre point's prediction.

#include <Eigen/Cholesky>
#include <cmath>

#include "tracking/filters/kalman.h"
#include "tracking/models/measurement_model.h"
#include "tracking/types.h"

namespace straja::tracking {

struct UnscentedParameters {
  double alpha = 1.0;  ///< spread of the sigma points around the mean
  double beta = 2.0;   ///< prior knowledge of the distribution (2: Gaussian)
  double kappa = 0.0;  ///< secondary scaling
};

namespace ukf_detail {

template <int N>
struct SigmaPoints {
  Eigen::Matrix<double, N, 2 * N + 1> points;
  double wm0, wc0, wi;
};

template <int N>
SigmaPoints<N> sigma_points(const Gaussian<N>& state, const UnscentedParameters& p) {
  constexpr double n = N;
  const double lambda = p.alpha * p.alpha * (n + p.kappa) - n;
  const double scale = std::sqrt(n + lambda);
  SigmaPoints<N> s;
  s.wm0 = lambda / (n + lambda);
  s.wc0 = s.wm0 + 1.0 - p.alpha * p.alpha + p.beta;
  s.wi = 1.0 / (2.0 * (n + lambda));
  const Eigen::Matrix<double, N, N> l = state.covariance.llt().matrixL();
  s.points.col(0) = state.mean;
  for (int i = 0; i < N; ++i) {
    s.points.col(1 + i) = state.mean + scale * l.col(i);
    s.points.col(1 + N + i) = state.mean - scale * l.col(i);
  }
  return s;
}

}  // namespace ukf_detail

template <class Model>
Gaussian<Model::kSize> ukf_predict(const Gaussian<Model::kSize>& state, const Model& model, Time to,
                                   const UnscentedParameters& parameters = {}) {
  constexpr int N = Model::kSize;
  const double dt = to_seconds(to - state.time);
  ukf_detail::SigmaPoints<N> s = ukf_detail::sigma_points(state, parameters);
  for (int i = 0; i < 2 * N + 1; ++i) s.points.col(i) = model.f(s.points.col(i), dt);
  Gaussian<N> predicted;
  predicted.time = to;
  predicted.mean = s.wm0 * s.points.col(0);
  for (int i = 1; i < 2 * N + 1; ++i) predicted.mean += s.wi * s.points.col(i);
  Eigen::Matrix<double, N, 1> d = s.points.col(0) - predicted.mean;
  predicted.covariance = s.wc0 * d * d.transpose() + model.process_noise(state.mean, dt);
  for (int i = 1; i < 2 * N + 1; ++i) {
    d = s.points.col(i) - predicted.mean;
    predicted.covariance.noalias() += s.wi * d * d.transpose();
  }
  return predicted;
}

template <int N>
MeasurementPredictionN<N> ukf_predict_measurement(const Gaussian<N>& predicted,
                                                  const MeasurementModel& model,
                                                  const UnscentedParameters& parameters = {}) {
  const ukf_detail::SigmaPoints<N> s = ukf_detail::sigma_points(predicted, parameters);
  Eigen::Matrix<double, 3, 2 * N + 1> z;
  for (int i = 0; i < 2 * N + 1; ++i) {
    z.col(i) = model.predict(s.points.col(i).template head<kStateSize>());
  }
  // Mean as the centre prediction plus the weighted wrapped differences from it.
  const Vec3 centre = z.col(0);
  Vec3 offset = Vec3::Zero();
  Eigen::Matrix<double, 3, 2 * N + 1> dz;
  for (int i = 0; i < 2 * N + 1; ++i) {
    dz.col(i) = model.innovation(z.col(i), centre);
    offset += (i == 0 ? s.wm0 : s.wi) * dz.col(i);
  }
  MeasurementPredictionN<N> m;
  m.mean = centre + offset;  // an angle may leave its range: residuals are wrapped
  m.covariance = model.noise();
  m.cross.setZero();
  for (int i = 0; i < 2 * N + 1; ++i) {
    const double w = i == 0 ? s.wc0 : s.wi;
    const Vec3 e = dz.col(i) - offset;
    m.covariance.noalias() += w * e * e.transpose();
    m.cross.noalias() += w * (s.points.col(i) - predicted.mean) * e.transpose();
  }
  m.factorise();
  return m;
}

}  // namespace straja::tracking
