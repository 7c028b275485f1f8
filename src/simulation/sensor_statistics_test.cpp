// Statistical checks of the sensor models over many seeded draws: measured noise sigma within 5% of
// the configured value, detection and reception rates within binomial confidence of Pd, false
// alarms Poisson in number and uniform in space, biases applied with their documented sign, and
// the horizon (never seen below it, seen at Pd above it). Deterministic (fixed seeds) and fast.

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/units.h"
#include "simulation/adsb_model.h"
#include "simulation/psr3d_model.h"
#include "simulation/ssr_model.h"

namespace straja::sim {
namespace {

const Time kStart = *parse_iso8601("2026-06-01T10:00:00Z");
const geo::Geodetic kSite{47.0, 28.85, 20.0};

struct Moments {
  double n = 0.0;
  double sum = 0.0;
  double sum_sq = 0.0;
  void add(double x) {
    n += 1.0;
    sum += x;
    sum_sq += x * x;
  }
  double mean() const { return sum / n; }
  double sigma() const { return std::sqrt(std::max(0.0, sum_sq / n - mean() * mean())); }
  /// Standard error of the mean.
  double error() const { return sigma() / std::sqrt(n); }
};

/// Successes within 4 binomial standard deviations (+1 for discreteness) of trials * p.
void expect_binomial(int successes, int trials, double p, const std::string& what) {
  const double expected = trials * p;
  const double tolerance = 4.0 * std::sqrt(trials * p * (1.0 - p)) + 1.0;
  EXPECT_NEAR(successes, expected, tolerance) << what << ": " << successes << " of " << trials;
}

/// Pearson chi-square of counts against a uniform spread; below 50 for 20 bins (df 19) holds
/// with probability > 0.9999 for truly uniform data.
double chi_square_uniform(const std::vector<int>& bins) {
  double total = 0.0;
  for (const int count : bins) total += count;
  const double expected = total / static_cast<double>(bins.size());
  double chi2 = 0.0;
  for (const int count : bins) chi2 += (count - expected) * (count - expected) / expected;
  return chi2;
}

SensorSpec sensor(SensorKind kind) {
  SensorSpec spec;
  spec.info.id = "s";
  spec.info.kind = kind;
  spec.info.site = kSite;
  spec.psr3d.false_alarms_per_scan = 0.0;
  return spec;
}

TargetSpec standing(double azimuth_deg, double distance_m, double height_m) {
  const geo::Geodetic where =
      geo::geodesic_direct(kSite.lat_deg, kSite.lon_deg, azimuth_deg, distance_m);
  TargetSpec target;
  target.id = 7;
  target.start = {where.lat_deg, where.lon_deg, height_m};
  target.rcs_m2 = 1.0;
  target.transponder = Transponder::kModeS;
  target.mode3a = Mode3A{07000};
  target.icao = IcaoAddress{0xABCDEF};
  target.adsb = true;
  return target;
}

std::vector<Trajectory> one(const TargetSpec& target) {
  return {Trajectory(target, kStart, kStart + std::chrono::hours(48))};
}

geo::Polar truth_polar(const SensorSpec& spec, const Trajectory& target) {
  const geo::RadarSite site(spec.info.site, geo::Propagation::kFourThirdsEarth);
  return true_polar(site, target.ecef_at(kStart));
}

struct RadarResiduals {
  int scans = 0;
  int detections = 0;
  Moments range, azimuth, elevation, time;
};

/// Scans a standing target `scans` times and collects measured minus true.
template <typename Model>
RadarResiduals radar_residuals(const Model& model, const SensorSpec& spec, const TargetSpec& target,
                               int scans, std::uint64_t seed) {
  const auto targets = one(target);
  const geo::Polar truth = truth_polar(spec, targets[0]);
  const double period = model.scan_period_s();
  std::mt19937_64 rng(seed);
  RadarResiduals r;
  for (int k = 0; k < scans; ++k) {
    const Time scan_start = kStart + from_seconds(period * k);
    ++r.scans;
    for (const Plot& plot : model.scan(scan_start, targets, rng)) {
      ++r.detections;
      r.range.add(plot.range_m - truth.range_m);
      r.azimuth.add(units::rad_to_deg(units::wrap_pi(plot.azimuth_rad - truth.azimuth_rad)));
      if (measured(plot.elevation_rad)) {
        r.elevation.add(units::rad_to_deg(plot.elevation_rad - truth.elevation_rad));
      }
      // A standing target is crossed when the beam reaches its true azimuth.
      const double crossing = period * truth.azimuth_rad / (2.0 * units::kPi);
      r.time.add(to_seconds(plot.time - scan_start) - crossing);
    }
  }
  return r;
}

TEST(SensorStatisticsTest, Psr3dDetectionRateFollowsSwerling1AtEveryRange) {
  const SensorSpec spec = sensor(SensorKind::kPsr3d);
  const Psr3dModel model(spec, SensorIndex{0});
  for (const double distance : {120'000.0, 180'000.0, 220'000.0}) {
    const TargetSpec target = standing(40.0, distance, 9'000.0);
    const double pd = model.detection_probability(target.start, 1.0);
    const RadarResiduals r = radar_residuals(model, spec, target, 3000, 11);
    expect_binomial(r.detections, r.scans, pd, "psr3d at " + std::to_string(distance));
  }
}

TEST(SensorStatisticsTest, SsrNoiseAndDetectionRateAreAsConfigured) {
  SensorSpec spec = sensor(SensorKind::kSsr);
  spec.ssr.range_sigma_m = 20.0;
  spec.ssr.azimuth_sigma_deg = 0.06;
  spec.ssr.pd = 0.97;
  const SsrModel model(spec, SensorIndex{0}, Environment{});
  const RadarResiduals r =
      radar_residuals(model, spec, standing(250.0, 150'000.0, 9'000.0), 4000, 12);
  expect_binomial(r.detections, r.scans, 0.97, "ssr detections");
  EXPECT_NEAR(r.range.sigma(), 20.0, 0.05 * 20.0);
  EXPECT_NEAR(r.azimuth.sigma(), 0.06, 0.05 * 0.06);
  EXPECT_NEAR(r.range.mean(), 0.0, 4.0 * r.range.error());
  EXPECT_NEAR(r.azimuth.mean(), 0.0, 4.0 * r.azimuth.error());
  EXPECT_EQ(r.elevation.n, 0.0);  // 2D
}

TEST(SensorStatisticsTest, Psr3dBiasesApplyWithTheirDocumentedSign) {
  SensorSpec spec = sensor(SensorKind::kPsr3d);
  spec.biases = {.range_m = 120.0,
                 .range_gain = 2e-4,
                 .azimuth_deg = 0.3,
                 .elevation_deg = -0.2,
                 .time_s = 0.05};
  const Psr3dModel model(spec, SensorIndex{0});
  const TargetSpec target = standing(130.0, 100'000.0, 9'000.0);
  const RadarResiduals r = radar_residuals(model, spec, target, 3000, 13);
  ASSERT_GT(r.detections, 2000);
  const double range = truth_polar(spec, one(target)[0]).range_m;
  // measured = (1 + gain) * true + offset: +120 m + 2e-4 * ~100.4 km = +140 m.
  EXPECT_NEAR(r.range.mean(), 120.0 + 2e-4 * range, 4.0 * r.range.error());
  EXPECT_NEAR(r.azimuth.mean(), 0.3, 4.0 * r.azimuth.error());
  EXPECT_NEAR(r.elevation.mean(), -0.2, 4.0 * r.elevation.error());
  // Stamped late by the time bias (the beam crossing is found from the chord's azimuth, within
  // ~2e-6 rad, a few microseconds, of the geodesic one); the noise keeps its sigma.
  EXPECT_NEAR(r.time.mean(), 0.05, 1e-5);
  EXPECT_NEAR(r.time.sigma(), 0.0, 1e-5);
  EXPECT_NEAR(r.range.sigma(), spec.psr3d.range_sigma_m, 0.05 * spec.psr3d.range_sigma_m);
  EXPECT_NEAR(r.azimuth.sigma(), spec.psr3d.azimuth_sigma_deg, 0.05 * spec.psr3d.azimuth_sigma_deg);
  EXPECT_NEAR(r.elevation.sigma(), spec.psr3d.elevation_sigma_deg,
              0.05 * spec.psr3d.elevation_sigma_deg);
}

TEST(SensorStatisticsTest, SsrBiasesApplyWithTheirDocumentedSign) {
  SensorSpec spec = sensor(SensorKind::kSsr);
  spec.biases = {.range_m = -80.0, .range_gain = -1e-4, .azimuth_deg = -0.12, .time_s = -0.02};
  const SsrModel model(spec, SensorIndex{0}, Environment{});
  const TargetSpec target = standing(300.0, 200'000.0, 10'000.0);
  const RadarResiduals r = radar_residuals(model, spec, target, 2000, 14);
  const double range = truth_polar(spec, one(target)[0]).range_m;
  EXPECT_NEAR(r.range.mean(), -80.0 - 1e-4 * range, 4.0 * r.range.error());
  EXPECT_NEAR(r.azimuth.mean(), -0.12, 4.0 * r.azimuth.error());
  EXPECT_NEAR(r.time.mean(), -0.02, 1e-5);
}

TEST(SensorStatisticsTest, Psr3dFalseAlarmsArePoissonAndUniform) {
  SensorSpec spec = sensor(SensorKind::kPsr3d);
  spec.psr3d.false_alarms_per_scan = 20.0;
  const Psr3dModel model(spec, SensorIndex{0});
  const std::vector<Trajectory> none;
  std::mt19937_64 rng(15);
  constexpr int kScans = 2000;
  Moments count;
  std::vector<int> range_bins(20), azimuth_bins(20), elevation_bins(20);
  const Psr3dParameters& p = spec.psr3d;
  for (int k = 0; k < kScans; ++k) {
    const Time scan_start = kStart + from_seconds(4.0 * k);
    const auto plots = model.scan(scan_start, none, rng);
    count.add(static_cast<double>(plots.size()));
    for (const Plot& plot : plots) {
      ASSERT_EQ(plot.truth_id, -1);
      const double range_fraction =
          (plot.range_m - p.min_range_m) / (p.max_range_m - p.min_range_m);
      const double azimuth_fraction = plot.azimuth_rad / (2.0 * units::kPi);
      const double elevation_fraction =
          units::rad_to_deg(plot.elevation_rad) / p.false_alarm_max_elevation_deg;
      for (const double fraction : {range_fraction, azimuth_fraction, elevation_fraction}) {
        ASSERT_GE(fraction, 0.0);
        ASSERT_LT(fraction, 1.0);
      }
      ++range_bins[static_cast<std::size_t>(range_fraction * 20)];
      ++azimuth_bins[static_cast<std::size_t>(azimuth_fraction * 20)];
      ++elevation_bins[static_cast<std::size_t>(elevation_fraction * 20)];
      // Stamped when the beam points at it.
      EXPECT_NEAR(to_seconds(plot.time - scan_start), 4.0 * azimuth_fraction, 1e-8);
    }
  }
  // Poisson: mean 20 (standard error 0.1) and variance equal to the mean (within ~4.5 errors).
  EXPECT_NEAR(count.mean(), 20.0, 0.4);
  EXPECT_NEAR(count.sigma() * count.sigma() / count.mean(), 1.0, 0.15);
  EXPECT_LT(chi_square_uniform(range_bins), 50.0);
  EXPECT_LT(chi_square_uniform(azimuth_bins), 50.0);
  EXPECT_LT(chi_square_uniform(elevation_bins), 50.0);
}

TEST(SensorStatisticsTest, NothingBelowTheHorizonEverythingAboveAtPd) {
  // 20 m antenna, 100 m target: the 4/3-earth horizon lies ~59.6 km away.
  const double horizon = geo::radar_horizon_distance_m(20.0, 100.0);
  ASSERT_NEAR(horizon, 59'600.0, 300.0);
  SensorSpec psr = sensor(SensorKind::kPsr3d);
  psr.psr3d.min_elevation_deg = -5.0;  // isolate the horizon from the elevation limit
  SensorSpec ssr = sensor(SensorKind::kSsr);
  ssr.ssr.min_elevation_deg = -5.0;
  ssr.ssr.pd = 0.97;
  SensorSpec adsb = sensor(SensorKind::kAdsb);
  adsb.adsb.pd = 0.95;
  const Psr3dModel psr_model(psr, SensorIndex{0});
  const SsrModel ssr_model(ssr, SensorIndex{1}, Environment{});
  const AdsbModel adsb_model(adsb, SensorIndex{2}, Environment{}, 3);

  for (const double factor : {0.98, 1.02}) {
    TargetSpec target = standing(75.0, factor * horizon, 100.0);
    target.rcs_m2 = 10.0;
    const bool visible = factor < 1.0;
    const auto targets = one(target);
    const double psr_pd = psr_model.detection_probability(target.start, 10.0);
    EXPECT_EQ(psr_pd > 0.0, visible);
    EXPECT_EQ(ssr_model.covers(target.start), visible);
    EXPECT_EQ(adsb_model.receives(target.start), visible);
    std::mt19937_64 rng(16);
    int psr_hits = 0, ssr_hits = 0, adsb_hits = 0;
    constexpr int kScans = 1000;
    for (int k = 0; k < kScans; ++k) {
      const Time t = kStart + from_seconds(4.0 * k);
      psr_hits += static_cast<int>(psr_model.scan(t, targets, rng).size());
      ssr_hits += static_cast<int>(ssr_model.scan(t, targets, rng).size());
      adsb_hits += static_cast<int>(adsb_model.scan(t, targets, rng).size());
    }
    if (!visible) {
      EXPECT_EQ(psr_hits, 0);
      EXPECT_EQ(ssr_hits, 0);
      EXPECT_EQ(adsb_hits, 0);
    } else {
      expect_binomial(psr_hits, kScans, psr_pd, "psr3d above the horizon");
      expect_binomial(ssr_hits, kScans, 0.97, "ssr above the horizon");
      expect_binomial(adsb_hits, kScans, 0.95, "adsb above the horizon");
    }
  }
}

TEST(SensorStatisticsTest, AdsbErrorsFollowNacpAndNacv) {
  SensorSpec spec = sensor(SensorKind::kAdsb);
  spec.adsb.pd = 0.95;
  const AdsbModel model(spec, SensorIndex{0}, Environment{}, 17);
  TargetSpec target = standing(20.0, 100'000.0, 9'000.0);
  target.nacp = 8;  // EPU 0.05 NM = 92.6 m -> sigma 37.8 m per axis
  target.nacv = 3;  // 1 m/s -> sigma 0.41 m/s
  const auto targets = one(target);
  const geo::LocalFrame local(target.start);
  const double position_sigma = sigma_for_95_radius(92.6);
  const double velocity_sigma = sigma_for_95_radius(1.0);
  std::mt19937_64 rng(18);
  constexpr int kScans = 4000;
  int reports = 0;
  int inside_epu = 0;
  Moments east, north, height, vel_east, vel_north;
  for (int k = 0; k < kScans; ++k) {
    for (const Plot& plot : model.scan(kStart + std::chrono::seconds(k), targets, rng)) {
      ++reports;
      const geo::Vec3 error = local.to_enu({plot.lat_deg, plot.lon_deg, target.start.height_m});
      east.add(error.x());
      north.add(error.y());
      height.add(plot.geo_alt_m - target.start.height_m);
      vel_east.add(plot.vel_east_mps);
      vel_north.add(plot.vel_north_mps);
      inside_epu += std::hypot(error.x(), error.y()) < 92.6 ? 1 : 0;
      EXPECT_EQ(plot.nacp, 8);
    }
  }
  expect_binomial(reports, kScans, 0.95, "adsb reception");
  for (const Moments* axis : {&east, &north}) {
    EXPECT_NEAR(axis->sigma(), position_sigma, 0.05 * position_sigma);
    EXPECT_NEAR(axis->mean(), 0.0, 4.0 * axis->error());
  }
  EXPECT_NEAR(height.sigma(), 1.5 * position_sigma, 0.05 * 1.5 * position_sigma);
  for (const Moments* axis : {&vel_east, &vel_north}) {
    EXPECT_NEAR(axis->sigma(), velocity_sigma, 0.05 * velocity_sigma);
  }
  // NACp's meaning: 95% of the position errors fall within the EPU.
  expect_binomial(inside_epu, reports, 0.95, "inside the EPU");
}

TEST(SensorStatisticsTest, AdsbTimeBiasStampsLate) {
  // A fast, precise target: the position reported belongs to the stamp minus the bias.
  SensorSpec spec = sensor(SensorKind::kAdsb);
  spec.adsb.pd = 1.0;
  spec.biases.time_s = 0.3;
  const AdsbModel model(spec, SensorIndex{0}, Environment{}, 19);
  TargetSpec target = standing(0.0, 50'000.0, 9'000.0);
  target.heading_deg = 90.0;
  target.speed_mps = 200.0;
  target.nacp = 11;  // EPU 3 m
  const auto targets = one(target);
  std::mt19937_64 rng(20);
  Moments along_at_stamp, along_at_applicability;
  for (int k = 0; k < 500; ++k) {
    for (const Plot& plot : model.scan(kStart + std::chrono::seconds(k), targets, rng)) {
      for (const auto& [at, moments] :
           {std::pair{plot.time, &along_at_stamp},
            std::pair{plot.time - from_seconds(0.3), &along_at_applicability}}) {
        const TruthState truth = targets[0].state_at(at);
        const geo::Vec3 error = geo::LocalFrame(truth.position)
                                    .to_enu({plot.lat_deg, plot.lon_deg, truth.position.height_m});
        moments->add(error.dot(truth.velocity_enu_mps.normalized()));
      }
    }
  }
  EXPECT_NEAR(along_at_stamp.mean(), -60.0, 0.5);  // 0.3 s behind at 200 m/s
  EXPECT_NEAR(along_at_applicability.mean(), 0.0, 0.5);
}

TEST(SensorStatisticsTest, RcsAspectFactorAveragesToOne) {
  for (const TargetClass target_class : kAllTargetClasses) {
    double sum = 0.0;
    constexpr int kSteps = 36'000;
    for (int i = 0; i < kSteps; ++i) {
      const double angle = 2.0 * units::kPi * (i + 0.5) / kSteps;
      sum += aspect_rcs_factor(target_class, std::cos(angle));
    }
    EXPECT_NEAR(sum / kSteps, 1.0, 1e-6) << to_string(target_class);
  }
  // An airliner is 8 times brighter broadside than nose-on, twice tail-on.
  EXPECT_NEAR(aspect_rcs_factor(TargetClass::kAirliner, 0.0) /
                  aspect_rcs_factor(TargetClass::kAirliner, 1.0),
              8.0, 1e-12);
  EXPECT_NEAR(aspect_rcs_factor(TargetClass::kAirliner, -1.0) /
                  aspect_rcs_factor(TargetClass::kAirliner, 1.0),
              2.0, 1e-12);
}

}  // namespace
}  // namespace straja::sim
