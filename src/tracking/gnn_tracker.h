#pragma once
// A first complete tracker: one filter per track (the nearly-constant-velocity EKF by default; any
// Filter of filters/track_filters.h: UKF, IMM), chi-square gating, global
// nearest neighbour association by optimal 2D assignment (confirmed tracks first, then tentative
// ones, then new tracks from what is left), M-of-N confirmation, coasting and deletion.
//
// Input is one batch of plots at a time (a sensor rotation, or any contiguous part of one); each
// plot carries its own time, and every track is predicted to the exact time of each plot it is
// compared with. Not thread-safe: one tracker per thread.

#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "geo/geodetic.h"
#include "report/air_picture.h"
#include "report/sensor_report.h"
#include "tracking/association/assignment.h"
#include "tracking/association/plot_grid.h"
#include "tracking/barometric_correction.h"
#include "tracking/filters/ekf.h"
#include "tracking/filters/track_filters.h"
#include "tracking/models/constant_velocity.h"
#include "tracking/models/radar_polar.h"
#include "tracking/track_score.h"

namespace straja::tracking {

/// How a tentative track is confirmed and a track deleted for missing: M-of-N with consecutive
/// misses, or the log-likelihood-ratio score (track_score.h).
enum class ConfirmMethod { kMOfN, kLlr };

/// Global nearest neighbour (one plot per track, optimal assignment per cluster), joint
/// probabilistic data association (every gated plot weighted by its marginal probability in
/// the filter's PDA update; the IMM's per mode, IMM-PDA), or
/// JPDA with each track's probability of existence (JIPDA, Musicki and Evans), which then
/// confirms and deletes tracks.
enum class Associator { kGnn, kJpda, kJipda };

/// The per-track filter a tracker configuration selects (`filter:` in the tracker config): the
/// CV EKF (GnnTracker), the UKF on the CV model (UkfGnnTracker) or the IMM (ImmGnnTracker).
/// BasicGnnTracker<Filter> itself is fixed at compile time; the pipelines instantiate the one
/// this names.
enum class FilterKind { kEkf, kUkf, kImm };

/// JIPDA's probability of existence r (Associator::kJipda).
struct ExistenceConfig {
  double birth = 0.1;            ///< r of a track started from one plot
  double survival_per_s = 0.99;  ///< r(t + dt) = r(t) survival_per_s^dt before each update
  double confirm = 0.999;        ///< a tentative track is confirmed once r >= confirm
  double delete_below = 0.01;    ///< any track is deleted once r < delete_below
};

struct GnnTrackerConfig {
  Associator associator = Associator::kGnn;
  /// JPDA: exact marginals while the cluster's hypothesis net stays within this many nodes,
  /// Fitzgerald's cheap JPDA beyond.
  std::size_t jpda_max_nodes = 200'000;
  /// JPDA and JIPDA: Pd and the clutter density per unit of the radars' measurement volume (3D
  /// radar m x rad x rad, SSR m x rad x m; unset: llr's detection_probability and
  /// false_alarm_density), and of ADS-B's (m^3: reported positions carry almost no clutter).
  std::optional<double> jpda_detection_probability;
  std::optional<double> jpda_clutter_density;
  double jpda_adsb_clutter_density = 1e-15;
  ExistenceConfig existence;  ///< Associator::kJipda
  FilterKind filter = FilterKind::kEkf;
  /// The IMM's modes, transition matrix and noises (FilterKind::kImm; default: CV and CT, stay
  /// 0.95 over a 4 s interval, see tracker_config.cpp).
  ImmConfig imm = default_imm_config();
  ConstantVelocityModel motion;      ///< process noise of the CV EKF and of the UKF's CV model
  double gate_probability = 0.9997;  ///< chi-square gate (3 dof): 19.0 at 0.9997
  /// Overrides gate_probability with an explicit Mahalanobis-squared threshold (for models whose
  /// measurement carries fewer than 3 informative components).
  std::optional<double> gate_mahalanobis_squared;
  ConfirmMethod confirm_method = ConfirmMethod::kMOfN;
  LlrScoreConfig llr;      ///< with ConfirmMethod::kLlr
  int confirm_hits = 3;    ///< M of ...
  int confirm_window = 4;  ///< ... N scans
  /// Quick confirmation, with any method: a tentative track hit in each of its last
  /// quick_confirm_hits scans whose position is already known to quick_confirm_max_sigma_m
  /// (1-sigma, horizontal) is confirmed at once, provisionally: a miss before the full rule is
  /// met makes it tentative again. A near target need not wait for the full rule when its
  /// estimate is already as good as a far confirmed track's. 0 hits: off.
  int quick_confirm_hits = 0;
  double quick_confirm_max_sigma_m = 0.0;
  int delete_tentative_after_misses = 2;  ///< consecutive misses before confirmation
  int delete_confirmed_after_misses = 4;  ///< consecutive misses of a confirmed track
  /// Delete a track this long after its last update even when no sensor covers it (misses
  /// are only counted inside coverage, so a track leaving coverage would otherwise live on).
  double max_coast_s = 30.0;
  double initial_speed_sigma_mps = 200.0;  ///< horizontal velocity prior of a new track
  double initial_vertical_speed_sigma_mps = 15.0;
  double max_position_sigma_m = 5'000.0;  ///< delete a track whose 1-sigma grows beyond
  /// How the plots' barometric altitudes become heights before they reach the tracker
  /// (BarometricCorrection, applied by the pipelines that feed it).
  AltitudeConfig altitude;
};

/// A track whose belief is a filter's State (GaussianState for the CV EKF; ImmState carries the
/// IMM's mode probabilities).
template <class State>
struct BasicTrack {
  TrackId id{};
  State state;
  TrackStatus status = TrackStatus::kTentative;
  int hits = 0;
  /// Misses since the last update, counted from the sensors that have updated the track (with
  /// one sensor: its consecutive misses).
  int consecutive_misses = 0;
  /// Per SensorIndex, for sensors that cover the track but have never updated it: their own
  /// scans in a row without an update of the track by any sensor; unseen_misses is the largest.
  /// Such a sensor (a radar too far off to see a small target) deletes the track only by missing
  /// it the set number of its own scans in a row, so it cannot delete a track that nearer
  /// sensors keep updating.
  std::vector<std::uint8_t> misses_by_sensor;
  int unseen_misses = 0;
  TrackScore score;  ///< log-likelihood ratio (kept with either confirmation method)
  /// JIPDA's probability that the target exists, at existence_time (Associator::kJipda only;
  /// 1 otherwise). Between updates it decays by ExistenceConfig::survival_per_s.
  double existence = 1.0;
  Time existence_time{};
  std::uint32_t recent_hits = 0;  ///< bit i set: a hit i scans ago (M-of-N window)
  /// Confirmed by the quick rule alone: a miss before the full rule is met makes the track
  /// tentative again.
  bool quickly_confirmed = false;
  bool confirmed_before = false;  ///< counted once in TrackerStatistics::tracks_confirmed
  /// Bit s set: sensor s (SensorIndex < 64) has updated this track. A sensor that sees only
  /// cooperative targets misses a track only once it has seen it.
  std::uint64_t updated_by = 0;
  /// Per SensorIndex: when that sensor last updated the track (absent or Time{}: never).
  std::vector<Time> updated_at;
  Time first_seen{};
  Time last_update{};
  /// Identity: the last Mode S address, callsign and Mode 3/A code carried by a plot that
  /// updated the track (each kept until a plot brings a new one).
  std::optional<IcaoAddress> icao;
  std::string callsign;
  std::optional<Mode3A> mode3a;
  /// Which technologies and sensors updated the track and when, for system-track outputs.
  TrackUpdates updates;
};

using Track = BasicTrack<GaussianState>;

/// Counters a user can read off a run.
struct TrackerStatistics {
  std::uint64_t plots = 0;
  std::uint64_t associated = 0;
  std::uint64_t tracks_started = 0;
  std::uint64_t tracks_confirmed = 0;
  std::uint64_t tracks_deleted = 0;
};

template <class Filter>
class BasicGnnTracker {
 public:
  using Track = BasicTrack<typename Filter::State>;

