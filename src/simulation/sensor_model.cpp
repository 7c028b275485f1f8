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

/// A target moving on the straight line p(t) = origin + velocity (t - origin_s) (times in seconds
/// after the scan start) in the site's ENU frame. The azimuth of the chord in that frame (the
/// normal section) is the geodesic azimuth of the propagation models to ~1e-6 rad within 250 km,
/// a few microseconds of beam time.
struct StraightLine {
  geo::Vec3 origin_enu;
  geo::Vec3 velocity_enu;
  double origin_s = 0;

  StraightLine(const geo::LocalFrame& frame, const Trajectory::Sample& sample, double sample_s)
      : origin_enu(frame.ecef_to_enu(sample.ecef_m)),
        velocity_enu(frame.vector_ecef_to_enu(sample.velocity_ecef_mps)),
        origin_s(sample_s) {}
};

/// One Newton step towards the beam crossing: the beam points at azimuth omega t, the target at
/// az(t); the step solves wrap_pi(az(t) - omega t) = 0 on the tangent, with
/// d az / dt = (n ve - e vn) / (e^2 + n^2). Targets move far slower across the sky than the
/// beam, so the derivative omega - d az / dt stays near omega and the step converges
/// quadratically; where a target so close turns as fast as the beam, the step falls back to the
/// derivative omega alone (a fixed-point step).
struct NewtonStep {
  double next_s = 0;    ///< the improved crossing time
  double residual = 0;  ///< wrap_pi(az(t) - omega t) at the time stepped from, radians
};

NewtonStep newton_step(const StraightLine& line, double omega, double t_s) {
  const geo::Vec3 enu = line.origin_enu + line.velocity_enu * (t_s - line.origin_s);
  const double e = enu.x();
  const double n = enu.y();
  const double azimuth = std::atan2(e, n);
  const double rho2 = e * e + n * n;
  const double azimuth_rate =
      rho2 > 0.0 ? (n * line.velocity_enu.x() - e * line.velocity_enu.y()) / rho2 : 0.0;
  double slope = omega - azimuth_rate;
  if (slope < 0.5 * omega) slope = omega;
  NewtonStep step;
  step.residual = units::wrap_pi(azimuth - omega * t_s);
  step.next_s = t_s + step.residual / slope;
  return step;
}

/// A step taken from a residual this small lands within ~1e-12 s of the crossing.
constexpr double kConvergedResidualRad = 1e-4;

/// The crossing on the straight line, starting from the beam time of the line's azimuth at its
/// own origin (the fixed-point guess: within (d az / dt) / omega of the crossing's distance in
/// time), then `steps` Newton steps.
double crossing_on_line(const StraightLine& line, double omega, int steps) {
  const double start_azimuth =
      units::wrap_two_pi(std::atan2(line.origin_enu.x(), line.origin_enu.y()));
  double t_s = start_azimuth / omega;
  for (int i = 0; i < steps; ++i) t_s = newton_step(line, omega, t_s).next_s;
  return t_s;
}

}  // namespace

std::optional<BeamHit> beam_hit(const geo::RadarSite& site, double period_s,
                                const Trajectory& target, Time scan_start, Time guess_time,
                                const Trajectory::Sample& guess) {
  const double omega = 2.0 * units::kPi / period_s;
  // On the straight line through the guess (exact for a geodesic cruise to ~2 cm over 2 s), then
  // on the tangent at the exact sample there (error 0.5 a dt^2: micrometres unless turning),
  // again from the exact sample where a tight turn left the tangent's step large.
  const StraightLine guess_line(site.frame(), guess, to_seconds(guess_time - scan_start));
  double from_s = crossing_on_line(guess_line, omega, 1);
  Trajectory::Sample exact = target.sample_at(scan_start + from_seconds(from_s));
  NewtonStep step = newton_step(StraightLine(site.frame(), exact, from_s), omega, from_s);
  for (int retry = 0; retry < 2 && std::abs(step.residual) > kConvergedResidualRad; ++retry) {
    from_s = step.next_s;
    exact = target.sample_at(scan_start + from_seconds(from_s));
    step = newton_step(StraightLine(site.frame(), exact, from_s), omega, from_s);
  }
  // Newton converges wherever the beam does cross the target in this scan: a residual still
  // this large means it does not (a target close to north, which the beam crosses just before
  // the scan starts or just after it ends).
  if (std::abs(step.residual) > 1e-3) return std::nullopt;
  const double offset_s = step.next_s;
  if (offset_s < 0.0 || offset_s >= period_s) return std::nullopt;
  const Time first = scan_start + from_seconds(from_s);
  BeamHit hit;
  hit.time = scan_start + from_seconds(offset_s);
  const double step_s = to_seconds(hit.time - first);
  if (std::abs(step_s) <= 1e-4) {
    // |a| <= 100 m/s^2 for every class: the tangent is within 0.5 |a| dt^2 <= 5e-7 m.
    hit.sample = {exact.ecef_m + exact.velocity_ecef_mps * step_s, exact.velocity_ecef_mps};
  } else {
    hit.sample = target.sample_at(hit.time);
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
