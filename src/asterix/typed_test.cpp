// The typed views against the generic, table-driven decoder: random records of every edition of
// CAT048, CAT034, CAT021 (2.x) and CAT062 are decoded both ways, and every typed accessor must
// agree with the JSON-lines value of the same field (absent in both, or equal within rounding).

#include "asterix/typed.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>

#include "asterix/json_writer.h"
#include "asterix/testing/random_records.h"
#include "asterix/values.h"

namespace straja::asterix {
namespace {

using nlohmann::json;
constexpr unsigned kRecordsPerEdition = 300;

/// The JSON value at `path` under "items", or null.
const json* at(const json& items, std::initializer_list<const char*> path) {
  const json* node = &items;
  for (const char* key : path) {
    if (!node->is_object() || !node->contains(key)) return nullptr;
    node = &(*node)[key];
  }
  return node;
}

/// Numbers as themselves; octal Mode 3/A strings and hex addresses as their value.
std::optional<double> number(const json* value, int string_base = 0) {
  if (value == nullptr) return std::nullopt;
  if (value->is_object() && value->size() == 1) value = &value->begin().value();  // one element
  if (value->is_number()) return value->get<double>();
  if (value->is_string() && string_base != 0) {
    return static_cast<double>(std::stoul(value->get<std::string>(), nullptr, string_base));
  }
  ADD_FAILURE() << "not a number: " << value->dump();
  return std::nullopt;
}

/// JSON strings carry each octet as a code point (U+0000..U+00FF): back to octets, trimmed.
std::optional<std::string> text(const json* value) {
  if (value == nullptr) return std::nullopt;
  const std::string utf8 = value->get<std::string>();
  std::string octets;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c >= 0xC0 && i + 1 < utf8.size()) {
      octets +=
          static_cast<char>(((c & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3Fu));
    } else {
      octets += static_cast<char>(c);
    }
  }
  while (!octets.empty() && (octets.back() == ' ' || octets.back() == '\0')) octets.pop_back();
  const auto first = octets.find_first_not_of(std::string(" \0", 2));
  return first == std::string::npos ? std::string() : octets.substr(first);
}
std::optional<std::string> text(const std::optional<Callsign>& value) {
  if (!value) return std::nullopt;
  return std::string(value->view());
}

template <typename T>
std::optional<double> as_number(const std::optional<T>& value) {
  if (!value) return std::nullopt;
  return static_cast<double>(*value);
}
template <typename T, typename F>
std::optional<double> field(const std::optional<T>& value, F get) {
  if (!value) return std::nullopt;
  return static_cast<double>(get(*value));
}

struct NumberCheck {
  std::string name;
  std::function<std::optional<double>(const RecordView&)> typed;
  std::function<std::optional<double>(const json&)> reference;
};
struct TextCheck {
  std::string name;
  std::function<std::optional<std::string>(const RecordView&)> typed;
  std::function<std::optional<std::string>(const json&)> reference;
};

/// Runs every check over random records of each edition of `category` accepted by `wanted`.
void check_category(int category, const std::vector<NumberCheck>& numbers,
                    const std::vector<TextCheck>& texts,
                    const std::function<bool(EditionNumber)>& wanted = {}) {
  testing::RandomRecords random(static_cast<std::uint64_t>(category) * 7919u);
  DecodedRecord values;
  std::map<std::string, int> compared;
  for (const spec::EditionTable& table : Edition::all()) {
    if (table.category != category) continue;
    const auto edition = Edition::find(category, {table.major, table.minor});
    if (wanted && !wanted(edition->number())) continue;
    const std::string label =
        "CAT0" + std::to_string(category) + " " + edition->number().to_string();
    for (unsigned i = 0; i < kRecordsPerEdition; ++i) {
      std::vector<std::uint8_t> bytes;
      random.append_record(*edition, bytes);
      RecordView record;
      ASSERT_FALSE(parse_record(*edition, bytes.data(), bytes.size(), 0, record)) << label;
      decode_values(record, values);
      std::string line;
      append_record_json(values, 0, 0, std::nullopt, line);
      const json items = json::parse(line)["items"];
      for (const NumberCheck& check : numbers) {
        const auto typed = check.typed(record);
        const auto reference = check.reference(items);
        ASSERT_EQ(typed.has_value(), reference.has_value()) << label << " " << check.name << "\n"
                                                            << line;
        if (!typed) continue;
        ++compared[check.name];
        EXPECT_NEAR(*typed, *reference, 1e-9 * std::max(1.0, std::abs(*reference)))
            << label << " " << check.name << "\n"
            << line;
      }
      for (const TextCheck& check : texts) {
        const auto typed = check.typed(record);
        const auto reference = check.reference(items);
        ASSERT_EQ(typed.has_value(), reference.has_value()) << label << " " << check.name;
        if (!typed) continue;
        ++compared[check.name];
        EXPECT_EQ(*typed, *reference) << label << " " << check.name << "\n" << line;
      }
    }
  }
  // Every accessor met its field: a check that never compared anything proves nothing.
  for (const NumberCheck& check : numbers) EXPECT_GT(compared[check.name], 0) << check.name;
  for (const TextCheck& check : texts) EXPECT_GT(compared[check.name], 0) << check.name;
}

#define NUMBER(name, typed_expr, reference_expr)                                   \
  NumberCheck {                                                                    \
    name, [](const RecordView& r) -> std::optional<double> { return typed_expr; }, \
        [](const json& j) -> std::optional<double> { return reference_expr; }      \
  }
#define TEXT(name, typed_expr, ...)                              \
  TextCheck {                                                    \
    name, [](const RecordView& r) { return text(typed_expr); },  \
        [](const json& j) { return text(at(j, {__VA_ARGS__})); } \
  }

std::optional<double> times(std::optional<double> value, double factor) {
  if (!value) return std::nullopt;
  return *value * factor;
}
std::optional<double> bit(std::optional<std::uint8_t> value, unsigned shift, unsigned mask) {
  if (!value) return std::nullopt;
  return static_cast<double>((static_cast<unsigned>(*value) >> shift) & mask);
}

TEST(AsterixTyped, Cat048AccessorsAgreeWithGenericDecodeInEveryEdition) {
  using V = Cat048View;
  check_category(
      48,
      {NUMBER("I010 SAC", field(V(r).data_source(), [](SacSic s) { return s.sac; }),
              number(at(j, {"I010", "SAC"}))),
       NUMBER("I010 SIC", field(V(r).data_source(), [](SacSic s) { return s.sic; }),
              number(at(j, {"I010", "SIC"}))),
       NUMBER("I140", V(r).time_of_day_s(), number(at(j, {"I140"}))),
       NUMBER("I020 TYP", as_number(V(r).detection_type()), number(at(j, {"I020", "TYP"}))),
       NUMBER("I040 RHO", field(V(r).measured_position(), [](auto p) { return p.range_nm; }),
              number(at(j, {"I040", "RHO"}))),
       NUMBER("I040 THETA", field(V(r).measured_position(), [](auto p) { return p.azimuth_deg; }),
              number(at(j, {"I040", "THETA"}))),
       NUMBER("I070 code", field(V(r).mode_3a(), [](auto m) { return m.code; }),
              number(at(j, {"I070", "MODE3A"}), 8)),
       NUMBER("I070 V", field(V(r).mode_3a(), [](auto m) { return m.not_validated; }),
              number(at(j, {"I070", "V"}))),
       NUMBER("I070 L",
              field(V(r).mode_3a(), [](auto m) { return m.smoothed_or_not_from_last_scan; }),
              number(at(j, {"I070", "L"}))),
       NUMBER("I090 FL", field(V(r).flight_level(), [](auto f) { return f.flight_level; }),
              number(at(j, {"I090", "FL"}))),
       NUMBER("I090 G", field(V(r).flight_level(), [](auto f) { return f.garbled; }),
              number(at(j, {"I090", "G"}))),
       NUMBER("I220", field(V(r).aircraft_address(), [](auto a) { return a.value; }),
              number(at(j, {"I220"}), 16)),
       NUMBER("I161", as_number(V(r).track_number()), number(at(j, {"I161", "TRN"}))),
       NUMBER("I200 speed", V(r).ground_speed_kt(), times(number(at(j, {"I200", "GSP"})), 3600)),
       NUMBER("I200 heading", V(r).heading_deg(), number(at(j, {"I200", "HDG"}))),
       NUMBER("I170 CNF", bit(V(r).track_status(), 7, 1), number(at(j, {"I170", "CNF"}))),
       NUMBER("I170 RAD", bit(V(r).track_status(), 5, 3), number(at(j, {"I170", "RAD"}))),
       NUMBER("I230 COM", as_number(V(r).communications_capability()),
              number(at(j, {"I230", "COM"}))),
       NUMBER("I110", V(r).height_3d_ft(), number(at(j, {"I110"})))},
      {TEXT("I240", V(r).aircraft_identification(), "I240")});
}

TEST(AsterixTyped, Cat034AccessorsAgreeWithGenericDecodeInEveryEdition) {
  using V = Cat034View;
  check_category(34,
                 {NUMBER("I000", as_number(V(r).message_type()), number(at(j, {"I000"}))),
                  NUMBER("I010 SAC", field(V(r).data_source(), [](SacSic s) { return s.sac; }),
                         number(at(j, {"I010", "SAC"}))),
                  NUMBER("I030", V(r).time_of_day_s(), number(at(j, {"I030"}))),
                  NUMBER("I020", V(r).sector_azimuth_deg(), number(at(j, {"I020"}))),
                  NUMBER("I041", V(r).antenna_rotation_period_s(), number(at(j, {"I041"})))},
                 {});
}

std::optional<double> airspeed_kt_or_mach(const json& items, const char* item, const char* value) {
  const auto im = number(at(items, {item, "IM"}));
  const auto raw = number(at(items, {item, value}));
  if (!im || !raw) return std::nullopt;
  return *im != 0 ? *raw : *raw * 3600;  // IAS in NM/s in the generic view, kt in the typed one
}

TEST(AsterixTyped, Cat021AccessorsAgreeWithGenericDecodeInEveryEdition2x) {
  using V = Cat021View;
  check_category(
      21,
      {NUMBER("I010 SIC", field(V(r).data_source(), [](SacSic s) { return s.sic; }),
              number(at(j, {"I010", "SIC"}))),
       NUMBER("I071", V(r).time_of_applicability_position_s(), number(at(j, {"I071"}))),
       NUMBER("I072", V(r).time_of_applicability_velocity_s(), number(at(j, {"I072"}))),
       NUMBER("I073", V(r).time_of_message_reception_position_s(), number(at(j, {"I073"}))),
       NUMBER("I074 FSI",
              field(V(r).time_of_message_reception_position_precise(),
                    [](auto t) { return t.full_second_indication; }),
              number(at(j, {"I074", "FSI"}))),
       NUMBER("I074 fraction",
              field(V(r).time_of_message_reception_position_precise(),
                    [](auto t) { return t.fraction_s; }),
              number(at(j, {"I074", "TOMRP"}))),
       NUMBER("I075", V(r).time_of_message_reception_velocity_s(), number(at(j, {"I075"}))),
       NUMBER("I076 fraction",
              field(V(r).time_of_message_reception_velocity_precise(),
                    [](auto t) { return t.fraction_s; }),
              // 2.1's definition names the velocity fraction TOMRP as well
              at(j, {"I076", "TOMRV"}) ? number(at(j, {"I076", "TOMRV"}))
                                       : number(at(j, {"I076", "TOMRP"}))),
       NUMBER("I077", V(r).time_of_report_transmission_s(), number(at(j, {"I077"}))),
       NUMBER("latitude", V(r).latitude_deg(),
              at(j, {"I131"}) ? number(at(j, {"I131", "LAT"})) : number(at(j, {"I130", "LAT"}))),
       NUMBER("longitude", V(r).longitude_deg(),
              at(j, {"I131"}) ? number(at(j, {"I131", "LON"})) : number(at(j, {"I130", "LON"}))),
       NUMBER("I080", field(V(r).target_address(), [](auto a) { return a.value; }),
              number(at(j, {"I080"}), 16)),
       NUMBER("I145", V(r).flight_level(), number(at(j, {"I145"}))),
       NUMBER("I140", V(r).geometric_height_ft(), number(at(j, {"I140"}))),
       NUMBER("I160 GS", V(r).ground_speed_kt(), times(number(at(j, {"I160", "GS"})), 3600)),
       NUMBER("I160 TA", V(r).track_angle_deg(), number(at(j, {"I160", "TA"}))),
       NUMBER("I160 RE", as_number(V(r).ground_vector_range_exceeded()),
              number(at(j, {"I160", "RE"}))),
       NUMBER("I070", field(V(r).mode_3a(), [](auto m) { return m.code; }),
              number(at(j, {"I070", "MODE3A"}), 8)),
       NUMBER("I040 ATP",
              field(V(r).target_report_descriptor(), [](auto d) { return d.address_type; }),
              number(at(j, {"I040", "ATP"}))),
       NUMBER("I040 RAB",
              field(V(r).target_report_descriptor(), [](auto d) { return d.field_monitor; }),
              number(at(j, {"I040", "RAB"}))),
       NUMBER("I040 CL",
              V(r).target_report_descriptor()
                  ? as_number(V(r).target_report_descriptor()->confidence_level)
                  : std::nullopt,
              number(at(j, {"I040", "CL"}))),
       NUMBER("I040 GBS",
              V(r).target_report_descriptor()
                  ? as_number(V(r).target_report_descriptor()->ground_bit_set)
                  : std::nullopt,
              number(at(j, {"I040", "GBS"}))),
       NUMBER("I150", field(V(r).air_speed(), [](auto a) { return a.value; }),
              airspeed_kt_or_mach(j, "I150", "AS")),
       NUMBER("I151 TAS", field(V(r).true_airspeed_kt(), [](auto v) { return v.value; }),
              number(at(j, {"I151", "TAS"}))),
       NUMBER("I151 RE", field(V(r).true_airspeed_kt(), [](auto v) { return v.range_exceeded; }),
              number(at(j, {"I151", "RE"}))),
       NUMBER("I152", V(r).magnetic_heading_deg(), number(at(j, {"I152"}))),
       NUMBER("I155", field(V(r).barometric_vertical_rate_ft_min(), [](auto v) { return v.value; }),
              number(at(j, {"I155", "BVR"}))),
       NUMBER("I157", field(V(r).geometric_vertical_rate_ft_min(), [](auto v) { return v.value; }),
              number(at(j, {"I157", "GVR"}))),
       NUMBER("I161", as_number(V(r).track_number()), number(at(j, {"I161", "TRNUM"}))),
       NUMBER("I200 PS", field(V(r).target_status(), [](auto s) { return s.priority_status; }),
              number(at(j, {"I200", "PS"}))),
       NUMBER("I200 SS", field(V(r).target_status(), [](auto s) { return s.surveillance_status; }),
              number(at(j, {"I200", "SS"}))),
       NUMBER("I200 ME",
              V(r).target_status() ? as_number(V(r).target_status()->military_emergency)
                                   : std::nullopt,
              number(at(j, {"I200", "ME"}))),
       NUMBER("I210 VN", field(V(r).mops_version(), [](auto m) { return m.version; }),
              number(at(j, {"I210", "VN"}))),
       NUMBER("I210 LTT", field(V(r).mops_version(), [](auto m) { return m.link_technology; }),
              number(at(j, {"I210", "LTT"})))},
      {TEXT("I170", V(r).target_identification(), "I170")},
      [](EditionNumber e) { return e.major >= 2; });
}

TEST(AsterixTyped, Cat062AccessorsAgreeWithGenericDecodeInEveryEdition) {
  using V = Cat062View;
  std::vector<NumberCheck> numbers = {
      NUMBER("I010 SAC", field(V(r).data_source(), [](SacSic s) { return s.sac; }),
             number(at(j, {"I010", "SAC"}))),
      NUMBER("I015", as_number(V(r).service_identification()), number(at(j, {"I015"}))),
      NUMBER("I070", V(r).time_of_track_s(), number(at(j, {"I070"}))),
      NUMBER("I040", as_number(V(r).track_number()), number(at(j, {"I040"}))),
      NUMBER("I105 LAT", V(r).latitude_deg(), number(at(j, {"I105", "LAT"}))),
      NUMBER("I105 LON", V(r).longitude_deg(), number(at(j, {"I105", "LON"}))),
      NUMBER("I100 X", V(r).x_m(), number(at(j, {"I100", "X"}))),
      NUMBER("I100 Y", V(r).y_m(), number(at(j, {"I100", "Y"}))),
      NUMBER("I185 VX", V(r).vx_m_s(), number(at(j, {"I185", "VX"}))),
      NUMBER("I185 VY", V(r).vy_m_s(), number(at(j, {"I185", "VY"}))),
      NUMBER("I060", field(V(r).mode_3a(), [](auto m) { return m.code; }),
             number(at(j, {"I060", "MODE3A"}), 8)),
      NUMBER("I136", V(r).measured_flight_level(), number(at(j, {"I136"}))),
      NUMBER("I080 SRC", field(V(r).track_status(), [](auto s) { return s.altitude_source; }),
             number(at(j, {"I080", "SRC"}))),
      NUMBER("I080 CNF", field(V(r).track_status(), [](auto s) { return s.tentative; }),
             number(at(j, {"I080", "CNF"}))),
      NUMBER("I080 TSB",
             V(r).track_status() ? as_number(V(r).track_status()->first_message) : std::nullopt,
             number(at(j, {"I080", "TSB"}))),
      NUMBER("I080 CST",
             V(r).track_status() ? as_number(V(r).track_status()->coasting) : std::nullopt,
             number(at(j, {"I080", "CST"}))),
      NUMBER("I200 TRANS", field(V(r).mode_of_movement(), [](auto m) { return m.transversal; }),
             number(at(j, {"I200", "TRANS"}))),
      NUMBER("I200 VERT", field(V(r).mode_of_movement(), [](auto m) { return m.vertical; }),
             number(at(j, {"I200", "VERT"}))),
      NUMBER("I380 ADR", field(V(r).target_address(), [](auto a) { return a.value; }),
             number(at(j, {"I380", "ADR"}), 16)),
      NUMBER("I380 MHG", V(r).magnetic_heading_deg(), number(at(j, {"I380", "MHG"}))),
      NUMBER("I380 IAS", field(V(r).indicated_airspeed(), [](auto a) { return a.value; }),
             airspeed_kt_or_mach(at(j, {"I380"}) ? j["I380"] : json::object(), "IAS", "IAS")),
      NUMBER("I380 TAS", V(r).true_airspeed_kt(), number(at(j, {"I380", "TAS"}))),
      NUMBER("I380 SAL", V(r).selected_altitude_ft(), number(at(j, {"I380", "SAL", "ALT"}))),
      NUMBER("I380 BVR", V(r).barometric_vertical_rate_ft_min(), number(at(j, {"I380", "BVR"}))),
      NUMBER("I380 GVR", V(r).geometric_vertical_rate_ft_min(), number(at(j, {"I380", "GVR"}))),
      NUMBER("I380 GS", V(r).ground_speed_kt(), times(number(at(j, {"I380", "GS"})), 3600)),
      NUMBER("I380 TAN", V(r).track_angle_deg(), number(at(j, {"I380", "TAN"}))),
      NUMBER("I380 MAC", V(r).mach(), number(at(j, {"I380", "MAC"}))),
      NUMBER("I390 CFL", V(r).cleared_flight_level(), number(at(j, {"I390", "CFL"}))),
      NUMBER("I500 APC X", field(V(r).position_accuracy_m(), [](Pair p) { return p.first; }),
             number(at(j, {"I500", "APC", "X"}))),
      NUMBER("I500 APC Y", field(V(r).position_accuracy_m(), [](Pair p) { return p.second; }),
             number(at(j, {"I500", "APC", "Y"}))),
      NUMBER("I500 ATV Y", field(V(r).velocity_accuracy_m_s(), [](Pair p) { return p.second; }),
             number(at(j, {"I500", "ATV", "Y"}))),
      NUMBER("I500 ABA", V(r).barometric_altitude_accuracy_fl(), number(at(j, {"I500", "ABA"}))),
      NUMBER("I500 AGA", V(r).geometric_altitude_accuracy_ft(), number(at(j, {"I500", "AGA"}))),
      NUMBER("I340 SID", field(V(r).measured_sensor(), [](SacSic s) { return s.sic; }),
             number(at(j, {"I340", "SID", "SIC"}))),
      NUMBER("I340 RHO", field(V(r).measured_polar_position(), [](auto p) { return p.range_nm; }),
             number(at(j, {"I340", "POS", "RHO"}))),
      NUMBER("I340 THETA",
             field(V(r).measured_polar_position(), [](auto p) { return p.azimuth_deg; }),
             number(at(j, {"I340", "POS", "THETA"}))),
      NUMBER("I340 HEIGHT", V(r).measured_height_ft(), number(at(j, {"I340", "HEIGHT"}))),
      NUMBER("I340 MDC", field(V(r).measured_mode_c(), [](auto f) { return f.flight_level; }),
             number(at(j, {"I340", "MDC", "LMC"}))),
      NUMBER("I340 MDA", field(V(r).measured_mode_3a(), [](auto m) { return m.code; }),
             number(at(j, {"I340", "MDA", "MODE3A"}), 8)),
      NUMBER("I340 TYP", as_number(V(r).measured_report_type()),
             number(at(j, {"I340", "TYP", "TYP"})))};
  // Ages: every subitem name of I290 and I295 that the editions define.
  for (const char* name : {"TRK", "PSR", "SSR", "MDS", "ES", "MLT"}) {
    numbers.push_back(NumberCheck{std::string("I290 ") + name,
                                  [name](const RecordView& r) { return V(r).update_age_s(name); },
                                  [name](const json& j) {
                                    return number(at(j, {"I290", name}));
                                  }});
  }
  for (const char* name : {"MFL", "MDA", "MHG", "IAS", "BVR"}) {
    numbers.push_back(NumberCheck{std::string("I295 ") + name,
                                  [name](const RecordView& r) { return V(r).data_age_s(name); },
                                  [name](const json& j) {
                                    return number(at(j, {"I295", name}));
                                  }});
  }
  check_category(62, numbers,
                 {TEXT("I380 ID", V(r).target_identification(), "I380", "ID"),
                  TEXT("I390 CS", V(r).flight_plan_callsign(), "I390", "CS"),
                  TEXT("I390 TAC", V(r).aircraft_type(), "I390", "TAC"),
                  TEXT("I390 DEP", V(r).departure_airport(), "I390", "DEP"),
                  TEXT("I390 DST", V(r).destination_airport(), "I390", "DST")});
}

}  // namespace
}  // namespace straja::asterix
