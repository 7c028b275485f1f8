// straja simulate: run a scenario's sensor models and write what they saw, with the truth, and
// each sensor's ASTERIX as a recording and, with --udp, a live stream paced by --speed.

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <optional>
#include <vector>

#include "cli/commands.h"
#include "cli/simulate_outputs.h"
#include "core/units.h"
#include "io/background_queue.h"
#include "io/csv_writer.h"
#include "simulation/asterix_feed.h"
#include "simulation/scan_merger.h"
#include "simulation/simulator.h"
#include "simulation/stress_scenario.h"

namespace straja::cli {
namespace {

struct SimulateArguments {
  std::string scenario;
  std::string out_dir;
  std::string speed;  ///< empty: "1" with --udp, else "max"
  std::vector<std::string> udp;
  bool pcap = false;
  int multicast_ttl = 1;
  bool no_sim_bit = false;
  // The stress generator's parameters (scenario `stress` only; defaults in StressParameters).
  std::optional<int> targets;
  std::optional<int> radars;
  std::optional<double> duration_s;
  std::optional<double> clutter;
};

/// The scenario named on the command line; `stress` with the generator's options applied.
Result<sim::Scenario> find_scenario(const SimulateArguments& args) {
  if (!args.targets && !args.radars && !args.duration_s && !args.clutter) {
    return sim::find_scenario(args.scenario);
  }
  if (args.scenario != "stress") {
    throw CommandFailed(kExitUsage,
                        "--targets, --radars, --duration and --clutter apply to the scenario "
                        "'stress' only");
  }
  sim::StressParameters parameters;
  parameters.targets = args.targets.value_or(parameters.targets);
  parameters.radars = args.radars.value_or(parameters.radars);
  parameters.duration_s = args.duration_s.value_or(parameters.duration_s);
  parameters.false_alarms_per_scan = args.clutter.value_or(parameters.false_alarms_per_scan);
  return sim::stress_scenario(parameters);
}

std::atomic<bool> interrupted{false};
extern "C" void on_simulate_interrupt(int) {
  interrupted = true;
}

std::string recording_date(const sim::Scenario& scenario) {
  return format_iso8601(Time(date_of(scenario.start))).substr(0, 10);
}

/// sensors.yaml: what an operator knows about each sensor (never the true biases).
void write_sensors_yaml(const std::filesystem::path& path, const sim::Scenario& scenario) {
  std::ofstream out(path);
  out.precision(10);
  out << "# Sensors of scenario " << scenario.name << " (docs/formats/sensors.md)\n";
  out << "date: " << recording_date(scenario) << "\n";
  out << "sensors:\n";
  for (const auto& sensor : scenario.sensors) {
    const SensorInfo& info = sensor.info;
    out << "  - id: " << info.id << "\n"
        << "    kind: " << to_string(info.kind) << "\n"
        << "    sac: " << int{info.sac_sic.sac} << "\n"
        << "    sic: " << int{info.sac_sic.sic} << "\n"
        << "    lat_deg: " << info.site.lat_deg << "\n"
        << "    lon_deg: " << info.site.lon_deg << "\n"
        << "    height_m: " << info.site.height_m << "\n";
    if (info.kind != SensorKind::kAdsb) {
      out << "    range_sigma_m: " << info.range_sigma_m << "\n"
          << "    azimuth_sigma_deg: " << units::rad_to_deg(info.azimuth_sigma_rad) << "\n";
    }
    if (info.kind == SensorKind::kPsr3d) {
      out << "    elevation_sigma_deg: " << units::rad_to_deg(info.elevation_sigma_rad) << "\n"
          << "    geoid_height_m: " << scenario.environment.atmosphere.geoid_height_m << "\n";
    }
    out << "    max_range_m: " << info.max_range_m << "\n";
    if (info.kind == SensorKind::kAdsb) {
      out << "    update_interval_s: " << sensor.adsb.update_interval_s << "\n";
    } else {
      out << "    rotation_period_s: " << info.rotation_period_s << "\n";
    }
  }
  if (!out) throw CommandFailed(kExitUsage, path.string() + ": write failed");
}

/// truth_sensors.yaml: each sensor's true systematic errors and faults, for evaluation only.
void write_truth_sensors_yaml(const std::filesystem::path& path, const sim::Scenario& scenario) {
  std::ofstream out(path);
  out.precision(10);
  out << "# True sensor biases of scenario " << scenario.name
      << ": for evaluation only, never for trackers (docs/formats/sensors.md)\n";
  out << "date: " << recording_date(scenario) << "\n";
  out << "sensors:\n";
  for (const auto& sensor : scenario.sensors) {
    const sim::SensorBiases& biases = sensor.biases;
    out << "  - id: " << sensor.info.id << "\n"
        << "    kind: " << to_string(sensor.info.kind) << "\n"
        << "    biases:\n"
        << "      range_m: " << biases.range_m << "\n"
        << "      range_gain: " << biases.range_gain << "\n"
        << "      azimuth_deg: " << biases.azimuth_deg << "\n"
        << "      elevation_deg: " << biases.elevation_deg << "\n"
        << "      time_s: " << biases.time_s << "\n";
    // Faults only where the scenario has them, so that a file without faults stays as it was.
    const sim::SensorFaults& faults = sensor.faults;
    if (!faults.outages.empty()) {
      out << "    outages:\n";
      for (const sim::Outage& outage : faults.outages) {
        out << "      - {start_s: " << outage.start_s << ", end_s: " << outage.end_s << "}\n";
      }
    }
    if (!faults.clock_jumps.empty()) {
      out << "    clock_jumps:\n";
      for (const sim::ClockJump& jump : faults.clock_jumps) {
        out << "      - {at_s: " << jump.at_s << ", jump_s: " << jump.jump_s << "}\n";
      }
    }
  }
  if (!out) throw CommandFailed(kExitUsage, path.string() + ": write failed");
}

/// Scans' plots (a few hundred KiB each) and ASTERIX blocks are allocated on one thread and freed
/// on another all run long; glibc's defaults would hand much of that memory back to the kernel
/// (munmap, heap trimming) and fault every page in again at the next allocation (about half the
/// run's system time on the stress defaults). Kept in the process instead: at most this much
/// free memory stays mapped.
void keep_freed_memory_for_reuse() {
  constexpr int kLargestHeapAllocation = 32 << 20;  // larger ones are mapped on their own
  constexpr int kFreeMemoryKept = 128 << 20;
  mallopt(M_MMAP_THRESHOLD, kLargestHeapAllocation);
  mallopt(M_TRIM_THRESHOLD, kFreeMemoryKept);
}

void run(const SimulateArguments& args) {
  const auto wall_start = std::chrono::steady_clock::now();  // the whole command, for the summary
  keep_freed_memory_for_reuse();
  const double speed =
      parse_speed(args.speed.empty() ? (args.udp.empty() ? "max" : "1") : args.speed);
  auto scenario = find_scenario(args);
  if (!scenario) throw CommandFailed(kExitUsage, scenario.error().message);
  const std::filesystem::path dir(args.out_dir);
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    throw CommandFailed(kExitUsage, args.out_dir + ": cannot create directory: " + error.message());
  }

