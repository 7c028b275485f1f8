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

PredictedMeasurement predict_measurement(const GaussianState& predicted,
                                         const MeasurementModel& model) {
  PredictedMeasurement measurement;
  measurement.mean = model.predict(predicted.mean);
  measurement.jacobian = model.jacobian(predicted.mean);
  measurement.covariance =
      measurement.jacobian * predicted.covariance * measurement.jacobian.transpose() +
      model.noise();
  measurement.cholesky.compute(measurement.covariance);
  const Mat3 l = measurement.cholesky.matrixL();
  measurement.log_det_covariance =
      2.0 * (std::log(l(0, 0)) + std::log(l(1, 1)) + std::log(l(2, 2)));
  return measurement;
}

Innovation innovate(const PredictedMeasurement& predicted, const Vec3& z,
                    const MeasurementModel& model) {
  Innovation innovation;
  innovation.jacobian = predicted.jacobian;
  innovation.residual = model.innovation(z, predicted.mean);
  innovation.covariance = predicted.covariance;
  innovation.mahalanobis_squared =
      innovation.residual.dot(predicted.cholesky.solve(innovation.residual));
  innovation.log_det_covariance = predicted.log_det_covariance;
  return innovation;
}

Innovation innovate(const GaussianState& predicted, const Vec3& z, const MeasurementModel& model) {
  return innovate(predict_measurement(predicted, model), z, model);
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
