#pragma once
// Measurement model of a 3D radar: z = (slant range, azimuth, apparent elevation) of the state's
// position, from the sensor site, through exact geodesy (system ENU -> sensor ENU, or through
// the closed-form 4/3-earth model of geo::LocalRefraction when the sensor measures refracted
// elevation).

#include "geo/radar.h"
#include "report/sensor_report.h"
#include "tracking/models/measurement_model.h"

namespace straja::tracking {

class RadarPolarModel final : public MeasurementModel {
 public:
  RadarPolarModel(const SensorInfo& sensor, const geo::LocalFrame& system_frame);

  /// h(x): predicted (range, azimuth, elevation) of the position part of `state`.
  Vec3 measurement_of(const Plot& plot) const override;
  Vec3 predict(const StateVector& state) const override;
  /// dh/dx at `state` (3x6; velocity columns zero), analytic for either propagation.
  MeasurementMatrix jacobian(const StateVector& state) const override;
  Vec3 predict(const StateVector& state, MeasurementMatrix& jacobian_out) const override;
  /// z - h(x) with the azimuth difference wrapped into [-pi, pi).
  Vec3 innovation(const Vec3& z, const Vec3& predicted) const override;
  const Mat3& noise() const override { return noise_; }

  Position position_of(const Vec3& z) const override;
  /// Within the instrumented range, no lower than 1 deg below the horizontal, and above the
  /// (4/3-earth) radar horizon.
  bool covers(const Vec3& predicted) const override;

  const geo::RadarSite& site() const { return site_; }

 private:
  /// h of a system-ENU position; with `jacobian`, also d h / d position.
  Vec3 predict_position(const Vec3& position_enu, Mat3* jacobian = nullptr) const;

  geo::LocalFrame system_frame_;
  geo::RadarSite site_;
  geo::LocalRefraction refraction_;
  geo::FrameTransform system_to_sensor_;
  geo::FrameTransform sensor_to_system_;
  Mat3 noise_;
  double max_range_m_;
};

}  // namespace straja::tracking
