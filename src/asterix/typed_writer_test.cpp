// The typed writer against the project's own table-driven decoder: the FRNs it writes are those
// of the editions' UAPs, and records of random and extreme values decode back (typed views and
// generic JSON values) to the values written, within half an LSB where the writer rounds.

#include "asterix/typed_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "asterix/json_writer.h"
#include "asterix/record.h"
#include "asterix/values.h"

namespace straja::asterix {
namespace {

using nlohmann::json;

/// Every edition of `category` whose UAP puts each item of `frns` (item number, FRN) at that FRN.
std::vector<EditionNumber> editions_with(int category,
                                         const std::vector<std::pair<int, int>>& frns) {
  std::vector<EditionNumber> out;
  for (const spec::EditionTable& table : Edition::all()) {
    if (table.category != category) continue;
    const auto edition = Edition::find(category, {table.major, table.minor});
    bool same = true;
    for (const auto& [item, frn] : frns) same = same && edition->frn_of(0, item) == frn;
    if (same) out.push_back(edition->number());
  }
  return out;
}

const std::vector<std::pair<int, int>> k048Frns = {
    {10, frn::k048_010},  {140, frn::k048_140}, {20, frn::k048_020},  {40, frn::k048_040},
    {70, frn::k048_070},  {90, frn::k048_090},  {220, frn::k048_220}, {240, frn::k048_240},
    {110, frn::k048_110}, {230, frn::k048_230}};
const std::vector<std::pair<int, int>> k034Frns = {
    {10, frn::k034_010}, {0, frn::k034_000},  {30, frn::k034_030}, {20, frn::k034_020},
    {41, frn::k034_041}, {50, frn::k034_050}, {60, frn::k034_060}, {120, frn::k034_120}};
const std::vector<std::pair<int, int>> k021Frns = {
    {10, frn::k021_010},  {40, frn::k021_040},  {161, frn::k021_161}, {71, frn::k021_071},
    {131, frn::k021_131}, {72, frn::k021_072},  {80, frn::k021_080},  {73, frn::k021_073},
    {140, frn::k021_140}, {90, frn::k021_090},  {210, frn::k021_210}, {70, frn::k021_070},
    {145, frn::k021_145}, {200, frn::k021_200}, {157, frn::k021_157}, {160, frn::k021_160},
    {170, frn::k021_170}};

const std::vector<std::pair<int, int>> k062Frns = {
    {10, frn::k062_010},  {15, frn::k062_015},  {70, frn::k062_070},  {105, frn::k062_105},
    {100, frn::k062_100}, {185, frn::k062_185}, {60, frn::k062_060},  {380, frn::k062_380},
    {40, frn::k062_040},  {80, frn::k062_080},  {290, frn::k062_290}, {136, frn::k062_136},
    {130, frn::k062_130}, {500, frn::k062_500}, {340, frn::k062_340}};
const std::vector<std::pair<int, int>> k065Frns = {
    {10, frn::k065_010}, {0, frn::k065_000},  {15, frn::k065_015}, {30, frn::k065_030},
    {20, frn::k065_020}, {40, frn::k065_040}, {50, frn::k065_050}};

/// The CAT062 editions the writer supports (typed_writer.h).
const EditionNumber kCat062Editions[] = {{1, 17}, {1, 18}, {1, 19}, {1, 20}, {1, 21}};

bool contains(const std::vector<EditionNumber>& editions, EditionNumber number) {
  return std::find(editions.begin(), editions.end(), number) != editions.end();
}

TEST(TypedWriter, WritesTheFrnsOfTheDefaultEditionsUaps) {
  EXPECT_TRUE(contains(editions_with(48, k048Frns), EditionNumber{1, 21}));
  EXPECT_TRUE(contains(editions_with(34, k034Frns), EditionNumber{1, 27}));
  EXPECT_TRUE(contains(editions_with(21, k021Frns), EditionNumber{2, 6}));
  for (const EditionNumber edition : kCat062Editions) {
    EXPECT_TRUE(contains(editions_with(62, k062Frns), edition)) << edition.to_string();
  }
  for (const EditionNumber edition :
       {EditionNumber{1, 3}, EditionNumber{1, 4}, EditionNumber{1, 5}}) {
    EXPECT_TRUE(contains(editions_with(65, k065Frns), edition)) << edition.to_string();
  }
  // The items written sit at the same FRNs in every CAT048 and CAT034 edition defined here.
  EXPECT_EQ(editions_with(48, k048Frns).size(), editions_with(48, {}).size());
  EXPECT_EQ(editions_with(34, k034Frns).size(), editions_with(34, {}).size());
}

TEST(TypedWriter, FieldsRoundToNearestSaturateAndWrap) {
  EXPECT_EQ(unsigned_field(10.49, 1.0, 8), 10u);
  EXPECT_EQ(unsigned_field(10.5, 1.0, 8), 11u);
  EXPECT_EQ(unsigned_field(-3.0, 1.0, 8), 0u);
  EXPECT_EQ(unsigned_field(1e9, 1.0, 8), 255u);
  EXPECT_EQ(unsigned_field(std::nan(""), 1.0, 8), 0u);
  EXPECT_EQ(signed_field(-1.0, 0.25, 14), 0x3FFCu);  // -4 in 14 bits
  EXPECT_EQ(signed_field(-1e9, 0.25, 14), 0x2000u);  // most negative
  EXPECT_EQ(signed_field(1e9, 0.25, 14), 0x1FFFu);   // most positive
  EXPECT_EQ(signed_field(-0.1, 1.0, 16), 0u);        // rounds to zero, no negative zero
  EXPECT_EQ(wrapped_field(360.0, 360.0 / 65536.0, 16), 0u);
  EXPECT_EQ(wrapped_field(-360.0 / 65536.0, 360.0 / 65536.0, 16), 65535u);
  EXPECT_EQ(wrapped_field(359.999999, 360.0 / 65536.0, 16), 0u);
  EXPECT_EQ(wrapped_field(-90.0, 360.0 / 65536.0, 16), 49152u);
  EXPECT_EQ(time_of_day_field(0.0), 0u);
  EXPECT_EQ(time_of_day_field(86'399.999), 0u);  // rounds to midnight, wraps
  EXPECT_EQ(time_of_day_field(86'400.0 + 1.0), 128u);
  EXPECT_EQ(time_of_day_field(-1.0 / 128.0), 86'400u * 128u - 1u);
  EXPECT_EQ(time_of_day_field(3600.0 + 1.0 / 256.0), 3600u * 128u + 1u);  // half LSB rounds up
}

TEST(TypedWriter, IcaoCharactersUpperCaseAndSpaces) {
  std::vector<std::uint8_t> octets;
  append_icao_characters("ab-1", octets);
  ASSERT_EQ(octets.size(), 6u);
  EXPECT_EQ(decode_callsign(octets.data()).view(), "AB 1");
  octets.clear();
  append_icao_characters("THY3KL99X", octets);  // nine characters: the first eight
  EXPECT_EQ(decode_callsign(octets.data()).view(), "THY3KL99");
}

/// Parses `octets` (one record) as a block of `category` in `edition`; the record and its JSON.
struct Decoded {
  std::vector<std::uint8_t> block;
  std::vector<RecordView> records;
  json items;
};
Decoded decode(int category, EditionNumber edition, const std::vector<std::uint8_t>& record) {
  Decoded d;
  d.block.assign(3 + record.size(), 0);
  d.block[0] = static_cast<std::uint8_t>(category);
  std::copy(record.begin(), record.end(), d.block.begin() + 3);
  d.block[1] = static_cast<std::uint8_t>(d.block.size() >> 8);
  d.block[2] = static_cast<std::uint8_t>(d.block.size());
  EditionSelector selector;
  EXPECT_TRUE(selector.set(category, edition).ok());
  const auto error = parse_block(d.block, selector, 0, d.records);
  EXPECT_FALSE(error) << (error ? error->describe() : "");
  if (error || d.records.size() != 1) {
    ADD_FAILURE() << "expected one record, got " << d.records.size();
    return d;
  }
  DecodedRecord values;
  decode_values(d.records[0], values);
  std::string line;
  append_record_json(values, 0, 0, std::nullopt, line);
  d.items = json::parse(line)["items"];
  return d;
}

/// |decoded - written| <= half an LSB (plus rounding noise of the decimal conversions).
#define EXPECT_WITHIN_HALF_LSB(decoded, written, lsb) \
  EXPECT_LE(std::abs((decoded) - (written)), 0.5 * (lsb) * (1 + 1e-9) + 1e-12)

TEST(TypedWriter, Cat048RecordsDecodeToTheValuesWritten) {
  std::mt19937_64 random(48);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int i = 0; i < 2000; ++i) {
    Cat048Report r;
    r.data_source = {static_cast<std::uint8_t>(random()), static_cast<std::uint8_t>(random())};
    r.time_of_day_s = 86'399.0 * u(random);
    r.detection_type = static_cast<std::uint8_t>(random() % 8);
    r.simulated = random() % 2 == 0;
    if (i % 3 != 1) r.measured_position = PolarPosition{255.0 * u(random), 359.99 * u(random)};
    if (i % 4 != 1) {
      r.mode_3a = Mode3AReply{random() % 2 == 0, random() % 2 == 0, random() % 2 == 0,
                              static_cast<std::uint16_t>(random() % 4096)};
    }
    if (i % 5 != 1) r.flight_level = FlightLevelReply{false, false, -20.0 + 700.0 * u(random)};
    if (i % 2 == 0) r.aircraft_address = IcaoAddress{static_cast<std::uint32_t>(random() >> 40)};
    const std::string callsign = i % 2 == 0 ? "THY" + std::to_string(i) : "";
    r.aircraft_identification = callsign;
    if (i % 3 == 0) r.height_3d_ft = -1000.0 + 70'000.0 * u(random);
    if (i % 2 == 0) {
      r.capability = Cat048Capability{static_cast<std::uint8_t>(random() % 5),
                                      static_cast<std::uint8_t>(random() % 6),
                                      random() % 2 == 0,
                                      random() % 2 == 0,
                                      random() % 2 == 0,
                                      random() % 2 == 0};
    }
    std::vector<std::uint8_t> octets;
    append_cat048_record(r, octets);
    for (const EditionNumber edition :
         {EditionNumber{1, 21}, EditionNumber{1, 15}, EditionNumber{1, 27}, EditionNumber{1, 31}}) {
      const Decoded d = decode(48, edition, octets);
      ASSERT_EQ(d.records.size(), 1u);
      ASSERT_EQ(d.records[0].size, octets.size());
      const Cat048View v(d.records[0]);
      EXPECT_EQ(*v.data_source(), r.data_source);
      EXPECT_WITHIN_HALF_LSB(*v.time_of_day_s(), r.time_of_day_s, 1.0 / 128);
      EXPECT_EQ(*v.detection_type(), r.detection_type);
      EXPECT_EQ(d.items["I020"]["SIM"], r.simulated ? 1 : 0);
      ASSERT_EQ(v.measured_position().has_value(), r.measured_position.has_value());
      if (r.measured_position) {
        EXPECT_WITHIN_HALF_LSB(v.measured_position()->range_nm, r.measured_position->range_nm,
                               1.0 / 256);
        EXPECT_WITHIN_HALF_LSB(v.measured_position()->azimuth_deg, r.measured_position->azimuth_deg,
                               360.0 / 65536);
      }
      ASSERT_EQ(v.mode_3a().has_value(), r.mode_3a.has_value());
      if (r.mode_3a) {
        EXPECT_EQ(v.mode_3a()->code, r.mode_3a->code);
        EXPECT_EQ(v.mode_3a()->not_validated, r.mode_3a->not_validated);
        EXPECT_EQ(v.mode_3a()->garbled, r.mode_3a->garbled);
        EXPECT_EQ(v.mode_3a()->smoothed_or_not_from_last_scan,
                  r.mode_3a->smoothed_or_not_from_last_scan);
      }
      ASSERT_EQ(v.flight_level().has_value(), r.flight_level.has_value());
      if (r.flight_level) {
        EXPECT_WITHIN_HALF_LSB(v.flight_level()->flight_level, r.flight_level->flight_level, 0.25);
      }
      ASSERT_EQ(v.aircraft_address().has_value(), r.aircraft_address.has_value());
      if (r.aircraft_address) {
        EXPECT_EQ(*v.aircraft_address(), *r.aircraft_address);
      }
      ASSERT_EQ(v.aircraft_identification().has_value(), !callsign.empty());
      if (!callsign.empty()) {
        EXPECT_EQ(v.aircraft_identification()->view(), callsign);
      }
      ASSERT_EQ(v.height_3d_ft().has_value(), r.height_3d_ft.has_value());
      if (r.height_3d_ft) {
        EXPECT_WITHIN_HALF_LSB(*v.height_3d_ft(), *r.height_3d_ft, 25.0);
      }
      ASSERT_EQ(d.items.contains("I230"), r.capability.has_value());
      if (r.capability) {
        const json& c = d.items["I230"];
        EXPECT_EQ(c["COM"], r.capability->com);
        EXPECT_EQ(c["STAT"], r.capability->stat);
        if (c.contains("SI")) {
          EXPECT_EQ(c["SI"], r.capability->ii_code_only ? 1 : 0);
        }
        EXPECT_EQ(c["MSSC"], r.capability->mode_s_specific_service ? 1 : 0);
        EXPECT_EQ(c["ARC"], r.capability->altitude_25ft ? 1 : 0);
        EXPECT_EQ(c["AIC"], r.capability->identification_capable ? 1 : 0);
        EXPECT_EQ(c["B1A"], 0);
        EXPECT_EQ(c["B1B"], 0);
      }
    }
  }
}

TEST(TypedWriter, Cat048ExtremesSaturate) {
  Cat048Report r;
  r.measured_position = PolarPosition{300.0, -0.001};  // beyond RHO's range, just west of north
  r.flight_level = FlightLevelReply{false, false, -12.25};
  r.height_3d_ft = -300'000.0;
  std::vector<std::uint8_t> octets;
  append_cat048_record(r, octets);
  const Decoded d = decode(48, {1, 21}, octets);
  const Cat048View v(d.records.at(0));
  EXPECT_DOUBLE_EQ(v.measured_position()->range_nm, 65535.0 / 256);
  EXPECT_DOUBLE_EQ(v.measured_position()->azimuth_deg, 0.0);
  EXPECT_DOUBLE_EQ(v.flight_level()->flight_level, -12.25);  // two's complement
  EXPECT_DOUBLE_EQ(*v.height_3d_ft(), -8192 * 25.0);
}

TEST(TypedWriter, Cat034MessagesDecodeToTheValuesWritten) {
  for (const EditionNumber edition :
       {EditionNumber{1, 27}, EditionNumber{1, 26}, EditionNumber{1, 29}}) {
    for (int kind = 0; kind < 3; ++kind) {
      Cat034Message north;
      north.message_type = 1;
      north.data_source = {25, 1};
      north.time_of_day_s = 36'000.25;
      north.antenna_rotation_period_s = 4.7;
      north.status = Cat034Sensors{kind == 0, kind != 0, kind == 2};
      north.source_position = Cat034SourcePosition{215.4, 47.0245, -28.832};
      std::vector<std::uint8_t> octets;
      append_cat034_record(north, octets);
      Decoded d = decode(34, edition, octets);
      {
        const Cat034View v(d.records.at(0));
        EXPECT_EQ(*v.message_type(), 1);
        EXPECT_EQ(*v.data_source(), (SacSic{25, 1}));
        EXPECT_DOUBLE_EQ(*v.time_of_day_s(), 36'000.25);
        EXPECT_WITHIN_HALF_LSB(*v.antenna_rotation_period_s(), 4.7, 1.0 / 128);
        EXPECT_FALSE(v.sector_azimuth_deg());
        const json& status = d.items["I050"];
        const json& mode = d.items["I060"];
        EXPECT_EQ(status["COM"]["NOGO"], 0);
        EXPECT_EQ(status["COM"]["TSV"], 0);
        EXPECT_EQ(status.contains("PSR"), kind == 0);
        EXPECT_EQ(status.contains("SSR"), kind != 0);
        EXPECT_EQ(status.contains("MDS"), kind == 2);
        if (kind == 0) {
          EXPECT_EQ(status["PSR"]["CHAB"], 1);
        }
        if (kind != 0) {
          EXPECT_EQ(status["SSR"]["CHAB"], 1);
        }
        if (kind == 2) {
          EXPECT_EQ(status["MDS"]["CHAB"], 1);
        }
        EXPECT_EQ(mode.contains("PSR"), kind == 0);
        EXPECT_EQ(mode.contains("MDS"), kind == 2);
        EXPECT_EQ(mode["COM"]["REDRDP"], 0);
        const json& position = d.items["I120"];
        EXPECT_EQ(position["HGT"], 215);
        EXPECT_WITHIN_HALF_LSB(position["LAT"].get<double>(), 47.0245, 180.0 / 8388608);
        EXPECT_WITHIN_HALF_LSB(position["LON"].get<double>(), -28.832, 180.0 / 8388608);
      }
      Cat034Message sector;
      sector.message_type = 2;
      sector.data_source = {25, 1};
      sector.time_of_day_s = 86'399.999;
      sector.sector_azimuth_deg = 348.75;
      octets.clear();
      append_cat034_record(sector, octets);
      d = decode(34, edition, octets);
      const Cat034View v(d.records.at(0));
      EXPECT_EQ(*v.message_type(), 2);
      EXPECT_DOUBLE_EQ(*v.sector_azimuth_deg(), 348.75);
      EXPECT_DOUBLE_EQ(*v.time_of_day_s(), 0.0);  // rounded to midnight
      EXPECT_FALSE(v.antenna_rotation_period_s());
      EXPECT_FALSE(d.items.contains("I050"));
    }
  }
}

TEST(TypedWriter, Cat021RecordsDecodeToTheValuesWritten) {
  std::mt19937_64 random(21);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int i = 0; i < 2000; ++i) {
    Cat021Report r;
    r.data_source = {static_cast<std::uint8_t>(random()), static_cast<std::uint8_t>(random())};
    r.descriptor.address_type = static_cast<std::uint8_t>(random() % 4);
    r.descriptor.altitude_reporting_capability = static_cast<std::uint8_t>(random() % 3);
    if (i % 2 == 0) r.descriptor.simulated = random() % 2 == 0;
    if (i % 3 != 0) r.track_number = static_cast<std::uint16_t>(random() % 4096);
    const double t = 86'399.0 * u(random);
    r.time_of_applicability_position_s = t;
    r.time_of_message_reception_position_s = t + 0.3;
    if (i % 4 != 1) {
      r.latitude_deg = -90.0 + 180.0 * u(random);
      r.longitude_deg = -180.0 + 360.0 * u(random);
    }
    if (i % 2 == 0) r.time_of_applicability_velocity_s = t;
    r.target_address = IcaoAddress{static_cast<std::uint32_t>(random() >> 40)};
    if (i % 5 != 1) r.geometric_height_ft = -1000.0 + 60'000.0 * u(random);
    if (i % 3 != 2) {
      r.quality = Cat021Quality{static_cast<std::uint8_t>(random() % 8),
                                static_cast<std::uint8_t>(random() % 16), random() % 2 == 0,
                                static_cast<std::uint8_t>(random() % 4),
                                static_cast<std::uint8_t>(random() % 12)};
    }
    r.mops_version = MopsVersion{random() % 2 == 0, static_cast<std::uint8_t>(random() % 4),
                                 static_cast<std::uint8_t>(random() % 4)};
    if (i % 2 == 1) r.mode_3a = static_cast<std::uint16_t>(random() % 4096);
    if (i % 5 != 2) r.flight_level = -15.0 + 600.0 * u(random);
    if (i % 2 == 0) {
      Cat021TargetStatus s;
      s.intent_change = random() % 2 == 0;
      s.lnav_not_engaged = random() % 2 == 0;
      s.military_emergency = random() % 2 == 0;
      s.priority_status = static_cast<std::uint8_t>(random() % 7);
      s.surveillance_status = static_cast<std::uint8_t>(random() % 4);
      r.target_status = s;
    }
    if (i % 3 != 0) r.geometric_vertical_rate_ft_min = -8000.0 + 16'000.0 * u(random);
    if (i % 4 != 3) {
      r.ground_speed_kt = 1200.0 * u(random);
      r.track_angle_deg = 360.0 * u(random);
    }
    const std::string callsign = i % 2 == 0 ? "AUI" + std::to_string(i % 1000) : "";
    r.target_identification = callsign;

    std::vector<std::uint8_t> octets;
    append_cat021_record(r, octets);
    const Decoded d = decode(21, {2, 6}, octets);
    ASSERT_EQ(d.records.size(), 1u);
    ASSERT_EQ(d.records[0].size, octets.size());
    const Cat021View v(d.records[0]);
    EXPECT_EQ(*v.data_source(), r.data_source);
    const Cat021ReportDescriptor descriptor = *v.target_report_descriptor();
    EXPECT_EQ(descriptor.address_type, r.descriptor.address_type);
    EXPECT_EQ(descriptor.altitude_reporting_capability, r.descriptor.altitude_reporting_capability);
    EXPECT_EQ(descriptor.simulated.has_value(), r.descriptor.simulated.has_value());
    if (r.descriptor.simulated) {
      EXPECT_EQ(*descriptor.simulated, *r.descriptor.simulated);
    }
    EXPECT_EQ(v.track_number(), r.track_number);
    EXPECT_WITHIN_HALF_LSB(*v.time_of_applicability_position_s(), t, 1.0 / 128);
    EXPECT_WITHIN_HALF_LSB(std::fmod(*v.time_of_message_reception_position_s(), 86'400.0),
                           std::fmod(t + 0.3, 86'400.0), 1.0 / 128);
    ASSERT_EQ(v.latitude_deg().has_value(), r.latitude_deg.has_value());
    if (r.latitude_deg) {
      EXPECT_TRUE(d.records[0].item(130).empty()) << "high-resolution I131 only";
      EXPECT_WITHIN_HALF_LSB(*v.latitude_deg(), *r.latitude_deg, 180.0 / 1073741824);
      double dlon = *v.longitude_deg() - *r.longitude_deg;
      dlon -= 360.0 * std::round(dlon / 360.0);
      EXPECT_WITHIN_HALF_LSB(dlon, 0.0, 180.0 / 1073741824);
    }
    ASSERT_EQ(v.time_of_applicability_velocity_s().has_value(),
              r.time_of_applicability_velocity_s.has_value());
    EXPECT_EQ(*v.target_address(), *r.target_address);
    ASSERT_EQ(v.geometric_height_ft().has_value(), r.geometric_height_ft.has_value());
    if (r.geometric_height_ft) {
      EXPECT_WITHIN_HALF_LSB(*v.geometric_height_ft(), *r.geometric_height_ft, 6.25);
    }
    ASSERT_EQ(d.items.contains("I090"), r.quality.has_value());
    if (r.quality) {
      const json& q = d.items["I090"];
      EXPECT_EQ(q["NUCRNACV"], r.quality->nucr_nacv);
      EXPECT_EQ(q["NUCPNIC"], r.quality->nucp_nic);
      EXPECT_EQ(q["NICBARO"], r.quality->nic_baro ? 1 : 0);
      EXPECT_EQ(q["SIL"], r.quality->sil);
      EXPECT_EQ(q["NACP"], r.quality->nacp);
      EXPECT_FALSE(q.contains("SDA")) << "two octets only";
    }
    const MopsVersion mops = *v.mops_version();
    EXPECT_EQ(mops.not_supported, r.mops_version->not_supported);
    EXPECT_EQ(mops.version, r.mops_version->version);
    EXPECT_EQ(mops.link_technology, r.mops_version->link_technology);
    ASSERT_EQ(v.mode_3a().has_value(), r.mode_3a.has_value());
    if (r.mode_3a) {
      EXPECT_EQ(v.mode_3a()->code, *r.mode_3a);
    }
    ASSERT_EQ(v.flight_level().has_value(), r.flight_level.has_value());
    if (r.flight_level) {
      EXPECT_WITHIN_HALF_LSB(*v.flight_level(), *r.flight_level, 0.25);
    }
    ASSERT_EQ(v.target_status().has_value(), r.target_status.has_value());
    if (r.target_status) {
      EXPECT_EQ(v.target_status()->intent_change, r.target_status->intent_change);
      EXPECT_EQ(v.target_status()->lnav_not_engaged, r.target_status->lnav_not_engaged);
      EXPECT_EQ(v.target_status()->military_emergency, r.target_status->military_emergency);
      EXPECT_EQ(v.target_status()->priority_status, r.target_status->priority_status);
      EXPECT_EQ(v.target_status()->surveillance_status, r.target_status->surveillance_status);
    }
    ASSERT_EQ(v.geometric_vertical_rate_ft_min().has_value(),
              r.geometric_vertical_rate_ft_min.has_value());
    if (r.geometric_vertical_rate_ft_min) {
      EXPECT_FALSE(v.geometric_vertical_rate_ft_min()->range_exceeded);
      EXPECT_WITHIN_HALF_LSB(v.geometric_vertical_rate_ft_min()->value,
                             *r.geometric_vertical_rate_ft_min, 6.25);
    }
    ASSERT_EQ(v.ground_speed_kt().has_value(), r.ground_speed_kt.has_value());
    if (r.ground_speed_kt) {
      EXPECT_FALSE(*v.ground_vector_range_exceeded());
      EXPECT_WITHIN_HALF_LSB(*v.ground_speed_kt(), *r.ground_speed_kt, 3600.0 / 16384);
      EXPECT_WITHIN_HALF_LSB(*v.track_angle_deg(), *r.track_angle_deg, 360.0 / 65536);
    }
    ASSERT_EQ(v.target_identification().has_value(), !callsign.empty());
    if (!callsign.empty()) {
      EXPECT_EQ(v.target_identification()->view(), callsign);
    }
    EXPECT_FALSE(d.items.contains("I150")) << "no air speed";
  }
}

TEST(TypedWriter, Cat021RangeExceededBitsAndExtremes) {
  Cat021Report r;
  r.ground_speed_kt = 9000.0;  // beyond 2 NM/s
  r.track_angle_deg = 0.0;
  r.geometric_vertical_rate_ft_min = -200'000.0;
  r.geometric_height_ft = 1e7;
  r.latitude_deg = -90.0;
  r.longitude_deg = 180.0;
  std::vector<std::uint8_t> octets;
  append_cat021_record(r, octets);
  const Decoded d = decode(21, {2, 6}, octets);
  const Cat021View v(d.records.at(0));
  EXPECT_TRUE(*v.ground_vector_range_exceeded());
  EXPECT_DOUBLE_EQ(*v.ground_speed_kt(), 32767 * 3600.0 / 16384);
  EXPECT_TRUE(v.geometric_vertical_rate_ft_min()->range_exceeded);
  EXPECT_DOUBLE_EQ(v.geometric_vertical_rate_ft_min()->value, -16384 * 6.25);
  EXPECT_DOUBLE_EQ(*v.geometric_height_ft(), 32767 * 6.25);
  EXPECT_DOUBLE_EQ(*v.latitude_deg(), -90.0);
  EXPECT_DOUBLE_EQ(*v.longitude_deg(), -180.0);
  EXPECT_FALSE(v.target_report_descriptor()->simulated) << "no first extension";
}

/// A CAT062 track with every item, random values in the items' ranges (seeded by `i`).
struct RandomCat062 {
  Cat062Track track;
  std::string callsign;
};
RandomCat062 random_cat062(std::mt19937_64& random, int i) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  RandomCat062 out;
  Cat062Track& t = out.track;
  t.data_source = {static_cast<std::uint8_t>(random()), static_cast<std::uint8_t>(random())};
  if (i % 3 != 0) t.service_identification = static_cast<std::uint8_t>(random());
  t.time_of_track_s = 86'399.0 * u(random);
  if (i % 4 != 1) {
    t.latitude_deg = -90.0 + 180.0 * u(random);
    t.longitude_deg = -180.0 + 360.0 * u(random);
  }
  if (i % 5 != 1) {
    t.x_m = -4.0e6 + 8.0e6 * u(random);
    t.y_m = -4.0e6 + 8.0e6 * u(random);
  }
  if (i % 5 != 2) {
    t.vx_m_s = -8000.0 + 16'000.0 * u(random);
    t.vy_m_s = -8000.0 + 16'000.0 * u(random);
  }
  if (i % 2 == 0) {
    t.mode_3a = Cat062Mode3A{static_cast<std::uint16_t>(random() % 4096), random() % 2 == 0,
                             random() % 2 == 0, random() % 2 == 0};
  }
  if (i % 3 == 1) t.target_address = IcaoAddress{static_cast<std::uint32_t>(random() >> 40)};
  if (i % 4 == 2) out.callsign = "AUI" + std::to_string(i % 10'000);
  t.track_number = static_cast<std::uint16_t>(random());
  Cat062Status& s = t.status;
  s.monosensor = random() % 2 == 0;
  s.spi = random() % 2 == 0;
  s.most_reliable_height_geometric = random() % 2 == 0;
  s.altitude_source = static_cast<std::uint8_t>(random() % 8);
  s.tentative = random() % 2 == 0;
  s.simulated = i % 3 == 0;
  s.last_message = i % 7 == 0;
  s.first_message = i % 5 == 0;
  s.coasting = i % 4 == 0;
  if (i % 6 == 0) s.surveillance_sources = static_cast<std::uint8_t>(random() % 4);
  if (i % 9 == 0) s.emergency = static_cast<std::uint8_t>(random() % 8);
  if (i % 6 != 5) {
    Cat062UpdateAges a;
    if (i % 2 == 0) a.track_s = 70.0 * u(random);
    if (i % 3 != 2) a.psr_s = 63.0 * u(random);
    if (i % 3 != 0) a.ssr_s = 63.0 * u(random);
    if (i % 4 == 0) a.mode_s_s = 63.0 * u(random);
    if (i % 5 < 2) a.adsb_s = 63.0 * u(random);
    t.update_ages = a;
  }
  if (i % 4 != 3) t.measured_flight_level = -15.0 + 1500.0 * u(random);
  if (i % 3 != 2) {
    Cat062MeasuredInformation m;
    if (i % 2 == 0) m.sensor = SacSic{static_cast<std::uint8_t>(random()), 7};
    if (i % 5 != 3) m.position = PolarPosition{255.0 * u(random), 359.99 * u(random)};
    if (i % 3 == 0) m.height_ft = 60'000.0 * u(random);
    if (i % 4 != 0)
      m.mode_c = FlightLevelReply{random() % 2 == 0, random() % 2 == 0, -12.0 + 1200.0 * u(random)};
    if (i % 5 == 0) {
      m.mode_3a = Mode3AReply{random() % 2 == 0, random() % 2 == 0, random() % 2 == 0,
                              static_cast<std::uint16_t>(random() % 4096)};
    }
    if (i % 2 == 1) {
      m.report_type = Cat062ReportType{static_cast<std::uint8_t>(random() % 8), random() % 2 == 0,
                                       random() % 2 == 0, random() % 2 == 0};
    }
    t.measured = m;
  }
  return out;
}

TEST(TypedWriter, Cat062RecordsDecodeToTheValuesWritten) {
  std::mt19937_64 random(62);
  for (int i = 0; i < 2000; ++i) {
    RandomCat062 generated = random_cat062(random, i);
    Cat062Track& t = generated.track;
    t.target_identification = generated.callsign;
    for (const EditionNumber edition : kCat062Editions) {
      std::vector<std::uint8_t> octets;
      append_cat062_record(t, octets, edition);
      const Decoded d = decode(62, edition, octets);
      ASSERT_EQ(d.records.size(), 1u);
      ASSERT_EQ(d.records[0].size, octets.size());
      const Cat062View v(d.records[0]);
      EXPECT_EQ(*v.data_source(), t.data_source);
      EXPECT_EQ(v.service_identification(), t.service_identification);
      EXPECT_WITHIN_HALF_LSB(*v.time_of_track_s(), t.time_of_track_s, 1.0 / 128);
      ASSERT_EQ(v.latitude_deg().has_value(), t.latitude_deg.has_value());
      if (t.latitude_deg) {
        EXPECT_WITHIN_HALF_LSB(*v.latitude_deg(), *t.latitude_deg, 180.0 / 33554432);
        EXPECT_WITHIN_HALF_LSB(*v.longitude_deg(), *t.longitude_deg, 180.0 / 33554432);
      }
      ASSERT_EQ(v.x_m().has_value(), t.x_m.has_value());
      if (t.x_m) {
        EXPECT_WITHIN_HALF_LSB(*v.x_m(), *t.x_m, 0.5);
        EXPECT_WITHIN_HALF_LSB(*v.y_m(), *t.y_m, 0.5);
      }
      ASSERT_EQ(v.vx_m_s().has_value(), t.vx_m_s.has_value());
      if (t.vx_m_s) {
        EXPECT_WITHIN_HALF_LSB(*v.vx_m_s(), *t.vx_m_s, 0.25);
        EXPECT_WITHIN_HALF_LSB(*v.vy_m_s(), *t.vy_m_s, 0.25);
      }
      ASSERT_EQ(v.mode_3a().has_value(), t.mode_3a.has_value());
      if (t.mode_3a) {
        EXPECT_EQ(v.mode_3a()->code, t.mode_3a->code);
        EXPECT_EQ(d.items["I060"]["V"], t.mode_3a->not_validated ? 1 : 0);
        EXPECT_EQ(d.items["I060"]["G"], t.mode_3a->garbled ? 1 : 0);
        EXPECT_EQ(d.items["I060"]["CH"], t.mode_3a->changed ? 1 : 0);
      }
      EXPECT_EQ(v.target_address(), t.target_address);
      ASSERT_EQ(v.target_identification().has_value(), !generated.callsign.empty());
      if (!generated.callsign.empty()) {
        EXPECT_EQ(v.target_identification()->view(), generated.callsign);
      }
      EXPECT_EQ(*v.track_number(), t.track_number);
      const Cat062TrackStatus status = *v.track_status();
      EXPECT_EQ(status.monosensor, t.status.monosensor);
      EXPECT_EQ(status.spi, t.status.spi);
      EXPECT_EQ(status.most_reliable_height_geometric, t.status.most_reliable_height_geometric);
      EXPECT_EQ(status.altitude_source, t.status.altitude_source);
      EXPECT_EQ(status.tentative, t.status.tentative);
      EXPECT_EQ(status.simulated.value_or(false), t.status.simulated);
      EXPECT_EQ(status.last_message.value_or(false), t.status.last_message);
      EXPECT_EQ(status.first_message.value_or(false), t.status.first_message);
      EXPECT_EQ(status.coasting.value_or(false), t.status.coasting);
      const json& i080 = d.items["I080"];
      EXPECT_EQ(i080.value("SDS", 0), t.status.surveillance_sources);
      EXPECT_EQ(i080.value("EMS", 0), t.status.emergency);
      const Cat062UpdateAges ages = t.update_ages.value_or(Cat062UpdateAges{});
      for (const auto& [name, age] : {std::pair{"TRK", ages.track_s}, std::pair{"PSR", ages.psr_s},
                                      std::pair{"SSR", ages.ssr_s}, std::pair{"MDS", ages.mode_s_s},
                                      std::pair{"ES", ages.adsb_s}}) {
        const auto decoded = v.update_age_s(name);
        ASSERT_EQ(decoded.has_value(), age.has_value()) << name;
        if (age) {
          EXPECT_WITHIN_HALF_LSB(*decoded, std::min(*age, 63.75), 0.25) << name;
        }
      }
      ASSERT_EQ(v.measured_flight_level().has_value(), t.measured_flight_level.has_value());
      if (t.measured_flight_level) {
        EXPECT_WITHIN_HALF_LSB(*v.measured_flight_level(), *t.measured_flight_level, 0.25);
      }
      const Cat062MeasuredInformation m = t.measured.value_or(Cat062MeasuredInformation{});
      EXPECT_EQ(v.measured_sensor(), m.sensor);
      ASSERT_EQ(v.measured_polar_position().has_value(), m.position.has_value());
      if (m.position) {
        EXPECT_WITHIN_HALF_LSB(v.measured_polar_position()->range_nm, m.position->range_nm,
                               1.0 / 256);
        EXPECT_WITHIN_HALF_LSB(v.measured_polar_position()->azimuth_deg, m.position->azimuth_deg,
                               360.0 / 65536);
      }
      ASSERT_EQ(v.measured_height_ft().has_value(), m.height_ft.has_value());
      if (m.height_ft) {
        EXPECT_WITHIN_HALF_LSB(*v.measured_height_ft(), *m.height_ft, 25.0);
      }
      ASSERT_EQ(v.measured_mode_c().has_value(), m.mode_c.has_value());
      if (m.mode_c) {
        EXPECT_EQ(v.measured_mode_c()->not_validated, m.mode_c->not_validated);
        EXPECT_EQ(v.measured_mode_c()->garbled, m.mode_c->garbled);
        EXPECT_WITHIN_HALF_LSB(v.measured_mode_c()->flight_level, m.mode_c->flight_level, 0.25);
      }
      ASSERT_EQ(v.measured_mode_3a().has_value(), m.mode_3a.has_value());
      if (m.mode_3a) {
        EXPECT_EQ(v.measured_mode_3a()->code, m.mode_3a->code);
        EXPECT_EQ(v.measured_mode_3a()->not_validated, m.mode_3a->not_validated);
        EXPECT_EQ(v.measured_mode_3a()->garbled, m.mode_3a->garbled);
        EXPECT_EQ(v.measured_mode_3a()->smoothed_or_not_from_last_scan,
                  m.mode_3a->smoothed_or_not_from_last_scan);
      }
      ASSERT_EQ(v.measured_report_type().has_value(), m.report_type.has_value());
      if (m.report_type) {
        EXPECT_EQ(*v.measured_report_type(), m.report_type->type);
        const json& typ = d.items["I340"]["TYP"];
        EXPECT_EQ(typ["SIM"], m.report_type->simulated ? 1 : 0);
        EXPECT_EQ(typ["RAB"], m.report_type->field_monitor ? 1 : 0);
        EXPECT_EQ(typ["TST"], m.report_type->test_target ? 1 : 0);
      }
    }
  }
}

TEST(TypedWriter, Cat062ExtremesSaturateAndHeightFollowsTheEdition) {
  Cat062Track t;
  t.x_m = -1e9;  // beyond 24 bits of 0.5 m
  t.y_m = 1e9;
  t.vx_m_s = 9000.0;
  t.vy_m_s = -9000.0;
  t.latitude_deg = 90.0;
  t.longitude_deg = 180.0;
  t.update_ages = Cat062UpdateAges{1000.0, -1.0, std::nullopt, std::nullopt, 70.0};
  t.measured_flight_level = -15.0;
  t.measured = Cat062MeasuredInformation{};
  t.measured->position = PolarPosition{300.0, -0.001};
  t.measured->height_ft = -500.0;
  for (const EditionNumber edition : kCat062Editions) {
    std::vector<std::uint8_t> octets;
    append_cat062_record(t, octets, edition);
    const Decoded d = decode(62, edition, octets);
    const Cat062View v(d.records.at(0));
    EXPECT_DOUBLE_EQ(*v.x_m(), -8388608 * 0.5);
    EXPECT_DOUBLE_EQ(*v.y_m(), 8388607 * 0.5);
    EXPECT_DOUBLE_EQ(*v.vx_m_s(), 32767 * 0.25);
    EXPECT_DOUBLE_EQ(*v.vy_m_s(), -32768 * 0.25);
    EXPECT_DOUBLE_EQ(*v.latitude_deg(), 90.0);
    EXPECT_DOUBLE_EQ(*v.longitude_deg(), -180.0);
    EXPECT_DOUBLE_EQ(*v.update_age_s("TRK"), 63.75);
    EXPECT_DOUBLE_EQ(*v.update_age_s("PSR"), 0.0);
    EXPECT_FALSE(v.update_age_s("SSR"));
    EXPECT_DOUBLE_EQ(*v.update_age_s("ES"), 63.75);
    EXPECT_DOUBLE_EQ(*v.measured_flight_level(), -15.0);
    EXPECT_DOUBLE_EQ(v.measured_polar_position()->range_nm, 65535.0 / 256);
    EXPECT_DOUBLE_EQ(v.measured_polar_position()->azimuth_deg, 0.0);
    // HEIGHT is unsigned up to 1.18 (a negative height is written as 0), signed from 1.19.
    EXPECT_DOUBLE_EQ(*v.measured_height_ft(), (edition >= EditionNumber{1, 19} ? -500.0 : 0.0));
    EXPECT_EQ(d.records[0].item(80).size(), 1u) << "no bit beyond the first extent";
    EXPECT_FALSE(v.track_status()->coasting);
  }
}

TEST(TypedWriter, Cat065MessagesDecodeToTheValuesWritten) {
  for (const EditionNumber edition :
       {EditionNumber{1, 4}, EditionNumber{1, 3}, EditionNumber{1, 5}}) {
    for (int batch = 0; batch < 256; batch += 51) {
      Cat065Message m;
      m.data_source = {25, 100};
      m.message_type = static_cast<std::uint8_t>(1 + batch % 3);
      if (batch % 2 == 0) m.service_identification = static_cast<std::uint8_t>(batch);
      m.time_of_message_s = 43'200.0 + batch / 7.0;
      m.batch_number = static_cast<std::uint8_t>(batch);
      if (batch % 3 == 0) {
        m.sdps_status =
            Cat065SdpsStatus{static_cast<std::uint8_t>(batch % 3), batch % 2 == 1, batch % 4 == 0,
                             static_cast<std::uint8_t>(batch % 4), batch % 5 == 0};
      }
      if (batch % 4 == 3) m.service_status_report = static_cast<std::uint8_t>(1 + batch % 16);
      std::vector<std::uint8_t> octets;
      append_cat065_record(m, octets);
      const Decoded d = decode(65, edition, octets);
      ASSERT_EQ(d.records.size(), 1u);
      ASSERT_EQ(d.records[0].size, octets.size());
      const json& items = d.items;
      EXPECT_EQ(items["I010"]["SAC"], 25);
      EXPECT_EQ(items["I010"]["SIC"], 100);
      EXPECT_EQ(items["I000"], m.message_type);
      EXPECT_EQ(items.contains("I015"), m.service_identification.has_value());
      if (m.service_identification) {
        EXPECT_EQ(items["I015"], *m.service_identification);
      }
      EXPECT_WITHIN_HALF_LSB(items["I030"].get<double>(), m.time_of_message_s, 1.0 / 128);
      EXPECT_EQ(items["I020"], *m.batch_number);
      ASSERT_EQ(items.contains("I040"), m.sdps_status.has_value());
      if (m.sdps_status) {
        const json& s = items["I040"];
        EXPECT_EQ(s["NOGO"], m.sdps_status->nogo);
        EXPECT_EQ(s["OVL"], m.sdps_status->overload ? 1 : 0);
        EXPECT_EQ(s["TSV"], m.sdps_status->time_source_invalid ? 1 : 0);
        EXPECT_EQ(s["PSS"], m.sdps_status->processing_status);
        if (edition != EditionNumber{1, 3}) {  // 1.3: the STTN bit is spare
          EXPECT_EQ(s["STTN"], m.sdps_status->renumbering_toggle ? 1 : 0);
        }
      }
      ASSERT_EQ(items.contains("I050"), m.service_status_report.has_value());
      if (m.service_status_report) {
        EXPECT_EQ(items["I050"], *m.service_status_report);
      }
    }
  }
}

TEST(TypedWriter, BlockBuilderKeepsBlocksWithinTheLimitAndRecordsInOrder) {
  BlockBuilder builder(48, 200);
  std::vector<DataBlock> blocks;
  std::vector<std::vector<std::uint8_t>> written;
  for (int i = 0; i < 50; ++i) {
    Cat048Report r;
    r.time_of_day_s = i;
    r.measured_position = PolarPosition{1.0 * i, 2.0 * i};
    if (i % 2 == 0) r.aircraft_identification = "ABC";
    append_cat048_record(r, builder.record_buffer());
    written.push_back(builder.record_buffer());
    builder.commit(blocks);
  }
  builder.flush(blocks);
  builder.flush(blocks);  // nothing open: no empty block
  EditionSelector selector;
  std::size_t next = 0;
  for (const DataBlock& block : blocks) {
    EXPECT_LE(block.octets.size(), 200u);
    std::vector<RecordView> records;
    ASSERT_FALSE(parse_block(block.octets, selector, 0, records));
    ASSERT_EQ(records.size(), block.records);
    for (const RecordView& record : records) {
      const auto bytes = record.bytes();
      EXPECT_EQ(std::vector<std::uint8_t>(bytes.begin(), bytes.end()), written.at(next++));
    }
  }
  EXPECT_EQ(next, written.size());
  EXPECT_GE(blocks.size(), 4u);
}

}  // namespace
}  // namespace straja::asterix
