#include "core/units.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace straja::units {
namespace {

// The wraps as first written, always through std::fmod: the fast paths must agree to the bit.
double wrap_two_pi_by_fmod(double rad) {
  double wrapped = std::fmod(rad, 2.0 * kPi);
  if (wrapped < 0.0) wrapped += 2.0 * kPi;
  return wrapped >= 2.0 * kPi ? 0.0 : wrapped;
}
double wrap_pi_by_fmod(double rad) {
  double wrapped = std::fmod(rad + kPi, 2.0 * kPi);
  if (wrapped < 0.0) wrapped += 2.0 * kPi;
  return wrapped - kPi;
}

std::uint64_t bits(double value) {
  return std::bit_cast<std::uint64_t>(value);
}

TEST(UnitsTest, WrapsGiveTheSameBitsAsThroughFmod) {
  std::vector<double> angles = {0.0,
                                -0.0,
                                kPi,
                                -kPi,
                                2.0 * kPi,
                                -2.0 * kPi,
                                std::nextafter(2.0 * kPi, 0.0),
                                -std::nextafter(2.0 * kPi, 0.0),
                                std::nextafter(kPi, 0.0),
                                -std::nextafter(kPi, 0.0),
                                std::numeric_limits<double>::denorm_min(),
                                -std::numeric_limits<double>::denorm_min(),
                                1e-300,
                                -1e-17,
                                3.0 * kPi,
                                -3.0 * kPi,
                                1e6,
                                -1e6};
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> near(-7.0, 7.0);
  std::uniform_real_distribution<double> far(-100.0, 100.0);
  for (int i = 0; i < 100'000; ++i) angles.push_back(i % 2 == 0 ? near(rng) : far(rng));
  for (const double angle : angles) {
    EXPECT_EQ(bits(wrap_two_pi(angle)), bits(wrap_two_pi_by_fmod(angle))) << angle;
    EXPECT_EQ(bits(wrap_pi(angle)), bits(wrap_pi_by_fmod(angle))) << angle;
  }
  EXPECT_TRUE(std::isnan(wrap_two_pi(std::numeric_limits<double>::quiet_NaN())));
  EXPECT_TRUE(std::isnan(wrap_pi(std::numeric_limits<double>::quiet_NaN())));
}

TEST(UnitsTest, WrapsLandInTheirRanges) {
  for (const double angle : {-7.0, -kPi, -1.0, 0.0, 1.0, kPi, 2.0 * kPi, 7.0, 1e6}) {
    EXPECT_GE(wrap_two_pi(angle), 0.0);
    EXPECT_LT(wrap_two_pi(angle), 2.0 * kPi);
    EXPECT_GE(wrap_pi(angle), -kPi);
    EXPECT_LT(wrap_pi(angle), kPi);
  }
  EXPECT_NEAR(wrap_two_pi(-1.0), 2.0 * kPi - 1.0, 1e-15);
  EXPECT_NEAR(wrap_pi(2.0 * kPi - 1.0), -1.0, 1e-15);
}

}  // namespace
}  // namespace straja::units
