#include "asterix/typed_writer.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cmath>

namespace straja::asterix {
namespace {

constexpr double kTimeLsbS = 1.0 / 128.0;
constexpr double kKtToNmPerS = 1.0 / 3600.0;

/// One record's octets, built in a fixed buffer (no capacity check per octet) and appended to the
/// caller's vector at once. The records written here are at most 80 octets.
class Octets {
 public:
  void put8(std::uint64_t v) { data_[size_++] = static_cast<std::uint8_t>(v); }
  void put16(std::uint64_t v) {
    put8(v >> 8);
    put8(v);
  }
  void put24(std::uint64_t v) {
    put8(v >> 16);
    put16(v);
  }
  void put32(std::uint64_t v) {
    put8(v >> 24);
    put24(v);
  }
  void append_to(std::vector<std::uint8_t>& out) const {
    out.insert(out.end(), data_.begin(), data_.begin() + static_cast<std::ptrdiff_t>(size_));
  }

 private:
  std::array<std::uint8_t, 128> data_;
  std::size_t size_ = 0;
};

/// The FSPEC for the FRNs set in `present` (bit frn - 1), or a compound item's primary subfield
/// for its subfields (bit i: subfield i + 1): seven per octet from bit 8 down, FX (bit 1) set on
/// every octet but the last.
void put_fspec(Octets& out, std::uint64_t present) {
  assert(present != 0 && "a record has I010, a compound item one subfield");
  const int last_frn = 64 - std::countl_zero(present);
  const int octets = (last_frn + 6) / 7;
  for (int i = 0; i < octets; ++i) {
    unsigned octet = 0;
    for (int j = 0; j < 7; ++j) {
      if ((present >> (7 * i + j) & 1u) != 0) octet |= 0x80u >> j;
    }
    if (i + 1 < octets) octet |= 1u;
    out.put8(octet);
  }
}

constexpr std::uint64_t bit(int frn) {
  return std::uint64_t{1} << (frn - 1);
}

void put_source(Octets& out, SacSic source) {
  out.put8(source.sac);
  out.put8(source.sic);
}

/// Longitude in [-180, 180) (the items' range), in degrees.
double longitude(double lon_deg) {
  double wrapped = std::fmod(lon_deg, 360.0);
  if (wrapped >= 180.0) wrapped -= 360.0;
  if (wrapped < -180.0) wrapped += 360.0;
  return wrapped;
}

unsigned flag(bool value, unsigned shift) {
  return value ? 1u << shift : 0u;
}

}  // namespace

std::uint64_t unsigned_field(double value, double lsb, unsigned bits) {
  if (std::isnan(value)) return 0;
  const double max = std::ldexp(1.0, static_cast<int>(bits)) - 1.0;
  return static_cast<std::uint64_t>(std::clamp(std::round(value / lsb), 0.0, max));
}

std::uint64_t signed_field(double value, double lsb, unsigned bits) {
  if (std::isnan(value)) return 0;
  const double half = std::ldexp(1.0, static_cast<int>(bits) - 1);
  const auto q = static_cast<std::int64_t>(std::clamp(std::round(value / lsb), -half, half - 1.0));
  const std::uint64_t mask = bits >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
  return static_cast<std::uint64_t>(q) & mask;
}

std::uint64_t wrapped_field(double value, double lsb, unsigned bits) {
  if (std::isnan(value) || std::isinf(value)) return 0;
  const double period = std::ldexp(1.0, static_cast<int>(bits));
  double q = std::round(std::fmod(value / lsb, period));  // in (-period, period]
  if (q < 0) q += period;
  if (q >= period) q -= period;
  return static_cast<std::uint64_t>(q);
}

std::uint32_t time_of_day_field(double seconds) {
  constexpr double kDayUnits = 86'400.0 * 128.0;
  if (std::isnan(seconds) || std::isinf(seconds)) return 0;
  double q = std::round(std::fmod(seconds / kTimeLsbS, kDayUnits));
  if (q < 0) q += kDayUnits;
  if (q >= kDayUnits) q -= kDayUnits;
  return static_cast<std::uint32_t>(q);
}

namespace {

/// ICAO Annex 10 6-bit set: A-Z are 1-26, space 32, digits 48-57 (their ASCII codes' low bits).
std::uint64_t icao_characters(std::string_view text) {
  std::uint64_t bits = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    char c = i < text.size() ? text[i] : ' ';
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    unsigned code = 32;
    if (c >= 'A' && c <= 'Z') code = static_cast<unsigned>(c - 'A' + 1);
    if (c >= '0' && c <= '9') code = static_cast<unsigned>(c - '0' + 48);
    bits = bits << 6 | code;
  }
  return bits;
}

void put_icao_characters(Octets& out, std::string_view text) {
  const std::uint64_t bits = icao_characters(text);
  out.put24(bits >> 24);
  out.put24(bits);
}

}  // namespace

