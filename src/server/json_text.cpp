#include "server/json_text.h"

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace straja::server::json {

void append_string(std::string& out, std::string_view text) {
  out.push_back('"');
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          std::array<char, 8> escaped{};
          std::snprintf(escaped.data(), escaped.size(), "\\u%04x", static_cast<unsigned>(c));
          out += escaped.data();
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void append_number(std::string& out, double value, int decimals) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  std::array<char, 64> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                       std::chars_format::fixed, decimals);
  if (ec != std::errc{}) {
    out += "null";
    return;
  }
  std::string_view text(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
  if (text == "-0" || text.find_first_not_of("-0.") == std::string_view::npos) {
    text.remove_prefix(text.front() == '-' ? 1 : 0);  // no "-0.0"
  }
  out += text;
}

void append_number(std::string& out, std::optional<double> value, int decimals) {
  if (value) {
    append_number(out, *value, decimals);
  } else {
    out += "null";
  }
}

void append_integer(std::string& out, std::int64_t value) {
  std::array<char, 24> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
}

void append_bool(std::string& out, bool value) {
  out += value ? "true" : "false";
}

void append_time(std::string& out, Time time) {
  using namespace std::chrono;
  const auto ms = floor<milliseconds>(time);
  const auto day = floor<days>(ms);
  const year_month_day ymd{day};
  const hh_mm_ss<milliseconds> tod{ms - day};
  std::array<char, 40> buffer{};
  const int n = std::snprintf(
      buffer.data(), buffer.size(), "\"%04d-%02u-%02uT%02d:%02d:%02d.%03dZ\"",
      static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
      static_cast<unsigned>(ymd.day()), static_cast<int>(tod.hours().count()),
      static_cast<int>(tod.minutes().count()), static_cast<int>(tod.seconds().count()),
      static_cast<int>(tod.subseconds().count()));
  out.append(buffer.data(), static_cast<std::size_t>(n));
}

std::string format_time(Time time) {
  std::string quoted;
  append_time(quoted, time);
  return quoted.substr(1, quoted.size() - 2);
}

}  // namespace straja::server::json
