// Online radar registration against ADS-B (tracking/registration/sensor_registration.h).

#include "tracking/registration/sensor_registration.h"

#include <array>
#include <cmath>
#include <limits>
#include <span>

#include "core/units.h"

namespace straja::tracking {

using units::kDegToRad;
using units::wrap_pi;
using units::wrap_two_pi;
namespace {

constexpr int kRange = 0, kGain = 1, kAzimuth = 2, kElevation = 3, kTime = 4;
constexpr double kRateStepS = 0.05;  // polar rates: central differences over +-50 ms
// Pairing needs the best candidate this many times closer (in normalised squared distance) than
// the second best.
constexpr double kAmbiguityRatio = 9.0;

/// Exact polar coordinates of an ECEF point as the radar measures them: the straight-line slant
/// range and the azimuth and apparent elevation of the site's propagation model.
geo::Polar measured_polar(const geo::RadarSite& site, const geo::Vec3& ecef) {
  geo::Polar polar = site.to_polar(ecef);
  polar.range_m = (ecef - site.frame().origin_ecef()).norm();
  return polar;
}

}  // namespace

RegistrationJacobian registration_jacobian(const geo::RadarSite& site,
                                           const geo::Vec3& position_ecef,
                                           const geo::Vec3& velocity_ecef) {
  RegistrationJacobian out;
  out.reference = measured_polar(site, position_ecef);
  const geo::Polar later = measured_polar(site, position_ecef + velocity_ecef * kRateStepS);
  const geo::Polar earlier = measured_polar(site, position_ecef - velocity_ecef * kRateStepS);
  const double span = 2.0 * kRateStepS;
  const double range_rate = (later.range_m - earlier.range_m) / span;
  const double azimuth_rate = wrap_pi(later.azimuth_rad - earlier.azimuth_rad) / span;
  const double elevation_rate = (later.elevation_rad - earlier.elevation_rad) / span;
  out.rows << 1.0, out.reference.range_m, 0.0, 0.0, -range_rate,  //
      0.0, 0.0, 1.0, 0.0, -azimuth_rate,                          //
      0.0, 0.0, 0.0, 1.0, -elevation_rate;
  return out;
}

BiasEstimator::BiasEstimator(const RegistrationConfig& config) {
  Vector prior_sigma;
  prior_sigma << config.prior_range_m, config.prior_range_gain,
      config.prior_azimuth_deg * kDegToRad, config.prior_elevation_deg * kDegToRad,
      config.prior_time_s;
  information_ = prior_sigma.array().square().inverse().matrix().asDiagonal();
  information_vector_.setZero();
}

void BiasEstimator::add(const Vector& h, double z, double sigma) {
  const double weight = 1.0 / (sigma * sigma);
  information_.noalias() += weight * h * h.transpose();
  information_vector_.noalias() += weight * z * h;
}

BiasEstimator::Vector BiasEstimator::mean() const {
  return information_.ldlt().solve(information_vector_);
}

BiasEstimator::Matrix BiasEstimator::covariance() const {
  return information_.ldlt().solve(Matrix::Identity());
}

SensorRegistration::SensorRegistration(const SensorRegistry& registry, RegistrationConfig config)
    : config_(config), radars_(registry.sensors.size()) {
  for (std::size_t s = 0; s < registry.sensors.size(); ++s) {
    const SensorInfo& info = registry.sensors[s];
    if (info.kind == SensorKind::kAdsb) continue;
    Radar radar{
        geo::RadarSite(info.site, info.four_thirds_earth ? geo::Propagation::kFourThirdsEarth
                                                         : geo::Propagation::kStraightLine),
        info.range_sigma_m,
        info.azimuth_sigma_rad,
        info.elevation_sigma_rad,
        info.kind == SensorKind::kPsr3d,
        BiasEstimator(config_),
        BiasEstimator::Vector::Zero(),
        BiasEstimator::Matrix::Zero(),
        0};
    radar.covariance = radar.estimator.covariance();
    radars_[s] = std::move(radar);
  }
}

void SensorRegistration::take_reference(const Plot& plot) {
  if (!plot.icao || !measured(plot.lat_deg) || !measured(plot.lon_deg)) return;
  double height = kNotMeasured;
  if (measured(plot.geo_alt_m)) {
    height = plot.geo_alt_m;
  } else if (plot.alt_kind == AltitudeKind::kGeometric && measured(plot.alt_m)) {
    height = plot.alt_m;
  }
  if (!measured(height) || !measured(plot.vel_east_mps) || !measured(plot.vel_north_mps)) return;
  const geo::Geodetic where{plot.lat_deg, plot.lon_deg, height};
  const geo::LocalFrame local(where);
  const geo::Vec3 velocity_enu(plot.vel_east_mps, plot.vel_north_mps,
                               measured(plot.vel_up_mps) ? plot.vel_up_mps : 0.0);
  references_[plot.icao->value] =
      Reference{plot.time, local.origin_ecef(), local.vector_enu_to_ecef(velocity_enu)};
}

void SensorRegistration::pair(Radar& radar, const Plot& plot) {
  const bool with_elevation = radar.three_d && measured(plot.elevation_rad);
  const BiasEstimator::Vector& bias = radar.mean;
  const BiasEstimator::Matrix& p = radar.covariance;
  const double reference_variance = config_.reference_sigma_m * config_.reference_sigma_m;
  // Coarse candidates: straight-line polar coordinates in the site's ENU frame, within a
  // generous window of the measurement less the current estimate.
  const double range_c = (plot.range_m - bias[kRange]) / (1.0 + bias[kGain]);
  const double azimuth_c = plot.azimuth_rad - bias[kAzimuth];
  const double range_window = 6.0 * std::sqrt(radar.range_sigma_m * radar.range_sigma_m +
                                              reference_variance + p(kRange, kRange)) +
                              1'000.0;
  const double azimuth_window =
      6.0 * std::sqrt(radar.azimuth_sigma_rad * radar.azimuth_sigma_rad + p(kAzimuth, kAzimuth)) +
      range_window / std::max(range_c, 1'000.0);

  struct Candidate {
    geo::Vec3 position;
    geo::Vec3 velocity;
    double distance2 = 0.0;
  };
  std::optional<Candidate> best;
  double second_best = std::numeric_limits<double>::infinity();
  const auto consider = [&](const Reference& reference) {
    // The radar saw the target at its stamp less its time offset.
    const double age = to_seconds(plot.time - reference.time) - bias[kTime];
    if (std::abs(age) > config_.max_reference_age_s) return;
    const geo::Vec3 position = reference.position_ecef + reference.velocity_ecef * age;
    const geo::Vec3 enu = radar.site.frame().ecef_to_enu(position);
    const double range_line = enu.norm();
    if (std::abs(range_line - range_c) > range_window) return;
    const double azimuth_line = std::atan2(enu.x(), enu.y());
    if (std::abs(wrap_pi(azimuth_line - azimuth_c)) > azimuth_window) return;
    const geo::Polar ref = measured_polar(radar.site, position);
    const double dr = plot.range_m - ((1.0 + bias[kGain]) * ref.range_m + bias[kRange]);
    const double da = wrap_pi(plot.azimuth_rad - ref.azimuth_rad - bias[kAzimuth]);
    const double ground = std::max(ref.range_m * std::cos(ref.elevation_rad), 1.0);
    double distance2 = dr * dr /
                           (radar.range_sigma_m * radar.range_sigma_m + reference_variance +
                            p(kRange, kRange) + ref.range_m * ref.range_m * p(kGain, kGain)) +
                       da * da /
                           (radar.azimuth_sigma_rad * radar.azimuth_sigma_rad +
                            reference_variance / (ground * ground) + p(kAzimuth, kAzimuth));
    if (with_elevation) {
      const double de = plot.elevation_rad - ref.elevation_rad - bias[kElevation];
      distance2 += de * de /
                   (radar.elevation_sigma_rad * radar.elevation_sigma_rad +
                    reference_variance / (ref.range_m * ref.range_m) + p(kElevation, kElevation));
    }
    if (!best || distance2 < best->distance2) {
      if (best) second_best = best->distance2;
      // The rows are linearised about the reference at the stamped time.
      best = Candidate{position + reference.velocity_ecef * bias[kTime], reference.velocity_ecef,
                       distance2};
    } else {
      second_best = std::min(second_best, distance2);
    }
  };
  if (plot.icao) {
    const auto found = references_.find(plot.icao->value);
    if (found == references_.end()) return;
    consider(found->second);
  } else {
    for (const auto& [address, reference] : references_) consider(reference);
  }
  const double gate2 = config_.gate_sigmas * config_.gate_sigmas;
  if (!best || best->distance2 > gate2 || second_best < kAmbiguityRatio * best->distance2) return;

  // The residual rows, about the reference at the stamped time.
  const RegistrationJacobian jacobian =
      registration_jacobian(radar.site, best->position, best->velocity);
  const geo::Polar& ref = jacobian.reference;
  const double ground = std::max(ref.range_m * std::cos(ref.elevation_rad), 1.0);
  struct Row {
    BiasEstimator::Vector h;
    double z;
    double sigma;
  };
  // Range and azimuth, then elevation for a 3D radar: fixed storage, no allocation per plot.
  const std::array<Row, 3> all_rows = {
      Row{jacobian.rows.row(0).transpose(), plot.range_m - ref.range_m,
          std::sqrt(radar.range_sigma_m * radar.range_sigma_m + reference_variance)},
      Row{jacobian.rows.row(1).transpose(), wrap_pi(plot.azimuth_rad - ref.azimuth_rad),
          std::sqrt(radar.azimuth_sigma_rad * radar.azimuth_sigma_rad +
                    reference_variance / (ground * ground))},
      Row{jacobian.rows.row(2).transpose(),
          with_elevation ? plot.elevation_rad - ref.elevation_rad : 0.0,
          std::sqrt(radar.elevation_sigma_rad * radar.elevation_sigma_rad +
                    reference_variance / (ref.range_m * ref.range_m))}};
  const std::span<const Row> rows(all_rows.data(), with_elevation ? 3 : 2);
  // Outliers (a split plot, a reflection, an extrapolated reference off a turn) are left out.
  for (const Row& row : rows) {
    const double predicted = row.h.dot(bias);
    const double spread = std::sqrt(row.sigma * row.sigma + row.h.dot(p * row.h));
    if (std::abs(row.z - predicted) > config_.gate_sigmas * spread) return;
  }
  for (const Row& row : rows) radar.estimator.add(row.h, row.z, row.sigma);
  ++radar.pairs;
  radar.mean = radar.estimator.mean();
  radar.covariance = radar.estimator.covariance();
}

void SensorRegistration::observe_and_correct(Plot& plot) {
  if (!config_.enabled) return;
  if (plot.kind == SensorKind::kAdsb) {
    take_reference(plot);
    return;
  }
  if (plot.sensor.value >= radars_.size() || !radars_[plot.sensor.value]) return;
  Radar& radar = *radars_[plot.sensor.value];
  if (!measured(plot.range_m) || !measured(plot.azimuth_rad)) return;
  pair(radar, plot);
  if (radar.pairs < config_.min_pairs) return;
  const BiasEstimator::Vector& bias = radar.mean;
  plot.range_m = (plot.range_m - bias[kRange]) / (1.0 + bias[kGain]);
  plot.azimuth_rad = wrap_two_pi(plot.azimuth_rad - bias[kAzimuth]);
  if (radar.three_d && measured(plot.elevation_rad)) plot.elevation_rad -= bias[kElevation];
  plot.time -= from_seconds(bias[kTime]);
}

std::optional<BiasEstimate> SensorRegistration::estimate(SensorIndex sensor) const {
  if (sensor.value >= radars_.size() || !radars_[sensor.value]) return std::nullopt;
  const Radar& radar = *radars_[sensor.value];
  const BiasEstimator::Vector& m = radar.mean;
  const BiasEstimator::Vector sigma = radar.covariance.diagonal().cwiseSqrt();
  BiasEstimate estimate;
  estimate.range_m = m[kRange];
  estimate.range_gain = m[kGain];
  estimate.azimuth_rad = m[kAzimuth];
  estimate.elevation_rad = m[kElevation];
  estimate.time_s = m[kTime];
  estimate.range_m_sigma = sigma[kRange];
  estimate.range_gain_sigma = sigma[kGain];
  estimate.azimuth_rad_sigma = sigma[kAzimuth];
  estimate.elevation_rad_sigma = sigma[kElevation];
  estimate.time_s_sigma = sigma[kTime];
  estimate.has_elevation = radar.three_d;
  estimate.pairs = radar.pairs;
  estimate.applied = config_.enabled && radar.pairs >= config_.min_pairs;
  return estimate;
}

}  // namespace straja::tracking
