#include "tracking/models/ssr_adsb.h"

#include <Eigen/LU>
#include <algorithm>
#include <cmath>

#include "geo/radar.h"

namespace straja::tracking {

SsrModel::SsrModel(const SensorInfo& sensor, const geo::LocalFrame& system_frame,
                   double altitude_sigma_m)
    : system_frame_(system_frame),
      site_frame_(sensor.site),
      system_to_sensor_(geo::FrameTransform::between(system_frame, site_frame_)),
      sensor_to_system_(system_to_sensor_.inverse()),
      max_range_m_(sensor.max_range_m > 0.0 ? sensor.max_range_m : 1e300) {
  noise_ = Mat3::Zero();
  noise_(0, 0) = sensor.range_sigma_m * sensor.range_sigma_m;
  noise_(1, 1) = sensor.azimuth_sigma_rad * sensor.azimuth_sigma_rad;
  noise_(2, 2) = altitude_sigma_m * altitude_sigma_m;
}

Vec3 SsrModel::measurement_of(const Plot& plot) const {
  return {plot.range_m, plot.azimuth_rad, plot.alt_m};
}

Vec3 SsrModel::predict(const StateVector& state) const {
  const geo::Polar polar = geo::enu_to_polar(system_to_sensor_.apply(state.head<3>()));
  return {polar.range_m, polar.azimuth_rad, system_frame_.to_geodetic(state.head<3>()).height_m};
}

MeasurementMatrix SsrModel::jacobian(const StateVector& state) const {
  MeasurementMatrix h = MeasurementMatrix::Zero();
  const Vec3 position = state.head<3>();
  const Mat3 polar =
      geo::polar_jacobian(system_to_sensor_.apply(position)) * system_to_sensor_.rotation;
  h.block<2, 3>(0, 0) = polar.topRows<2>();
  // d height / d position: the ellipsoid normal at the point, in system ENU.
  const geo::Geodetic point = system_frame_.to_geodetic(position);
  const double lat = point.lat_deg * M_PI / 180.0;
  const double lon = point.lon_deg * M_PI / 180.0;
  const Vec3 normal_ecef(std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon),
                         std::sin(lat));
  h.block<1, 3>(2, 0) = system_frame_.vector_ecef_to_enu(normal_ecef).transpose();
  return h;
}

Vec3 SsrModel::innovation(const Vec3& z, const Vec3& predicted) const {
  return difference_with_wrapped_angle(z, predicted, 1);
}

SsrModel::Position SsrModel::position_of(const Vec3& z) const {
  const double range = std::max(z(0), 1.0);
  const double site_height = site_frame_.origin().height_m;
  double elevation = std::asin(std::clamp((z(2) - site_height) / range, -1.0, 1.0));
  Vec3 enu = Vec3::Zero();
  for (int i = 0; i < 8; ++i) {
    enu = sensor_to_system_.apply(geo::polar_to_enu({range, z(1), elevation}));
    const double error = system_frame_.to_geodetic(enu).height_m - z(2);
    elevation = std::clamp(elevation - error / (range * std::max(std::cos(elevation), 0.05)),
                           -M_PI / 2, M_PI / 2);
    if (std::abs(error) < 0.01) break;
  }
  StateVector state = StateVector::Zero();
  state.head<3>() = enu;
  const Mat3 h = jacobian(state).leftCols<3>();
  const Mat3 h_inverse = h.inverse();
  return {enu, h_inverse * noise_ * h_inverse.transpose()};
}

bool SsrModel::covers(const Vec3& predicted) const {
  return predicted(0) <= max_range_m_;
}

AdsbModel::AdsbModel(const SensorInfo& sensor, const geo::LocalFrame& system_frame,
                     double horizontal_sigma_m, double vertical_sigma_m)
    : system_frame_(system_frame),
      site_enu_(system_frame.to_enu(sensor.site)),
      max_range_m_(sensor.max_range_m > 0.0 ? sensor.max_range_m : 1e300) {
  noise_ = Mat3::Zero();
  noise_(0, 0) = noise_(1, 1) = horizontal_sigma_m * horizontal_sigma_m;
  noise_(2, 2) = vertical_sigma_m * vertical_sigma_m;
}

Vec3 AdsbModel::measurement_of(const Plot& plot) const {
  const double height = measured(plot.geo_alt_m) ? plot.geo_alt_m : plot.alt_m;
  return system_frame_.to_enu(geo::Geodetic{plot.lat_deg, plot.lon_deg, height});
}

MeasurementMatrix AdsbModel::jacobian(const StateVector&) const {
  MeasurementMatrix h = MeasurementMatrix::Zero();
  h.leftCols<3>().setIdentity();
  return h;
}

bool AdsbModel::covers(const Vec3& predicted) const {
  return (predicted - site_enu_).head<2>().norm() <= max_range_m_;
}

}  // namespace straja::tracking
