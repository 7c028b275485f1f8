// The track-to-track fusion stage: who pairs with whom, what a fused track reports, and what
// becomes of partner-only tracks.

#include "tracking/fusion/track_fusion.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace straja::tracking {
namespace {

const geo::LocalFrame kFrame(geo::Geodetic{47.0, 28.8, 0.0});
constexpr SacSic kPartner{7, 9};
const Time kT0 = from_unix_seconds(1'780'308'000.0);

Covariance6 diagonal(double position_sigma_m, double velocity_sigma_mps) {
  Covariance6 p = Covariance6::Zero();
  const double ps = position_sigma_m * position_sigma_m;
  const double vs = velocity_sigma_mps * velocity_sigma_mps;
  p.diagonal() << ps, ps, ps, vs, vs, vs;
  return p;
}

TrackReport local_track(std::uint32_t id, double east_m, double north_m, Time at,
                        std::optional<IcaoAddress> icao = std::nullopt) {
  TrackReport r;
  r.time = at;
  r.id = TrackId{id};
  r.status = TrackStatus::kConfirmed;
  r.position = kFrame.to_geodetic(geo::Vec3(east_m, north_m, 9'000.0));
  r.velocity_enu_mps = geo::Vec3(200.0, 0.0, 0.0);
  r.icao = icao;
  r.covariance_enu = diagonal(100.0, 5.0);
  return r;
}

PartnerTrack partner_track(std::uint16_t number, double east_m, double north_m, Time at,
                           std::optional<IcaoAddress> icao = std::nullopt) {
  PartnerTrack t;
  t.key = {kPartner, number};
  t.time = at;
  t.position = kFrame.to_geodetic(geo::Vec3(east_m, north_m, 9'000.0));
  t.velocity_enu_mps = geo::Vec3(200.0, 0.0, 0.0);
  t.icao = icao;
  // More accurate in position, less in velocity than the local tracks: covariance intersection
  // takes something of each (of a uniformly better estimate it would take that one alone).
  t.covariance_enu = diagonal(60.0, 8.0);
  return t;
}

std::vector<TrackReport> fuse(TrackFusion& fusion, const std::vector<TrackReport>& local, Time at) {
  std::vector<TrackReport> out;
  fusion.fuse(local, at, out);
  return out;
}

bool lists_partner(const TrackReport& r) {
  return std::find(r.partners.begin(), r.partners.end(), kPartner) != r.partners.end();
}

TEST(TrackFusion, ColocatedTracksFuseAndListThePartner) {
  TrackFusion fusion({}, kFrame);
  fusion.add(partner_track(5, 120.0, -80.0, kT0));
  const auto out = fuse(fusion, {local_track(1, 0.0, 0.0, kT0)}, kT0);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].id.value, 1u);
  EXPECT_TRUE(lists_partner(out[0]));
  ASSERT_TRUE(out[0].covariance_enu);
  EXPECT_LE(out[0].covariance_enu->trace(),
            std::min(diagonal(100.0, 5.0).trace(), diagonal(60.0, 8.0).trace()));
  // Between the two.
  const geo::Vec3 fused = kFrame.to_enu(out[0].position);
  EXPECT_GT(fused.x(), 0.0);
  EXPECT_LT(fused.x(), 120.0);
  EXPECT_EQ(fusion.statistics().fused_by_gate, 1u);
}

TEST(TrackFusion, DifferentAddressesNeverFuse) {
  TrackFusion fusion({}, kFrame);
  fusion.add(partner_track(5, 0.0, 0.0, kT0, IcaoAddress{0xABC001}));
  const auto out = fuse(fusion, {local_track(1, 0.0, 0.0, kT0, IcaoAddress{0xABC002})}, kT0);
  ASSERT_EQ(out.size(), 2u);  // the same place, two aircraft
  EXPECT_FALSE(lists_partner(out[0]));
  EXPECT_TRUE(lists_partner(out[1]));
  EXPECT_EQ(out[1].icao, IcaoAddress{0xABC001});
}

TEST(TrackFusion, TheSameAddressFusesBeyondTheGate) {
  TrackFusion fusion({}, kFrame);
  fusion.add(partner_track(5, 5'000.0, 0.0, kT0, IcaoAddress{0xABC001}));
  const auto out = fuse(fusion, {local_track(1, 0.0, 0.0, kT0, IcaoAddress{0xABC001})}, kT0);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(lists_partner(out[0]));
  EXPECT_EQ(fusion.statistics().fused_by_address, 1u);
}

TEST(TrackFusion, IdentityTheLocalTrackLacksComesFromThePartner) {
  TrackFusion fusion({}, kFrame);
  PartnerTrack p = partner_track(5, 0.0, 0.0, kT0, IcaoAddress{0xABC001});
  p.callsign = "ROT601";
  p.mode3a = Mode3A{01234};
  fusion.add(p);
  const auto out = fuse(fusion, {local_track(1, 50.0, 0.0, kT0)}, kT0);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].icao, IcaoAddress{0xABC001});
  EXPECT_EQ(out[0].callsign, "ROT601");
  EXPECT_EQ(out[0].mode3a, Mode3A{01234});
}

TEST(TrackFusion, PartnerOnlyTracksKeepTheirOwnNumbers) {
  TrackFusionConfig config;
  TrackFusion fusion(config, kFrame);
  fusion.add(partner_track(5, 50'000.0, 0.0, kT0));
  fusion.add(partner_track(6, -50'000.0, 0.0, kT0));
  const auto first = fuse(fusion, {local_track(1, 0.0, 0.0, kT0)}, kT0);
  ASSERT_EQ(first.size(), 3u);
  EXPECT_GE(first[1].id.value, config.partner_track_id_base);
  EXPECT_NE(first[1].id.value, first[2].id.value);
  // Four seconds later, predicted 800 m east, the same numbers.
  const Time t1 = kT0 + from_seconds(4.0);
  const auto second = fuse(fusion, {local_track(1, 800.0, 0.0, t1)}, t1);
  ASSERT_EQ(second.size(), 3u);
  EXPECT_EQ(second[1].id, first[1].id);
  EXPECT_EQ(second[2].id, first[2].id);
  EXPECT_NEAR(kFrame.to_enu(second[1].position).x(), 50'800.0, 1.0);
}

TEST(TrackFusion, StalePartnerTracksAreDropped) {
  TrackFusionConfig config;
  config.max_partner_age_s = 10.0;
  TrackFusion fusion(config, kFrame);
  fusion.add(partner_track(5, 50'000.0, 0.0, kT0));
  const Time later = kT0 + from_seconds(11.0);
  EXPECT_EQ(fuse(fusion, {}, later).size(), 0u);
  EXPECT_EQ(fusion.statistics().partner_tracks_dropped, 1u);
  // Far ahead of the output time (a live feed ahead of ours): not predicted back either.
  fusion.add(partner_track(6, 50'000.0, 0.0, later + from_seconds(30.0)));
  EXPECT_EQ(fuse(fusion, {}, later).size(), 0u);
}

TEST(TrackFusion, APairingIsKeptWhileInsideTheGate) {
  TrackFusion fusion({}, kFrame);
  fusion.add(partner_track(5, 0.0, 0.0, kT0));
  ASSERT_EQ(fuse(fusion, {local_track(1, 0.0, 0.0, kT0)}, kT0).size(), 1u);
  // Partner track 5 drifts 300 m off; a new partner track 6 appears 20 m from the local
  // track. Both are inside the gate: the pairing with 5 is kept, 6 stays on its own.
  const Time t1 = kT0 + from_seconds(4.0);
  fusion.add(partner_track(5, 800.0 + 300.0, 0.0, t1));
  fusion.add(partner_track(6, 800.0 + 20.0, 0.0, t1));
  const auto out = fuse(fusion, {local_track(1, 800.0, 0.0, t1)}, t1);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(fusion.statistics().fused_kept, 1u);
  EXPECT_GT(kFrame.to_enu(out[0].position).x(), 800.0 + 20.0);  // pulled towards 5
}

TEST(TrackFusion, OptimalAssignmentInACluster) {
  // Two local and two partner tracks 400 m apart in a row, each partner nearer its own local
  // track but gated with both: the assignment pairs each with its own.
  TrackFusion fusion({}, kFrame);
  fusion.add(partner_track(5, 50.0, 0.0, kT0));
  fusion.add(partner_track(6, 450.0, 0.0, kT0));
  const auto out =
      fuse(fusion, {local_track(1, 0.0, 0.0, kT0), local_track(2, 400.0, 0.0, kT0)}, kT0);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_TRUE(lists_partner(out[0]));
  EXPECT_TRUE(lists_partner(out[1]));
  EXPECT_LT(kFrame.to_enu(out[0].position).x(), 50.0);
  EXPECT_GT(kFrame.to_enu(out[1].position).x(), 400.0);
}

TEST(TrackFusion, AnEndedPartnerTrackIsForgotten) {
  TrackFusion fusion({}, kFrame);
  fusion.add(partner_track(5, 50'000.0, 0.0, kT0));
  PartnerTrack ended = partner_track(5, 50'000.0, 0.0, kT0);
  ended.last_message = true;
  fusion.add(ended);
  EXPECT_EQ(fuse(fusion, {}, kT0).size(), 0u);
}

}  // namespace
}  // namespace straja::tracking