  /// A measurement model per sensor of `registry` by its kind: 3D polar through geodesy (psr3d),
  /// range/azimuth/altitude (ssr), reported position (adsb).
  /// The filter: CvEkfFilter{config.motion} for the default tracker, Filter{} otherwise.
  BasicGnnTracker(GnnTrackerConfig config, const SensorRegistry& registry,
                  const geo::LocalFrame& system_frame);
  /// Explicit measurement models, one per SensorIndex (research benches, other geometries).
  BasicGnnTracker(GnnTrackerConfig config, std::vector<std::unique_ptr<MeasurementModel>> models,
                  const geo::LocalFrame& system_frame);
  /// An explicit filter.
  BasicGnnTracker(GnnTrackerConfig config, Filter filter,
                  std::vector<std::unique_ptr<MeasurementModel>> models,
                  const geo::LocalFrame& system_frame);

  /// Associates and updates with one batch of plots from one sensor, all times >= every earlier
  /// batch's start. `scan_end` is when the batch's coverage ended (misses are counted then).
  void process(std::span<const Plot> plots, SensorIndex sensor, Time scan_end);

  const std::vector<Track>& tracks() const { return tracks_; }
  const TrackerStatistics& statistics() const { return statistics_; }
  const geo::LocalFrame& system_frame() const { return system_frame_; }

