// PBKDF2, the IEEE 802.11 PRF (PSK -> PTK -> MIC) and the WSC KDF.
#include "crypto/crypto.hpp"
#include "crypto/openssl_handles.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "support/test_support.hpp"

namespace wps::crypto {
namespace {

using test::hex;
using namespace std::string_literals;

std::string hx(const SecretBytes& s) {
  return to_hex(view(s));
}

// ---- PBKDF2-HMAC-SHA1: WPS-FACTS TV3 = RFC 6070 §2 (the 16777216-iteration case omitted) ----
struct Pbkdf2Row {
  std::string password;
  std::string salt;
  unsigned iterations;
  std::size_t len;
  const char* dk;
};

TEST(Pbkdf2Sha1, Rfc6070Vectors) {
  const Pbkdf2Row rows[] = {
      {"password", "salt", 1, 20, "0c60c80f961f0e71f3a9b524af6012062fe037a6"},
      {"password", "salt", 2, 20, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"},
      {"password", "salt", 4096, 20, "4b007901b765489abead49d926f721d065a429c1"},
      {"passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 25,
       "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"},
      {"pass\0word"s, "sa\0lt"s, 4096, 16, "56fa6aa75548099dcc37d7f03425e0c3"},
  };
  for (const auto& r : rows) {
    auto dk = pbkdf2_sha1(as_bytes(r.password), as_bytes(r.salt), r.iterations, r.len);
    ASSERT_TRUE(dk.has_value()) << r.password;
    EXPECT_EQ(hx(*dk), r.dk) << r.password << " c=" << r.iterations;
  }
}

TEST(Pbkdf2Sha1, ZeroIterationsOrLengthIsBadValue) {
  auto a = pbkdf2_sha1(as_bytes("password"), as_bytes("salt"), 0, 20);
  ASSERT_FALSE(a.has_value());
  EXPECT_EQ(a.error().code, Errc::BadValue);
  auto b = pbkdf2_sha1(as_bytes("password"), as_bytes("salt"), 1, 0);
  ASSERT_FALSE(b.has_value());
  EXPECT_EQ(b.error().code, Errc::BadValue);
}

// ---- Passphrase -> PSK: WPS-FACTS TV4 (IEEE 802.11 Annex J.4 vectors) ----
TEST(Pbkdf2Sha1, Ieee80211PassphraseToPsk) {
  struct Row {
    std::string passphrase, ssid;
    const char* psk;
  };
  const Row rows[] = {
      {"password", "IEEE", "f42c6fc52df0ebef9ebb4b90b38a5f902e83fe1b135a70e23aed762e9710a12e"},
      {"ThisIsAPassword", "ThisIsASSID",
       "0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af"},
      {std::string(32, 'a'), std::string(32, 'Z'),
       "becb93866bb8c3832cb777c2f559807c8c59afcb6eae734885001300a981cc62"},
  };
  for (const auto& r : rows) {
    auto psk = pbkdf2_sha1(as_bytes(r.passphrase), as_bytes(r.ssid), 4096, 32);
    ASSERT_TRUE(psk.has_value());
    EXPECT_EQ(hx(*psk), r.psk) << r.passphrase;
  }
}

// ---- PRF-512: WPS-FACTS TV5 (label "prefix") ----
TEST(PrfSha1, Prf512Vectors) {
  EXPECT_EQ(hx(prf_sha1(Bytes(20, 0x0b), "prefix", as_bytes("Hi There"), 64)),
            "bcd4c650b30b9684951829e0d75f9d54b862175ed9f00606e17d8da35402ffee"
            "75df78c3d31e0f889f012120c0862beb67753e7439ae242edb8373698356cf5a");
  EXPECT_EQ(hx(prf_sha1(as_bytes("Jefe"), "prefix", as_bytes("what do ya want for nothing?"), 64)),
            "51f4de5b33f249adf81aeb713a3c20f4fe631446fabdfa58244759ae58ef9009"
            "a99abf4eac2ca5fa87e692c440eb40023e7babb206d61de7b92f41529092b8fc");
  EXPECT_EQ(hx(prf_sha1(Bytes(20, 0xaa), "prefix", Bytes(50, 0xdd), 64)),
            "e1ac546ec4cb636f9976487be5c86be17a0252ca5d8d8df12cfb0473525249ce"
            "9dd8d177ead710bc9b590547239107aef7b4abd43d87f0a68f1cbd9e2b6f7607");
}

TEST(PrfSha1, ShorterOutputIsAPrefix) {
  const auto full = prf_sha1(Bytes(20, 0x0b), "prefix", as_bytes("Hi There"), 64);
  const auto part = prf_sha1(Bytes(20, 0x0b), "prefix", as_bytes("Hi There"), 48);
  ASSERT_EQ(part.size(), 48u);
  EXPECT_TRUE(ct_equal(view(part), view(full).first(48)));
  EXPECT_TRUE(prf_sha1(Bytes(20, 0x0b), "prefix", {}, 0).empty());
}

// PTK data: min(AA,SPA) ‖ max(AA,SPA) ‖ min(ANonce,SNonce) ‖ max(ANonce,SNonce)
// (IEEE 802.11 §12.7.1.3; WPS-FACTS §10.1). Lexicographic unsigned compare.
Bytes ptk_data(ByteView aa, ByteView spa, ByteView anonce, ByteView snonce) {
  auto less = [](ByteView x, ByteView y) {
    return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end());
  };
  const ByteView a_lo = less(aa, spa) ? aa : spa;
  const ByteView a_hi = less(aa, spa) ? spa : aa;
  const ByteView n_lo = less(anonce, snonce) ? anonce : snonce;
  const ByteView n_hi = less(anonce, snonce) ? snonce : anonce;
  return concat({a_lo, a_hi, n_lo, n_hi});
}

// ---- WPS-FACTS TV6: IEEE 802.11 J.7 pairwise key derivation ----
TEST(PrfSha1, Ieee80211PairwiseKeyDerivation) {
  const Bytes pmk = hex("0dc0d6eb90555ed6419756b9a15ec3e3209b63df707dd508d14581f8982721af");
  const Bytes aa = hex("a0a1a1a3a4a5");
  const Bytes spa = hex("b0b1b2b3b4b5");
  const Bytes snonce = hex("c0c1c2c3c4c5c6c7c8c9d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5");
  const Bytes anonce = hex("e0e1e2e3e4e5e6e7e8e9f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405");
  const Bytes data = ptk_data(aa, spa, anonce, snonce);

  const SecretBytes ptk = prf_sha1(pmk, "Pairwise key expansion", data, 48);  // CCMP: PRF-384
  auto kck = Kck::take_prefix(view(ptk).subspan(0, 16));
  auto kek = Kek::take_prefix(view(ptk).subspan(16, 16));
  auto tk = Tk::take_prefix(view(ptk).subspan(32, 16));
  EXPECT_EQ(to_hex(kck.view()), "379f9852d0199236b94e407ce4c00ec8");
  EXPECT_EQ(to_hex(kek.view()), "47c9edc01c2c6e5b4910caddfb3e51a7");
  EXPECT_EQ(to_hex(tk.view()), "b2360c79e9710fdd58bea93deaf06599");

  // TKIP (PRF-512): TK ‖ Authenticator Tx MIC key ‖ Supplicant Tx MIC key.
  const SecretBytes ptk512 = prf_sha1(pmk, "Pairwise key expansion", data, 64);
  EXPECT_EQ(to_hex(view(ptk512).subspan(48, 8)), "db980afbc29c1528");
  EXPECT_EQ(to_hex(view(ptk512).subspan(56, 8)), "55740a6ce5ae3827");
}

// ---- WPS-FACTS TV7: a real EAPOL-Key 2/4 (aircrack-ng test-calc-ptk.c, ESSID "Harkonen") ----
TEST(PrfSha1, RealEapolKeyMic) {
  auto pmk = pbkdf2_sha1(as_bytes("12345678"), as_bytes("Harkonen"), 4096, 32);
  ASSERT_TRUE(pmk.has_value());
  EXPECT_EQ(hx(*pmk), "ee51883793a6f68e9615fe73c80a3aa6f2dd0ea537bce627b929183cc6e57925");

  const Bytes data =
      ptk_data(hex("00146c7e4080"), hex("001346fe320c"),
               hex("225854b0444de3af06d1492b852984f04cf6274c0e3218b8681756864db7a055"),
               hex("59168bc3a5df18d71efb6423f340088dab9e1ba2bbc58659e07b3764b0de8570"));
  const SecretBytes ptk = prf_sha1(view(*pmk), "Pairwise key expansion", data, 64);
  EXPECT_EQ(hx(ptk), "ea0e404633c802450302868ccaa749de5cba5abcb267e2de1d5e21e57accd507"
                     "9b31e9ff220e132ae4f6ed9ef1acc88545825fc32ee55961395ae43734d6c107");

  const Bytes frame = hex("0103007502010a0010000000000000000159168bc3a5df18d71efb6423f34008"
                          "8dab9e1ba2bbc58659e07b3764b0de8570000000000000000000000000000000"
                          "0000000000000000000000000000000000000000000000000000000000000000"
                          "00001630140100000fac040100000fac040100000fac020100");
  ASSERT_EQ(frame.size(), 121u);
  const auto mic = hmac_sha1_128(view(ptk).first(16), frame);
  EXPECT_EQ(to_hex(mic), "d5355382b8a9b806dcaf99cdaf564eb6");
}

// ---- WSC KDF ----
constexpr std::string_view kWscLabel = "Wi-Fi Easy and Secure Key Derivation";

Bytes be32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
          static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

// The construction of WPS-FACTS §7.2 written out with HMAC calls: T_i = HMAC-SHA-256(key,
// BE32(i) ‖ label ‖ BE32(bits)), concatenated and truncated.
Bytes kdf_by_hand(ByteView key, std::string_view label, std::size_t bits) {
  Bytes out;
  for (std::uint32_t i = 1; out.size() < bits / 8; ++i) {
    const auto t =
        hmac_sha256(key, {be32(i), as_bytes(label), be32(static_cast<std::uint32_t>(bits))});
    out.insert(out.end(), t.begin(), t.end());
  }
  out.resize(bits / 8);
  return out;
}

// WPS-FACTS TV11 (computed for the sheet, cross-checked there with pyca KBKDFHMAC and openssl).
TEST(WscKdf, Tv11KeyDerivation) {
  const Bytes kdk = hex("f095e3489f2f975f5810a8fd4e91f445acc3df33c6cfeb66866234d1455e1e59");
  const SecretBytes k = wsc_kdf(kdk, kWscLabel, 640);
  ASSERT_EQ(k.size(), 80u);
  EXPECT_EQ(to_hex(view(k).subspan(0, 32)),
            "395efee4520ce64c12b832a3d49e1d7a4535db57836e0d829763b6bd98bc6dff");  // T1 = AuthKey
  EXPECT_EQ(to_hex(view(k).subspan(32, 32)),
            "8a1f726eb68e4ecb05e4eff8d3e1399eb43f2724543c4e7ac77976ff3a251c33");   // T2
  EXPECT_EQ(to_hex(view(k).subspan(64, 16)), "d880f0b3f0cbd0064909a6b035280000");  // T3[0..15]
  // The whole of T3 (only half of it is in the 640-bit output) through the HMAC construction.
  EXPECT_EQ(to_hex(hmac_sha256(kdk, {be32(3), as_bytes(kWscLabel), be32(640)})),
            "d880f0b3f0cbd0064909a6b0352800005b2b4502346f36a1c31e2dfac542f3ac");
  // AuthKey / KeyWrapKey / EMSK split (WPS-FACTS §7.2).
  EXPECT_EQ(to_hex(AuthKey::take_prefix(view(k)).view()),
            "395efee4520ce64c12b832a3d49e1d7a4535db57836e0d829763b6bd98bc6dff");
  EXPECT_EQ(to_hex(KeyWrapKey::take_prefix(view(k).subspan(32)).view()),
            "8a1f726eb68e4ecb05e4eff8d3e1399e");
  EXPECT_EQ(to_hex(Emsk::take_prefix(view(k).subspan(48)).view()),
            "b43f2724543c4e7ac77976ff3a251c33d880f0b3f0cbd0064909a6b035280000");
}

// OpenSSL's own KBKDF (SP 800-108 counter mode, HMAC-SHA-256, no L, no separator) as an
// independent reference for wsc_kdf, which composes the blocks itself; and the HMAC loop written
// out here as the WSC definition. All three must agree for every length (one block, partial
// blocks, many blocks), key and label.
SecretBytes kbkdf_openssl(ByteView key, std::string_view label, std::size_t bits) {
  ossl::Kdf kdf(EVP_KDF_fetch(nullptr, OSSL_KDF_NAME_KBKDF, nullptr));
  EXPECT_NE(kdf, nullptr);
  ossl::KdfCtx ctx(EVP_KDF_CTX_new(kdf.get()));
  const auto b = static_cast<std::uint32_t>(bits);
  std::array<std::uint8_t, 4> length_be{
      static_cast<std::uint8_t>(b >> 24), static_cast<std::uint8_t>(b >> 16),
      static_cast<std::uint8_t>(b >> 8), static_cast<std::uint8_t>(b)};
  int use_l = 0, use_separator = 0;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MODE, const_cast<char*>("counter"), 0),
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_MAC, const_cast<char*>("HMAC"), 0),
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>("SHA2-256"), 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<std::uint8_t*>(key.data()),
                                        key.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<char*>(label.data()),
                                        label.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, length_be.data(), length_be.size()),
      OSSL_PARAM_construct_int(OSSL_KDF_PARAM_KBKDF_USE_L, &use_l),
      OSSL_PARAM_construct_int(OSSL_KDF_PARAM_KBKDF_USE_SEPARATOR, &use_separator),
      OSSL_PARAM_construct_end()};
  SecretBytes out(bits / 8);
  EXPECT_EQ(EVP_KDF_derive(ctx.get(), out.data(), out.size(), params), 1);
  return out;
}

