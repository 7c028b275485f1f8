// straja track: plots in, tracks out. Recordings (plots.csv, ASTERIX in any framing) are read
// whole and tracked (cli/track_plots.h); live udp:// feeds are tracked until SIGINT/SIGTERM
// through the live pipeline (cli/live_run.h) with the outputs only; the research bench mode
// (--bench2d) reads the shared 2D benchmark's detections and writes confirmed tracks per scan.

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <type_traits>
#include <vector>

#include "cli/commands.h"
#include "cli/live_run.h"
#include "cli/track_outputs.h"
#include "cli/track_plots.h"
#include "core/huge_pages.h"
#include "core/units.h"
#include "io/csv_reader.h"
#include "io/csv_writer.h"
#include "tracking/gnn_tracker.h"
#include "tracking/models/planar_range_bearing.h"
#include "tracking/tracker_config.h"

namespace straja::cli {
namespace {

struct TrackArguments {
  std::vector<std::string> inputs;
  std::string bench2d;
  std::string sensors;
  std::string config;
  std::string date;
  std::vector<std::string> outs;
  std::string out;  ///< the one output of --bench2d
  std::string associator = "gnn";
  std::string filter = "ekf";
  bool associator_given = false;  ///< --associator on the command line (else the config's)
  bool filter_given = false;
  bool stats = false;
  bool no_registration = false;
  std::string registration_csv;
  std::string sdps = "0/1";
};

/// "SAC/SIC", each 0..255; throws CommandFailed (2) otherwise.
SacSic parse_sdps(const std::string& text) {
  const auto sdps = parse_sac_sic(text);
  if (!sdps) {
    throw CommandFailed(kExitUsage,
                        "track: --sdps: expected SAC/SIC (each 0..255), got '" + text + "'");
  }
  return *sdps;
}

/// One scan of the bench: its time exactly as written, and its detections as plots.
struct BenchScan {
  std::string time_text;
  Time time{};
  std::vector<Plot> plots;
};

/// The bench's detections, one scan at a time (a scan is the rows sharing one `t` text), so a
/// replay of any length holds a few scans' plots. Reads t, range and bearing (radians,
/// atan2(y, x)) by column name; every other column is ignored. Bad rows (a missing or
/// non-numeric cell, range <= 0, a time not after the previous scan's) are counted and skipped.
class BenchReader {
 public:
  explicit BenchReader(const std::string& path) : reader_(open(path)) {
    t_col_ = column("t");
    range_col_ = column("range");
    bearing_col_ = column("bearing");
  }

  /// Fills `scan` (its plots' storage reused) with the next scan; false at the end of the file.
  bool next_scan(BenchScan& scan) {
    scan.plots.clear();
    // Without a pending plot (the first call, or the file ended), the scan starts with the next
    // good row.
    if (!pending_ && !read_row()) return false;
    scan.time_text = pending_text_;
    scan.time = pending_time_;
    scan.plots.push_back(pending_plot_);
    pending_ = false;
    while (read_row()) {
      if (pending_text_ != scan.time_text) {
        if (pending_time_ > scan.time) {
          pending_ = true;  // the first plot of the next scan
          return true;
        }
        reject(reader_.error(t_col_, "time " + pending_text_ + " is not after the previous scan's")
                   .message);
        continue;
      }
      scan.plots.push_back(pending_plot_);
    }
    return true;
  }

  std::size_t rejected() const { return rejected_; }
  const std::string& first_rejection() const { return first_rejection_; }

 private:
  static io::CsvReader open(const std::string& path) {
    auto reader = io::CsvReader::open(path);
    if (!reader) throw CommandFailed(kExitUsage, reader.error().message);
    return std::move(*reader);
  }

  std::size_t column(std::string_view name) const {
    if (const auto index = reader_.find_column(name)) return *index;
    throw CommandFailed(kExitUsage, reader_.path() + ":1: missing column '" + std::string(name) +
                                        "' (needs t, range, bearing)");
  }

  void reject(const std::string& why) {
    if (rejected_++ == 0) first_rejection_ = why;
  }

