#pragma once
// Measurement models of the cooperative sensors.
//
// SsrModel: a rotating SSR / Mode S radar: z = (slant range, azimuth, reported altitude). The
// altitude (Mode C 100 ft or Mode S 25 ft steps, pressure altitude) is taken as height above the
// ellipsoid with `altitude_sigma_m` covering quantisation and the pressure/geometric difference;
// range and azimuth follow straight-line geometry from the antenna (system ENU -> sensor ENU).
//
// AdsbModel: an ADS-B ground station: z = the reported position (lat, lon, height: the GNSS height
// when the plot has one, else the barometric altitude) in system ENU; h(x) = x's position.

#include "geo/geodetic.h"
#include "report/sensor_report.h"
#include "tracking/models/measurement_model.h"

namespace straja::tracking {

class SsrModel final : public MeasurementModel {
 public:
  SsrModel(const SensorInfo& sensor, const geo::LocalFrame& system_frame,
           double altitude_sigma_m = 30.0);

  /// (range, azimuth, alt_m) of the plot; NaN altitude when the plot has none.
  Vec3 measurement_of(const Plot& plot) const override;
  Vec3 predict(const StateVector& state) const override;
  /// Analytic: polar rows through the frame rotation; the height row is the local vertical of the
  /// state's position expressed in system ENU.
  MeasurementMatrix jacobian(const StateVector& state) const override;
  Vec3 innovation(const Vec3& z, const Vec3& predicted) const override;
  const Mat3& noise() const override { return noise_; }
  /// The point at that range and azimuth whose height is the altitude (Newton on elevation).
  Position position_of(const Vec3& z) const override;
  bool covers(const Vec3& predicted) const override;
  bool cooperative_only() const override { return true; }

 private:
  geo::LocalFrame system_frame_;
  geo::LocalFrame site_frame_;
  geo::FrameTransform system_to_sensor_;
  geo::FrameTransform sensor_to_system_;
  Mat3 noise_;
  double max_range_m_;
};

class AdsbModel final : public MeasurementModel {
 public:
  AdsbModel(const SensorInfo& sensor, const geo::LocalFrame& system_frame,
            double horizontal_sigma_m = 30.0, double vertical_sigma_m = 20.0);

  Vec3 measurement_of(const Plot& plot) const override;
  Vec3 predict(const StateVector& state) const override { return state.head<3>(); }
  MeasurementMatrix jacobian(const StateVector& state) const override;
  Vec3 innovation(const Vec3& z, const Vec3& predicted) const override { return z - predicted; }
  const Mat3& noise() const override { return noise_; }
  Position position_of(const Vec3& z) const override { return {z, noise_}; }
  /// Within the station's reception range (horizontal distance from the site).
  bool covers(const Vec3& predicted) const override;
  bool cooperative_only() const override { return true; }

 private:
  geo::LocalFrame system_frame_;
  Vec3 site_enu_;
  Mat3 noise_;
  double max_range_m_;
};

}  // namespace straja::tracking
