// Strict decoding of hand-made data blocks: good records, and each kind of malformed input with
// its exact typed error.

#include "asterix/record.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "asterix/encode.h"
#include "asterix/json_writer.h"
#include "asterix/stream_decoder.h"
#include "asterix/typed.h"
#include "asterix/values.h"

namespace straja::asterix {
namespace {

// CAT048 block with one record: I010 SAC 25 SIC 201, I140, I020, I040, I070, I090 (FL -2.5).
// FSPEC 0xFC: FRN 1-6 (010 140 020 040 070 090).
std::vector<std::uint8_t> cat048_block() {
  return {48,   0,    22,   0xFC, 25,   201,  0x35, 0x6D, 0x4D, 0xA0, 0xC5,
          0xAF, 0xF1, 0xE0, 0x02, 0x00, 0x3F, 0xF6, 0x00, 0x00, 0x00, 0x00};
}

std::optional<DecodeError> decode_first_block(const std::vector<std::uint8_t>& bytes,
                                              std::vector<RecordView>& records) {
  BlockHeader header;
  if (auto error = read_block_header(bytes, 0, header)) return error;
  return parse_block(Bytes(bytes).first(header.length), EditionSelector{}, 0, records);
}

TEST(AsterixRecord, DecodesCat048RecordAndTypedFields) {
  auto bytes = cat048_block();
  bytes.resize(bytes.size() - 4);  // drop 4 trailing octets: the record is 19 octets long
  bytes[2] = static_cast<std::uint8_t>(bytes.size());
  std::vector<RecordView> records;
  ASSERT_FALSE(decode_first_block(bytes, records).has_value());
  ASSERT_EQ(records.size(), 1u);
  const Cat048View view(records[0]);
  EXPECT_EQ(view.data_source(), (SacSic{25, 201}));
  EXPECT_DOUBLE_EQ(*view.time_of_day_s(), 0x356D4D / 128.0);
  EXPECT_DOUBLE_EQ(view.measured_position()->range_nm, 0xC5AF / 256.0);
  EXPECT_EQ(view.mode_3a()->code, 0x0200);
  EXPECT_DOUBLE_EQ(view.flight_level()->flight_level, -2.5);  // two's complement in 1.21
}

TEST(AsterixRecord, JsonOfCat048RecordUsesSpecNamesAndUnits) {
  auto bytes = cat048_block();
  bytes.resize(bytes.size() - 4);
  bytes[2] = static_cast<std::uint8_t>(bytes.size());
  std::vector<RecordView> records;
  ASSERT_FALSE(decode_first_block(bytes, records).has_value());
  DecodedRecord values;
  decode_values(records[0], values);
  std::string json;
  append_record_json(values, 7, 0, SacSic{25, 201}, json);
  EXPECT_NE(json.find("{\"cat\":48,\"block\":7,\"record\":0,\"sac\":25,\"sic\":201,\"items\":{"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"I010\":{\"SAC\":25,\"SIC\":201}"), std::string::npos) << json;
  EXPECT_NE(json.find("\"I140\":27354.6015625"), std::string::npos) << json;
  EXPECT_NE(json.find("\"MODE3A\":\"1000\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"FL\":-2.5"), std::string::npos) << json;
}

TEST(AsterixRecord, EncodeOfDecodeIsByteExact) {
  auto bytes = cat048_block();
  bytes.resize(bytes.size() - 4);
  bytes[2] = static_cast<std::uint8_t>(bytes.size());
  std::vector<RecordView> records;
  ASSERT_FALSE(decode_first_block(bytes, records).has_value());
  DecodedRecord values;
  decode_values(records[0], values);
  std::vector<std::uint8_t> encoded;
  ASSERT_TRUE(encode_record(values, encoded));
  EXPECT_EQ(encoded, std::vector<std::uint8_t>(bytes.begin() + 3, bytes.end()));
}

TEST(AsterixRecord, TruncatedBlockIsTypedError) {
  auto bytes = cat048_block();
  bytes.resize(10);  // header says 22 octets
  std::vector<RecordView> records;
  const auto error = decode_first_block(bytes, records);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind, DecodeErrorKind::kTruncatedBlock);
  EXPECT_EQ(error->category, 48);
  EXPECT_EQ(error->offset, 0u);
}

TEST(AsterixRecord, RecordRunningPastBlockIsTruncatedRecordWithItemAndOffset) {
  // The block ends inside I040 of its second record: the items do not fit the block length.
  auto bytes = cat048_block();
  bytes.resize(18);
  bytes.insert(bytes.end(), {0xF0, 25, 201, 0x35, 0x6D, 0x4D, 0xA0, 0xC5});
  bytes[2] = static_cast<std::uint8_t>(bytes.size());
  std::vector<RecordView> records;
  const auto error = decode_first_block(bytes, records);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind, DecodeErrorKind::kTruncatedRecord);
  EXPECT_EQ(error->item, "040");
  EXPECT_EQ(error->offset, 18u + 1 + 2 + 3 + 1);  // record start + FSPEC + I010 + I140 + I020
}

