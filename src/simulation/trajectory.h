#pragma once
// Target motion. For now: constant ground speed along the ellipsoid geodesic from the start
// point at the initial heading, with a constant vertical rate ("constant velocity" as an aircraft
// flies it on a round earth).

#include <optional>

#include "core/time.h"
#include "report/air_picture.h"
#include "simulation/scenario.h"

namespace straja::sim {

class Trajectory {
 public:
  Trajectory(const TargetSpec& spec, Time scenario_start, Time scenario_end);

  const TargetSpec& spec() const { return spec_; }
  bool alive_at(Time t) const { return t >= appear_ && t <= disappear_; }
  /// Position at t (any t; callers check alive_at).
  geo::Geodetic position_at(Time t) const;
  /// Truth state (position and local-ENU velocity) at t.
  TruthState state_at(Time t) const;

 private:
  TargetSpec spec_;
  Time appear_;
  Time disappear_;
};

}  // namespace straja::sim
