#include "simulation/adsb_model.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/units.h"
#include "simulation/atmosphere.h"

namespace straja::sim {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

constexpr double kVerticalRateStepMps = 64.0 * units::kFeetPerMinuteMps;

}  // namespace

double nacp_epu_m(int nacp) {
  // DO-260B / ED-102A: EPU < 10, 4, 2, 1, 0.5, 0.3, 0.1, 0.05 NM, 30, 10, 3 m.
  constexpr std::array<double, 12> kEpu = {18'520.0, 18'520.0, 7'408.0, 3'704.0, 1'852.0, 926.0,
                                           555.6,    185.2,    92.6,    30.0,    10.0,    3.0};
  return kEpu[static_cast<std::size_t>(std::clamp(nacp, 0, 11))];
}

double nacv_bound_mps(int nacv) {
  constexpr std::array<double, 5> kBound = {10.0, 10.0, 3.0, 1.0, 0.3};
  return kBound[static_cast<std::size_t>(std::clamp(nacv, 0, 4))];
}

double sigma_for_95_radius(double bound_95) {
  // P(r < k sigma) = 1 - exp(-k^2 / 2) = 0.95  ->  k = sqrt(2 ln 20) = 2.4477.
  return bound_95 / std::sqrt(2.0 * std::log(20.0));
}

AdsbModel::AdsbModel(const SensorSpec& spec, SensorIndex index, const Environment& environment,
                     std::uint64_t seed)
    : spec_(spec), index_(index), environment_(environment), seed_(seed), site_(spec.info.site) {}

bool AdsbModel::receives(const geo::Geodetic& target) const {
  return receives(target, geo::geodetic_to_ecef(target));
}

bool AdsbModel::receives(const geo::Geodetic& target, const geo::Vec3& target_ecef) const {
  if ((target_ecef - site_.origin_ecef()).norm() > spec_.adsb.max_range_m) return false;
  return within_horizon(site_, target_ecef, target, spec_.adsb.four_thirds_earth);
}

double AdsbModel::phase(std::uint32_t target_id) const {
  const std::uint64_t hash =
      splitmix64(seed_ ^ splitmix64((std::uint64_t{index_.value} << 32) | target_id));
  return 0.1 + 0.8 * static_cast<double>(hash >> 11) * 0x1.0p-53;
}

std::vector<Plot> AdsbModel::scan(Time scan_start, const std::vector<Trajectory>& targets,
                                  std::mt19937_64& rng) const {
  const AdsbParameters& p = spec_.adsb;
  std::vector<Plot> plots;
  std::normal_distribution<double> unit_normal(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const Duration time_bias = from_seconds(spec_.biases.time_s);

  for (const Trajectory& target : targets) {
    const TargetSpec& spec = target.spec();
    if (!spec.adsb) continue;
    const double jitter = 0.1 * (2.0 * uniform(rng) - 1.0);
    const Time t = scan_start + from_seconds(p.update_interval_s * (phase(spec.id) + jitter));
    if (!target.alive_at(t)) continue;
    const Trajectory::Sample sample = target.sample_at(t);
    const geo::Geodetic truth = geo::ecef_to_geodetic(sample.ecef_m);
    if (!receives(truth, sample.ecef_m) || uniform(rng) >= p.pd) continue;

    const double position_sigma = sigma_for_95_radius(nacp_epu_m(spec.nacp));
    const double velocity_sigma = sigma_for_95_radius(nacv_bound_mps(spec.nacv));
    const double east_error = position_sigma * unit_normal(rng);
    const double north_error = position_sigma * unit_normal(rng);
    const double height_error = 1.5 * position_sigma * unit_normal(rng);
    const geo::Vec3 velocity = geo::LocalFrame(truth).vector_ecef_to_enu(sample.velocity_ecef_mps);

    // Small horizontal offsets to latitude and longitude through the radii of curvature.
    const double lat = units::deg_to_rad(truth.lat_deg);
    const double flattening = 1.0 / units::kWgs84InverseFlattening;
    const double e2 = flattening * (2.0 - flattening);
    const double w2 = 1.0 - e2 * std::sin(lat) * std::sin(lat);
    const double n = units::kWgs84SemiMajorAxisM / std::sqrt(w2);
    const double m = n * (1.0 - e2) / w2;

    Plot plot;
    plot.time = t + time_bias;
    plot.sensor = index_;
    plot.kind = SensorKind::kAdsb;
    plot.lat_deg = truth.lat_deg + units::rad_to_deg(north_error / (m + truth.height_m));
    plot.lon_deg =
        truth.lon_deg + units::rad_to_deg(east_error / ((n + truth.height_m) * std::cos(lat)));
    plot.alt_m = quantised_altitude_m(pressure_altitude_m(truth.height_m, environment_), 25.0);
    plot.alt_kind = AltitudeKind::kBarometric;
    plot.geo_alt_m = truth.height_m + height_error;
    plot.vel_east_mps = velocity.x() + velocity_sigma * unit_normal(rng);
    plot.vel_north_mps = velocity.y() + velocity_sigma * unit_normal(rng);
    // + 0.0: a level flight reports 0, not -0.
    plot.vel_up_mps = std::round(velocity.z() / kVerticalRateStepMps) * kVerticalRateStepMps + 0.0;
    plot.mode3a = spec.mode3a;
    plot.icao = spec.icao;
    plot.callsign = spec.callsign;
    plot.nacp = static_cast<std::uint8_t>(spec.nacp);
    plot.truth_id = spec.id;
    plots.push_back(std::move(plot));
  }
  std::sort(plots.begin(), plots.end(),
            [](const Plot& a, const Plot& b) { return a.time < b.time; });
  return plots;
}

}  // namespace straja::sim
