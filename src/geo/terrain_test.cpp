#include "geo/terrain.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/units.h"

namespace straja::geo {
namespace {

TEST(HorizonMask, SmoothEarthGivesTheGeometricRadarHorizon) {
  const FunctionTerrain sea_level([](double, double) { return 0.0; });
  const Geodetic antenna{47.0, 28.8, 30.0};
  const HorizonMask mask(antenna, sea_level, 500'000.0, 100.0, 360);
  for (const double target : {100.0, 1000.0, 10'000.0}) {
    const double horizon = radar_horizon_distance_m(30.0, target);
    // Within one range step (the "within one cell") of the analytic horizon.
    EXPECT_TRUE(mask.visible(0.3, horizon - 300.0, target)) << target;
    EXPECT_FALSE(mask.visible(0.3, horizon + 300.0, target)) << target;
  }
}

TEST(HorizonMask, ARidgeShadowsWhatLiesBehindItOnly) {
  // A 1,000 m ridge 20 km north of the antenna, 10 km wide east-west; flat elsewhere.
  const Geodetic antenna{47.0, 28.8, 50.0};
  const double ridge_lat = 47.0 + 20'000.0 / 111'200.0;
  const FunctionTerrain ridge([&](double lat, double lon) {
    const bool on = std::abs(lat - ridge_lat) < 0.005 && std::abs(lon - 28.8) < 0.066;
    return on ? 1000.0 : 0.0;
  });
  const HorizonMask mask(antenna, ridge, 150'000.0, 100.0, 3600);
  // Behind the ridge, 50 km north: the ridge's angle is about atan(950 / 20000) = 2.7 deg, so a
  // point 50 km out needs about 50000 * 0.0475 + the curvature drop (~150 m) to be seen.
  EXPECT_FALSE(mask.visible(0.0, 50'000.0, 1000.0));
  EXPECT_FALSE(mask.visible(0.0, 50'000.0, 2300.0));
  EXPECT_TRUE(mask.visible(0.0, 50'000.0, 2700.0));
  // In front of the ridge, and in every other direction, a low target is seen.
  EXPECT_TRUE(mask.visible(0.0, 15'000.0, 300.0));
  EXPECT_TRUE(mask.visible(units::kPi, 50'000.0, 300.0));
  EXPECT_TRUE(mask.visible(units::kPi / 2, 50'000.0, 300.0));
  // Past the ridge's east end (it spans ~5 km either side of north): a ray 21.8 deg east of
  // north is 8 km east of the antenna when 20 km north, so nothing shadows it.
  EXPECT_TRUE(mask.visible(std::atan2(20'000.0, 50'000.0), 54'000.0, 500.0));
  EXPECT_FALSE(mask.visible(std::atan2(2'000.0, 50'000.0), 50'000.0, 500.0));
}

TEST(SrtmTerrain, ReadsTilesBilinearlyAndRejectsBadFiles) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("straja-srtm-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  // An SRTM3 tile whose height is 10 m per post row from the north edge (row r: 10 r m), with
  // one void.
  {
    std::ofstream out(dir / "N47E028.hgt", std::ios::binary);
    for (int r = 0; r < 1201; ++r) {
      for (int c = 0; c < 1201; ++c) {
        const int h = (r == 5 && c == 5) ? -32768 : 10 * r;
        const char bytes[2] = {static_cast<char>((h >> 8) & 0xFF), static_cast<char>(h & 0xFF)};
        out.write(bytes, 2);
      }
    }
  }
  auto terrain = SrtmTerrain::load({(dir / "N47E028.hgt").string()});
  ASSERT_TRUE(terrain.ok()) << terrain.error().message;
  EXPECT_NEAR(terrain->height_m(48.0, 28.5), 0.0, 1e-9);                  // north edge
  EXPECT_NEAR(terrain->height_m(47.0, 28.5), 12'000.0, 1e-6);             // south edge, row 1200
  EXPECT_NEAR(terrain->height_m(48.0 - 2.5 / 1200.0, 28.9), 25.0, 1e-6);  // between rows 2 and 3
  EXPECT_EQ(terrain->height_m(46.5, 28.5), 0.0);                          // no tile there
  std::ofstream(dir / "N47E029.hgt") << "short";
  const auto bad = SrtmTerrain::load({(dir / "N47E029.hgt").string()});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("N47E029.hgt"), std::string::npos);
  EXPECT_FALSE(SrtmTerrain::load({(dir / "terrain.bin").string()}).ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace straja::geo
