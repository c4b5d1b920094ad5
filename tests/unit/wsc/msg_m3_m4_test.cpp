#include "wsc/msg_m3_m4.hpp"

#include <gtest/gtest.h>

#include "print_error.hpp"
#include "samples.hpp"
#include "support/test_support.hpp"
#include "wsc/message.hpp"

namespace wps::wsc {
namespace {

using samples::auth_key;
using samples::key_wrap_key;

M4 sample_m4() {
  M4 m;
  m.enrollee_nonce = samples::fixed<EnrolleeNonce>(2);
  m.r_hash1 = samples::fixed<RHash1>(11);
  m.r_hash2 = samples::fixed<RHash2>(12);
  m.iv = samples::fixed<Iv>(13);
  m.settings.r_snonce1 = samples::secret<crypto::RSecretNonce1>(14);
  m.wfa_ext = samples::rich_wfa();
  m.vendor_ext = samples::other_vendors();
  return m;
}

TEST(M3, RoundTrip) {
  M3 m;
  m.registrar_nonce = samples::fixed<RegistrarNonce>(4);
  m.e_hash1 = samples::fixed<EHash1>(7);
  m.e_hash2 = samples::fixed<EHash2>(8);
  m.vendor_ext = samples::other_vendors();
  const Bytes prev = samples::filled(50, 9);
  Bytes b = build_m3(m, auth_key(), prev);
  auto p = parse_m3(b);
  ASSERT_TRUE(p) << describe(p.error());
  EXPECT_EQ(*p, m);
  EXPECT_TRUE(verify_authenticator(auth_key(), prev, b));
}

TEST(M4, BuildParseOpenRoundTrip) {
  const M4 m = sample_m4();
  const Bytes prev = samples::filled(124, 1);
  Bytes b = build_m4(m, auth_key(), key_wrap_key(), prev);
  EXPECT_TRUE(verify_authenticator(auth_key(), prev, b));
  auto sealed = parse_m4(b);
  ASSERT_TRUE(sealed) << describe(sealed.error());
  EXPECT_EQ(sealed->enrollee_nonce, m.enrollee_nonce);
  EXPECT_EQ(sealed->wfa_ext, m.wfa_ext);
  EXPECT_EQ(sealed->encrypted_settings.size(), 64u);  // §7.5 sizes: 16 + 48
  auto opened = open_m4(*sealed, auth_key(), key_wrap_key());
  ASSERT_TRUE(opened) << describe(opened.error());
  EXPECT_EQ(*opened, m);
  // A different secret nonce is a different message.
  M4 other = sample_m4();
  other.settings.r_snonce1 = samples::secret<crypto::RSecretNonce1>(15);
  EXPECT_FALSE(other == m);
}

TEST(M4, OpenWithWrongKeysFails) {
  Bytes b = build_m4(sample_m4(), auth_key(), key_wrap_key(), {});
  auto sealed = parse_m4(b);
  ASSERT_TRUE(sealed);
  auto wrong_ak = samples::secret<crypto::AuthKey>(1);
  EXPECT_EQ(open_m4(*sealed, wrong_ak, key_wrap_key()).error().code, Errc::KwaMismatch);
  auto wrong_kwk = samples::secret<crypto::KeyWrapKey>(1);
  EXPECT_FALSE(open_m4(*sealed, auth_key(), wrong_kwk));
}

TEST(M4, InnerSchemaAndForbidden) {
  // Inner settings without R-SNonce1 (an E-SNonce1 instead): AttrMissing in the plaintext frame.
  SecretTlvWriter w;
  w.bytes(AttrType::ESNonce1, samples::filled(16, 1));
  EXPECT_EQ(parse_m4_settings(w.view()).error(), (Error{Errc::AttrMissing, 0, 0x103f}));
  SealedM4 s = *parse_m4(build_m4(sample_m4(), auth_key(), key_wrap_key(), {}));
  SecretTlvWriter inner;
  inner.bytes(AttrType::ESNonce1, samples::filled(16, 1));
  s.encrypted_settings =
      encrypt_settings(inner.view(), auth_key(), key_wrap_key(), samples::fixed<Iv>(1));
  EXPECT_EQ(open_m4(s, auth_key(), key_wrap_key()).error(), (Error{Errc::AttrMissing, 0, 0x103f}));
  // An Authenticator inside the encrypted settings is forbidden.
  SecretTlvWriter inner2;
  inner2.bytes(AttrType::RSNonce1, samples::filled(16, 1));
  inner2.bytes(AttrType::Authenticator, samples::filled(8, 1));
  EXPECT_EQ(parse_m4_settings(inner2.view()).error(), (Error{Errc::AttrForbidden, 20, 0x1005}));
  // R-SNonce1 in clear in M4 is forbidden.
  Bytes clear = build_m4(sample_m4(), auth_key(), key_wrap_key(), {});
  Bytes bad = concat({test::hex("103f0010"), Bytes(16, 0), clear});
  EXPECT_EQ(parse_m4(bad).error(), (Error{Errc::AttrForbidden, 0, 0x103f}));
}

TEST(M4, EncryptedSettingsLengthRuleAppliesAtParse) {
  Bytes b = build_m4(sample_m4(), auth_key(), key_wrap_key(), {});
  auto l = tokenize(b);
  const Attr* es = l->first(AttrType::EncryptedSettings);
  // Re-encode with a value 16 octets short (IV only): AttrBadLength at the attribute.
  Bytes cut = concat({ByteView(b).first(es->offset), test::hex("10180010"), es->value.first(16),
                      ByteView(b).subspan(es->end_offset())});
  EXPECT_EQ(parse_m4(cut).error(), (Error{Errc::AttrBadLength, es->offset, 0x1018}));
}

}  // namespace
}  // namespace wps::wsc
