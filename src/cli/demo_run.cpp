#include "cli/demo_run.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "cli/coverage_book.h"
#include "cli/track_outputs.h"
#include "cli/track_plots.h"
#include "io/csv_writer.h"
#include "simulation/simulator.h"
#include "tracking/barometric_correction.h"

namespace straja::cli {
namespace {

struct Writers {
  std::unique_ptr<io::TruthCsvWriter> truth;
  std::unique_ptr<io::PlotsCsvWriter> plots;
  std::unique_ptr<io::TracksCsvWriter> tracks;
  std::vector<std::string> sensor_ids;  ///< by SensorIndex, for tracks.csv's sources
  std::string sources;                  ///< the sources cell, reused

  void check() const {
    for (const Status& status : {truth->status(), plots->status(), tracks->status()}) {
      if (!status.ok()) throw CommandFailed(kExitUsage, status.error().message);
    }
  }
  void close() const {
    for (const Status& status : {truth->close(), plots->close(), tracks->close()}) {
      if (!status.ok()) throw CommandFailed(kExitUsage, status.error().message);
    }
  }
};

}  // namespace

DemoSummary run_demo(const sim::Scenario& scenario, const DemoOptions& options,
                     const std::function<void(const DemoStep&)>& on_step,
                     const std::function<bool()>& should_stop) {
  sim::Simulator simulator(scenario);
  const SensorRegistry& registry = simulator.registry();
  const geo::LocalFrame system_frame(scenario.reference);
  tracking::GnnTracker tracker(options.tracker, registry, system_frame);

  const double span_s =
      std::min(options.duration_s.value_or(scenario.duration_s), scenario.duration_s);
  const Time end = scenario.start + from_seconds(span_s);

  std::optional<Writers> writers;
  if (!options.out_dir.empty()) {
    std::error_code error;
    std::filesystem::create_directories(options.out_dir, error);
    if (error) {
      throw CommandFailed(kExitUsage,
                          options.out_dir + ": cannot create directory: " + error.message());
    }
    const std::filesystem::path dir(options.out_dir);
    writers.emplace();
    writers->truth = std::make_unique<io::TruthCsvWriter>((dir / "truth.csv").string());
    writers->plots = std::make_unique<io::PlotsCsvWriter>((dir / "plots.csv").string(), registry);
    writers->tracks = std::make_unique<io::TracksCsvWriter>((dir / "tracks.csv").string());
    for (const SensorInfo& sensor : registry.sensors) writers->sensor_ids.push_back(sensor.id);
    writers->check();
  }

  DemoSummary summary;
  summary.scenario = scenario.name;
  summary.targets = scenario.targets.size();
  CoverageBook coverage;
  double gospa_sum = 0.0;
  double localisation_sum_sq = 0.0;
  std::size_t assigned_total = 0;
  std::size_t missed_total = 0;
  std::size_t false_total = 0;
  Time next_truth_row = scenario.start;
  tracking::BarometricCorrection barometric(options.tracker.altitude);
  std::vector<Plot> tracked_plots;
  std::vector<std::int64_t> live_targets;

  const auto wall_start = std::chrono::steady_clock::now();
  while (auto scan = simulator.next_scan()) {
    if (scan->end > end) break;
    if (should_stop()) {
      summary.interrupted = true;
      break;
    }
    if (options.speed > 0.0) {
      const auto due =
          wall_start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                           std::chrono::duration<double>(to_seconds(scan->end - scenario.start) /
                                                         options.speed));
      while (std::chrono::steady_clock::now() < due && !should_stop()) {
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            due - std::chrono::steady_clock::now(), std::chrono::milliseconds(100)));
      }
    }
    // Every sensor feeds the one tracker (3D radar, SSR and ADS-B measurement models) with its
    // plots as `straja track` takes them: complete measurements only, barometric altitudes made
    // geometric by the offset ADS-B has measured so far. Coverage counts what the sensors saw.
    const auto tracker_start = std::chrono::steady_clock::now();
    barometric.learn(scan->plots);
    tracked_plots.clear();
    for (const Plot& plot : scan->plots) {
      if (!trackable(plot)) continue;
      tracked_plots.push_back(plot);
      barometric.correct(tracked_plots.back());
    }
    tracker.process(tracked_plots, scan->sensor, scan->end);
    for (const Plot& plot : scan->plots) coverage.record(plot);
    ++summary.scans;

    DemoStep step;
    step.time = scan->end;
    step.progress = to_seconds(scan->end - scenario.start) / span_s;
    step.plots = scan->plots.size();
    step.reports = tracker.reports(scan->end);
    step.states = tracker.states(scan->end);
    step.tracker_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - tracker_start)
            .count();
    step.live_tracks = tracker.tracks();
    step.scan_plots = scan->plots;
    step.sensor = scan->sensor;
    step.tracks = step.reports.size();

    // Score confirmed and coasting tracks against truth in coverage, 3D in the system frame.
    const std::vector<TruthState> truth_now = simulator.truth_at(scan->end);
    std::vector<Eigen::Vector3d> truth_positions;
    live_targets.clear();
    for (const TruthState& truth : truth_now) {
      live_targets.push_back(truth.id.value);
      if (coverage.in_coverage(truth.id.value, scan->end)) {
        truth_positions.push_back(system_frame.to_enu(truth.position));
      }
    }
    // Targets that have left are never scored again: the book stays as large as the live traffic.
    std::sort(live_targets.begin(), live_targets.end());
    coverage.forget_all_but(live_targets);
    std::vector<Eigen::Vector3d> estimates;
    for (std::size_t i = 0; i < step.reports.size(); ++i) {
      if (step.reports[i].status == TrackStatus::kTentative) continue;
      estimates.push_back(step.states[i].position());
    }
    step.confirmed = estimates.size();
    step.gospa = evaluation::gospa(truth_positions, estimates, options.gospa);
    summary.truth_in_coverage_max = std::max(summary.truth_in_coverage_max, truth_positions.size());
    ++summary.steps_scored;
    gospa_sum += step.gospa.distance;
    localisation_sum_sq += step.gospa.localisation_sum_p;
    assigned_total += step.gospa.assigned;
    missed_total += step.gospa.missed;
    false_total += step.gospa.false_tracks;

    if (writers) {
      for (const Plot& plot : scan->plots) writers->plots->write(plot);
      for (const TrackReport& report : step.reports) {
        write_sources_cell(writers->sources, report, writers->sensor_ids);
        writers->tracks->write(report, writers->sources);
      }
      for (; next_truth_row <= scan->end; next_truth_row += std::chrono::seconds(1)) {
        for (const TruthState& truth : simulator.truth_at(next_truth_row)) {
          writers->truth->write(truth);
        }
      }
    }
    summary.final_confirmed = step.confirmed;
    summary.simulated_s = to_seconds(scan->end - scenario.start);
    on_step(step);
  }
  if (writers) writers->close();

  summary.wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  summary.tracker = tracker.statistics();
  if (summary.steps_scored > 0) {
    const auto steps = static_cast<double>(summary.steps_scored);
    summary.gospa_mean_m = gospa_sum / steps;
    summary.missed_mean = static_cast<double>(missed_total) / steps;
    summary.false_mean = static_cast<double>(false_total) / steps;
  }
  if (assigned_total > 0 && options.gospa.order == 2.0) {
    summary.localisation_rms_m =
        std::sqrt(localisation_sum_sq / static_cast<double>(assigned_total));
  }
  return summary;
}

}  // namespace straja::cli
