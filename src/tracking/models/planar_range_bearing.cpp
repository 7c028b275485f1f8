#include "tracking/models/planar_range_bearing.h"

#if defined(__SSE2__)
#include <immintrin.h>
#include <sleef.h>
#endif

#include <algorithm>
#include <cmath>

#include "core/units.h"

namespace straja::tracking {

PlanarRangeBearingModel::PlanarRangeBearingModel(double range_sigma_m, double azimuth_sigma_rad,
                                                 double max_range_m, double plane_sigma_m)
    : max_range_m_(max_range_m) {
  noise_ = Mat3::Zero();
  noise_(0, 0) = range_sigma_m * range_sigma_m;
  noise_(1, 1) = azimuth_sigma_rad * azimuth_sigma_rad;
  noise_(2, 2) = plane_sigma_m * plane_sigma_m;
}

Vec3 PlanarRangeBearingModel::measurement_of(const Plot& plot) const {
  return {plot.range_m, plot.azimuth_rad, 0.0};
}

Vec3 PlanarRangeBearingModel::predict(const StateVector& state) const {
  return measurement_at(state, range_of(state));
}

Vec3 PlanarRangeBearingModel::measurement_at(const StateVector& state, double range) {
  return {range, units::wrap_two_pi(std::atan2(state(0), state(1))), state(2)};
}

MeasurementMatrix PlanarRangeBearingModel::jacobian(const StateVector& state) const {
  MeasurementMatrix h;
  fill_jacobian(state, h);
  return h;
}

Vec3 PlanarRangeBearingModel::predict(const StateVector& state,
                                      MeasurementMatrix& jacobian_out) const {
  return measurement_at(state, fill_jacobian(state, jacobian_out));
}

double PlanarRangeBearingModel::fill_jacobian(const StateVector& state, MeasurementMatrix& h) {
  // d range = (x, y) / r;  d azimuth = (y, -x) / r^2;  d height = (0, 0, 1)
  const double x = state(0);
  const double y = state(1);
  const double r2 = range_squared_of(state);
  const double r = std::sqrt(r2);  // range_of(state)
  h.setZero();
  h(0, 0) = x / r;
  h(0, 1) = y / r;
  h(1, 0) = y / r2;
  h(1, 1) = -x / r2;
  h(2, 2) = 1.0;
  return r;
}

Vec3 PlanarRangeBearingModel::innovation(const Vec3& z, const Vec3& predicted) const {
  return difference_with_wrapped_angle(z, predicted, 1);
}

MeasurementModel::Position PlanarRangeBearingModel::position_of(const Vec3& z) const {
  const double s = std::sin(z(1));
  const double c = std::cos(z(1));
  const Vec3 enu = enu_of(z, s, c);
  // Inverse Jacobian d(x, y, z)/d(r, az, h): columns (s, c, 0), (r c, -r s, 0), (0, 0, 1).
  Mat3 g = Mat3::Zero();
  g(0, 0) = s;
  g(1, 0) = c;
  g(0, 1) = z(0) * c;
  g(1, 1) = -z(0) * s;
  g(2, 2) = 1.0;
  return {enu, g * noise_ * g.transpose()};
}

MeasurementModel::PositionSpread PlanarRangeBearingModel::position_spread_of(const Vec3& z) const {
  return spread_at(z, std::sin(z(1)), std::cos(z(1)));
}

MeasurementModel::PositionSpread PlanarRangeBearingModel::spread_at(const Vec3& z,
                                                                    double sin_azimuth,
                                                                    double cos_azimuth) const {
  // The inverse Jacobian's columns (s, c, 0), (r c, -r s, 0), (0, 0, 1) are orthogonal with
  // lengths 1, r, 1, so with R diagonal the east-north block's trace is sigma_r^2 +
  // r^2 sigma_az^2, whatever the azimuth.
  const double horizontal = noise_(0, 0) + z(0) * z(0) * noise_(1, 1);
  return {enu_of(z, sin_azimuth, cos_azimuth), horizontal + noise_(2, 2), horizontal};
}

void PlanarRangeBearingModel::position_spreads_of(std::span<const Vec3> z,
                                                  std::span<PositionSpread> out) const {
  const std::size_t count = std::min(z.size(), out.size());
  // Whole groups of `kLanes` plots through `sincos` (azimuths in, sines and cosines out, each an
  // aligned array of kLanes); the rest one by one.
  std::size_t i = 0;
  [[maybe_unused]] const auto in_lanes = [&]<std::size_t kLanes>(auto sincos) {
    for (; i + kLanes <= count; i += kLanes) {
      alignas(64) double azimuth[kLanes];
      alignas(64) double sines[kLanes];
      alignas(64) double cosines[kLanes];
      for (std::size_t k = 0; k < kLanes; ++k) azimuth[k] = z[i + k](1);
      sincos(azimuth, sines, cosines);
      for (std::size_t k = 0; k < kLanes; ++k)
        out[i + k] = spread_at(z[i + k], sines[k], cosines[k]);
    }
  };
#if defined(__AVX2__)
  in_lanes.template operator()<4>([](const double* azimuth, double* sines, double* cosines) {
    const Sleef___m256d_2 both = Sleef_sincosd4_u10(_mm256_load_pd(azimuth));
    _mm256_store_pd(sines, both.x);
    _mm256_store_pd(cosines, both.y);
  });
#elif defined(__SSE2__)
  in_lanes.template operator()<2>([](const double* azimuth, double* sines, double* cosines) {
    const Sleef___m128d_2 both = Sleef_sincosd2_u10(_mm_load_pd(azimuth));
    _mm_store_pd(sines, both.x);
    _mm_store_pd(cosines, both.y);
  });
#endif
  for (; i < count; ++i) out[i] = position_spread_of(z[i]);
}

}  // namespace straja::tracking
