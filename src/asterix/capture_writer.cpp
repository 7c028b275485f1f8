#include "asterix/capture_writer.h"

namespace straja::asterix {
namespace {

void put_le32(std::uint32_t value, std::vector<std::uint8_t>& out) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}
void put_le16(std::uint16_t value, std::vector<std::uint8_t>& out) {
  out.push_back(static_cast<std::uint8_t>(value));
  out.push_back(static_cast<std::uint8_t>(value >> 8));
}
void put_be16(std::uint32_t value, std::vector<std::uint8_t>& out) {
  out.push_back(static_cast<std::uint8_t>(value >> 8));
  out.push_back(static_cast<std::uint8_t>(value));
}
void put_be32(std::uint32_t value, std::vector<std::uint8_t>& out) {
  put_be16(value >> 16, out);
  put_be16(value & 0xFFFFu, out);
}

constexpr std::size_t kGpsHeaderSize = 2200;
constexpr std::size_t kGpsTrailerSize = 10;

}  // namespace

void append_pcap_header(std::vector<std::uint8_t>& out) {
  put_le32(0xA1B2C3D4u, out);  // microsecond resolution, little-endian
  put_le16(2, out);
  put_le16(4, out);
  put_le32(0, out);      // this zone
  put_le32(0, out);      // sigfigs
  put_le32(65535, out);  // snap length
  put_le32(1, out);      // Ethernet
}

void append_pcap_udp_packet(std::span<const std::uint8_t> payload, const UdpPacketInfo& info,
                            std::vector<std::uint8_t>& out) {
  const auto udp_length = static_cast<std::uint32_t>(8 + payload.size());
  const std::uint32_t ip_length = 20 + udp_length;
  const std::uint32_t frame_length = 14 + ip_length;
  put_le32(static_cast<std::uint32_t>(info.time_us / 1'000'000), out);
  put_le32(static_cast<std::uint32_t>(info.time_us % 1'000'000), out);
  put_le32(frame_length, out);
  put_le32(frame_length, out);
  // Ethernet: a multicast destination MAC for multicast groups, else a local one.
  const bool multicast = (info.destination_ip >> 28) == 0xEu;
  const std::uint8_t destination_mac[6] = {
      multicast ? std::uint8_t{0x01} : std::uint8_t{0x02},
      0x00,
      0x5E,
      static_cast<std::uint8_t>((info.destination_ip >> 16) & 0x7Fu),
      static_cast<std::uint8_t>(info.destination_ip >> 8),
      static_cast<std::uint8_t>(info.destination_ip)};
  out.insert(out.end(), destination_mac, destination_mac + 6);
  const std::uint8_t source_mac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
  out.insert(out.end(), source_mac, source_mac + 6);
  put_be16(0x0800, out);
  // IPv4 header with its checksum.
  std::vector<std::uint8_t> ip;
  ip.reserve(20);
  ip.push_back(0x45);
  ip.push_back(0);
  put_be16(ip_length, ip);
  put_be16(0, ip);       // identification
  put_be16(0x4000, ip);  // don't fragment
  ip.push_back(64);      // TTL
  ip.push_back(17);      // UDP
  put_be16(0, ip);       // checksum, below
  put_be32(info.source_ip, ip);
  put_be32(info.destination_ip, ip);
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < ip.size(); i += 2)
    sum += static_cast<std::uint32_t>(ip[i] << 8 | ip[i + 1]);
  while (sum > 0xFFFFu) sum = (sum & 0xFFFFu) + (sum >> 16);
  const auto checksum = static_cast<std::uint16_t>(~sum);
  ip[10] = static_cast<std::uint8_t>(checksum >> 8);
  ip[11] = static_cast<std::uint8_t>(checksum);
  out.insert(out.end(), ip.begin(), ip.end());
  put_be16(info.source_port, out);
  put_be16(info.destination_port, out);
  put_be16(udp_length, out);
  put_be16(0, out);  // UDP checksum optional over IPv4
  out.insert(out.end(), payload.begin(), payload.end());
}

void append_oradis_block(std::span<const std::uint8_t> block, std::vector<std::uint8_t>& out) {
  put_be16(static_cast<std::uint32_t>(block.size() + 6), out);
  out.insert(out.end(), 4, 0);
  out.insert(out.end(), block.begin(), block.end());
}

void append_gps_header(std::vector<std::uint8_t>& out) {
  out.insert(out.end(), kGpsHeaderSize, 0xCD);  // the fill byte of real recordings
}

void append_gps_block(std::span<const std::uint8_t> block, std::vector<std::uint8_t>& out) {
  out.insert(out.end(), block.begin(), block.end());
  out.insert(out.end(), kGpsTrailerSize, 0);
}

}  // namespace straja::asterix