  /// Every live track predicted to `at`, as WGS84 reports (velocity in local ENU at the track).
  /// With the IMM, each report carries its track's mode probabilities; with JIPDA, its
  /// probability of existence at `at`.
  std::vector<TrackReport> reports(Time at) const;
  /// JIPDA: `track`'s probability of existence predicted to `at` (survival only).
  double existence_at(const Track& track, Time at) const;
  /// The same state, in the system ENU frame (for scoring and display).
  std::vector<GaussianState> states(Time at) const;
  /// One track's (of tracks()) kinematic state predicted to `at`, in the system ENU frame.
  GaussianState state_of(const Track& track, Time at) const;
  /// Its mean alone: no covariance is predicted when the track is already at `at` or the filter
  /// predicts means on their own (predict_mean, filters/track_filters.h).
  StateVector mean_of(const Track& track, Time at) const;

 private:
  /// The quick confirmation rule (GnnTrackerConfig::quick_confirm_hits), after an update.
  bool confirms_quickly(const Track& track) const;
  struct Candidate {
    typename Filter::Innovation innovation;
    /// The track predicted to the plot's time: Workspace::predictions[prediction], or with
    /// kPredictedLast set Workspace::predicted_last[prediction without it] (the batch's last
    /// plot time, kept for every track: not copied again).
    std::uint32_t prediction;
    /// That prediction's predicted measurement: Workspace::measurements[measurement].
    std::uint32_t measurement;
  };
  static constexpr std::uint32_t kPredictedLast = std::uint32_t{1} << 31;
  static constexpr std::uint32_t kNoPrediction = ~std::uint32_t{0};
  /// The prediction a candidate was gated against.
  const typename Filter::State& predicted_of(const Candidate& candidate) const {
    return (candidate.prediction & kPredictedLast) != 0
               ? work_.predicted_last[candidate.prediction & ~kPredictedLast]
               : work_.predictions[candidate.prediction];
  }
  /// The predicted measurement a candidate was gated against.
  const typename Filter::MeasurementPrediction& measurement_of(const Candidate& candidate) const {
    return work_.measurements[candidate.measurement];
  }
  struct Gated {
    std::size_t plot;
    Candidate candidate;
  };
  /// A track's coarse pre-gate for one batch (see compute_pre_gates): a plot further than
  /// reach_m + pre_gate_sigmas x its own position sigma + margin_per_s x |plot time - time| from
  /// position + velocity x (plot time - time) is outside the chi-square gate; every plot the
  /// gate can accept lies within radius_m plus its own horizontal reach
  /// (Workspace::plot_horizontal_reach_m) of centre in the horizontal plane (the grid query,
  /// bounded with the horizontal sigmas of track and plot).
  struct PreGate {
    Vec3 position = Vec3::Zero();
    Vec3 velocity = Vec3::Zero();
    Time time{};
    double reach_m = 0.0;
    double margin_per_s = 0.0;
    Vec3 centre = Vec3::Zero();
    double radius_m = 0.0;
  };
  /// The per-batch buffers, kept between batches so that the hot path does not allocate once
  /// they have grown to the largest batch.
  struct Workspace {
    std::vector<char> plot_used;
    std::vector<char> track_hit;
    std::vector<char> doomed;
    std::vector<std::size_t> established;
    std::vector<std::size_t> tentative;
    /// Per plot of the batch, what the association reads (not the whole Plot): its measurement
    /// vector, time and aircraft address, system-ENU position and position sigma.
    std::vector<Vec3> plot_measurements;
    std::vector<Time> plot_times;
    std::vector<std::optional<IcaoAddress>> plot_icao;
    std::vector<MeasurementModel::PositionSpread> plot_spreads;  ///< the model's, by plot
    std::vector<Vec3> plot_positions;
    std::vector<double> plot_sigma_m;  ///< sqrt(trace) of each plot's position covariance
    /// pre_gate_sigmas_ x sqrt(trace) of each plot's east-north covariance block (the plot's
    /// part of the grid query, slightly enlarged against rounding).
    std::vector<double> plot_horizontal_reach_m;
    std::vector<PreGate> pre_gates;                      ///< by track index
    Time last_plot_time{};                               ///< the batch's latest plot time
    std::vector<typename Filter::State> predicted_last;  ///< by track: predicted to it
    PlotGrid grid;
    std::vector<std::size_t> nearby;
    std::vector<Gated> gated;  ///< every row's candidates, row after row
    /// The states the candidates of one associate() call were gated against (a track's
    /// prediction to each plot time that gated a plot), shared by its candidates at that time.
    std::vector<typename Filter::State> predictions;
    /// The predicted measurements of the states the candidates were gated against, one per
    /// track and plot time that gated a plot (Candidate::measurement).
    std::vector<typename Filter::MeasurementPrediction> measurements;
    std::vector<std::size_t> gated_begin;  ///< row r: gated[gated_begin[r] .. gated_begin[r+1])
    std::vector<double> miss_cost;
    std::vector<std::uint32_t> rows_gating;  ///< by plot: how many rows gated it
    std::vector<std::size_t> parent;         ///< union-find over rows, then plots
    std::vector<std::pair<std::size_t, std::size_t>> cluster_rows;  ///< (root, row), sorted
    std::vector<int> local_column;
    std::vector<std::size_t> columns;
    std::vector<std::size_t> members;
    Eigen::MatrixXd cost;
    std::vector<std::size_t> unused;          ///< plots no track took, in plot order
    std::vector<Vec3> unused_positions;       ///< their system-ENU positions
    std::vector<double> unused_reach_m;       ///< pre_gate_sigmas_ x their plot_sigma_m
    std::vector<double> unused_grid_reach_m;  ///< the same, widened by rounding, for the grid
    std::vector<char> start_blocked;          ///< by unused index: a track updated before stops it
    std::vector<std::size_t> started_as;      ///< by unused index: the track it started, or npos
    std::vector<std::size_t> identified;      ///< tracks carrying a Mode S address or Mode 3/A code
    PlotGrid unused_grid;
    std::vector<char> existence_updated;  ///< by track: JIPDA updated its existence this batch
    std::vector<WeightedInnovation<typename Filter::Innovation>> weighted;  ///< JPDA: one track's
    double clutter_density = 0.0;  ///< JPDA: the batch's sensor's
    AssignmentWorkspace assignment_workspace;
    Assignment assignment;
  };
  void compute_pre_gates(std::span<const Plot> plots);
  void associate(const std::vector<std::size_t>& track_indices, std::span<const Plot> plots,
                 const MeasurementModel& model);
  void apply(std::size_t track_index, const Gated& gated, const Plot& plot,
             const MeasurementModel& model);
  /// JPDA over one cluster (rows `members`, plots `columns`).
  void associate_jpda(const std::vector<std::size_t>& track_indices, std::span<const Plot> plots,
                      const MeasurementModel& model);
  /// Room for `count` tracks and their per-track buffers (pre-gates, predictions, candidates),
  /// grown at least twofold when short, advised onto huge pages and committed at once
  /// (grow_on_huge_pages): a fresh page's first touch is the costly part of starting thousands of
  /// tracks, and one commit costs far less than a fault per page.
  void reserve_tracks(std::size_t count);
  /// The same for the per-plot buffers (and the grids), for batches of up to `count` plots.
  void reserve_plots(std::size_t count);
  void start_track(const Plot& plot, const MeasurementModel& model);
  /// Starts a track from each plot no track took (in plot order) unless a live track stops it:
  /// one nearby (within six sigma of both, plus 10 km) that already carries its aircraft's
  /// identity (Mode S address; a discrete Mode 3/A code between tracks and plots without one),
  /// or one whose gate it falls inside (a second plot of an aircraft already tracked: split
  /// plots, or a primary and a secondary report of one aircraft). Only a track updated or started
  /// in this batch (at or after `batch_start`, the batch's earliest plot time) can hold such a
  /// plot in its gate: any other would have been assigned it. The candidates come from a grid
  /// over the unused plots (tracks updated before the loop query it; a plot queries it for the
  /// tracks started from plots before it), so the cost grows with the tracks and plots, not with
  /// their product.
  void start_tracks(std::span<const Plot> plots, const MeasurementModel& model, Time batch_start);
  /// The straight-line distance from `track` predicted to the plot's time to the plot's position,
  /// and six sigma of both (plus `plot_reach`): beyond it the plot cannot be in the track's gate.
  std::pair<double, double> distance_and_reach(const Track& track, const Plot& plot,
                                               const Vec3& plot_position, double plot_reach) const;
  /// Whether `track` (neither carrying the plot's identity) stops `plot` from starting a track:
  /// within six sigma and inside the chi-square gate.
  bool holds_in_gate(const Track& track, const Plot& plot, const Vec3& plot_position,
                     double plot_reach, const MeasurementModel& model) const;
  /// `state` predicted to `to`; `state` itself when it is already at `to` (no work).
  typename Filter::State predicted(const typename Filter::State& state, Time to) const;
  /// The log-likelihood-ratio increment of a hit (LlrScoreConfig::hit), its constant part
  /// computed once.
  double hit_score(const typename Filter::Innovation& innovation) const {
    return llr_hit_offset_ - 0.5 * innovation.log_det_covariance -
           0.5 * innovation.mahalanobis_squared;
  }

