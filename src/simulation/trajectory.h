#pragma once
// Target motion: where a target is, and how fast it moves, at any instant of its life.
//
// Three sources, one representation. A route (legs) is flown by fly_route() into knots once a
// second followed by a closed-form cruise; a target without legs is a cruise from the start
// (constant ground speed along the WGS84 geodesic, constant vertical rate); a recording is
// replayed through its points. Between knots the position is the cubic Hermite interpolant of the
// knots' ECEF positions and velocities (C1, and exact at every knot); recorded points get
// velocities from their neighbours (the three-point derivative for uneven spacing), so a replay
// passes through every recorded point.

#include <optional>
#include <utility>
#include <vector>

#include "core/time.h"
#include "report/air_picture.h"
#include "simulation/route.h"
#include "simulation/scenario.h"

namespace straja::sim {

class Trajectory {
 public:
  Trajectory(const TargetSpec& spec, Time scenario_start, Time scenario_end);

  const TargetSpec& spec() const { return spec_; }
  Time appear() const { return appear_; }
  Time disappear() const { return disappear_; }
  bool alive_at(Time t) const { return t >= appear_ && t <= disappear_; }
  /// Alive at some instant of [from, to].
  bool overlaps(Time from, Time to) const { return to >= appear_ && from <= disappear_; }

  struct Sample {
    geo::Vec3 ecef_m = geo::Vec3::Zero();
    geo::Vec3 velocity_ecef_mps = geo::Vec3::Zero();
  };
  /// Position and velocity at t (any t; callers check alive_at). In a cruise's first hours these
  /// come from knots a minute apart, within 0.1 mm of position_at()/state_at().
  Sample sample_at(Time t) const;
  geo::Vec3 ecef_at(Time t) const;
  geo::Geodetic position_at(Time t) const;
  /// Truth state (position and local-ENU velocity) at t.
  TruthState state_at(Time t) const;

  /// Lowest and highest height over the target's life (knots and the cruise's ends).
  std::pair<double, double> height_range_m() const;
  const std::vector<Knot>& knots() const { return knots_; }

 private:
  /// The cruise as knots this far apart, for at most this long from its start (sensor queries;
  /// truth rows use the closed form itself).
  static constexpr double kCruiseKnotStepS = 60.0;
  static constexpr double kCruiseKnotSpanS = 6.0 * 3600.0;

  double offset_s(Time t) const { return to_seconds(t - appear_); }
  Sample interpolate(double t_s) const;
  static Sample hermite(const std::vector<Knot>& knots, double t_s);
  bool in_cruise_knots(double t_s) const;
  CruisePoint cruise_point(double t_s, bool with_velocity) const;

  TargetSpec spec_;
  Time appear_;
  Time disappear_;
  std::vector<Knot> knots_;
  bool has_cruise_ = true;  // replays end with their last point
  Cruise cruise_;
  std::optional<CruiseGeometry> cruise_geometry_;  // set up once
  std::vector<Knot> cruise_knots_;  // the cruise's first hours, for sample_at/ecef_at
};

}  // namespace straja::sim
