#include "cli/track_plots.h"

#include <malloc.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <limits>
#include <map>
#include <tuple>

#include "cli/asterix_input.h"
#include "cli/commands.h"
#include "cli/track_outputs.h"
#include "cli/track_registration.h"
#include "core/huge_pages.h"
#include "core/quantile.h"
#include "core/units.h"
#include "geo/radar.h"
#include "io/csv_writer.h"
#include "io/plots_csv_reader.h"
#include "io/sensors_file.h"
#include "tracking/barometric_correction.h"
#include "tracking/fusion/track_fusion.h"
#include "tracking/gnn_tracker.h"
#include "tracking/tracker_config.h"

namespace straja::cli {
namespace {

/// Barometric altitudes become heights: the configured atmosphere's, corrected by the residual
/// ADS-B reports measure (tracking::BarometricCorrection, learnt from the whole recording).
/// `correct` applies it to each plot; `report` prints one line on stderr saying what was applied.
class BarometricAltitudes {
 public:
  explicit BarometricAltitudes(const tracking::AltitudeConfig& altitude)
      : altitude_(altitude), correction_(altitude) {}
  void learn(const Plot& plot) { correction_.learn(plot); }
  void correct(Plot& plot) {
    if (correction_.correct(plot) && plot.kind == SensorKind::kSsr) ++corrected_;
  }
  void report() const {
    if (!correction_.active()) return;
    const geo::Atmosphere& atmosphere = altitude_.atmosphere;
    std::cerr << "straja track: height minus barometric altitude ";
    if (!atmosphere.standard()) {
      std::cerr << "from QNH " << atmosphere.qnh_hpa << " hPa, ISA" << std::showpos
                << atmosphere.temperature_deviation_c << std::noshowpos << " C, geoid "
                << atmosphere.geoid_height_m << " m" << (correction_.ready() ? " and " : "");
    }
    if (correction_.ready()) {
      std::cerr << "learnt from " << correction_.reports() << " ADS-B reports";
    }
    std::cerr << ": " << std::lround(correction_.offset_m(3048.0)) << " m at FL100, "
              << std::lround(correction_.offset_m(10668.0)) << " m at FL350; " << corrected_
              << " SSR altitude(s) corrected\n";
  }

