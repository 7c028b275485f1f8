// straja demo: the built-in scenario simulated, tracked, scored and shown live in the browser.

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/demo_run.h"
#include "cli/picture_feed.h"
#include "cli/process_memory.h"
#include "cli/server_options.h"
#include "server/picture_server.h"
#include "tracking/tracker_config.h"

namespace straja::cli {
namespace {

std::atomic<bool> g_stop_requested{false};

extern "C" void request_stop(int) {
  g_stop_requested.store(true);
}

struct DemoArguments {
  std::string scenario = "moldova";
  std::optional<double> duration_s;
  std::string speed = "1";
  ServerArguments server;
  bool no_serve = false;
  std::string out_dir;
  std::string memory_log;
  std::string tracker_config;
};

/// `--memory-log FILE`: one CSV row per simulated minute (and one for the last scan) with the
/// process's resident memory, for soak measurements (bench/soak). Columns: simulated_s,
/// rss_kib, peak_rss_kib, tracks (live, tentative included).
class MemoryLog {
 public:
  static constexpr double kIntervalS = 60.0;

  explicit MemoryLog(const std::string& path) : out_(path) {
    if (!out_) throw CommandFailed(kExitUsage, path + ": cannot open for writing");
    out_ << "simulated_s,rss_kib,peak_rss_kib,tracks\n";
  }
  void step(double simulated_s, std::size_t tracks, bool last) {
    if (simulated_s < next_s_ && !(last && simulated_s > written_s_)) return;
    next_s_ = simulated_s + kIntervalS;
    written_s_ = simulated_s;
    const auto memory = process_memory();
    if (!memory) return;
    out_ << simulated_s << ',' << memory->resident_kib << ',' << memory->peak_kib << ',' << tracks
         << '\n';
    out_.flush();
  }

 private:
  std::ofstream out_;
  double next_s_ = 0.0;
  double written_s_ = -1.0;
};

/// Progress on stderr: a line rewritten in place on a terminal, a line per 10% otherwise.
class Progress {
 public:
  Progress() : interactive_(isatty(STDERR_FILENO) != 0) {}
  void show(const DemoStep& step) {
    const int decile = static_cast<int>(step.progress * 10.0);
    const auto now = std::chrono::steady_clock::now();
    if (interactive_ ? now - last_ < std::chrono::milliseconds(200) && step.progress < 1.0
                     : decile == last_decile_) {
      return;
    }
    last_ = now;
    last_decile_ = decile;
    std::fprintf(stderr, "%s[%3.0f%%] %s  tracks %zu (confirmed %zu)  GOSPA %.0f m%s",
                 interactive_ ? "\r" : "", 100.0 * step.progress,
                 format_iso8601(std::chrono::floor<std::chrono::seconds>(step.time)).c_str(),
                 step.tracks, step.confirmed, step.gospa.distance, interactive_ ? "   " : "\n");
    std::fflush(stderr);
  }
  void finish() {
    if (interactive_) std::fputc('\n', stderr);
  }

 private:
  bool interactive_;
  std::chrono::steady_clock::time_point last_{};
  int last_decile_ = -1;
};

void print_summary(const DemoSummary& s, const sim::Scenario& scenario) {
  const auto& t = s.tracker;
  std::printf(
      "\nStraja demo: %s%s\n"
      "  scenario      %s (%s), %zu sensor(s), %zu target(s)\n"
      "  simulated     %.0f s in %.1f s wall (%.0fx real time), %zu rotations\n"
      "  plots         %llu, %llu associated to tracks\n"
      "  tracks        %llu started, %llu confirmed, %llu deleted, %zu confirmed at the end\n"
      "  GOSPA         mean %.1f m (c = 500 m, p = 2), localisation RMS %.1f m\n"
      "                missed %.2f, false %.2f per scan; up to %zu targets in coverage\n",
      s.scenario.c_str(), s.interrupted ? " (interrupted)" : "", scenario.source.c_str(),
      format_iso8601(scenario.start).c_str(), scenario.sensors.size(), s.targets, s.simulated_s,
      s.wall_s, s.wall_s > 0 ? s.simulated_s / s.wall_s : 0.0, s.scans,
      static_cast<unsigned long long>(t.plots), static_cast<unsigned long long>(t.associated),
      static_cast<unsigned long long>(t.tracks_started),
      static_cast<unsigned long long>(t.tracks_confirmed),
      static_cast<unsigned long long>(t.tracks_deleted), s.final_confirmed, s.gospa_mean_m,
      s.localisation_rms_m, s.missed_mean, s.false_mean, s.truth_in_coverage_max);
  if (const auto memory = process_memory()) {
    std::printf("  memory        resident %.1f MiB at the end, peak %.1f MiB\n",
                static_cast<double>(memory->resident_kib) / 1024.0,
                static_cast<double>(memory->peak_kib) / 1024.0);
  }
}

void run(const DemoArguments& args) {
  DemoOptions options;
  options.speed = parse_speed(args.speed);
  options.duration_s = args.duration_s;
  options.out_dir = args.out_dir;
  if (args.duration_s && !(*args.duration_s > 0.0)) {
    throw CommandFailed(kExitUsage, "--duration: expected a positive number of seconds");
  }
  auto scenario = sim::find_scenario(args.scenario);
  if (!scenario) throw CommandFailed(kExitUsage, scenario.error().message);
  if (!args.tracker_config.empty()) {
    auto config = tracking::read_tracker_config(args.tracker_config);
    if (!config) throw CommandFailed(kExitUsage, "demo: " + config.error().message);
    if (config->filter != tracking::FilterKind::kEkf) {
      throw CommandFailed(kExitNotImplemented,
                          "demo: " + args.tracker_config +
                              ": the demo runs the CV EKF (filter: ekf); straja run and "
                              "straja track take the other filters");
    }
    options.tracker = *config;
  }

  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);

