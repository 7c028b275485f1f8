#pragma once
// `straja track INPUT... [--sensors sensors.yaml] [--date YYYY-MM-DD] --out
// tracks.csv|tracks.jsonl|system.ast|udp://GROUP:PORT ...`: the tracker on recorded plots:
// plots.csv files (docs/formats/plots.md; the sensors file is then required) or ASTERIX recordings
// in any framing the decoder reads (CAT048 radar reports, CAT021 ADS-B reports; CAT034 gives
// rotation periods). A radar or station the sensors file does not list (matched by SAC/SIC) is
// tracked with a warning in a plane centred on it, placed at 0 N 0 E, with default noise figures.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "geo/geodetic.h"
#include "report/partner_track.h"
#include "report/sensor_report.h"
#include "tracking/gnn_tracker.h"
#include "tracking/tracker_config.h"

namespace straja::cli {

struct TrackPlotsArguments {
  std::vector<std::string> inputs;
  std::string sensors;
  std::string config;  ///< tracker YAML (docs/formats/tracker-config.md); empty: the defaults
  std::string date;    ///< YYYY-MM-DD for ASTERIX times of day (else the sensors file's date)
  std::vector<std::string> outs;  ///< one output per target (cli/track_outputs.h)
  bool stats = false;
  bool registration = true;      ///< radars registered against ADS-B (cli/track_registration.h)
  std::string registration_csv;  ///< the estimates every minute; empty: none
  SacSic sdps{0, 1};             ///< this system's SDPS: CAT062/CAT065 I010 of the outputs
  /// --filter (ekf, ukf, imm) and --associator (gnn, jpda, jipda) over the config's; empty:
  /// the config's.
  std::string filter;
  std::string associator;
};

/// The plots of recorded inputs (plots.csv files with their sensors file, ASTERIX recordings in
/// any framing), ready for a tracker: time-ordered, incomplete plots dropped, barometric altitudes
/// corrected, the sensors file's sensors followed by one per unknown ASTERIX data source. Messages
/// about skipped input go to stderr. Throws CommandFailed (2) for unusable files.
struct RecordedPlots {
  SensorRegistry registry;
  std::vector<double> periods;     ///< revolution or update period per sensor, s (0: unknown)
  std::vector<bool> unknown_site;  ///< per sensor: not in the sensors file (placed at 0 N 0 E)
  std::vector<Plot> plots;
  std::size_t rejected = 0;      ///< rows or ASTERIX blocks skipped as malformed
  geo::LocalFrame system_frame;  ///< centred on the sensors with a known site
  /// Partner systems: the sensors file's `partner` entries, then one per unlisted SDPS whose
  /// CAT062 tracks came in (with a warning and the default accuracies).
  std::vector<PartnerSystem> partners;
  std::vector<PartnerTrack> partner_tracks;  ///< CAT062 input, time-ordered
};
/// Barometric altitudes come out as heights: the configured atmosphere's, corrected by the
/// residual learnt from the recording's ADS-B reports (tracking::BarometricCorrection).
RecordedPlots load_recorded_plots(const std::vector<std::string>& inputs,
                                  const std::string& sensors_file, const std::string& date_text,
                                  const tracking::AltitudeConfig& altitude = {});

/// A forward step of a rotating radar's clock found in its plots (correct_clock_steps).
struct ClockStep {
  SensorIndex sensor;
  Time at;              ///< the first plot stamped after the step (as stamped)
  double step_s = 0.0;  ///< how much later the stamps became
};
/// Finds and takes out forward steps of rotating radars' clocks (psr3d, ssr, with a known
/// `periods` entry): a radar's antenna turns at a steady rate, so between two of its successive
/// plots the true time elapsed is their azimuth advance over the angular rate plus whole
/// rotations, e = ((az_b - az_a) mod 2 pi) P / 2 pi + k P. Where the stamps advance by
/// d = (t_b - t_a) - e - k P > kClockStepS (k the whole rotations that fit, with
/// kClockStepS of slack for a slowly drifting rotation) and less than two rotations passed, the
/// clock stepped forward by d: that plot's stamp and every later one of the radar are moved back
/// by d. Steps of a whole number of rotations, and backward steps, cannot be told from the data
/// and are left alone (a backward step reads as a forward one of P - |step|: none is looked for
/// across longer gaps). `plots` in time order; it stays in time order. Returns the steps found.
inline constexpr double kClockStepS = 0.5;
std::vector<ClockStep> correct_clock_steps(std::vector<Plot>& plots,
                                           const std::vector<double>& periods);

/// One batch for the tracker: a sensor's plots of one antenna revolution (or update interval).
struct Batch {
  SensorIndex sensor;
  Time start;
  Time end;
  std::vector<Plot> plots;
};
/// A batch inside BatchedPlots: its plots are a view into the BatchedPlots' own.
struct BatchView {
  SensorIndex sensor;
  Time start;
  Time end;
  std::span<const Plot> plots;
};
/// A run's plots by batch: `plots` holds one batch's after another's, in start order, each batch's
/// in time order; `batches` views them. Moving keeps the views valid (a vector's buffer moves
/// with it); a copy would not, so there is none.
struct BatchedPlots {
  std::vector<Plot> plots;
  std::vector<BatchView> batches;

