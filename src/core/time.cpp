#include "core/time.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>

namespace straja {
namespace {

using std::chrono::days;
using std::chrono::floor;

// Parses exactly `width` decimal digits at text[pos]; false if any is not a digit.
bool parse_fixed(std::string_view text, std::size_t pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

Error parse_error(std::string_view text, std::string_view why) {
  std::string message;
  message.reserve(text.size() + why.size() + 80);
  message.append("'")
      .append(text)
      .append("' is not a UTC time (")
      .append(why)
      .append("); expected YYYY-MM-DD or YYYY-MM-DDThh:mm:ss[.fff]Z");
  return make_error(ErrorCode::kParse, std::move(message));
}

}  // namespace

Duration from_seconds(double seconds) {
  // Whole and fractional parts separately: seconds * 1e9 would need 61 bits of mantissa for
  // present-day epoch times and lose tens of nanoseconds.
  const double whole = std::floor(seconds);
  const double fraction = seconds - whole;  // exact (Sterbenz)
  return Duration(static_cast<std::int64_t>(whole) * 1'000'000'000 +
                  static_cast<std::int64_t>(std::llround(fraction * 1e9)));
}

Result<Date> parse_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() != 10 || !parse_fixed(text, 0, 4, y) || text[4] != '-' ||
      !parse_fixed(text, 5, 2, m) || text[7] != '-' || !parse_fixed(text, 8, 2, d)) {
    return parse_error(text, "bad date");
  }
  const std::chrono::year_month_day ymd{std::chrono::year(y),
                                        std::chrono::month(static_cast<unsigned>(m)),
                                        std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return parse_error(text, "no such day");
  // Time counts int64 nanoseconds from 1970: it spans 1677-09-21 to 2262-04-11.
  if (y < 1678 || y > 2261) return parse_error(text, "year outside 1678-2261");
  return Date(ymd);
}

Result<Time> parse_iso8601(std::string_view text) {
  auto date = parse_date(text.substr(0, std::min<std::size_t>(10, text.size())));
  if (!date) return parse_error(text, "bad date");
  if (text.size() == 10) return Time(*date);
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return parse_error(text, "bad 'T'");
  int hh = 0, mm = 0, ss = 0;
  if (!parse_fixed(text, 11, 2, hh) || text.size() < 19 || text[13] != ':' ||
      !parse_fixed(text, 14, 2, mm) || text[16] != ':' || !parse_fixed(text, 17, 2, ss)) {
    return parse_error(text, "bad hh:mm:ss");
  }
  if (hh > 23 || mm > 59 || ss > 59) return parse_error(text, "clock out of range");
  std::size_t pos = 19;
  std::int64_t fraction_ns = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::int64_t scale = 100'000'000;
    const std::size_t digits_start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      fraction_ns += (text[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == digits_start) return parse_error(text, "empty fraction");
  }
  const std::string_view zone = text.substr(pos);
  if (!(zone.empty() || zone == "Z" || zone == "z" || zone == "+00:00")) {
    return parse_error(text, "only UTC (Z) is accepted");
  }
  return Time(*date) + std::chrono::hours(hh) + std::chrono::minutes(mm) +
         std::chrono::seconds(ss) + Duration(fraction_ns);
}

std::string format_iso8601(Time t) {
  const Date date = date_of(t);
  const std::chrono::year_month_day ymd(date);
  const std::chrono::hh_mm_ss<Duration> clock(t - Time(date));
  const auto ns = clock.subseconds().count();
  char buffer[48];
  if (ns == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02lld:%02lld:%02lldZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<long long>(clock.hours().count()),
                  static_cast<long long>(clock.minutes().count()),
                  static_cast<long long>(clock.seconds().count()));
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02lld:%02lld:%02lld.%09lldZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<long long>(clock.hours().count()),
                  static_cast<long long>(clock.minutes().count()),
                  static_cast<long long>(clock.seconds().count()), static_cast<long long>(ns));
  }
  return buffer;
}

Date date_of(Time t) {
  return floor<days>(t);
}

Duration time_of_day(Time t) {
  return t - Time(date_of(t));
}

std::uint32_t to_asterix_time_of_day(Duration since_midnight) {
  const std::int64_t day_ns = kDay.count();
  std::int64_t ns = since_midnight.count() % day_ns;
  if (ns < 0) ns += day_ns;
  // 1/128 s = 7,812,500 ns; round half up, then wrap 24 h (128 * 86400 counts) back to 0.
  const std::int64_t units = (ns + 3'906'250) / 7'812'500;
  return static_cast<std::uint32_t>(units % (128LL * 86'400));
}

Time resolve_time_of_day(Duration since_midnight, Time reference) {
  const std::int64_t day_ns = kDay.count();
  std::int64_t tod = since_midnight.count() % day_ns;
  if (tod < 0) tod += day_ns;
  const Time candidate = Time(date_of(reference)) + Duration(tod);
  const Duration offset = candidate - reference;
  if (offset > kDay / 2) return candidate - kDay;
  if (offset < -kDay / 2) return candidate + kDay;
  return candidate;
}

Time resolve_truncated_time_of_day(Duration truncated, Time reference) {
  const std::int64_t period = kTruncatedTimeOfDayPeriod.count();
  std::int64_t offset = truncated.count() % period;
  if (offset < 0) offset += period;
  std::optional<Time> best;
  const Time reference_midnight = Time(date_of(reference));
  for (const Duration day : {-kDay, Duration::zero(), kDay}) {
    const Time midnight = reference_midnight + day;
    const Time first = midnight + Duration(offset);
    // The candidate of this day nearest the reference, and its neighbours (clipped to the day).
    const std::int64_t k = (reference - first).count() / period;
    for (std::int64_t j = k - 1; j <= k + 1; ++j) {
      const Time candidate = first + Duration(j * period);
      if (candidate < midnight || candidate >= midnight + kDay) continue;
      const auto distance = [&](Time t) { return t > reference ? t - reference : reference - t; };
      if (!best || distance(candidate) < distance(*best)) best = candidate;
    }
  }
  return best.value_or(reference);
}

}  // namespace straja
