#include "wps/pin.hpp"

#include <gtest/gtest.h>

#include <set>

#include "crypto/crypto.hpp"

namespace wps::proto {
namespace {

// TV13 (WPS-FACTS §11): 1234567 -> 0 (hostapd docs default PIN), 5967201 -> 2 (worked example on
// english0815.blogspot.com), 1186772 -> 2 (the real AP PIN of TV9 / pixiewps run).
TEST(Pin, ChecksumKnownAnswers) {
  EXPECT_EQ(pin_checksum(1234567), 0);
  EXPECT_EQ(pin_checksum(5967201), 2);
  EXPECT_EQ(pin_checksum(1186772), 2);
}

TEST(Pin, ChecksumMatchesTheDigitSumRule) {
  // Independent formulation of WPS-FACTS §8: 3(d1+d3+d5+d7) + (d2+d4+d6+d8) ≡ 0 (mod 10).
  for (std::uint32_t n = 0; n < 10'000'000; n += 7919) {
    int c = pin_checksum(n);
    int d[8];
    std::uint32_t v = n;
    for (int i = 6; i >= 0; --i) {
      d[i] = static_cast<int>(v % 10);
      v /= 10;
    }
    d[7] = c;
    EXPECT_EQ((3 * (d[0] + d[2] + d[4] + d[6]) + d[1] + d[3] + d[5] + d[7]) % 10, 0) << n;
  }
}

TEST(Pin, Validation) {
  EXPECT_TRUE(check_pin("12345670").ok());
  EXPECT_TRUE(check_pin("59672012").ok());
  EXPECT_TRUE(check_pin("1234").ok());  // 4-digit PINs carry no checksum
  EXPECT_EQ(check_pin("12345671").problem, PinProblem::BadChecksum);
  EXPECT_EQ(check_pin("12345671").reason, "checksum digit is 1, expected 0");
  EXPECT_EQ(check_pin("").problem, PinProblem::Empty);
  EXPECT_EQ(check_pin("1234567").problem, PinProblem::BadLength);
  EXPECT_EQ(check_pin("123456789").problem, PinProblem::BadLength);
  EXPECT_EQ(check_pin("1234567a").problem, PinProblem::NotDigits);
  EXPECT_EQ(check_pin(" 2345670").problem, PinProblem::NotDigits);
}

TEST(Pin, GeneratedPinsAreValidAndVary) {
  crypto::Drbg rng(42, "pin-test");
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    auto p = generate_pin(rng);
    ASSERT_EQ(p.size(), 8u);
    EXPECT_TRUE(check_pin(p).ok()) << p;
    seen.insert(p);
  }
  EXPECT_GT(seen.size(), 190u);
}

}  // namespace
}  // namespace wps::proto
