// The coverage audit's hot path (figures in bench/RESULTS.md, section "Coverage"): a 400 km x
// 400 km area at 250 m cells (2.56 M cells), 5 altitude layers (AGL over the DEM), 10 3D radars of
// 250 km instrumented range, one RCS, with a synthetic DEM (rolling hills up to 600 m, through
// the same Terrain interface an SRTM or GeoTIFF DEM uses). One iteration: terrain heights, each
// radar's horizon sweep and cell geometry, and every cell and layer's Pd.

#include <benchmark/benchmark.h>

#include <cmath>

#include "coverage/coverage.h"

namespace straja {
namespace {

std::vector<sim::SensorSpec> ten_radars() {
  std::vector<sim::SensorSpec> radars;
  for (int i = 0; i < 10; ++i) {
    sim::SensorSpec spec;
    spec.info.id = "psr" + std::to_string(i);
    spec.info.kind = SensorKind::kPsr3d;
    spec.info.site = {46.0 + 0.5 * (i % 5), 26.5 + 1.2 * (i / 5) + 0.3 * (i % 2), 400.0};
    spec.psr3d.min_elevation_deg = -1;
    radars.push_back(spec);
  }
  return radars;
}

void BM_Coverage400KmSquare250mFiveLayersTenRadarsDem(benchmark::State& state) {
  const geo::FunctionTerrain hills([](double lat, double lon) {
    return 300.0 + 300.0 * std::sin(lat * 7.0) * std::cos(lon * 5.0);
  });
  // 400 km x 400 km around 47 N 28 E.
  const coverage::BoundingBox box{47.0 - 1.7988, 28.0 - 2.6316, 47.0 + 1.7988, 28.0 + 2.6316};
  const coverage::GeoGrid grid(box, 250.0);
  coverage::CoverageSettings settings;
  settings.layers_m = {100, 300, 1000, 3000, 10000};
  settings.rcs_m2 = {static_cast<double>(state.range(0)) / 100.0};
  const auto sensors = ten_radars();
  for (auto _ : state) {
    const auto result = coverage::compute_coverage(
        sensors, &hills, grid, std::vector<std::uint8_t>(grid.cells(), 1), settings);
    benchmark::DoNotOptimize(result.layers[0].covered_km2);
  }
  state.counters["cells"] = static_cast<double>(grid.cells());
}
BENCHMARK(BM_Coverage400KmSquare250mFiveLayersTenRadarsDem)
    ->Arg(100)  // RCS 1 m^2
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

}  // namespace
}  // namespace straja
