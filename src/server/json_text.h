#pragma once
// Small helpers that append JSON text to a std::string, for the encoders on the streaming path
// (thousands of track objects a second), where building a DOM first would cost more than the
// text itself. Numbers that are not finite are written as null.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace straja::server::json {

/// A JSON string literal: quotes, backslashes and control characters escaped; bytes >= 0x80 are
/// copied as they are (the producer's strings are UTF-8).
void append_string(std::string& out, std::string_view text);
/// A number with `decimals` digits after the point (trailing zeros kept), or null.
void append_number(std::string& out, double value, int decimals);
void append_number(std::string& out, std::optional<double> value, int decimals);
void append_integer(std::string& out, std::int64_t value);
void append_bool(std::string& out, bool value);
/// The protocol's time: "2026-05-14T10:00:03.250Z" (milliseconds, UTC).
void append_time(std::string& out, Time time);
std::string format_time(Time time);

}  // namespace straja::server::json
