#include "coverage/coverage.h"

#include <algorithm>
#include <cmath>

#include "core/units.h"
#include "geo/radar.h"
#include "simulation/sensor_model.h"
#include "simulation/ssr_model.h"

namespace straja::coverage {

std::string to_string(HeightReference reference) {
  return reference == HeightReference::kAgl ? "agl" : "amsl";
}

double instrumented_range_m(const sim::SensorSpec& spec) {
  switch (spec.info.kind) {
    case SensorKind::kPsr3d:
      return spec.psr3d.max_range_m;
    case SensorKind::kSsr:
      return spec.ssr.max_range_m;
    case SensorKind::kAdsb:
      return spec.adsb.max_range_m;
  }
  return 0.0;
}

namespace {

bool four_thirds(const sim::SensorSpec& spec) {
  switch (spec.info.kind) {
    case SensorKind::kPsr3d:
      return spec.psr3d.four_thirds_earth;
    case SensorKind::kSsr:
      return spec.ssr.four_thirds_earth;
    case SensorKind::kAdsb:
      return spec.adsb.four_thirds_earth;
  }
  return true;
}

}  // namespace

SensorView::SensorView(const sim::SensorSpec& spec, const GeoGrid& grid,
                       const geo::Terrain* terrain)
    : spec_(spec),
      grid_(&grid),
      max_range_m_(instrumented_range_m(spec)),
      k_factor_(four_thirds(spec) ? geo::kFourThirds : 1.0),
      four_thirds_earth_(four_thirds(spec)) {
  const geo::Geodetic& site = spec.info.site;
  const BoundingBox reach =
      BoundingBox{site.lat_deg, site.lon_deg, site.lat_deg, site.lon_deg}.grown(max_range_m_ *
                                                                                1.01);
  row_begin_ = std::clamp(grid.row_of(reach.south_deg), 0, grid.rows());
  row_end_ = std::clamp(grid.row_of(reach.north_deg) + 1, 0, grid.rows());
  column_begin_ = std::clamp(grid.column_of(reach.west_deg), 0, grid.columns());
  column_end_ = std::clamp(grid.column_of(reach.east_deg) + 1, 0, grid.columns());
  if (row_end_ <= row_begin_ || column_end_ <= column_begin_) {
    row_end_ = row_begin_;
    column_end_ = column_begin_;
  }
  const geo::LocalFrame frame(site);
  geometry_.reserve(static_cast<std::size_t>(row_end_ - row_begin_) *
                    static_cast<std::size_t>(column_end_ - column_begin_));
  for (int row = row_begin_; row < row_end_; ++row) {
    for (int column = column_begin_; column < column_end_; ++column) {
      // The cell's ellipsoid point on the site's osculating sphere along its azimuth, as
      // geo::LocalRefraction places it.
      const geo::Vec3 enu =
          frame.to_enu(geo::Geodetic{grid.latitude_deg(row), grid.longitude_deg(column), 0.0});
      const double azimuth = units::wrap_two_pi(std::atan2(enu.x(), enu.y()));
      const double radius = geo::normal_section_radius_m(site.lat_deg, units::rad_to_deg(azimuth));
      const double rho = std::hypot(enu.x(), enu.y());
      const double up_from_centre = radius + site.height_m + enu.z();
      geometry_.push_back({azimuth, std::atan2(rho, up_from_centre), radius,
                           std::hypot(rho, up_from_centre) - radius});
    }
  }
  if (spec.info.kind == SensorKind::kPsr3d) {
    psr3d_ = std::make_unique<sim::Psr3dDetection>(spec.psr3d);
  }
  // The simulator masks the radars (psr3d, ssr) by the terrain, with its own sweep parameters;
  // its ADS-B stations see over a smooth earth only, and so do they here.
  if (terrain != nullptr && spec.info.kind != SensorKind::kAdsb && !geometry_.empty()) {
    terrain_mask_ = std::make_unique<const geo::HorizonMask>(site, *terrain, max_range_m_,
                                                             sim::kTerrainStepM, sim::kTerrainRays);
  }
}

std::size_t SensorView::grid_index(std::size_t window_cell) const {
  const auto columns = static_cast<std::size_t>(column_end_ - column_begin_);
  return grid_->index(row_begin_ + static_cast<int>(window_cell / columns),
                      column_begin_ + static_cast<int>(window_cell % columns));
}

void SensorView::visible_ranges(const std::vector<float>& target_height_m,
                                std::vector<float>& range_m) const {
  range_m.assign(geometry_.size(), 0.0f);
  const double site_height = spec_.info.site.height_m;
  const auto columns = static_cast<std::size_t>(column_end_ - column_begin_);
  std::size_t i = 0;
  for (int row = row_begin_; row < row_end_; ++row) {
    std::size_t g = grid_->index(row, column_begin_);
    for (std::size_t c = 0; c < columns; ++c, ++i, ++g) {
      const CellGeometry& cell = geometry_[i];
      const double ground_distance = cell.radius_m * cell.theta_rad;
      // Slant range >= ground distance less a chord's sagitta (16 m at 250 km): cells well
      // beyond the instrumented range cost nothing more.
      if (ground_distance > max_range_m_ + 1000.0) continue;
      const double height = static_cast<double>(target_height_m[g]);
      const double a = cell.radius_m + site_height;
      const double b = cell.radius_m + cell.surface_m + height;
      // Geometric slant range (straight line), r^2 = (a - b)^2 + 4ab sin^2(theta / 2).
      const double half_sin = std::sin(0.5 * cell.theta_rad);
      const double range = std::sqrt((a - b) * (a - b) + 4.0 * a * b * half_sin * half_sin);
      const double elevation =
          geo::effective_earth_polar(cell.radius_m, cell.theta_rad, site_height,
                                     cell.surface_m + height, k_factor_)
              .elevation_rad;
      bool within = false;
      switch (spec_.info.kind) {
        case SensorKind::kPsr3d:
          within = psr3d_->within_limits(range, elevation, height);
          break;
        case SensorKind::kSsr:
          within = sim::ssr_within_limits(spec_.ssr, range, elevation);
          break;
        case SensorKind::kAdsb:
          within = range <= spec_.adsb.max_range_m;
          break;
      }
      if (!within) continue;
      if (!sim::within_horizon(site_height, height, ground_distance, four_thirds_earth_)) continue;
      if (terrain_mask_ &&
          !terrain_mask_->visible(cell.azimuth_rad, range * std::cos(elevation), height)) {
        continue;
      }
      range_m[i] = static_cast<float>(range);
    }
  }
}

double SensorView::pd(double range_m, double rcs_m2) const {
  switch (spec_.info.kind) {
    case SensorKind::kPsr3d:
      return psr3d_->pd_at_range(range_m, rcs_m2);
    case SensorKind::kSsr:
      return spec_.ssr.pd;
    case SensorKind::kAdsb:
      return spec_.adsb.pd;
  }
  return 0.0;
}

std::vector<float> ground_heights(const GeoGrid& grid, const geo::Terrain* terrain) {
  std::vector<float> ground(grid.cells(), 0.0f);
  if (terrain == nullptr) return ground;
  for (int row = 0; row < grid.rows(); ++row) {
    const double lat = grid.latitude_deg(row);
    for (int column = 0; column < grid.columns(); ++column) {
      ground[grid.index(row, column)] =
          static_cast<float>(terrain->height_m(lat, grid.longitude_deg(column)));
    }
  }
  return ground;
}

std::vector<float> layer_heights(const std::vector<float>& ground_m, double layer_m,
                                 HeightReference reference) {
  std::vector<float> heights(ground_m.size(), static_cast<float>(layer_m));
  if (reference == HeightReference::kAgl) {
    for (std::size_t i = 0; i < heights.size(); ++i) heights[i] += ground_m[i];
  }
  return heights;
}

CoverageResult compute_coverage(const std::vector<sim::SensorSpec>& sensors,
                                const geo::Terrain* terrain, const GeoGrid& grid,
                                std::vector<std::uint8_t> inside, const CoverageSettings& settings,
                                const Progress& progress) {
  CoverageResult result;
  result.grid = grid;
  result.inside = std::move(inside);
  result.terrain = terrain != nullptr;
  result.settings = settings;
  result.sensors = sensors;
  for (int row = 0; row < grid.rows(); ++row) {
    for (int column = 0; column < grid.columns(); ++column) {
      if (result.inside[grid.index(row, column)] != 0) result.area_km2 += grid.cell_area_km2(row);
    }
  }
  if (progress) progress("terrain heights of " + std::to_string(grid.cells()) + " cells");
  result.ground_m = ground_heights(grid, terrain);
  std::vector<std::vector<float>> heights;
  for (const double layer : settings.layers_m) {
    heights.push_back(layer_heights(result.ground_m, layer, settings.reference));
  }
  const std::size_t rcs_count = settings.rcs_m2.size();
  for (const double layer : settings.layers_m) {
    for (const double rcs : settings.rcs_m2) {
      LayerCoverage coverage;
      coverage.layer_m = layer;
      coverage.rcs_m2 = rcs;
      coverage.pd_all.assign(grid.cells(), 1.0f);  // the miss probability until the end
      coverage.sensors_seeing.assign(grid.cells(), 0);
      coverage.sensor_covered_km2.assign(sensors.size(), 0.0);
      coverage.sensor_covers.assign(sensors.size(), std::vector<bool>(grid.cells(), false));
      result.layers.push_back(std::move(coverage));
    }
  }
  std::vector<float> ranges;
  for (std::size_t s = 0; s < sensors.size(); ++s) {
    if (progress) {
      progress("sensor " + std::to_string(s + 1) + "/" + std::to_string(sensors.size()) + " " +
               sensors[s].info.id + (terrain != nullptr ? " (terrain horizon sweep)" : ""));
    }
    const SensorView view(sensors[s], grid, terrain);
    const auto window_columns = static_cast<std::size_t>(view.column_end() - view.column_begin());
    for (std::size_t l = 0; l < settings.layers_m.size(); ++l) {
      view.visible_ranges(heights[l], ranges);
      for (std::size_t r = 0; r < rcs_count; ++r) {
        LayerCoverage& coverage = result.layers[l * rcs_count + r];
        const double rcs = settings.rcs_m2[r];
        double covered_km2 = 0.0;
        for (std::size_t i = 0; i < ranges.size(); ++i) {
          if (ranges[i] <= 0.0f) continue;
          const double pd = view.pd(static_cast<double>(ranges[i]), rcs);
          const std::size_t g = view.grid_index(i);
          coverage.pd_all[g] *= static_cast<float>(1.0 - pd);
          if (pd >= settings.pd_threshold) {
            coverage.sensor_covers[s][g] = true;
            if (coverage.sensors_seeing[g] < 255) ++coverage.sensors_seeing[g];
            if (result.inside[g] != 0) {
              covered_km2 +=
                  grid.cell_area_km2(view.row_begin() + static_cast<int>(i / window_columns));
            }
          }
        }
        coverage.sensor_covered_km2[s] = covered_km2;
      }
    }
  }
  for (LayerCoverage& coverage : result.layers) {
    for (int row = 0; row < grid.rows(); ++row) {
      for (int column = 0; column < grid.columns(); ++column) {
        const std::size_t g = grid.index(row, column);
        coverage.pd_all[g] = 1.0f - coverage.pd_all[g];
        if (result.inside[g] != 0 &&
            static_cast<double>(coverage.pd_all[g]) >= settings.pd_threshold) {
          coverage.covered_km2 += grid.cell_area_km2(row);
        }
      }
    }
  }
  return result;
}

}  // namespace straja::coverage
