#include "simulation/sensor_faults.h"

namespace straja::sim {

SensorFaultModel::SensorFaultModel(double time_bias_s, const SensorFaults& faults,
                                   Time scenario_start)
    : bias_(from_seconds(time_bias_s)) {
  for (const Outage& outage : faults.outages) {
    outages_.push_back({scenario_start + from_seconds(outage.start_s),
                        scenario_start + from_seconds(outage.end_s)});
  }
  for (const ClockJump& jump : faults.clock_jumps) {
    jumps_.push_back({scenario_start + from_seconds(jump.at_s), from_seconds(jump.jump_s)});
  }
}

Time SensorFaultModel::stamp(Time true_time) const {
  Time stamped = true_time + bias_;
  for (const Jump& jump : jumps_) {
    if (true_time >= jump.at) stamped += jump.jump;
  }
  return stamped;
}

std::optional<Time> SensorFaultModel::outage_start(Time true_time) const {
  for (const Interval& outage : outages_) {
    if (true_time >= outage.start && true_time < outage.end) return outage.start;
  }
  return std::nullopt;
}

}  // namespace straja::sim
