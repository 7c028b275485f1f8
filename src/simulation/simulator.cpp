#include "simulation/simulator.h"

#include <algorithm>

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
  scan.plots = sensor.scan(next_scan_start_[*best], trajectories_, rngs_[*best]);
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