  AsterixOutputOptions output_options;
  output_options.dir = dir;
  output_options.pcap = args.pcap;
  output_options.udp = stream_endpoints(args.udp, scenario->sensors.size());
  output_options.multicast_ttl = args.multicast_ttl;
  output_options.speed = speed;
  interrupted = false;
  AsterixOutputs asterix(*scenario, output_options, interrupted);
  // A paced run (a stream) ends cleanly on Ctrl-C: what was sent is in the recordings.
  if (speed > 0.0) {
    std::signal(SIGINT, on_simulate_interrupt);
    std::signal(SIGTERM, on_simulate_interrupt);
  }
  sim::AsterixFeedOptions feed_options;
  feed_options.mark_simulated = !args.no_sim_bit;
  sim::AsterixFeed feed(*scenario, feed_options);
  std::vector<sim::TimedBlock> blocks;

  sim::Simulator simulator(*scenario);
  io::TruthCsvWriter truth((dir / "truth.csv").string());
  io::PlotsCsvWriter plots((dir / "plots.csv").string(), simulator.registry());
  for (const Status& status : {truth.status(), plots.status()}) {
    if (!status.ok()) throw CommandFailed(kExitUsage, status.error().message);
  }
  // Three threads beside the scans in flight: this one takes the scans in order and sends their
  // ASTERIX; truth rows (every target at 1 s steps, up to the end of the last scan taken when
  // paced, else all of them from the start) and plots.csv rows are computed, formatted and
  // written on their own threads. Each file is written by one thread in one order: the bytes are
  // those of a run on one thread.
  std::size_t truth_rows = 0;
  Time next_truth = scenario->start;
  io::BackgroundQueue<Time> truth_until([&](const Time& until) {
    for (; next_truth <= until && next_truth <= scenario->end();
         next_truth += std::chrono::seconds(1)) {
      for (const sim::Trajectory& trajectory : simulator.trajectories()) {
        if (!trajectory.alive_at(next_truth)) continue;
        truth.write(trajectory.state_at(next_truth));
        ++truth_rows;
      }
    }
  });
  // Plots come one scan at a time and several sensors' scans interleave: on the plots thread
  // they wait in the merger until no scan still to come can stamp an earlier plot, then go out
  // in time order (ties in the order their scans ended).
  struct ScanForOutput {
    std::vector<Plot> plots;
    Time ready_before;  ///< no scan still to come stamps a plot earlier
  };
  std::size_t plot_rows = 0;
  sim::ScanMerger waiting;
  io::BackgroundQueue<ScanForOutput> plot_output([&](ScanForOutput& scan) {
    waiting.add(std::move(scan.plots));
    waiting.take_before(scan.ready_before, [&](const Plot& plot) {
      plots.write(plot);
      ++plot_rows;
    });
  });
  // Progress on stderr once a run takes more than a second, a line per 10% of simulated time.
  std::size_t plots_made = 0;
  std::size_t scans = 0;
  int reported_decile = 0;
  // Truth rows asked for up to here. A run without pacing cannot be interrupted (no signal
  // handler), so its truth rows are all asked for at once: the truth thread runs beside the
  // scans from the start instead of trailing them, and does not hold up the end of the run.
  Time truth_requested = scenario->start;
  if (speed == 0.0) {
    truth_requested = scenario->end();
    truth_until.push(truth_requested);
  }
  Time simulated_until = scenario->start;
  while (!interrupted) {
    auto scan = simulator.next_scan();
    if (!scan) break;
    // ASTERIX first (it reads the plots), released up to where no later scan can send earlier.
    feed.encode(*scan, blocks);
    asterix.add(blocks);
    asterix.release_before(simulator.earliest_pending_scan_start());
    plots_made += scan->plots.size();
    plot_output.push({std::move(scan->plots), simulator.earliest_pending_time()});
    ++scans;
    // Truth rows fall on whole seconds from the start: the truth thread is woken once per new
    // row time reached, not once per scan.
    if (scan->end >= truth_requested + std::chrono::seconds(1)) {
      truth_requested =
          scenario->start + std::chrono::floor<std::chrono::seconds>(scan->end - scenario->start);
      truth_until.push(truth_requested);
    }
    simulated_until = scan->end;
    const double fraction = to_seconds(scan->end - scenario->start) / scenario->duration_s;
    const int decile = static_cast<int>(fraction * 10.0);
    if (decile > reported_decile &&
        std::chrono::steady_clock::now() - wall_start > std::chrono::seconds(1)) {
      std::cerr << "[" << std::setw(3) << decile * 10 << "%] "
                << format_iso8601(std::chrono::floor<std::chrono::seconds>(scan->end)) << "  "
                << plots_made << " plots\n";
    }
    reported_decile = std::max(reported_decile, decile);
  }
  asterix.close();
  plot_output.push({{}, Time::max()});
  truth_until.push(interrupted ? simulated_until : scenario->end());
  truth_until.finish();
  plot_output.finish();
  for (const Status& status : {truth.close(), plots.close()}) {
    if (!status.ok()) throw CommandFailed(kExitUsage, status.error().message);
  }
  write_sensors_yaml(dir / "sensors.yaml", *scenario);
  write_truth_sensors_yaml(dir / "truth_sensors.yaml", *scenario);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (interrupted) {
    std::cerr << "straja simulate: interrupted: the files hold what was simulated (and sent) so "
                 "far\n";
  }
  std::cout << "simulated " << scenario->name << ": " << scans << " scans, " << plot_rows
            << " plots, " << truth_rows << " truth rows -> " << dir.string()
            << "/{truth.csv,plots.csv,sensors.yaml,truth_sensors.yaml}\n";
  std::string files;
  for (const std::string& name : asterix.file_names()) files += (files.empty() ? "" : ",") + name;
  std::cout << "asterix: " << asterix.blocks() << " data blocks, " << asterix.records()
            << " records -> " << dir.string() << "/{" << files << "}";
  if (!output_options.udp.empty()) {
    std::cout << ", streamed to";
    for (const io::UdpEndpoint& endpoint : output_options.udp) {
      std::cout << " udp://" << endpoint.to_string();
    }
    if (asterix.send_errors() > 0) std::cout << " (" << asterix.send_errors() << " send errors)";
  }
  std::cout << "\n";
  // Throughput over the whole command (scenario read, every file written and closed).
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  std::cout << "wall " << std::fixed << std::setprecision(2) << wall_s
            << " s: " << std::setprecision(0) << static_cast<double>(plot_rows) / wall_s
            << " plots/s, "
            << (interrupted ? to_seconds(simulated_until - scenario->start)
                            : scenario->duration_s) /
                   wall_s
            << "x real time\n";
}

}  // namespace