  /// Reads the next good row into pending_text_, pending_time_ and pending_plot_; false at the
  /// end of the file.
  bool read_row() {
    while (reader_.next()) {
      // A row's time is parsed when its text differs from the row before's (a new scan).
      const std::string_view time_text = reader_.cell(t_col_);
      const bool new_time = !has_pending_text_ || time_text != pending_text_;
      const auto t = new_time ? reader_.unix_time(t_col_) : Result<Time>{pending_time_};
      const auto range = reader_.number(range_col_);
      const auto bearing = reader_.number(bearing_col_);
      if (!t) {
        reject(t.error().message);
        continue;
      }
      if (!range || !bearing) {
        reject((!range ? range : bearing).error().message);
        continue;
      }
      if (*range <= 0.0) {
        reject(reader_.error(range_col_, "must be > 0").message);
        continue;
      }
      if (new_time) {
        pending_text_ = time_text;
        has_pending_text_ = true;
        pending_time_ = *t;
      }
      pending_plot_.time = pending_time_;
      pending_plot_.kind = SensorKind::kSsr;  // a 2D radar: range and azimuth only
      pending_plot_.range_m = *range;
      // The bench's bearing is atan2(y, x) (counter-clockwise from +x); azimuth is clockwise
      // from +y.
      pending_plot_.azimuth_rad = units::wrap_two_pi(units::kPi / 2.0 - *bearing);
      return true;
    }
    return false;
  }

