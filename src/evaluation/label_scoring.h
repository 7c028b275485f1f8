#pragma once
// Scoring without truth (`straja eval --labels mode3a|icao`): the Mode 3/A codes or Mode S
// addresses that plots carry label the aircraft, and the tracks' identity columns (the label of
// the last plot that updated them, docs/formats/tracks.md) show which aircraft each track
// followed. Non-discrete Mode 3/A codes (7777, 2000, 1200, 7000, 0000) label nobody.
//
// - purity: among confirmed (updated) track reports carrying a label, the fraction whose label is
//   the track's majority label;
// - completeness: the fraction of labelled plots followed within `window_s` by a confirmed report
//   of a track carrying the same label (the plot fed a confirmed track);
// - identity_swaps: times a track's label changes from one aircraft to another (a track ending
//   and a new one starting is not a swap);
// - false_tracks: confirmed tracks that never carried a label (on a recording where every
//   aircraft replies, a track nobody labels followed no aircraft);
// - labels_seen: distinct labels among the plots.

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace straja::evaluation {

enum class LabelKind { kMode3A, kIcao };

/// True for a Mode 3/A code that identifies one aircraft (not 7777, 2000, 1200, 7000 or 0000).
bool discrete_mode3a(std::string_view code);

struct LabelledPlot {
  double time_s = 0.0;
  std::string label;
};

struct LabelledTrackRow {
  double time_s = 0.0;
  std::int64_t track_id = 0;
  bool confirmed = false;  ///< status confirmed (an update); coasting and tentative are not
  std::string label;       ///< empty: none (or not discrete)
};

struct LabelScores {
  double purity = 0.0;        ///< NaN when no labelled confirmed report exists
  double completeness = 0.0;  ///< NaN when no labelled plot exists
  std::size_t identity_swaps = 0;
  std::size_t false_tracks = 0;
  std::size_t labels_seen = 0;
  std::size_t labelled_plots = 0;
  std::size_t confirmed_tracks = 0;
};

/// The label column of tracks.csv rows (mode3a or icao), non-discrete codes blanked.
Result<std::vector<LabelledTrackRow>> read_track_labels(const std::string& tracks_path,
                                                        LabelKind kind);

LabelScores score_labels(std::vector<LabelledPlot> plots, const std::vector<LabelledTrackRow>& rows,
                         double window_s = 12.0);

}  // namespace straja::evaluation
