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

std::optional<Cat034SystemStatus> Cat034View::system_status() const {
  const SubitemView common = compound_subitem(record_, 50, "COM");
  if (!common.present() || common.bytes().empty()) return std::nullopt;
  const std::uint8_t bits = common.bytes()[0];
  Cat034SystemStatus status;
  status.operational_use_inhibited = (bits & 0x80u) != 0;
  status.second_processor_chain = (bits & 0x40u) != 0;
  status.processor_reset = (bits & 0x20u) != 0;
  status.processor_overload = (bits & 0x10u) != 0;
  status.transmission_overload = (bits & 0x08u) != 0;
  status.monitoring_disconnected = (bits & 0x04u) != 0;
  status.time_source_invalid = (bits & 0x02u) != 0;
  return status;
}

// ---- CAT001
std::optional<SacSic> Cat001View::data_source() const {
  return source_of(record_.item(10));
}
std::optional<Cat001ReportDescriptor> Cat001View::descriptor() const {
  const Bytes item = record_.item(20);
  if (item.empty()) return std::nullopt;
  const std::uint8_t bits = item[0];
  Cat001ReportDescriptor descriptor;
  descriptor.track = (bits & 0x80u) != 0;
  descriptor.simulated = (bits & 0x40u) != 0;
  descriptor.detection = static_cast<std::uint8_t>((bits >> 4) & 0x03u);
  descriptor.second_antenna = (bits & 0x08u) != 0;
  descriptor.spi = (bits & 0x04u) != 0;
  descriptor.fixed_transponder = (bits & 0x02u) != 0;
  return descriptor;
}
std::optional<PolarPosition> Cat001View::measured_position() const {
  const Bytes item = record_.item(40);
  if (item.size() < 4) return std::nullopt;
  return PolarPosition{read_u16(item.data()) / 128.0,
                       read_u16(item.data() + 2) * (360.0 / 65536.0)};
}
std::optional<Mode3AReply> Cat001View::mode_3a() const {
  return mode_3a_of(record_.item(70));
}
std::optional<FlightLevelReply> Cat001View::flight_level() const {
  const Bytes item = record_.item(90);
  if (item.size() < 2) return std::nullopt;
  return FlightLevelReply{(item[0] & 0x80u) != 0, (item[0] & 0x40u) != 0,
                          sign_extend(read_u16(item.data()) & 0x3FFFu, 14) * 0.25};
}
std::optional<double> Cat001View::truncated_time_of_day_s() const {
  const Bytes item = record_.item(141);
  if (item.size() < 2) return std::nullopt;
  return read_u16(item.data()) * kTimeLsbS;
}

// ---- CAT002
std::optional<std::uint8_t> Cat002View::message_type() const {
  const Bytes item = record_.item(0);
  if (item.empty()) return std::nullopt;
  return item[0];
}
std::optional<SacSic> Cat002View::data_source() const {
  return source_of(record_.item(10));
}
std::optional<double> Cat002View::sector_azimuth_deg() const {
  const Bytes item = record_.item(20);
  if (item.empty()) return std::nullopt;
  return item[0] * (360.0 / 256.0);
}
std::optional<double> Cat002View::time_of_day_s() const {
  return time_of(record_.item(30));
}
std::optional<double> Cat002View::antenna_rotation_period_s() const {
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
std::optional<double> Cat062View::geometric_altitude_ft() const {
  const Bytes item = record_.item(130);
  if (item.size() < 2) return std::nullopt;
  return sign_extend(read_u16(item.data()), 16) * 6.25;
}

}  // namespace straja::asterix

