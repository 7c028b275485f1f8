#include "tracking/gnn_tracker.h"

#include <Eigen/LU>
#include <algorithm>
#include <bit>
#include <cmath>
#include <type_traits>

#include "core/huge_pages.h"
#include "core/units.h"
#include "tracking/association/assignment.h"
#include "tracking/association/jpda.h"
#include "tracking/models/ssr_adsb.h"
#include "tracking/report_covariance.h"

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
  } else if constexpr (std::is_same_v<Filter, ImmFilter>) {
    return ImmFilter{config.imm};
  } else if constexpr (std::is_same_v<Filter, UkfFilter<CvMotion>>) {
    UkfFilter<CvMotion> filter;
    filter.motion.horizontal.q = config.motion.q_horizontal;
    filter.motion.vertical.q = config.motion.q_vertical;
    return filter;
  } else {
    return Filter{};
  }
}

/// JPDA's clutter density per sensor of `registry`: ADS-B's own, the radars' otherwise.
std::vector<double> clutter_densities(const GnnTrackerConfig& config,
                                      const SensorRegistry& registry) {
  std::vector<double> densities;
  for (const SensorInfo& sensor : registry.sensors) {
    densities.push_back(sensor.kind == SensorKind::kAdsb
                            ? config.jpda_adsb_clutter_density
                            : config.jpda_clutter_density.value_or(config.llr.false_alarm_density));
  }
  return densities;
}

/// JIPDA (Musicki and Evans): the probability of existence after a scan in which the track,
/// of predicted existence r, took no plot with probability `miss` (its JIPDA marginal); with
/// `miss` = 1 the update of a track that had no plot in its gate.
double existence_after(double r, double miss, double detect_and_gate) {
  const double absent = (1.0 - detect_and_gate) * r / (1.0 - detect_and_gate * r);
  return std::clamp((1.0 - miss) + miss * absent, 0.0, 1.0);
}

}  // namespace

template <class Filter>
BasicGnnTracker<Filter>::BasicGnnTracker(GnnTrackerConfig config, const SensorRegistry& registry,
                                         const geo::LocalFrame& system_frame)
    : BasicGnnTracker(config, radar_models(registry, system_frame), system_frame) {
  clutter_density_ = clutter_densities(config_, registry);
}

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
          chi_square_3dof_quantile(config.gate_probability))),
      pre_gate_sigmas_(std::max(6.0, 1.5 * std::sqrt(gate_threshold_))),
      llr_hit_offset_(config.llr.hit(0.0, 0.0)),
      llr_miss_(config.llr.miss()) {
  // Room for the tracks and their per-batch buffers from the start, committed now (about 2 MB):
  // a picture of up to this size never moves its tracks to grow nor waits on a page fault for
  // them; beyond it start_tracks grows them ahead of each batch's new tracks (reserve_tracks).
  constexpr std::size_t kReservedTracks = 1024;
  reserve_tracks(kReservedTracks);
  // Likewise the per-plot buffers and the grids for batches of up to this many plots (about
  // 450 kB).
  constexpr std::size_t kReservedPlots = 1024;
  reserve_plots(kReservedPlots);
}

template <class Filter>
void BasicGnnTracker<Filter>::reserve_tracks(std::size_t count) {
  Workspace& w = work_;
  // The tracks and what the pre-gates keep of each; one candidate, prediction and predicted
  // measurement per track (what a batch with one plot time needs when each track gates one plot);
  // the per-track flags, lists and association rows.
  grow_each_on_huge_pages(count, tracks_, w.pre_gates, w.predicted_last, w.gated, w.predictions,
                          w.measurements, w.track_hit, w.doomed, w.existence_updated, w.established,
                          w.tentative, w.identified, w.miss_cost, w.cluster_rows, w.members);
  grow_on_huge_pages(w.gated_begin, count + 1);
}

template <class Filter>
void BasicGnnTracker<Filter>::reserve_plots(std::size_t count) {
  Workspace& w = work_;
  grow_each_on_huge_pages(count, w.plot_used, w.plot_measurements, w.plot_times, w.plot_icao,
                          w.plot_positions, w.plot_spreads, w.plot_sigma_m,
                          w.plot_horizontal_reach_m, w.nearby, w.rows_gating, w.local_column,
                          w.columns, w.unused, w.unused_positions, w.unused_reach_m,
                          w.unused_grid_reach_m, w.start_blocked, w.started_as);
  grow_on_huge_pages(w.parent, tracks_.capacity() + count);  // rows, then plots
  w.grid.reserve(count);
  w.unused_grid.reserve(count);
}

