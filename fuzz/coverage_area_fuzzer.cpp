// The coverage audit's area readers (src/coverage/area.h, world_atlas.h): any bytes given as a
// GeoJSON area (`geojson_area`), or as a TopoJSON topology with a country name on the first line
// (`topojson_country`: "NAME\n{...}"), yield an Area or an Error with a message, never a crash or
// a hang. An Area has rings of 3 or more positions inside longitude [-180, 180], latitude
// [-90, 90]; filled onto a small grid over its bounds, its border cells are inside cells.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <string>

#include "coverage/area.h"
#include "coverage/world_atlas.h"
#include "fuzz_target.h"

#ifndef STRAJA_FUZZ_TOPOJSON
#error "STRAJA_FUZZ_TOPOJSON must be 0 (GeoJSON) or 1 (TopoJSON)"
#endif

namespace {

using straja::coverage::Area;

void check_area(const Area& area) {
  if (area.rings.empty()) __builtin_trap();
  for (const straja::coverage::Ring& ring : area.rings) {
    if (ring.size() < 3) __builtin_trap();
    for (const straja::coverage::LonLat& p : ring) {
      if (!(p.lon_deg >= -180.0 && p.lon_deg <= 180.0 && p.lat_deg >= -90.0 && p.lat_deg <= 90.0))
        __builtin_trap();
    }
  }
  // About 32 cells along the longer side of the bounds (a cell of at least 1 m).
  const straja::coverage::BoundingBox box = area.bounds();
  const double mid_lat_rad = 0.5 * (box.south_deg + box.north_deg) * std::numbers::pi / 180.0;
  const double span_m = std::max((box.north_deg - box.south_deg) * 111'320.0,
                                 (box.east_deg - box.west_deg) * 111'320.0 * std::cos(mid_lat_rad));
  const straja::coverage::GeoGrid grid(box, std::max(1.0, span_m / 32.0));
  if (grid.cells() > 1'000'000) return;  // a sliver near a pole: nothing more to learn
  const auto inside = straja::coverage::rasterize(area, grid);
  const auto border = straja::coverage::border_cells(inside, grid);
  if (inside.size() != grid.cells() || border.size() != grid.cells()) __builtin_trap();
  for (std::size_t g = 0; g < grid.cells(); ++g) {
    if (border[g] != 0 && inside[g] == 0) __builtin_trap();
  }
}

}  // namespace

STRAJA_FUZZ_TARGET(STRAJA_FUZZ_NAME) {
  const std::string text(reinterpret_cast<const char*>(data), size);
#if STRAJA_FUZZ_TOPOJSON
  const std::size_t newline = text.find('\n');
  const std::string name = newline == std::string::npos ? std::string() : text.substr(0, newline);
  const std::string topology = newline == std::string::npos ? text : text.substr(newline + 1);
  const auto area = straja::coverage::parse_country(topology, "countries.json", name);
#else
  const auto area = straja::coverage::parse_geojson_area(text, "area.geojson");
#endif
  if (!area.ok()) {
    if (area.error().message.empty()) __builtin_trap();
    return 0;
  }
  check_area(*area);
  return 0;
}
