#include "tracking/filters/ekf.h"

#include <Eigen/Cholesky>
#include <Eigen/LU>
#include <cmath>

namespace straja::tracking {

GaussianState predict(const GaussianState& state, const ConstantVelocityModel& model, Time to) {
  const double dt = to_seconds(to - state.time);
  const StateCovariance f = model.transition(dt);
  GaussianState predicted;
  predicted.time = to;
  predicted.mean = f * state.mean;
  predicted.covariance = f * state.covariance * f.transpose() + model.process_noise(dt);
  return predicted;
}

Innovation innovate(const GaussianState& predicted, const Vec3& z, const MeasurementModel& model) {
  Innovation innovation;
  innovation.jacobian = model.jacobian(predicted.mean);
  innovation.residual = model.innovation(z, model.predict(predicted.mean));
  innovation.covariance =
      innovation.jacobian * predicted.covariance * innovation.jacobian.transpose() + model.noise();
  const Eigen::LLT<Mat3> cholesky(innovation.covariance);
  innovation.mahalanobis_squared = innovation.residual.dot(cholesky.solve(innovation.residual));
  const Mat3 l = cholesky.matrixL();
  innovation.log_det_covariance = 2.0 * (std::log(l(0, 0)) + std::log(l(1, 1)) + std::log(l(2, 2)));
  return innovation;
}

GaussianState update(const GaussianState& predicted, const Innovation& innovation,
                     const MeasurementModel& model) {
  const MeasurementMatrix& h = innovation.jacobian;
  const Eigen::Matrix<double, kStateSize, 3> gain =
      predicted.covariance * h.transpose() * innovation.covariance.inverse();
  const StateCovariance i_kh = StateCovariance::Identity() - gain * h;
  GaussianState posterior;
  posterior.time = predicted.time;
  posterior.mean = predicted.mean + gain * innovation.residual;
  posterior.covariance =
      i_kh * predicted.covariance * i_kh.transpose() + gain * model.noise() * gain.transpose();
  return posterior;
}

}  // namespace straja::tracking
