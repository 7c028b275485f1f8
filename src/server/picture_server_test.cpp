#include "server/picture_server.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "server/test_clients.h"
#include "server/track_table.h"

namespace straja::server {
namespace {

using namespace testing;

ServerOptions test_options() {
  ServerOptions options;
  options.bind_address = "127.0.0.1";
  options.port = 0;
  return options;
}

class PictureServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Status started = server_.start();
    ASSERT_TRUE(started.ok()) << started.error().message;
    ASSERT_NE(server_.port(), 0);
  }

  PictureServer server_{test_options()};
};

TEST_F(PictureServerTest, HealthAnswersOkJsonWithServerHeaders) {
  const Reply reply = fetch(server_.port(), "/health");
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.status(), 200u);
  EXPECT_EQ(reply.response.body(), R"({"status":"ok"})");
  EXPECT_EQ(reply.header(http::field::content_type), "application/json");
  EXPECT_EQ(reply.header(http::field::server), "straja");
  EXPECT_EQ(reply.header(http::field::cache_control), "no-store");
}

TEST_F(PictureServerTest, TracksAreAnEmptyArrayUntilPublished) {
  Reply reply = fetch(server_.port(), "/api/tracks");
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.status(), 200u);
  EXPECT_EQ(reply.response.body(), "[]");
  EXPECT_EQ(reply.header(http::field::cache_control), "no-store");

  const Picture picture = test_picture({1, 2});
  server_.publish(picture);
  reply = fetch(server_.port(), "/api/tracks");
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.response.body(),
            "[" + picture.tracks[0].json + "," + picture.tracks[1].json + "]");
  EXPECT_EQ(reply.header(http::field::content_type), "application/json");
  const auto tracks = nlohmann::json::parse(reply.response.body());
  ASSERT_EQ(tracks.size(), 2u);
  EXPECT_EQ(tracks[0]["id"], 1);
  EXPECT_EQ(tracks[1]["status"], "confirmed");

  server_.publish(Picture{});
  reply = fetch(server_.port(), "/api/tracks?t=123");  // a cache-busting query is ignored
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.response.body(), "[]");
}

TEST_F(PictureServerTest, SummaryNamesScenarioReferenceAndTime) {
  Reply reply = fetch(server_.port(), "/api/summary");
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.status(), 200u);
  EXPECT_EQ(nlohmann::json::parse(reply.response.body())["scenario"], nullptr);

  Picture picture = test_picture({4}, 3);
  picture.stats.scenario = "first-light";
  picture.reference_lat_deg = 47.0;
  picture.reference_lon_deg = 28.5;
  server_.publish(picture);
  reply = fetch(server_.port(), "/api/summary");
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  const auto summary = nlohmann::json::parse(reply.response.body());
  EXPECT_EQ(summary["scenario"], "first-light");
  EXPECT_EQ(summary["reference"]["lat"], 47.0);
  EXPECT_EQ(summary["reference"]["lon"], 28.5);
  EXPECT_EQ(summary["time"], "2026-05-28T20:26:43.000Z");
  EXPECT_EQ(reply.header(http::field::cache_control), "no-store");
}

TEST_F(PictureServerTest, WithoutAWebRootTheEmbeddedPageSaysTheFrontEndIsNotBuilt) {
  const Reply root = fetch(server_.port(), "/");
  ASSERT_FALSE(root.ec) << root.ec.message();
  EXPECT_EQ(root.status(), 200u);
  EXPECT_EQ(root.header(http::field::content_type), "text/html; charset=utf-8");
  const std::string& page = root.response.body();
  EXPECT_NE(page.find("not built"), std::string::npos);
  EXPECT_NE(page.find("data-track-count"), std::string::npos);
  EXPECT_NE(page.find("/api/tracks"), std::string::npos);
  EXPECT_EQ(page.find("http://"), std::string::npos) << "the page must not load external URLs";
  EXPECT_EQ(page.find("https://"), std::string::npos) << "the page must not load external URLs";
  EXPECT_NE(page.rfind("</html>"), std::string::npos) << "page truncated";

  const Reply index = fetch(server_.port(), "/index.html");
  ASSERT_FALSE(index.ec) << index.ec.message();
  EXPECT_EQ(index.status(), 200u);
  EXPECT_EQ(index.response.body(), page);
}

