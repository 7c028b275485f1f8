#include "tracking/track_score.h"

#include <cmath>

#include "core/units.h"

namespace straja::tracking {

double LlrScoreConfig::initial() const {
  return std::log(new_target_density / false_alarm_density);
}

double LlrScoreConfig::hit(double mahalanobis_squared, double log_det_covariance) const {
  // ln(Pd g / beta_FA) with ln g = -(M/2) ln(2 pi) - ln|S| / 2.
  return std::log(detection_probability) - 0.5 * measurement_size * std::log(2.0 * units::kPi) -
         0.5 * log_det_covariance - std::log(false_alarm_density) - 0.5 * mahalanobis_squared;
}

double LlrScoreConfig::miss() const {
  return std::log(1.0 - detection_probability);
}

double LlrScoreConfig::confirm_threshold() const {
  return std::log((1.0 - true_delete_probability) / false_confirm_probability);
}

double LlrScoreConfig::delete_threshold() const {
  return std::log(true_delete_probability / (1.0 - false_confirm_probability));
}

}  // namespace straja::tracking
