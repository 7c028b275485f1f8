#pragma once
// Typed, zero-copy access to the items the tracker needs (CAT048, CAT034, CAT021, CAT062). Each
// view wraps a RecordView and decodes an item only when asked; nothing is copied or allocated.
// Values are in the units the specification uses, named in each field (nm, deg, fl, kt, ...).
// Every accessor returns nullopt when the item is absent. Fixed items are read with their layout
// written out here (the same in every supported edition of the category); subitems of compound
// items are found through the edition's definition (their order and presence differ between
// editions) and scaled with its LSB. typed_test.cpp checks every accessor against the generic,
// table-driven decoder over random records of every edition.

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

/// Up to 8 characters, space-trimmed (no allocation): callsigns, aircraft types, airports.
struct Callsign {
  std::array<char, 8> chars{};
  std::uint8_t length = 0;
  std::string_view view() const { return {chars.data(), length}; }
};

/// Decodes the ICAO 6-bit characters of a 48-bit field (I048/240, I021/170, I062/245).
Callsign decode_callsign(const std::uint8_t* six_octets);

/// IAS or Mach (I021/150, I062/380 IAS): which one is given by the IM bit.
struct Airspeed {
  bool mach = false;  ///< false: indicated airspeed in kt; true: Mach number
  double value = 0;
};

/// One subitem of a compound item, located through the edition's definition. Empty (present()
/// false) when the item or the subitem is absent. Elements are looked up by name among the
/// subitem's top-level elements; an empty name means the subitem is itself one element.
class SubitemView {
 public:
  SubitemView() = default;
  SubitemView(Bytes bytes, const spec::Node* node) : bytes_(bytes), node_(node) {}
  bool present() const { return node_ != nullptr; }
  Bytes bytes() const { return bytes_; }
  /// The element's raw bits (two's complement not applied).
  std::optional<std::uint64_t> raw(std::string_view element = {}) const;
  /// Quantities scaled by their LSB (two's complement where signed), integers and table values
  /// as numbers, anything else nullopt.
  std::optional<double> value(std::string_view element = {}) const;
  /// String elements (ICAO 6-bit or ASCII), trimmed; nullopt when longer than 8 characters.
  std::optional<Callsign> text(std::string_view element = {}) const;

 private:
  struct Located {
    const spec::Node* node = nullptr;
    std::size_t bit = 0;
  };
  std::optional<Located> locate(std::string_view element) const;
  Bytes bytes_;
  const spec::Node* node_ = nullptr;
};

/// Subitem `name` (as in asterix-specs, e.g. "MHG") of compound item I<item_number>.
SubitemView compound_subitem(const RecordView& record, int item_number, std::string_view name);
/// A whole item I<item_number> seen the same way (for fixed items whose elements differ between
/// editions, e.g. I021/200 ME).
SubitemView item_view(const RecordView& record, int item_number);

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

/// I034/050 System Configuration and Status, common part (COM): what a radar says about its
/// own operational state.
struct Cat034SystemStatus {
  bool operational_use_inhibited = false;  ///< NOGO
  bool second_processor_chain = false;     ///< RDPC (RDPC-2 selected)
  bool processor_reset = false;            ///< RDPR (expect new track numbers)
  bool processor_overload = false;         ///< OVLRDP
  bool transmission_overload = false;      ///< OVLXMT
  bool monitoring_disconnected = false;    ///< MSC
  bool time_source_invalid = false;        ///< TSV
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
  /// I050's common part (COM), when the record carries it.
  std::optional<Cat034SystemStatus> system_status() const;

 private:
  const RecordView& record_;
};

/// I001/020 Target Report Descriptor, first octet.
struct Cat001ReportDescriptor {
  bool track = false;              ///< TYP (0 plot, 1 track)
  bool simulated = false;          ///< SIM
  std::uint8_t detection = 0;      ///< SSRPSR (0 none, 1 primary, 2 secondary, 3 both)
  bool second_antenna = false;     ///< ANT
  bool spi = false;                ///< SPI
  bool fixed_transponder = false;  ///< RAB
};

/// CAT001: monoradar target reports of older radar stations (the UAP by I020 TYP: plots and
/// tracks differ from I040 on). Its time of day is truncated (I141, the last 512 s); the full
/// time comes from the station's CAT002 service messages.
class Cat001View {
 public:
  explicit Cat001View(const RecordView& record) : record_(record) {}
  std::optional<SacSic> data_source() const;                 ///< I010
  std::optional<Cat001ReportDescriptor> descriptor() const;  ///< I020
  std::optional<PolarPosition> measured_position() const;    ///< I040 (1/128 NM, 360/2^16)
  std::optional<Mode3AReply> mode_3a() const;                ///< I070
  std::optional<FlightLevelReply> flight_level() const;      ///< I090 (signed 1/4 FL)
  std::optional<double> truncated_time_of_day_s() const;     ///< I141, 1/128 s, mod 512 s

