#include "wpa2/keys.hpp"

#include <gtest/gtest.h>

#include <string>

#include "support/test_support.hpp"

namespace wps::wpa2 {
namespace {

using test::hex;

std::string hex_of(ByteView v) {
  return to_hex(v);
}

MacAddr mac(std::string_view h) {
  return *MacAddr::from(hex(h));
}

// ---- TV4: IEEE 802.11 Annex J.4 passphrase -> PSK (WPS-FACTS §11 TV4) ----------------------

TEST(Pmk, Tv4IeeeAnnexJ4Vectors) {
  struct Row {
    const char* pass;
    const char* ssid;
    const char* psk;
  };
  const Row rows[] = {
      {"password", "IEEE", "f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e"},
      {"ThisIsAPassword", "ThisIsASSID",
       "0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af"},
      {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ",
       "becb93866bb8c3832cb777c2f559807c8c59afcb6eae734885001300a981cc62"},
  };
  for (const auto& r : rows) {
    auto pmk = pmk_from_passphrase(as_bytes(r.pass), as_bytes(r.ssid));
    ASSERT_TRUE(pmk) << r.pass;
    EXPECT_EQ(hex_of(pmk->view()), r.psk) << r.pass;
  }
}

TEST(Pmk, Tv7HarkonenPassphrase) {
  // WPS-FACTS TV7: PMK for "12345678"/"Harkonen" (aircrack-ng test-calc-ptk.c lists the PMK).
  auto pmk = pmk_from_passphrase(as_bytes("12345678"), as_bytes("Harkonen"));
  ASSERT_TRUE(pmk);
  EXPECT_EQ(hex_of(pmk->view()),
            "ee51883793a6f68e9615fe73c80a3aa6f2dd0ea537bce627b929183cc6e57925");
}

TEST(Pmk, PassphraseRules) {
  EXPECT_TRUE(validate_passphrase(as_bytes("12345678")));
  EXPECT_TRUE(validate_passphrase(as_bytes(std::string(63, '~'))));
  EXPECT_TRUE(validate_passphrase(as_bytes(" spaces ok ")));

  auto too_short = validate_passphrase(as_bytes("1234567"));
  ASSERT_FALSE(too_short);
  EXPECT_EQ(too_short.error(), (Error{Errc::ConfigBadKey, 7, 0}));

  auto too_long = validate_passphrase(as_bytes(std::string(64, 'a')));
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().offset, 64u);

  std::string ctl = "abcdefgh";
  ctl[5] = '\x7f';  // DEL is not printable
  auto bad_char = validate_passphrase(as_bytes(ctl));
  ASSERT_FALSE(bad_char);
  EXPECT_EQ(bad_char.error(), (Error{Errc::ConfigBadKey, 5, 0}));

  std::string nl = "abc\ndefgh";
  EXPECT_EQ(validate_passphrase(as_bytes(nl)).error().offset, 3u);
}

TEST(Pmk, SsidLengthChecked) {
  auto empty = pmk_from_passphrase(as_bytes("12345678"), {});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, Errc::BadLength);
  auto long_ssid = pmk_from_passphrase(as_bytes("12345678"), as_bytes(std::string(33, 's')));
  ASSERT_FALSE(long_ssid);
  EXPECT_EQ(long_ssid.error().code, Errc::BadLength);
}

TEST(Pmk, HexNetworkKeyIsThePmk) {
  const std::string hexkey = "0DC0D6EB90555ED6419756B9A15EC3E3209b63df707dd508d14581f8982721af";
  auto pmk = pmk_from_network_key(as_bytes(hexkey), as_bytes("any"));
  ASSERT_TRUE(pmk);
  EXPECT_EQ(hex_of(pmk->view()),
            "0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af");

  std::string bad = hexkey;
  bad[10] = 'g';
  auto r = pmk_from_network_key(as_bytes(bad), as_bytes("any"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error(), (Error{Errc::ConfigBadKey, 10, 0}));

  // Shorter keys are passphrases: the same network key through both paths.
  auto via_key = pmk_from_network_key(as_bytes("password"), as_bytes("IEEE"));
  ASSERT_TRUE(via_key);
  EXPECT_EQ(hex_of(via_key->view()),
            "f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e");
}

TEST(PmkCache, ComputesOnceAndKeysBySsidAndPassphrase) {
  PmkCache cache(2);
  auto a1 = cache.get(as_bytes("password"), as_bytes("IEEE"));
  auto a2 = cache.get(as_bytes("password"), as_bytes("IEEE"));
  ASSERT_TRUE(a1);
  ASSERT_TRUE(a2);
  EXPECT_TRUE(ct_equal(*a1, *a2));
  EXPECT_EQ(hex_of(a2->view()), "f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e");
  EXPECT_EQ(cache.misses(), 1u);
  EXPECT_EQ(cache.hits(), 1u);

  // Same passphrase, other SSID: a different entry and a different PMK.
  auto b = cache.get(as_bytes("password"), as_bytes("IEEE2"));
  ASSERT_TRUE(b);
  EXPECT_FALSE(ct_equal(*a1, *b));
  EXPECT_EQ(cache.misses(), 2u);
  // The SSID length is part of the cache key, so shifting octets between SSID and passphrase
  // ("IEEE" + "passwordX" vs "IEEEp" + "asswordX") cannot collide.
  auto c0 = cache.get(as_bytes("passwordX"), as_bytes("IEEE"));
  ASSERT_TRUE(c0);
  auto c = cache.get(as_bytes("asswordX"), as_bytes("IEEEp"));
  ASSERT_TRUE(c);
  EXPECT_FALSE(ct_equal(*c0, *c));
  EXPECT_EQ(cache.misses(), 4u);
  EXPECT_EQ(cache.size(), 2u);  // capacity 2: the least recently used entry was evicted

  // Invalid keys are reported and not cached.
  auto bad = cache.get(as_bytes("short"), as_bytes("IEEE"));
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Errc::ConfigBadKey);
  EXPECT_EQ(cache.size(), 2u);

  cache.clear();
  EXPECT_EQ(cache.size(), 0u);
}