TEST(WscKdf, AgreesWithOpenSslKbkdfAndTheHmacConstruction) {
  const Bytes key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  for (std::size_t bits : {8u, 128u, 248u, 256u, 264u, 640u, 1024u, 2056u}) {
    const std::string ours = to_hex(view(wsc_kdf(key, kWscLabel, bits)));
    EXPECT_EQ(ours, to_hex(view(kbkdf_openssl(key, kWscLabel, bits)))) << bits << " bits";
    EXPECT_EQ(ours, to_hex(kdf_by_hand(key, kWscLabel, bits))) << bits << " bits";
  }
  const Bytes short_key = hex("01");
  EXPECT_EQ(to_hex(view(wsc_kdf(short_key, "x", 512))),
            to_hex(view(kbkdf_openssl(short_key, "x", 512))));
  const Bytes long_key(100, 0x5c);  // longer than the SHA-256 block
  EXPECT_EQ(to_hex(view(wsc_kdf(long_key, kWscLabel, 640))),
            to_hex(view(kbkdf_openssl(long_key, kWscLabel, 640))));
}

// wsc_session_keys runs the chain DHKey -> KDK -> KDF on one re-keyed HMAC context and hands it
// to the AuthKey: every key must equal the step-by-step computation with fresh contexts, for
// many Z (so a context keyed with a previous key would show), and the AuthKey's adopted context
// must MAC under the AuthKey itself.
TEST(WscSessionKeys, EqualStepByStepAndTheAuthKeyContextIsKeyedWithTheAuthKey) {
  Drbg rng(7, "wsc_session_keys");
  for (int run = 0; run < 20; ++run) {
    DhShared z;
    rng.fill(std::span<std::uint8_t>(z.data(), DhShared::size()));
    if (run == 0) std::fill_n(z.data(), 40, 0);  // leading zero octets are hashed too
    std::array<std::uint8_t, 16> n1{}, n2{};
    std::array<std::uint8_t, 6> mac{};
    rng.fill(n1);
    rng.fill(n2);
    rng.fill(mac);
    const WscSessionKeys k = wsc_session_keys(z, {n1, mac, n2}, kWscLabel);

    const Sha256 dh_key = sha256(z.view());
    const Sha256 kdk = hmac_sha256(dh_key, {n1, mac, n2});
    const SecretBytes km = wsc_kdf(kdk, kWscLabel, 640);
    EXPECT_EQ(to_hex(k.dh_key.view()), to_hex(dh_key));
    EXPECT_EQ(to_hex(k.kdk.view()), to_hex(kdk));
    EXPECT_EQ(to_hex(k.auth_key.view()), to_hex(view(km).subspan(0, 32)));
    EXPECT_EQ(to_hex(k.key_wrap_key.view()), to_hex(view(km).subspan(32, 16)));
    EXPECT_EQ(to_hex(k.emsk.view()), to_hex(view(km).subspan(48, 32)));

    const Bytes msg = hex("0102030405");
    const std::string expected = to_hex(hmac_sha256(k.auth_key.view(), {msg}));
    EXPECT_EQ(to_hex(hmac_sha256(k.auth_key, {msg})), expected);
    EXPECT_EQ(to_hex(hmac_sha256(k.auth_key, {msg})), expected);  // and again (re-initialised)
    EXPECT_EQ(to_hex(hmac_sha256(k.auth_key.clone(), {msg})), expected);
  }
}

TEST(WscKdf, LengthIsPartOfTheInput) {
  // BE32(bits) is hashed, so a shorter output is NOT a prefix of a longer one.
  const Bytes key(32, 0x11);
  EXPECT_NE(to_hex(view(wsc_kdf(key, kWscLabel, 256))),
            to_hex(view(wsc_kdf(key, kWscLabel, 640)).first(32)));
}

}  // namespace
}  // namespace wps::crypto
