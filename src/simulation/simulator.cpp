#include "simulation/simulator.h"

#include <algorithm>
#include <atomic>
#include <thread>

namespace straja::sim {

Simulator::Simulator(Scenario scenario) : scenario_(std::move(scenario)) {
  registry_ = scenario_.registry();
  for (const TargetSpec& target : scenario_.targets) {
    trajectories_.emplace_back(target, scenario_.start, scenario_.end());
  }
  for (std::size_t i = 0; i < scenario_.sensors.size(); ++i) {
    const SensorIndex index{static_cast<std::uint16_t>(i)};
    sensors_.push_back(make_sensor_model(scenario_.sensors[i], index, scenario_));
    next_scan_start_.push_back(scenario_.start);
    // splitmix-style decorrelation of per-sensor seeds
    rngs_.emplace_back(scenario_.seed * 0x9E3779B97F4A7C15ull + i + 1);
  }
  ready_.resize(sensors_.size());
}

void Simulator::compute_ahead(std::size_t needed) {
  // Below this many targets a scan takes microseconds: starting threads would cost more.
  constexpr std::size_t kTargetsWorthThreads = 200;
  std::vector<std::size_t> due{needed};
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  if (cores > 1 && trajectories_.size() >= kTargetsWorthThreads) {
    for (std::size_t i = 0; i < sensors_.size(); ++i) {
      const Time end = next_scan_start_[i] + from_seconds(sensors_[i]->scan_period_s());
      if (i != needed && !ready_[i] && end <= scenario_.end()) due.push_back(i);
    }
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t k = next++; k < due.size(); k = next++) {
      const std::size_t i = due[k];
      ready_[i] = sensors_[i]->scan(next_scan_start_[i], trajectories_, rngs_[i]);
    }
  };
  std::vector<std::thread> helpers;
  for (std::size_t w = 1; w < std::min(cores, due.size()); ++w) helpers.emplace_back(work);
  work();
  for (std::thread& helper : helpers) helper.join();
}

std::optional<SensorScan> Simulator::next_scan() {
  std::optional<std::size_t> best;
  Time best_end{};
  for (std::size_t i = 0; i < sensors_.size(); ++i) {
    const Time end = next_scan_start_[i] + from_seconds(sensors_[i]->scan_period_s());
    if (end > scenario_.end()) continue;
    if (!best || end < best_end) {
      best = i;
      best_end = end;
    }
  }
  if (!best) return std::nullopt;
  const SensorModel& sensor = *sensors_[*best];
  const Duration time_bias = from_seconds(sensor.spec().biases.time_s);
  SensorScan scan;
  scan.sensor = SensorIndex{static_cast<std::uint16_t>(*best)};
  scan.start = next_scan_start_[*best] + time_bias;
  scan.end = best_end + time_bias;
  if (!ready_[*best]) compute_ahead(*best);
  scan.plots = std::move(*ready_[*best]);
  ready_[*best].reset();
  next_scan_start_[*best] = best_end;
  return scan;
}

Time Simulator::earliest_pending_time() const {
  Time earliest = Time::max();
  for (std::size_t i = 0; i < sensors_.size(); ++i) {
    const Time start = next_scan_start_[i];
    if (start + from_seconds(sensors_[i]->scan_period_s()) > scenario_.end()) continue;
    earliest = std::min(earliest, start + from_seconds(sensors_[i]->spec().biases.time_s));
  }
  return earliest;
}

Time Simulator::earliest_pending_scan_start() const {
  Time earliest = Time::max();
  for (std::size_t i = 0; i < sensors_.size(); ++i) {
    const Time start = next_scan_start_[i];
    if (start + from_seconds(sensors_[i]->scan_period_s()) > scenario_.end()) continue;
    earliest = std::min(earliest, start);
  }
  return earliest;
}

std::vector<TruthState> Simulator::truth_at(Time t) const {
  std::vector<TruthState> states;
  for (const Trajectory& trajectory : trajectories_) {
    if (trajectory.alive_at(t)) states.push_back(trajectory.state_at(t));
  }
  return states;
}

}  // namespace straja::sim
