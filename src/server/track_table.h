#pragma once
// What the WebSocket clients have been sent, and the frames that bring them up to date
// (docs/formats/picture-api.md): TrackTable keeps the last broadcast JSON of every track and turns
// a newer picture into a delta (changed or new objects -> upsert, vanished ids -> remove);
// TrackHistory keeps the last positions of every live track for GET /api/tracks/ID.
//
// Neither is thread-safe: each belongs to one thread (or is guarded by its owner).

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/picture.h"

namespace straja::server {

/// The changes from one picture to the next. `upsert` views the newer picture's JSON texts: valid
/// while those tracks live.
struct TrackDelta {
  std::vector<std::string_view> upsert;
  std::vector<std::uint64_t> remove;
};

class TrackTable {
 public:
  /// Makes `tracks` the table's content and returns what changed. O(n) in the tracks of both.
  TrackDelta update(std::span<const PictureTrack> tracks);

  std::size_t size() const { return by_id_.size(); }

  /// {"type":"snapshot","time":...,"tracks":[...]} of the table's content (ids ascending).
  std::string snapshot_frame(Time time) const;

 private:
  struct Entry {
    std::string json;
    std::uint64_t generation = 0;
  };
  std::unordered_map<std::uint64_t, Entry> by_id_;
  std::uint64_t generation_ = 0;
};

/// {"type":"delta","time":...,"upsert":[...],"remove":[...]}
std::string delta_frame(Time time, const TrackDelta& delta);

/// "[obj,obj,...]" of the tracks' JSON (GET /api/tracks).
std::string tracks_array(std::span<const PictureTrack> tracks);

struct HistoryPoint {
  Time time{};
  double lat_deg = 0.0;
  double lon_deg = 0.0;
  std::optional<double> alt_m;
};

class TrackHistory {
 public:
  static constexpr std::size_t kMaxPoints = 120;

  /// Appends each track's position when its time is later than its last point (at most
  /// kMaxPoints kept per track) and forgets tracks that are not in `tracks`.
  void record(std::span<const PictureTrack> tracks);

  /// The track's JSON with "history":[{"time","lat","lon","alt_m"}...] (oldest first) added, or
  /// nothing when `tracks` has no such id.
  std::optional<std::string> track_with_history(std::span<const PictureTrack> tracks,
                                                std::uint64_t id) const;

 private:
  std::unordered_map<std::uint64_t, std::deque<HistoryPoint>> points_;
  std::uint64_t generation_ = 0;
  std::unordered_map<std::uint64_t, std::uint64_t> seen_;
};

}  // namespace straja::server
