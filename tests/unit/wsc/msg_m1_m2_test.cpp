#include "wsc/msg_m1_m2.hpp"

#include <gtest/gtest.h>

#include "print_error.hpp"
#include "samples.hpp"
#include "support/test_support.hpp"
#include "wsc/message.hpp"

namespace wps::wsc {
namespace {

using test::hex;

TEST(M1, RoundTrip) {
  M1 m = samples::m1();
  Bytes b = build_m1(m);
  auto p = parse_m1(b);
  ASSERT_TRUE(p) << describe(p.error());
  EXPECT_EQ(*p, m);
  // Changing any field changes the bytes (the builder does not drop fields).
  M1 other = m;
  other.os_version ^= 1;
  EXPECT_NE(build_m1(other), b);
}

TEST(M1, EmptyDeviceStringsAreSentAsOneSpace) {
  M1 m = samples::m1();
  m.device = DeviceInfo{};
  Bytes b = build_m1(m);
  auto l = tokenize(b);
  ASSERT_TRUE(l);
  for (AttrType t : {AttrType::Manufacturer, AttrType::ModelName, AttrType::ModelNumber,
                     AttrType::SerialNumber, AttrType::DeviceName})
    EXPECT_EQ(to_hex(l->first(t)->value), "20") << attr_name(t);
  auto p = parse_m1(b);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->device.manufacturer, " ");  // documented asymmetry (§6.1 interop rule)
}

TEST(M2, RoundTripAndAuthenticatorOverM1) {
  const Bytes m1 = build_m1(samples::m1());
  M2 m = samples::m2();
  Bytes b = build_m2(m, samples::auth_key(), m1);
  auto p = parse_m2(b);
  ASSERT_TRUE(p) << describe(p.error());
  EXPECT_EQ(*p, m);
  EXPECT_TRUE(verify_authenticator(samples::auth_key(), m1, b));
  // Configuration Error precedes Device Password ID in M2 (§6.2), the reverse of M1.
  auto l = tokenize(b);
  ASSERT_TRUE(l);
  EXPECT_LT(l->first(AttrType::ConfigurationError)->offset,
            l->first(AttrType::DevicePasswordId)->offset);
  auto l1 = tokenize(m1);
  EXPECT_GT(l1->first(AttrType::ConfigurationError)->offset,
            l1->first(AttrType::DevicePasswordId)->offset);
}

TEST(M2D, RoundTripWithoutPublicKeyOrAuthenticator) {
  M2D m = samples::m2d();
  Bytes b = build_m2d(m);
  auto p = parse_m2d(b);
  ASSERT_TRUE(p) << describe(p.error());
  EXPECT_EQ(*p, m);
  auto l = tokenize(b);
  EXPECT_FALSE(l->has(AttrType::PublicKey));
  EXPECT_FALSE(l->has(AttrType::Authenticator));
  EXPECT_FALSE(l->has(AttrType::DevicePasswordId));
  // Interop REPORT M2D attribute sequence.
  const std::uint16_t expected[] = {0x104a, 0x1022, 0x101a, 0x1039, 0x1048, 0x1004, 0x1010,
                                    0x100d, 0x1008, 0x1021, 0x1023, 0x1024, 0x1042, 0x1054,
                                    0x1011, 0x103c, 0x1002, 0x1009, 0x102d, 0x1049};
  Bytes b2 = build_m2d(samples::m2d());
  auto l2 = tokenize(b2);
  ASSERT_EQ(l2->size(), std::size(expected));
  for (std::size_t i = 0; i < l2->size(); ++i) EXPECT_EQ((*l2)[i].type, expected[i]) << i;
}

TEST(M1, WrongAndUnknownMessageType) {
  Bytes b = build_m1(samples::m1());
  b[9] = 0x05;  // Message Type value (offset 5 + 4) -> M2
  EXPECT_EQ(parse_m1(b).error(), (Error{Errc::WrongMessageType, 5, 0x1022}));
  b[9] = 0x33;
  EXPECT_EQ(parse_m1(b).error(), (Error{Errc::UnknownMessageType, 5, 0x1022}));
  EXPECT_EQ(parse_m2d(build_m1(samples::m1())).error(), (Error{Errc::WrongMessageType, 5, 0x1022}));
}

TEST(M1, ForbiddenSecretInClear) {
  Bytes b = build_m1(samples::m1());
  const std::size_t at = b.size();
  Bytes bad = concat({b, hex("10160010"), Bytes(16, 0)});  // E-SNonce1 in clear
  EXPECT_EQ(parse_m1(bad).error(),
            (Error{Errc::AttrForbidden, static_cast<std::uint32_t>(at), 0x1016}));
  Bytes auth = concat({b, hex("10050008 0000000000000000")});  // Authenticator in M1
  EXPECT_EQ(parse_m1(auth).error(),
            (Error{Errc::AttrForbidden, static_cast<std::uint32_t>(at), 0x1005}));
}

TEST(M1, UnknownAndUnlistedAttributesAreIgnored) {
  M1 m = samples::m1();
  Bytes b = concat({build_m1(m), hex("10fa00012a"
                                     "10460001 01")});  // unknown + Total Networks
  auto p = parse_m1(b);
  ASSERT_TRUE(p) << describe(p.error());
  EXPECT_EQ(*p, m);
}

}  // namespace
}  // namespace wps::wsc