TEST_F(PictureServerTest, HeadAnswersHeadersWithoutBodyAndKeepsTheConnectionUsable) {
  server_.publish(test_picture({7}));
  const std::string tracks = "[" + test_picture({7}).tracks[0].json + "]";
  Client client(server_.port());
  ASSERT_FALSE(client.connect_error());
  const Reply head = client.request(http::verb::head, "/api/tracks");
  ASSERT_FALSE(head.ec) << head.ec.message();
  EXPECT_EQ(head.status(), 200u);
  EXPECT_EQ(head.header(http::field::content_length), std::to_string(tracks.size()));
  EXPECT_TRUE(head.response.body().empty());
  // Had the server sent a body after all, it would be read here as the next response's start.
  const Reply get = client.get("/health");
  ASSERT_FALSE(get.ec) << get.ec.message();
  EXPECT_EQ(get.status(), 200u);
  EXPECT_EQ(get.response.body(), R"({"status":"ok"})");
}

TEST_F(PictureServerTest, UnknownPathsAre404) {
  for (const std::string_view target :
       {"/nope", "/api", "/api/tracks/1", "/api/tracks/x", "/api/nope", "/index.htm", "//"}) {
    const Reply reply = fetch(server_.port(), target);
    ASSERT_FALSE(reply.ec) << target << ": " << reply.ec.message();
    EXPECT_EQ(reply.status(), 404u) << target;
  }
}

TEST_F(PictureServerTest, PathTraversalFindsNothingWithoutAWebRoot) {
  for (const std::string_view target :
       {"/../etc/passwd", "/../../../../etc/passwd", "/api/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/./index.html/../../etc/passwd"}) {
    const Reply reply = fetch(server_.port(), target);
    if (reply.ec) continue;  // closing the connection is an acceptable answer
    EXPECT_TRUE(reply.status() == 404u || reply.status() == 400u)
        << target << " -> " << reply.status();
    EXPECT_EQ(reply.response.body().find("root:"), std::string::npos) << target;
  }
}

