#include "core/result.h"

#include <gtest/gtest.h>

#include <memory>

namespace straja {
namespace {

Result<int> parse_digit(char c) {
  if (c < '0' || c > '9') return make_error(ErrorCode::kParse, "not a digit", 7);
  return c - '0';
}

TEST(ResultTest, CarriesValueOrTypedError) {
  auto good = parse_digit('4');
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 4);
  auto bad = parse_digit('x');
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kParse);
  EXPECT_EQ(bad.error().describe(), "parse error: not a digit (at offset 7)");
  EXPECT_EQ(bad.value_or(-1), -1);
}

TEST(ResultTest, HoldsMoveOnlyValues) {
  Result<std::unique_ptr<int>> r(std::make_unique<int>(3));
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> owned = std::move(r).value();
  EXPECT_EQ(*owned, 3);
}

TEST(ResultTest, StatusIsOkByDefault) {
  Status ok;
  EXPECT_TRUE(ok.ok());
  Status failed = make_error(ErrorCode::kIo, "cannot open x");
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().describe(), "I/O error: cannot open x");
}

}  // namespace
}  // namespace straja
