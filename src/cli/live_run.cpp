// Live tracking of ASTERIX over UDP (cli/live_run.h).

#include "cli/live_run.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "asterix/plot_extraction.h"
#include "asterix/stream_decoder.h"
#include "cli/asterix_input.h"
#include "cli/commands.h"
#include "cli/picture_feed.h"
#include "cli/track_outputs.h"
#include "cli/track_plots.h"
#include "core/units.h"
#include "io/recording.h"
#include "io/udp.h"
#include "server/json_text.h"
#include "server/picture_server.h"
#include "tracking/gnn_tracker.h"
#include "tracking/registration/sensor_registration.h"

namespace straja::cli {
namespace {

// Wall time between two pictures published to the server.
constexpr auto kPublishPeriod = std::chrono::milliseconds(200);

using Clock = std::chrono::steady_clock;

std::chrono::nanoseconds wall_period(double seconds) {
  return std::chrono::nanoseconds(std::llround(seconds * 1e9));
}

/// The sensor of a live ASTERIX data source: the sensors file's entry with that SAC/SIC and a
/// kind that produces such plots, or nothing.
std::optional<SensorIndex> sensor_of(const SensorRegistry& registry, SacSic source,
                                     SensorKind kind) {
  for (std::size_t i = 0; i < registry.sensors.size(); ++i) {
    const SensorInfo& info = registry.sensors[i];
    const bool fits =
        kind == SensorKind::kAdsb ? info.kind == SensorKind::kAdsb : info.kind != SensorKind::kAdsb;
    if (info.sac_sic == source && fits) return SensorIndex{static_cast<std::uint16_t>(i)};
  }
  return std::nullopt;
}

}  // namespace

std::string status_line(const server::Picture& picture, std::uint64_t datagrams) {
  const server::TrackCounts counts = server::count_tracks(picture.tracks);
  const server::PictureStats& stats = picture.stats;
  const auto ms = [](const std::optional<double>& value) {
    return value ? std::to_string(std::lround(*value)) + " ms" : std::string("-");
  };
  char head[160];
  std::snprintf(head, sizeof head, "%s datagrams %llu, plots %llu (%.0f/s), tracks ",
                server::json::format_time(picture.time).substr(11, 8).c_str(),
                static_cast<unsigned long long>(datagrams),
                static_cast<unsigned long long>(stats.plots_total), stats.plots_per_s);
  std::string line = std::string(head) + std::to_string(counts.confirmed) + " confirmed + " +
                     std::to_string(counts.coasting) + " coasting + " +
                     std::to_string(counts.tentative) + " tentative, latency p50 " +
                     ms(stats.latency_p50_ms) + " p99 " + ms(stats.latency_p99_ms) + ", dropped " +
                     std::to_string(stats.dropped) + ", errors " + std::to_string(stats.errors);
  std::string down;
  for (const server::SensorStatus& sensor : picture.sensors) {
    if (sensor.health == server::SensorHealth::kOk) continue;
    down += (down.empty() ? "" : " ") + sensor.id + "(" +
            std::string(server::to_string(sensor.health)) + ")";
  }
  if (!down.empty()) line += ", sensors not ok: " + down;
  return line;
}

void run_live(const LiveRunOptions& options, const std::atomic<bool>& stop) {
  const std::string& command = options.command;
  if (options.sensors.empty()) {
    throw CommandFailed(kExitUsage,
                        command + ": live input needs a sensors file (--sensors FILE: the sites)");
  }
  const tracking::GnnTrackerConfig config =
      read_tracker_config_or_default(options.tracker_config, command);
  const RecordedPlots sites = load_recorded_plots({}, options.sensors, options.date);
  std::vector<std::unique_ptr<io::UdpReceiver>> receivers;
  for (const std::string& input : options.inputs) {
    if (!input.starts_with("udp://")) {
      throw CommandFailed(kExitUsage,
                          command + ": live udp:// inputs cannot be mixed with recordings");
    }
    auto endpoint = io::UdpEndpoint::parse(std::string_view(input).substr(6));
    if (!endpoint) throw CommandFailed(kExitUsage, command + ": " + endpoint.error().message);
    auto receiver = io::UdpReceiver::open(*endpoint);
    if (!receiver) throw CommandFailed(kExitUsage, command + ": " + receiver.error().message);
    io::UdpEndpoint bound = *endpoint;
    bound.port = (*receiver)->port();
    spdlog::info("event=input_listen input=udp://{}", bound.to_string());
    receivers.push_back(std::move(*receiver));
  }
  // Every datagram, before any decoding, with its arrival time and input index.
  std::optional<io::RecordingWriter> recording;
  if (!options.record.empty()) {
    auto opened = io::RecordingWriter::open(options.record);
    if (!opened) {
      throw CommandFailed(kExitUsage, command + ": record: " + opened.error().message);
    }
    recording = std::move(*opened);
    spdlog::info("event=recording file={}", options.record);
  }
  std::uint64_t not_recorded = 0;
  // Times of day resolve against the clock (a stream crossing midnight UTC goes on into the next
  // day), or against the given date.
  asterix::PlotExtractor extractor =
      options.date.empty()
          ? asterix::PlotExtractor(
                std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()))
          : asterix::PlotExtractor(recording_date(options.date, std::nullopt, command));

