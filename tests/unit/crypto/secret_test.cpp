#include "crypto/secret.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <utility>

#include "support/test_support.hpp"

namespace wps::crypto {
namespace {

using test::hex;

struct TestTag {};
using Secret4 = Secret<4, TestTag>;

bool all_zero(ByteView v) {
  for (auto b : v) {
    if (b != 0) return false;
  }
  return true;
}

TEST(CtEqual, EqualContentsCompareEqual) {
  const Bytes a = hex("00112233445566778899aabbccddeeff");
  const Bytes b = a;
  EXPECT_TRUE(ct_equal(a, b));
}

TEST(CtEqual, AnySingleBitDifferenceIsDetected) {
  const Bytes a = hex("00112233445566778899aabbccddeeff");
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      Bytes b = a;
      b[i] = static_cast<std::uint8_t>(b[i] ^ (1u << bit));
      EXPECT_FALSE(ct_equal(a, b)) << "octet " << i << " bit " << bit;
    }
  }
}

TEST(CtEqual, DifferentSizesCompareUnequal) {
  const Bytes a = hex("0011223344");
  EXPECT_FALSE(ct_equal(a, ByteView(a).first(4)));  // a prefix is not equal
  EXPECT_FALSE(ct_equal(ByteView(a).first(4), a));
  EXPECT_FALSE(ct_equal(a, ByteView{}));
  EXPECT_TRUE(ct_equal(ByteView{}, ByteView{}));
}

TEST(SecureZero, ClearsTheBuffer) {
  std::array<std::uint8_t, 33> buf{};
  buf.fill(0xa5);
  secure_zero(buf.data(), buf.size());
  EXPECT_TRUE(all_zero(buf));
  secure_zero(nullptr, 0);  // allowed: nothing to clear
}

TEST(Secret, FromRequiresTheExactSize) {
  EXPECT_FALSE(Secret4::from(hex("010203")).has_value());
  EXPECT_FALSE(Secret4::from(hex("0102030405")).has_value());
  auto s = Secret4::from(hex("01020304"));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(to_hex(s->view()), "01020304");
}

TEST(Secret, MoveConstructionWipesTheSource) {
  auto src = *Secret4::from(hex("deadbeef"));
  Secret4 dst(std::move(src));
  EXPECT_EQ(to_hex(dst.view()), "deadbeef");
  EXPECT_TRUE(all_zero(src.view()));  // NOLINT(bugprone-use-after-move): the wipe is the point
}

TEST(Secret, MoveAssignmentWipesTheSource) {
  auto src = *Secret4::from(hex("cafef00d"));
  auto dst = *Secret4::from(hex("11111111"));
  dst = std::move(src);
  EXPECT_EQ(to_hex(dst.view()), "cafef00d");
  EXPECT_TRUE(all_zero(src.view()));  // NOLINT(bugprone-use-after-move)
}

TEST(Secret, CloneIsAnIndependentEqualCopy) {
  auto a = *Secret4::from(hex("01020304"));
  Secret4 b = a.clone();
  EXPECT_TRUE(ct_equal(a, b));
  b.data()[0] = 0xff;
  EXPECT_FALSE(ct_equal(a, b));
  EXPECT_EQ(to_hex(a.view()), "01020304");
}

TEST(Secret, TakePrefixCopiesTheFirstNOctets) {
  auto s = Secret4::take_prefix(hex("0a0b0c0d0e0f"));
  EXPECT_EQ(to_hex(s.view()), "0a0b0c0d");
}

TEST(SecretBytes, ViewAndToSecretRoundTrip) {
  const Bytes b = hex("000102");
  SecretBytes s = to_secret(b);
  EXPECT_TRUE(ct_equal(view(s), b));
}

}  // namespace
}  // namespace wps::crypto
