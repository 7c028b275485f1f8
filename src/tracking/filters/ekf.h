#pragma once
// Extended Kalman filter steps as pure functions on value types.
//   predict: x' = F x,  P' = F P F^T + Q
//   update:  S = H P H^T + R = L D L^T,  K = P H^T S^-1,  x+ = x + K nu,  P+ = P - K (P H^T)^T
// (with the optimal gain this equals the Joseph form (I - K H) P (I - K H)^T + K R K^T), computed
// as P - U^T D^-1 U with U = L^-1 (P H^T)^T on and above the diagonal, so that P+ is exactly
// symmetric. predict keeps an exactly symmetric P so.

#include "tracking/filters/spd_factor.h"
#include "tracking/models/constant_velocity.h"
#include "tracking/models/measurement_model.h"
#include "tracking/types.h"

namespace straja::tracking {

GaussianState predict(const GaussianState& state, const ConstantVelocityModel& model, Time to);
/// predict's mean alone, x' = F x (the same arithmetic): for output at a time the covariance is
/// not needed for.
StateVector predict_mean(const GaussianState& state, Time to);

/// What a predicted state says the next measurement will be: h(x), H, S = H P H^T + R and its
/// LDL^T factor. Depends on the state and time only, so one serves every plot at that time.
struct PredictedMeasurement {
  Vec3 mean = Vec3::Zero();
  Mat3 covariance = Mat3::Identity();
  MeasurementMatrix jacobian = MeasurementMatrix::Zero();
  SpdFactor3 factor;  ///< of S
  double log_det_covariance = 0.0;
  /// The model separates the horizontal plane (components 0-1, on x and y) from the height
  /// (component 2, on z; MeasurementModel::separates_height) and the predicted state's plane and
  /// height are uncorrelated: S is block diagonal and update() takes the two apart (the same
  /// posterior, half the work).
  bool separable = false;
};

/// One measurement against a PredictedMeasurement: what gating and association read. Small, as
/// every plot near a track gets one; the update takes H and S's factor from the prediction.
struct Innovation {
  Vec3 residual = Vec3::Zero();      ///< z - h(x)
  double mahalanobis_squared = 0.0;  ///< nu^T S^-1 nu
  double log_det_covariance = 0.0;   ///< ln |S|
};

PredictedMeasurement predict_measurement(const GaussianState& predicted,
                                         const MeasurementModel& model);
Innovation innovate(const PredictedMeasurement& predicted, const Vec3& z,
                    const MeasurementModel& model);

/// EKF update of `predicted`, whose predicted measurement is `measurement`, with the
/// measurement whose innovation against it is `innovation`.
GaussianState update(const GaussianState& predicted, const PredictedMeasurement& measurement,
                     const Innovation& innovation);
/// The three steps in one: predict_measurement, innovate and update with `z`.
GaussianState update(const GaussianState& predicted, const Vec3& z, const MeasurementModel& model);

}  // namespace straja::tracking
