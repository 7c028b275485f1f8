// straja eval: scores tracks against truth (GOSPA/OSPA, trajectory switches, SIAP, requirement
// checks), prints the key figures, and writes the JSON summary and the HTML report on request.
// Formats: docs/formats/ (truth.csv, tracks.csv, plots.csv, eval-summary.md, eval-config.md).

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "cli/asterix_input.h"
#include "cli/commands.h"
#include "evaluation/efficiency.h"
#include "evaluation/eval_config.h"
#include "evaluation/label_scoring.h"
#include "evaluation/metrics.h"
#include "evaluation/report_html.h"
#include "evaluation/scoring_frames.h"
#include "evaluation/summary_json.h"
#include "io/csv_reader.h"
#include "io/sensors_file.h"

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
  std::string date;
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

/// Scoring without truth: labels from the plots (plots.csv or an ASTERIX recording) against the
/// identity columns of the tracks.
void run_label_eval(const EvalArguments& args) {
  if (args.labels != "mode3a" && args.labels != "icao") {
    throw CommandFailed(kExitUsage,
                        "eval: --labels must be mode3a or icao, got '" + args.labels + "'");
  }
  if (args.plots.empty() || args.tracks.empty()) {
    throw CommandFailed(kExitUsage, "eval: --labels needs --plots and --tracks");
  }
  const auto kind =
      args.labels == "mode3a" ? evaluation::LabelKind::kMode3A : evaluation::LabelKind::kIcao;
  std::vector<evaluation::LabelledPlot> plots;
  if (args.plots.ends_with(".csv")) {
    auto reader = io::CsvReader::open(args.plots);
    if (!reader) throw CommandFailed(kExitUsage, "eval: " + reader.error().message);
    auto time = reader->column("time_s");
    auto label = reader->column(args.labels);
    if (!time) throw CommandFailed(kExitUsage, "eval: " + time.error().message);
    if (!label) throw CommandFailed(kExitUsage, "eval: " + label.error().message);
    while (reader->next()) {
      auto t = reader->number(*time);
      if (!t) throw CommandFailed(kExitUsage, "eval: " + t.error().message);
      std::string text(reader->cell(*label));
      if (kind == evaluation::LabelKind::kMode3A && !evaluation::discrete_mode3a(text))
        text.clear();
      plots.push_back({*t, std::move(text)});
    }
  } else {
    const Date day = recording_date(args.date, std::nullopt, "eval");
    const AsterixPlots read = read_asterix_plots(args.plots, day, "eval");
    for (const asterix::SourcedPlot& sourced : read.plots) {
      const Plot& plot = sourced.plot;
      std::string text;
      if (kind == evaluation::LabelKind::kMode3A && plot.mode3a) text = plot.mode3a->to_string();
      if (kind == evaluation::LabelKind::kIcao && plot.icao) text = plot.icao->to_string();
      if (kind == evaluation::LabelKind::kMode3A && !evaluation::discrete_mode3a(text))
        text.clear();
      plots.push_back({to_unix_seconds(plot.time), std::move(text)});
    }
  }
  auto rows = evaluation::read_track_labels(args.tracks, kind);
  if (!rows) throw CommandFailed(kExitUsage, "eval: " + rows.error().message);
  const evaluation::LabelScores s = evaluation::score_labels(std::move(plots), *rows);
  std::cout << "straja eval: labels " << args.labels << ": " << s.labels_seen << " seen on "
            << s.labelled_plots << " plots; " << s.confirmed_tracks << " confirmed tracks\n"
            << "  purity " << figure(s.purity, 4) << ", completeness " << figure(s.completeness, 4)
            << ", identity swaps " << s.identity_swaps << ", false tracks " << s.false_tracks
            << "\n";
  if (!args.json.empty()) {
    nlohmann::ordered_json j;
    j["labels"] = args.labels;
    j["purity"] = evaluation::json_number(s.purity);
    j["completeness"] = evaluation::json_number(s.completeness);
    j["identity_swaps"] = s.identity_swaps;
    j["false_tracks"] = s.false_tracks;
    j["labels_seen"] = s.labels_seen;
    j["labelled_plots"] = s.labelled_plots;
    j["confirmed_tracks"] = s.confirmed_tracks;
    write_file(args.json, j.dump(2) + "\n");
  }
}

void run_eval(const EvalArguments& args) {
  if (!args.labels.empty()) {
    run_label_eval(args);
    return;
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
                      "mode3a|icao: score tracks without truth, against the labels the plots carry "
                      "(--plots plots.csv or an ASTERIX recording, --tracks)");
  command->add_option("--date", args->date,
                      "UTC date of an ASTERIX recording given to --plots, YYYY-MM-DD");
  command->callback([args] { run_eval(*args); });
}

}  // namespace straja::cli
