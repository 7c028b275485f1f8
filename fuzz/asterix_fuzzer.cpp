// ASTERIX fuzz targets, one per framing and one per category decoder (CMake builds this file once
// per target with STRAJA_FUZZ_NAME and either STRAJA_FUZZ_FRAMING or STRAJA_FUZZ_CATEGORY).
//  - framing targets: the input is a whole recording in that framing ("auto" detects it); every
//    payload goes through the stream decoder.
//  - category targets: the first octet picks one of the category's editions, the rest is the
//    body of one data block of that category (the header is added here), so the fuzzer spends
//    its time inside the record and item walkers of every edition.
// Properties checked for every record accepted: its generic values re-encode to exactly its
// octets, its JSON line is produced, and every typed accessor reads inside the record.

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "asterix/encode.h"
#include "asterix/framing.h"
#include "asterix/json_writer.h"
#include "asterix/stream_decoder.h"
#include "asterix/typed.h"
#include "fuzz_target.h"

namespace {

using namespace straja::asterix;

template <typename T>
void use(const T& value) {
  asm volatile("" : : "g"(&value) : "memory");  // keep the accessor's reads
}

void touch_typed(const RecordView& record) {
  switch (record.edition.category()) {
    case 48: {
      const Cat048View v(record);
      use(v.data_source()), use(v.time_of_day_s()), use(v.detection_type());
      use(v.measured_position()), use(v.mode_3a()), use(v.flight_level());
      use(v.aircraft_address()), use(v.aircraft_identification()), use(v.track_number());
      use(v.ground_speed_kt()), use(v.heading_deg()), use(v.track_status());
      use(v.communications_capability()), use(v.height_3d_ft());
      return;
    }
    case 34: {
      const Cat034View v(record);
      use(v.message_type()), use(v.data_source()), use(v.time_of_day_s());
      use(v.sector_azimuth_deg()), use(v.antenna_rotation_period_s());
      return;
    }
    case 21: {
      const Cat021View v(record);
      use(v.data_source()), use(v.time_of_applicability_position_s()), use(v.latitude_deg());
      use(v.longitude_deg()), use(v.target_address()), use(v.flight_level());
      use(v.ground_speed_kt()), use(v.track_angle_deg()), use(v.target_identification());
      use(v.mode_3a()), use(v.geometric_height_ft()), use(v.target_report_descriptor());
      use(v.time_of_message_reception_position_precise()), use(v.air_speed());
      use(v.true_airspeed_kt()), use(v.barometric_vertical_rate_ft_min());
      use(v.track_number()), use(v.target_status()), use(v.mops_version());
      return;
    }
    case 62: {
      const Cat062View v(record);
      use(v.data_source()), use(v.time_of_track_s()), use(v.track_number());
      use(v.latitude_deg()), use(v.x_m()), use(v.vx_m_s()), use(v.mode_3a());
      use(v.measured_flight_level()), use(v.track_status()), use(v.mode_of_movement());
      use(v.update_age_s("PSR")), use(v.data_age_s("MFL")), use(v.target_address());
      use(v.target_identification()), use(v.indicated_airspeed()), use(v.selected_altitude_ft());
      use(v.flight_plan_callsign()), use(v.position_accuracy_m()), use(v.measured_mode_c());
      use(v.measured_polar_position()), use(v.measured_mode_3a());
      return;
    }
    default:
      return;
  }
}

/// Values, JSON, typed reads and the byte-exact re-encoding of one accepted record.
void check_record(const RecordView& record, std::optional<straja::SacSic> source, std::size_t block,
                  std::size_t index) {
  static DecodedRecord values;
  static std::string json;
  static std::vector<std::uint8_t> encoded;
  decode_values(record, values);
  json.clear();
  append_record_json(values, block, index, source, json);
  touch_typed(record);
  encoded.clear();
  if (!encode_record(values, encoded) ||
      encoded != std::vector<std::uint8_t>(record.data, record.data + record.size)) {
    std::abort();
  }
}

}  // namespace

STRAJA_FUZZ_TARGET(STRAJA_FUZZ_NAME) {
#if defined(STRAJA_FUZZ_FRAMING)
  const auto framing = parse_framing(STRAJA_FUZZ_FRAMING);
  if (!framing) std::abort();
  auto payloads = split_payloads(Bytes(data, size), *framing);
  if (!payloads.ok()) return 0;
  StreamDecoder decoder{EditionSelector{}};
  for (const Payload& payload : *payloads) {
    decoder.decode(payload.bytes, payload.file_offset, check_record, [](const DecodeError&) {});
  }
#elif defined(STRAJA_FUZZ_CATEGORY)
  if (size < 1 || size > 65535 - 3) return 0;
  std::vector<Edition> editions;
  for (const auto& table : Edition::all()) {
    if (table.category == STRAJA_FUZZ_CATEGORY) {
      editions.push_back(*Edition::find(table.category, {table.major, table.minor}));
    }
  }
  const Edition& edition = editions[data[0] % editions.size()];
  EditionSelector selector;
  if (!selector.set(STRAJA_FUZZ_CATEGORY, edition.number()).ok()) std::abort();
  std::vector<std::uint8_t> block{STRAJA_FUZZ_CATEGORY, static_cast<std::uint8_t>((size + 2) >> 8),
                                  static_cast<std::uint8_t>((size + 2) & 0xFFu)};
  block.insert(block.end(), data + 1, data + size);
  StreamDecoder decoder{selector};
  decoder.decode(block, 0, check_record, [](const DecodeError&) {});
#else
#error "define STRAJA_FUZZ_FRAMING or STRAJA_FUZZ_CATEGORY"
#endif
  return 0;
}
