#pragma once
// Shared by the coverage tests: a north-south ridge 1000 m high east of a radar on flat ground and
// the check that it shadows exactly what lies behind it (FunctionTerrain and GeoTIFF ridge tests),
// and a small complete coverage result over a box for the report and map tests.

#include <gtest/gtest.h>

#include <cmath>

#include "coverage/area.h"
#include "coverage/coverage.h"
#include "geo/geodetic.h"

namespace straja::coverage::testing {

inline constexpr double kRidgeWestDeg = 28.295;  // ridge spans these longitudes, 1000 m high
inline constexpr double kRidgeEastDeg = 28.305;
inline constexpr double kRidgeHeightM = 1000.0;
inline constexpr double kSiteLatDeg = 47.0;
inline constexpr double kSiteLonDeg = 28.0;
inline constexpr double kSiteHeightM = 100.0;

inline double ridge_height_m(double /*lat_deg*/, double lon_deg) {
  return lon_deg >= kRidgeWestDeg && lon_deg <= kRidgeEastDeg ? kRidgeHeightM : 0.0;
}

/// A 3D radar that detects with Pd ~ 1 wherever it sees (huge reference range, no elevation
/// limit): coverage is exactly line of sight.
inline sim::SensorSpec line_of_sight_radar() {
  sim::SensorSpec spec;
  spec.info.id = "radar";
  spec.info.kind = SensorKind::kPsr3d;
  spec.info.site = {kSiteLatDeg, kSiteLonDeg, kSiteHeightM};
  spec.psr3d.reference_range_m = 1e8;
  spec.psr3d.max_range_m = 400'000;
  spec.psr3d.min_elevation_deg = -90;
  spec.psr3d.ceiling_m = 1e6;
  return spec;
}

/// A box area (27.6-28.4 E, 46.7-47.3 N) around the line-of-sight radar, on 2 km cells, and its
/// smooth-earth coverage at 300 m AGL for 1 m^2: the small complete result the report and map
/// tests draw.
struct BoxCoverage {
  GeoGrid grid{BoundingBox{46.6, 27.4, 47.4, 28.6}, 2000.0};
  Area area;
  CoverageResult result;
};

inline BoxCoverage box_coverage() {
  BoxCoverage box;
  box.area.name = "box";
  box.area.rings.push_back({{27.6, 46.7}, {28.4, 46.7}, {28.4, 47.3}, {27.6, 47.3}});
  CoverageSettings settings;
  settings.layers_m = {300};
  settings.rcs_m2 = {1};
  box.result = compute_coverage({line_of_sight_radar()}, nullptr, box.grid,
                                rasterize(box.area, box.grid), settings);
  return box;
}

/// Coverage at 300 m and 3000 m AMSL over the ridge terrain; checks every cell whose expected state
/// is clear of the cell size: west of the ridge everything is seen; east of it, at 300 m nothing
/// (the target stays below the ray over the crest), at 3000 m what rises above the crest's ray
/// (the effective-earth drop included; cells within 3% of the shadow's edge are not judged).
inline void expect_ridge_shadow(const geo::Terrain& terrain) {
  const GeoGrid grid(BoundingBox{46.7, 27.6, 47.3, 28.9}, 500.0);
  CoverageSettings settings;
  settings.layers_m = {300, 3000};
  settings.reference = HeightReference::kAmsl;
  settings.rcs_m2 = {1};
  const CoverageResult result =
      compute_coverage({line_of_sight_radar()}, &terrain, grid,
                       std::vector<std::uint8_t>(grid.cells(), 1), settings);
  const double effective_radius = geo::kFourThirds * geo::kMeanEarthRadiusM;
  const double cell_lon = grid.cell_lon_deg();
  int judged_behind = 0, seen_behind = 0;
  for (int row = 0; row < grid.rows(); ++row) {
    for (int column = 0; column < grid.columns(); ++column) {
      const double lat = grid.latitude_deg(row);
      const double lon = grid.longitude_deg(column);
      const double d = geo::geodesic_inverse(kSiteLatDeg, kSiteLonDeg, lat, lon).distance_m;
      if (d < 3000.0 || d > 100'000.0) continue;  // near the antenna, or towards the horizon
      const std::size_t g = grid.index(row, column);
      const bool seen_low = result.at(0, 0).pd_all[g] >= 0.5f;
      const bool seen_high = result.at(1, 0).pd_all[g] >= 0.5f;
      if (lon < kRidgeWestDeg - 2 * cell_lon) {
        EXPECT_TRUE(seen_low) << "in front of the ridge at " << lat << ", " << lon;
        EXPECT_TRUE(seen_high) << "in front of the ridge at " << lat << ", " << lon;
      } else if (lon > kRidgeEastDeg + 2 * cell_lon) {
        EXPECT_FALSE(seen_low) << "behind the ridge at " << lat << ", " << lon;
        // The crest along this ray: distance to the ridge's west edge scaled along the ray.
        const double d_ridge = d * (kRidgeWestDeg - kSiteLonDeg) / (lon - kSiteLonDeg);
        const double crest_slope =
            (kRidgeHeightM - kSiteHeightM - d_ridge * d_ridge / (2 * effective_radius)) / d_ridge;
        const double target_slope = (3000.0 - kSiteHeightM - d * d / (2 * effective_radius)) / d;
        if (std::abs(target_slope - crest_slope) < 0.03 * crest_slope) continue;
        ++judged_behind;
        if (target_slope > crest_slope) ++seen_behind;
        EXPECT_EQ(seen_high, target_slope > crest_slope)
            << "behind the ridge at " << lat << ", " << lon;
      }
    }
  }
  EXPECT_GT(judged_behind, 100);
  EXPECT_GT(seen_behind, 10);  // the 3000 m layer does reappear behind the ridge
}

}  // namespace straja::coverage::testing
