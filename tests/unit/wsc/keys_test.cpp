#include "wsc/keys.hpp"

#include <gtest/gtest.h>

#include "print_error.hpp"
#include "support/test_support.hpp"
#include "tv10.hpp"
#include "wsc/tlv.hpp"

namespace wps::wsc {
namespace {

using test::hex;

template <typename S>
S secret(std::string_view h) {
  auto s = S::from(hex(h));
  EXPECT_TRUE(s.has_value());
  return s ? std::move(*s) : S{};
}
template <typename F>
F fixed(std::string_view h) {
  auto f = F::from(hex(h));
  EXPECT_TRUE(f.has_value());
  return f.value_or(F{});
}

// The value of the attribute `t` inside a hex-encoded TV10 message.
Bytes attr_value(const char* msg_hex, AttrType t) {
  Bytes m = hex(msg_hex);
  auto l = tokenize(m);
  EXPECT_TRUE(l);
  const Attr* a = l->first(t);
  EXPECT_NE(a, nullptr);
  return a ? to_bytes(a->value) : Bytes{};
}

// TV10 (WPS-FACTS §11): real hostapd <-> wpa_supplicant run; every key below is published in
// the sheet.
TEST(Keys, Tv10SessionKeysFromSharedSecret) {
  auto z = secret<crypto::DhShared>(test::tv10::kZ);
  auto n1 = fixed<EnrolleeNonce>(test::tv10::kN1);
  auto n2 = fixed<RegistrarNonce>(test::tv10::kN2);
  auto mac = fixed<MacAddr>(test::tv10::kEnrolleeMac);
  // The nonces are also the ones inside M1/M2.
  EXPECT_EQ(to_hex(attr_value(test::tv10::kM1, AttrType::EnrolleeNonce)), n1.hex());
  EXPECT_EQ(to_hex(attr_value(test::tv10::kM2, AttrType::RegistrarNonce)), n2.hex());
  EXPECT_EQ(to_hex(attr_value(test::tv10::kM1, AttrType::MacAddress)), mac.hex());

  SessionKeys k = derive_session_keys(z, n1, mac, n2);
  EXPECT_EQ(to_hex(k.dh_key.view()), test::tv10::kDhKey);
  EXPECT_EQ(to_hex(k.kdk.view()), test::tv10::kKdk);
  EXPECT_EQ(to_hex(k.auth_key.view()), test::tv10::kAuthKey);
  EXPECT_EQ(to_hex(k.key_wrap_key.view()), test::tv10::kKeyWrapKey);
  EXPECT_EQ(to_hex(k.emsk.view()), test::tv10::kEmsk);
}

TEST(Keys, Tv10DhFromPrivateKeysGivesTheSameSharedSecret) {
  // PK_E = g^a, PK_R = g^b, Z = g^ab (TV10), through the crypto module.
  auto a = crypto::DhPrivateKey::from_private(hex(test::tv10::kPrivA));
  auto b = crypto::DhPrivateKey::from_private(hex(test::tv10::kPrivB));
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->public_key().hex(), to_hex(attr_value(test::tv10::kM1, AttrType::PublicKey)));
  EXPECT_EQ(b->public_key().hex(), to_hex(attr_value(test::tv10::kM2, AttrType::PublicKey)));
  auto z = a->derive(b->public_key());
  ASSERT_TRUE(z);
  EXPECT_EQ(to_hex(z->view()), test::tv10::kZ);
}

TEST(Keys, Tv10PskAndHashes) {
  auto ak = secret<crypto::AuthKey>(test::tv10::kAuthKey);
  DevicePasswordPsks p = derive_psk(ak, std::string_view(test::tv10::kPin));
  EXPECT_EQ(to_hex(p.psk1.view()), test::tv10::kPsk1);
  EXPECT_EQ(to_hex(p.psk2.view()), test::tv10::kPsk2);

  auto pke = fixed<crypto::DhPublicKey>(to_hex(attr_value(test::tv10::kM1, AttrType::PublicKey)));
  auto pkr = fixed<crypto::DhPublicKey>(to_hex(attr_value(test::tv10::kM2, AttrType::PublicKey)));
  const PublicKeys pks{.enrollee = pke, .registrar = pkr};
  // E-Hash1/2 are in M3, R-Hash1/2 in M4 (hostapd's values); the secret nonces from the -K log.
  EXPECT_EQ(e_hash(ak, secret<crypto::ESecretNonce1>(test::tv10::kES1), p.psk1, pks).hex(),
            to_hex(attr_value(test::tv10::kM3, AttrType::EHash1)));
  EXPECT_EQ(e_hash(ak, secret<crypto::ESecretNonce2>(test::tv10::kES2), p.psk2, pks).hex(),
            to_hex(attr_value(test::tv10::kM3, AttrType::EHash2)));
  EXPECT_EQ(r_hash(ak, secret<crypto::RSecretNonce1>(test::tv10::kRS1), p.psk1, pks).hex(),
            to_hex(attr_value(test::tv10::kM4, AttrType::RHash1)));
  EXPECT_EQ(r_hash(ak, secret<crypto::RSecretNonce2>(test::tv10::kRS2), p.psk2, pks).hex(),
            to_hex(attr_value(test::tv10::kM4, AttrType::RHash2)));
  // Swapping PK_E and PK_R changes the hash (the order matters, §7.3).
  const PublicKeys swapped{.enrollee = pkr, .registrar = pke};
  EXPECT_NE(e_hash(ak, secret<crypto::ESecretNonce1>(test::tv10::kES1), p.psk1, swapped).hex(),
            to_hex(attr_value(test::tv10::kM3, AttrType::EHash1)));
  // A wrong PIN half gives another PSK1.
  EXPECT_NE(to_hex(derive_psk(ak, std::string_view("12355670")).psk1.view()), test::tv10::kPsk1);
  EXPECT_EQ(to_hex(derive_psk(ak, std::string_view("12345679")).psk1.view()), test::tv10::kPsk1);
}

TEST(Keys, Tv10AuthenticatorOfM2) {
  auto ak = secret<crypto::AuthKey>(test::tv10::kAuthKey);
  Bytes m1 = hex(test::tv10::kM1);
  Bytes m2 = hex(test::tv10::kM2);
  Authenticator a = compute_authenticator(ak, m1, ByteView(m2).first(m2.size() - 12));
  EXPECT_EQ(a.hex(), to_hex(ByteView(m2).last(8)));
  EXPECT_EQ(a.hex(), "96b448bdea16fcb7");
}

// TV11 (WPS-FACTS §11, computed for the sheet and cross-checked with two implementations).
TEST(Keys, Tv11KeyChain) {
  auto a = crypto::DhPrivateKey::from_private(hex("0123456789"));
  auto b = crypto::DhPrivateKey::from_private(hex("0987654321"));
  ASSERT_TRUE(a && b);
  auto z = a->derive(b->public_key());
  ASSERT_TRUE(z);
  SessionKeys k = derive_session_keys(*z, fixed<EnrolleeNonce>(std::string(32, '2')),
                                      fixed<MacAddr>("020000000000"),
                                      fixed<RegistrarNonce>(std::string(32, '4')));
  EXPECT_EQ(to_hex(k.dh_key.view()),
            "1d2b84e5a56c1b2863f7d2bac7aa04bad50f08bd5ab6ce8d95ce3df5738bbfd6");
  EXPECT_EQ(to_hex(k.kdk.view()),
            "f095e3489f2f975f5810a8fd4e91f445acc3df33c6cfeb66866234d1455e1e59");
  EXPECT_EQ(to_hex(k.auth_key.view()),
            "395efee4520ce64c12b832a3d49e1d7a4535db57836e0d829763b6bd98bc6dff");
  EXPECT_EQ(to_hex(k.key_wrap_key.view()), "8a1f726eb68e4ecb05e4eff8d3e1399e");
  EXPECT_EQ(to_hex(k.emsk.view()),
            "b43f2724543c4e7ac77976ff3a251c33d880f0b3f0cbd0064909a6b035280000");

  DevicePasswordPsks p = derive_psk(k.auth_key, std::string_view("12345670"));
  EXPECT_EQ(to_hex(p.psk1.view()), "11e26b21a972c095ced1ab525bcf8de6");
  EXPECT_EQ(to_hex(p.psk2.view()), "1766185bf504807a5a978124b24e7c32");
  const PublicKeys pks{.enrollee = a->public_key(), .registrar = b->public_key()};
  EXPECT_EQ(
      e_hash(k.auth_key, secret<crypto::ESecretNonce1>(std::string(32, '7')), p.psk1, pks).hex(),
      "982810f6d6d3388c0b7e6029983e1fa30b86c1ce2d33653263c52bc6453151f2");
  EXPECT_EQ(
      e_hash(k.auth_key, secret<crypto::ESecretNonce2>(std::string(32, '8')), p.psk2, pks).hex(),
      "a118e783e3f158c9cf6db3d6cf0e001592abee6717faaab2ce4cefce821b7fa7");
  EXPECT_EQ(compute_authenticator(k.auth_key, hex("104a0001101022000104"),
                                  hex("104a0001101022000105"))
                .hex(),
            "2912454dd47d0af0");
}

// TV9 (WPS-FACTS §11, published pixiewps run): PSK1/PSK2 and E-Hash1/2 with E-S1 = E-S2 =
// E-Nonce.
TEST(Keys, Tv9PixiewpsRun) {
  auto ak =
      secret<crypto::AuthKey>("60b59c0c587c6c44007f7081c3372489febbe810a97483f5cc5cd8463c3920de");
  DevicePasswordPsks p = derive_psk(ak, std::string_view("11867722"));
  EXPECT_EQ(to_hex(p.psk1.view()), "2c2e33f5e3a870759f0aeebbd2792450");
  EXPECT_EQ(to_hex(p.psk2.view()), "3f4ca4ea81b2e8d233a4b80f9d09805d");
  auto rtl = crypto::DhPrivateKey::from_private(Bytes(192, 0x55));  // TV2: the Realtek key
  ASSERT_TRUE(rtl);
  auto pkr = fixed<crypto::DhPublicKey>(
      "7a191e22a7b519f40d3af21b93a21d4f837718b45063a8a69ac6d16c6e520347"
      "7c18036ca01e9e56d0322e70c2e1baa66518f1b46d01acc577d1dfa34efd2e9e"
      "e36e2b7e68819cddacceb596a8895243e33cb48c570458a539dcb523a4d4c436"
      "0e158c29b882f7f385821ea043705eb56538b45daa445157c84e60fc94ef4813"
      "6eb4e9725b134902b96c90b1ae54cbd42b29b52611903fdae5aa88bfc320f173"
      "d2bbe31df4996ebdb51342c6b8bd4e82ae5aa80b2a09a8bf8faa9a8332dc9819");
  const PublicKeys pks{.enrollee = rtl->public_key(), .registrar = pkr};
  const char* nonce = "04d48dc20ec785762ce1a21a50bc46c2";
  EXPECT_EQ(e_hash(ak, secret<crypto::ESecretNonce1>(nonce), p.psk1, pks).hex(),
            "5a67001334e3e4cb236f4e134a4d3b48d625a648e991f978d9aca879469d5da5");
  EXPECT_EQ(e_hash(ak, secret<crypto::ESecretNonce2>(nonce), p.psk2, pks).hex(),
            "c8a2ccc5fb6dc4f4d69b245091022dc7e998e42ec1d548d57c35a312ff63ef20");
}

TEST(Keys, PskSplitsOddLengthWithLongerFirstHalf) {
  auto ak = secret<crypto::AuthKey>(test::tv10::kAuthKey);
  // "12345" -> "123" / "45" (§7.3, hostapd's split); compare with explicit halves.
  DevicePasswordPsks odd = derive_psk(ak, std::string_view("12345"));
  crypto::Sha256 h1 = crypto::hmac_sha256(ak.view(), {as_bytes("123")});
  crypto::Sha256 h2 = crypto::hmac_sha256(ak.view(), {as_bytes("45")});
  EXPECT_EQ(to_hex(odd.psk1.view()), to_hex(ByteView(h1.data(), 16)));
  EXPECT_EQ(to_hex(odd.psk2.view()), to_hex(ByteView(h2.data(), 16)));
}

TEST(Keys, HashEqualIsExact) {
  auto a = fixed<EHash1>(std::string(64, 'a'));
  auto b = a;
  EXPECT_TRUE(hash_equal(a, b));
  b.mut()[31] ^= 1;
  EXPECT_FALSE(hash_equal(a, b));
}

}  // namespace
}  // namespace wps::wsc