 private:
  const tracking::AltitudeConfig& altitude_;
  tracking::BarometricCorrection correction_;
  std::size_t corrected_ = 0;
};

/// Where a plot is among the inputs' plots, with the key that puts them in time order.
struct PlotOrder {
  Time time;
  std::uint32_t input = 0;
  std::uint32_t index = 0;  ///< in that input's plots
  friend bool operator<(const PlotOrder& a, const PlotOrder& b) {
    return std::tie(a.time, a.input, a.index) < std::tie(b.time, b.input, b.index);
  }
};

/// Adds the SDPS `source` to `partners` when it is not there yet, with a warning: its tracks
/// get the default accuracies (docs/formats/partner-tracks.md).
void note_partner(std::vector<PartnerSystem>& partners, SacSic source, const std::string& input) {
  for (const PartnerSystem& partner : partners) {
    if (partner.sac_sic == source) return;
  }
  const std::string name = std::to_string(source.sac) + "/" + std::to_string(source.sic);
  std::cerr << "straja track: " << input << ": CAT062 tracks of SDPS " << name
            << ", not a partner in the sensors file: fused as partner '" << name
            << "' with the default accuracies\n";
  partners.push_back({name, source, {}});
}

/// The sensors of the run: the sensors file's, then one per unknown ASTERIX data source.
class SensorBook {
 public:
  void add_known(const io::SensorsFileEntry& entry) {
    registry_.sensors.push_back(entry.info);
    periods_.push_back(entry.info.kind == SensorKind::kAdsb ? entry.update_interval_s
                                                            : entry.info.rotation_period_s);
  }
  /// The sensor of an ASTERIX data source: the file's entry with that SAC/SIC (and a kind that
  /// can produce such plots), or a new one with an unknown site.
  SensorIndex of(SacSic source, SensorKind kind, const std::map<std::uint16_t, double>& periods) {
    const auto key = std::make_pair(source.packed(), kind);
    if (const auto found = by_source_.find(key); found != by_source_.end()) return found->second;
    for (std::size_t i = 0; i < registry_.sensors.size(); ++i) {
      const SensorInfo& info = registry_.sensors[i];
      const bool fits = kind == SensorKind::kAdsb ? info.kind == SensorKind::kAdsb
                                                  : info.kind != SensorKind::kAdsb;
      if (info.sac_sic == source && fits && !unknown_site(info)) {
        const SensorIndex index{static_cast<std::uint16_t>(i)};
        by_source_[key] = index;
        return index;
      }
    }
    SensorInfo info;
    info.id = "unknown " + std::to_string(source.sac) + "/" + std::to_string(source.sic);
    info.kind = kind;
    info.sac_sic = source;
    info.range_sigma_m = 70.0;
    info.azimuth_sigma_rad = units::deg_to_rad(0.08);
    info.max_range_m = kind == SensorKind::kAdsb ? 0.0 : 256.0 * 1852.0;
    const auto period = periods.find(source.packed());
    info.rotation_period_s = period != periods.end() ? period->second : 4.8;
    std::cerr << "straja track: SAC/SIC " << int{source.sac} << "/" << int{source.sic}
              << " is not in the sensors file: its site is unknown, so it is tracked in a plane "
                 "centred on it (placed at 0 N 0 E) with default noise figures\n";
    registry_.sensors.push_back(info);
    periods_.push_back(kind == SensorKind::kAdsb ? 1.0 : info.rotation_period_s);
    const SensorIndex index{static_cast<std::uint16_t>(registry_.sensors.size() - 1)};
    by_source_[key] = index;
    return index;
  }
  static bool unknown_site(const SensorInfo& info) { return info.id.starts_with("unknown "); }
  const SensorRegistry& registry() const { return registry_; }
  const std::vector<double>& periods() const { return periods_; }

