#include "io/plots_csv_reader.h"

#include <algorithm>
#include <cmath>

#include "core/huge_pages.h"
#include "core/units.h"
#include "io/csv_reader.h"

namespace straja::io {

Result<PlotsCsv> read_plots_csv(const std::string& path, const SensorRegistry& registry) {
  auto opened = CsvReader::open(path);
  if (!opened) return opened.error();
  CsvReader& reader = *opened;
  struct Columns {
    std::size_t time, sensor, kind, range, azimuth, elevation, lat, lon, alt, alt_kind, mode3a,
        icao, callsign;
  } c{};
  for (const auto& [name, index] :
       std::initializer_list<std::pair<const char*, std::size_t*>>{{"time_s", &c.time},
                                                                   {"sensor_id", &c.sensor},
                                                                   {"kind", &c.kind},
                                                                   {"range_m", &c.range},
                                                                   {"azimuth_deg", &c.azimuth},
                                                                   {"elevation_deg", &c.elevation},
                                                                   {"lat_deg", &c.lat},
                                                                   {"lon_deg", &c.lon},
                                                                   {"alt_m", &c.alt},
                                                                   {"alt_kind", &c.alt_kind},
                                                                   {"mode3a", &c.mode3a},
                                                                   {"icao", &c.icao},
                                                                   {"callsign", &c.callsign}}) {
    auto found = reader.column(name);
    if (!found) return found.error();
    *index = *found;
  }
  const auto truth_column = reader.find_column("truth_id");
  const auto geo_alt_column = reader.find_column("geo_alt_m");
  const auto vel_east_column = reader.find_column("vel_east_mps");
  const auto vel_north_column = reader.find_column("vel_north_mps");
  const auto vel_up_column = reader.find_column("vel_up_mps");

  PlotsCsv out;
  auto reject = [&](const Error& error) {
    if (out.rejected++ == 0) out.first_rejection = error.message;
  };
  // Room for the whole file once its first rows show their length (on huge pages): growing the
  // vector row by row would copy and fault in its plots over and over.
  constexpr std::size_t kRowsSampled = 1024;
  std::size_t rows_seen = 0;
  while (reader.next()) {
    if (++rows_seen == kRowsSampled) {
      if (const std::optional<std::size_t> rows = reader.estimated_rows()) {
        reserve_on_huge_pages(out.plots, *rows + *rows / 16 + 64);
      }
    }
    Plot plot;
    auto time = reader.unix_time(c.time);
    if (!time) {
      reject(time.error());
      continue;
    }
    plot.time = *time;
    const auto sensor = registry.find(reader.cell(c.sensor));
    if (!sensor) {
      reject(reader.error(c.sensor, "unknown sensor '" + std::string(reader.cell(c.sensor)) +
                                        "' (not in the sensors file)"));
      continue;
    }
    plot.sensor = *sensor;
    const auto kind = parse_sensor_kind(reader.cell(c.kind));
    if (!kind || *kind != registry.at(*sensor).kind) {
      reject(reader.error(c.kind,
                          "'" + std::string(reader.cell(c.kind)) + "' is not the sensor's kind"));
      continue;
    }
    plot.kind = *kind;
    bool ok = true;
    auto optional = [&](std::size_t column, double& value) {
      auto read = reader.optional_number(column);
      if (!read) {
        reject(read.error());
        ok = false;
        return;
      }
      if (read->has_value()) value = **read;
    };
    optional(c.range, plot.range_m);
    double azimuth_deg = kNotMeasured;
    double elevation_deg = kNotMeasured;
    if (ok) optional(c.azimuth, azimuth_deg);
    if (ok) optional(c.elevation, elevation_deg);
    if (ok) optional(c.lat, plot.lat_deg);
    if (ok) optional(c.lon, plot.lon_deg);
    if (ok) optional(c.alt, plot.alt_m);
    if (ok && geo_alt_column) optional(*geo_alt_column, plot.geo_alt_m);
    if (ok && vel_east_column) optional(*vel_east_column, plot.vel_east_mps);
    if (ok && vel_north_column) optional(*vel_north_column, plot.vel_north_mps);
    if (ok && vel_up_column) optional(*vel_up_column, plot.vel_up_mps);
    if (!ok) continue;
    if (measured(azimuth_deg)) plot.azimuth_rad = units::deg_to_rad(azimuth_deg);
    if (measured(elevation_deg)) plot.elevation_rad = units::deg_to_rad(elevation_deg);
    if (plot.kind != SensorKind::kAdsb && !(measured(plot.range_m) && measured(plot.azimuth_rad))) {
      reject(reader.error(c.range, "a radar plot needs range_m and azimuth_deg"));
      continue;
    }
    if (const auto alt_kind = parse_altitude_kind(reader.cell(c.alt_kind)))
      plot.alt_kind = *alt_kind;
    plot.mode3a = Mode3A::parse(reader.cell(c.mode3a));
    plot.icao = IcaoAddress::parse(reader.cell(c.icao));
    plot.callsign = std::string(reader.cell(c.callsign));
    if (truth_column && !reader.cell(*truth_column).empty()) {
      if (auto id = reader.integer(*truth_column)) plot.truth_id = *id;
    }
    if (!out.plots.empty() && plot.time < out.plots.back().time) ++out.out_of_order;
    out.plots.push_back(std::move(plot));
  }
  if (out.out_of_order > 0) {
    std::stable_sort(out.plots.begin(), out.plots.end(),
                     [](const Plot& a, const Plot& b) { return a.time < b.time; });
  }
  return out;
}

}  // namespace straja::io
