#include "tracking/gnn_tracker.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "core/units.h"
#include "tracking/association/assignment.h"

namespace straja::tracking {

double chi_square_3dof_quantile(double probability) {
  // Closed-form CDF for 3 degrees of freedom, F(x) = erf(sqrt(x/2)) - sqrt(2x/pi) exp(-x/2),
  // inverted by bisection (monotone; 200 halvings of [0, 200] reach machine precision).
  double lo = 0.0;
  double hi = 200.0;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    const double cdf =
        std::erf(std::sqrt(mid / 2.0)) - std::sqrt(2.0 * mid / units::kPi) * std::exp(-mid / 2.0);
    (cdf < probability ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

namespace {

std::vector<std::unique_ptr<MeasurementModel>> radar_models(const SensorRegistry& registry,
                                                            const geo::LocalFrame& frame) {
  std::vector<std::unique_ptr<MeasurementModel>> models;
  for (const SensorInfo& sensor : registry.sensors) {
    models.push_back(std::make_unique<RadarPolarModel>(sensor, frame));
  }
  return models;
}

}  // namespace

GnnTracker::GnnTracker(GnnTrackerConfig config, const SensorRegistry& registry,
                       const geo::LocalFrame& system_frame)
    : GnnTracker(config, radar_models(registry, system_frame), system_frame) {}

GnnTracker::GnnTracker(GnnTrackerConfig config,
                       std::vector<std::unique_ptr<MeasurementModel>> models,
                       const geo::LocalFrame& system_frame)
    : config_(config),
      system_frame_(system_frame),
      models_(std::move(models)),
      gate_threshold_(config.gate_mahalanobis_squared.value_or(
          chi_square_3dof_quantile(config.gate_probability))) {}

bool GnnTracker::in_coverage(const Track& track, const MeasurementModel& model, Time at) const {
  return model.covers(model.predict(predict(track.state, config_.motion, at).mean));
}

void GnnTracker::associate(std::vector<std::size_t>& track_indices, std::span<const Plot> plots,
                           std::span<const Vec3> plot_positions, const MeasurementModel& model,
                           std::vector<char>& plot_used, std::vector<char>& track_hit) {
  if (track_indices.empty()) return;
  const Eigen::Index rows = static_cast<Eigen::Index>(track_indices.size());
  const Eigen::Index plot_count = static_cast<Eigen::Index>(plots.size());
  // Columns: the plots, then one "not detected" column per track (cost: the gate).
  Eigen::MatrixXd cost = Eigen::MatrixXd::Constant(rows, plot_count + rows, kForbidden);
  std::vector<std::vector<std::pair<Eigen::Index, Candidate>>> candidates(track_indices.size());
  for (Eigen::Index r = 0; r < rows; ++r) {
    const Track& track = tracks_[track_indices[static_cast<std::size_t>(r)]];
    double reference_log_det = 0.0;
    bool have_reference = false;
    const double speed = track.state.velocity().norm();
    const double position_sigma = std::sqrt(track.state.covariance.topLeftCorner<3, 3>().trace());
    const double velocity_sigma =
        std::sqrt(track.state.covariance.bottomRightCorner<3, 3>().trace());
    for (Eigen::Index c = 0; c < plot_count; ++c) {
      if (plot_used[static_cast<std::size_t>(c)]) continue;
      const Plot& plot = plots[static_cast<std::size_t>(c)];
      // Coarse pre-gate on straight-line distance before the exact (and costlier) innovation.
      const double dt = to_seconds(plot.time - track.state.time);
      const Vec3 ahead = track.state.position() + track.state.velocity() * dt;
      const Vec3 z = model.measurement_of(plot);
      const Vec3& plot_position = plot_positions[static_cast<std::size_t>(c)];
      const double reach =
          6.0 * (position_sigma + velocity_sigma * std::abs(dt)) +
          6.0 * std::sqrt(model.noise()(0, 0)) +
          6.0 * plot.range_m * std::sqrt(model.noise()(1, 1) + model.noise()(2, 2)) +
          0.05 * speed * std::abs(dt) + 100.0;
      if ((plot_position - ahead).norm() > reach) continue;
      Candidate candidate;
      candidate.predicted = predict(track.state, config_.motion, plot.time);
      candidate.innovation = innovate(candidate.predicted, z, model);
      if (candidate.innovation.mahalanobis_squared > gate_threshold_) continue;
      cost(r, c) =
          candidate.innovation.mahalanobis_squared + candidate.innovation.log_det_covariance;
      if (!have_reference) {
        reference_log_det = candidate.innovation.log_det_covariance;
        have_reference = true;
      }
      candidates[static_cast<std::size_t>(r)].emplace_back(c, std::move(candidate));
    }
    cost(r, plot_count + r) = gate_threshold_ + reference_log_det;
  }
  const Assignment assignment = solve_assignment(cost);
  for (Eigen::Index r = 0; r < rows; ++r) {
    const int column = assignment.column_of_row[static_cast<std::size_t>(r)];
    if (column < 0 || column >= plot_count) continue;
    for (auto& [c, candidate] : candidates[static_cast<std::size_t>(r)]) {
      if (c != column) continue;
      const std::size_t index = track_indices[static_cast<std::size_t>(r)];
      Track& track = tracks_[index];
      track.state = update(candidate.predicted, candidate.innovation, model);
      track.last_update = candidate.predicted.time;
      plot_used[static_cast<std::size_t>(c)] = 1;
      track_hit[index] = 1;
      ++statistics_.associated;
      break;
    }
  }
}

void GnnTracker::start_track(const Plot& plot, const MeasurementModel& model) {
  const auto position = model.position_of(model.measurement_of(plot));
  Track track;
  track.id = TrackId{next_track_number_++};
  track.state.time = plot.time;
  track.state.mean.head<3>() = position.enu_m;
  track.state.covariance = StateCovariance::Zero();
  track.state.covariance.topLeftCorner<3, 3>() = position.covariance;
  const double horizontal = config_.initial_speed_sigma_mps * config_.initial_speed_sigma_mps;
  const double vertical =
      config_.initial_vertical_speed_sigma_mps * config_.initial_vertical_speed_sigma_mps;
  track.state.covariance.bottomRightCorner<3, 3>().diagonal() << horizontal, horizontal, vertical;
  track.status = TrackStatus::kTentative;
  track.hits = 1;
  track.recent_hits = 1;
  track.first_seen = plot.time;
  track.last_update = plot.time;
  tracks_.push_back(track);
  ++statistics_.tracks_started;
}

void GnnTracker::process(std::span<const Plot> plots, SensorIndex sensor, Time scan_end) {
  statistics_.plots += plots.size();
  const MeasurementModel& model = *models_.at(sensor.value);
  std::vector<char> plot_used(plots.size(), 0);
  std::vector<char> track_hit(tracks_.size(), 0);

  std::vector<std::size_t> established;
  std::vector<std::size_t> tentative;
  for (std::size_t i = 0; i < tracks_.size(); ++i) {
    (tracks_[i].status == TrackStatus::kTentative ? tentative : established).push_back(i);
  }
  // Each plot's system-ENU position, once, for the coarse pre-gate.
  std::vector<Vec3> plot_positions;
  plot_positions.reserve(plots.size());
  for (const Plot& plot : plots) {
    plot_positions.push_back(model.position_of(model.measurement_of(plot)).enu_m);
  }
  associate(established, plots, plot_positions, model, plot_used, track_hit);
  associate(tentative, plots, plot_positions, model, plot_used, track_hit);

  // Track management: M-of-N confirmation, coasting, deletion.
  const std::uint32_t window_mask = (1u << config_.confirm_window) - 1u;
  for (std::size_t i = 0; i < tracks_.size(); ++i) {
    Track& track = tracks_[i];
    if (track_hit[i]) {
      ++track.hits;
      track.consecutive_misses = 0;
      track.recent_hits = ((track.recent_hits << 1) | 1u) & window_mask;
      if (track.status == TrackStatus::kCoasting) track.status = TrackStatus::kConfirmed;
      if (track.status == TrackStatus::kTentative &&
          std::popcount(track.recent_hits) >= config_.confirm_hits) {
        track.status = TrackStatus::kConfirmed;
        ++statistics_.tracks_confirmed;
      }
    } else if (in_coverage(track, model, scan_end)) {
      ++track.consecutive_misses;
      track.recent_hits = (track.recent_hits << 1) & window_mask;
      if (track.status == TrackStatus::kConfirmed) track.status = TrackStatus::kCoasting;
    }
  }
  const std::size_t before = tracks_.size();
  std::erase_if(tracks_, [&](const Track& track) {
    const int limit = track.status == TrackStatus::kTentative
                          ? config_.delete_tentative_after_misses
                          : config_.delete_confirmed_after_misses;
    const GaussianState at_end = predict(track.state, config_.motion, scan_end);
    const double sigma = std::sqrt(at_end.covariance.topLeftCorner<2, 2>().trace());
    return track.consecutive_misses >= limit || sigma > config_.max_position_sigma_m;
  });
  statistics_.tracks_deleted += before - tracks_.size();

  for (std::size_t c = 0; c < plots.size(); ++c) {
    if (!plot_used[c]) start_track(plots[c], model);
  }
}

std::vector<GaussianState> GnnTracker::states(Time at) const {
  std::vector<GaussianState> result;
  result.reserve(tracks_.size());
  for (const Track& track : tracks_) result.push_back(predict(track.state, config_.motion, at));
  return result;
}

std::vector<TrackReport> GnnTracker::reports(Time at) const {
  std::vector<TrackReport> result;
  result.reserve(tracks_.size());
  for (const Track& track : tracks_) {
    const GaussianState state = predict(track.state, config_.motion, at);
    TrackReport report;
    report.time = at;
    report.id = track.id;
    report.status = track.status;
    report.position = system_frame_.to_geodetic(state.position());
    // System-ENU velocity -> ECEF -> local ENU at the track's own position.
    const geo::LocalFrame local(report.position);
    report.velocity_enu_mps =
        local.vector_ecef_to_enu(system_frame_.vector_enu_to_ecef(state.velocity()));
    result.push_back(report);
  }
  return result;
}

}  // namespace straja::tracking
