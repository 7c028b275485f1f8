#include "cli/track_plots.h"

#include <time.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "io/csv_writer.h"
#include "io/plots_csv_reader.h"
#include "io/sensors_file.h"
#include "tracking/gnn_tracker.h"

namespace straja::cli {
namespace {

double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

/// One batch for the tracker: a sensor's plots of one antenna revolution (or one update interval).
struct Batch {
  SensorIndex sensor;
  Time start;
  Time end;
  std::vector<Plot> plots;
};

/// Splits each sensor's plots into revolutions counted from its first plot, in start order.
std::vector<Batch> batches(const std::vector<Plot>& plots, const SensorRegistry& registry,
                           const std::vector<double>& periods) {
  std::map<std::pair<std::uint16_t, std::int64_t>, Batch> by_revolution;
  std::vector<std::optional<Time>> first(registry.sensors.size());
  for (const Plot& plot : plots) {
    const std::size_t s = plot.sensor.value;
    if (!first[s]) first[s] = plot.time;
    const double period = periods[s] > 0 ? periods[s] : 4.0;
    const auto k =
        static_cast<std::int64_t>(std::floor(to_seconds(plot.time - *first[s]) / period));
    Batch& batch = by_revolution[{plot.sensor.value, k}];
    if (batch.plots.empty()) {
      batch.sensor = plot.sensor;
      batch.start = *first[s] + from_seconds(period * static_cast<double>(k));
      batch.end = *first[s] + from_seconds(period * static_cast<double>(k + 1));
    }
    batch.plots.push_back(plot);
  }
  std::vector<Batch> out;
  out.reserve(by_revolution.size());
  for (auto& [key, batch] : by_revolution) out.push_back(std::move(batch));
  std::stable_sort(out.begin(), out.end(),
                   [](const Batch& a, const Batch& b) { return a.start < b.start; });
  return out;
}

/// tracks.jsonl: one object per report, the keys of tracks.csv.
void write_json_line(std::ostream& out, const TrackReport& r) {
  char buffer[512];
  std::snprintf(buffer, sizeof buffer,
                "{\"time_s\":%.3f,\"track_id\":%llu,\"lat_deg\":%.7f,\"lon_deg\":%.7f,"
                "\"alt_m\":%.3f,\"vel_east_mps\":%.3f,\"vel_north_mps\":%.3f,\"vel_up_mps\":%.3f,"
                "\"status\":\"%s\"",
                to_unix_seconds(r.time), static_cast<unsigned long long>(r.id.value),
                r.position.lat_deg, r.position.lon_deg, r.position.height_m, r.velocity_enu_mps.x(),
                r.velocity_enu_mps.y(), r.velocity_enu_mps.z(),
                std::string(to_string(r.status)).c_str());
  out << buffer;
  if (r.icao) out << ",\"icao\":\"" << r.icao->to_string() << '"';
  if (!r.callsign.empty()) out << ",\"callsign\":\"" << r.callsign << '"';
  if (r.mode3a) out << ",\"mode3a\":\"" << r.mode3a->to_string() << '"';
  out << "}\n";
}

}  // namespace

void run_track_plots(const TrackPlotsArguments& args) {
  const double process_start = cpu_seconds();
  if (args.sensors.empty()) {
    throw CommandFailed(kExitUsage,
                        "track: --sensors FILE is required with plots.csv input "
                        "(the simulator writes sensors.yaml beside plots.csv)");
  }
  if (args.out.empty()) throw CommandFailed(kExitUsage, "track: --out FILE is required");
  for (const std::string& input : args.inputs) {
    if (!input.ends_with(".csv")) {
      throw CommandFailed(kExitNotImplemented,
                          "track: " + input +
                              ": ASTERIX input is not implemented yet in this version (plots.csv "
                              "and --bench2d are)");
    }
  }
  auto sensors = io::read_sensors_file(args.sensors);
  if (!sensors) throw CommandFailed(kExitUsage, "track: " + sensors.error().message);
  if (sensors->sensors.empty())
    throw CommandFailed(kExitUsage, "track: " + args.sensors + ": no sensors");
  SensorRegistry registry;
  std::vector<double> periods;
  double lat = 0.0, lon = 0.0;
  for (const io::SensorsFileEntry& entry : sensors->sensors) {
    registry.sensors.push_back(entry.info);
    periods.push_back(entry.info.kind == SensorKind::kAdsb ? entry.update_interval_s
                                                           : entry.info.rotation_period_s);
    lat += entry.info.site.lat_deg;
    lon += entry.info.site.lon_deg;
  }
  const auto n = static_cast<double>(registry.sensors.size());
  const geo::LocalFrame system_frame(geo::Geodetic{lat / n, lon / n, 0.0});

  std::vector<Plot> plots;
  std::size_t rejected = 0;
  std::size_t not_tracked = 0;
  for (const std::string& input : args.inputs) {
    auto read = io::read_plots_csv(input, registry);
    if (!read) throw CommandFailed(kExitUsage, "track: " + read.error().message);
    if (read->rejected > 0) {
      std::cerr << "straja track: " << input << ": " << read->rejected
                << " row(s) skipped; the first: " << read->first_rejection << '\n';
    }
    if (read->out_of_order > 0) {
      std::cerr << "straja track: " << input << ": " << read->out_of_order
                << " row(s) out of time order, put back in order\n";
    }
    rejected += read->rejected;
    for (Plot& plot : read->plots) {
      // Every component of the sensor's measurement must be there: elevation for a 3D radar,
      // the altitude for an SSR (a reply without Mode C), the position for ADS-B.
      const bool complete = plot.kind == SensorKind::kPsr3d ? measured(plot.elevation_rad)
                            : plot.kind == SensorKind::kSsr
                                ? measured(plot.alt_m)
                                : measured(plot.lat_deg) && measured(plot.lon_deg) &&
                                      (measured(plot.alt_m) || measured(plot.geo_alt_m));
      if (!complete) {
        ++not_tracked;
        continue;
      }
      plots.push_back(std::move(plot));
    }
  }
  std::stable_sort(plots.begin(), plots.end(),
                   [](const Plot& a, const Plot& b) { return a.time < b.time; });
  if (not_tracked > 0) {
    std::cerr << "straja track: " << not_tracked
              << " plot(s) not tracked: a component of their measurement is missing (3D radar "
                 "elevation, SSR altitude, ADS-B position)\n";
  }

  const bool jsonl = args.out.ends_with(".jsonl");
  std::ofstream json_out;
  std::optional<io::TracksCsvWriter> csv_out;
  if (jsonl) {
    json_out.open(args.out);
    if (!json_out) throw CommandFailed(kExitUsage, "track: cannot write '" + args.out + "'");
  } else {
    csv_out.emplace(args.out);
    if (!csv_out->status())
      throw CommandFailed(kExitUsage, "track: " + csv_out->status().error().message);
  }

  tracking::GnnTracker tracker(tracking::GnnTrackerConfig{}, registry, system_frame);
  double tracker_cpu_s = 0.0;
  const std::vector<Batch> scans = batches(plots, registry, periods);
  for (const Batch& batch : scans) {
    const double start = cpu_seconds();
    tracker.process(batch.plots, batch.sensor, batch.end);
    const std::vector<TrackReport> reports = tracker.reports(batch.end);
    tracker_cpu_s += cpu_seconds() - start;
    for (const TrackReport& report : reports) {
      if (jsonl) {
        write_json_line(json_out, report);
      } else {
        csv_out->write(report);
      }
    }
  }
  if (jsonl) {
    json_out.close();
    if (!json_out) throw CommandFailed(kExitUsage, "track: " + args.out + ": write failed");
  } else if (const Status status = csv_out->close(); !status) {
    throw CommandFailed(kExitUsage, "track: " + status.error().message);
  }
  if (args.stats) {
    const double total = cpu_seconds() - process_start;
    std::cerr << "{\"scans\":" << scans.size() << ",\"plots\":" << plots.size()
              << ",\"tracks\":" << tracker.statistics().tracks_confirmed
              << ",\"tracker_cpu_s\":" << tracker_cpu_s
              << ",\"io_cpu_s\":" << std::max(0.0, total - tracker_cpu_s) << "}\n";
  }
  if (rejected > 0) {
    throw CommandFailed(kExitDataErrors,
                        "track: " + std::to_string(rejected) + " plot row(s) skipped (see above)");
  }
}

}  // namespace straja::cli
