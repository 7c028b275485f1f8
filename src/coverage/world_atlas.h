#pragma once
// Country borders from world-atlas (countries-50m.json: TopoJSON, installed offline under
// tools/borders/ by scripts/setup), decoded here: quantized, delta-encoded arcs shared between
// neighbouring countries, and polygons listing arc indices (~i: arc i reversed).

#include <string>
#include <vector>

#include "core/result.h"
#include "coverage/area.h"

namespace straja::coverage {

/// The path the build knows for countries-50m.json (tools/borders/node_modules/world-atlas/);
/// the STRAJA_BORDERS environment variable, when set, takes its place.
std::string default_borders_path();

/// The country whose `name` property equals `name` (case-insensitive), as an Area. Errors: the file
/// cannot be read or is not a world-atlas topology, or no country has that name (the message then
/// lists close names).
Result<Area> load_country(const std::string& topojson_path, const std::string& name);
Result<Area> parse_country(const std::string& topojson_text, const std::string& source_name,
                           const std::string& name);

}  // namespace straja::coverage
