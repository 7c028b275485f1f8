#include "asterix/framing.h"

#include <cstdint>
#include <string>

#include "asterix/bits.h"

namespace straja::asterix {
namespace {

bool is_block_sequence(Bytes bytes);

constexpr std::size_t kGpsHeaderSize = 2200;
constexpr std::size_t kGpsTrailerSize = 10;
constexpr std::size_t kOradisHeaderSize = 6;

std::uint32_t read_u32(const std::uint8_t* p, bool big_endian) {
  return big_endian ? (std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 |
                       std::uint32_t{p[2]} << 8 | p[3])
                    : (std::uint32_t{p[3]} << 24 | std::uint32_t{p[2]} << 16 |
                       std::uint32_t{p[1]} << 8 | p[0]);
}
std::uint16_t read_u16e(const std::uint8_t* p, bool big_endian) {
  return big_endian ? static_cast<std::uint16_t>(p[0] << 8 | p[1])
                    : static_cast<std::uint16_t>(p[1] << 8 | p[0]);
}

Error capture_error(const std::string& what, std::size_t offset) {
  return make_error(ErrorCode::kParse, "capture file: " + what, offset);
}

/// The UDP payload of one link-layer frame, or nullopt for anything else.
std::optional<Payload> udp_payload(Bytes frame, std::uint32_t link_type, std::size_t frame_offset) {
  std::size_t ip = 0;
  switch (link_type) {
    case 1: {  // Ethernet, optionally VLAN-tagged
      if (frame.size() < 14) return std::nullopt;
      std::size_t type_at = 12;
      std::uint16_t type = read_u16(frame.data() + type_at);
      while ((type == 0x8100 || type == 0x88A8) && frame.size() >= type_at + 6) {
        type_at += 4;
        type = read_u16(frame.data() + type_at);
      }
      if (type != 0x0800) return std::nullopt;
      ip = type_at + 2;
      break;
    }
    case 113:  // Linux cooked capture
      if (frame.size() < 16 || read_u16(frame.data() + 14) != 0x0800) return std::nullopt;
      ip = 16;
      break;
    case 101:
    case 228:  // raw IPv4
      ip = 0;
      break;
    default:
      return std::nullopt;
  }
  if (frame.size() < ip + 20 || (frame[ip] >> 4) != 4) return std::nullopt;
  const std::size_t header = (frame[ip] & 0x0Fu) * 4u;
  const std::uint16_t total = read_u16(frame.data() + ip + 2);
  const std::uint16_t fragment = read_u16(frame.data() + ip + 6);
  if (frame[ip + 9] != 17 || (fragment & 0x3FFFu) != 0 || header < 20) return std::nullopt;
  const std::size_t udp = ip + header;
  if (frame.size() < udp + 8 || total < header + 8) return std::nullopt;
  std::size_t length = read_u16(frame.data() + udp + 4);
  if (length < 8) return std::nullopt;
  length -= 8;
  if (udp + 8 + length > frame.size()) length = frame.size() - udp - 8;  // snapped capture
  return Payload{frame.subspan(udp + 8, length), frame_offset + udp + 8};
}

Result<std::vector<Payload>> split_pcap(Bytes file, std::size_t* skipped) {
  if (file.size() < 24) return capture_error("pcap header truncated", 0);
  const std::uint32_t magic = read_u32(file.data(), false);
  bool big_endian = false;
  if (magic == 0xA1B2C3D4u || magic == 0xA1B23C4Du) {
    big_endian = false;
  } else if (magic == 0xD4C3B2A1u || magic == 0x4D3CB2A1u) {
    big_endian = true;
  } else {
    return capture_error("not a pcap file", 0);
  }
  const std::uint32_t link_type = read_u32(file.data() + 20, big_endian) & 0xFFFFu;
  std::vector<Payload> payloads;
  std::size_t position = 24;
  while (position < file.size()) {
    if (file.size() - position < 16) return capture_error("packet header truncated", position);
    const std::uint32_t captured = read_u32(file.data() + position + 8, big_endian);
    if (captured > file.size() - position - 16) return capture_error("packet truncated", position);
    const auto frame = file.subspan(position + 16, captured);
    if (auto payload = udp_payload(frame, link_type, position + 16)) {
      payloads.push_back(*payload);
    } else if (skipped != nullptr) {
      ++*skipped;
    }
    position += 16 + captured;
  }
  return payloads;
}

Result<std::vector<Payload>> split_pcapng(Bytes file, std::size_t* skipped) {
  std::vector<Payload> payloads;
  std::vector<std::uint32_t> link_types;
  bool big_endian = false;
  std::size_t position = 0;
  while (position < file.size()) {
    if (file.size() - position < 12) return capture_error("pcapng block truncated", position);
    const std::uint8_t* block = file.data() + position;
    if (read_u32(block, false) == 0x0A0D0D0Au) {
      const std::uint32_t byte_order = read_u32(block + 8, false);
      if (byte_order == 0x1A2B3C4Du) {
        big_endian = false;
      } else if (byte_order == 0x4D3C2B1Au) {
        big_endian = true;
      } else {
        return capture_error("pcapng byte-order magic", position);
      }
      link_types.clear();
    }
    const std::uint32_t type = read_u32(block, big_endian);
    const std::uint32_t length = read_u32(block + 4, big_endian);
    if (length < 12 || length % 4 != 0 || length > file.size() - position) {
      return capture_error("pcapng block length", position);
    }
    if (type == 1 && length >= 20) {  // Interface Description Block
      link_types.push_back(read_u16e(block + 8, big_endian));
    } else if (type == 6 && length >= 32) {  // Enhanced Packet Block
      const std::uint32_t interface = read_u32(block + 8, big_endian);
      const std::uint32_t captured = read_u32(block + 20, big_endian);
      if (captured > length - 32) return capture_error("pcapng packet truncated", position);
      const std::uint32_t link = interface < link_types.size() ? link_types[interface] : 1;
      if (auto payload = udp_payload(file.subspan(position + 28, captured), link, position + 28)) {
        payloads.push_back(*payload);
      } else if (skipped != nullptr) {
        ++*skipped;
      }
    } else if (type == 3 && length >= 16) {  // Simple Packet Block
      const std::uint32_t link = link_types.empty() ? 1 : link_types[0];
      if (auto payload =
              udp_payload(file.subspan(position + 12, length - 16), link, position + 12)) {
        payloads.push_back(*payload);
      } else if (skipped != nullptr) {
        ++*skipped;
      }
    }
    position += length;
  }
  return payloads;
}

bool is_pcapng(Bytes file) {
  return file.size() >= 12 && read_u32(file.data(), false) == 0x0A0D0D0Au;
}
bool is_pcap(Bytes file) {
  if (file.size() < 24) return false;
  const std::uint32_t magic = read_u32(file.data(), false);
  return magic == 0xA1B2C3D4u || magic == 0xA1B23C4Du || magic == 0xD4C3B2A1u ||
         magic == 0x4D3CB2A1u;
}

Result<std::vector<Payload>> split_capture(Bytes file, std::size_t* skipped) {
  return is_pcapng(file) ? split_pcapng(file, skipped) : split_pcap(file, skipped);
}

bool is_gps(Bytes file) {
  if (file.size() < kGpsHeaderSize + 3) return false;
  const std::uint8_t fill = file[0];
  if (fill != 0xCD && fill != ' ') return false;
  for (std::size_t i = 0; i < 64; ++i) {
    if (file[i] != fill) return false;
  }
  const std::size_t length = read_u16(file.data() + kGpsHeaderSize + 1);
  return length >= 3 && kGpsHeaderSize + length <= file.size();
}

}  // namespace

std::optional<Framing> parse_framing(std::string_view name) {
  if (name == "auto") return Framing::kAuto;
  if (name == "raw") return Framing::kRaw;
  if (name == "pcap" || name == "pcapng") return Framing::kPcap;
  if (name == "oradis") return Framing::kOradis;
  if (name == "gps") return Framing::kGps;
  return std::nullopt;
}

std::string_view to_string(Framing framing) {
  switch (framing) {
    case Framing::kAuto:
      return "auto";
    case Framing::kRaw:
      return "raw";
    case Framing::kPcap:
      return "pcap";
    case Framing::kOradis:
      return "oradis";
    case Framing::kGps:
      return "gps";
  }
  return "auto";
}

namespace {
bool is_block_sequence(Bytes bytes) {
  std::size_t position = 0;
  while (position < bytes.size()) {
    if (bytes.size() - position < 3) return false;
    const std::size_t length = read_u16(bytes.data() + position + 1);
    if (length < 3 || length > bytes.size() - position || bytes[position] == 0) return false;
    position += length;
  }
  return !bytes.empty();
}
}  // namespace

/// ORADIS: each data block is preceded by a 6-octet header whose first two octets are the length
/// of header and block together. A header that does not fit hands the rest over unframed, so the
/// block decoder reports it.
void split_oradis(const Payload& packet, std::vector<Payload>& payloads) {
  std::size_t position = 0;
  const Bytes bytes = packet.bytes;
  while (position < bytes.size()) {
    const std::size_t rest = bytes.size() - position;
    std::size_t length = rest < 2 ? 0 : read_u16(bytes.data() + position);
    if (length <= kOradisHeaderSize || length > rest) {
      payloads.push_back(Payload{bytes.subspan(position), packet.file_offset + position});
      return;
    }
    payloads.push_back(
        Payload{bytes.subspan(position + kOradisHeaderSize, length - kOradisHeaderSize),
                packet.file_offset + position + kOradisHeaderSize});
    position += length;
  }
}

bool looks_like_oradis(Bytes bytes) {
  std::size_t position = 0;
  while (position < bytes.size()) {
    const std::size_t rest = bytes.size() - position;
    if (rest < kOradisHeaderSize + 3) return false;
    const std::size_t length = read_u16(bytes.data() + position);
    if (length <= kOradisHeaderSize || length > rest ||
        !is_block_sequence(
            bytes.subspan(position + kOradisHeaderSize, length - kOradisHeaderSize))) {
      return false;
    }
    position += length;
  }
  return !bytes.empty();
}

bool looks_like_blocks(Bytes bytes) {
  return is_block_sequence(bytes);
}

Framing detect_framing(Bytes file) {
  if (is_pcap(file) || is_pcapng(file)) {
    const auto payloads = split_capture(file, nullptr);
    if (payloads.ok()) {
      std::size_t raw = 0;
      std::size_t oradis = 0;
      for (const Payload& p : *payloads) {
        if (looks_like_blocks(p.bytes)) ++raw;
        if (looks_like_oradis(p.bytes)) ++oradis;
      }
      if (oradis > raw) return Framing::kOradis;
    }
    return Framing::kPcap;
  }
  if (is_gps(file)) return Framing::kGps;
  return Framing::kRaw;
}

Result<std::vector<Payload>> split_payloads(Bytes file, Framing framing,
                                            std::size_t* skipped_packets) {
  if (framing == Framing::kAuto) framing = detect_framing(file);
  switch (framing) {
    case Framing::kRaw:
      return std::vector<Payload>{Payload{file, 0}};
    case Framing::kPcap:
      return split_capture(file, skipped_packets);
    case Framing::kOradis: {
      auto packets = split_capture(file, skipped_packets);
      if (!packets.ok()) return packets;
      std::vector<Payload> payloads;
      for (const Payload& packet : *packets) split_oradis(packet, payloads);
      return payloads;
    }
    case Framing::kGps: {
      if (file.size() < kGpsHeaderSize) return capture_error("GPS header truncated", 0);
      std::vector<Payload> payloads;
      std::size_t position = kGpsHeaderSize;
      while (position < file.size()) {
        // Each block is followed by its trailer; a block whose length runs past the file is
        // handed over whole so the block decoder reports it.
        std::size_t length = file.size() - position;
        if (length >= 3) {
          const std::size_t declared = read_u16(file.data() + position + 1);
          if (declared >= 3 && declared <= length) length = declared;
        }
        payloads.push_back(Payload{file.subspan(position, length), position});
        position += length + kGpsTrailerSize;
      }
      return payloads;
    }
    case Framing::kAuto:
      break;
  }
  return std::vector<Payload>{};
}

}  // namespace straja::asterix
