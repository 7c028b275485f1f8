#include "io/csv_writer.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace straja::io {
namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::filesystem::path temp_file(const std::string& name) {
  return std::filesystem::temp_directory_path() /
         (name + "-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
}

TEST(CsvWriterTest, TracksRowFollowsTheDocumentedColumns) {
  const auto path = temp_file("tracks.csv");
  TracksCsvWriter writer(path.string());
  TrackReport report;
  report.time = from_unix_seconds(1780315200.125);
  report.id = TrackId{42};
  report.position = {47.0123456789, 28.5, 10668.0};
  report.velocity_enu_mps = {200.0, -10.5, 0.0};
  report.status = TrackStatus::kConfirmed;
  report.mode3a = Mode3A{07700};
  writer.write(report);
  ASSERT_TRUE(writer.close().ok());
  EXPECT_EQ(read_all(path),
            std::string(kTracksCsvHeader) +
                "\n1780315200.125,42,47.0123457,28.5000000,10668.000,200.000,-10.500,0.000,"
                "confirmed,,,7700,\n");
  std::filesystem::remove(path);
}

TEST(CsvWriterTest, PlotRowLeavesUnmeasuredCellsEmpty) {
  const auto path = temp_file("plots.csv");
  SensorRegistry registry;
  SensorInfo sensor;
  sensor.id = "psr1";
  registry.sensors.push_back(sensor);
  PlotsCsvWriter writer(path.string(), registry);
  Plot plot;
  plot.time = from_unix_seconds(100.0);
  plot.range_m = 12345.6784;
  plot.azimuth_rad = 3.14159265358979323846 / 2;
  plot.elevation_rad = 0.0;
  plot.truth_id = -1;
  writer.write(plot);
  ASSERT_TRUE(writer.close().ok());
  EXPECT_EQ(read_all(path), std::string(kPlotsCsvHeader) +
                                "\n100,psr1,psr3d,12345.678,90.000000,0.000000,,,,,,,,-1,,,,,\n");
  std::filesystem::remove(path);
}

TEST(CsvWriterTest, AdsbPlotRowCarriesBothAltitudesVelocityAndNacp) {
  const auto path = temp_file("plots-adsb.csv");
  SensorRegistry registry;
  SensorInfo sensor;
  sensor.id = "adsb1";
  sensor.kind = SensorKind::kAdsb;
  registry.sensors.push_back(sensor);
  PlotsCsvWriter writer(path.string(), registry);
  Plot plot;
  plot.time = from_unix_seconds(100.5);
  plot.kind = SensorKind::kAdsb;
  plot.lat_deg = 47.0;
  plot.lon_deg = 28.5;
  plot.alt_m = 10972.8;
  plot.alt_kind = AltitudeKind::kBarometric;
  plot.geo_alt_m = 11040.25;
  plot.vel_east_mps = 200.0;
  plot.vel_north_mps = -10.5;
  plot.vel_up_mps = 0.0;
  plot.nacp = 9;
  plot.icao = IcaoAddress::parse("4B1816");
  plot.callsign = "THY3KL";
  plot.mode3a = Mode3A::parse("4621");
  plot.truth_id = 3;
  writer.write(plot);
  ASSERT_TRUE(writer.close().ok());
  EXPECT_EQ(read_all(path), std::string(kPlotsCsvHeader) +
                                "\n100.5,adsb1,adsb,,,,47.0000000,28.5000000,10972.800,barometric,"
                                "4621,4B1816,THY3KL,3,11040.250,200.000,-10.500,0.000,9\n");
  std::filesystem::remove(path);
}

TEST(CsvWriterTest, UnwritablePathIsReported) {
  TruthCsvWriter writer("/nonexistent-dir/truth.csv");
  EXPECT_FALSE(writer.status().ok());
  EXPECT_EQ(writer.close().error().code, ErrorCode::kIo);
}

std::string reference_fixed(double value, int decimals) {
  char buffer[kFixedCharsMax];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
  return {buffer, result.ptr};
}

std::string fast_fixed(double value, int decimals) {
  char buffer[kFixedCharsMax];
  return {buffer, format_fixed(buffer, value, decimals)};
}

TEST(CsvWriterTest, FixedFormatMatchesToCharsDigitForDigit) {
  // Values of every magnitude the CSV files hold, exact decimal ties (0.125 at 2 decimals),
  // values next to ties (one ulp either side), negative values that round to zero, huge ones
  // and non-finite ones.
  std::vector<double> values = {
      0.0,    -0.0,  0.5,        1.5,  2.5,    -0.5, 0.125,          0.375,    -0.125,   1e-12,
      -1e-12, -4e-4, 47.0123456, 1e20, -3e300, 1e12, 1099511.627776, INFINITY, -INFINITY};
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-8, 12);
  for (int i = 0; i < 200'000; ++i) {
    values.push_back(uniform(rng) * std::pow(10.0, exponent(rng)));
  }
  for (int i = 0; i < 20'000; ++i) {  // exact ties k + 0.5 at 10^-d and their neighbours
    const double tie = (std::floor(uniform(rng) * 1e6) + 0.5) / 8.0;
    values.push_back(tie);
    values.push_back(std::nextafter(tie, 1e300));
    values.push_back(std::nextafter(tie, -1e300));
  }
  for (const double value : values) {
    for (int decimals = 0; decimals <= 12; ++decimals) {
      ASSERT_EQ(fast_fixed(value, decimals), reference_fixed(value, decimals))
          << "value " << value << " decimals " << decimals;
    }
  }
}

}  // namespace
}  // namespace straja::io
