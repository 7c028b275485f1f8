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
#include "asterix/typed.h"
#include "cli/asterix_input.h"
#include "cli/commands.h"
#include "cli/picture_feed.h"
#include "cli/time_order_buffer.h"
#include "cli/track_outputs.h"
#include "cli/track_plots.h"
#include "core/units.h"
#include "io/recording.h"
#include "io/udp.h"
#include "server/json_text.h"
#include "server/picture_server.h"
#include "tracking/fusion/track_fusion.h"
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
                     std::to_string(stats.dropped) + ", errors " + std::to_string(stats.errors) +
                     ", out of sequence " + std::to_string(stats.out_of_sequence);
  std::string down;
  for (const server::SensorStatus& sensor : picture.sensors) {
    if (sensor.health == server::SensorHealth::kOk) continue;
    down += (down.empty() ? "" : " ") + sensor.id + "(" +
            std::string(server::to_string(sensor.health)) + ")";
  }
  if (!down.empty()) line += ", sensors not ok: " + down;
  return line;
}

namespace {

/// run_live with the tracker `config.filter` selects.
template <class Tracker>
void run_live_with(const LiveRunOptions& options, const std::atomic<bool>& stop,
                   const tracking::GnnTrackerConfig& config) {
  const std::string& command = options.command;
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

  // CAT062 from partner systems' SDPSs: their tracks, fused with the picture at each output
  // (docs/formats/partner-tracks.md).
  asterix::PartnerTrackExtractor partner_extractor =
      options.date.empty()
          ? asterix::PartnerTrackExtractor(
                std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()))
          : asterix::PartnerTrackExtractor(recording_date(options.date, std::nullopt, command));
  std::vector<PartnerSystem> partners = sites.partners;
  for (const PartnerSystem& partner : partners) {
    partner_extractor.set_defaults(partner.sac_sic, partner.accuracy);
  }
  tracking::TrackFusion fusion(tracking::TrackFusionConfig{}, sites.system_frame);
  bool fusing = false;  // from the first partner track on
  std::uint64_t malformed_partner_records = 0;
  std::vector<TrackReport> fused;

  const SensorRegistry& registry = sites.registry;
  asterix::SystemTrackSettings output_settings;
  output_settings.sdps = options.sdps;
  TrackOutputs outputs(options.outputs, sites.system_frame, registry, output_settings, partners);

  // The picture server, unless the run only writes its outputs (`straja track udp://...`).
  std::optional<server::PictureServer> server;
  if (options.serve) {
    bool generated_token = false;
    const server::ServerOptions server_options =
        resolve_server_options(options.server, generated_token);
    server.emplace(server_options);
    start_and_announce(*server, server_options, generated_token);
  }

