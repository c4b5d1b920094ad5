#include "wsc/encrypted_settings.hpp"

#include <gtest/gtest.h>

#include "print_error.hpp"
#include "support/test_support.hpp"
#include "tv10.hpp"
#include "wsc/tlv.hpp"

namespace wps::wsc {
namespace {

using test::hex;

crypto::AuthKey tv10_ak() {
  return *crypto::AuthKey::from(hex(test::tv10::kAuthKey));
}
crypto::KeyWrapKey tv10_kwk() {
  return *crypto::KeyWrapKey::from(hex(test::tv10::kKeyWrapKey));
}

Bytes encrypted_value(const char* msg_hex) {
  Bytes m = hex(msg_hex);
  auto l = tokenize(m);
  EXPECT_TRUE(l);
  const Attr* a = l->first(AttrType::EncryptedSettings);
  EXPECT_NE(a, nullptr);
  return a ? to_bytes(a->value) : Bytes{};
}

// TV11 (WPS-FACTS §11): M4-style Encrypted Settings, R-SNonce1 = 55x16, IV = 99x16.
TEST(EncryptedSettings, Tv11ExactBytes) {
  auto ak = *crypto::AuthKey::from(
      hex("395efee4520ce64c12b832a3d49e1d7a4535db57836e0d829763b6bd98bc6dff"));
  auto kwk = *crypto::KeyWrapKey::from(hex("8a1f726eb68e4ecb05e4eff8d3e1399e"));
  Bytes settings = hex("103f0010 55555555555555555555555555555555");
  EXPECT_EQ(compute_key_wrap_auth(ak, settings).hex(), "5ff8f97a50e408de");
  Iv iv = *Iv::from(Bytes(16, 0x99));
  Bytes v = encrypt_settings(settings, ak, kwk, iv);
  EXPECT_EQ(to_hex(v), "99999999999999999999999999999999"
                       "ccd2aac48fc580c72d1f879f7b59c953742ed93e26474619336c661f71a13d21"
                       "d10c2dbc5b3b6eec0a3e5ce0df870c93");
  auto plain = decrypt_settings(v, ak, kwk);
  ASSERT_TRUE(plain) << describe(plain.error());
  EXPECT_EQ(to_hex(crypto::view(*plain)), to_hex(settings));
  EXPECT_EQ(settings_iv(v), iv);
}

// TV10: all five Encrypted Settings of the real run decrypt with the TV10 keys, and the secret
// nonces inside are the ones hostapd / wpa_supplicant logged.
TEST(EncryptedSettings, Tv10AllFiveDecrypt) {
  struct Case {
    const char* msg;
    std::uint16_t type;
    const char* value;
  } cases[] = {
      {test::tv10::kM4, 0x103f, test::tv10::kRS1},
      {test::tv10::kM5, 0x1016, test::tv10::kES1},
      {test::tv10::kM6, 0x1040, test::tv10::kRS2},
      {test::tv10::kM7, 0x1017, test::tv10::kES2},
  };
  for (const auto& c : cases) {
    auto plain = decrypt_settings(encrypted_value(c.msg), tv10_ak(), tv10_kwk());
    ASSERT_TRUE(plain) << describe(plain.error());
    ByteWriter w;
    w.u16be(c.type).u16be(16).bytes(hex(c.value));
    EXPECT_EQ(to_hex(crypto::view(*plain)), to_hex(w.view()));
  }
  // M8: the credential (§6.4 "IO M8 plaintext").
  auto m8 = decrypt_settings(encrypted_value(test::tv10::kM8), tv10_ak(), tv10_kwk());
  ASSERT_TRUE(m8) << describe(m8.error());
  Bytes expect = concat({hex("100e004a 1026000101 10450010"), as_bytes("wps-interop-test"),
                         hex("100300020020 100f00020008 10270017"),
                         as_bytes("interop-passphrase-1234"), hex("10200006 020000000b01")});
  EXPECT_EQ(to_hex(crypto::view(*m8)), to_hex(expect));
}

// Re-encrypting the decrypted TV10 settings with the captured IV gives hostapd's ciphertext.
TEST(EncryptedSettings, Tv10ReencryptWithCapturedIvIsByteExact) {
  for (const char* msg :
       {test::tv10::kM4, test::tv10::kM5, test::tv10::kM6, test::tv10::kM7, test::tv10::kM8}) {
    Bytes v = encrypted_value(msg);
    auto plain = decrypt_settings(v, tv10_ak(), tv10_kwk());
    ASSERT_TRUE(plain);
    EXPECT_EQ(to_hex(encrypt_settings(crypto::view(*plain), tv10_ak(), tv10_kwk(), settings_iv(v))),
              to_hex(v));
  }
}

TEST(EncryptedSettings, PaddingIsAlwaysPresentAndFullBlockWhenAligned) {
  auto ak = tv10_ak();
  auto kwk = tv10_kwk();
  Iv iv = *Iv::from(Bytes(16, 0x01));
  // 20 + 12 = 32 octets: aligned, so a whole pad block follows (48 + IV = 64, §7.5 sizes).
  EXPECT_EQ(encrypt_settings(Bytes(20, 0), ak, kwk, iv).size(), 64u);
  EXPECT_EQ(encrypt_settings(Bytes(19, 0), ak, kwk, iv).size(), 48u);
  EXPECT_EQ(encrypt_settings(Bytes(0), ak, kwk, iv).size(), 32u);
  auto p = decrypt_settings(encrypt_settings({}, ak, kwk, iv), ak, kwk);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->empty());
}

TEST(EncryptedSettings, CiphertextLengthChecks) {
  auto ak = tv10_ak();
  auto kwk = tv10_kwk();
  const Error bad{Errc::BadCiphertextLength, 0, 0x1018};
  EXPECT_EQ(decrypt_settings({}, ak, kwk).error(), bad);
  EXPECT_EQ(decrypt_settings(Bytes(16), ak, kwk).error(), bad);  // IV only
  EXPECT_EQ(decrypt_settings(Bytes(31), ak, kwk).error(), bad);
  EXPECT_EQ(decrypt_settings(Bytes(33), ak, kwk).error(), bad);
  Bytes v = encrypted_value(test::tv10::kM4);
  v.pop_back();
  EXPECT_EQ(decrypt_settings(v, ak, kwk).error(), bad);
}

// Encrypt a chosen padded plaintext directly (no KWA logic) to exercise the checks.
Bytes raw_encrypt(ByteView padded) {
  Bytes iv(16, 0x42);
  auto ct = crypto::aes128_cbc_encrypt(tv10_kwk().view(), iv, padded);
  EXPECT_TRUE(ct);
  return concat({iv, *ct});
}

TEST(EncryptedSettings, EveryBadPadOctetRejected) {
  Bytes settings = hex("103f0010 00000000000000000000000000000000");
  KeyWrapAuth kwa = compute_key_wrap_auth(tv10_ak(), settings);
  Bytes plain = concat({settings, hex("101e0008"), kwa.view()});  // 32 octets
  Bytes good = concat({plain, Bytes(16, 0x10)});
  ASSERT_TRUE(decrypt_settings(raw_encrypt(good), tv10_ak(), tv10_kwk()));
  for (std::size_t i = 32; i < 48; ++i) {
    Bytes bad = good;
    bad[i] = 0x0f;
    auto r = decrypt_settings(raw_encrypt(bad), tv10_ak(), tv10_kwk());
    ASSERT_FALSE(r) << i;
    EXPECT_EQ(r.error().code, Errc::BadPadding) << i;
  }
  // Pad value 0 and > 16.
  for (std::uint8_t last : {0x00, 0x11, 0xff}) {
    Bytes bad = good;
    bad.back() = last;
    EXPECT_EQ(decrypt_settings(raw_encrypt(bad), tv10_ak(), tv10_kwk()).error(),
              (Error{Errc::BadPadding, 47, 0}));
  }
}

TEST(EncryptedSettings, KwaMismatchAndNotLast) {
  auto ak = tv10_ak();
  auto kwk = tv10_kwk();
  Bytes settings = hex("103f0010 00000000000000000000000000000000");
  KeyWrapAuth kwa = compute_key_wrap_auth(ak, settings);
  // Wrong KWA value.
  Bytes wrong = concat({settings, hex("101e0008"), kwa.view(), Bytes(16, 0x10)});
  wrong[24] ^= 0x01;
  EXPECT_EQ(decrypt_settings(raw_encrypt(wrong), ak, kwk).error(),
            (Error{Errc::KwaMismatch, 20, 0x101e}));
  // Wrong AuthKey: same.
  auto other = *crypto::AuthKey::from(Bytes(32, 0x01));
  Bytes v = encrypted_value(test::tv10::kM4);
  EXPECT_EQ(decrypt_settings(v, other, kwk).error(), (Error{Errc::KwaMismatch, 20, 0x101e}));
  // KWA first, nonce last.
  Bytes swapped = concat({hex("101e0008"), kwa.view(), settings, Bytes(16, 0x10)});
  EXPECT_EQ(decrypt_settings(raw_encrypt(swapped), ak, kwk).error(),
            (Error{Errc::KwaNotLast, 12, 0x103f}));
  // No KWA at all (whole block of settings + pad).
  Bytes none = concat({settings, hex("10fa0008 0000000000000000"), Bytes(16, 0x10)});
  EXPECT_EQ(decrypt_settings(raw_encrypt(none), ak, kwk).error(),
            (Error{Errc::KwaNotLast, 20, 0x10fa}));
  // KWA with a wrong length, last.
  Bytes badlen = concat({settings, hex("101e0007 00000000000000"), hex("01")});
  EXPECT_EQ(decrypt_settings(raw_encrypt(badlen), ak, kwk).error(),
            (Error{Errc::AttrBadLength, 20, 0x101e}));
  // Only padding.
  EXPECT_EQ(decrypt_settings(raw_encrypt(Bytes(16, 0x10)), ak, kwk).error(),
            (Error{Errc::KwaNotLast, 0, 0x101e}));
  // Broken framing inside.
  Bytes trunc = concat({hex("103f0020"), Bytes(12, 0), Bytes(16, 0x10)});
  EXPECT_EQ(decrypt_settings(raw_encrypt(trunc), ak, kwk).error(),
            (Error{Errc::AttrTruncated, 0, 0x103f}));
}

TEST(EncryptedSettings, WrongKeyWrapKeyFailsPaddingOrKwa) {
  auto other = *crypto::KeyWrapKey::from(Bytes(16, 0x77));
  for (const char* msg :
       {test::tv10::kM4, test::tv10::kM5, test::tv10::kM6, test::tv10::kM7, test::tv10::kM8}) {
    auto r = decrypt_settings(encrypted_value(msg), tv10_ak(), other);
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().code == Errc::BadPadding || r.error().code == Errc::KwaNotLast ||
                r.error().code == Errc::KwaMismatch || r.error().code == Errc::AttrTruncated ||
                r.error().code == Errc::AttrBadLength)
        << describe(r.error());
  }
}

}  // namespace
}  // namespace wps::wsc
