#pragma once
// Runs a scenario forward in time, one sensor scan at a time (a rotation, or an ADS-B station's
// reporting interval), in order of each scan's end (the moment its last plot is known).
// Deterministic: the same scenario and seed give the same plots, bit for bit. With many targets,
// the trajectories are built in parallel slices (joined in target order), the sensor models
// beside them, and each sensor's next scan is computed on that sensor's own thread while the
// caller consumes the current one (one scan in flight per sensor): each sensor draws from its own
// random stream in its own scan order, so the output is the same as computed one by one. A
// Simulator is used from one thread at a time; destroying it waits for the scans in flight.

#include <future>
#include <memory>
#include <random>
#include <vector>

#include "io/background_queue.h"
#include "simulation/scenario.h"
#include "simulation/sensor_faults.h"
#include "simulation/sensor_model.h"
#include "simulation/trajectory.h"

namespace straja::sim {

/// One scan of one sensor: its plots (sorted by time) and the interval they cover, both on the
/// sensor's clock (SensorFaultModel::stamp: true time + its time bias + its clock jumps so far),
/// and the same interval in true time. Plots measured during an outage are not in it.
struct SensorScan {
  SensorIndex sensor{};
  Time start{};
  Time end{};
  Time true_start{};
  Time true_end{};
  std::vector<Plot> plots;
};

class Simulator {
 public:
  explicit Simulator(Scenario scenario);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

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
  std::vector<Time> next_scan_start_;     // true time
  std::vector<std::mt19937_64> rngs_;     // one stream per sensor: adding a sensor changes no other
  std::vector<SensorFaultModel> faults_;  // each sensor's clock and outages
  /// Each sensor's next scan (the one starting at next_scan_start_) while it is being computed
  /// ahead; invalid when it is not (few targets, one core, or past the scenario's end).
  std::vector<std::future<std::vector<Plot>>> in_flight_;
  bool compute_ahead_ = false;
  /// One thread per sensor for its scans computed ahead (kept for the run, not one per scan).
  using ScanTask = std::packaged_task<std::vector<Plot>()>;
  std::vector<std::unique_ptr<io::BackgroundQueue<ScanTask>>> scan_threads_;

  Time scan_end(std::size_t sensor) const;
  /// Starts computing sensor i's scan at next_scan_start_[i] in a background thread, if it ends
  /// by the scenario's end and computing ahead is worth a thread.
  void start_next(std::size_t sensor);
};

}  // namespace straja::sim