  GnnTrackerConfig config_;
  Filter filter_;
  geo::LocalFrame system_frame_;
  std::vector<std::unique_ptr<MeasurementModel>> models_;  // one per sensor, by SensorIndex
  /// JPDA's clutter density by SensorIndex (sensors built from a registry: ADS-B's own); a
  /// sensor beyond it takes the radars'.
  std::vector<double> clutter_density_;
  double gate_threshold_;
  double pre_gate_sigmas_;  ///< max(6, 1.5 sqrt(gate)): sigmas of the coarse pre-gate
  double llr_hit_offset_;   ///< config_.llr.hit(0, 0)
  double llr_miss_;         ///< config_.llr.miss(), a logarithm taken once
  std::vector<Track> tracks_;
  std::uint32_t next_track_number_ = 1;
  TrackerStatistics statistics_;
  Workspace work_;
};

/// The tracker of the original design: a CV EKF per track.
using GnnTracker = BasicGnnTracker<CvEkfFilter>;
/// Unscented filter on the CV model, and the IMM (CV/CT, optionally CA).
using UkfGnnTracker = BasicGnnTracker<UkfFilter<CvMotion>>;
using ImmGnnTracker = BasicGnnTracker<ImmFilter>;

extern template class BasicGnnTracker<CvEkfFilter>;
extern template class BasicGnnTracker<UkfFilter<CvMotion>>;
extern template class BasicGnnTracker<ImmFilter>;

/// Chi-square quantile with 3 degrees of freedom (exact CDF inverted numerically).
double chi_square_3dof_quantile(double probability);

}  // namespace straja::tracking
