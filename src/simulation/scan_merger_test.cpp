#include "simulation/scan_merger.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <utility>

namespace straja::sim {
namespace {

/// A scan of `count` plots at random times in [start_ms, start_ms + span_ms) (whole
/// milliseconds, so that ties are frequent), sorted by time; truth_id numbers every plot made.
std::vector<Plot> random_scan(std::mt19937_64& rng, int start_ms, int span_ms, int count,
                              std::int64_t& serial) {
  std::uniform_int_distribution<int> offset(0, span_ms - 1);
  std::vector<Plot> plots(static_cast<std::size_t>(count));
  for (Plot& plot : plots) plot.time = Time(std::chrono::milliseconds(start_ms + offset(rng)));
  std::stable_sort(plots.begin(), plots.end(),
                   [](const Plot& a, const Plot& b) { return a.time < b.time; });
  for (Plot& plot : plots) plot.truth_id = serial++;
  return plots;
}

TEST(ScanMergerTest, TakesPlotsInTimeOrderWithTiesInArrivalOrder) {
  // Four sensors' scans of 40 ms, staggered, taken in pieces up to each next scan start: the
  // result must be every plot sorted by (time, order of arrival), as one stable sort would give.
  std::mt19937_64 rng(7);
  ScanMerger merger;
  std::vector<Plot> expected;
  std::vector<Plot> merged;
  std::int64_t serial = 0;
  for (int round = 0; round < 30; ++round) {
    for (int sensor = 0; sensor < 4; ++sensor) {
      auto scan = random_scan(rng, round * 40 + sensor * 7, 40, round % 5 == 0 ? 0 : 25, serial);
      expected.insert(expected.end(), scan.begin(), scan.end());
      merger.add(std::move(scan));
    }
    // No scan still to come starts before the next round's first start.
    const Time next_start(std::chrono::milliseconds((round + 1) * 40));
    merger.take_before(next_start, [&](const Plot& plot) {
      EXPECT_LT(plot.time, next_start);
      merged.push_back(plot);
    });
  }
  merger.take_before(Time::max(), [&](const Plot& plot) { merged.push_back(plot); });
  EXPECT_EQ(merger.pending(), 0u);

  std::stable_sort(expected.begin(), expected.end(),
                   [](const Plot& a, const Plot& b) { return a.time < b.time; });
  ASSERT_EQ(merged.size(), expected.size());
  for (std::size_t i = 0; i < merged.size(); ++i) {
    EXPECT_EQ(merged[i].truth_id, expected[i].truth_id) << i;
  }
}

TEST(ScanMergerTest, KeepsPlotsAtOrAfterTheThreshold) {
  ScanMerger merger;
  std::vector<Plot> scan(3);
  for (int i = 0; i < 3; ++i) {
    scan[static_cast<std::size_t>(i)].time = Time(std::chrono::seconds(i));
  }
  merger.add(std::move(scan));
  int taken = 0;
  auto count = [&](const Plot&) { ++taken; };
  merger.take_before(Time(std::chrono::seconds(1)), count);
  EXPECT_EQ(taken, 1);
  EXPECT_EQ(merger.pending(), 2u);
  merger.take_before(Time(std::chrono::seconds(1)), count);
  EXPECT_EQ(taken, 1);
  merger.take_before(Time::max(), count);
  EXPECT_EQ(taken, 3);
  EXPECT_EQ(merger.pending(), 0u);
}

}  // namespace
}  // namespace straja::sim
