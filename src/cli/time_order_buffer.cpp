#include "cli/time_order_buffer.h"

#include <algorithm>

namespace straja::cli {

TimeOrderBuffer::TimeOrderBuffer(std::size_t sensors, double max_latency_s)
    : max_latency_s_(std::max(0.0, max_latency_s)), open_start_(sensors) {}

void TimeOrderBuffer::opened(SensorIndex sensor, Time start) {
  if (sensor.value < open_start_.size()) open_start_[sensor.value] = start;
}

void TimeOrderBuffer::completed(Batch batch, double now_s, double first_arrival_s) {
  if (batch.sensor.value < open_start_.size()) open_start_[batch.sensor.value].reset();
  const auto after =
      std::upper_bound(held_.begin(), held_.end(), batch.start,
                       [](Time start, const Held& held) { return start < held.batch.start; });
  held_.insert(after, Held{std::move(batch), now_s, first_arrival_s});
}

void TimeOrderBuffer::release_front(double now_s, const Release& release) {
  Held front = std::move(held_.front());
  held_.erase(held_.begin());
  Batch& batch = front.batch;
  ++counts_.batches_released;
  if (latest_released_start_ && batch.start < *latest_released_start_) {
    ++counts_.batches_out_of_sequence;
  }
  latest_released_start_ =
      latest_released_start_ ? std::max(*latest_released_start_, batch.start) : batch.start;
  std::optional<Time> newest = newest_released_plot_;
  for (const Plot& plot : batch.plots) {
    if (newest_released_plot_ && plot.time < *newest_released_plot_) {
      ++counts_.plots_out_of_sequence;
    }
    if (!newest || plot.time > *newest) newest = plot.time;
  }
  newest_released_plot_ = newest;
  release(batch, now_s - front.first_arrival_s);
}

void TimeOrderBuffer::release_ready(double now_s, const Release& release) {
  while (!held_.empty()) {
    const Held& front = held_.front();
    // The earliest open batch of another sensor: a batch of its could still start before ours.
    bool blocked = false;
    for (std::size_t s = 0; s < open_start_.size(); ++s) {
      if (s == front.batch.sensor.value || !open_start_[s]) continue;
      if (*open_start_[s] < front.batch.start) blocked = true;
    }
    // A batch that has waited too long goes, and everything held before it with it.
    bool timed_out = false;
    for (const Held& held : held_) {
      if (now_s - held.completed_s >= max_latency_s_) timed_out = true;
    }
    if (blocked && !timed_out) return;
    if (blocked) ++counts_.released_by_latency;
    release_front(now_s, release);
  }
}

void TimeOrderBuffer::release_all(double now_s, const Release& release) {
  while (!held_.empty()) release_front(now_s, release);
}

}  // namespace straja::cli