TEST_F(PictureServerTest, OtherMethodsAre405) {
  for (const http::verb method : {http::verb::post, http::verb::put, http::verb::delete_,
                                  http::verb::options, http::verb::patch}) {
    Client client(server_.port());
    ASSERT_FALSE(client.connect_error());
    const Reply reply = client.request(method, "/api/tracks");
    ASSERT_FALSE(reply.ec) << http::to_string(method) << ": " << reply.ec.message();
    EXPECT_EQ(reply.status(), 405u) << http::to_string(method);
    EXPECT_EQ(reply.header(http::field::allow), "GET, HEAD");
  }
  // A POST with a body is answered too, and the body does not corrupt the next request.
  Client client(server_.port());
  ASSERT_FALSE(
      client.send_raw("POST /api/tracks HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                      "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
  const Reply post = client.read_response();
  ASSERT_FALSE(post.ec) << post.ec.message();
  EXPECT_EQ(post.status(), 405u);
  const Reply health = client.read_response();
  ASSERT_FALSE(health.ec) << health.ec.message();
  EXPECT_EQ(health.status(), 200u);
  EXPECT_EQ(health.response.body(), R"({"status":"ok"})");
}

TEST_F(PictureServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  const std::uint64_t before = server_.counters().http_requests;
  Client client(server_.port());
  ASSERT_FALSE(client.connect_error());
  for (const std::string_view target : {"/health", "/api/tracks", "/api/summary", "/"}) {
    const Reply reply = client.get(target);
    ASSERT_FALSE(reply.ec) << target << ": " << reply.ec.message();
    EXPECT_EQ(reply.status(), 200u) << target;
    EXPECT_TRUE(reply.response.keep_alive()) << target;
  }
  EXPECT_EQ(server_.counters().http_requests - before, 4u);
}

TEST_F(PictureServerTest, PipelinedRequestsAreAnsweredInOrder) {
  Picture picture;
  picture.stats.scenario = "s";
  server_.publish(picture);
  const std::string summary = summary_json(picture);
  Client client(server_.port());
  ASSERT_FALSE(
      client.send_raw("GET /api/summary HTTP/1.1\r\nHost: x\r\n\r\n"
                      "GET /missing HTTP/1.1\r\nHost: x\r\n\r\n"
                      "GET /api/tracks HTTP/1.1\r\nHost: x\r\n\r\n"));
  const Reply first = client.read_response();
  const Reply second = client.read_response();
  const Reply third = client.read_response();
  ASSERT_FALSE(first.ec || second.ec || third.ec);
  EXPECT_EQ(first.response.body(), summary);
  EXPECT_EQ(second.status(), 404u);
  EXPECT_EQ(third.response.body(), "[]");
}

TEST_F(PictureServerTest, ConnectionCloseIsHonoured) {
  Client client(server_.port());
  ASSERT_FALSE(client.connect_error());
  const Reply reply = client.request(http::verb::get, "/health", /*keep_alive=*/false);
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.status(), 200u);
  EXPECT_FALSE(reply.response.keep_alive());
  EXPECT_EQ(client.wait_for_close(), asio::error::eof);
}

TEST_F(PictureServerTest, OversizedHeaderGets413AndTheConnectionClosed) {
  Client client(server_.port());
  ASSERT_FALSE(client.connect_error());
  const std::string padding(32 * 1024, 'a');
  ASSERT_FALSE(
      client.send_raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: " + padding + "\r\n\r\n"));
  const Reply reply = client.read_response();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.status(), 413u);
  EXPECT_FALSE(reply.response.keep_alive());
  EXPECT_NE(client.wait_for_close(), beast::error::timeout);
}

TEST_F(PictureServerTest, OversizedBodyGets413) {
  Client client(server_.port());
  ASSERT_FALSE(client.connect_error());
  const std::string body(20 * 1024, 'b');
  ASSERT_FALSE(client.send_raw("POST /api/tracks HTTP/1.1\r\nHost: x\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\n\r\n" + body));
  const Reply reply = client.read_response();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.status(), 413u);
  EXPECT_NE(client.wait_for_close(), beast::error::timeout);
}

TEST_F(PictureServerTest, MalformedRequestsGet400AndTheServerKeepsServing) {
  const std::vector<std::string> garbage = {
      "GARBAGE\r\n\r\n",
      "GET /health HTTP/1.1\r\nNo colon here\r\n\r\n",
      "GET /health HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
      std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15),  // a TLS hello
      std::string("G\0T / HTTP/1.1\r\n\r\n", 18),
  };
  for (const std::string& bytes : garbage) {
    Client client(server_.port());
    ASSERT_FALSE(client.connect_error());
    ASSERT_FALSE(client.send_raw(bytes));
    const Reply reply = client.read_response();
    if (!reply.ec) {
      EXPECT_EQ(reply.status(), 400u);
      EXPECT_FALSE(reply.response.keep_alive());
    }
    EXPECT_NE(client.wait_for_close(), beast::error::timeout) << "connection left open";

    const Reply next = fetch(server_.port(), "/health");
    ASSERT_FALSE(next.ec) << next.ec.message();
    EXPECT_EQ(next.status(), 200u);
  }
  // The request-line case is answered, not just dropped.
  Client client(server_.port());
  ASSERT_FALSE(client.send_raw("GARBAGE\r\n\r\n"));
  const Reply reply = client.read_response();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.status(), 400u);
}

TEST_F(PictureServerTest, UnsupportedHttpVersionGets505) {
  Client client(server_.port());
  ASSERT_FALSE(client.send_raw("GET /health HTTP/2.0\r\nHost: x\r\n\r\n"));
  const Reply reply = client.read_response();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.status(), 505u);
  EXPECT_EQ(reply.response.version(), 11u);
}

TEST_F(PictureServerTest, TargetNotStartingWithSlashIs400) {
  Client client(server_.port());
  ASSERT_FALSE(client.send_raw("GET * HTTP/1.1\r\nHost: x\r\n\r\n"));
  const Reply reply = client.read_response();
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.status(), 400u);
}