// ---- spec-driven access to compound subitems and named elements
namespace straja::asterix {
namespace {

using spec::child_of;
using spec::node_at;

/// Characters of an ICAO 6-bit or ASCII element at bit `bit`, with spaces and NULs trimmed at
/// both ends (as the JSON output does).
std::optional<Callsign> text_at(const std::uint8_t* data, std::size_t bit, const spec::Node& n) {
  const bool icao = n.content == spec::ContentKind::kIcao;
  if (!icao && n.content != spec::ContentKind::kAscii) return std::nullopt;
  const unsigned width = icao ? 6u : 8u;
  const unsigned count = n.bits / width;
  if (count > 8) return std::nullopt;
  Callsign text;
  for (unsigned i = 0; i < count; ++i) {
    const auto code = read_bits(data, bit + i * width, width);
    text.chars[i] = icao ? kIcaoChars[code] : static_cast<char>(code);
  }
  std::uint8_t begin = 0;
  auto end = static_cast<std::uint8_t>(count);
  while (end > 0 && (text.chars[end - 1] == ' ' || text.chars[end - 1] == '\0')) --end;
  while (begin < end && (text.chars[begin] == ' ' || text.chars[begin] == '\0')) ++begin;
  for (std::uint8_t i = begin; i < end; ++i) text.chars[i - begin] = text.chars[i];
  text.length = static_cast<std::uint8_t>(end - begin);
  return text;
}

}  // namespace

std::optional<SubitemView::Located> SubitemView::locate(std::string_view element) const {
  if (node_ == nullptr) return std::nullopt;
  if (element.empty()) {
    if (node_->kind != spec::NodeKind::kElement) return std::nullopt;
    return Located{node_, 0};
  }
  // Top-level elements of a group, or of an extended item's extents that are present.
  if (node_->kind != spec::NodeKind::kGroup && node_->kind != spec::NodeKind::kExtended)
    return std::nullopt;
  std::size_t bit = 0;
  for (std::size_t i = 0; i < node_->child_count; ++i) {
    const spec::Node& child = child_of(*node_, i);
    if (child.fixed_bits == 0) return std::nullopt;  // nothing fixed-position beyond this
    if (bit + child.fixed_bits > bytes_.size() * 8) return std::nullopt;  // extent not present
    if (child.kind == spec::NodeKind::kElement && child.name == element)
      return Located{&child, bit};
    bit += child.fixed_bits;
  }
  return std::nullopt;
}

std::optional<std::uint64_t> SubitemView::raw(std::string_view element) const {
  const auto at = locate(element);
  if (!at) return std::nullopt;
  return read_bits(bytes_.data(), at->bit, at->node->bits);
}

std::optional<double> SubitemView::value(std::string_view element) const {
  const auto at = locate(element);
  if (!at) return std::nullopt;
  const spec::Node& n = *at->node;
  const std::uint64_t bits = read_bits(bytes_.data(), at->bit, n.bits);
  switch (n.content) {
    case spec::ContentKind::kUnsignedQuantity:
      return static_cast<double>(bits) * n.lsb;
    case spec::ContentKind::kSignedQuantity:
      return static_cast<double>(sign_extend64(bits, n.bits)) * n.lsb;
    case spec::ContentKind::kSignedInteger:
      return static_cast<double>(sign_extend64(bits, n.bits));
    case spec::ContentKind::kUnsignedInteger:
    case spec::ContentKind::kTable:
    case spec::ContentKind::kRaw:
      return static_cast<double>(bits);
    default:
      return std::nullopt;
  }
}

std::optional<Callsign> SubitemView::text(std::string_view element) const {
  const auto at = locate(element);
  if (!at) return std::nullopt;
  return text_at(bytes_.data(), at->bit, *at->node);
}

SubitemView compound_subitem(const RecordView& record, int item_number, std::string_view name) {
  const int frn = record.edition.frn_of(record.variation, item_number);
  const Bytes item = record.frn_bytes(frn);
  if (item.empty()) return {};
  const spec::Node& root = node_at(record.item_spec(frn).root);
  if (root.kind != spec::NodeKind::kCompound) return {};
  // The record walker measured the item, so its FSPEC and subitems are inside `item`.
  std::size_t position = 0;
  std::uint64_t present = 0;
  int slot = 0;
  std::uint8_t octet = 0;
  do {
    octet = item[position++];
    for (int bit = 7; bit >= 1; --bit, ++slot) {
      if (((octet >> bit) & 1) != 0 && slot < 64) present |= std::uint64_t{1} << slot;
    }
  } while ((octet & 1u) != 0);
  for (std::size_t i = 0; i < root.child_count && i < 64; ++i) {
    if ((present >> i & 1u) == 0) continue;
    const spec::Node& child = child_of(root, i);
    const Measured measured = measure(child, item.data() + position, item.size() - position);
    if (measured.error) return {};
    if (child.name == name) return SubitemView(item.subspan(position, measured.size), &child);
    position += measured.size;
  }
  return {};
}

SubitemView item_view(const RecordView& record, int item_number) {
  const int frn = record.edition.frn_of(record.variation, item_number);
  const Bytes item = record.frn_bytes(frn);
  if (item.empty()) return {};
  return SubitemView(item, &node_at(record.item_spec(frn).root));
}

// ---- CAT021 (2.x), further items
namespace {

std::optional<RangedValue> ranged_signed(Bytes item, double lsb) {
  if (item.size() < 2) return std::nullopt;
  return RangedValue{(item[0] & 0x80u) != 0,
                     sign_extend(read_u16(item.data()) & 0x7FFFu, 15) * lsb};
}
std::optional<PreciseTime> precise_time_of(Bytes item) {
  if (item.size() < 4) return std::nullopt;
  const std::uint64_t raw = read_bits(item.data(), 0, 32);
  return PreciseTime{static_cast<std::uint8_t>(raw >> 30),
                     static_cast<double>(raw & 0x3FFFFFFFu) / 1073741824.0};
}

}  // namespace

std::optional<Cat021ReportDescriptor> Cat021View::target_report_descriptor() const {
  const Bytes item = record_.item(40);
  if (!edition_2x() || item.empty()) return std::nullopt;
  Cat021ReportDescriptor d;
  d.address_type = static_cast<std::uint8_t>(item[0] >> 5);
  d.altitude_reporting_capability = static_cast<std::uint8_t>(item[0] >> 3 & 3u);
  d.range_check_passed = (item[0] & 0x04u) != 0;
  d.field_monitor = (item[0] & 0x02u) != 0;
  if ((item[0] & 1u) != 0 && item.size() >= 2) {
    d.differential_correction = (item[1] & 0x80u) != 0;
    d.ground_bit_set = (item[1] & 0x40u) != 0;
    d.simulated = (item[1] & 0x20u) != 0;
    d.test_target = (item[1] & 0x10u) != 0;
    d.selected_altitude_available = (item[1] & 0x08u) != 0;
    d.confidence_level = static_cast<std::uint8_t>(item[1] >> 1 & 3u);
  }
  return d;
}
std::optional<double> Cat021View::time_of_applicability_velocity_s() const {
  return edition_2x() ? time_of(record_.item(72)) : std::nullopt;
}
std::optional<PreciseTime> Cat021View::time_of_message_reception_position_precise() const {
  return edition_2x() ? precise_time_of(record_.item(74)) : std::nullopt;
}
std::optional<double> Cat021View::time_of_message_reception_velocity_s() const {
  return edition_2x() ? time_of(record_.item(75)) : std::nullopt;
}
std::optional<PreciseTime> Cat021View::time_of_message_reception_velocity_precise() const {
  return edition_2x() ? precise_time_of(record_.item(76)) : std::nullopt;
}
std::optional<double> Cat021View::time_of_report_transmission_s() const {
  return edition_2x() ? time_of(record_.item(77)) : std::nullopt;
}
std::optional<Airspeed> Cat021View::air_speed() const {
  const Bytes item = record_.item(150);
  if (!edition_2x() || item.size() < 2) return std::nullopt;
  const bool mach = (item[0] & 0x80u) != 0;
  const unsigned raw = read_u16(item.data()) & 0x7FFFu;
  return Airspeed{mach, mach ? raw * 0.001 : raw * kNmPerS2Kt};
}
std::optional<RangedValue> Cat021View::true_airspeed_kt() const {
  const Bytes item = record_.item(151);
  if (!edition_2x() || item.size() < 2) return std::nullopt;
  return RangedValue{(item[0] & 0x80u) != 0, static_cast<double>(read_u16(item.data()) & 0x7FFFu)};
}
std::optional<double> Cat021View::magnetic_heading_deg() const {
  const Bytes item = record_.item(152);
  if (!edition_2x() || item.size() < 2) return std::nullopt;
  return read_u16(item.data()) * (360.0 / 65536.0);
}
std::optional<RangedValue> Cat021View::barometric_vertical_rate_ft_min() const {
  return edition_2x() ? ranged_signed(record_.item(155), 6.25) : std::nullopt;
}
std::optional<RangedValue> Cat021View::geometric_vertical_rate_ft_min() const {
  return edition_2x() ? ranged_signed(record_.item(157), 6.25) : std::nullopt;
}
std::optional<bool> Cat021View::ground_vector_range_exceeded() const {
  const Bytes item = record_.item(160);
  if (!edition_2x() || item.size() < 4) return std::nullopt;
  return (item[0] & 0x80u) != 0;
}
std::optional<std::uint16_t> Cat021View::track_number() const {
  const Bytes item = record_.item(161);
  if (!edition_2x() || item.size() < 2) return std::nullopt;
  return static_cast<std::uint16_t>(read_u16(item.data()) & 0x0FFFu);
}
std::optional<Cat021TargetStatus> Cat021View::target_status() const {
  const SubitemView item = item_view(record_, 200);
  if (!edition_2x() || item.bytes().empty()) return std::nullopt;
  const std::uint8_t octet = item.bytes()[0];
  Cat021TargetStatus status;
  status.intent_change = (octet & 0x80u) != 0;
  status.lnav_not_engaged = (octet & 0x40u) != 0;
  if (const auto me = item.raw("ME")) status.military_emergency = *me != 0;
  status.priority_status = static_cast<std::uint8_t>(octet >> 2 & 7u);
  status.surveillance_status = static_cast<std::uint8_t>(octet & 3u);
  return status;
}
std::optional<MopsVersion> Cat021View::mops_version() const {
  const Bytes item = record_.item(210);
  if (!edition_2x() || item.empty()) return std::nullopt;
  return MopsVersion{(item[0] & 0x40u) != 0, static_cast<std::uint8_t>(item[0] >> 3 & 7u),
                     static_cast<std::uint8_t>(item[0] & 7u)};
}

// ---- CAT062, further items
std::optional<double> Cat062View::subitem_value(int item, std::string_view subitem,
                                                std::string_view element) const {
  return compound_subitem(record_, item, subitem).value(element);
}
std::optional<Callsign> Cat062View::subitem_text(int item, std::string_view subitem) const {
  return compound_subitem(record_, item, subitem).text();
}
std::optional<std::uint8_t> Cat062View::service_identification() const {
  const Bytes item = record_.item(15);
  if (item.empty()) return std::nullopt;
  return item[0];
}
std::optional<Cat062TrackStatus> Cat062View::track_status() const {
  const Bytes item = record_.item(80);
  if (item.empty()) return std::nullopt;
  Cat062TrackStatus status;
  status.monosensor = (item[0] & 0x80u) != 0;
  status.spi = (item[0] & 0x40u) != 0;
  status.most_reliable_height_geometric = (item[0] & 0x20u) != 0;
  status.altitude_source = static_cast<std::uint8_t>(item[0] >> 2 & 7u);
  status.tentative = (item[0] & 0x02u) != 0;
  if (item.size() >= 2) {
    status.simulated = (item[1] & 0x80u) != 0;
    status.last_message = (item[1] & 0x40u) != 0;
    status.first_message = (item[1] & 0x20u) != 0;
  }
  if (item.size() >= 4) status.coasting = (item[3] & 0x80u) != 0;
  return status;
}
std::optional<ModeOfMovement> Cat062View::mode_of_movement() const {
  const Bytes item = record_.item(200);
  if (item.empty()) return std::nullopt;
  return ModeOfMovement{static_cast<std::uint8_t>(item[0] >> 6),
                        static_cast<std::uint8_t>(item[0] >> 4 & 3u),
                        static_cast<std::uint8_t>(item[0] >> 2 & 3u), (item[0] & 0x02u) != 0};
}
std::optional<double> Cat062View::update_age_s(std::string_view subitem) const {
  return subitem_value(290, subitem);
}
std::optional<double> Cat062View::data_age_s(std::string_view subitem) const {
  return subitem_value(295, subitem);
}
std::optional<IcaoAddress> Cat062View::target_address() const {
  const SubitemView adr = compound_subitem(record_, 380, "ADR");
  if (adr.bytes().size() < 3) return std::nullopt;
  return IcaoAddress{read_u24(adr.bytes().data())};
}
std::optional<Callsign> Cat062View::target_identification() const {
  return subitem_text(380, "ID");
}
std::optional<double> Cat062View::magnetic_heading_deg() const {
  return subitem_value(380, "MHG");
}
std::optional<Airspeed> Cat062View::indicated_airspeed() const {
  const SubitemView ias = compound_subitem(record_, 380, "IAS");
  if (ias.bytes().size() < 2) return std::nullopt;
  const bool mach = (ias.bytes()[0] & 0x80u) != 0;
  const unsigned raw = read_u16(ias.bytes().data()) & 0x7FFFu;
  return Airspeed{mach, mach ? raw * 0.001 : raw * kNmPerS2Kt};
}
std::optional<double> Cat062View::true_airspeed_kt() const {
  return subitem_value(380, "TAS");
}
std::optional<double> Cat062View::selected_altitude_ft() const {
  return subitem_value(380, "SAL", "ALT");
}
std::optional<double> Cat062View::barometric_vertical_rate_ft_min() const {
  return subitem_value(380, "BVR");
}
std::optional<double> Cat062View::geometric_vertical_rate_ft_min() const {
  return subitem_value(380, "GVR");
}
std::optional<double> Cat062View::ground_speed_kt() const {
  const auto nm_per_s = subitem_value(380, "GS");
  if (!nm_per_s) return std::nullopt;
  return *nm_per_s * 3600.0;
}
std::optional<double> Cat062View::track_angle_deg() const {
  return subitem_value(380, "TAN");
}
std::optional<double> Cat062View::mach() const {
  return subitem_value(380, "MAC");
}
std::optional<Callsign> Cat062View::flight_plan_callsign() const {
  return subitem_text(390, "CS");
}
std::optional<Callsign> Cat062View::aircraft_type() const {
  return subitem_text(390, "TAC");
}
std::optional<Callsign> Cat062View::wake_turbulence_category() const {
  return subitem_text(390, "WTC");
}
std::optional<Callsign> Cat062View::departure_airport() const {
  return subitem_text(390, "DEP");
}
std::optional<Callsign> Cat062View::destination_airport() const {
  return subitem_text(390, "DST");
}
std::optional<double> Cat062View::cleared_flight_level() const {
  return subitem_value(390, "CFL");
}
std::optional<Pair> Cat062View::position_accuracy_m() const {
  const SubitemView apc = compound_subitem(record_, 500, "APC");
  const auto x = apc.value("X");
  const auto y = apc.value("Y");
  if (!x || !y) return std::nullopt;
  return Pair{*x, *y};
}
std::optional<Pair> Cat062View::velocity_accuracy_m_s() const {
  const SubitemView atv = compound_subitem(record_, 500, "ATV");
  const auto x = atv.value("X");
  const auto y = atv.value("Y");
  if (!x || !y) return std::nullopt;
  return Pair{*x, *y};
}
std::optional<double> Cat062View::position_covariance_root_m() const {
  return subitem_value(500, "COV");
}
std::optional<double> Cat062View::barometric_altitude_accuracy_fl() const {
  return subitem_value(500, "ABA");
}
std::optional<double> Cat062View::geometric_altitude_accuracy_ft() const {
  return subitem_value(500, "AGA");
}
std::optional<SacSic> Cat062View::measured_sensor() const {
  const SubitemView sid = compound_subitem(record_, 340, "SID");
  if (sid.bytes().size() < 2) return std::nullopt;
  return SacSic{sid.bytes()[0], sid.bytes()[1]};
}
std::optional<PolarPosition> Cat062View::measured_polar_position() const {
  const SubitemView pos = compound_subitem(record_, 340, "POS");
  const auto rho = pos.value("RHO");
  const auto theta = pos.value("THETA");
  if (!rho || !theta) return std::nullopt;
  return PolarPosition{*rho, *theta};
}
std::optional<double> Cat062View::measured_height_ft() const {
  return subitem_value(340, "HEIGHT");
}
std::optional<FlightLevelReply> Cat062View::measured_mode_c() const {
  const SubitemView mdc = compound_subitem(record_, 340, "MDC");
  if (mdc.bytes().size() < 2) return std::nullopt;
  const Bytes b = mdc.bytes();
  return FlightLevelReply{(b[0] & 0x80u) != 0, (b[0] & 0x40u) != 0,
                          sign_extend(read_u16(b.data()) & 0x3FFFu, 14) * 0.25};
}
std::optional<Mode3AReply> Cat062View::measured_mode_3a() const {
  return mode_3a_of(compound_subitem(record_, 340, "MDA").bytes());
}
std::optional<std::uint8_t> Cat062View::measured_report_type() const {
  const SubitemView typ = compound_subitem(record_, 340, "TYP");
  if (typ.bytes().empty()) return std::nullopt;
  return static_cast<std::uint8_t>(typ.bytes()[0] >> 5);
}

}  // namespace straja::asterix