  BatchedPlots() = default;
  BatchedPlots(BatchedPlots&&) = default;
  BatchedPlots& operator=(BatchedPlots&&) = default;
  BatchedPlots(const BatchedPlots&) = delete;
  BatchedPlots& operator=(const BatchedPlots&) = delete;
};
/// Splits each sensor's plots (in time order) into revolutions counted from its first plot, in
/// start order. The plots are rearranged in place (pass std::move(plots) where they are not
/// needed after): no second buffer of them.
BatchedPlots batches(std::vector<Plot> plots, const SensorRegistry& registry,
                     const std::vector<double>& periods);

/// Stable sort by time: the keys are sorted, then each plot is moved once (a Plot is large, and a
/// comparison sort moves its elements many times over). Sorted plots are left as they are.
void sort_by_time(std::vector<Plot>& plots);

/// A CAT048 report of a 3D radar: its measured height (geo_alt_m) becomes the elevation the 3D
/// radar model expects (plot.kind becomes psr3d).
void as_3d_radar_plot(Plot& plot, const SensorInfo& sensor);

/// Every component of the sensor's measurement is there: elevation for a 3D radar, the altitude
/// for an SSR, the position (and a height) for ADS-B.
bool trackable(const Plot& plot);

/// The tracker settings of `path` (YAML), or the defaults when empty. Throws CommandFailed (2).
tracking::GnnTrackerConfig read_tracker_config_or_default(const std::string& path,
                                                          const std::string& command);

/// Runs `run.template operator()<Tracker>()` with the tracker type `filter` selects
/// (BasicGnnTracker<Filter> is fixed at compile time): the CV EKF's GnnTracker, UkfGnnTracker or
/// ImmGnnTracker. Every pipeline builds its tracker through this, so `filter:` holds everywhere.
template <class Run>
decltype(auto) with_tracker_for(tracking::FilterKind filter, Run&& run) {
  switch (filter) {
    case tracking::FilterKind::kUkf:
      return run.template operator()<tracking::UkfGnnTracker>();
    case tracking::FilterKind::kImm:
      return run.template operator()<tracking::ImmGnnTracker>();
    case tracking::FilterKind::kEkf:
      break;
  }
  return run.template operator()<tracking::GnnTracker>();
}

/// CPU seconds this process has used so far.
double process_cpu_seconds();

/// Plot-arrival-to-track-output latency of a recorded run, as it would be live on this one
/// core: each plot arrives at its own time (the recording's clock); its batch is ready when the
/// batch closes (its end); the core takes ready batches one after another in the order the run
/// processes them, each for the wall-clock time the run measured from handing the batch to the
/// tracker to having written its track reports. A plot's latency is its batch's finish less the
/// plot's time: the wait for the batch to close, any backlog (which grows without bound when the
/// tracker is slower than real time) and the processing itself.
class ReplayLatency {
 public:
  void add_batch(Time ready, double processing_s, std::span<const Plot> plots);
  bool empty() const { return latencies_s_.empty(); }
  /// The q-quantile of every plot's latency, seconds (nearest rank); not empty().
  double quantile_s(double q) const;

 private:
  std::optional<Time> free_at_;  ///< when the core finished the previous batch
  /// Every plot's latency as runs of equal values (plots of one time in one batch share theirs:
  /// a synchronous batch of any size is one run).
  std::vector<std::pair<double, std::size_t>> latencies_s_;
};

/// The `--stats` line of `straja track` on stderr:
/// {"scans":N,"plots":N,"tracks":N,"tracker_cpu_s":X,"io_cpu_s":Y,"latency_p50_s":L,
/// "latency_p99_s":L}, where io_cpu_s is the process's CPU time since `process_start_cpu_s` less
/// the tracker's, and the latencies are `latency`'s (left out when it has none).
void print_track_stats(std::size_t scans, std::size_t plots, std::uint64_t confirmed_tracks,
                       double tracker_cpu_s, double process_start_cpu_s,
                       const ReplayLatency& latency);

/// Throws CommandFailed (usage: 2; rows skipped: 1 at the end, after writing every track).
void run_track_plots(const TrackPlotsArguments& args);

}  // namespace straja::cli
