#pragma once
// Typed ASTERIX writing: the items the simulator emits, written octet by octet from values in the
// specification's units (nm, deg, FL, ft, kt, s), the mirror of typed.h. No tables are consulted
// at run time; the layouts are those of the default editions (CAT048 1.21, CAT034 1.27, CAT021
// 2.6, CAT062 1.18, CAT065 1.4), and typed_writer_test.cpp decodes every record back with the
// table-driven decoder (and checks the FRNs below against the editions' UAPs) rather than trusting
// them. CAT062 records can also be written for editions 1.17 to 1.21, whose layouts of the items
// written here differ only in I062/340 HEIGHT (unsigned up to 1.18, two's complement from 1.19);
// CAT065 1.4 and 1.5 share one layout (1.3 too, where I065/040 STTN is a spare bit).
//
// Quantities are rounded to the nearest LSB (halves away from zero) and saturate at the ends of
// their field: RHO beyond 256 NM is written as the largest RHO (as the category documents ask for
// ranges beyond the item), a flight level or height beyond its two's complement range as its
// extreme, speeds beyond their range with the range-exceeded bit where the item has one. Angles
// (THETA, track angle, sector) and the time of day wrap; longitudes are taken into [-180, 180).
// NaN writes zero. Everything here is re-entrant.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "asterix/edition.h"
#include "asterix/typed.h"
#include "core/ids.h"