TEST_F(PictureServerTest, ClientThatHangsUpMidRequestDoesNotDisturbOthers) {
  {
    Client client(server_.port());
    ASSERT_FALSE(client.send_raw("GET /api/tra"));
  }  // closed here
  const Reply reply = fetch(server_.port(), "/health");
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.status(), 200u);
}

TEST_F(PictureServerTest, PublishingWhileServingNeverTearsABody) {
  std::vector<Picture> pictures;
  std::set<std::string> allowed;
  for (int i = 0; i < 8; ++i) {
    std::vector<std::uint64_t> ids(static_cast<std::size_t>(10 * (i + 1)));
    for (std::size_t k = 0; k < ids.size(); ++k) ids[k] = k + 1;
    pictures.push_back(test_picture(ids, i));
    allowed.insert(tracks_array(pictures.back().tracks));
  }
  server_.publish(pictures[0]);
  std::atomic<bool> done{false};
  std::thread publisher([&] {
    for (std::size_t i = 0; !done.load(); ++i) server_.publish(pictures[i % pictures.size()]);
  });
  Client client(server_.port());
  for (int i = 0; i < 50; ++i) {
    const Reply reply = client.get("/api/tracks");
    ASSERT_FALSE(reply.ec) << reply.ec.message();
    EXPECT_EQ(allowed.count(reply.response.body()), 1u)
        << "torn body of size " << reply.response.body().size();
  }
  done = true;
  publisher.join();
}

TEST_F(PictureServerTest, UrlNamesTheBoundPort) {
  EXPECT_EQ(server_.url(), "http://127.0.0.1:" + std::to_string(server_.port()) + "/");
}

TEST_F(PictureServerTest, StartOnAPortInUseFailsWithTheAddress) {
  ServerOptions options = test_options();
  options.port = server_.port();
  PictureServer second(options);
  const Status status = second.start();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kIo);
  EXPECT_NE(status.error().message.find("127.0.0.1:" + std::to_string(server_.port())),
            std::string::npos)
      << status.error().message;
  EXPECT_NE(status.error().message.find("in use"), std::string::npos) << status.error().message;
  second.stop();  // harmless on a server that never started
  // The first server is unaffected.
  const Reply reply = fetch(server_.port(), "/health");
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.status(), 200u);
}

TEST_F(PictureServerTest, StartWhileRunningFails) {
  const Status again = server_.start();
  EXPECT_FALSE(again.ok());
  const Reply reply = fetch(server_.port(), "/health");
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.status(), 200u);
}

TEST_F(PictureServerTest, StopTwiceIsFineAndClosesTheListener) {
  // An idle keep-alive connection must not keep stop() from returning.
  Client idle(server_.port());
  ASSERT_FALSE(idle.connect_error());
  ASSERT_FALSE(idle.get("/health").ec);
  const std::uint16_t port = server_.port();
  server_.stop();
  server_.stop();
  Client late(port);
  EXPECT_TRUE(late.connect_error() || late.get("/health").ec) << "a stopped server still answers";
}

TEST_F(PictureServerTest, CanBeStartedAgainAfterStop) {
  server_.publish(test_picture({3}));
  server_.stop();
  const Status restarted = server_.start();
  ASSERT_TRUE(restarted.ok()) << restarted.error().message;
  const Reply reply = fetch(server_.port(), "/api/tracks");
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.response.body(), "[" + test_picture({3}).tracks[0].json + "]");
}

TEST(PictureServerOptionsTest, IdleConnectionIsClosedAfterTheReadTimeout) {
  ServerOptions options = test_options();
  options.read_timeout = std::chrono::milliseconds(200);
  PictureServer server(options);
  ASSERT_TRUE(server.start().ok());
  Client client(server.port());
  ASSERT_FALSE(client.connect_error());
  ASSERT_FALSE(client.send_raw("GET /health HTTP/1.1\r\n"));  // and then nothing more
  // Without a server-side timeout this read would only end at the client's own 10 s deadline.
  const beast::error_code closed = client.wait_for_close();
  EXPECT_TRUE(closed);
  EXPECT_NE(closed, beast::error::timeout);
}

