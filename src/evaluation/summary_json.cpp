#include "evaluation/summary_json.h"

#include <cmath>

namespace straja::evaluation {
nlohmann::ordered_json json_number(double value) {
  return std::isnan(value) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(value);
}

nlohmann::ordered_json summary_json(const EvaluationSummary& s, const ScoringData& data,
                                    const EvaluationConfig& config) {
  nlohmann::ordered_json j;
  j["gospa_mean"] = json_number(s.gospa_mean);
  j["gospa_loc_rms_m"] = json_number(s.gospa_loc_rms_m);
  j["missed_mean"] = json_number(s.missed_mean);
  j["false_mean"] = json_number(s.false_mean);
  j["ospa_mean"] = json_number(s.ospa_mean);
  j["completeness"] = json_number(s.completeness);
  j["ambiguity"] = json_number(s.ambiguity);
  j["spuriousness"] = json_number(s.spuriousness);
  j["track_switches"] = s.track_switches;
  j["track_number_changes"] = s.track_number_changes;
  j["rms_horizontal_m"] = json_number(s.rms_horizontal_m);
  j["rms_horizontal_in_coverage_m"] = json_number(s.rms_horizontal_in_coverage_m);
  j["rms_vertical_m"] = json_number(s.rms_vertical_m);
  j["rms_velocity_mps"] = json_number(s.rms_velocity_mps);
  j["longest_segment_mean"] = json_number(s.longest_segment_mean);
  j["time_to_confirm_mean_s"] = json_number(s.time_to_confirm_mean_s);
  j["probability_of_update"] = json_number(s.probability_of_update);
  j["gap_probability"] = json_number(s.gap_probability);
  j["false_track_rate"] = json_number(s.spuriousness);
  j["pcrlb_rms_m"] = json_number(s.pcrlb_rms_m);
  j["efficiency_mean"] = json_number(s.efficiency_mean);
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
    requirements[r.key] = {{"measured", json_number(r.measured)},
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
        {"rms_horizontal_m", json_number(t.rms_horizontal_m)},
        {"rms_vertical_m", json_number(t.rms_vertical_m)},
        {"track_switches", t.track_switches},
        {"track_number_changes", t.track_number_changes},
        {"longest_segment_fraction", json_number(t.longest_segment_fraction)},
        {"time_to_confirm_s", json_number(t.time_to_confirm_s)},
        {"pcrlb_rms_m", json_number(t.pcrlb_rms_m)},
        {"efficiency", json_number(t.efficiency)},
    });
  }
  return j;
}

}  // namespace straja::evaluation
