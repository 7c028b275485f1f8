#pragma once
// Scores of tracks against truth over scoring frames (scoring_frames.h): GOSPA and OSPA per
// frame, the trajectory view (which track follows which truth, track switches), SIAP measures
// and requirement checks. Figures that do not apply are NaN (written as null).
//
// Definitions (all distances 3D in the ENU frame, or horizontal with `horizontal`):
// - GOSPA (alpha = 2, cut-off c, order p) per frame; missed counts only truths in coverage.
//   gospa_loc_rms_m = sqrt(sum of assigned d^p over frames / assigned pairs) (for p = 2 an RMS).
// - OSPA per frame: (min over assignments of sum min(d, c)^p + c^p |m - n|) / max(m, n), ^(1/p);
//   0 when both sets are empty.
// - Trajectory view: each frame's GOSPA assignment pairs a truth with at most one track; a track
//   switch is a truth's assigned track changing from one track id to another (frames where it is
//   unassigned do not break the sequence).
// - SIAP association: each track is associated with the nearest truth within `association_m`
//   (several tracks may share a truth). Completeness: fraction of in-coverage truth-frames with an
//   associated track. Ambiguity: associated tracks per tracked in-coverage truth (ideal 1).
//   Spuriousness: fraction of track reports associated with no truth. Accuracy: RMS of position
//   (horizontal, vertical) and velocity errors over associated pairs. Track-number changes: a
//   truth's nearest associated track changing id. Longest segment: per truth, the longest time
//   followed by one track id over its time in coverage (mean over truths). Time to confirm: from
//   a truth's first frame in coverage to its first associated track (mean over truths tracked).
// - Requirements: probability of update (in-coverage truth-frames whose associated track was
//   updated, i.e. not coasting), RMS horizontal error, P(gap > gap_s) between a truth's updates,
//   false-track rate (= spuriousness). Each reported with its measured value and pass/fail.

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "evaluation/gospa.h"
#include "evaluation/scoring_frames.h"

namespace straja::evaluation {

inline constexpr double kNotApplicable = std::numeric_limits<double>::quiet_NaN();

struct RequirementThresholds {
  double probability_of_update_min = 0.97;
  double rms_horizontal_max_m = 150.0;
  double gap_s = 16.4;
  double gap_probability_max = 0.01;
  double false_track_rate_max = 0.01;
};

struct EvaluationConfig {
  GospaParameters gospa;         ///< c = 500 m, p = 2
  double association_m = 500.0;  ///< SIAP track-to-truth association distance
  bool horizontal = false;       ///< score horizontal distances only
  RequirementThresholds requirements;
};

struct FrameScore {
  double time_s = 0.0;
  std::size_t truths = 0;
  std::size_t truths_in_coverage = 0;
  std::size_t tracks = 0;
  double gospa = 0.0;
  double localisation_sum_p = 0.0;
  std::size_t assigned = 0;
  std::size_t missed = 0;
  std::size_t false_tracks = 0;
  double ospa = 0.0;
};

struct TargetScore {
  std::int64_t id = 0;
  std::size_t frames = 0;  ///< frames in which the truth exists
  std::size_t frames_in_coverage = 0;
  std::size_t frames_tracked = 0;  ///< in coverage, with an associated track
  double rms_horizontal_m = kNotApplicable;
  double rms_vertical_m = kNotApplicable;
  std::size_t track_switches = 0;
  std::size_t track_number_changes = 0;
  double longest_segment_fraction = kNotApplicable;
  double time_to_confirm_s = kNotApplicable;
  /// Per frame of the truth: its time and the nearest associated track id (-1: none).
  std::vector<std::pair<double, std::int64_t>> timeline;
  /// Per frame with an associated track: its time and the squared position error of the nearest
  /// associated track (3D, or horizontal when scoring horizontally).
  std::vector<std::pair<double, double>> squared_errors;
  double pcrlb_rms_m = kNotApplicable;  ///< sqrt(mean PCRLB position bound at those times)
  double efficiency = kNotApplicable;   ///< RMS error / pcrlb_rms_m (1 = as good as possible)
};

struct RequirementResult {
  std::string key;          ///< "probability_of_update", ...
  std::string description;  ///< what is measured, for the report
  double measured = kNotApplicable;
  double threshold = 0.0;
  bool at_least = true;  ///< pass when measured >= threshold (else <=)
  /// 1 pass, 0 fail, -1 not applicable (measured is NaN).
  int verdict() const {
    if (std::isnan(measured)) return -1;
    return (at_least ? measured >= threshold : measured <= threshold) ? 1 : 0;
  }
};

struct EvaluationSummary {
  std::vector<FrameScore> frames;
  std::vector<TargetScore> targets;  ///< in truth id order
  double gospa_mean = kNotApplicable;
  double gospa_loc_rms_m = kNotApplicable;
  double missed_mean = kNotApplicable;
  double false_mean = kNotApplicable;
  double ospa_mean = kNotApplicable;
  double completeness = kNotApplicable;
  double ambiguity = kNotApplicable;
  double spuriousness = kNotApplicable;
  std::size_t track_switches = 0;
  std::size_t track_number_changes = 0;
  double rms_horizontal_m = kNotApplicable;
  /// The same over the associated tracks of truths in coverage only (with a coverage rule
  /// naming sensors: their common region).
  double rms_horizontal_in_coverage_m = kNotApplicable;
  double rms_vertical_m = kNotApplicable;
  double rms_velocity_mps = kNotApplicable;
  double longest_segment_mean = kNotApplicable;
  double time_to_confirm_mean_s = kNotApplicable;
  double probability_of_update = kNotApplicable;
  double gap_probability = kNotApplicable;
  std::size_t update_gaps = 0;  ///< intervals between updates counted for gap_probability
  std::size_t track_ids = 0;
  std::size_t truth_ids = 0;
  std::size_t false_track_ids = 0;  ///< track ids never associated with any truth
  std::vector<RequirementResult> requirements;
  double pcrlb_rms_m = kNotApplicable;      ///< over every target's scored times (with sensors)
  double efficiency_mean = kNotApplicable;  ///< mean over targets of their efficiency
};

EvaluationSummary evaluate(const ScoringData& data, const EvaluationConfig& config);

}  // namespace straja::evaluation
