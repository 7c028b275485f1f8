// Online radar registration against ADS-B (tracking/registration/sensor_registration.h).

#include "tracking/registration/sensor_registration.h"

#include <algorithm>
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

using Rows = JointBiasEstimator::Rows;
constexpr double kSweepIntervalS = 60.0;
constexpr double kDefaultCoverageM = 400'000.0;
constexpr double kCoverageMarginM = 10'000.0;  // a radar pairs plots this far beyond max_range_m //
                                               // geodesics tabulated this far without max_range_m
// A chain's velocity averages at most this many position differences (exponentially after).
constexpr std::uint32_t kVelocityMemory = 8;

Eigen::Vector3d as_vector(const geo::Polar& polar) {
  return {polar.range_m, polar.azimuth_rad, polar.elevation_rad};
}

/// d(radar_coordinates) / d position (ECEF) in closed form. The straight-line range's gradient is
/// the line of sight. The azimuth's and elevation's come from the site's ENU polar Jacobian: exact
/// for a straight-line site; for a refracting one, LocalRefraction's (the site's osculating
/// sphere, whose coordinates depart from the ellipsoid geodesic's by at most ~1e-5 rad within
/// 250 km, so their derivatives by a few parts per million). An SSR's height has the ellipsoid
/// normal at the point as its gradient.
Eigen::Matrix3d coordinates_jacobian(const geo::RadarSite& site, bool three_d,
                                     const geo::Vec3& position_ecef) {
  const geo::LocalFrame& frame = site.frame();
  const geo::Vec3 enu = frame.ecef_to_enu(position_ecef);
  geo::Mat3 polar_enu;
  if (site.propagation() == geo::Propagation::kStraightLine) {
    polar_enu = geo::polar_jacobian(enu);
  } else {
    geo::LocalRefraction(site.site(), site.k_factor()).to_polar(enu, polar_enu);
  }
  Eigen::Matrix3d jacobian = polar_enu * frame.ecef_to_enu_rotation();
  jacobian.row(0) = (position_ecef - frame.origin_ecef()).normalized().transpose();
  if (!three_d) {
    const geo::Geodetic point = geo::ecef_to_geodetic(position_ecef);
    const double lat = point.lat_deg * kDegToRad;
    const double lon = point.lon_deg * kDegToRad;
    const double cos_lat = std::cos(lat);
    const double cos_lon = std::cos(lon);
    const double sin_lat = std::sin(lat);
    const double sin_lon = std::sin(lon);
    jacobian.row(2) << cos_lat * cos_lon, cos_lat * sin_lon, sin_lat;
  }
  return jacobian;
}

/// E[f(x + n)] - f(x) to second order for zero-mean n of covariance `covariance`: half the
/// trace of f's Hessian times the covariance, from symmetric sigma points (the columns of its
/// Cholesky factor); the azimuth (second coordinate) wrapped.
template <class Coordinates>
Eigen::Vector3d second_order_bias(const Coordinates& f, const geo::Vec3& at,
                                  const Eigen::Matrix3d& covariance) {
  const Eigen::Matrix3d factor = covariance.llt().matrixL();
  const Eigen::Vector3d centre = f(at);
  Eigen::Vector3d bias = Eigen::Vector3d::Zero();
  for (int k = 0; k < 3; ++k) {
    Eigen::Vector3d ahead = f(at + factor.col(k)) - centre;
    Eigen::Vector3d behind = f(at - factor.col(k)) - centre;
    ahead[1] = wrap_pi(ahead[1]);
    behind[1] = wrap_pi(behind[1]);
    bias += 0.5 * (ahead + behind);
  }
  return bias;
}

/// The error model's rows at a point at straight-line range `range_m` whose coordinates change
/// with position as `jacobian` says: d(range, azimuth, third coordinate) / d(range_m, range_gain,
/// azimuth, elevation, time_s); the elevation column only for a 3D radar.
Rows error_rows(double range_m, const Eigen::Matrix3d& jacobian, const geo::Vec3& velocity_ecef,
                bool three_d) {
  Rows rows = Rows::Zero();
  rows(0, kRange) = 1.0;
  rows(0, kGain) = range_m;
  rows(1, kAzimuth) = 1.0;
  if (three_d) rows(2, kElevation) = 1.0;
  rows.col(kTime) = -(jacobian * velocity_ecef);
  return rows;
}

