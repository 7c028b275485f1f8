#include "report/partner_track.h"

#include <algorithm>
#include <cmath>

namespace straja {

Covariance6 partner_covariance(
    std::optional<double> sigma_east_m, std::optional<double> sigma_north_m,
    std::optional<double> covariance_root_m, std::optional<double> sigma_height_m,
    std::optional<double> sigma_v_east_mps, std::optional<double> sigma_v_north_mps,
    PartnerHeightSource height_source, const PartnerAccuracyDefaults& defaults) {
  constexpr double kMinSigmaM = 1.0;
  constexpr double kMinSigmaMps = 0.1;
  const double se = std::max(kMinSigmaM, sigma_east_m.value_or(defaults.position_sigma_m));
  const double sn = std::max(kMinSigmaM, sigma_north_m.value_or(defaults.position_sigma_m));
  double height_sigma = defaults.unknown_height_sigma_m;
  if (height_source == PartnerHeightSource::kGeometric) {
    height_sigma = sigma_height_m.value_or(defaults.height_sigma_m);
  } else if (height_source == PartnerHeightSource::kFlightLevel) {
    height_sigma = defaults.flight_level_height_sigma_m;
  }
  height_sigma = std::max(kMinSigmaM, height_sigma);
  const double sve = std::max(kMinSigmaMps, sigma_v_east_mps.value_or(defaults.velocity_sigma_mps));
  const double svn =
      std::max(kMinSigmaMps, sigma_v_north_mps.value_or(defaults.velocity_sigma_mps));
  const double svu = std::max(kMinSigmaMps, defaults.vertical_velocity_sigma_mps);

  Covariance6 p = Covariance6::Zero();
  p(0, 0) = se * se;
  p(1, 1) = sn * sn;
  if (covariance_root_m) {
    const double limit = 0.99 * se * sn;
    const double cov = std::copysign(*covariance_root_m * *covariance_root_m, *covariance_root_m);
    p(0, 1) = p(1, 0) = std::clamp(cov, -limit, limit);
  }
  p(2, 2) = height_sigma * height_sigma;
  p(3, 3) = sve * sve;
  p(4, 4) = svn * svn;
  p(5, 5) = svu * svu;
  return p;
}

}  // namespace straja
