#include "tracking/models/radar_polar.h"

#include <Eigen/LU>

#include "core/units.h"

namespace straja::tracking {

RadarPolarModel::RadarPolarModel(const SensorInfo& sensor, const geo::LocalFrame& system_frame)
    : system_frame_(system_frame),
      site_(sensor.site, sensor.four_thirds_earth ? geo::Propagation::kFourThirdsEarth
                                                  : geo::Propagation::kStraightLine),
      refraction_(sensor.site),
      system_to_sensor_(geo::FrameTransform::between(system_frame, site_.frame())),
      sensor_to_system_(system_to_sensor_.inverse()),
      max_range_m_(sensor.max_range_m > 0.0 ? sensor.max_range_m : 1e300) {
  noise_ = Mat3::Zero();
  noise_(0, 0) = sensor.range_sigma_m * sensor.range_sigma_m;
  noise_(1, 1) = sensor.azimuth_sigma_rad * sensor.azimuth_sigma_rad;
  noise_(2, 2) = sensor.elevation_sigma_rad * sensor.elevation_sigma_rad;
}

Vec3 RadarPolarModel::predict_position(const Vec3& position_enu, Mat3* jacobian) const {
  const Vec3 sensor_enu = system_to_sensor_.apply(position_enu);
  geo::Polar polar;
  if (site_.propagation() == geo::Propagation::kStraightLine) {
    polar = geo::enu_to_polar(sensor_enu);
    if (jacobian != nullptr) *jacobian = geo::polar_jacobian(sensor_enu);
  } else if (jacobian != nullptr) {
    polar = refraction_.to_polar(sensor_enu, *jacobian);
  } else {
    polar = refraction_.to_polar(sensor_enu);
  }
  // d polar / d sensor-ENU  *  d sensor-ENU / d system-ENU (a rotation)
  if (jacobian != nullptr) *jacobian = (*jacobian * system_to_sensor_.rotation).eval();
  return {polar.range_m, polar.azimuth_rad, polar.elevation_rad};
}

Vec3 RadarPolarModel::measurement_of(const Plot& plot) const {
  return {plot.range_m, plot.azimuth_rad, plot.elevation_rad};
}

bool RadarPolarModel::covers(const Vec3& predicted) const {
  if (predicted(0) > max_range_m_ || predicted(2) < units::deg_to_rad(-1.0)) return false;
  // Above the radar horizon: the target's height over the effective sphere (from slant range and
  // elevation) against the lowest height visible at its ground distance. A low target beyond the
  // horizon is not missed by this radar.
  const double r = predicted(0);
  const double el = predicted(2);
  const double radius = geo::kFourThirds * geo::kMeanEarthRadiusM;
  const double site = std::max(0.0, site_.site().height_m);
  const double height =
      site + r * std::sin(el) + r * r * std::cos(el) * std::cos(el) / (2 * radius);
  const double ground = r * std::cos(el);
  return ground <= geo::radar_horizon_distance_m(site, std::max(0.0, height));
}

Vec3 RadarPolarModel::predict(const StateVector& state) const {
  return predict_position(state.head<3>());
}

MeasurementMatrix RadarPolarModel::jacobian(const StateVector& state) const {
  MeasurementMatrix h;
  if (site_.propagation() == geo::Propagation::kStraightLine) {
    // d polar / d sensor-ENU  *  d sensor-ENU / d system-ENU (a rotation), without h itself.
    h.leftCols<3>() =
        geo::polar_jacobian(system_to_sensor_.apply(state.head<3>())) * system_to_sensor_.rotation;
    h.rightCols<3>().setZero();
    return h;
  }
  predict(state, h);
  return h;
}

Vec3 RadarPolarModel::predict(const StateVector& state, MeasurementMatrix& jacobian_out) const {
  Mat3 by_position;
  const Vec3 z = predict_position(state.head<3>(), &by_position);
  jacobian_out.leftCols<3>() = by_position;
  jacobian_out.rightCols<3>().setZero();
  return z;
}

Vec3 RadarPolarModel::innovation(const Vec3& z, const Vec3& predicted) const {
  return difference_with_wrapped_angle(z, predicted, 1);
}

RadarPolarModel::Position RadarPolarModel::position_of(const Vec3& z) const {
  const geo::Polar polar{z(0), z(1), z(2)};
  Vec3 enu;
  if (site_.propagation() == geo::Propagation::kStraightLine) {
    enu = sensor_to_system_.apply(geo::polar_to_enu(polar));
  } else {
    enu = sensor_to_system_.apply(refraction_.to_enu(polar));
  }
  StateVector state = StateVector::Zero();
  state.head<3>() = enu;
  const Mat3 h = jacobian(state).leftCols<3>();
  const Mat3 h_inverse = h.inverse();
  return {enu, h_inverse * noise_ * h_inverse.transpose()};
}

}  // namespace straja::tracking
