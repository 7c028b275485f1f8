#pragma once
// Runs a scenario forward in time, one sensor rotation at a time, in order of each rotation's end
// (the moment its last plot is known). Deterministic: the same scenario and seed give the same
// plots, bit for bit.

#include <random>
#include <vector>

#include "simulation/psr3d_model.h"
#include "simulation/scenario.h"
#include "simulation/trajectory.h"

namespace straja::sim {

/// One rotation of one sensor: its plots (sorted by time) and the interval they cover.
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

  /// The next rotation to complete, or nullopt once every rotation that ends by the scenario's
  /// end has been produced.
  std::optional<SensorScan> next_scan();
  /// Truth for every target alive at t.
  std::vector<TruthState> truth_at(Time t) const;

 private:
  Scenario scenario_;
  SensorRegistry registry_;
  std::vector<Trajectory> trajectories_;
  std::vector<Psr3dModel> radars_;
  std::vector<Time> next_scan_start_;
  std::vector<std::mt19937_64> rngs_;  // one stream per sensor: adding a sensor changes no other
};

}  // namespace straja::sim