TEST(PictureServerOptionsTest, InvalidBindAddressIsRejected) {
  ServerOptions options = test_options();
  options.bind_address = "not-an-address";
  PictureServer server(options);
  const Status status = server.start();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("not-an-address"), std::string::npos)
      << status.error().message;
}

TEST(PictureServerOptionsTest, UnspecifiedBindAddressShowsLoopbackUrl) {
  ServerOptions options = test_options();
  options.bind_address = "0.0.0.0";
  options.token = "t0ken";  // any address but 127.0.0.1 and ::1 needs one
  PictureServer server(options);
  ASSERT_TRUE(server.start().ok());
  EXPECT_EQ(server.url(), "http://127.0.0.1:" + std::to_string(server.port()) + "/");
  const Reply reply =
      fetch(server.port(), "/health", {{http::field::authorization, "Bearer t0ken"}});
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.status(), 200u);
}

TEST(PictureServerOptionsTest, DestructorStopsARunningServer) {
  std::uint16_t port = 0;
  {
    PictureServer server(test_options());
    ASSERT_TRUE(server.start().ok());
    port = server.port();
    Client client(port);
    ASSERT_FALSE(client.get("/health").ec);
  }
  Client late(port);
  EXPECT_TRUE(late.connect_error() || late.get("/health").ec);
}

TEST_F(PictureServerTest, TrackDetailAddsTheHistoryOfItsLastPositions) {
  for (int step = 0; step < 130; ++step) server_.publish(test_picture({5, 6}, step));
  server_.publish(test_picture({5, 6}, 129));  // same time again: no new point
  const Reply reply = fetch(server_.port(), "/api/tracks/5");
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  ASSERT_EQ(reply.status(), 200u);
  const auto track = nlohmann::json::parse(reply.response.body());
  EXPECT_EQ(track["id"], 5);
  ASSERT_EQ(track["history"].size(), 120u);
  EXPECT_EQ(track["history"][119]["time"], track["time"]);
  EXPECT_EQ(track["history"][0]["time"], "2026-05-28T20:26:50.000Z");  // step 10
  EXPECT_EQ(track["history"][0]["alt_m"], 3000.0);
  server_.publish(test_picture({6}, 130));
  EXPECT_EQ(fetch(server_.port(), "/api/tracks/5").status(), 404u) << "a vanished track";
  EXPECT_EQ(fetch(server_.port(), "/api/tracks/6").status(), 200u);
}

