#include "evaluation/metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <unordered_map>

#include "tracking/association/assignment.h"

namespace straja::evaluation {
namespace {

/// A truth-track pair closer than the search radius.
struct Pair {
  std::uint32_t truth = 0;
  std::uint32_t track = 0;
  double distance = 0.0;
};

Eigen::Vector3d scored_position(const ObjectState& object, bool horizontal) {
  Eigen::Vector3d p = object.position_m;
  if (horizontal) p.z() = 0.0;
  return p;
}

/// Every truth-track pair closer than `radius`: a uniform grid over the truths (cells of the
/// radius, horizontal), so the cost grows with the pairs found rather than truths x tracks.
std::vector<Pair> close_pairs(const std::vector<Eigen::Vector3d>& truths,
                              const std::vector<Eigen::Vector3d>& tracks, double radius) {
  std::vector<Pair> pairs;
  if (truths.empty() || tracks.empty()) return pairs;
  if (truths.size() * tracks.size() <= 4096) {
    for (std::uint32_t i = 0; i < truths.size(); ++i) {
      for (std::uint32_t j = 0; j < tracks.size(); ++j) {
        const double d = (truths[i] - tracks[j]).norm();
        if (d < radius) pairs.push_back({i, j, d});
      }
    }
    return pairs;
  }
  auto cell_key = [radius](double x, double y) {
    const auto cx = static_cast<std::int64_t>(std::floor(x / radius));
    const auto cy = static_cast<std::int64_t>(std::floor(y / radius));
    return (static_cast<std::uint64_t>(cx) * 0x9E3779B97F4A7C15ull) ^
           static_cast<std::uint64_t>(cy);
  };
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> grid;
  grid.reserve(truths.size());
  for (std::uint32_t i = 0; i < truths.size(); ++i) {
    grid[cell_key(truths[i].x(), truths[i].y())].push_back(i);
  }
  for (std::uint32_t j = 0; j < tracks.size(); ++j) {
    for (int dx = -1; dx <= 1; ++dx) {
      for (int dy = -1; dy <= 1; ++dy) {
        const auto found =
            grid.find(cell_key(tracks[j].x() + dx * radius, tracks[j].y() + dy * radius));
        if (found == grid.end()) continue;
        for (const std::uint32_t i : found->second) {
          const double d = (truths[i] - tracks[j]).norm();
          if (d < radius) pairs.push_back({i, j, d});
        }
      }
    }
  }
  // Different cells may hash alike: keep each pair once.
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
    return a.truth != b.truth ? a.truth < b.truth : a.track < b.track;
  });
  pairs.erase(std::unique(pairs.begin(), pairs.end(),
                          [](const Pair& a, const Pair& b) {
                            return a.truth == b.truth && a.track == b.track;
                          }),
              pairs.end());
  return pairs;
}

class DisjointSets {
 public:
  explicit DisjointSets(std::size_t n) : parent_(n) {
    std::iota(parent_.begin(), parent_.end(), std::size_t{0});
  }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void join(std::size_t a, std::size_t b) { parent_[find(a)] = find(b); }

 private:
  std::vector<std::size_t> parent_;
};

/// The GOSPA assignment: for each truth, the track it is paired with at distance < c (-1: none).
/// Pairs at >= c cost as much as leaving both unassigned, so only pairs closer than c matter and
/// the problem splits into independent clusters, each solved optimally.
std::vector<int> gospa_assignment(std::size_t truth_count, std::size_t track_count,
                                  const std::vector<Pair>& pairs, const GospaParameters& gospa) {
  std::vector<int> track_of_truth(truth_count, -1);
  DisjointSets sets(truth_count + track_count);
  for (const Pair& p : pairs) {
    if (p.distance < gospa.cutoff_m) sets.join(p.truth, truth_count + p.track);
  }
  std::unordered_map<std::size_t, std::vector<const Pair*>> clusters;
  for (const Pair& p : pairs) {
    if (p.distance < gospa.cutoff_m) clusters[sets.find(p.truth)].push_back(&p);
  }
  const double c_p = std::pow(gospa.cutoff_m, gospa.order);
  for (auto& [root, members] : clusters) {
    std::vector<std::uint32_t> rows;
    std::vector<std::uint32_t> cols;
    for (const Pair* p : members) {
      rows.push_back(p->truth);
      cols.push_back(p->track);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    std::sort(cols.begin(), cols.end());
    cols.erase(std::unique(cols.begin(), cols.end()), cols.end());
    if (rows.size() == 1 && cols.size() == 1) {
      track_of_truth[rows[0]] = static_cast<int>(cols[0]);
      continue;
    }
    Eigen::MatrixXd cost = Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(rows.size()),
                                                     static_cast<Eigen::Index>(cols.size()), c_p);
    auto index_of = [](const std::vector<std::uint32_t>& v, std::uint32_t x) {
      return static_cast<Eigen::Index>(std::lower_bound(v.begin(), v.end(), x) - v.begin());
    };
    for (const Pair* p : members) {
      cost(index_of(rows, p->truth), index_of(cols, p->track)) = std::pow(p->distance, gospa.order);
    }
    const bool transpose = rows.size() > cols.size();
    const tracking::Assignment solved =
        tracking::solve_assignment(transpose ? Eigen::MatrixXd(cost.transpose()) : cost);
    for (Eigen::Index r = 0; r < cost.rows(); ++r) {
      Eigen::Index c = -1;
      if (transpose) {
        const auto& of = solved.row_of_column;
        c = of[static_cast<std::size_t>(r)];
      } else {
        c = solved.column_of_row[static_cast<std::size_t>(r)];
      }
      if (c < 0 || cost(r, c) >= c_p) continue;
      track_of_truth[rows[static_cast<std::size_t>(r)]] =
          static_cast<int>(cols[static_cast<std::size_t>(c)]);
    }
  }
  return track_of_truth;
}

