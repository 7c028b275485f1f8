#include "server/picture_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace straja::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// Generous bound on every client operation, so a broken server fails a test instead of hanging it.
constexpr std::chrono::seconds kClientTimeout{10};

struct Reply {
  beast::error_code ec;
  http::response<http::string_body> response;

  unsigned status() const { return response.result_int(); }
  std::string header(http::field field) const { return std::string(response[field]); }
};

// A blocking HTTP client over one connection; each operation runs the client's own io_context
// until it completes or kClientTimeout passes.
class Client {
 public:
  explicit Client(std::uint16_t port) {
    run([&] {
      stream_.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                            [&](beast::error_code ec) { connect_error_ = ec; });
    });
  }

  beast::error_code connect_error() const { return connect_error_; }

  beast::error_code send_raw(std::string_view bytes) {
    beast::error_code result;
    run([&] {
      asio::async_write(stream_, asio::buffer(bytes.data(), bytes.size()),
                        [&](beast::error_code ec, std::size_t) { result = ec; });
    });
    return result;
  }

  Reply read_response(bool head = false) {
    Reply reply;
    http::response_parser<http::string_body> parser;
    parser.skip(head);
    parser.body_limit(8 * 1024 * 1024);
    run([&] {
      http::async_read(stream_, buffer_, parser,
                       [&](beast::error_code ec, std::size_t) { reply.ec = ec; });
    });
    if (!reply.ec) reply.response = parser.release();
    return reply;
  }

  Reply request(http::verb method, std::string_view target, bool keep_alive = true) {
    http::request<http::string_body> req{method, beast::string_view(target.data(), target.size()),
                                         11};
    req.set(http::field::host, "127.0.0.1");
    req.keep_alive(keep_alive);
    beast::error_code write_error;
    run([&] {
      http::async_write(stream_, req, [&](beast::error_code ec, std::size_t) { write_error = ec; });
    });
    if (write_error) return Reply{write_error, {}};
    return read_response(method == http::verb::head);
  }

  Reply get(std::string_view target) { return request(http::verb::get, target); }

  // Waits for the server to close the connection; returns the error the read ended with.
  beast::error_code wait_for_close() {
    beast::error_code result;
    std::array<char, 1024> scratch{};
    bool done = false;
    while (!done) {
      run([&] {
        stream_.async_read_some(asio::buffer(scratch), [&](beast::error_code ec, std::size_t) {
          if (ec) {
            result = ec;
            done = true;
          }
        });
      });
    }
    return result;
  }

 private:
  template <typename Start>
  void run(Start&& start) {
    stream_.expires_after(kClientTimeout);
    start();
    io_.restart();
    io_.run();
  }

  asio::io_context io_;
  beast::tcp_stream stream_{io_};
  beast::flat_buffer buffer_;
  beast::error_code connect_error_;
};

Reply fetch(std::uint16_t port, std::string_view target) {
  Client client(port);
  if (client.connect_error()) return Reply{client.connect_error(), {}};
  return client.get(target);
}

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

  const std::string first = R"([{"track_id":1,"status":"confirmed","east_m":1000.5,"north_m":-2}])";
  server_.publish_tracks(first);
  reply = fetch(server_.port(), "/api/tracks");
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.response.body(), first);
  EXPECT_EQ(reply.header(http::field::content_type), "application/json");

  server_.publish_tracks("[]");
  reply = fetch(server_.port(), "/api/tracks?t=123");  // a cache-busting query is ignored
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.response.body(), "[]");
}

TEST_F(PictureServerTest, SummaryIsAnEmptyObjectUntilPublished) {
  Reply reply = fetch(server_.port(), "/api/summary");
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.status(), 200u);
  EXPECT_EQ(reply.response.body(), "{}");

  const std::string summary = R"({"scenario":"first-light","sim_time_s":12.5,"tracks":3})";
  server_.publish_summary(summary);
  reply = fetch(server_.port(), "/api/summary");
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.response.body(), summary);
  EXPECT_EQ(reply.header(http::field::cache_control), "no-store");
  // Publishing a summary leaves the tracks alone.
  EXPECT_EQ(fetch(server_.port(), "/api/tracks").response.body(), "[]");
}