TEST_F(PictureServerTest, SensorsStatsAndMetricsFollowThePicture) {
  Picture picture = test_picture({1, 2, 3});
  picture.tracks[2].status = TrackStatus::kTentative;
  picture.sensors.push_back({.id = "psr-1",
                             .kind = "psr3d",
                             .sac = 1,
                             .sic = 2,
                             .lat_deg = 47.0,
                             .lon_deg = 28.8,
                             .height_m = 200.0,
                             .max_range_m = 250'000.0,
                             .health = SensorHealth::kOk,
                             .last_data_age_s = 1.5,
                             .plots_per_s = 4.25,
                             .status_reason = {}});
  picture.stats.source = "replay";
  picture.stats.plots_total = 1234;
  picture.stats.latency_p50_ms = 0.5;
  picture.stats.replay = ReplayState{.paused = true, .speed = 4.0};
  server_.publish(picture);

  const auto sensors = nlohmann::json::parse(fetch(server_.port(), "/api/sensors").response.body());
  ASSERT_EQ(sensors.size(), 1u);
  EXPECT_EQ(sensors[0]["id"], "psr-1");
  EXPECT_EQ(sensors[0]["sic"], 2);
  EXPECT_EQ(sensors[0]["status"], "ok");
  EXPECT_EQ(sensors[0]["plots_per_s"], 4.25);

  const auto stats = nlohmann::json::parse(fetch(server_.port(), "/api/stats").response.body());
  EXPECT_EQ(stats["source"], "replay");
  EXPECT_EQ(stats["plots_total"], 1234);
  EXPECT_EQ(stats["tracks"]["confirmed"], 2);
  EXPECT_EQ(stats["tracks"]["tentative"], 1);
  EXPECT_EQ(stats["latency_ms"]["p50"], 0.5);
  EXPECT_EQ(stats["latency_ms"]["p99"], nullptr);
  EXPECT_EQ(stats["replay"]["paused"], true);
  EXPECT_EQ(stats["replay"]["speed"], 4.0);
  EXPECT_EQ(stats["clients"], 0);

  const Reply metrics = fetch(server_.port(), "/metrics");
  ASSERT_EQ(metrics.status(), 200u);
  EXPECT_EQ(metrics.header(http::field::content_type), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = metrics.response.body();
  EXPECT_NE(text.find("straja_plots_received_total 1234\n"), std::string::npos) << text;
  EXPECT_NE(text.find("straja_tracks{status=\"confirmed\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("straja_latency_seconds{quantile=\"0.5\"} 0.0005"), std::string::npos);
  EXPECT_NE(text.find("# TYPE straja_http_requests_total counter"), std::string::npos);
  EXPECT_NE(text.find("straja_websocket_clients 0\n"), std::string::npos);
}

TEST_F(PictureServerTest, CoverageIsAnEmptyListWithoutADirectory) {
  const Reply listing = fetch(server_.port(), "/api/coverage");
  ASSERT_FALSE(listing.ec) << listing.ec.message();
  EXPECT_EQ(listing.status(), 200u);
  EXPECT_EQ(listing.response.body(), "[]");
  EXPECT_EQ(fetch(server_.port(), "/api/coverage/300m-agl_rcs1.all").status(), 404u);
}

TEST(PictureServerCoverageTest, ListsAndServesLayersByTheirIdsOnly) {
  CoverageLayer network;
  network.id = "300m-agl_rcs1.all";
  network.layer_m = 300;
  network.reference = "agl";
  network.rcs_m2 = 1;
  network.sensor = "all";
  network.features = 1;
  network.geojson = R"({"type":"FeatureCollection","features":[{"type":"Feature"}]})";
  CoverageLayer sensor = network;
  sensor.id = "300m-agl_rcs1.psr-a";
  sensor.sensor = "psr-a";
  ServerOptions options = test_options();
  options.coverage = std::make_shared<const CoverageCatalog>(std::vector{sensor, network});
  PictureServer server(options);
  ASSERT_TRUE(server.start().ok());

  const Reply listing = fetch(server.port(), "/api/coverage");
  ASSERT_FALSE(listing.ec) << listing.ec.message();
  EXPECT_EQ(listing.status(), 200u);
  EXPECT_EQ(listing.header(http::field::content_type), "application/json");
  const auto layers = nlohmann::json::parse(listing.response.body());
  ASSERT_EQ(layers.size(), 2u);
  EXPECT_EQ(layers[0]["id"], "300m-agl_rcs1.all");
  EXPECT_EQ(layers[0]["url"], "api/coverage/300m-agl_rcs1.all");
  EXPECT_EQ(layers[1]["sensor"], "psr-a");

  const Reply layer = fetch(server.port(), "/api/coverage/300m-agl_rcs1.all");
  ASSERT_FALSE(layer.ec) << layer.ec.message();
  EXPECT_EQ(layer.status(), 200u);
  EXPECT_EQ(layer.header(http::field::content_type), "application/geo+json");
  EXPECT_EQ(layer.response.body(), network.geojson);

  for (const std::string_view target :
       {"/api/coverage/unknown", "/api/coverage/", "/api/coverage/300m-agl_rcs1.all/",
        "/api/coverage/../../etc/passwd", "/api/coverage/..%2f..%2fetc%2fpasswd",
        "/api/coverage/%2e%2e/geojson/300m-agl_rcs1.geojson",
        "/api/coverage/300m-agl_rcs1.all%00"}) {
    const Reply refused = fetch(server.port(), target);
    ASSERT_FALSE(refused.ec) << target << ": " << refused.ec.message();
    EXPECT_TRUE(refused.status() == 404u || refused.status() == 400u)
        << target << " -> " << refused.status();
    EXPECT_EQ(refused.response.body().find("FeatureCollection"), std::string::npos) << target;
  }
}

/// A web root with a few files, a directory with its own index, and a symbolic link pointing out.
class WebRootTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = std::filesystem::temp_directory_path() /
            ("straja-webroot-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(base_);
    std::filesystem::create_directories(base_ / "web" / "assets");
    write("web/index.html", "<!doctype html><p>front end</p>");
    write("web/assets/app.js", "console.log(1)");
    write("web/assets/style.css", "body{}");
    write("web/assets/icon.svg", "<svg/>");
    write("web/assets/font.woff2", "wOF2");
    write("web/assets/module.wasm", "\0asm");
    write("secret.txt", "root:x:0:0");
    std::filesystem::create_symlink(base_ / "secret.txt", base_ / "web" / "escape.txt");
    std::filesystem::create_directory_symlink(base_, base_ / "web" / "up");
    ServerOptions options = test_options();
    options.web_root = std::filesystem::canonical(base_ / "web");
    server_ = std::make_unique<PictureServer>(options);
    ASSERT_TRUE(server_->start().ok());
  }
  void TearDown() override {
    server_.reset();
    std::filesystem::remove_all(base_);
  }
  void write(const std::string& name, std::string_view text) {
    std::ofstream(base_ / name, std::ios::binary) << text;
  }
  std::filesystem::path base_;
  std::unique_ptr<PictureServer> server_;
};

TEST_F(WebRootTest, ServesFilesWithTheirContentTypes) {
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"/", "text/html; charset=utf-8"},
      {"/index.html", "text/html; charset=utf-8"},
      {"/assets/app.js", "text/javascript; charset=utf-8"},
      {"/assets/style.css", "text/css; charset=utf-8"},
      {"/assets/icon.svg", "image/svg+xml"},
      {"/assets/font.woff2", "font/woff2"},
      {"/assets/module.wasm", "application/wasm"},
      {"/assets/app%2ejs", "text/javascript; charset=utf-8"},
  };
  for (const auto& [target, type] : expected) {
    const Reply reply = fetch(server_->port(), target);
    ASSERT_FALSE(reply.ec) << target;
    EXPECT_EQ(reply.status(), 200u) << target;
    EXPECT_EQ(reply.header(http::field::content_type), type) << target;
  }
  EXPECT_EQ(fetch(server_->port(), "/").response.body(), "<!doctype html><p>front end</p>");
  EXPECT_EQ(fetch(server_->port(), "/assets/missing.js").status(), 404u);
  EXPECT_EQ(fetch(server_->port(), "/api/tracks").response.body(), "[]") << "API before files";
}

