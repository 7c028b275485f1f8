// Radar registration (tracking/registration/sensor_registration.h): the cost per radar plot of
// pairing it with the other radars' plots and updating the joint estimate, on a synthetic
// picture of three radars (two 3D radars and an SSR 100-200 km apart, as on moldova) watching
// ten aircraft circling between them, with ten false plots a scan per 3D radar; no ADS-B.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <vector>

#include "core/units.h"
#include "tracking/registration/sensor_registration.h"

namespace straja {
namespace {

using units::kDegToRad;

struct Picture {
  SensorRegistry registry;
  std::vector<Plot> plots;
};

Picture make_picture(double duration_s) {
  Picture picture;
  const auto add = [&picture](const char* id, SensorKind kind, geo::Geodetic site, double period) {
    SensorInfo info;
    info.id = id;
    info.kind = kind;
    info.site = site;
    info.range_sigma_m = 30.0;
    info.azimuth_sigma_rad = 0.15 * kDegToRad;
    info.elevation_sigma_rad = kind == SensorKind::kPsr3d ? 0.3 * kDegToRad : 0.0;
    info.rotation_period_s = period;
    info.max_range_m = 250'000.0;
    picture.registry.sensors.push_back(info);
  };
  add("north", SensorKind::kPsr3d, {47.0245, 28.76, 260.0}, 4.0);
  add("south", SensorKind::kPsr3d, {45.93, 28.21, 200.0}, 4.0);
  add("ssr", SensorKind::kSsr, {47.838, 27.781, 275.0}, 5.0);
  const geo::LocalFrame middle({46.8, 28.6, 0.0});
  std::mt19937 random(3);
  std::normal_distribution<double> noise(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  const Time start = from_unix_seconds(1'780'308'000.0);
  for (std::size_t r = 0; r < picture.registry.sensors.size(); ++r) {
    const SensorInfo& info = picture.registry.sensors[r];
    const bool three_d = info.kind == SensorKind::kPsr3d;
    const geo::RadarSite site(info.site, geo::Propagation::kFourThirdsEarth);
    for (double scan = 0.0; scan < duration_s; scan += info.rotation_period_s) {
      for (int a = 0; a < 10; ++a) {
        const auto position = [&middle, a](double t) {
          const double radius = 40'000.0 + 10'000.0 * a;
          const double angle = a * 36.0 * kDegToRad + (a % 2 ? 1.0 : -1.0) * 180.0 / radius * t;
          return middle.enu_to_ecef(
              {radius * std::sin(angle), radius * std::cos(angle), 3'000.0 + 800.0 * a});
        };
        // The beam crosses the target at about its azimuth's share of the rotation.
        const double azimuth = tracking::radar_coordinates(site, three_d, position(scan))[1];
        const double seen = scan + azimuth / (2.0 * M_PI) * info.rotation_period_s;
        const Eigen::Vector3d exact = tracking::radar_coordinates(site, three_d, position(seen));
        Plot plot;
        plot.time = start + from_seconds(seen);
        plot.sensor = SensorIndex{static_cast<std::uint16_t>(r)};
        plot.kind = info.kind;
        plot.range_m = exact[0] + 100.0 + 30.0 * noise(random);
        plot.azimuth_rad =
            units::wrap_two_pi(exact[1] + 0.2 * kDegToRad + info.azimuth_sigma_rad * noise(random));
        if (three_d) {
          plot.elevation_rad = exact[2] + info.elevation_sigma_rad * noise(random);
        } else {
          plot.alt_m = exact[2];
          plot.alt_kind = AltitudeKind::kBarometric;
          plot.icao = IcaoAddress{0x500000u + static_cast<std::uint32_t>(a)};
        }
        picture.plots.push_back(plot);
      }
      for (int false_plot = 0; three_d && false_plot < 10; ++false_plot) {
        Plot plot;
        plot.time = start + from_seconds(scan + uniform(random) * info.rotation_period_s);
        plot.sensor = SensorIndex{static_cast<std::uint16_t>(r)};
        plot.kind = info.kind;
        plot.range_m = 10'000.0 + 200'000.0 * uniform(random);
        plot.azimuth_rad = 2.0 * M_PI * uniform(random);
        plot.elevation_rad = 0.02 * uniform(random);
        picture.plots.push_back(plot);
      }
    }
  }
  std::sort(picture.plots.begin(), picture.plots.end(),
            [](const Plot& x, const Plot& y) { return x.time < y.time; });
  return picture;
}

/// Arg 0: radar-to-radar pairing off (the plots only pass through), 1: on.
void BM_RegistrationPerRadarPlot(benchmark::State& state) {
  static const Picture picture = make_picture(600.0);
  tracking::RegistrationConfig config;
  config.radar_pairs = state.range(0) != 0;
  std::size_t pairs = 0;
  for (auto _ : state) {
    state.PauseTiming();
    tracking::SensorRegistration registration(picture.registry, config);
    std::vector<Plot> plots = picture.plots;
    state.ResumeTiming();
    for (Plot& plot : plots) registration.observe_and_correct(plot);
    benchmark::DoNotOptimize(plots.data());
    pairs = registration.estimate(SensorIndex{0})->radar_pairs;
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(picture.plots.size()));
  state.counters["plots"] = static_cast<double>(picture.plots.size());
  state.counters["north_radar_pairs"] = static_cast<double>(pairs);
}
BENCHMARK(BM_RegistrationPerRadarPlot)
    ->Arg(0)
    ->Arg(1)
    ->ArgName("radar_pairs")
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace straja
