#include "geo/radar.h"

#include <GeographicLib/Constants.hpp>
#include <GeographicLib/Math.hpp>
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/units.h"

namespace straja::geo {

// Radius of curvature (m) of the WGS84 ellipsoid at geodetic latitude lat_deg in the normal
// section along azimuth_deg, by Euler's formula:
//   1/Ra = cos^2(az)/M + sin^2(az)/N,
//   M = a (1 - e^2) / W^3 (meridian), N = a / W (prime vertical), W = sqrt(1 - e^2 sin^2(lat)).
double normal_section_radius_m(double lat_deg, double azimuth_deg) {
  double sin_az = 0.0;
  double cos_az = 0.0;
  GeographicLib::Math::sincosd(azimuth_deg, sin_az, cos_az);
  return NormalSectionRadius(lat_deg).at(sin_az, cos_az);
}

NormalSectionRadius::NormalSectionRadius(double lat_deg) {
  const double a = GeographicLib::Constants::WGS84_a();
  const double f = GeographicLib::Constants::WGS84_f();
  const double e2 = f * (2.0 - f);
  double sin_lat = 0.0;
  double cos_lat = 0.0;
  GeographicLib::Math::sincosd(lat_deg, sin_lat, cos_lat);
  const double w2 = 1.0 - e2 * sin_lat * sin_lat;
  const double meridian_curvature = w2 * std::sqrt(w2) / (a * (1.0 - e2));
  const double prime_vertical_curvature = std::sqrt(w2) / a;
  mean_curvature_ = 0.5 * (meridian_curvature + prime_vertical_curvature);
  half_difference_ = 0.5 * (meridian_curvature - prime_vertical_curvature);
}

LocalRefraction::LocalRefraction(const Geodetic& site, double k_factor)
    : site_height_m_(site.height_m), k_factor_(k_factor), earth_radius_(site.lat_deg) {}

Polar LocalRefraction::to_polar(const Vec3& enu_m) const {
  return polar(enu_m, nullptr);
}

Polar LocalRefraction::to_polar(const Vec3& enu_m, Mat3& jacobian) const {
  return polar(enu_m, &jacobian);
}

// The forward model, step by step (effective_earth_polar's equations inlined, as the Jacobian
// needs their intermediate values):
//   rho = |(e, n)|, az = atan2(e, n), Ra = 1 / (cos^2(az) / M + sin^2(az) / N)
//   U = Ra + h_s + u, D = |(rho, U)|: target height h_t = D - Ra, central angle theta = atan2(rho,
//   U) effective sphere k Ra: Rt = k Ra + h_t, Rs = k Ra + h_s, theta_e = theta / k x = Rt
//   sin(theta_e), z = Rt cos(theta_e) - Rs: range = |(x, z)|, elevation = atan2(z, x).
Polar LocalRefraction::polar(const Vec3& enu_m, Mat3* jacobian) const {
  const double e = enu_m.x();
  const double n = enu_m.y();
  const double u = enu_m.z();
  const double rho_squared = e * e + n * n;
  const double rho = std::sqrt(rho_squared);
  const double sin_az = rho > 0.0 ? e / rho : 0.0;
  const double cos_az = rho > 0.0 ? n / rho : 1.0;
  const double radius = earth_radius_.at(sin_az, cos_az);
  const double k = k_factor_;
  const double up = radius + site_height_m_ + u;
  const double d_squared = rho_squared + up * up;
  const double d = std::sqrt(d_squared);
  const double theta_e = std::atan2(rho, up) / k;
  const double sin_theta = std::sin(theta_e);
  const double cos_theta = std::cos(theta_e);
  const double effective = k * radius;
  const double target_r = effective + (d - radius);
  const double site_r = effective + site_height_m_;
  const double x = target_r * sin_theta;
  const double z = target_r * cos_theta - site_r;
  const double range_squared = x * x + z * z;
  const double range = std::sqrt(range_squared);
  const Polar result{range, units::wrap_two_pi(std::atan2(e, n)), std::atan2(z, x)};
  if (jacobian == nullptr) return result;
  // (d range, d elevation) from the changes of Rt, theta and Rs.
  const auto polar_change = [&](double d_target_r, double d_theta, double d_site_r) {
    const double dx = d_target_r * sin_theta + target_r * cos_theta * d_theta / k;
    const double dz = d_target_r * cos_theta - target_r * sin_theta * d_theta / k - d_site_r;
    return Eigen::Vector2d((x * dx + z * dz) / range, (x * dz - z * dx) / range_squared);
  };
  // Partial derivatives by rho and u (Ra fixed), and by Ra (U moves with it).
  const Eigen::Vector2d by_rho = polar_change(rho / d, up / d_squared, 0.0);
  const Eigen::Vector2d by_u = polar_change(up / d, -rho / d_squared, 0.0);
  const Eigen::Vector2d by_radius = polar_change(k + up / d - 1.0, -rho / d_squared, k);
  // Ra(az), and az(e, n): (n, -e) / rho^2.
  const double radius_by_az = earth_radius_.derivative(radius, sin_az, cos_az);
  const double az_by_e = n / rho_squared;
  const double az_by_n = -e / rho_squared;
  for (int row = 0; row < 2; ++row) {
    const int out = row == 0 ? 0 : 2;
    (*jacobian)(out, 0) = by_rho(row) * sin_az + by_radius(row) * radius_by_az * az_by_e;
    (*jacobian)(out, 1) = by_rho(row) * cos_az + by_radius(row) * radius_by_az * az_by_n;
    (*jacobian)(out, 2) = by_u(row);
  }
  (*jacobian)(1, 0) = az_by_e;
  (*jacobian)(1, 1) = az_by_n;
  (*jacobian)(1, 2) = 0.0;
  return result;
}

Polar effective_earth_polar(double radius_m, double theta_rad, double site_height_m,
                            double target_height_m, double k_factor) {
  // Effective earth: same ground distance s = Ra theta on a sphere of radius k Ra.
  const double effective = k_factor * radius_m;
  const double theta_e = theta_rad / k_factor;
  const double site_r = effective + site_height_m;
  const double target_r = effective + target_height_m;
  // Target in the effective sphere's plane: horizontal x = Rt sin(theta_e), vertical
  // z = Rt cos(theta_e) - Rs relative to the antenna.
  const double x = target_r * std::sin(theta_e);
  const double z = target_r * std::cos(theta_e) - site_r;
  return {std::hypot(x, z), 0.0, std::atan2(z, x)};
}

Vec3 LocalRefraction::to_enu(const Polar& polar) const {
  const double sin_az = std::sin(polar.azimuth_rad);
  const double cos_az = std::cos(polar.azimuth_rad);
  const double radius = earth_radius_.at(sin_az, cos_az);
  const double effective = k_factor_ * radius;
  const double site_r = effective + site_height_m_;
  const double x = polar.range_m * std::cos(polar.elevation_rad);
  const double z = polar.range_m * std::sin(polar.elevation_rad) + site_r;
  const double target_height = std::hypot(x, z) - effective;
  const double theta = k_factor_ * std::atan2(x, z);  // back to the true sphere
  const double centre_distance = radius + target_height;
  const double rho = centre_distance * std::sin(theta);
  const double up = centre_distance * std::cos(theta) - (radius + site_height_m_);
  return {rho * sin_az, rho * cos_az, up};
}

Polar enu_to_polar(const Vec3& enu_m) {
  // r = |p|, az = atan2(e, n) in [0, 2pi), el = atan2(u, sqrt(e^2 + n^2))
  const double horizontal = std::hypot(enu_m.x(), enu_m.y());
  return {enu_m.norm(), units::wrap_two_pi(std::atan2(enu_m.x(), enu_m.y())),
          std::atan2(enu_m.z(), horizontal)};
}

Vec3 polar_to_enu(const Polar& polar) {
  // e = r cos(el) sin(az), n = r cos(el) cos(az), u = r sin(el)
  const double horizontal = polar.range_m * std::cos(polar.elevation_rad);
  return {horizontal * std::sin(polar.azimuth_rad), horizontal * std::cos(polar.azimuth_rad),
          polar.range_m * std::sin(polar.elevation_rad)};
}

Mat3 polar_jacobian(const Vec3& enu_m) {
  // With rho^2 = e^2 + n^2 and r^2 = rho^2 + u^2:
  //   dr/dp  = (e, n, u) / r
  //   daz/dp = (n, -e, 0) / rho^2
  //   del/dp = (-e u / rho, -n u / rho, rho) / r^2
  const double e = enu_m.x();
  const double n = enu_m.y();
  const double u = enu_m.z();
  const double rho2 = e * e + n * n;
  const double rho = std::sqrt(rho2);
  const double r2 = rho2 + u * u;
  const double r = std::sqrt(r2);
  Mat3 jacobian;
  jacobian << e / r, n / r, u / r,  //
      n / rho2, -e / rho2, 0.0,     //
      -e * u / (rho * r2), -n * u / (rho * r2), rho / r2;
  return jacobian;
}

RadarSite::RadarSite(const Geodetic& site, Propagation propagation, double k_factor)
    : frame_(site), propagation_(propagation), k_factor_(k_factor), earth_radius_(site.lat_deg) {}

void RadarSite::tabulate_geodesics(double max_distance_m) {
  if (propagation_ == Propagation::kFourThirdsEarth) {
    geodesics_ = std::make_shared<const GeodesicFan>(site(), max_distance_m);
  }
}

Polar RadarSite::to_polar(const Vec3& ecef_m) const {
  if (propagation_ == Propagation::kStraightLine) return enu_to_polar(frame_.ecef_to_enu(ecef_m));
  return to_polar(ecef_m, ecef_to_geodetic(ecef_m));
}

Polar RadarSite::to_polar(const Vec3& ecef_m, const Geodetic& target) const {
  if (propagation_ == Propagation::kStraightLine) return enu_to_polar(frame_.ecef_to_enu(ecef_m));

  // Effective earth: the ray is straight over a sphere of radius Re. In the vertical plane through
  // the sphere's centre, the site and the target (central angle theta = s / Re), the target sits
  //   horizontally x = (Re + h_t) sin(theta)
  //   vertically   y = (Re + h_t) cos(theta) - (Re + h_s)
  //                  = (h_t - h_s) - 2 (Re + h_t) sin^2(theta / 2)   (no cancellation)
  // from the antenna, so r = hypot(x, y) and e = atan2(y, x); this is the header's pair of
  // equations solved for r and e.
  const Geodetic& origin = site();
  const GeodesicInverse ground =
      geodesics_ ? geodesics_->inverse(target)
                 : geodesic_inverse(origin.lat_deg, origin.lon_deg, target.lat_deg, target.lon_deg);
  const double earth_m = k_factor_ * earth_radius_.at(ground.azimuth_deg * units::kDegToRad);
  const double theta = ground.distance_m / earth_m;
  const double target_radius_m = earth_m + target.height_m;
  const double half_sin = std::sin(0.5 * theta);
  const double x = target_radius_m * std::sin(theta);
  const double y =
      (target.height_m - origin.height_m) - 2.0 * target_radius_m * half_sin * half_sin;
  // |(x, y)| well inside double range: sqrt(x^2 + y^2) is as exact as hypot here, and cheaper.
  return {std::sqrt(x * x + y * y), units::wrap_two_pi(ground.azimuth_deg * units::kDegToRad),
          std::atan2(y, x)};
}

Vec3 RadarSite::to_ecef(const Polar& polar) const {
  if (propagation_ == Propagation::kStraightLine) return frame_.enu_to_ecef(polar_to_enu(polar));

  // The target relative to the effective sphere's centre, in the vertical plane at the azimuth:
  //   (r cos e, Re + h_s + r sin e)
  // so Re + h_t = |that| (law of cosines: (Re + h_t)^2 = r^2 + (Re + h_s)^2 + 2 r (Re + h_s) sin e)
  // and theta = atan2(r cos e, Re + h_s + r sin e), i.e. sin(theta) = r cos e / (Re + h_t);
  // the ground distance along the geodesic is s = Re * theta.
  const Geodetic& origin = site();
  const double azimuth_deg = polar.azimuth_rad * units::kRadToDeg;
  const double earth_m = k_factor_ * earth_radius_.at(polar.azimuth_rad);
  const double x = polar.range_m * std::cos(polar.elevation_rad);
  const double y = earth_m + origin.height_m + polar.range_m * std::sin(polar.elevation_rad);
  const double theta = std::atan2(x, y);
  const double height_m = std::hypot(x, y) - earth_m;
  if (geodesics_) return geodesics_->direct_ecef(azimuth_deg, earth_m * theta, height_m);
  Geodetic target = geodesic_direct(origin.lat_deg, origin.lon_deg, azimuth_deg, earth_m * theta);
  target.height_m = height_m;
  return geodetic_to_ecef(target);
}

namespace {

// Central angle from the centre of a sphere of radius earth_m between an antenna at height
// height_m and the point where its horizon-grazing ray touches the sphere:
//   acos(Re / (Re + h)) = atan(sqrt(h (2 Re + h)) / Re)   (the atan form keeps precision for
//   small h, where acos is ill-conditioned next to 1).
double horizon_angle(double height_m, double earth_m) {
  const double h = std::max(0.0, height_m);
  return std::atan(std::sqrt(h * (2.0 * earth_m + h)) / earth_m);
}

}  // namespace

double radar_horizon_distance_m(double site_height_m, double target_height_m, double k_factor,
                                double earth_radius_m) {
  const double earth_m = k_factor * earth_radius_m;
  return earth_m *
         (horizon_angle(site_height_m, earth_m) + horizon_angle(target_height_m, earth_m));
}

double lowest_visible_height_m(double site_height_m, double ground_distance_m,
                               double minimum_elevation_rad, double k_factor,
                               double earth_radius_m) {
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  constexpr double kQuarterTurn = 0.5 * units::kPi;
  const double earth_m = k_factor * earth_radius_m;
  const double site_radius_m = earth_m + std::max(0.0, site_height_m);
  const double theta = std::max(0.0, ground_distance_m) / earth_m;

  // A ray leaving the antenna at elevation e is at radius (Re + h_s) cos(e) / cos(theta + e) at
  // central angle theta (law of sines in the triangle centre-antenna-point), while
  // theta + e < pi/2; beyond that it never reaches theta.
  auto ray_height = [&](double elevation_rad) {
    if (theta + elevation_rad >= kQuarterTurn) return kInfinity;
    return site_radius_m * std::cos(elevation_rad) / std::cos(theta + elevation_rad) - earth_m;
  };

  // Geometric horizon: the surface is visible up to the tangent point at theta_h; beyond it the
  // lowest visible point lies on the grazing ray, elevation -theta_h (the dip of the horizon).
  const double horizon_theta = horizon_angle(site_height_m, earth_m);
  double lowest_m = theta <= horizon_theta ? 0.0 : ray_height(-horizon_theta);
  if (minimum_elevation_rad > -kQuarterTurn) {
    lowest_m = std::max(lowest_m, ray_height(minimum_elevation_rad));
  }
  return std::max(0.0, lowest_m);
}

}  // namespace straja::geo
