#pragma once
// Simulated sensor faults (docs/formats/scenario.md, "Sensor faults"): outages, during which a
// sensor measures and sends nothing, and clock jumps, after which every time stamp it writes is
// late. Times are seconds from the scenario's start, in true time. The truth never changes.

#include <optional>
#include <vector>

#include "core/time.h"

namespace straja::sim {

/// The sensor is down over [start_s, end_s).
struct Outage {
  double start_s = 0.0;
  double end_s = 0.0;
};

/// From at_s on (true time), the sensor's clock runs jump_s (> 0) late.
struct ClockJump {
  double at_s = 0.0;
  double jump_s = 0.0;
};

/// A sensor's faults as the scenario gives them: outages in time order and not overlapping,
/// clock jumps in time order (the scenario reader guarantees both).
struct SensorFaults {
  std::vector<Outage> outages;
  std::vector<ClockJump> clock_jumps;
  bool empty() const { return outages.empty() && clock_jumps.empty(); }
};

/// One sensor's clock and availability over a run: what it stamps for a true instant, and whether
/// it is down. Value type; cheap to copy for the few faults a scenario has.
class SensorFaultModel {
 public:
  SensorFaultModel() = default;
  /// `time_bias_s`: the sensor's constant time bias (SensorBiases::time_s).
  SensorFaultModel(double time_bias_s, const SensorFaults& faults, Time scenario_start);

  /// The time the sensor stamps on a measurement made at `true_time`: true_time + the time bias
  /// + every clock jump at or before it. Never decreases as `true_time` grows.
  Time stamp(Time true_time) const;
  /// Whether `true_time` lies inside an outage [start, end).
  bool down_at(Time true_time) const { return outage_start(true_time).has_value(); }
  /// The start of the outage holding `true_time`, if any.
  std::optional<Time> outage_start(Time true_time) const;
  bool has_faults() const { return !outages_.empty() || !jumps_.empty(); }

 private:
  struct Interval {
    Time start;
    Time end;
  };
  struct Jump {
    Time at;
    Duration jump;
  };
  Duration bias_{};
  std::vector<Interval> outages_;
  std::vector<Jump> jumps_;
};

}  // namespace straja::sim
