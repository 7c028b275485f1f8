#include "geo/atmosphere.h"

#include <gtest/gtest.h>

namespace straja::geo {
namespace {

TEST(Atmosphere, HeightOfPressureAltitudeInvertsPressureAltitude) {
  const Atmosphere days[] = {
      {}, {1030.0, 0.0, 0.0}, {985.0, -12.0, 0.0}, {1013.25, 20.0, 35.0}, {960.0, 35.0, -20.0}};
  for (const Atmosphere& day : days) {
    for (const double height_m :
         {-400.0, 0.0, 300.0, 3'000.0, 10'999.0, 11'500.0, 15'000.0, 21'000.0}) {
      const double pressure_altitude = pressure_altitude_m(height_m, day);
      EXPECT_NEAR(height_of_pressure_altitude_m(pressure_altitude, day), height_m, 1e-6)
          << day.qnh_hpa << " hPa " << day.temperature_deviation_c << " C " << height_m << " m";
    }
  }
}

TEST(Atmosphere, StandardDayIsTheIdentityAndTheDayShiftsItTheRightWay) {
  const Atmosphere standard;
  EXPECT_TRUE(standard.standard());
  for (const double a : {-300.0, 0.0, 1'500.0, 11'000.0, 15'000.0}) {
    EXPECT_NEAR(height_of_pressure_altitude_m(a, standard), a, 1e-6) << a;
  }
  // High pressure: the 1013.25 hPa surface lies above sea level, ~8.3 m per hPa (27 ft/hPa).
  const Atmosphere high{1023.25, 0.0, 0.0};
  EXPECT_FALSE(high.standard());
  EXPECT_NEAR(height_of_pressure_altitude_m(0.0, high), 83.0, 2.0);
  // Warm air: a flight level lies higher, about 4% per 11 C at FL100 (the pilots' cold-weather
  // correction table read the other way).
  const Atmosphere warm{1013.25, 11.0, 0.0};
  const double fl100_m = 3048.0;
  EXPECT_GT(height_of_pressure_altitude_m(fl100_m, warm), fl100_m * 1.03);
  EXPECT_LT(height_of_pressure_altitude_m(fl100_m, warm), fl100_m * 1.05);
  // The geoid: MSL 30 m above the ellipsoid lifts every height by 30 m.
  const Atmosphere geoid{1013.25, 0.0, 30.0};
  EXPECT_NEAR(height_of_pressure_altitude_m(1000.0, geoid), 1030.0, 1e-6);
}

}  // namespace
}  // namespace straja::geo
