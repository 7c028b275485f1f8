#pragma once
// The area a coverage audit is about: polygons in WGS84 longitude/latitude (degrees), read from
// GeoJSON or a country border (world_atlas.h), and their cells on a GeoGrid.
//
// Rings are filled by the even-odd rule over all rings together, so holes and the separate parts of
// a MultiPolygon need no nesting information (parts must not overlap).

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "coverage/grid.h"

namespace straja::coverage {

struct LonLat {
  double lon_deg = 0.0;
  double lat_deg = 0.0;
};
using Ring = std::vector<LonLat>;  ///< closed implicitly (last point joins the first)

struct Area {
  std::string name;         ///< country name, file name, or "sensor reach"
  std::vector<Ring> rings;  ///< empty: the whole grid (no area given)

  BoundingBox bounds() const;
};

/// A GeoJSON Polygon or MultiPolygon, bare or in a Feature or a FeatureCollection (every polygon of
/// it). Errors name `source_name` and what is wrong.
Result<Area> parse_geojson_area(const std::string& text, const std::string& source_name);
Result<Area> read_geojson_area(const std::string& path);

/// 1 for each cell whose centre lies inside the area (every cell for an area without rings).
std::vector<std::uint8_t> rasterize(const Area& area, const GeoGrid& grid);

/// 1 for each inside cell with a 4-neighbour outside the area or on the grid's edge: the cells a
/// target crossing the border passes.
std::vector<std::uint8_t> border_cells(const std::vector<std::uint8_t>& inside,
                                       const GeoGrid& grid);

}  // namespace straja::coverage