/// Whether two plots may be of the same target: equal addresses when both have one, else equal
/// Mode 3/A codes when both have one.
bool may_be_same(const std::optional<IcaoAddress>& icao_a, const std::optional<Mode3A>& mode3a_a,
                 const std::optional<IcaoAddress>& icao_b, const std::optional<Mode3A>& mode3a_b) {
  if (icao_a && icao_b) return *icao_a == *icao_b;
  if (mode3a_a && mode3a_b) return *mode3a_a == *mode3a_b;
  return true;
}

std::size_t radar_count(const SensorRegistry& registry) {
  std::size_t count = 0;
  for (const SensorInfo& info : registry.sensors) count += info.kind == SensorKind::kAdsb ? 0 : 1;
  return count;
}

}  // namespace

Eigen::Vector3d radar_coordinates(const geo::RadarSite& site, bool three_d,
                                  const geo::Vec3& position_ecef) {
  const geo::Polar polar = measured_polar(site, position_ecef);
  return {polar.range_m, polar.azimuth_rad,
          three_d ? polar.elevation_rad : geo::ecef_to_geodetic(position_ecef).height_m};
}

geo::Vec3 radar_position(const geo::RadarSite& site, bool three_d,
                         const Eigen::Vector3d& coordinates) {
  const geo::Vec3& origin = site.frame().origin_ecef();
  const double range = std::max(coordinates[0], 1.0);
  geo::Polar polar{range, coordinates[1], coordinates[2]};
  if (!three_d) {
    // First guess: the height gain of a ray over the effective earth.
    const double effective_radius = site.k_factor() * 6'371'000.0;
    const double rise =
        coordinates[2] - site.site().height_m - range * range / (2.0 * effective_radius);
    polar.elevation_rad = std::asin(std::clamp(rise / range, -1.0, 1.0));
  }
  // to_ecef's range is its propagation model's; the measured one is the straight line. Fixed
  // point iterations on the range (and for an SSR on the elevation that gives the height).
  geo::Vec3 ecef = site.to_ecef(polar);
  // The range converges in one step (millimetres); an SSR's elevation in a few.
  const int iterations = three_d ? 1 : 4;
  for (int iteration = 0; iteration < iterations; ++iteration) {
    polar.range_m += range - (ecef - origin).norm();
    if (!three_d) {
      const double height = geo::ecef_to_geodetic(ecef).height_m;
      polar.elevation_rad +=
          (coordinates[2] - height) / std::max(range * std::cos(polar.elevation_rad), 1.0);
    }
    ecef = site.to_ecef(polar);
  }
  return ecef;
}

PairJacobian pair_jacobian(const geo::RadarSite& a, bool a_three_d, const geo::RadarSite& b,
                           bool b_three_d, const geo::Vec3& q_ecef,
                           const geo::Vec3& velocity_ecef) {
  PairJacobian out;
  out.predicted = measured_polar(a, q_ecef);
  out.j_a = coordinates_jacobian(a, true, q_ecef);
  const Eigen::Matrix3d j_b = coordinates_jacobian(b, b_three_d, q_ecef);
  out.g_b = j_b.inverse();
  out.a_rows = error_rows(out.predicted.range_m, out.j_a, velocity_ecef, a_three_d);
  const Rows b_own =
      error_rows((q_ecef - b.frame().origin_ecef()).norm(), j_b, velocity_ecef, b_three_d);
  out.b_rows = -(out.j_a * out.g_b * b_own);
  if (!a_three_d) {
    out.a_rows.row(2).setZero();
    out.b_rows.row(2).setZero();
  }
  return out;
}

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

JointBiasEstimator::JointBiasEstimator(std::size_t radars, const RegistrationConfig& config) {
  const Eigen::Index size = 5 * static_cast<Eigen::Index>(radars);
  Vector prior_sigma;
  prior_sigma << config.prior_range_m, config.prior_range_gain,
      config.prior_azimuth_deg * kDegToRad, config.prior_elevation_deg * kDegToRad,
      config.prior_time_s;
  const Vector prior_information = prior_sigma.array().square().inverse().matrix();
  information_ = Eigen::MatrixXd::Zero(size, size);
  for (Eigen::Index block = 0; block < size; block += 5) {
    information_.diagonal().segment<5>(block) = prior_information;
  }
  information_vector_ = Eigen::VectorXd::Zero(size);
  mean_ = Eigen::VectorXd::Zero(size);
  covariance_ = information_.diagonal().cwiseInverse().asDiagonal();
}