 private:
  SensorRegistry registry_;
  std::vector<double> periods_;
  std::map<std::pair<std::uint16_t, SensorKind>, SensorIndex> by_source_;
};

}  // namespace

namespace {

/// Rearranges `plots` so that place i holds the plot that was at source[i] (a permutation), in
/// place, cycle by cycle: each plot moved once, no second buffer of plots. `source` is used up
/// (a place done is marked by pointing at itself).
void permute_in_place(std::vector<Plot>& plots, std::vector<std::size_t>& source) {
  for (std::size_t start = 0; start < plots.size(); ++start) {
    if (source[start] == start) continue;
    Plot held = std::move(plots[start]);
    std::size_t place = start;
    while (source[place] != start) {
      const std::size_t from = source[place];
      plots[place] = std::move(plots[from]);
      source[place] = place;
      place = from;
    }
    plots[place] = std::move(held);
    source[place] = place;
  }
}

}  // namespace

void sort_by_time(std::vector<Plot>& plots) {
  const auto earlier = [](const Plot& a, const Plot& b) { return a.time < b.time; };
  if (std::is_sorted(plots.begin(), plots.end(), earlier)) return;
  std::vector<std::pair<Time, std::size_t>> order(plots.size());
  for (std::size_t i = 0; i < plots.size(); ++i) order[i] = {plots[i].time, i};
  std::sort(order.begin(), order.end());  // (time, index): unique keys, so stable by time
  std::vector<std::size_t> source(plots.size());
  for (std::size_t i = 0; i < plots.size(); ++i) source[i] = order[i].second;
  order = {};
  permute_in_place(plots, source);
}

/// A CAT048 report of a 3D radar: its measured height (I110, geo_alt_m) becomes the elevation
/// the 3D radar model expects, through the effective-earth geometry the radar uses
/// (h = h0 + r sin(el) + r^2 cos^2(el) / (2 k R), solved for el by Newton's method).
void as_3d_radar_plot(Plot& plot, const SensorInfo& sensor) {
  plot.kind = SensorKind::kPsr3d;
  if (!measured(plot.geo_alt_m) || !measured(plot.range_m) || plot.range_m <= 0.0) return;
  const double r = plot.range_m;
  const double effective_radius = geo::kFourThirds * geo::kMeanEarthRadiusM;
  // I110 is above mean sea level; the site's height is above the ellipsoid.
  const double rise = plot.geo_alt_m + sensor.geoid_height_m - sensor.site.height_m;
  double el = std::asin(std::clamp(rise / r, -1.0, 1.0));
  for (int i = 0; i < 8; ++i) {
    const double sin_el = std::sin(el);
    const double c = std::cos(el);
    const double f = r * sin_el + r * r * c * c / (2.0 * effective_radius) - rise;
    const double df = r * c - r * r * c * sin_el / effective_radius;
    if (std::abs(df) < 1e-9) break;
    const double step = f / df;
    el = std::clamp(el - step, -units::kPi / 2, units::kPi / 2);
    if (std::abs(step) < 1e-13) break;  // converged (quadratically): further steps change nothing
  }
  plot.elevation_rad = el;
}

std::vector<ClockStep> correct_clock_steps(std::vector<Plot>& plots,
                                           const std::vector<double>& periods) {
  struct Last {
    Time stamp{};  ///< as corrected
    double azimuth_rad = 0.0;
    Duration correction{};  ///< taken off every stamp from here on
    bool seen = false;
  };
  std::vector<Last> last(periods.size());
  std::vector<ClockStep> steps;
  for (Plot& plot : plots) {
    const std::size_t s = plot.sensor.value;
    const bool rotating = plot.kind == SensorKind::kPsr3d || plot.kind == SensorKind::kSsr;
    if (s >= periods.size() || !rotating || !(periods[s] > 0.0) || !measured(plot.azimuth_rad)) {
      continue;
    }
    const double period_s = periods[s];
    Last& before = last[s];
    plot.time -= before.correction;
    if (before.seen) {
      const double advance_s =
          units::wrap_two_pi(plot.azimuth_rad - before.azimuth_rad) / (2.0 * units::kPi) * period_s;
      const double unexplained_s = to_seconds(plot.time - before.stamp) - advance_s;
      const double rotations = std::floor((unexplained_s + kClockStepS) / period_s);
      const double step_s = unexplained_s - rotations * period_s;
      if (rotations < 2.0 && step_s > kClockStepS) {
        steps.push_back({plot.sensor, plot.time, step_s});
        const Duration step = from_seconds(step_s);
        before.correction += step;
        plot.time -= step;
      }
    }
    before.stamp = plot.time;
    before.azimuth_rad = plot.azimuth_rad;
    before.seen = true;
  }
  if (!steps.empty()) sort_by_time(plots);
  return steps;
}

bool trackable(const Plot& plot) {
  return plot.kind == SensorKind::kPsr3d ? measured(plot.elevation_rad)
         : plot.kind == SensorKind::kSsr ? measured(plot.alt_m)
                                         : measured(plot.lat_deg) && measured(plot.lon_deg) &&
                                               (measured(plot.alt_m) || measured(plot.geo_alt_m));
}

double process_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

void ReplayLatency::add_batch(Time ready, double processing_s, std::span<const Plot> plots) {
  const Time start = free_at_ ? std::max(ready, *free_at_) : ready;
  const Time finish = start + from_seconds(processing_s);
  free_at_ = finish;
  for (const Plot& plot : plots) {
    const double latency_s = to_seconds(finish - plot.time);
    if (!latencies_s_.empty() && latencies_s_.back().first == latency_s) {
      ++latencies_s_.back().second;
    } else {
      latencies_s_.emplace_back(latency_s, 1);
    }
  }
}

double ReplayLatency::quantile_s(double q) const {
  return nearest_rank_quantile(latencies_s_, q);
}

void print_track_stats(std::size_t scans, std::size_t plots, std::uint64_t confirmed_tracks,
                       double tracker_cpu_s, double process_start_cpu_s,
                       const ReplayLatency& latency) {
  const double total = process_cpu_seconds() - process_start_cpu_s;
  std::cerr << "{\"scans\":" << scans << ",\"plots\":" << plots
            << ",\"tracks\":" << confirmed_tracks << ",\"tracker_cpu_s\":" << tracker_cpu_s
            << ",\"io_cpu_s\":" << std::max(0.0, total - tracker_cpu_s);
  if (!latency.empty()) {
    std::cerr << ",\"latency_p50_s\":" << latency.quantile_s(0.5)
              << ",\"latency_p99_s\":" << latency.quantile_s(0.99);
  }
  std::cerr << "}\n";
}

/// Splits each sensor's plots into revolutions counted from its first plot, in start order.
BatchedPlots batches(std::vector<Plot> plots, const SensorRegistry& registry,
                     const std::vector<double>& periods) {
  // Each plot's revolution and the revolutions' sizes; the revolutions in (sensor, revolution)
  // order, then stably by start; then every plot moved once to its place.
  std::map<std::pair<std::uint16_t, std::int64_t>, std::size_t> revolution_index;
  std::vector<BatchView> revolutions;
  std::vector<std::size_t> sizes;
  std::vector<std::optional<Time>> first(registry.sensors.size());
  std::vector<std::size_t> revolution_of(plots.size());
  for (std::size_t i = 0; i < plots.size(); ++i) {
    const Plot& plot = plots[i];
    const std::size_t s = plot.sensor.value;
    if (!first[s]) first[s] = plot.time;
    const double period = periods[s] > 0 ? periods[s] : 4.0;
    const auto k =
        static_cast<std::int64_t>(std::floor(to_seconds(plot.time - *first[s]) / period));
    const auto [entry, created] =
        revolution_index.try_emplace({plot.sensor.value, k}, revolutions.size());
    if (created) {
      revolutions.push_back({plot.sensor,
                             *first[s] + from_seconds(period * static_cast<double>(k)),
                             *first[s] + from_seconds(period * static_cast<double>(k + 1)),
                             {}});
      sizes.push_back(0);
    }
    revolution_of[i] = entry->second;
    ++sizes[entry->second];
  }
  std::vector<std::size_t> in_order;
  in_order.reserve(revolutions.size());
  for (const auto& [key, index] : revolution_index) in_order.push_back(index);
  std::stable_sort(in_order.begin(), in_order.end(), [&](std::size_t a, std::size_t b) {
    return revolutions[a].start < revolutions[b].start;
  });
  std::vector<std::size_t> offset(revolutions.size());
  std::size_t next = 0;
  for (const std::size_t r : in_order) {
    offset[r] = next;
    next += sizes[r];
  }
  // source[place]: the plot that goes there (a revolution's plots keep their time order).
  std::vector<std::size_t> source(plots.size());
  for (std::size_t i = 0; i < plots.size(); ++i) source[offset[revolution_of[i]]++] = i;
  permute_in_place(plots, source);
  BatchedPlots out;
  out.plots = std::move(plots);
  out.batches.reserve(revolutions.size());
  for (const std::size_t r : in_order) {
    BatchView& batch = revolutions[r];
    batch.plots = std::span<const Plot>(out.plots).subspan(offset[r] - sizes[r], sizes[r]);
    out.batches.push_back(batch);
  }
  return out;
}

tracking::GnnTrackerConfig read_tracker_config_or_default(const std::string& path,
                                                          const std::string& command) {
  if (path.empty()) return {};
  auto read = tracking::read_tracker_config(path);
  if (!read) throw CommandFailed(kExitUsage, command + ": " + read.error().message);
  return *read;
}

RecordedPlots load_recorded_plots(const std::vector<std::string>& inputs,
                                  const std::string& sensors_file, const std::string& date_text,
                                  const tracking::AltitudeConfig& altitude) {
  const bool any_csv = std::any_of(inputs.begin(), inputs.end(), [](const std::string& input) {
    return input.ends_with(".csv");
  });
  if (any_csv && sensors_file.empty()) {
    throw CommandFailed(kExitUsage,
                        "track: --sensors FILE is required with plots.csv input "
                        "(the simulator writes sensors.yaml beside plots.csv)");
  }
  SensorBook book;
  std::vector<PartnerSystem> partners;
  std::vector<PartnerTrack> partner_tracks;
  std::optional<Date> date;
  if (!sensors_file.empty()) {
    auto sensors = io::read_sensors_file(sensors_file);
    if (!sensors) throw CommandFailed(kExitUsage, "track: " + sensors.error().message);
    for (const io::SensorsFileEntry& entry : sensors->sensors) book.add_known(entry);
    partners = sensors->partners;
    date = sensors->date;
  }
  std::optional<Date> recording_day;  // resolved on the first ASTERIX input (or a given --date)
  if (!date_text.empty()) recording_day = recording_date(date_text, date, "track");
  // Each input's plots are kept as read (an ASTERIX input's with their data sources), then moved
  // once into one vector of the exact size: growing one vector of millions of plots would copy
  // them over and over.
  struct InputPlots {
    std::vector<asterix::SourcedPlot> sourced;  ///< an ASTERIX input's
    std::vector<Plot> plots;                    ///< a plots.csv input's
  };
  std::vector<InputPlots> inputs_plots;
  std::size_t rejected = 0;
  std::size_t not_tracked = 0;
  // Every component of the sensor's measurement must be there: elevation for a 3D radar, the
  // altitude for an SSR (not for a reply without Mode C or a primary-only 2D plot), the position
  // for ADS-B.
  const auto drop_untrackable = [&not_tracked](auto& read, auto plot_of) {
    const std::size_t before = read.size();
    std::erase_if(read, [&plot_of](const auto& item) { return !trackable(plot_of(item)); });
    not_tracked += before - read.size();
  };
  const auto sourced_plot = [](const asterix::SourcedPlot& sourced) -> const Plot& {
    return sourced.plot;
  };
  const auto itself = [](const Plot& plot) -> const Plot& { return plot; };
  for (const std::string& input : inputs) {
    InputPlots& kept = inputs_plots.emplace_back();
    if (!input.ends_with(".csv")) {
      if (!recording_day) recording_day = recording_date(date_text, date, "track");
      AsterixPlots read = read_asterix_plots(input, *recording_day, "track", partners);
      rejected += read.skipped_blocks + read.malformed_partner_records;
      for (PartnerTrack& track : read.partner_tracks) {
        note_partner(partners, track.key.source, input);
        partner_tracks.push_back(std::move(track));
      }
      for (asterix::SourcedPlot& sourced : read.plots) {
        Plot& plot = sourced.plot;
        plot.sensor = book.of(sourced.source, plot.kind, read.rotation_periods);
        const SensorInfo& sensor = book.registry().at(plot.sensor);
        if (sensor.kind == SensorKind::kPsr3d) as_3d_radar_plot(plot, sensor);
      }
      kept.sourced = std::move(read.plots);
      drop_untrackable(kept.sourced, sourced_plot);
      continue;
    }
    auto read = io::read_plots_csv(input, book.registry());
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
    kept.plots = std::move(read->plots);
    drop_untrackable(kept.plots, itself);
  }
  // The inputs in time order (ties: input order, then file order), moved once into one vector
  // of the exact size, barometric altitudes corrected on the way (learnt from all the inputs
  // first, in input order).
  BarometricAltitudes barometric(altitude);
  std::size_t total = 0;
  for (const InputPlots& kept : inputs_plots) total += kept.sourced.size() + kept.plots.size();
  std::vector<PlotOrder> order;
  reserve_on_huge_pages(order, total);
  for (std::size_t input = 0; input < inputs_plots.size(); ++input) {
    const InputPlots& kept = inputs_plots[input];
    for (std::size_t i = 0; i < kept.sourced.size(); ++i) {
      barometric.learn(kept.sourced[i].plot);
      order.push_back({kept.sourced[i].plot.time, static_cast<std::uint32_t>(input),
                       static_cast<std::uint32_t>(i)});
    }
    for (std::size_t i = 0; i < kept.plots.size(); ++i) {
      barometric.learn(kept.plots[i]);
      order.push_back(
          {kept.plots[i].time, static_cast<std::uint32_t>(input), static_cast<std::uint32_t>(i)});
    }
  }
  std::vector<Plot> plots;
  if (std::is_sorted(order.begin(), order.end()) && inputs_plots.size() == 1 &&
      inputs_plots.front().sourced.empty()) {
    plots = std::move(inputs_plots.front().plots);  // one plots.csv, in order: no copy
    for (Plot& plot : plots) barometric.correct(plot);
  } else {
    std::sort(order.begin(), order.end());
    reserve_on_huge_pages(plots, order.size());
    for (const PlotOrder& at : order) {
      InputPlots& kept = inputs_plots[at.input];
      Plot& plot = kept.sourced.empty() ? kept.plots[at.index] : kept.sourced[at.index].plot;
      barometric.correct(plot);
      plots.push_back(std::move(plot));
    }
  }
  inputs_plots.clear();
  barometric.report();
  const SensorRegistry& registry = book.registry();
  if (registry.sensors.empty()) throw CommandFailed(kExitUsage, "track: no sensors and no plots");
  double lat = 0.0, lon = 0.0;
  std::size_t sited = 0;
  for (const SensorInfo& info : registry.sensors) {
    if (SensorBook::unknown_site(info)) continue;
    lat += info.site.lat_deg;
    lon += info.site.lon_deg;
    ++sited;
  }
  const geo::LocalFrame system_frame(
      sited > 0
          ? geo::Geodetic{lat / static_cast<double>(sited), lon / static_cast<double>(sited), 0.0}
          : geo::Geodetic{});
  // Only a period the sensors file gives is trusted to find clock steps (an unknown source's
  // may be a guess).
  std::vector<double> known_periods = book.periods();
  for (std::size_t i = 0; i < known_periods.size(); ++i) {
    if (SensorBook::unknown_site(registry.sensors[i])) known_periods[i] = 0.0;
  }
  for (const ClockStep& step : correct_clock_steps(plots, known_periods)) {
    std::cerr << "straja track: " << registry.at(step.sensor).id << ": clock stepped " << std::fixed
              << std::setprecision(3) << step.step_s << std::defaultfloat << " s forward at "
              << format_iso8601(step.at)
              << " (its rotation says less time passed); its later stamps are taken back by it\n";
  }
  if (not_tracked > 0) {
    std::cerr << "straja track: " << not_tracked
              << " plot(s) not tracked: a component of their measurement is missing (3D radar "
                 "elevation, SSR altitude, ADS-B position)\n";
  }

  std::stable_sort(partner_tracks.begin(), partner_tracks.end(),
                   [](const PartnerTrack& a, const PartnerTrack& b) { return a.time < b.time; });
  RecordedPlots recorded{
      book.registry(),     book.periods(),           {}, std::move(plots), rejected, system_frame,
      std::move(partners), std::move(partner_tracks)};
  for (const SensorInfo& info : recorded.registry.sensors) {
    recorded.unknown_site.push_back(SensorBook::unknown_site(info));
  }
  return recorded;
}

namespace {

/// What run_pictures did.
struct PictureRun {
  std::size_t scans = 0;
  std::uint64_t confirmed = 0;  ///< tracks confirmed, every picture
  double tracker_cpu_s = 0.0;   ///< tracking and fusion
  ReplayLatency latency;
  bool fusion = false;  ///< partner tracks were fused (fusion_statistics say how)
  tracking::TrackFusionStatistics fusion_statistics;
};

/// Every batch through its picture's tracker (a BasicGnnTracker<Filter>), the reports (fused with
/// the partner systems' tracks where there are any) to `outputs`.
template <class Tracker>
PictureRun run_pictures_with(const tracking::GnnTrackerConfig& tracker_config,
                             const RecordedPlots& recorded, TrackOutputs& outputs,
                             std::span<const BatchView> scans) {
  const SensorRegistry& registry = recorded.registry;
  const geo::LocalFrame& system_frame = recorded.system_frame;
  // Partner systems' tracks are fused with the picture of the sensors with a known site, at its
  // output times (docs/formats/partner-tracks.md).
  const std::vector<PartnerTrack>& partner_tracks = recorded.partner_tracks;
  std::optional<tracking::TrackFusion> fusion;
  if (!partner_tracks.empty()) fusion.emplace(tracking::TrackFusionConfig{}, system_frame);
  std::size_t next_partner_track = 0;
  std::vector<TrackReport> fused;

  // One picture for every sensor with a known site; one for each sensor whose site is unknown,
  // in a plane centred on it (its plots cannot be placed beside anyone else's). Track numbers
  // are made unique across pictures.
  struct Picture {
    std::unique_ptr<Tracker> tracker;
    std::map<std::uint32_t, std::uint32_t> global_id;
  };
  std::vector<Picture> pictures;
  std::vector<std::size_t> picture_of(registry.sensors.size());
  std::optional<std::size_t> shared_picture;
  for (std::size_t s = 0; s < registry.sensors.size(); ++s) {
    const bool unknown = recorded.unknown_site[s];
    if (!unknown && shared_picture) {
      picture_of[s] = *shared_picture;
      continue;
    }
    const geo::LocalFrame frame =
        unknown ? geo::LocalFrame(registry.sensors[s].site) : system_frame;
    pictures.push_back({std::make_unique<Tracker>(tracker_config, registry, frame), {}});
    picture_of[s] = pictures.size() - 1;
    if (!unknown) shared_picture = picture_of[s];
  }
  if (fusion && !shared_picture) {
    std::cerr << "straja track: partner tracks not fused: no sensor of the sensors file with a "
                 "site to fuse them with\n";
    fusion.reset();
  }
  std::uint32_t next_global_id = 1;
  PictureRun run;
  run.scans = scans.size();
  for (const BatchView& batch : scans) {
    Picture& picture = pictures[picture_of[batch.sensor.value]];
    const auto handed = std::chrono::steady_clock::now();
    const double start = process_cpu_seconds();
    picture.tracker->process(batch.plots, batch.sensor, batch.end);
    std::vector<TrackReport> reports = picture.tracker->reports(batch.end);
    run.tracker_cpu_s += process_cpu_seconds() - start;
    for (TrackReport& report : reports) {
      const auto [entry, added] = picture.global_id.try_emplace(report.id.value, next_global_id);
      if (added) ++next_global_id;
      report.id = TrackId{entry->second};
    }
    if (fusion && shared_picture && picture_of[batch.sensor.value] == *shared_picture) {
      const double fusion_start = process_cpu_seconds();
      for (; next_partner_track < partner_tracks.size() &&
             partner_tracks[next_partner_track].time <= batch.end;
           ++next_partner_track) {
        fusion->add(partner_tracks[next_partner_track]);
      }
      fusion->fuse(reports, batch.end, fused);
      run.tracker_cpu_s += process_cpu_seconds() - fusion_start;
      outputs.write(fused, batch.end);
    } else {
      outputs.write(reports, batch.end);
    }
    run.latency.add_batch(
        batch.end, std::chrono::duration<double>(std::chrono::steady_clock::now() - handed).count(),
        batch.plots);
  }
  for (const Picture& picture : pictures) {
    run.confirmed += picture.tracker->statistics().tracks_confirmed;
  }
  if (fusion) {
    run.fusion = true;
    run.fusion_statistics = fusion->statistics();
  }
  return run;
}

/// run_pictures_with the tracker `tracker_config` selects (filter: ekf, ukf or imm).
PictureRun run_pictures(const tracking::GnnTrackerConfig& tracker_config,
                        const RecordedPlots& recorded, TrackOutputs& outputs,
                        std::span<const BatchView> scans) {
  return with_tracker_for(tracker_config.filter, [&]<class Tracker>() {
    return run_pictures_with<Tracker>(tracker_config, recorded, outputs, scans);
  });
}

/// A batch run moves its plots (gigabytes for millions of them) through a few large buffers in
/// turn: decoded, gathered, sorted, batched. glibc maps each large buffer afresh and unmaps it
/// when freed, so every one is paid again in page faults (measured: a third of the input time).
/// From here on, large blocks come from the heap and freed memory stays there for the next one.
void reuse_freed_memory() {
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max());
}

}  // namespace

