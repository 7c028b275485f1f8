#pragma once
// Interacting multiple model (IMM) filter, as pure predict/update steps on value types.
//
// Modes: nearly-constant velocity, coordinated turn with unknown turn rate, nearly-constant
// acceleration (any 1 to 3 of them), each with the vertical CV channel. Every mode-conditioned
// filter (EKF or UKF) runs on the common 9-component state [x, y, z, vx, vy, vz, ax, ay, omega]
// (models/motion_models.h, Embedded): a mode carries the components it does not model unchanged,
// so mixing and the combined output are plain moment matching on one state space.
//
// Mode switching is a Markov chain given by its matrix over `transition_interval_s`
// (row i: from mode i). For a prediction over dt the chain is rescaled so that it holds exactly
// at dt = transition_interval_s and is the identity at dt = 0:
//   p_ii(dt) = p_ii^(dt / T),   p_ij(dt) = (1 - p_ii(dt)) p_ij / (1 - p_ii)   (i != j)
//
// predict: mixing probabilities mu_{i|j} = p_ij mu_i / c_j, c_j = sum_i p_ij mu_i; mixed priors
//          by moment matching; each mode predicted by its own model; probabilities become c_j.
// update:  each mode updated with z; mu_j ∝ N(nu_j; 0, S_j) c_j (in logs, so no underflow).
// PDA update (IMM-PDA, Bar-Shalom): each mode takes the PDA update (filters/pda.h) with its own
//          innovations of the gated plots and their association probabilities beta_i; mu_j ∝
//          c_j (beta_0 + sum_i beta_i N(nu_ij; 0, S_j) / N(nu_i; 0, S)), S the mixture's (the
//          one the plots were gated and weighed with). For one track this is the textbook
//          IMM-PDA weight (1 - Pd) lambda + Pd sum_i N(nu_ij; 0, S_j); with one sure plot, the
//          update above.
// The output is the moment-matched mixture (combined()).

#include <array>
#include <span>
#include <variant>

#include "tracking/filters/kalman.h"
#include "tracking/filters/ukf.h"
#include "tracking/models/motion_models.h"

namespace straja::tracking {

inline constexpr int kMaxImmModes = 3;
using CommonState = Gaussian<kCommonStateSize>;
using ModeMotion = std::variant<Embedded<CvMotion>, Embedded<CtMotion>, Embedded<CaMotion>>;

enum class ModeFilter { kEkf, kUkf };

struct ImmConfig {
  int mode_count = 2;
  std::array<ModeMotion, kMaxImmModes> modes{};
  /// Markov transition matrix over transition_interval_s (rows sum to 1).
  Eigen::Matrix3d transition = Eigen::Matrix3d::Identity();
  double transition_interval_s = 1.0;
  std::array<double, kMaxImmModes> initial_probabilities{1.0, 0.0, 0.0};
  ModeFilter filter = ModeFilter::kEkf;
  UnscentedParameters unscented{};
  /// Prior of the components a 6-state initiation does not give.
  double initial_acceleration_sigma_mps2 = 5.0;
  double initial_turn_rate_sigma_radps = 0.05;

  /// CV + CT (+ CA when with_acceleration): CV q = q_cv; CT white acceleration q_ct and turn-rate
  /// random walk q_turn; CA jerk q_ca; `stay` the probability of staying in a mode over
  /// `interval_s`, the rest spread evenly over the other modes.
  static ImmConfig cv_ct(double q_cv, double q_ct, double q_turn, double q_vertical, double stay,
                         double interval_s, bool with_acceleration = false, double q_ca = 1.0);
};

/// The tracker's default IMM (`filter: imm` without an `imm:` block,
/// docs/formats/tracker-config.md): CV (q 1 m^2/s^3) and CT (white acceleration 4 m^2/s^3,
/// turn-rate random walk 1e-3 rad^2/s^3), vertical q 0.1 m^2/s^3, a mode kept with probability 0.95
/// over 4 s, EKF modes.
ImmConfig default_imm_config();

/// Which motion a mode runs (ModeMotion's alternatives, in their order): 0 CV, 1 CT, 2 CA.
enum class ImmModeKind { kCv, kCt, kCa };
inline ImmModeKind mode_kind(const ModeMotion& motion) {
  return static_cast<ImmModeKind>(motion.index());
}

struct ImmState {
  Time time{};
  int mode_count = 0;
  std::array<CommonState, kMaxImmModes> modes{};
  std::array<double, kMaxImmModes> probabilities{};  ///< sum to 1

  /// The moment-matched mixture of the modes.
  CommonState combined() const;
};

/// Each mode starts from `kinematic` (the extras at zero with the config's prior sigmas), with
/// the configured initial probabilities.
ImmState imm_initiate(const GaussianState& kinematic, const ImmConfig& config);

/// The per-dt Markov matrix.
Eigen::Matrix3d imm_transition(const ImmConfig& config, double dt_s);

ImmState imm_predict(const ImmState& state, const ImmConfig& config, Time to);

/// The update of every mode with measurement z of `model`.
ImmState imm_update(const ImmState& predicted, const Vec3& z, const MeasurementModel& model,
                    const ImmConfig& config);

/// One gated plot of an IMM PDA update: its measurement, its association probability beta_i and
/// ln N(nu_i; 0, S) under the predicted mixture's measurement prediction.
struct ImmPdaPlot {
  Vec3 z = Vec3::Zero();
  double probability = 0.0;
  double mixture_log_likelihood = 0.0;
};

/// The PDA update of every mode with `plots` (probabilities summing to at most 1; the rest is
/// the probability that none is the track's).
ImmState imm_pda_update(const ImmState& predicted, std::span<const ImmPdaPlot> plots,
                        const MeasurementModel& model, const ImmConfig& config);

/// A mode-conditioned predicted measurement (EKF linearisation or unscented transform).
MeasurementPredictionN<kCommonStateSize> imm_predict_measurement(const CommonState& state,
                                                                 const MeasurementModel& model,
                                                                 const ImmConfig& config);

}  // namespace straja::tracking