  const SensorRegistry& registry = sites.registry;
  TrackOutputs outputs(options.outputs, sites.system_frame, registry);

  bool generated_token = false;
  const server::ServerOptions server_options =
      resolve_server_options(options.server, generated_token);
  server::PictureServer server(server_options);
  start_and_announce(server, server_options, generated_token);

  PictureFeed feed(registry, sites.periods, "live", std::nullopt, sites.system_frame.origin(),
                   receivers.size());
  tracking::GnnTracker tracker(config, registry, sites.system_frame);
  // Radars registered against ADS-B and each other as the plots arrive
  // (docs/formats/registration.md).
  tracking::SensorRegistration registration(registry);
  asterix::StreamDecoder decoder{asterix::EditionSelector{}};
  struct Pending {
    std::optional<Batch> batch;
    Clock::time_point first_arrival{};
    Clock::time_point last_arrival{};
  };
  std::vector<Pending> pending(registry.sensors.size());
  std::uint64_t unknown_source = 0;
  std::uint64_t errors = 0;
  std::uint64_t datagrams = 0;
  Time latest{};
  Time last_output{};
  auto last_publish = Clock::now();
  auto last_output_wall = Clock::now();
  auto last_status = Clock::now();
  const auto period_of = [&](std::size_t s) {
    return sites.periods[s] > 0.0 ? sites.periods[s] : 4.0;
  };
  const auto flush = [&](std::size_t s) {
    Pending& p = pending[s];
    if (!p.batch) return;
    tracker.process(p.batch->plots, p.batch->sensor, p.batch->end);
    feed.plots_received(p.batch->plots, p.batch->sensor, p.batch->end);
    feed.latency(std::chrono::duration<double, std::milli>(Clock::now() - p.first_arrival).count());
    latest = std::max(latest, p.batch->end);
    p.batch.reset();
  };
  std::vector<std::uint8_t> datagram;
  while (!stop.load()) {
    const auto wait =
        std::chrono::milliseconds(std::max<int>(1, 50 / static_cast<int>(receivers.size())));
    for (std::size_t input = 0; input < receivers.size(); ++input) {
      if (!receivers[input]->next(datagram, wait)) continue;
      ++datagrams;
      const auto arrival = Clock::now();
      if (recording && !recording->write(
                           std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()),
                           static_cast<std::uint16_t>(input), datagram)) {
        ++not_recorded;
      }
      decoder.decode(
          datagram, 0,
          [&](const asterix::RecordView& record, std::optional<SacSic> source, std::size_t,
              std::size_t) {
            auto sourced = extractor.extract(record, source);
            if (!sourced) return;
            Plot& plot = sourced->plot;
            const auto sensor = sensor_of(registry, sourced->source, plot.kind);
            if (!sensor) {
              ++unknown_source;
              return;
            }
            plot.sensor = *sensor;
            const SensorInfo& info = registry.at(*sensor);
            if (info.kind == SensorKind::kPsr3d) as_3d_radar_plot(plot, info);
            if (!trackable(plot)) return;
            registration.observe_and_correct(plot);
            Pending& p = pending[sensor->value];
            if (p.batch && plot.time >= p.batch->end) flush(sensor->value);
            if (!p.batch) {
              const Duration period = from_seconds(period_of(sensor->value));
              p.batch = Batch{*sensor, plot.time, plot.time + period, {}};
              p.first_arrival = arrival;
            }
            p.last_arrival = arrival;
            p.batch->plots.push_back(std::move(plot));
          },
          [&](const asterix::DecodeError& error) {
            if (errors++ == 0) {
              spdlog::warn("event=decode_error what=\"{}\" (counted in straja_decode_errors_total)",
                           error.describe());
            }
          });
    }
    const auto now = Clock::now();
    for (std::size_t s = 0; s < pending.size(); ++s) {
      const auto quiet = std::chrono::duration<double>(period_of(s) + 1.0);
      if (pending[s].batch && now - pending[s].last_arrival > quiet) flush(s);
    }
    if (latest == Time{}) continue;
    const bool publish_due = now - last_publish >= kPublishPeriod;
    const bool output_due = !options.outputs.empty() && latest > last_output &&
                            now - last_output_wall >= wall_period(options.output_period_s);
    const bool status_due =
        options.status_period_s > 0.0 && now - last_status >= wall_period(options.status_period_s);
    if (!publish_due && !output_due && !status_due) continue;
    std::uint64_t dropped = unknown_source;
    for (const auto& receiver : receivers) {
      const io::UdpCounters c = receiver->counters();
      dropped += c.dropped_full + c.dropped_kernel;
    }
    feed.set_dropped(dropped);
    feed.add_errors(errors);
    errors = 0;
    const std::vector<TrackReport> reports = tracker.reports(latest);
    if (output_due) {
      outputs.write(reports, latest);
      last_output = latest;
      last_output_wall = now;
    }
    if (publish_due || status_due) {
      server::Picture picture = feed.picture(latest, tracker.tracks(), reports);
      if (status_due) {
        std::cerr << "straja " << command << ": " << status_line(picture, datagrams) << std::endl;
        last_status = now;
      }
      server.publish(std::move(picture));
      last_publish = now;
    }
  }
  std::printf("Stopping.\n");
  std::fflush(stdout);
  server.stop();
  outputs.close();
  for (std::size_t s = 0; s < registry.sensors.size(); ++s) {
    const auto e = registration.estimate(SensorIndex{static_cast<std::uint16_t>(s)});
    if (!e || e->pairs + e->radar_pairs == 0) continue;
    spdlog::info(
        "event=registration sensor={} pairs={} radar_pairs={} applied={} range_m={:.1f} "
        "range_gain_ppm={:.0f} "
        "azimuth_deg={:.4f} elevation_deg={:.4f} time_offset_s={:.3f}",
        registry.sensors[s].id, e->pairs, e->radar_pairs, e->applied, e->range_m,
        e->range_gain * 1e6, e->azimuth_rad * units::kRadToDeg, e->elevation_rad * units::kRadToDeg,
        e->time_s);
  }
  if (recording && (!recording->close() || not_recorded > 0)) {
    throw CommandFailed(kExitDataErrors, command + ": record " + options.record + ": " +
                                             std::to_string(not_recorded) +
                                             " datagram(s) could not be recorded");
  }
}

}  // namespace straja::cli
