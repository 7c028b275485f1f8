#pragma once
// The JSON documents of the REST endpoints and the Prometheus text of GET /metrics, from the
// producer's last Picture and the server's own counters (docs/formats/picture-api.md).

#include <cstdint>
#include <string>

#include "server/picture.h"

namespace straja::server {

/// The server's counters at one moment.
struct ServerCounters {
  std::uint64_t http_requests = 0;     ///< responses produced, any status
  std::uint64_t auth_failures = 0;     ///< requests and upgrades refused with 401
  std::uint64_t ws_clients = 0;        ///< WebSocket clients connected now
  std::uint64_t ws_messages_sent = 0;  ///< frames written to clients
  std::uint64_t ws_messages_received = 0;
  std::uint64_t ws_snapshots_resent = 0;  ///< lagging clients sent a snapshot instead of deltas
  std::uint64_t ws_policy_closes = 0;     ///< clients closed with 1008 (size or rate)
};

/// GET /api/stats; with `frame_type` non-empty, the same object led by "type":frame_type.
std::string stats_json(const Picture& picture, std::uint64_t clients,
                       std::string_view frame_type = {});
/// GET /api/sensors
std::string sensors_json(const Picture& picture);
/// GET /api/summary: {"scenario","reference":{"lat","lon"},"time"}
std::string summary_json(const Picture& picture);
/// GET /metrics: Prometheus text exposition format 0.0.4, every metric named straja_*.
std::string metrics_text(const Picture& picture, const ServerCounters& counters);

}  // namespace straja::server
