#include "dot11/codec.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace wps::dot11 {
namespace {

using test::hex;

const MacAddr kAp = *MacAddr::parse("02:00:00:00:0a:01");
const MacAddr kSta = *MacAddr::parse("02:00:00:00:0b:01");

MgmtFrame auth_frame() {
  MgmtFrame f;
  f.header.da = kAp;
  f.header.sa = kSta;
  f.header.bssid = kAp;
  f.body = Authentication{};
  return f;
}

TEST(Codec, DispatchesManagementAndData) {
  auto m = parse_frame(build_mgmt(auth_frame()));
  ASSERT_TRUE(m);
  ASSERT_TRUE(std::holds_alternative<MgmtFrame>(*m));
  EXPECT_EQ(std::get<MgmtFrame>(*m), auth_frame());
  DataFrame d = make_to_ds(kAp, kSta, kAp, hex("aa aa 03 00 00 00 88 8e 02 01 00 00"));
  auto p = parse_frame(build_data(d));
  ASSERT_TRUE(p);
  EXPECT_EQ(std::get<DataFrame>(*p), d);
}

TEST(Codec, ControlAndExtensionAreUnsupported) {
  // ACK: FC d4 00, duration, RA.
  auto ack = parse_frame(hex("d4 00 00 00 020000000b01"));
  ASSERT_FALSE(ack);
  EXPECT_EQ(ack.error(), (Error{Errc::Dot11UnsupportedFrame, 0, 0}));
  auto ext = parse_frame(hex("0c 00 00 00"));
  ASSERT_FALSE(ext);
  EXPECT_EQ(ext.error().code, Errc::Dot11UnsupportedFrame);
  auto version = parse_frame(hex("b1 00 00 00"));
  ASSERT_FALSE(version);
  EXPECT_EQ(version.error().code, Errc::Dot11BadFrameControl);
  auto tiny = parse_frame(hex("b0"));
  ASSERT_FALSE(tiny);
  EXPECT_EQ(tiny.error().code, Errc::Truncated);
  EXPECT_FALSE(peek_frame_control(hex("b0")));
  EXPECT_EQ(peek_frame_control(hex("b0 00"))->subtype, 11);
}

TEST(Codec, WithAndWithoutFcs) {
  Frame f = auth_frame();
  Bytes with = build_frame(f, true);
  Bytes without = build_frame(f);
  ASSERT_EQ(with.size(), without.size() + 4);
  EXPECT_EQ(parse_frame(with, FcsMode::Present).value(), f);
  EXPECT_EQ(parse_frame(with, FcsMode::Detect).value(), f);
  EXPECT_EQ(parse_frame(without, FcsMode::Detect).value(), f);
  EXPECT_EQ(parse_frame(without, FcsMode::Absent).value(), f);
  // Read as if it had an FCS, a frame without one fails the check.
  auto bad = parse_frame(without, FcsMode::Present);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error(),
            (Error{Errc::Dot11BadFcs, static_cast<std::uint32_t>(without.size() - 4), 0}));
  // One flipped bit anywhere is caught by Present.
  for (std::size_t i = 0; i < with.size(); ++i) {
    Bytes c = with;
    c[i] ^= 0x10;
    auto r = parse_frame(c, FcsMode::Present);
    ASSERT_FALSE(r) << i;
    EXPECT_EQ(r.error().code, Errc::Dot11BadFcs) << i;
  }
}

}  // namespace
}  // namespace wps::dot11
