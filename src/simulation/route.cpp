#include "simulation/route.h"

#include <algorithm>
#include <cmath>

#include "core/units.h"
#include "simulation/target_class.h"

namespace straja::sim {
namespace {

constexpr double kMaxStepS = 0.25;
constexpr double kFastTurnRadS = 0.1;
constexpr double kOnCourseRad = 1e-5;
constexpr double kG = units::kStandardGravityMps2;
constexpr double kSemiMajorM = units::kWgs84SemiMajorAxisM;
constexpr double kFlattening = 1.0 / units::kWgs84InverseFlattening;
constexpr double kE2 = kFlattening * (2.0 - kFlattening);
constexpr double kTwoPi = 2.0 * units::kPi;

/// Meridian (M) and prime-vertical (N) radii of curvature at a latitude.
struct Radii {
  double m;
  double n;
};
Radii radii(double sin_lat) {
  const double w2 = 1.0 - kE2 * sin_lat * sin_lat;
  const double n = kSemiMajorM / std::sqrt(w2);
  return {n * (1.0 - kE2) / w2, n};
}

struct State {
  double lat = 0.0;  // rad
  double lon = 0.0;  // rad
  double h = 0.0;
  double track = 0.0;  // rad, clockwise from true north
  double speed = 0.0;
  double vz = 0.0;
};

State advanced(const State& s, const State& rate, double k) {
  return {s.lat + k * rate.lat,     s.lon + k * rate.lon,     s.h + k * rate.h,
          s.track + k * rate.track, s.speed + k * rate.speed, s.vz + k * rate.vz};
}

struct Controls {
  double turn_rate = 0.0;  // rad/s, positive right (clockwise)
  double accel = 0.0;
  double vertical_accel = 0.0;
};

State rates(const State& s, const Controls& c) {
  const double sin_lat = std::sin(s.lat);
  const double cos_lat = std::cos(s.lat);
  const double sin_track = std::sin(s.track);
  const double cos_track = std::cos(s.track);
  const Radii r = radii(sin_lat);
  State d;
  d.lat = s.speed * cos_track / (r.m + s.h);
  d.lon = s.speed * sin_track / ((r.n + s.h) * cos_lat);
  d.track = c.turn_rate + s.speed * sin_track * sin_lat / (cos_lat * (r.n + s.h));
  d.h = s.vz;
  d.speed = c.accel;
  d.vz = c.vertical_accel;
  return d;
}

State rk4_step(const State& s, const Controls& c, double dt) {
  const State k1 = rates(s, c);
  const State k2 = rates(advanced(s, k1, dt / 2), c);
  const State k3 = rates(advanced(s, k2, dt / 2), c);
  const State k4 = rates(advanced(s, k3, dt), c);
  State next = s;
  next = advanced(next, k1, dt / 6);
  next = advanced(next, k2, dt / 3);
  next = advanced(next, k3, dt / 3);
  next = advanced(next, k4, dt / 6);
  next.track = units::wrap_two_pi(next.track);
  return next;
}

geo::Geodetic geodetic_of(const State& s) {
  double lon_deg = units::rad_to_deg(s.lon);
  lon_deg = std::fmod(lon_deg + 540.0, 360.0) - 180.0;
  return {units::rad_to_deg(s.lat), lon_deg, s.h};
}

/// East, north and up unit vectors (ECEF) at a latitude and longitude.
struct Axes {
  geo::Vec3 east, north, up;
};
Axes axes(double lat, double lon) {
  const double sl = std::sin(lat), cl = std::cos(lat), so = std::sin(lon), co = std::cos(lon);
  return {{-so, co, 0.0}, {-sl * co, -sl * so, cl}, {cl * co, cl * so, sl}};
}

Knot knot_of(const State& s, double t_s) {
  const Axes a = axes(s.lat, s.lon);
  Knot knot;
  knot.t_s = t_s;
  knot.ecef_m = geo::geodetic_to_ecef(geodetic_of(s));
  knot.velocity_ecef_mps =
      s.speed * std::sin(s.track) * a.east + s.speed * std::cos(s.track) * a.north + s.vz * a.up;
  return knot;
}

/// Flies the legs; one instance per fly_route call.
class Pilot {
 public:
  Pilot(const InitialState& initial, const std::vector<Leg>& legs, TargetClass target_class)
      : legs_(legs),
        limits_(class_limits(target_class)),
        target_speed_(initial.speed_mps),
        vertical_rate_(limits_.vertical_rate_mps),
        accel_(limits_.accel_mps2) {
    s_.lat = units::deg_to_rad(initial.position.lat_deg);
    s_.lon = units::deg_to_rad(initial.position.lon_deg);
    s_.h = initial.position.height_m;
    s_.track = units::wrap_two_pi(units::deg_to_rad(initial.track_deg));
    s_.speed = initial.speed_mps;
    s_.vz = initial.climb_mps;
    if (!legs_.empty()) start_leg();
  }