TEST(AsterixRecord, FspecBeyondDefinitionIsTypedError) {
  // CAT034 1.27 has 14 FRNs: an FSPEC with a third octet names FRN 15+.
  const std::vector<std::uint8_t> bytes = {34, 0, 7, 0x01, 0x01, 0x80, 0x00};
  std::vector<RecordView> records;
  const auto error = decode_first_block(bytes, records);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind, DecodeErrorKind::kFspecBeyondDefinition);
  EXPECT_EQ(error->category, 34);
  EXPECT_EQ(error->offset, 4u);
}

TEST(AsterixRecord, BlockLengthBelowHeaderIsTypedError) {
  const std::vector<std::uint8_t> bytes = {48, 0, 2, 0xFC};
  std::vector<RecordView> records;
  const auto error = decode_first_block(bytes, records);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->kind, DecodeErrorKind::kBadBlockLength);
}

TEST(AsterixRecord, StreamDecoderSkipsBadBlockAndCountsIt) {
  auto good = cat048_block();
  good.resize(good.size() - 4);
  good[2] = static_cast<std::uint8_t>(good.size());
  std::vector<std::uint8_t> stream = good;
  // A block whose single record stops short of its declared length (one stray octet).
  std::vector<std::uint8_t> bad = good;
  bad.push_back(0x80);
  bad[2] = static_cast<std::uint8_t>(bad.size());
  stream.insert(stream.end(), bad.begin(), bad.end());
  stream.insert(stream.end(), {99, 0, 5, 1, 2});  // unknown category: skipped, not an error
  stream.insert(stream.end(), good.begin(), good.end());
  StreamDecoder decoder{EditionSelector{}};
  std::size_t records = 0;
  std::vector<DecodeError> errors;
  decoder.decode(
      stream, 100,
      [&](const RecordView&, std::optional<SacSic>, std::size_t, std::size_t) { ++records; },
      [&](const DecodeError& e) { errors.push_back(e); });
  EXPECT_EQ(records, 2u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].kind, DecodeErrorKind::kTruncatedRecord);
  EXPECT_EQ(errors[0].item, "010");  // the stray octet reads as an FSPEC announcing I010
  EXPECT_EQ(errors[0].offset, 100 + good.size() + good.size() + 1);
  EXPECT_EQ(decoder.stats()[48].errors, 1u);
  EXPECT_EQ(decoder.stats()[48].skipped_bytes, bad.size());
  EXPECT_EQ(decoder.stats()[99].unknown_blocks, 1u);
  EXPECT_EQ(decoder.stats()[99].skipped_bytes, 5u);
}

/// The one error of a CAT048 block made of `record`.
DecodeError cat048_record_error(const std::vector<std::uint8_t>& record) {
  std::vector<std::uint8_t> bytes = {48, 0, static_cast<std::uint8_t>(3 + record.size())};
  bytes.insert(bytes.end(), record.begin(), record.end());
  std::vector<RecordView> records;
  const auto error = decode_first_block(bytes, records);
  EXPECT_TRUE(error.has_value());
  return error.value_or(DecodeError{});
}

TEST(AsterixRecord, ItemErrorsNameTheItemAndItsFirstOctet) {
  // FSPEC 0x20: FRN 3 (I020, extended) whose first extent sets FX and the block ends there.
  DecodeError error = cat048_record_error({0x20, 0x01});
  EXPECT_EQ(error.kind, DecodeErrorKind::kTruncatedRecord);
  EXPECT_EQ(error.item, "020");
  EXPECT_EQ(error.offset, 4u);
  // FSPEC 0x01 0x20: FRN 10 (I250, repetitive) counting two registers, one present.
  error = cat048_record_error({0x01, 0x20, 2, 1, 2, 3, 4, 5, 6, 7, 8});
  EXPECT_EQ(error.kind, DecodeErrorKind::kTruncatedRecord);
  EXPECT_EQ(error.item, "250");
  EXPECT_EQ(error.offset, 5u);
  // FSPEC 0x02: FRN 7 (I130, compound of seven subfields) whose FSPEC names an eighth.
  error = cat048_record_error({0x02, 0x01, 0x80, 0x00});
  EXPECT_EQ(error.kind, DecodeErrorKind::kCompoundBeyondDefinition);
  EXPECT_EQ(error.item, "130");
  EXPECT_EQ(error.offset, 4u);
  // FSPEC 0x02: I130 with SRL present and nothing after its FSPEC.
  error = cat048_record_error({0x02, 0x80});
  EXPECT_EQ(error.kind, DecodeErrorKind::kTruncatedRecord);
  EXPECT_EQ(error.item, "130");
}

