#include "cli/time_order_buffer.h"

#include <gtest/gtest.h>

namespace straja::cli {
namespace {

using namespace std::chrono_literals;

const Time kT0 = from_unix_seconds(1'780'000'000.0);

Batch batch_of(std::uint16_t sensor, Duration start, Duration end, std::vector<Duration> plots) {
  Batch batch{SensorIndex{sensor}, kT0 + start, kT0 + end, {}};
  for (const Duration at : plots) {
    Plot plot;
    plot.sensor = SensorIndex{sensor};
    plot.time = kT0 + at;
    batch.plots.push_back(plot);
  }
  return batch;
}

struct Released {
  std::vector<std::pair<std::uint16_t, Time>> order;  // sensor, batch start
  TimeOrderBuffer::Release callback() {
    return [this](Batch& batch, double) { order.emplace_back(batch.sensor.value, batch.start); };
  }
};

TEST(TimeOrderBuffer, HoldsABatchWhileAnotherSensorsEarlierBatchIsOpen) {
  TimeOrderBuffer buffer(2, 5.0);
  Released released;
  // Sensor 1 (a 10 s radar) opened its revolution at 1 s; sensor 0 (4 s) completes [2, 6) first.
  buffer.opened(SensorIndex{1}, kT0 + 1s);
  buffer.opened(SensorIndex{0}, kT0 + 2s);
  buffer.completed(batch_of(0, 2s, 6s, {2s, 3s, 5s}), 6.0, 2.0);
  buffer.release_ready(6.0, released.callback());
  EXPECT_TRUE(released.order.empty()) << "sensor 1 may still deliver plots from 1 s on";
  // Sensor 1 completes [1, 11): both go, in start order, none out of sequence.
  buffer.completed(batch_of(1, 1s, 11s, {1s, 4s, 9s}), 7.0, 1.0);
  buffer.release_ready(7.0, released.callback());
  ASSERT_EQ(released.order.size(), 2u);
  EXPECT_EQ(released.order[0], std::make_pair(std::uint16_t{1}, kT0 + 1s));
  EXPECT_EQ(released.order[1], std::make_pair(std::uint16_t{0}, kT0 + 2s));
  // Plots of the second batch older than the first's newest (9 s) are late: 2, 3 and 5 s.
  EXPECT_EQ(buffer.counts().batches_released, 2u);
  EXPECT_EQ(buffer.counts().batches_out_of_sequence, 0u);
  EXPECT_EQ(buffer.counts().plots_out_of_sequence, 3u);
  EXPECT_EQ(buffer.counts().released_by_latency, 0u);
}

TEST(TimeOrderBuffer, ALateSensorDoesNotHoldThePictureLongerThanTheMaximumLatency) {
  TimeOrderBuffer buffer(2, 2.0);
  Released released;
  buffer.opened(SensorIndex{1}, kT0 + 1s);  // a sensor whose batch is late to complete
  buffer.completed(batch_of(0, 2s, 6s, {2s, 5s}), 6.0, 2.0);
  buffer.release_ready(7.0, released.callback());
  EXPECT_TRUE(released.order.empty());
  buffer.release_ready(8.0, released.callback());  // waited 2 s: let go
  ASSERT_EQ(released.order.size(), 1u);
  EXPECT_EQ(buffer.counts().released_by_latency, 1u);
  // The late batch then starts before the released one: out of sequence, and its plots older
  // than 5 s are counted.
  buffer.completed(batch_of(1, 1s, 11s, {1s, 4s, 9s}), 11.0, 1.0);
  buffer.release_ready(11.0, released.callback());
  ASSERT_EQ(released.order.size(), 2u);
  EXPECT_EQ(buffer.counts().batches_out_of_sequence, 1u);
  EXPECT_EQ(buffer.counts().plots_out_of_sequence, 2u);
}

TEST(TimeOrderBuffer, ReleasesInStartOrderWhateverTheCompletionOrder) {
  TimeOrderBuffer buffer(3, 10.0);
  Released released;
  buffer.completed(batch_of(2, 3s, 5s, {3s}), 1.0, 0.0);
  buffer.completed(batch_of(0, 1s, 5s, {1s}), 1.0, 0.0);
  buffer.completed(batch_of(1, 2s, 5s, {2s}), 1.0, 0.0);
  buffer.release_ready(1.0, released.callback());
  ASSERT_EQ(released.order.size(), 3u);
  EXPECT_EQ(released.order[0].first, 0);
  EXPECT_EQ(released.order[1].first, 1);
  EXPECT_EQ(released.order[2].first, 2);
  EXPECT_EQ(buffer.counts().plots_out_of_sequence, 0u);
  EXPECT_EQ(buffer.held(), 0u);
  // A sensor's own open batch never holds back its completed one (its clock stepped back).
  buffer.completed(batch_of(0, 4s, 5s, {4s}), 2.0, 1.0);
  buffer.opened(SensorIndex{0}, kT0 + 3s);
  buffer.release_ready(2.0, released.callback());
  EXPECT_EQ(released.order.size(), 4u);
}

}  // namespace
}  // namespace straja::cli
