// Hot paths of the first tracking pipeline: the radar measurement model, one EKF update, the
// assignment solver, GOSPA, one simulated radar rotation and one tracker step.

#include <benchmark/benchmark.h>

#include <memory>
#include <random>

#include "core/units.h"
#include "evaluation/gospa.h"
#include "simulation/simulator.h"
#include "tracking/association/assignment.h"
#include "tracking/filters/ekf.h"
#include "tracking/gnn_tracker.h"

namespace straja {
namespace {

SensorInfo bench_radar(bool four_thirds) {
  SensorInfo info;
  info.id = "r";
  info.site = {47.0245, 28.832, 215.0};
  info.range_sigma_m = 30.0;
  info.azimuth_sigma_rad = units::deg_to_rad(0.15);
  info.elevation_sigma_rad = units::deg_to_rad(0.3);
  info.max_range_m = 250'000.0;
  info.four_thirds_earth = four_thirds;
  return info;
}

void BM_RadarMeasurementJacobian(benchmark::State& state) {
  const tracking::RadarPolarModel model(bench_radar(state.range(0) != 0),
                                        geo::LocalFrame({47.0, 28.85, 0.0}));
  tracking::StateVector x;
  x << 50'000, 20'000, 9'000, 200, -50, 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(model.predict(x));
    benchmark::DoNotOptimize(model.jacobian(x));
    x(0) += 1e-3;
  }
}
BENCHMARK(BM_RadarMeasurementJacobian)->Arg(0)->Arg(1)->ArgName("four_thirds");

void BM_EkfPredictUpdate(benchmark::State& state) {
  const tracking::RadarPolarModel model(bench_radar(false), geo::LocalFrame({47.0, 28.85, 0.0}));
  const tracking::ConstantVelocityModel motion;
  tracking::GaussianState estimate;
  estimate.mean << 50'000, 20'000, 9'000, 200, -50, 0;
  estimate.covariance = tracking::StateCovariance::Identity() * 100.0;
  const tracking::Vec3 z = model.predict(estimate.mean);
  for (auto _ : state) {
    const auto predicted =
        tracking::predict(estimate, motion, estimate.time + std::chrono::seconds(4));
    auto posterior = tracking::update(predicted, tracking::innovate(predicted, z, model), model);
    benchmark::DoNotOptimize(posterior);
  }
}
BENCHMARK(BM_EkfPredictUpdate);

void BM_Assignment(benchmark::State& state) {
  const auto n = static_cast<Eigen::Index>(state.range(0));
  std::mt19937 rng(1);
  std::uniform_real_distribution<double> value(0.0, 100.0);
  Eigen::MatrixXd cost(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) cost(i, j) = value(rng);
  for (auto _ : state) benchmark::DoNotOptimize(tracking::solve_assignment(cost));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_Assignment)->RangeMultiplier(4)->Range(4, 256)->Complexity();

void BM_Gospa(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::mt19937 rng(2);
  std::normal_distribution<double> noise(0.0, 50.0);
  std::uniform_real_distribution<double> where(-100'000.0, 100'000.0);
  std::vector<Eigen::Vector3d> truth, estimates;
  for (std::size_t i = 0; i < n; ++i) {
    truth.emplace_back(where(rng), where(rng), 5'000.0);
    estimates.push_back(truth.back() + Eigen::Vector3d(noise(rng), noise(rng), noise(rng)));
  }
  for (auto _ : state) benchmark::DoNotOptimize(evaluation::gospa(truth, estimates, {}));
}
BENCHMARK(BM_Gospa)->Arg(10)->Arg(100);

sim::Scenario bench_scenario() {
  auto scenario = sim::find_scenario("first-light");
  if (!scenario) std::abort();
  return *scenario;
}

void BM_SimulateRotation(benchmark::State& state) {
  auto simulator = std::make_unique<sim::Simulator>(bench_scenario());
  std::size_t plots = 0;
  for (auto _ : state) {
    auto scan = simulator->next_scan();
    if (!scan) {
      state.PauseTiming();
      simulator = std::make_unique<sim::Simulator>(bench_scenario());
      state.ResumeTiming();
      continue;
    }
    plots += scan->plots.size();
  }
  state.counters["plots/s"] =
      benchmark::Counter(static_cast<double>(plots), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SimulateRotation);

void BM_TrackerRotation(benchmark::State& state) {
  // Pre-simulate every rotation, then time only the tracker over them.
  sim::Simulator simulator(bench_scenario());
  std::vector<sim::SensorScan> scans;
  while (auto scan = simulator.next_scan()) scans.push_back(std::move(*scan));
  const geo::LocalFrame frame(simulator.scenario().reference);
  auto tracker = std::make_unique<tracking::GnnTracker>(tracking::GnnTrackerConfig{},
                                                        simulator.registry(), frame);
  std::size_t next = 0;
  std::size_t plots = 0;
  for (auto _ : state) {
    if (next == scans.size()) {
      state.PauseTiming();
      tracker = std::make_unique<tracking::GnnTracker>(tracking::GnnTrackerConfig{},
                                                       simulator.registry(), frame);
      next = 0;
      state.ResumeTiming();
    }
    const auto& scan = scans[next++];
    tracker->process(scan.plots, scan.sensor, scan.end);
    plots += scan.plots.size();
  }
  state.counters["plots/s"] =
      benchmark::Counter(static_cast<double>(plots), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TrackerRotation);

}  // namespace
}  // namespace straja
