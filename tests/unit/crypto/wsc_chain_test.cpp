// WPS-FACTS TV11: the whole WSC key chain with fixed inputs, DH to Authenticator, through the
// crypto API only (the way wsc/keys will use it). The sheet computed these values for itself and
// cross-checked them with two independent implementations (Python pow()/hmac, pyca, openssl CLI).
#include "crypto/crypto.hpp"

#include <gtest/gtest.h>

#include <string>

#include "support/test_support.hpp"

namespace wps::crypto {
namespace {

using test::hex;

const char* const kPkE = "8193dc003cc8c4a617f99d071fc3104088eb2e313b1eba878ae1e35d0a64e060"
                         "05da1b4925a27f91ad5ee8cd2eb4742062eafc68d7d4ad06ae8ae35466e0b735"
                         "719edcc66f6d674bbb49c06641d17374f0e826413a91cd9a962f70fb602d699f"
                         "9acdf45f3b3746e6d8e3e2673434823e95ccb94379c7949034c0c0347321cc02"
                         "575843b167898d6c48c4cb093bd90a0d61814ff68c2b091c8d26be6e879d27f8"
                         "aedc0bdf2d2ab34f2079c84902c563cfa391c69a80139ece57eb8989a0bfe1a3";
const char* const kPkR = "1a7231dd649d60de468905ab44b498561c8cb076f8b98d8f7cc37ac8a690ba03"
                         "49db23929376367c71dfb90d43bb7a31b3d5c682b3810eb7b61034e2364d44ed"
                         "dea84e14de9818538d6f3d7fd55fda3c5deeec8d5fc8108f67a1cd7b9fd11474"
                         "d2a443f8ddd071de684b7d023eea49f18e5b8d9811524e9af9ec1d40b9449fbb"
                         "f8871fa1565b2f5cf05a41d76acf6390c7b31c0e610a9d925016291a07c74907"
                         "352315d5dc642e6f3eab97030801070c05bafe086f626483648a0e1230242ef7";
const char* const kZ = "f1a1581035ed732da36394593974e7ed7e709adcca7a9b8baf730e850dc0465a"
                       "578757e0f6ea5e156633213e17873429f7391b9afd2d6b3b5137449892ca508b"
                       "b720285fe3e60d6ea00be32f10f8c892f6d31833ca8ba06241228c406a7198a2"
                       "7f76e104df13ce3ce0211c05c330959fa353a560e1c2c3aa575d66ba8bec1d3d"
                       "f534bcd85818712f943d1e5a3498ae3bc6b35e8bbd1007fa58fa518b7418f047"
                       "42b9a8951f7df328f83f2933ac3de222ee60f28a96a027173fab08d78929d3d6";

TEST(WscChain, Tv11) {
  // DH: a = 0x123456789 (enrollee), b = 0x987654321 (registrar).
  auto enrollee = DhPrivateKey::from_private(hex("0123456789"));
  auto registrar = DhPrivateKey::from_private(hex("0987654321"));
  ASSERT_TRUE(enrollee.has_value() && registrar.has_value());
  EXPECT_EQ(enrollee->public_key().hex(), kPkE);
  EXPECT_EQ(registrar->public_key().hex(), kPkR);

  // Each side derives Z from the other's public value as received (a 192-octet attribute).
  auto pk_e = DhPublicKey::from(hex(kPkE));
  auto pk_r = DhPublicKey::from(hex(kPkR));
  ASSERT_TRUE(pk_e.has_value() && pk_r.has_value());
  auto z_enrollee = enrollee->derive(*pk_r);
  auto z_registrar = registrar->derive(*pk_e);
  ASSERT_TRUE(z_enrollee.has_value() && z_registrar.has_value());
  EXPECT_EQ(to_hex(z_enrollee->view()), kZ);
  EXPECT_EQ(to_hex(z_registrar->view()), kZ);

  // DHKey = SHA-256(Z); KDK = HMAC-SHA-256(DHKey, N1 ‖ EnrolleeMAC ‖ N2).
  const Sha256 dhkey = sha256(z_enrollee->view());
  EXPECT_EQ(to_hex(dhkey), "1d2b84e5a56c1b2863f7d2bac7aa04bad50f08bd5ab6ce8d95ce3df5738bbfd6");
  const Bytes n1(16, 0x22);
  const Bytes mac = hex("020000000000");
  const Bytes n2(16, 0x44);
  const Sha256 kdk = hmac_sha256(dhkey, {n1, mac, n2});
  EXPECT_EQ(to_hex(kdk), "f095e3489f2f975f5810a8fd4e91f445acc3df33c6cfeb66866234d1455e1e59");

  // KDF: T1 ‖ T2 ‖ T3 truncated to 640 bits -> AuthKey ‖ KeyWrapKey ‖ EMSK.
  const SecretBytes k = wsc_kdf(kdk, "Wi-Fi Easy and Secure Key Derivation", 640);
  ASSERT_EQ(k.size(), 80u);
  EXPECT_EQ(to_hex(view(k)),
            "395efee4520ce64c12b832a3d49e1d7a4535db57836e0d829763b6bd98bc6dff"  // T1
            "8a1f726eb68e4ecb05e4eff8d3e1399eb43f2724543c4e7ac77976ff3a251c33"  // T2
            "d880f0b3f0cbd0064909a6b035280000");                                // T3[0..15]
  const auto auth_key = AuthKey::take_prefix(view(k));
  const auto kwk = KeyWrapKey::take_prefix(view(k).subspan(32));
  EXPECT_EQ(to_hex(auth_key.view()),
            "395efee4520ce64c12b832a3d49e1d7a4535db57836e0d829763b6bd98bc6dff");
  EXPECT_EQ(to_hex(kwk.view()), "8a1f726eb68e4ecb05e4eff8d3e1399e");
  EXPECT_EQ(to_hex(view(k).subspan(48)),
            "b43f2724543c4e7ac77976ff3a251c33d880f0b3f0cbd0064909a6b035280000");  // EMSK

  // PIN "12345670": PSK1/PSK2 = first 16 octets of HMAC(AuthKey, "1234" / "5670").
  const auto psk1 = Psk1::take_prefix(hmac_sha256(auth_key.view(), {as_bytes("1234")}));
  const auto psk2 = Psk2::take_prefix(hmac_sha256(auth_key.view(), {as_bytes("5670")}));
  EXPECT_EQ(to_hex(psk1.view()), "11e26b21a972c095ced1ab525bcf8de6");
  EXPECT_EQ(to_hex(psk2.view()), "1766185bf504807a5a978124b24e7c32");

  // E-Hash1/2 = HMAC(AuthKey, E-S ‖ PSK ‖ PK_E ‖ PK_R), full 32 octets.
  const Bytes es1(16, 0x77);
  const Bytes es2(16, 0x88);
  EXPECT_EQ(to_hex(hmac_sha256(auth_key.view(), {es1, psk1.view(), pk_e->view(), pk_r->view()})),
            "982810f6d6d3388c0b7e6029983e1fa30b86c1ce2d33653263c52bc6453151f2");
  EXPECT_EQ(to_hex(hmac_sha256(auth_key.view(), {es2, psk2.view(), pk_e->view(), pk_r->view()})),
            "a118e783e3f158c9cf6db3d6cf0e001592abee6717faaab2ce4cefce821b7fa7");

  // Encrypted Settings: KWA = HMAC(AuthKey, settings)[0..7]; value = IV ‖ AES-CBC(padded).
  const Bytes settings = hex("103f001055555555555555555555555555555555");
  const Sha256 kwa_full = hmac_sha256(auth_key.view(), {settings});
  const Bytes kwa(kwa_full.begin(), kwa_full.begin() + 8);
  EXPECT_EQ(to_hex(kwa), "5ff8f97a50e408de");
  const Bytes padded = concat({settings, hex("101e0008"), kwa, Bytes(16, 0x10)});
  const Bytes iv(16, 0x99);
  auto ct = aes128_cbc_encrypt(kwk.view(), iv, padded);
  ASSERT_TRUE(ct.has_value());
  EXPECT_EQ(to_hex(concat({iv, *ct})),
            "99999999999999999999999999999999"
            "ccd2aac48fc580c72d1f879f7b59c953742ed93e26474619336c661f71a13d21"
            "d10c2dbc5b3b6eec0a3e5ce0df870c93");

  // Authenticator = HMAC(AuthKey, prev ‖ cur)[0..7].
  const Sha256 auth =
      hmac_sha256(auth_key.view(), {hex("104a0001101022000104"), hex("104a0001101022000105")});
  EXPECT_EQ(to_hex(ByteView(auth).first(8)), "2912454dd47d0af0");
}

}  // namespace
}  // namespace wps::crypto
