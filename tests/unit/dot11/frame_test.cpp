#include "dot11/frame.hpp"

#include <gtest/gtest.h>

#include <string>

#include "support/test_support.hpp"

namespace wps::dot11 {
namespace {

using test::hex;

std::string fc_hex(FrameControl fc) {
  const std::uint16_t v = fc.to_u16();
  const std::uint8_t b[2] = {static_cast<std::uint8_t>(v & 0xff),
                             static_cast<std::uint8_t>(v >> 8)};
  return to_hex(ByteView(b, 2));
}

// WPS-FACTS §2.1: Frame Control octets as transmitted, per frame type.
TEST(FrameControl, ManagementBytesMatchFactSheet) {
  EXPECT_EQ(fc_hex(FrameControl::mgmt(MgmtSubtype::AssociationRequest)), "0000");
  EXPECT_EQ(fc_hex(FrameControl::mgmt(MgmtSubtype::AssociationResponse)), "1000");
  EXPECT_EQ(fc_hex(FrameControl::mgmt(MgmtSubtype::ReassociationRequest)), "2000");
  EXPECT_EQ(fc_hex(FrameControl::mgmt(MgmtSubtype::ReassociationResponse)), "3000");
  EXPECT_EQ(fc_hex(FrameControl::mgmt(MgmtSubtype::ProbeRequest)), "4000");
  EXPECT_EQ(fc_hex(FrameControl::mgmt(MgmtSubtype::ProbeResponse)), "5000");
  EXPECT_EQ(fc_hex(FrameControl::mgmt(MgmtSubtype::Beacon)), "8000");
  EXPECT_EQ(fc_hex(FrameControl::mgmt(MgmtSubtype::Disassociation)), "a000");
  EXPECT_EQ(fc_hex(FrameControl::mgmt(MgmtSubtype::Authentication)), "b000");
  EXPECT_EQ(fc_hex(FrameControl::mgmt(MgmtSubtype::Deauthentication)), "c000");
}

TEST(FrameControl, DataBytesMatchFactSheet) {
  FcFlags to_ds;
  to_ds.to_ds = true;
  FcFlags from_ds;
  from_ds.from_ds = true;
  EXPECT_EQ(fc_hex({0, FrameType::Data, 0, to_ds}), "0801");
  EXPECT_EQ(fc_hex({0, FrameType::Data, 0, from_ds}), "0802");
  EXPECT_EQ(fc_hex({0, FrameType::Data, 8, to_ds}), "8801");
  EXPECT_EQ(fc_hex({0, FrameType::Data, 8, from_ds}), "8802");
  // WPS-FACTS §10.3: the Protected flag is bit 14 of the field.
  FcFlags prot = to_ds;
  prot.protected_frame = true;
  FrameControl fc{0, FrameType::Data, 0, prot};
  EXPECT_EQ(fc.to_u16() & 0x4000, 0x4000);
  EXPECT_EQ(fc_hex(fc), "0841");
}

TEST(FrameControl, EachFlagHasItsOwnBit) {
  // IEEE 802.11-2020 Figure 9-3: octet 1 bits in order ToDS, FromDS, MoreFrag, Retry, PwrMgt,
  // MoreData, Protected, +HTC/Order.
  const std::uint16_t expected[8] = {0x0100, 0x0200, 0x0400, 0x0800,
                                     0x1000, 0x2000, 0x4000, 0x8000};
  for (int i = 0; i < 8; ++i) {
    FcFlags f;
    bool* bits[8] = {
        &f.to_ds,     &f.from_ds,         &f.more_fragments, &f.retry, &f.power_management,
        &f.more_data, &f.protected_frame, &f.order};
    *bits[i] = true;
    EXPECT_EQ((FrameControl{0, FrameType::Management, 0, f}.to_u16()), expected[i]) << i;
  }
}

TEST(FrameControl, EveryValueRoundTrips) {
  for (std::uint32_t v = 0; v <= 0xffff; ++v) {
    auto fc = FrameControl::from_u16(static_cast<std::uint16_t>(v));
    ASSERT_EQ(fc.to_u16(), v);
  }
  auto fc = FrameControl::from_u16(0xc188);  // on air "88 c1": QoS data, ToDS, Protected, +HTC
  EXPECT_EQ(fc.type, FrameType::Data);
  EXPECT_EQ(fc.subtype, 8);
  EXPECT_TRUE(fc.flags.to_ds);
  EXPECT_FALSE(fc.flags.from_ds);
  EXPECT_TRUE(fc.flags.protected_frame);
  EXPECT_TRUE(fc.flags.order);
}

TEST(SequenceControl, PacksNumberAndFragment) {
  SequenceControl s{0xabc, 5};
  EXPECT_EQ(s.to_u16(), 0xabc5);
  EXPECT_EQ(SequenceControl::from_u16(0xabc5), s);
  EXPECT_EQ((SequenceControl{1, 0}.to_u16()), 0x0010);
}

TEST(SequenceCounter, IncrementsAndWrapsAt4096) {
  SequenceCounter c;
  EXPECT_EQ(c.next().number, 0);
  EXPECT_EQ(c.next().number, 1);
  for (int i = 2; i < 4095; ++i) c.next();
  EXPECT_EQ(c.next().number, 4095);
  EXPECT_EQ(c.next().number, 0);
}

TEST(Fcs, Crc32CheckValue) {
  // The standard CRC-32 (IEEE 802.3) check value: CRC of the ASCII string "123456789".
  EXPECT_EQ(fcs32(as_bytes("123456789")), 0xCBF43926u);
  EXPECT_EQ(fcs32({}), 0u);
  // CRC-32 of a single 0x00 octet is 0xD202EF8D (a second widely published value).
  EXPECT_EQ(fcs32(hex("00")), 0xD202EF8Du);
}

TEST(Fcs, AppendedLeastSignificantOctetFirstAndStripped) {
  Bytes f = append_fcs(as_bytes("123456789"));
  ASSERT_EQ(f.size(), 13u);
  EXPECT_EQ(to_hex(ByteView(f).last(4)), "2639f4cb");
  auto s = strip_fcs(f, FcsMode::Present);
  ASSERT_TRUE(s);
  EXPECT_EQ(as_chars(*s), "123456789");
  auto d = strip_fcs(f, FcsMode::Detect);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->size(), 9u);
  auto a = strip_fcs(f, FcsMode::Absent);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->size(), 13u);
}