  FlightPath fly(double lifetime_s) {
    FlightPath path;
    double t = 0.0;
    path.knots.push_back(knot_of(s_, t));
    while (t < lifetime_s - 1e-9) {
      skip_completed_legs();
      const double next_knot = std::floor(t + 1e-9) + 1.0;
      const double limit = std::min({next_knot - t, lifetime_s - t, leg_time_left()});
      double dt = std::min(kMaxStepS, limit);
      Controls c = controls(dt);
      if (steady(c)) break;
      // Nothing changing and nothing about to (a straight stretch): one step to the next knot.
      if (quiet(c) && limit > dt) {
        dt = limit;
        c = controls(dt);
      }
      last_turn_rate_ = c.turn_rate;
      s_ = rk4_step(s_, c, dt);
      snap_level_off();
      after_step(dt);
      t += dt;
      if (std::abs(t - next_knot) < 1e-9) t = next_knot;
      // Knots once a second, and after every step of a fast turn (above 5.7 deg/s), where the
      // Hermite interpolant's acceleration would otherwise lag the true one by ~(omega h)^2/12.
      if (t == next_knot || t >= lifetime_s - 1e-9 || std::abs(c.turn_rate) > kFastTurnRadS) {
        path.knots.push_back(knot_of(s_, t));
      }
    }
    if (path.knots.back().t_s != t) path.knots.push_back(knot_of(s_, t));
    path.cruise = {t, geodetic_of(s_), units::rad_to_deg(s_.track), s_.speed, s_.vz};
    return path;
  }

 private:
  bool legs_done() const { return leg_ >= legs_.size(); }
  const Leg& leg() const { return legs_[leg_]; }

  void start_leg() {
    const Leg& l = leg();
    leg_elapsed_ = 0.0;
    turned_ = 0.0;
    turn_done_ = false;
    established_ = false;
    hold_phase_ = 0;
    phase_elapsed_ = 0.0;
    if (l.alt_m) {
      target_alt_ = *l.alt_m;
      vertical_rate_ = l.vertical_rate_mps.value_or(limits_.vertical_rate_mps);
    }
    if (l.speed_mps) {
      target_speed_ = *l.speed_mps;
      accel_ = l.accel_mps2.value_or(limits_.accel_mps2);
    }
    switch (l.kind) {
      case Leg::Kind::kWaypoint:
        waypoint_ecef_ = geo::geodetic_to_ecef({l.lat_deg, l.lon_deg, 0.0});
        break;
      case Leg::Kind::kTurnTo: {
        const double change = units::wrap_pi(units::deg_to_rad(l.angle_deg) - s_.track);
        turn_sign_ = l.direction == TurnDirection::kRight  ? 1
                     : l.direction == TurnDirection::kLeft ? -1
                     : change >= 0.0                       ? 1
                                                           : -1;
        break;
      }
      case Leg::Kind::kTurnBy:
        turn_sign_ = l.angle_deg >= 0.0 ? 1 : -1;
        break;
      case Leg::Kind::kHold:
        turn_sign_ = l.direction == TurnDirection::kLeft ? -1 : 1;
        break;
      case Leg::Kind::kStraight:
      case Leg::Kind::kLevel:
        break;
    }
  }

