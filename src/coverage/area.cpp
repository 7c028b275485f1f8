#include "coverage/area.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

namespace straja::coverage {
namespace {

using nlohmann::json;

/// GeometryCollections nested deeper than this are refused (RFC 7946 3.1.8 advises against any
/// nesting), so that no input can exhaust the stack.
constexpr int kMaxCollectionDepth = 8;

/// Appends the rings of a GeoJSON geometry; throws std::runtime_error naming the problem.
void add_geometry(const json& geometry, std::vector<Ring>& rings, int depth = 0) {
  if (depth > kMaxCollectionDepth) {
    throw std::runtime_error("GeometryCollections nested more than 8 deep");
  }
  if (!geometry.is_object() || !geometry.contains("type")) {
    throw std::runtime_error("a geometry without 'type'");
  }
  const std::string type = geometry.at("type").get<std::string>();
  auto add_polygon = [&](const json& polygon) {
    for (const json& ring_json : polygon) {
      Ring ring;
      for (const json& point : ring_json) {
        if (!point.is_array() || point.size() < 2 || !point[0].is_number() ||
            !point[1].is_number()) {
          throw std::runtime_error("a position that is not [longitude, latitude]");
        }
        const double lon = point[0].get<double>();
        const double lat = point[1].get<double>();
        if (!(lon >= -180.0 && lon <= 180.0 && lat >= -90.0 && lat <= 90.0)) {
          throw std::runtime_error("a position outside longitude [-180, 180], latitude [-90, 90]");
        }
        ring.push_back({lon, lat});
      }
      if (ring.size() >= 3) rings.push_back(std::move(ring));
    }
  };
  if (type == "Polygon") {
    add_polygon(geometry.at("coordinates"));
  } else if (type == "MultiPolygon") {
    for (const json& polygon : geometry.at("coordinates")) add_polygon(polygon);
  } else if (type == "GeometryCollection") {
    for (const json& part : geometry.at("geometries")) add_geometry(part, rings, depth + 1);
  } else {
    throw std::runtime_error("geometry type '" + type +
                             "': only Polygon and MultiPolygon bound an area");
  }
}

}  // namespace

BoundingBox Area::bounds() const {
  BoundingBox box{std::numeric_limits<double>::infinity(), std::numeric_limits<double>::infinity(),
                  -std::numeric_limits<double>::infinity(),
                  -std::numeric_limits<double>::infinity()};
  for (const Ring& ring : rings) {
    for (const LonLat& p : ring) {
      box.south_deg = std::min(box.south_deg, p.lat_deg);
      box.north_deg = std::max(box.north_deg, p.lat_deg);
      box.west_deg = std::min(box.west_deg, p.lon_deg);
      box.east_deg = std::max(box.east_deg, p.lon_deg);
    }
  }
  return box;
}

Result<Area> parse_geojson_area(const std::string& text, const std::string& source_name) {
  Area area;
  area.name = std::filesystem::path(source_name).stem().string();
  try {
    const json document = json::parse(text);
    if (!document.is_object() || !document.contains("type")) {
      throw std::runtime_error("not a GeoJSON object (no 'type')");
    }
    const std::string type = document.at("type").get<std::string>();
    if (type == "FeatureCollection") {
      for (const json& feature : document.at("features"))
        add_geometry(feature.at("geometry"), area.rings);
    } else if (type == "Feature") {
      add_geometry(document.at("geometry"), area.rings);
    } else {
      add_geometry(document, area.rings);
    }
  } catch (const std::exception& error) {
    return make_error(ErrorCode::kParse, source_name + ": " + error.what());
  }
  if (area.rings.empty()) {
    return make_error(ErrorCode::kInvalidValue, source_name + ": no polygon with 3 or more points");
  }
  return area;
}

Result<Area> read_geojson_area(const std::string& path) {
  std::ifstream in(path);
  if (!in) return make_error(ErrorCode::kNotFound, path + ": cannot open");
  std::stringstream text;
  text << in.rdbuf();
  return parse_geojson_area(text.str(), path);
}

std::vector<std::uint8_t> rasterize(const Area& area, const GeoGrid& grid) {
  std::vector<std::uint8_t> inside(grid.cells(), area.rings.empty() ? 1 : 0);
  if (area.rings.empty()) return inside;
  // Scanline fill: each row's centre latitude crosses the edges at longitudes that, sorted, pair
  // up into inside intervals (even-odd rule).
  std::vector<double> crossings;
  for (int row = 0; row < grid.rows(); ++row) {
    const double lat = grid.latitude_deg(row);
    crossings.clear();
    for (const Ring& ring : area.rings) {
      for (std::size_t i = 0; i < ring.size(); ++i) {
        const LonLat& a = ring[i];
        const LonLat& b = ring[(i + 1) % ring.size()];
        if ((a.lat_deg <= lat) == (b.lat_deg <= lat)) continue;  // half-open: no double count
        const double crossing =
            a.lon_deg + (lat - a.lat_deg) / (b.lat_deg - a.lat_deg) * (b.lon_deg - a.lon_deg);
        // Kept within a little beyond the grid, so that the column arithmetic below stays in
        // range whatever the rings hold.
        if (std::isnan(crossing)) continue;
        crossings.push_back(std::clamp(crossing, grid.west_deg() - 1.0, grid.east_deg() + 1.0));
      }
    }
    std::sort(crossings.begin(), crossings.end());
    for (std::size_t k = 0; k + 1 < crossings.size(); k += 2) {
      // Columns whose centre lies in [crossings[k], crossings[k+1]).
      const int first =
          std::max(0, static_cast<int>(
                          std::ceil((crossings[k] - grid.west_deg()) / grid.cell_lon_deg() - 0.5)));
      const int last = std::min(
          grid.columns() - 1,
          static_cast<int>(
              std::ceil((crossings[k + 1] - grid.west_deg()) / grid.cell_lon_deg() - 0.5)) -
              1);
      for (int column = first; column <= last; ++column) inside[grid.index(row, column)] = 1;
    }
  }
  return inside;
}

std::vector<std::uint8_t> border_cells(const std::vector<std::uint8_t>& inside,
                                       const GeoGrid& grid) {
  std::vector<std::uint8_t> border(grid.cells(), 0);
  auto is_inside = [&](int row, int column) {
    return row >= 0 && row < grid.rows() && column >= 0 && column < grid.columns() &&
           inside[grid.index(row, column)] != 0;
  };
  for (int row = 0; row < grid.rows(); ++row) {
    for (int column = 0; column < grid.columns(); ++column) {
      if (!is_inside(row, column)) continue;
      if (!is_inside(row - 1, column) || !is_inside(row + 1, column) ||
          !is_inside(row, column - 1) || !is_inside(row, column + 1)) {
        border[grid.index(row, column)] = 1;
      }
    }
  }
  return border;
}

}  // namespace straja::coverage