// ---- TV6: IEEE 802.11 J.7.1 pairwise key derivation (WPS-FACTS §11 TV6) ---------------------

TEST(Ptk, Tv6SplitKckKekTk) {
  auto pmk =
      crypto::Pmk::from(hex("0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af"));
  ASSERT_TRUE(pmk);
  const AuthenticatorAddr aa{mac("a0a1a1a3a4a5")};  // sic, as printed in the standard
  const SupplicantAddr spa{mac("b0b1b2b3b4b5")};
  const auto snonce =
      *SNonce::from(hex("c0c1c2c3c4c5c6c7c8c9d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5"));
  const auto anonce =
      *ANonce::from(hex("e0e1e2e3e4e5e6e7e8e9f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405"));
  const crypto::Ptk ptk = derive_ptk(*pmk, aa, spa, anonce, snonce);
  EXPECT_EQ(hex_of(ptk_kck(ptk).view()), "379f9852d0199236b94e407ce4c00ec8");
  EXPECT_EQ(hex_of(ptk_kek(ptk).view()), "47c9edc01c2c6e5b4910caddfb3e51a7");
  EXPECT_EQ(hex_of(ptk_tk(ptk).view()), "b2360c79e9710fdd58bea93deaf06599");
}

TEST(Ptk, Tv7HarkonenPtkPrefix) {
  // WPS-FACTS TV7 (aircrack-ng test-calc-ptk.c): the first 48 octets of the published 64-octet
  // PTK are our CCMP PTK (PRF-384 is a prefix of PRF-512).
  auto pmk = pmk_from_passphrase(as_bytes("12345678"), as_bytes("Harkonen"));
  ASSERT_TRUE(pmk);
  const auto anonce =
      *ANonce::from(hex("225854b0444de3af06d1492b852984f04cf6274c0e3218b8681756864db7a055"));
  const auto snonce =
      *SNonce::from(hex("59168bc3a5df18d71efb6423f340088dab9e1ba2bbc58659e07b3764b0de8570"));
  const crypto::Ptk ptk = derive_ptk(*pmk, AuthenticatorAddr{mac("00146c7e4080")},
                                     SupplicantAddr{mac("001346fe320c")}, anonce, snonce);
  EXPECT_EQ(hex_of(ptk.view()), "ea0e404633c802450302868ccaa749de5cba5abcb267e2de1d5e21e57accd507"
                                "9b31e9ff220e132ae4f6ed9ef1acc885");
}

TEST(Ptk, AddressOrderIsNormalizedButNonceValuesMatter) {
  auto pmk =
      crypto::Pmk::from(hex("0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af"));
  const MacAddr m1 = mac("a0a1a1a3a4a5"), m2 = mac("b0b1b2b3b4b5");
  const auto n1 = *ANonce::from(hex(std::string(64, '1')));
  const auto n2 = *SNonce::from(hex(std::string(64, '2')));
  const auto p1 = derive_ptk(*pmk, AuthenticatorAddr{m1}, SupplicantAddr{m2}, n1, n2);
  const auto p2 = derive_ptk(*pmk, AuthenticatorAddr{m2}, SupplicantAddr{m1}, n1, n2);
  EXPECT_TRUE(ct_equal(p1, p2));  // min/max makes the address order irrelevant
  // Swapping the nonce *values* (a different handshake) is also symmetric under min/max.
  const auto n1s = *ANonce::from(hex(std::string(64, '2')));
  const auto n2s = *SNonce::from(hex(std::string(64, '1')));
  EXPECT_TRUE(ct_equal(p1, derive_ptk(*pmk, AuthenticatorAddr{m1}, SupplicantAddr{m2}, n1s, n2s)));
  // ...but a different nonce gives a different PTK.
  const auto n3 = *SNonce::from(hex(std::string(64, '3')));
  EXPECT_FALSE(ct_equal(p1, derive_ptk(*pmk, AuthenticatorAddr{m1}, SupplicantAddr{m2}, n1, n3)));
}

}  // namespace
}  // namespace wps::wpa2
