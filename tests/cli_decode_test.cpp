// End-to-end: `straja decode` on project-made recordings in every framing and on a live UDP feed
// (unicast and multicast on 127.0.0.1), with the output, --stats lines and exit statuses the
// command promises.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "asterix/capture_writer.h"
#include "asterix/testing/random_records.h"
#include "io/udp.h"
#include "live_decode.h"
#include "run_process.h"

namespace straja {
namespace {

using testing::LiveDecode;
using testing::run_process;
using testing::straja_binary;
namespace fs = std::filesystem;

/// The test binary's scratch folder, removed when the binary exits.
const fs::path& scratch_dir() {
  struct Dir {
    fs::path path = fs::temp_directory_path() / ("straja-decode-" + std::to_string(::getpid()));
    ~Dir() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  };
  static const Dir dir;
  return dir.path;
}

fs::path scratch(const std::string& name) {
  fs::create_directories(scratch_dir());
  return scratch_dir() / name;
}

void write(const fs::path& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

/// Blocks of `records` random CAT048 records of the default edition (1.21).
std::vector<std::vector<std::uint8_t>> cat048_blocks(unsigned blocks, unsigned records) {
  asterix::testing::RandomRecords random(48);
  const auto edition = asterix::Edition::find(48, {1, 21});
  std::vector<std::vector<std::uint8_t>> out(blocks);
  for (auto& block : out) random.append_block(*edition, records, block);
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

std::size_t json_lines(const std::string& output) {
  std::size_t count = 0;
  for (const std::string& line : lines_of(output)) {
    if (line.starts_with("{\"cat\":")) {
      EXPECT_FALSE(nlohmann::json::parse(line, nullptr, false).is_discarded()) << line;
      ++count;
    }
  }
  return count;
}

TEST(CliDecode, EveryFramingDecodesToOneJsonLinePerRecordWithExactStats) {
  const auto blocks = cat048_blocks(4, 5);
  std::vector<std::uint8_t> raw, pcap, oradis, gps;
  asterix::append_pcap_header(pcap);
  asterix::append_pcap_header(oradis);
  asterix::append_gps_header(gps);
  for (const auto& block : blocks) {
    raw.insert(raw.end(), block.begin(), block.end());
    asterix::append_pcap_udp_packet(block, {}, pcap);
    std::vector<std::uint8_t> framed;
    asterix::append_oradis_block(block, framed);
    asterix::append_pcap_udp_packet(framed, {}, oradis);
    asterix::append_gps_block(block, gps);
  }
  const std::vector<std::pair<std::string, std::vector<std::uint8_t>>> files = {
      {"raw", raw}, {"pcap", pcap}, {"oradis", oradis}, {"gps", gps}};
  for (const auto& [framing, bytes] : files) {
    const auto path = scratch("sample." + framing);
    write(path, bytes);
    for (const std::string& option : {std::string("auto"), framing}) {
      const auto run = run_process(straja_binary() + " decode --stats --framing " + option + " " +
                                   path.string());
      EXPECT_EQ(run.exit_code, 0) << framing << "/" << option << "\n" << run.output;
      EXPECT_EQ(json_lines(run.output), 20u) << framing << "/" << option;
      EXPECT_NE(run.output.find("\nCAT048 records=20 errors=0 skipped_bytes=0\n"),
                std::string::npos)
          << framing << "/" << option << "\n"
          << run.output;
    }
  }
}

TEST(CliDecode, BadBlockIsSkippedCountedAndExitsOne) {
  auto blocks = cat048_blocks(3, 2);
  std::vector<std::uint8_t> bytes;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (i == 1) blocks[i][3] = 0xFF, blocks[i][4] = 0xFF, blocks[i][5] = 0xFF, blocks[i][6] = 0xFF;
    bytes.insert(bytes.end(), blocks[i].begin(), blocks[i].end());
  }
  const auto path = scratch("bad.ast");
  write(path, bytes);
  const auto run = run_process(straja_binary() + " decode --stats " + path.string());
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_EQ(json_lines(run.output), 4u) << run.output;
  EXPECT_NE(run.output.find(path.string() + ": CAT048"), std::string::npos) << run.output;
  EXPECT_TRUE(std::regex_search(
      run.output, std::regex("\nCAT048 records=4 errors=1 skipped_bytes=[1-9][0-9]*\n")))
      << run.output;
}

TEST(CliDecode, FeedInAnotherEditionIsRejectedAndTheFittingEditionNamed) {
  // CAT021 0.26 records (one source, 7/9) decoded with the default 2.6: blocks that do not fit
  // 2.6 are skipped, and one line names the editions they fit with the --edition to use.
  asterix::testing::RandomRecordOptions options;
  options.item_probability = 0.7;
  asterix::testing::RandomRecords random(21, options);
  const auto edition = asterix::Edition::find(21, {0, 26});
  std::vector<std::uint8_t> bytes;
  for (int i = 0; i < 20; ++i) {
    std::vector<std::uint8_t> block;
    random.append_block(*edition, 3, block);
    // I010 right after the FSPEC: find the FSPEC end and set SAC/SIC.
    std::size_t fspec = 3;
    while (block[fspec] & 1u) ++fspec;
    block[fspec + 1] = 7;
    block[fspec + 2] = 9;
    bytes.insert(bytes.end(), block.begin(), block.end());
  }
  const auto path = scratch("cat021-0.26.ast");
  write(path, bytes);
  const auto wrong = run_process(straja_binary() + " decode --format none " + path.string());
  EXPECT_EQ(wrong.exit_code, 1) << wrong.output;
  const std::regex hint(
      "CAT021 from SAC/SIC 7/9: a block skipped in 2\\.6 decodes cleanly as edition [0-9., ]*"
      "0\\.26[0-9., ]* \\(wrong edition\\? try --edition 21=0\\.2[0-9]@7/9\\)\n");
  EXPECT_TRUE(std::regex_search(wrong.output, hint)) << wrong.output;
  const auto right = run_process(
      straja_binary() + " decode --stats --format none --edition 21=0.26@7/9 " + path.string());
  EXPECT_EQ(right.exit_code, 0) << right.output;
  EXPECT_NE(right.output.find("CAT021 records=60 errors=0 skipped_bytes=0"), std::string::npos)
      << right.output;
}

TEST(CliDecode, UsageAndFileErrorsExitTwoWithOneLine) {
  for (const std::string& args :
       {std::string("decode"), std::string("decode --frobnicate x.ast"),
        std::string("decode --framing nope x.ast"), std::string("decode --edition 48=9.99 x.ast"),
        std::string("decode /no/such/file.ast"), std::string("decode udp://127.0.0.1:99999"),
        std::string("decode --format xml x.ast")}) {
    const auto run = run_process(straja_binary() + " " + args);
    EXPECT_EQ(run.exit_code, 2) << args << "\n" << run.output;
    EXPECT_EQ(lines_of(run.output).size(), 1u) << args << "\n" << run.output;
  }
}

TEST(CliDecode, LiveUnicastFeedIsDecodedAsItArrives) {
  LiveDecode live(scratch("live-unicast.out"), "udp://127.0.0.1:0 --count 3 --duration 30 --stats");
  const int port = live.port();
  ASSERT_GT(port, 0) << live.output();
  auto sender = io::UdpSender::open(*io::UdpEndpoint::parse("127.0.0.1:" + std::to_string(port)));
  ASSERT_TRUE(sender.ok());
  const auto blocks = cat048_blocks(3, 4);
  std::vector<std::uint8_t> oradis;  // the third datagram is ORADIS-framed
  asterix::append_oradis_block(blocks[2], oradis);
  ASSERT_TRUE((*sender)->send(blocks[0]).ok());
  ASSERT_TRUE((*sender)->send(blocks[1]).ok());
  ASSERT_TRUE((*sender)->send(oradis).ok());
  const std::string output = live.finish();
  EXPECT_EQ(json_lines(output), 12u) << output;
  EXPECT_NE(output.find("\nCAT048 records=12 errors=0 skipped_bytes=0\n"), std::string::npos)
      << output;
  EXPECT_TRUE(std::regex_search(
      output, std::regex("\nUDP 127\\.0\\.0\\.1:[0-9]+ datagrams=3 bytes=[0-9]+ dropped_full=0 "
                         "dropped_kernel=0\n")))
      << output;
}

TEST(CliDecode, LiveMulticastGroupIsJoined) {
  LiveDecode live(scratch("live-multicast.out"),
                  "--framing udp 239.255.70.2:0@127.0.0.1 --count 1 --duration 30");
  const int port = live.port();
  ASSERT_GT(port, 0) << live.output();
  auto sender = io::UdpSender::open(
      *io::UdpEndpoint::parse("239.255.70.2:" + std::to_string(port) + "@127.0.0.1"), 0);
  ASSERT_TRUE(sender.ok());
  ASSERT_TRUE((*sender)->send(cat048_blocks(1, 2)[0]).ok());
  EXPECT_EQ(json_lines(live.finish()), 2u) << live.output();
}

}  // namespace
}  // namespace straja