TEST_F(PictureServerTest, PageIsSelfContainedHtml) {
  const Reply root = fetch(server_.port(), "/");
  ASSERT_FALSE(root.ec) << root.ec.message();
  EXPECT_EQ(root.status(), 200u);
  EXPECT_EQ(root.header(http::field::content_type), "text/html; charset=utf-8");
  const std::string& page = root.response.body();
  EXPECT_NE(page.find("<canvas"), std::string::npos);
  EXPECT_NE(page.find("data-track-count"), std::string::npos);
  EXPECT_NE(page.find("/api/tracks"), std::string::npos);
  EXPECT_NE(page.find("/api/summary"), std::string::npos);
  EXPECT_EQ(page.find("http://"), std::string::npos) << "the page must not load external URLs";
  EXPECT_EQ(page.find("https://"), std::string::npos) << "the page must not load external URLs";
  EXPECT_NE(page.rfind("</html>"), std::string::npos) << "page truncated";

  const Reply index = fetch(server_.port(), "/index.html");
  ASSERT_FALSE(index.ec) << index.ec.message();
  EXPECT_EQ(index.status(), 200u);
  EXPECT_EQ(index.response.body(), page);
}

TEST_F(PictureServerTest, HeadAnswersHeadersWithoutBodyAndKeepsTheConnectionUsable) {
  const std::string tracks = R"([{"track_id":7}])";
  server_.publish_tracks(tracks);
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
  for (const std::string_view target : {"/nope", "/api", "/api/tracks/1", "/index.htm", "//"}) {
    const Reply reply = fetch(server_.port(), target);
    ASSERT_FALSE(reply.ec) << target << ": " << reply.ec.message();
    EXPECT_EQ(reply.status(), 404u) << target;
  }
}

TEST_F(PictureServerTest, PathTraversalFindsNothing) {
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
  const std::uint64_t before = server_.requests_served();
  Client client(server_.port());
  ASSERT_FALSE(client.connect_error());
  for (const std::string_view target : {"/health", "/api/tracks", "/api/summary", "/"}) {
    const Reply reply = client.get(target);
    ASSERT_FALSE(reply.ec) << target << ": " << reply.ec.message();
    EXPECT_EQ(reply.status(), 200u) << target;
    EXPECT_TRUE(reply.response.keep_alive()) << target;
  }
  EXPECT_EQ(server_.requests_served() - before, 4u);
}

TEST_F(PictureServerTest, PipelinedRequestsAreAnsweredInOrder) {
  server_.publish_summary(R"({"scenario":"s"})");
  Client client(server_.port());
  ASSERT_FALSE(
      client.send_raw("GET /api/summary HTTP/1.1\r\nHost: x\r\n\r\n"
                      "GET /missing HTTP/1.1\r\nHost: x\r\n\r\n"
                      "GET /api/tracks HTTP/1.1\r\nHost: x\r\n\r\n"));
  const Reply first = client.read_response();
  const Reply second = client.read_response();
  const Reply third = client.read_response();
  ASSERT_FALSE(first.ec || second.ec || third.ec);
  EXPECT_EQ(first.response.body(), R"({"scenario":"s"})");
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
  std::vector<std::string> bodies;
  for (int i = 0; i < 8; ++i) {
    bodies.push_back("[" + std::string(static_cast<std::size_t>(1000 * (i + 1)), ' ') +
                     std::to_string(i) + "]");
  }
  const std::set<std::string> allowed(bodies.begin(), bodies.end());
  server_.publish_tracks(bodies[0]);
  std::atomic<bool> done{false};
  std::thread publisher([&] {
    for (std::size_t i = 0; !done.load(); ++i) server_.publish_tracks(bodies[i % bodies.size()]);
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
  server_.publish_tracks(R"([{"track_id":3}])");
  server_.stop();
  const Status restarted = server_.start();
  ASSERT_TRUE(restarted.ok()) << restarted.error().message;
  const Reply reply = fetch(server_.port(), "/api/tracks");
  ASSERT_FALSE(reply.ec) << reply.ec.message();
  EXPECT_EQ(reply.response.body(), R"([{"track_id":3}])");
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
  PictureServer server(options);
  ASSERT_TRUE(server.start().ok());
  EXPECT_EQ(server.url(), "http://127.0.0.1:" + std::to_string(server.port()) + "/");
  const Reply reply = fetch(server.port(), "/health");
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

}  // namespace
}  // namespace straja::server
