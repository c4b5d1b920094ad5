#include "wsc/tlv.hpp"

#include <gtest/gtest.h>

#include "print_error.hpp"
#include "support/test_support.hpp"
#include "tv10.hpp"

namespace wps::wsc {
namespace {

using test::hex;

Error err_of(const Result<AttrList>& r) {
  EXPECT_FALSE(r.has_value());
  return r.has_value() ? Error{} : r.error();
}

TEST(Tokenize, Tv10M1InWireOrder) {
  // Attribute sequence of M1 from the interop REPORT ("The attributes seen in each message").
  const std::uint16_t expected[] = {0x104a, 0x1022, 0x1047, 0x1020, 0x101a, 0x1032, 0x1004, 0x1010,
                                    0x100d, 0x1008, 0x1044, 0x1021, 0x1023, 0x1024, 0x1042, 0x1054,
                                    0x1011, 0x103c, 0x1002, 0x1012, 0x1009, 0x102d, 0x1049};
  Bytes m1 = hex(test::tv10::kM1);
  auto r = tokenize(m1);
  ASSERT_TRUE(r) << describe(r.error());
  ASSERT_EQ(r->size(), std::size(expected));
  std::uint32_t off = 0;
  for (std::size_t i = 0; i < r->size(); ++i) {
    EXPECT_EQ((*r)[i].type, expected[i]);
    EXPECT_EQ((*r)[i].offset, off);
    off = (*r)[i].end_offset();
  }
  EXPECT_EQ(off, m1.size());
  const Attr* pk = r->first(AttrType::PublicKey);
  ASSERT_NE(pk, nullptr);
  EXPECT_EQ(pk->value.size(), 192u);
  EXPECT_EQ(pk->value.data(), m1.data() + pk->value_offset());  // a view, not a copy
  EXPECT_EQ(to_hex(r->first(AttrType::Manufacturer)->value), to_hex(as_bytes("TestVendor")));
  EXPECT_TRUE(r->has(AttrType::VendorExtension));
  EXPECT_FALSE(r->has(AttrType::Authenticator));
  EXPECT_EQ(r->count(AttrType::Version), 1u);
}

TEST(Tokenize, EmptyBufferIsEmptyList) {
  auto r = tokenize({});
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->empty());
}

TEST(Tokenize, TruncatedHeaderReportsOffsetAndPartialType) {
  Bytes b = hex("104a000110 1022");  // Version TLV, then 2 octets of a header
  EXPECT_EQ(err_of(tokenize(b)), (Error{Errc::AttrTruncated, 5, 0x1022}));
  Bytes one = hex("104a000110 10");
  EXPECT_EQ(err_of(tokenize(one)), (Error{Errc::AttrTruncated, 5, 0}));
  Bytes three = hex("104a000110 102200");
  EXPECT_EQ(err_of(tokenize(three)), (Error{Errc::AttrTruncated, 5, 0x1022}));
}

TEST(Tokenize, TruncatedValue) {
  Bytes b = hex("104a000110 101a0010 00112233");  // Enrollee Nonce says 16, has 4
  EXPECT_EQ(err_of(tokenize(b)), (Error{Errc::AttrTruncated, 5, 0x101a}));
  // Same in FramingOnly mode.
  EXPECT_EQ(err_of(tokenize(b, 0, TokenizeMode::FramingOnly)),
            (Error{Errc::AttrTruncated, 5, 0x101a}));
}

TEST(Tokenize, BaseOffsetShiftsEveryReportedOffset) {
  Bytes b = hex("104a000110 101a0001 00");
  EXPECT_EQ(err_of(tokenize(b, 100)), (Error{Errc::AttrBadLength, 105, 0x101a}));
  auto ok = tokenize(hex("104a000110"), 100);
  ASSERT_TRUE(ok);
  EXPECT_EQ((*ok)[0].offset, 100u);
}

// Every attribute with a fixed length, given one octet less and one more, is rejected with
// AttrBadLength at the offset of that TLV (placed after a valid Version TLV).
TEST(Tokenize, EveryFixedLengthAttributeWithWrongLength) {
  int checked = 0;
  for (const AttrInfo& info : attr_table()) {
    if (info.min_len != info.max_len) continue;
    for (int delta : {-1, +1}) {
      const std::size_t len = info.min_len + static_cast<std::size_t>(delta);
      ByteWriter w;
      w.u16be(0x104a).u16be(1).u8(0x10);
      w.u16be(to_u16(info.type)).u16be(static_cast<std::uint16_t>(len)).zeros(len);
      // (For Version itself the first TLV is fine and the second one is the bad one.)
      auto r = tokenize(w.view());
      ASSERT_FALSE(r.has_value()) << info.name << " len " << len;
      EXPECT_EQ(r.error(), (Error{Errc::AttrBadLength, 5, to_u16(info.type)})) << info.name;
    }
    ++checked;
  }
  EXPECT_GE(checked, 50);
}

TEST(Tokenize, VariableLengthAttributesAboveTheirMaximum) {
  for (AttrType t :
       {AttrType::Ssid, AttrType::DeviceName, AttrType::Manufacturer, AttrType::ModelName,
        AttrType::ModelNumber, AttrType::SerialNumber, AttrType::NetworkKey}) {
    const std::size_t len = attr_info(t)->max_len + 1u;
    ByteWriter w;
    w.u16be(to_u16(t)).u16be(static_cast<std::uint16_t>(len)).zeros(len);
    EXPECT_EQ(err_of(tokenize(w.view())), (Error{Errc::AttrBadLength, 0, to_u16(t)}));
  }
}

TEST(Tokenize, DuplicateNonRepeatableRejectedAtSecondOccurrence) {
  Bytes b = hex("104a000110 1022000104 1022000104");
  EXPECT_EQ(err_of(tokenize(b)), (Error{Errc::AttrDuplicate, 10, 0x1022}));
  // FramingOnly does not judge duplicates.
  EXPECT_TRUE(tokenize(b, 0, TokenizeMode::FramingOnly));
  // Repeatable types may repeat.
  Bytes v = hex("10490004 00372a00 10490004 00372a01");
  auto r = tokenize(v);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->all(AttrType::VendorExtension).size(), 2u);
}