namespace {

std::size_t find_root(std::vector<std::size_t>& parent, std::size_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

}  // namespace

// Why the pre-gate holds the chi-square gate: linearised, the innovation's position part has
// covariance P + R (track and plot), and d^2 <= gate bounds its length by
// sqrt(gate) sqrt(tr P + tr R) <= sqrt(gate) (sigma_track + sigma_plot). Its horizontal part, whose
// covariance is the horizontal blocks' sum, likewise by sqrt(gate) times the sum of the horizontal
// sigmas (sqrt of the 2x2 blocks' traces): the grid query takes those, as the height, where a 3D
// radar's elevation noise puts most of a far plot's uncertainty, plays no part in the plane. The
// pre-gate takes pre_gate_sigmas_ >= 1.5 sqrt(gate) sigmas, plus 5% of the distance flown and 100 m
// for the linearisation. sigma_track over the batch: tr P(dt) is a convex quadratic in dt plus the
// process noise, so it is at most tr P(dt_first) + tr P(dt_last) on [dt_first, dt_last].
template <class Filter>
void BasicGnnTracker<Filter>::compute_pre_gates(std::span<const Plot> plots) {
  Workspace& w = work_;
  w.pre_gates.resize(tracks_.size());
  w.predicted_last.resize(tracks_.size());
  if (plots.empty()) return;
  Time first = plots.front().time;
  Time last = first;
  for (std::size_t c = 0; c < plots.size(); ++c) {
    first = std::min(first, plots[c].time);
    last = std::max(last, plots[c].time);
  }
  double radius_sum = 0.0;
  for (std::size_t i = 0; i < tracks_.size(); ++i) {
    const Track& track = tracks_[i];
    const auto& kinematic = filter_.kinematic(track.state);
    PreGate& gate = w.pre_gates[i];
    gate.position = kinematic.position();
    gate.velocity = kinematic.velocity();
    gate.time = kinematic.time;
    const double speed = gate.velocity.norm();
    // The traces are read from the prediction before it is copied to predicted_last: read back
    // from there, right after the wide stores of the copy, they would wait for those stores.
    const typename Filter::State prediction = predicted(track.state, last);
    const auto& at_last = filter_.kinematic(prediction);
    double variance = at_last.covariance.template topLeftCorner<3, 3>().trace();
    double horizontal_variance = at_last.covariance.template topLeftCorner<2, 2>().trace();
    w.predicted_last[i] = prediction;
    if (first != last) {
      const GaussianState at_first = filter_.kinematic(filter_.predict(track.state, first));
      variance += at_first.covariance.template topLeftCorner<3, 3>().trace();
      horizontal_variance += at_first.covariance.template topLeftCorner<2, 2>().trace();
    }
    gate.reach_m = pre_gate_sigmas_ * std::sqrt(std::max(0.0, variance)) + 100.0;
    const double horizontal_reach_m =
        pre_gate_sigmas_ * std::sqrt(std::max(0.0, horizontal_variance)) + 100.0;
    gate.margin_per_s = 0.05 * speed;
    const double dt_first = to_seconds(first - gate.time);
    const double dt_last = to_seconds(last - gate.time);
    const double longest = std::max(std::abs(dt_first), std::abs(dt_last));
    gate.centre = gate.position + gate.velocity * (0.5 * (dt_first + dt_last));
    // The plot's part of the gate is each plot's own reach in the grid.
    gate.radius_m =
        (horizontal_reach_m + gate.margin_per_s * longest + 0.5 * speed * (dt_last - dt_first)) *
            (1.0 + 1e-9) +
        1e-6;
    radius_sum += std::isfinite(gate.radius_m) ? gate.radius_m : 0.0;
  }
  w.last_plot_time = last;
  // Cells about as large as the mean query: a query then visits a few cells.
  const double cell = tracks_.empty() ? 1'000.0 : radius_sum / static_cast<double>(tracks_.size());
  w.grid.build(w.plot_positions, cell, w.plot_horizontal_reach_m);
}

template <class Filter>
typename Filter::State BasicGnnTracker<Filter>::predicted(const typename Filter::State& state,
                                                          Time to) const {
  return state.time == to ? state : filter_.predict(state, to);
}

template <class Filter>
void BasicGnnTracker<Filter>::apply(std::size_t track_index, const Gated& gated, const Plot& plot,
                                    const MeasurementModel& model) {
  Track& track = tracks_[track_index];
  const typename Filter::State& predicted = predicted_of(gated.candidate);
  track.state =
      filter_.update(predicted, measurement_of(gated.candidate), gated.candidate.innovation, model);
  track.last_update = predicted.time;
  take_identity(track, plot);
  track.updates.note(plot);
  track.score.add(hit_score(gated.candidate.innovation));
  work_.plot_used[gated.plot] = 1;
  work_.track_hit[track_index] = 1;
  ++statistics_.associated;
}

template <class Filter>
void BasicGnnTracker<Filter>::associate(const std::vector<std::size_t>& track_indices,
                                        std::span<const Plot> plots,
                                        const MeasurementModel& model) {
  if (track_indices.empty()) return;
  Workspace& w = work_;
  const std::size_t rows = track_indices.size();
  const std::size_t plot_count = plots.size();
  // Gated candidates per track: the plot, the prediction to its time and the innovation.
  w.gated.clear();
  w.predictions.clear();
  w.measurements.clear();
  w.gated_begin.resize(rows + 1);
  w.miss_cost.assign(rows, gate_threshold_);
  // Prediction and predicted measurement per track and distinct plot time (a batch from a
  // scanning radar has one time per plot; a synchronous batch has one time for all).
  typename Filter::State cached_state;
  typename Filter::MeasurementPrediction cached_measurement;
  for (std::size_t r = 0; r < rows; ++r) {
    w.gated_begin[r] = w.gated.size();
    const Track& track = tracks_[track_indices[r]];
    const PreGate& gate = w.pre_gates[track_indices[r]];
    const typename Filter::State* cached = nullptr;  // predicted_last, or cached_state
    std::uint32_t cached_index = kNoPrediction;      // Candidate::prediction, once a plot gated
    std::uint32_t cached_measurement_index = kNoPrediction;  // Candidate::measurement, likewise
    w.nearby.clear();
    w.grid.query(gate.centre, gate.radius_m, w.nearby);
    for (const std::size_t c : w.nearby) {
      if (w.plot_used[c]) continue;
      // Two different 24-bit aircraft addresses are two aircraft: never one track.
      if (w.plot_icao[c] && track.icao && *w.plot_icao[c] != *track.icao) continue;
      // Coarse pre-gate on straight-line distance before the exact (and costlier) innovation.
      const Time plot_time = w.plot_times[c];
      const double dt = to_seconds(plot_time - gate.time);
      const Vec3 ahead = gate.position + gate.velocity * dt;
      const double reach =
          gate.reach_m + pre_gate_sigmas_ * w.plot_sigma_m[c] + gate.margin_per_s * std::abs(dt);
      if ((w.plot_positions[c] - ahead).squaredNorm() > reach * reach) continue;  // reach >= 0
      if (cached == nullptr || cached->time != plot_time) {
        cached_index = kNoPrediction;
        cached_measurement_index = kNoPrediction;
        if (plot_time == w.last_plot_time) {
          cached = &w.predicted_last[track_indices[r]];
          cached_index = static_cast<std::uint32_t>(track_indices[r]) | kPredictedLast;
        } else {
          cached_state = predicted(track.state, plot_time);
          cached = &cached_state;
        }
        cached_measurement = filter_.predict_measurement(*cached, model);
      }
      const typename Filter::Innovation innovation =
          filter_.innovate(cached_measurement, w.plot_measurements[c], model);
      if (innovation.mahalanobis_squared > gate_threshold_) continue;
      if (cached_index == kNoPrediction) {
        cached_index = static_cast<std::uint32_t>(w.predictions.size());
        w.predictions.push_back(*cached);
      }
      if (cached_measurement_index == kNoPrediction) {
        cached_measurement_index = static_cast<std::uint32_t>(w.measurements.size());
        w.measurements.push_back(cached_measurement);
      }
      w.gated.push_back({c, {innovation, cached_index, cached_measurement_index}});
    }
    // The row's candidates in plot order (the grid finds plots in no particular order): the
    // assignment's columns, its choice among equal costs and the miss cost below follow it.
    const auto row_begin = w.gated.begin() + static_cast<std::ptrdiff_t>(w.gated_begin[r]);
    if (w.gated.end() - row_begin > 1) {
      std::sort(row_begin, w.gated.end(),
                [](const Gated& a, const Gated& b) { return a.plot < b.plot; });
    }
    if (row_begin != w.gated.end()) {
      // Not detected costs the gate plus the track's ln|S| at its first gated plot (cost of a
      // pair: d^2 + ln|S|).
      w.miss_cost[r] = gate_threshold_ + row_begin->candidate.innovation.log_det_covariance;
    }
  }
  w.gated_begin[rows] = w.gated.size();
  const auto candidates_of = [&](std::size_t r) {
    return std::span<const Gated>(w.gated.data() + w.gated_begin[r],
                                  w.gated.data() + w.gated_begin[r + 1]);
  };

  // Independent clusters (tracks linked through shared gated plots, union-find) are solved
  // separately: the assignment's O(n^3) then applies to each small cluster, not to the whole
  // picture. A track none of whose gated plots is gated by another is a cluster on its own; with
  // GNN its optimal assignment is its cheapest plot, or none when not detecting costs less (the
  // first of equal costs, as the solver chooses). Clusters share no track and no plot, so the
  // order in which they are solved does not matter.
  w.rows_gating.assign(plot_count, 0);
  for (const Gated& gated : w.gated) ++w.rows_gating[gated.plot];
  w.parent.resize(rows + plot_count);
  for (std::size_t i = 0; i < w.parent.size(); ++i) w.parent[i] = i;
  w.cluster_rows.clear();
  const bool gnn = config_.associator == Associator::kGnn;
  for (std::size_t r = 0; r < rows; ++r) {
    const std::span<const Gated> candidates = candidates_of(r);
    if (candidates.empty()) continue;
    const bool alone = std::all_of(candidates.begin(), candidates.end(), [&](const Gated& gated) {
      return w.rows_gating[gated.plot] == 1;
    });
    if (alone && gnn) {
      const Gated* best = nullptr;
      double best_cost = kForbidden;
      for (const Gated& gated : candidates) {
        const double cost = gated.candidate.innovation.mahalanobis_squared +
                            gated.candidate.innovation.log_det_covariance;
        if (cost < best_cost) {
          best_cost = cost;
          best = &gated;
        }
      }
      if (best != nullptr && !(w.miss_cost[r] < best_cost)) {
        apply(track_indices[r], *best, plots[best->plot], model);
      }
      continue;
    }
    for (const Gated& gated : candidates) {
      w.parent[find_root(w.parent, r)] = find_root(w.parent, rows + gated.plot);
    }
    w.cluster_rows.emplace_back(r, r);  // its root below, once every link is made
  }
  for (auto& [root, r] : w.cluster_rows) root = find_root(w.parent, r);
  std::sort(w.cluster_rows.begin(), w.cluster_rows.end());
  w.local_column.assign(plot_count, -1);
  for (std::size_t begin = 0; begin < w.cluster_rows.size();) {
    std::size_t end = begin + 1;
    while (end < w.cluster_rows.size() &&
           w.cluster_rows[end].first == w.cluster_rows[begin].first) {
      ++end;
    }
    w.members.clear();
    w.columns.clear();  // the cluster's plots
    for (std::size_t k = begin; k < end; ++k) {
      const std::size_t r = w.cluster_rows[k].second;
      w.members.push_back(r);
      for (const Gated& gated : candidates_of(r)) {
        if (w.local_column[gated.plot] < 0) {
          w.local_column[gated.plot] = static_cast<int>(w.columns.size());
          w.columns.push_back(gated.plot);
        }
      }
    }
    begin = end;
    if (config_.associator != Associator::kGnn) {
      associate_jpda(track_indices, plots, model);
      for (const std::size_t c : w.columns) w.local_column[c] = -1;
      continue;
    }
    const auto n_rows = static_cast<Eigen::Index>(w.members.size());
    const auto n_plots = static_cast<Eigen::Index>(w.columns.size());
    // Columns: the cluster's plots, then one "not detected" column per track.
    w.cost.resize(n_rows, n_plots + n_rows);
    w.cost.setConstant(kForbidden);
    for (Eigen::Index i = 0; i < n_rows; ++i) {
      const std::size_t r = w.members[static_cast<std::size_t>(i)];
      for (const Gated& gated : candidates_of(r)) {
        w.cost(i, w.local_column[gated.plot]) = gated.candidate.innovation.mahalanobis_squared +
                                                gated.candidate.innovation.log_det_covariance;
      }
      w.cost(i, n_plots + i) = w.miss_cost[r];
    }
    solve_assignment(w.cost, w.assignment_workspace, w.assignment);
    for (Eigen::Index i = 0; i < n_rows; ++i) {
      const int column = w.assignment.column_of_row[static_cast<std::size_t>(i)];
      if (column < 0 || column >= n_plots) continue;
      const std::size_t r = w.members[static_cast<std::size_t>(i)];
      const std::size_t c = w.columns[static_cast<std::size_t>(column)];
      for (const Gated& gated : candidates_of(r)) {
        if (gated.plot != c) continue;
        apply(track_indices[r], gated, plots[c], model);
        break;
      }
    }
    for (const std::size_t c : w.columns) w.local_column[c] = -1;
  }
}

// PDA update of each track of the cluster (Bar-Shalom; filters/pda.h, every filter's pda_update,
// the IMM's per mode): with beta_j the marginal probability of plot j and beta_0 of none,
// nu = sum beta_j nu_j, x+ = x + K nu and
//   P+ = beta_0 P + (1 - beta_0) P_c + K (sum beta_j nu_j nu_j^T - nu nu^T) K^T
// (P_c the single-plot posterior covariance; the last term the spread of the innovations). Plots
// gated at another time than the track's most probable one are left out (their probability goes
// to the miss). A track counts a hit when a plot is likelier than none; a plot whose marginals
// sum to at least one half is used (it starts no new track).
//
// JIPDA (Musicki and Evans) weighs each track's plots by its predicted probability of existence
// r: plot j Pd r g_j, none (1 - Pd Pg r) lambda (Pg the gate probability). The posterior
// existence is r+ = (1 - beta_0) + beta_0 (1 - Pd Pg) r / (1 - Pd Pg r), and the state is updated
// given existence, with the plots' weights beta_j / r+.
template <class Filter>
void BasicGnnTracker<Filter>::associate_jpda(const std::vector<std::size_t>& track_indices,
                                             std::span<const Plot> plots,
                                             const MeasurementModel& model) {
  Workspace& w = work_;
  const auto n_rows = static_cast<Eigen::Index>(w.members.size());
  const auto n_plots = static_cast<Eigen::Index>(w.columns.size());
  const LlrScoreConfig& s = config_.llr;
  const bool jipda = config_.associator == Associator::kJipda;
  const double pd = config_.jpda_detection_probability.value_or(s.detection_probability);
  const double detect_and_gate = pd * config_.gate_probability;
  const double normaliser = std::pow(2.0 * units::kPi, 0.5 * s.measurement_size);
  Eigen::MatrixXd likelihood = Eigen::MatrixXd::Zero(n_rows, n_plots);
  Eigen::VectorXd miss(n_rows);
  Eigen::VectorXd existence = Eigen::VectorXd::Ones(n_rows);
  for (Eigen::Index i = 0; i < n_rows; ++i) {
    const std::size_t r = w.members[static_cast<std::size_t>(i)];
    const std::span<const Gated> candidates(w.gated.data() + w.gated_begin[r],
                                            w.gated.data() + w.gated_begin[r + 1]);
    if (jipda) {
      existence(i) =
          existence_at(tracks_[track_indices[r]], predicted_of(candidates.front().candidate).time);
      miss(i) = (1.0 - detect_and_gate * existence(i)) * w.clutter_density;
    } else {
      miss(i) = (1.0 - pd) * w.clutter_density;
    }
    for (const Gated& gated : candidates) {
      const auto& innovation = gated.candidate.innovation;
      likelihood(i, w.local_column[gated.plot]) =
          existence(i) * pd *
          std::exp(-0.5 * innovation.mahalanobis_squared - 0.5 * innovation.log_det_covariance) /
          normaliser;
    }
  }
  const JpdaMarginals marginals = jpda_marginals(likelihood, miss, config_.jpda_max_nodes);
  for (Eigen::Index j = 0; j < n_plots; ++j) {
    if (marginals.probability.col(j).sum() >= 0.5) {
      w.plot_used[w.columns[static_cast<std::size_t>(j)]] = 1;
    }
  }
  for (Eigen::Index i = 0; i < n_rows; ++i) {
    const std::size_t r = w.members[static_cast<std::size_t>(i)];
    const std::span<const Gated> candidates(w.gated.data() + w.gated_begin[r],
                                            w.gated.data() + w.gated_begin[r + 1]);
    // The plots' weights given that the target exists (JPDA: it does).
    double given_existence = 1.0;
    if (jipda) {
      Track& track = tracks_[track_indices[r]];
      track.existence =
          existence_after(existence(i), marginals.probability(i, n_plots), detect_and_gate);
      track.existence_time = predicted_of(candidates.front().candidate).time;
      w.existence_updated[track_indices[r]] = 1;
      given_existence = track.existence > 0.0 ? 1.0 / track.existence : 0.0;
    }
    const Gated* likeliest = nullptr;
    double likeliest_probability = marginals.probability(i, n_plots);  // the miss
    for (const Gated& gated : candidates) {
      const double p = marginals.probability(i, w.local_column[gated.plot]);
      if (p > likeliest_probability) {
        likeliest_probability = p;
        likeliest = &gated;
      }
    }
    if (likeliest == nullptr) continue;
    // Every filter takes the PDA update with the plots gated at the likeliest plot's time.
    const typename Filter::State& predicted = predicted_of(likeliest->candidate);
    w.weighted.clear();
    for (const Gated& gated : candidates) {
      if (predicted_of(gated.candidate).time != predicted.time) continue;
      w.weighted.push_back(
          {&gated.candidate.innovation,
           std::min(1.0, given_existence * marginals.probability(i, w.local_column[gated.plot]))});
    }
    const std::size_t index = track_indices[r];
    Track& track = tracks_[index];
    track.state =
        filter_.pda_update(predicted, measurement_of(likeliest->candidate), w.weighted, model);
    track.last_update = track.state.time;
    take_identity(track, plots[likeliest->plot]);
    track.updates.note(plots[likeliest->plot]);
    track.score.add(hit_score(likeliest->candidate.innovation));
    w.track_hit[index] = 1;
    ++statistics_.associated;
  }
}

template <class Filter>
double BasicGnnTracker<Filter>::existence_at(const Track& track, Time at) const {
  const double dt = std::max(0.0, to_seconds(at - track.existence_time));
  return track.existence * std::pow(config_.existence.survival_per_s, dt);
}

template <class Filter>
bool BasicGnnTracker<Filter>::confirms_quickly(const Track& track) const {
  // recent_hits holds the M-of-N window's bits (at most 31): hit in each of the last `hits` scans.
  const int hits = config_.quick_confirm_hits;
  if (hits <= 0 || hits > 31) return false;
  const std::uint32_t last_hits = (1u << hits) - 1u;
  if ((track.recent_hits & last_hits) != last_hits) return false;
  const auto& kinematic = filter_.kinematic(track.state);
  const double variance = kinematic.covariance.template topLeftCorner<2, 2>().trace();
  return variance <= config_.quick_confirm_max_sigma_m * config_.quick_confirm_max_sigma_m;
}

template <class Filter>
void BasicGnnTracker<Filter>::start_track(const Plot& plot, const MeasurementModel& model) {
  const auto position = model.position_of(model.measurement_of(plot));
  Track& track = tracks_.emplace_back();
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
  track.score.start(config_.llr);
  if (config_.associator == Associator::kJipda) track.existence = config_.existence.birth;
  track.existence_time = plot.time;
  note_update(track, plot.sensor, plot.time);
  track.first_seen = plot.time;
  track.last_update = plot.time;
  take_identity(track, plot);
  track.updates.first_seen = plot.time;
  track.updates.note(plot);
  ++statistics_.tracks_started;
}

template <class Filter>
std::pair<double, double> BasicGnnTracker<Filter>::distance_and_reach(const Track& track,
                                                                      const Plot& plot,
                                                                      const Vec3& plot_position,
                                                                      double plot_reach) const {
  const auto& kinematic = filter_.kinematic(track.state);
  const double dt = to_seconds(plot.time - kinematic.time);
  const double reach =
      6.0 * std::sqrt(kinematic.covariance.template topLeftCorner<3, 3>().trace()) +
      6.0 * std::sqrt(kinematic.covariance.template bottomRightCorner<3, 3>().trace()) *
          std::abs(dt) +
      plot_reach;
  return {(kinematic.position() + kinematic.velocity() * dt - plot_position).norm(), reach};
}

template <class Filter>
bool BasicGnnTracker<Filter>::holds_in_gate(const Track& track, const Plot& plot,
                                            const Vec3& plot_position, double plot_reach,
                                            const MeasurementModel& model) const {
  const auto [distance, reach] = distance_and_reach(track, plot, plot_position, plot_reach);
  if (distance > reach) return false;
  const typename Filter::State predicted = filter_.predict(track.state, plot.time);
  const auto innovation = filter_.innovate(filter_.predict_measurement(predicted, model),
                                           model.measurement_of(plot), model);
  return innovation.mahalanobis_squared <= gate_threshold_;
}

template <class Filter>
void BasicGnnTracker<Filter>::start_tracks(std::span<const Plot> plots,
                                           const MeasurementModel& model, Time batch_start) {
  Workspace& w = work_;
  w.unused.clear();
  w.unused_positions.clear();
  w.unused_reach_m.clear();
  bool any_identity = false;
  for (std::size_t c = 0; c < plots.size(); ++c) {
    if (w.plot_used[c]) continue;
    w.unused.push_back(c);
    w.unused_positions.push_back(w.plot_positions[c]);
    // The plot's own position sigma (the model's inverse), as in the association's pre-gate.
    w.unused_reach_m.push_back(pre_gate_sigmas_ * w.plot_sigma_m[c]);
    any_identity = any_identity || plots[c].icao || plots[c].mode3a;
  }
  if (w.unused.empty()) return;
  Time first = plots[w.unused.front()].time;
  Time last = first;
  double max_plot_reach = 0.0;
  for (std::size_t u = 0; u < w.unused.size(); ++u) {
    first = std::min(first, plots[w.unused[u]].time);
    last = std::max(last, plots[w.unused[u]].time);
    max_plot_reach = std::max(max_plot_reach, w.unused_reach_m[u]);
  }
  const double span_s = to_seconds(last - first);
  // Tracks carrying an identity (the only ones same_aircraft can match), when a plot has one.
  w.identified.clear();
  if (any_identity) {
    for (std::size_t i = 0; i < tracks_.size(); ++i) {
      if (tracks_[i].icao || tracks_[i].mode3a) w.identified.push_back(i);
    }
  }
  // Tracks updated before this loop: each marks the unused plots in its gate. A plot it reaches
  // lies within its reach of the track's position extrapolated to the plot's time, so within
  // the radius below of the position extrapolated to the middle of the plots' times.
  double cell_sum = 0.0;
  std::size_t cell_count = 0;
  for (const Track& track : tracks_) {
    if (track.last_update < batch_start) continue;
    const auto& kinematic = filter_.kinematic(track.state);
    cell_sum += 6.0 * std::sqrt(kinematic.covariance.template topLeftCorner<3, 3>().trace());
    ++cell_count;
  }
  // Each plot's reach goes with it into the grid (a query finds a plot within the radius plus
  // its own reach), rather than the largest reach onto every query's radius.
  w.unused_grid_reach_m.resize(w.unused_reach_m.size());
  for (std::size_t u = 0; u < w.unused_reach_m.size(); ++u) {
    w.unused_grid_reach_m[u] = w.unused_reach_m[u] * (1.0 + 1e-9);
  }
  w.unused_grid.build(
      w.unused_positions,
      cell_count > 0 ? cell_sum / static_cast<double>(cell_count) + max_plot_reach : max_plot_reach,
      w.unused_grid_reach_m);
  w.start_blocked.assign(w.unused.size(), 0);
  for (const Track& track : tracks_) {
    if (track.last_update < batch_start) continue;
    const auto& kinematic = filter_.kinematic(track.state);
    const double dt_first = to_seconds(first - kinematic.time);
    const double dt_last = to_seconds(last - kinematic.time);
    const double longest = std::max(std::abs(dt_first), std::abs(dt_last));
    const double speed = kinematic.velocity().norm();
    const Vec3 centre = kinematic.position() + kinematic.velocity() * (0.5 * (dt_first + dt_last));
    const double radius =
        (6.0 * std::sqrt(kinematic.covariance.template topLeftCorner<3, 3>().trace()) +
         6.0 * std::sqrt(kinematic.covariance.template bottomRightCorner<3, 3>().trace()) *
             longest +
         0.5 * speed * span_s) *
            (1.0 + 1e-9) +
        1e-6;
    w.nearby.clear();
    w.unused_grid.query(centre, radius, w.nearby);
    for (const std::size_t u : w.nearby) {
      if (w.start_blocked[u]) continue;
      const Plot& plot = plots[w.unused[u]];
      if (same_aircraft(track, plot)) continue;  // the identity test below decides
      if (holds_in_gate(track, plot, w.unused_positions[u], w.unused_reach_m[u], model)) {
        w.start_blocked[u] = 1;
      }
    }
  }
  // Room for a track per plot still free, before the first is started.
  reserve_tracks(tracks_.size() + static_cast<std::size_t>(std::count(
                                      w.start_blocked.begin(), w.start_blocked.end(), char{0})));
  // Then plot by plot, in order: the identity test against every track carrying an identity,
  // and the gate test against the tracks started from the plots before it (found through the
  // grid: a started track sits at its plot's position).
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  w.started_as.assign(w.unused.size(), kNone);
  double started_reach = 0.0;  // the largest six sigma (position, velocity over span_s) so far
  for (std::size_t u = 0; u < w.unused.size(); ++u) {
    if (w.start_blocked[u]) continue;
    const Plot& plot = plots[w.unused[u]];
    const Vec3& position = w.unused_positions[u];
    const double reach = w.unused_reach_m[u];
    bool stopped = false;
    if (plot.icao || plot.mode3a) {
      for (const std::size_t i : w.identified) {
        if (!same_aircraft(tracks_[i], plot)) continue;
        // A track with the plot's identity stops it up to 10 km beyond that reach (what a
        // manoeuvre can add), not farther.
        const auto [distance, track_reach] = distance_and_reach(tracks_[i], plot, position, reach);
        if (distance <= track_reach + 10'000.0) {
          stopped = true;
          break;
        }
      }
    }
    if (!stopped && started_reach > 0.0) {
      w.nearby.clear();
      // The grid adds each started plot's own reach: candidates beyond the gate are tested.
      w.unused_grid.query(position, (started_reach + reach) * (1.0 + 1e-9) + 1e-6, w.nearby);
      for (const std::size_t v : w.nearby) {
        if (v >= u || w.started_as[v] == kNone) continue;
        const Track& track = tracks_[w.started_as[v]];
        if (same_aircraft(track, plot)) continue;  // decided above
        if (holds_in_gate(track, plot, position, reach, model)) {
          stopped = true;
          break;
        }
      }
    }
    if (stopped) continue;
    start_track(plot, model);
    const std::size_t index = tracks_.size() - 1;
    w.started_as[u] = index;
    if (tracks_[index].icao || tracks_[index].mode3a) w.identified.push_back(index);
    const auto& kinematic = filter_.kinematic(tracks_[index].state);
    started_reach = std::max(
        started_reach,
        6.0 * std::sqrt(kinematic.covariance.template topLeftCorner<3, 3>().trace()) +
            (6.0 * std::sqrt(kinematic.covariance.template bottomRightCorner<3, 3>().trace()) +
             kinematic.velocity().norm()) *
                span_s);
  }
}

template <class Filter>
void BasicGnnTracker<Filter>::process(std::span<const Plot> plots, SensorIndex sensor,
                                      Time scan_end) {
  statistics_.plots += plots.size();
  const MeasurementModel& model = *models_.at(sensor.value);
  reserve_plots(plots.size());
  Workspace& w = work_;
  w.plot_used.assign(plots.size(), 0);
  w.track_hit.assign(tracks_.size(), 0);
  w.existence_updated.assign(tracks_.size(), 0);
  w.clutter_density = sensor.value < clutter_density_.size()
                          ? clutter_density_[sensor.value]
                          : config_.jpda_clutter_density.value_or(config_.llr.false_alarm_density);

  w.established.clear();
  w.tentative.clear();
  for (std::size_t i = 0; i < tracks_.size(); ++i) {
    (tracks_[i].status == TrackStatus::kTentative ? w.tentative : w.established).push_back(i);
  }
  // Each plot's system-ENU position and its uncertainty, once, for the coarse pre-gate.
  w.plot_positions.resize(plots.size());
  w.plot_sigma_m.resize(plots.size());
  w.plot_measurements.resize(plots.size());
  w.plot_times.resize(plots.size());
  w.plot_icao.resize(plots.size());
  w.plot_horizontal_reach_m.resize(plots.size());
  w.plot_spreads.resize(plots.size());
  for (std::size_t c = 0; c < plots.size(); ++c) {
    w.plot_measurements[c] = model.measurement_of(plots[c]);
    w.plot_times[c] = plots[c].time;
    w.plot_icao[c] = plots[c].icao;
  }
  model.position_spreads_of(w.plot_measurements, w.plot_spreads);
  for (std::size_t c = 0; c < plots.size(); ++c) {
    const MeasurementModel::PositionSpread& spread = w.plot_spreads[c];
    w.plot_positions[c] = spread.enu_m;
    w.plot_sigma_m[c] = std::sqrt(std::max(0.0, spread.variance_m2));
    w.plot_horizontal_reach_m[c] =
        pre_gate_sigmas_ * std::sqrt(std::max(0.0, spread.horizontal_variance_m2)) * (1.0 + 1e-9);
  }
  compute_pre_gates(plots);
  associate(w.established, plots, model);
  associate(w.tentative, plots, model);

  // Track management: M-of-N confirmation, coasting, deletion. Each track is predicted to the
  // scan's end once, for both the coverage test and the covariance-growth test.
  const std::uint32_t window_mask = (1u << config_.confirm_window) - 1u;
  const bool llr = config_.confirm_method == ConfirmMethod::kLlr;
  const bool jipda = config_.associator == Associator::kJipda;
  const double detect_and_gate =
      config_.jpda_detection_probability.value_or(config_.llr.detection_probability) *
      config_.gate_probability;
  std::vector<char>& doomed = w.doomed;
  doomed.assign(tracks_.size(), 0);
  const std::vector<char>& track_hit = w.track_hit;
  typename Filter::State predicted_scratch;
  for (std::size_t i = 0; i < tracks_.size(); ++i) {
    Track& track = tracks_[i];
    // Unchanged since the pre-gate (no plot) and the scan ends at the last plot: predicted there.
    const typename Filter::State* predicted_end = &track.state;
    if (!track_hit[i] && !plots.empty() && scan_end == w.last_plot_time) {
      predicted_end = &w.predicted_last[i];
    } else if (track.state.time != scan_end) {
      predicted_scratch = filter_.predict(track.state, scan_end);
      predicted_end = &predicted_scratch;
    }
    const auto& at_end = filter_.kinematic(*predicted_end);
    const bool has_updated = (track.updated_by & sensor_bit(sensor)) != 0;
    if (track_hit[i]) {
      note_update(track, sensor, track.last_update);
      ++track.hits;
      track.consecutive_misses = 0;
      if (track.unseen_misses > 0) {
        track.unseen_misses = 0;
        std::fill(track.misses_by_sensor.begin(), track.misses_by_sensor.end(), 0);
      }
      track.recent_hits = ((track.recent_hits << 1) | 1u) & window_mask;
      if (track.status == TrackStatus::kCoasting) track.status = TrackStatus::kConfirmed;
      const bool confirms = jipda ? track.existence >= config_.existence.confirm
                            : llr ? track.score.confirms(config_.llr)
                                  : std::popcount(track.recent_hits) >= config_.confirm_hits;
      if (confirms) track.quickly_confirmed = false;
      if (track.status == TrackStatus::kTentative && (confirms || confirms_quickly(track))) {
        track.status = TrackStatus::kConfirmed;
        track.quickly_confirmed = !confirms;
        if (!track.confirmed_before) ++statistics_.tracks_confirmed;
        track.confirmed_before = true;
      }
    } else if ((!model.cooperative_only() || has_updated) && model.covers_state(at_end.mean)) {
      if (has_updated) {
        ++track.consecutive_misses;
        track.recent_hits = (track.recent_hits << 1) & window_mask;
        track.score.add(llr_miss_);
        if (track.quickly_confirmed) {
          track.status = TrackStatus::kTentative;
          track.quickly_confirmed = false;
        }
        if (track.status == TrackStatus::kConfirmed) track.status = TrackStatus::kCoasting;
        if (jipda && !w.existence_updated[i]) {  // no plot in its gate: missed for certain
          track.existence = existence_after(existence_at(track, scan_end), 1.0, detect_and_gate);
          track.existence_time = scan_end;
        }
      } else {
        // A sensor that covers the track but has never updated it (a radar too far off to see
        // a small target) counts its misses on their own: it deletes the track only by missing
        // it the set number of its own scans in a row with no update from any sensor between.
        if (track.misses_by_sensor.size() <= sensor.value) {
          track.misses_by_sensor.resize(sensor.value + 1u, 0);
        }
        std::uint8_t& misses = track.misses_by_sensor[sensor.value];
        if (misses < 255) ++misses;
        track.unseen_misses = std::max(track.unseen_misses, int{misses});
      }
    }
    const int limit = track.status == TrackStatus::kTentative
                          ? config_.delete_tentative_after_misses
                          : config_.delete_confirmed_after_misses;
    // The horizontal 1-sigma against max_position_sigma_m (> 0), compared squared.
    const double horizontal_variance = at_end.covariance.template topLeftCorner<2, 2>().trace();
    const bool missed_out =
        (jipda ? existence_at(track, scan_end) < config_.existence.delete_below
         : llr ? track.score.deletes(config_.llr, track.status != TrackStatus::kTentative)
               : track.consecutive_misses >= limit) ||
        track.unseen_misses >= limit;
    doomed[i] = missed_out ||
                horizontal_variance > config_.max_position_sigma_m * config_.max_position_sigma_m ||
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
  start_tracks(plots, model, batch_start);
}

template <class Filter>
GaussianState BasicGnnTracker<Filter>::state_of(const Track& track, Time at) const {
  return filter_.kinematic(predicted(track.state, at));
}

template <class Filter>
StateVector BasicGnnTracker<Filter>::mean_of(const Track& track, Time at) const {
  if (track.state.time == at) return filter_.kinematic(track.state).mean;
  if constexpr (requires { filter_.predict_mean(track.state, at); }) {
    return filter_.predict_mean(track.state, at);
  } else {
    return state_of(track, at).mean;
  }
}

template <class Filter>
std::vector<GaussianState> BasicGnnTracker<Filter>::states(Time at) const {
  std::vector<GaussianState> result;
  result.reserve(tracks_.size());
  for (const Track& track : tracks_) result.push_back(state_of(track, at));
  return result;
}

template <class Filter>
std::vector<TrackReport> BasicGnnTracker<Filter>::reports(Time at) const {
  std::vector<TrackReport> result;
  result.reserve(tracks_.size());
  for (const Track& track : tracks_) {
    const typename Filter::State at_time = predicted(track.state, at);
    const GaussianState state = filter_.kinematic(at_time);
    TrackReport report;
    report.time = at;
    report.id = track.id;
    report.status = track.status;
    report.icao = track.icao;
    report.callsign = track.callsign;
    report.mode3a = track.mode3a;
    report.updates = track.updates;
    // System-ENU velocity -> ECEF -> local ENU at the track's own position.
    const geo::LocalFrame local =
        geo::LocalFrame::at_ecef(system_frame_.enu_to_ecef(state.position()));
    report.position = local.origin();
    report.velocity_enu_mps =
        local.vector_ecef_to_enu(system_frame_.vector_enu_to_ecef(state.velocity()));
    report.covariance_enu = covariance_in_local_enu(state, system_frame_, local);
    if constexpr (std::is_same_v<Filter, ImmFilter>) {
      for (int m = 0; m < at_time.mode_count; ++m) {
        const auto mode = static_cast<std::size_t>(m);
        const auto kind = static_cast<std::size_t>(mode_kind(filter_.config.modes[mode]));
        report.mode_probabilities[kind] = at_time.probabilities[mode];
      }
    }
    if (config_.associator == Associator::kJipda) report.existence = existence_at(track, at);
    result.push_back(report);
  }
  return result;
}

template class BasicGnnTracker<CvEkfFilter>;
template class BasicGnnTracker<UkfFilter<CvMotion>>;
template class BasicGnnTracker<ImmFilter>;

}  // namespace straja::tracking
