#include "server/track_json.h"

#include <cmath>

#include "server/json_text.h"

namespace straja::server {

std::string encode_track(const TrackReport& report, const TrackExtras& extras) {
  const double east = report.velocity_enu_mps.x();
  const double north = report.velocity_enu_mps.y();
  // Course: clockwise from true north, [0, 360).
  double course = std::atan2(east, north) * 180.0 / M_PI;
  if (course < 0.0) course += 360.0;
  if (course >= 360.0) course -= 360.0;

  std::string out;
  out.reserve(384);
  out += "{\"id\":";
  json::append_integer(out, static_cast<std::int64_t>(report.id.value));
  out += ",\"status\":";
  json::append_string(out, to_string(report.status));
  out += ",\"time\":";
  json::append_time(out, report.time);
  out += ",\"lat\":";
  json::append_number(out, report.position.lat_deg, 6);
  out += ",\"lon\":";
  json::append_number(out, report.position.lon_deg, 6);
  out += ",\"alt_m\":";
  json::append_number(out, report.position.height_m, 1);
  out += ",\"fl\":";
  if (extras.flight_level) {
    json::append_integer(out, *extras.flight_level);
  } else {
    out += "null";
  }
  out += ",\"vel_east_mps\":";
  json::append_number(out, east, 1);
  out += ",\"vel_north_mps\":";
  json::append_number(out, north, 1);
  out += ",\"vel_up_mps\":";
  json::append_number(out, report.velocity_enu_mps.z(), 1);
  out += ",\"speed_mps\":";
  json::append_number(out, std::hypot(east, north), 1);
  out += ",\"course_deg\":";
  json::append_number(out, course, 1);
  out += ",\"callsign\":";
  if (report.callsign.empty()) {
    out += "null";
  } else {
    json::append_string(out, report.callsign);
  }
  out += ",\"mode3a\":";
  if (report.mode3a) {
    json::append_string(out, report.mode3a->to_string());
  } else {
    out += "null";
  }
  out += ",\"icao\":";
  if (report.icao) {
    json::append_string(out, report.icao->to_string());
  } else {
    out += "null";
  }
  out += ",\"cooperative\":";
  json::append_bool(out, extras.cooperative);
  out += ",\"adsb\":";
  json::append_bool(out, extras.adsb);
  out += ",\"emergency\":";
  if (report.mode3a && report.mode3a->is_emergency()) {
    json::append_string(out, report.mode3a->to_string());
  } else {
    out += "null";
  }
  out += ",\"sensors\":[";
  for (std::size_t i = 0; i < extras.sensors.size(); ++i) {
    if (i > 0) out.push_back(',');
    json::append_string(out, extras.sensors[i]);
  }
  out += "],\"imm\":";
  if (extras.imm.empty()) {
    out += "null";
  } else {
    out.push_back('{');
    for (std::size_t i = 0; i < extras.imm.size(); ++i) {
      if (i > 0) out.push_back(',');
      json::append_string(out, extras.imm[i].first);
      out.push_back(':');
      json::append_number(out, extras.imm[i].second, 3);
    }
    out.push_back('}');
  }
  out += ",\"class\":";
  if (extras.target_class) {
    json::append_string(out, *extras.target_class);
  } else {
    out += "null";
  }
  out.push_back('}');
  return out;
}

PictureTrack picture_track(const TrackReport& report, const TrackExtras& extras) {
  PictureTrack track;
  track.id = report.id.value;
  track.status = report.status;
  track.json = encode_track(report, extras);
  track.time = report.time;
  track.lat_deg = report.position.lat_deg;
  track.lon_deg = report.position.lon_deg;
  if (std::isfinite(report.position.height_m)) track.alt_m = report.position.height_m;
  return track;
}

}  // namespace straja::server