  io::CsvReader reader_;
  std::size_t t_col_ = 0;
  std::size_t range_col_ = 0;
  std::size_t bearing_col_ = 0;
  bool pending_ = false;           ///< pending_plot_ begins the next scan
  bool has_pending_text_ = false;  ///< pending_text_ holds a good row's time
  std::string pending_text_;
  Time pending_time_{};
  Plot pending_plot_;
  std::size_t rejected_ = 0;
  std::string first_rejection_;
};

/// The bench's trackers by --filter: the CV EKF, the UKF on the CV model, or the IMM (CV + CT,
/// EKF modes). The bench's targets fly nearly-constant velocity (q = 0.5 m^2/s^3) and do not
/// turn, so the IMM's turn mode shares the CV's acceleration noise, its turn rate drifts slowly
/// (1e-5 rad^2/s^3) and a mode is kept with probability 0.99 per 1 s scan.
template <class Tracker>
Tracker make_bench_tracker(const tracking::GnnTrackerConfig& config,
                           std::vector<std::unique_ptr<tracking::MeasurementModel>> models) {
  if constexpr (std::is_same_v<Tracker, tracking::UkfGnnTracker>) {
    tracking::UkfFilter<tracking::CvMotion> filter;
    filter.motion.horizontal.q = config.motion.q_horizontal;
    filter.motion.vertical.q = config.motion.q_vertical;
    return Tracker(config, filter, std::move(models), geo::LocalFrame{});
  } else if constexpr (std::is_same_v<Tracker, tracking::ImmGnnTracker>) {
    const tracking::ImmFilter filter{
        tracking::ImmConfig::cv_ct(config.motion.q_horizontal, config.motion.q_horizontal, 1e-5,
                                   config.motion.q_vertical, 0.99, 1.0)};
    return Tracker(config, filter, std::move(models), geo::LocalFrame{});
  } else {
    return Tracker(config, std::move(models), geo::LocalFrame{});
  }
}

/// The bench's surveillance region: the square [-50 km, 50 km]^2 around the radar, where its
/// targets live (one that leaves it ends) and its false plots fall.
constexpr double kBenchHalfWidthM = 50'000.0;

/// How many consecutive missed scans a confirmed track of the bench is still reported for. GOSPA
/// charges a missed target and a false track alike (c^2 / 2 each), so a track is worth reporting
/// while its target more likely exists than not. From 1 at its last hit, the probability that the
/// target exists after k misses in a row is
///   r_k = s (1 - Pd) r_{k-1} / (s (1 - Pd) r_{k-1} + 1 - s r_{k-1})
/// with Pd = 0.9 and s the per-scan survival of the bench's targets (lifetimes uniform in 40..200
/// scans: a mean of 120, s = 1 - 1/120): 0.92 after one miss, 0.52 after two, 0.10 after three.
/// A track predicted outside the square is not reported at all (its target has ended there).
int bench_reported_misses() {
  constexpr double kDetection = 0.9;
  constexpr double kSurvival = 1.0 - 1.0 / 120.0;
  double existence = 1.0;
  int misses = 0;
  while (true) {
    const double missed = kSurvival * (1.0 - kDetection) * existence;
    const double next = missed / (missed + 1.0 - kSurvival * existence);
    if (next < 0.5) return misses;
    existence = next;
    ++misses;
  }
}

template <class Tracker>
void run_bench2d(const TrackArguments& args) {
  const double process_start = process_cpu_seconds();
  BenchReader input(args.bench2d);
  // The input is read as the output is written: one file for both would be cut short.
  std::error_code same_error;
  if (std::filesystem::equivalent(args.bench2d, args.out, same_error)) {
    throw CommandFailed(kExitUsage, "track: --out " + args.out + " is the --bench2d input");
  }
  std::ofstream out(args.out, std::ios::binary);
  if (!out) throw CommandFailed(kExitUsage, args.out + ": cannot create file");
  out << "t,track_id,x,y,vx,vy\n";
  std::string rows;  // one scan's

  // The bench's sensor: sigma_r 25 m, sigma_b 0.2 deg, square of half-width 50 km around it;
  // targets move as nearly-constant-velocity with q = 0.5 m^2/s^3.
  tracking::GnnTrackerConfig config;
  config.motion.q_horizontal = 0.5;
  config.motion.q_vertical = 1e-6;
  // Range and azimuth carry the information (height is a constraint): gate at the 2-dof
  // chi-square quantile of 0.999, -2 ln(0.001).
  config.gate_mahalanobis_squared = -2.0 * std::log(0.001);
  // The bench's targets end when they leave the square, partly beyond the radar's range: a
  // track is deleted at its 4th scan without an update, inside coverage or not.
  config.max_coast_s = 4.0;
  // Speeds uniform in 50..300 m/s with a uniform heading: a per-axis RMS velocity of
  // sqrt((50^2 + 50 * 300 + 300^2) / 6) = 134 m/s, the new track's velocity prior.
  config.initial_speed_sigma_mps = 134.0;
  // A track hit in its first two scans whose position is known to 100 m (a near target) is
  // confirmed at once, provisionally; the far ones wait for 3 of 4. The threshold trades
  // missed targets against the localisation error of young tracks (bench/RESULTS.md).
  config.quick_confirm_hits = 2;
  config.quick_confirm_max_sigma_m = 100.0;
  // For the LLR score (confirm: {method: llr}): the bench's 10 false plots per scan spread
  // uniformly over the square, as a density in (range m, azimuth rad), divided by the height
  // pseudo-measurement's peak density (1 / (sqrt(2 pi) 1 m)) so that the third component adds
  // nothing; new targets a tenth of that.
  const double polar_area =
      4.0 * kBenchHalfWidthM * 2.0 * std::log(std::tan(3.0 * units::kPi / 8.0));
  config.llr.false_alarm_density = 10.0 / polar_area / std::sqrt(2.0 * units::kPi);
  config.llr.new_target_density = 0.1 * config.llr.false_alarm_density;
  if (!args.config.empty()) {  // the file's keys over the bench's settings
    auto read = tracking::read_tracker_config(args.config, config);
    if (!read) throw CommandFailed(kExitUsage, "track: " + read.error().message);
    config = *read;
  }
  // The bench's own --associator (default gnn) decides, over a config file's `associator:`.
  config.associator = args.associator == "jipda"  ? tracking::Associator::kJipda
                      : args.associator == "jpda" ? tracking::Associator::kJpda
                                                  : tracking::Associator::kGnn;
  std::vector<std::unique_ptr<tracking::MeasurementModel>> models;
  models.push_back(std::make_unique<tracking::PlanarRangeBearingModel>(
      25.0, units::deg_to_rad(0.2), kBenchHalfWidthM * std::sqrt(2.0)));
  Tracker tracker = make_bench_tracker<Tracker>(config, std::move(models));

  const int max_reported_misses = bench_reported_misses();

  // The scans are read, tracked and written a chunk at a time: reading the process's CPU clock
  // is a system call costing about a microsecond on a virtual machine, as much as a few tracks,
  // so the tracking time is bracketed once per chunk, not once per scan. A chunk ends after
  // kChunkScans scans or once it holds kChunkPlots plots (at least one scan).
  constexpr std::size_t kChunkScans = 8;
  constexpr std::size_t kChunkPlots = 1 << 14;
  std::vector<BenchScan> chunk(kChunkScans);
  /// A reported track: its id and (x, y, vx, vy) at its scan's time.
  struct Reported {
    std::uint32_t id;
    std::array<double, 4> state;
  };
  std::vector<Reported> reported;                      // the chunk's, scan after scan
  std::vector<std::size_t> reported_end(kChunkScans);  // by scan of the chunk: end in reported
  std::vector<double> tracked_s(kChunkScans);          // by scan: wall time in the tracker
  double tracker_cpu_s = 0.0;
  std::size_t scans = 0;
  std::size_t plots = 0;
  ReplayLatency latency;
  while (true) {
    std::size_t count = 0;
    std::size_t chunk_plots = 0;
    while (count < kChunkScans && chunk_plots < kChunkPlots && input.next_scan(chunk[count])) {
      chunk_plots += chunk[count++].plots.size();
    }
    if (count == 0) break;
    reported.clear();
    // Room for every report the chunk can bring (each scan reports at most the tracks it starts
    // with plus one per plot), made before the tracking time is taken.
    grow_on_huge_pages(reported, count * (tracker.tracks().size() + chunk_plots));
    const double start = process_cpu_seconds();
    for (std::size_t k = 0; k < count; ++k) {
      const BenchScan& scan = chunk[k];
      const auto handed = std::chrono::steady_clock::now();
      tracker.process(scan.plots, SensorIndex{0}, scan.time);
      // The reported tracks and their states at the scan's time (part of the tracking time).
      for (const auto& track : tracker.tracks()) {
        if (track.status == TrackStatus::kTentative ||
            track.consecutive_misses > max_reported_misses) {
          continue;
        }
        const tracking::StateVector mean = tracker.mean_of(track, scan.time);
        if (std::abs(mean(0)) > kBenchHalfWidthM || std::abs(mean(1)) > kBenchHalfWidthM) {
          continue;
        }
        reported.push_back({track.id.value, {mean(0), mean(1), mean(3), mean(4)}});
      }
      reported_end[k] = reported.size();
      tracked_s[k] =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - handed).count();
    }
    tracker_cpu_s += process_cpu_seconds() - start;
    scans += count;
    plots += chunk_plots;
    for (std::size_t k = 0, row = 0; k < count; ++k) {
      const BenchScan& scan = chunk[k];
      const auto written_from = std::chrono::steady_clock::now();
      rows.clear();
      for (; row < reported_end[k]; ++row) {
        const auto& [id, x] = reported[row];
        // Fixed, 3 decimals, as the bench's printf("%.3f") writes them.
        char cells[16 + 4 * (1 + io::kFixedCharsMax)];
        char* end = std::to_chars(cells, cells + 16, id).ptr;
        for (const double value : x) {
          *end++ = ',';
          end = io::format_fixed(end, value, 3);
        }
        *end++ = '\n';
        rows += scan.time_text;
        rows += ',';
        rows.append(cells, end);
      }
      out.write(rows.data(), static_cast<std::streamsize>(rows.size()));
      // As live: the scan handed to the tracker, then its reports written.
      latency.add_batch(scan.time,
                        tracked_s[k] + std::chrono::duration<double>(
                                           std::chrono::steady_clock::now() - written_from)
                                           .count(),
                        scan.plots);
    }
  }
  out.close();
  if (input.rejected() > 0) {
    std::cerr << "straja track: skipped " << input.rejected()
              << " bad row(s); first: " << input.first_rejection() << '\n';
  }
  if (!out) throw CommandFailed(kExitUsage, args.out + ": write failed");
  if (args.stats) {
    print_track_stats(scans, plots, tracker.statistics().tracks_confirmed, tracker_cpu_s,
                      process_start, latency);
  }
}

std::atomic<bool> g_track_stop{false};
extern "C" void on_track_stop_signal(int) {
  g_track_stop.store(true);
}

/// udp:// inputs: tracked live until SIGINT/SIGTERM, the outputs written once a second and a
/// status line every 5 s, as `straja run` does without its picture server.
void run_track_live(const TrackArguments& args) {
  if (args.outs.empty()) throw CommandFailed(kExitUsage, "track: --out TARGET is required");
  if (args.stats || !args.registration_csv.empty()) {
    throw CommandFailed(kExitUsage,
                        "track: --stats and --registration apply to recordings, not udp:// feeds");
  }
  for (const std::string& target : args.outs) track_output_kind(target);  // before any work
  LiveRunOptions options;
  options.command = "track";
  options.inputs = args.inputs;
  options.sensors = args.sensors;
  options.tracker_config = args.config;
  options.date = args.date;
  options.outputs = args.outs;
  options.status_period_s = 5.0;
  options.sdps = parse_sdps(args.sdps);
  options.registration = !args.no_registration;
  options.serve = false;
  configure_logging();
  std::signal(SIGINT, on_track_stop_signal);
  std::signal(SIGTERM, on_track_stop_signal);
  run_live(options, g_track_stop);
}

void run(TrackArguments args) {
  if (args.outs.size() == 1) args.out = args.outs.front();
  if (args.bench2d.empty()) {
    if (args.inputs.empty()) {
      throw CommandFailed(kExitUsage, "track: give plots.csv input(s) or --bench2d DETECTIONS.csv");
    }
    if (std::any_of(args.inputs.begin(), args.inputs.end(),
                    [](const std::string& input) { return input.starts_with("udp://"); })) {
      run_track_live(args);
      return;
    }
    run_track_plots({args.inputs, args.sensors, args.config, args.date, args.outs, args.stats,
                     !args.no_registration, args.registration_csv, parse_sdps(args.sdps),
                     args.filter_given ? args.filter : "",
                     args.associator_given ? args.associator : ""});
    return;
  }
  if (args.outs.size() != 1) {
    throw CommandFailed(kExitUsage, "track: --bench2d writes one --out FILE");
  }
  if (args.filter == "ukf") {
    run_bench2d<tracking::UkfGnnTracker>(args);
  } else if (args.filter == "imm") {
    run_bench2d<tracking::ImmGnnTracker>(args);
  } else {
    run_bench2d<tracking::GnnTracker>(args);
  }
}

}  // namespace