void append_icao_characters(std::string_view text, std::vector<std::uint8_t>& out) {
  Octets octets;
  put_icao_characters(octets, text);
  octets.append_to(out);
}

void append_cat048_record(const Cat048Report& r, std::vector<std::uint8_t>& out) {
  Octets record;
  using namespace frn;
  std::uint64_t present = bit(k048_010) | bit(k048_140) | bit(k048_020);
  if (r.measured_position) present |= bit(k048_040);
  if (r.mode_3a) present |= bit(k048_070);
  if (r.flight_level) present |= bit(k048_090);
  if (r.aircraft_address) present |= bit(k048_220);
  if (!r.aircraft_identification.empty()) present |= bit(k048_240);
  if (r.height_3d_ft) present |= bit(k048_110);
  if (r.capability) present |= bit(k048_230);
  put_fspec(record, present);

  put_source(record, r.data_source);                 // I010
  record.put24(time_of_day_field(r.time_of_day_s));  // I140
  // I020: TYP(3) SIM RDP SPI RAB FX
  record.put8((r.detection_type & 7u) << 5 | flag(r.simulated, 4));
  if (const auto& p = r.measured_position) {  // I040
    record.put16(unsigned_field(p->range_nm, 1.0 / 256.0, 16));
    record.put16(wrapped_field(p->azimuth_deg, 360.0 / 65536.0, 16));
  }
  if (const auto& m = r.mode_3a) {  // I070: V G L spare MODE3A(12)
    record.put16(flag(m->not_validated, 15) | flag(m->garbled, 14) |
                 flag(m->smoothed_or_not_from_last_scan, 13) | (m->code & 0x0FFFu));
  }
  if (const auto& f = r.flight_level) {  // I090: V G FL(14, two's complement)
    record.put16(flag(f->not_validated, 15) | flag(f->garbled, 14) |
                 signed_field(f->flight_level, 0.25, 14));
  }
  if (r.aircraft_address) record.put24(r.aircraft_address->value & 0xFFFFFFu);  // I220
  if (!r.aircraft_identification.empty())
    put_icao_characters(record, r.aircraft_identification);                   // I240
  if (r.height_3d_ft) record.put16(signed_field(*r.height_3d_ft, 25.0, 14));  // I110: spare 2
  if (const auto& c = r.capability) {  // I230: COM(3) STAT(3) SI spare | MSSC ARC AIC B1A B1B(4)
    record.put8((c->com & 7u) << 5 | (c->stat & 7u) << 2 | flag(c->ii_code_only, 1));
    record.put8(flag(c->mode_s_specific_service, 7) | flag(c->altitude_25ft, 6) |
                flag(c->identification_capable, 5));
  }
  record.append_to(out);
}

void append_cat034_record(const Cat034Message& m, std::vector<std::uint8_t>& out) {
  Octets record;
  using namespace frn;
  std::uint64_t present = bit(k034_010) | bit(k034_000) | bit(k034_030);
  if (m.sector_azimuth_deg) present |= bit(k034_020);
  if (m.antenna_rotation_period_s) present |= bit(k034_041);
  if (m.status) present |= bit(k034_050) | bit(k034_060);
  if (m.source_position) present |= bit(k034_120);
  put_fspec(record, present);

  put_source(record, m.data_source);                 // I010
  record.put8(m.message_type);                       // I000
  record.put24(time_of_day_field(m.time_of_day_s));  // I030
  if (m.sector_azimuth_deg) record.put8(wrapped_field(*m.sector_azimuth_deg, 360.0 / 256.0, 8));
  if (m.antenna_rotation_period_s) {  // I041
    record.put16(unsigned_field(*m.antenna_rotation_period_s, kTimeLsbS, 16));
  }
  if (const auto& s = m.status) {
    // Compound primary subfield: COM (bit 8), two spare slots, PSR (5), SSR (4), MDS (3), FX.
    const unsigned primary = 0x80u | flag(s->psr, 4) | flag(s->ssr, 3) | flag(s->mode_s, 2);
    // I050: COM all nominal; PSR/SSR/MDS: antenna 1, channel A (CHAB 1), no overload,
    // monitoring connected; MDS also SCF/DLF channel A, no overloads.
    record.put8(primary);
    record.put8(0x00);
    if (s->psr) record.put8(0x20);
    if (s->ssr) record.put8(0x20);
    if (s->mode_s) record.put16(0x2000);
    // I060: no reduction steps anywhere, PSR linear polarisation and STC map 1, no cluster.
    record.put8(primary);
    record.put8(0x00);
    if (s->psr) record.put8(0x00);
    if (s->ssr) record.put8(0x00);
    if (s->mode_s) record.put8(0x00);
  }
  if (const auto& p = m.source_position) {  // I120: HGT 1 m, LAT/LON 180/2^23 deg
    record.put16(signed_field(p->height_m, 1.0, 16));
    record.put24(signed_field(p->lat_deg, 180.0 / 8388608.0, 24));
    record.put24(signed_field(longitude(p->lon_deg), 180.0 / 8388608.0, 24));
  }
  record.append_to(out);
}

