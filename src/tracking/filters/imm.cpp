#include "tracking/filters/imm.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "tracking/filters/pda.h"

namespace straja::tracking {

namespace {

std::size_t at(int i) {
  return static_cast<std::size_t>(i);
}

CommonState mixture(const std::array<CommonState, kMaxImmModes>& modes, const double* weights,
                    int count) {
  CommonState mixed;
  mixed.time = modes[0].time;
  mixed.mean.setZero();
  for (int i = 0; i < count; ++i) mixed.mean += weights[i] * modes[at(i)].mean;
  mixed.covariance.setZero();
  for (int i = 0; i < count; ++i) {
    const CommonState::Vector d = modes[at(i)].mean - mixed.mean;
    mixed.covariance += weights[i] * (modes[at(i)].covariance + d * d.transpose());
  }
  return mixed;
}

/// The posterior mode probabilities from their unnormalised logs (`best` the largest, finite).
void set_probabilities(ImmState& posterior, const std::array<double, kMaxImmModes>& log_weight,
                       double best) {
  double total = 0.0;
  for (int j = 0; j < posterior.mode_count; ++j) {
    posterior.probabilities[at(j)] = std::exp(log_weight[at(j)] - best);
    total += posterior.probabilities[at(j)];
  }
  for (int j = 0; j < posterior.mode_count; ++j) posterior.probabilities[at(j)] /= total;
}

}  // namespace

ImmConfig ImmConfig::cv_ct(double q_cv, double q_ct, double q_turn, double q_vertical, double stay,
                           double interval_s, bool with_acceleration, double q_ca) {
  ImmConfig config;
  config.mode_count = with_acceleration ? 3 : 2;
  Embedded<CvMotion> cv;
  cv.model.horizontal.q = q_cv;
  cv.model.vertical.q = q_vertical;
  Embedded<CtMotion> ct;
  ct.model.horizontal.q_acceleration = q_ct;
  ct.model.horizontal.q_turn_rate = q_turn;
  ct.model.vertical.q = q_vertical;
  Embedded<CaMotion> ca;
  ca.model.horizontal.q = q_ca;
  ca.model.vertical.q = q_vertical;
  config.modes = {cv, ct, ca};
  const int n = config.mode_count;
  config.transition.setZero();
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) config.transition(i, j) = i == j ? stay : (1.0 - stay) / (n - 1);
  }
  if (n < kMaxImmModes) config.transition(2, 2) = 1.0;
  config.transition_interval_s = interval_s;
  config.initial_probabilities = {0.9, 0.1, 0.0};
  if (with_acceleration) config.initial_probabilities = {0.8, 0.1, 0.1};
  return config;
}

ImmConfig default_imm_config() {
  return ImmConfig::cv_ct(1.0, 4.0, 1e-3, 0.1, 0.95, 4.0);
}

CommonState ImmState::combined() const {
  return mixture(modes, probabilities.data(), mode_count);
}

ImmState imm_initiate(const GaussianState& kinematic, const ImmConfig& config) {
  CommonState start;
  start.time = kinematic.time;
  start.mean.setZero();
  start.mean.head<kStateSize>() = kinematic.mean;
  start.covariance.setZero();
  start.covariance.topLeftCorner<kStateSize, kStateSize>() = kinematic.covariance;
  const double a2 = config.initial_acceleration_sigma_mps2 * config.initial_acceleration_sigma_mps2;
  const double w2 = config.initial_turn_rate_sigma_radps * config.initial_turn_rate_sigma_radps;
  start.covariance.diagonal().tail<3>() << a2, a2, w2;
  ImmState state;
  state.time = kinematic.time;
  state.mode_count = config.mode_count;
  for (int i = 0; i < config.mode_count; ++i) {
    state.modes[at(i)] = start;
    state.probabilities[at(i)] = config.initial_probabilities[at(i)];
  }
  return state;
}

Eigen::Matrix3d imm_transition(const ImmConfig& config, double dt_s) {
  const double ratio = std::abs(dt_s) / config.transition_interval_s;
  Eigen::Matrix3d p = Eigen::Matrix3d::Identity();
  for (int i = 0; i < config.mode_count; ++i) {
    const double stay = config.transition(i, i);
    if (stay >= 1.0) continue;
    const double stay_dt = std::pow(stay, ratio);
    for (int j = 0; j < config.mode_count; ++j) {
      p(i, j) = i == j ? stay_dt : (1.0 - stay_dt) * config.transition(i, j) / (1.0 - stay);
    }
  }
  return p;
}

