#pragma once
// Typed, zero-copy access to the items the tracker needs (CAT048, CAT034, CAT021, CAT062). Each
// view wraps a RecordView and decodes an item only when asked; nothing is copied or allocated.
// Values are in the units the specification uses, named in each field (nm, deg, fl, kt, ...).
// Every accessor returns nullopt when the item is absent. The item layouts read here are the
// same in every supported edition of the category (checked against the generated tables by
// typed_test.cpp).

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "asterix/record.h"
#include "core/ids.h"

namespace straja::asterix {

/// Mode 3/A reply: the code and its validity flags.
struct Mode3AReply {
  bool not_validated = false;                   ///< V
  bool garbled = false;                         ///< G
  bool smoothed_or_not_from_last_scan = false;  ///< L
  std::uint16_t code = 0;  ///< 12 bits; octal digits ABCD = code >> 9, >> 6, >> 3, & 7
};

/// Flight level in two's complement, 1/4 FL.
struct FlightLevelReply {
  bool not_validated = false;
  bool garbled = false;
  double flight_level = 0;  ///< hundreds of feet
};

struct PolarPosition {
  double range_nm = 0;
  double azimuth_deg = 0;
};

/// Up to 8 characters, space-trimmed (no allocation).
struct Callsign {
  std::array<char, 8> chars{};
  std::uint8_t length = 0;
  std::string_view view() const { return {chars.data(), length}; }
};

/// Decodes the ICAO 6-bit characters of a 48-bit field (I048/240, I021/170, I062/245).
Callsign decode_callsign(const std::uint8_t* six_octets);

class Cat048View {
 public:
  explicit Cat048View(const RecordView& record) : record_(record) {}
  std::optional<SacSic> data_source() const;               ///< I010
  std::optional<double> time_of_day_s() const;             ///< I140, 1/128 s
  std::optional<std::uint8_t> detection_type() const;      ///< I020 TYP
  std::optional<PolarPosition> measured_position() const;  ///< I040
  std::optional<Mode3AReply> mode_3a() const;              ///< I070
  std::optional<FlightLevelReply> flight_level() const;    ///< I090 (signed in every edition)
  Bytes radar_plot_characteristics() const { return record_.item(130); }  ///< I130 (generic view)
  std::optional<IcaoAddress> aircraft_address() const;                    ///< I220
  std::optional<Callsign> aircraft_identification() const;                ///< I240
  Bytes mode_s_mb_data() const { return record_.item(250); }  ///< I250: count, then 8-octet BDS
  std::optional<std::uint16_t> track_number() const;          ///< I161, 12 bits
  std::optional<double> ground_speed_kt() const;              ///< I200 speed (2^-14 NM/s)
  std::optional<double> heading_deg() const;                  ///< I200 heading
  std::optional<std::uint8_t> track_status() const;  ///< I170 first octet (CNF RAD DOU MAH CDM FX)
  std::optional<std::uint8_t> communications_capability() const;  ///< I230 COM (3 bits)
  std::optional<double> height_3d_ft() const;                     ///< I110, signed, 25 ft

 private:
  const RecordView& record_;
};

class Cat034View {
 public:
  explicit Cat034View(const RecordView& record) : record_(record) {}
  std::optional<std::uint8_t> message_type() const;  ///< I000 (1 north marker, 2 sector, ...)
  std::optional<SacSic> data_source() const;         ///< I010
  std::optional<double> time_of_day_s() const;       ///< I030
  std::optional<double> sector_azimuth_deg() const;  ///< I020, 360/2^8
  std::optional<double> antenna_rotation_period_s() const;           ///< I041, 1/128 s
  Bytes system_configuration() const { return record_.item(50); }    ///< I050 (generic view)
  Bytes system_processing_mode() const { return record_.item(60); }  ///< I060 (generic view)

 private:
  const RecordView& record_;
};

/// CAT021 editions 2.x (0.2x have different items; use the generic view for them).
class Cat021View {
 public:
  explicit Cat021View(const RecordView& record) : record_(record) {}
  std::optional<SacSic> data_source() const;                           ///< I010
  std::optional<double> time_of_applicability_position_s() const;      ///< I071, 1/128 s
  std::optional<double> time_of_message_reception_position_s() const;  ///< I073
  std::optional<double> latitude_deg() const;  ///< I130 (24-bit) or I131 (32-bit)
  std::optional<double> longitude_deg() const;
  std::optional<IcaoAddress> target_address() const;      ///< I080
  std::optional<double> flight_level() const;             ///< I145, signed 1/4 FL
  std::optional<double> ground_speed_kt() const;          ///< I160 (2^-14 NM/s)
  std::optional<double> track_angle_deg() const;          ///< I160
  std::optional<Callsign> target_identification() const;  ///< I170
  std::optional<Mode3AReply> mode_3a() const;             ///< I070 (code only)
  std::optional<double> geometric_height_ft() const;      ///< I140, signed 6.25 ft

 private:
  bool edition_2x() const { return record_.edition.number().major >= 2; }
  const RecordView& record_;
};

class Cat062View {
 public:
  explicit Cat062View(const RecordView& record) : record_(record) {}
  std::optional<SacSic> data_source() const;          ///< I010
  std::optional<double> time_of_track_s() const;      ///< I070, 1/128 s
  std::optional<std::uint16_t> track_number() const;  ///< I040
  std::optional<double> latitude_deg() const;         ///< I105, 180/2^25
  std::optional<double> longitude_deg() const;
  std::optional<double> x_m() const;  ///< I100, 0.5 m (24-bit signed)
  std::optional<double> y_m() const;
  std::optional<double> vx_m_s() const;  ///< I185, 0.25 m/s
  std::optional<double> vy_m_s() const;
  std::optional<Mode3AReply> mode_3a() const;           ///< I060 (code only)
  std::optional<double> measured_flight_level() const;  ///< I136, signed 1/4 FL

 private:
  const RecordView& record_;
};

}  // namespace straja::asterix
