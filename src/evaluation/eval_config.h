#pragma once
// eval.yaml: the evaluation's settings (docs/formats/eval-config.md). Every key optional, with the
// defaults of EvaluationConfig / CoverageRule; unknown keys are errors naming file, line and field.
//
//   gospa: {c_m: 500, p: 2}
//   association_m: 500
//   horizontal: false
//   coverage: {min_detections: 3, recent_s: 15}
//   requirements: {probability_of_update_min: 0.97, rms_horizontal_max_m: 150, gap_s: 16.4,
//                  gap_probability_max: 0.01, false_track_rate_max: 0.01}

#include <string>

#include "core/result.h"
#include "evaluation/metrics.h"
#include "evaluation/scoring_frames.h"

namespace straja::evaluation {

struct EvalSettings {
  EvaluationConfig config;
  CoverageRule coverage;
};

Result<EvalSettings> read_eval_config(const std::string& path);
Result<EvalSettings> parse_eval_config(const std::string& text, const std::string& source_name);

}  // namespace straja::evaluation
