#include "coverage/world_atlas.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace straja::coverage {
namespace {

using nlohmann::json;

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

/// Every arc as absolute longitude/latitude: positions are quantized integers, each after the
/// first a delta from the one before; lon = x * scale[0] + translate[0] (lat likewise).
std::vector<Ring> decode_arcs(const json& topology) {
  double scale[2] = {1.0, 1.0};
  double translate[2] = {0.0, 0.0};
  if (topology.contains("transform")) {
    const json& transform = topology.at("transform");
    for (int i = 0; i < 2; ++i) {
      scale[i] = transform.at("scale").at(static_cast<std::size_t>(i)).get<double>();
      translate[i] = transform.at("translate").at(static_cast<std::size_t>(i)).get<double>();
    }
  }
  const bool quantized = topology.contains("transform");
  std::vector<Ring> arcs;
  for (const json& arc_json : topology.at("arcs")) {
    Ring arc;
    double x = 0.0, y = 0.0;
    for (const json& position : arc_json) {
      if (quantized) {
        x += position.at(0).get<double>();
        y += position.at(1).get<double>();
      } else {
        x = position.at(0).get<double>();
        y = position.at(1).get<double>();
      }
      arc.push_back({x * scale[0] + translate[0], y * scale[1] + translate[1]});
    }
    arcs.push_back(std::move(arc));
  }
  return arcs;
}

/// A ring from its arc indices; consecutive arcs share their joining point (kept once). Throws
/// for an index that is not an integer or past the arcs, and for a position outside longitude
/// [-180, 180], latitude [-90, 90].
Ring join_arcs(const json& indices, const std::vector<Ring>& arcs) {
  Ring ring;
  for (const json& index_json : indices) {
    if (!index_json.is_number_integer())
      throw std::runtime_error("an arc index that is not an integer");
    const long index = index_json.get<long>();
    const auto arc_index = static_cast<std::size_t>(index >= 0 ? index : ~index);
    if (arc_index >= arcs.size()) throw std::runtime_error("an arc index past the arcs");
    Ring arc = arcs[arc_index];
    if (index < 0) std::reverse(arc.begin(), arc.end());
    const std::size_t skip = ring.empty() ? 0 : 1;
    ring.insert(ring.end(), arc.begin() + static_cast<long>(std::min(skip, arc.size())), arc.end());
  }
  for (const LonLat& p : ring) {
    if (!(p.lon_deg >= -180.0 && p.lon_deg <= 180.0 && p.lat_deg >= -90.0 && p.lat_deg <= 90.0)) {
      throw std::runtime_error("a position outside longitude [-180, 180], latitude [-90, 90]");
    }
  }
  return ring;
}

}  // namespace

std::string default_borders_path() {
  if (const char* path = std::getenv("STRAJA_BORDERS"); path != nullptr && *path != '\0')
    return path;
  return STRAJA_BORDERS_FILE;
}

Result<Area> load_country(const std::string& topojson_path, const std::string& name) {
  std::ifstream in(topojson_path);
  if (!in) {
    return make_error(ErrorCode::kNotFound,
                      topojson_path +
                          ": cannot open the country borders (world-atlas; run "
                          "scripts/setup, which installs them with npm ci)");
  }
  std::stringstream text;
  text << in.rdbuf();
  return parse_country(text.str(), topojson_path, name);
}

Result<Area> parse_country(const std::string& topojson_text, const std::string& source_name,
                           const std::string& name) {
  try {
    const json topology = json::parse(topojson_text);
    if (topology.value("type", "") != "Topology" || !topology.contains("objects")) {
      throw std::runtime_error("not a TopoJSON topology");
    }
    const json& objects = topology.at("objects");
    if (!objects.is_object() || objects.empty()) throw std::runtime_error("no objects");
    const json& countries =
        objects.contains("countries") ? objects.at("countries") : objects.begin().value();
    const std::vector<Ring> arcs = decode_arcs(topology);
    std::vector<std::string> names;
    for (const json& geometry : countries.at("geometries")) {
      const std::string country =
          geometry.contains("properties") ? geometry.at("properties").value("name", "") : "";
      if (lower(country) != lower(name)) {
        names.push_back(country);
        continue;
      }
      Area area;
      area.name = country;
      const std::string type = geometry.value("type", "");
      const auto add_ring = [&](const json& indices) {
        Ring ring = join_arcs(indices, arcs);
        if (ring.size() >= 3) area.rings.push_back(std::move(ring));
      };
      if (type == "Polygon") {
        for (const json& ring : geometry.at("arcs")) add_ring(ring);
      } else if (type == "MultiPolygon") {
        for (const json& polygon : geometry.at("arcs")) {
          for (const json& ring : polygon) add_ring(ring);
        }
      } else {
        throw std::runtime_error("country '" + country + "' has geometry type '" + type + "'");
      }
      // No ring would mean "no area given" (the whole grid): an error here.
      if (area.rings.empty()) {
        throw std::runtime_error("country '" + country + "' has no ring of 3 or more positions");
      }
      return area;
    }
    // No match: suggest names sharing the first letters.
    std::string close;
    const std::string prefix = lower(name.substr(0, std::min<std::size_t>(3, name.size())));
    for (const std::string& candidate : names) {
      if (lower(candidate).rfind(prefix, 0) == 0) close += (close.empty() ? "" : ", ") + candidate;
    }
    return make_error(ErrorCode::kNotFound, source_name + ": no country named '" + name + "'" +
                                                (close.empty() ? "" : " (close: " + close + ")"));
  } catch (const std::exception& error) {
    return make_error(ErrorCode::kParse, source_name + ": " + error.what());
  }
}

}  // namespace straja::coverage
