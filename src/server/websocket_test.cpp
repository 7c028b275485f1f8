// The WebSocket side of PictureServer: snapshot then deltas, stats, client message limits, replay
// control, and a client that falls behind.

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "server/json_text.h"
#include "server/picture_server.h"
#include "server/test_clients.h"

namespace straja::server {
namespace {

using namespace testing;
using nlohmann::json;

ServerOptions fast_options() {
  ServerOptions options;
  options.port = 0;
  options.ws_rate_hz = 20.0;  // keeps the tests short; no assertion depends on the rate
  return options;
}

std::vector<std::uint64_t> ids_of(const json& tracks) {
  std::vector<std::uint64_t> ids;
  for (const json& track : tracks) ids.push_back(track["id"].get<std::uint64_t>());
  std::sort(ids.begin(), ids.end());
  return ids;
}

class WebSocketTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.start().ok()); }
  PictureServer server_{fast_options()};
};

TEST_F(WebSocketTest, SnapshotThenDeltasOfChangedAndVanishedTracks) {
  server_.publish(test_picture({1, 2, 3}, 0));
  WsClient client(server_.port(), "/ws");
  ASSERT_FALSE(client.error()) << client.error().message();
  const json snapshot = json::parse(client.read_type("snapshot"));
  EXPECT_EQ(ids_of(snapshot["tracks"]), (std::vector<std::uint64_t>{1, 2, 3}));
  EXPECT_EQ(snapshot["time"], "2026-05-28T20:26:40.000Z");

  // Track 1 moves, 2 stays exactly as it was, 3 vanishes, 4 appears.
  Picture next = test_picture({1, 4}, 1);
  next.tracks.push_back(test_picture({2}, 0).tracks[0]);
  server_.publish(next);
  json delta;
  for (int i = 0; i < 100; ++i) {
    delta = json::parse(client.read_type("delta"));
    if (!delta["upsert"].empty() || !delta["remove"].empty()) break;
  }
  EXPECT_EQ(ids_of(delta["upsert"]), (std::vector<std::uint64_t>{1, 4}));
  EXPECT_EQ(delta["remove"], json::array({3}));
  EXPECT_EQ(delta["time"], "2026-05-28T20:26:41.000Z");

  // A client connecting now starts from the current picture.
  WsClient late(server_.port(), "/ws");
  ASSERT_FALSE(late.error());
  EXPECT_EQ(ids_of(json::parse(late.read_type("snapshot"))["tracks"]),
            (std::vector<std::uint64_t>{1, 2, 4}));
}

TEST_F(WebSocketTest, StatsArriveWithTheClientCount) {
  server_.publish(test_picture({1}));
  WsClient client(server_.port(), "/ws");
  ASSERT_FALSE(client.error());
  const json stats = json::parse(client.read_type("stats", 200));
  EXPECT_EQ(stats["clients"], 1);
  EXPECT_EQ(stats["tracks"]["confirmed"], 1);
  EXPECT_EQ(server_.counters().ws_clients, 1u);
}

TEST_F(WebSocketTest, ReplayCommandsWithoutAHandlerGetAnError) {
  WsClient client(server_.port(), "/ws");
  ASSERT_FALSE(client.error());
  ASSERT_FALSE(client.write(R"({"type":"replay","action":"pause"})"));
  const json error = json::parse(client.read_type("error"));
  EXPECT_NE(error["message"].get<std::string>().find("recording"), std::string::npos);
  ASSERT_FALSE(client.write("not json"));
  EXPECT_NE(client.read_type("error"), "");
}

