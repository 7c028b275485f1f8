#include "simulation/trajectory.h"

#include <algorithm>
#include <cmath>

#include "core/units.h"

namespace straja::sim {
namespace {

/// ENU -> ECEF rotation of a free vector at a geodetic point.
geo::Vec3 enu_to_ecef_vector(const geo::Geodetic& at, const geo::Vec3& enu) {
  const double lat = units::deg_to_rad(at.lat_deg);
  const double lon = units::deg_to_rad(at.lon_deg);
  const double sl = std::sin(lat), cl = std::cos(lat), so = std::sin(lon), co = std::cos(lon);
  return enu.x() * geo::Vec3(-so, co, 0.0) + enu.y() * geo::Vec3(-sl * co, -sl * so, cl) +
         enu.z() * geo::Vec3(cl * co, cl * so, sl);
}

std::vector<Knot> recorded_knots(const RecordedTrack& track) {
  const std::size_t n = track.points.size();
  std::vector<Knot> knots(n);
  for (std::size_t i = 0; i < n; ++i) {
    knots[i].t_s = track.points[i].t_s;
    knots[i].ecef_m = geo::geodetic_to_ecef(track.points[i].position);
  }
  // Velocities: one-sided at the ends, else the three-point derivative for uneven spacing,
  // ((t_i - t_{i-1}) d_{i+1/2} + (t_{i+1} - t_i) d_{i-1/2}) / (t_{i+1} - t_{i-1}).
  auto secant = [&](std::size_t i) {
    return (knots[i + 1].ecef_m - knots[i].ecef_m) / (knots[i + 1].t_s - knots[i].t_s);
  };
  knots.front().velocity_ecef_mps = secant(0);
  knots.back().velocity_ecef_mps = secant(n - 2);
  for (std::size_t i = 1; i + 1 < n; ++i) {
    const double before = knots[i].t_s - knots[i - 1].t_s;
    const double after = knots[i + 1].t_s - knots[i].t_s;
    knots[i].velocity_ecef_mps = (before * secant(i) + after * secant(i - 1)) / (before + after);
  }
  return knots;
}

}  // namespace

Trajectory::Trajectory(const TargetSpec& spec, Time scenario_start, Time scenario_end)
    : spec_(spec), appear_(scenario_start + from_seconds(spec.start_s)) {
  disappear_ = spec.end_s ? std::min(scenario_end, scenario_start + from_seconds(*spec.end_s))
                          : scenario_end;
  if (spec_.recording) {
    knots_ = recorded_knots(*spec_.recording);
    has_cruise_ = false;
    disappear_ = std::min(disappear_, appear_ + from_seconds(knots_.back().t_s));
    return;
  }
  const InitialState initial{spec_.start, spec_.heading_deg, spec_.speed_mps, spec_.climb_mps};
  FlightPath path = fly_route(initial, spec_.legs, spec_.target_class,
                              std::max(0.0, to_seconds(disappear_ - appear_)));
  knots_ = std::move(path.knots);
  cruise_ = path.cruise;
  cruise_geometry_.emplace(cruise_);

  // The cruise's first hours also as knots a minute apart, for the sensors' many queries: cubic
  // Hermite on the closed form's positions and their derivatives departs from it by about
  // h^4 v^4 / (384 R^3), under 0.1 mm at 700 m/s with h = 60 s (checked in the tests). The
  // derivative is taken numerically: the closed form's stated velocity (true speed along the
  // track) differs from it by a few parts in 1e6 (the ground distance uses the mean radius of
  // curvature), which would cost millimetres between knots.
  const double life_s = std::max(0.0, to_seconds(disappear_ - appear_));
  const double cached_end_s = std::min(life_s, cruise_.t_s + kCruiseKnotSpanS);
  if (cached_end_s > cruise_.t_s) {
    const auto intervals =
        static_cast<std::size_t>(std::ceil((cached_end_s - cruise_.t_s) / kCruiseKnotStepS));
    cruise_knots_.reserve(intervals + 1);
    for (std::size_t i = 0; i <= intervals; ++i) {
      const double t_s =
          std::min(cached_end_s, cruise_.t_s + kCruiseKnotStepS * static_cast<double>(i));
      constexpr double kDeltaS = 0.05;
      const geo::Vec3 before = geo::geodetic_to_ecef(cruise_point(t_s - kDeltaS, false).position);
      const geo::Vec3 after = geo::geodetic_to_ecef(cruise_point(t_s + kDeltaS, false).position);
      cruise_knots_.push_back({t_s, geo::geodetic_to_ecef(cruise_point(t_s, false).position),
                               (after - before) / (2.0 * kDeltaS)});
    }
  }
}

CruisePoint Trajectory::cruise_point(double t_s, bool with_velocity) const {
  return cruise_at(cruise_, *cruise_geometry_, t_s, with_velocity);
}

Trajectory::Sample Trajectory::interpolate(double t_s) const {
  return hermite(knots_, t_s);
}

Trajectory::Sample Trajectory::hermite(const std::vector<Knot>& knots, double t_s) {
  // Cubic Hermite between the knots around t_s.
  const auto after = std::upper_bound(knots.begin(), knots.end(), t_s,
                                      [](double t, const Knot& k) { return t < k.t_s; });
  if (after == knots.begin()) return {knots.front().ecef_m, knots.front().velocity_ecef_mps};
  if (after == knots.end()) return {knots.back().ecef_m, knots.back().velocity_ecef_mps};
  const Knot& k0 = *(after - 1);
  const Knot& k1 = *after;
  const double h = k1.t_s - k0.t_s;
  const double s = (t_s - k0.t_s) / h;
  const double s2 = s * s;
  const double s3 = s2 * s;
  const geo::Vec3 m0 = h * k0.velocity_ecef_mps;
  const geo::Vec3 m1 = h * k1.velocity_ecef_mps;
  Sample sample;
  sample.ecef_m = (2 * s3 - 3 * s2 + 1) * k0.ecef_m + (s3 - 2 * s2 + s) * m0 +
                  (-2 * s3 + 3 * s2) * k1.ecef_m + (s3 - s2) * m1;
  sample.velocity_ecef_mps = ((6 * s2 - 6 * s) * k0.ecef_m + (3 * s2 - 4 * s + 1) * m0 +
                              (-6 * s2 + 6 * s) * k1.ecef_m + (3 * s2 - 2 * s) * m1) /
                             h;
  return sample;
}

bool Trajectory::in_cruise_knots(double t_s) const {
  return !cruise_knots_.empty() && t_s >= cruise_knots_.front().t_s &&
         t_s <= cruise_knots_.back().t_s;
}

Trajectory::Sample Trajectory::sample_at(Time t) const {
  const double t_s = offset_s(t);
  if (!knots_.empty() && (!has_cruise_ || t_s <= knots_.back().t_s)) return interpolate(t_s);
  if (in_cruise_knots(t_s)) return hermite(cruise_knots_, t_s);
  const CruisePoint point = cruise_point(t_s, true);
  return {geo::geodetic_to_ecef(point.position),
          enu_to_ecef_vector(point.position, point.velocity_enu_mps)};
}

geo::Vec3 Trajectory::ecef_at(Time t) const {
  const double t_s = offset_s(t);
  if (!knots_.empty() && (!has_cruise_ || t_s <= knots_.back().t_s)) {
    return interpolate(t_s).ecef_m;
  }
  if (in_cruise_knots(t_s)) return hermite(cruise_knots_, t_s).ecef_m;
  return geo::geodetic_to_ecef(cruise_point(t_s, false).position);
}

geo::Geodetic Trajectory::position_at(Time t) const {
  const double t_s = offset_s(t);
  if (!knots_.empty() && (!has_cruise_ || t_s <= knots_.back().t_s)) {
    return geo::ecef_to_geodetic(interpolate(t_s).ecef_m);
  }
  return cruise_point(t_s, false).position;
}

TruthState Trajectory::state_at(Time t) const {
  TruthState state;
  state.time = t;
  state.id = TargetId{spec_.id};
  state.target_class = spec_.target_class;
  const double t_s = offset_s(t);
  if (!knots_.empty() && (!has_cruise_ || t_s <= knots_.back().t_s)) {
    const Sample sample = interpolate(t_s);
    state.position = geo::ecef_to_geodetic(sample.ecef_m);
    state.velocity_enu_mps =
        geo::LocalFrame(state.position).vector_ecef_to_enu(sample.velocity_ecef_mps);
  } else {
    const CruisePoint point = cruise_point(t_s, true);
    state.position = point.position;
    state.velocity_enu_mps = point.velocity_enu_mps;
  }
  return state;
}

std::pair<double, double> Trajectory::height_range_m() const {
  double lowest = 1e300;
  double highest = -1e300;
  auto take = [&](double h) {
    lowest = std::min(lowest, h);
    highest = std::max(highest, h);
  };
  for (const Knot& knot : knots_) take(geo::ecef_to_geodetic(knot.ecef_m).height_m);
  if (has_cruise_) {
    take(cruise_.start.height_m);
    take(cruise_point(to_seconds(disappear_ - appear_), false).position.height_m);
  }
  return {lowest, highest};
}

}  // namespace straja::sim