void JointBiasEstimator::add(std::size_t radar, const Rows& rows, const Eigen::Vector3d& z,
                             const Eigen::Matrix3d& weight) {
  const Eigen::Index at = 5 * static_cast<Eigen::Index>(radar);
  const Eigen::Matrix<double, 5, 3> weighted = rows.transpose() * weight;
  information_.block<5, 5>(at, at).noalias() += weighted * rows;
  information_vector_.segment<5>(at).noalias() += weighted * z;
  update_estimate(at, rows, 0, nullptr, z, weight);
}

void JointBiasEstimator::add_pair(std::size_t a, const Rows& a_rows, std::size_t b,
                                  const Rows& b_rows, const Eigen::Vector3d& z,
                                  const Eigen::Matrix3d& weight) {
  const Eigen::Index at_a = 5 * static_cast<Eigen::Index>(a);
  const Eigen::Index at_b = 5 * static_cast<Eigen::Index>(b);
  const Eigen::Matrix<double, 5, 3> weighted_a = a_rows.transpose() * weight;
  const Eigen::Matrix<double, 5, 3> weighted_b = b_rows.transpose() * weight;
  information_.block<5, 5>(at_a, at_a).noalias() += weighted_a * a_rows;
  information_.block<5, 5>(at_a, at_b).noalias() += weighted_a * b_rows;
  information_.block<5, 5>(at_b, at_a).noalias() += weighted_b * a_rows;
  information_.block<5, 5>(at_b, at_b).noalias() += weighted_b * b_rows;
  information_vector_.segment<5>(at_a).noalias() += weighted_a * z;
  information_vector_.segment<5>(at_b).noalias() += weighted_b * z;
  update_estimate(at_a, a_rows, at_b, &b_rows, z, weight);
}

void JointBiasEstimator::update_estimate(Eigen::Index at_a, const Rows& a_rows, Eigen::Index at_b,
                                         const Rows* b_rows, const Eigen::Vector3d& z,
                                         const Eigen::Matrix3d& weight) {
  // With H the residual's rows over all unknowns (zero outside the blocks), G = P H^T and
  // M = H P H^T: the gain is G (W^-1 + M)^-1 = G (I + W M)^-1 W, which needs no inverse of W
  // (singular where a row is left out), and P' = P - G (I + W M)^-1 W G^T (Woodbury: the
  // inverse of the information plus H^T W H).
  Eigen::Matrix<double, Eigen::Dynamic, 3> g = covariance_.middleCols<5>(at_a) * a_rows.transpose();
  Eigen::Vector3d predicted = a_rows * mean_.segment<5>(at_a);
  if (b_rows) {
    g.noalias() += covariance_.middleCols<5>(at_b) * b_rows->transpose();
    predicted.noalias() += *b_rows * mean_.segment<5>(at_b);
  }
  Eigen::Matrix3d m = a_rows * g.middleRows<5>(at_a);
  if (b_rows) m.noalias() += *b_rows * g.middleRows<5>(at_b);
  const Eigen::Matrix3d t = (Eigen::Matrix3d::Identity() + weight * m).partialPivLu().solve(weight);
  const Eigen::Matrix3d symmetric_t = 0.5 * (t + t.transpose());  // symmetric but for rounding
  const Eigen::Matrix<double, Eigen::Dynamic, 3> gain = g * symmetric_t;
  mean_.noalias() += gain * (z - predicted);
  covariance_.noalias() -= gain * g.transpose();
  // Exactly symmetric again (the product is only up to rounding): the diagonal blocks are read
  // as covariances between exact solves.
  covariance_ = 0.5 * (covariance_ + covariance_.transpose()).eval();
}

