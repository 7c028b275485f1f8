#pragma once
// Scenarios compiled into the binary (the *.yaml files of scenarios/), addressed by base name.

#include <optional>
#include <string_view>
#include <vector>

namespace straja::scenarios {

/// The YAML text of a built-in scenario, or nullopt.
std::optional<std::string_view> builtin_scenario_text(std::string_view name);
/// Names of all built-in scenarios, sorted.
std::vector<std::string_view> builtin_scenario_names();

}  // namespace straja::scenarios
