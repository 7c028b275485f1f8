#include "coverage/gaps.h"

#include <algorithm>
#include <cmath>
#include <deque>

#include "coverage/area.h"
#include "io/csv_reader.h"

namespace straja::coverage {

std::vector<Corridor> uncovered_corridors(const CoverageResult& result, std::size_t layer,
                                          std::size_t rcs, std::size_t max_count) {
  const GeoGrid& grid = result.grid;
  const LayerCoverage& coverage = result.at(layer, rcs);
  const std::vector<std::uint8_t> border = border_cells(result.inside, grid);
  auto uncovered = [&](std::size_t g) {
    return result.inside[g] != 0 &&
           static_cast<double>(coverage.pd_all[g]) < result.settings.pd_threshold;
  };
  std::vector<std::uint8_t> seen(grid.cells(), 0);
  std::vector<Corridor> corridors;
  std::deque<std::pair<int, int>> queue;
  for (int row = 0; row < grid.rows(); ++row) {
    for (int column = 0; column < grid.columns(); ++column) {
      const std::size_t start = grid.index(row, column);
      if (seen[start] != 0 || !uncovered(start)) continue;
      // Flood fill one region (breadth first, 4-neighbours).
      Corridor corridor;
      double lat_sum = 0.0, lon_sum = 0.0, border_lat = 0.0, border_lon = 0.0;
      std::size_t cells = 0, border_count = 0;
      seen[start] = 1;
      queue.emplace_back(row, column);
      while (!queue.empty()) {
        const auto [r, c] = queue.front();
        queue.pop_front();
        const std::size_t g = grid.index(r, c);
        corridor.area_km2 += grid.cell_area_km2(r);
        lat_sum += grid.latitude_deg(r);
        lon_sum += grid.longitude_deg(c);
        ++cells;
        if (border[g] != 0) {
          ++border_count;
          border_lat += grid.latitude_deg(r);
          border_lon += grid.longitude_deg(c);
        }
        const int neighbours[4][2] = {{r - 1, c}, {r + 1, c}, {r, c - 1}, {r, c + 1}};
        for (const auto& [nr, nc] : neighbours) {
          if (nr < 0 || nr >= grid.rows() || nc < 0 || nc >= grid.columns()) continue;
          const std::size_t n = grid.index(nr, nc);
          if (seen[n] != 0 || !uncovered(n)) continue;
          seen[n] = 1;
          queue.emplace_back(nr, nc);
        }
      }
      if (border_count == 0) continue;  // a hole inside: no way in from outside
      corridor.border_km = static_cast<double>(border_count) * grid.cell_m() / 1000.0;
      corridor.centroid_lat_deg = lat_sum / static_cast<double>(cells);
      corridor.centroid_lon_deg = lon_sum / static_cast<double>(cells);
      corridor.border_lat_deg = border_lat / static_cast<double>(border_count);
      corridor.border_lon_deg = border_lon / static_cast<double>(border_count);
      corridors.push_back(corridor);
    }
  }
  std::sort(corridors.begin(), corridors.end(),
            [](const Corridor& a, const Corridor& b) { return a.area_km2 > b.area_km2; });
  if (corridors.size() > max_count) corridors.resize(max_count);
  return corridors;
}

Result<std::vector<CandidateSite>> read_candidates(const std::string& path,
                                                   const geo::Terrain* terrain) {
  auto reader = io::CsvReader::open(path);
  if (!reader) return reader.error();
  auto id = reader->column("id");
  auto lat = reader->column("lat_deg");
  auto lon = reader->column("lon_deg");
  if (!id) return id.error();
  if (!lat) return lat.error();
  if (!lon) return lon.error();
  const auto height = reader->find_column("height_m");
  const auto mast = reader->find_column("mast_m");
  std::vector<CandidateSite> candidates;
  while (reader->next()) {
    CandidateSite candidate;
    candidate.id = std::string(reader->cell(*id));
    auto lat_value = reader->number(*lat);
    auto lon_value = reader->number(*lon);
    if (!lat_value) return lat_value.error();
    if (!lon_value) return lon_value.error();
    if (*lat_value < -90 || *lat_value > 90) return reader->error(*lat, "outside [-90, 90]");
    if (*lon_value < -180 || *lon_value > 180) return reader->error(*lon, "outside [-180, 180]");
    candidate.site.lat_deg = *lat_value;
    candidate.site.lon_deg = *lon_value;
    const double ground = terrain != nullptr ? terrain->height_m(*lat_value, *lon_value) : 0.0;
    candidate.site.height_m = ground + kDefaultMastM;
    if (height) {
      auto value = reader->optional_number(*height);
      if (!value) return value.error();
      if (*value) candidate.site.height_m = **value;
    } else if (mast) {
      auto value = reader->optional_number(*mast);
      if (!value) return value.error();
      if (*value) candidate.site.height_m = ground + **value;
    }
    if (candidate.id.empty()) candidate.id = "candidate-" + std::to_string(candidates.size() + 1);
    candidates.push_back(std::move(candidate));
  }
  if (candidates.empty()) return make_error(ErrorCode::kInvalidValue, path + ": no candidate rows");
  return candidates;
}

std::vector<CandidateSite> candidate_grid(const CoverageResult& result, double spacing_km,
                                          double mast_m) {
  const GeoGrid& grid = result.grid;
  const int step = std::max(1, static_cast<int>(std::lround(spacing_km * 1000.0 / grid.cell_m())));
  std::vector<CandidateSite> candidates;
  for (int row = step / 2; row < grid.rows(); row += step) {
    for (int column = step / 2; column < grid.columns(); column += step) {
      const std::size_t g = grid.index(row, column);
      if (result.inside[g] == 0) continue;
      CandidateSite candidate;
      candidate.site = {grid.latitude_deg(row), grid.longitude_deg(column),
                        static_cast<double>(result.ground_m[g]) + mast_m};
      candidate.id = "grid-" + std::to_string(candidates.size() + 1);
      candidates.push_back(candidate);
    }
  }
  return candidates;
}

Suggestion suggest_sites(const CoverageResult& result, const geo::Terrain* terrain,
                         const sim::SensorSpec& prototype,
                         const std::vector<CandidateSite>& candidates, int count, std::size_t layer,
                         std::size_t rcs, const Progress& progress) {
  const GeoGrid& grid = result.grid;
  const CoverageSettings& settings = result.settings;
  const LayerCoverage& coverage = result.at(layer, rcs);
  Suggestion suggestion;
  suggestion.layer = layer;
  suggestion.rcs = rcs;
  suggestion.candidates = candidates.size();
  suggestion.covered_km2_before = coverage.covered_km2;
  // Covered now (inside cells only matter).
  std::vector<std::uint8_t> covered(grid.cells(), 0);
  for (std::size_t g = 0; g < grid.cells(); ++g) {
    covered[g] = static_cast<double>(coverage.pd_all[g]) >= settings.pd_threshold ? 1 : 0;
  }
  // Each candidate's cells inside the area that the network does not cover yet.
  const std::vector<float> heights =
      layer_heights(result.ground_m, settings.layers_m[layer], settings.reference);
  std::vector<std::vector<std::uint32_t>> reach(candidates.size());
  std::vector<float> ranges;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    if (progress && (c % 10 == 0 || c + 1 == candidates.size())) {
      progress("candidate sites " + std::to_string(c + 1) + "/" +
               std::to_string(candidates.size()));
    }
    sim::SensorSpec spec = prototype;
    spec.info.id = candidates[c].id;
    spec.info.site = candidates[c].site;
    const SensorView view(spec, grid, terrain);
    view.visible_ranges(heights, ranges);
    for (std::size_t i = 0; i < ranges.size(); ++i) {
      if (ranges[i] <= 0.0f) continue;
      const std::size_t g = view.grid_index(i);
      if (result.inside[g] == 0 || covered[g] != 0) continue;
      if (view.pd(static_cast<double>(ranges[i]), settings.rcs_m2[rcs]) >= settings.pd_threshold) {
        reach[c].push_back(static_cast<std::uint32_t>(g));
      }
    }
  }
  std::vector<std::uint8_t> taken(candidates.size(), 0);
  double covered_km2 = coverage.covered_km2;
  for (int k = 0; k < count; ++k) {
    double best_gain = 0.0;
    std::size_t best = candidates.size();
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      if (taken[c] != 0) continue;
      double gain = 0.0;
      for (const std::uint32_t g : reach[c]) {
        if (covered[g] == 0)
          gain +=
              grid.cell_area_km2(static_cast<int>(g / static_cast<std::uint32_t>(grid.columns())));
      }
      if (gain > best_gain) {
        best_gain = gain;
        best = c;
      }
    }
    if (best == candidates.size()) break;  // nothing adds coverage any more
    taken[best] = 1;
    for (const std::uint32_t g : reach[best]) covered[g] = 1;
    covered_km2 += best_gain;
    suggestion.chosen.push_back({candidates[best], best_gain, covered_km2});
  }
  return suggestion;
}

}  // namespace straja::coverage
