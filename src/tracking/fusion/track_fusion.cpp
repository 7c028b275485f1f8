#include "tracking/fusion/track_fusion.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "tracking/report_covariance.h"

namespace straja::tracking {
namespace {

/// The block rotation applying `r` to the position and to the velocity.
Matrix6 block_rotation(const Mat3& r) {
  Matrix6 b = Matrix6::Zero();
  b.topLeftCorner<3, 3>() = r;
  b.bottomRightCorner<3, 3>() = r;
  return b;
}

double horizontal_trace(const Matrix6& p) {
  return p(0, 0) + p(1, 1);
}

/// Union-find with path halving.
std::size_t find_root(std::vector<std::size_t>& parent, std::size_t i) {
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

}  // namespace

TrackFusion::TrackFusion(TrackFusionConfig config, const geo::LocalFrame& system_frame)
    : config_(config), system_frame_(system_frame), next_own_id_(config.partner_track_id_base) {}

void TrackFusion::add(const PartnerTrack& track) {
  ++statistics_.partner_updates;
  // An ended track, or a tentative one (not yet a track for its own system), is not used.
  if (track.last_message || track.status == TrackStatus::kTentative) {
    if (partners_.erase(track.key) > 0) ++statistics_.partner_tracks_dropped;
    paired_with_.erase(track.key);
    own_id_.erase(track.key);
    return;
  }
  const auto [entry, added] = partners_.try_emplace(track.key, track);
  if (!added && entry->second.time <= track.time) entry->second = track;
}

TrackFusion::State TrackFusion::to_system(const TrackReport& report) const {
  const geo::LocalFrame local(report.position);
  // Local-ENU vectors to system ENU: the transpose of the system-to-local rotation.
  const Mat3 to_system_rotation = system_to_local_rotation(system_frame_, local).transpose();
  State s;
  s.mean.head<3>() = system_frame_.to_enu(report.position);
  s.mean.tail<3>() = to_system_rotation * report.velocity_enu_mps;
  const Matrix6 p_local =
      report.covariance_enu
          ? *report.covariance_enu
          : partner_covariance(std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                               std::nullopt, PartnerHeightSource::kGeometric,
                               config_.local_defaults);
  const Matrix6 r = block_rotation(to_system_rotation);
  s.covariance = r * p_local * r.transpose();
  return s;
}

TrackFusion::State TrackFusion::predicted(const PartnerTrack& track, Time at) const {
  TrackReport as_report;
  as_report.position = track.position;
  as_report.velocity_enu_mps = track.velocity_enu_mps;
  as_report.covariance_enu = track.covariance_enu;
  State s = to_system(as_report);
  const double dt = to_seconds(at - track.time);
  const Matrix6 f = config_.prediction.transition(dt);
  s.mean = f * s.mean;
  s.covariance = f * s.covariance * f.transpose() + config_.prediction.process_noise(dt);
  return s;
}

void TrackFusion::to_report(const State& state, TrackReport& report) const {
  report.position = system_frame_.to_geodetic(state.mean.head<3>());
  const geo::LocalFrame local(report.position);
  const Mat3 r = system_to_local_rotation(system_frame_, local);
  report.velocity_enu_mps = r * state.mean.tail<3>();
  const Matrix6 rb = block_rotation(r);
  report.covariance_enu = rb * state.covariance * rb.transpose();
}

double TrackFusion::distance(const State& a, const std::optional<IcaoAddress>& icao_a,
                             const State& b, const std::optional<IcaoAddress>& icao_b) const {
  if (icao_a && icao_b && *icao_a != *icao_b) return kForbidden;
  const Eigen::Matrix2d s = a.covariance.topLeftCorner<2, 2>() +
                            b.covariance.topLeftCorner<2, 2>() +
                            Eigen::Matrix2d::Identity() * offset_variance();
  const Eigen::Vector2d d = a.mean.head<2>() - b.mean.head<2>();
  const double det = s(0, 0) * s(1, 1) - s(0, 1) * s(1, 0);
  if (!(det > 0.0)) return kForbidden;
  // d' S^-1 d with the 2x2 inverse in closed form.
  return (s(1, 1) * d.x() * d.x() - 2.0 * s(0, 1) * d.x() * d.y() + s(0, 0) * d.y() * d.y()) / det;
}

void TrackFusion::fuse(std::span<const TrackReport> local, Time at, std::vector<TrackReport>& out) {
  out.assign(local.begin(), local.end());
  for (TrackReport& report : out) report.partners.clear();
  std::vector<State> states;
  states.reserve(out.size());
  for (const TrackReport& report : out) states.push_back(to_system(report));

  // Drop stale partner tracks, then predict the rest (grouped by partner: the map is ordered by
  // SAC/SIC first).
  for (auto it = partners_.begin(); it != partners_.end();) {
    if (std::abs(to_seconds(at - it->second.time)) > config_.max_partner_age_s) {
      paired_with_.erase(it->first);
      own_id_.erase(it->first);
      it = partners_.erase(it);
      ++statistics_.partner_tracks_dropped;
    } else {
      ++it;
    }
  }
  partner_tracks_.clear();
  partner_states_.clear();
  for (const auto& [key, track] : partners_) {
    partner_tracks_.push_back(&track);
    partner_states_.push_back(predicted(track, at));
  }
  std::vector<std::size_t> group;
  for (std::size_t j = 0; j < partner_tracks_.size();) {
    const SacSic source = partner_tracks_[j]->key.source;
    group.clear();
    for (; j < partner_tracks_.size() && partner_tracks_[j]->key.source == source; ++j) {
      group.push_back(j);
    }
    fuse_partner(source, group, at, out, states);
  }
}

void TrackFusion::fuse_partner(SacSic source, std::span<const std::size_t> partner_indices, Time at,
                               std::vector<TrackReport>& system, std::vector<State>& states) {
  const std::size_t n = system.size();
  const std::size_t m = partner_indices.size();
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  // A tentative system track takes no part: it may well be clutter, and a partner track near
  // it must not be taken from the confirmed track of its target.
  constexpr std::size_t kExcluded = static_cast<std::size_t>(-2);
  std::vector<std::size_t> partner_of(n, kNone);  // system track -> position in the group
  for (std::size_t i = 0; i < n; ++i) {
    if (system[i].status == TrackStatus::kTentative) partner_of[i] = kExcluded;
  }
  std::vector<std::size_t> system_of(m, kNone);
  auto pair = [&](std::size_t i, std::size_t k) {
    partner_of[i] = k;
    system_of[k] = i;
  };
  auto partner = [&](std::size_t k) -> const PartnerTrack& {
    return *partner_tracks_[partner_indices[k]];
  };
  auto partner_state = [&](std::size_t k) -> const State& {
    return partner_states_[partner_indices[k]];
  };

  // 1. The same address: one aircraft.
  std::unordered_map<std::uint32_t, std::size_t> by_address;
  std::unordered_map<std::uint32_t, std::size_t> by_id;
  for (std::size_t i = 0; i < n; ++i) {
    if (system[i].icao && partner_of[i] == kNone) by_address.try_emplace(system[i].icao->value, i);
    by_id.try_emplace(system[i].id.value, i);
  }
  for (std::size_t k = 0; k < m; ++k) {
    if (!partner(k).icao) continue;
    const auto found = by_address.find(partner(k).icao->value);
    if (found != by_address.end() && partner_of[found->second] == kNone) {
      pair(found->second, k);
      ++statistics_.fused_by_address;
    }
  }
  // 2. Last output's pairs, while inside the gate.
  for (std::size_t k = 0; k < m; ++k) {
    if (system_of[k] != kNone) continue;
    const auto before = paired_with_.find(partner(k).key);
    if (before == paired_with_.end()) continue;
    const auto found = by_id.find(before->second);
    if (found == by_id.end() || partner_of[found->second] != kNone) continue;
    const std::size_t i = found->second;
    if (distance(states[i], system[i].icao, partner_state(k), partner(k).icao) <=
        config_.gate_chi2) {
      pair(i, k);
      ++statistics_.fused_kept;
    }
  }
  // 3. The rest: gated pairs, clusters, optimal assignment.
  points_.clear();
  double max_partner_trace = 0.0;
  for (std::size_t k = 0; k < m; ++k) {
    const State& s = partner_state(k);
    points_.push_back(Vec3(s.mean.x(), s.mean.y(), 0.0));
    if (system_of[k] == kNone) {
      max_partner_trace = std::max(max_partner_trace, horizontal_trace(s.covariance));
    }
  }
  struct Edge {
    std::size_t i;
    std::size_t k;
    double d2;
  };
  std::vector<Edge> edges;
  if (m > 0) {
    grid_.build(points_,
                2.0 * std::sqrt(config_.gate_chi2 * (max_partner_trace + offset_variance())) + 1.0);
    for (std::size_t i = 0; i < n; ++i) {
      if (partner_of[i] != kNone) continue;
      // d' S^-1 d <= gate implies |d|^2 <= gate lambda_max(S) <= gate trace(S).
      const double radius =
          std::sqrt(config_.gate_chi2 * (horizontal_trace(states[i].covariance) +
                                         max_partner_trace + 2.0 * offset_variance()));
      found_.clear();
      grid_.query(Vec3(states[i].mean.x(), states[i].mean.y(), 0.0), radius, found_);
      for (const std::size_t k : found_) {
        if (system_of[k] != kNone) continue;
        const double d2 = distance(states[i], system[i].icao, partner_state(k), partner(k).icao);
        if (d2 <= config_.gate_chi2) edges.push_back({i, k, d2});
      }
    }
  }
  // Clusters of gated pairs (nodes: system tracks 0..n-1, partner tracks n..n+m-1).
  std::vector<std::size_t> parent(n + m);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  for (const Edge& e : edges) parent[find_root(parent, e.i)] = find_root(parent, n + e.k);
  std::sort(edges.begin(), edges.end(), [&](const Edge& a, const Edge& b) {
    const std::size_t ra = find_root(parent, a.i);
    const std::size_t rb = find_root(parent, b.i);
    return ra != rb ? ra < rb : a.i != b.i ? a.i < b.i : a.k < b.k;
  });
  std::vector<std::size_t> rows, columns;
  for (std::size_t begin = 0; begin < edges.size();) {
    const std::size_t root = find_root(parent, edges[begin].i);
    std::size_t end = begin;
    while (end < edges.size() && find_root(parent, edges[end].i) == root) ++end;
    if (end - begin == 1) {  // one gated pair: nothing competes
      pair(edges[begin].i, edges[begin].k);
      ++statistics_.fused_by_gate;
      begin = end;
      continue;
    }
    rows.clear();
    columns.clear();
    for (std::size_t e = begin; e < end; ++e) {
      if (rows.empty() || rows.back() != edges[e].i) rows.push_back(edges[e].i);
      columns.push_back(edges[e].k);
    }
    std::sort(columns.begin(), columns.end());
    columns.erase(std::unique(columns.begin(), columns.end()), columns.end());
    // Columns: the cluster's partner tracks, then one "not paired" column per row.
    Eigen::MatrixXd cost = Eigen::MatrixXd::Constant(
        static_cast<Eigen::Index>(rows.size()),
        static_cast<Eigen::Index>(columns.size() + rows.size()), kForbidden);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      cost(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(columns.size() + r)) =
          config_.gate_chi2;
    }
    for (std::size_t e = begin; e < end; ++e) {
      const auto r = std::find(rows.begin(), rows.end(), edges[e].i) - rows.begin();
      const auto c = std::lower_bound(columns.begin(), columns.end(), edges[e].k) - columns.begin();
      cost(r, c) = edges[e].d2;
    }
    solve_assignment(cost, workspace_, assignment_);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const int c = assignment_.column_of_row[r];
      if (c >= 0 && static_cast<std::size_t>(c) < columns.size()) {
        pair(rows[r], columns[static_cast<std::size_t>(c)]);
        ++statistics_.fused_by_gate;
      }
    }
    begin = end;
  }

