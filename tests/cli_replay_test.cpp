// End-to-end: `straja replay`. A UDP stream this test sends is received and recorded with the
// recording writer (io/recording.h), exactly as a live input records it; `straja replay` sends
// the recording to another test socket, which gets the same datagrams, byte for byte and in
// order. A torn recording is replayed up to its last whole record and reported (exit status 1).

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "io/recording.h"
#include "io/udp.h"
#include "run_process.h"

namespace straja {
namespace {

using testing::run_process;
using testing::straja_binary;
namespace fs = std::filesystem;

std::unique_ptr<io::UdpReceiver> receiver_on_free_port(int& port) {
  std::mt19937 random(static_cast<unsigned>(::getpid()) * 7u + 1u);
  for (int attempt = 0; attempt < 50; ++attempt) {
    port = 20'000 + static_cast<int>(random() % 30'000);
    auto opened = io::UdpReceiver::open(
        *io::UdpEndpoint::parse("127.0.0.1:" + std::to_string(port)), 64u << 20);
    if (opened) return std::move(*opened);
  }
  return nullptr;
}

std::vector<std::vector<std::uint8_t>> drain(io::UdpReceiver& receiver) {
  std::vector<std::vector<std::uint8_t>> out;
  std::vector<std::uint8_t> datagram;
  while (receiver.next(datagram, std::chrono::milliseconds(500))) out.push_back(datagram);
  return out;
}

TEST(CliReplay, ARecordedUdpStreamIsSentAgainBitForBit) {
  const fs::path path =
      fs::temp_directory_path() / ("straja-replay-" + std::to_string(::getpid()) + ".rec");
  int record_port = 0;
  auto recorder_socket = receiver_on_free_port(record_port);
  ASSERT_TRUE(recorder_socket);
  std::vector<std::vector<std::uint8_t>> sent;
  {
    auto sender =
        io::UdpSender::open(*io::UdpEndpoint::parse("127.0.0.1:" + std::to_string(record_port)));
    ASSERT_TRUE(sender.ok());
    std::mt19937 random(3);
    for (int i = 0; i < 200; ++i) {
      std::vector<std::uint8_t> datagram(1 + random() % 1400);
      for (auto& octet : datagram) octet = static_cast<std::uint8_t>(random());
      ASSERT_TRUE((*sender)->send(datagram).ok());
      sent.push_back(std::move(datagram));
    }
  }
  {
    auto writer = io::RecordingWriter::open(path.string());
    ASSERT_TRUE(writer.ok());
    std::vector<std::uint8_t> datagram;
    Time arrival = from_unix_seconds(1'780'308'000.0);
    while (recorder_socket->next(datagram, std::chrono::milliseconds(500))) {
      ASSERT_TRUE(writer->write(arrival, 0, datagram).ok());
      arrival += std::chrono::milliseconds(1);
    }
    ASSERT_TRUE(writer->close().ok());
  }

  int replay_port = 0;
  auto replay_socket = receiver_on_free_port(replay_port);
  ASSERT_TRUE(replay_socket);
  const auto run = run_process(straja_binary() + " replay " + path.string() +
                               " --speed max --udp 127.0.0.1:" + std::to_string(replay_port));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto replayed = drain(*replay_socket);
  EXPECT_EQ(replay_socket->counters().dropped_kernel, 0u);
  EXPECT_EQ(replayed.size(), sent.size());
  EXPECT_TRUE(replayed == sent) << "the same datagrams, byte for byte, in order";

  // Torn: the last record loses an octet; the others are still sent, and the run says so.
  fs::resize_file(path, fs::file_size(path) - 1);
  const auto torn = run_process(straja_binary() + " replay " + path.string() +
                                " --speed max --udp 127.0.0.1:" + std::to_string(replay_port));
  EXPECT_EQ(torn.exit_code, 1) << torn.output;
  EXPECT_NE(torn.output.find("not a whole record"), std::string::npos) << torn.output;
  EXPECT_EQ(drain(*replay_socket).size(), sent.size() - 1);

  const auto not_a_recording =
      run_process(straja_binary() + " replay /nonexistent.rec --udp 127.0.0.1:9");
  EXPECT_EQ(not_a_recording.exit_code, 2) << not_a_recording.output;
  fs::remove(path);
}

}  // namespace
}  // namespace straja