TEST(Tokenize, UnknownTypesKeptWithoutRules) {
  Bytes b = hex("10fa000142 10fa0000 beef0003aabbcc");
  auto r = tokenize(b);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].type, 0x10fa);
  EXPECT_EQ((*r)[1].value.size(), 0u);
  EXPECT_EQ((*r)[2].type, 0xbeef);
  EXPECT_EQ(to_hex((*r)[2].value), "aabbcc");
}

TEST(TlvWriter, WritesBigEndianTlvs) {
  TlvWriter w;
  w.u8(AttrType::Version, 0x10)
      .u16(AttrType::ConfigMethods, 0x2108)
      .u32(AttrType::OsVersion, 0x81020300)
      .text(AttrType::DeviceName, "ab");
  w.raw_attr(0x10fa, hex("2a"));
  EXPECT_EQ(to_hex(w.view()), "104a000110"
                              "100800022108"
                              "102d000481020300"
                              "101100026162"
                              "10fa00012a");
}

TEST(TlvWriter, NestedLengthPatched) {
  SecretTlvWriter w(16);
  auto mark = w.begin_nested(AttrType::Credential);
  w.u8(AttrType::NetworkIndex, 1);
  w.end_nested(mark);
  EXPECT_EQ(to_hex(w.view()), "100e0005"
                              "1026000101");
}

TEST(TlvWriterDeathTest, LengthOutsideTableAborts) {
  TlvWriter w;
  EXPECT_DEATH(w.bytes(AttrType::EnrolleeNonce, hex("00")), "assertion failed");
  EXPECT_DEATH(w.text(AttrType::DeviceName, std::string(33, 'x')), "assertion failed");
}

// ---- Vendor extensions -------------------------------------------------------------------

TEST(WfaExtension, ParsesTv10Version2) {
  auto r = parse_wfa_subelements(hex("000120"), 0);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->version2, 0x20);
  EXPECT_FALSE(r->request_to_enroll);
  EXPECT_FALSE(r->empty());
  EXPECT_EQ(to_hex(encode_wfa_subelements(*r)), "000120");
}

TEST(WfaExtension, AllKnownSubelementsRoundTripInHostapdOrder) {
  WfaExtension e;
  e.version2 = 0x20;
  e.request_to_enroll = true;
  e.authorized_macs = {MacAddr::broadcast(), *MacAddr::parse("02:00:00:00:0b:01")};
  e.network_key_shareable = false;
  e.settings_delay_time = 5;
  e.registrar_config_methods = 0x0108;
  e.multi_ap_extension = 0x80;
  e.multi_ap_profile = 2;
  e.multi_ap_8021q = 0x0064;
  e.unknown = {WfaSubelement{0x42, hex("0102")}};
  Bytes enc = encode_wfa_subelements(e);
  // Version2, Request to Enroll, AuthorizedMACs first (hostapd's order), then by ID.
  EXPECT_EQ(to_hex(enc), "000120"
                         "030101"
                         "010c"
                         "ffffffffffff"
                         "020000000b01"
                         "020100"
                         "040105"
                         "05020108"
                         "060180"
                         "070102"
                         "08020064"
                         "42020102");
  auto back = parse_wfa_subelements(enc, 0);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, e);
}

