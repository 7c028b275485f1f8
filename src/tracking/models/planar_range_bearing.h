#pragma once
// A 2D radar at the origin of a flat plane (the research bench's geometry): it measures range
// and azimuth (clockwise from the +y "north" axis) of a target in the x-y plane. The tracker's
// state stays 3D; a pseudo-measurement of zero height (sigma `plane_sigma_m`) holds it on the
// plane, so z = (range, azimuth, height).
//
//   range = sqrt(x^2 + y^2),  azimuth = atan2(x, y),  height = z

#include <cmath>

#include "tracking/models/measurement_model.h"

namespace straja::tracking {

class PlanarRangeBearingModel final : public MeasurementModel {
 public:
  PlanarRangeBearingModel(double range_sigma_m, double azimuth_sigma_rad, double max_range_m,
                          double plane_sigma_m = 1.0);

  /// (range_m, azimuth_rad, 0): plots of this model carry no elevation.
  Vec3 measurement_of(const Plot& plot) const override;
  Vec3 predict(const StateVector& state) const override;
  MeasurementMatrix jacobian(const StateVector& state) const override;
  /// Both, the same values, in one call.
  Vec3 predict(const StateVector& state, MeasurementMatrix& jacobian_out) const override;
  Vec3 innovation(const Vec3& z, const Vec3& predicted) const override;
  const Mat3& noise() const override { return noise_; }
  Position position_of(const Vec3& z) const override;
  /// The traces in closed form: sigma_r^2 + (r sigma_az)^2 horizontally, plus the plane's.
  PositionSpread position_spread_of(const Vec3& z) const override;
  /// The same, the sines and cosines of several azimuths at once (SLEEF's vector sincos, within
  /// one unit in the last place of the exact values; with x86 vector instructions only).
  void position_spreads_of(std::span<const Vec3> z, std::span<PositionSpread> out) const override;
  bool covers(const Vec3& predicted) const override { return predicted(0) <= max_range_m_; }
  /// Range and azimuth on east and north, the height on up, R diagonal.
  bool separates_height() const override { return true; }
  /// The range alone (no azimuth), compared squared.
  bool covers_state(const StateVector& state) const override {
    return range_squared_of(state) <= max_range_m_ * max_range_m_;
  }

 private:
  static double range_squared_of(const StateVector& state) {
    return state(0) * state(0) + state(1) * state(1);
  }
  /// sqrt(x^2 + y^2): at a radar's ranges nothing over- or underflows, and std::hypot's care
  /// for that costs more than the rest of the prediction.
  static double range_of(const StateVector& state) { return std::sqrt(range_squared_of(state)); }
  /// The system-ENU position of (range, azimuth, height) z.
  static Vec3 enu_of(const Vec3& z, double sin_azimuth, double cos_azimuth) {
    return {z(0) * sin_azimuth, z(0) * cos_azimuth, z(2)};
  }
  /// position_spread_of(z) with the azimuth's sine and cosine already known.
  PositionSpread spread_at(const Vec3& z, double sin_azimuth, double cos_azimuth) const;
  /// h(state) with its range already known (range_of(state)).
  static Vec3 measurement_at(const StateVector& state, double range);
  /// Fills `h` at `state`; returns the range (the same as range_of), which it computes anyway.
  static double fill_jacobian(const StateVector& state, MeasurementMatrix& h);

  Mat3 noise_;
  double max_range_m_;
};

}  // namespace straja::tracking