  std::optional<server::PictureServer> picture;
  if (!args.no_serve) {
    configure_logging();
    bool generated_token = false;
    const server::ServerOptions server_options =
        resolve_server_options(args.server, generated_token);
    picture.emplace(server_options);
    start_and_announce(*picture, server_options, generated_token);
  }

  const SensorRegistry registry = scenario->registry();
  std::vector<double> periods;
  for (const SensorInfo& info : registry.sensors) periods.push_back(info.rotation_period_s);
  PictureFeed feed(registry, periods, "demo", scenario->name, scenario->reference, 1);
  Progress progress;
  std::optional<MemoryLog> memory_log;
  if (!args.memory_log.empty()) memory_log.emplace(args.memory_log);
  const DemoSummary summary = run_demo(
      *scenario, options,
      [&](const DemoStep& step) {
        progress.show(step);
        if (memory_log) {
          memory_log->step(to_seconds(step.time - scenario->start), step.live_tracks.size(),
                           step.progress >= 1.0);
        }
        if (picture) {
          feed.plots_received(step.scan_plots, step.sensor, step.time);
          feed.latency(step.tracker_ms);
          picture->publish(feed.picture(step.time, step.live_tracks, step.reports));
        }
      },
      [] { return g_stop_requested.load(); });
  progress.finish();
  print_summary(summary, *scenario);
  if (!args.out_dir.empty()) {
    std::printf("  written       %s/{truth,plots,tracks}.csv\n", args.out_dir.c_str());
  }
  std::fflush(stdout);

  if (picture && !args.duration_s && !summary.interrupted) {
    std::printf("Scenario finished; the picture stays at %s until Ctrl-C.\n",
                picture->url().c_str());
    std::fflush(stdout);
    while (!g_stop_requested.load()) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  if (picture) picture->stop();
}

}  // namespace

void add_demo_command(CLI::App& app) {
  auto args = std::make_shared<DemoArguments>();
  CLI::App* command = app.add_subcommand(
      "demo", "Simulate a scenario, track it, score it against truth and show the live picture");
  command->add_option("--scenario", args->scenario, "Built-in scenario name or scenario YAML file")
      ->capture_default_str();
  command->add_option("--duration", args->duration_s,
                      "Stop after this many simulated seconds (default: the whole scenario, then "
                      "keep serving until Ctrl-C)");
  command->add_option("--speed", args->speed, "Simulated seconds per wall-clock second, or 'max'")
      ->capture_default_str();
  add_server_options(*command, args->server);
  command->add_flag("--no-serve", args->no_serve, "Do not open a port");
  command->add_option("--out", args->out_dir,
                      "Also write truth.csv, plots.csv and tracks.csv into this directory");
  command->add_option("--config", args->tracker_config,
                      "Tracker configuration YAML (docs/formats/tracker-config.md; filter: ekf)");
  command->add_option("--memory-log", args->memory_log,
                      "Write the resident memory per simulated minute to this CSV file "
                      "(simulated_s,rss_kib,peak_rss_kib,tracks)");
  command->callback([args] {
    parse_speed(args->speed);  // reject a bad value before anything starts
    run(*args);
  });
}

}  // namespace straja::cli
