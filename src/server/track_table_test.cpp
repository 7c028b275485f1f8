#include "server/track_table.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace straja::server {
namespace {

PictureTrack track(std::uint64_t id, std::string json, int second = 0) {
  PictureTrack t;
  t.id = id;
  t.json = std::move(json);
  t.time = Time(std::chrono::seconds(second));
  return t;
}

TEST(TrackTable, DeltaHoldsChangedAndNewObjectsAndVanishedIds) {
  TrackTable table;
  std::vector<PictureTrack> first = {track(1, "{\"a\":1}"), track(2, "{\"b\":1}"),
                                     track(3, "{\"c\":1}")};
  TrackDelta delta = table.update(first);
  EXPECT_EQ(delta.upsert.size(), 3u);
  EXPECT_TRUE(delta.remove.empty());

  std::vector<PictureTrack> second = {track(2, "{\"b\":2}"), track(1, "{\"a\":1}"),
                                      track(4, "{\"d\":1}")};
  delta = table.update(second);
  EXPECT_EQ(delta.upsert, (std::vector<std::string_view>{"{\"b\":2}", "{\"d\":1}"}));
  EXPECT_EQ(delta.remove, (std::vector<std::uint64_t>{3}));
  EXPECT_EQ(table.size(), 3u);

  delta = table.update(second);
  EXPECT_TRUE(delta.upsert.empty());
  EXPECT_TRUE(delta.remove.empty());
  delta = table.update({});
  EXPECT_EQ(delta.remove, (std::vector<std::uint64_t>{1, 2, 4}));
}

TEST(TrackTable, FramesAreValidJson) {
  TrackTable table;
  std::vector<PictureTrack> tracks = {track(9, "{\"id\":9}"), track(2, "{\"id\":2}")};
  const TrackDelta delta = table.update(tracks);
  const auto snapshot = nlohmann::json::parse(table.snapshot_frame(Time{}));
  EXPECT_EQ(snapshot["type"], "snapshot");
  EXPECT_EQ(snapshot["time"], "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(snapshot["tracks"], nlohmann::json::parse(R"([{"id":2},{"id":9}])"));
  const auto frame = nlohmann::json::parse(delta_frame(Time{}, delta));
  EXPECT_EQ(frame["type"], "delta");
  EXPECT_EQ(frame["upsert"].size(), 2u);
  EXPECT_EQ(frame["remove"], nlohmann::json::array());
  EXPECT_EQ(nlohmann::json::parse(delta_frame(Time{}, TrackDelta{{}, {5, 6}}))["remove"],
            nlohmann::json::array({5, 6}));
  EXPECT_EQ(tracks_array(tracks), R"([{"id":9},{"id":2}])");
  EXPECT_EQ(tracks_array({}), "[]");
}

TEST(TrackHistory, KeepsTheLast120PositionsOfLiveTracks) {
  TrackHistory history;
  for (int s = 0; s < 125; ++s) {
    std::vector<PictureTrack> tracks = {track(1, "{\"id\":1}", s)};
    history.record(tracks);
    history.record(tracks);  // the same time twice adds nothing
  }
  std::vector<PictureTrack> now = {track(1, "{\"id\":1}", 124)};
  const auto detail = nlohmann::json::parse(*history.track_with_history(now, 1));
  EXPECT_EQ(detail["id"], 1);
  ASSERT_EQ(detail["history"].size(), 120u);
  EXPECT_EQ(detail["history"][0]["time"], "1970-01-01T00:00:05.000Z");
  EXPECT_TRUE(detail["history"][0]["alt_m"].is_null());
  EXPECT_FALSE(history.track_with_history(now, 2).has_value());
  history.record({});
  EXPECT_EQ(nlohmann::json::parse(*history.track_with_history(now, 1))["history"].size(), 0u)
      << "a vanished track's history is forgotten";
}

}  // namespace
}  // namespace straja::server
