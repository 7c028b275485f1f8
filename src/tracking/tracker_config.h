#pragma once
// The tracker's YAML configuration (`straja track --config FILE`, docs/formats/tracker-config.md).
// Every key is optional and defaults to GnnTrackerConfig's value; unknown keys and bad values are
// errors naming the file, line and field.
//
//   filter: ekf                  # ekf | ukf | imm
//   imm: {modes: [cv, ct], stay_probability: 0.95, interval_s: 4, q_cv_m2ps3: 1, q_ct_m2ps3: 4,
//         q_turn_rate_rad2ps3: 1e-3, q_ca_m2ps5: 1, q_vertical_m2ps3: 0.1, mode_filter: ekf}
//   associator: gnn              # gnn | jpda | jipda
//   jpda: {detection_probability: 0.9, clutter_density: 1e-6, adsb_clutter_density: 1e-15,
//          max_nodes: 200000}
//   existence: {birth: 0.1, survival_per_s: 0.99, confirm: 0.999, delete_below: 0.01}
//   motion: {q_horizontal_m2ps3: 1.0, q_vertical_m2ps3: 0.1}
//   gate_probability: 0.9997
//   confirm: {method: m_of_n, hits: 3, window: 4, detection_probability: 0.9,
//            false_alarm_density: 1e-6, new_target_density: 1e-7,
//            false_confirm_probability: 0.001, true_delete_probability: 0.01,
//            delete_score_drop: 6, quick_hits: 0, quick_max_sigma_m: 0}
//   delete: {tentative_after_misses: 2, confirmed_after_misses: 4, max_coast_s: 30,
//            max_position_sigma_m: 5000}
//   initiation: {speed_sigma_mps: 200, vertical_speed_sigma_mps: 15}

#include <string>

#include "core/result.h"
#include "tracking/gnn_tracker.h"

namespace straja::tracking {

/// Keys absent from the file keep their value in `base` (GnnTrackerConfig's defaults, or a mode's
/// own, such as the research bench's).
Result<GnnTrackerConfig> read_tracker_config(const std::string& path,
                                             const GnnTrackerConfig& base = {});
Result<GnnTrackerConfig> parse_tracker_config(const std::string& text, const std::string& source,
                                              const GnnTrackerConfig& base = {});

}  // namespace straja::tracking
