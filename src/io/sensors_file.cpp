#include "io/sensors_file.h"

#include <algorithm>
#include <cmath>

#include "core/units.h"
#include "io/yaml_fields.h"

namespace straja::io {
namespace {

/// A `kind: partner` entry: the partner SDPS and the accuracies its tracks get where their
/// records state none.
PartnerSystem read_partner(const YamlMap& s, const std::string& id, SacSic sac_sic) {
  PartnerSystem partner;
  partner.id = id;
  partner.sac_sic = sac_sic;
  PartnerAccuracyDefaults& a = partner.accuracy;
  a.position_sigma_m = s.number_or("position_sigma_m", a.position_sigma_m);
  a.velocity_sigma_mps = s.number_or("velocity_sigma_mps", a.velocity_sigma_mps);
  a.height_sigma_m = s.number_or("height_sigma_m", a.height_sigma_m);
  if (a.position_sigma_m <= 0) s.fail("position_sigma_m", "must be > 0");
  if (a.velocity_sigma_mps <= 0) s.fail("velocity_sigma_mps", "must be > 0");
  if (a.height_sigma_m <= 0) s.fail("height_sigma_m", "must be > 0");
  return partner;
}

SensorsFile read(const YamlMap& root) {
  SensorsFile file;
  if (root.has("date")) {
    const std::string text = root.text("date");
    auto parsed = parse_iso8601(text);
    if (!parsed) root.fail("date", "expected YYYY-MM-DD, got '" + text + "'");
    file.date = std::chrono::floor<std::chrono::days>(*parsed);
  }
  for (const YamlMap& s : root.list("sensors")) {
    SensorsFileEntry entry;
    SensorInfo& info = entry.info;
    info.id = s.text("id");
    // Ids are written as they are in CSV cells (plots.csv, tracks.csv's ';'-separated sources)
    // and JSON strings.
    if (info.id.empty() || std::any_of(info.id.begin(), info.id.end(), [](char c) {
          return c == ',' || c == ';' || c == '"' || c == '\\' ||
                 static_cast<unsigned char>(c) < 0x20;
        })) {
      s.fail("id", "must be non-empty, without , ; \" \\ or control characters");
    }
    const std::string kind = s.text("kind");
    const std::int64_t sac = s.integer_or("sac", 0);
    const std::int64_t sic = s.integer_or("sic", 0);
    if (sac < 0 || sac > 255) s.fail("sac", "must be 0..255");
    if (sic < 0 || sic > 255) s.fail("sic", "must be 0..255");
    info.sac_sic = SacSic{static_cast<std::uint8_t>(sac), static_cast<std::uint8_t>(sic)};
    if (kind == "partner") {
      file.partners.push_back(read_partner(s, info.id, info.sac_sic));
      continue;
    }
    const auto parsed = parse_sensor_kind(kind);
    if (!parsed) s.fail("kind", "expected psr3d, ssr, adsb or partner, got '" + kind + "'");
    info.kind = *parsed;
    info.site.lat_deg = s.number("lat_deg");
    info.site.lon_deg = s.number("lon_deg");
    info.site.height_m = s.number_or("height_m", 0.0);
    if (info.site.lat_deg < -90 || info.site.lat_deg > 90) s.fail("lat_deg", "must be -90..90");
    info.range_sigma_m = s.number_or("range_sigma_m", 0.0);
    info.azimuth_sigma_rad = units::deg_to_rad(s.number_or("azimuth_sigma_deg", 0.0));
    info.elevation_sigma_rad = units::deg_to_rad(s.number_or("elevation_sigma_deg", 0.0));
    info.max_range_m = s.number_or("max_range_m", 0.0);
    info.rotation_period_s = s.number_or("rotation_period_s", 0.0);
    info.geoid_height_m = s.number_or("geoid_height_m", 0.0);
    if (std::abs(info.geoid_height_m) > 120.0) s.fail("geoid_height_m", "must be -120..120");
    entry.update_interval_s = s.number_or("update_interval_s", 0.0);
    if (info.range_sigma_m < 0) s.fail("range_sigma_m", "must be >= 0");
    if (info.max_range_m < 0) s.fail("max_range_m", "must be >= 0");
    if (info.rotation_period_s < 0) s.fail("rotation_period_s", "must be >= 0");
    if (entry.update_interval_s < 0) s.fail("update_interval_s", "must be >= 0");
    file.sensors.push_back(entry);
  }
  return file;
}

}  // namespace

Result<SensorsFile> read_sensors_file(const std::string& path) {
  return read_yaml_file<SensorsFile>(path, read);
}

Result<SensorsFile> parse_sensors_file(const std::string& text, const std::string& source_name) {
  return read_yaml_text<SensorsFile>(text, source_name, read);
}

}  // namespace straja::io