double ratio(double numerator, double denominator) {
  return denominator > 0.0 ? numerator / denominator : kNotApplicable;
}

/// What is kept per truth across frames.
struct TargetAccumulator {
  TargetScore score;
  double sum_sq_horizontal = 0.0;
  double sum_sq_vertical = 0.0;
  std::size_t error_samples = 0;
  std::int64_t last_assigned = -1;  ///< GOSPA-assigned track of the last frame that had one
  std::int64_t last_nearest = -1;   ///< nearest associated track of the last frame that had one
  std::int64_t run_track = -1;      ///< the track of the current segment
  double run_start = 0.0;
  double run_end = 0.0;
  double longest_run = 0.0;
  double first_coverage = kNotApplicable;
  double last_coverage = kNotApplicable;
  double last_update = kNotApplicable;
};

}  // namespace

EvaluationSummary evaluate(const ScoringData& data, const EvaluationConfig& config) {
  EvaluationSummary summary;
  const bool horizontal = config.horizontal || !data.three_d;
  const double c_p = std::pow(config.gospa.cutoff_m, config.gospa.order);
  const double radius = std::max(config.gospa.cutoff_m, config.association_m);

  std::map<std::int64_t, TargetAccumulator> targets;
  std::set<std::int64_t> track_ids;
  std::set<std::int64_t> associated_track_ids;
  double sum_gospa = 0.0, sum_ospa = 0.0, sum_loc = 0.0;
  std::size_t sum_assigned = 0, sum_missed = 0, sum_false = 0;
  std::size_t in_coverage = 0, tracked = 0, updated = 0, ambiguous_tracks = 0;
  std::size_t track_reports = 0, unassociated_reports = 0;
  double sq_horizontal = 0.0, sq_vertical = 0.0, sq_velocity = 0.0;
  std::size_t error_pairs = 0;
  double sq_horizontal_covered = 0.0;
  std::size_t covered_error_pairs = 0;
  std::size_t long_gaps = 0;

  std::vector<Eigen::Vector3d> truth_positions;
  std::vector<Eigen::Vector3d> track_positions;
  for (const ScoringFrame& frame : data.frames) {
    truth_positions.clear();
    track_positions.clear();
    for (const ObjectState& o : frame.truths)
      truth_positions.push_back(scored_position(o, horizontal));
    for (const ObjectState& o : frame.tracks)
      track_positions.push_back(scored_position(o, horizontal));
    const std::vector<Pair> pairs = close_pairs(truth_positions, track_positions, radius);

    // GOSPA / OSPA.
    const std::vector<int> assigned_track =
        gospa_assignment(frame.truths.size(), frame.tracks.size(), pairs, config.gospa);
    FrameScore score;
    score.time_s = frame.time_s;
    score.truths = frame.truths.size();
    score.tracks = frame.tracks.size();
    for (std::size_t i = 0; i < frame.truths.size(); ++i) {
      if (frame.truths[i].in_coverage) ++score.truths_in_coverage;
      const int j = assigned_track[i];
      if (j < 0) {
        if (frame.truths[i].in_coverage) ++score.missed;
        continue;
      }
      ++score.assigned;
      score.localisation_sum_p +=
          std::pow((truth_positions[i] - track_positions[static_cast<std::size_t>(j)]).norm(),
                   config.gospa.order);
    }
    score.false_tracks = frame.tracks.size() - score.assigned;
    score.gospa = std::pow(score.localisation_sum_p +
                               0.5 * c_p * static_cast<double>(score.missed + score.false_tracks),
                           1.0 / config.gospa.order);
    const std::size_t larger = std::max(frame.truths.size(), frame.tracks.size());
    score.ospa = larger == 0 ? 0.0
                             : std::pow((score.localisation_sum_p +
                                         c_p * static_cast<double>(larger - score.assigned)) /
                                            static_cast<double>(larger),
                                        1.0 / config.gospa.order);
    sum_gospa += score.gospa;
    sum_ospa += score.ospa;
    sum_loc += score.localisation_sum_p;
    sum_assigned += score.assigned;
    sum_missed += score.missed;
    sum_false += score.false_tracks;
    summary.frames.push_back(score);

    // SIAP association: each track to its nearest truth within association_m.
    std::vector<int> truth_of_track(frame.tracks.size(), -1);
    std::vector<double> best(frame.tracks.size(), config.association_m);
    for (const Pair& p : pairs) {
      if (p.distance < best[p.track]) {
        best[p.track] = p.distance;
        truth_of_track[p.track] = static_cast<int>(p.truth);
      }
    }
    std::vector<int> nearest_track(frame.truths.size(), -1);
    std::vector<double> nearest_distance(frame.truths.size(), 0.0);
    std::vector<std::size_t> tracks_per_truth(frame.truths.size(), 0);
    for (std::size_t j = 0; j < frame.tracks.size(); ++j) {
      track_ids.insert(frame.tracks[j].id);
      ++track_reports;
      const int i = truth_of_track[j];
      if (i < 0) {
        ++unassociated_reports;
        continue;
      }
      associated_track_ids.insert(frame.tracks[j].id);
      const auto ti = static_cast<std::size_t>(i);
      ++tracks_per_truth[ti];
      if (nearest_track[ti] < 0 || best[j] < nearest_distance[ti]) {
        nearest_track[ti] = static_cast<int>(j);
        nearest_distance[ti] = best[j];
      }
      const ObjectState& truth = frame.truths[ti];
      const ObjectState& track = frame.tracks[j];
      const Eigen::Vector3d error = track.position_m - truth.position_m;
      const double h2 = error.head<2>().squaredNorm();
      const double v2 = error.z() * error.z();
      Eigen::Vector3d velocity_error = track.velocity_mps - truth.velocity_mps;
      if (horizontal) velocity_error.z() = 0.0;
      sq_horizontal += h2;
      if (truth.in_coverage) {
        sq_horizontal_covered += h2;
        ++covered_error_pairs;
      }
      sq_vertical += v2;
      sq_velocity += velocity_error.squaredNorm();
      ++error_pairs;
      TargetAccumulator& target = targets[truth.id];
      target.sum_sq_horizontal += h2;
      target.sum_sq_vertical += v2;
      ++target.error_samples;
    }

    // Per truth: coverage, tracking, switches, segments, updates.
    for (std::size_t i = 0; i < frame.truths.size(); ++i) {
      const ObjectState& truth = frame.truths[i];
      TargetAccumulator& target = targets[truth.id];
      TargetScore& t = target.score;
      t.id = truth.id;
      ++t.frames;
      const std::int64_t nearest =
          nearest_track[i] < 0 ? -1 : frame.tracks[static_cast<std::size_t>(nearest_track[i])].id;
      t.timeline.emplace_back(frame.time_s, nearest);
      if (assigned_track[i] >= 0) {
        const std::int64_t id = frame.tracks[static_cast<std::size_t>(assigned_track[i])].id;
        if (target.last_assigned >= 0 && id != target.last_assigned) ++t.track_switches;
        target.last_assigned = id;
      }
      if (nearest >= 0) {
        if (target.last_nearest >= 0 && nearest != target.last_nearest) ++t.track_number_changes;
        target.last_nearest = nearest;
      }
      if (!truth.in_coverage) continue;
      ++t.frames_in_coverage;
      ++in_coverage;
      if (std::isnan(target.first_coverage)) target.first_coverage = frame.time_s;
      target.last_coverage = frame.time_s;
      // Segments: the longest stretch of consecutive in-coverage frames with one nearest track.
      if (nearest >= 0 && nearest == target.run_track) {
        target.run_end = frame.time_s;
      } else {
        target.run_track = nearest;
        target.run_start = target.run_end = frame.time_s;
      }
      if (nearest >= 0) {
        target.longest_run = std::max(target.longest_run, target.run_end - target.run_start);
      }
      if (nearest < 0) continue;
      const Eigen::Vector3d error =
          track_positions[static_cast<std::size_t>(nearest_track[i])] - truth_positions[i];
      t.squared_errors.emplace_back(frame.time_s, error.squaredNorm());
      ++t.frames_tracked;
      ++tracked;
      ambiguous_tracks += tracks_per_truth[i];
      if (std::isnan(t.time_to_confirm_s))
        t.time_to_confirm_s = frame.time_s - target.first_coverage;
      if (frame.tracks[static_cast<std::size_t>(nearest_track[i])].coasting) continue;
      ++updated;
      if (!std::isnan(target.last_update)) {
        ++summary.update_gaps;
        if (frame.time_s - target.last_update > config.requirements.gap_s) ++long_gaps;
      }
      target.last_update = frame.time_s;
    }
  }

  const auto frames = static_cast<double>(summary.frames.size());
  if (frames > 0) {
    summary.gospa_mean = sum_gospa / frames;
    summary.ospa_mean = sum_ospa / frames;
    summary.missed_mean = static_cast<double>(sum_missed) / frames;
    summary.false_mean = static_cast<double>(sum_false) / frames;
  }
  if (sum_assigned > 0) {
    summary.gospa_loc_rms_m =
        std::pow(sum_loc / static_cast<double>(sum_assigned), 1.0 / config.gospa.order);
  }
  summary.completeness = ratio(static_cast<double>(tracked), static_cast<double>(in_coverage));
  summary.ambiguity = ratio(static_cast<double>(ambiguous_tracks), static_cast<double>(tracked));
  summary.spuriousness =
      ratio(static_cast<double>(unassociated_reports), static_cast<double>(track_reports));
  summary.probability_of_update =
      ratio(static_cast<double>(updated), static_cast<double>(in_coverage));
  summary.gap_probability =
      ratio(static_cast<double>(long_gaps), static_cast<double>(summary.update_gaps));
  if (error_pairs > 0) {
    const auto n = static_cast<double>(error_pairs);
    summary.rms_horizontal_m = std::sqrt(sq_horizontal / n);
    summary.rms_vertical_m = horizontal ? kNotApplicable : std::sqrt(sq_vertical / n);
    summary.rms_velocity_mps = std::sqrt(sq_velocity / n);
  }
  if (covered_error_pairs > 0) {
    summary.rms_horizontal_in_coverage_m =
        std::sqrt(sq_horizontal_covered / static_cast<double>(covered_error_pairs));
  }
  summary.track_ids = track_ids.size();
  summary.truth_ids = targets.size();
  summary.false_track_ids = track_ids.size() - associated_track_ids.size();

  double segment_sum = 0.0, confirm_sum = 0.0;
  std::size_t segment_count = 0, confirm_count = 0;
  for (auto& [id, target] : targets) {
    TargetScore& t = target.score;
    if (target.error_samples > 0) {
      const auto n = static_cast<double>(target.error_samples);
      t.rms_horizontal_m = std::sqrt(target.sum_sq_horizontal / n);
      t.rms_vertical_m = horizontal ? kNotApplicable : std::sqrt(target.sum_sq_vertical / n);
    }
    const double covered = target.last_coverage - target.first_coverage;
    if (!std::isnan(covered) && covered > 0.0) {
      t.longest_segment_fraction = std::min(1.0, target.longest_run / covered);
      segment_sum += t.longest_segment_fraction;
      ++segment_count;
    }
    if (!std::isnan(t.time_to_confirm_s)) {
      confirm_sum += t.time_to_confirm_s;
      ++confirm_count;
    }
    summary.track_switches += t.track_switches;
    summary.track_number_changes += t.track_number_changes;
    summary.targets.push_back(std::move(t));
  }
  summary.longest_segment_mean = ratio(segment_sum, static_cast<double>(segment_count));
  summary.time_to_confirm_mean_s = ratio(confirm_sum, static_cast<double>(confirm_count));

  const RequirementThresholds& r = config.requirements;
  summary.requirements = {
      {"probability_of_update",
       "Probability of update: in-coverage target-reports with an updated track",
       summary.probability_of_update, r.probability_of_update_min, true},
      {"rms_horizontal_m", "RMS horizontal position error of associated tracks (m)",
       summary.rms_horizontal_m, r.rms_horizontal_max_m, false},
      {"gap_probability",
       "Probability that the interval between a target's updates exceeds " +
           std::to_string(r.gap_s).substr(0, std::to_string(r.gap_s).find('.') + 2) + " s",
       summary.gap_probability, r.gap_probability_max, false},
      {"false_track_rate", "False-track rate: track reports associated with no target",
       summary.spuriousness, r.false_track_rate_max, false},
  };
  return summary;
}

}  // namespace straja::evaluation
