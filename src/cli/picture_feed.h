#pragma once
// The producer side of the live picture for `straja demo` and `straja serve`: counts the plots
// that reach the tracker, per sensor and in all, keeps what each radar's service messages say
// (its health: docs/formats/picture-api.md), remembers the barometric altitudes reported per
// aircraft identity (for flight levels), measures plot-to-track latency, and turns the tracker's
// tracks into the server::Picture that PictureServer publishes (docs/formats/picture-api.md).

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "asterix/typed.h"
#include "server/picture.h"
#include "server/track_json.h"
#include "tracking/gnn_tracker.h"

namespace straja::cli {

class PictureFeed {
 public:
  PictureFeed(SensorRegistry registry, std::vector<double> periods, std::string source,
              std::optional<std::string> scenario, geo::Geodetic reference, std::uint64_t inputs);

  /// A batch of plots from `sensor` handed to the tracker (picture time of the batch's end).
  void plots_received(std::span<const Plot> plots, SensorIndex sensor, Time at);
  /// A service message (CAT034 or CAT002) of the radar `sensor` at `at`: the radar is alive even
  /// without plots; `status` is CAT034 I050's common part, when the message carried it.
  void service_report(SensorIndex sensor, Time at,
                      const std::optional<asterix::Cat034SystemStatus>& status);
  /// Plot arrival to track output of one batch, milliseconds.
  void latency(double ms);
  void add_errors(std::uint64_t count) { errors_ += count; }
  void set_dropped(std::uint64_t count) { dropped_ = count; }
  void set_out_of_sequence(std::uint64_t count) { out_of_sequence_ = count; }
  /// Forgets every per-sensor and per-identity record (a replay restarting from its start).
  void restart();

  /// What the picture takes from one of the tracker's tracks beside its report.
  struct TrackFacts {
    TrackStatus status = TrackStatus::kTentative;
    int hits = 0;
    std::uint64_t updated_by = 0;      ///< bit s: SensorIndex s has updated the track
    std::span<const Time> updated_at;  ///< by SensorIndex; Time{}: never
    std::optional<IcaoAddress> icao;
    std::optional<Mode3A> mode3a;

    /// Of any tracker's track (tracking::BasicTrack<State>, whatever its filter).
    template <class Track>
    static TrackFacts of(const Track& track) {
      return {track.status,     track.hits, track.updated_by,
              track.updated_at, track.icao, track.mode3a};
    }
  };

  /// The picture at `at`: `reports` are tracker.reports(at), `tracks` tracker.tracks() (same
  /// order; ids of `reports` are the ones shown; any BasicTrack<State>). Tentative tracks with a
  /// single plot are left out; a track's `sensors` are those that updated it within max(3 of
  /// their periods, 5 s); an IMM's mode probabilities come from the reports.
  template <class Tracks>
  server::Picture picture(Time at, const Tracks& tracks, std::span<const TrackReport> reports,
                          std::optional<server::ReplayState> replay = std::nullopt) const {
    std::vector<TrackFacts> facts;
    facts.reserve(std::size(tracks));
    for (const auto& track : tracks) facts.push_back(TrackFacts::of(track));
    return picture_of(at, facts, reports, std::move(replay));
  }
  server::Picture picture_of(Time at, std::span<const TrackFacts> tracks,
                             std::span<const TrackReport> reports,
                             std::optional<server::ReplayState> replay) const;

 private:
  struct SensorActivity {
    std::optional<Time> last;                           ///< the last plot
    std::optional<Time> last_service;                   ///< the last service message
    std::optional<asterix::Cat034SystemStatus> status;  ///< the last one reported
    std::deque<std::pair<Time, std::size_t>> recent;    ///< batches in the last kRateWindow
  };
  server::TrackExtras extras(const TrackFacts& track, Time at) const;

  SensorRegistry registry_;
  std::vector<double> periods_;
  std::string source_;
  std::optional<std::string> scenario_;
  geo::Geodetic reference_;
  std::uint64_t inputs_;
  std::vector<SensorActivity> activity_;
  std::optional<Time> first_plot_time_;
  std::uint64_t plots_total_ = 0;
  std::uint64_t errors_ = 0;
  std::uint64_t dropped_ = 0;
  std::uint64_t out_of_sequence_ = 0;
  std::deque<double> latencies_ms_;
  std::map<std::uint32_t, double> baro_by_icao_;  ///< pressure altitude, metres
  std::map<std::uint16_t, double> baro_by_mode3a_;
};

}  // namespace straja::cli