TEST_F(WebSocketTest, ReplayCommandsReachTheHandler) {
  std::mutex mutex;
  std::vector<ReplayCommand> received;
  server_.set_replay_handler([&](const ReplayCommand& command) -> Status {
    std::lock_guard lock(mutex);
    received.push_back(command);
    if (command.action == ReplayCommand::Action::kSeek) {
      return make_error(ErrorCode::kInvalidValue, "seek: outside the recording");
    }
    return {};
  });
  WsClient client(server_.port(), "/ws");
  ASSERT_FALSE(client.error());
  ASSERT_FALSE(client.write(R"({"type":"replay","action":"pause"})"));
  ASSERT_FALSE(client.write(R"({"type":"replay","action":"speed","value":4})"));
  ASSERT_FALSE(client.write(R"({"type":"replay","action":"speed","value":-1})"));
  ASSERT_FALSE(
      client.write(R"({"type":"replay","action":"seek","time":"2026-05-14T10:00:03.250Z"})"));
  // Two errors come back: the negative speed (never reaches the handler) and the failed seek.
  EXPECT_NE(json::parse(client.read_type("error"))["message"].get<std::string>().find("speed"),
            std::string::npos);
  EXPECT_NE(json::parse(client.read_type("error"))["message"].get<std::string>().find("outside"),
            std::string::npos);
  std::lock_guard lock(mutex);
  ASSERT_EQ(received.size(), 3u);
  EXPECT_EQ(received[0].action, ReplayCommand::Action::kPause);
  EXPECT_EQ(received[1].action, ReplayCommand::Action::kSpeed);
  EXPECT_EQ(received[1].speed, 4.0);
  EXPECT_EQ(received[2].action, ReplayCommand::Action::kSeek);
  EXPECT_EQ(straja::server::json::format_time(received[2].seek_to), "2026-05-14T10:00:03.250Z");
}

TEST_F(WebSocketTest, OversizedClientMessageClosesWith1008) {
  WsClient client(server_.port(), "/ws");
  ASSERT_FALSE(client.error());
  ASSERT_FALSE(client.write(std::string(4096 + 1, 'x')));
  EXPECT_EQ(client.read_until_closed(), 1008u);
  EXPECT_EQ(server_.counters().ws_policy_closes, 1u);
}

TEST_F(WebSocketTest, AMessageOfExactlyTheLimitIsAccepted) {
  WsClient client(server_.port(), "/ws");
  ASSERT_FALSE(client.error());
  ASSERT_FALSE(client.write(std::string(4096, ' ')));
  EXPECT_NE(client.read_type("error"), "") << "answered, not closed";
}

TEST_F(WebSocketTest, MoreThanTwentyMessagesInASecondCloseWith1008) {
  WsClient client(server_.port(), "/ws");
  ASSERT_FALSE(client.error());
  // 60 messages written back to back arrive well within one second of each other.
  for (int i = 0; i < 60; ++i) {
    if (client.write(R"({"type":"ping"})")) break;
  }
  EXPECT_EQ(client.read_until_closed(), 1008u);
}

TEST_F(WebSocketTest, PlainGetOfTheWebSocketPathIsNotFound) {
  EXPECT_EQ(fetch(server_.port(), "/ws").status(), 404u);
}

// A client that reads nothing while large deltas keep coming: the server neither blocks the
// other client nor queues without bound; it drops the lagging client's deltas (counted) and the
// client, once it reads again, gets a snapshot consistent with the picture.
TEST(WebSocketSlowClientTest, LaggingClientGetsAFreshSnapshotInsteadOfEveryDelta) {
  ServerOptions options = fast_options();
  options.ws_rate_hz = 50.0;
  options.max_queued_frames = 2;
  PictureServer server(options);
  ASSERT_TRUE(server.start().ok());
  std::vector<std::uint64_t> ids(5000);
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = i + 1;
  server.publish(test_picture(ids, 0));
  WsClient slow(server.port(), "/ws");
  WsClient fast(server.port(), "/ws");
  ASSERT_FALSE(slow.error());
  ASSERT_FALSE(fast.error());
  ASSERT_NE(fast.read_type("snapshot"), "");
  // Every picture changes every track (~1.5 MB per delta); the slow client's socket fills up.
  int step = 1;
  for (int wait = 0; wait < 2000 && server.counters().ws_snapshots_resent == 0; ++wait) {
    server.publish(test_picture(ids, step++));
    ASSERT_NE(fast.read_type("delta"), "") << "the fast client was blocked";
  }
  EXPECT_GT(server.counters().ws_snapshots_resent, 0u);
  // The slow client reads again: after its backlog it sees a snapshot of every track.
  bool resynchronised = false;
  for (int i = 0; i < 200 && !resynchronised; ++i) {
    beast::error_code ec;
    const std::string message = slow.read(&ec);
    ASSERT_FALSE(ec) << ec.message();
    if (i > 0 && message.starts_with(R"({"type":"snapshot")")) {
      resynchronised = json::parse(message)["tracks"].size() == ids.size();
    }
  }
  EXPECT_TRUE(resynchronised);
}

}  // namespace
}  // namespace straja::server
