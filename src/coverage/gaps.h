#pragma once
// Gap analysis over a coverage result: the uncovered corridors a low target can cross the border
// through, and where additional sensors would cover the most.
//
// Next-site suggestion (suggest_sites): choose K candidate sites for additional sensors of one
// kind (a prototype's parameters) maximising the area inside the audited area that is covered in
// one layer and RCS, where a cell counts as covered when the existing network covers it
// (combined Pd >= threshold) or any added sensor alone does (its Pd >= threshold). That covered
// area is a weighted set union, a monotone submodular function of the chosen set, so the greedy
// choice (each step the candidate with the largest gain in newly covered km^2) covers at least
// (1 - 1/e) ~ 63% of what the best K-set covers (Nemhauser, Wolsey and Fisher, 1978).

#include <string>
#include <vector>

#include "coverage/coverage.h"

namespace straja::coverage {

/// A connected region of uncovered cells inside the area (4-neighbours) that touches the border.
struct Corridor {
  double area_km2 = 0.0;
  double border_km = 0.0;  ///< border cells of the region times the cell size: its crossing extent
  double centroid_lat_deg = 0.0;
  double centroid_lon_deg = 0.0;
  double border_lat_deg = 0.0;  ///< the middle of the region's border cells: where it crosses
  double border_lon_deg = 0.0;
};

/// Uncovered corridors of layer/rcs (indices into the result's settings), largest area first, at
/// most `max_count`.
std::vector<Corridor> uncovered_corridors(const CoverageResult& result, std::size_t layer,
                                          std::size_t rcs, std::size_t max_count);

struct CandidateSite {
  std::string id;
  geo::Geodetic site;  ///< antenna position (height above the ellipsoid)
};

/// Candidates from a CSV file with columns id, lat_deg, lon_deg and either height_m (antenna above
/// the ellipsoid) or mast_m (antenna above the terrain; default 30 m when neither is given).
/// Errors name file, line and field.
Result<std::vector<CandidateSite>> read_candidates(const std::string& path,
                                                   const geo::Terrain* terrain);
/// A candidate every `spacing_km` (grid cells inside the area), antenna `mast_m` above the terrain.
std::vector<CandidateSite> candidate_grid(const CoverageResult& result, double spacing_km,
                                          double mast_m);

inline constexpr double kDefaultMastM = 30.0;

struct SiteGain {
  CandidateSite site;
  double gain_km2 = 0.0;     ///< newly covered area inside the area
  double covered_km2 = 0.0;  ///< covered area after adding it
};

struct Suggestion {
  std::size_t layer = 0;  ///< indices into the result's settings
  std::size_t rcs = 0;
  double covered_km2_before = 0.0;
  std::size_t candidates = 0;
  std::vector<SiteGain> chosen;  ///< in the order greedy picked them
};

/// Greedy choice of `count` sites among `candidates` for sensors like `prototype` (its site
/// replaced), maximising covered area in layer/rcs. Stops early when no candidate adds anything.
Suggestion suggest_sites(const CoverageResult& result, const geo::Terrain* terrain,
                         const sim::SensorSpec& prototype,
                         const std::vector<CandidateSite>& candidates, int count, std::size_t layer,
                         std::size_t rcs, const Progress& progress = {});

}  // namespace straja::coverage
