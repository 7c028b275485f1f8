#pragma once
// Big-endian bit access as ASTERIX numbers bits: bit 0 is the most significant bit of octet 0.
// Callers guarantee the range is inside the buffer (the record walker measured it).

#include <cstddef>
#include <cstdint>

namespace straja::asterix {

/// Reads `count` (1..64) bits starting at bit `position` of `data`.
inline std::uint64_t read_bits(const std::uint8_t* data, std::size_t position, unsigned count) {
  std::uint64_t value = 0;
  std::size_t octet = position / 8;
  unsigned skip = static_cast<unsigned>(position % 8);
  unsigned remaining = count;
  while (remaining > 0) {
    const unsigned available = 8 - skip;
    const unsigned take = remaining < available ? remaining : available;
    const unsigned shift = available - take;
    const std::uint64_t bits = (static_cast<unsigned>(data[octet]) >> shift) & ((1u << take) - 1u);
    value = (value << take) | bits;
    remaining -= take;
    skip = 0;
    ++octet;
  }
  return value;
}

/// Writes the low `count` (1..64) bits of `value` at bit `position`; the octets must be zeroed
/// beforehand where they are first written.
inline void write_bits(std::uint8_t* data, std::size_t position, unsigned count,
                       std::uint64_t value) {
  std::size_t octet = position / 8;
  unsigned skip = static_cast<unsigned>(position % 8);
  unsigned remaining = count;
  while (remaining > 0) {
    const unsigned available = 8 - skip;
    const unsigned take = remaining < available ? remaining : available;
    const unsigned shift = available - take;
    const auto bits = static_cast<unsigned>((value >> (remaining - take)) & ((1u << take) - 1u));
    data[octet] = static_cast<std::uint8_t>(data[octet] | (bits << shift));
    remaining -= take;
    skip = 0;
    ++octet;
  }
}

inline std::uint16_t read_u16(const std::uint8_t* data) {
  return static_cast<std::uint16_t>(data[0] << 8 | data[1]);
}
inline std::uint32_t read_u24(const std::uint8_t* data) {
  return static_cast<std::uint32_t>(data[0]) << 16 | static_cast<std::uint32_t>(data[1]) << 8 |
         data[2];
}
inline std::int32_t sign_extend(std::uint64_t raw, unsigned bits) {
  const std::uint64_t sign = std::uint64_t{1} << (bits - 1);
  return static_cast<std::int32_t>(static_cast<std::int64_t>((raw ^ sign) - sign));
}
inline std::int64_t sign_extend64(std::uint64_t raw, unsigned bits) {
  if (bits >= 64) return static_cast<std::int64_t>(raw);
  const std::uint64_t sign = std::uint64_t{1} << (bits - 1);
  return static_cast<std::int64_t>((raw ^ sign) - sign);
}

}  // namespace straja::asterix
