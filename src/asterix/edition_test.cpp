// The editions written by the project (tools/asterix_editions/): each differs from its base
// edition exactly in the items its file lists, and hand-built records decode those differences
// (an element present in one edition and spare in the other, an extent the older edition lacks).

#include "asterix/edition.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "asterix/json_writer.h"
#include "asterix/record.h"
#include "asterix/values.h"

namespace straja::asterix {
namespace {

using nlohmann::json;

Edition edition(int category, const char* number) {
  const auto found = Edition::find(category, *EditionNumber::parse(number));
  EXPECT_TRUE(found.has_value()) << category << " " << number;
  return *found;
}

/// Same structure: kinds, sizes, names, contents, LSBs and units, recursively.
bool same_tree(const spec::Node& a, const spec::Node& b) {
  if (a.kind != b.kind || a.content != b.content || a.bits != b.bits ||
      a.fixed_bits != b.fixed_bits || a.child_count != b.child_count || a.name != b.name ||
      a.dependency != b.dependency || a.lsb != b.lsb || a.unit != b.unit ||
      a.case_count != b.case_count) {
    return false;
  }
  const auto& cases = spec::tables().cases;
  for (std::uint16_t i = 0; i < a.case_count; ++i) {
    const spec::Case& x = cases[a.case_begin + i];
    const spec::Case& y = cases[b.case_begin + i];
    if (x.value != y.value || x.content != y.content || x.lsb != y.lsb || x.unit != y.unit) {
      return false;
    }
  }
  for (std::uint16_t i = 0; i < a.child_count; ++i) {
    if (!same_tree(spec::child_of(a, i), spec::child_of(b, i))) return false;
  }
  return true;
}

/// The names of the items whose definition differs between two editions with the same UAP.
std::set<std::string> differing_items(const Edition& edition_a, const Edition& edition_b) {
  const auto& t = spec::tables();
  std::set<std::string> names;
  EXPECT_EQ(edition_a.uap_length(), edition_b.uap_length());
  EXPECT_EQ(edition_a.table().uap_variations, edition_b.table().uap_variations);
  for (std::uint32_t v = 0; v < edition_a.table().uap_variations; ++v) {
    for (int frn = 1; frn <= edition_a.uap_length(); ++frn) {
      const std::int32_t a = edition_a.item_at(static_cast<int>(v), frn);
      const std::int32_t b = edition_b.item_at(static_cast<int>(v), frn);
      EXPECT_EQ(a < 0, b < 0) << "FRN " << frn;
      EXPECT_EQ(a == spec::kRfsItem, b == spec::kRfsItem) << "FRN " << frn;
      if (a < 0 || b < 0) continue;
      const spec::Item& x = t.items[static_cast<std::size_t>(a)];
      const spec::Item& y = t.items[static_cast<std::size_t>(b)];
      EXPECT_EQ(x.name, y.name) << "FRN " << frn;
      if (x.name == y.name && !same_tree(spec::node_at(x.root), spec::node_at(y.root))) {
        names.emplace(x.name);
      }
    }
  }
  return names;
}

TEST(AsterixProjectEditions, DifferFromTheirBaseExactlyInTheListedItems) {
  struct Expected {
    int category;
    const char* edition;
    const char* base;
    std::set<std::string> items;
  };
  const Expected expected[] = {
      {1, "1.1", "1.2", {}},
      {34, "1.26", "1.27", {}},
      {48, "1.15", "1.27", {"020", "230"}},
      {48, "1.21", "1.27", {"020"}},
      {48, "1.22", "1.27", {"020"}},
      {48, "1.23", "1.27", {}},
      {62, "1.12", "1.16", {"080"}},
      {65, "1.3", "1.4", {"040"}},
  };
  for (const Expected& e : expected) {
    const Edition ours = edition(e.category, e.edition);
    EXPECT_EQ(std::string(ours.table().provenance).rfind("project-written", 0), 0u)
        << ours.table().provenance;
    EXPECT_EQ(differing_items(ours, edition(e.category, e.base)), e.items)
        << "CAT" << e.category << " " << e.edition;
  }
  // 1.22 is taken as 1.21 (see its edition file).
  EXPECT_TRUE(differing_items(edition(48, "1.22"), edition(48, "1.21")).empty());
}

/// Decodes a one-block byte string with `override_text` ("48=1.21") and returns the JSON items
/// of its records, or the decode error's description.
struct Decoded {
  std::vector<json> items;
  std::optional<DecodeError> error;
};
Decoded decode(std::vector<std::uint8_t> block, const char* override_text) {
  block[1] = static_cast<std::uint8_t>(block.size() >> 8);
  block[2] = static_cast<std::uint8_t>(block.size());
  EditionSelector editions;
  EXPECT_TRUE(editions.apply(override_text).ok()) << override_text;
  std::vector<RecordView> records;
  Decoded decoded;
  decoded.error = parse_block(block, editions, 0, records);
  if (decoded.error) return decoded;
  DecodedRecord values;
  for (const RecordView& record : records) {
    decode_values(record, values);
    std::string line;
    append_record_json(values, 0, 0, std::nullopt, line);
    decoded.items.push_back(json::parse(line)["items"]);
  }
  return decoded;
}

TEST(AsterixProjectEditions, Cat048TargetReportDescriptorBitsFollowTheEdition) {
  // I010 and I020 (FSPEC 0xA0). I020: TYP 1 (single PSR), FX; first extension 0x60: bit 7 set
  // (ERR from 1.23, spare before), bit 6 set (XPP from 1.21, spare before).
  const std::vector<std::uint8_t> block = {48, 0, 0, 0xA0, 25, 201, 0x21, 0x60};
  for (const char* edition_text : {"48=1.27", "48=1.23"}) {
    const Decoded d = decode(block, edition_text);
    ASSERT_FALSE(d.error) << edition_text << ": " << d.error->describe();
    EXPECT_EQ(d.items.at(0)["I020"]["ERR"], 1) << edition_text;
    EXPECT_EQ(d.items.at(0)["I020"]["XPP"], 1) << edition_text;
  }
  for (const char* edition_text : {"48=1.22", "48=1.21"}) {
    const Decoded d = decode(block, edition_text);
    ASSERT_FALSE(d.error) << edition_text << ": " << d.error->describe();
    EXPECT_FALSE(d.items.at(0)["I020"].contains("ERR")) << edition_text;
    EXPECT_EQ(d.items.at(0)["I020"]["XPP"], 1) << edition_text;
    EXPECT_EQ(d.items.at(0)["I020"]["TYP"], 1) << edition_text;
  }
  const Decoded old = decode(block, "48=1.15");
  ASSERT_FALSE(old.error) << old.error->describe();
  EXPECT_FALSE(old.items.at(0)["I020"].contains("ERR"));
  EXPECT_FALSE(old.items.at(0)["I020"].contains("XPP"));
  EXPECT_EQ(old.items.at(0)["I020"]["TST"], 0);
}

TEST(AsterixProjectEditions, Cat048SiBitExistsFromEdition121) {
  // I010 and I230 (FRN 21: FSPEC 0x81 0x01 0x02). I230: COM 1, STAT 0, SI 1, MSSC, ARC, AIC.
  const std::vector<std::uint8_t> block = {48, 0, 0, 0x81, 0x01, 0x02, 25, 201, 0x22, 0xE0};
  const Decoded newer = decode(block, "48=1.21");
  ASSERT_FALSE(newer.error) << newer.error->describe();
  EXPECT_EQ(newer.items.at(0)["I230"]["SI"], 1);
  EXPECT_EQ(newer.items.at(0)["I230"]["COM"], 1);
  const Decoded older = decode(block, "48=1.15");
  ASSERT_FALSE(older.error) << older.error->describe();
  EXPECT_FALSE(older.items.at(0)["I230"].contains("SI"));
  EXPECT_EQ(older.items.at(0)["I230"]["COM"], 1);
  EXPECT_EQ(older.items.at(0)["I230"]["MSSC"], 1);
}

TEST(AsterixProjectEditions, Cat062TrackStatusHasFourOctetsIn112) {
  // I010 and I080 (FRN 13: FSPEC 0x81 0x04). I080: four octets with FX set, then a fifth
  // (EMS = 1) that only 1.16 and later define.
  const std::vector<std::uint8_t> five = {62,  0,    0,    0x81, 0x04, 25,
                                          100, 0x01, 0x01, 0x01, 0x01, 0x08};
  const Decoded newer = decode(five, "62=1.16");
  ASSERT_FALSE(newer.error) << newer.error->describe();
  EXPECT_EQ(newer.items.at(0)["I080"]["EMS"], 1);
  // In 1.12 the item ends after the fourth octet: the fifth is left over and read as the FSPEC
  // of a next record (FRN 5, I105), which the block cannot hold.
  const Decoded older = decode(five, "62=1.12");
  ASSERT_TRUE(older.error);
  EXPECT_EQ(older.error->kind, DecodeErrorKind::kTruncatedRecord);
  EXPECT_EQ(older.error->item, "105");
  // A four-octet status decodes alike in both editions.
  const std::vector<std::uint8_t> four = {62, 0, 0, 0x81, 0x04, 25, 100, 0x01, 0x01, 0x01, 0x80};
  for (const char* edition_text : {"62=1.12", "62=1.16"}) {
    const Decoded d = decode(four, edition_text);
    ASSERT_FALSE(d.error) << edition_text << ": " << d.error->describe();
    EXPECT_EQ(d.items.at(0)["I080"]["CST"], 1) << edition_text;
    EXPECT_FALSE(d.items.at(0)["I080"].contains("EMS")) << edition_text;
  }
}

TEST(AsterixProjectEditions, Cat065SttnBitExistsFromEdition14) {
  // I010, I000 and I040 (FSPEC 0xC4). I040: PSS 1, bit 2 set (STTN from 1.4, spare in 1.3).
  const std::vector<std::uint8_t> block = {65, 0, 0, 0xC4, 25, 100, 1, 0x06};
  const Decoded newer = decode(block, "65=1.4");
  ASSERT_FALSE(newer.error) << newer.error->describe();
  EXPECT_EQ(newer.items.at(0)["I040"]["STTN"], 1);
  EXPECT_EQ(newer.items.at(0)["I040"]["PSS"], 1);
  const Decoded older = decode(block, "65=1.3");
  ASSERT_FALSE(older.error) << older.error->describe();
  EXPECT_FALSE(older.items.at(0)["I040"].contains("STTN"));
  EXPECT_EQ(older.items.at(0)["I040"]["PSS"], 1);
}

}  // namespace
}  // namespace straja::asterix
