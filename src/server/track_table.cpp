#include "server/track_table.h"

#include <algorithm>

#include "server/json_text.h"

namespace straja::server {

TrackDelta TrackTable::update(std::span<const PictureTrack> tracks) {
  ++generation_;
  TrackDelta delta;
  for (const PictureTrack& track : tracks) {
    auto [it, added] = by_id_.try_emplace(track.id);
    Entry& entry = it->second;
    entry.generation = generation_;
    if (added || entry.json != track.json) {
      entry.json = track.json;
      delta.upsert.push_back(track.json);
    }
  }
  if (by_id_.size() > tracks.size()) {
    for (auto it = by_id_.begin(); it != by_id_.end();) {
      if (it->second.generation != generation_) {
        delta.remove.push_back(it->first);
        it = by_id_.erase(it);
      } else {
        ++it;
      }
    }
    std::sort(delta.remove.begin(), delta.remove.end());
  }
  return delta;
}

std::string TrackTable::snapshot_frame(Time time) const {
  std::vector<const std::pair<const std::uint64_t, Entry>*> ordered;
  ordered.reserve(by_id_.size());
  std::size_t bytes = 64;
  for (const auto& entry : by_id_) {
    ordered.push_back(&entry);
    bytes += entry.second.json.size() + 1;
  }
  std::sort(ordered.begin(), ordered.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  std::string out;
  out.reserve(bytes);
  out += "{\"type\":\"snapshot\",\"time\":";
  json::append_time(out, time);
  out += ",\"tracks\":[";
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += ordered[i]->second.json;
  }
  out += "]}";
  return out;
}

std::string delta_frame(Time time, const TrackDelta& delta) {
  std::size_t bytes = 64 + delta.remove.size() * 8;
  for (const std::string_view json : delta.upsert) bytes += json.size() + 1;
  std::string out;
  out.reserve(bytes);
  out += "{\"type\":\"delta\",\"time\":";
  json::append_time(out, time);
  out += ",\"upsert\":[";
  for (std::size_t i = 0; i < delta.upsert.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += delta.upsert[i];
  }
  out += "],\"remove\":[";
  for (std::size_t i = 0; i < delta.remove.size(); ++i) {
    if (i > 0) out.push_back(',');
    json::append_integer(out, static_cast<std::int64_t>(delta.remove[i]));
  }
  out += "]}";
  return out;
}

std::string tracks_array(std::span<const PictureTrack> tracks) {
  std::size_t bytes = 2;
  for (const PictureTrack& track : tracks) bytes += track.json.size() + 1;
  std::string out;
  out.reserve(bytes);
  out.push_back('[');
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += tracks[i].json;
  }
  out.push_back(']');
  return out;
}

void TrackHistory::record(std::span<const PictureTrack> tracks) {
  ++generation_;
  for (const PictureTrack& track : tracks) {
    seen_[track.id] = generation_;
    std::deque<HistoryPoint>& points = points_[track.id];
    if (!points.empty() && points.back().time >= track.time) continue;
    points.push_back({track.time, track.lat_deg, track.lon_deg, track.alt_m});
    if (points.size() > kMaxPoints) points.pop_front();
  }
  if (points_.size() > tracks.size()) {
    for (auto it = seen_.begin(); it != seen_.end();) {
      if (it->second != generation_) {
        points_.erase(it->first);
        it = seen_.erase(it);
      } else {
        ++it;
      }
    }
  }
}

std::optional<std::string> TrackHistory::track_with_history(std::span<const PictureTrack> tracks,
                                                            std::uint64_t id) const {
  const auto track = std::find_if(tracks.begin(), tracks.end(),
                                  [id](const PictureTrack& t) { return t.id == id; });
  if (track == tracks.end() || track->json.size() < 2 || track->json.back() != '}') {
    return std::nullopt;
  }
  std::string out = track->json;
  out.pop_back();
  out += ",\"history\":[";
  if (const auto points = points_.find(id); points != points_.end()) {
    bool first = true;
    for (const HistoryPoint& point : points->second) {
      if (!first) out.push_back(',');
      first = false;
      out += "{\"time\":";
      json::append_time(out, point.time);
      out += ",\"lat\":";
      json::append_number(out, point.lat_deg, 6);
      out += ",\"lon\":";
      json::append_number(out, point.lon_deg, 6);
      out += ",\"alt_m\":";
      json::append_number(out, point.alt_m, 1);
      out.push_back('}');
    }
  }
  out += "]}";
  return out;
}

}  // namespace straja::server
