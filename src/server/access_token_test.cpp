#include "server/access_token.h"

#include <gtest/gtest.h>

#include <set>

namespace straja::server {
namespace {

TEST(AccessToken, OnlyTheTwoDefaultAddressesNeedNoToken) {
  EXPECT_TRUE(is_default_loopback("127.0.0.1"));
  EXPECT_TRUE(is_default_loopback("::1"));
  for (const char* other : {"127.0.0.2", "0.0.0.0", "::", "10.0.0.1", "localhost", ""}) {
    EXPECT_FALSE(is_default_loopback(other)) << other;
  }
}

TEST(AccessToken, GeneratedTokensAre128BitHexAndDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    const std::string token = generate_token();
    EXPECT_EQ(token.size(), 32u);
    EXPECT_EQ(token.find_first_not_of("0123456789abcdef"), std::string::npos) << token;
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 20u);
}

TEST(AccessToken, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_FALSE(constant_time_equal("", "a"));
  EXPECT_TRUE(constant_time_equal("", ""));
}

TEST(AccessToken, PresentedTokenFromHeaderQueryOrCookie) {
  EXPECT_EQ(presented_token("Bearer t1", "token=t2", "straja_token=t3"), "t1");
  EXPECT_EQ(presented_token("", "x=1&token=t2", "straja_token=t3"), "t2");
  EXPECT_EQ(presented_token("", "", "a=1; straja_token=t3"), "t3");
  EXPECT_EQ(presented_token("Basic xyz", "", ""), std::nullopt);
  EXPECT_EQ(presented_token("", "", "other=1"), std::nullopt);
}

}  // namespace
}  // namespace straja::server
