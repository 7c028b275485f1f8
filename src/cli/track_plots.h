#pragma once
// `straja track INPUT... [--sensors sensors.yaml] [--date YYYY-MM-DD] --out
// tracks.csv|tracks.jsonl`: the tracker on recorded plots: plots.csv files (docs/formats/plots.md;
// the sensors file is then required) or ASTERIX recordings in any framing the decoder reads (CAT048
// radar reports, CAT021 ADS-B reports; CAT034 gives rotation periods). A radar or station the
// sensors file does not list (matched by SAC/SIC) is tracked with a warning in a plane centred on
// it, placed at 0 N 0 E, with default noise figures.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace straja::cli {

struct TrackPlotsArguments {
  std::vector<std::string> inputs;
  std::string sensors;
  std::string config;  ///< tracker YAML (docs/formats/tracker-config.md); empty: the defaults
  std::string date;    ///< YYYY-MM-DD for ASTERIX times of day (else the sensors file's date)
  std::string out;
  bool stats = false;
};

/// CPU seconds this process has used so far.
double process_cpu_seconds();

/// The `--stats` line of `straja track` on stderr:
/// {"scans":N,"plots":N,"tracks":N,"tracker_cpu_s":X,"io_cpu_s":Y}, where io_cpu_s is the process's
/// CPU time since `process_start_cpu_s` less the tracker's.
void print_track_stats(std::size_t scans, std::size_t plots, std::uint64_t confirmed_tracks,
                       double tracker_cpu_s, double process_start_cpu_s);

/// Throws CommandFailed (usage: 2; rows skipped: 1 at the end, after writing every track).
void run_track_plots(const TrackPlotsArguments& args);

}  // namespace straja::cli