 private:
  const RecordView& record_;
};

/// CAT002: monoradar service messages (north marker, sector crossing, south marker).
class Cat002View {
 public:
  explicit Cat002View(const RecordView& record) : record_(record) {}
  std::optional<std::uint8_t> message_type() const;  ///< I000 (1 north, 2 sector, 3 south, ...)
  std::optional<SacSic> data_source() const;         ///< I010
  std::optional<double> sector_azimuth_deg() const;  ///< I020, 360/2^8
  std::optional<double> time_of_day_s() const;       ///< I030, 1/128 s
  std::optional<double> antenna_rotation_period_s() const;          ///< I041, 1/128 s
  Bytes station_configuration() const { return record_.item(50); }  ///< I050 (station-specific)

 private:
  const RecordView& record_;
};

/// I021/040 (2.x), first two extents.
struct Cat021ReportDescriptor {
  std::uint8_t address_type = 0;                    ///< ATP (0 ICAO 24-bit, ...)
  std::uint8_t altitude_reporting_capability = 0;   ///< ARC (0 25 ft, 1 100 ft, ...)
  bool range_check_passed = false;                  ///< RC
  bool field_monitor = false;                       ///< RAB (report from a field monitor)
  std::optional<bool> differential_correction;      ///< DCR (first extension)
  std::optional<bool> ground_bit_set;               ///< GBS
  std::optional<bool> simulated;                    ///< SIM
  std::optional<bool> test_target;                  ///< TST
  std::optional<bool> selected_altitude_available;  ///< SAA
  std::optional<std::uint8_t> confidence_level;     ///< CL
};

/// I021/074 and I021/076: high-precision time of message reception.
struct PreciseTime {
  std::uint8_t full_second_indication = 0;  ///< FSI (0 same second as I073/I075, 1 +1 s, 2 -1 s)
  double fraction_s = 0;                    ///< fractional part of the second, 2^-30 s
};

/// I021/151 True Airspeed and I021/155/157 vertical rates carry a range-exceeded bit.
struct RangedValue {
  bool range_exceeded = false;  ///< RE: the value is at the end of the range, the true one beyond
  double value = 0;
};

/// I021/200 Target Status (2.x).
struct Cat021TargetStatus {
  bool intent_change = false;              ///< ICF
  bool lnav_not_engaged = false;           ///< LNAV
  std::optional<bool> military_emergency;  ///< ME (a spare bit before edition 2.2)
  std::uint8_t priority_status = 0;        ///< PS (0 no emergency, 1 general, ...)
  std::uint8_t surveillance_status = 0;    ///< SS
};

/// I021/210 MOPS version.
struct MopsVersion {
  bool not_supported = false;        ///< VNS
  std::uint8_t version = 0;          ///< VN (0 ED102/DO-260, 1 DO-260A, 2 ED102A/DO-260B, ...)
  std::uint8_t link_technology = 0;  ///< LTT (2 1090 ES)
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
  std::optional<IcaoAddress> target_address() const;                       ///< I080
  std::optional<double> flight_level() const;                              ///< I145, signed 1/4 FL
  std::optional<double> ground_speed_kt() const;                           ///< I160 (2^-14 NM/s)
  std::optional<double> track_angle_deg() const;                           ///< I160
  std::optional<Callsign> target_identification() const;                   ///< I170
  std::optional<Mode3AReply> mode_3a() const;                              ///< I070 (code only)
  std::optional<double> geometric_height_ft() const;                       ///< I140, signed 6.25 ft
  std::optional<Cat021ReportDescriptor> target_report_descriptor() const;  ///< I040
  std::optional<double> time_of_applicability_velocity_s() const;          ///< I072
  std::optional<PreciseTime> time_of_message_reception_position_precise() const;  ///< I074
  std::optional<double> time_of_message_reception_velocity_s() const;             ///< I075
  std::optional<PreciseTime> time_of_message_reception_velocity_precise() const;  ///< I076
  std::optional<double> time_of_report_transmission_s() const;                    ///< I077
  std::optional<Airspeed> air_speed() const;                           ///< I150: IAS (kt) or Mach
  std::optional<RangedValue> true_airspeed_kt() const;                 ///< I151, 1 kt
  std::optional<double> magnetic_heading_deg() const;                  ///< I152, 360/2^16
  std::optional<RangedValue> barometric_vertical_rate_ft_min() const;  ///< I155, 6.25 ft/min
  std::optional<RangedValue> geometric_vertical_rate_ft_min() const;   ///< I157, 6.25 ft/min
  std::optional<bool> ground_vector_range_exceeded() const;            ///< I160 RE
  std::optional<std::uint16_t> track_number() const;                   ///< I161, 12 bits
  std::optional<Cat021TargetStatus> target_status() const;             ///< I200
  std::optional<MopsVersion> mops_version() const;                     ///< I210

 private:
  bool edition_2x() const { return record_.edition.number().major >= 2; }
  const RecordView& record_;
};

