// Hot paths of the first tracking pipeline: the radar measurement model, one EKF update, the
// assignment solver, GOSPA, one simulated radar rotation and one tracker step.

#include <benchmark/benchmark.h>

#include <memory>
#include <random>

#include "core/units.h"
#include "evaluation/gospa.h"
#include "simulation/simulator.h"
#include "tracking/association/assignment.h"
#include "tracking/association/plot_grid.h"
#include "tracking/filters/ekf.h"
#include "tracking/gnn_tracker.h"
#include "tracking/models/planar_range_bearing.h"

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

// h(x) and H in one call, as the EKF's measurement prediction takes them.
void BM_RadarMeasurementWithJacobian(benchmark::State& state) {
  const tracking::RadarPolarModel model(bench_radar(state.range(0) != 0),
                                        geo::LocalFrame({47.0, 28.85, 0.0}));
  tracking::StateVector x;
  x << 50'000, 20'000, 9'000, 200, -50, 0;
  tracking::MeasurementMatrix h;
  for (auto _ : state) {
    benchmark::DoNotOptimize(model.predict(x, h));
    benchmark::DoNotOptimize(h);
    x(0) += 1e-3;
  }
}
BENCHMARK(BM_RadarMeasurementWithJacobian)->Arg(0)->Arg(1)->ArgName("four_thirds");

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
    auto posterior = tracking::update(predicted, z, model);
    benchmark::DoNotOptimize(posterior);
  }
}
BENCHMARK(BM_EkfPredictUpdate);