TEST(Fcs, MismatchAndShortInput) {
  Bytes f = append_fcs(as_bytes("123456789"));
  f[3] ^= 0x01;
  auto s = strip_fcs(f, FcsMode::Present);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::Dot11BadFcs);
  EXPECT_EQ(s.error().offset, 9u);
  // Detect: an invalid FCS means "no FCS", the frame is returned whole.
  auto d = strip_fcs(f, FcsMode::Detect);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->size(), 13u);
  auto t = strip_fcs(hex("010203"), FcsMode::Present);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, Errc::Truncated);
  EXPECT_TRUE(strip_fcs(hex("010203"), FcsMode::Detect));
}

TEST(SubtypeName, NamesKnownSubtypes) {
  EXPECT_EQ(subtype_name(FrameType::Management, 8), "beacon");
  EXPECT_EQ(subtype_name(FrameType::Management, 11), "auth");
  EXPECT_EQ(subtype_name(FrameType::Management, 7), "mgmt-reserved");
  EXPECT_EQ(subtype_name(FrameType::Data, 8), "qos-data");
  EXPECT_EQ(subtype_name(FrameType::Data, 1), "data-other");
  EXPECT_EQ(subtype_name(FrameType::Control, 13), "control");
}

}  // namespace
}  // namespace wps::dot11
