// straja serve: the live air picture of a recording replayed through the tracker (paced, with
// pause / resume / speed / seek from the browser), served over HTTP and WebSocket
// (docs/formats/picture-api.md).

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "asterix/plot_extraction.h"
#include "asterix/stream_decoder.h"
#include "cli/asterix_input.h"
#include "cli/commands.h"
#include "cli/picture_feed.h"
#include "cli/server_options.h"
#include "cli/track_plots.h"
#include "io/recording.h"
#include "io/udp.h"
#include "server/json_text.h"
#include "server/picture_server.h"
#include "tracking/gnn_tracker.h"

namespace straja::cli {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_stop_signal(int) {
  g_stop.store(true);
}

struct ServeArguments {
  std::vector<std::string> inputs;
  std::string sensors;
  std::string config;
  std::string date;
  std::string speed = "1";
  bool no_loop = false;
  std::string record;  ///< live inputs: every datagram recorded here before decoding
  ServerArguments server;
};

// Wall time between pictures published while replaying as fast as possible, or while paused.
constexpr auto kIdlePublishPeriod = std::chrono::milliseconds(200);
// The longest sleep before the control state is looked at again.
constexpr auto kControlPoll = std::chrono::milliseconds(50);

/// The replay's control state, set from the server's I/O thread, read by the replay loop.
class ReplayControl {
 public:
  ReplayControl(double speed, Time start, Time end) : speed_(speed), start_(start), end_(end) {}

  Status apply(const server::ReplayCommand& command) {
    std::lock_guard lock(mutex_);
    switch (command.action) {
      case server::ReplayCommand::Action::kPause:
        paused_ = true;
        break;
      case server::ReplayCommand::Action::kResume:
        paused_ = false;
        break;
      case server::ReplayCommand::Action::kSpeed:
        speed_ = command.speed;
        break;
      case server::ReplayCommand::Action::kSeek:
        if (command.seek_to < start_ || command.seek_to > end_) {
          return make_error(ErrorCode::kInvalidValue,
                            "seek: " + server::json::format_time(command.seek_to) +
                                " is outside the recording (" + server::json::format_time(start_) +
                                " to " + server::json::format_time(end_) + ")");
        }
        seek_ = command.seek_to;
        break;
    }
    ++generation_;
    return {};
  }

  struct Snapshot {
    bool paused = false;
    double speed = 1.0;  ///< 0: as fast as possible
    std::optional<Time> seek;
    std::uint64_t generation = 0;
  };
  /// The state now; a pending seek is handed out once.
  Snapshot take() {
    std::lock_guard lock(mutex_);
    Snapshot snapshot{paused_, speed_, seek_, generation_};
    seek_.reset();
    return snapshot;
  }
  void pause() {
    std::lock_guard lock(mutex_);
    paused_ = true;
    ++generation_;
  }

