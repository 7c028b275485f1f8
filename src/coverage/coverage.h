#pragma once
// Per-sensor and combined coverage over a GeoGrid, per altitude layer and target RCS, through the
// simulator's own sensor models (src/simulation): the 3D radar's instrumented limits and radar
// equation with Swerling 1 detection (sim::Psr3dDetection), the SSR's limits and reply
// probability, the ADS-B station's reception range and probability, the smooth-earth radio horizon
// (sim::within_horizon) and the terrain's radial horizon sweep (geo::HorizonMask, with the
// simulator's ray and step), in the same 4/3-earth geometry (geo::effective_earth_polar).
//
// Geometry: cell centres are points on the WGS84 ellipsoid; each sensor sees them over its
// osculating sphere along the azimuth (as geo::LocalRefraction does), which agrees with the
// simulator's geodesic-based geometry to about a metre within 250 km. Heights are above the
// ellipsoid, as everywhere in Straja: AMSL layers take mean sea level as the ellipsoid (the geoid
// is ignored, as terrain.h states for SRTM heights); AGL layers add the terrain height (0 on a
// smooth earth).
//
// Cost: per sensor, the horizon sweep once and each reachable cell's azimuth, central angle and
// sphere radius once; then each layer and cell is a closed-form evaluation and one mask lookup.
// Only cells within the sensor's instrumented range are visited.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "coverage/grid.h"
#include "geo/terrain.h"
#include "simulation/psr3d_model.h"
#include "simulation/scenario.h"

namespace straja::coverage {

enum class HeightReference { kAgl, kAmsl };
std::string to_string(HeightReference reference);  ///< "agl", "amsl"

struct CoverageSettings {
  std::vector<double> layers_m = {100, 300, 1000, 3000, 10000};
  HeightReference reference = HeightReference::kAgl;
  std::vector<double> rcs_m2 = {0.01, 0.1, 1, 10};
  double pd_threshold = 0.5;  ///< a cell is covered where Pd >= this
};

/// One sensor's view of the grid: the cells within its instrumented range, with their geometry
/// computed once, and its detection model.
class SensorView {
 public:
  /// `terrain`: null for a smooth earth. The view keeps a pointer to `grid` (must outlive it).
  SensorView(const sim::SensorSpec& spec, const GeoGrid& grid, const geo::Terrain* terrain);

  const sim::SensorSpec& spec() const { return spec_; }
  /// The window of grid rows / columns the sensor can reach: [row_begin, row_end) x [..).
  int row_begin() const { return row_begin_; }
  int row_end() const { return row_end_; }
  int column_begin() const { return column_begin_; }
  int column_end() const { return column_end_; }
  std::size_t window_cells() const { return geometry_.size(); }
  /// Grid index of window cell i (window cells run row by row).
  std::size_t grid_index(std::size_t window_cell) const;

  /// For every window cell, the geometric slant range (m) to a target at
  /// target_height_m[grid index] (m above the ellipsoid) where the sensor's limits, the horizon and
  /// the terrain let it see the target; 0 where they do not.
  void visible_ranges(const std::vector<float>& target_height_m, std::vector<float>& range_m) const;
  /// Detection probability at a visible slant range (from visible_ranges, > 0) for a target of
  /// `rcs_m2` (psr3d: radar equation; ssr and adsb: their per-scan / per-report probability,
  /// whatever the RCS: they see transponder-equipped targets only).
  double pd(double range_m, double rcs_m2) const;

 private:
  struct CellGeometry {
    double azimuth_rad;
    double theta_rad;  ///< central angle over the osculating sphere
    double radius_m;   ///< osculating sphere radius along the azimuth (normal section)
    double surface_m;  ///< the cell's ellipsoid point above that sphere (metres, small)
  };
  sim::SensorSpec spec_;
  const GeoGrid* grid_;
  double max_range_m_ = 0.0;
  double k_factor_ = geo::kFourThirds;
  bool four_thirds_earth_ = true;
  int row_begin_ = 0, row_end_ = 0, column_begin_ = 0, column_end_ = 0;
  std::vector<CellGeometry> geometry_;
  std::unique_ptr<sim::Psr3dDetection> psr3d_;
  std::unique_ptr<const geo::HorizonMask> terrain_mask_;
};

/// Coverage of one layer and RCS.
struct LayerCoverage {
  double layer_m = 0.0;
  double rcs_m2 = 0.0;
  std::vector<float> pd_all;                     ///< per grid cell: 1 - prod(1 - Pd_i)
  std::vector<std::uint8_t> sensors_seeing;      ///< per grid cell: sensors with Pd_i >= threshold
  std::vector<double> sensor_covered_km2;        ///< per sensor: its covered area inside the area
  std::vector<std::vector<bool>> sensor_covers;  ///< [sensor][grid cell]: its Pd >= threshold
  double covered_km2 = 0.0;                      ///< combined (pd_all >= threshold) inside the area
};

struct CoverageResult {
  GeoGrid grid;
  std::vector<std::uint8_t> inside;  ///< per grid cell: inside the audited area
  double area_km2 = 0.0;             ///< of the inside cells
  std::vector<float> ground_m;       ///< per grid cell: terrain height (0: smooth earth)
  bool terrain = false;              ///< false: smooth earth
  CoverageSettings settings;
  std::vector<sim::SensorSpec> sensors;
  std::vector<LayerCoverage> layers;  ///< [layer index * rcs count + rcs index]

  const LayerCoverage& at(std::size_t layer, std::size_t rcs) const {
    return layers[layer * settings.rcs_m2.size() + rcs];
  }
};

/// Progress of a long computation: a line for the user (stderr).
using Progress = std::function<void(const std::string&)>;

/// Target heights (m above the ellipsoid) of one layer per grid cell.
std::vector<float> layer_heights(const std::vector<float>& ground_m, double layer_m,
                                 HeightReference reference);
/// Terrain height per grid cell (0 everywhere without terrain).
std::vector<float> ground_heights(const GeoGrid& grid, const geo::Terrain* terrain);

CoverageResult compute_coverage(const std::vector<sim::SensorSpec>& sensors,
                                const geo::Terrain* terrain, const GeoGrid& grid,
                                std::vector<std::uint8_t> inside, const CoverageSettings& settings,
                                const Progress& progress = {});

/// The largest instrumented range among a sensor's kind's parameters (m).
double instrumented_range_m(const sim::SensorSpec& spec);

}  // namespace straja::coverage
