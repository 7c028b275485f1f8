#include "tracking/barometric_correction.h"

#include <gtest/gtest.h>

#include <cmath>

#include "geo/atmosphere.h"

namespace straja::tracking {
namespace {

Plot adsb(double barometric_m, double geometric_m) {
  Plot plot;
  plot.kind = SensorKind::kAdsb;
  plot.alt_m = barometric_m;
  plot.alt_kind = AltitudeKind::kBarometric;
  plot.geo_alt_m = geometric_m;
  return plot;
}

Plot ssr(double barometric_m) {
  Plot plot;
  plot.kind = SensorKind::kSsr;
  plot.alt_m = barometric_m;
  plot.alt_kind = AltitudeKind::kBarometric;
  return plot;
}

TEST(BarometricCorrection, NothingChangesUntilEnoughReports) {
  BarometricCorrection correction;
  for (std::size_t i = 0; i + 1 < BarometricCorrection::kMinimumReports; ++i) {
    correction.learn(adsb(1000.0 * static_cast<double>(i), 1000.0 * static_cast<double>(i) + 50));
  }
  EXPECT_FALSE(correction.ready());
  Plot plot = ssr(5000.0);
  EXPECT_FALSE(correction.correct(plot));
  EXPECT_EQ(plot.alt_m, 5000.0);
  EXPECT_EQ(plot.alt_kind, AltitudeKind::kBarometric);
}

TEST(BarometricCorrection, FitsTheLineAndCorrectsSsrAndHeightlessAdsb) {
  // Geometric = barometric + 20 m + 2% of the barometric altitude (a warm day).
  BarometricCorrection correction;
  for (int i = 0; i < 40; ++i) {
    const double baro = 300.0 * i;
    correction.learn(adsb(baro, baro + 20.0 + 0.02 * baro));
  }
  Plot psr;  // ignored: not ADS-B
  psr.alt_m = 0.0;
  psr.geo_alt_m = 5000.0;
  correction.learn(psr);
  ASSERT_TRUE(correction.ready());
  EXPECT_EQ(correction.reports(), 40u);
  EXPECT_NEAR(correction.offset_m(10000.0), 220.0, 1e-6);

  Plot mode_c = ssr(10000.0);
  EXPECT_TRUE(correction.correct(mode_c));
  EXPECT_NEAR(mode_c.alt_m, 10220.0, 1e-6);
  EXPECT_EQ(mode_c.alt_kind, AltitudeKind::kGeometric);
  EXPECT_FALSE(correction.correct(mode_c));  // already geometric

  Plot heightless = adsb(5000.0, kNotMeasured);
  EXPECT_TRUE(correction.correct(heightless));
  EXPECT_NEAR(heightless.geo_alt_m, 5120.0, 1e-6);
  EXPECT_EQ(heightless.alt_m, 5000.0);  // the reported flight level is kept

  Plot with_gnss = adsb(5000.0, 5100.0);
  EXPECT_FALSE(correction.correct(with_gnss));
  Plot no_altitude = ssr(kNotMeasured);
  EXPECT_FALSE(correction.correct(no_altitude));
}

TEST(BarometricCorrection, AConfiguredAtmosphereConvertsBeforeAnyAdsb) {
  // A warm, low-pressure day: the configured atmosphere alone turns the flight level into the
  // height the day's atmosphere puts it at (geo/atmosphere.h), with no ADS-B report at all.
  AltitudeConfig config;
  config.atmosphere = {995.0, 12.0, 35.0};
  const BarometricCorrection correction(config);
  EXPECT_FALSE(correction.ready());
  EXPECT_TRUE(correction.active());
  for (const double height_m : {500.0, 3'000.0, 10'500.0, 12'500.0}) {
    const double flight_level_m = geo::pressure_altitude_m(height_m, config.atmosphere);
    Plot mode_c = ssr(flight_level_m);
    EXPECT_TRUE(correction.correct(mode_c));
    EXPECT_NEAR(mode_c.alt_m, height_m, 1e-6) << height_m;
    EXPECT_EQ(mode_c.alt_kind, AltitudeKind::kGeometric);
  }
  // The standard day with learning off changes nothing.
  const BarometricCorrection standard_day(AltitudeConfig{{}, false});
  EXPECT_FALSE(standard_day.active());
  Plot mode_c = ssr(5000.0);
  EXPECT_FALSE(standard_day.correct(mode_c));
}

TEST(BarometricCorrection, AdsbLearnsWhatTheConfiguredAtmosphereGetsWrong) {
  // The operator set yesterday's QNH; the air is really 7 hPa higher and 8 C warmer. ADS-B
  // reports carry the truth: the learnt residual closes the gap to under a metre.
  const geo::Atmosphere truth{1020.0, 8.0, 30.0};
  AltitudeConfig config;
  config.atmosphere = {1013.0, 0.0, 30.0};
  BarometricCorrection correction(config);
  for (int i = 0; i < 60; ++i) {
    const double height_m = 200.0 * i;  // 0 .. 11.8 km: a straight-line residual fits it well
    correction.learn(adsb(geo::pressure_altitude_m(height_m, truth), height_m));
  }
  ASSERT_TRUE(correction.ready());
  for (const double height_m : {1'000.0, 5'000.0, 9'000.0}) {
    Plot mode_c = ssr(geo::pressure_altitude_m(height_m, truth));
    Plot uncorrected = mode_c;
    ASSERT_TRUE(correction.correct(mode_c));
    EXPECT_NEAR(mode_c.alt_m, height_m, 5.0) << height_m;
    const BarometricCorrection configured_only(AltitudeConfig{config.atmosphere, false});
    ASSERT_TRUE(configured_only.correct(uncorrected));
    EXPECT_GT(std::abs(uncorrected.alt_m - height_m), 50.0) << height_m;
  }
  // With learning off the reports are not even counted.
  BarometricCorrection not_learning(AltitudeConfig{config.atmosphere, false});
  not_learning.learn(adsb(3000.0, 3100.0));
  EXPECT_EQ(not_learning.reports(), 0u);
}

}  // namespace
}  // namespace straja::tracking
