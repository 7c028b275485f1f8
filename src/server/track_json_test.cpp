#include "server/track_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/json_text.h"

namespace straja::server {
namespace {

TrackReport report() {
  TrackReport r;
  r.id = TrackId{17};
  r.time = Time(std::chrono::milliseconds(1'778'752'803'250));  // 2026-05-14T10:00:03.250Z
  r.status = TrackStatus::kCoasting;
  r.position = {47.01, 28.86, 10'350.0};
  r.velocity_enu_mps = {-100.0, 0.0, 2.5};
  return r;
}

TEST(TrackJson, EveryProtocolFieldWithNullsWhereUnknown) {
  const auto track = nlohmann::json::parse(encode_track(report(), TrackExtras{}));
  EXPECT_EQ(track["id"], 17);
  EXPECT_EQ(track["status"], "coasting");
  EXPECT_EQ(track["time"], "2026-05-14T10:00:03.250Z");
  EXPECT_DOUBLE_EQ(track["lat"].get<double>(), 47.01);
  EXPECT_DOUBLE_EQ(track["lon"].get<double>(), 28.86);
  EXPECT_DOUBLE_EQ(track["alt_m"].get<double>(), 10'350.0);
  EXPECT_DOUBLE_EQ(track["speed_mps"].get<double>(), 100.0);
  EXPECT_DOUBLE_EQ(track["course_deg"].get<double>(), 270.0) << "westbound, true course";
  EXPECT_DOUBLE_EQ(track["vel_up_mps"].get<double>(), 2.5);
  for (const char* key : {"fl", "callsign", "mode3a", "icao", "emergency", "imm", "class"}) {
    ASSERT_TRUE(track.contains(key)) << key;
    EXPECT_TRUE(track[key].is_null()) << key;
  }
  EXPECT_EQ(track["cooperative"], false);
  EXPECT_EQ(track["adsb"], false);
  EXPECT_EQ(track["sensors"], nlohmann::json::array());
}

TEST(TrackJson, IdentityEmergencySensorsAndImm) {
  TrackReport r = report();
  r.callsign = "WZZ\"123";
  r.mode3a = Mode3A{07700};
  r.icao = IcaoAddress{0x4B1805};
  r.position.height_m = std::numeric_limits<double>::quiet_NaN();
  TrackExtras extras;
  extras.sensors = {"psr-north", "ssr-1"};
  extras.cooperative = true;
  extras.adsb = true;
  extras.flight_level = 340;
  extras.imm = {{"cv", 0.8}, {"ct", 0.2}};
  extras.target_class = "airliner";
  const auto track = nlohmann::json::parse(encode_track(r, extras));
  EXPECT_EQ(track["callsign"], "WZZ\"123");
  EXPECT_EQ(track["mode3a"], "7700");
  EXPECT_EQ(track["emergency"], "7700");
  EXPECT_EQ(track["icao"], "4B1805");
  EXPECT_TRUE(track["alt_m"].is_null());
  EXPECT_EQ(track["fl"], 340);
  EXPECT_EQ(track["sensors"], nlohmann::json::array({"psr-north", "ssr-1"}));
  EXPECT_EQ(track["cooperative"], true);
  EXPECT_EQ(track["adsb"], true);
  EXPECT_DOUBLE_EQ(track["imm"]["cv"].get<double>(), 0.8);
  EXPECT_EQ(track["class"], "airliner");
  r.mode3a = Mode3A{01234};
  EXPECT_TRUE(nlohmann::json::parse(encode_track(r, extras))["emergency"].is_null());
}

TEST(TrackJson, PictureTrackCarriesIdStatusAndPosition) {
  const PictureTrack track = picture_track(report(), TrackExtras{});
  EXPECT_EQ(track.id, 17u);
  EXPECT_EQ(track.status, TrackStatus::kCoasting);
  EXPECT_EQ(track.json, encode_track(report(), TrackExtras{}));
  ASSERT_TRUE(track.alt_m.has_value());
  EXPECT_DOUBLE_EQ(*track.alt_m, 10'350.0);
}

TEST(JsonText, StringsAreEscapedAndNumbersNeverNegativeZero) {
  std::string out;
  json::append_string(out, std::string("a\"b\\c\n\x01", 7));
  EXPECT_EQ(out, R"("a\"b\\c\n\u0001")");
  out.clear();
  json::append_number(out, -0.00001, 1);
  EXPECT_EQ(out, "0.0");
  out.clear();
  json::append_number(out, std::numeric_limits<double>::infinity(), 1);
  EXPECT_EQ(out, "null");
}

}  // namespace
}  // namespace straja::server
