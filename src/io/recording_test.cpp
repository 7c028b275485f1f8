#include "io/recording.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

namespace straja::io {
namespace {

namespace fs = std::filesystem;

fs::path temp_file(const std::string& name) {
  return fs::temp_directory_path() /
         ("straja-recording-" + name + "-" + std::to_string(::getpid()) + ".rec");
}

std::vector<RecordedPayload> sample(std::size_t n) {
  std::mt19937 random(7);
  std::vector<RecordedPayload> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i].arrival = from_unix_seconds(1'780'308'000.0) + std::chrono::nanoseconds(i * 123'457);
    out[i].source = static_cast<std::uint16_t>(i % 3);
    out[i].payload.resize(i == 3 ? 0 : random() % 1500);
    for (auto& octet : out[i].payload) octet = static_cast<std::uint8_t>(random());
  }
  return out;
}

TEST(Recording, PayloadsComeBackBitForBitWithTheirTimesAndSources) {
  const fs::path path = temp_file("round-trip");
  const auto written = sample(50);
  auto writer = RecordingWriter::open(path.string());
  ASSERT_TRUE(writer.ok());
  for (const RecordedPayload& r : written) {
    ASSERT_TRUE(writer->write(r.arrival, r.source, r.payload).ok());
  }
  ASSERT_TRUE(writer->close().ok());
  auto reader = RecordingReader::open(path.string());
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  RecordedPayload r;
  std::size_t i = 0;
  while (reader->next(r)) {
    ASSERT_LT(i, written.size());
    EXPECT_EQ(r.arrival, written[i].arrival);
    EXPECT_EQ(r.source, written[i].source);
    EXPECT_EQ(r.payload, written[i].payload);
    ++i;
  }
  EXPECT_EQ(i, written.size());
  EXPECT_EQ(reader->bad_bytes(), 0u);
  fs::remove(path);
}

TEST(Recording, TornAndCorruptTailsAreCountedNeverThrown) {
  const fs::path path = temp_file("torn");
  const auto written = sample(5);
  {
    auto writer = RecordingWriter::open(path.string());
    ASSERT_TRUE(writer.ok());
    for (const RecordedPayload& r : written)
      ASSERT_TRUE(writer->write(r.arrival, r.source, r.payload).ok());
    ASSERT_TRUE(writer->close().ok());
  }
  const auto full = fs::file_size(path);
  fs::resize_file(path, full - 1);  // the last payload lacks an octet
  auto reader = RecordingReader::open(path.string());
  ASSERT_TRUE(reader.ok());
  RecordedPayload r;
  std::size_t n = 0;
  while (reader->next(r)) ++n;
  EXPECT_EQ(n, written.size() - 1);
  EXPECT_EQ(reader->bad_bytes(), 14 + written.back().payload.size() - 1);
  {  // an absurd length after the header
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(kRecordingMagic, 8);
    out.write("\x01\0\0\0", 4);
    out.write("\0\0\0\0\0\0\0\0\0\0\xff\xff\xff\xff", 14);
  }
  reader = RecordingReader::open(path.string());
  ASSERT_TRUE(reader.ok());
  EXPECT_FALSE(reader->next(r));
  EXPECT_EQ(reader->bad_bytes(), 14u);
  {  // not a recording
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << "hello";
  }
  EXPECT_FALSE(RecordingReader::open(path.string()).ok());
  EXPECT_FALSE(RecordingReader::open((path.string() + ".missing")).ok());
  fs::remove(path);
}

}  // namespace
}  // namespace straja::io