  PictureFeed feed(registry, sites.periods, "live", std::nullopt, sites.system_frame.origin(),
                   receivers.size());
  Tracker tracker(config, registry, sites.system_frame);
  // Radars registered against ADS-B and each other as the plots arrive
  // (docs/formats/registration.md).
  tracking::SensorRegistration registration(registry);
  // Barometric altitudes made heights as the plots arrive: the configured atmosphere, then the
  // residual ADS-B has measured so far (tracking/barometric_correction.h).
  tracking::BarometricCorrection barometric(config.altitude);
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
  // Completed batches reach the tracker in start order across sensors, held at most
  // max_latency_s (cli/time_order_buffer.h); late ones are counted as out of sequence.
  const auto run_start = Clock::now();
  const auto wall_s = [&](Clock::time_point t) {
    return std::chrono::duration<double>(t - run_start).count();
  };
  TimeOrderBuffer ordering(registry.sensors.size(), options.max_latency_s);
  const TimeOrderBuffer::Release process = [&](Batch& batch, double latency_s) {
    tracker.process(batch.plots, batch.sensor, batch.end);
    feed.plots_received(batch.plots, batch.sensor, batch.end);
    feed.latency(1000.0 * latency_s);
    latest = std::max(latest, batch.end);
  };
  const auto flush = [&](std::size_t s) {
    Pending& p = pending[s];
    if (!p.batch) return;
    ordering.completed(std::move(*p.batch), wall_s(Clock::now()), wall_s(p.first_arrival));
    p.batch.reset();
  };
  // What each radar says about itself (CAT034, CAT002): it is alive without plots, and while
  // its CAT034 status says NOGO (operational use inhibited) its plots are discarded, counted.
  std::vector<char> inhibited(registry.sensors.size(), 0);
  std::vector<std::uint64_t> inhibited_plots(registry.sensors.size(), 0);
  const auto service_message = [&](const asterix::RecordView& record,
                                   std::optional<SacSic> block_source) {
    std::optional<SacSic> from = record.edition.category() == 34
                                     ? asterix::Cat034View(record).data_source()
                                     : asterix::Cat002View(record).data_source();
    if (!from) from = block_source;
    if (!from) return;
    const auto found = extractor.service_reports().find(from->packed());
    if (found == extractor.service_reports().end()) return;
    const asterix::ServiceReport& report = found->second;
    for (std::size_t s = 0; s < registry.sensors.size(); ++s) {
      const SensorInfo& info = registry.sensors[s];
      if (info.sac_sic != *from || info.kind == SensorKind::kAdsb) continue;
      feed.service_report(SensorIndex{static_cast<std::uint16_t>(s)}, report.time, report.status);
      const bool now_inhibited = report.status && report.status->operational_use_inhibited;
      if (now_inhibited && !inhibited[s]) {
        spdlog::warn(
            "event=sensor_inhibited sensor={} what=\"CAT034 NOGO: operational use "
            "inhibited; its plots are discarded until it is released\"",
            info.id);
      } else if (!now_inhibited && inhibited[s]) {
        spdlog::info("event=sensor_released sensor={} discarded_plots={}", info.id,
                     inhibited_plots[s]);
      }
      inhibited[s] = now_inhibited ? 1 : 0;
    }
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
            if (record.edition.category() == 62) {
              auto track = partner_extractor.extract(record, source);
              if (!track) return;
              const SacSic sdps = track->key.source;
              if (std::none_of(partners.begin(), partners.end(),
                               [&](const PartnerSystem& p) { return p.sac_sic == sdps; })) {
                const std::string name = std::to_string(sdps.sac) + "/" + std::to_string(sdps.sic);
                spdlog::warn(
                    "event=partner_unlisted sdps={} (CAT062 tracks fused with the default "
                    "accuracies)",
                    name);
                partners.push_back({name, sdps, {}});
              }
              fusion.add(*track);
              fusing = true;
              return;
            }
            auto sourced = extractor.extract(record, source);
            if (!sourced) {
              const int category = record.edition.category();
              if (category == 34 || category == 2) service_message(record, source);
              return;
            }
            Plot& plot = sourced->plot;
            const auto sensor = sensor_of(registry, sourced->source, plot.kind);
            if (!sensor) {
              ++unknown_source;
              return;
            }
            if (inhibited[sensor->value]) {
              ++inhibited_plots[sensor->value];
              return;
            }
            plot.sensor = *sensor;
            const SensorInfo& info = registry.at(*sensor);
            if (info.kind == SensorKind::kPsr3d) as_3d_radar_plot(plot, info);
            barometric.learn(plot);
            barometric.correct(plot);
            if (!trackable(plot)) return;
            if (options.registration) registration.observe_and_correct(plot);
            Pending& p = pending[sensor->value];
            if (p.batch && plot.time >= p.batch->end) flush(sensor->value);
            if (!p.batch) {
              const Duration period = from_seconds(period_of(sensor->value));
              p.batch = Batch{*sensor, plot.time, plot.time + period, {}};
              p.first_arrival = arrival;
              ordering.opened(*sensor, plot.time);
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
    ordering.release_ready(wall_s(now), process);
    feed.set_out_of_sequence(ordering.counts().plots_out_of_sequence);
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
    if (const std::uint64_t m = partner_extractor.counts().malformed;
        m > malformed_partner_records) {
      if (malformed_partner_records == 0) {
        spdlog::warn(
            "event=partner_record_skipped what=\"CAT062 record without a data source, time, "
            "track number or WGS-84 position\" (counted in straja_decode_errors_total)");
      }
      errors += m - malformed_partner_records;
      malformed_partner_records = m;
    }
    feed.set_dropped(dropped);
    feed.add_errors(errors);
    errors = 0;
    std::vector<TrackReport> reports = tracker.reports(latest);
    if (fusing) {
      // Our tracks stay first and in order (the picture pairs them with the tracker's tracks);
      // partner-only tracks follow.
      fusion.fuse(reports, latest, fused);
      reports.swap(fused);
    }
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
      if (server) server->publish(std::move(picture));
      last_publish = now;
    }
  }
  if (ordering.counts().plots_out_of_sequence > 0) {
    spdlog::info("event=out_of_sequence plots={} batches={} released_by_latency={}",
                 ordering.counts().plots_out_of_sequence, ordering.counts().batches_out_of_sequence,
                 ordering.counts().released_by_latency);
  }
  std::printf("Stopping.\n");
  std::fflush(stdout);
  if (server) server->stop();
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

}  // namespace

void run_live(const LiveRunOptions& options, const std::atomic<bool>& stop) {
  if (options.sensors.empty()) {
    throw CommandFailed(kExitUsage, options.command +
                                        ": live input needs a sensors file (--sensors FILE: "
                                        "the sites)");
  }
  const tracking::GnnTrackerConfig config =
      read_tracker_config_or_default(options.tracker_config, options.command);
  with_tracker_for(config.filter,
                   [&]<class Tracker>() { run_live_with<Tracker>(options, stop, config); });
}

}  // namespace straja::cli