  bool altitude_reached() const { return !target_alt_ || (s_.h == *target_alt_ && s_.vz == 0.0); }
  bool speed_reached() const { return s_.speed == target_speed_; }

  bool leg_complete() {
    const Leg& l = leg();
    switch (l.kind) {
      case Leg::Kind::kWaypoint: {
        const Geometry g = waypoint_geometry();
        return g.distance_m <= std::max(s_.speed * kMaxStepS, 1.0) ||
               (established_ && g.along_m <= 0.0);
      }
      case Leg::Kind::kTurnTo:
      case Leg::Kind::kTurnBy:
        return turn_done_;
      case Leg::Kind::kStraight:
      case Leg::Kind::kHold:
        return leg_elapsed_ >= l.duration_s - 1e-9;
      case Leg::Kind::kLevel:
        return altitude_reached() && speed_reached();
    }
    return true;
  }

  void skip_completed_legs() {
    while (!legs_done() && leg_complete()) {
      ++leg_;
      if (!legs_done()) start_leg();
    }
  }

  double leg_time_left() const {
    if (legs_done()) return 1e300;
    const Leg& l = leg();
    double left = 1e300;
    if (l.kind == Leg::Kind::kStraight || l.kind == Leg::Kind::kHold) {
      left = std::min(left, l.duration_s - leg_elapsed_);
    }
    if (l.kind == Leg::Kind::kHold && hold_phase_ % 2 == 1) {
      left = std::min(left, l.hold_leg_s - phase_elapsed_);
    }
    return std::max(left, 1e-6);
  }

  double turn_rate() const {
    const Leg& l = leg();
    double rate = 0.0;
    if (l.turn_rate_dps) {
      rate = units::deg_to_rad(*l.turn_rate_dps);
    } else if (l.turn_g) {
      rate = turn_rate_for_load_factor(s_.speed, *l.turn_g);
    } else {
      rate = std::min(
          units::deg_to_rad(limits_.turn_rate_dps),
          kG * std::tan(units::deg_to_rad(limits_.turn_bank_deg)) / std::max(s_.speed, 1.0));
    }
    return std::min(rate, units::deg_to_rad(limits_.max_turn_rate_dps));
  }

  struct Geometry {
    double distance_m;
    double bearing;  // rad
    double east_m;
    double north_m;
    double along_m;
  };
  /// The waypoint seen from the target: horizontal components of the chord in the local frame.
  Geometry waypoint_geometry() const {
    const Axes a = axes(s_.lat, s_.lon);
    const geo::Geodetic here = geodetic_of(s_);
    const geo::Vec3 d = waypoint_ecef_ - geo::geodetic_to_ecef({here.lat_deg, here.lon_deg, 0.0});
    Geometry g;
    g.east_m = a.east.dot(d);
    g.north_m = a.north.dot(d);
    g.distance_m = std::hypot(g.east_m, g.north_m);
    g.bearing = std::atan2(g.east_m, g.north_m);
    g.along_m = g.east_m * std::sin(s_.track) + g.north_m * std::cos(s_.track);
    return g;
  }

  /// Turns the remaining angle (>= 0) in direction `sign`; true when it completes in this step.
  bool turn(double remaining, int sign, double rate, double dt, Controls& c) const {
    if (remaining <= rate * dt) {
      c.turn_rate = sign * remaining / dt;
      return true;
    }
    c.turn_rate = sign * rate;
    return false;
  }

