// The simulator's hot path: sensor scans over many targets, the stress generator's whole scans
// and the generator itself, the merge of scans into time order, the plots.csv and truth.csv
// writers and their number formatting (figures in bench/RESULTS.md).

#include <benchmark/benchmark.h>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <vector>

#include "io/csv_writer.h"
#include "simulation/scan_merger.h"
#include "simulation/simulator.h"
#include "simulation/stress_scenario.h"

namespace straja {
namespace {

sim::Scenario named(const std::string& name) {
  auto scenario = sim::find_scenario(name);
  if (!scenario) std::abort();
  return *scenario;
}

/// Every scan of a scenario in order (a fresh Simulator once exhausted): plots/s of the models.
void run_scans(benchmark::State& state, const sim::Scenario& scenario) {
  auto simulator = std::make_unique<sim::Simulator>(scenario);
  std::size_t plots = 0;
  for (auto _ : state) {
    auto scan = simulator->next_scan();
    if (!scan) {
      state.PauseTiming();
      simulator = std::make_unique<sim::Simulator>(scenario);
      state.ResumeTiming();
      continue;
    }
    plots += scan->plots.size();
  }
  state.counters["plots/s"] =
      benchmark::Counter(static_cast<double>(plots), benchmark::Counter::kIsRate);
}

void BM_SimulateMoldovaScan(benchmark::State& state) {
  run_scans(state, named("moldova"));
}
BENCHMARK(BM_SimulateMoldovaScan);

/// One rotation of one radar of the stress generator (Arg: targets; 4 radars, 10 false plots).
void BM_SimulateStressRotation(benchmark::State& state) {
  sim::StressParameters parameters;
  parameters.targets = static_cast<int>(state.range(0));
  parameters.duration_s = 120.0;
  auto scenario = sim::stress_scenario(parameters);
  if (!scenario) std::abort();
  run_scans(state, *scenario);
}
// Wall time: the Simulator computes the radars' scans ahead in parallel threads.
BENCHMARK(BM_SimulateStressRotation)->Arg(1000)->Arg(10000)->UseRealTime();

/// The stress generator's default scenario (1,000 targets, 4 radars) as a value, as `straja
/// simulate stress` builds it...
void BM_StressScenario(benchmark::State& state) {
  for (auto _ : state) {
    auto scenario = sim::stress_scenario(sim::StressParameters{});
    benchmark::DoNotOptimize(scenario);
  }
}
BENCHMARK(BM_StressScenario)->Unit(benchmark::kMillisecond);

/// ... and through its YAML text and the strict reader (how it was built before).
void BM_StressScenarioViaYaml(benchmark::State& state) {
  for (auto _ : state) {
    auto scenario =
        sim::parse_scenario(*sim::stress_scenario_yaml(sim::StressParameters{}), "built-in:stress");
    benchmark::DoNotOptimize(scenario);
  }
}
BENCHMARK(BM_StressScenarioViaYaml)->Unit(benchmark::kMillisecond);

/// Plots of 4 sensors' scans (1,000 plots each, staggered by a quarter of the 4 s rotation)
/// merged into time order as `straja simulate` does: each scan added as it ends, then every plot
/// before the earliest start of a scan still to come taken. An iteration is one rotation of all
/// four (4,000 plots; the scans' copies are made outside the timing).
void BM_MergeScans(benchmark::State& state) {
  constexpr int kSensors = 4;
  constexpr int kPlotsPerScan = 1000;
  constexpr std::int64_t kRotationNs = 4'000'000'000;
  auto scan_start_ns = [&](std::int64_t round, int sensor) {
    return round * kRotationNs + sensor * kRotationNs / kSensors;
  };
  sim::ScanMerger merger;
  std::size_t plots = 0;
  std::int64_t round = 0;
  std::vector<std::vector<Plot>> scans(kSensors);
  for (auto _ : state) {
    state.PauseTiming();
    for (int sensor = 0; sensor < kSensors; ++sensor) {
      std::vector<Plot>& scan = scans[static_cast<std::size_t>(sensor)];
      scan.assign(kPlotsPerScan, Plot{});
      for (int i = 0; i < kPlotsPerScan; ++i) {
        scan[static_cast<std::size_t>(i)].time = Time(std::chrono::nanoseconds(
            scan_start_ns(round, sensor) + i * (kRotationNs / kPlotsPerScan)));
      }
    }
    state.ResumeTiming();
    for (int sensor = 0; sensor < kSensors; ++sensor) {
      merger.add(std::move(scans[static_cast<std::size_t>(sensor)]));
      const Time next_start(std::chrono::nanoseconds(scan_start_ns(round, sensor + 1)));
      merger.take_before(next_start, [&](const Plot& plot) {
        benchmark::DoNotOptimize(plot.time);
        ++plots;
      });
    }
    ++round;
  }
  state.counters["plots/s"] =
      benchmark::Counter(static_cast<double>(plots), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MergeScans);

/// plots.csv rows (a psr3d plot and an ADS-B report, alternately) into /dev/null.
void BM_WritePlotsCsv(benchmark::State& state) {
  SensorRegistry registry;
  SensorInfo psr;
  psr.id = "psr-chisinau";
  SensorInfo station;
  station.id = "adsb-balti";
  station.kind = SensorKind::kAdsb;
  registry.sensors = {psr, station};
  Plot radar;
  radar.time = Time(std::chrono::nanoseconds(1'780'308'000'432'867'036));
  radar.range_m = 123'456.789;
  radar.azimuth_rad = 1.2345678;
  radar.elevation_rad = 0.0456;
  radar.truth_id = 17;
  Plot adsb = radar;
  adsb.sensor = SensorIndex{1};
  adsb.kind = SensorKind::kAdsb;
  adsb.range_m = adsb.azimuth_rad = adsb.elevation_rad = kNotMeasured;
  adsb.lat_deg = 47.1234567;
  adsb.lon_deg = 28.7654321;
  adsb.alt_m = 10'668.0;
  adsb.alt_kind = AltitudeKind::kBarometric;
  adsb.callsign = "THY3KL";
  adsb.vel_east_mps = 200.5;
  adsb.vel_north_mps = -20.25;
  adsb.vel_up_mps = 0.0;
  adsb.nacp = 9;
  io::PlotsCsvWriter writer("/dev/null", registry);
  std::size_t rows = 0;
  for (auto _ : state) {
    writer.write((rows & 1) != 0 ? adsb : radar);
    ++rows;
  }
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_WritePlotsCsv);

/// One truth.csv row of a cruising target as `straja simulate` writes it: the closed-form state
/// (the geodesic cruise) formatted into the file buffer.
void BM_WriteTruthRow(benchmark::State& state) {
  auto scenario = sim::stress_scenario(sim::StressParameters{});
  if (!scenario) std::abort();
  std::vector<sim::Trajectory> trajectories;
  for (const sim::TargetSpec& target : scenario->targets) {
    trajectories.emplace_back(target, scenario->start, scenario->end());
  }
  io::TruthCsvWriter writer("/dev/null");
  std::size_t rows = 0;
  Time t = scenario->start + std::chrono::seconds(300);
  for (auto _ : state) {
    const sim::Trajectory& trajectory = trajectories[rows % trajectories.size()];
    writer.write(trajectory.state_at(t));
    if (++rows % trajectories.size() == 0) t += std::chrono::seconds(1);
  }
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_WriteTruthRow);

/// The CSV writers' fixed-point numbers: io::format_fixed against std::to_chars (the same
/// characters), on latitudes at 7 decimals and metres at 3.
void fixed_numbers(benchmark::State& state, bool use_to_chars) {
  std::vector<double> values;
  for (int i = 0; i < 1024; ++i) {
    values.push_back(47.0 + i * 0.000123456789);
    values.push_back(-1234.5678 + i * 97.31);
  }
  char buffer[io::kFixedCharsMax];
  std::size_t i = 0;
  for (auto _ : state) {
    const double value = values[i % values.size()];
    const int decimals = (i & 1) != 0 ? 3 : 7;
    char* end = use_to_chars ? std::to_chars(buffer, buffer + sizeof buffer, value,
                                             std::chars_format::fixed, decimals)
                                   .ptr
                             : io::format_fixed(buffer, value, decimals);
    benchmark::DoNotOptimize(end);
    ++i;
  }
  state.counters["numbers/s"] =
      benchmark::Counter(static_cast<double>(i), benchmark::Counter::kIsRate);
}
void BM_FormatFixed(benchmark::State& state) {
  fixed_numbers(state, false);
}
void BM_FormatFixedToChars(benchmark::State& state) {
  fixed_numbers(state, true);
}
BENCHMARK(BM_FormatFixed);
BENCHMARK(BM_FormatFixedToChars);

}  // namespace
}  // namespace straja
