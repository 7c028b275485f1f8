// Radar geometry (geo/radar.h): one radar site's polar coordinates of a point and back, through
// GeographicLib's geodesics or through the site's tabulated ones (GeodesicFan), for the 4/3-earth
// model the simulator and the registration use per plot.

#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <vector>

#include "geo/radar.h"

namespace straja {
namespace {

constexpr double kMaxRangeM = 250'000.0;

geo::RadarSite make_site(bool tabulated) {
  geo::RadarSite site({47.0245, 28.76, 260.0}, geo::Propagation::kFourThirdsEarth);
  if (tabulated) site.tabulate_geodesics(kMaxRangeM);
  return site;
}

std::vector<geo::Polar> random_polars() {
  std::mt19937_64 random(9);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<geo::Polar> polars(4096);
  for (geo::Polar& polar : polars) {
    polar = {kMaxRangeM * unit(random), 2.0 * M_PI * unit(random), 0.2 * unit(random)};
  }
  return polars;
}

/// Arg: 0 GeographicLib's direct problem, 1 the tabulated geodesics.
void BM_RadarSiteToEcef(benchmark::State& state) {
  const geo::RadarSite site = make_site(state.range(0) != 0);
  const std::vector<geo::Polar> polars = random_polars();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(site.to_ecef(polars[i++ % polars.size()]));
  }
}
BENCHMARK(BM_RadarSiteToEcef)->Arg(0)->Arg(1)->ArgName("tabulated");

/// Arg: 0 GeographicLib's inverse problem, 1 the tabulated geodesics.
void BM_RadarSiteToPolar(benchmark::State& state) {
  const geo::RadarSite site = make_site(state.range(0) != 0);
  std::vector<geo::Vec3> points;
  for (const geo::Polar& polar : random_polars()) points.push_back(make_site(false).to_ecef(polar));
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(site.to_polar(points[i++ % points.size()]));
  }
}
BENCHMARK(BM_RadarSiteToPolar)->Arg(0)->Arg(1)->ArgName("tabulated");

}  // namespace
}  // namespace straja
