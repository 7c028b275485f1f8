#pragma once
// The evaluation report: one self-contained HTML file (no scripts, fonts or images from the
// network; every plot inline SVG) with the key figures, the requirement table, GOSPA and its parts
// over time, the error per target, track/truth timelines and a map of tracks over truth. Each
// plot is an <svg> with a data-chart attribute naming it ("gospa", "counts", "target-errors",
// "timelines", "map").

#include <string>

#include "evaluation/metrics.h"

namespace straja::evaluation {

struct ReportInputs {
  std::string truth_path;
  std::string tracks_path;
  std::string plots_path;  ///< empty when none
};

std::string report_html(const EvaluationSummary& summary, const ScoringData& data,
                        const EvaluationConfig& config, const ReportInputs& inputs);

}  // namespace straja::evaluation