TEST(WfaExtension, MalformedSubelements) {
  const auto kVe = to_u16(AttrType::VendorExtension);
  // Sub-element value runs past the end (offset = base + position of the sub-element).
  EXPECT_EQ(parse_wfa_subelements(hex("000120 0302"), 10).error(),
            (Error{Errc::VendorExtMalformed, 13, kVe}));
  // Lone ID octet.
  EXPECT_EQ(parse_wfa_subelements(hex("00"), 0).error(), (Error{Errc::VendorExtMalformed, 0, kVe}));
  // Version2 of length 2.
  EXPECT_EQ(parse_wfa_subelements(hex("00022000"), 0).error(),
            (Error{Errc::VendorExtMalformed, 0, kVe}));
  // AuthorizedMACs not a multiple of 6, and more than 5.
  EXPECT_EQ(parse_wfa_subelements(hex("0107 ffffffffffff00"), 0).error().code,
            Errc::VendorExtMalformed);
  Bytes six(2 + 36, 0xff);
  six[0] = 0x01;
  six[1] = 36;
  EXPECT_EQ(parse_wfa_subelements(six, 0).error().code, Errc::VendorExtMalformed);
  // Known sub-element twice.
  EXPECT_EQ(parse_wfa_subelements(hex("000120 000120"), 0).error(),
            (Error{Errc::VendorExtMalformed, 3, kVe}));
}

TEST(VendorExtensions, FirstWfaDecodedOthersKeptRaw) {
  Bytes b = hex("10490006 00372a 000120"
                "10490005 001122 abcd"
                "10490006 00372a 030101");
  auto l = tokenize(b);
  ASSERT_TRUE(l);
  auto v = parse_vendor_extensions(*l);
  ASSERT_TRUE(v) << describe(v.error());
  EXPECT_EQ(v->wfa.version2, 0x20);
  EXPECT_FALSE(v->wfa.request_to_enroll);  // the second WFA attribute is not merged
  ASSERT_EQ(v->other.size(), 2u);
  EXPECT_EQ(v->other[0].vendor_id, (std::array<std::uint8_t, 3>{0x00, 0x11, 0x22}));
  EXPECT_EQ(to_hex(v->other[0].data), "abcd");
  EXPECT_EQ(to_hex(v->other[1].data), "030101");
  TlvWriter w;
  write_vendor_extensions(w, v->wfa, v->other);
  EXPECT_EQ(to_hex(w.view()), to_hex(b));
}

TEST(VendorExtensions, EmptyWfaExtensionIsSkippedSoReencodingIsStable) {
  // Found by fuzz_wsc_tlv (fuzz/corpus/wsc_tlv/found-empty-wfa-ext): two WFA extensions without
  // sub-elements. The empty one used to be "the" WFA extension (encoding to nothing) and the
  // second landed in `other`; re-encoded and parsed again, the second became "the" one: the
  // Beacon IE did not re-encode to itself.
  Bytes b = hex("10490003 00372a"
                "10490003 00372a"
                "10490006 00372a 000120");
  auto l = tokenize(b);
  ASSERT_TRUE(l);
  auto v = parse_vendor_extensions(*l);
  ASSERT_TRUE(v) << describe(v.error());
  EXPECT_EQ(v->wfa.version2, 0x20);  // the first WFA extension that says something
  EXPECT_TRUE(v->other.empty());
  TlvWriter w;
  write_vendor_extensions(w, v->wfa, v->other);
  auto l2 = tokenize(w.view());
  ASSERT_TRUE(l2);
  auto v2 = parse_vendor_extensions(*l2);
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->wfa, v->wfa);
  EXPECT_EQ(v2->other.size(), v->other.size());
  // After a WFA extension with content, an empty one is kept raw, in place.
  Bytes c = hex("10490006 00372a 000120 10490003 00372a");
  auto v3 = parse_vendor_extensions(*tokenize(c));
  ASSERT_TRUE(v3);
  ASSERT_EQ(v3->other.size(), 1u);
  EXPECT_TRUE(v3->other[0].data.empty());
}

TEST(VendorExtensions, MalformedWfaReportsOffsetInMessage) {
  Bytes b = hex("104a000110"
                "10490005 00372a 0003");
  auto l = tokenize(b);
  ASSERT_TRUE(l);
  // Sub-element at offset 5 (TLV) + 4 (header) + 3 (vendor ID) = 12.
  EXPECT_EQ(parse_vendor_extensions(*l).error(), (Error{Errc::VendorExtMalformed, 12, 0x1049}));
}

}  // namespace
}  // namespace wps::wsc