// The research bench's steps per track and scan (straja track --bench2d): a 1 s prediction, the
// predicted range/bearing measurement with S and its factor, one plot's innovation (the gate),
// and the update. Arg: 0 the gate alone (prediction, measurement, innovation), 1 with the update.
void BM_EkfPlanarScanStep(benchmark::State& state) {
  const tracking::PlanarRangeBearingModel model(25.0, units::deg_to_rad(0.2), 70'000.0);
  const tracking::ConstantVelocityModel motion{0.5, 1e-6};
  tracking::GaussianState estimate;
  estimate.mean << 20'000, -15'000, 0, 150, 80, 0;
  estimate.covariance = tracking::StateCovariance::Identity() * 400.0;
  estimate.covariance.bottomRightCorner<3, 3>() *= 0.25;
  tracking::StateVector truth = estimate.mean;
  truth.head<3>() += truth.tail<3>() + tracking::Vec3(30.0, -20.0, 0.0);
  const tracking::Vec3 z = model.predict(truth);
  const bool with_update = state.range(0) != 0;
  for (auto _ : state) {
    const auto predicted =
        tracking::predict(estimate, motion, estimate.time + std::chrono::seconds(1));
    const auto measurement = tracking::predict_measurement(predicted, model);
    const auto innovation = tracking::innovate(measurement, z, model);
    benchmark::DoNotOptimize(innovation.mahalanobis_squared);
    if (with_update) {
      auto posterior = tracking::update(predicted, measurement, innovation);
      benchmark::DoNotOptimize(posterior);
    }
  }
}
BENCHMARK(BM_EkfPlanarScanStep)->Arg(0)->Arg(1)->ArgName("update");

// The research bench's plot positions for the tracker's pre-gate, per plot of a 102-plot scan:
// one position_spread_of call per plot (Arg 0) or one position_spreads_of call for the batch
// (Arg 1, vector sine and cosine).
void BM_PlanarPositionSpreads(benchmark::State& state) {
  const tracking::PlanarRangeBearingModel model(25.0, units::deg_to_rad(0.2), 70'000.0);
  const tracking::MeasurementModel& any_model = model;  // as the tracker calls it
  std::vector<tracking::Vec3> z;
  for (int i = 0; i < 102; ++i) z.emplace_back(500.0 + 690.0 * i, 0.0617 * i, 0.0);
  std::vector<tracking::MeasurementModel::PositionSpread> spreads(z.size());
  const bool batch = state.range(0) != 0;
  for (auto _ : state) {
    if (batch) {
      any_model.position_spreads_of(z, spreads);
    } else {
      for (std::size_t i = 0; i < z.size(); ++i) spreads[i] = any_model.position_spread_of(z[i]);
    }
    benchmark::DoNotOptimize(spreads.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(z.size()));
}
BENCHMARK(BM_PlanarPositionSpreads)->Arg(0)->Arg(1)->ArgName("batch");

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

/// BM_TrackerRotation with the filter and associator a tracker configuration selects: `Tracker`
/// (the CV EKF or the IMM) and Arg 0 gnn, 1 jpda, 2 jipda.
template <class Tracker>
void BM_TrackerRotationModes(benchmark::State& state) {
  sim::Simulator simulator(bench_scenario());
  std::vector<sim::SensorScan> scans;
  while (auto scan = simulator.next_scan()) scans.push_back(std::move(*scan));
  const geo::LocalFrame frame(simulator.scenario().reference);
  tracking::GnnTrackerConfig config;
  config.associator = state.range(0) == 2   ? tracking::Associator::kJipda
                      : state.range(0) == 1 ? tracking::Associator::kJpda
                                            : tracking::Associator::kGnn;
  auto tracker = std::make_unique<Tracker>(config, simulator.registry(), frame);
  std::size_t next = 0;
  std::size_t plots = 0;
  for (auto _ : state) {
    if (next == scans.size()) {
      state.PauseTiming();
      tracker = std::make_unique<Tracker>(config, simulator.registry(), frame);
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
BENCHMARK(BM_TrackerRotationModes<tracking::GnnTracker>)->DenseRange(0, 2)->ArgName("associator");
BENCHMARK(BM_TrackerRotationModes<tracking::ImmGnnTracker>)
    ->DenseRange(0, 2)
    ->ArgName("associator");

// The tracker's coarse pre-gate: one batch's plots in a grid, each with its own reach (six sigma
// of a 0.2 deg bearing at its range), queried once per track (radius 300-1,300 m: six sigma of a
// confirmed track plus margins). Args: plots in the 100 km square; each iteration is one query.
void BM_PlotGridQuery(benchmark::State& state) {
  const auto count = static_cast<std::size_t>(state.range(0));
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> where(-50'000.0, 50'000.0);
  std::uniform_real_distribution<double> radius(300.0, 1'300.0);
  std::vector<tracking::Vec3> points;
  std::vector<double> reach;
  for (std::size_t i = 0; i < count; ++i) {
    points.emplace_back(where(rng), where(rng), 0.0);
    reach.push_back(6.0 * units::deg_to_rad(0.2) * points.back().head<2>().norm());
  }
  tracking::PlotGrid grid;
  grid.build(points, 800.0, reach);
  std::vector<std::pair<tracking::Vec3, double>> queries;
  for (int q = 0; q < 4096; ++q)
    queries.emplace_back(tracking::Vec3(where(rng), where(rng), 0.0), radius(rng));
  std::vector<std::size_t> found;
  std::size_t next = 0;
  std::size_t total = 0;
  for (auto _ : state) {
    const auto& [centre, r] = queries[next++ & 4095u];
    found.clear();
    grid.query(centre, r, found);
    total += found.size();
    benchmark::DoNotOptimize(found.data());
  }
  state.counters["found"] = static_cast<double>(total) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_PlotGridQuery)->Arg(500)->Arg(5'500)->ArgName("plots");

/// The shared 2D bench's geometry in memory: `targets` straight-flying targets in a 100 km square
/// around a range/bearing radar (sigma 25 m, 0.2 deg), Pd 0.9, `clutter` false plots per 1 s scan.
std::vector<std::vector<Plot>> planar_scans(int targets, int clutter, int scans) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> where(-45'000.0, 45'000.0);
  std::uniform_real_distribution<double> heading(0.0, 2.0 * units::kPi);
  std::uniform_real_distribution<double> speed(50.0, 300.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::normal_distribution<double> range_noise(0.0, 25.0);
  std::normal_distribution<double> bearing_noise(0.0, units::deg_to_rad(0.2));
  std::poisson_distribution<int> clutter_count(clutter);
  struct Target {
    double x, y, vx, vy;
  };
  std::vector<Target> truth;
  for (int i = 0; i < targets; ++i) {
    const double h = heading(rng);
    const double v = speed(rng);
    truth.push_back({where(rng), where(rng), v * std::sin(h), v * std::cos(h)});
  }
  const Time start = from_unix_seconds(1.0e9);
  std::vector<std::vector<Plot>> result;
  for (int k = 0; k < scans; ++k) {
    std::vector<Plot> plots;
    auto add = [&](double x, double y, bool noisy) {
      Plot plot;
      plot.time = start + std::chrono::seconds(k);
      plot.kind = SensorKind::kSsr;
      plot.range_m = std::hypot(x, y) + (noisy ? range_noise(rng) : 0.0);
      plot.azimuth_rad = units::wrap_two_pi(std::atan2(x, y) + (noisy ? bearing_noise(rng) : 0.0));
      plots.push_back(plot);
    };
    for (Target& target : truth) {
      target.x += target.vx;
      target.y += target.vy;
      if (unit(rng) < 0.9) add(target.x, target.y, true);
    }
    for (int c = clutter_count(rng); c > 0; --c) add(1.1 * where(rng), 1.1 * where(rng), false);
    result.push_back(std::move(plots));
  }
  return result;
}

// Gating (grid pre-gate, chi-square gate), clustering and assignment, with the filter updates and
// track management of one scan: the tracker's whole per-scan step on the 2D bench geometry.
// Args: targets, false plots per scan. Each iteration is one scan of a running tracker (restarted
// after 60 scans, the restart untimed).
void BM_GateAndAssociate(benchmark::State& state) {
  const auto scans =
      planar_scans(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)), 60);
  auto make = [] {
    tracking::GnnTrackerConfig config;
    config.motion.q_horizontal = 0.5;
    config.motion.q_vertical = 1e-6;
    config.gate_mahalanobis_squared = -2.0 * std::log(0.001);
    config.max_coast_s = 4.0;
    std::vector<std::unique_ptr<tracking::MeasurementModel>> models;
    models.push_back(std::make_unique<tracking::PlanarRangeBearingModel>(
        25.0, units::deg_to_rad(0.2), 50'000.0 * std::sqrt(2.0)));
    return std::make_unique<tracking::GnnTracker>(config, std::move(models), geo::LocalFrame{});
  };
  auto tracker = make();
  std::size_t next = 0;
  std::size_t plots = 0;
  for (auto _ : state) {
    if (next == scans.size()) {
      state.PauseTiming();
      tracker = make();
      next = 0;
      state.ResumeTiming();
    }
    const auto& scan = scans[next++];
    tracker->process(scan, SensorIndex{0}, scan.front().time);
    plots += scan.size();
  }
  state.counters["plots/s"] =
      benchmark::Counter(static_cast<double>(plots), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_GateAndAssociate)
    ->Args({50, 10})
    ->Args({200, 10})
    ->Args({1000, 10})
    ->Args({10000, 1000})
    ->ArgNames({"targets", "clutter"})
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace straja
