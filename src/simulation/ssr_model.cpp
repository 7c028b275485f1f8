#include "simulation/ssr_model.h"

#include <algorithm>

#include "core/units.h"
#include "simulation/atmosphere.h"

namespace straja::sim {

bool ssr_within_limits(const SsrParameters& p, double range_m, double elevation_rad) {
  if (range_m < p.min_range_m || range_m > p.max_range_m) return false;
  const double elevation_deg = units::rad_to_deg(elevation_rad);
  return elevation_deg >= p.min_elevation_deg && elevation_deg <= p.max_elevation_deg;
}

SsrModel::SsrModel(const SensorSpec& spec, SensorIndex index, const Environment& environment)
    : spec_(spec),
      index_(index),
      environment_(environment),
      site_(spec.info.site, spec.ssr.four_thirds_earth ? geo::Propagation::kFourThirdsEarth
                                                       : geo::Propagation::kStraightLine) {
  // Every plot needs the site's geodesic to the target: tabulated once (to under a millimetre).
  site_.tabulate_geodesics(spec.ssr.max_range_m + kGeodesicTableMarginM);
  if (environment.terrain) {
    terrain_mask_ = std::make_shared<const geo::HorizonMask>(
        spec.info.site, *environment.terrain, spec.ssr.max_range_m, kTerrainStepM, kTerrainRays);
  }
}

bool SsrModel::covers(const geo::Geodetic& target) const {
  const geo::Vec3 ecef = geo::geodetic_to_ecef(target);
  return covers(target, ecef, true_polar(site_, ecef, target));
}

bool SsrModel::covers(const geo::Geodetic& target, const geo::Vec3& target_ecef,
                      const geo::Polar& polar) const {
  if (!ssr_within_limits(spec_.ssr, polar.range_m, polar.elevation_rad)) return false;
  if (!within_horizon(site_.frame(), target_ecef, target, spec_.ssr.four_thirds_earth)) {
    return false;
  }
  return !terrain_mask_ ||
         terrain_mask_->visible(polar.azimuth_rad, polar.range_m * std::cos(polar.elevation_rad),
                                target.height_m);
}

std::vector<Plot> SsrModel::scan(Time scan_start, const std::vector<Trajectory>& targets,
                                 std::mt19937_64& rng) const {
  const SsrParameters& p = spec_.ssr;
  std::vector<Plot> plots;
  std::normal_distribution<double> unit_normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const double azimuth_sigma = units::deg_to_rad(p.azimuth_sigma_deg);
  const Duration time_bias = from_seconds(spec_.biases.time_s);

  const geo::Vec3& site_ecef = site_.frame().origin_ecef();
  const Time scan_middle = scan_start + from_seconds(0.5 * p.rotation_period_s);
  for (const Trajectory& target : targets) {
    const TargetSpec& spec = target.spec();
    if (spec.transponder == Transponder::kNone) continue;
    if (!target.overlaps(scan_start, scan_start + from_seconds(p.rotation_period_s))) continue;
    // Coarse gate: a target far beyond range cannot come within it during one rotation.
    const double reach_m = p.max_range_m + 0.5 * p.rotation_period_s * kMaxTargetSpeedMps;
    const Trajectory::Sample middle = target.sample_at(scan_middle);
    if ((middle.ecef_m - site_ecef).norm() > reach_m) continue;
    const auto hit = beam_hit(site_, p.rotation_period_s, target, scan_start, scan_middle, middle);
    if (!hit || !target.alive_at(hit->time)) continue;
    const geo::Vec3& ecef = hit->sample.ecef_m;
    const double chord_m = (ecef - site_ecef).norm();  // the slant range: no geodesy out of range
    if (chord_m < p.min_range_m || chord_m > p.max_range_m) continue;
    const geo::Geodetic position = geo::ecef_to_geodetic(ecef);
    const geo::Polar truth = true_polar(site_, ecef, position);
    if (!covers(position, ecef, truth) || uniform(rng) >= p.pd) continue;
    geo::Polar polar = biased(truth, spec_.biases);
    polar.range_m += p.range_sigma_m * unit_normal(rng);
    polar.azimuth_rad += azimuth_sigma * unit_normal(rng);

    Plot plot;
    plot.time = hit->time + time_bias;
    plot.sensor = index_;
    plot.kind = SensorKind::kSsr;
    plot.range_m = polar.range_m;
    plot.azimuth_rad = units::wrap_two_pi(polar.azimuth_rad);
    const double step_ft = spec.transponder == Transponder::kModeS ? 25.0 : 100.0;
    plot.alt_m =
        quantised_altitude_m(pressure_altitude_m(position.height_m, environment_), step_ft);
    plot.alt_kind = AltitudeKind::kBarometric;
    plot.mode3a = spec.mode3a;
    if (spec.transponder == Transponder::kModeS) {
      plot.icao = spec.icao;
      plot.callsign = spec.callsign;
    }
    plot.truth_id = spec.id;
    plots.push_back(std::move(plot));
  }
  std::sort(plots.begin(), plots.end(),
            [](const Plot& a, const Plot& b) { return a.time < b.time; });
  return plots;
}

}  // namespace straja::sim
