#include "cli/simulate_outputs.h"

#include <iostream>

#include "asterix/capture_writer.h"
#include "cli/commands.h"

namespace straja::cli {
namespace {

constexpr std::uint32_t kDefaultGroup = 0xEFFF0001u;  // 239.255.0.1
constexpr std::uint16_t kDefaultPort = 8600;          // Wireshark's ASTERIX port

/// A sensor id names its files: it must not leave the output directory.
void check_file_name(const std::string& id) {
  if (id == "." || id == ".." || id.find('/') != std::string::npos ||
      id.find('\0') != std::string::npos) {
    throw CommandFailed(kExitUsage, "sensor id '" + id +
                                        "' cannot name its recording file (DIR/<id>.ast): use "
                                        "an id without '/'");
  }
}

}  // namespace

io::UdpEndpoint default_stream_endpoint(std::size_t index) {
  io::UdpEndpoint endpoint;
  endpoint.address = kDefaultGroup;
  endpoint.port = static_cast<std::uint16_t>(kDefaultPort + index);
  return endpoint;
}

std::vector<io::UdpEndpoint> stream_endpoints(const std::vector<std::string>& arguments,
                                              std::size_t sensors) {
  std::vector<io::UdpEndpoint> parsed;
  for (std::string_view text : arguments) {
    if (text.starts_with("udp://")) text.remove_prefix(6);
    auto endpoint = io::UdpEndpoint::parse(text);
    if (!endpoint) throw CommandFailed(kExitUsage, "--udp: " + endpoint.error().message);
    if (endpoint->address == 0 || endpoint->port == 0) {
      throw CommandFailed(kExitUsage, "--udp " + std::string(text) +
                                          ": a stream needs a destination address and port");
    }
    parsed.push_back(*endpoint);
  }
  if (parsed.empty() || parsed.size() == sensors) return parsed;
  if (parsed.size() != 1) {
    throw CommandFailed(kExitUsage, "--udp: " + std::to_string(parsed.size()) + " endpoints for " +
                                        std::to_string(sensors) +
                                        " sensors (give one per sensor, in scenario order, or "
                                        "one for consecutive ports)");
  }
  if (parsed[0].port + sensors - 1 > 65535) {
    throw CommandFailed(kExitUsage, "--udp " + parsed[0].to_string() + ": " +
                                        std::to_string(sensors) +
                                        " consecutive ports run past 65535");
  }
  std::vector<io::UdpEndpoint> endpoints(sensors, parsed[0]);
  for (std::size_t i = 0; i < sensors; ++i) {
    endpoints[i].port = static_cast<std::uint16_t>(parsed[0].port + i);
  }
  return endpoints;
}

AsterixOutputs::AsterixOutputs(const sim::Scenario& scenario, AsterixOutputOptions options,
                               const std::atomic<bool>& stop)
    : options_(std::move(options)), stop_(stop), pacer_(options_.speed, scenario.start) {
  sensors_ = std::vector<Sensor>(scenario.sensors.size());
  for (std::size_t i = 0; i < scenario.sensors.size(); ++i) {
    Sensor& sensor = sensors_[i];
    sensor.id = scenario.sensors[i].info.id;
    check_file_name(sensor.id);
    sensor.endpoint = options_.udp.empty() ? default_stream_endpoint(i) : options_.udp.at(i);
    sensor.ast_path = options_.dir / (sensor.id + ".ast");
    sensor.ast.open(sensor.ast_path, std::ios::binary | std::ios::trunc);
    if (!sensor.ast) {
      throw CommandFailed(kExitUsage, sensor.ast_path.string() + ": cannot create file");
    }
    if (options_.pcap) {
      sensor.pcap_path = options_.dir / (sensor.id + ".pcap");
      sensor.pcap.open(sensor.pcap_path, std::ios::binary | std::ios::trunc);
      std::vector<std::uint8_t> header;
      asterix::append_pcap_header(header);
      sensor.pcap.write(reinterpret_cast<const char*>(header.data()),
                        static_cast<std::streamsize>(header.size()));
      if (!sensor.pcap) {
        throw CommandFailed(kExitUsage, sensor.pcap_path.string() + ": cannot create file");
      }
    }
    if (!options_.udp.empty()) {
      auto sender = io::UdpSender::open(sensor.endpoint, options_.multicast_ttl);
      if (!sender) throw CommandFailed(kExitUsage, "--udp: " + sender.error().message);
      sensor.sender = std::move(*sender);
    }
  }
}

void AsterixOutputs::add(std::vector<sim::TimedBlock>& blocks) {
  for (sim::TimedBlock& block : blocks) {
    sensors_.at(block.sensor.value).queue.emplace_back(sequence_++, std::move(block));
  }
  blocks.clear();
}

void AsterixOutputs::release_before(Time threshold) {
  while (!stop_) {
    Sensor* next = nullptr;
    for (Sensor& sensor : sensors_) {
      if (sensor.queue.empty()) continue;
      const auto& [sequence, block] = sensor.queue.front();
      if (block.time >= threshold) continue;
      if (next == nullptr || block.time < next->queue.front().second.time ||
          (block.time == next->queue.front().second.time && sequence < next->queue.front().first)) {
        next = &sensor;
      }
    }
    if (next == nullptr) return;
    release(*next, next->queue.front().second);
    next->queue.pop_front();
  }
}

void AsterixOutputs::release(Sensor& sensor, const sim::TimedBlock& block) {
  if (!pacer_.wait_until(block.time, [this] { return stop_.load(); })) return;
  const auto* octets = reinterpret_cast<const char*>(block.octets.data());
  const auto size = static_cast<std::streamsize>(block.octets.size());
  sensor.ast.write(octets, size);
  if (sensor.pcap.is_open()) {
    asterix::UdpPacketInfo info;
    info.time_us =
        std::chrono::floor<std::chrono::microseconds>(block.time.time_since_epoch()).count();
    info.destination_ip = sensor.endpoint.address;
    info.destination_port = sensor.endpoint.port;
    packet_.clear();
    asterix::append_pcap_udp_packet(block.octets, info, packet_);
    sensor.pcap.write(reinterpret_cast<const char*>(packet_.data()),
                      static_cast<std::streamsize>(packet_.size()));
  }
  if (sensor.sender) {
    if (const Status status = sensor.sender->send(block.octets); !status) {
      ++send_errors_;
      if (!sensor.warned) {
        std::cerr << "straja simulate: " << sensor.id << ": " << status.error().message
                  << " (streaming goes on; failures counted)\n";
        sensor.warned = true;
      }
    }
  }
  ++blocks_;
  records_ += block.records;
}

void AsterixOutputs::close() {
  release_before(Time::max());
  for (Sensor& sensor : sensors_) {
    sensor.ast.close();
    if (!sensor.ast) throw CommandFailed(kExitUsage, sensor.ast_path.string() + ": write failed");
    if (sensor.pcap.is_open()) {
      sensor.pcap.close();
      if (!sensor.pcap) {
        throw CommandFailed(kExitUsage, sensor.pcap_path.string() + ": write failed");
      }
    }
  }
}

std::vector<std::string> AsterixOutputs::file_names() const {
  std::vector<std::string> names;
  for (const Sensor& sensor : sensors_) {
    names.push_back(sensor.ast_path.filename().string());
    if (options_.pcap) names.push_back(sensor.pcap_path.filename().string());
  }
  return names;
}

}  // namespace straja::cli
