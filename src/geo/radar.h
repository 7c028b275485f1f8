#pragma once
// Radar polar coordinates for a sensor at a geodetic site, with or without the 4/3-earth
// refraction model, and the radar horizon.
//
// Polar: slant range (m), azimuth (rad, clockwise from true north, [0, 2pi)), elevation (rad, above
// the site's local horizontal plane; with refraction, the *apparent* elevation the radar measures).

#include <Eigen/Core>
#include <cmath>
#include <memory>

#include "core/units.h"
#include "geo/geodesic_fan.h"
#include "geo/geodetic.h"

namespace straja::geo {

struct Polar {
  double range_m = 0.0;
  double azimuth_rad = 0.0;
  double elevation_rad = 0.0;
};

/// Straight-line geometry in the sensor's own ENU frame.
Polar enu_to_polar(const Vec3& enu_m);
Vec3 polar_to_enu(const Polar& polar);
/// d(range, azimuth, elevation) / d(east, north, up), analytic. Undefined at range 0 and at
/// the zenith (horizontal distance 0): callers gate those out.
Mat3 polar_jacobian(const Vec3& enu_m);

enum class Propagation {
  kStraightLine,     ///< exact ellipsoid geometry, no refraction
  kFourThirdsEarth,  ///< standard-atmosphere refraction: effective earth radius k * R, k = 4/3
};

/// Radius of curvature (m) of the WGS84 ellipsoid at lat_deg in the normal section along
/// azimuth_deg (Euler's formula).
double normal_section_radius_m(double lat_deg, double azimuth_deg);

/// Euler's formula at one latitude, its terms computed once: 1 / R(az) = (1/M + 1/N) / 2 +
/// (1/M - 1/N) / 2 cos(2 az), M the meridian and N the prime-vertical radius of curvature. The
/// same radius as normal_section_radius_m to rounding, for the per-plot inner loops.
class NormalSectionRadius {
 public:
  explicit NormalSectionRadius(double lat_deg);
  double at(double azimuth_rad) const {
    return 1.0 / (mean_curvature_ + half_difference_ * std::cos(2.0 * azimuth_rad));
  }
  /// The same from the azimuth's sine and cosine (cos 2 az = cos^2 - sin^2: no trigonometry).
  double at(double sin_az, double cos_az) const {
    return 1.0 / (mean_curvature_ + half_difference_ * (cos_az * cos_az - sin_az * sin_az));
  }
  /// dR / d azimuth (m/rad) where the radius is radius_m (= at(sin_az, cos_az)):
  /// 2 (1/M - 1/N) R^2 sin(az) cos(az).
  double derivative(double radius_m, double sin_az, double cos_az) const {
    return 4.0 * half_difference_ * radius_m * radius_m * sin_az * cos_az;
  }

 private:
  double mean_curvature_ = 0;
  double half_difference_ = 0;
};

/// A radar (or any sensor measuring polar coordinates) at a geodetic site.
///
/// kStraightLine: exact WGS84 geometry through ECEF and the site's ENU frame.
/// kFourThirdsEarth: the effective-earth model. The target's ground distance s (geodesic on the
/// ellipsoid) and height h_t are related to slant range r and apparent elevation e over a sphere
/// of radius Re = k * Ra (Ra: the ellipsoid's radius of curvature at the site along the azimuth,
/// Euler's formula) by
///     (Re + h_t)^2 = r^2 + (Re + h_s)^2 + 2 r (Re + h_s) sin e
///     s = Re * asin(r cos e / (Re + h_t))
/// and the target lies along the geodesic from the site at that azimuth.
class RadarSite {
 public:
  explicit RadarSite(const Geodetic& site, Propagation propagation = Propagation::kStraightLine,
                     double k_factor = 4.0 / 3.0);

  const Geodetic& site() const { return frame_.origin(); }
  const LocalFrame& frame() const { return frame_; }
  Propagation propagation() const { return propagation_; }
  double k_factor() const { return k_factor_; }

  Polar to_polar(const Vec3& ecef_m) const;
  /// The same for a point whose geodetic coordinates are known too (`point` is
  /// ecef_to_geodetic(ecef_m)): saves the conversion in the refraction model.
  Polar to_polar(const Vec3& ecef_m, const Geodetic& point) const;
  Vec3 to_ecef(const Polar& polar) const;
  Polar to_polar(const Geodetic& point) const { return to_polar(geodetic_to_ecef(point)); }
  /// kFourThirdsEarth: tabulates the geodesics from the site out to max_distance_m
  /// (GeodesicFan), so that to_polar and to_ecef within that distance no longer solve the
  /// geodesic inverse or direct problem (same result to under a millimetre, an order of magnitude
  /// faster). For sensors whose polar coordinates are computed very often (the simulator's
  /// radars, registration); costs a few milliseconds once.
  void tabulate_geodesics(double max_distance_m);
  Geodetic to_geodetic(const Polar& polar) const { return ecef_to_geodetic(to_ecef(polar)); }

