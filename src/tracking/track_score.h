#pragma once
// The log-likelihood-ratio track score (Sittler; Blackman & Popoli, "Design and Analysis of
// Modern Tracking Systems", 6.2): L = ln(P(data | target) / P(data | false alarms)).
//
//   new track (its first plot):  L = ln(beta_NT / beta_FA)
//   each hit:                    L += ln(Pd g / beta_FA) - d^2 / 2,  g = 1 / ((2 pi)^(M/2) sqrt|S|)
//   each miss:                   L += ln(1 - Pd)
//
// with beta_NT and beta_FA the densities of new targets and false alarms per scan in the
// measurement space (units of the measurement vector, M components), d^2 and |S| the assigned
// plot's Mahalanobis distance and innovation covariance. Wald's sequential test with false-
// confirmation probability alpha and true-deletion probability beta confirms a tentative track
// at L >= ln((1 - beta) / alpha) and deletes it at L <= ln(beta / (1 - alpha)); a confirmed track
// is deleted when L falls `delete_drop` below the highest score it has had.

namespace straja::tracking {

struct LlrScoreConfig {
  double detection_probability = 0.9;       ///< Pd
  double false_alarm_density = 1e-6;        ///< beta_FA per scan, per unit measurement volume
  double new_target_density = 1e-7;         ///< beta_NT per scan, per unit measurement volume
  double false_confirm_probability = 1e-3;  ///< alpha
  double true_delete_probability = 1e-2;    ///< beta
  double delete_drop = 6.0;                 ///< ln units below the track's maximum
  int measurement_size = 3;                 ///< M

  double initial() const;
  /// The increment of a hit whose innovation has d^2 and ln|S|.
  double hit(double mahalanobis_squared, double log_det_covariance) const;
  double miss() const;
  double confirm_threshold() const;  ///< ln((1 - beta) / alpha)
  double delete_threshold() const;   ///< ln(beta / (1 - alpha)), tentative tracks
};

/// A track's score and its running maximum.
struct TrackScore {
  double value = 0.0;
  double maximum = 0.0;

  void start(const LlrScoreConfig& config) { value = maximum = config.initial(); }
  void add(double increment) {
    value += increment;
    if (value > maximum) maximum = value;
  }
  bool confirms(const LlrScoreConfig& config) const { return value >= config.confirm_threshold(); }
  /// Tentative: the SPRT's lower threshold; confirmed: the drop below the maximum.
  bool deletes(const LlrScoreConfig& config, bool confirmed) const {
    return confirmed ? value < maximum - config.delete_drop : value <= config.delete_threshold();
  }
};

}  // namespace straja::tracking