TEST(AsterixRecord, JsonOfRecordLongerThanTheWriteBufferIsWhole) {
  // One CAT048 record: I250 with 255 BDS registers (its JSON is about 11 kB).
  std::vector<std::uint8_t> record = {0x01, 0x20, 255};  // FSPEC: FRN 10 (I250)
  for (int r = 0; r < 255; ++r) {
    for (int i = 0; i < 7; ++i) record.push_back(static_cast<std::uint8_t>(r + i));
    record.push_back(0x40);  // BDS 4,0
  }
  std::vector<std::uint8_t> bytes = {48, static_cast<std::uint8_t>((record.size() + 3) >> 8),
                                     static_cast<std::uint8_t>(record.size() + 3)};
  bytes.insert(bytes.end(), record.begin(), record.end());
  std::vector<RecordView> records;
  ASSERT_FALSE(decode_first_block(bytes, records).has_value());
  DecodedRecord values;
  decode_values(records[0], values);
  std::string json = "previous line\n";
  append_record_json(values, 0, 0, std::nullopt, json);
  ASSERT_EQ(json.rfind("previous line\n{\"cat\":48,", 0), 0u);
  ASSERT_EQ(json.back(), '\n');
  const auto parsed = nlohmann::json::parse(json.substr(14));
  const auto& registers = parsed.at("items").at("I250");
  ASSERT_EQ(registers.size(), 255u);
  EXPECT_EQ(registers[0].at("MBDATA"), "00010203040506");
  EXPECT_EQ(registers[254].at("MBDATA"), "FEFF0001020304");
  EXPECT_EQ(registers[254].at("BDS1"), 4);
}

TEST(AsterixEdition, SelectorAppliesCategoryAndSourceOverrides) {
  EditionSelector selector;
  EXPECT_EQ(selector.select(48)->number(), (EditionNumber{1, 21}));
  EXPECT_EQ(selector.select(21)->number(), (EditionNumber{2, 6}));
  ASSERT_TRUE(selector.apply("48=1.23@25/201").ok());
  ASSERT_TRUE(selector.apply("62=1.19").ok());
  EXPECT_EQ(selector.select(48, SacSic{25, 201})->number(), (EditionNumber{1, 23}));
  EXPECT_EQ(selector.select(48, SacSic{25, 202})->number(), (EditionNumber{1, 21}));
  EXPECT_EQ(selector.select(62)->number(), (EditionNumber{1, 19}));
  EXPECT_FALSE(selector.apply("48=9.9").ok());
  EXPECT_FALSE(selector.apply("48:1.21").ok());
}

TEST(AsterixEdition, EveryIssueEditionIsDefined) {
  const std::pair<int, std::vector<const char*>> wanted[] = {
      {1, {"1.1", "1.2"}},
      {2, {"1.0"}},
      {34, {"1.26", "1.27", "1.28", "1.29"}},
      {48, {"1.15", "1.21", "1.22", "1.23", "1.27", "1.28", "1.29", "1.30", "1.31", "1.32"}},
      {21, {"0.23", "0.24", "0.25", "0.26", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7"}},
      {62, {"1.12", "1.16", "1.17", "1.18", "1.19", "1.20", "1.21"}},
      {65, {"1.3", "1.4", "1.5", "1.6"}}};
  for (const auto& [category, editions] : wanted) {
    for (const char* text : editions) {
      EXPECT_TRUE(Edition::find(category, *EditionNumber::parse(text)).has_value())
          << category << " " << text;
    }
  }
}

TEST(AsterixEdition, FlightLevelIsSignedInEveryCat048Edition) {
  const auto& t = spec::tables();
  for (const auto& table : Edition::all()) {
    if (table.category != 48) continue;
    const auto edition = Edition::find(48, {table.major, table.minor});
    const std::int32_t item = edition->item_at(0, edition->frn_of(0, 90));
    ASSERT_GE(item, 0);
    const spec::Node& root = t.nodes[t.items[static_cast<std::size_t>(item)].root];
    const spec::Node& fl = t.nodes[root.child_begin + 2u];
    EXPECT_EQ(fl.name, "FL");
    EXPECT_EQ(fl.content, spec::ContentKind::kSignedQuantity)
        << int(table.major) << "." << int(table.minor);
  }
}

}  // namespace
}  // namespace straja::asterix
