#include "wsc/msg_m5_m6.hpp"

#include <gtest/gtest.h>

#include "print_error.hpp"
#include "samples.hpp"
#include "support/test_support.hpp"
#include "wsc/message.hpp"

namespace wps::wsc {
namespace {

using samples::auth_key;
using samples::key_wrap_key;

TEST(M5, RoundTrip) {
  M5 m;
  m.registrar_nonce = samples::fixed<RegistrarNonce>(4);
  m.iv = samples::fixed<Iv>(20);
  m.settings.e_snonce1 = samples::secret<crypto::ESecretNonce1>(21);
  m.vendor_ext = samples::other_vendors();
  const Bytes prev = samples::filled(30, 3);
  Bytes b = build_m5(m, auth_key(), key_wrap_key(), prev);
  EXPECT_TRUE(verify_authenticator(auth_key(), prev, b));
  auto s = parse_m5(b);
  ASSERT_TRUE(s) << describe(s.error());
  auto o = open_m5(*s, auth_key(), key_wrap_key());
  ASSERT_TRUE(o) << describe(o.error());
  EXPECT_EQ(*o, m);
  EXPECT_EQ(parse_m6(b).error(), (Error{Errc::WrongMessageType, 5, 0x1022}));
}

TEST(M6, RoundTrip) {
  M6 m;
  m.enrollee_nonce = samples::fixed<EnrolleeNonce>(2);
  m.iv = samples::fixed<Iv>(22);
  m.settings.r_snonce2 = samples::secret<crypto::RSecretNonce2>(23);
  m.wfa_ext = samples::rich_wfa();
  Bytes b = build_m6(m, auth_key(), key_wrap_key(), {});
  auto s = parse_m6(b);
  ASSERT_TRUE(s) << describe(s.error());
  auto o = open_m6(*s, auth_key(), key_wrap_key());
  ASSERT_TRUE(o) << describe(o.error());
  EXPECT_EQ(*o, m);
}

TEST(M5, InnerSettingsEncodeParse) {
  M5Settings s{samples::secret<crypto::ESecretNonce1>(5)};
  auto enc = encode_m5_settings(s);
  EXPECT_EQ(enc.size(), 20u);
  auto back = parse_m5_settings(crypto::view(enc));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, s);
  // The R-SNonce2 of M6 is not an E-SNonce1.
  EXPECT_EQ(parse_m5_settings(crypto::view(encode_m6_settings(
                                  M6Settings{samples::secret<crypto::RSecretNonce2>(5)})))
                .error(),
            (Error{Errc::AttrMissing, 0, 0x1016}));
}

}  // namespace
}  // namespace wps::wsc
