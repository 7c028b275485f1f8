// A feed decoded in the wrong edition: wherever the octets do not fit the chosen edition the block
// is rejected (never reported as good records), and editions_that_decode() names the editions
// that do fit, the true one always among them.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "asterix/edition.h"
#include "asterix/record.h"
#include "asterix/testing/random_records.h"

namespace straja::asterix {
namespace {

Edition edition(int category, const char* number) {
  const auto found = Edition::find(category, *EditionNumber::parse(number));
  EXPECT_TRUE(found.has_value()) << category << " " << number;
  return *found;
}

std::vector<std::uint8_t> random_block(testing::RandomRecords& random, const Edition& edition) {
  std::vector<std::uint8_t> block;
  random.append_block(edition, 4, block);
  return block;
}

bool decodes_in(const std::vector<std::uint8_t>& block, const Edition& edition) {
  EditionSelector only;
  EXPECT_TRUE(only.set(edition.category(), edition.number()).ok());
  std::vector<RecordView> records;
  return !parse_block(block, only, 0, records).has_value();
}

TEST(AsterixWrongEdition, TheTrueEditionIsAlwaysAmongThoseThatDecode) {
  testing::RandomRecords random(20261122);
  for (const spec::EditionTable& table : Edition::all()) {
    const Edition truth =
        edition(table.category, EditionNumber{table.major, table.minor}.to_string().c_str());
    for (int i = 0; i < 20; ++i) {
      const std::vector<std::uint8_t> block = random_block(random, truth);
      const std::vector<EditionNumber> clean = editions_that_decode(block);
      ASSERT_NE(std::find(clean.begin(), clean.end(), truth.number()), clean.end())
          << "CAT" << table.category << " " << truth.number().to_string();
      ASSERT_TRUE(std::is_sorted(clean.begin(), clean.end()));
    }
  }
}

/// CAT021 0.2x and 2.x have different UAPs: nearly every block of one is rejected by the other,
/// and the rejected blocks point back at the edition family they came from.
TEST(AsterixWrongEdition, Cat021OldAndNewFamiliesRejectEachOther) {
  testing::RandomRecords random(7);
  const Edition old_edition = edition(21, "0.26");
  const Edition new_edition = edition(21, "2.6");
  for (const auto& [from, to] : {std::pair{old_edition, new_edition}, {new_edition, old_edition}}) {
    int rejected = 0;
    constexpr int kBlocks = 300;
    for (int i = 0; i < kBlocks; ++i) {
      const std::vector<std::uint8_t> block = random_block(random, from);
      if (decodes_in(block, to)) continue;
      ++rejected;
      const std::vector<EditionNumber> clean = editions_that_decode(block);
      EXPECT_NE(std::find(clean.begin(), clean.end(), from.number()), clean.end());
      EXPECT_EQ(std::find(clean.begin(), clean.end(), to.number()), clean.end());
    }
    std::printf("CAT021 %s blocks read as %s: %d of %d rejected\n",
                from.number().to_string().c_str(), to.number().to_string().c_str(), rejected,
                kBlocks);
    EXPECT_GE(rejected, kBlocks * 95 / 100);
  }
}

/// CAT062 1.12's I080 ends after its fourth octet; later editions extend it to six. A later
/// edition's track status that uses the fifth octet cannot be read as 1.12: the block is
/// rejected, never decoded with the extra octets taken for the next item.
TEST(AsterixWrongEdition, Cat062TrackStatusBeyondFourOctetsIsRejectedBy112) {
  testing::RandomRecordOptions options;
  options.items = {"010", "080", "040"};
  options.item_probability = 1;
  options.max_extents = 6;
  testing::RandomRecords random(11, options);
  const Edition old_edition = edition(62, "1.12");
  const Edition new_edition = edition(62, "1.18");
  int long_status = 0;
  int short_status = 0;
  for (int i = 0; i < 400; ++i) {
    std::vector<std::uint8_t> block;
    random.append_block(new_edition, 1, block);
    std::vector<RecordView> records;
    EditionSelector only;
    ASSERT_TRUE(only.set(62, new_edition.number()).ok());
    ASSERT_FALSE(parse_block(block, only, 0, records).has_value());
    const std::size_t octets = records[0].frn_bytes(new_edition.frn_of(0, 80)).size();
    const std::vector<EditionNumber> clean = editions_that_decode(block);
    const bool clean_in_112 =
        std::find(clean.begin(), clean.end(), old_edition.number()) != clean.end();
    EXPECT_EQ(decodes_in(block, old_edition), clean_in_112);
    if (octets > 4) {
      ++long_status;
      EXPECT_FALSE(clean_in_112) << octets << "-octet I080 accepted as 1.12";
    } else {
      ++short_status;
      EXPECT_TRUE(clean_in_112) << octets << "-octet I080 rejected as 1.12";
    }
  }
  EXPECT_GT(long_status, 50);
  EXPECT_GT(short_status, 50);
}

TEST(AsterixWrongEdition, FirstDataSourceReadsI010AfterTheFspec) {
  // CAT048 block: FSPEC 0xC1 0x80 (FRN 1, 2, FX; FRN 8), I010 = 25/201.
  const std::vector<std::uint8_t> block = {48, 0, 10, 0xC1, 0x80, 25, 201, 1, 2, 3};
  const auto source = first_data_source(block);
  ASSERT_TRUE(source.has_value());
  EXPECT_EQ(source->sac, 25);
  EXPECT_EQ(source->sic, 201);
  const std::vector<std::uint8_t> without = {48, 0, 6, 0x40, 1, 2};
  EXPECT_FALSE(first_data_source(without).has_value());
}

}  // namespace
}  // namespace straja::asterix