TEST_F(WebRootTest, PathTraversalIsRefused) {
  for (const std::string_view target :
       {"/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt", "/a/..", "/%zz"}) {
    const Reply reply = fetch(server_->port(), target);
    ASSERT_FALSE(reply.ec) << target;
    EXPECT_EQ(reply.status(), 400u) << target;
    EXPECT_EQ(reply.response.body().find("root:"), std::string::npos) << target;
  }
  const std::string absolute = (base_ / "secret.txt").string();
  for (const std::string& target : {"/" + absolute, "//" + absolute, std::string("/escape.txt"),
                                    std::string("/up/secret.txt")}) {
    const Reply reply = fetch(server_->port(), target);
    ASSERT_FALSE(reply.ec) << target;
    EXPECT_EQ(reply.status(), 404u) << target;
    EXPECT_EQ(reply.response.body().find("root:"), std::string::npos) << target;
  }
}

// 127.0.0.2 is on the loopback interface but is not a default address: a token is required.
class TokenTest : public ::testing::Test {
 protected:
  static constexpr std::string_view kToken = "0123456789abcdef0123456789abcdef";
  void SetUp() override {
    ServerOptions options = test_options();
    options.bind_address = "127.0.0.2";
    options.token = std::string(kToken);
    server_ = std::make_unique<PictureServer>(options);
    const Status started = server_->start();
    if (!started.ok() && started.error().message.find("assign") != std::string::npos) {
      GTEST_SKIP() << "127.0.0.2 is not available here: " << started.error().message;
    }
    ASSERT_TRUE(started.ok()) << started.error().message;
  }
  Reply get(std::string_view target, const Headers& headers = {}) {
    return fetch(server_->port(), target, headers, "127.0.0.2");
  }
  std::unique_ptr<PictureServer> server_;
};