  // Fuse the pairs.
  for (std::size_t i = 0; i < n; ++i) {
    if (partner_of[i] == kNone || partner_of[i] == kExcluded) continue;
    const std::size_t k = partner_of[i];
    const PartnerTrack& p = partner(k);
    const State& ps = partner_state(k);
    const CiEstimate fused = covariance_intersection(states[i].mean, states[i].covariance, ps.mean,
                                                     ps.covariance, config_.criterion);
    states[i] = {fused.mean, fused.covariance};
    TrackReport& report = system[i];
    to_report(states[i], report);
    if (!report.icao) report.icao = p.icao;
    if (report.callsign.empty()) report.callsign = p.callsign;
    if (!report.mode3a) report.mode3a = p.mode3a;
    report.partners.push_back(source);
    paired_with_[p.key] = report.id.value;
  }
  // Partner-only tracks become system tracks of their own.
  for (std::size_t k = 0; k < m; ++k) {
    if (system_of[k] != kNone) continue;
    const PartnerTrack& p = partner(k);
    paired_with_.erase(p.key);
    if (p.status == TrackStatus::kCoasting && !config_.partner_only_when_coasting) continue;
    const auto [own, added] = own_id_.try_emplace(p.key, next_own_id_);
    if (added) ++next_own_id_;
    TrackReport report;
    report.time = at;
    report.id = TrackId{own->second};
    report.status = p.status;
    report.icao = p.icao;
    report.callsign = p.callsign;
    report.mode3a = p.mode3a;
    report.partners.push_back(source);
    to_report(partner_state(k), report);
    system.push_back(std::move(report));
    states.push_back(partner_state(k));
    ++statistics_.partner_only_reports;
  }
}

}  // namespace straja::tracking
