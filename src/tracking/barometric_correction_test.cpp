#include "tracking/barometric_correction.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace straja::tracking
