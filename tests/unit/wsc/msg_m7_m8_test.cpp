#include "wsc/msg_m7_m8.hpp"

#include <gtest/gtest.h>

#include "print_error.hpp"
#include "samples.hpp"
#include "support/test_support.hpp"
#include "wsc/message.hpp"

namespace wps::wsc {
namespace {

using samples::auth_key;
using samples::key_wrap_key;
using test::hex;

M7 sample_m7(bool ap) {
  M7 m;
  m.registrar_nonce = samples::fixed<RegistrarNonce>(4);
  m.iv = samples::fixed<Iv>(30);
  m.settings.e_snonce2 = samples::secret<crypto::ESecretNonce2>(31);
  if (ap) {
    Credential c = samples::credential(1, false);
    c.network_index = std::nullopt;  // an AP enrollee's M7 settings carry none (§6.4)
    m.settings.ap_settings = std::move(c);
  }
  m.wfa_ext.settings_delay_time = 10;
  return m;
}

TEST(M7, RoundTripStaEnrollee) {
  M7 m = sample_m7(false);
  Bytes b = build_m7(m, auth_key(), key_wrap_key(), {});
  auto o = open_m7(*parse_m7(b), auth_key(), key_wrap_key());
  ASSERT_TRUE(o) << describe(o.error());
  EXPECT_EQ(*o, m);
}

TEST(M7, RoundTripApEnrolleeSettingsInHostapdOrder) {
  M7 m = sample_m7(true);
  Bytes b = build_m7(m, auth_key(), key_wrap_key(), {});
  auto o = open_m7(*parse_m7(b), auth_key(), key_wrap_key());
  ASSERT_TRUE(o) << describe(o.error());
  EXPECT_EQ(*o, m);
  // E-SNonce2, then SSID, MAC, Auth, Encr, Key (IO er capture, "Plaintext AP Settings").
  auto enc = encode_m7_settings(m.settings);
  auto l = tokenize(crypto::view(enc));
  ASSERT_TRUE(l);
  const std::uint16_t order[] = {0x1017, 0x1045, 0x1020, 0x1003, 0x100f, 0x1027};
  ASSERT_EQ(l->size(), std::size(order));
  for (std::size_t i = 0; i < l->size(); ++i) EXPECT_EQ((*l)[i].type, order[i]);
}

// The AP settings from the IO er capture (hostapd as enrollee): they parse into a Credential.
TEST(M7, ParsesHostapdApSettings) {
  Bytes plain =
      concat({hex("10170010"), Bytes(16, 0x11), hex("10450010"), as_bytes("wps-interop-test"),
              hex("10200006 02000000 0a01"), hex("100300020020 100f00020008 10270017"),
              as_bytes("interop-passphrase-1234")});
  auto s = parse_m7_settings(plain);
  ASSERT_TRUE(s) << describe(s.error());
  ASSERT_TRUE(s->ap_settings);
  EXPECT_EQ(as_chars(s->ap_settings->ssid), "wps-interop-test");
  EXPECT_EQ(s->ap_settings->mac_address.str(), "02:00:00:00:0a:01");
  EXPECT_FALSE(s->ap_settings->network_index);
  EXPECT_EQ(to_hex(encode_m7_settings(*s)), to_hex(plain));
}

TEST(M7, PartialApSettingsAreMissingAttributes) {
  Bytes plain = concat({hex("10170010"), Bytes(16, 0x11), hex("10450003 616263")});
  EXPECT_EQ(parse_m7_settings(plain).error(), (Error{Errc::AttrMissing, 0, 0x1003}));
  EXPECT_EQ(parse_m7_settings(hex("10450003 616263")).error(),
            (Error{Errc::AttrMissing, 0, 0x1017}));
}

TEST(M8, RoundTripSeveralCredentials) {
  M8 m;
  m.enrollee_nonce = samples::fixed<EnrolleeNonce>(2);
  m.iv = samples::fixed<Iv>(40);
  m.settings.credentials.push_back(samples::credential(1, false));
  m.settings.credentials.push_back(samples::credential(2, true));
  m.settings.credentials.push_back(samples::credential(3, false));
  m.vendor_ext = samples::other_vendors();
  Bytes b = build_m8(m, auth_key(), key_wrap_key(), samples::filled(10, 1));
  EXPECT_TRUE(verify_authenticator(auth_key(), samples::filled(10, 1), b));
  auto o = open_m8(*parse_m8(b), auth_key(), key_wrap_key());
  ASSERT_TRUE(o) << describe(o.error());
  EXPECT_EQ(*o, m);
  ASSERT_EQ(o->settings.credentials.size(), 3u);
  EXPECT_EQ(o->settings.credentials[1].wfa_ext.network_key_shareable, true);
}

TEST(M8, RoundTripApSettingsForApEnrollee) {
  M8 m;
  m.enrollee_nonce = samples::fixed<EnrolleeNonce>(2);
  m.iv = samples::fixed<Iv>(41);
  m.settings.ap_settings = samples::credential(4, false);
  Bytes b = build_m8(m, auth_key(), key_wrap_key(), {});
  auto o = open_m8(*parse_m8(b), auth_key(), key_wrap_key());
  ASSERT_TRUE(o) << describe(o.error());
  EXPECT_EQ(*o, m);
  // Credential order, flat (IO er-config: Network Index, SSID, Auth, Encr, Key, MAC).
  auto enc = encode_m8_settings(m.settings);
  auto l = tokenize(crypto::view(enc));
  const std::uint16_t order[] = {0x1026, 0x1045, 0x1003, 0x100f, 0x1027, 0x1020};
  ASSERT_EQ(l->size(), std::size(order));
  for (std::size_t i = 0; i < l->size(); ++i) EXPECT_EQ((*l)[i].type, order[i]);
}

TEST(M8, EmptySettingsMissCredential) {
  EXPECT_EQ(parse_m8_settings({}).error(), (Error{Errc::AttrMissing, 0, 0x100e}));
  EXPECT_EQ(parse_m8_settings(hex("10fa00012a"), 7).error(), (Error{Errc::AttrMissing, 7, 0x100e}));
}

TEST(M8, CredentialErrorsReportPlaintextOffsets) {
  // Credential at offset 0 whose value (starting at 4) lacks the MAC Address.
  Bytes plain = hex("100e0018 1026000101 10450003 616263 100300020001 100f00020001");
  EXPECT_EQ(parse_m8_settings(plain).error(), (Error{Errc::AttrMissing, 4, 0x1020}));
  // A bad length inside the nested credential: offset in the plaintext frame.
  Bytes bad = hex("100e000a 10260002 0101 10fa0000");
  EXPECT_EQ(parse_m8_settings(bad).error(), (Error{Errc::AttrBadLength, 4, 0x1026}));
}

}  // namespace
}  // namespace wps::wsc
