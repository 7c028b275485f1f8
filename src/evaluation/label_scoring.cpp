#include "evaluation/label_scoring.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "io/csv_reader.h"

namespace straja::evaluation {

bool discrete_mode3a(std::string_view code) {
  return !code.empty() && code != "7777" && code != "2000" && code != "1200" && code != "7000" &&
         code != "0000";
}

Result<std::vector<LabelledTrackRow>> read_track_labels(const std::string& tracks_path,
                                                        LabelKind kind) {
  auto reader = io::CsvReader::open(tracks_path);
  if (!reader) return reader.error();
  auto time = reader->column("time_s");
  auto id = reader->column("track_id");
  auto status = reader->column("status");
  auto label = reader->column(kind == LabelKind::kMode3A ? "mode3a" : "icao");
  for (const auto* column : {&time, &id, &status, &label}) {
    if (!*column) return column->error();
  }
  std::vector<LabelledTrackRow> rows;
  while (reader->next()) {
    LabelledTrackRow row;
    auto t = reader->number(*time);
    if (!t) return t.error();
    auto i = reader->integer(*id);
    if (!i) return i.error();
    row.time_s = *t;
    row.track_id = *i;
    row.confirmed = reader->cell(*status) == "confirmed";
    row.label = std::string(reader->cell(*label));
    if (kind == LabelKind::kMode3A && !discrete_mode3a(row.label)) row.label.clear();
    rows.push_back(std::move(row));
  }
  return rows;
}

LabelScores score_labels(std::vector<LabelledPlot> plots, const std::vector<LabelledTrackRow>& rows,
                         double window_s) {
  LabelScores scores;
  // Per track: label counts over confirmed reports, label changes, whether it was confirmed.
  struct TrackLabels {
    std::map<std::string, std::size_t> counts;
    std::string last;
    std::size_t swaps = 0;
    bool confirmed = false;
    bool labelled = false;
  };
  std::map<std::int64_t, TrackLabels> tracks;
  // Confirmed reports per label, in time order, for completeness.
  std::map<std::string, std::vector<double>> confirmed_times;
  for (const LabelledTrackRow& row : rows) {
    TrackLabels& track = tracks[row.track_id];
    if (!row.confirmed) continue;
    track.confirmed = true;
    if (row.label.empty()) continue;
    track.labelled = true;
    ++track.counts[row.label];
    if (!track.last.empty() && track.last != row.label) ++track.swaps;
    track.last = row.label;
    confirmed_times[row.label].push_back(row.time_s);
  }
  std::size_t labelled_reports = 0;
  std::size_t majority_reports = 0;
  for (const auto& [id, track] : tracks) {
    if (!track.confirmed) continue;
    ++scores.confirmed_tracks;
    if (!track.labelled) {
      ++scores.false_tracks;
      continue;
    }
    std::size_t total = 0;
    std::size_t majority = 0;
    for (const auto& [label, count] : track.counts) {
      total += count;
      majority = std::max(majority, count);
    }
    labelled_reports += total;
    majority_reports += majority;
    scores.identity_swaps += track.swaps;
  }
  scores.purity = labelled_reports > 0 ? static_cast<double>(majority_reports) /
                                             static_cast<double>(labelled_reports)
                                       : std::numeric_limits<double>::quiet_NaN();
  for (auto& [label, times] : confirmed_times) std::sort(times.begin(), times.end());
  std::set<std::string> seen;
  std::size_t fed = 0;
  for (const LabelledPlot& plot : plots) {
    if (plot.label.empty()) continue;
    ++scores.labelled_plots;
    seen.insert(plot.label);
    const auto found = confirmed_times.find(plot.label);
    if (found == confirmed_times.end()) continue;
    const auto next = std::lower_bound(found->second.begin(), found->second.end(), plot.time_s);
    if (next != found->second.end() && *next - plot.time_s <= window_s) ++fed;
  }
  scores.labels_seen = seen.size();
  scores.completeness = scores.labelled_plots > 0
                            ? static_cast<double>(fed) / static_cast<double>(scores.labelled_plots)
                            : std::numeric_limits<double>::quiet_NaN();
  return scores;
}

}  // namespace straja::evaluation
