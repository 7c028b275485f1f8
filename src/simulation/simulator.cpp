#include "simulation/simulator.h"

#include <algorithm>
#include <thread>

namespace straja::sim {

Simulator::Simulator(Scenario scenario) : scenario_(std::move(scenario)) {
  registry_ = scenario_.registry();
  // Below this many targets a scan takes microseconds: a thread would cost more than it saves.
  constexpr std::size_t kTargetsWorthThreads = 200;
  const unsigned cores = std::thread::hardware_concurrency();
  compute_ahead_ = cores > 1 && scenario_.targets.size() >= kTargetsWorthThreads;
  // Trajectories are independent (each flies its own route): with many, they are built in
  // contiguous slices on all cores and joined in target order, while the sensor models (a
  // radar's geodesic table takes milliseconds) are set up beside them.
  const auto launch = compute_ahead_ ? std::launch::async : std::launch::deferred;
  std::vector<std::future<std::unique_ptr<SensorModel>>> models;
  for (std::size_t i = 0; i < scenario_.sensors.size(); ++i) {
    models.push_back(std::async(launch, [this, i] {
      return make_sensor_model(scenario_.sensors[i], SensorIndex{static_cast<std::uint16_t>(i)},
                               scenario_);
    }));
  }
  const std::size_t slices = compute_ahead_ ? cores : 1;
  const std::size_t per_slice = (scenario_.targets.size() + slices - 1) / slices;
  std::vector<std::future<std::vector<Trajectory>>> built;
  for (std::size_t first = 0; first < scenario_.targets.size(); first += per_slice) {
    const std::size_t last = std::min(scenario_.targets.size(), first + per_slice);
    built.push_back(std::async(launch, [this, first, last] {
      std::vector<Trajectory> slice;
      slice.reserve(last - first);
      for (std::size_t i = first; i < last; ++i) {
        slice.emplace_back(scenario_.targets[i], scenario_.start, scenario_.end());
      }
      return slice;
    }));
  }
  trajectories_.reserve(scenario_.targets.size());
  for (auto& slice : built) {
    for (Trajectory& trajectory : slice.get()) trajectories_.push_back(std::move(trajectory));
  }
  for (std::size_t i = 0; i < scenario_.sensors.size(); ++i) {
    sensors_.push_back(models[i].get());
    next_scan_start_.push_back(scenario_.start);
    faults_.emplace_back(scenario_.sensors[i].biases.time_s, scenario_.sensors[i].faults,
                         scenario_.start);
    // splitmix-style decorrelation of per-sensor seeds
    rngs_.emplace_back(scenario_.seed * 0x9E3779B97F4A7C15ull + i + 1);
  }
  in_flight_.resize(sensors_.size());
  if (compute_ahead_) {
    for (std::size_t i = 0; i < sensors_.size(); ++i) {
      scan_threads_.push_back(
          std::make_unique<io::BackgroundQueue<ScanTask>>([](ScanTask& task) { task(); }));
    }
  }
  for (std::size_t i = 0; i < sensors_.size(); ++i) start_next(i);
}

Simulator::~Simulator() {
  for (auto& scan : in_flight_) {
    if (scan.valid()) scan.wait();
  }
}

Time Simulator::scan_end(std::size_t sensor) const {
  return next_scan_start_[sensor] + from_seconds(sensors_[sensor]->scan_period_s());
}

void Simulator::start_next(std::size_t sensor) {
  if (!compute_ahead_ || scan_end(sensor) > scenario_.end()) return;
  // The thread owns nothing but references to members that outlive it (the destructor waits),
  // and it is the only user of this sensor's random stream until its result is taken.
  ScanTask task([this, sensor, start = next_scan_start_[sensor]] {
    return sensors_[sensor]->scan(start, trajectories_, rngs_[sensor]);
  });
  in_flight_[sensor] = task.get_future();
  scan_threads_[sensor]->push(std::move(task));
}

std::optional<SensorScan> Simulator::next_scan() {
  std::optional<std::size_t> best;
  Time best_end{};
  for (std::size_t i = 0; i < sensors_.size(); ++i) {
    const Time end = scan_end(i);
    if (end > scenario_.end()) continue;
    if (!best || end < best_end) {
      best = i;
      best_end = end;
    }
  }
  if (!best) return std::nullopt;
  const std::size_t i = *best;
  const SensorModel& sensor = *sensors_[i];
  const SensorFaultModel& faults = faults_[i];
  SensorScan scan;
  scan.sensor = SensorIndex{static_cast<std::uint16_t>(i)};
  scan.true_start = next_scan_start_[i];
  scan.true_end = best_end;
  scan.start = faults.stamp(scan.true_start);
  scan.end = faults.stamp(scan.true_end);
  // A scan is computed even while its sensor is down, so that its random stream, and every plot
  // after the outage, are those of the same run without faults.
  scan.plots = in_flight_[i].valid() ? in_flight_[i].get()
                                     : sensor.scan(next_scan_start_[i], trajectories_, rngs_[i]);
  if (faults.has_faults()) {
    // The models stamp true time + the time bias; the faults act on the true time.
    const Duration time_bias = from_seconds(sensor.spec().biases.time_s);
    std::erase_if(scan.plots,
                  [&](const Plot& plot) { return faults.down_at(plot.time - time_bias); });
    for (Plot& plot : scan.plots) plot.time = faults.stamp(plot.time - time_bias);
  }
  next_scan_start_[i] = best_end;
  start_next(i);
  return scan;
}

Time Simulator::earliest_pending_time() const {
  Time earliest = Time::max();
  for (std::size_t i = 0; i < sensors_.size(); ++i) {
    const Time start = next_scan_start_[i];
    if (start + from_seconds(sensors_[i]->scan_period_s()) > scenario_.end()) continue;
    earliest = std::min(earliest, faults_[i].stamp(start));
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
