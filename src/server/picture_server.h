#pragma once
// PictureServer: the live air picture over HTTP/1.1 and WebSocket (Boost.Beast), as
// docs/formats/picture-api.md specifies:
//
//   GET /api/tracks, /api/tracks/ID, /api/sensors, /api/stats, /api/summary   JSON documents
//   GET /api/coverage, /api/coverage/ID       the coverage layers to overlay, one layer's GeoJSON
//   GET /health, /metrics                                                       operations
//   GET /ws (upgrade)        snapshot, then deltas at options.ws_rate_hz, stats once a second
//   GET anything else        a static file of the web root; "/" its index.html; without a web
//                            root an embedded page saying the front end is not built
//
// The producer publishes whole pictures (publish()); the server keeps the last one, computes the
// deltas for WebSocket clients from what it last broadcast, and keeps the last positions of every
// track for /api/tracks/ID. A client that falls behind gets a fresh snapshot in place of the
// deltas it could not take, so one slow client neither blocks the others nor grows memory.
//
// HEAD is accepted wherever GET is; any other method gets 405, an unknown path 404, a malformed
// request 400 and an oversized one 413 (the last two close the connection). With a token
// configured, every request and upgrade without it gets 401. Connections are HTTP/1.1 keep-alive
// with a read timeout, so idle or slow clients cannot pin a connection.
//
// Threading: all network I/O runs on one thread owned by the server, started by start() and joined
// by stop(). publish(), set_replay_handler(), port(), url() and the counters may be called from
// any thread at any time. The replay handler runs on the I/O thread. start() and stop() must not
// race each other (call them from the owning thread).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/result.h"
#include "server/api_documents.h"
#include "server/coverage_layers.h"
#include "server/picture.h"

namespace straja::server {

struct ServerOptions {
  std::string bind_address = "127.0.0.1";  ///< loopback by default; an IPv4 or IPv6 literal
  std::uint16_t port = 8080;               ///< 0 = let the OS pick a free port (see port())
  /// Required (non-empty) unless bind_address is 127.0.0.1 or ::1; then every request must carry
  /// it (Bearer header, ?token= or the straja_token cookie).
  std::string token;
  /// The built front end (canonical directory); empty: the embedded page.
  std::optional<std::filesystem::path> web_root;
  double ws_rate_hz = 1.0;  ///< WebSocket deltas per second (> 0)
  /// The coverage layers GET /api/coverage lists and serves; null: an empty list.
  std::shared_ptr<const CoverageCatalog> coverage;
  /// Requests whose header or body is larger get 413 and the connection closed.
  std::size_t max_request_bytes = 16 * 1024;
  /// A client must deliver each complete request (and accept each response) within this time
  /// once the server starts waiting for it, or the connection is closed.
  std::chrono::milliseconds read_timeout{30'000};
  /// WebSocket client messages: larger ones, or more than max_client_messages_per_s in one
  /// second, close the connection with 1008.
  std::size_t max_client_message_bytes = 4096;
  unsigned max_client_messages_per_s = 20;
  /// Frames queued for one WebSocket client beyond these bounds are dropped and the client gets a
  /// fresh snapshot once it catches up.
  std::size_t max_queued_frames = 4;
  std::size_t max_queued_bytes = 16u << 20;
};

/// A replay control message from a WebSocket client.
struct ReplayCommand {
  enum class Action : std::uint8_t { kPause, kResume, kSpeed, kSeek };
  Action action = Action::kPause;
  double speed = 1.0;  ///< kSpeed: recording seconds per wall second (> 0)
  Time seek_to{};      ///< kSeek
};

/// Applies a replay command; an error's message goes back to the client as {"type":"error"}.
/// Runs on the server's I/O thread: it must be quick and thread-safe towards the producer.
using ReplayHandler = std::function<straja::Status(const ReplayCommand&)>;

class PictureServer {
 public:
  explicit PictureServer(ServerOptions options);
  ~PictureServer();  ///< stops (see stop())

  PictureServer(const PictureServer&) = delete;
  PictureServer& operator=(const PictureServer&) = delete;

  /// Binds, listens and starts the I/O thread. On failure nothing keeps running and the error says
  /// which address failed and why: ErrorCode::kIo when the OS refuses, e.g.
  /// "cannot listen on 127.0.0.1:8080: Address already in use", ErrorCode::kInvalidValue when
  /// bind_address is not an IP literal, or is not 127.0.0.1/::1 and no token is set. Calling
  /// start() on a running server is an error (kIo); after stop() the server may be started again.
  straja::Status start();

  /// Closes the listener and every connection and joins the I/O thread. Idempotent; a no-op on a
  /// server that never started. Must not be called from the I/O thread.
  void stop();

  /// The bound port after a successful start() (the chosen one when options.port was 0); 0 before.
  std::uint16_t port() const;

  /// "http://ADDRESS:PORT/" for the bound port; an unspecified bind address (0.0.0.0, ::) is shown
  /// as loopback so the URL can be opened as is. Never contains the token.
  std::string url() const;

  /// Replaces the picture every endpoint serves. Tracks must have unique ids and each json one
  /// JSON object (track_json.h builds them). Requests already being answered keep the previous
  /// picture; WebSocket clients see the change at the next delta tick.
  void publish(Picture picture);

  /// Where replay commands go; without one, clients are told the source cannot be controlled.
  void set_replay_handler(ReplayHandler handler);

  /// The server's counters now.
  ServerCounters counters() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace straja::server
