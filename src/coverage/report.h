#pragma once
// What `straja coverage` writes (docs/formats/coverage.md): coverage.csv, one GeoJSON per layer
// and RCS (WGS84, covered cells merged into row runs, properties layer_m / reference / rcs_m2 /
// sensor / terrain), map images (SVG with the border, sensor sites, legend and an embedded raster;
// PNG: the raster with the border and sites drawn in, the legend in its text chunks) and the
// self-contained coverage.html. Every output states the terrain model (a DEM, or a smooth earth).

#include <optional>
#include <string>
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
/// The same raster as a PNG file with the border and sensor sites drawn in; false when it cannot
/// be written.
bool write_coverage_png(const std::string& path, const CoverageResult& result, const Area& area,
                        std::size_t layer, std::size_t rcs, const std::string& terrain);

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
