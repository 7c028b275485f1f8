#include "coverage/report.h"

#include <png.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "io/html_text.h"

namespace straja::coverage {
namespace {

std::string format(const char* pattern, double value) {
  std::array<char, 64> buffer{};
  std::snprintf(buffer.data(), buffer.size(), pattern, value);
  return buffer.data();
}

struct Rgba {
  std::uint8_t r, g, b, a;
};

constexpr std::array<Rgba, 5> kClassColours = {{
    {0xe0, 0x4f, 0x3f, 0xff},  // uncovered
    {0xf2, 0xc9, 0x4c, 0xff},  // combined only
    {0xa6, 0xd9, 0x6a, 0xff},  // one sensor
    {0x4d, 0xac, 0x5a, 0xff},  // two
    {0x1a, 0x6b, 0x35, 0xff},  // three or more
}};
constexpr std::array<const char*, 5> kClassNames = {
    "not covered", "covered only by combining sensors", "covered by 1 sensor",
    "covered by 2 sensors", "covered by 3 or more sensors"};

std::string hex(const Rgba& colour) {
  std::array<char, 8> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "#%02x%02x%02x", colour.r, colour.g, colour.b);
  return buffer.data();
}

CellClass classify(const CoverageResult& result, const LayerCoverage& coverage, std::size_t g) {
  if (static_cast<double>(coverage.pd_all[g]) < result.settings.pd_threshold)
    return CellClass::kUncovered;
  switch (coverage.sensors_seeing[g]) {
    case 0:
      return CellClass::kCombinedOnly;
    case 1:
      return CellClass::kOneSensor;
    case 2:
      return CellClass::kTwoSensors;
    default:
      return CellClass::kThreeOrMore;
  }
}

/// The map raster: one pixel per cell up to 1200 pixels a side (nearest cell beyond), north up;
/// cells outside the area paler.
struct Raster {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;

