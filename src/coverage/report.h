#pragma once
// What `straja coverage` writes (docs/formats/coverage.md): coverage.csv, one GeoJSON per layer
// and RCS (WGS84, covered cells merged into row runs, properties layer_m / reference / rcs_m2 /
// sensor / terrain), map images (SVG with the border, sensor sites, legend and an embedded raster;
// the PNG is that SVG rasterised, map_png.h, with the legend also in its text chunks) and the
// self-contained coverage.html. Every output states the terrain model (a DEM, or a smooth earth).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "coverage/area.h"
#include "coverage/coverage.h"
#include "coverage/gaps.h"

namespace straja::coverage {

/// coverage.csv: header `layer_m,reference,rcs_m2,sensor,covered_fraction,covered_km2`; per layer
/// and RCS one row per sensor (its own coverage) then `all` (the combined network).
std::string coverage_csv(const CoverageResult& result);

/// "smooth earth (no DEM)" or "terrain: N DEM file(s) (...)".
std::string terrain_statement(const CoverageResult& result,
                              const std::vector<std::string>& dem_files);

/// GeoJSON FeatureCollection of one layer and RCS, each polygon a run of covered cells along a
/// row: for the network (`sensor` "all") one MultiPolygon feature per number of sensors seeing the
/// cells (`sensors_seeing` 0, 1, 2, ...), then one feature per sensor (its own coverage,
/// `sensors_seeing` null).
std::string coverage_geojson(const CoverageResult& result, std::size_t layer, std::size_t rcs,
                             const std::string& terrain);

/// Map classes of a cell, the raster's colours and the legend's entries.
enum class CellClass : std::uint8_t {
  kUncovered,
  kCombinedOnly,  ///< covered only by combining sensors (no single sensor reaches the threshold)
  kOneSensor,
  kTwoSensors,
  kThreeOrMore,
};

/// The map of one layer and RCS as an SVG document (width_px wide).
std::string coverage_svg(const CoverageResult& result, const Area& area, std::size_t layer,
                         std::size_t rcs, const std::string& terrain, int width_px = 720);
/// PNG text chunks: (keyword, text) pairs, Latin-1 keywords such as "Title".
using PngTexts = std::vector<std::pair<std::string, std::string>>;

/// The text chunks of a map's PNG: Title (layer and RCS), Description (the legend), Comment (the
/// terrain statement).
PngTexts coverage_png_texts(const CoverageResult& result, const Area& area, std::size_t layer,
                            std::size_t rcs, const std::string& terrain);

/// PNG bytes (8-bit RGBA, not premultiplied, rows top down) with text chunks; empty when the
/// sizes disagree or libpng fails.
std::vector<std::uint8_t> encode_rgba_png(int width, int height, std::vector<std::uint8_t> rgba,
                                          const PngTexts& texts);

struct RcsCorridors {
  std::size_t rcs = 0;
  std::vector<Corridor> corridors;
};

struct ReportContext {
  std::string sensors_source;
  std::string area_name;
  std::string terrain;  ///< terrain_statement()
  std::vector<std::string> notes;
  std::vector<RcsCorridors> corridors;  ///< lowest layer, per RCS
  std::optional<Suggestion> suggestion;
};

/// coverage.html: the tables (per layer and RCS, per sensor), the corridors, the suggestion with
/// its bound, and the maps inline (SVG); no network access needed.
std::string coverage_html(const CoverageResult& result, const Area& area,
                          const ReportContext& context);

/// A file name fragment for a layer and RCS: "100m-agl_rcs1".
std::string layer_name(const CoverageResult& result, std::size_t layer, std::size_t rcs);

}  // namespace straja::coverage