  Controls controls(double dt) {
    Controls c;
    step_completes_turn_ = false;
    if (!legs_done()) {
      const Leg& l = leg();
      const double rate = turn_rate();
      switch (l.kind) {
        case Leg::Kind::kWaypoint: {
          const Geometry g = waypoint_geometry();
          const double error = units::wrap_pi(g.bearing - s_.track);
          if (std::abs(error) < units::deg_to_rad(1.0)) established_ = true;
          if (std::abs(error) <= kOnCourseRad) {
            c.turn_rate = 0.0;  // on course (1e-5 rad: 2 m off at 200 km)
          } else if (std::abs(error) <= rate * dt) {
            c.turn_rate = error / dt;
          } else {
            const int sign = error > 0.0 ? 1 : -1;
            // A waypoint inside the turning circle cannot be reached by turning now: fly on
            // until it lies outside, then turn.
            const double radius = s_.speed / rate;
            const double centre_east = sign * radius * std::cos(s_.track);
            const double centre_north = -sign * radius * std::sin(s_.track);
            const bool inside = std::hypot(g.east_m - centre_east, g.north_m - centre_north) <
                                radius * (1.0 - 1e-6);
            c.turn_rate = inside ? 0.0 : sign * rate;
          }
          break;
        }
        case Leg::Kind::kTurnTo: {
          const double target = units::deg_to_rad(l.angle_deg);
          double remaining =
              units::wrap_two_pi(turn_sign_ > 0 ? target - s_.track : s_.track - target);
          if (remaining > kTwoPi - 1e-6) remaining = 0.0;  // a hair past: done
          step_completes_turn_ = turn(remaining, turn_sign_, rate, dt, c);
          break;
        }
        case Leg::Kind::kTurnBy: {
          const double remaining =
              std::max(0.0, units::deg_to_rad(std::abs(l.angle_deg)) - turned_);
          step_completes_turn_ = turn(remaining, turn_sign_, rate, dt, c);
          break;
        }
        case Leg::Kind::kHold:
          if (hold_phase_ % 2 == 0) {
            step_completes_turn_ =
                turn(std::max(0.0, units::kPi - turned_), turn_sign_, rate, dt, c);
          }
          break;
        case Leg::Kind::kStraight:
        case Leg::Kind::kLevel:
          break;
      }
    }
    // Speed: towards the commanded speed at the commanded acceleration.
    c.accel = std::clamp((target_speed_ - s_.speed) / dt, -accel_, accel_);
    // Vertical: towards the commanded height, slowing so as to level off at the class's
    // vertical acceleration (the rate that stops in the height left, less one step of lag, so
    // the level-off never overshoots); without a commanded height the vertical rate is held.
    const double va = limits_.vertical_accel_mps2;
    double desired_vz = s_.vz;
    if (target_alt_) {
      const double dh = *target_alt_ - s_.h;
      const double magnitude =
          std::min({vertical_rate_, std::max(0.0, std::sqrt(2.0 * va * std::abs(dh)) - va * dt),
                    std::abs(dh) / dt});
      desired_vz = dh >= 0.0 ? magnitude : -magnitude;
    }
    c.vertical_accel = std::clamp((desired_vz - s_.vz) / dt, -va, va);
    return c;
  }

  /// No command acting, and a waypoint (if any) more than a few seconds away.
  bool quiet(const Controls& c) const {
    if (c.turn_rate != 0.0 || c.accel != 0.0 || c.vertical_accel != 0.0) return false;
    if (legs_done()) return true;
    const Leg& l = leg();
    if (l.kind == Leg::Kind::kWaypoint) return waypoint_geometry().distance_m > 4.0 * s_.speed;
    return l.kind == Leg::Kind::kStraight || (l.kind == Leg::Kind::kHold && hold_phase_ % 2 == 1);
  }

  /// Nothing left to do: every leg flown, no turn, speed steady and the commanded height reached
  /// (or, without one, the climb held). A constant-rate climb towards a commanded height is not
  /// steady: it must still level off.
  bool steady(const Controls& c) const {
    const bool height_reached = !target_alt_ || (s_.h == *target_alt_ && s_.vz == 0.0);
    return legs_done() && c.turn_rate == 0.0 && c.accel == 0.0 && c.vertical_accel == 0.0 &&
           height_reached;
  }

  void snap_level_off() {
    if (target_alt_ && std::abs(*target_alt_ - s_.h) < 0.05 &&
        std::abs(s_.vz) < limits_.vertical_accel_mps2 * kMaxStepS) {
      s_.h = *target_alt_;
      s_.vz = 0.0;
    }
    if (std::abs(target_speed_ - s_.speed) < 1e-9) s_.speed = target_speed_;
  }

