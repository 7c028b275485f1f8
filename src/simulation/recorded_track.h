#pragma once
// Recorded trajectories for replay: one aircraft's state vectors from a CSV file in the layout of
// ../shared/data/flights/trajectories (header row; columns timestamp, icao24, callsign, latitude,
// longitude, altitude_ft, geoaltitude_ft, squawk, ... in any order; unknown columns ignored).

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "geo/geodetic.h"

namespace straja::sim {

struct RecordedPoint {
  double t_s = 0.0;  ///< seconds after the track's first point
  geo::Geodetic position;
};

struct RecordedTrack {
  std::string icao24;    ///< as in the file (lower-case hex), may be empty
  std::string callsign;  ///< last non-empty value in the file, trimmed
  std::string squawk;    ///< last non-empty value, may be empty
  double first_unix_s = 0.0;
  bool geometric_altitude = false;    ///< heights from geoaltitude_ft (else barometric altitude_ft)
  std::vector<RecordedPoint> points;  ///< strictly increasing t_s, at least two
};

/// Reads the rows of aircraft `icao24` (case-insensitive; may be omitted when the file holds one
/// aircraft). Rows without a position or altitude, and rows not later than the previous one, are
/// skipped. Heights: geoaltitude_ft where every kept row has it, else altitude_ft (pressure
/// altitude, taken as the height), converted to metres.
Result<RecordedTrack> read_recorded_track(const std::string& csv_text,
                                          const std::string& source_name,
                                          const std::optional<std::string>& icao24);

/// Moves a track rigidly over the ellipsoid so that its first point lies at (lat_deg, lon_deg):
/// each point keeps its geodesic distance and azimuth from the first point; heights unchanged.
void move_track(RecordedTrack& track, double lat_deg, double lon_deg);

}  // namespace straja::sim
