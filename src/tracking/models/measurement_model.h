#pragma once
// The measurement-model interface of the trackers: a 3-component measurement z = h(x) of the
// 6-component state, its Jacobian, noise, inverse (for track initiation) and coverage.
// Implementations are immutable after construction, so one instance may be shared by threads.

#include <Eigen/Core>
#include <span>

#include "core/units.h"
#include "report/sensor_report.h"
#include "tracking/types.h"

namespace straja::tracking {

using MeasurementMatrix = Eigen::Matrix<double, 3, kStateSize>;

/// z - predicted with component `angle_index` (an angle) wrapped into [-pi, pi): the innovation of
/// every model whose measurement holds one angle. (Inline: it is on the gating path of every
/// candidate pair.)
inline Vec3 difference_with_wrapped_angle(const Vec3& z, const Vec3& predicted, int angle_index) {
  Vec3 difference = z - predicted;
  difference(angle_index) = units::wrap_pi(difference(angle_index));
  return difference;
}

class MeasurementModel {
 public:
  virtual ~MeasurementModel() = default;

  /// The measurement vector a plot carries for this model.
  virtual Vec3 measurement_of(const Plot& plot) const = 0;
  /// h(x) of the position part of `state`.
  virtual Vec3 predict(const StateVector& state) const = 0;
  /// dh/dx at `state` (3x6).
  virtual MeasurementMatrix jacobian(const StateVector& state) const = 0;
  /// h(x) and dh/dx at `state` together (the same values as predict and jacobian); models whose
  /// two share their costly part override it to compute that part once.
  virtual Vec3 predict(const StateVector& state, MeasurementMatrix& jacobian_out) const {
    jacobian_out = jacobian(state);
    return predict(state);
  }
  /// z - h(x), with angular components wrapped into [-pi, pi).
  virtual Vec3 innovation(const Vec3& z, const Vec3& predicted) const = 0;
  /// Measurement noise covariance R.
  virtual const Mat3& noise() const = 0;

  /// Inverse: the system-ENU position of a measurement and its covariance (linearised).
  struct Position {
    Vec3 enu_m;
    Mat3 covariance;
  };
  virtual Position position_of(const Vec3& z) const = 0;
  /// What the trackers' coarse gates need of position_of: the position and the traces of its
  /// covariance, whole and of the east-north block (equal to position_of's up to rounding).
  /// Models whose traces have a closed form override it to skip forming the covariance.
  struct PositionSpread {
    Vec3 enu_m;
    double variance_m2 = 0.0;             ///< trace of the position covariance
    double horizontal_variance_m2 = 0.0;  ///< trace of its east-north block
  };
  virtual PositionSpread position_spread_of(const Vec3& z) const {
    const Position position = position_of(z);
    return {position.enu_m, position.covariance.trace(),
            position.covariance.topLeftCorner<2, 2>().trace()};
  }
  /// position_spread_of of each of `z`, into `out` (as many): one call per batch of plots. Models
  /// whose spreads vectorise across plots override it; the positions then agree with
  /// position_spread_of's to within a few units in the last place (the trackers use them for
  /// their coarse gates, whose margins are metres).
  virtual void position_spreads_of(std::span<const Vec3> z, std::span<PositionSpread> out) const {
    for (std::size_t i = 0; i < z.size() && i < out.size(); ++i) out[i] = position_spread_of(z[i]);
  }
  /// Whether a target whose predicted measurement is `predicted` lies inside the sensor's
  /// coverage (a track there that gets no plot has missed a detection).
  virtual bool covers(const Vec3& predicted) const = 0;
  /// covers(predict(state)): models that need less than the whole predicted measurement for it
  /// override it.
  virtual bool covers_state(const StateVector& state) const { return covers(predict(state)); }
  /// True for sensors that see only cooperative targets (SSR replies, ADS-B squitters): a track
  /// such a sensor has never updated is not missed by it.
  virtual bool cooperative_only() const { return false; }
  /// True for models whose measurement separates into the horizontal plane and the height:
  /// components 0-1 depend on east and north alone, component 2 on up alone, and R has no entry
  /// between the two groups (a 2D radar with a height pseudo-measurement). The EKF then updates
  /// the two groups apart while the state keeps them uncorrelated (filters/ekf.h).
  virtual bool separates_height() const { return false; }
};

}  // namespace straja::tracking
