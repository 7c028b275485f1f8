// straja eval: scores tracks against truth (GOSPA/OSPA, trajectory switches, SIAP, requirement
// checks), prints the key figures, and writes the JSON summary and the HTML report on request.
// Formats: docs/formats/ (truth.csv, tracks.csv, plots.csv, eval-summary.md, eval-config.md).

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "evaluation/efficiency.h"
#include "evaluation/eval_config.h"
#include "evaluation/metrics.h"
#include "evaluation/report_html.h"
#include "evaluation/scoring_frames.h"
#include "evaluation/summary_json.h"

namespace straja::cli {
namespace {

struct EvalArguments {
  std::string truth;
  std::string tracks;
  std::string plots;
  std::string sensors;
  std::string config;
  std::string json;
  std::string report;
  bool horizontal = false;
  bool bench2d = false;
  std::optional<double> gospa_c;
  std::string labels;
};

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw CommandFailed(kExitUsage, "eval: cannot write '" + path + "'");
}

/// The value with `decimals` and its unit, or "n/a" where it does not apply.
std::string figure(double value, int decimals, const char* unit = "") {
  if (std::isnan(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f%s", decimals, value, unit);
  return buffer;
}

void run_eval(const EvalArguments& args) {
  if (!args.labels.empty()) {
    throw CommandFailed(kExitNotImplemented,
                        "eval: --labels (scoring without truth) is not implemented yet in this "
                        "version");
  }
  if (args.truth.empty() || args.tracks.empty()) {
    throw CommandFailed(kExitUsage, "eval: --truth and --tracks are required");
  }
  evaluation::EvalSettings settings;
  if (!args.config.empty()) {
    auto read = evaluation::read_eval_config(args.config);
    if (!read) throw CommandFailed(kExitUsage, "eval: " + read.error().message);
    settings = *read;
  }
  if (args.horizontal) settings.config.horizontal = true;
  if (args.gospa_c) {
    if (!(*args.gospa_c > 0)) throw CommandFailed(kExitUsage, "eval: --gospa-c must be > 0");
    settings.config.gospa.cutoff_m = *args.gospa_c;
  }
  if (args.bench2d && !args.plots.empty()) {
    throw CommandFailed(kExitUsage, "eval: --plots does not apply to --bench2d files");
  }
  auto data = args.bench2d ? evaluation::load_bench2d(args.truth, args.tracks)
                           : evaluation::load_geodetic(
                                 args.truth, args.tracks,
                                 args.plots.empty() ? std::nullopt : std::optional(args.plots),
                                 settings.coverage);
  if (!data) throw CommandFailed(kExitUsage, "eval: " + data.error().message);
  evaluation::EvaluationSummary summary = evaluation::evaluate(*data, settings.config);
  if (!args.sensors.empty()) {
    if (args.bench2d)
      throw CommandFailed(kExitUsage, "eval: --sensors does not apply to --bench2d");
    auto sensors = io::read_sensors_file(args.sensors);
    if (!sensors) throw CommandFailed(kExitUsage, "eval: " + sensors.error().message);
    const Status status = evaluation::add_pcrlb_efficiency(
        *data, *sensors, args.plots.empty() ? std::nullopt : std::optional(args.plots),
        settings.pcrlb, settings.config.horizontal, summary);
    if (!status) throw CommandFailed(kExitUsage, "eval: " + status.error().message);
  }

  std::cout << "straja eval: " << summary.frames.size() << " scoring times, " << summary.truth_ids
            << " targets, " << summary.track_ids << " track ids\n"
            << "  GOSPA mean " << figure(summary.gospa_mean, 1, " m") << " (localisation RMS "
            << figure(summary.gospa_loc_rms_m, 1, " m") << ", missed "
            << figure(summary.missed_mean, 2) << ", false " << figure(summary.false_mean, 2)
            << " per time); OSPA mean " << figure(summary.ospa_mean, 1, " m") << "\n"
            << "  completeness " << figure(summary.completeness, 3) << ", ambiguity "
            << figure(summary.ambiguity, 3) << ", spuriousness " << figure(summary.spuriousness, 3)
            << ", track switches " << summary.track_switches << "\n"
            << "  RMS horizontal " << figure(summary.rms_horizontal_m, 1, " m") << ", vertical "
            << figure(summary.rms_vertical_m, 1, " m") << ", velocity "
            << figure(summary.rms_velocity_mps, 2, " m/s") << "\n";
  if (!args.sensors.empty()) {
    std::cout << "  PCRLB position bound " << figure(summary.pcrlb_rms_m, 1, " m")
              << " RMS; efficiency (RMS error / bound) " << figure(summary.efficiency_mean, 2)
              << "\n";
  }
  for (const auto& r : summary.requirements) {
    const int verdict = r.verdict();
    std::cout << "  "
              << (verdict == 1   ? "pass"
                  : verdict == 0 ? "FAIL"
                                 : "n/a ")
              << "  " << r.key << " = " << figure(r.measured, 4) << " ("
              << (r.at_least ? ">= " : "<= ") << r.threshold << ")\n";
  }
  if (data->tentative_rows > 0) {
    std::cout << "  (" << data->tentative_rows << " tentative track rows not scored)\n";
  }
  if (!args.json.empty()) {
    write_file(args.json, evaluation::summary_json(summary, *data, settings.config).dump(2) + "\n");
  }
  if (!args.report.empty()) {
    write_file(args.report, evaluation::report_html(summary, *data, settings.config,
                                                    {args.truth, args.tracks, args.plots}));
    std::cout << "  report: " << args.report << "\n";
  }
}

}  // namespace

void add_eval_command(CLI::App& app) {
  auto args = std::make_shared<EvalArguments>();
  CLI::App* command =
      app.add_subcommand("eval", "Score tracks against truth (GOSPA, SIAP, requirements)");
  command->add_option("--truth", args->truth,
                      "truth.csv (or the benchmark's truth with --bench2d)");
  command->add_option("--tracks", args->tracks,
                      "tracks.csv (or the benchmark's tracks with --bench2d)");
  command->add_option("--plots", args->plots,
                      "plots.csv with truth_id: count misses only for targets in coverage");
  command->add_option(
      "--sensors", args->sensors,
      "sensors.yaml of a simulated run: adds the PCRLB and the tracker's efficiency");
  command->add_option("--config", args->config, "eval.yaml (docs/formats/eval-config.md)");
  command->add_option("--json", args->json,
                      "Write the summary as JSON (docs/formats/eval-summary.md)");
  command->add_option("--report", args->report, "Write a self-contained HTML report");
  command->add_flag("--horizontal", args->horizontal, "Horizontal (2D) distances instead of 3D");
  command->add_flag(
      "--bench2d", args->bench2d,
      "Inputs are the shared benchmark's flat files (t,id,x,y,vx,vy / t,track_id,...)");
  command->add_option("--gospa-c", args->gospa_c, "GOSPA cut-off c in metres (default 500)");
  command->add_option("--labels", args->labels,
                      "mode3a|icao: score a recording without truth (not implemented yet)");
  command->callback([args] { run_eval(*args); });
}

}  // namespace straja::cli
