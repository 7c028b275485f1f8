#include "simulation/psr3d_model.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

#include "core/units.h"

namespace straja::sim {

double swerling1_pd(double snr, double pfa) {
  return std::pow(pfa, 1.0 / (1.0 + snr));
}

Psr3dDetection::Psr3dDetection(const Psr3dParameters& parameters)
    : parameters_(parameters),
      log_pfa_(std::log(parameters.pfa)),
      snr_reference_(log_pfa_ / std::log(parameters.pd_at_reference) - 1.0) {}

bool Psr3dDetection::within_limits(double range_m, double elevation_rad, double height_m) const {
  const Psr3dParameters& p = parameters_;
  if (height_m > p.ceiling_m) return false;
  if (range_m < p.min_range_m || range_m > p.max_range_m) return false;
  const double elevation_deg = units::rad_to_deg(elevation_rad);
  return elevation_deg >= p.min_elevation_deg && elevation_deg <= p.max_elevation_deg;
}

double Psr3dDetection::pd_at_range(double range_m, double rcs_m2) const {
  const double range_ratio = parameters_.reference_range_m / range_m;
  const double ratio2 = range_ratio * range_ratio;
  const double snr = snr_reference_ * rcs_m2 * ratio2 * ratio2;
  return std::exp(log_pfa_ / (1.0 + snr));  // swerling1_pd(snr, pfa), without a pow per plot
}

double Psr3dDetection::range_for_pd(double pd, double rcs_m2) const {
  const double snr = std::log(parameters_.pfa) / std::log(pd) - 1.0;
  return parameters_.reference_range_m * std::pow(snr_reference_ * rcs_m2 / snr, 0.25);
}

Psr3dModel::Psr3dModel(const SensorSpec& spec, SensorIndex index,
                       std::shared_ptr<const geo::Terrain> terrain)
    : spec_(spec),
      index_(index),
      site_(spec.info.site, spec.psr3d.four_thirds_earth ? geo::Propagation::kFourThirdsEarth
                                                         : geo::Propagation::kStraightLine),
      detection_(spec.psr3d) {
  // Every plot needs the site's geodesic to the target: tabulated once (to under a millimetre).
  site_.tabulate_geodesics(spec.psr3d.max_range_m + kGeodesicTableMarginM);
  if (terrain) {
    terrain_mask_ = std::make_shared<const geo::HorizonMask>(
        spec.info.site, *terrain, spec.psr3d.max_range_m, kTerrainStepM, kTerrainRays);
  }
}

double Psr3dModel::detection_probability(const geo::Geodetic& target, double rcs_m2) const {
  const geo::Vec3 ecef = geo::geodetic_to_ecef(target);
  return detection_probability(target, ecef, true_polar(site_, ecef, target), rcs_m2);
}

double Psr3dModel::detection_probability(const geo::Geodetic& target, const geo::Vec3& target_ecef,
                                         const geo::Polar& polar, double rcs_m2) const {
  if (!detection_.within_limits(polar.range_m, polar.elevation_rad, target.height_m)) return 0.0;
  if (!within_horizon(site_.frame(), target_ecef, target, spec_.psr3d.four_thirds_earth)) {
    return 0.0;
  }
  if (terrain_mask_ &&
      !terrain_mask_->visible(polar.azimuth_rad, polar.range_m * std::cos(polar.elevation_rad),
                              target.height_m)) {
    return 0.0;
  }
  return detection_.pd_at_range(polar.range_m, rcs_m2);
}

double Psr3dModel::aspect_factor(const Trajectory& target, const Trajectory::Sample& sample) const {
  const double speed = sample.velocity_ecef_mps.norm();
  if (speed < 1.0) return 1.0;  // hovering or drifting slowly: the aspect-averaged RCS
  const geo::Vec3 line_of_sight = site_.frame().origin_ecef() - sample.ecef_m;
  const double cos_aspect =
      sample.velocity_ecef_mps.dot(line_of_sight) / (speed * line_of_sight.norm());
  return aspect_rcs_factor(target.spec().target_class, cos_aspect);
}

std::vector<Plot> Psr3dModel::scan(Time scan_start, const std::vector<Trajectory>& targets,
                                   std::mt19937_64& rng) const {
  const Psr3dParameters& p = spec_.psr3d;
  std::vector<Plot> plots;
  std::normal_distribution<double> unit_normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const double azimuth_sigma = units::deg_to_rad(p.azimuth_sigma_deg);
  const double elevation_sigma = units::deg_to_rad(p.elevation_sigma_deg);
  const Duration time_bias = from_seconds(spec_.biases.time_s);

  auto make_plot = [&](Time t, const geo::Polar& polar, std::int64_t truth_id) {
    Plot plot;
    plot.time = t + time_bias;
    plot.sensor = index_;
    plot.kind = SensorKind::kPsr3d;
    plot.range_m = polar.range_m;
    plot.azimuth_rad = units::wrap_two_pi(polar.azimuth_rad);
    plot.elevation_rad = polar.elevation_rad;
    plot.truth_id = truth_id;
    return plot;
  };

  const geo::Vec3& site_ecef = site_.frame().origin_ecef();
  const Time scan_middle = scan_start + from_seconds(0.5 * p.rotation_period_s);
  for (const Trajectory& target : targets) {
    if (!target.overlaps(scan_start, scan_start + from_seconds(p.rotation_period_s))) continue;
    // Coarse gate: a target far beyond range cannot come within it during one rotation.
    const double reach_m = p.max_range_m + 0.5 * p.rotation_period_s * kMaxTargetSpeedMps;
    const Trajectory::Sample middle = target.sample_at(scan_middle);
    if ((middle.ecef_m - site_ecef).norm() > reach_m) continue;
    const auto hit = beam_hit(site_, p.rotation_period_s, target, scan_start, scan_middle, middle);
    if (!hit || !target.alive_at(hit->time)) continue;
    const Trajectory::Sample& sample = hit->sample;
    // The slant range is the chord: out of range costs no geodesy (detection_probability would
    // say 0 too, and no random number is drawn either way).
    const double chord_m = (sample.ecef_m - site_ecef).norm();
    if (chord_m < p.min_range_m || chord_m > p.max_range_m) continue;
    const geo::Geodetic position = geo::ecef_to_geodetic(sample.ecef_m);
    if (position.height_m > p.ceiling_m) continue;
    const geo::Polar truth = true_polar(site_, sample.ecef_m, position);
    const double rcs = target.spec().rcs_m2 * aspect_factor(target, sample);
    const double pd = detection_probability(position, sample.ecef_m, truth, rcs);
    if (pd <= 0.0 || uniform(rng) >= pd) continue;
    geo::Polar polar = biased(truth, spec_.biases);
    polar.range_m += p.range_sigma_m * unit_normal(rng);
    polar.azimuth_rad += azimuth_sigma * unit_normal(rng);
    polar.elevation_rad += elevation_sigma * unit_normal(rng);
    plots.push_back(make_plot(hit->time, polar, target.spec().id));
  }

  // False alarms: Poisson count, uniform in azimuth (hence in time), in range and in elevation
  // up to false_alarm_max_elevation_deg.
  std::poisson_distribution<int> false_alarm_count(p.false_alarms_per_scan);
  const int count = p.false_alarms_per_scan > 0.0 ? false_alarm_count(rng) : 0;
  const double min_el = units::deg_to_rad(std::max(p.min_elevation_deg, 0.0));
  const double max_el = units::deg_to_rad(p.false_alarm_max_elevation_deg);
  for (int i = 0; i < count; ++i) {
    geo::Polar polar;
    polar.azimuth_rad = 2.0 * units::kPi * uniform(rng);
    polar.range_m = p.min_range_m + (p.max_range_m - p.min_range_m) * uniform(rng);
    polar.elevation_rad = min_el + (max_el - min_el) * uniform(rng);
    const Time t =
        scan_start + from_seconds(rotation_period_s() * polar.azimuth_rad / (2.0 * units::kPi));
    plots.push_back(make_plot(t, polar, -1));
  }
  // In time order (ties: targets before false alarms, each in the order made), sorting small
  // keys rather than the plots themselves: with heavy clutter this sort is a hot spot.
  std::vector<std::pair<Time, std::uint32_t>> order(plots.size());
  for (std::size_t i = 0; i < plots.size(); ++i) {
    order[i] = {plots[i].time, static_cast<std::uint32_t>(i)};
  }
  std::sort(order.begin(), order.end());
  std::vector<Plot> sorted;
  sorted.reserve(plots.size());
  for (const auto& [time, index] : order) sorted.push_back(std::move(plots[index]));
  return sorted;
}

}  // namespace straja::sim