 private:
  LocalFrame frame_;
  Propagation propagation_;
  double k_factor_;
  NormalSectionRadius earth_radius_;
  std::shared_ptr<const GeodesicFan> geodesics_;  // null unless tabulate_geodesics was called
};

/// The 4/3-earth (k-earth) refraction model on the site's osculating sphere, in closed form:
/// maps a straight-line position in the sensor's own ENU frame to the apparent polar coordinates
/// (and back) without geodesics, for measurement models in a tracker's inner loop.
///
/// The point's height h_t above, and central angle theta from, a sphere of radius Ra (the normal
/// section radius along its azimuth) centred Ra + h_s below the antenna give the ground distance
/// s = Ra theta; the effective-earth equations of RadarSite then give range and elevation. Agrees
/// with RadarSite(kFourThirdsEarth), which follows the ellipsoid geodesic, to about a metre in
/// range and 1e-5 rad in elevation within 250 km (the sphere departs that little from the
/// ellipsoid there).
///
/// The normal section radius comes from the azimuth's sine and cosine (e/rho, n/rho) through
/// NormalSectionRadius: no trigonometry beyond the polar coordinates' own (two atan2, one sincos,
/// three square roots a call).
class LocalRefraction {
 public:
  LocalRefraction(const Geodetic& site, double k_factor = 4.0 / 3.0);

  Polar to_polar(const Vec3& enu_m) const;
  /// to_polar, and its Jacobian d(range, azimuth, elevation) / d(east, north, up) in closed form
  /// (the chain rule through the sphere, the effective-earth step and the normal section radius's
  /// dependence on azimuth; tested against central differences). Singular straight above the
  /// antenna (east = north = 0), as the azimuth is.
  Polar to_polar(const Vec3& enu_m, Mat3& jacobian) const;
  Vec3 to_enu(const Polar& polar) const;

 private:
  Polar polar(const Vec3& enu_m, Mat3* jacobian) const;

  double site_height_m_;
  double k_factor_;
  NormalSectionRadius earth_radius_;  ///< along each azimuth, at the site's latitude
};

/// The effective-earth step of LocalRefraction: a point at central angle theta_rad from an antenna
/// over a sphere of radius radius_m (height above that sphere: target_height_m; the antenna's:
/// site_height_m) seen over the effective sphere k * radius_m with the same ground distance
/// radius_m * theta_rad. Returns the effective-earth slant range and the apparent elevation; the
/// azimuth is left 0 (the caller's).
Polar effective_earth_polar(double radius_m, double theta_rad, double site_height_m,
                            double target_height_m, double k_factor = 4.0 / 3.0);

/// Mean earth radius used by the horizon formulas (IUGG R1, metres).
inline constexpr double kMeanEarthRadiusM = 6371008.8;
inline constexpr double kFourThirds = 4.0 / 3.0;

/// Longest ground distance (m, along the effective sphere's surface) at which a target at
/// target_height_m is above the radar horizon of an antenna at site_height_m (both above the
/// surface, not negative): Re * (acos(Re/(Re+h_s)) + acos(Re/(Re+h_t))), Re = k * R.
/// The familiar approximation is sqrt(2 Re h_s) + sqrt(2 Re h_t) (4.12 km * sqrt(h/m) for k=4/3).
double radar_horizon_distance_m(double site_height_m, double target_height_m,
                                double k_factor = kFourThirds,
                                double earth_radius_m = kMeanEarthRadiusM);

/// Lowest height (m above the surface) visible at ground distance ground_distance_m (along the
/// effective sphere's surface) from an antenna at site_height_m: the higher of the ray grazing the
/// horizon (0 up to the antenna's own horizon distance) and the ray at minimum_elevation_rad, the
/// radar's lowest beam elevation (apparent, in the same effective-earth geometry). A limit at or
/// below -pi/2 (the default) applies none: the geometric horizon only. Infinity where no ray
/// within the limits reaches that distance.
double lowest_visible_height_m(double site_height_m, double ground_distance_m,
                               double minimum_elevation_rad = -units::kPi / 2.0,
                               double k_factor = kFourThirds,
                               double earth_radius_m = kMeanEarthRadiusM);

}  // namespace straja::geo
