// Times of day across midnight UTC: CAT048 and CAT021 carry only a time of day, which wraps at
// 24 h; the extractor keeps the plots' times monotonic into the next day.

#include "asterix/plot_extraction.h"

#include <gtest/gtest.h>

#include "asterix/stream_decoder.h"
#include "asterix/typed_writer.h"

namespace straja::asterix {
namespace {

using namespace std::chrono_literals;

constexpr SacSic kRadar{25, 3};
constexpr SacSic kStation{25, 11};

/// One data block of `category` around `record` (LEN filled in).
std::vector<std::uint8_t> block_of(std::uint8_t category, const std::vector<std::uint8_t>& record) {
  std::vector<std::uint8_t> block;
  block.reserve(3 + record.size());
  block.push_back(category);
  block.push_back(0);
  block.push_back(0);
  for (const std::uint8_t octet : record) block.push_back(octet);
  block[1] = static_cast<std::uint8_t>(block.size() >> 8);
  block[2] = static_cast<std::uint8_t>(block.size());
  return block;
}

/// A CAT048 SSR plot at 40 NM, 90 deg with FL 350, its I048/090 V (not validated) and G
/// (garbled) bits as given.
std::vector<std::uint8_t> cat048(double time_of_day_s, bool not_validated = false,
                                 bool garbled = false) {
  Cat048Report report;
  report.data_source = kRadar;
  report.time_of_day_s = time_of_day_s;
  report.detection_type = 5;
  report.measured_position = PolarPosition{40.0, 90.0};
  report.flight_level = FlightLevelReply{not_validated, garbled, 350.0};
  std::vector<std::uint8_t> record;
  append_cat048_record(report, record);
  return block_of(48, record);
}

std::vector<std::uint8_t> cat021(double time_of_day_s) {
  Cat021Report report;
  report.data_source = kStation;
  report.time_of_message_reception_position_s = time_of_day_s;
  report.latitude_deg = 47.0;
  report.longitude_deg = 28.8;
  report.flight_level = 350.0;
  std::vector<std::uint8_t> record;
  append_cat021_record(report, record);
  return block_of(21, record);
}

/// The plots the extractor makes of `blocks`, in order.
std::vector<SourcedPlot> plots_of(PlotExtractor& extractor,
                                  const std::vector<std::vector<std::uint8_t>>& blocks) {
  StreamDecoder decoder{EditionSelector{}};
  std::vector<SourcedPlot> plots;
  for (const auto& block : blocks) {
    decoder.decode(
        block, 0,
        [&](const RecordView& record, std::optional<SacSic> source, std::size_t, std::size_t) {
          if (auto plot = extractor.extract(record, source)) plots.push_back(*plot);
        },
        [](const DecodeError& error) { ADD_FAILURE() << error.describe(); });
  }
  return plots;
}

/// The times of the plots the extractor makes of `blocks`, in order.
std::vector<Time> plot_times(PlotExtractor& extractor,
                             const std::vector<std::vector<std::uint8_t>>& blocks) {
  std::vector<Time> times;
  for (const SourcedPlot& plot : plots_of(extractor, blocks)) times.push_back(plot.plot.time);
  return times;
}

TEST(PlotExtraction, ALiveStreamAcrossMidnightKeepsAMonotonicTime) {
  const Time midnight = *parse_iso8601("2026-06-02T00:00:00Z");
  // Started at 23:59:58; radar and ADS-B reports interleaved across 00:00.
  PlotExtractor extractor(midnight - 2s);
  const std::vector<Time> times =
      plot_times(extractor, {cat048(86'397.5), cat021(86'399.0), cat048(86'399.75), cat021(0.25),
                             cat048(1.0), cat021(2.0)});
  ASSERT_EQ(times.size(), 6u);
  EXPECT_EQ(times[0], midnight - 2500ms);
  EXPECT_EQ(times[2], midnight - 250ms);
  EXPECT_EQ(times[3], midnight + 250ms);
  EXPECT_EQ(times[5], midnight + 2s);
  for (std::size_t i = 1; i < times.size(); ++i) EXPECT_LT(times[i - 1], times[i]) << i;
}

TEST(PlotExtraction, ALiveStreamStartedJustAfterMidnightPlacesLateReportsTheDayBefore) {
  const Time midnight = *parse_iso8601("2026-06-02T00:00:00Z");
  // The clock has passed midnight; the first reports still carry 23:59:59.
  PlotExtractor extractor(midnight + 1s);
  const std::vector<Time> times = plot_times(extractor, {cat048(86'399.0), cat048(0.5)});
  ASSERT_EQ(times.size(), 2u);
  EXPECT_EQ(times[0], midnight - 1s);
  EXPECT_EQ(times[1], midnight + 500ms);
}

TEST(PlotExtraction, ARecordingStartsOnItsDate) {
  PlotExtractor extractor(date_of(*parse_iso8601("2026-06-01T00:00:00Z")));
  const std::vector<Time> times = plot_times(extractor, {cat048(86'399.0), cat048(0.5)});
  ASSERT_EQ(times.size(), 2u);
  EXPECT_EQ(times[0], *parse_iso8601("2026-06-01T23:59:59Z"));
  EXPECT_EQ(times[1], *parse_iso8601("2026-06-02T00:00:00.500Z"));
}

// A flight level whose reply is not validated or garbled is no altitude (CAT048 as CAT001).
TEST(PlotExtraction, ANotValidatedOrGarbledFlightLevelIsNoAltitude) {
  PlotExtractor extractor(date_of(*parse_iso8601("2026-06-01T00:00:00Z")));
  const std::vector<SourcedPlot> plots =
      plots_of(extractor, {cat048(100.0), cat048(101.0, true, false), cat048(102.0, false, true)});
  ASSERT_EQ(plots.size(), 3u);
  EXPECT_NEAR(plots[0].plot.alt_m, 35'000 * 0.3048, 1e-6);
  EXPECT_EQ(plots[0].plot.alt_kind, AltitudeKind::kBarometric);
  for (std::size_t i = 1; i < 3; ++i) {
    EXPECT_FALSE(measured(plots[i].plot.alt_m)) << i;
    EXPECT_NEAR(plots[i].plot.range_m, 40.0 * 1852.0, 1e-6) << "the position is still used";
  }
}

std::vector<std::uint8_t> time_octets(double time_of_day_s) {
  const auto units = static_cast<std::uint32_t>(time_of_day_s * 128.0);
  return {static_cast<std::uint8_t>(units >> 16), static_cast<std::uint8_t>(units >> 8),
          static_cast<std::uint8_t>(units)};
}

/// A CAT002 north marker of SAC/SIC 25/201 at `time_of_day_s`, rotation period 4.5 s.
std::vector<std::uint8_t> cat002_north_marker(double time_of_day_s) {
  std::vector<std::uint8_t> record = {0xD8, 25, 201, 1};  // I010, I000, I030, I041
  for (const std::uint8_t octet : time_octets(time_of_day_s)) record.push_back(octet);
  record.push_back(0x02);  // I041: 576 / 128 = 4.5 s
  record.push_back(0x40);
  return block_of(2, record);
}

/// A CAT001 plot (or, with `track`, a monoradar track report) of 25/201: SSR detection,
/// Mode 3/A 1234, FL 350, 100 NM at 45 deg, truncated time of day.
std::vector<std::uint8_t> cat001_report(double time_of_day_s, bool track = false) {
  // Plot UAP: I010 I020 I040 I070 I090 (I130 absent) I141 in the first FSPEC octet. Track UAP:
  // I010 I020 (I161) I040 (I042 I200) I070 | I090 I141.
  std::vector<std::uint8_t> record = track ? std::vector<std::uint8_t>{0xD3, 0xC0, 25, 201, 0xA0}
                                           : std::vector<std::uint8_t>{0xFA, 25, 201, 0x20};
  const std::uint16_t rho = 100 * 128;
  const std::uint16_t theta = 8192;  // 45 deg
  record.insert(record.end(),
                {static_cast<std::uint8_t>(rho >> 8), static_cast<std::uint8_t>(rho),
                 static_cast<std::uint8_t>(theta >> 8), static_cast<std::uint8_t>(theta)});
  record.insert(record.end(), {0x02, 0x9C});  // Mode 3/A 1234 octal = 0x29C
  const std::uint16_t level = 350 * 4;
  record.insert(record.end(),
                {static_cast<std::uint8_t>(level >> 8), static_cast<std::uint8_t>(level)});
  const auto truncated =
      static_cast<std::uint16_t>(static_cast<std::uint32_t>(time_of_day_s * 128.0) & 0xFFFFu);
  record.insert(record.end(),
                {static_cast<std::uint8_t>(truncated >> 8), static_cast<std::uint8_t>(truncated)});
  return block_of(1, record);
}

TEST(PlotExtraction, Cat001PlotsTakeTheirWholeTimeFromTheStationsCat002Messages) {
  const Date date = *parse_date("2026-06-01");
  PlotExtractor extractor(date);
  const double marker_s = 45'826.0;  // 12:43:46
  const auto plots =
      plots_of(extractor, {cat001_report(marker_s - 1.0), cat002_north_marker(marker_s),
                           cat001_report(marker_s + 1.5), cat001_report(marker_s + 2.25, true)});
  // The first plot has nothing to make its truncated time whole against: counted, skipped.
  EXPECT_EQ(extractor.counts().without_time, 1u);
  ASSERT_EQ(plots.size(), 2u);
  const Time marker = on_date(date, from_seconds(marker_s));
  EXPECT_EQ(plots[0].plot.time, marker + 1500ms);
  EXPECT_EQ(plots[1].plot.time, marker + 2250ms);
  EXPECT_EQ(extractor.counts().tracks, 1u);  // the second is a monoradar track report (TYP 1)
  const Plot& plot = plots[0].plot;
  EXPECT_EQ(plots[0].source, (SacSic{25, 201}));
  EXPECT_EQ(plot.kind, SensorKind::kSsr);
  EXPECT_NEAR(plot.range_m, 185'200.0, 1e-6);
  EXPECT_NEAR(plot.azimuth_rad, 0.25 * 3.14159265358979, 1e-9);
  ASSERT_TRUE(plot.mode3a.has_value());
  EXPECT_EQ(plot.mode3a->value, 01234);
  EXPECT_NEAR(plot.alt_m, 35'000 * 0.3048, 1e-6);
  EXPECT_EQ(plot.alt_kind, AltitudeKind::kBarometric);
  // The north marker: rotation period and the time of the station's last service message.
  EXPECT_EQ(extractor.rotation_periods().at(SacSic{25, 201}.packed()), 4.5);
  const ServiceReport& service = extractor.service_reports().at(SacSic{25, 201}.packed());
  EXPECT_EQ(service.time, marker);
  EXPECT_EQ(service.messages, 1u);
  EXPECT_FALSE(service.status.has_value());  // CAT002 has no standard status
}

TEST(PlotExtraction, Cat034SystemStatusIsKeptPerRadar) {
  PlotExtractor extractor(*parse_date("2026-06-01"));
  // I010, I000 (north marker), I030, I050 with COM: NOGO and overload in transmission.
  std::vector<std::uint8_t> record = {0xE4, 25, 3, 1};
  for (const std::uint8_t octet : time_octets(3600.0)) record.push_back(octet);
  record.insert(record.end(), {0x80, 0x88});
  const auto plots = plots_of(extractor, {block_of(34, record)});
  EXPECT_TRUE(plots.empty());
  const ServiceReport& service = extractor.service_reports().at(kRadar.packed());
  ASSERT_TRUE(service.status.has_value());
  EXPECT_TRUE(service.status->operational_use_inhibited);
  EXPECT_TRUE(service.status->transmission_overload);
  EXPECT_FALSE(service.status->processor_overload);
  EXPECT_FALSE(service.status->time_source_invalid);
  EXPECT_EQ(service.time, on_date(*parse_date("2026-06-01"), std::chrono::hours(1)));
}

}  // namespace
}  // namespace straja::asterix