  void after_step(double dt) {
    if (legs_done()) return;
    const Leg& l = leg();
    leg_elapsed_ += dt;
    switch (l.kind) {
      case Leg::Kind::kTurnTo:
      case Leg::Kind::kTurnBy:
        turned_ += std::abs(last_turn_rate_) * dt;
        if (step_completes_turn_) turn_done_ = true;
        break;
      case Leg::Kind::kHold:
        if (hold_phase_ % 2 == 0) {
          if (step_completes_turn_) {
            ++hold_phase_;
            turned_ = 0.0;
            phase_elapsed_ = 0.0;
          } else {
            turned_ += std::abs(last_turn_rate_) * dt;
          }
        } else {
          phase_elapsed_ += dt;
          if (phase_elapsed_ >= l.hold_leg_s - 1e-9) {
            ++hold_phase_;
            turned_ = 0.0;
          }
        }
        break;
      default:
        break;
    }
  }

  const std::vector<Leg>& legs_;
  const ClassLimits& limits_;
  State s_;
  std::size_t leg_ = 0;
  // Sticky commands.
  std::optional<double> target_alt_;  // none: hold the vertical rate (the initial climb)
  double target_speed_;
  double vertical_rate_;
  double accel_;
  // The current leg.
  double leg_elapsed_ = 0.0;
  double turned_ = 0.0;
  bool turn_done_ = false;
  bool step_completes_turn_ = false;
  bool established_ = false;
  int turn_sign_ = 1;
  int hold_phase_ = 0;
  double phase_elapsed_ = 0.0;
  double last_turn_rate_ = 0.0;  // commanded in the last step: the angle turned so far
  geo::Vec3 waypoint_ecef_ = geo::Vec3::Zero();
};

}  // namespace

FlightPath fly_route(const InitialState& initial, const std::vector<Leg>& legs,
                     TargetClass target_class, double lifetime_s) {
  if (legs.empty()) {
    FlightPath path;
    path.cruise = {0.0, initial.position, initial.track_deg, initial.speed_mps, initial.climb_mps};
    return path;
  }
  Pilot pilot(initial, legs, target_class);
  return pilot.fly(lifetime_s);
}

CruisePoint cruise_at(const Cruise& cruise, double t_s, bool with_velocity) {
  return cruise_at(cruise, CruiseGeometry(cruise), t_s, with_velocity);
}

CruiseGeometry::CruiseGeometry(const Cruise& cruise)
    : path(cruise.start.lat_deg, cruise.start.lon_deg, cruise.track_deg) {
  // The Gaussian mean radius sqrt(M N) at the start, for the ground distance in cruise_at.
  const Radii r = radii(std::sin(units::deg_to_rad(cruise.start.lat_deg)));
  mean_radius_m = std::sqrt(r.m * r.n);
}

CruisePoint cruise_at(const Cruise& cruise, const CruiseGeometry& geometry, double t_s,
                      bool with_velocity) {
  const double tau = t_s - cruise.t_s;
  const double h0 = cruise.start.height_m;
  const double h = h0 + cruise.climb_mps * tau;
  // Ground distance on the ellipsoid for true speed v at height h: ds = v R / (R + h) dt, with R
  // the Gaussian mean radius sqrt(M N) at the start (the direction-dependent part of R changes
  // the distance by under 1e-5 of h/R).
  const double radius = geometry.mean_radius_m;
  const double distance =
      std::abs(cruise.climb_mps) < 1e-9
          ? cruise.speed_mps * tau * radius / (radius + h0)
          : cruise.speed_mps * radius / cruise.climb_mps * std::log((radius + h) / (radius + h0));
  const geo::GeodesicDirect direct = geometry.path.at(distance);
  CruisePoint point;
  point.position = direct.point;
  point.position.height_m = h;
  if (with_velocity) {
    const double azimuth = units::deg_to_rad(direct.azimuth_deg);
    point.velocity_enu_mps = {cruise.speed_mps * std::sin(azimuth),
                              cruise.speed_mps * std::cos(azimuth), cruise.climb_mps};
  }
  return point;
}

}  // namespace straja::sim
