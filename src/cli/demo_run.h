#pragma once
// The end-to-end pipeline of `straja demo`: simulate a scenario, track its plots, score the
// tracks against truth with GOSPA, optionally write the CSV formats and publish the picture.

#include <functional>
#include <optional>
#include <span>
#include <string>

#include "evaluation/gospa.h"
#include "simulation/scenario.h"
#include "tracking/gnn_tracker.h"

namespace straja::cli {

struct DemoOptions {
  std::optional<double> duration_s;  ///< stop after this much simulated time (default: scenario)
  double speed = 1.0;                ///< simulated seconds per wall second; 0 = as fast as possible
  std::string out_dir;               ///< write truth.csv, plots.csv, tracks.csv here ("" = none)
  evaluation::GospaParameters gospa;
  /// The tracker's settings (`--config`); the demo runs the CV EKF (`filter: ekf`).
  tracking::GnnTrackerConfig tracker;
};

/// What one step of the run produced (one sensor rotation).
struct DemoStep {
  Time time{};
  double progress = 0.0;  ///< [0, 1] of the simulated span
  std::size_t plots = 0;
  std::size_t tracks = 0;
  std::size_t confirmed = 0;  ///< confirmed + coasting
  evaluation::GospaResult gospa;
  std::vector<TrackReport> reports;
  std::vector<tracking::GaussianState> states;  ///< system ENU, same order as reports
  // Valid during the on_step call only:
  std::span<const tracking::Track> live_tracks;  ///< the tracker's tracks, same order as reports
  std::span<const Plot> scan_plots;              ///< the rotation's plots ...
  SensorIndex sensor{};                          ///< ... and the sensor that produced them
  double tracker_ms = 0.0;  ///< wall time from the rotation's plots to the reports
};

struct DemoSummary {
  std::string scenario;
  double simulated_s = 0.0;
  double wall_s = 0.0;
  std::size_t scans = 0;
  std::size_t targets = 0;
  std::size_t truth_in_coverage_max = 0;
  tracking::TrackerStatistics tracker;
  std::size_t steps_scored = 0;
  double gospa_mean_m = 0.0;
  double localisation_rms_m = 0.0;  ///< over all assigned truth-track pairs
  double missed_mean = 0.0;
  double false_mean = 0.0;
  std::size_t final_confirmed = 0;
  bool interrupted = false;
};

/// Runs the pipeline. `on_step` is called after every rotation (for progress and publishing);
/// `should_stop` is polled between rotations (Ctrl-C). Throws CommandFailed for output errors.
DemoSummary run_demo(const sim::Scenario& scenario, const DemoOptions& options,
                     const std::function<void(const DemoStep&)>& on_step,
                     const std::function<bool()>& should_stop);

}  // namespace straja::cli
