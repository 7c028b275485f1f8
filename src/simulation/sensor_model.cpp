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
      return std::make_unique<Psr3dModel>(spec, index);
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
  const double horizon_m =
      geo::radar_horizon_distance_m(std::max(0.0, site.height_m), std::max(0.0, target.height_m),
                                    four_thirds_earth ? geo::kFourThirds : 1.0);
  return ground_distance_m <= horizon_m;
}

bool within_horizon(const geo::LocalFrame& site, const geo::Vec3& target_ecef,
                    const geo::Geodetic& target, bool four_thirds_earth) {
  if (site.origin().height_m >= 0.0 && site.ecef_to_enu(target_ecef).z() >= 0.0) return true;
  return within_horizon(site.origin(), target, four_thirds_earth);
}

std::optional<Time> beam_crossing_time(const geo::RadarSite& site, double period_s,
                                       const Trajectory& target, Time scan_start) {
  // The beam points at azimuth 2*pi*(t - scan_start)/T. Fixed-point iteration on the target's
  // azimuth converges in a few steps because targets move far slower than the beam. The azimuth
  // of the chord in the site's ENU frame (the normal section) is the geodesic azimuth of the
  // propagation models to ~1e-6 rad within 250 km, a few microseconds of beam time.
  double offset_s = 0.0;
  for (int iteration = 0; iteration < 4; ++iteration) {
    const Time t = scan_start + from_seconds(offset_s);
    const geo::Vec3 enu = site.frame().ecef_to_enu(target.ecef_at(t));
    const double azimuth = units::wrap_two_pi(std::atan2(enu.x(), enu.y()));
    offset_s = period_s * azimuth / (2.0 * units::kPi);
  }
  if (offset_s < 0.0 || offset_s >= period_s) return std::nullopt;
  return scan_start + from_seconds(offset_s);
}

geo::Polar true_polar(const geo::RadarSite& site, const geo::Vec3& target_ecef) {
  geo::Polar polar = site.to_polar(target_ecef);
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
