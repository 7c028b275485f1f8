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
#include "cli/live_run.h"
#include "cli/picture_feed.h"
#include "cli/server_options.h"
#include "cli/track_plots.h"
#include "io/recording.h"
#include "io/udp.h"
#include "server/json_text.h"
#include "server/picture_server.h"
#include "tracking/fusion/track_fusion.h"
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
  std::string record;             ///< live inputs: every datagram recorded here before decoding
  std::vector<std::string> outs;  ///< live inputs: track outputs (cli/track_outputs.h)
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

/// The replay with the tracker `config.filter` selects.
template <class Tracker>
void run_replay_with(const ServeArguments& args, const tracking::GnnTrackerConfig& config) {
  RecordedPlots recorded =
      load_recorded_plots(args.inputs, args.sensors, args.date, config.altitude);
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
  const BatchedPlots batched = batches(recorded.plots, recorded.registry, recorded.periods);
  const std::vector<BatchView>& scans = batched.batches;
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
  std::unique_ptr<Tracker> tracker;
  // Partner systems' CAT062 tracks in the recordings, fused with the picture
  // (docs/formats/partner-tracks.md).
  std::unique_ptr<tracking::TrackFusion> fusion;
  std::size_t next_partner_track = 0;
  std::size_t next = 0;
  Time position = start;
  const auto restart = [&] {
    tracker = std::make_unique<Tracker>(config, recorded.registry, recorded.system_frame);
    if (!recorded.partner_tracks.empty()) {
      fusion = std::make_unique<tracking::TrackFusion>(tracking::TrackFusionConfig{},
                                                       recorded.system_frame);
    }
    next_partner_track = 0;
    feed.restart();
    next = 0;
    position = start;
  };
  // Runs the tracker on every batch ending at or before `until`, timing each for the latency.
  const auto process_until = [&](Time until) {
    for (; next < scans.size() && scans[next].end <= until; ++next) {
      const BatchView& batch = scans[next];
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
    std::vector<TrackReport> reports = tracker->reports(position);
    if (fusion) {
      const std::vector<PartnerTrack>& partner_tracks = recorded.partner_tracks;
      for (; next_partner_track < partner_tracks.size() &&
             partner_tracks[next_partner_track].time <= position;
           ++next_partner_track) {
        fusion->add(partner_tracks[next_partner_track]);
      }
      // Our tracks stay first and in order (the picture pairs them with the tracker's tracks).
      std::vector<TrackReport> fused;
      fusion->fuse(reports, position, fused);
      reports.swap(fused);
    }
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

void run_replay(const ServeArguments& args) {
  const tracking::GnnTrackerConfig config = read_tracker_config_or_default(args.config, "serve");
  with_tracker_for(config.filter, [&]<class Tracker>() { run_replay_with<Tracker>(args, config); });
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
  if (!any_live && (!args.record.empty() || !args.outs.empty())) {
    throw CommandFailed(kExitUsage,
                        "serve: --record and --out are for live udp:// inputs; these inputs are "
                        "files (straja track writes their tracks)");
  }
  configure_logging();
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
  if (any_live) {
    LiveRunOptions live;
    live.command = "serve";
    live.inputs = args.inputs;
    live.sensors = args.sensors;
    live.tracker_config = args.config;
    live.date = args.date;
    live.record = args.record;
    live.outputs = args.outs;
    live.server = args.server;
    run_live(live, g_stop);
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
  command
      ->add_option("--out", args->outs,
                   "Live inputs: a track output, repeatable (tracks.csv, tracks.jsonl, system.ast, "
                   "udp://GROUP:PORT; docs/formats/cat062-output.md), written once a second")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command->add_flag("--no-loop", args->no_loop,
                    "Pause at the end of the recording instead of replaying it again");
  add_server_options(*command, args->server);
  command->callback([args] {
    parse_speed(args->speed);
    run(*args);
  });
}

}  // namespace straja::cli
