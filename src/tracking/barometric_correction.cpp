#include "tracking/barometric_correction.h"

#include <cmath>

namespace straja::tracking {

void BarometricCorrection::learn(const Plot& plot) {
  if (!config_.learn_from_adsb || plot.kind != SensorKind::kAdsb ||
      plot.alt_kind != AltitudeKind::kBarometric || !measured(plot.alt_m) ||
      !measured(plot.geo_alt_m)) {
    return;
  }
  const double x = plot.alt_m;
  const double y = plot.geo_alt_m - geo::height_of_pressure_altitude_m(x, config_.atmosphere);
  n_ += 1;
  sx_ += x;
  sy_ += y;
  sxx_ += x * x;
  sxy_ += x * y;
}

void BarometricCorrection::learn(std::span<const Plot> plots) {
  for (const Plot& plot : plots) learn(plot);
}

double BarometricCorrection::learnt_residual_m(double barometric_m) const {
  if (!ready()) return 0.0;
  const double denominator = n_ * sxx_ - sx_ * sx_;
  const double slope = std::abs(denominator) > 1e-9 ? (n_ * sxy_ - sx_ * sy_) / denominator : 0.0;
  const double intercept = (sy_ - slope * sx_) / n_;
  return intercept + slope * barometric_m;
}

double BarometricCorrection::offset_m(double barometric_m) const {
  return geo::height_of_pressure_altitude_m(barometric_m, config_.atmosphere) - barometric_m +
         learnt_residual_m(barometric_m);
}

bool BarometricCorrection::correct(Plot& plot) const {
  if (!active() || plot.alt_kind != AltitudeKind::kBarometric || !measured(plot.alt_m)) {
    return false;
  }
  if (plot.kind == SensorKind::kSsr) {
    plot.alt_m += offset_m(plot.alt_m);
    plot.alt_kind = AltitudeKind::kGeometric;
    return true;
  }
  if (plot.kind == SensorKind::kAdsb && !measured(plot.geo_alt_m)) {
    plot.geo_alt_m = plot.alt_m + offset_m(plot.alt_m);
    return true;
  }
  return false;
}

}  // namespace straja::tracking