namespace straja::asterix {

// ---- CAT048 Monoradar Target Reports (plots; no local tracker: no I161, I170, I200)

/// I048/230: communications/ACAS capability and flight status.
struct Cat048Capability {
  std::uint8_t com = 0;   ///< COM (3 bits): 0 surveillance only, 1 Comm A and B, ...
  std::uint8_t stat = 0;  ///< STAT (3 bits): 0 no alert, no SPI, airborne; 2 alert, airborne; ...
  bool ii_code_only = false;             ///< SI: 0 SI-code capable, 1 II-code capable only
  bool mode_s_specific_service = false;  ///< MSSC
  bool altitude_25ft = false;            ///< ARC: 1 for 25 ft resolution, 0 for 100 ft
  bool identification_capable = false;   ///< AIC
};

/// One CAT048 target report. Absent optionals (empty strings) leave the item out.
struct Cat048Report {
  SacSic data_source;                              ///< I010 (always written)
  double time_of_day_s = 0;                        ///< I140, 1/128 s (always written)
  std::uint8_t detection_type = 1;                 ///< I020 TYP (1 PSR, 2 SSR, 5 Mode S roll-call)
  bool simulated = false;                          ///< I020 SIM
  std::optional<PolarPosition> measured_position;  ///< I040: RHO 1/256 NM, THETA 360/2^16 deg
  std::optional<Mode3AReply> mode_3a;              ///< I070 (V, G, L and the 12-bit code)
  std::optional<FlightLevelReply> flight_level;    ///< I090: two's complement, 1/4 FL
  std::optional<IcaoAddress> aircraft_address;     ///< I220
  std::string_view aircraft_identification;        ///< I240 when not empty (valid during the call)
  std::optional<double> height_3d_ft;              ///< I110: two's complement, 25 ft
  std::optional<Cat048Capability> capability;      ///< I230
};

// ---- CAT034 Monoradar Service Messages

/// I034/050 and I034/060 parts: which sensor-specific subfields a radar has. Every status and
/// processing-mode bit is the nominal one (released, no overload, monitoring connected, time
/// source valid, no reduction steps, channel A selected).
struct Cat034Sensors {
  bool psr = false;
  bool ssr = false;
  bool mode_s = false;
};

/// I034/120: the antenna position in WGS-84.
struct Cat034SourcePosition {
  double height_m = 0;  ///< 1 m, two's complement
  double lat_deg = 0;   ///< 180/2^23 deg
  double lon_deg = 0;
};

struct Cat034Message {
  std::uint8_t message_type = 1;                    ///< I000: 1 north marker, 2 sector crossing
  SacSic data_source;                               ///< I010
  double time_of_day_s = 0;                         ///< I030, 1/128 s
  std::optional<double> sector_azimuth_deg;         ///< I020, 360/2^8 deg
  std::optional<double> antenna_rotation_period_s;  ///< I041, 1/128 s
  std::optional<Cat034Sensors> status;  ///< I050 and I060 with the nominal bits for these sensors
  std::optional<Cat034SourcePosition> source_position;  ///< I120
};

// ---- CAT021 ADS-B Target Reports (edition 2.x)

/// I021/090 first two octets (the third and fourth extents are not written).
struct Cat021Quality {
  std::uint8_t nucr_nacv = 0;  ///< NUCr or NACv (3 bits)
  std::uint8_t nucp_nic = 0;   ///< NUCp or NIC (4 bits)
  bool nic_baro = false;       ///< NICbaro
  std::uint8_t sil = 0;        ///< SIL (2 bits)
  std::uint8_t nacp = 0;       ///< NACp (4 bits)
};

struct Cat021Report {
  SacSic data_source;  ///< I010 (always written)
  /// I040 (always written): ATP, ARC, RC, RAB; the first extension when any of its optionals
  /// (DCR, GBS, SIM, TST, SAA, CL) is set. The second and later extensions are never written.
  Cat021ReportDescriptor descriptor;
  std::optional<std::uint16_t> track_number;                   ///< I161 (12 bits)
  std::optional<double> time_of_applicability_position_s;      ///< I071
  std::optional<double> latitude_deg;                          ///< I131 with longitude_deg,
  std::optional<double> longitude_deg;                         ///<   180/2^30 deg
  std::optional<double> time_of_applicability_velocity_s;      ///< I072
  std::optional<IcaoAddress> target_address;                   ///< I080
  std::optional<double> time_of_message_reception_position_s;  ///< I073
  std::optional<double> geometric_height_ft;                   ///< I140, 6.25 ft
  std::optional<Cat021Quality> quality;                        ///< I090
  std::optional<MopsVersion> mops_version;                     ///< I210
  std::optional<std::uint16_t> mode_3a;                        ///< I070 (12-bit code)
  std::optional<double> flight_level;                          ///< I145, 1/4 FL
  std::optional<Cat021TargetStatus> target_status;             ///< I200
  std::optional<double> geometric_vertical_rate_ft_min;        ///< I157, 6.25 ft/min (RE)
  std::optional<double> ground_speed_kt;                       ///< I160 with track_angle_deg:
  std::optional<double> track_angle_deg;                       ///<   2^-14 NM/s (RE), 360/2^16
  std::string_view target_identification;  ///< I170 when not empty (valid during the call)
};

// ---- CAT062 SDPS Track Messages (system tracks)

/// I062/060 Track Mode 3/A code.
struct Cat062Mode3A {
  std::uint16_t code = 0;      ///< 12 bits (octal digits ABCD = code >> 9, >> 6, >> 3, & 7)
  bool not_validated = false;  ///< V
  bool garbled = false;        ///< G
  bool changed = false;        ///< CH: the code changed in this update
};

/// I062/080 Track Status: the first extent always; each later extent up to the last one with a
/// bit set (the fifth: SDS or EMS not zero).
struct Cat062Status {
  bool monosensor = false;                      ///< MON: 1 monosensor track
  bool spi = false;                             ///< SPI present in the last report
  bool most_reliable_height_geometric = false;  ///< MRH: 1 geometric, 0 barometric (Mode C)
  std::uint8_t altitude_source = 0;             ///< SRC (3 bits): 0 none, 1 GNSS, 2 3D radar, ...
  bool tentative = false;                       ///< CNF: 1 tentative track
  bool simulated = false;                       ///< SIM (second extent)
  bool last_message = false;                    ///< TSE: last message for the track
  bool first_message = false;                   ///< TSB: first message for the track
  bool coasting = false;                        ///< CST (fourth extent)
  /// SDS (fifth extent, 2 bits): 0 combined, 1 co-operative only, 2 non-cooperative only.
  std::uint8_t surveillance_sources = 0;
  /// EMS (fifth extent, 3 bits): 0 none, 1 general emergency, 2 lifeguard/medical, 3 minimum
  /// fuel, 4 no communication, 5 unlawful interference, 6 downed aircraft.
  std::uint8_t emergency = 0;
};

/// I062/290 System Track Update Ages, seconds (1/4 s; 63.75 s means that age or more). An absent
/// age is a technology that never updated the track (its subfield is not sent).
struct Cat062UpdateAges {
  std::optional<double> track_s;   ///< TRK: time since the track started
  std::optional<double> psr_s;     ///< PSR: last primary detection
  std::optional<double> ssr_s;     ///< SSR: last secondary (Mode 3/A, C) detection
  std::optional<double> mode_s_s;  ///< MDS: last Mode S detection
  std::optional<double> adsb_s;    ///< ES: last 1090 extended squitter ADS-B report
};

/// I062/340/TYP.
struct Cat062ReportType {
  std::uint8_t type = 0;       ///< TYP (3 bits): 1 PSR, 2 SSR, 3 SSR + PSR, 5 Mode S roll-call, ...
  bool simulated = false;      ///< SIM
  bool field_monitor = false;  ///< RAB
  bool test_target = false;    ///< TST
};

/// I062/340 Measured Information: the last sensor report that updated the track (not ADS-B).
struct Cat062MeasuredInformation {
  std::optional<SacSic> sensor;                 ///< SID
  std::optional<PolarPosition> position;        ///< POS: RHO 1/256 NM, THETA 360/2^16 deg
  std::optional<double> height_ft;              ///< HEIGHT: 3D height, 25 ft
  std::optional<FlightLevelReply> mode_c;       ///< MDC: V, G, two's complement 1/4 FL
  std::optional<Mode3AReply> mode_3a;           ///< MDA: V, G, L and the code
  std::optional<Cat062ReportType> report_type;  ///< TYP
};

/// I062/500 Estimated Accuracies (standard deviations; the subfields written).
struct Cat062Accuracies {
  std::optional<double> position_x_m;  ///< APC X and Y (written together), 0.5 m, saturating
  std::optional<double> position_y_m;
  /// COV: sign(cov(x, y)) sqrt(|cov(x, y)|), m, 0.5 m, two's complement (written with APC).
  std::optional<double> xy_covariance_root_m;
  std::optional<double> geometric_altitude_ft;  ///< AGA, 6.25 ft, saturating
  std::optional<double> velocity_x_m_s;         ///< ATV X and Y (written together), 0.25 m/s
  std::optional<double> velocity_y_m_s;
};

/// One system track record. I010, I040, I070 and I080 are always written; absent optionals
/// (an empty identification) leave their items or subfields out.
struct Cat062Track {
  SacSic data_source;                                  ///< I010: the SDPS
  std::optional<std::uint8_t> service_identification;  ///< I015
  double time_of_track_s = 0;                          ///< I070, 1/128 s
  std::optional<double> latitude_deg;                  ///< I105 with longitude_deg, 180/2^25 deg
  std::optional<double> longitude_deg;
  /// I100: system Cartesian plane (x east, y north of the system reference point), 0.5 m, 24-bit
  /// two's complement (+-4194 km).
  std::optional<double> x_m;
  std::optional<double> y_m;
  /// I185: velocity, x east and y north at the target, 0.25 m/s, 16-bit two's complement.
  std::optional<double> vx_m_s;
  std::optional<double> vy_m_s;
  std::optional<Cat062Mode3A> mode_3a;          ///< I060
  std::optional<IcaoAddress> target_address;    ///< I380 ADR
  std::string_view target_identification;       ///< I380 ID when not empty (valid for the call)
  std::uint16_t track_number = 0;               ///< I040
  Cat062Status status;                          ///< I080
  std::optional<Cat062UpdateAges> update_ages;  ///< I290 (written when any age is present)
  std::optional<double> measured_flight_level;  ///< I136, two's complement 1/4 FL
  std::optional<double> geometric_altitude_ft;  ///< I130, two's complement 6.25 ft
  std::optional<Cat062Accuracies> accuracies;   ///< I500 (written when any subfield is present)
  std::optional<Cat062MeasuredInformation> measured;  ///< I340 (written when any part is present)
};

// ---- CAT065 SDPS Service Status Messages

/// I065/040 SDPS configuration and status.
struct Cat065SdpsStatus {
  std::uint8_t nogo = 0;  ///< NOGO (2 bits): 0 operational, 1 degraded, 2 not currently connected
  bool overload = false;  ///< OVL
  bool time_source_invalid = false;    ///< TSV
  std::uint8_t processing_status = 0;  ///< PSS (2 bits): 0 not applicable, 1 SDPS-1 selected, ...
  bool renumbering_toggle = false;     ///< STTN (a spare bit in edition 1.3)
};

struct Cat065Message {
  SacSic data_source;             ///< I010 (always written)
  std::uint8_t message_type = 2;  ///< I000: 1 SDPS status, 2 end of batch, 3 service status report
  std::optional<std::uint8_t> service_identification;  ///< I015
  double time_of_message_s = 0;                        ///< I030, 1/128 s (always written)
  std::optional<std::uint8_t> batch_number;            ///< I020
  std::optional<Cat065SdpsStatus> sdps_status;         ///< I040
  std::optional<std::uint8_t> service_status_report;   ///< I050
};

/// FRNs of the items written, in the default editions' UAPs (checked against the tables in
/// typed_writer_test.cpp).
namespace frn {
inline constexpr int k048_010 = 1, k048_140 = 2, k048_020 = 3, k048_040 = 4, k048_070 = 5,
                     k048_090 = 6, k048_220 = 8, k048_240 = 9, k048_110 = 19, k048_230 = 21;
inline constexpr int k034_010 = 1, k034_000 = 2, k034_030 = 3, k034_020 = 4, k034_041 = 5,
                     k034_050 = 6, k034_060 = 7, k034_120 = 11;
inline constexpr int k021_010 = 1, k021_040 = 2, k021_161 = 3, k021_071 = 5, k021_131 = 7,
                     k021_072 = 8, k021_080 = 11, k021_073 = 12, k021_140 = 16, k021_090 = 17,
                     k021_210 = 18, k021_070 = 19, k021_145 = 21, k021_200 = 23, k021_157 = 25,
                     k021_160 = 26, k021_170 = 29;
inline constexpr int k062_010 = 1, k062_015 = 3, k062_070 = 4, k062_105 = 5, k062_100 = 6,
                     k062_185 = 7, k062_060 = 9, k062_380 = 11, k062_040 = 12, k062_080 = 13,
                     k062_290 = 14, k062_136 = 17, k062_130 = 18, k062_500 = 27, k062_340 = 28;
inline constexpr int k065_010 = 1, k065_000 = 2, k065_015 = 3, k065_030 = 4, k065_020 = 5,
                     k065_040 = 6, k065_050 = 7;
}  // namespace frn

/// The CAT062 edition written by default.
inline constexpr EditionNumber kCat062WriterEdition{1, 18};

/// Append one record (FSPEC and items) to `out`.
void append_cat048_record(const Cat048Report& report, std::vector<std::uint8_t>& out);
void append_cat034_record(const Cat034Message& message, std::vector<std::uint8_t>& out);
void append_cat021_record(const Cat021Report& report, std::vector<std::uint8_t>& out);
/// `edition`: 1.17 to 1.21 (the layouts differ only in I340 HEIGHT, which is unsigned up to 1.18:
/// a negative height is written as 0 there).
void append_cat062_record(const Cat062Track& track, std::vector<std::uint8_t>& out,
                          EditionNumber edition = kCat062WriterEdition);
void append_cat065_record(const Cat065Message& message, std::vector<std::uint8_t>& out);

/// Field conversions with the rounding and saturation described above (exposed for tests).
/// `value / lsb` rounded, clamped to [0, 2^bits - 1].
std::uint64_t unsigned_field(double value, double lsb, unsigned bits);
/// `value / lsb` rounded, clamped to [-2^(bits-1), 2^(bits-1) - 1], as `bits`-bit two's
/// complement.
std::uint64_t signed_field(double value, double lsb, unsigned bits);
/// `value / lsb` rounded, modulo 2^bits (angles, times of day when lsb * 2^bits is the period).
std::uint64_t wrapped_field(double value, double lsb, unsigned bits);
/// I140/I030/I071-style time of day: seconds since midnight to 1/128 s, wrapped into a day.
std::uint32_t time_of_day_field(double seconds);
/// Up to 8 characters to ICAO 6-bit codes (A-Z, 0-9, space; lower case is upper-cased, anything
/// else becomes a space), left-aligned and space-padded: 6 octets appended to `out`.
void append_icao_characters(std::string_view text, std::vector<std::uint8_t>& out);

/// One data block: header (CAT, LEN) and records.
struct DataBlock {
  std::vector<std::uint8_t> octets;
  std::uint32_t records = 0;
};

/// Packs records of one category into data blocks of at most `max_octets` octets (header
/// included; 4 <= max_octets <= 65535): a record that would overflow the open block closes it
/// and starts the next. A record that alone exceeds the limit gets a block of its own (it must
/// still fit 65535 octets; the records written here are below 100 octets).
class BlockBuilder {
 public:
  explicit BlockBuilder(std::uint8_t category, std::size_t max_octets = 65535);

  /// Append exactly one record to this buffer (it is empty), then call commit().
  std::vector<std::uint8_t>& record_buffer() { return record_; }
  /// Moves the record from record_buffer() into the open block, first closing that block into
  /// `blocks` when the record would not fit.
  void commit(std::vector<DataBlock>& blocks);
  /// Closes the open block (when it holds a record) into `blocks`.
  void flush(std::vector<DataBlock>& blocks);

 private:
  void start_block();
  std::uint8_t category_;
  std::size_t max_octets_;
  DataBlock open_;
  std::vector<std::uint8_t> record_;
};

}  // namespace straja::asterix
