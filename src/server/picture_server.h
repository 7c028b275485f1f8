#pragma once
// PictureServer: a small HTTP/1.1 server for the live air picture. It serves the operator page
// (compiled into the binary) and two JSON documents that the producer replaces as the picture
// evolves:
//
//   GET /, /index.html  the page (text/html)
//   GET /api/tracks     the last published track array ("[]" before any)
//   GET /api/summary    the last published summary object ("{}" before any)
//   GET /health         {"status":"ok"}
//
// HEAD is accepted wherever GET is; any other method gets 405, an unknown path 404, a malformed
// request 400 and an oversized one 413 (the last two close the connection). Connections are
// HTTP/1.1 keep-alive with a read timeout, so idle or slow clients cannot pin a connection.
//
// Threading: all network I/O runs on one thread owned by the server, started by start() and joined
// by stop(). publish_*, port(), url() and requests_served() may be called from any thread at any
// time. start() and stop() must not race each other (call them from the owning thread).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/result.h"

namespace straja::server {

struct ServerOptions {
  std::string bind_address = "127.0.0.1";  ///< loopback by default; an IPv4 or IPv6 literal
  std::uint16_t port = 8080;               ///< 0 = let the OS pick a free port (see port())
  /// Requests whose header or body is larger get 413 and the connection closed.
  std::size_t max_request_bytes = 16 * 1024;
  /// A client must deliver each complete request (and accept each response) within this time
  /// once the server starts waiting for it, or the connection is closed.
  std::chrono::milliseconds read_timeout{30'000};
};

class PictureServer {
 public:
  explicit PictureServer(ServerOptions options);
  ~PictureServer();  ///< stops (see stop())

  PictureServer(const PictureServer&) = delete;
  PictureServer& operator=(const PictureServer&) = delete;

  /// Binds, listens and starts the I/O thread. On failure nothing keeps running and the error says
  /// which address failed and why: ErrorCode::kIo when the OS refuses, e.g.
  /// "cannot listen on 127.0.0.1:8080: Address already in use", ErrorCode::kInvalidValue when
  /// bind_address is not an IP literal. Calling start() on a running server is an error (kIo);
  /// after stop() the server may be started again.
  straja::Status start();

  /// Closes the listener and every connection and joins the I/O thread. Idempotent; a no-op on a
  /// server that never started. Must not be called from the I/O thread.
  void stop();

  /// The bound port after a successful start() (the chosen one when options.port was 0); 0 before.
  std::uint16_t port() const;

  /// "http://ADDRESS:PORT/" for the bound port; an unspecified bind address (0.0.0.0, ::) is shown
  /// as loopback so the URL can be opened as is.
  std::string url() const;

  /// Replaces the body of GET /api/tracks. The caller guarantees it is a JSON array; it is served
  /// verbatim. Requests already being answered keep the previous body. The page draws objects
  /// with track_id, status ("tentative", "confirmed", "coasting"), east_m and north_m (metres from
  /// the picture's reference point), alt_m, vel_east_mps and vel_north_mps, and shows callsign
  /// when present; objects without east_m/north_m are not drawn.
  void publish_tracks(std::string json_array);

  /// Replaces the body of GET /api/summary (a JSON object), as publish_tracks. The page shows
  /// scenario, time_utc and sim_time_s, and draws sensors: [{"id", "east_m", "north_m",
  /// "max_range_m"}] with range rings every 50 km; the view fits the sensors' coverage.
  void publish_summary(std::string json_object);

  /// Responses the server has produced (any status) since construction.
  std::uint64_t requests_served() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace straja::server
