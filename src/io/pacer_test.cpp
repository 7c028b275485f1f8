#include "io/pacer.h"

#include <gtest/gtest.h>

namespace straja::io {
namespace {

const Time kOrigin = *parse_iso8601("2026-06-01T10:00:00Z");

TEST(PacerTest, DueTimesFollowTheOriginsWithoutAccumulatingError) {
  const Pacer::Clock::time_point wall{std::chrono::seconds(1000)};
  const Pacer pacer(10.0, kOrigin, wall);
  EXPECT_TRUE(pacer.paced());
  EXPECT_EQ(pacer.due(kOrigin), wall);
  EXPECT_EQ(pacer.due(kOrigin + std::chrono::seconds(5)), wall + std::chrono::milliseconds(500));
  // 30 minutes of 1/128 s steps: every instant is due exactly at its own offset / speed, the
  // last one as exactly as the first (no sum of rounded steps).
  for (std::int64_t k = 0; k <= 30 * 60 * 128; k += 997) {
    const Duration offset = k * Duration(7'812'500);
    EXPECT_EQ(pacer.due(kOrigin + offset) - wall,
              std::chrono::duration_cast<Pacer::Clock::duration>(offset / 10))
        << k;
  }
  const Pacer real_time(1.0, kOrigin, wall);
  EXPECT_EQ(real_time.due(kOrigin + std::chrono::hours(1)), wall + std::chrono::hours(1));
}

TEST(PacerTest, UnpacedReleasesAtOnceAndStopEndsAWait) {
  const Pacer unpaced(0.0, kOrigin);
  EXPECT_FALSE(unpaced.paced());
  const auto before = Pacer::Clock::now();
  EXPECT_TRUE(unpaced.wait_until(kOrigin + std::chrono::hours(10)));
  EXPECT_LT(Pacer::Clock::now() - before, std::chrono::seconds(1));

  const Pacer slow(1.0, kOrigin);
  int asked = 0;
  EXPECT_FALSE(slow.wait_until(kOrigin + std::chrono::hours(1), [&] { return ++asked > 2; }));
  EXPECT_LT(Pacer::Clock::now() - before, std::chrono::seconds(2));
}

TEST(PacerTest, WaitsUntilDue) {
  const auto start = Pacer::Clock::now();
  const Pacer pacer(20.0, kOrigin, start);
  EXPECT_TRUE(pacer.wait_until(kOrigin + std::chrono::seconds(2)));  // 100 ms of wall time
  EXPECT_GE(Pacer::Clock::now() - start, std::chrono::milliseconds(100));
}

}  // namespace
}  // namespace straja::io
