// Evaluation speed: evaluate() over in-memory scoring frames of N targets at 1 Hz, each followed by
// a track with metre-level noise, plus 2% false tracks (the figure behind "one hour of 1,000
// targets at 1 Hz in < 15 s"; the file reading of `straja eval` is timed by bench/eval_speed).

#include <benchmark/benchmark.h>

#include <cmath>
#include <random>

#include "evaluation/metrics.h"

namespace straja::evaluation {
namespace {

ScoringData synthetic_run(int targets, int seconds) {
  std::mt19937_64 random(42);
  std::normal_distribution<double> noise(0.0, 60.0);
  std::uniform_real_distribution<double> anywhere(-200'000.0, 200'000.0);
  ScoringData data;
  data.frames.reserve(static_cast<std::size_t>(seconds));
  for (int t = 0; t < seconds; ++t) {
    ScoringFrame frame;
    frame.time_s = t;
    for (int i = 0; i < targets; ++i) {
      const double heading = 0.1 * i;
      const Eigen::Vector3d velocity(200 * std::cos(heading), 200 * std::sin(heading), 0);
      const Eigen::Vector3d start(10'000.0 * (i % 40) - 200'000, 6'400.0 * (i / 40) - 100'000,
                                  9000);
      const Eigen::Vector3d position = start + velocity * t;
      frame.truths.push_back({i, position, velocity});
      frame.tracks.push_back(
          {10'000 + i, position + Eigen::Vector3d(noise(random), noise(random), noise(random)),
           velocity});
    }
    for (int k = 0; k < targets / 50; ++k) {
      frame.tracks.push_back({100'000 + k,
                              Eigen::Vector3d(anywhere(random), anywhere(random), 5000),
                              Eigen::Vector3d::Zero()});
    }
    data.frames.push_back(std::move(frame));
  }
  return data;
}

void BM_Evaluate(benchmark::State& state) {
  const int targets = static_cast<int>(state.range(0));
  const int seconds = static_cast<int>(state.range(1));
  const ScoringData data = synthetic_run(targets, seconds);
  for (auto _ : state) {
    const EvaluationSummary summary = evaluate(data, {});
    benchmark::DoNotOptimize(summary.gospa_mean);
  }
  state.counters["target_reports_per_s"] = benchmark::Counter(
      static_cast<double>(targets) * seconds, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Evaluate)->Args({100, 600})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Evaluate)->Args({1000, 3600})->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace straja::evaluation
