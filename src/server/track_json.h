#pragma once
// The protocol's track object (docs/formats/picture-api.md), built in one place for every
// producer (demo, replay, live): from the tracker's report plus what only the producer knows.

#include <optional>
#include <string>
#include <vector>

#include "report/air_picture.h"
#include "server/picture.h"

namespace straja::server {

/// Per-track facts beyond the TrackReport.
struct TrackExtras {
  std::vector<std::string> sensors;  ///< ids of the sensors that updated the track
  bool cooperative = false;          ///< an SSR / Mode S / ADS-B report updated it
  bool adsb = false;                 ///< an ADS-B report updated it
  std::optional<int> flight_level;   ///< from a barometric (Mode C / ADS-B) altitude
  /// IMM mode probabilities in the filter's mode order, with their names ("cv", "ct", "ca").
  std::vector<std::pair<std::string, double>> imm;
  std::optional<std::string> target_class;
};

/// The track object as one line of JSON: id, status, time, lat, lon, alt_m (null when the height
/// is not finite), fl, velocities, speed_mps, course_deg (true, [0, 360)), callsign, mode3a,
/// icao, cooperative, adsb, emergency (the Mode 3/A code when it is 7500/7600/7700), sensors, imm
/// (null when empty), class.
std::string encode_track(const TrackReport& report, const TrackExtras& extras);

/// encode_track() wrapped with the fields the server needs beside the text.
PictureTrack picture_track(const TrackReport& report, const TrackExtras& extras);

}  // namespace straja::server