  void set(int x, int y, const Rgba& c) {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const auto i = 4 * (static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                        static_cast<std::size_t>(x));
    rgba[i] = c.r;
    rgba[i + 1] = c.g;
    rgba[i + 2] = c.b;
    rgba[i + 3] = c.a;
  }
};

Raster make_raster(const CoverageResult& result, std::size_t layer, std::size_t rcs) {
  const GeoGrid& grid = result.grid;
  const LayerCoverage& coverage = result.at(layer, rcs);
  constexpr int kMaxSide = 1200;
  const double scale =
      std::min(1.0, static_cast<double>(kMaxSide) / std::max(grid.rows(), grid.columns()));
  Raster raster;
  raster.width = std::max(1, static_cast<int>(std::lround(grid.columns() * scale)));
  raster.height = std::max(1, static_cast<int>(std::lround(grid.rows() * scale)));
  raster.rgba.assign(
      4 * static_cast<std::size_t>(raster.width) * static_cast<std::size_t>(raster.height), 0);
  for (int y = 0; y < raster.height; ++y) {
    const int row =
        grid.rows() - 1 - std::min(grid.rows() - 1, static_cast<int>((y + 0.5) / scale));
    for (int x = 0; x < raster.width; ++x) {
      const int column = std::min(grid.columns() - 1, static_cast<int>((x + 0.5) / scale));
      const std::size_t g = grid.index(row, column);
      Rgba colour = kClassColours[static_cast<std::size_t>(classify(result, coverage, g))];
      if (result.inside[g] == 0) colour.a = 0x50;
      raster.set(x, y, colour);
    }
  }
  return raster;
}

void png_append(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(png_get_io_ptr(png));
  out->insert(out->end(), data, data + length);
}

/// PNG bytes of a raster with text chunks (keyword, text); empty on failure.
std::vector<std::uint8_t> encode_png(const Raster& raster, const PngTexts& texts) {
  std::vector<std::uint8_t> out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (png == nullptr) return {};
  png_infop info = png_create_info_struct(png);
  if (info == nullptr || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return {};
  }
  png_set_write_fn(png, &out, png_append, nullptr);
  png_set_IHDR(png, info, static_cast<png_uint_32>(raster.width),
               static_cast<png_uint_32>(raster.height), 8, PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  std::vector<png_text> chunks(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    chunks[i].compression = PNG_TEXT_COMPRESSION_NONE;
    chunks[i].key = const_cast<char*>(texts[i].first.c_str());
    chunks[i].text = const_cast<char*>(texts[i].second.c_str());
  }
  if (!chunks.empty()) png_set_text(png, info, chunks.data(), static_cast<int>(chunks.size()));
  png_write_info(png, info);
  for (int y = 0; y < raster.height; ++y) {
    png_write_row(png, raster.rgba.data() + 4 * static_cast<std::size_t>(y) *
                                                static_cast<std::size_t>(raster.width));
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

std::string base64(const std::vector<std::uint8_t>& bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::uint32_t n = (std::uint32_t{bytes[i]} << 16) |
                            (i + 1 < bytes.size() ? std::uint32_t{bytes[i + 1]} << 8 : 0u) |
                            (i + 2 < bytes.size() ? std::uint32_t{bytes[i + 2]} : 0u);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

/// Projection of the grid's box onto a width x height picture, north up (plate carree).
struct Projection {
  double west, north, lon_span, lat_span, width, height;
  double x(double lon_deg) const { return (lon_deg - west) / lon_span * width; }
  double y(double lat_deg) const { return (north - lat_deg) / lat_span * height; }
};

Projection projection(const GeoGrid& grid, double width, double height) {
  return {grid.west_deg(),
          grid.north_deg(),
          grid.east_deg() - grid.west_deg(),
          grid.north_deg() - grid.south_deg(),
          width,
          height};
}

std::string map_title(const CoverageResult& result, std::size_t layer, std::size_t rcs) {
  return format("%g m ", result.settings.layers_m[layer]) + to_string(result.settings.reference) +
         format(", RCS %g m^2", result.settings.rcs_m2[rcs]);
}

}  // namespace

std::string layer_name(const CoverageResult& result, std::size_t layer, std::size_t rcs) {
  return format("%gm-", result.settings.layers_m[layer]) + to_string(result.settings.reference) +
         format("_rcs%g", result.settings.rcs_m2[rcs]);
}

std::string coverage_csv(const CoverageResult& result) {
  std::string out = "layer_m,reference,rcs_m2,sensor,covered_fraction,covered_km2\n";
  const double area = result.area_km2;
  auto row = [&](double layer, double rcs, const std::string& sensor, double km2) {
    out += format("%g", layer) + "," + to_string(result.settings.reference) + "," +
           format("%g", rcs) + "," + sensor + "," + format("%.6f", area > 0 ? km2 / area : 0.0) +
           "," + format("%.3f", km2) + "\n";
  };
  for (std::size_t l = 0; l < result.settings.layers_m.size(); ++l) {
    for (std::size_t r = 0; r < result.settings.rcs_m2.size(); ++r) {
      const LayerCoverage& coverage = result.at(l, r);
      for (std::size_t s = 0; s < result.sensors.size(); ++s) {
        row(coverage.layer_m, coverage.rcs_m2, result.sensors[s].info.id,
            coverage.sensor_covered_km2[s]);
      }
      row(coverage.layer_m, coverage.rcs_m2, "all", coverage.covered_km2);
    }
  }
  return out;
}

std::string terrain_statement(const CoverageResult& result,
                              const std::vector<std::string>& dem_files) {
  if (!result.terrain) return "smooth earth (no DEM): terrain masking not applied";
  std::string files;
  for (const std::string& file : dem_files) files += (files.empty() ? "" : ", ") + file;
  return "terrain from " + std::to_string(dem_files.size()) + " DEM file(s): " + files;
}

std::string coverage_geojson(const CoverageResult& result, std::size_t layer, std::size_t rcs,
                             const std::string& terrain) {
  using nlohmann::ordered_json;
  const GeoGrid& grid = result.grid;
  const LayerCoverage& coverage = result.at(layer, rcs);
  const double threshold = result.settings.pd_threshold;
  auto round6 = [](double value) { return std::round(value * 1e6) / 1e6; };
  // Runs of cells along each row with the same key (-1: not covered), one MultiPolygon per key.
  auto runs = [&](const std::function<int(std::size_t)>& key_of) {
    std::vector<std::pair<int, ordered_json>> polygons;
    auto polygon_for = [&](int key) -> ordered_json& {
      for (auto& [k, polygon] : polygons) {
        if (k == key) return polygon;
      }
      polygons.emplace_back(key, ordered_json::array());
      return polygons.back().second;
    };
    for (int row = 0; row < grid.rows(); ++row) {
      const double south = round6(grid.south_deg() + row * grid.cell_lat_deg());
      const double north = round6(grid.south_deg() + (row + 1) * grid.cell_lat_deg());
      int column = 0;
      while (column < grid.columns()) {
        const int key = key_of(grid.index(row, column));
        int end = column + 1;
        while (end < grid.columns() && key_of(grid.index(row, end)) == key) ++end;
        if (key >= 0) {
          const double west = round6(grid.west_deg() + column * grid.cell_lon_deg());
          const double east = round6(grid.west_deg() + end * grid.cell_lon_deg());
          polygon_for(key).push_back(ordered_json::array({ordered_json::array(
              {ordered_json::array({west, south}), ordered_json::array({east, south}),
               ordered_json::array({east, north}), ordered_json::array({west, north}),
               ordered_json::array({west, south})})}));
        }
        column = end;
      }
    }
    return polygons;
  };
  ordered_json collection;
  collection["type"] = "FeatureCollection";
  collection["features"] = ordered_json::array();
  auto add_feature = [&](const std::string& sensor, const ordered_json& seeing,
                         ordered_json polygons) {
    ordered_json feature;
    feature["type"] = "Feature";
    feature["properties"] = {
        {"layer_m", coverage.layer_m}, {"reference", to_string(result.settings.reference)},
        {"rcs_m2", coverage.rcs_m2},   {"sensor", sensor},
        {"sensors_seeing", seeing},    {"pd_threshold", threshold},
        {"terrain", terrain}};
    feature["geometry"] = {{"type", "MultiPolygon"}, {"coordinates", std::move(polygons)}};
    collection["features"].push_back(std::move(feature));
  };
  // The network, by the number of sensors seeing the cells.
  for (auto& [count, polygons] : runs([&](std::size_t g) {
         return static_cast<double>(coverage.pd_all[g]) >= threshold
                    ? static_cast<int>(coverage.sensors_seeing[g])
                    : -1;
       })) {
    add_feature("all", count, std::move(polygons));
  }
  // Each sensor alone.
  for (std::size_t s = 0; s < result.sensors.size(); ++s) {
    for (auto& [key, polygons] :
         runs([&](std::size_t g) { return coverage.sensor_covers[s][g] ? 0 : -1; })) {
      add_feature(result.sensors[s].info.id, nullptr, std::move(polygons));
    }
  }
  return collection.dump() + "\n";
}

std::string coverage_svg(const CoverageResult& result, const Area& area, std::size_t layer,
                         std::size_t rcs, const std::string& terrain, int width_px) {
  const GeoGrid& grid = result.grid;
  const Raster raster = make_raster(result, layer, rcs);
  const double map_width = width_px;
  const double map_height = std::round(map_width * raster.height / raster.width);
  const Projection to = projection(grid, map_width, map_height);
  const double legend_height = 22.0 * (kClassNames.size() + 2) + 10;
  std::ostringstream svg;
  svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << map_width << "\" height=\""
      << map_height + legend_height + 30 << "\" viewBox=\"0 0 " << map_width << ' '
      << map_height + legend_height + 30 << "\" font-family=\"sans-serif\" font-size=\"13\">\n";
  svg << "<title>Coverage " << io::escape_html(map_title(result, layer, rcs)) << "</title>\n";
  svg << "<text x=\"4\" y=\"18\" font-weight=\"bold\">Coverage at "
      << io::escape_html(map_title(result, layer, rcs))
      << ", Pd &gt;= " << format("%g", result.settings.pd_threshold) << "</text>\n";
  svg << "<g transform=\"translate(0,26)\">\n";
  svg << "<image x=\"0\" y=\"0\" width=\"" << map_width << "\" height=\"" << map_height
      << "\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" "
         "href=\"data:image/png;base64,"
      << base64(encode_png(raster, {})) << "\"/>\n";
  // The area's border.
  for (const Ring& ring : area.rings) {
    svg << "<polygon fill=\"none\" stroke=\"#000\" stroke-width=\"1.2\" points=\"";
    for (const LonLat& p : ring) {
      svg << format("%.1f", to.x(p.lon_deg)) << ',' << format("%.1f", to.y(p.lat_deg)) << ' ';
    }
    svg << "\"/>\n";
  }
  // Sensor sites.
  for (const sim::SensorSpec& sensor : result.sensors) {
    const double x = to.x(sensor.info.site.lon_deg);
    const double y = to.y(sensor.info.site.lat_deg);
    svg << "<rect x=\"" << format("%.1f", x - 4) << "\" y=\"" << format("%.1f", y - 4)
        << "\" width=\"8\" height=\"8\" fill=\"#fff\" stroke=\"#000\"/><text x=\""
        << format("%.1f", x + 6) << "\" y=\"" << format("%.1f", y - 5) << "\" font-size=\"11\">"
        << io::escape_html(sensor.info.id) << "</text>\n";
  }
  svg << "<rect x=\"0\" y=\"0\" width=\"" << map_width << "\" height=\"" << map_height
      << "\" fill=\"none\" stroke=\"#888\"/>\n</g>\n";
  // Legend.
  double y = map_height + 30 + 16;
  for (std::size_t i = 0; i < kClassNames.size(); ++i, y += 22) {
    svg << "<rect x=\"6\" y=\"" << y - 12 << "\" width=\"16\" height=\"14\" fill=\""
        << hex(kClassColours[i]) << "\"/><text x=\"28\" y=\"" << y << "\">" << kClassNames[i]
        << "</text>\n";
  }
  svg << "<text x=\"6\" y=\"" << y << "\">black line: area border (" << io::escape_html(area.name)
      << "); squares: sensor sites; pale: outside the area</text>\n";
  svg << "<text x=\"6\" y=\"" << y + 22 << "\">" << io::escape_html(terrain) << "</text>\n";
  svg << "</svg>\n";
  return svg.str();
}

PngTexts coverage_png_texts(const CoverageResult& result, const Area& area, std::size_t layer,
                            std::size_t rcs, const std::string& terrain) {
  std::string legend;
  for (std::size_t i = 0; i < kClassNames.size(); ++i) {
    legend += hex(kClassColours[i]) + ": " + kClassNames[i] + "; ";
  }
  legend +=
      "black line: border of " + area.name + "; squares: sensor sites; pale: outside the area";
  return {{"Title", "Coverage at " + map_title(result, layer, rcs)},
          {"Description", legend},
          {"Comment", terrain}};
}

std::vector<std::uint8_t> encode_rgba_png(int width, int height, std::vector<std::uint8_t> rgba,
                                          const PngTexts& texts) {
  if (width <= 0 || height <= 0 ||
      rgba.size() != 4 * static_cast<std::size_t>(width) * static_cast<std::size_t>(height)) {
    return {};
  }
  Raster raster;
  raster.width = width;
  raster.height = height;
  raster.rgba = std::move(rgba);
  return encode_png(raster, texts);
}

std::string coverage_html(const CoverageResult& result, const Area& area,
                          const ReportContext& context) {
  const CoverageSettings& settings = result.settings;
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       << "<title>Straja coverage: " << io::escape_html(context.area_name) << "</title><style>"
       << "body{font-family:sans-serif;margin:1.5em;max-width:80em}"
       << "table{border-collapse:collapse;margin:0.5em 0 1.5em}"
       << "td,th{border:1px solid #bbb;padding:0.2em 0.6em;text-align:right}"
       << "th{background:#eee}td.l,th.l{text-align:left}details{margin:0.4em 0}"
       << "</style></head><body>\n";
  html << "<h1>Coverage of " << io::escape_html(context.area_name) << "</h1>\n";
  html << "<p>Sensors: " << io::escape_html(context.sensors_source) << " (" << result.sensors.size()
       << "). Area: " << format("%.0f", result.area_km2) << " km&sup2; on " << result.grid.rows()
       << " x " << result.grid.columns() << " cells of " << format("%g", result.grid.cell_m())
       << " m. Layers above "
       << (settings.reference == HeightReference::kAgl ? "ground (AGL)" : "mean sea level (AMSL)")
       << ". A cell is covered where the detection probability is at least "
       << format("%g", settings.pd_threshold)
       << " (per sensor: its own Pd; the network: 1 - &prod;(1 - Pd<sub>i</sub>)).</p>\n";
  html << "<p><b>Terrain:</b> " << io::escape_html(context.terrain) << "</p>\n";
  for (const std::string& note : context.notes) html << "<p>" << io::escape_html(note) << "</p>\n";

  html << "<h2>Covered fraction of the area (all sensors)</h2>\n<table><tr><th>layer</th>";
  for (const double rcs : settings.rcs_m2)
    html << "<th>RCS " << format("%g", rcs) << " m&sup2;</th>";
  html << "</tr>\n";
  for (std::size_t l = 0; l < settings.layers_m.size(); ++l) {
    html << "<tr><td>" << format("%g", settings.layers_m[l]) << " m "
         << to_string(settings.reference) << "</td>";
    for (std::size_t r = 0; r < settings.rcs_m2.size(); ++r) {
      const LayerCoverage& coverage = result.at(l, r);
      html << "<td>"
           << format("%.1f",
                     result.area_km2 > 0 ? 100.0 * coverage.covered_km2 / result.area_km2 : 0.0)
           << " %</td>";
    }
    html << "</tr>\n";
  }
  html << "</table>\n";

  html << "<h2>Per sensor (km&sup2; covered inside the area)</h2>\n<table><tr><th "
          "class=\"l\">sensor</th>"
       << "<th class=\"l\">kind</th>";
  for (std::size_t l = 0; l < settings.layers_m.size(); ++l) {
    for (const double rcs : settings.rcs_m2) {
      html << "<th>" << format("%g", settings.layers_m[l]) << " m / " << format("%g", rcs)
           << "</th>";
    }
  }
  html << "</tr>\n";
  for (std::size_t s = 0; s < result.sensors.size(); ++s) {
    html << "<tr><td class=\"l\">" << io::escape_html(result.sensors[s].info.id)
         << "</td><td class=\"l\">" << to_string(result.sensors[s].info.kind) << "</td>";
    for (std::size_t l = 0; l < settings.layers_m.size(); ++l) {
      for (std::size_t r = 0; r < settings.rcs_m2.size(); ++r) {
        html << "<td>" << format("%.0f", result.at(l, r).sensor_covered_km2[s]) << "</td>";
      }
    }
    html << "</tr>\n";
  }
  html << "</table>\n";

  html << "<h2>Largest uncovered corridors crossing the border at "
       << format("%g", settings.layers_m[0]) << " m " << to_string(settings.reference) << "</h2>\n";
  for (const RcsCorridors& entry : context.corridors) {
    html << "<h3>RCS " << format("%g", settings.rcs_m2[entry.rcs]) << " m&sup2;</h3>\n";
    if (entry.corridors.empty()) {
      html << "<p>None: every uncovered region is enclosed by covered cells.</p>\n";
      continue;
    }
    html << "<table><tr><th>rank</th><th>area km&sup2;</th><th>border crossing km</th>"
         << "<th>crosses the border near</th><th>centre</th></tr>\n";
    for (std::size_t i = 0; i < entry.corridors.size(); ++i) {
      const Corridor& c = entry.corridors[i];
      html << "<tr><td>" << i + 1 << "</td><td>" << format("%.0f", c.area_km2) << "</td><td>"
           << format("%.0f", c.border_km) << "</td><td>" << format("%.3f", c.border_lat_deg) << ", "
           << format("%.3f", c.border_lon_deg) << "</td><td>" << format("%.3f", c.centroid_lat_deg)
           << ", " << format("%.3f", c.centroid_lon_deg) << "</td></tr>\n";
    }
    html << "</table>\n";
  }

  if (context.suggestion) {
    const Suggestion& s = *context.suggestion;
    html << "<h2>Next sites</h2>\n<p>Greedy choice among " << s.candidates
         << " candidate sites, maximising the area covered at "
         << format("%g", settings.layers_m[s.layer]) << " m " << to_string(settings.reference)
         << " for RCS " << format("%g", settings.rcs_m2[s.rcs])
         << " m&sup2;. Covered area (the network, or any added sensor alone) is monotone "
            "submodular in the chosen set, so the greedy choice covers at least (1 - 1/e) "
            "&asymp; 63% of what the best choice of as many sites covers.</p>\n";
    html << "<table><tr><th>#</th><th class=\"l\">site</th><th>lat</th><th>lon</th>"
         << "<th>antenna m</th><th>gain km&sup2;</th><th>covered km&sup2;</th><th>covered "
            "%</th></tr>\n";
    html << "<tr><td>0</td><td class=\"l\">existing "
            "network</td><td></td><td></td><td></td><td></td><td>"
         << format("%.0f", s.covered_km2_before) << "</td><td>"
         << format("%.1f", result.area_km2 > 0 ? 100 * s.covered_km2_before / result.area_km2 : 0.0)
         << "</td></tr>\n";
    for (std::size_t i = 0; i < s.chosen.size(); ++i) {
      const SiteGain& g = s.chosen[i];
      html << "<tr><td>" << i + 1 << "</td><td class=\"l\">" << io::escape_html(g.site.id)
           << "</td><td>" << format("%.4f", g.site.site.lat_deg) << "</td><td>"
           << format("%.4f", g.site.site.lon_deg) << "</td><td>"
           << format("%.0f", g.site.site.height_m) << "</td><td>" << format("%.0f", g.gain_km2)
           << "</td><td>" << format("%.0f", g.covered_km2) << "</td><td>"
           << format("%.1f", result.area_km2 > 0 ? 100 * g.covered_km2 / result.area_km2 : 0.0)
           << "</td></tr>\n";
    }
    html << "</table>\n";
  }

  html << "<h2>Maps</h2>\n";
  for (std::size_t l = 0; l < settings.layers_m.size(); ++l) {
    for (std::size_t r = 0; r < settings.rcs_m2.size(); ++r) {
      html << "<details" << (l == 0 && r + 1 == settings.rcs_m2.size() ? " open" : "")
           << "><summary>" << io::escape_html(map_title(result, l, r)) << "</summary>\n"
           << coverage_svg(result, area, l, r, context.terrain) << "</details>\n";
    }
  }
  html << "</body></html>\n";
  return html.str();
}

}  // namespace straja::coverage
