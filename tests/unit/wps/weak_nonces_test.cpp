#include "wps/weak_nonces.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace wps::proto {
namespace {

// Known answer: the C library's own srandom()/random() (glibc) is the reference for the
// generator the RTL819x firmware used.
TEST(WeakNonces, GlibcRandomMatchesTheCLibrary) {
  for (std::uint32_t seed : {1u, 2u, 12345u, 1704067200u, 2147483646u}) {
    ::srandom(seed);
    GlibcRandom g(seed);
    for (int i = 0; i < 50; ++i) {
      EXPECT_EQ(g.next(), static_cast<std::uint32_t>(::random())) << seed << " " << i;
    }
  }
  // srandom(0) behaves as srandom(1).
  GlibcRandom a(0), b(1);
  EXPECT_EQ(a.next(), b.next());
}

TEST(WeakNonces, RtlNonceIsFourBigEndianOutputs) {
  RtlTimeSeededRng rng(1704067200u);
  std::array<std::uint8_t, 16> n{};
  rng.fill(n);
  ::srandom(1704067200u);
  for (int w = 0; w < 4; ++w) {
    auto v = static_cast<std::uint32_t>(::random());
    EXPECT_EQ(n[4 * w], v >> 24);
    EXPECT_EQ(n[4 * w + 3], v & 0xff);
  }
  // Same second, same value (the Realtek E-S1 = E-S2 = E-Nonce of WPS-FACTS TV9); the next
  // second, another.
  std::array<std::uint8_t, 16> again{}, later{};
  rng.fill(again);
  EXPECT_EQ(n, again);
  rng.set_time(1704067201u);
  rng.fill(later);
  EXPECT_NE(n, later);
}

TEST(WeakNonces, ZeroAndParse) {
  ZeroRng z;
  std::array<std::uint8_t, 16> s;
  s.fill(0xaa);
  z.fill(s);
  for (auto b : s) EXPECT_EQ(b, 0);
  EXPECT_EQ(parse_nonce_profile("prng"), NonceProfile::Prng);
  EXPECT_EQ(parse_nonce_profile("zero"), NonceProfile::Zero);
  EXPECT_EQ(parse_nonce_profile("secure"), NonceProfile::Secure);
  EXPECT_FALSE(parse_nonce_profile("weak"));
}

}  // namespace
}  // namespace wps::proto