void add_simulate_command(CLI::App& app) {
  auto args = std::make_shared<SimulateArguments>();
  CLI::App* command = app.add_subcommand(
      "simulate",
      "Simulate a scenario: write truth.csv, plots.csv, sensors.yaml, truth_sensors.yaml and one "
      "ASTERIX recording per sensor (<id>.ast), optionally streaming it over UDP");
  command->add_option("scenario", args->scenario, "Built-in scenario name or scenario YAML file")
      ->required();
  command->add_option("--out", args->out_dir, "Output directory")->required();
  command->add_option("--speed", args->speed,
                      "Simulated seconds per wall-clock second (1 real time, 10 ten times "
                      "faster) or 'max' (no pacing); default 1 with --udp, else max");
  command->add_option("--udp", args->udp,
                      "Stream each sensor's ASTERIX to GROUP:PORT[@IFACE] (or ADDRESS:PORT): one "
                      "per sensor in scenario order, or one for consecutive ports (sensor i at "
                      "PORT + i)");
  command->add_flag("--pcap", args->pcap,
                    "Also write <id>.pcap: each data block as one UDP packet, stamped with the "
                    "time it is sent");
  command
      ->add_option("--multicast-ttl", args->multicast_ttl,
                   "TTL of multicast datagrams (default 1: this subnet; 0: this host only)")
      ->check(CLI::Range(0, 255));
  command->add_flag("--no-sim-bit", args->no_sim_bit,
                    "Leave the SIM bit of CAT048/CAT021 reports at 0 (by default they are "
                    "marked as simulated target reports)");
  command->add_option("--targets", args->targets, "stress: number of targets (default 1000)");
  command->add_option("--radars", args->radars, "stress: number of 3D radars (default 4)");
  command->add_option("--duration", args->duration_s, "stress: simulated seconds (default 600)");
  command->add_option("--clutter", args->clutter,
                      "stress: false plots per radar rotation (default 10)");
  command->callback([args] { run(*args); });
}

}  // namespace straja::cli
