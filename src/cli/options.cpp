#include <cmath>
#include <string>

#include "cli/commands.h"

namespace straja::cli {

double parse_speed(const std::string& text) {
  if (text == "max") return 0.0;
  try {
    std::size_t used = 0;
    const double factor = std::stod(text, &used);
    if (used == text.size() && factor > 0.0 && std::isfinite(factor)) return factor;
  } catch (const std::exception&) {
  }
  throw CLI::ValidationError("--speed", "expected 'max' or a positive factor, got '" + text + "'");
}

}  // namespace straja::cli
