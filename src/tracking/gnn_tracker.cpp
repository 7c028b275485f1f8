#include "tracking/gnn_tracker.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <type_traits>

#include "core/units.h"
#include "tracking/association/assignment.h"
#include "tracking/models/ssr_adsb.h"

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

template <class State>
void take_identity(BasicTrack<State>& track, const Plot& plot) {
  if (plot.icao) track.icao = plot.icao;
  if (!plot.callsign.empty()) track.callsign = plot.callsign;
  if (plot.mode3a) track.mode3a = plot.mode3a;
}

std::uint64_t sensor_bit(SensorIndex sensor) {
  return sensor.value < 64 ? std::uint64_t{1} << sensor.value : 0;
}

template <class State>
void note_update(BasicTrack<State>& track, SensorIndex sensor, Time at) {
  track.updated_by |= sensor_bit(sensor);
  if (track.updated_at.size() <= sensor.value) track.updated_at.resize(sensor.value + 1u, Time{});
  track.updated_at[sensor.value] = at;
}

std::vector<std::unique_ptr<MeasurementModel>> radar_models(const SensorRegistry& registry,
                                                            const geo::LocalFrame& frame) {
  std::vector<std::unique_ptr<MeasurementModel>> models;
  for (const SensorInfo& sensor : registry.sensors) {
    switch (sensor.kind) {
      case SensorKind::kPsr3d:
        models.push_back(std::make_unique<RadarPolarModel>(sensor, frame));
        break;
      case SensorKind::kSsr:
        models.push_back(std::make_unique<SsrModel>(sensor, frame));
        break;
      case SensorKind::kAdsb:
        models.push_back(std::make_unique<AdsbModel>(sensor, frame));
        break;
    }
  }
  return models;
}

/// A new track from a plot that reports its velocity (ADS-B) starts with that velocity, at this
/// 1-sigma per component (reported velocities are good to a few m/s), not at zero.
constexpr double kReportedVelocitySigmaMps = 10.0;

/// The plot's reported velocity in system ENU (it is reported in local ENU at the aircraft).
std::optional<Vec3> reported_velocity(const Plot& plot, const geo::LocalFrame& system_frame) {
  if (!measured(plot.vel_east_mps) || !measured(plot.vel_north_mps) || !measured(plot.lat_deg) ||
      !measured(plot.lon_deg)) {
    return std::nullopt;
  }
  const Vec3 local(plot.vel_east_mps, plot.vel_north_mps,
                   measured(plot.vel_up_mps) ? plot.vel_up_mps : 0.0);
  const geo::LocalFrame at_plot(geo::Geodetic{plot.lat_deg, plot.lon_deg, 0.0});
  return system_frame.vector_ecef_to_enu(at_plot.vector_enu_to_ecef(local));
}

/// Mode 3/A codes many aircraft squawk at once (VFR conspicuity 1200 and 7000, 2000): no identity.
bool discrete(Mode3A code) {
  return code.value != 01200 && code.value != 02000 && code.value != 07000;
}

template <class State>
bool same_aircraft(const BasicTrack<State>& track, const Plot& plot) {
  if (plot.icao && track.icao) return *plot.icao == *track.icao;
  return !plot.icao && !track.icao && plot.mode3a && track.mode3a && discrete(*plot.mode3a) &&
         *plot.mode3a == *track.mode3a;
}

template <class Filter>
Filter default_filter(const GnnTrackerConfig& config) {
  if constexpr (std::is_same_v<Filter, CvEkfFilter>) {
    return CvEkfFilter{config.motion};
  } else {
    return Filter{};
  }
}

}  // namespace

template <class Filter>
BasicGnnTracker<Filter>::BasicGnnTracker(GnnTrackerConfig config, const SensorRegistry& registry,
                                         const geo::LocalFrame& system_frame)
    : BasicGnnTracker(config, radar_models(registry, system_frame), system_frame) {}

template <class Filter>
BasicGnnTracker<Filter>::BasicGnnTracker(GnnTrackerConfig config,
                                         std::vector<std::unique_ptr<MeasurementModel>> models,
                                         const geo::LocalFrame& system_frame)
    : BasicGnnTracker(config, default_filter<Filter>(config), std::move(models), system_frame) {}

template <class Filter>
BasicGnnTracker<Filter>::BasicGnnTracker(GnnTrackerConfig config, Filter filter,
                                         std::vector<std::unique_ptr<MeasurementModel>> models,
                                         const geo::LocalFrame& system_frame)
    : config_(config),
      filter_(std::move(filter)),
      system_frame_(system_frame),
      models_(std::move(models)),
      gate_threshold_(config.gate_mahalanobis_squared.value_or(
          chi_square_3dof_quantile(config.gate_probability))) {}

