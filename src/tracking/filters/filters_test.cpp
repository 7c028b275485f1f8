// KF / EKF / UKF / IMM: agreement on linear cases, Monte Carlo consistency (NEES, NIS), efficiency
// against the posterior Cramer-Rao bound, and manoeuvring targets. Every random draw is seeded.

#include <gtest/gtest.h>

#include <Eigen/Cholesky>
#include <Eigen/LU>
#include <cmath>
#include <random>
#include <vector>

#include "core/units.h"
#include "tracking/filters/ekf.h"
#include "tracking/filters/imm.h"
#include "tracking/filters/kalman.h"
#include "tracking/filters/ukf.h"
#include "tracking/gnn_tracker.h"
#include "tracking/models/motion_models.h"
#include "tracking/models/planar_range_bearing.h"

namespace straja::tracking {
namespace {

using namespace std::chrono_literals;

Time at_seconds(double s) {
  return Time{} + std::chrono::nanoseconds(std::llround(s * 1e9));
}

/// A draw from N(0, covariance).
template <int N>
Eigen::Matrix<double, N, 1> sample(const Eigen::Matrix<double, N, N>& covariance,
                                   std::mt19937_64& rng) {
  std::normal_distribution<double> n01(0.0, 1.0);
  Eigen::Matrix<double, N, 1> u;
  for (int i = 0; i < N; ++i) u(i) = n01(rng);
  return covariance.llt().matrixL() * u;
}

/// Chi-square quantile by the Wilson-Hilferty approximation (accurate to <0.1% for dof >= 100).
double chi_square_quantile(double dof, double z_score) {
  const double a = 2.0 / (9.0 * dof);
  return dof * std::pow(1.0 - a + z_score * std::sqrt(a), 3.0);
}

CvMotion cv_motion(double q, double q_vertical) {
  CvMotion model;
  model.horizontal.q = q;
  model.vertical.q = q_vertical;
  return model;
}

TEST(FiltersTest, GenericEkfAndUkfReproduceTheKalmanFilterOnLinearMotion) {
  const CvMotion model = cv_motion(2.0, 0.5);
  const ConstantVelocityModel reference{.q_horizontal = 2.0, .q_vertical = 0.5};
  GaussianState state;
  state.mean << 100, 200, 300, 10, -20, 1;
  state.covariance = StateCovariance::Identity() * 4.0;
  state.covariance(0, 3) = state.covariance(3, 0) = 1.0;
  const GaussianState old = predict(state, reference, state.time + 3s);
  const GaussianState kf = kf_predict(state, model, state.time + 3s);
  const GaussianState ekf = ekf_predict(state, model, state.time + 3s);
  const GaussianState ukf = ukf_predict(state, model, state.time + 3s);
  EXPECT_TRUE(kf.mean.isApprox(old.mean, 1e-14));
  EXPECT_TRUE(kf.covariance.isApprox(old.covariance, 1e-14));
  EXPECT_TRUE(ekf.covariance.isApprox(kf.covariance, 1e-14));
  EXPECT_TRUE(ukf.mean.isApprox(kf.mean, 1e-12));
  EXPECT_TRUE(ukf.covariance.isApprox(kf.covariance, 1e-10));

  // A nonlinear measurement with negligible curvature over the spread: UKF ~ EKF (the original
  // Joseph-form update too).
  const PlanarRangeBearingModel radar(25.0, units::deg_to_rad(0.2), 1e6);
  GaussianState far = kf;
  far.mean.head<2>() << 30'000, 40'000;
  const Vec3 z(50'010.0, std::atan2(30'000.0, 40'000.0) + 1e-4, 0.0);
  const auto m_ekf = ekf_predict_measurement(far, radar);
  const auto m_ukf = ukf_predict_measurement(far, radar);
  EXPECT_TRUE(m_ukf.covariance.isApprox(m_ekf.covariance, 1e-4));
  const GaussianState updated = kalman_update(far, m_ekf, radar.innovation(z, m_ekf.mean));
  const GaussianState joseph = update(far, z, radar);
  EXPECT_TRUE(updated.mean.isApprox(joseph.mean, 1e-12));
  EXPECT_TRUE(updated.covariance.isApprox(joseph.covariance, 1e-8));
  const GaussianState unscented = kalman_update(far, m_ukf, radar.innovation(z, m_ukf.mean));
  EXPECT_LT((unscented.mean - updated.mean).head<2>().norm(), 0.05);
}

// Linear case (CV motion, position measurements, truth drawn from the model): over 50 runs the
// average NEES (6 dof) and NIS (3 dof) lie inside their two-sided 95% chi-square intervals at
// most steps, and their grand means sit at the dimension.
TEST(FiltersTest, KalmanFilterIsConsistentOnMonteCarloRuns) {
  constexpr int kRuns = 50;
  constexpr int kSteps = 100;
  const CvMotion model = cv_motion(1.0, 0.1);
  const PositionMeasurement sensor{Mat3(Vec3(50.0 * 50.0, 50.0 * 50.0, 30.0 * 30.0).asDiagonal())};
  StateCovariance p0 = StateCovariance::Zero();
  p0.diagonal() << 100 * 100, 100 * 100, 50 * 50, 20 * 20, 20 * 20, 5 * 5;
  std::mt19937_64 rng(11);
  std::vector<double> nees(kSteps, 0.0);
  std::vector<double> nis(kSteps, 0.0);
  for (int run = 0; run < kRuns; ++run) {
    StateVector truth;
    truth << 10'000, -5'000, 3'000, 120, 80, 0;
    GaussianState estimate;
    estimate.mean = truth + sample(p0, rng);
    estimate.covariance = p0;
    for (int k = 0; k < kSteps; ++k) {
      const double dt = 2.0;
      truth = model.transition(dt) * truth + sample(model.process_noise(truth, dt), rng);
      const GaussianState predicted = kf_predict(estimate, model, estimate.time + 2s);
      const Vec3 z = truth.head<3>() + sample(sensor.noise, rng);
      const auto m = kf_predict_measurement(predicted, sensor);
      const Vec3 residual = z - m.mean;
      estimate = kalman_update(predicted, m, residual);
      const StateVector error = estimate.mean - truth;
      nees[static_cast<std::size_t>(k)] +=
          error.dot(estimate.covariance.ldlt().solve(error)) / kRuns;
      nis[static_cast<std::size_t>(k)] += m.mahalanobis_squared(residual) / kRuns;
    }
  }
  const auto check = [&](const std::vector<double>& average, double dim, const char* name) {
    const double lo = chi_square_quantile(kRuns * dim, -1.96) / kRuns;
    const double hi = chi_square_quantile(kRuns * dim, 1.96) / kRuns;
    int inside = 0;
    double mean = 0.0;
    for (const double a : average) {
      inside += (a >= lo && a <= hi) ? 1 : 0;
      mean += a / kSteps;
    }
    EXPECT_GE(inside, 88) << name << ": steps inside [" << lo << ", " << hi << "]";
    EXPECT_NEAR(mean, dim, 0.06 * dim) << name;
  };
  check(nees, 6.0, "NEES");
  check(nis, 3.0, "NIS");
}

// One straight-flying target seen by the bench radar (range/bearing): the EKF's and the UKF's
// RMS position error over Monte Carlo runs stay within 10% of the posterior Cramer-Rao bound,
//   J_{k+1} = (Q + F J_k^-1 F^T)^-1 + E[H^T R^-1 H]   (Tichavsky, additive Gaussian noise)
// with the expectation over the runs' true states.
TEST(FiltersTest, RmsErrorOfAStraightFlyingTargetIsWithinTenPercentOfThePcrlb) {
  constexpr int kRuns = 200;
  constexpr int kSteps = 60;
  constexpr double kDt = 2.0;
  const CvMotion model = cv_motion(0.5, 1e-4);
  const PlanarRangeBearingModel radar(25.0, units::deg_to_rad(0.2), 1e6);
  StateCovariance p0 = StateCovariance::Zero();
  p0.diagonal() << 200 * 200, 200 * 200, 1, 30 * 30, 30 * 30, 0.01;
  StateVector start;
  start << 10'000, 20'000, 0, 150, -100, 0;
  const StateCovariance f = model.transition(kDt);
  const StateCovariance q = model.process_noise(start, kDt);
  const Mat3 r_inverse = radar.noise().inverse();

  std::mt19937_64 rng(5);
  std::normal_distribution<double> n01(0.0, 1.0);
  std::vector<StateCovariance> information(kSteps, StateCovariance::Zero());
  std::vector<double> ekf_sq(kSteps, 0.0);
  std::vector<double> ukf_sq(kSteps, 0.0);
  for (int run = 0; run < kRuns; ++run) {
    StateVector truth = start + sample(p0, rng);
    GaussianState ekf;
    ekf.mean = start;
    ekf.covariance = p0;
    GaussianState ukf = ekf;
    for (int k = 0; k < kSteps; ++k) {
      truth = f * truth + sample(q, rng);
      const MeasurementMatrix h = radar.jacobian(truth);
      information[static_cast<std::size_t>(k)] += h.transpose() * r_inverse * h / kRuns;
      Vec3 z = radar.predict(truth);
      for (int i = 0; i < 3; ++i) z(i) += std::sqrt(radar.noise()(i, i)) * n01(rng);
      const GaussianState ekf_predicted = ekf_predict(ekf, model, ekf.time + 2s);
      const auto m_ekf = ekf_predict_measurement(ekf_predicted, radar);
      ekf = kalman_update(ekf_predicted, m_ekf, radar.innovation(z, m_ekf.mean));
      const GaussianState ukf_predicted = ukf_predict(ukf, model, ukf.time + 2s);
      const auto m_ukf = ukf_predict_measurement(ukf_predicted, radar);
      ukf = kalman_update(ukf_predicted, m_ukf, radar.innovation(z, m_ukf.mean));
      ekf_sq[static_cast<std::size_t>(k)] += (ekf.mean - truth).head<2>().squaredNorm() / kRuns;
      ukf_sq[static_cast<std::size_t>(k)] += (ukf.mean - truth).head<2>().squaredNorm() / kRuns;
    }
  }
  StateCovariance j = p0.inverse();
  double bound_sq = 0.0;
  double ekf_total = 0.0;
  double ukf_total = 0.0;
  for (int k = 0; k < kSteps; ++k) {
    j = (q + f * j.inverse() * f.transpose()).inverse() + information[static_cast<std::size_t>(k)];
    if (k < 10) continue;  // after the initial transient
    bound_sq += j.inverse().topLeftCorner<2, 2>().trace();
    ekf_total += ekf_sq[static_cast<std::size_t>(k)];
    ukf_total += ukf_sq[static_cast<std::size_t>(k)];
  }
  const double ekf_ratio = std::sqrt(ekf_total / bound_sq);
  const double ukf_ratio = std::sqrt(ukf_total / bound_sq);
  EXPECT_LT(ekf_ratio, 1.10);
  EXPECT_GT(ekf_ratio, 0.90);
  EXPECT_LT(ukf_ratio, 1.10);
  EXPECT_GT(ukf_ratio, 0.90);
}

TEST(FiltersTest, ImmTransitionIsExactAtItsIntervalAndIdentityAtZero) {
  ImmConfig config = ImmConfig::cv_ct(1.0, 1.0, 1e-3, 0.1, 0.95, 4.0, true);
  EXPECT_TRUE(imm_transition(config, 4.0).isApprox(config.transition, 1e-14));
  EXPECT_TRUE(imm_transition(config, 0.0).isApprox(Eigen::Matrix3d::Identity(), 1e-14));
  const Eigen::Matrix3d longer = imm_transition(config, 40.0);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(longer.row(i).sum(), 1.0, 1e-12);
  EXPECT_LT(longer(0, 0), 0.95);
}

TEST(FiltersTest, SingleModeImmIsTheEkf) {
  ImmConfig config;
  config.mode_count = 1;
  Embedded<CvMotion> cv;
  cv.model = cv_motion(1.0, 0.1);
  config.modes[0] = cv;
  const PlanarRangeBearingModel radar(25.0, units::deg_to_rad(0.2), 1e6);
  GaussianState start;
  start.mean << 10'000, 20'000, 0, 150, -100, 0;
  start.covariance = StateCovariance::Identity() * 100.0;
  ImmState imm = imm_initiate(start, config);
  Gaussian<kCommonStateSize> ekf = imm.modes[0];
  for (int k = 1; k <= 5; ++k) {
    const Vec3 z(std::hypot(10'000.0 + 300.0 * k, 20'000.0 - 200.0 * k),
                 std::atan2(10'000.0 + 300.0 * k, 20'000.0 - 200.0 * k), 0.0);
    imm = imm_update(imm_predict(imm, config, at_seconds(2.0 * k)), z, radar, config);
    const auto predicted = ekf_predict(
        ekf, config.modes[0].index() == 0 ? std::get<0>(config.modes[0]) : Embedded<CvMotion>{},
        at_seconds(2.0 * k));
    const auto m = ekf_predict_measurement(predicted, radar);
    ekf = kalman_update(predicted, m, radar.innovation(z, m.mean));
  }
  EXPECT_NEAR(imm.probabilities[0], 1.0, 1e-15);
  EXPECT_TRUE(imm.combined().mean.isApprox(ekf.mean, 1e-12));
  EXPECT_TRUE(imm.combined().covariance.isApprox(ekf.covariance, 1e-12));
}

// --- Manoeuvres ---------------------------------------------------------------------------------

struct TurnScenario {
  double g = 3.0;  ///< lateral acceleration in g
  double speed_mps = 300.0;
  double interval_s = 2.0;  ///< measurement interval
};

/// Truth: 40 s straight east, a coordinated left turn through 180 degrees at `g`, 40 s straight.
std::vector<StateVector> turn_truth(const TurnScenario& scenario) {
  const double omega = scenario.g * 9.80665 / scenario.speed_mps;
  const double turn_s = units::kPi / omega;
  CtMotion truth_model;
  CtMotion::Vector x = CtMotion::Vector::Zero();
  x << 20'000, 30'000, 0, scenario.speed_mps, 0, 0, 0;
  std::vector<StateVector> path;
  const double fine = 0.01;
  double t = 0.0;
  double next_sample = scenario.interval_s;
  while (t < 80.0 + turn_s) {
    x(6) = (t >= 40.0 && t < 40.0 + turn_s) ? omega : 0.0;
    x = truth_model.f(x, fine);
    t += fine;
    if (t + 1e-9 >= next_sample) {
      path.push_back(x.head<kStateSize>());
      next_sample += scenario.interval_s;
    }
  }
  return path;
}

/// The largest NIS (3 dof, gating statistic) a filter sees along the path. `Step` predicts to
/// the next time, returns the predicted measurement and then updates.
template <class Filter, class State>
double largest_nis(const std::vector<StateVector>& path, const PlanarRangeBearingModel& radar,
                   const Filter& filter, State state, double interval_s, std::mt19937_64& rng) {
  std::normal_distribution<double> n01(0.0, 1.0);
  double worst = 0.0;
  for (std::size_t k = 0; k < path.size(); ++k) {
    Vec3 z = radar.predict(path[k]);
    for (int i = 0; i < 3; ++i) z(i) += std::sqrt(radar.noise()(i, i)) * n01(rng);
    const State predicted =
        filter.predict(state, at_seconds(interval_s * static_cast<double>(k + 1)));
    const auto measurement = filter.predict_measurement(predicted, radar);
    const auto innovation = filter.innovate(measurement, z, radar);
    worst = std::max(worst, innovation.mahalanobis_squared);
    state = filter.update(predicted, measurement, innovation, radar);
  }
  return worst;
}

// 3 to 7 g turns, radar-like noise (30 m, 0.15 deg), a plot every 2 s: with the tracker's gate,
// the IMM (CV + CT, with EKF modes and with UKF modes) keeps every innovation inside it; the CV
// EKF tuned for non-manoeuvring flight falls out of it on every turn.
TEST(FiltersTest, ImmKeepsManoeuvringTargetsInsideTheGateWhereCvLosesThem) {
  const PlanarRangeBearingModel radar(30.0, units::deg_to_rad(0.15), 1e6);
  const double gate = chi_square_3dof_quantile(0.9997);
  const CvEkfFilter cv{ConstantVelocityModel{.q_horizontal = 1.0, .q_vertical = 1e-4}};
  ImmFilter imm{ImmConfig::cv_ct(1.0, 30.0, 5e-2, 1e-4, 0.9, 2.0)};
  ImmFilter imm_ukf = imm;
  imm_ukf.config.filter = ModeFilter::kUkf;
  int cv_lost = 0;
  int imm_lost = 0;
  std::mt19937_64 rng(7);
  for (const double g : {3.0, 4.0, 5.0, 6.0, 7.0}) {
    const TurnScenario scenario{.g = g};
    const std::vector<StateVector> path = turn_truth(scenario);
    for (int seed = 0; seed < 4; ++seed) {
      GaussianState start;
      start.mean << 20'000, 30'000, 0, scenario.speed_mps, 0, 0;
      start.covariance.setZero();
      start.covariance.diagonal() << 50 * 50, 50 * 50, 1, 30 * 30, 30 * 30, 0.01;
      std::mt19937_64 cv_rng(rng());
      std::mt19937_64 imm_rng = cv_rng;  // the same measurements for all
      std::mt19937_64 ukf_rng = cv_rng;
      const double cv_worst = largest_nis(path, radar, cv, start, scenario.interval_s, cv_rng);
      const double imm_worst =
          largest_nis(path, radar, imm, imm.initiate(start), scenario.interval_s, imm_rng);
      const double ukf_worst =
          largest_nis(path, radar, imm_ukf, imm_ukf.initiate(start), scenario.interval_s, ukf_rng);
      EXPECT_LT(ukf_worst, gate) << g << " g, run " << seed << " (UKF modes)";
      cv_lost += cv_worst > gate ? 1 : 0;
      imm_lost += imm_worst > gate ? 1 : 0;
      EXPECT_LT(imm_worst, gate) << g << " g, run " << seed << " (CV: " << cv_worst << ")";
    }
  }
  EXPECT_EQ(imm_lost, 0);
  EXPECT_EQ(cv_lost, 20) << "the CV filter loses every turn";
}

}  // namespace
}  // namespace straja::tracking
