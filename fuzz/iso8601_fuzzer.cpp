// Any text yields a Time or an Error; a parsed time formats and parses back to itself.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/time.h"
#include "fuzz_target.h"

STRAJA_FUZZ_TARGET("iso8601") {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto parsed = straja::parse_iso8601(text);
  if (parsed.ok()) {
    const auto again = straja::parse_iso8601(straja::format_iso8601(*parsed));
    if (!again.ok() || *again != *parsed) __builtin_trap();
  }
  return 0;
}
