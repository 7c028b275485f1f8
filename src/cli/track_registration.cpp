// Radar registration inside `straja track` (cli/track_registration.h).

#include "cli/track_registration.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/track_plots.h"
#include "core/units.h"

namespace straja::cli {

using units::kRadToDeg;
namespace {

constexpr double kCsvIntervalS = 60.0;

void write_csv_rows(std::ofstream& out, Time at, const SensorRegistry& registry,
                    const tracking::SensorRegistration& registration) {
  for (std::size_t s = 0; s < registry.sensors.size(); ++s) {
    const auto e = registration.estimate(SensorIndex{static_cast<std::uint16_t>(s)});
    if (!e) continue;
    char row[512];
    const int n = std::snprintf(row, sizeof row, "%.3f,%s,%zu,%d,%.2f,%.2f,%.3f,%.3f,%.5f,%.5f,",
                                to_unix_seconds(at), registry.sensors[s].id.c_str(), e->pairs,
                                e->applied ? 1 : 0, e->range_m, e->range_m_sigma,
                                e->range_gain * 1e6, e->range_gain_sigma * 1e6,
                                e->azimuth_rad * kRadToDeg, e->azimuth_rad_sigma * kRadToDeg);
    out.write(row, n);
    if (e->has_elevation) {
      std::snprintf(row, sizeof row, "%.5f,%.5f,", e->elevation_rad * kRadToDeg,
                    e->elevation_rad_sigma * kRadToDeg);
      out << row;
    } else {
      out << ",,";
    }
    std::snprintf(row, sizeof row, "%.4f,%.4f,%zu\n", e->time_s, e->time_s_sigma, e->radar_pairs);
    out << row;
  }
}

}  // namespace

void register_plots(std::vector<Plot>& plots, const SensorRegistry& registry,
                    const std::vector<bool>& unknown_site, const std::string& csv_path,
                    const tracking::RegistrationConfig& config) {
  tracking::SensorRegistration registration(registry, config);
  std::ofstream csv;
  if (!csv_path.empty()) {
    csv.open(csv_path, std::ios::binary);
    if (!csv)
      throw CommandFailed(kExitUsage, "track: --registration " + csv_path + ": cannot write");
    csv << "time_s,sensor_id,pairs,applied,range_m,range_m_sigma,range_gain_ppm,"
           "range_gain_ppm_sigma,azimuth_deg,azimuth_deg_sigma,elevation_deg,elevation_deg_sigma,"
           "time_offset_s,time_offset_s_sigma,radar_pairs\n";
  }
  std::optional<Time> next_row;
  for (Plot& plot : plots) {
    if (csv.is_open()) {
      if (!next_row) next_row = plot.time + from_seconds(kCsvIntervalS);
      while (plot.time >= *next_row) {
        write_csv_rows(csv, *next_row, registry, registration);
        *next_row += from_seconds(kCsvIntervalS);
      }
    }
    if (plot.sensor.value < unknown_site.size() && unknown_site[plot.sensor.value]) continue;
    registration.observe_and_correct(plot);
  }
  // Time-offset corrections may reorder the plots; a sort of sorted plots would change nothing.
  sort_by_time(plots);
  if (csv.is_open()) {
    if (!plots.empty()) write_csv_rows(csv, plots.back().time, registry, registration);
    csv.close();
    if (!csv)
      throw CommandFailed(kExitUsage, "track: --registration " + csv_path + ": write failed");
  }
  std::size_t radars = 0, unpaired = 0;
  for (std::size_t s = 0; s < registry.sensors.size(); ++s) {
    const auto e = registration.estimate(SensorIndex{static_cast<std::uint16_t>(s)});
    if (!e || (s < unknown_site.size() && unknown_site[s])) continue;
    ++radars;
    if (e->pairs == 0 && e->radar_pairs == 0) {
      ++unpaired;
      continue;
    }
    char line[400];
    std::snprintf(line, sizeof line,
                  "straja track: registration %s: %zu pairs, %zu radar pairs%s; range %+.1f +- "
                  "%.1f m, gain %+.0f +- %.0f ppm, azimuth %+.4f +- %.4f deg",
                  registry.sensors[s].id.c_str(), e->pairs, e->radar_pairs,
                  e->applied ? "" : " (not applied)", e->range_m, e->range_m_sigma,
                  e->range_gain * 1e6, e->range_gain_sigma * 1e6, e->azimuth_rad * kRadToDeg,
                  e->azimuth_rad_sigma * kRadToDeg);
    std::cerr << line;
    if (e->has_elevation) {
      std::snprintf(line, sizeof line, ", elevation %+.4f +- %.4f deg",
                    e->elevation_rad * kRadToDeg, e->elevation_rad_sigma * kRadToDeg);
      std::cerr << line;
    }
    std::snprintf(line, sizeof line, ", time %+.3f +- %.3f s\n", e->time_s, e->time_s_sigma);
    std::cerr << line;
  }
  if (unpaired > 0) {
    std::cerr << "straja track: registration: " << unpaired << " of " << radars
              << " radar(s) without a plot paired with ADS-B or another radar (no ADS-B aircraft "
                 "with position, height and velocity, and no target seen by another radar, in "
                 "their coverage): not registered\n";
  }
}

}  // namespace straja::cli
