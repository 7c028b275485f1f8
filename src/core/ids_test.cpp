#include "core/ids.h"

#include <gtest/gtest.h>

#include <unordered_set>

namespace straja {
namespace {

TEST(IdsTest, IcaoAddressTextIsSixUpperCaseHexDigits) {
  EXPECT_EQ(IcaoAddress{0x4CA2F1}.to_string(), "4CA2F1");
  EXPECT_EQ(IcaoAddress{0xAB}.to_string(), "0000AB");
  EXPECT_EQ(IcaoAddress::parse("4ca2f1")->value, 0x4CA2F1u);
  EXPECT_FALSE(IcaoAddress::parse("4CA2F").has_value());
  EXPECT_FALSE(IcaoAddress::parse("4CA2FG").has_value());
}

TEST(IdsTest, Mode3AIsFourOctalDigits) {
  EXPECT_EQ(Mode3A{07700}.to_string(), "7700");
  EXPECT_EQ(Mode3A{01}.to_string(), "0001");
  EXPECT_EQ(Mode3A::parse("1200")->value, 01200);
  EXPECT_FALSE(Mode3A::parse("1280").has_value());  // 8 is not octal
  EXPECT_TRUE(Mode3A{07500}.is_emergency());
  EXPECT_TRUE(Mode3A{07600}.is_emergency());
  EXPECT_TRUE(Mode3A{07700}.is_emergency());
  EXPECT_FALSE(Mode3A{07000}.is_emergency());
}

TEST(IdsTest, TypedIdsCompareAndHash) {
  std::unordered_set<TrackId> ids{TrackId{1}, TrackId{2}, TrackId{1}};
  EXPECT_EQ(ids.size(), 2u);
  EXPECT_LT(TrackId{1}, TrackId{2});
  EXPECT_EQ((SacSic{25, 3}).packed(), 25 * 256 + 3);
}

}  // namespace
}  // namespace straja
