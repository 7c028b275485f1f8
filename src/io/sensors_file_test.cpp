#include "io/sensors_file.h"

#include <gtest/gtest.h>

#include <cmath>

namespace straja::io {
namespace {

TEST(SensorsFile, ReadsEveryKindAndIgnoresUnknownKeys) {
  const auto file = parse_sensors_file(R"(date: 2026-06-01
sensors:
  - id: psr-a
    kind: psr3d
    sac: 25
    sic: 1
    lat_deg: 47.0
    lon_deg: 28.8
    height_m: 215
    range_sigma_m: 30
    azimuth_sigma_deg: 0.15
    elevation_sigma_deg: 0.3
    max_range_m: 250000
    rotation_period_s: 4
    colour: red
  - id: adsb-b
    kind: adsb
    lat_deg: 47.7
    lon_deg: 27.9
    update_interval_s: 1
)",
                                       "s.yaml");
  ASSERT_TRUE(file.ok()) << file.error().message;
  ASSERT_TRUE(file->date.has_value());
  EXPECT_EQ(format_iso8601(Time(*file->date)).substr(0, 10), "2026-06-01");
  ASSERT_EQ(file->sensors.size(), 2u);
  const SensorInfo& psr = file->sensors[0].info;
  EXPECT_EQ(psr.kind, SensorKind::kPsr3d);
  EXPECT_EQ(psr.sac_sic.sic, 1);
  EXPECT_NEAR(psr.azimuth_sigma_rad, 0.15 * M_PI / 180, 1e-15);
  EXPECT_EQ(psr.rotation_period_s, 4.0);
  EXPECT_EQ(file->sensors[1].info.kind, SensorKind::kAdsb);
  EXPECT_EQ(file->sensors[1].update_interval_s, 1.0);
}

TEST(SensorsFile, PartnerSystemsAreListedApartFromTheSensors) {
  const auto file = parse_sensors_file(R"(sensors:
  - id: psr-a
    kind: psr3d
    sac: 25
    sic: 1
    lat_deg: 47.0
    lon_deg: 28.8
  - id: neighbour
    kind: partner
    sac: 7
    sic: 9
    position_sigma_m: 250
)",
                                       "s.yaml");
  ASSERT_TRUE(file.ok()) << file.error().message;
  ASSERT_EQ(file->sensors.size(), 1u);
  ASSERT_EQ(file->partners.size(), 1u);
  const PartnerSystem& partner = file->partners[0];
  EXPECT_EQ(partner.id, "neighbour");
  EXPECT_EQ(partner.sac_sic, (SacSic{7, 9}));
  EXPECT_EQ(partner.accuracy.position_sigma_m, 250.0);
  EXPECT_EQ(partner.accuracy.velocity_sigma_mps, PartnerAccuracyDefaults{}.velocity_sigma_mps);
}

TEST(SensorsFile, APartnerSigmaMustBePositive) {
  const auto file = parse_sensors_file(
      "sensors:\n  - id: p\n    kind: partner\n    velocity_sigma_mps: 0\n", "s.yaml");
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.error().message.find("s.yaml:4"), std::string::npos) << file.error().message;
  EXPECT_NE(file.error().message.find("velocity_sigma_mps"), std::string::npos);
}

TEST(SensorsFile, BadValuesNameLineAndField) {
  const auto file = parse_sensors_file(
      "sensors:\n  - id: x\n    kind: lidar\n    lat_deg: 1\n    lon_deg: 2\n", "s.yaml");
  ASSERT_FALSE(file.ok());
  EXPECT_NE(file.error().message.find("s.yaml:3"), std::string::npos) << file.error().message;
  EXPECT_NE(file.error().message.find("kind"), std::string::npos) << file.error().message;
}

// Ids go into CSV cells and JSON strings as they are: ids that would break either are errors.
TEST(SensorsFile, AnIdThatIsNotCsvSafeIsAnError) {
  for (const char* id : {"\"a,b\"", "\"a;b\"", "'a\"b'", "\"a\\\\b\"", "\"a\\tb\"", "\"\""}) {
    const auto file = parse_sensors_file(std::string("sensors:\n  - id: ") + id +
                                             "\n    kind: adsb\n    lat_deg: 1\n    lon_deg: 2\n",
                                         "s.yaml");
    ASSERT_FALSE(file.ok()) << id;
    EXPECT_NE(file.error().message.find("s.yaml:2"), std::string::npos) << file.error().message;
    EXPECT_NE(file.error().message.find("id"), std::string::npos) << file.error().message;
  }
  EXPECT_TRUE(
      parse_sensors_file("sensors:\n  - id: adsb-balti.2/x\n    kind: adsb\n    lat_deg: 1\n"
                         "    lon_deg: 2\n",
                         "s.yaml")
          .ok());
}

}  // namespace
}  // namespace straja::io
