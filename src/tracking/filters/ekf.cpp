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

namespace {

/// Whether {x, y, vx, vy} and {z, vz} are uncorrelated in `p` (the eight entries between them
/// above the diagonal, and so below it).
bool vertical_apart(const StateCovariance& p) {
  return p(0, 2) == 0.0 && p(1, 2) == 0.0 && p(2, 3) == 0.0 && p(2, 4) == 0.0 && p(0, 5) == 0.0 &&
         p(1, 5) == 0.0 && p(3, 5) == 0.0 && p(4, 5) == 0.0;
}

}  // namespace

PredictedMeasurement predict_measurement(const GaussianState& predicted,
                                         const MeasurementModel& model) {
  // h depends on the position only (MeasurementModel's contract): H = [Hp 0], so
  // S = Hp Ppp Hp^T + R.
  // The Jacobian is the model's to fill; the rest is written below.
  PredictedMeasurement measurement{.mean = Vec3{},
                                   .covariance = Mat3{},
                                   .jacobian = MeasurementMatrix{},
                                   .factor = {},
                                   .log_det_covariance = 0.0,
                                   .separable = false};
  measurement.mean = model.predict(predicted.mean, measurement.jacobian);
  const Mat3& r = model.noise();
  const StateCovariance& p = predicted.covariance;
  // A model that separates the plane and the height (MeasurementModel::separates_height) and a
  // state that keeps them uncorrelated: S and the update split into a 2D and a 1D problem. The
  // general formulas give the same values with the zeros spelled out, at twice the cost.
  Mat3 s;
  if (model.separates_height() && vertical_apart(p)) {
    // S = [Hh Phh Hh^T + Rhh, 0; 0, hz^2 Pzz + Rzz]: the plane's 2x2 and the height's variance.
    const Eigen::Matrix2d hh = measurement.jacobian.topLeftCorner<2, 2>();
    const double hz = measurement.jacobian(2, 2);
    s.setZero();
    s.topLeftCorner<2, 2>() =
        hh * p.topLeftCorner<2, 2>() * hh.transpose() + r.topLeftCorner<2, 2>();
    s(2, 2) = hz * p(2, 2) * hz + r(2, 2);
    measurement.separable = true;
  } else {
    const Mat3 hp = measurement.jacobian.leftCols<3>();
    s = hp * p.topLeftCorner<3, 3>() * hp.transpose() + r;
  }
  measurement.covariance = s;
  measurement.factor = SpdFactor3(s);
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

namespace {

// update() for a separable measurement (predict_measurement's `separable`): the plane's
// {x, y, vx, vy} take the first two components, {z, vz} the third, and the entries between the two
// groups stay zero. Each group is the general update below with the zeros left out: U's rows 0-1
// have no z or vz column and row 2 only those (L has no entry below the plane's 2x2 block).
GaussianState update_separable(const GaussianState& predicted,
                               const PredictedMeasurement& measurement,
                               const Innovation& innovation) {
  constexpr int kPlane[4] = {0, 1, 3, 4};
  constexpr int kHeight[2] = {2, 5};
  const StateCovariance& p = predicted.covariance;
  const MeasurementMatrix& h = measurement.jacobian;
  const SpdFactor3& factor = measurement.factor;
  const Vec3& inverse_pivots = factor.inverse_pivots();
  const Vec3 scaled_residual = factor.unit_solve(innovation.residual).cwiseProduct(inverse_pivots);
  // U = L^-1 (P H^T)^T on each group: the plane's two rows, then the height's one.
  Eigen::Matrix<double, 2, 4> u;
  for (int k = 0; k < 4; ++k) {
    const int i = kPlane[k];
    u(0, k) = p(i, 0) * h(0, 0) + p(i, 1) * h(0, 1);
    u(1, k) = p(i, 0) * h(1, 0) + p(i, 1) * h(1, 1);
  }
  u.row(1) -= factor.l10() * u.row(0);
  Eigen::Vector2d v;  // U's height row
  for (int k = 0; k < 2; ++k) v(k) = p(kHeight[k], 2) * h(2, 2);
  GaussianState posterior{predicted.time, predicted.mean, p};  // the cross entries stay zero
  for (int k = 0; k < 4; ++k) {
    posterior.mean(kPlane[k]) += u(0, k) * scaled_residual(0) + u(1, k) * scaled_residual(1);
  }
  for (int k = 0; k < 2; ++k) posterior.mean(kHeight[k]) += v(k) * scaled_residual(2);
  const Eigen::Matrix<double, 2, 4> scaled = inverse_pivots.head<2>().asDiagonal() * u;
  for (int b = 0; b < 4; ++b) {
    for (int a = 0; a <= b; ++a) {
      const double value =
          p(kPlane[a], kPlane[b]) - (u(0, a) * scaled(0, b) + u(1, a) * scaled(1, b));
      posterior.covariance(kPlane[a], kPlane[b]) = value;
      posterior.covariance(kPlane[b], kPlane[a]) = value;
    }
  }
  for (int b = 0; b < 2; ++b) {
    for (int a = 0; a <= b; ++a) {
      const double value = p(kHeight[a], kHeight[b]) - v(a) * (inverse_pivots(2) * v(b));
      posterior.covariance(kHeight[a], kHeight[b]) = value;
      posterior.covariance(kHeight[b], kHeight[a]) = value;
    }
  }
  return posterior;
}

}  // namespace

GaussianState update(const GaussianState& predicted, const PredictedMeasurement& measurement,
                     const Innovation& innovation) {
  if (measurement.separable) return update_separable(predicted, measurement, innovation);
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
