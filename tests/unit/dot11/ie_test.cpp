#include "dot11/ie.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace wps::dot11 {
namespace {

using test::hex;

TEST(ElementReader, IteratesWithOffsets) {
  Bytes region = hex("00 03 61 62 63  01 02 82 84  dd 00");
  ElementReader rd(region, 36);
  auto a = rd.next();
  ASSERT_TRUE(a && *a);
  EXPECT_EQ((*a)->id, 0);
  EXPECT_EQ(as_chars((*a)->data), "abc");
  EXPECT_EQ((*a)->offset, 36u);
  auto b = rd.next();
  ASSERT_TRUE(b && *b);
  EXPECT_EQ((*b)->id, 1);
  EXPECT_EQ((*b)->offset, 41u);
  auto c = rd.next();
  ASSERT_TRUE(c && *c);
  EXPECT_EQ((*c)->id, 221);
  EXPECT_TRUE((*c)->data.empty());
  EXPECT_TRUE(rd.done());
  auto end = rd.next();
  ASSERT_TRUE(end);
  EXPECT_FALSE(*end);
}

TEST(ElementReader, OverrunIsBadIeAtTheElementAndRepeats) {
  Bytes region = hex("00 01 61  30 05 01 00");
  ElementReader rd(region, 100);
  ASSERT_TRUE(rd.next());
  for (int i = 0; i < 2; ++i) {
    auto r = rd.next();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, Errc::Dot11BadIe);
    EXPECT_EQ(r.error().offset, 103u);
  }
  // A lone ID octet without its Length.
  auto lone = parse_elements(hex("00 00 dd"), 10);
  ASSERT_FALSE(lone);
  EXPECT_EQ(lone.error().code, Errc::Dot11BadIe);
  EXPECT_EQ(lone.error().offset, 12u);
}

TEST(Elements, ParseBuildRoundTripKeepsOrderAndDuplicates) {
  Bytes region = hex("00 04 74 65 73 74  dd 02 aa bb  00 00  dd 01 cc");
  auto els = parse_elements(region);
  ASSERT_TRUE(els);
  ASSERT_EQ(els->size(), 4u);
  EXPECT_EQ(build_elements(*els), region);
  EXPECT_EQ(find_element(*els, ElementId::VendorSpecific)->data, hex("aa bb"));
  EXPECT_EQ(find_element(*els, ElementId::Rsn), nullptr);
  EXPECT_EQ(build_element(Element(ElementId::Ssid, hex("41"))), hex("00 01 41"));
}

TEST(Ssid, LengthLimitAndWildcard) {
  Bytes s32(32, 'x');
  auto ok = parse_ssid(make_ssid(s32));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->size(), 32u);
  auto too_long = parse_ssid(Element(ElementId::Ssid, Bytes(33, 'x')));
  ASSERT_FALSE(too_long);
  EXPECT_EQ(too_long.error().code, Errc::Dot11BadIe);
  EXPECT_EQ(build_element(make_ssid({})), hex("00 00"));
  EXPECT_FALSE(parse_ssid(Element(ElementId::SupportedRates, {})));

  Elements none;
  auto f = find_ssid(none);
  ASSERT_TRUE(f);
  EXPECT_FALSE(*f);
  Elements bad{Element(ElementId::Ssid, Bytes(40, 'y'))};
  EXPECT_FALSE(find_ssid(bad));
}

TEST(Rates, SplitIntoSupportedAndExtended) {
  Elements e;
  append_rates(e, default_rates());
  // 1, 2, 5.5, 11 Mb/s basic (0x80 set), 6..18 Mb/s in Supported Rates (id 1, max 8 rates),
  // 24..54 Mb/s in Extended Supported Rates (id 50).
  EXPECT_EQ(build_elements(e), hex("01 08 82 84 8b 96 0c 12 18 24  32 04 30 48 60 6c"));
  EXPECT_EQ(collect_rates(e), default_rates());
  Elements small;
  const std::uint8_t four[] = {0x82, 0x84, 0x8b, 0x96};
  append_rates(small, four);
  EXPECT_EQ(build_elements(small), hex("01 04 82 84 8b 96"));
}

TEST(DsParameterSet, OneOctetChannel) {
  EXPECT_EQ(build_element(make_ds_parameter_set(6)), hex("03 01 06"));
  EXPECT_EQ(parse_ds_parameter_set(make_ds_parameter_set(11)).value(), 11);
  EXPECT_FALSE(parse_ds_parameter_set(Element(ElementId::DsParameterSet, hex("06 07"))));
  EXPECT_FALSE(parse_ds_parameter_set(Element(ElementId::DsParameterSet, {})));
}