void JointBiasEstimator::solve() {
  if (information_.rows() == 0) return;
  const Eigen::LDLT<Eigen::MatrixXd> factor = information_.ldlt();
  mean_ = factor.solve(information_vector_);
  covariance_ = factor.solve(Eigen::MatrixXd::Identity(information_.rows(), information_.cols()));
}

SensorRegistration::SensorRegistration(const SensorRegistry& registry, RegistrationConfig config)
    : config_(config),
      radars_(registry.sensors.size()),
      joint_(radar_count(registry), config_),
      nearby_of_(registry.sensors.size()),
      wanted_(registry.sensors.size()),
      budgets_(registry.sensors.size() * registry.sensors.size()),
      radar_budgets_(registry.sensors.size()),
      sensors_(registry.sensors.size()) {
  double slowest_rotation_s = 0.0;
  for (std::size_t s = 0; s < registry.sensors.size(); ++s) {
    const SensorInfo& info = registry.sensors[s];
    if (info.kind == SensorKind::kAdsb) continue;
    if (blocks_ == 0) grid_frame_ = geo::LocalFrame(info.site);
    slowest_rotation_s = std::max(slowest_rotation_s, info.rotation_period_s);
    Radar radar{
        geo::RadarSite(info.site, info.four_thirds_earth ? geo::Propagation::kFourThirdsEarth
                                                         : geo::Propagation::kStraightLine),
        info.range_sigma_m,
        info.azimuth_sigma_rad,
        info.elevation_sigma_rad,
        info.rotation_period_s,
        info.max_range_m,
        info.kind == SensorKind::kPsr3d,
        blocks_++,
        JointBiasEstimator::Vector::Zero(),
        JointBiasEstimator::Matrix::Zero(),
        0,
        0};
    radar.covariance = joint_.covariance(radar.block, radar.block);
    // Polar coordinates are computed a few dozen times a pair: geodesics tabulated once.
    radar.site.tabulate_geodesics(info.max_range_m > 0.0 ? 1.2 * info.max_range_m
                                                         : kDefaultCoverageM);
    radars_[s] = std::move(radar);
  }
  keep_s_ = slowest_rotation_s > 0.0 ? 1.5 * slowest_rotation_s : keep_s_;
}

void SensorRegistration::solve(Time now) {
  if (!last_solve_ || to_seconds(now - *last_solve_) >= 1.0) {
    joint_.solve();
    last_solve_ = now;
  }
  for (std::optional<Radar>& radar : radars_) {
    if (!radar) continue;
    radar->mean = joint_.mean(radar->block);
    radar->covariance = joint_.covariance(radar->block, radar->block);
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
  const JointBiasEstimator::Vector& bias = radar.mean;
  const JointBiasEstimator::Matrix& p = radar.covariance;
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
    JointBiasEstimator::Vector h;
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
  JointBiasEstimator::Rows h = JointBiasEstimator::Rows::Zero();
  Eigen::Vector3d z = Eigen::Vector3d::Zero();
  Eigen::Matrix3d weight = Eigen::Matrix3d::Zero();
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const Eigen::Index at = static_cast<Eigen::Index>(k);
    h.row(at) = rows[k].h.transpose();
    z[at] = rows[k].z;
    weight(at, at) = 1.0 / (rows[k].sigma * rows[k].sigma);
  }
  joint_.add(radar.block, h, z, weight);
  ++radar.pairs;
  solve(plot.time);
}

bool SensorRegistration::brackets(std::size_t sensor, std::size_t other) const {
  if (other == sensor || !radars_[sensor] || !radars_[other]) return false;
  const bool three_d = radars_[sensor]->three_d;
  return three_d != radars_[other]->three_d ? three_d : sensor > other;
}

std::pair<std::int64_t, std::int64_t> SensorRegistration::cell_of(const geo::Vec3& ecef) const {
  const CellRange cell = cells_near(ecef, 0.0);
  return {cell.x_begin, cell.y_begin};
}

std::int64_t SensorRegistration::cell_key(std::int64_t x, std::int64_t y) {
  // Cells of 10 km or more: |x|, |y| < 2^12 on the earth.
  return x * (std::int64_t{1} << 24) + y;
}

