// The track-to-track fusion stage per output time (tracking/fusion/track_fusion.h): N local
// system tracks and N partner tracks of the same targets over a 400 km square, every second one
// with an aircraft address, the partner's positions off by its own errors and 2 s older.

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "tracking/fusion/covariance_intersection.h"
#include "tracking/fusion/track_fusion.h"

namespace straja::tracking {
namespace {

const geo::LocalFrame kFrame(geo::Geodetic{47.0, 28.8, 0.0});
const Time kAt = from_unix_seconds(1'780'308'000.0);

Covariance6 diagonal(double position_sigma_m, double velocity_sigma_mps) {
  Covariance6 p = Covariance6::Zero();
  const double ps = position_sigma_m * position_sigma_m;
  const double vs = velocity_sigma_mps * velocity_sigma_mps;
  p.diagonal() << ps, ps, ps, vs, vs, vs;
  return p;
}

struct Scene {
  std::vector<TrackReport> local;
  std::vector<PartnerTrack> partner;
};

Scene make_scene(std::size_t n) {
  std::mt19937 random(5);
  std::uniform_real_distribution<double> place(-200'000.0, 200'000.0);
  std::uniform_real_distribution<double> heading(0.0, 6.283185307179586);
  std::normal_distribution<double> noise;
  Scene scene;
  for (std::size_t i = 0; i < n; ++i) {
    const geo::Vec3 at(place(random), place(random), 9'000.0);
    const double h = heading(random);
    const geo::Vec3 velocity(220.0 * std::sin(h), 220.0 * std::cos(h), 0.0);
    TrackReport r;
    r.time = kAt;
    r.id = TrackId{static_cast<std::uint32_t>(i + 1)};
    r.status = TrackStatus::kConfirmed;
    r.position = kFrame.to_geodetic(at + geo::Vec3(60.0 * noise(random), 60.0 * noise(random), 0));
    r.velocity_enu_mps = velocity;
    r.covariance_enu = diagonal(60.0, 4.0);
    if (i % 2 == 0) r.icao = IcaoAddress{static_cast<std::uint32_t>(0x400000 + i)};
    scene.local.push_back(r);
    PartnerTrack p;
    p.key = {SacSic{7, 9}, static_cast<std::uint16_t>(i)};
    p.time = kAt - from_seconds(2.0);
    p.position = kFrame.to_geodetic(at - 2.0 * velocity +
                                    geo::Vec3(90.0 * noise(random), 90.0 * noise(random), 0));
    p.velocity_enu_mps = velocity;
    p.covariance_enu = diagonal(90.0, 3.0);
    p.icao = r.icao;
    scene.partner.push_back(p);
  }
  return scene;
}

/// Steady state: the pairs of the output time before are kept (or found again by address).
void BM_TrackFusion(benchmark::State& state) {
  const Scene scene = make_scene(static_cast<std::size_t>(state.range(0)));
  TrackFusion fusion({}, kFrame);
  for (const PartnerTrack& p : scene.partner) fusion.add(p);
  std::vector<TrackReport> out;
  fusion.fuse(scene.local, kAt, out);
  for (auto _ : state) {
    fusion.fuse(scene.local, kAt, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["fused"] =
      static_cast<double>(fusion.statistics().fused_kept + fusion.statistics().fused_by_address +
                          fusion.statistics().fused_by_gate) /
      static_cast<double>(state.iterations() + 1);
}
BENCHMARK(BM_TrackFusion)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

/// First contact: no pairs before; the tracks without an address are paired through the gate.
void BM_TrackFusionFirstContact(benchmark::State& state) {
  const Scene scene = make_scene(static_cast<std::size_t>(state.range(0)));
  std::vector<TrackReport> out;
  for (auto _ : state) {
    TrackFusion fusion({}, kFrame);
    for (const PartnerTrack& p : scene.partner) fusion.add(p);
    fusion.fuse(scene.local, kAt, out);
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_TrackFusionFirstContact)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_CovarianceIntersection(benchmark::State& state) {
  Vector6 a = Vector6::Zero();
  Vector6 b = Vector6::Constant(10.0);
  const Matrix6 pa = diagonal(60.0, 4.0);
  Matrix6 pb = diagonal(90.0, 3.0);
  pb(0, 1) = pb(1, 0) = 2'000.0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(covariance_intersection(a, pa, b, pb));
  }
}
BENCHMARK(BM_CovarianceIntersection);

}  // namespace
}  // namespace straja::tracking
