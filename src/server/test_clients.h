#pragma once
// Blocking Beast clients for the server's tests: HTTP over one connection, and a WebSocket
// client. Every operation runs the client's own io_context until it completes or kClientTimeout
// passes, so a broken server fails a test instead of hanging it.

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/picture.h"
#include "server/track_json.h"

namespace straja::server::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

constexpr std::chrono::seconds kClientTimeout{10};

using Headers = std::vector<std::pair<http::field, std::string>>;

struct Reply {
  beast::error_code ec;
  http::response<http::string_body> response;

  unsigned status() const { return response.result_int(); }
  std::string header(http::field field) const { return std::string(response[field]); }
};

class Client {
 public:
  explicit Client(std::uint16_t port, const std::string& address = "127.0.0.1") {
    run([&] {
      stream_.async_connect(tcp::endpoint(asio::ip::make_address(address), port),
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
    parser.body_limit(64 * 1024 * 1024);
    run([&] {
      http::async_read(stream_, buffer_, parser,
                       [&](beast::error_code ec, std::size_t) { reply.ec = ec; });
    });
    if (!reply.ec) reply.response = parser.release();
    return reply;
  }

  Reply request(http::verb method, std::string_view target, bool keep_alive = true,
                const Headers& headers = {}) {
    http::request<http::string_body> req{method, beast::string_view(target.data(), target.size()),
                                         11};
    req.set(http::field::host, "127.0.0.1");
    for (const auto& [field, value] : headers) req.set(field, value);
    req.keep_alive(keep_alive);
    beast::error_code write_error;
    run([&] {
      http::async_write(stream_, req, [&](beast::error_code ec, std::size_t) { write_error = ec; });
    });
    if (write_error) return Reply{write_error, {}};
    return read_response(method == http::verb::head);
  }

  Reply get(std::string_view target, const Headers& headers = {}) {
    return request(http::verb::get, target, true, headers);
  }

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

inline Reply fetch(std::uint16_t port, std::string_view target, const Headers& headers = {},
                   const std::string& address = "127.0.0.1") {
  Client client(port, address);
  if (client.connect_error()) return Reply{client.connect_error(), {}};
  return client.get(target, headers);
}

/// A WebSocket client: handshake() then read()/write() text messages.
class WsClient {
 public:
  /// Connects and upgrades; the error (and the HTTP status of a refused upgrade) is kept.
  WsClient(std::uint16_t port, const std::string& target, const Headers& headers = {},
           const std::string& address = "127.0.0.1") {
    run([&] {
      beast::get_lowest_layer(ws_).async_connect(
          tcp::endpoint(asio::ip::make_address(address), port),
          [&](beast::error_code ec) { error_ = ec; });
    });
    if (error_) return;
    ws_.set_option(websocket::stream_base::decorator([headers](websocket::request_type& req) {
      for (const auto& [field, value] : headers) req.set(field, value);
    }));
    run([&] {
      ws_.async_handshake(upgrade_response_, address, target,
                          [&](beast::error_code ec) { error_ = ec; });
    });
  }

  beast::error_code error() const { return error_; }
  unsigned upgrade_status() const { return upgrade_response_.result_int(); }

  /// The next text message; empty with `ec` set when the connection ended.
  std::string read(beast::error_code* ec = nullptr) {
    beast::flat_buffer buffer;
    beast::error_code result;
    run([&] { ws_.async_read(buffer, [&](beast::error_code e, std::size_t) { result = e; }); });
    if (ec != nullptr) *ec = result;
    return result ? std::string() : beast::buffers_to_string(buffer.data());
  }

  /// The next message whose "type" is `type` (others are skipped), at most `max_skipped` skips.
  std::string read_type(std::string_view type, int max_skipped = 50) {
    for (int i = 0; i <= max_skipped; ++i) {
      beast::error_code ec;
      std::string message = read(&ec);
      if (ec) return {};
      if (message.find("\"type\":\"" + std::string(type) + "\"") != std::string::npos) {
        return message;
      }
    }
    return {};
  }

  beast::error_code write(std::string_view text) {
    beast::error_code result;
    ws_.text(true);
    run([&] {
      ws_.async_write(asio::buffer(text.data(), text.size()),
                      [&](beast::error_code e, std::size_t) { result = e; });
    });
    return result;
  }

  /// Reads until the server closes; the close code it sent (0 when none).
  unsigned read_until_closed() {
    for (int i = 0; i < 1000; ++i) {
      beast::error_code ec;
      read(&ec);
      if (ec) return ws_.reason().code;
    }
    return 0;
  }

 private:
  template <typename Start>
  void run(Start&& start) {
    beast::get_lowest_layer(ws_).expires_after(kClientTimeout);
    start();
    io_.restart();
    io_.run();
  }

  asio::io_context io_;
  websocket::stream<beast::tcp_stream> ws_{io_};
  websocket::response_type upgrade_response_;
  beast::error_code error_;
};

/// A picture of tracks with the given ids, each with a real track object whose position depends
/// on `step` (so that a later step changes every track).
inline Picture test_picture(const std::vector<std::uint64_t>& ids, int step = 0) {
  Picture picture;
  picture.time = Time(std::chrono::seconds(1'780'000'000 + step));
  for (const std::uint64_t id : ids) {
    TrackReport report;
    report.id = TrackId{static_cast<std::uint32_t>(id)};
    report.time = picture.time;
    report.status = TrackStatus::kConfirmed;
    report.position = {47.0 + 0.001 * static_cast<double>(step),
                       28.8 + 0.01 * static_cast<double>(id), 3000.0};
    report.velocity_enu_mps = {100.0, 0.0, 0.0};
    picture.tracks.push_back(picture_track(report, TrackExtras{}));
  }
  return picture;
}

}  // namespace straja::server::testing
