#pragma once
// Kalman-filter steps on Gaussian<N> states, as pure functions on value types.
//
//   KF predict   x' = F x,        P' = F P F^T + Q            (linear motion models)
//   EKF predict  x' = f(x, dt),   P' = J P J^T + Q(x)          (J = df/dx at the prior mean)
//   measurement  z^ = h(x), S = H P H^T + R, Pxz = P H^T       (H: linear, or dh/dx at x)
//   update       K = Pxz S^-1, x+ = x + K nu, P+ = P - K S K^T (symmetrised)
//
// The measurement sees the first six (kinematic) components of the state; extra components
// (acceleration, turn rate) are corrected through their correlation with them. The UKF
// (ukf.h) produces the same MeasurementPredictionN, so update() serves both.

#include <cmath>

#include "tracking/filters/spd_factor.h"
#include "tracking/models/measurement_model.h"
#include "tracking/types.h"

namespace straja::tracking {

/// What a predicted N-state says the next measurement will be.
template <int N>
struct MeasurementPredictionN {
  Vec3 mean = Vec3::Zero();                                                 ///< z^
  Mat3 covariance = Mat3::Identity();                                       ///< S
  Eigen::Matrix<double, N, 3> cross = Eigen::Matrix<double, N, 3>::Zero();  ///< Pxz
  SpdFactor3 factor;                                                        ///< of S
  double log_det_covariance = 0.0;                                          ///< ln |S|

  void factorise() {
    factor = SpdFactor3(covariance);
    log_det_covariance = factor.log_det();
  }
  /// nu^T S^-1 nu.
  double mahalanobis_squared(const Vec3& residual) const {
    return factor.mahalanobis_squared(residual);
  }
  /// ln N(nu; 0, S).
  double log_likelihood(const Vec3& residual) const {
    constexpr double kLogTwoPi = 1.8378770664093453;
    return -0.5 * (mahalanobis_squared(residual) + log_det_covariance + 3.0 * kLogTwoPi);
  }
};

/// A linear measurement of the position: z = [I 0] x + w, w ~ N(0, noise) (metres, system ENU).
struct PositionMeasurement {
  Mat3 noise = Mat3::Identity();
};

template <class Model>
Gaussian<Model::kSize> kf_predict(const Gaussian<Model::kSize>& state, const Model& model,
                                  Time to) {
  const double dt = to_seconds(to - state.time);
  const typename Model::Matrix f = model.transition(dt);
  Gaussian<Model::kSize> predicted;
  predicted.time = to;
  predicted.mean = f * state.mean;
  predicted.covariance = f * state.covariance * f.transpose() + model.process_noise(state.mean, dt);
  return predicted;
}

template <class Model>
Gaussian<Model::kSize> ekf_predict(const Gaussian<Model::kSize>& state, const Model& model,
                                   Time to) {
  const double dt = to_seconds(to - state.time);
  const typename Model::Matrix j = model.jacobian(state.mean, dt);
  Gaussian<Model::kSize> predicted;
  predicted.time = to;
  predicted.mean = model.f(state.mean, dt);
  predicted.covariance = j * state.covariance * j.transpose() + model.process_noise(state.mean, dt);
  return predicted;
}

template <int N>
MeasurementPredictionN<N> kf_predict_measurement(const Gaussian<N>& predicted,
                                                 const PositionMeasurement& model) {
  MeasurementPredictionN<N> m;
  m.mean = predicted.mean.template head<3>();
  m.cross = predicted.covariance.template leftCols<3>();
  m.covariance = predicted.covariance.template topLeftCorner<3, 3>() + model.noise;
  m.factorise();
  return m;
}

template <int N>
MeasurementPredictionN<N> ekf_predict_measurement(const Gaussian<N>& predicted,
                                                  const MeasurementModel& model) {
  const StateVector kinematic = predicted.mean.template head<kStateSize>();
  MeasurementMatrix h;
  MeasurementPredictionN<N> m;
  m.mean = model.predict(kinematic, h);
  m.cross = predicted.covariance.template leftCols<kStateSize>() * h.transpose();
  m.covariance = h * m.cross.template topRows<kStateSize>() + model.noise();
  m.covariance = 0.5 * (m.covariance + m.covariance.transpose()).eval();
  m.factorise();
  return m;
}

/// The update with innovation `residual` = z - z^ (angles wrapped by the measurement model).
template <int N>
Gaussian<N> kalman_update(const Gaussian<N>& predicted, const MeasurementPredictionN<N>& m,
                          const Vec3& residual) {
  const Eigen::Matrix<double, N, 3> gain = m.factor.right_solve(m.cross);  // K = Pxz S^-1
  Gaussian<N> posterior;
  posterior.time = predicted.time;
  posterior.mean = predicted.mean + gain * residual;
  posterior.covariance = predicted.covariance - gain * m.cross.transpose();
  posterior.covariance = 0.5 * (posterior.covariance + posterior.covariance.transpose()).eval();
  return posterior;
}

}  // namespace straja::tracking
