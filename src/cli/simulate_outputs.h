#pragma once
// The ASTERIX output stage of `straja simulate`: each sensor's data blocks (sim::AsterixFeed)
// released in time order, paced by --speed, into DIR/<sensor id>.ast (raw concatenated blocks),
// optionally DIR/<sensor id>.pcap (one Ethernet/IPv4/UDP packet per block, stamped with the time
// the block is sent) and a UDP stream per sensor (one block per datagram). The files depend only
// on the scenario and seed, never on the pacing or the network. docs/formats/simulator-asterix.md.

#include <atomic>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "io/pacer.h"
#include "io/udp.h"
#include "simulation/asterix_feed.h"
#include "simulation/scenario.h"

namespace straja::cli {

/// Where the pcap packets of sensor `index` are addressed when there is no --udp: the
/// --udp 239.255.0.1:8600 assignment (consecutive ports from 8600).
io::UdpEndpoint default_stream_endpoint(std::size_t index);

/// The --udp arguments ("GROUP:PORT[@IFACE]", "udp://" prefix allowed) as one endpoint per
/// sensor: one argument per sensor in scenario order, or a single one for consecutive ports
/// (sensor i gets PORT + i). Throws CommandFailed (usage) on anything else.
std::vector<io::UdpEndpoint> stream_endpoints(const std::vector<std::string>& arguments,
                                              std::size_t sensors);

struct AsterixOutputOptions {
  std::filesystem::path dir;
  bool pcap = false;
  std::vector<io::UdpEndpoint> udp;  ///< empty, or one per sensor
  int multicast_ttl = 1;
  double speed = 0.0;  ///< simulated seconds per wall second; 0 as fast as possible
};

class AsterixOutputs {
 public:
  /// Opens every file and socket; throws CommandFailed (usage) when one cannot be.
  AsterixOutputs(const sim::Scenario& scenario, AsterixOutputOptions options,
                 const std::atomic<bool>& stop);
  AsterixOutputs(const AsterixOutputs&) = delete;
  AsterixOutputs& operator=(const AsterixOutputs&) = delete;

  /// Queues blocks (each sensor's in the order it sends them).
  void add(std::vector<sim::TimedBlock>& blocks);
  /// Writes and sends every queued block due before `threshold` (true time), in time order (ties
  /// in the order they were added), each once it is due on the wall clock.
  void release_before(Time threshold);
  /// Releases the rest (unless stopped) and closes the files; throws CommandFailed on a write
  /// error.
  void close();

  std::uint64_t blocks() const { return blocks_; }
  std::uint64_t records() const { return records_; }
  std::uint64_t send_errors() const { return send_errors_; }
  /// The file names written (for the summary line).
  std::vector<std::string> file_names() const;

 private:
  struct Sensor {
    std::string id;
    std::filesystem::path ast_path;
    std::ofstream ast;
    std::filesystem::path pcap_path;
    std::ofstream pcap;
    io::UdpEndpoint endpoint;
    std::unique_ptr<io::UdpSender> sender;
    std::deque<std::pair<std::uint64_t, sim::TimedBlock>> queue;  ///< (sequence, block)
    bool warned = false;
  };
  void release(Sensor& sensor, const sim::TimedBlock& block);

  AsterixOutputOptions options_;
  const std::atomic<bool>& stop_;
  io::Pacer pacer_;
  std::vector<Sensor> sensors_;
  std::vector<std::uint8_t> packet_;
  std::uint64_t sequence_ = 0;
  std::uint64_t blocks_ = 0;
  std::uint64_t records_ = 0;
  std::uint64_t send_errors_ = 0;
};

}  // namespace straja::cli
