// Partner tracks read back from records our own CAT062 writer (SystemTrackEncoder) wrote.

#include "asterix/partner_tracks.h"

#include <gtest/gtest.h>

#include <Eigen/Cholesky>

#include "asterix/stream_decoder.h"
#include "asterix/system_tracks.h"
#include "core/units.h"

namespace straja::asterix {
namespace {

constexpr SacSic kPartnerSdps{7, 9};
const geo::Geodetic kOrigin{47.0, 28.8, 0.0};

TrackReport report_with_covariance() {
  TrackReport r;
  r.id = TrackId{42};
  r.status = TrackStatus::kCoasting;
  r.position = {47.2, 28.5, 10'000.0};
  r.velocity_enu_mps = geo::Vec3(200.0, -50.0, 0.0);
  r.icao = IcaoAddress{0x4B1816};
  r.callsign = "THY3KL";
  r.mode3a = Mode3A{04621};
  Covariance6 p = Covariance6::Zero();
  p.diagonal() << 80.0 * 80.0, 60.0 * 60.0, 40.0 * 40.0, 3.0 * 3.0, 2.0 * 2.0, 1.0;
  p(0, 1) = p(1, 0) = 1'200.0;
  r.covariance_enu = p;
  return r;
}

/// The partner tracks of one output time written by SystemTrackEncoder.
std::vector<PartnerTrack> round_trip(const std::vector<TrackReport>& reports, Time at,
                                     PartnerTrackCounts* counts = nullptr) {
  SystemTrackSettings settings;
  settings.sdps = kPartnerSdps;
  SystemTrackEncoder encoder(settings, geo::LocalFrame(kOrigin), SensorRegistry{});
  EncodedRecords tracks, status;
  encoder.encode(reports, at, tracks, status);
  std::vector<DataBlock> blocks;
  pack_blocks(tracks, 65'535, blocks);
  pack_blocks(status, 65'535, blocks);
  PartnerTrackExtractor extractor(date_of(at));
  StreamDecoder decoder{EditionSelector{}};
  std::vector<PartnerTrack> out;
  for (const DataBlock& block : blocks) {
    decoder.decode(
        block.octets, 0,
        [&](const RecordView& record, std::optional<SacSic> source, std::size_t, std::size_t) {
          if (auto track = extractor.extract(record, source)) out.push_back(*track);
        },
        [](const DecodeError& error) { ADD_FAILURE() << error.describe(); });
  }
  if (counts) *counts = extractor.counts();
  return out;
}

TEST(PartnerTracks, ReadsBackWhatTheSystemTrackWriterWrote) {
  const Time at = from_unix_seconds(1'780'308'120.5);
  PartnerTrackCounts counts;
  const auto tracks = round_trip({report_with_covariance()}, at, &counts);
  ASSERT_EQ(tracks.size(), 1u);
  EXPECT_EQ(counts.records, 1u);  // the CAT065 end of batch is not a CAT062 record
  EXPECT_EQ(counts.malformed, 0u);
  const PartnerTrack& t = tracks[0];
  EXPECT_EQ(t.key.source, kPartnerSdps);
  EXPECT_EQ(t.key.track_number, 42);
  EXPECT_EQ(t.time, at);
  EXPECT_NEAR(t.position.lat_deg, 47.2, 1e-5);
  EXPECT_NEAR(t.position.lon_deg, 28.5, 1e-5);
  EXPECT_NEAR(t.position.height_m, 10'000.0, 1.0);  // I130, 6.25 ft
  EXPECT_NEAR(t.velocity_enu_mps.x(), 200.0, 0.125);
  EXPECT_NEAR(t.velocity_enu_mps.y(), -50.0, 0.125);
  EXPECT_EQ(t.status, TrackStatus::kCoasting);
  ASSERT_TRUE(t.icao);
  EXPECT_EQ(t.icao->value, 0x4B1816u);
  EXPECT_EQ(t.callsign, "THY3KL");
  ASSERT_TRUE(t.mode3a);
  EXPECT_EQ(t.mode3a->value, 04621);
  EXPECT_TRUE(t.accuracy_reported);
  const Covariance6& p = t.covariance_enu;
  EXPECT_NEAR(std::sqrt(p(0, 0)), 80.0, 0.25);
  EXPECT_NEAR(std::sqrt(p(1, 1)), 60.0, 0.25);
  EXPECT_NEAR(p(0, 1), 1'200.0, 20.0);  // sqrt(1200) = 34.6 m in 0.5 m steps
  EXPECT_NEAR(std::sqrt(p(2, 2)), 40.0, 6.25 * units::kFootM);
  EXPECT_NEAR(std::sqrt(p(3, 3)), 3.0, 0.125);
  EXPECT_NEAR(std::sqrt(p(4, 4)), 2.0, 0.125);
}

TEST(PartnerTracks, WithoutAccuraciesTheDefaultsApply) {
  TrackReport r = report_with_covariance();
  r.covariance_enu.reset();
  const auto tracks = round_trip({r}, from_unix_seconds(1'780'308'120.0));
  ASSERT_EQ(tracks.size(), 1u);
  const PartnerAccuracyDefaults defaults;
  EXPECT_FALSE(tracks[0].accuracy_reported);
  const Covariance6& p = tracks[0].covariance_enu;
  EXPECT_DOUBLE_EQ(p(0, 0), defaults.position_sigma_m * defaults.position_sigma_m);
  EXPECT_DOUBLE_EQ(p(0, 1), 0.0);
  EXPECT_DOUBLE_EQ(p(2, 2), defaults.height_sigma_m * defaults.height_sigma_m);
  EXPECT_DOUBLE_EQ(p(3, 3), defaults.velocity_sigma_mps * defaults.velocity_sigma_mps);
}

TEST(PartnerTracks, CovarianceIsAlwaysPositiveDefinite) {
  // A stated covariance larger than the sigmas allow, and zero sigmas.
  const Covariance6 p = partner_covariance(0.0, 10.0, 50.0, std::nullopt, 0.0, std::nullopt,
                                           PartnerHeightSource::kNone, PartnerAccuracyDefaults{});
  EXPECT_EQ(p.llt().info(), Eigen::Success);
  EXPECT_DOUBLE_EQ(p(2, 2), PartnerAccuracyDefaults{}.unknown_height_sigma_m *
                                PartnerAccuracyDefaults{}.unknown_height_sigma_m);
}

TEST(PartnerTracks, RecordsOfOtherCategoriesAreNotCounted) {
  Cat048Report report;
  report.data_source = {1, 2};
  report.time_of_day_s = 100.0;
  report.measured_position = PolarPosition{40.0, 90.0};
  std::vector<std::uint8_t> block = {48, 0, 0};
  append_cat048_record(report, block);
  block[2] = static_cast<std::uint8_t>(block.size());
  PartnerTrackExtractor extractor(Date{});
  StreamDecoder decoder{EditionSelector{}};
  decoder.decode(
      block, 0,
      [&](const RecordView& record, std::optional<SacSic> source, std::size_t, std::size_t) {
        EXPECT_FALSE(extractor.extract(record, source));
      },
      [](const DecodeError& error) { ADD_FAILURE() << error.describe(); });
  EXPECT_EQ(extractor.counts().records, 0u);
}

}  // namespace
}  // namespace straja::asterix
