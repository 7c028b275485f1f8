#pragma once
// Track-to-track fusion of the local picture with partner systems' tracks (docs/formats/
// partner-tracks.md). At each output time:
//  1. every partner track is predicted to the output time (nearly-constant velocity); one
//     further than `max_partner_age_s` from it, ended by its partner (I062/080 TSE) or tentative
//     there (I062/080 CNF: not yet a track for its own system) is dropped;
//  2. partner systems are taken one at a time (by SAC/SIC); the confirmed and coasting system
//     tracks so far (the local tracks, then what earlier partners added; a tentative track may
//     be clutter and takes no part) are associated with that partner's tracks:
//     the same 24-bit address pairs at once, two different addresses never pair; a pairing of
//     the last output time is kept while it stays inside the gate; the rest are paired by
//     optimal assignment (tracking/association/assignment.h, per cluster of gated pairs) on the
//     chi-square distance of the horizontal positions, S = P_system + P_partner + offset^2 I,
//     against a "not paired" cost equal to the gate;
//  3. each pair is fused by covariance intersection (covariance_intersection.h) over the six
//     kinematic components, in the system ENU frame; identity the system track lacks is taken
//     from the partner's;
//  4. a partner track left unpaired (and not coasting) becomes a system track of its own, with a
//     track number of its own (from `partner_track_id_base` up, kept while the partner keeps
//     the track).
// Every system track lists the partner systems that contributed (TrackReport::partners).

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include "geo/geodetic.h"
#include "report/air_picture.h"
#include "report/partner_track.h"
#include "tracking/association/assignment.h"
#include "tracking/association/plot_grid.h"
#include "tracking/fusion/covariance_intersection.h"
#include "tracking/models/constant_velocity.h"

namespace straja::tracking {

struct TrackFusionConfig {
  /// Chi-square gate on the 2-component horizontal position difference: 13.82, the 0.999
  /// quantile (-2 ln 0.001).
  double gate_chi2 = 13.815510557964274;
  /// Added to each horizontal axis of the gate's S, m: the offset two systems' pictures may
  /// have beyond their stated accuracies (registration residuals, a manoeuvre one filter has
  /// not followed yet). The fusion itself uses the stated covariances.
  double gate_offset_sigma_m = 300.0;
  /// A coasting partner track (I062/080 CST) fuses with a system track but does not become one
  /// of its own: a track its own system no longer updates is not started on in ours.
  bool partner_only_when_coasting = false;
  /// A partner track whose estimate is further than this from the output time (older, or
  /// newer: a live feed ahead of ours) is dropped.
  double max_partner_age_s = 20.0;
  /// Process noise of the partner tracks' prediction to the output time, m^2/s^3.
  ConstantVelocityModel prediction{1.0, 0.1};
  CiCriterion criterion = CiCriterion::kTrace;
  /// Track numbers of partner-only system tracks count up from here (the tracker's numbers
  /// count up from 1).
  std::uint32_t partner_track_id_base = 1'000'000;
  /// The covariance of a local track that reports none (the tracker's bench modes).
  PartnerAccuracyDefaults local_defaults{};
};

struct TrackFusionStatistics {
  std::uint64_t partner_updates = 0;         ///< partner tracks received
  std::uint64_t fused_by_address = 0;        ///< pairs fused, by kind of pairing, summed
  std::uint64_t fused_kept = 0;              ///<   over output times
  std::uint64_t fused_by_gate = 0;           ///<
  std::uint64_t partner_only_reports = 0;    ///< partner-only system tracks reported
  std::uint64_t partner_tracks_dropped = 0;  ///< too old, ended or tentative
};

class TrackFusion {
 public:
  /// `system_frame`: the plane the fusion computes in (the tracker's system frame).
  TrackFusion(TrackFusionConfig config, const geo::LocalFrame& system_frame);

  /// The latest state of a partner track (replaces the one before for its key; an ended or
  /// tentative track is forgotten).
  void add(const PartnerTrack& track);

  /// The system picture at `at`: `local` (the local tracker's reports at `at`) fused with every
  /// partner track held, into `out` (cleared first).
  void fuse(std::span<const TrackReport> local, Time at, std::vector<TrackReport>& out);

  const TrackFusionStatistics& statistics() const { return statistics_; }
  std::size_t partner_tracks() const { return partners_.size(); }

 private:
  /// A system track or a partner track in the system ENU frame.
  struct State {
    Vector6 mean;
    Matrix6 covariance;
  };
  void fuse_partner(SacSic source, std::span<const std::size_t> partner_indices, Time at,
                    std::vector<TrackReport>& system, std::vector<State>& states);
  State to_system(const TrackReport& report) const;
  double offset_variance() const {
    return config_.gate_offset_sigma_m * config_.gate_offset_sigma_m;
  }
  State predicted(const PartnerTrack& track, Time at) const;
  void to_report(const State& state, TrackReport& report) const;
  /// Chi-square distance of the horizontal positions (infinity: different addresses).
  double distance(const State& a, const std::optional<IcaoAddress>& icao_a, const State& b,
                  const std::optional<IcaoAddress>& icao_b) const;

  TrackFusionConfig config_;
  geo::LocalFrame system_frame_;
  std::map<PartnerTrackKey, PartnerTrack> partners_;
  std::map<PartnerTrackKey, std::uint32_t> paired_with_;  ///< last output's pairs: system id
  std::map<PartnerTrackKey, std::uint32_t> own_id_;       ///< partner-only system track numbers
  std::uint32_t next_own_id_;
  TrackFusionStatistics statistics_;

  // Per output time buffers.
  std::vector<State> partner_states_;
  std::vector<const PartnerTrack*> partner_tracks_;
  std::vector<Vec3> points_;
  PlotGrid grid_;
  std::vector<std::size_t> found_;
  AssignmentWorkspace workspace_;
  Assignment assignment_;
};

}  // namespace straja::tracking