void add_track_command(CLI::App& app) {
  auto args = std::make_shared<TrackArguments>();
  CLI::App* command = app.add_subcommand(
      "track", "Track plots (plots.csv, ASTERIX recordings, or the --bench2d research bench)");
  command->add_option("inputs", args->inputs,
                      "plots.csv files, or ASTERIX recordings (CAT001/002, CAT034, CAT048, CAT021; "
                      "CAT062 from a partner system, fused track-to-track; any framing), or live "
                      "udp://GROUP:PORT[@IFACE] feeds (tracked until SIGINT/SIGTERM)");
  command->add_option("--config", args->config,
                      "Tracker settings, YAML (docs/formats/tracker-config.md; default: built in)");
  command->add_option("--date", args->date,
                      "UTC date of an ASTERIX recording, YYYY-MM-DD (default: the sensors file's)");
  command->add_option("--sensors", args->sensors,
                      "sensors.yaml: the sensor sites and noise (docs/formats/sensors.md)");
  command->add_option("--bench2d", args->bench2d,
                      "Detections of the shared 2D benchmark (columns t, range, bearing)");
  command
      ->add_option("--out", args->outs,
                   "An output, repeatable; kind from the target: tracks.csv, tracks.jsonl, "
                   "system.ast (CAT062 + CAT065 data blocks), udp://GROUP:PORT (the same live; "
                   "docs/formats/cat062-output.md). --bench2d: one CSV (t,track_id,x,y,vx,vy)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command
      ->add_option("--sdps", args->sdps,
                   "SAC/SIC of this system's SDPS in CAT062/CAT065 I010 (a partner's SDPS must "
                   "differ)")
      ->capture_default_str();
  command->add_flag("--no-registration", args->no_registration,
                    "Do not estimate and correct the radars' systematic errors against ADS-B");
  command->add_option("--registration", args->registration_csv,
                      "Write the radars' estimated errors every minute to this CSV "
                      "(docs/formats/registration.md)");
  CLI::Option* associator =
      command
          ->add_option("--associator", args->associator,
                       "gnn, jpda or jipda, over the config's associator (any with any --filter)")
          ->check(CLI::IsMember({"gnn", "jpda", "jipda"}))
          ->capture_default_str();
  CLI::Option* filter = command
                            ->add_option("--filter", args->filter,
                                         "ekf, ukf or imm (CV/CT), over the config's filter")
                            ->check(CLI::IsMember({"ekf", "ukf", "imm"}))
                            ->capture_default_str();
  command->add_flag("--stats", args->stats,
                    "End with one JSON line of counts and CPU seconds on stderr");
  command->callback([args, associator, filter] {
    args->associator_given = associator->count() > 0;
    args->filter_given = filter->count() > 0;
    run(*args);
  });
}

}  // namespace straja::cli
