#include "simulation/recorded_track.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <set>
#include <string_view>

#include "core/units.h"

namespace straja::sim {
namespace {

std::vector<std::string_view> split_cells(std::string_view line) {
  std::vector<std::string_view> cells;
  std::size_t begin = 0;
  while (true) {
    const std::size_t comma = line.find(',', begin);
    cells.push_back(line.substr(begin, comma == std::string_view::npos ? comma : comma - begin));
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  return cells;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

std::optional<double> parse_number(std::string_view text) {
  text = trimmed(text);
  if (text.empty()) return std::nullopt;
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Row {
  double t;
  double lat;
  double lon;
  std::optional<double> baro_ft;
  std::optional<double> geo_ft;
};

}  // namespace

Result<RecordedTrack> read_recorded_track(const std::string& csv_text,
                                          const std::string& source_name,
                                          const std::optional<std::string>& icao24) {
  auto fail = [&](std::size_t line, const std::string& what) {
    return make_error(ErrorCode::kParse, source_name + ":" + std::to_string(line) + ": " + what,
                      line);
  };
  std::vector<std::string_view> lines;
  {
    std::string_view text(csv_text);
    while (!text.empty()) {
      const std::size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      lines.push_back(line);
      if (end == std::string_view::npos) break;
      text.remove_prefix(end + 1);
    }
  }
  if (lines.empty()) return fail(1, "empty file (expected a header row)");
  std::map<std::string, std::size_t, std::less<>> column;
  const auto header = split_cells(lines[0]);
  for (std::size_t i = 0; i < header.size(); ++i) column[std::string(trimmed(header[i]))] = i;
  for (const char* required : {"timestamp", "latitude", "longitude"}) {
    if (!column.contains(required)) {
      return fail(1, std::string("header has no '") + required + "' column");
    }
  }
  if (!column.contains("altitude_ft") && !column.contains("geoaltitude_ft")) {
    return fail(1, "header has neither 'altitude_ft' nor 'geoaltitude_ft'");
  }
  auto cell = [&](const std::vector<std::string_view>& cells,
                  const char* name) -> std::string_view {
    const auto it = column.find(name);
    if (it == column.end() || it->second >= cells.size()) return {};
    return trimmed(cells[it->second]);
  };

  const std::optional<std::string> wanted = icao24 ? std::optional(lower(*icao24)) : std::nullopt;
  std::set<std::string> aircraft;
  RecordedTrack track;
  std::vector<Row> rows;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (trimmed(lines[i]).empty()) continue;
    const auto cells = split_cells(lines[i]);
    const std::string address = lower(cell(cells, "icao24"));
    aircraft.insert(address);
    if (wanted && address != *wanted) continue;
    const auto t = parse_number(cell(cells, "timestamp"));
    if (!t) return fail(i + 1, "timestamp: expected a number");
    const auto lat = parse_number(cell(cells, "latitude"));
    const auto lon = parse_number(cell(cells, "longitude"));
    if (!lat || !lon) continue;
    if (*lat < -90.0 || *lat > 90.0 || *lon < -180.0 || *lon > 180.0) {
      return fail(i + 1, "latitude/longitude out of range");
    }
    if (!rows.empty() && *t <= rows.back().t) continue;
    rows.push_back({*t, *lat, *lon, parse_number(cell(cells, "altitude_ft")),
                    parse_number(cell(cells, "geoaltitude_ft"))});
    track.icao24 = address;
    if (const auto callsign = cell(cells, "callsign"); !callsign.empty()) {
      track.callsign = std::string(callsign);
    }
    if (const auto squawk = cell(cells, "squawk"); !squawk.empty()) {
      track.squawk = std::string(squawk);
    }
  }
  if (!wanted && aircraft.size() > 1) {
    return fail(
        1, "holds " + std::to_string(aircraft.size()) + " aircraft: say which one with icao24");
  }
  track.geometric_altitude =
      !rows.empty() &&
      std::all_of(rows.begin(), rows.end(), [](const Row& row) { return row.geo_ft.has_value(); });
  for (const Row& row : rows) {
    const auto feet = track.geometric_altitude ? row.geo_ft : row.baro_ft;
    if (!feet) continue;
    if (track.points.empty()) track.first_unix_s = row.t;
    track.points.push_back({row.t - track.first_unix_s, {row.lat, row.lon, *feet * units::kFootM}});
  }
  if (track.points.size() < 2) {
    return fail(1, wanted ? "fewer than two usable rows for aircraft " + *wanted
                          : std::string("fewer than two usable rows"));
  }
  return track;
}

void move_track(RecordedTrack& track, double lat_deg, double lon_deg) {
  if (track.points.empty()) return;
  const geo::Geodetic origin = track.points.front().position;
  for (RecordedPoint& point : track.points) {
    const geo::GeodesicInverse from_origin = geo::geodesic_inverse(
        origin.lat_deg, origin.lon_deg, point.position.lat_deg, point.position.lon_deg);
    const double height = point.position.height_m;
    point.position =
        geo::geodesic_direct(lat_deg, lon_deg, from_origin.azimuth_deg, from_origin.distance_m);
    point.position.height_m = height;
  }
}

}  // namespace straja::sim
