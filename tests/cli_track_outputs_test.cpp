// End-to-end: `straja track` with several outputs at once. The built-in crossing scenario (a 3D
// radar and a Mode S SSR) is simulated, its ASTERIX recordings are tracked with --out tracks.csv
// --out system.ast --out udp://127.0.0.1:PORT, and system.ast is decoded with the project's
// decoder: every CAT062 record is a tracks.csv row of the same track number and time (position
// within the LSB of I062/105), each output time ends with a CAT065 end-of-batch message, and the
// UDP receiver got the same records in the same order.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "asterix/record.h"
#include "asterix/typed.h"
#include "io/csv_reader.h"
#include "io/udp.h"
#include "run_process.h"
#include "test_files.h"

namespace straja {
namespace {

using testing::fresh_dir;
using testing::read_bytes;
using testing::run_process;
using testing::straja_binary;
namespace fs = std::filesystem;

/// One record: its category and octets.
using RecordBytes = std::pair<int, std::vector<std::uint8_t>>;

/// The records of consecutive data blocks in `bytes`, in order; false on any decode error.
bool records_of(std::span<const std::uint8_t> bytes, std::vector<RecordBytes>& out,
                std::vector<int>* block_categories = nullptr) {
  asterix::EditionSelector editions;
  std::vector<asterix::RecordView> records;
  std::size_t at = 0;
  while (at + 3 <= bytes.size()) {
    const std::size_t length = static_cast<std::size_t>(bytes[at + 1] << 8 | bytes[at + 2]);
    if (length < 3 || at + length > bytes.size()) return false;
    const auto block = bytes.subspan(at, length);
    if (asterix::parse_block(block, editions, at, records)) return false;
    for (const asterix::RecordView& record : records) {
      const auto octets = record.bytes();
      out.emplace_back(bytes[at], std::vector<std::uint8_t>(octets.begin(), octets.end()));
    }
    if (block_categories != nullptr) block_categories->push_back(bytes[at]);
    at += length;
  }
  return at == bytes.size();
}

struct CsvRow {
  double lat_deg;
  double lon_deg;
};

TEST(CliTrackOutputs, Cat062FileAndUdpMatchTracksCsv) {
  const auto dir = fresh_dir("track", "outputs");
  const std::string d = dir.string();
  ASSERT_EQ(run_process(straja_binary() + " simulate crossing --out " + d).exit_code, 0);

  std::unique_ptr<io::UdpReceiver> receiver;
  std::mt19937 random(static_cast<unsigned>(::getpid()));
  int port = 0;
  for (int attempt = 0; attempt < 50 && !receiver; ++attempt) {
    port = 20'000 + static_cast<int>(random() % 30'000);
    auto opened = io::UdpReceiver::open(
        *io::UdpEndpoint::parse("127.0.0.1:" + std::to_string(port)), 64u << 20);
    if (opened) receiver = std::move(*opened);
  }
  ASSERT_TRUE(receiver) << "no free UDP port";

