#pragma once
// Routes: a target's motion as a list of legs flown one after another from its initial state,
// with coordinated turns (by rate, by load factor or the class's default), climbs and descents,
// speed changes and racetrack holds. fly_route() integrates the motion on the WGS84 ellipsoid and
// returns knots (position and velocity, ECEF) once a second, then the straight flight that
// follows the last manoeuvre in closed form (a Cruise), so a long steady flight costs nothing.
//
// Kinematics (state: latitude, longitude, height h, track psi, ground speed v, vertical rate w):
//   dlat/dt = v cos(psi) / (M + h)     dlon/dt = v sin(psi) / ((N + h) cos lat)
//   dpsi/dt = omega + v sin(psi) tan(lat) / (N + h)     (omega = 0 follows the geodesic)
//   dv/dt = commanded acceleration     dh/dt = w     dw/dt = commanded vertical acceleration
// M, N: the ellipsoid's meridian and prime-vertical radii. v is the true horizontal speed at the
// target's height. Integrated by RK4 with steps of at most 0.25 s (up to 1 s on straight stretches
// where no command acts); commands are constant within a step, so every knot lies exactly on the
// integrated path.

#include <optional>
#include <vector>

#include "geo/geodetic.h"
#include "report/air_picture.h"

namespace straja::sim {

enum class TurnDirection : std::uint8_t { kShortest, kLeft, kRight };

/// One leg. Which kind it is follows from the key that ends it (docs/formats/scenario.md).
struct Leg {
  enum class Kind : std::uint8_t {
    kWaypoint,  ///< fly direct to (lat_deg, lon_deg), turning onto it first; ends overhead
    kTurnTo,    ///< turn onto track angle_deg (direction: shortest unless given)
    kTurnBy,    ///< turn by angle_deg (positive: right, clockwise; may exceed 360)
    kStraight,  ///< fly the current track for duration_s
    kHold,      ///< racetrack from here for duration_s: 180 deg turns and hold_leg_s straights
    kLevel,     ///< only changes altitude and/or speed; ends when both are reached
  };
  Kind kind = Kind::kLevel;
  double lat_deg = 0.0;
  double lon_deg = 0.0;
  double angle_deg = 0.0;
  double duration_s = 0.0;
  double hold_leg_s = 60.0;
  TurnDirection direction = TurnDirection::kShortest;
  // Commands that start with this leg and stay until a later leg changes them.
  std::optional<double> alt_m;              ///< climb or descend to this height
  std::optional<double> speed_mps;          ///< accelerate or slow to this ground speed
  std::optional<double> vertical_rate_mps;  ///< for this leg's altitude change (class default)
  std::optional<double> accel_mps2;         ///< for this leg's speed change (class default)
  // How this leg turns (rate, or load factor; neither: the class default).
  std::optional<double> turn_rate_dps;
  std::optional<double> turn_g;
};

/// A trajectory point: seconds since the target appeared, ECEF position and velocity.
struct Knot {
  double t_s = 0.0;
  geo::Vec3 ecef_m = geo::Vec3::Zero();
  geo::Vec3 velocity_ecef_mps = geo::Vec3::Zero();
};

/// Steady flight from t_s on: constant ground speed along the geodesic from `start` at initial
/// track `track_deg`, constant vertical rate.
struct Cruise {
  double t_s = 0.0;
  geo::Geodetic start;
  double track_deg = 0.0;
  double speed_mps = 0.0;
  double climb_mps = 0.0;
};

struct InitialState {
  geo::Geodetic position;
  double track_deg = 0.0;
  double speed_mps = 0.0;
  double climb_mps = 0.0;
};

struct FlightPath {
  std::vector<Knot> knots;  ///< at whole seconds and at the start of the cruise; may be empty
  Cruise cruise;            ///< after the last knot (from t = 0 when there are none)
};

/// Flies `legs` from `initial` for at most `lifetime_s`. With no legs: a cruise from t = 0.
FlightPath fly_route(const InitialState& initial, const std::vector<Leg>& legs,
                     TargetClass target_class, double lifetime_s);

/// Position and velocity on a cruise at t_s >= cruise.t_s.
struct CruisePoint {
  geo::Geodetic position;
  geo::Vec3 velocity_enu_mps = geo::Vec3::Zero();
};
CruisePoint cruise_at(const Cruise& cruise, double t_s, bool with_velocity = true);
/// What every evaluation of one cruise shares, set up once: its geodesic (from its start along its
/// track) and the Gaussian mean radius of curvature at its start.
struct CruiseGeometry {
  explicit CruiseGeometry(const Cruise& cruise);
  geo::GeodesicPath path;
  double mean_radius_m;
};
/// The same as cruise_at(cruise, t_s, with_velocity), to the bit, with `geometry` of `cruise`.
CruisePoint cruise_at(const Cruise& cruise, const CruiseGeometry& geometry, double t_s,
                      bool with_velocity = true);

}  // namespace straja::sim
