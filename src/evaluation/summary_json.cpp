#include "evaluation/summary_json.h"

#include <cmath>

namespace straja::evaluation {
namespace {

nlohmann::ordered_json number(double value) {
  return std::isnan(value) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value);
}

}  // namespace

nlohmann::ordered_json summary_json(const EvaluationSummary& s, const ScoringData& data,
                                    const EvaluationConfig& config) {
  nlohmann::ordered_json j;
  j["gospa_mean"] = number(s.gospa_mean);
  j["gospa_loc_rms_m"] = number(s.gospa_loc_rms_m);
  j["missed_mean"] = number(s.missed_mean);
  j["false_mean"] = number(s.false_mean);
  j["ospa_mean"] = number(s.ospa_mean);
  j["completeness"] = number(s.completeness);
  j["ambiguity"] = number(s.ambiguity);
  j["spuriousness"] = number(s.spuriousness);
  j["track_switches"] = s.track_switches;
  j["track_number_changes"] = s.track_number_changes;
  j["rms_horizontal_m"] = number(s.rms_horizontal_m);
  j["rms_vertical_m"] = number(s.rms_vertical_m);
  j["rms_velocity_mps"] = number(s.rms_velocity_mps);
  j["longest_segment_mean"] = number(s.longest_segment_mean);
  j["time_to_confirm_mean_s"] = number(s.time_to_confirm_mean_s);
  j["probability_of_update"] = number(s.probability_of_update);
  j["gap_probability"] = number(s.gap_probability);
  j["false_track_rate"] = number(s.spuriousness);
  j["pcrlb_rms_m"] = number(s.pcrlb_rms_m);
  j["efficiency_mean"] = number(s.efficiency_mean);
  j["scans_scored"] = s.frames.size();
  j["filled_times"] = data.filled_times;
  j["truth_ids"] = s.truth_ids;
  j["track_ids"] = s.track_ids;
  j["false_track_ids"] = s.false_track_ids;
  j["gospa_c"] = config.gospa.cutoff_m;
  j["gospa_p"] = config.gospa.order;
  j["gospa_alpha"] = 2;
  j["association_m"] = config.association_m;
  j["horizontal"] = config.horizontal || !data.three_d;
  auto& requirements = j["requirements"] = nlohmann::ordered_json::object();
  for (const RequirementResult& r : s.requirements) {
    const int verdict = r.verdict();
    requirements[r.key] = {{"measured", number(r.measured)},
                           {"threshold", r.threshold},
                           {"comparison", r.at_least ? ">=" : "<="},
                           {"pass", verdict < 0 ? nlohmann::ordered_json(nullptr)
                                                : nlohmann::ordered_json(verdict == 1)}};
  }
  j["requirements_passed"] =
      std::all_of(s.requirements.begin(), s.requirements.end(),
                  [](const RequirementResult& r) { return r.verdict() == 1; });
  auto& targets = j["targets"] = nlohmann::ordered_json::array();
  for (const TargetScore& t : s.targets) {
    const auto found = data.truth_class.find(t.id);
    targets.push_back({
        {"id", t.id},
        {"class", found == data.truth_class.end() ? nlohmann::ordered_json(nullptr)
                                                  : nlohmann::ordered_json(found->second)},
        {"frames", t.frames},
        {"frames_in_coverage", t.frames_in_coverage},
        {"completeness", t.frames_in_coverage > 0
                             ? nlohmann::ordered_json(static_cast<double>(t.frames_tracked) /
                                                      static_cast<double>(t.frames_in_coverage))
                             : nlohmann::ordered_json(nullptr)},
        {"rms_horizontal_m", number(t.rms_horizontal_m)},
        {"rms_vertical_m", number(t.rms_vertical_m)},
        {"track_switches", t.track_switches},
        {"track_number_changes", t.track_number_changes},
        {"longest_segment_fraction", number(t.longest_segment_fraction)},
        {"time_to_confirm_s", number(t.time_to_confirm_s)},
        {"pcrlb_rms_m", number(t.pcrlb_rms_m)},
        {"efficiency", number(t.efficiency)},
    });
  }
  return j;
}

}  // namespace straja::evaluation