void run_track_plots(const TrackPlotsArguments& args) {
  reuse_freed_memory();
  const double process_start = process_cpu_seconds();
  if (args.outs.empty()) throw CommandFailed(kExitUsage, "track: --out FILE is required");
  for (const std::string& target : args.outs) track_output_kind(target);  // before any work
  tracking::GnnTrackerConfig tracker_config = read_tracker_config_or_default(args.config, "track");
  if (!args.filter.empty()) {
    tracker_config.filter = args.filter == "imm"   ? tracking::FilterKind::kImm
                            : args.filter == "ukf" ? tracking::FilterKind::kUkf
                                                   : tracking::FilterKind::kEkf;
  }
  if (!args.associator.empty()) {
    tracker_config.associator = args.associator == "jipda"  ? tracking::Associator::kJipda
                                : args.associator == "jpda" ? tracking::Associator::kJpda
                                                            : tracking::Associator::kGnn;
  }
  RecordedPlots recorded =
      load_recorded_plots(args.inputs, args.sensors, args.date, tracker_config.altitude);
  // Registration is part of the tracking work (--stats counts it in tracker_cpu_s).
  const double registration_start = process_cpu_seconds();
  if (args.registration) {
    register_plots(recorded.plots, recorded.registry, recorded.unknown_site, args.registration_csv);
  }
  const double registration_cpu_s = process_cpu_seconds() - registration_start;
  const SensorRegistry& registry = recorded.registry;
  const std::size_t plot_count = recorded.plots.size();
  const std::vector<double>& periods = recorded.periods;
  const geo::LocalFrame& system_frame = recorded.system_frame;
  const std::size_t rejected = recorded.rejected;
  asterix::SystemTrackSettings output_settings;
  output_settings.sdps = args.sdps;
  TrackOutputs outputs(args.outs, system_frame, registry, output_settings, recorded.partners);

  // The plots move into their batches (one copy of them in memory, not two).
  const BatchedPlots scans = batches(std::move(recorded.plots), registry, periods);
  const PictureRun run = run_pictures(tracker_config, recorded, outputs, scans.batches);
  const double tracker_cpu_s = registration_cpu_s + run.tracker_cpu_s;
  const tracking::TrackFusionStatistics* fusion_statistics =
      run.fusion ? &run.fusion_statistics : nullptr;
  outputs.close();
  if (fusion_statistics != nullptr) {
    const tracking::TrackFusionStatistics& f = *fusion_statistics;
    std::cerr << "straja track: " << recorded.partner_tracks.size()
              << " partner track update(s) from " << recorded.partners.size()
              << " partner system(s): " << f.fused_by_address + f.fused_kept + f.fused_by_gate
              << " fused report(s) (" << f.fused_by_address << " by address, " << f.fused_kept
              << " kept, " << f.fused_by_gate << " gated), " << f.partner_only_reports
              << " partner-only report(s)\n";
  }
  if (args.stats) {
    print_track_stats(run.scans, plot_count, run.confirmed, tracker_cpu_s, process_start,
                      run.latency);
  }
  if (rejected > 0) {
    throw CommandFailed(kExitDataErrors,
                        "track: " + std::to_string(rejected) +
                            " plot row(s), ASTERIX block(s) or CAT062 record(s) skipped (see "
                            "above)");
  }
}

}  // namespace straja::cli
