#include "cli/coverage_book.h"

#include <gtest/gtest.h>

#include <vector>

namespace straja::cli {
namespace {

using namespace std::chrono_literals;

const Time kT0 = from_unix_seconds(1'780'000'000.0);

Plot detection_of(std::int64_t target, Duration at) {
  Plot plot;
  plot.truth_id = target;
  plot.time = kT0 + at;
  return plot;
}

TEST(CoverageBook, InCoverageAfterThreeDetectionsAndForFifteenSecondsAfterTheLast) {
  CoverageBook book;
  book.record(detection_of(7, 0s));
  book.record(detection_of(7, 4s));
  EXPECT_FALSE(book.in_coverage(7, kT0 + 4s));
  book.record(detection_of(7, 8s));
  EXPECT_TRUE(book.in_coverage(7, kT0 + 8s));
  EXPECT_TRUE(book.in_coverage(7, kT0 + 23s));
  EXPECT_FALSE(book.in_coverage(7, kT0 + 24s));
  book.record(detection_of(-1, 8s));  // a false alarm has no entry
  EXPECT_EQ(book.size(), 1u);
}

TEST(CoverageBook, StaysAsLargeAsTheLiveTrafficWhileTargetsComeAndGo) {
  CoverageBook book;
  // A day of traffic: a new target every 10 s, each live for 100 s (10 at a time).
  for (std::int64_t target = 0; target < 8640; ++target) {
    const Duration now = std::chrono::seconds(10 * target);
    for (int i = 0; i < 3; ++i) book.record(detection_of(target, now));
    std::vector<std::int64_t> live;
    for (std::int64_t alive = std::max<std::int64_t>(0, target - 9); alive <= target; ++alive) {
      live.push_back(alive);
    }
    book.forget_all_but(live);
    ASSERT_LE(book.size(), 10u);
  }
  EXPECT_TRUE(book.in_coverage(8639, kT0 + 86390s));
  EXPECT_TRUE(book.in_coverage(8630, kT0 + 86300s));
  EXPECT_FALSE(book.in_coverage(8629, kT0 + 86290s));  // left: forgotten
}

}  // namespace
}  // namespace straja::cli