namespace {

/// Union-find over tracks and plots: pairs inside each other's gates join one cluster.
class Clusters {
 public:
  explicit Clusters(std::size_t size) : parent_(size) {
    for (std::size_t i = 0; i < size; ++i) parent_[i] = i;
  }
  std::size_t find(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void join(std::size_t a, std::size_t b) { parent_[find(a)] = find(b); }

 private:
  std::vector<std::size_t> parent_;
};

}  // namespace

template <class Filter>
void BasicGnnTracker<Filter>::associate(std::vector<std::size_t>& track_indices,
                                        std::span<const Plot> plots,
                                        std::span<const Vec3> plot_positions,
                                        const MeasurementModel& model, std::vector<char>& plot_used,
                                        std::vector<char>& track_hit) {
  if (track_indices.empty()) return;
  const std::size_t rows = track_indices.size();
  const std::size_t plot_count = plots.size();
  // Gated candidates per track: the plot, the prediction to its time and the innovation.
  struct Gated {
    std::size_t plot;
    Candidate candidate;
  };
  std::vector<std::vector<Gated>> candidates(rows);
  std::vector<double> miss_cost(rows, gate_threshold_);
  for (std::size_t r = 0; r < rows; ++r) {
    const Track& track = tracks_[track_indices[r]];
    const auto& kinematic = filter_.kinematic(track.state);
    const double speed = kinematic.velocity().norm();
    const double position_sigma =
        std::sqrt(kinematic.covariance.template topLeftCorner<3, 3>().trace());
    const double velocity_sigma =
        std::sqrt(kinematic.covariance.template bottomRightCorner<3, 3>().trace());
    bool have_reference = false;
    // Prediction and predicted measurement per distinct plot time (a batch from a scanning
    // radar has one time per plot; a synchronous batch has one time for all).
    std::optional<Time> cached_time;
    typename Filter::State cached_state;
    typename Filter::MeasurementPrediction cached_measurement;
    for (std::size_t c = 0; c < plot_count; ++c) {
      if (plot_used[c]) continue;
      const Plot& plot = plots[c];
      // Coarse pre-gate on straight-line distance before the exact (and costlier) innovation.
      const double dt = to_seconds(plot.time - kinematic.time);
      const Vec3 ahead = kinematic.position() + kinematic.velocity() * dt;
      const double reach =
          6.0 * (position_sigma + velocity_sigma * std::abs(dt)) +
          6.0 * std::sqrt(model.noise()(0, 0)) +
          6.0 * plot.range_m * std::sqrt(model.noise()(1, 1) + model.noise()(2, 2)) +
          0.05 * speed * std::abs(dt) + 100.0;
      if ((plot_positions[c] - ahead).norm() > reach) continue;
      if (cached_time != plot.time) {
        cached_time = plot.time;
        cached_state = filter_.predict(track.state, plot.time);
        cached_measurement = filter_.predict_measurement(cached_state, model);
      }
      Candidate candidate;
      candidate.innovation =
          filter_.innovate(cached_measurement, model.measurement_of(plot), model);
      if (candidate.innovation.mahalanobis_squared > gate_threshold_) continue;
      candidate.predicted = cached_state;
      if (!have_reference) {
        // Not detected costs the gate plus the track's ln|S| (cost of a pair: d^2 + ln|S|).
        miss_cost[r] = gate_threshold_ + candidate.innovation.log_det_covariance;
        have_reference = true;
      }
      candidates[r].push_back({c, std::move(candidate)});
    }
  }

  // Independent clusters (tracks linked through shared gated plots) are solved separately:
  // the assignment's O(n^3) then applies to each small cluster, not to the whole picture.
  Clusters clusters(rows + plot_count);
  for (std::size_t r = 0; r < rows; ++r) {
    for (const Gated& gated : candidates[r]) clusters.join(r, rows + gated.plot);
  }
  std::vector<std::vector<std::size_t>> cluster_rows(rows + plot_count);
  for (std::size_t r = 0; r < rows; ++r) {
    if (!candidates[r].empty()) cluster_rows[clusters.find(r)].push_back(r);
  }
  std::vector<int> local_column(plot_count, -1);
  for (const std::vector<std::size_t>& members : cluster_rows) {
    if (members.empty()) continue;
    std::vector<std::size_t> columns;  // the cluster's plots
    for (const std::size_t r : members) {
      for (const Gated& gated : candidates[r]) {
        if (local_column[gated.plot] < 0) {
          local_column[gated.plot] = static_cast<int>(columns.size());
          columns.push_back(gated.plot);
        }
      }
    }
    const auto n_rows = static_cast<Eigen::Index>(members.size());
    const auto n_plots = static_cast<Eigen::Index>(columns.size());
    // Columns: the cluster's plots, then one "not detected" column per track.
    Eigen::MatrixXd cost = Eigen::MatrixXd::Constant(n_rows, n_plots + n_rows, kForbidden);
    for (Eigen::Index i = 0; i < n_rows; ++i) {
      const std::size_t r = members[static_cast<std::size_t>(i)];
      for (const Gated& gated : candidates[r]) {
        cost(i, local_column[gated.plot]) = gated.candidate.innovation.mahalanobis_squared +
                                            gated.candidate.innovation.log_det_covariance;
      }
      cost(i, n_plots + i) = miss_cost[r];
    }
    const Assignment assignment = solve_assignment(cost);
    for (Eigen::Index i = 0; i < n_rows; ++i) {
      const int column = assignment.column_of_row[static_cast<std::size_t>(i)];
      if (column < 0 || column >= n_plots) continue;
      const std::size_t r = members[static_cast<std::size_t>(i)];
      const std::size_t c = columns[static_cast<std::size_t>(column)];
      for (Gated& gated : candidates[r]) {
        if (gated.plot != c) continue;
        const std::size_t index = track_indices[r];
        Track& track = tracks_[index];
        track.state = filter_.update(gated.candidate.predicted, gated.candidate.innovation, model);
        track.last_update = gated.candidate.predicted.time;
        take_identity(track, plots[c]);
        plot_used[c] = 1;
        track_hit[index] = 1;
        ++statistics_.associated;
        break;
      }
    }
    for (const std::size_t c : columns) local_column[c] = -1;
  }
}

template <class Filter>
void BasicGnnTracker<Filter>::start_track(const Plot& plot, const MeasurementModel& model) {
  const auto position = model.position_of(model.measurement_of(plot));
  Track track;
  track.id = TrackId{next_track_number_++};
  GaussianState prior;
  prior.time = plot.time;
  prior.mean.head<3>() = position.enu_m;
  prior.covariance = StateCovariance::Zero();
  prior.covariance.topLeftCorner<3, 3>() = position.covariance;
  const double horizontal = config_.initial_speed_sigma_mps * config_.initial_speed_sigma_mps;
  const double vertical =
      config_.initial_vertical_speed_sigma_mps * config_.initial_vertical_speed_sigma_mps;
  prior.covariance.bottomRightCorner<3, 3>().diagonal() << horizontal, horizontal, vertical;
  if (const std::optional<Vec3> velocity = reported_velocity(plot, system_frame_)) {
    prior.mean.segment<3>(3) = *velocity;
    prior.covariance.bottomRightCorner<3, 3>() =
        Mat3::Identity() * kReportedVelocitySigmaMps * kReportedVelocitySigmaMps;
  }
  track.state = filter_.initiate(prior);
  track.status = TrackStatus::kTentative;
  track.hits = 1;
  track.recent_hits = 1;
  note_update(track, plot.sensor, plot.time);
  track.first_seen = plot.time;
  track.last_update = plot.time;
  take_identity(track, plot);
  tracks_.push_back(track);
  ++statistics_.tracks_started;
}

template <class Filter>
bool BasicGnnTracker<Filter>::may_start_track(const Plot& plot, const Vec3& plot_position,
                                              const MeasurementModel& model,
                                              Time batch_start) const {
  // Six sigma of the plot's position: polar noise spread over its range, or metres (ADS-B).
  const Mat3& noise = model.noise();
  const double plot_reach =
      measured(plot.range_m)
          ? 6.0 * (std::sqrt(noise(0, 0)) + plot.range_m * std::sqrt(noise(1, 1) + noise(2, 2)))
          : 6.0 * std::sqrt(noise.trace());
  // Six sigma of both: beyond it the plot cannot be in the track's gate.
  const auto distance_and_reach = [&](const Track& track) {
    const auto& kinematic = filter_.kinematic(track.state);
    const double dt = to_seconds(plot.time - kinematic.time);
    const double reach =
        6.0 * std::sqrt(kinematic.covariance.template topLeftCorner<3, 3>().trace()) +
        6.0 * std::sqrt(kinematic.covariance.template bottomRightCorner<3, 3>().trace()) *
            std::abs(dt) +
        plot_reach;
    return std::pair{(kinematic.position() + kinematic.velocity() * dt - plot_position).norm(),
                     reach};
  };
  const Vec3 z = model.measurement_of(plot);
  for (const Track& track : tracks_) {
    if (same_aircraft(track, plot)) {
      // A track with the plot's identity stops it up to 10 km beyond that reach (what a
      // manoeuvre can add), not farther.
      const auto [distance, reach] = distance_and_reach(track);
      if (distance <= reach + 10'000.0) return false;
      continue;
    }
    // Only a track updated or started in this batch can hold the plot in its gate: any other
    // would have been assigned it.
    if (track.last_update < batch_start) continue;
    const auto [distance, reach] = distance_and_reach(track);
    if (distance > reach) continue;
    const typename Filter::State predicted = filter_.predict(track.state, plot.time);
    const auto innovation =
        filter_.innovate(filter_.predict_measurement(predicted, model), z, model);
    if (innovation.mahalanobis_squared <= gate_threshold_) return false;
  }
  return true;
}

template <class Filter>
void BasicGnnTracker<Filter>::process(std::span<const Plot> plots, SensorIndex sensor,
                                      Time scan_end) {
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

  // Track management: M-of-N confirmation, coasting, deletion. Each track is predicted to the
  // scan's end once, for both the coverage test and the covariance-growth test.
  const std::uint32_t window_mask = (1u << config_.confirm_window) - 1u;
  std::vector<char> doomed(tracks_.size(), 0);
  for (std::size_t i = 0; i < tracks_.size(); ++i) {
    Track& track = tracks_[i];
    const typename Filter::State predicted_end = filter_.predict(track.state, scan_end);
    const auto& at_end = filter_.kinematic(predicted_end);
    if (track_hit[i]) {
      note_update(track, sensor, track.last_update);
      ++track.hits;
      track.consecutive_misses = 0;
      track.recent_hits = ((track.recent_hits << 1) | 1u) & window_mask;
      if (track.status == TrackStatus::kCoasting) track.status = TrackStatus::kConfirmed;
      if (track.status == TrackStatus::kTentative &&
          std::popcount(track.recent_hits) >= config_.confirm_hits) {
        track.status = TrackStatus::kConfirmed;
        ++statistics_.tracks_confirmed;
      }
    } else if ((!model.cooperative_only() || (track.updated_by & sensor_bit(sensor)) != 0) &&
               model.covers(model.predict(at_end.mean))) {
      ++track.consecutive_misses;
      track.recent_hits = (track.recent_hits << 1) & window_mask;
      if (track.status == TrackStatus::kConfirmed) track.status = TrackStatus::kCoasting;
    }
    const int limit = track.status == TrackStatus::kTentative
                          ? config_.delete_tentative_after_misses
                          : config_.delete_confirmed_after_misses;
    const double sigma = std::sqrt(at_end.covariance.template topLeftCorner<2, 2>().trace());
    doomed[i] = track.consecutive_misses >= limit || sigma > config_.max_position_sigma_m ||
                to_seconds(scan_end - track.last_update) >= config_.max_coast_s;
  }
  const std::size_t before = tracks_.size();
  std::size_t kept = 0;
  for (std::size_t i = 0; i < tracks_.size(); ++i) {
    if (doomed[i]) continue;
    // Never a self-move: it would empty the track's vectors and strings.
    if (kept != i) tracks_[kept] = std::move(tracks_[i]);
    ++kept;
  }
  tracks_.resize(kept);
  statistics_.tracks_deleted += before - tracks_.size();

  Time batch_start = scan_end;
  for (const Plot& plot : plots) batch_start = std::min(batch_start, plot.time);
  for (std::size_t c = 0; c < plots.size(); ++c) {
    if (!plot_used[c] && may_start_track(plots[c], plot_positions[c], model, batch_start)) {
      start_track(plots[c], model);
    }
  }
}

template <class Filter>
std::vector<GaussianState> BasicGnnTracker<Filter>::states(Time at) const {
  std::vector<GaussianState> result;
  result.reserve(tracks_.size());
  for (const Track& track : tracks_) {
    result.push_back(filter_.kinematic(filter_.predict(track.state, at)));
  }
  return result;
}

template <class Filter>
std::vector<TrackReport> BasicGnnTracker<Filter>::reports(Time at) const {
  std::vector<TrackReport> result;
  result.reserve(tracks_.size());
  for (const Track& track : tracks_) {
    const GaussianState state = filter_.kinematic(filter_.predict(track.state, at));
    TrackReport report;
    report.time = at;
    report.id = track.id;
    report.status = track.status;
    report.icao = track.icao;
    report.callsign = track.callsign;
    report.mode3a = track.mode3a;
    report.position = system_frame_.to_geodetic(state.position());
    // System-ENU velocity -> ECEF -> local ENU at the track's own position.
    const geo::LocalFrame local(report.position);
    report.velocity_enu_mps =
        local.vector_ecef_to_enu(system_frame_.vector_enu_to_ecef(state.velocity()));
    result.push_back(report);
  }
  return result;
}

template class BasicGnnTracker<CvEkfFilter>;
template class BasicGnnTracker<UkfFilter<CvMotion>>;
template class BasicGnnTracker<ImmFilter>;

}  // namespace straja::tracking