SensorRegistration::CellRange SensorRegistration::cells_near(const geo::Vec3& ecef,
                                                             double radius_m) const {
  const geo::Vec3 enu = grid_frame_.ecef_to_enu(ecef);
  const auto cell = [this](double coordinate) {
    return static_cast<std::int64_t>(std::floor(coordinate / cell_m_));
  };
  return {cell(enu.x() - radius_m), cell(enu.x() + radius_m), cell(enu.y() - radius_m),
          cell(enu.y() + radius_m)};
}

namespace {

/// The plots of a time-ordered list stamped in [from, to], by bisection.
template <class Plots>
auto stamped_within(const Plots& plots, Time from, Time to) {
  const auto first = std::partition_point(plots.begin(), plots.end(),
                                          [from](const auto& r) { return r.time < from; });
  const auto last =
      std::partition_point(first, plots.end(), [to](const auto& r) { return r.time <= to; });
  return std::pair(first, last);
}

}  // namespace

void SensorRegistration::new_search() {
  for (std::size_t s = 0; s < sensors_; ++s) {
    wanted_[s].reset();
    nearby_of_[s].clear();
  }
}

void SensorRegistration::recent_near(std::span<const std::optional<CellRange>> wanted, Time from,
                                     Time to) {
  std::optional<CellRange> all;
  for (const std::optional<CellRange>& range : wanted) {
    if (!range) continue;
    if (!all) {
      all = range;
      continue;
    }
    all->x_begin = std::min(all->x_begin, range->x_begin);
    all->x_end = std::max(all->x_end, range->x_end);
    all->y_begin = std::min(all->y_begin, range->y_begin);
    all->y_end = std::max(all->y_end, range->y_end);
  }
  if (!all) return;
  for (std::int64_t x = all->x_begin; x <= all->x_end; ++x) {
    for (std::int64_t y = all->y_begin; y <= all->y_end; ++y) {
      const auto found = recent_.find(cell_key(x, y));
      if (found == recent_.end()) continue;
      for (const RadarPlots& radar : found->second) {
        const std::optional<CellRange>& range = wanted[radar.sensor];
        if (!range || !range->contains(x, y)) continue;
        const auto [first, last] = stamped_within(radar.plots, from, to);
        for (auto recent = first; recent != last; ++recent) {
          nearby_of_[radar.sensor].push_back(&*recent);
        }
      }
    }
  }
}

double SensorRegistration::position_spread(const Radar& radar, double range_m) const {
  const JointBiasEstimator::Matrix& p = radar.covariance;
  const double r2 = range_m * range_m;
  double variance =
      radar.range_sigma_m * radar.range_sigma_m + p(kRange, kRange) + r2 * p(kGain, kGain) +
      r2 * (radar.azimuth_sigma_rad * radar.azimuth_sigma_rad + p(kAzimuth, kAzimuth));
  variance += config_.max_speed_mps * config_.max_speed_mps * p(kTime, kTime);
  return std::sqrt(variance);
}