ImmState imm_predict(const ImmState& state, const ImmConfig& config, Time to) {
  const int n = state.mode_count;
  const Eigen::Matrix3d p = imm_transition(config, to_seconds(to - state.time));
  ImmState predicted;
  predicted.time = to;
  predicted.mode_count = n;
  for (int j = 0; j < n; ++j) {
    double c = 0.0;
    for (int i = 0; i < n; ++i) c += p(i, j) * state.probabilities[at(i)];
    std::array<double, kMaxImmModes> mixing{};
    for (int i = 0; i < n; ++i) {
      mixing[at(i)] = c > 0.0 ? p(i, j) * state.probabilities[at(i)] / c : (i == j ? 1.0 : 0.0);
    }
    const CommonState prior = mixture(state.modes, mixing.data(), n);
    predicted.modes[at(j)] = std::visit(
        [&](const auto& motion) {
          return config.filter == ModeFilter::kUkf
                     ? ukf_predict(prior, motion, to, config.unscented)
                     : ekf_predict(prior, motion, to);
        },
        config.modes[at(j)]);
    predicted.probabilities[at(j)] = c;
  }
  return predicted;
}

MeasurementPredictionN<kCommonStateSize> imm_predict_measurement(const CommonState& state,
                                                                 const MeasurementModel& model,
                                                                 const ImmConfig& config) {
  return config.filter == ModeFilter::kUkf ? ukf_predict_measurement(state, model, config.unscented)
                                           : ekf_predict_measurement(state, model);
}

ImmState imm_update(const ImmState& predicted, const Vec3& z, const MeasurementModel& model,
                    const ImmConfig& config) {
  const int n = predicted.mode_count;
  ImmState posterior;
  posterior.time = predicted.time;
  posterior.mode_count = n;
  std::array<double, kMaxImmModes> log_weight{};
  double best = -std::numeric_limits<double>::infinity();
  for (int j = 0; j < n; ++j) {
    const CommonState& mode = predicted.modes[at(j)];
    const auto m = imm_predict_measurement(mode, model, config);
    const Vec3 residual = model.innovation(z, m.mean);
    posterior.modes[at(j)] = kalman_update(mode, m, residual);
    const double prior = predicted.probabilities[at(j)];
    log_weight[at(j)] = prior > 0.0 ? std::log(prior) + m.log_likelihood(residual)
                                    : -std::numeric_limits<double>::infinity();
    best = std::max(best, log_weight[at(j)]);
  }
  set_probabilities(posterior, log_weight, best);
  return posterior;
}

ImmState imm_pda_update(const ImmState& predicted, std::span<const ImmPdaPlot> plots,
                        const MeasurementModel& model, const ImmConfig& config) {
  const int n = predicted.mode_count;
  ImmState posterior;
  posterior.time = predicted.time;
  posterior.mode_count = n;
  double detected = 0.0;
  for (const ImmPdaPlot& plot : plots) detected += plot.probability;
  const double none = std::max(0.0, 1.0 - detected);
  constexpr double kNever = -std::numeric_limits<double>::infinity();
  const auto log_add = [](double a, double b) {
    if (a == kNever) return b;
    if (b == kNever) return a;
    const double high = std::max(a, b);
    return high + std::log1p(std::exp(std::min(a, b) - high));
  };
  std::array<double, kMaxImmModes> log_weight{};
  double best = kNever;
  for (int j = 0; j < n; ++j) {
    const CommonState& mode = predicted.modes[at(j)];
    const auto m = imm_predict_measurement(mode, model, config);
    CombinedInnovation combined;
    // ln (beta_0 + sum_i beta_i N_j(nu_ij) / N(nu_i)), summed in logs.
    double log_likelihood_ratio = none > 0.0 ? std::log(none) : kNever;
    for (const ImmPdaPlot& plot : plots) {
      if (plot.probability <= 0.0) continue;
      const Vec3 residual = model.innovation(plot.z, m.mean);
      combined.add(residual, plot.probability);
      log_likelihood_ratio =
          log_add(log_likelihood_ratio, std::log(plot.probability) + m.log_likelihood(residual) -
                                            plot.mixture_log_likelihood);
    }
    combined.finish();
    posterior.modes[at(j)] = pda_update(mode, m, combined);
    const double prior = predicted.probabilities[at(j)];
    log_weight[at(j)] = prior > 0.0 ? std::log(prior) + log_likelihood_ratio : kNever;
    best = std::max(best, log_weight[at(j)]);
  }
  if (best == kNever) {  // no plot carried any weight: the prediction stands
    posterior.probabilities = predicted.probabilities;
    return posterior;
  }
  set_probabilities(posterior, log_weight, best);
  return posterior;
}

}  // namespace straja::tracking
