#include "wsc/msg_control.hpp"

#include <gtest/gtest.h>

#include "print_error.hpp"
#include "samples.hpp"
#include "support/test_support.hpp"

namespace wps::wsc {
namespace {

using test::hex;

TEST(WscAck, RoundTripAndWireOrder) {
  WscAck m{samples::fixed<EnrolleeNonce>(1), samples::fixed<RegistrarNonce>(2), samples::rich_wfa(),
           samples::other_vendors()};
  Bytes b = build_wsc_ack(m);
  auto p = parse_wsc_ack(b);
  ASSERT_TRUE(p) << describe(p.error());
  EXPECT_EQ(*p, m);
  // Interop REPORT: ACK = 104a 1022 101a 1039 1049.
  WscAck plain{
      samples::fixed<EnrolleeNonce>(1), samples::fixed<RegistrarNonce>(2), WfaExtension::v2(), {}};
  Bytes pb = build_wsc_ack(plain);
  EXPECT_EQ(to_hex(pb), "104a000110"
                        "102200010d"
                        "101a0010" +
                            samples::fixed<EnrolleeNonce>(1).hex() + "10390010" +
                            samples::fixed<RegistrarNonce>(2).hex() +
                            "10490006"
                            "00372a000120");
}

TEST(WscNack, RoundTripAndConfigError) {
  WscNack m;
  m.enrollee_nonce = samples::fixed<EnrolleeNonce>(1);
  m.registrar_nonce = samples::fixed<RegistrarNonce>(2);
  m.config_error = ConfigError::DevicePasswordAuthFailure;
  Bytes b = build_wsc_nack(m);
  auto p = parse_wsc_nack(b);
  ASSERT_TRUE(p) << describe(p.error());
  EXPECT_EQ(*p, m);
  EXPECT_EQ(to_hex(ByteView(b).subspan(5 + 5 + 20 + 20, 6)), "100900020012");  // error 18
  // A NACK without Configuration Error is incomplete.
  WscAck as_ack{m.enrollee_nonce, m.registrar_nonce, WfaExtension::v2(), {}};
  Bytes ack = build_wsc_ack(as_ack);
  ack[9] = 0x0e;
  EXPECT_EQ(parse_wsc_nack(ack).error(), (Error{Errc::AttrMissing, 0, 0x1009}));
}

TEST(WscDone, RoundTripAndAuthenticatorForbidden) {
  WscDone m{
      samples::fixed<EnrolleeNonce>(1), samples::fixed<RegistrarNonce>(2), WfaExtension::v2(), {}};
  Bytes b = build_wsc_done(m);
  auto p = parse_wsc_done(b);
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, m);
  Bytes with_auth = concat({b, hex("10050008 0000000000000000")});
  EXPECT_EQ(parse_wsc_done(with_auth).error(),
            (Error{Errc::AttrForbidden, static_cast<std::uint32_t>(b.size()), 0x1005}));
  EXPECT_EQ(parse_wsc_ack(b).error(), (Error{Errc::WrongMessageType, 5, 0x1022}));
}

}  // namespace
}  // namespace wps::wsc
