// A radar's health in the picture: from the age of its data (plots or service messages) and from
// what its CAT034 service messages say about itself.

#include "cli/picture_feed.h"

#include <gtest/gtest.h>

namespace straja::cli {
namespace {

using namespace std::chrono_literals;

const Time kStart = from_unix_seconds(1'780'000'000.0);

PictureFeed feed_of_one_radar() {
  SensorRegistry registry;
  SensorInfo radar;
  radar.id = "psr-1";
  radar.kind = SensorKind::kPsr3d;
  radar.sac_sic = SacSic{25, 3};
  radar.site = geo::Geodetic{47.0, 28.8, 200.0};
  radar.max_range_m = 250'000.0;
  radar.rotation_period_s = 4.0;
  registry.sensors.push_back(radar);
  return PictureFeed(registry, {4.0}, "live", std::nullopt, radar.site, 1);
}

server::SensorStatus status_at(const PictureFeed& feed, Time at) {
  const server::Picture picture = feed.picture_of(at, {}, {}, std::nullopt);
  EXPECT_EQ(picture.sensors.size(), 1u);
  return picture.sensors.front();
}

TEST(PictureFeedHealth, ServiceMessagesAloneKeepAQuietRadarOk) {
  PictureFeed feed = feed_of_one_radar();
  const SensorIndex radar{0};
  // No traffic: north markers every rotation, never a plot.
  for (int scan = 0; scan < 30; ++scan) {
    feed.service_report(radar, kStart + scan * 4s, std::nullopt);
  }
  const server::SensorStatus quiet = status_at(feed, kStart + 118s);
  EXPECT_EQ(quiet.health, server::SensorHealth::kOk);
  EXPECT_TRUE(quiet.status_reason.empty());
  ASSERT_TRUE(quiet.last_data_age_s.has_value());
  EXPECT_NEAR(*quiet.last_data_age_s, 2.0, 1e-9);
  // Then nothing at all: silent after three rotations (at least 10 s), down after a minute.
  const server::SensorStatus silent = status_at(feed, kStart + 116s + 20s);
  EXPECT_EQ(silent.health, server::SensorHealth::kSilent);
  EXPECT_EQ(silent.status_reason, "no data for 20 s");
  EXPECT_EQ(status_at(feed, kStart + 116s + 61s).health, server::SensorHealth::kDown);
}

TEST(PictureFeedHealth, TheRadarsOwnCat034StatusDegradesOrDownsIt) {
  PictureFeed feed = feed_of_one_radar();
  const SensorIndex radar{0};
  asterix::Cat034SystemStatus said;
  said.transmission_overload = true;
  said.time_source_invalid = true;
  feed.service_report(radar, kStart, said);
  server::SensorStatus status = status_at(feed, kStart + 1s);
  EXPECT_EQ(status.health, server::SensorHealth::kDegraded);
  EXPECT_EQ(status.status_reason, "transmission overload, time source invalid (CAT034)");

  said = {};
  said.operational_use_inhibited = true;
  feed.service_report(radar, kStart + 4s, said);
  status = status_at(feed, kStart + 5s);
  EXPECT_EQ(status.health, server::SensorHealth::kDown);
  EXPECT_NE(status.status_reason.find("NOGO"), std::string::npos) << status.status_reason;

  // Released again: ok.
  feed.service_report(radar, kStart + 8s, asterix::Cat034SystemStatus{});
  EXPECT_EQ(status_at(feed, kStart + 9s).health, server::SensorHealth::kOk);
}

// Whatever the tracker's filter: an IMM's tracks (BasicTrack<ImmState>) are shown with the mode
// probabilities of their reports; a tentative track with one plot is not shown.
TEST(PictureFeedTracks, AnImmTrackersTracksShowTheirModeProbabilities) {
  const PictureFeed feed = feed_of_one_radar();
  std::vector<tracking::BasicTrack<tracking::ImmState>> tracks(2);
  tracks[0].status = TrackStatus::kConfirmed;
  tracks[0].hits = 5;
  tracks[1].hits = 1;  // tentative, one plot
  std::vector<TrackReport> reports(2);
  reports[0].id = TrackId{7};
  reports[0].status = TrackStatus::kConfirmed;
  reports[0].mode_probabilities = {0.75, 0.25, TrackReport::kNoMode};
  reports[1].id = TrackId{8};
  const server::Picture picture = feed.picture(kStart, tracks, reports);
  ASSERT_EQ(picture.tracks.size(), 1u);
  EXPECT_EQ(picture.tracks[0].id, 7u);
  EXPECT_NE(picture.tracks[0].json.find("\"imm\":{\"cv\":0.75"), std::string::npos)
      << picture.tracks[0].json;
  EXPECT_NE(picture.tracks[0].json.find("\"ct\":0.25"), std::string::npos);
  EXPECT_EQ(picture.tracks[0].json.find("\"ca\""), std::string::npos);
}

}  // namespace
}  // namespace straja::cli
