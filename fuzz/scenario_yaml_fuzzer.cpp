// Any bytes given as a scenario file yield a Scenario or an Error, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_target.h"
#include "simulation/scenario.h"

STRAJA_FUZZ_TARGET("scenario_yaml") {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto scenario = straja::sim::parse_scenario(text, "fuzz.yaml");
  if (!scenario.ok() && scenario.error().message.empty()) __builtin_trap();
  return 0;
}