TEST(PictureServerOptionsTest, BindingBeyondTheDefaultLoopbackNeedsAToken) {
  for (const char* address : {"127.0.0.2", "0.0.0.0", "::"}) {
    ServerOptions options = test_options();
    options.bind_address = address;
    PictureServer server(options);
    const Status status = server.start();
    ASSERT_FALSE(status.ok()) << address;
    EXPECT_NE(status.error().message.find("token"), std::string::npos) << status.error().message;
  }
  ServerOptions v6 = test_options();
  v6.bind_address = "::1";
  PictureServer loopback6(v6);
  const Status status = loopback6.start();
  if (status.ok()) {
    EXPECT_EQ(loopback6.url(), "http://[::1]:" + std::to_string(loopback6.port()) + "/");
  } else {
    EXPECT_EQ(status.error().message.find("token"), std::string::npos) << status.error().message;
  }
}

TEST_F(TokenTest, MissingOrWrongTokenIsRefusedForEveryRequest) {
  const std::string wrong = "0123456789abcdef0123456789abcdee";
  for (const std::string_view target : {"/", "/health", "/api/tracks", "/metrics", "/nope"}) {
    for (const Headers& headers :
         {Headers{}, Headers{{http::field::authorization, "Bearer " + wrong}},
          Headers{{http::field::cookie, "straja_token=" + wrong}},
          Headers{{http::field::authorization, "Basic " + std::string(kToken)}}}) {
      const Reply reply = get(target, headers);
      ASSERT_FALSE(reply.ec) << target;
      EXPECT_EQ(reply.status(), 401u) << target;
    }
    EXPECT_EQ(get(std::string(target) + "?token=" + wrong).status(), 401u) << target;
    EXPECT_EQ(get(std::string(target) + "?token=").status(), 401u) << target;
  }
  EXPECT_GE(server_->counters().auth_failures, 30u);
}

TEST_F(TokenTest, RightTokenIsAcceptedInHeaderQueryOrCookie) {
  const std::string token(kToken);
  const Reply bearer = get("/health", {{http::field::authorization, "Bearer " + token}});
  EXPECT_EQ(bearer.status(), 200u);
  EXPECT_TRUE(bearer.header(http::field::set_cookie).empty());
  const Reply query = get("/?x=1&token=" + token);
  EXPECT_EQ(query.status(), 200u);
  EXPECT_EQ(query.header(http::field::set_cookie).find("straja_token=" + token + ";"), 0u)
      << "the page's own assets then carry the cookie";
  EXPECT_EQ(get("/api/tracks", {{http::field::cookie, "a=b; straja_token=" + token}}).status(),
            200u);
  EXPECT_EQ(get("/../x?token=" + token).status(), 400u);
}

TEST_F(TokenTest, WebSocketUpgradeNeedsTheToken) {
  {
    WsClient missing(server_->port(), "/ws", {}, "127.0.0.2");
    EXPECT_TRUE(missing.error());
    EXPECT_EQ(missing.upgrade_status(), 401u);
  }
  {
    WsClient wrong(server_->port(), "/ws?token=nope", {}, "127.0.0.2");
    EXPECT_TRUE(wrong.error());
    EXPECT_EQ(wrong.upgrade_status(), 401u);
  }
  WsClient right(server_->port(), "/ws?token=" + std::string(kToken), {}, "127.0.0.2");
  ASSERT_FALSE(right.error()) << right.error().message();
  EXPECT_NE(right.read_type("snapshot"), "");
  WsClient bearer(server_->port(), "/ws",
                  {{http::field::authorization, "Bearer " + std::string(kToken)}}, "127.0.0.2");
  ASSERT_FALSE(bearer.error()) << bearer.error().message();
}

}  // namespace
}  // namespace straja::server