 private:
  std::mutex mutex_;
  bool paused_ = false;
  double speed_;
  std::optional<Time> seek_;
  std::uint64_t generation_ = 0;
  Time start_;
  Time end_;
};

void run_replay(const ServeArguments& args) {
  const tracking::GnnTrackerConfig config = read_tracker_config_or_default(args.config, "serve");
  RecordedPlots recorded = load_recorded_plots(args.inputs, args.sensors, args.date);
  // One picture for every sensor with a known site; a sensor the sensors file does not place
  // cannot be put beside the others.
  std::size_t unplaced = 0;
  std::erase_if(recorded.plots, [&](const Plot& plot) {
    const bool drop = recorded.unknown_site[plot.sensor.value];
    unplaced += drop ? 1 : 0;
    return drop;
  });
  if (unplaced > 0) {
    std::cerr << "straja serve: " << unplaced
              << " plot(s) of sensors without a site in the sensors file left out of the picture\n";
  }
  const std::vector<Batch> scans = batches(recorded.plots, recorded.registry, recorded.periods);
  if (scans.empty()) throw CommandFailed(kExitUsage, "serve: no plots to replay");
  const Time start = scans.front().start;
  const Time end = scans.back().end;

  bool generated_token = false;
  const server::ServerOptions options = resolve_server_options(args.server, generated_token);
  server::PictureServer server(options);
  ReplayControl control(parse_speed(args.speed), start, end);
  server.set_replay_handler(
      [&control](const server::ReplayCommand& command) { return control.apply(command); });
  start_and_announce(server, options, generated_token);
  std::printf("Replaying %zu plot(s) from %s to %s%s\n", recorded.plots.size(),
              server::json::format_time(start).c_str(), server::json::format_time(end).c_str(),
              args.no_loop ? "" : ", looping");
  std::fflush(stdout);

  PictureFeed feed(recorded.registry, recorded.periods, "replay", std::nullopt,
                   recorded.system_frame.origin(), args.inputs.size());
  feed.add_errors(recorded.rejected);
  std::unique_ptr<tracking::GnnTracker> tracker;
  std::size_t next = 0;
  Time position = start;
  const auto restart = [&] {
    tracker =
        std::make_unique<tracking::GnnTracker>(config, recorded.registry, recorded.system_frame);
    feed.restart();
    next = 0;
    position = start;
  };
  // Runs the tracker on every batch ending at or before `until`, timing each for the latency.
  const auto process_until = [&](Time until) {
    for (; next < scans.size() && scans[next].end <= until; ++next) {
      const Batch& batch = scans[next];
      const auto t0 = std::chrono::steady_clock::now();
      tracker->process(batch.plots, batch.sensor, batch.end);
      feed.plots_received(batch.plots, batch.sensor, batch.end);
      feed.latency(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      position = batch.end;
    }
  };
  ReplayControl::Snapshot state = control.take();
  const auto publish = [&] {
    const std::vector<TrackReport> reports = tracker->reports(position);
    server.publish(
        feed.picture(position, tracker->tracks(), reports,
                     server::ReplayState{state.paused, state.speed, position, start, end}));
  };
  restart();
  publish();

  // Pacing: recording time `anchor_time` was due at wall time `anchor_wall`.
  auto anchor_wall = std::chrono::steady_clock::now();
  Time anchor_time = position;
  auto last_publish = anchor_wall;
  while (!g_stop.load()) {
    const std::uint64_t generation = state.generation;
    state = control.take();
    const auto now = std::chrono::steady_clock::now();
    if (state.generation != generation) {  // any command re-anchors the pacing
      anchor_wall = now;
      anchor_time = position;
    }
    if (state.seek) {
      // Backwards: the tracker's past cannot be undone, so it runs again from the start, as fast
      // as it can, up to the target.
      if (*state.seek < position) restart();
      process_until(*state.seek);
      position = std::max(position, *state.seek);
      anchor_wall = now;
      anchor_time = position;
      publish();
      last_publish = now;
      continue;
    }
    if (state.paused || next == scans.size()) {
      if (next == scans.size() && !state.paused) {
        if (args.no_loop) {
          control.pause();
        } else {
          restart();
          anchor_wall = now;
          anchor_time = position;
        }
        publish();
        last_publish = now;
        continue;
      }
      if (now - last_publish >= kIdlePublishPeriod) {
        publish();
        last_publish = now;
      }
      std::this_thread::sleep_for(kControlPoll);
      continue;
    }
    if (state.speed > 0.0) {
      const auto due =
          anchor_wall + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                            std::chrono::duration<double>(
                                to_seconds(scans[next].end - anchor_time) / state.speed));
      if (now < due) {
        std::this_thread::sleep_for(
            std::min<std::chrono::steady_clock::duration>(due - now, kControlPoll));
        continue;
      }
      process_until(scans[next].end);
      publish();
      last_publish = now;
    } else {
      // As fast as possible: the picture is published a few times a second, not per batch.
      process_until(scans[next].end);
      if (now - last_publish >= kIdlePublishPeriod || next == scans.size()) {
        publish();
        last_publish = now;
      }
    }
  }
  std::printf("Stopping.\n");
  std::fflush(stdout);
  server.stop();
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

/// Live ASTERIX over UDP: each datagram decoded as `straja decode udp://` does, its plots batched
/// per sensor by revolution (or update interval) and tracked when the revolution ends, or when no
/// plot of it has come for a revolution plus a second of wall time.
void run_live(const ServeArguments& args) {
  if (args.sensors.empty()) {
    throw CommandFailed(kExitUsage, "serve: live input needs --sensors FILE (the sensor sites)");
  }
  const tracking::GnnTrackerConfig config = read_tracker_config_or_default(args.config, "serve");
  const RecordedPlots sites = load_recorded_plots({}, args.sensors, args.date);
  std::vector<std::unique_ptr<io::UdpReceiver>> receivers;
  for (const std::string& input : args.inputs) {
    if (!input.starts_with("udp://")) {
      throw CommandFailed(kExitUsage, "serve: live udp:// inputs cannot be mixed with recordings");
    }
    auto endpoint = io::UdpEndpoint::parse(std::string_view(input).substr(6));
    if (!endpoint) throw CommandFailed(kExitUsage, "serve: " + endpoint.error().message);
    auto receiver = io::UdpReceiver::open(*endpoint);
    if (!receiver) throw CommandFailed(kExitUsage, "serve: " + receiver.error().message);
    io::UdpEndpoint bound = *endpoint;
    bound.port = (*receiver)->port();
    spdlog::info("event=input_listen input=udp://{}", bound.to_string());
    receivers.push_back(std::move(*receiver));
  }
  // Every datagram, before any decoding, with its arrival time and input index.
  std::optional<io::RecordingWriter> recording;
  if (!args.record.empty()) {
    auto opened = io::RecordingWriter::open(args.record);
    if (!opened) throw CommandFailed(kExitUsage, "serve: --record: " + opened.error().message);
    recording = std::move(*opened);
  }
  std::uint64_t not_recorded = 0;
  // Times of day resolve against the clock (a stream crossing midnight UTC goes on into the next
  // day), or against --date when given.
  asterix::PlotExtractor extractor =
      args.date.empty() ? asterix::PlotExtractor(std::chrono::time_point_cast<Duration>(
                              std::chrono::system_clock::now()))
                        : asterix::PlotExtractor(recording_date(args.date, std::nullopt, "serve"));

  bool generated_token = false;
  const server::ServerOptions options = resolve_server_options(args.server, generated_token);
  server::PictureServer server(options);
  start_and_announce(server, options, generated_token);

  const SensorRegistry& registry = sites.registry;
  PictureFeed feed(registry, sites.periods, "live", std::nullopt, sites.system_frame.origin(),
                   receivers.size());
  tracking::GnnTracker tracker(config, registry, sites.system_frame);
  asterix::StreamDecoder decoder{asterix::EditionSelector{}};
  struct Pending {
    std::optional<Batch> batch;
    std::chrono::steady_clock::time_point first_arrival{};
    std::chrono::steady_clock::time_point last_arrival{};
  };
  std::vector<Pending> pending(registry.sensors.size());
  std::uint64_t unknown_source = 0;
  std::uint64_t errors = 0;
  Time latest{};
  auto last_publish = std::chrono::steady_clock::now();
  const auto period_of = [&](std::size_t s) {
    return sites.periods[s] > 0.0 ? sites.periods[s] : 4.0;
  };
  const auto flush = [&](std::size_t s) {
    Pending& p = pending[s];
    if (!p.batch) return;
    tracker.process(p.batch->plots, p.batch->sensor, p.batch->end);
    feed.plots_received(p.batch->plots, p.batch->sensor, p.batch->end);
    feed.latency(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                           p.first_arrival)
                     .count());
    latest = std::max(latest, p.batch->end);
    p.batch.reset();
  };
  std::vector<std::uint8_t> datagram;
  while (!g_stop.load()) {
    const auto wait =
        std::chrono::milliseconds(std::max<int>(1, 50 / static_cast<int>(receivers.size())));
    for (std::size_t input = 0; input < receivers.size(); ++input) {
      if (!receivers[input]->next(datagram, wait)) continue;
      const auto arrival = std::chrono::steady_clock::now();
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
    const auto now = std::chrono::steady_clock::now();
    for (std::size_t s = 0; s < pending.size(); ++s) {
      const auto quiet = std::chrono::duration<double>(period_of(s) + 1.0);
      if (pending[s].batch && now - pending[s].last_arrival > quiet) flush(s);
    }
    if (now - last_publish >= kIdlePublishPeriod && latest != Time{}) {
      std::uint64_t dropped = unknown_source;
      for (const auto& receiver : receivers) {
        const io::UdpCounters c = receiver->counters();
        dropped += c.dropped_full + c.dropped_kernel;
      }
      feed.set_dropped(dropped);
      feed.add_errors(errors);
      errors = 0;
      const std::vector<TrackReport> reports = tracker.reports(latest);
      server.publish(feed.picture(latest, tracker.tracks(), reports));
      last_publish = now;
    }
  }
  std::printf("Stopping.\n");
  std::fflush(stdout);
  server.stop();
  if (recording && (!recording->close() || not_recorded > 0)) {
    throw CommandFailed(kExitDataErrors, "serve: --record " + args.record + ": " +
                                             std::to_string(not_recorded) +
                                             " datagram(s) could not be recorded");
  }
}

void run(const ServeArguments& args) {
  if (args.inputs.empty()) {
    throw CommandFailed(kExitUsage,
                        "serve: give a recording (plots.csv with --sensors, or "
                        "ASTERIX files) or udp://ADDRESS:PORT");
  }
  const bool any_live =
      std::any_of(args.inputs.begin(), args.inputs.end(),
                  [](const std::string& input) { return input.starts_with("udp://"); });
  if (!any_live && !args.record.empty()) {
    throw CommandFailed(kExitUsage,
                        "serve: --record records live udp:// inputs; these inputs are files");
  }
  configure_logging();
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  if (any_live) {
    run_live(args);
  } else {
    run_replay(args);
  }
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto args = std::make_shared<ServeArguments>();
  CLI::App* command = app.add_subcommand(
      "serve",
      "Serve the live air picture of a recording replayed through the tracker, or of "
      "live ASTERIX over UDP");
  command->add_option("inputs", args->inputs,
                      "plots.csv files (with --sensors), ASTERIX recordings (any framing), or "
                      "live feeds udp://ADDRESS:PORT[@INTERFACE] (with --sensors)");
  command->add_option("--sensors", args->sensors,
                      "sensors.yaml: the sensor sites and noise (docs/formats/sensors.md)");
  command->add_option("--config", args->config,
                      "Tracker settings, YAML (docs/formats/tracker-config.md)");
  command->add_option("--date", args->date,
                      "UTC date of an ASTERIX recording, YYYY-MM-DD (default: the sensors file's)");
  command->add_option("--speed", args->speed, "Recording seconds per wall-clock second, or 'max'")
      ->capture_default_str();
  command->add_option(
      "--record", args->record,
      "Live inputs: record every datagram before decoding, with its arrival time "
      "and input index (docs/formats/recording.md; `straja replay` sends it again)");
  command->add_flag("--no-loop", args->no_loop,
                    "Pause at the end of the recording instead of replaying it again");
  add_server_options(*command, args->server);
  command->callback([args] {
    parse_speed(args->speed);
    run(*args);
  });
}

}  // namespace straja::cli
