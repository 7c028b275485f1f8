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

std::vector<std::uint8_t> cat048(double time_of_day_s) {
  Cat048Report report;
  report.data_source = kRadar;
  report.time_of_day_s = time_of_day_s;
  report.detection_type = 5;
  report.measured_position = PolarPosition{40.0, 90.0};
  report.flight_level = FlightLevelReply{false, false, 350.0};
  std::vector<std::uint8_t> block = {48, 0, 0};
  append_cat048_record(report, block);
  block[1] = static_cast<std::uint8_t>(block.size() >> 8);
  block[2] = static_cast<std::uint8_t>(block.size());
  return block;
}

std::vector<std::uint8_t> cat021(double time_of_day_s) {
  Cat021Report report;
  report.data_source = kStation;
  report.time_of_message_reception_position_s = time_of_day_s;
  report.latitude_deg = 47.0;
  report.longitude_deg = 28.8;
  report.flight_level = 350.0;
  std::vector<std::uint8_t> block = {21, 0, 0};
  append_cat021_record(report, block);
  block[1] = static_cast<std::uint8_t>(block.size() >> 8);
  block[2] = static_cast<std::uint8_t>(block.size());
  return block;
}

/// The times of the plots the extractor makes of `blocks`, in order.
std::vector<Time> plot_times(PlotExtractor& extractor,
                             const std::vector<std::vector<std::uint8_t>>& blocks) {
  StreamDecoder decoder{EditionSelector{}};
  std::vector<Time> times;
  for (const auto& block : blocks) {
    decoder.decode(
        block, 0,
        [&](const RecordView& record, std::optional<SacSic> source, std::size_t, std::size_t) {
          if (auto plot = extractor.extract(record, source)) times.push_back(plot->plot.time);
        },
        [](const DecodeError& error) { ADD_FAILURE() << error.describe(); });
  }
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

}  // namespace
}  // namespace straja::asterix
