// SHA-256 and HMAC known answers.
#include "crypto/crypto.hpp"

#include <gtest/gtest.h>

#include <string>

#include "support/test_support.hpp"

namespace wps::crypto {
namespace {

using test::hex;

template <std::size_t N>
std::string h(const std::array<std::uint8_t, N>& a) {
  return to_hex(a);
}

// FIPS 180-2 Appendix B.1 ("abc").
TEST(Sha256, Fips180Abc) {
  EXPECT_EQ(h(sha256(as_bytes("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, PartsAreConcatenated) {
  EXPECT_EQ(sha256({as_bytes("a"), ByteView{}, as_bytes("bc")}), sha256(as_bytes("abc")));
}

// RFC 4231 §4.2 (test case 1) and §4.3 (test case 2).
TEST(HmacSha256, Rfc4231TestCase1) {
  EXPECT_EQ(h(hmac_sha256(Bytes(20, 0x0b), {as_bytes("Hi There")})),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(HmacSha256, Rfc4231TestCase2) {
  EXPECT_EQ(h(hmac_sha256(as_bytes("Jefe"), {as_bytes("what do ya want for nothing?")})),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

// RFC 4231 §4.7 (test case 6): a key longer than the block size is hashed first.
TEST(HmacSha256, Rfc4231TestCase6LongKey) {
  EXPECT_EQ(h(hmac_sha256(Bytes(131, 0xaa),
                          {as_bytes("Test Using Larger Than Block-Size Key - Hash Key First")})),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HmacSha256, PartsAreConcatenated) {
  EXPECT_EQ(hmac_sha256(as_bytes("Jefe"), {as_bytes("what do ya "), as_bytes("want for nothing?")}),
            hmac_sha256(as_bytes("Jefe"), {as_bytes("what do ya want for nothing?")}));
}

// Empty key and empty message: the HMAC_SHA256("", "") example of the Wikipedia "HMAC" article.
TEST(HmacSha256, EmptyKeyAndMessage) {
  EXPECT_EQ(h(hmac_sha256(ByteView{}, {})),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(HmacSha256, KeyChangesTheResult) {
  EXPECT_NE(hmac_sha256(as_bytes("key1"), {as_bytes("m")}),
            hmac_sha256(as_bytes("key2"), {as_bytes("m")}));
}

// RFC 2202 §3 (HMAC-SHA-1 test cases 1 and 2).
TEST(HmacSha1, Rfc2202TestCase1) {
  EXPECT_EQ(h(hmac_sha1(Bytes(20, 0x0b), {as_bytes("Hi There")})),
            "b617318655057264e28bc0b6fb378c8ef146be00");
}

TEST(HmacSha1, Rfc2202TestCase2) {
  EXPECT_EQ(h(hmac_sha1(as_bytes("Jefe"), {as_bytes("what do ya want for nothing?")})),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

TEST(HmacSha1_128, IsTheFirst16OctetsOfHmacSha1) {
  // RFC 2202 test case 2, truncated as IEEE 802.11 does for the EAPOL-Key MIC.
  EXPECT_EQ(h(hmac_sha1_128(as_bytes("Jefe"), as_bytes("what do ya want for nothing?"))),
            "effcdf6ae5eb2fa2d27416d5f184df9c");
}

// RFC 2202 §2 (HMAC-MD5 test cases 1 and 2): the WPA1 EAPOL-Key MIC (descriptor version 1).
TEST(HmacMd5, Rfc2202TestCases1And2) {
  EXPECT_EQ(h(hmac_md5(Bytes(16, 0x0b), as_bytes("Hi There"))), "9294727a3638bb1c13f48ef8158bfc9d");
  EXPECT_EQ(h(hmac_md5(as_bytes("Jefe"), as_bytes("what do ya want for nothing?"))),
            "750c783e6ab0b503eaa86e310a5db738");
}


// The AuthKey's keyed context (secret.hpp) must give exactly the generic HMAC, call after call:
// re-initialising it must not carry anything over from the previous message, two keys must not
// share state, and a moved, cloned or rewritten key must MAC with its own current octets.
// (The WSC known answers — TV9's E-Hashes, TV10's Authenticators and KWAs — run through this
// path too, in tests/unit/wsc and tests/unit/wps.)
AuthKey auth_key_of(std::uint8_t fill) {
  std::array<std::uint8_t, 32> a{};
  a.fill(fill);
  return *AuthKey::from(a);
}

TEST(HmacSha256AuthKey, EqualsTheGenericHmacOverASequenceOfMessages) {
  AuthKey a = auth_key_of(0x11), b = auth_key_of(0x22);
  for (std::size_t n = 0; n < 300; n += 37) {
    Bytes m(n, static_cast<std::uint8_t>(n));
    EXPECT_EQ(hmac_sha256(a, {m}), hmac_sha256(a.view(), {m})) << n;
    EXPECT_EQ(hmac_sha256(b, {m, as_bytes("x")}), hmac_sha256(b.view(), {m, as_bytes("x")})) << n;
  }
  EXPECT_NE(hmac_sha256(a, {as_bytes("m")}), hmac_sha256(b, {as_bytes("m")}));
  EXPECT_EQ(hmac_sha256(a, {}), hmac_sha256(a.view(), {}));
}

TEST(HmacSha256AuthKey, MovedClonedAndRewrittenKeysMacWithTheirOwnOctets) {
  AuthKey a = auth_key_of(0x33);
  const auto expect = hmac_sha256(a.view(), {as_bytes("msg")});
  EXPECT_EQ(hmac_sha256(a, {as_bytes("msg")}), expect);  // creates a's context
  AuthKey moved = std::move(a);
  EXPECT_EQ(hmac_sha256(moved, {as_bytes("msg")}), expect);
  AuthKey copy = moved.clone();
  EXPECT_EQ(hmac_sha256(copy, {as_bytes("msg")}), expect);
  copy.data()[0] ^= 0x01;  // rewriting the key drops its context
  EXPECT_EQ(hmac_sha256(copy, {as_bytes("msg")}), hmac_sha256(copy.view(), {as_bytes("msg")}));
  EXPECT_NE(hmac_sha256(copy, {as_bytes("msg")}), expect);
  EXPECT_EQ(hmac_sha256(moved, {as_bytes("msg")}), expect) << "the original is untouched";
}

}  // namespace
}  // namespace wps::crypto
