#include "asterix/typed.h"

#include "asterix/bits.h"

namespace straja::asterix {
namespace {

constexpr double kTimeLsbS = 1.0 / 128.0;
constexpr double kNmPerS2Kt = 3600.0 / 16384.0;  // 2^-14 NM/s in knots
constexpr std::string_view kIcaoChars =
    " ABCDEFGHIJKLMNOPQRSTUVWXYZ                     0123456789      ";

std::optional<SacSic> source_of(Bytes item) {
  if (item.size() < 2) return std::nullopt;
  return SacSic{item[0], item[1]};
}
std::optional<double> time_of(Bytes item) {
  if (item.size() < 3) return std::nullopt;
  return read_u24(item.data()) * kTimeLsbS;
}
std::optional<Mode3AReply> mode_3a_of(Bytes item) {
  if (item.size() < 2) return std::nullopt;
  return Mode3AReply{(item[0] & 0x80u) != 0, (item[0] & 0x40u) != 0, (item[0] & 0x20u) != 0,
                     static_cast<std::uint16_t>(read_u16(item.data()) & 0x0FFFu)};
}
std::optional<IcaoAddress> address_of(Bytes item) {
  if (item.size() < 3) return std::nullopt;
  return IcaoAddress{read_u24(item.data())};
}

}  // namespace

Callsign decode_callsign(const std::uint8_t* six_octets) {
  Callsign callsign;
  // The 48 bits in one integer, then eight 6-bit codes from the most significant end.
  std::uint64_t bits = 0;
  for (unsigned i = 0; i < 6; ++i) bits = bits << 8 | six_octets[i];
  for (unsigned i = 0; i < 8; ++i) callsign.chars[i] = kIcaoChars[(bits >> (42 - 6 * i)) & 0x3Fu];
  std::uint8_t begin = 0;
  std::uint8_t end = 8;
  while (end > 0 && callsign.chars[end - 1] == ' ') --end;
  while (begin < end && callsign.chars[begin] == ' ') ++begin;
  for (std::uint8_t i = begin; i < end; ++i) callsign.chars[i - begin] = callsign.chars[i];
  callsign.length = static_cast<std::uint8_t>(end - begin);
  return callsign;
}

// ---- CAT048
std::optional<SacSic> Cat048View::data_source() const {
  return source_of(record_.item(10));
}
std::optional<double> Cat048View::time_of_day_s() const {
  return time_of(record_.item(140));
}
std::optional<std::uint8_t> Cat048View::detection_type() const {
  const Bytes item = record_.item(20);
  if (item.empty()) return std::nullopt;
  return static_cast<std::uint8_t>(item[0] >> 5);
}
std::optional<PolarPosition> Cat048View::measured_position() const {
  const Bytes item = record_.item(40);
  if (item.size() < 4) return std::nullopt;
  return PolarPosition{read_u16(item.data()) / 256.0,
                       read_u16(item.data() + 2) * (360.0 / 65536.0)};
}
std::optional<Mode3AReply> Cat048View::mode_3a() const {
  return mode_3a_of(record_.item(70));
}
std::optional<FlightLevelReply> Cat048View::flight_level() const {
  const Bytes item = record_.item(90);
  if (item.size() < 2) return std::nullopt;
  return FlightLevelReply{(item[0] & 0x80u) != 0, (item[0] & 0x40u) != 0,
                          sign_extend(read_u16(item.data()) & 0x3FFFu, 14) * 0.25};
}
std::optional<IcaoAddress> Cat048View::aircraft_address() const {
  return address_of(record_.item(220));
}
std::optional<Callsign> Cat048View::aircraft_identification() const {
  const Bytes item = record_.item(240);
  if (item.size() < 6) return std::nullopt;
  return decode_callsign(item.data());
}
std::optional<std::uint16_t> Cat048View::track_number() const {
  const Bytes item = record_.item(161);
  if (item.size() < 2) return std::nullopt;
  return static_cast<std::uint16_t>(read_u16(item.data()) & 0x0FFFu);
}
std::optional<double> Cat048View::ground_speed_kt() const {
  const Bytes item = record_.item(200);
  if (item.size() < 4) return std::nullopt;
  return read_u16(item.data()) * kNmPerS2Kt;
}
std::optional<double> Cat048View::heading_deg() const {
  const Bytes item = record_.item(200);
  if (item.size() < 4) return std::nullopt;
  return read_u16(item.data() + 2) * (360.0 / 65536.0);
}
std::optional<std::uint8_t> Cat048View::track_status() const {
  const Bytes item = record_.item(170);
  if (item.empty()) return std::nullopt;
  return item[0];
}
std::optional<std::uint8_t> Cat048View::communications_capability() const {
  const Bytes item = record_.item(230);
  if (item.empty()) return std::nullopt;
  return static_cast<std::uint8_t>(item[0] >> 5);
}
std::optional<double> Cat048View::height_3d_ft() const {
  const Bytes item = record_.item(110);
  if (item.size() < 2) return std::nullopt;
  return sign_extend(read_u16(item.data()) & 0x3FFFu, 14) * 25.0;
}

// ---- CAT034
std::optional<std::uint8_t> Cat034View::message_type() const {
  const Bytes item = record_.item(0);
  if (item.empty()) return std::nullopt;
  return item[0];
}
std::optional<SacSic> Cat034View::data_source() const {
  return source_of(record_.item(10));
}
std::optional<double> Cat034View::time_of_day_s() const {
  return time_of(record_.item(30));
}
std::optional<double> Cat034View::sector_azimuth_deg() const {
  const Bytes item = record_.item(20);
  if (item.empty()) return std::nullopt;
  return item[0] * (360.0 / 256.0);
}
std::optional<double> Cat034View::antenna_rotation_period_s() const {
  const Bytes item = record_.item(41);
  if (item.size() < 2) return std::nullopt;
  return read_u16(item.data()) * kTimeLsbS;
}

// ---- CAT021 (2.x)
std::optional<SacSic> Cat021View::data_source() const {
  return source_of(record_.item(10));
}
std::optional<double> Cat021View::time_of_applicability_position_s() const {
  return edition_2x() ? time_of(record_.item(71)) : std::nullopt;
}
std::optional<double> Cat021View::time_of_message_reception_position_s() const {
  return edition_2x() ? time_of(record_.item(73)) : std::nullopt;
}
std::optional<double> Cat021View::latitude_deg() const {
  if (!edition_2x()) return std::nullopt;
  if (const Bytes fine = record_.item(131); fine.size() >= 8) {
    return sign_extend(read_bits(fine.data(), 0, 32), 32) * (180.0 / 1073741824.0);
  }
  if (const Bytes coarse = record_.item(130); coarse.size() >= 6) {
    return sign_extend(read_u24(coarse.data()), 24) * (180.0 / 8388608.0);
  }
  return std::nullopt;
}
std::optional<double> Cat021View::longitude_deg() const {
  if (!edition_2x()) return std::nullopt;
  if (const Bytes fine = record_.item(131); fine.size() >= 8) {
    return sign_extend(read_bits(fine.data(), 32, 32), 32) * (180.0 / 1073741824.0);
  }
  if (const Bytes coarse = record_.item(130); coarse.size() >= 6) {
    return sign_extend(read_u24(coarse.data() + 3), 24) * (180.0 / 8388608.0);
  }
  return std::nullopt;
}
std::optional<IcaoAddress> Cat021View::target_address() const {
  return address_of(record_.item(80));
}
std::optional<double> Cat021View::flight_level() const {
  const Bytes item = record_.item(145);
  if (item.size() < 2) return std::nullopt;
  return sign_extend(read_u16(item.data()), 16) * 0.25;
}
std::optional<double> Cat021View::ground_speed_kt() const {
  const Bytes item = record_.item(160);
  if (!edition_2x() || item.size() < 4) return std::nullopt;
  return (read_u16(item.data()) & 0x7FFFu) * kNmPerS2Kt;
}
std::optional<double> Cat021View::track_angle_deg() const {
  const Bytes item = record_.item(160);
  if (!edition_2x() || item.size() < 4) return std::nullopt;
  return read_u16(item.data() + 2) * (360.0 / 65536.0);
}
std::optional<Callsign> Cat021View::target_identification() const {
  const Bytes item = record_.item(170);
  if (item.size() < 6) return std::nullopt;
  return decode_callsign(item.data());
}
std::optional<Mode3AReply> Cat021View::mode_3a() const {
  const Bytes item = record_.item(70);
  if (item.size() < 2) return std::nullopt;
  return Mode3AReply{false, false, false,
                     static_cast<std::uint16_t>(read_u16(item.data()) & 0x0FFFu)};
}
std::optional<double> Cat021View::geometric_height_ft() const {
  const Bytes item = record_.item(140);
  if (item.size() < 2) return std::nullopt;
  return sign_extend(read_u16(item.data()), 16) * 6.25;
}

// ---- CAT062
std::optional<SacSic> Cat062View::data_source() const {
  return source_of(record_.item(10));
}
std::optional<double> Cat062View::time_of_track_s() const {
  return time_of(record_.item(70));
}
std::optional<std::uint16_t> Cat062View::track_number() const {
  const Bytes item = record_.item(40);
  if (item.size() < 2) return std::nullopt;
  return read_u16(item.data());
}
std::optional<double> Cat062View::latitude_deg() const {
  const Bytes item = record_.item(105);
  if (item.size() < 8) return std::nullopt;
  return sign_extend(read_bits(item.data(), 0, 32), 32) * (180.0 / 33554432.0);
}
std::optional<double> Cat062View::longitude_deg() const {
  const Bytes item = record_.item(105);
  if (item.size() < 8) return std::nullopt;
  return sign_extend(read_bits(item.data(), 32, 32), 32) * (180.0 / 33554432.0);
}
std::optional<double> Cat062View::x_m() const {
  const Bytes item = record_.item(100);
  if (item.size() < 6) return std::nullopt;
  return sign_extend(read_u24(item.data()), 24) * 0.5;
}
std::optional<double> Cat062View::y_m() const {
  const Bytes item = record_.item(100);
  if (item.size() < 6) return std::nullopt;
  return sign_extend(read_u24(item.data() + 3), 24) * 0.5;
}
std::optional<double> Cat062View::vx_m_s() const {
  const Bytes item = record_.item(185);
  if (item.size() < 4) return std::nullopt;
  return sign_extend(read_u16(item.data()), 16) * 0.25;
}
std::optional<double> Cat062View::vy_m_s() const {
  const Bytes item = record_.item(185);
  if (item.size() < 4) return std::nullopt;
  return sign_extend(read_u16(item.data() + 2), 16) * 0.25;
}
std::optional<Mode3AReply> Cat062View::mode_3a() const {
  const Bytes item = record_.item(60);
  if (item.size() < 2) return std::nullopt;
  return Mode3AReply{false, false, false,
                     static_cast<std::uint16_t>(read_u16(item.data()) & 0x0FFFu)};
}
std::optional<double> Cat062View::measured_flight_level() const {
  const Bytes item = record_.item(136);
  if (item.size() < 2) return std::nullopt;
  return sign_extend(read_u16(item.data()), 16) * 0.25;
}

}  // namespace straja::asterix
