#include "core/time.h"

#include <gtest/gtest.h>

namespace straja {
namespace {

using namespace std::chrono_literals;

TEST(TimeTest, ParsesIsoUtcAndFormatsItBack) {
  auto t = parse_iso8601("2026-06-01T12:34:56.25Z");
  ASSERT_TRUE(t.ok()) << t.error().describe();
  // 2026-06-01T00:00:00Z is 1780272000 s after the epoch (20605 days * 86400 s).
  EXPECT_DOUBLE_EQ(to_unix_seconds(*t), 1780272000.0 + 12 * 3600 + 34 * 60 + 56.25);
  EXPECT_EQ(format_iso8601(*t), "2026-06-01T12:34:56.250000000Z");
  EXPECT_EQ(format_iso8601(*parse_iso8601("2026-06-01")), "2026-06-01T00:00:00Z");
}

TEST(TimeTest, UnixEpochKnownValues) {
  // 2000-01-01T00:00:00Z = 946684800 (POSIX time, a widely published constant).
  EXPECT_DOUBLE_EQ(to_unix_seconds(*parse_iso8601("2000-01-01T00:00:00Z")), 946684800.0);
  EXPECT_EQ(format_iso8601(from_unix_seconds(0.0)), "1970-01-01T00:00:00Z");
}

TEST(TimeTest, RejectsNonUtcAndMalformedText) {
  EXPECT_FALSE(parse_iso8601("2026-06-01T12:00:00+02:00").ok());
  EXPECT_FALSE(parse_iso8601("2026-02-30").ok());
  EXPECT_FALSE(parse_iso8601("2026-06-01T25:00:00Z").ok());
  EXPECT_FALSE(parse_iso8601("yesterday").ok());
  EXPECT_FALSE(parse_iso8601("2026-06-01T12:00:00.Z").ok());
  EXPECT_EQ(parse_iso8601("2026-06-01X").error().code, ErrorCode::kParse);
}

// Found by fuzz_iso8601: a year past 2262 overflowed the nanosecond count (undefined behaviour).
TEST(TimeTest, RegressionYearOutsideNanosecondRangeIsRejected) {
  EXPECT_FALSE(parse_iso8601("3026-06-01T12:34:56.25Z").ok());
  EXPECT_FALSE(parse_iso8601("1500-01-01").ok());
  EXPECT_TRUE(parse_iso8601("2261-12-31T23:59:59Z").ok());
}

TEST(TimeTest, AsterixTimeOfDayIsExactIn128ths) {
  EXPECT_EQ(asterix_time_of_day(128), 1s);
  EXPECT_EQ(asterix_time_of_day(1), Duration(7'812'500));
  // Largest count the 24-bit field carries in a day: 86400 * 128 - 1.
  EXPECT_EQ(asterix_time_of_day(86400 * 128 - 1), 24h - Duration(7'812'500));
  EXPECT_EQ(to_asterix_time_of_day(1s), 128u);
  EXPECT_EQ(to_asterix_time_of_day(Duration(3'906'250)), 1u);  // half an LSB rounds up
  EXPECT_EQ(to_asterix_time_of_day(24h), 0u);                  // wraps at midnight
  EXPECT_EQ(to_asterix_time_of_day(-1s), 86399u * 128u);
}

TEST(TimeTest, ResolvesTimeOfDayAcrossMidnight) {
  const Time midnight = *parse_iso8601("2026-06-02T00:00:00Z");
  // A report stamped 23:59:59 seen just after midnight belongs to the previous day.
  EXPECT_EQ(resolve_time_of_day(24h - 1s, midnight + 2s), midnight - 1s);
  // A report stamped 00:00:01 seen just before midnight belongs to the next day.
  EXPECT_EQ(resolve_time_of_day(1s, midnight - 2s), midnight + 1s);
  // Mid-day: the same day.
  EXPECT_EQ(resolve_time_of_day(12h, midnight + 11h), midnight + 12h);
  EXPECT_EQ(on_date(date_of(midnight), 90s), midnight + 90s);
  EXPECT_EQ(time_of_day(midnight + 90s), 90s);
}

TEST(TimeTest, ResolvesTruncatedTimeOfDayNearTheReference) {
  const Time midnight = *parse_iso8601("2026-06-02T00:00:00Z");
  const auto truncated = [](Duration tod) { return tod % kTruncatedTimeOfDayPeriod; };
  // Mid-day, the plot a little after and a little before the reference.
  const Time noon = midnight + 12h;
  EXPECT_EQ(resolve_truncated_time_of_day(truncated(12h + 3s), noon), noon + 3s);
  EXPECT_EQ(resolve_truncated_time_of_day(truncated(12h - 200s), noon), noon - 200s);
  // Sub-second resolution survives (1/128 s steps are exact).
  const Duration tick = asterix_time_of_day(1);
  EXPECT_EQ(resolve_truncated_time_of_day(truncated(12h + 5 * tick), noon), noon + 5 * tick);
  // Across midnight both ways: after midnight the time of day counts from the new day, whose
  // 512 s grid is shifted by 86400 mod 512 = 384 s from the old day's.
  EXPECT_EQ(resolve_truncated_time_of_day(truncated(2s), midnight - 3s), midnight + 2s);
  EXPECT_EQ(resolve_truncated_time_of_day(truncated(24h - 1s), midnight + 4s), midnight - 1s);
  for (int seconds = -300; seconds <= 300; seconds += 7) {
    const Time t = midnight + std::chrono::seconds(seconds);
    EXPECT_EQ(resolve_truncated_time_of_day(truncated(time_of_day(t)), t + 100s), t) << seconds;
    EXPECT_EQ(resolve_truncated_time_of_day(truncated(time_of_day(t)), t - 100s), t) << seconds;
  }
}

TEST(TimeTest, SecondsRoundTrip) {
  EXPECT_EQ(from_seconds(1.5), 1500ms);
  EXPECT_EQ(from_seconds(-0.25), -250ms);
  EXPECT_DOUBLE_EQ(to_seconds(from_seconds(123.456789)), 123.456789);
}

}  // namespace
}  // namespace straja
