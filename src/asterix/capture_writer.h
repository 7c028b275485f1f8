#pragma once
// Writers for the recording framings framing.h reads: classic pcap (Ethernet/IPv4/UDP, one data
// payload per packet), ORADIS payloads (a 6-octet header before each block) and the GPS
// recording format. Used by the simulator's recordings, the test oracles and the fuzz seeds.

#include <cstdint>
#include <span>
#include <vector>

namespace straja::asterix {

struct UdpPacketInfo {
  std::int64_t time_us = 0;                    ///< capture time, microseconds since 1970
  std::uint32_t source_ip = 0x7F000001u;       ///< 127.0.0.1
  std::uint32_t destination_ip = 0xE0000001u;  ///< 224.0.0.1
  std::uint16_t source_port = 50000;
  std::uint16_t destination_port = 8600;
};

/// Appends the 24-octet pcap file header (microsecond timestamps, Ethernet link type).
void append_pcap_header(std::vector<std::uint8_t>& out);
/// Appends one Ethernet/IPv4/UDP packet record carrying `payload` (at most 65507 octets).
void append_pcap_udp_packet(std::span<const std::uint8_t> payload, const UdpPacketInfo& info,
                            std::vector<std::uint8_t>& out);

/// Appends `block` (one data block) preceded by its 6-octet ORADIS header (total length, then
/// four octets of zero).
void append_oradis_block(std::span<const std::uint8_t> block, std::vector<std::uint8_t>& out);

/// GPS recording: a 2200-octet header (0xCD fill, as recordings have), then each block followed by
/// a 10-octet trailer (zeros here; the reader does not interpret it).
void append_gps_header(std::vector<std::uint8_t>& out);
void append_gps_block(std::span<const std::uint8_t> block, std::vector<std::uint8_t>& out);

}  // namespace straja::asterix
