#include "tracking/filters/ekf.h"

#include <cmath>

namespace straja::tracking {

GaussianState predict(const GaussianState& state, const ConstantVelocityModel& model, Time to) {
  // F = [I dt I; 0 I] in 3x3 blocks, so F P F^T in closed form (a tenth of the general
  // product's work): [Ppp + dt (Ppv + Pvp) + dt^2 Pvv, Ppv + dt Pvv; (Ppv + dt Pvv)^T, Pvv].
  // Written so, a symmetric P gives an exactly symmetric P'.
  const double dt = to_seconds(to - state.time);
  const StateCovariance& p = state.covariance;
  // Every entry is written below: the covariance starts uninitialised (no identity to overwrite).
  GaussianState predicted{to, predict_mean(state, to), StateCovariance{}};
  const Mat3 vv = p.bottomRightCorner<3, 3>();
  const Mat3 pv = p.topRightCorner<3, 3>() + dt * vv;
  predicted.covariance.topLeftCorner<3, 3>() =
      p.topLeftCorner<3, 3>() + dt * (p.topRightCorner<3, 3>() + p.bottomLeftCorner<3, 3>()) +
      (dt * dt) * vv;
  predicted.covariance.topRightCorner<3, 3>() = pv;
  predicted.covariance.bottomLeftCorner<3, 3>() = pv.transpose();
  predicted.covariance.bottomRightCorner<3, 3>() = vv;
  model.add_process_noise(predicted.covariance, dt);
  return predicted;
}

StateVector predict_mean(const GaussianState& state, Time to) {
  const double dt = to_seconds(to - state.time);
  StateVector mean = state.mean;
  mean.head<3>() += dt * state.mean.tail<3>();
  return mean;
}

PredictedMeasurement predict_measurement(const GaussianState& predicted,
                                         const MeasurementModel& model) {
  // h depends on the position only (MeasurementModel's contract): H = [Hp 0], so
  // S = Hp Ppp Hp^T + R.
  // The Jacobian is the model's to fill; the rest is written below.
  PredictedMeasurement measurement{.mean = Vec3{},
                                   .covariance = Mat3{},
                                   .jacobian = MeasurementMatrix{},
                                   .factor = {},
                                   .log_det_covariance = 0.0};
  measurement.mean = model.predict(predicted.mean, measurement.jacobian);
  const Mat3 hp = measurement.jacobian.leftCols<3>();
  measurement.covariance =
      hp * predicted.covariance.topLeftCorner<3, 3>() * hp.transpose() + model.noise();
  measurement.factor = SpdFactor3(measurement.covariance);
  measurement.log_det_covariance = measurement.factor.log_det();
  return measurement;
}

Innovation innovate(const PredictedMeasurement& predicted, const Vec3& z,
                    const MeasurementModel& model) {
  Innovation innovation;
  innovation.residual = model.innovation(z, predicted.mean);
  innovation.mahalanobis_squared = predicted.factor.mahalanobis_squared(innovation.residual);
  innovation.log_det_covariance = predicted.log_det_covariance;
  return innovation;
}

GaussianState update(const GaussianState& predicted, const PredictedMeasurement& measurement,
                     const Innovation& innovation) {
  // With H = [Hp 0] (h depends on the position only): P H^T = P[:, 0:3] Hp^T. With S = L D L^T
  // (L unit lower triangular) and U = L^-1 (P H^T)^T, the gain K = P H^T S^-1 = U^T D^-1 L^-1, so
  // x+ = x + U^T D^-1 (L^-1 nu) and, K being the optimal gain, the Joseph form
  // (I - K H) P (I - K H)^T + K R K^T equals P - K (P H^T)^T = P - U^T D^-1 U, symmetric.
  const Eigen::Matrix<double, kStateSize, 3> pht =
      predicted.covariance.leftCols<3>() * measurement.jacobian.leftCols<3>().transpose();
  const SpdFactor3& factor = measurement.factor;
  const Eigen::Matrix<double, 3, kStateSize> u =
      factor.unit_solve(Eigen::Matrix<double, 3, kStateSize>(pht.transpose()));
  const Vec3& inverse_pivots = factor.inverse_pivots();
  const Vec3 scaled_residual = factor.unit_solve(innovation.residual).cwiseProduct(inverse_pivots);
  GaussianState posterior{predicted.time, predicted.mean + u.transpose() * scaled_residual,
                          StateCovariance{}};  // every entry written below
  // P - U^T D^-1 U on and above the diagonal, mirrored below: exactly symmetric, half the products.
  const Eigen::Matrix<double, 3, kStateSize> scaled = inverse_pivots.asDiagonal() * u;
  for (int j = 0; j < kStateSize; ++j) {
    for (int i = 0; i <= j; ++i) {
      const double value =
          predicted.covariance(i, j) -
          (u(0, i) * scaled(0, j) + u(1, i) * scaled(1, j) + u(2, i) * scaled(2, j));
      posterior.covariance(i, j) = value;
      posterior.covariance(j, i) = value;
    }
  }
  return posterior;
}

GaussianState update(const GaussianState& predicted, const Vec3& z, const MeasurementModel& model) {
  const PredictedMeasurement measurement = predict_measurement(predicted, model);
  return update(predicted, measurement, innovate(measurement, z, model));
}

}  // namespace straja::tracking