void append_cat021_record(const Cat021Report& r, std::vector<std::uint8_t>& out) {
  Octets record;
  using namespace frn;
  std::uint64_t present = bit(k021_010) | bit(k021_040);
  if (r.track_number) present |= bit(k021_161);
  if (r.time_of_applicability_position_s) present |= bit(k021_071);
  if (r.latitude_deg && r.longitude_deg) present |= bit(k021_131);
  if (r.time_of_applicability_velocity_s) present |= bit(k021_072);
  if (r.target_address) present |= bit(k021_080);
  if (r.time_of_message_reception_position_s) present |= bit(k021_073);
  if (r.geometric_height_ft) present |= bit(k021_140);
  if (r.quality) present |= bit(k021_090);
  if (r.mops_version) present |= bit(k021_210);
  if (r.mode_3a) present |= bit(k021_070);
  if (r.flight_level) present |= bit(k021_145);
  if (r.target_status) present |= bit(k021_200);
  if (r.geometric_vertical_rate_ft_min) present |= bit(k021_157);
  if (r.ground_speed_kt && r.track_angle_deg) present |= bit(k021_160);
  if (!r.target_identification.empty()) present |= bit(k021_170);
  put_fspec(record, present);

  put_source(record, r.data_source);  // I010
  {  // I040: ATP(3) ARC(2) RC RAB FX | DCR GBS SIM TST SAA CL(2) FX
    const Cat021ReportDescriptor& d = r.descriptor;
    const bool extension = d.differential_correction || d.ground_bit_set || d.simulated ||
                           d.test_target || d.selected_altitude_available || d.confidence_level;
    record.put8((d.address_type & 7u) << 5 | (d.altitude_reporting_capability & 3u) << 3 |
                flag(d.range_check_passed, 2) | flag(d.field_monitor, 1) | flag(extension, 0));
    if (extension) {
      record.put8(flag(d.differential_correction.value_or(false), 7) |
                  flag(d.ground_bit_set.value_or(false), 6) | flag(d.simulated.value_or(false), 5) |
                  flag(d.test_target.value_or(false), 4) |
                  flag(d.selected_altitude_available.value_or(false), 3) |
                  (d.confidence_level.value_or(0) & 3u) << 1);
    }
  }
  if (r.track_number) record.put16(*r.track_number & 0x0FFFu);  // I161: spare 4, TRNUM(12)
  if (r.time_of_applicability_position_s) {                     // I071
    record.put24(time_of_day_field(*r.time_of_applicability_position_s));
  }
  if (r.latitude_deg && r.longitude_deg) {  // I131: 32-bit LAT, LON, 180/2^30 deg
    record.put32(signed_field(*r.latitude_deg, 180.0 / 1073741824.0, 32));
    record.put32(signed_field(longitude(*r.longitude_deg), 180.0 / 1073741824.0, 32));
  }
  if (r.time_of_applicability_velocity_s) {  // I072
    record.put24(time_of_day_field(*r.time_of_applicability_velocity_s));
  }
  if (r.target_address) record.put24(r.target_address->value & 0xFFFFFFu);  // I080
  if (r.time_of_message_reception_position_s) {                             // I073
    record.put24(time_of_day_field(*r.time_of_message_reception_position_s));
  }
  if (r.geometric_height_ft) record.put16(signed_field(*r.geometric_height_ft, 6.25, 16));  // I140
  if (const auto& q = r.quality) {  // I090: NUCr/NACv(3) NUCp/NIC(4) FX | NICbaro SIL(2) NACp(4) FX
    record.put8((q->nucr_nacv & 7u) << 5 | (q->nucp_nic & 15u) << 1 | 1u);
    record.put8(flag(q->nic_baro, 7) | (q->sil & 3u) << 5 | (q->nacp & 15u) << 1);
  }
  if (const auto& v = r.mops_version) {  // I210: spare VNS VN(3) LTT(3)
    record.put8(flag(v->not_supported, 6) | (v->version & 7u) << 3 | (v->link_technology & 7u));
  }
  if (r.mode_3a) record.put16(*r.mode_3a & 0x0FFFu);                          // I070
  if (r.flight_level) record.put16(signed_field(*r.flight_level, 0.25, 16));  // I145
  if (const auto& s = r.target_status) {  // I200: ICF LNAV ME PS(3) SS(2)
    record.put8(flag(s->intent_change, 7) | flag(s->lnav_not_engaged, 6) |
                flag(s->military_emergency.value_or(false), 5) | (s->priority_status & 7u) << 2 |
                (s->surveillance_status & 3u));
  }
  if (r.geometric_vertical_rate_ft_min) {  // I157: RE, GVR(15, two's complement) 6.25 ft/min
    const double lsbs = std::round(*r.geometric_vertical_rate_ft_min / 6.25);
    const bool exceeded = lsbs > 16'383.0 || lsbs < -16'384.0;
    record.put16(flag(exceeded, 15) | signed_field(lsbs, 1.0, 15));
  }
  if (r.ground_speed_kt && r.track_angle_deg) {  // I160: RE, GS(15) 2^-14 NM/s, TA 360/2^16 deg
    const double lsbs = std::round(*r.ground_speed_kt * kKtToNmPerS * 16'384.0);
    const bool exceeded = lsbs > 32'767.0;
    record.put16(flag(exceeded, 15) | unsigned_field(lsbs, 1.0, 15));
    record.put16(wrapped_field(*r.track_angle_deg, 360.0 / 65536.0, 16));
  }
  if (!r.target_identification.empty()) put_icao_characters(record, r.target_identification);
  record.append_to(out);
}

namespace {

constexpr double kCat062PositionLsbDeg = 180.0 / 33554432.0;  // 180/2^25
constexpr double kAgeLsbS = 0.25;

}  // namespace

void append_cat062_record(const Cat062Track& t, std::vector<std::uint8_t>& out,
                          EditionNumber edition) {
  Octets record;
  using namespace frn;
  std::uint64_t present = bit(k062_010) | bit(k062_070) | bit(k062_040) | bit(k062_080);
  if (t.service_identification) present |= bit(k062_015);
  if (t.latitude_deg && t.longitude_deg) present |= bit(k062_105);
  if (t.x_m && t.y_m) present |= bit(k062_100);
  if (t.vx_m_s && t.vy_m_s) present |= bit(k062_185);
  if (t.mode_3a) present |= bit(k062_060);
  const bool identification = !t.target_identification.empty();
  if (t.target_address || identification) present |= bit(k062_380);
  unsigned ages = 0;  // I290 subfields: TRK PSR SSR MDS ADS ES (bits 0..5)
  if (const auto& a = t.update_ages) {
    ages = (a->track_s ? 1u : 0u) | (a->psr_s ? 2u : 0u) | (a->ssr_s ? 4u : 0u) |
           (a->mode_s_s ? 8u : 0u) | (a->adsb_s ? 32u : 0u);
  }
  if (ages != 0) present |= bit(k062_290);
  if (t.measured_flight_level) present |= bit(k062_136);
  if (t.geometric_altitude_ft) present |= bit(k062_130);
  unsigned accuracies = 0;  // I500 subfields: APC COV APW AGA ABA ATV (bits 0..5)
  if (const auto& a = t.accuracies) {
    const bool apc = a->position_x_m && a->position_y_m;
    accuracies = (apc ? 1u : 0u) | (apc && a->xy_covariance_root_m ? 2u : 0u) |
                 (a->geometric_altitude_ft ? 8u : 0u) |
                 (a->velocity_x_m_s && a->velocity_y_m_s ? 32u : 0u);
  }
  if (accuracies != 0) present |= bit(k062_500);
  unsigned measured = 0;  // I340 subfields: SID POS HEIGHT MDC MDA TYP (bits 0..5)
  if (const auto& m = t.measured) {
    measured = (m->sensor ? 1u : 0u) | (m->position ? 2u : 0u) | (m->height_ft ? 4u : 0u) |
               (m->mode_c ? 8u : 0u) | (m->mode_3a ? 16u : 0u) | (m->report_type ? 32u : 0u);
  }
  if (measured != 0) present |= bit(k062_340);
  put_fspec(record, present);

  put_source(record, t.data_source);                                     // I010
  if (t.service_identification) record.put8(*t.service_identification);  // I015
  record.put24(time_of_day_field(t.time_of_track_s));                    // I070
  if (t.latitude_deg && t.longitude_deg) {                               // I105: 32-bit LAT, LON
    record.put32(signed_field(*t.latitude_deg, kCat062PositionLsbDeg, 32));
    record.put32(signed_field(longitude(*t.longitude_deg), kCat062PositionLsbDeg, 32));
  }
  if (t.x_m && t.y_m) {  // I100: X, Y 24-bit two's complement, 0.5 m
    record.put24(signed_field(*t.x_m, 0.5, 24));
    record.put24(signed_field(*t.y_m, 0.5, 24));
  }
  if (t.vx_m_s && t.vy_m_s) {  // I185: VX, VY 16-bit two's complement, 0.25 m/s
    record.put16(signed_field(*t.vx_m_s, 0.25, 16));
    record.put16(signed_field(*t.vy_m_s, 0.25, 16));
  }
  if (const auto& m = t.mode_3a) {  // I060: V G CH spare MODE3A(12)
    record.put16(flag(m->not_validated, 15) | flag(m->garbled, 14) | flag(m->changed, 13) |
                 (m->code & 0x0FFFu));
  }
  if (t.target_address || identification) {  // I380: ADR (subfield 1), ID (subfield 2)
    put_fspec(record, (t.target_address ? 1u : 0u) | (identification ? 2u : 0u));
    if (t.target_address) record.put24(t.target_address->value & 0xFFFFFFu);
    if (identification) put_icao_characters(record, t.target_identification);
  }
  record.put16(t.track_number);  // I040
  {                              // I080: extents 1..5, up to the last with a bit set
    const Cat062Status& s = t.status;
    const unsigned first = flag(s.monosensor, 7) | flag(s.spi, 6) |
                           flag(s.most_reliable_height_geometric, 5) |
                           (s.altitude_source & 7u) << 2 | flag(s.tentative, 1);
    const unsigned second =
        flag(s.simulated, 7) | flag(s.last_message, 6) | flag(s.first_message, 5);
    const unsigned fourth = flag(s.coasting, 7);
    const unsigned fifth = (s.surveillance_sources & 3u) << 6 | (s.emergency & 7u) << 3;
    const int extents = fifth != 0 ? 5 : fourth != 0 ? 4 : second != 0 ? 2 : 1;
    const unsigned extent[5] = {first, second, 0u, fourth, fifth};
    for (int i = 0; i < extents; ++i) record.put8(extent[i] | flag(i + 1 < extents, 0));
  }
  if (ages != 0) {  // I290: each age 1/4 s, 8 bits, saturating (255 = 63.75 s or more)
    const Cat062UpdateAges& a = *t.update_ages;
    put_fspec(record, ages);
    for (const auto& age : {a.track_s, a.psr_s, a.ssr_s, a.mode_s_s}) {
      if (age) record.put8(unsigned_field(*age, kAgeLsbS, 8));
    }
    if (a.adsb_s) record.put8(unsigned_field(*a.adsb_s, kAgeLsbS, 8));
  }
  if (t.measured_flight_level) record.put16(signed_field(*t.measured_flight_level, 0.25, 16));
  if (t.geometric_altitude_ft) record.put16(signed_field(*t.geometric_altitude_ft, 6.25, 16));
  if (accuracies != 0) {  // I500
    const Cat062Accuracies& a = *t.accuracies;
    put_fspec(record, accuracies);
    if ((accuracies & 1u) != 0) {
      record.put16(unsigned_field(*a.position_x_m, 0.5, 16));
      record.put16(unsigned_field(*a.position_y_m, 0.5, 16));
    }
    if ((accuracies & 2u) != 0) record.put16(signed_field(*a.xy_covariance_root_m, 0.5, 16));
    if ((accuracies & 8u) != 0) record.put8(unsigned_field(*a.geometric_altitude_ft, 6.25, 8));
    if ((accuracies & 32u) != 0) {
      record.put8(unsigned_field(*a.velocity_x_m_s, 0.25, 8));
      record.put8(unsigned_field(*a.velocity_y_m_s, 0.25, 8));
    }
  }
  if (measured != 0) {  // I340
    const Cat062MeasuredInformation& m = *t.measured;
    put_fspec(record, measured);
    if (m.sensor) put_source(record, *m.sensor);
    if (m.position) {  // RHO 1/256 NM (saturating), THETA 360/2^16 deg
      record.put16(unsigned_field(m.position->range_nm, 1.0 / 256.0, 16));
      record.put16(wrapped_field(m.position->azimuth_deg, 360.0 / 65536.0, 16));
    }
    if (m.height_ft) {  // 25 ft; two's complement from edition 1.19
      record.put16(edition >= EditionNumber{1, 19} ? signed_field(*m.height_ft, 25.0, 16)
                                                   : unsigned_field(*m.height_ft, 25.0, 16));
    }
    if (const auto& c = m.mode_c) {  // V G LMC(14, two's complement)
      record.put16(flag(c->not_validated, 15) | flag(c->garbled, 14) |
                   signed_field(c->flight_level, 0.25, 14));
    }
    if (const auto& a = m.mode_3a) {  // V G L spare MODE3A(12)
      record.put16(flag(a->not_validated, 15) | flag(a->garbled, 14) |
                   flag(a->smoothed_or_not_from_last_scan, 13) | (a->code & 0x0FFFu));
    }
    if (const auto& r = m.report_type) {  // TYP(3) SIM RAB TST spare(2)
      record.put8((r->type & 7u) << 5 | flag(r->simulated, 4) | flag(r->field_monitor, 3) |
                  flag(r->test_target, 2));
    }
  }
  record.append_to(out);
}

void append_cat065_record(const Cat065Message& m, std::vector<std::uint8_t>& out) {
  Octets record;
  using namespace frn;
  std::uint64_t present = bit(k065_010) | bit(k065_000) | bit(k065_030);
  if (m.service_identification) present |= bit(k065_015);
  if (m.batch_number) present |= bit(k065_020);
  if (m.sdps_status) present |= bit(k065_040);
  if (m.service_status_report) present |= bit(k065_050);
  put_fspec(record, present);

  put_source(record, m.data_source);                                     // I010
  record.put8(m.message_type);                                           // I000
  if (m.service_identification) record.put8(*m.service_identification);  // I015
  record.put24(time_of_day_field(m.time_of_message_s));                  // I030
  if (m.batch_number) record.put8(*m.batch_number);                      // I020
  if (const auto& s = m.sdps_status) {  // I040: NOGO(2) OVL TSV PSS(2) STTN spare
    record.put8((s->nogo & 3u) << 6 | flag(s->overload, 5) | flag(s->time_source_invalid, 4) |
                (s->processing_status & 3u) << 2 | flag(s->renumbering_toggle, 1));
  }
  if (m.service_status_report) record.put8(*m.service_status_report);  // I050
  record.append_to(out);
}

BlockBuilder::BlockBuilder(std::uint8_t category, std::size_t max_octets)
    : category_(category), max_octets_(std::clamp<std::size_t>(max_octets, 4, 65535)) {
  start_block();
}

void BlockBuilder::start_block() {
  open_.octets.clear();
  open_.records = 0;
  open_.octets.push_back(category_);
  open_.octets.push_back(0);
  open_.octets.push_back(0);
}

void BlockBuilder::commit(std::vector<DataBlock>& blocks) {
  assert(!record_.empty() && record_.size() + 3 <= 65535 && "one record that fits a block");
  if (open_.records > 0 && open_.octets.size() + record_.size() > max_octets_) flush(blocks);
  open_.octets.insert(open_.octets.end(), record_.begin(), record_.end());
  ++open_.records;
  record_.clear();
}

void BlockBuilder::flush(std::vector<DataBlock>& blocks) {
  if (open_.records == 0) return;
  const std::size_t length = open_.octets.size();
  open_.octets[1] = static_cast<std::uint8_t>(length >> 8);
  open_.octets[2] = static_cast<std::uint8_t>(length);
  blocks.push_back(std::move(open_));
  open_ = DataBlock{};
  open_.octets.reserve(max_octets_);
  start_block();
}

}  // namespace straja::asterix