void SensorRegistration::pair_with_radars(std::size_t sensor, const Plot& plot) {
  const Radar& radar = *radars_[sensor];
  Recent latest{plot.time, sensor,    {plot.range_m, plot.azimuth_rad, kNotMeasured},
                {},        plot.icao, plot.mode3a};
  latest.measured[2] = radar.three_d ? plot.elevation_rad : plot.alt_m;
  if (!measured(latest.measured[2])) return;
  latest.position_ecef = radar_position(radar.site, radar.three_d, latest.measured);
  if (!latest.position_ecef.allFinite()) return;

  // The same target on this radar's previous scan: the one plot within travel range (not
  // searched for while the radar has no tries left: the plot is kept, unlinked).
  const bool searching = refilled_budget(sensor, sensors_, plot.time).tries >= 1.0;
  const double period = radar.rotation_period_s > 0.0 ? radar.rotation_period_s : keep_s_ / 1.5;
  const double horizontal_sigma =
      std::hypot(radar.range_sigma_m, plot.range_m * radar.azimuth_sigma_rad);
  const double travel = config_.max_speed_mps * 1.5 * period +
                        config_.gate_sigmas * std::sqrt(2.0) * horizontal_sigma;
  new_search();
  if (searching) {
    wanted_[sensor] = cells_near(latest.position_ecef, travel);
    recent_near(wanted_, plot.time - from_seconds(1.5 * period),
                plot.time - from_seconds(0.5 * period));
  }
  const Recent* earlier = nullptr;
  std::size_t candidates = 0;
  const geo::Vec3 latest_enu = grid_frame_.ecef_to_enu(latest.position_ecef);
  for (const Recent* recent : nearby_of_[sensor]) {
    const double gap = to_seconds(plot.time - recent->time);
    if (gap < 0.5 * period || gap > 1.5 * period) continue;
    if (!may_be_same(recent->icao, recent->mode3a, latest.icao, latest.mode3a)) continue;
    const geo::Vec3 enu = grid_frame_.ecef_to_enu(recent->position_ecef);
    const double gate =
        config_.max_speed_mps * gap + config_.gate_sigmas * std::sqrt(2.0) * horizontal_sigma;
    if ((enu - latest_enu).head<2>().norm() > gate) continue;
    earlier = recent;
    ++candidates;
  }
  if (candidates == 1) {
    const Recent bracket_start = *earlier;
    const geo::Vec3 difference =
        (latest.position_ecef - earlier->position_ecef) / to_seconds(plot.time - earlier->time);
    latest.links = std::min(earlier->links + 1, kVelocityMemory);
    latest.velocity_ecef = earlier->links == 0
                               ? difference
                               : earlier->velocity_ecef + (difference - earlier->velocity_ecef) /
                                                              static_cast<double>(latest.links);
    // The other radars' plots between the two, near them: one search for all radars.
    const geo::Vec3 middle = 0.5 * (bracket_start.position_ecef + latest.position_ecef);
    const double half_span = 0.5 * (latest.position_ecef - bracket_start.position_ecef).norm();
    new_search();
    for (std::size_t other = 0; other < radars_.size(); ++other) {
      // Only radars still with tries left are searched for.
      if (!brackets(sensor, other) || !covers(*radars_[other], middle) ||
          refilled_budget(sensor, other, plot.time).tries < 1.0) {
        continue;
      }
      wanted_[other] = cells_near(middle, coarse_gate(*radars_[other], radar, middle) + half_span);
    }
    recent_near(wanted_, bracket_start.time + Duration(1), plot.time);
    for (std::size_t other = 0; other < radars_.size(); ++other) {
      if (!nearby_of_[other].empty())
        pair_bracketed(bracket_start, latest, other, nearby_of_[other]);
    }
  }

  // Keep the plot; drop what is too old from its cell, and from every cell now and then.
  const auto [cell_x, cell_y] = cell_of(latest.position_ecef);
  Cell& cell = recent_[cell_key(cell_x, cell_y)];
  auto mine = std::find_if(cell.begin(), cell.end(),
                           [sensor](const RadarPlots& kept) { return kept.sensor == sensor; });
  if (mine == cell.end()) mine = cell.insert(cell.end(), RadarPlots{sensor, {}});
  std::vector<Recent>& kept = mine->plots;
  const auto expired = [&](const Recent& r) { return to_seconds(plot.time - r.time) > keep_s_; };
  kept.erase(kept.begin(), std::partition_point(kept.begin(), kept.end(), expired));
  // In time order (recent_near bisects): at the end, unless a clock stepped back.
  kept.insert(std::upper_bound(kept.begin(), kept.end(), latest.time,
                               [](Time t, const Recent& r) { return t < r.time; }),
              latest);
  if (!last_sweep_ || to_seconds(plot.time - *last_sweep_) > kSweepIntervalS) {
    last_sweep_ = plot.time;
    for (auto entry = recent_.begin(); entry != recent_.end();) {
      for (RadarPlots& kept_by : entry->second) std::erase_if(kept_by.plots, expired);
      std::erase_if(entry->second, [](const RadarPlots& kept_by) { return kept_by.plots.empty(); });
      entry = entry->second.empty() ? recent_.erase(entry) : std::next(entry);
    }
  }
}

double SensorRegistration::coarse_gate(const Radar& a, const Radar& b,
                                       const geo::Vec3& position_ecef) const {
  const double range_a = (position_ecef - a.site.frame().origin_ecef()).norm();
  const double range_b = (position_ecef - b.site.frame().origin_ecef()).norm();
  return config_.gate_sigmas *
         (std::hypot(position_spread(a, range_a), position_spread(b, range_b)) +
          config_.interpolation_sigma_m);
}