TEST(Tim, BuildParseAndLimits) {
  Tim t{0, 2, 0, {0x00}};
  EXPECT_EQ(build_element(make_tim(t)), hex("05 04 00 02 00 00"));
  EXPECT_EQ(parse_tim(make_tim(t)).value(), t);
  Tim big{1, 3, 1, Bytes(251, 0xff)};
  EXPECT_EQ(parse_tim(make_tim(big)).value(), big);
  EXPECT_FALSE(parse_tim(Element(ElementId::Tim, hex("00 01 00"))));
  EXPECT_FALSE(parse_tim(Element(ElementId::Tim, Bytes(255, 0))));
}

TEST(VendorSpecific, OuiTypeData) {
  VendorSpecific v{0x0050F2, 4, hex("10 4a 00 01 10")};
  Element e = make_vendor_specific(v);
  EXPECT_EQ(build_element(e), hex("dd 09 00 50 f2 04 10 4a 00 01 10"));
  EXPECT_EQ(parse_vendor_specific(e).value(), v);
  EXPECT_FALSE(parse_vendor_specific(Element(ElementId::VendorSpecific, hex("00 50 f2"))));
  EXPECT_TRUE(is_wps_element(e));
  // WPA (00:50:F2 type 1) and WMM (type 2) are the same OUI but not WPS.
  EXPECT_FALSE(is_wps_element(make_vendor_specific({0x0050F2, 1, {}})));
  EXPECT_FALSE(is_wps_element(make_vendor_specific({0x0050F2, 2, {}})));
  EXPECT_FALSE(is_wps_element(Element(ElementId::Ssid, hex("00 50 f2 04"))));
}

Bytes pattern(std::size_t n) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i * 7 + 3);
  return b;
}

TEST(WpsIe, SplitsAt251AndJoinsBack) {
  // WPS-FACTS §2.3: at most 251 attribute octets per WPS IE. 600 = 251 + 251 + 98.
  const Bytes payload = pattern(600);
  Elements e;
  append_wps_ies(e, payload);
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].data.size(), 255u);
  EXPECT_EQ(e[1].data.size(), 255u);
  EXPECT_EQ(e[2].data.size(), 102u);
  Bytes wire = build_elements(e);
  EXPECT_EQ(to_hex(ByteView(wire).first(6)), "ddff0050f204");
  EXPECT_EQ(to_hex(ByteView(wire).subspan(257, 6)), "ddff0050f204");
  EXPECT_EQ(to_hex(ByteView(wire).subspan(514, 6)), "dd660050f204");
  EXPECT_EQ(join_wps_ies(e).value(), payload);
  auto raw = extract_wps_payload(wire);
  ASSERT_TRUE(raw && *raw);
  EXPECT_EQ(**raw, payload);
}

TEST(WpsIe, BoundarySizes) {
  for (std::size_t n : {0u, 1u, 250u, 251u, 252u, 502u, 503u}) {
    Elements e;
    append_wps_ies(e, pattern(n));
    const std::size_t expected_ies = n == 0 ? 1 : (n + 250) / 251;
    EXPECT_EQ(e.size(), expected_ies) << n;
    EXPECT_EQ(join_wps_ies(e).value(), pattern(n)) << n;
  }
}

TEST(WpsIe, AttributeStraddlingIesAndForeignElementsBetween) {
  // A WSC TLV (type 0x1012, length 0x0100) whose value straddles the IE boundary, with a WMM
  // vendor IE and an SSID interleaved: only WPS IEs are concatenated, in order.
  Bytes tlv = hex("10 12 01 00");
  Bytes attrs = tlv;
  Bytes value = pattern(256);
  attrs.insert(attrs.end(), value.begin(), value.end());
  Elements wps;
  append_wps_ies(wps, attrs);
  ASSERT_EQ(wps.size(), 2u);
  Elements mixed{make_ssid(as_bytes("net")), wps[0], make_vendor_specific({0x0050F2, 2, hex("01")}),
                 wps[1]};
  EXPECT_EQ(join_wps_ies(mixed).value(), attrs);
  auto raw = extract_wps_payload(build_elements(mixed));
  ASSERT_TRUE(raw && *raw);
  EXPECT_EQ(**raw, attrs);
}

TEST(WpsIe, AbsentAndMalformedRegion) {
  Elements none{make_ssid(as_bytes("x"))};
  EXPECT_FALSE(join_wps_ies(none));
  auto r = extract_wps_payload(build_elements(none));
  ASSERT_TRUE(r);
  EXPECT_FALSE(*r);
  auto bad = extract_wps_payload(hex("dd 08 00 50 f2 04 10 4a"), 40);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Errc::Dot11BadIe);
  EXPECT_EQ(bad.error().offset, 40u);
}

}  // namespace
}  // namespace wps::dot11
