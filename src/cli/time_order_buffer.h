#pragma once
// The live pipeline's time-ordering buffer. Each sensor's plots are gathered into batches (one
// antenna revolution or update interval); the tracker wants the batches of all sensors in the
// order of their start times (GnnTracker::process), while sensors with different rotation
// periods and network delays complete theirs in another order. A completed batch is held until
// no sensor can still deliver one that starts earlier — every other sensor's open batch started
// at or after it — or until it has waited `max_latency_s` of wall time, whichever comes first.
//
// A batch released after a later-starting one is out of sequence: its plots older than the
// newest plot already released reach the tracker late (it predicts its tracks back to each
// plot's time), and they are counted.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "cli/track_plots.h"

namespace straja::cli {

struct TimeOrderCounts {
  std::uint64_t batches_released = 0;
  std::uint64_t batches_out_of_sequence = 0;  ///< started before a batch released earlier
  std::uint64_t plots_out_of_sequence = 0;    ///< older than the newest plot released before
  std::uint64_t released_by_latency = 0;      ///< let go after max_latency_s, not in order
};

class TimeOrderBuffer {
 public:
  /// `sensors`: how many sensors (SensorIndex values below it); `max_latency_s`: the longest a
  /// completed batch waits for earlier ones (wall seconds, >= 0).
  TimeOrderBuffer(std::size_t sensors, double max_latency_s);

  /// `sensor` has begun a batch whose plots start at `start`: until it completes, no completed
  /// batch starting after `start` is released (unless it times out).
  void opened(SensorIndex sensor, Time start);
  /// A completed batch at wall time `now_s`, whose first plot arrived at `first_arrival_s`; the
  /// sensor has no open batch until opened() again.
  void completed(Batch batch, double now_s, double first_arrival_s);

  /// `latency_s`: from the arrival of the batch's first plot to its release, wall seconds.
  using Release = std::function<void(Batch& batch, double latency_s)>;
  /// Hands every batch that may go now to `release`, in start order: those no open batch can
  /// precede, and those that have waited max_latency_s (with everything held that starts before
  /// them). `release` may call opened()/completed().
  void release_ready(double now_s, const Release& release);
  /// Hands every held batch to `release`, in start order (at the end of a run).
  void release_all(double now_s, const Release& release);

  std::size_t held() const { return held_.size(); }
  const TimeOrderCounts& counts() const { return counts_; }

 private:
  struct Held {
    Batch batch;
    double completed_s = 0.0;
    double first_arrival_s = 0.0;
  };
  void release_front(double now_s, const Release& release);

  double max_latency_s_;
  std::vector<std::optional<Time>> open_start_;  // by sensor
  std::vector<Held> held_;                       // sorted by batch start
  std::optional<Time> newest_released_plot_;
  std::optional<Time> latest_released_start_;
  TimeOrderCounts counts_;
};

}  // namespace straja::cli
