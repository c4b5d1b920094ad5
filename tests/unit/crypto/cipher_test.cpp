// AES-128-CBC, AES key wrap (RFC 3394) and AES-128-CCM known answers and error cases.
#include "crypto/crypto.hpp"

#include <gtest/gtest.h>

#include <string>

#include "support/test_support.hpp"

namespace wps::crypto {
namespace {

using test::hex;

template <typename T>
Errc err(const Result<T>& r) {
  return r.has_value() ? Errc::Ok : r.error().code;
}

// ---- AES-128-CBC ----

// NIST SP 800-38A Appendix F.2.1 / F.2.2 (CBC-AES128.Encrypt / .Decrypt), all four blocks.
TEST(Aes128Cbc, Sp800_38aF21) {
  const Bytes key = hex("2b7e151628aed2a6abf7158809cf4f3c");
  const Bytes iv = hex("000102030405060708090a0b0c0d0e0f");
  const Bytes pt = hex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
                       "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
  const std::string ct = "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
                         "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7";
  auto enc = aes128_cbc_encrypt(key, iv, pt);
  ASSERT_TRUE(enc.has_value());
  EXPECT_EQ(to_hex(*enc), ct);
  auto dec = aes128_cbc_decrypt(key, iv, hex(ct));
  ASSERT_TRUE(dec.has_value());
  EXPECT_EQ(to_hex(view(*dec)), to_hex(pt));
}

// WPS-FACTS TV11: the M4-style Encrypted Settings value (KeyWrapKey, IV = 99×16, settings TLV
// R-SNonce1 ‖ KWA TLV ‖ a full block of PKCS#5 padding).
TEST(Aes128Cbc, Tv11EncryptedSettings) {
  const Bytes kwk = hex("8a1f726eb68e4ecb05e4eff8d3e1399e");
  const Bytes iv(16, 0x99);
  const Bytes padded = concat(
      {hex("103f001055555555555555555555555555555555101e00085ff8f97a50e408de"), Bytes(16, 0x10)});
  const std::string ct = "ccd2aac48fc580c72d1f879f7b59c953742ed93e26474619336c661f71a13d21"
                         "d10c2dbc5b3b6eec0a3e5ce0df870c93";
  auto enc = aes128_cbc_encrypt(kwk, iv, padded);
  ASSERT_TRUE(enc.has_value());
  EXPECT_EQ(to_hex(*enc), ct);
  auto dec = aes128_cbc_decrypt(kwk, iv, hex(ct));
  ASSERT_TRUE(dec.has_value());
  EXPECT_EQ(to_hex(view(*dec)), to_hex(padded));  // padding is left for the caller to check
}

TEST(Aes128Cbc, WrongSizes) {
  const Bytes k16(16, 1), iv16(16, 2), block(16, 3);
  EXPECT_EQ(err(aes128_cbc_encrypt(Bytes(15, 1), iv16, block)), Errc::InvalidKeyLength);
  EXPECT_EQ(err(aes128_cbc_encrypt(Bytes(32, 1), iv16, block)), Errc::InvalidKeyLength);
  EXPECT_EQ(err(aes128_cbc_encrypt(k16, Bytes(12, 2), block)), Errc::InvalidKeyLength);
  EXPECT_EQ(err(aes128_cbc_decrypt(Bytes(24, 1), iv16, block)), Errc::InvalidKeyLength);
  EXPECT_EQ(err(aes128_cbc_decrypt(k16, Bytes(17, 2), block)), Errc::InvalidKeyLength);
  EXPECT_EQ(err(aes128_cbc_encrypt(k16, iv16, {})), Errc::BadCiphertextLength);
  EXPECT_EQ(err(aes128_cbc_encrypt(k16, iv16, Bytes(17, 3))), Errc::BadCiphertextLength);
  EXPECT_EQ(err(aes128_cbc_decrypt(k16, iv16, {})), Errc::BadCiphertextLength);
  EXPECT_EQ(err(aes128_cbc_decrypt(k16, iv16, Bytes(31, 3))), Errc::BadCiphertextLength);
}

// The KeyWrapKey's keyed contexts (secret.hpp) must give exactly the one-shot result, pass after
// pass and direction after direction: a new IV must not carry the previous chaining value over,
// the two directions must not share a key schedule, and a moved, cloned or rewritten key must
// encrypt with its own current octets.
TEST(Aes128CbcKeyWrapKey, KnownAnswerThroughTheKeyedContexts) {
  // The same SP 800-38A F.2.1 / F.2.2 vector as above, then TV11's under a second key.
  const KeyWrapKey k = *KeyWrapKey::from(hex("2b7e151628aed2a6abf7158809cf4f3c"));
  const Bytes iv = hex("000102030405060708090a0b0c0d0e0f");
  const Bytes pt = hex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
                       "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
  const std::string ct = "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
                         "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7";
  for (int pass = 0; pass < 3; ++pass) {
    auto enc = aes128_cbc_encrypt(k, iv, pt);
    ASSERT_TRUE(enc.has_value());
    EXPECT_EQ(to_hex(*enc), ct) << pass;
    auto dec = aes128_cbc_decrypt(k, iv, hex(ct));
    ASSERT_TRUE(dec.has_value());
    EXPECT_EQ(to_hex(view(*dec)), to_hex(pt)) << pass;
  }
  const KeyWrapKey tv11 = *KeyWrapKey::from(hex("8a1f726eb68e4ecb05e4eff8d3e1399e"));
  const Bytes padded = concat(
      {hex("103f001055555555555555555555555555555555101e00085ff8f97a50e408de"), Bytes(16, 0x10)});
  auto enc = aes128_cbc_encrypt(tv11, Bytes(16, 0x99), padded);
  ASSERT_TRUE(enc.has_value());
  EXPECT_EQ(to_hex(*enc), "ccd2aac48fc580c72d1f879f7b59c953742ed93e26474619336c661f71a13d21"
                          "d10c2dbc5b3b6eec0a3e5ce0df870c93");
}

TEST(Aes128CbcKeyWrapKey, EqualsTheOneShotCallOverManyIvsAndLengths) {
  KeyWrapKey k = *KeyWrapKey::from(Bytes(16, 0x5a));
  for (std::size_t n = 16; n <= 160; n += 48) {
    for (std::uint8_t v = 0; v < 4; ++v) {
      const Bytes iv(16, v), data(n, static_cast<std::uint8_t>(n + v));
      EXPECT_EQ(*aes128_cbc_encrypt(k, iv, data), *aes128_cbc_encrypt(k.view(), iv, data)) << n;
      EXPECT_EQ(to_hex(view(*aes128_cbc_decrypt(k, iv, data))),
                to_hex(view(*aes128_cbc_decrypt(k.view(), iv, data))))
          << n;
    }
  }
  EXPECT_EQ(err(aes128_cbc_encrypt(k, Bytes(12, 2), Bytes(16, 3))), Errc::InvalidKeyLength);
  EXPECT_EQ(err(aes128_cbc_decrypt(k, Bytes(16, 2), Bytes(31, 3))), Errc::BadCiphertextLength);
}

TEST(Aes128CbcKeyWrapKey, MovedClonedAndRewrittenKeysUseTheirOwnOctets) {
  KeyWrapKey a = *KeyWrapKey::from(Bytes(16, 0x33));
  const Bytes iv(16, 7), block(32, 9);
  const Bytes expect = *aes128_cbc_encrypt(a.view(), iv, block);
  EXPECT_EQ(*aes128_cbc_encrypt(a, iv, block), expect);  // creates a's context
  KeyWrapKey moved = std::move(a);
  EXPECT_EQ(*aes128_cbc_encrypt(moved, iv, block), expect);
  KeyWrapKey copy = moved.clone();
  EXPECT_EQ(*aes128_cbc_encrypt(copy, iv, block), expect);
  copy.data()[0] ^= 0x01;  // rewriting the key drops its contexts
  EXPECT_EQ(*aes128_cbc_encrypt(copy, iv, block), *aes128_cbc_encrypt(copy.view(), iv, block));
  EXPECT_NE(*aes128_cbc_encrypt(copy, iv, block), expect);
  EXPECT_EQ(*aes128_cbc_encrypt(moved, iv, block), expect) << "the original is untouched";
}

// ---- AES key wrap: WPS-FACTS TV8 = RFC 3394 §4.1-4.6 ----
struct WrapRow {
  const char* name;
  const char* kek;
  const char* data;
  const char* wrapped;
};
constexpr const char* kK16 = "000102030405060708090a0b0c0d0e0f";
constexpr const char* kK24 = "000102030405060708090a0b0c0d0e0f1011121314151617";
constexpr const char* kK32 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
constexpr const char* kD16 = "00112233445566778899aabbccddeeff";
constexpr const char* kD24 = "00112233445566778899aabbccddeeff0001020304050607";
constexpr const char* kD32 = "00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f";
const WrapRow kWrapRows[] = {
    {"4.1", kK16, kD16, "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5"},
    {"4.2", kK24, kD16, "96778b25ae6ca435f92b5b97c050aed2468ab8a17ad84e5d"},
    {"4.3", kK32, kD16, "64e8c3f9ce0f5ba263e9777905818a2a93c8191e7d6e8ae7"},
    {"4.4", kK24, kD24, "031d33264e15d33268f24ec260743edce1c6c7ddee725a936ba814915c6762d2"},
    {"4.5", kK32, kD24, "a8f9bc1612c68b3ff6e6f4fbe30e71e4769c8b80a32cb8958cd5d17d6b254da1"},
    {"4.6", kK32, kD32,
     "28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21"},
};

TEST(AesKeyWrap, Rfc3394WrapAndUnwrap) {
  for (const auto& r : kWrapRows) {
    auto w = aes_key_wrap(hex(r.kek), hex(r.data));
    ASSERT_TRUE(w.has_value()) << r.name;
    EXPECT_EQ(to_hex(*w), r.wrapped) << r.name;
    auto u = aes_key_unwrap(hex(r.kek), hex(r.wrapped));
    ASSERT_TRUE(u.has_value()) << r.name;
    EXPECT_EQ(to_hex(view(*u)), r.data) << r.name;
  }
}

TEST(AesKeyWrap, TamperedInputFailsTheIntegrityCheck) {
  for (const auto& r : kWrapRows) {
    const Bytes wrapped = hex(r.wrapped);
    for (std::size_t i : {std::size_t{0}, std::size_t{7}, std::size_t{8}, wrapped.size() - 1}) {
      Bytes bad = wrapped;
      bad[i] ^= 0x01;
      EXPECT_EQ(err(aes_key_unwrap(hex(r.kek), bad)), Errc::UnwrapFailed) << r.name << " @" << i;
    }
  }
  // Right data, wrong key.
  Bytes other_kek = hex(kK16);
  other_kek[15] ^= 0x80;
  EXPECT_EQ(err(aes_key_unwrap(other_kek, hex(kWrapRows[0].wrapped))), Errc::UnwrapFailed);
}

TEST(AesKeyWrap, WrongSizes) {
  EXPECT_EQ(err(aes_key_wrap(Bytes(15, 0), hex(kD16))), Errc::InvalidKeyLength);
  EXPECT_EQ(err(aes_key_wrap(Bytes(20, 0), hex(kD16))), Errc::InvalidKeyLength);
  EXPECT_EQ(err(aes_key_unwrap(Bytes(0, 0), hex(kWrapRows[0].wrapped))), Errc::InvalidKeyLength);
  EXPECT_EQ(err(aes_key_wrap(hex(kK16), Bytes(8, 0))), Errc::BadLength);   // one block: too short
  EXPECT_EQ(err(aes_key_wrap(hex(kK16), Bytes(20, 0))), Errc::BadLength);  // not a multiple of 8
  EXPECT_EQ(err(aes_key_wrap(hex(kK16), {})), Errc::BadLength);
  EXPECT_EQ(err(aes_key_unwrap(hex(kK16), Bytes(16, 0))), Errc::BadLength);
  EXPECT_EQ(err(aes_key_unwrap(hex(kK16), Bytes(25, 0))), Errc::BadLength);
}

// WPS-FACTS TV12: msg 3/4 Key Data (RSN IE ‖ GTK KDE ‖ dd 00) wrapped under the TV6 KEK.
TEST(AesKeyWrap, Tv12KeyData) {
  const Bytes kek = hex("47c9edc01c2c6e5b4910caddfb3e51a7");
  const Bytes padded =
      hex("30140100000fac040100000fac040100000fac020000dd16000fac010100101112131415161718191a1b1c1d"
          "1e1fdd00");
  ASSERT_EQ(padded.size(), 48u);
  const char* wrapped = "7fd0b9f79ed5f49f8f14bc57f05a8947a575ed8d195675a295210bad2f3ff2d5"
                        "e27116ffac0d480763283857fb6111175b7df9ab14e7e99f";
  auto w = aes_key_wrap(kek, padded);
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->size(), 56u);
  EXPECT_EQ(to_hex(*w), wrapped);
  auto u = aes_key_unwrap(kek, hex(wrapped));
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(to_hex(view(*u)), to_hex(padded));
}

// ---- AES-128-CCM: RFC 3610 §8 Packet Vector #1 (M = 8, L = 2, 13-octet nonce: the CCMP
// parameters). The packet's first 8 octets are the AAD, the remaining 23 the payload. ----
const Bytes kCcmKey = hex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf");
const Bytes kCcmNonce = hex("00000003020100a0a1a2a3a4a5");
const Bytes kCcmAad = hex("0001020304050607");
const Bytes kCcmPlain = hex("08090a0b0c0d0e0f101112131415161718191a1b1c1d1e");
constexpr const char* kCcmOut = "588c979a61c663d2f066d0c2c0f989806d5f6b61dac384"  // ciphertext (23)
                                "17e8d12cfdf926e0";                               // tag (8)

TEST(AesCcm, Rfc3610PacketVector1) {
  auto enc = aes_ccm_encrypt(kCcmKey, kCcmNonce, kCcmAad, kCcmPlain);
  ASSERT_TRUE(enc.has_value());
  EXPECT_EQ(to_hex(*enc), kCcmOut);
  auto dec = aes_ccm_decrypt(kCcmKey, kCcmNonce, kCcmAad, hex(kCcmOut));
  ASSERT_TRUE(dec.has_value());
  EXPECT_EQ(to_hex(view(*dec)), to_hex(kCcmPlain));
}

// RFC 3610 §8 Packet Vector #2 (32-octet packet: 8 AAD + 24 payload, a whole number of blocks).
TEST(AesCcm, Rfc3610PacketVector2) {
  auto enc = aes_ccm_encrypt(kCcmKey, hex("00000004030201a0a1a2a3a4a5"), kCcmAad,
                             hex("08090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
  ASSERT_TRUE(enc.has_value());
  EXPECT_EQ(to_hex(*enc), "72c91a36e135f8cf291ca894085c87e3cc15c439c9e43a3b"
                          "a091d56e10400916");
}

TEST(AesCcm, AnyModificationFailsTheMic) {
  const Bytes good = hex(kCcmOut);
  for (std::size_t i = 0; i < good.size(); ++i) {  // every ciphertext and tag octet
    Bytes bad = good;
    bad[i] ^= 0x40;
    EXPECT_EQ(err(aes_ccm_decrypt(kCcmKey, kCcmNonce, kCcmAad, bad)), Errc::KeyCcmpDecrypt) << i;
  }
  Bytes bad_aad = kCcmAad;
  bad_aad[0] ^= 0x01;
  EXPECT_EQ(err(aes_ccm_decrypt(kCcmKey, kCcmNonce, bad_aad, good)), Errc::KeyCcmpDecrypt);
  Bytes bad_nonce = kCcmNonce;
  bad_nonce[12] ^= 0x01;
  EXPECT_EQ(err(aes_ccm_decrypt(kCcmKey, bad_nonce, kCcmAad, good)), Errc::KeyCcmpDecrypt);
  EXPECT_EQ(err(aes_ccm_decrypt(kCcmKey, kCcmNonce, {}, good)), Errc::KeyCcmpDecrypt);
}

TEST(AesCcm, EmptyPayloadAndEmptyAadRoundTrip) {
  auto tag_only = aes_ccm_encrypt(kCcmKey, kCcmNonce, kCcmAad, {});
  ASSERT_TRUE(tag_only.has_value());
  EXPECT_EQ(tag_only->size(), 8u);
  auto dec = aes_ccm_decrypt(kCcmKey, kCcmNonce, kCcmAad, *tag_only);
  ASSERT_TRUE(dec.has_value());
  EXPECT_TRUE(dec->empty());
  Bytes bad = *tag_only;
  bad[0] ^= 1;
  EXPECT_EQ(err(aes_ccm_decrypt(kCcmKey, kCcmNonce, kCcmAad, bad)), Errc::KeyCcmpDecrypt);

  auto no_aad = aes_ccm_encrypt(kCcmKey, kCcmNonce, {}, kCcmPlain);
  ASSERT_TRUE(no_aad.has_value());
  EXPECT_NE(to_hex(*no_aad), kCcmOut);  // the AAD is authenticated
  auto back = aes_ccm_decrypt(kCcmKey, kCcmNonce, {}, *no_aad);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(to_hex(view(*back)), to_hex(kCcmPlain));
}

TEST(AesCcm, OtherTagLengths) {
  // M = 16: the 8-octet tag of the vector is not a prefix of the 16-octet one (M is in B_0),
  // but the ciphertext part is the same.
  auto enc = aes_ccm_encrypt(kCcmKey, kCcmNonce, kCcmAad, kCcmPlain, 16);
  ASSERT_TRUE(enc.has_value());
  ASSERT_EQ(enc->size(), kCcmPlain.size() + 16);
  EXPECT_EQ(to_hex(ByteView(*enc).first(23)), std::string(kCcmOut).substr(0, 46));
  auto dec = aes_ccm_decrypt(kCcmKey, kCcmNonce, kCcmAad, *enc, 16);
  ASSERT_TRUE(dec.has_value());
  EXPECT_EQ(to_hex(view(*dec)), to_hex(kCcmPlain));
}

TEST(AesCcm, WrongSizes) {
  EXPECT_EQ(err(aes_ccm_encrypt(Bytes(32, 0), kCcmNonce, kCcmAad, kCcmPlain)),
            Errc::InvalidKeyLength);
  EXPECT_EQ(err(aes_ccm_decrypt(Bytes(15, 0), kCcmNonce, kCcmAad, hex(kCcmOut))),
            Errc::InvalidKeyLength);
  EXPECT_EQ(err(aes_ccm_encrypt(kCcmKey, Bytes(12, 0), kCcmAad, kCcmPlain)), Errc::BadLength);
  EXPECT_EQ(err(aes_ccm_decrypt(kCcmKey, Bytes(14, 0), kCcmAad, hex(kCcmOut))), Errc::BadLength);
  EXPECT_EQ(err(aes_ccm_encrypt(kCcmKey, kCcmNonce, kCcmAad, kCcmPlain, 7)), Errc::BadLength);
  EXPECT_EQ(err(aes_ccm_encrypt(kCcmKey, kCcmNonce, kCcmAad, kCcmPlain, 18)), Errc::BadLength);
  EXPECT_EQ(err(aes_ccm_encrypt(kCcmKey, kCcmNonce, kCcmAad, kCcmPlain, 2)), Errc::BadLength);
  EXPECT_EQ(err(aes_ccm_decrypt(kCcmKey, kCcmNonce, kCcmAad, Bytes(7, 0))), Errc::BadLength);
  EXPECT_EQ(err(aes_ccm_encrypt(kCcmKey, kCcmNonce, kCcmAad, Bytes(0x10000, 0))), Errc::BadLength);
}

}  // namespace
}  // namespace wps::crypto
