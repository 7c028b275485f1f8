#include "core/ids.h"

#include <cstdio>

namespace straja {

std::string IcaoAddress::to_string() const {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%06X", value & 0xFFFFFFu);
  return buffer;
}

std::optional<IcaoAddress> IcaoAddress::parse(std::string_view text) {
  if (text.size() != 6) return std::nullopt;
  std::uint32_t value = 0;
  for (const char c : text) {
    std::uint32_t digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<std::uint32_t>(c - '0');
    } else if (c >= 'A' && c <= 'F') {
      digit = static_cast<std::uint32_t>(c - 'A' + 10);
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<std::uint32_t>(c - 'a' + 10);
    } else {
      return std::nullopt;
    }
    value = value << 4 | digit;
  }
  return IcaoAddress{value};
}

std::string Mode3A::to_string() const {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%04o", static_cast<unsigned>(value & 07777u));
  return buffer;
}

std::optional<Mode3A> Mode3A::parse(std::string_view text) {
  if (text.size() != 4) return std::nullopt;
  std::uint16_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '7') return std::nullopt;
    value = static_cast<std::uint16_t>(value << 3 | (c - '0'));
  }
  return Mode3A{value};
}

}  // namespace straja
