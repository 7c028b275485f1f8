#pragma once
// Time: UTC as std::chrono nanoseconds since the Unix epoch (POSIX time: leap seconds are not
// counted, as in ASTERIX, ADS-B and every CSV format of docs/formats/).
//
// ASTERIX carries only a time of day (units of 1/128 s since midnight UTC, 24 bits). Resolving it
// needs a date or, better, a nearby reference time: see resolve_time_of_day().

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace straja {

using Duration = std::chrono::nanoseconds;
using Time = std::chrono::sys_time<Duration>;
using Date = std::chrono::sys_days;

inline constexpr Duration kDay = std::chrono::hours(24);

/// Seconds (fractional) <-> Duration, rounded to the nearest nanosecond.
Duration from_seconds(double seconds);
inline double to_seconds(Duration d) {
  return std::chrono::duration<double>(d).count();
}

/// Unix-epoch seconds (the time_s column of the CSV formats) <-> Time.
inline Time from_unix_seconds(double seconds) {
  return Time(from_seconds(seconds));
}
inline double to_unix_seconds(Time t) {
  return to_seconds(t.time_since_epoch());
}

/// "2026-06-01T12:00:00Z" or with fractional seconds "…T12:00:00.125Z"; always UTC.
std::string format_iso8601(Time t);
/// Accepts "YYYY-MM-DD", "YYYY-MM-DDThh:mm:ss[.fff…][Z|+00:00]" (UTC only; a space may replace T).
Result<Time> parse_iso8601(std::string_view text);
/// Accepts "YYYY-MM-DD" only.
Result<Date> parse_date(std::string_view text);

/// The UTC date containing t, and the time since that midnight.
Date date_of(Time t);
Duration time_of_day(Time t);

/// ASTERIX time of day: 1/128 s units since midnight UTC.
inline constexpr double kAsterixTimeOfDayLsbS = 1.0 / 128.0;
/// Raw 24-bit ASTERIX count -> Duration (exact: 1/128 s = 7,812,500 ns).
inline Duration asterix_time_of_day(std::uint32_t units_1_128s) {
  return Duration(static_cast<std::int64_t>(units_1_128s) * 7'812'500);
}
/// Duration since midnight -> raw count, rounded to nearest, wrapped into [0, 24 h).
std::uint32_t to_asterix_time_of_day(Duration since_midnight);

/// The instant whose UTC time of day is `since_midnight` and which lies nearest `reference`
/// (within +/- 12 h). Handles midnight roll-over in both directions: a report stamped 23:59:59.9
/// arriving just after midnight resolves to the previous day, and 00:00:00.1 seen just before
/// midnight resolves to the next day. `since_midnight` outside [0, 24 h) is taken modulo a day.
Time resolve_time_of_day(Duration since_midnight, Time reference);
/// CAT001 I141 keeps only the last 16 bits of the time of day in 1/128 s: the time of day modulo
/// 512 s. The instant nearest `reference` whose UTC time of day, modulo 512 s, is `truncated`
/// (taken modulo 512 s). A day is not a whole number of 512 s periods, so the instants after a
/// midnight count from that midnight: both days' candidates are weighed.
inline constexpr Duration kTruncatedTimeOfDayPeriod = std::chrono::seconds(512);
Time resolve_truncated_time_of_day(Duration truncated, Time reference);
/// The same, against a date (no roll-over: the result lies on `date`).
inline Time on_date(Date date, Duration since_midnight) {
  return Time(date) + since_midnight;
}

}  // namespace straja
