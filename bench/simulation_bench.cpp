// The simulator's hot path: sensor scans over many targets, the stress generator's whole scans,
// and the plots.csv writer (figures in bench/RESULTS.md).

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>

#include "io/csv_writer.h"
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

}  // namespace
}  // namespace straja
