#include "simulation/sensor_model.h"

#include <algorithm>
#include <cmath>

#include "simulation/adsb_model.h"
#include "simulation/psr3d_model.h"
#include "simulation/ssr_model.h"

namespace straja::sim {

std::unique_ptr<SensorModel> make_sensor_model(const SensorSpec& spec, SensorIndex index,
                                               const Scenario& scenario) {
  switch (spec.info.kind) {
    case SensorKind::kPsr3d:
      return std::make_unique<Psr3dModel>(spec, index, scenario.environment.terrain);
    case SensorKind::kSsr:
      return std::make_unique<SsrModel>(spec, index, scenario.environment);
    case SensorKind::kAdsb:
      return std::make_unique<AdsbModel>(spec, index, scenario.environment, scenario.seed);
  }
  return nullptr;
}

bool within_horizon(const geo::Geodetic& site, const geo::Geodetic& target,
                    bool four_thirds_earth) {
  const double ground_distance_m =
      geo::geodesic_inverse(site.lat_deg, site.lon_deg, target.lat_deg, target.lon_deg).distance_m;
  return within_horizon(site.height_m, target.height_m, ground_distance_m, four_thirds_earth);
}

bool within_horizon(double site_height_m, double target_height_m, double ground_distance_m,
                    bool four_thirds_earth) {
  const double horizon_m =
      geo::radar_horizon_distance_m(std::max(0.0, site_height_m), std::max(0.0, target_height_m),
                                    four_thirds_earth ? geo::kFourThirds : 1.0);
  return ground_distance_m <= horizon_m;
}

bool within_horizon(const geo::LocalFrame& site, const geo::Vec3& target_ecef,
                    const geo::Geodetic& target, bool four_thirds_earth) {
  if (site.origin().height_m >= 0.0 && site.ecef_to_enu(target_ecef).z() >= 0.0) return true;
  return within_horizon(site.origin(), target, four_thirds_earth);
}

namespace {

/// Beam time (s after scan start) at which the beam points at a target moving on the straight line
/// p(t) = origin + velocity (t - origin_time): fixed-point iteration on the target's azimuth, which
/// converges in a few steps because targets move far slower than the beam. The azimuth of the
/// chord in the site's ENU frame (the normal section) is the geodesic azimuth of the propagation
/// models to ~1e-6 rad within 250 km, a few microseconds of beam time.
double beam_offset_s(const geo::RadarSite& site, double period_s, Time scan_start,
                     const geo::Vec3& origin_ecef, const geo::Vec3& velocity_ecef, Time origin_time,
                     double offset_s, int iterations) {
  const double origin_offset_s = to_seconds(origin_time - scan_start);
  for (int iteration = 0; iteration < iterations; ++iteration) {
    const geo::Vec3 ecef = origin_ecef + velocity_ecef * (offset_s - origin_offset_s);
    const geo::Vec3 enu = site.frame().ecef_to_enu(ecef);
    const double azimuth = units::wrap_two_pi(std::atan2(enu.x(), enu.y()));
    offset_s = period_s * azimuth / (2.0 * units::kPi);
  }
  return offset_s;
}

}  // namespace

std::optional<BeamHit> beam_hit(const geo::RadarSite& site, double period_s,
                                const Trajectory& target, Time scan_start, Time guess_time,
                                const Trajectory::Sample& guess) {
  // On the straight line through the guess (exact for a geodesic cruise to ~2 cm over 2 s), then
  // on the tangent at the exact sample there (error 0.5 a dt^2: micrometres unless turning).
  const double first_s = beam_offset_s(site, period_s, scan_start, guess.ecef_m,
                                       guess.velocity_ecef_mps, guess_time, 0.0, 4);
  const Time first = scan_start + from_seconds(first_s);
  const Trajectory::Sample exact = target.sample_at(first);
  const double offset_s = beam_offset_s(site, period_s, scan_start, exact.ecef_m,
                                        exact.velocity_ecef_mps, first, first_s, 2);
  if (offset_s < 0.0 || offset_s >= period_s) return std::nullopt;
  BeamHit hit;
  hit.time = scan_start + from_seconds(offset_s);
  const double step_s = to_seconds(hit.time - first);
  if (std::abs(step_s) <= 1e-4) {
    // |a| <= 100 m/s^2 for every class: the tangent is within 0.5 |a| dt^2 <= 5e-7 m.
    hit.sample = {exact.ecef_m + exact.velocity_ecef_mps * step_s, exact.velocity_ecef_mps};
  } else {
    hit.sample = target.sample_at(hit.time);
  }
  // The iteration converges (to far better than 1e-3 rad) wherever the beam does cross the
  // target in this scan. Where it does not, it ends anywhere: a target close to north moving
  // clockwise across it just behind the beam, which the beam next crosses early in the next
  // scan. Such a target is not in this scan.
  const geo::Vec3 enu = site.frame().ecef_to_enu(hit.sample.ecef_m);
  const double beam_rad = 2.0 * units::kPi * offset_s / period_s;
  if (std::abs(units::wrap_pi(std::atan2(enu.x(), enu.y()) - beam_rad)) > 1e-3) {
    return std::nullopt;
  }
  return hit;
}

geo::Polar true_polar(const geo::RadarSite& site, const geo::Vec3& target_ecef) {
  return true_polar(site, target_ecef, geo::ecef_to_geodetic(target_ecef));
}

geo::Polar true_polar(const geo::RadarSite& site, const geo::Vec3& target_ecef,
                      const geo::Geodetic& target) {
  geo::Polar polar = site.to_polar(target_ecef, target);
  polar.range_m = (target_ecef - site.frame().origin_ecef()).norm();
  return polar;
}

geo::Polar biased(const geo::Polar& truth, const SensorBiases& biases) {
  geo::Polar polar;
  polar.range_m = (1.0 + biases.range_gain) * truth.range_m + biases.range_m;
  polar.azimuth_rad = units::wrap_two_pi(truth.azimuth_rad + units::deg_to_rad(biases.azimuth_deg));
  polar.elevation_rad = truth.elevation_rad + units::deg_to_rad(biases.elevation_deg);
  return polar;
}

}  // namespace straja::sim
