#pragma once
// `straja track PLOTS.csv... --sensors sensors.yaml --out tracks.csv|tracks.jsonl`: the tracker on
// recorded plots (docs/formats/plots.md), sensor sites from the sensors file.

#include <string>
#include <vector>

namespace straja::cli {

struct TrackPlotsArguments {
  std::vector<std::string> inputs;
  std::string sensors;
  std::string out;
  bool stats = false;
};

/// Throws CommandFailed (usage: 2; rows skipped: 1 at the end, after writing every track).
void run_track_plots(const TrackPlotsArguments& args);

}  // namespace straja::cli