  std::string recordings;  // every sensor's recording
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".ast") recordings += " " + entry.path().string();
  }
  ASSERT_FALSE(recordings.empty());
  const auto track = run_process(straja_binary() + " track" + recordings + " --sensors " + d +
                                 "/sensors.yaml --out " + d + "/tracks.csv --out " + d +
                                 "/system.ast --out udp://127.0.0.1:" + std::to_string(port));
  ASSERT_EQ(track.exit_code, 0) << track.output;

  // tracks.csv rows by (track number, time of day in 1/128 s).
  auto csv = io::CsvReader::open((dir / "tracks.csv").string());
  ASSERT_TRUE(csv.ok());
  std::map<std::pair<std::uint64_t, long long>, std::vector<CsvRow>> rows;
  std::size_t row_count = 0;
  const std::size_t time_col = *csv->column("time_s");
  const std::size_t id_col = *csv->column("track_id");
  const std::size_t lat_col = *csv->column("lat_deg");
  const std::size_t lon_col = *csv->column("lon_deg");
  auto number = [&](std::size_t column) { return std::stod(std::string(csv->cell(column))); };
  while (csv->next()) {
    const long long units = std::llround(std::fmod(number(time_col), 86'400.0) * 128.0);
    const auto id = static_cast<std::uint64_t>(number(id_col));
    rows[{id % 65'536, units % (86'400 * 128)}].push_back({number(lat_col), number(lon_col)});
    ++row_count;
  }
  ASSERT_GT(row_count, 100u);

  const auto file = read_bytes(dir / "system.ast");
  std::vector<RecordBytes> from_file;
  std::vector<int> block_categories;
  ASSERT_TRUE(records_of(file, from_file, &block_categories)) << "system.ast decodes cleanly";
  ASSERT_FALSE(block_categories.empty());
  EXPECT_EQ(block_categories.back(), 65) << "the last output time ends with its end of batch";
  std::size_t cat062 = 0;
  std::size_t end_of_batch = 0;
  std::size_t matched = 0;
  int previous_category = 65;
  asterix::EditionSelector editions;
  for (std::size_t b = 0; b < block_categories.size(); ++b) {
    // One CAT062 block per output time (the picture is far below 64 KiB), then one CAT065 block.
    if (block_categories[b] == 62) {
      EXPECT_EQ(previous_category, 65) << "block " << b;
    }
    previous_category = block_categories[b];
  }
  for (const auto& [category, octets] : from_file) {
    std::vector<std::uint8_t> block = {static_cast<std::uint8_t>(category), 0, 0};
    block.insert(block.end(), octets.begin(), octets.end());
    block[1] = static_cast<std::uint8_t>(block.size() >> 8);
    block[2] = static_cast<std::uint8_t>(block.size());
    std::vector<asterix::RecordView> records;
    ASSERT_FALSE(asterix::parse_block(block, editions, 0, records));
    ASSERT_EQ(records.size(), 1u);
    if (category == 65) {
      ++end_of_batch;
      EXPECT_EQ(records[0].item(0).size(), 1u);
      EXPECT_EQ(records[0].item(0)[0], 2) << "I065/000 end of batch";
      continue;
    }
    ASSERT_EQ(category, 62);
    ++cat062;
    const asterix::Cat062View v(records[0]);
    const long long units = std::llround(*v.time_of_track_s() * 128.0);
    const auto found = rows.find({*v.track_number(), units});
    ASSERT_NE(found, rows.end()) << "track " << *v.track_number() << " at " << units;
    const double lsb = 180.0 / 33'554'432.0;
    bool any = false;
    for (const CsvRow& row : found->second) {
      any |= std::abs(*v.latitude_deg() - row.lat_deg) <= lsb &&
             std::abs(*v.longitude_deg() - row.lon_deg) <= lsb;
    }
    EXPECT_TRUE(any) << "track " << *v.track_number() << ": " << *v.latitude_deg() << ", "
                     << *v.longitude_deg() << " vs " << found->second.front().lat_deg << ", "
                     << found->second.front().lon_deg;
    matched += any ? 1 : 0;
    EXPECT_TRUE(v.update_age_s("TRK").has_value());
    EXPECT_TRUE(v.track_status().has_value());
  }
  EXPECT_EQ(cat062, row_count) << "one CAT062 record per tracks.csv row";
  EXPECT_EQ(matched, cat062);
  EXPECT_GT(end_of_batch, 10u);

  // The UDP stream: the same records in the same order, one block per datagram.
  std::vector<RecordBytes> from_udp;
  std::vector<std::uint8_t> datagram;
  std::size_t datagrams = 0;
  while (receiver->next(datagram, std::chrono::milliseconds(500))) {
    ++datagrams;
    EXPECT_LE(datagram.size(), 1472u);
    ASSERT_TRUE(records_of(datagram, from_udp)) << "datagram " << datagrams;
  }
  EXPECT_EQ(receiver->counters().dropped_kernel, 0u);
  EXPECT_EQ(from_udp.size(), from_file.size());
  EXPECT_TRUE(from_udp == from_file) << "UDP carries the records of system.ast, in order";
  fs::remove_all(dir);
}

TEST(CliTrackOutputs, UnknownOutputKindIsAUsageError) {
  const auto run = run_process(straja_binary() + " track x.ast --out tracks.txt");
  EXPECT_EQ(run.exit_code, 2) << run.output;
  EXPECT_NE(run.output.find("unknown kind"), std::string::npos) << run.output;
  const auto bad_udp = run_process(straja_binary() + " track x.ast --out udp://nowhere");
  EXPECT_EQ(bad_udp.exit_code, 2) << bad_udp.output;
}

}  // namespace
}  // namespace straja
