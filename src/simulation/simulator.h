#pragma once
// Runs a scenario forward in time, one sensor scan at a time (a rotation, or an ADS-B station's
// reporting interval), in order of each scan's end (the moment its last plot is known).
// Deterministic: the same scenario and seed give the same plots, bit for bit. With many targets,
// the next scans of several sensors are computed ahead in parallel threads: each sensor draws from
// its own random stream in its own scan order, so the output is the same as computed one by one.
// A Simulator is used from one thread at a time.

#include <memory>
#include <random>
#include <vector>

#include "simulation/scenario.h"
#include "simulation/sensor_model.h"
#include "simulation/trajectory.h"

namespace straja::sim {

/// One scan of one sensor: its plots (sorted by time) and the interval they cover, both on the
/// sensor's clock (true time + its time bias).
struct SensorScan {
  SensorIndex sensor{};
  Time start{};
  Time end{};
  std::vector<Plot> plots;
};

class Simulator {
 public:
  explicit Simulator(Scenario scenario);

  const Scenario& scenario() const { return scenario_; }
  const SensorRegistry& registry() const { return registry_; }
  const std::vector<Trajectory>& trajectories() const { return trajectories_; }

  /// The next scan to complete, or nullopt once every scan that ends by the scenario's end has
  /// been produced.
  std::optional<SensorScan> next_scan();
  /// No plot of a scan still to come is stamped earlier than this (the earliest next scan start,
  /// on its sensor's clock): plots before it may be written out in time order.
  Time earliest_pending_time() const;
  /// The same in true time (no time bias): the earliest true start of a scan still to come, or
  /// Time::max() when none is. What a sensor sends of those scans (AsterixFeed) goes out no
  /// earlier.
  Time earliest_pending_scan_start() const;
  /// Truth for every target alive at t.
  std::vector<TruthState> truth_at(Time t) const;

 private:
  Scenario scenario_;
  SensorRegistry registry_;
  std::vector<Trajectory> trajectories_;
  std::vector<std::unique_ptr<SensorModel>> sensors_;
  std::vector<Time> next_scan_start_;  // true time
  std::vector<std::mt19937_64> rngs_;  // one stream per sensor: adding a sensor changes no other
  /// Each sensor's next scan (starting at next_scan_start_), when computed ahead.
  std::vector<std::optional<std::vector<Plot>>> ready_;

  /// Computes sensor `needed`'s next scan, and with enough targets to be worth threads, those of
  /// every other sensor due before the scenario's end, in parallel.
  void compute_ahead(std::size_t needed);
};

}  // namespace straja::sim
