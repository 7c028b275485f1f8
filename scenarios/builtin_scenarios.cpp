#include "scenarios/builtin_scenarios.h"

#include <algorithm>
#include <span>

#include "core/embedded_file.h"

namespace straja::scenarios {

std::span<const EmbeddedFile> embedded_scenarios();  // generated from scenarios/*.yaml

std::optional<std::string_view> builtin_scenario_text(std::string_view name) {
  for (const EmbeddedFile& file : embedded_scenarios()) {
    if (file.name == name) return file.bytes;
  }
  return std::nullopt;
}

std::vector<std::string_view> builtin_scenario_names() {
  std::vector<std::string_view> names;
  for (const EmbeddedFile& file : embedded_scenarios()) names.push_back(file.name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace straja::scenarios