SensorRegistration::Budget& SensorRegistration::refilled_budget(std::size_t sensor,
                                                                std::size_t other, Time now) {
  const bool all = other == sensors_;
  Budget& budget = all ? radar_budgets_[sensor] : budgets_[sensor * sensors_ + other];
  const double rate = all ? config_.radar_pair_rate_per_radar_per_s : config_.radar_pair_rate_per_s;
  const double burst = 10.0 * rate;
  budget.tries = budget.refilled
                     ? std::min(burst, budget.tries + rate * to_seconds(now - *budget.refilled))
                     : burst;
  budget.refilled = now;
  return budget;
}

bool SensorRegistration::covers(const Radar& radar, const geo::Vec3& position_ecef) {
  return radar.max_range_m <= 0.0 || (position_ecef - radar.site.frame().origin_ecef()).norm() <=
                                         radar.max_range_m + kCoverageMarginM;
}

void SensorRegistration::pair_bracketed(const Recent& earlier, const Recent& later,
                                        std::size_t other,
                                        std::span<const Recent* const> candidates) {
  const Radar& b = *radars_[later.sensor];
  Radar& a = *radars_[other];
  const double span = to_seconds(later.time - earlier.time);
  const geo::Vec3& velocity = later.velocity_ecef;
  const double coarse = coarse_gate(a, b, 0.5 * (earlier.position_ecef + later.position_ecef));

  const JointBiasEstimator::Vector& bias_a = a.mean;
  const JointBiasEstimator::Vector& bias_b = b.mean;
  const JointBiasEstimator::Matrix cross = joint_.covariance(a.block, b.block);
  const double interpolation_variance =
      config_.interpolation_sigma_m * config_.interpolation_sigma_m;
  Eigen::Matrix3d noise_a =
      Eigen::Vector3d(a.range_sigma_m * a.range_sigma_m, a.azimuth_sigma_rad * a.azimuth_sigma_rad,
                      a.elevation_sigma_rad * a.elevation_sigma_rad)
          .asDiagonal();
  const double third_b =
      b.three_d ? b.elevation_sigma_rad * b.elevation_sigma_rad
                : config_.barometric_height_sigma_m * config_.barometric_height_sigma_m;
  const Eigen::Matrix3d noise_b =
      Eigen::Vector3d(b.range_sigma_m * b.range_sigma_m, b.azimuth_sigma_rad * b.azimuth_sigma_rad,
                      third_b)
          .asDiagonal();

  struct Candidate {
    PairJacobian jacobian;
    Eigen::Vector3d z;
    Eigen::Matrix3d noise;
    geo::Vec3 q;
    Eigen::Matrix3d position_noise;
    double distance2 = 0.0;
  };
  std::optional<Candidate> best;
  double second_best = std::numeric_limits<double>::infinity();
  Budget& budget = refilled_budget(later.sensor, other, later.time);
  bool tried = false;
  for (const Recent* recent : candidates) {
    if (recent->sensor != other || recent->time <= earlier.time || recent->time > later.time)
      continue;
    if (!may_be_same(recent->icao, recent->mode3a, later.icao, later.mode3a) ||
        !may_be_same(recent->icao, recent->mode3a, earlier.icao, earlier.mode3a))
      continue;
    const double w = to_seconds(recent->time - earlier.time) / span;
    const geo::Vec3 q = earlier.position_ecef + w * (later.position_ecef - earlier.position_ecef);
    // Horizontally (about the geocentric vertical): heights are too noisy to screen with.
    const geo::Vec3 apart = recent->position_ecef - q;
    const geo::Vec3 up = q.normalized();
    if ((apart - apart.dot(up) * up).norm() > coarse) continue;
    if (!tried) {
      Budget& all = refilled_budget(later.sensor, sensors_, later.time);
      if (budget.tries < 1.0 || all.tries < 1.0) return;
      budget.tries -= 1.0;
      all.tries -= 1.0;
      tried = true;
    }
    Candidate candidate{
        pair_jacobian(a.site, a.three_d, b.site, b.three_d, q, velocity), {}, {}, {}, {}, 0.0};
    const PairJacobian& j = candidate.jacobian;
    candidate.z =
        Eigen::Vector3d(recent->measured[0] - j.predicted.range_m,
                        wrap_pi(recent->measured[1] - j.predicted.azimuth_rad),
                        a.three_d ? recent->measured[2] - j.predicted.elevation_rad : 0.0);
    const Eigen::Matrix3d position_noise =
        ((1.0 - w) * (1.0 - w) + w * w) * (j.g_b * noise_b * j.g_b.transpose()) +
        interpolation_variance * Eigen::Matrix3d::Identity();
    candidate.noise = noise_a + j.j_a * position_noise * j.j_a.transpose();
    candidate.q = q;
    candidate.position_noise = position_noise;
    if (!a.three_d) {
      candidate.noise.row(2).setZero();
      candidate.noise.col(2).setZero();
      candidate.noise(2, 2) = 1.0;
    }
    // A degenerate geometry (a target over a site) gives no usable rows.
    if (!candidate.z.allFinite() || !j.a_rows.allFinite() || !j.b_rows.allFinite() ||
        !candidate.noise.allFinite())
      continue;
    // Against the current estimate, with its uncertainty (outliers and other targets are far).
    const Eigen::Vector3d innovation = candidate.z - j.a_rows * bias_a - j.b_rows * bias_b;
    const Eigen::Matrix3d a_b = j.a_rows * cross * j.b_rows.transpose();
    const Eigen::Matrix3d spread_matrix =
        candidate.noise + j.a_rows * a.covariance * j.a_rows.transpose() +
        j.b_rows * b.covariance * j.b_rows.transpose() + a_b + a_b.transpose();
    candidate.distance2 = innovation.dot(spread_matrix.ldlt().solve(innovation));
    if (!std::isfinite(candidate.distance2) || candidate.distance2 < 0.0) continue;
    if (!best || candidate.distance2 < best->distance2) {
      if (best) second_best = best->distance2;
      best = std::move(candidate);
    } else {
      second_best = std::min(second_best, candidate.distance2);
    }
  }
  const double gate2 = config_.gate_sigmas * config_.gate_sigmas;
  if (!best || best->distance2 > gate2 || second_best < kAmbiguityRatio * best->distance2) return;
  // A's polar coordinates of the noisy interpolated position are off by their second-order term
  // (the range long by half the variance across the line of sight over the range: with a 3D
  // radar's height noise at long range, metres), taken out of the residual.
  best->z -=
      second_order_bias([&a](const geo::Vec3& at) { return as_vector(measured_polar(a.site, at)); },
                        best->q, best->position_noise);
  if (!a.three_d) best->z[2] = 0.0;
  joint_.add_pair(a.block, best->jacobian.a_rows, b.block, best->jacobian.b_rows, best->z,
                  best->noise.inverse());
  ++a.radar_pairs;
  ++radars_[later.sensor]->radar_pairs;
  solve(later.time);
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
  if (config_.radar_pairs) pair_with_radars(plot.sensor.value, plot);
  if (radar.pairs + radar.radar_pairs < config_.min_pairs) return;
  const JointBiasEstimator::Vector& bias = radar.mean;
  plot.range_m = (plot.range_m - bias[kRange]) / (1.0 + bias[kGain]);
  plot.azimuth_rad = wrap_two_pi(plot.azimuth_rad - bias[kAzimuth]);
  if (radar.three_d && measured(plot.elevation_rad)) plot.elevation_rad -= bias[kElevation];
  plot.time -= from_seconds(bias[kTime]);
}

std::optional<BiasEstimate> SensorRegistration::estimate(SensorIndex sensor) const {
  if (sensor.value >= radars_.size() || !radars_[sensor.value]) return std::nullopt;
  const Radar& radar = *radars_[sensor.value];
  const JointBiasEstimator::Vector& m = radar.mean;
  const JointBiasEstimator::Vector sigma = radar.covariance.diagonal().cwiseSqrt();
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
  estimate.radar_pairs = radar.radar_pairs;
  estimate.applied = config_.enabled && radar.pairs + radar.radar_pairs >= config_.min_pairs;
  return estimate;
}

}  // namespace straja::tracking
