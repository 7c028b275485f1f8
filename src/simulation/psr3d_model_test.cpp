#include "simulation/psr3d_model.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/units.h"

namespace straja::sim {
namespace {

SensorSpec radar() {
  SensorSpec spec;
  spec.info.id = "r";
  spec.info.site = {47.0, 28.85, 20.0};
  spec.psr3d.false_alarms_per_scan = 0.0;
  return spec;
}

TargetSpec stationary(geo::Geodetic where, double rcs = 10.0) {
  TargetSpec target;
  target.id = 7;
  target.start = where;
  target.rcs_m2 = rcs;
  return target;
}

TEST(Psr3dModelTest, Swerling1DetectionLaw) {
  // Pd = Pfa^(1/(1+SNR)): no signal -> Pd = Pfa; 13 dB (SNR 20) at Pfa 1e-6 -> exp(ln(1e-6)/21).
  EXPECT_NEAR(swerling1_pd(0.0, 1e-6), 1e-6, 1e-18);
  EXPECT_NEAR(swerling1_pd(20.0, 1e-6), std::exp(std::log(1e-6) / 21.0), 1e-15);
  EXPECT_NEAR(swerling1_pd(20.0, 1e-6), 0.51795, 1e-4);
}

TEST(Psr3dModelTest, ReferenceRangeGivesReferencePd) {
  const Psr3dModel model(radar(), SensorIndex{0});
  // A 1 m^2 target at the reference range (180 km) high enough to be above the horizon.
  const geo::Geodetic target = geo::geodesic_direct(47.0, 28.85, 90.0, 179'000.0);
  const double pd = model.detection_probability({target.lat_deg, target.lon_deg, 10'000.0}, 1.0);
  EXPECT_NEAR(pd, 0.9, 0.01);  // slant range is ~180 km
}

TEST(Psr3dModelTest, NoDetectionBelowHorizonBeyondRangeOrAboveCeiling) {
  SensorSpec spec = radar();
  spec.psr3d.min_elevation_deg = -5.0;  // isolate the horizon from the elevation limit
  const Psr3dModel model(spec, SensorIndex{0});
  // 20 m antenna, 100 m target: 4/3-earth horizon ~ 4.12 * (sqrt(20) + sqrt(100)) ~ 59.6 km.
  const geo::Geodetic near = geo::geodesic_direct(47.0, 28.85, 45.0, 50'000.0);
  const geo::Geodetic far = geo::geodesic_direct(47.0, 28.85, 45.0, 70'000.0);
  EXPECT_GT(model.detection_probability({near.lat_deg, near.lon_deg, 100.0}, 10.0), 0.5);
  EXPECT_EQ(model.detection_probability({far.lat_deg, far.lon_deg, 100.0}, 10.0), 0.0);
  const geo::Geodetic beyond = geo::geodesic_direct(47.0, 28.85, 45.0, 260'000.0);
  EXPECT_EQ(model.detection_probability({beyond.lat_deg, beyond.lon_deg, 15'000.0}, 100.0), 0.0);
  EXPECT_EQ(model.detection_probability({near.lat_deg, near.lon_deg, 21'000.0}, 100.0), 0.0);
}

TEST(Psr3dModelTest, NoiseHasConfiguredSigmaAndDetectionRateMatchesPd) {
  const SensorSpec spec = radar();
  const Psr3dModel model(spec, SensorIndex{0});
  const geo::Geodetic where = geo::geodesic_direct(47.0, 28.85, 60.0, 150'000.0);
  const TargetSpec target_spec = stationary({where.lat_deg, where.lon_deg, 8'000.0}, 1.0);
  const Time start = *parse_iso8601("2026-06-01T10:00:00Z");
  const std::vector<Trajectory> targets{
      Trajectory(target_spec, start, start + std::chrono::hours(24))};
  const geo::RadarSite site(spec.info.site, geo::Propagation::kFourThirdsEarth);
  const geo::Polar truth = true_polar(site, targets[0].ecef_at(start));
  const double pd = model.detection_probability(targets[0].position_at(start), 1.0);

  std::mt19937_64 rng(42);
  constexpr int kScans = 4000;
  int detections = 0;
  double range_sq = 0.0, azimuth_sq = 0.0, elevation_sq = 0.0;
  for (int k = 0; k < kScans; ++k) {
    const auto plots = model.scan(start + from_seconds(4.0 * k), targets, rng);
    for (const Plot& plot : plots) {
      ASSERT_EQ(plot.truth_id, 7);
      ++detections;
      range_sq += std::pow(plot.range_m - truth.range_m, 2);
      azimuth_sq += std::pow(units::wrap_pi(plot.azimuth_rad - truth.azimuth_rad), 2);
      elevation_sq += std::pow(plot.elevation_rad - truth.elevation_rad, 2);
    }
  }
  // Detection count within 4 binomial standard deviations of kScans * pd.
  const double expected = kScans * pd;
  EXPECT_NEAR(detections, expected, 4.0 * std::sqrt(kScans * pd * (1 - pd)));
  EXPECT_NEAR(std::sqrt(range_sq / detections), spec.psr3d.range_sigma_m,
              0.05 * spec.psr3d.range_sigma_m);
  EXPECT_NEAR(units::rad_to_deg(std::sqrt(azimuth_sq / detections)), spec.psr3d.azimuth_sigma_deg,
              0.05 * spec.psr3d.azimuth_sigma_deg);
  EXPECT_NEAR(units::rad_to_deg(std::sqrt(elevation_sq / detections)),
              spec.psr3d.elevation_sigma_deg, 0.05 * spec.psr3d.elevation_sigma_deg);
}

TEST(Psr3dModelTest, PlotsAreStampedWhenTheBeamCrossesAndSortedByTime) {
  SensorSpec spec = radar();
  spec.psr3d.false_alarms_per_scan = 30.0;
  const Psr3dModel model(spec, SensorIndex{0});
  const Time start = *parse_iso8601("2026-06-01T10:00:00Z");
  const geo::Geodetic east = geo::geodesic_direct(47.0, 28.85, 90.0, 60'000.0);
  const std::vector<Trajectory> targets{
      Trajectory(stationary({east.lat_deg, east.lon_deg, 5'000.0}, 100.0), start,
                 start + std::chrono::hours(1))};
  std::mt19937_64 rng(1);
  const auto plots = model.scan(start, targets, rng);
  ASSERT_GT(plots.size(), 5u);
  EXPECT_TRUE(std::is_sorted(plots.begin(), plots.end(),
                             [](const Plot& a, const Plot& b) { return a.time < b.time; }));
  for (const Plot& plot : plots) {
    // The beam is at azimuth 2 pi (t - start) / T when it sees anything.
    const double beam = 2.0 * units::kPi * to_seconds(plot.time - start) / 4.0;
    const double tolerance = plot.truth_id >= 0 ? 0.01 : 1e-6;  // target: plus its noise
    EXPECT_NEAR(units::wrap_pi(plot.azimuth_rad - beam), 0.0, tolerance) << plot.truth_id;
    if (plot.truth_id >= 0) {
      EXPECT_NEAR(to_seconds(plot.time - start), 1.0, 0.01);  // due east: a quarter turn
    }
  }
}

}  // namespace
}  // namespace straja::sim
