// straja simulate: run a scenario's sensor models and write what they saw, with the truth.

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>
#include <vector>

#include "cli/commands.h"
#include "core/units.h"
#include "io/csv_writer.h"
#include "simulation/simulator.h"

namespace straja::cli {
namespace {

struct SimulateArguments {
  std::string scenario;
  std::string out_dir;
  std::string speed = "max";
};

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
      out << "    elevation_sigma_deg: " << units::rad_to_deg(info.elevation_sigma_rad) << "\n";
    }
    out << "    max_range_m: " << info.max_range_m << "\n";
    if (info.kind == SensorKind::kAdsb) {
      out << "    update_interval_s: " << sensor.adsb.update_interval_s << "\n";
    } else {
      out << "    rotation_period_s: " << info.rotation_period_s << "\n";
    }
  }
  if (!out) throw CommandFailed(kExitInputError, path.string() + ": write failed");
}

/// truth_sensors.yaml: each sensor's true systematic errors, for evaluation only.
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
  }
  if (!out) throw CommandFailed(kExitInputError, path.string() + ": write failed");
}

void run(const SimulateArguments& args) {
  const double speed = parse_speed(args.speed);
  if (speed != 0.0) {
    throw CommandFailed(kExitNotImplemented,
                        "--speed " + args.speed +
                            ": real-time pacing (for --udp streaming) is not implemented yet; "
                            "use --speed max");
  }
  auto scenario = sim::find_scenario(args.scenario);
  if (!scenario) throw CommandFailed(kExitInputError, scenario.error().message);
  const std::filesystem::path dir(args.out_dir);
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) {
    throw CommandFailed(kExitInputError,
                        args.out_dir + ": cannot create directory: " + error.message());
  }

  sim::Simulator simulator(*scenario);
  io::TruthCsvWriter truth((dir / "truth.csv").string());
  io::PlotsCsvWriter plots((dir / "plots.csv").string(), simulator.registry());
  for (const Status& status : {truth.status(), plots.status()}) {
    if (!status.ok()) throw CommandFailed(kExitInputError, status.error().message);
  }
  // Plots come one scan at a time; several sensors' scans interleave, so buffer and sort by time
  // before writing (a stable sort: equal times keep the order the scans ended in).
  std::vector<Plot> all_plots;
  std::size_t scans = 0;
  while (auto scan = simulator.next_scan()) {
    all_plots.insert(all_plots.end(), scan->plots.begin(), scan->plots.end());
    ++scans;
  }
  // Sorted through an index (a Plot is large to move); ties keep the order scans ended in.
  std::vector<std::uint32_t> order(all_plots.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return all_plots[a].time != all_plots[b].time ? all_plots[a].time < all_plots[b].time : a < b;
  });
  for (const std::uint32_t i : order) plots.write(all_plots[i]);
  std::size_t truth_rows = 0;
  for (Time t = scenario->start; t <= scenario->end(); t += std::chrono::seconds(1)) {
    for (const TruthState& state : simulator.truth_at(t)) {
      truth.write(state);
      ++truth_rows;
    }
  }
  for (const Status& status : {truth.close(), plots.close()}) {
    if (!status.ok()) throw CommandFailed(kExitInputError, status.error().message);
  }
  write_sensors_yaml(dir / "sensors.yaml", *scenario);
  write_truth_sensors_yaml(dir / "truth_sensors.yaml", *scenario);
  std::cout << "simulated " << scenario->name << ": " << scans << " scans, " << all_plots.size()
            << " plots, " << truth_rows << " truth rows -> " << dir.string()
            << "/{truth.csv,plots.csv,sensors.yaml,truth_sensors.yaml}\n";
}

}  // namespace

void add_simulate_command(CLI::App& app) {
  auto args = std::make_shared<SimulateArguments>();
  CLI::App* command = app.add_subcommand(
      "simulate",
      "Simulate a scenario: write truth.csv, plots.csv, sensors.yaml and truth_sensors.yaml");
  command->add_option("scenario", args->scenario, "Built-in scenario name or scenario YAML file")
      ->required();
  command->add_option("--out", args->out_dir, "Output directory")->required();
  command->add_option("--speed", args->speed, "'max' (real-time streaming comes later)")
      ->capture_default_str();
  command->callback([args] { run(*args); });
}

}  // namespace straja::cli
