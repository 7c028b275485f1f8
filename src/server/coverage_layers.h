#pragma once
// The coverage layers the picture can overlay (docs/formats/picture-api.md, GET /api/coverage):
// the GeoJSON files `straja coverage --out DIR` writes under DIR/geojson
// (docs/formats/coverage.md), split into one layer per file and `sensor` property (`all` for the
// network, else a sensor id).
//
// A catalog is loaded once, before the server starts, and never changes: it may be shared by any
// number of threads. Layer ids are made here from the file name and the sensor (letters, digits,
// '.', '-', '_' only); a request names a layer by its id and nothing else, never by a path.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace straja::server {

/// One overlayable layer: the features of one coverage file for one sensor (or the network).
struct CoverageLayer {
  std::string id;         ///< server-made, e.g. "300m-agl_rcs1.all"
  double layer_m = 0;     ///< layer height, m
  std::string reference;  ///< "agl" or "amsl"
  double rcs_m2 = 0;      ///< target RCS, m^2
  std::string sensor;     ///< "all" (the network) or a sensor id
  std::string terrain;    ///< the file's terrain statement ("smooth earth ..." without a DEM)
  std::size_t features = 0;
  std::string geojson;  ///< a FeatureCollection of exactly this layer's features
};

class CoverageCatalog {
 public:
  CoverageCatalog() = default;
  /// `layers` must have unique ids; they are listed sorted by height, reference, RCS, then the
  /// network before the sensors.
  explicit CoverageCatalog(std::vector<CoverageLayer> layers);

  const std::vector<CoverageLayer>& layers() const { return layers_; }
  /// The layer with exactly this id, or null.
  const CoverageLayer* find(std::string_view id) const;
  /// GET /api/coverage: [{"id","layer_m","reference","rcs_m2","sensor","terrain","features","url"}]
  const std::string& listing_json() const { return listing_; }

 private:
  std::vector<CoverageLayer> layers_;
  std::string listing_;
};

/// What load_coverage_catalog found: the catalog, and the files it had to skip.
struct CoverageLoad {
  std::shared_ptr<const CoverageCatalog> catalog;
  std::size_t files_read = 0;        ///< *.geojson files found, skipped ones included
  std::size_t files_skipped = 0;     ///< unreadable, not JSON, or no usable feature
  std::size_t features_skipped = 0;  ///< features without layer_m/reference/rcs_m2/sensor
  std::string first_problem;         ///< the first skipped file or feature and why, or empty
};

/// Reads every `*.geojson` in `directory`/geojson (a `straja coverage --out` directory).
/// Errors (ErrorCode::kNotFound) when `directory` or its geojson folder is not a directory, or
/// holds no usable layer; malformed files and features are counted and skipped.
Result<CoverageLoad> load_coverage_catalog(const std::filesystem::path& directory);

/// One coverage file's text (its stem names it, e.g. "300m-agl_rcs1") into its layers. Features
/// lacking a numeric layer_m or rcs_m2, or a string reference or sensor, are counted in
/// `features_skipped`. Errors (kParse) for text that is not a GeoJSON FeatureCollection.
Result<std::vector<CoverageLayer>> coverage_layers_from_geojson(std::string_view stem,
                                                                std::string_view text,
                                                                std::size_t& features_skipped);

}  // namespace straja::server
