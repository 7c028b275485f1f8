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
//   pcrlb: {accel_psd_horizontal_m2ps3: 1, accel_psd_vertical_m2ps3: 0.1, adsb_sigma_h_m: 30,
//           adsb_sigma_v_m: 15, ssr_altitude_sigma_m: 9}

#include <string>

#include "core/result.h"
#include "evaluation/efficiency.h"
#include "evaluation/metrics.h"
#include "evaluation/scoring_frames.h"

namespace straja::evaluation {

struct EvalSettings {
  EvaluationConfig config;
  CoverageRule coverage;
  PcrlbSettings pcrlb;
};

Result<EvalSettings> read_eval_config(const std::string& path);
Result<EvalSettings> parse_eval_config(const std::string& text, const std::string& source_name);

}  // namespace straja::evaluation
