#pragma once
// What `straja eval` scores: truth and tracks brought to common scoring times in one local
// east-north-up frame.
//
// Conventions (docs/formats/ and the eval command's documentation):
// - Tracks are scored at their report times; truth is interpolated linearly to those times (a
//   target exists between its first and last truth row). Where no track is reported for longer
//   than 1.5 report intervals (the 90th percentile of the spacings of report times, at least 1 s:
//   a tracker reporting after each sensor batch reports in bursts), scoring times are
//   filled in at that interval across the truth's time span, so targets nobody tracks are still
//   counted missed.
// - Only `confirmed` and `coasting` track rows are scored; `tentative` rows only mark report times.
// - A track id written more than once at one time counts once there, with its last row.
// - Geodetic inputs (truth.csv, tracks.csv) are converted to ENU at the mean truth position; the
//   flat benchmark files (bench2d) are already x/y metres, scored at the union of their times.
// - Coverage (with a plots file carrying truth_id): a target is in coverage at t when it has
//   produced at least `min_detections` detections up to t and one within (t - recent_s, t];
//   with CoverageRule::sensors, when each of those sensors has.

#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "geo/geodetic.h"

namespace straja::evaluation {

/// A truth or a track at one scoring time, in the evaluation's ENU frame (z = 0 for flat data).
struct ObjectState {
  std::int64_t id = 0;
  Eigen::Vector3d position_m = Eigen::Vector3d::Zero();
  Eigen::Vector3d velocity_mps = Eigen::Vector3d::Zero();
  bool coasting = false;    ///< tracks: reported as coasting (not updated at this report)
  bool in_coverage = true;  ///< truths: inside the sensors' coverage (always true without plots)
};

struct ScoringFrame {
  double time_s = 0.0;
  std::vector<ObjectState> truths;
  std::vector<ObjectState> tracks;  ///< confirmed and coasting tracks only
};

struct ScoringData {
  std::vector<ScoringFrame> frames;  ///< in time order
  bool three_d = true;               ///< false: flat x/y data (vertical figures do not apply)
  std::size_t tentative_rows = 0;    ///< track rows not scored because tentative
  std::size_t filled_times = 0;      ///< scoring times added where no track was reported
  std::map<std::int64_t, std::string> truth_class;  ///< target class per truth id, when known
  std::optional<geo::LocalFrame> frame;  ///< the ENU frame of geodetic inputs (none for bench2d)
};

struct CoverageRule {
  int min_detections = 3;
  double recent_s = 15.0;
  /// Empty: any sensor's detections count. Otherwise (plots.csv sensor_id values) the target is
  /// in coverage only where EACH of these sensors meets the rule with its own detections: the
  /// region they all cover (e.g. two radars' overlap).
  std::vector<std::string> sensors;
};

/// truth.csv + tracks.csv (docs/formats/), optionally plots.csv for coverage. Errors name the
/// file, line and field.
Result<ScoringData> load_geodetic(const std::string& truth_path, const std::string& tracks_path,
                                  const std::optional<std::string>& plots_path,
                                  const CoverageRule& coverage = {});

/// The shared benchmark's flat files: truth `t,id,x,y,vx,vy`, tracks `t,track_id,x,y,vx,vy`
/// (every track row counts). Scored at the union of their times, exactly as written.
Result<ScoringData> load_bench2d(const std::string& truth_path, const std::string& tracks_path);

}  // namespace straja::evaluation
