// Properties over random records of every defined edition: each parses, consumes exactly its
// octets, and re-encodes byte for byte; JSON output is valid JSON with one key per item.

#include "asterix/testing/random_records.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "asterix/encode.h"
#include "asterix/json_writer.h"
#include "asterix/record.h"

namespace straja::asterix {
namespace {

constexpr unsigned kRecordsPerEdition = 400;

TEST(AsterixRandomRecords, EveryEditionRoundTripsByteForByte) {
  testing::RandomRecords random(20261122);
  DecodedRecord values;
  std::size_t editions = 0;
  for (const spec::EditionTable& table : Edition::all()) {
    const auto edition = Edition::find(table.category, {table.major, table.minor});
    ASSERT_TRUE(edition);
    ++editions;
    for (unsigned i = 0; i < kRecordsPerEdition; ++i) {
      std::vector<std::uint8_t> bytes;
      random.append_record(*edition, bytes);
      RecordView record;
      const auto error = parse_record(*edition, bytes.data(), bytes.size(), 0, record);
      ASSERT_FALSE(error) << "CAT" << table.category << " " << edition->number().to_string() << ": "
                          << error->describe();
      ASSERT_EQ(record.size, bytes.size()) << edition->number().to_string();
      decode_values(record, values);
      std::vector<std::uint8_t> encoded;
      ASSERT_TRUE(encode_record(values, encoded));
      ASSERT_EQ(encoded, bytes) << "CAT" << int{table.category} << " "
                                << edition->number().to_string() << " record " << i;
      std::string json;
      append_record_json(values, 0, i, std::nullopt, json);
      const auto parsed = nlohmann::json::parse(json, nullptr, false);
      ASSERT_FALSE(parsed.is_discarded()) << json;
      EXPECT_EQ(parsed["items"].size(), values.items.size()) << json;
    }
  }
  EXPECT_GE(editions, 40u);
}

TEST(AsterixRandomRecords, BlocksOfRandomRecordsDecodeWhole) {
  testing::RandomRecords random(7);
  const auto edition = Edition::find(48, {1, 21});
  ASSERT_TRUE(edition);
  std::vector<std::uint8_t> block;
  random.append_block(*edition, 20, block);
  EditionSelector editions;
  std::vector<RecordView> records;
  ASSERT_FALSE(parse_block(block, editions, 0, records));
  EXPECT_EQ(records.size(), 20u);
}

}  // namespace
}  // namespace straja::asterix
