#pragma once
// The value types a producer hands to PictureServer::publish(): the current air picture as the
// browser sees it (docs/formats/picture-api.md). Each track carries its JSON object already built
// (encode_track() in track_json.h); the server compares those texts to compute WebSocket deltas
// and never looks inside them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "report/air_picture.h"

namespace straja::server {

/// One track of the picture. `json` is the protocol's track object (one JSON object, no
/// trailing newline); the other fields repeat what the server needs for history and counts.
struct PictureTrack {
  std::uint64_t id = 0;
  TrackStatus status = TrackStatus::kTentative;
  std::string json;
  Time time{};
  double lat_deg = 0.0;
  double lon_deg = 0.0;
  std::optional<double> alt_m;  ///< geometric height; empty when unknown
};

/// ok: data flowing; degraded: the radar reports a fault but is released for operational use
/// (CAT034 overload, monitoring disconnected, time source invalid); silent: no data for a few
/// rotations; down: no data for a minute, or the radar inhibits operational use (CAT034 NOGO).
enum class SensorHealth : std::uint8_t { kOk, kDegraded, kSilent, kDown };
std::string_view to_string(SensorHealth health);

/// One entry of GET /api/sensors.
struct SensorStatus {
  std::string id;
  std::string kind;  ///< "psr3d", "ssr", "adsb" or "partner"
  int sac = 0;
  int sic = 0;
  double lat_deg = 0.0;
  double lon_deg = 0.0;
  double height_m = 0.0;
  double max_range_m = 0.0;
  SensorHealth health = SensorHealth::kSilent;
  std::optional<double> last_data_age_s;  ///< plots or service messages; empty: never heard
  double plots_per_s = 0.0;
  std::string status_reason;  ///< why not ok (empty when ok)
};

/// Replay position and control state, when the source is a recording.
struct ReplayState {
  bool paused = false;
  double speed = 1.0;  ///< recording seconds per wall second; 0 = as fast as possible
  Time position{};
  Time start{};
  Time end{};
};

/// The producer's counters (GET /api/stats, GET /metrics).
struct PictureStats {
  std::string source = "demo";          ///< "demo", "replay" or "live"
  std::optional<std::string> scenario;  ///< built-in or file scenario name (demo)
  std::uint64_t inputs = 0;             ///< input files or live feeds
  std::uint64_t plots_total = 0;
  double plots_per_s = 0.0;
  std::optional<double> latency_p50_ms;  ///< plot arrival to track output
  std::optional<double> latency_p99_ms;
  std::uint64_t dropped = 0;  ///< datagrams or plots lost before the tracker
  std::uint64_t errors = 0;   ///< decode errors and malformed input skipped
  /// Plots that reached the tracker after newer ones (live: cli/time_order_buffer.h).
  std::uint64_t out_of_sequence = 0;
  std::optional<ReplayState> replay;
};

/// Everything published at once: the tracks (any order, unique ids), the sensors and counters.
struct Picture {
  Time time{};
  std::vector<PictureTrack> tracks;
  std::vector<SensorStatus> sensors;
  PictureStats stats;
  double reference_lat_deg = 0.0;  ///< the picture's reference point (GET /api/summary)
  double reference_lon_deg = 0.0;
};

/// Track counts by status.
struct TrackCounts {
  std::size_t tentative = 0;
  std::size_t confirmed = 0;
  std::size_t coasting = 0;
};
TrackCounts count_tracks(const std::vector<PictureTrack>& tracks);

}  // namespace straja::server
