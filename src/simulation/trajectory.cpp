#include "simulation/trajectory.h"

namespace straja::sim {

Trajectory::Trajectory(const TargetSpec& spec, Time scenario_start, Time scenario_end)
    : spec_(spec),
      appear_(scenario_start + from_seconds(spec.start_s)),
      disappear_(spec.end_s ? std::min(scenario_end, scenario_start + from_seconds(*spec.end_s))
                            : scenario_end) {}

geo::Geodetic Trajectory::position_at(Time t) const {
  const double elapsed_s = to_seconds(t - appear_);
  geo::Geodetic point = geo::geodesic_direct(spec_.start.lat_deg, spec_.start.lon_deg,
                                             spec_.heading_deg, spec_.speed_mps * elapsed_s);
  point.height_m = spec_.start.height_m + spec_.climb_mps * elapsed_s;
  return point;
}

TruthState Trajectory::state_at(Time t) const {
  TruthState state;
  state.time = t;
  state.id = TargetId{spec_.id};
  state.target_class = spec_.target_class;
  state.position = position_at(t);
  // Velocity by a central difference in ECEF (exact for this motion to ~1e-6 m/s), rotated into
  // the local ENU frame at the target.
  constexpr double kStepS = 0.5;
  const Duration step = from_seconds(kStepS);
  const geo::Vec3 ahead = geo::geodetic_to_ecef(position_at(t + step));
  const geo::Vec3 behind = geo::geodetic_to_ecef(position_at(t - step));
  const geo::LocalFrame local(state.position);
  state.velocity_enu_mps = local.vector_ecef_to_enu((ahead - behind) / (2.0 * kStepS));
  return state;
}

}  // namespace straja::sim