/// I062/080 Track Status: the first extent and the coasting flag of the fourth.
struct Cat062TrackStatus {
  bool monosensor = false;                      ///< MON
  bool spi = false;                             ///< SPI
  bool most_reliable_height_geometric = false;  ///< MRH
  std::uint8_t altitude_source = 0;             ///< SRC
  bool tentative = false;                       ///< CNF (1: tentative track)
  std::optional<bool> simulated;                ///< SIM (second extent)
  std::optional<bool> last_message;             ///< TSE
  std::optional<bool> first_message;            ///< TSB
  std::optional<bool> coasting;                 ///< CST (fourth extent)
};

/// I062/200 Mode of Movement.
struct ModeOfMovement {
  std::uint8_t transversal = 0;       ///< TRANS (0 constant course, 1 right turn, 2 left turn)
  std::uint8_t longitudinal = 0;      ///< LONG (0 constant speed, 1 increasing, 2 decreasing)
  std::uint8_t vertical = 0;          ///< VERT (0 level, 1 climb, 2 descent)
  bool altitude_discrepancy = false;  ///< ADF
};

/// A pair of components (x/y accuracies, lat/lon, ...).
struct Pair {
  double first = 0;
  double second = 0;
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
  std::optional<Mode3AReply> mode_3a() const;                  ///< I060 (code only)
  std::optional<double> measured_flight_level() const;         ///< I136, signed 1/4 FL
  std::optional<double> geometric_altitude_ft() const;         ///< I130, signed 6.25 ft
  std::optional<std::uint8_t> service_identification() const;  ///< I015
  std::optional<Cat062TrackStatus> track_status() const;       ///< I080
  std::optional<ModeOfMovement> mode_of_movement() const;      ///< I200
  /// I290 System Track Update Ages, subitem by name ("PSR", "SSR", "MDS", "ES", ...), seconds.
  std::optional<double> update_age_s(std::string_view subitem) const;
  /// I295 Track Data Ages, subitem by name ("MFL", "MDA", "MHG", ...), seconds.
  std::optional<double> data_age_s(std::string_view subitem) const;
  // I380 Aircraft Derived Data
  std::optional<IcaoAddress> target_address() const;              ///< ADR
  std::optional<Callsign> target_identification() const;          ///< ID
  std::optional<double> magnetic_heading_deg() const;             ///< MHG
  std::optional<Airspeed> indicated_airspeed() const;             ///< IAS: IAS (kt) or Mach
  std::optional<double> true_airspeed_kt() const;                 ///< TAS
  std::optional<double> selected_altitude_ft() const;             ///< SAL ALT
  std::optional<double> barometric_vertical_rate_ft_min() const;  ///< BVR
  std::optional<double> geometric_vertical_rate_ft_min() const;   ///< GVR
  std::optional<double> ground_speed_kt() const;                  ///< GS (2^-14 NM/s)
  std::optional<double> track_angle_deg() const;                  ///< TAN
  std::optional<double> mach() const;                             ///< MAC
  // I390 Flight Plan Related Data
  std::optional<Callsign> flight_plan_callsign() const;      ///< CS (7 characters)
  std::optional<Callsign> aircraft_type() const;             ///< TAC
  std::optional<Callsign> wake_turbulence_category() const;  ///< WTC
  std::optional<Callsign> departure_airport() const;         ///< DEP
  std::optional<Callsign> destination_airport() const;       ///< DST
  std::optional<double> cleared_flight_level() const;        ///< CFL, 1/4 FL
  // I500 Estimated Accuracies
  std::optional<Pair> position_accuracy_m() const;                ///< APC X, Y (0.5 m)
  std::optional<Pair> velocity_accuracy_m_s() const;              ///< ATV X, Y (0.25 m/s)
  std::optional<double> position_covariance_root_m() const;       ///< COV: sign(c) sqrt(|c|), 0.5 m
  std::optional<double> barometric_altitude_accuracy_fl() const;  ///< ABA
  std::optional<double> geometric_altitude_accuracy_ft() const;   ///< AGA
  // I340 Measured Information
  std::optional<SacSic> measured_sensor() const;                 ///< SID
  std::optional<PolarPosition> measured_polar_position() const;  ///< POS RHO (NM), THETA (deg)
  std::optional<double> measured_height_ft() const;              ///< HEIGHT
  std::optional<FlightLevelReply> measured_mode_c() const;       ///< MDC (signed 1/4 FL)
  std::optional<Mode3AReply> measured_mode_3a() const;           ///< MDA
  std::optional<std::uint8_t> measured_report_type() const;      ///< TYP TYP

 private:
  std::optional<double> subitem_value(int item, std::string_view subitem,
                                      std::string_view element = {}) const;
  std::optional<Callsign> subitem_text(int item, std::string_view subitem) const;
  const RecordView& record_;
};

}  // namespace straja::asterix
