#include "dot11/rsn.hpp"

#include <gtest/gtest.h>

#include <set>

#include "support/test_support.hpp"

namespace wps::dot11 {
namespace {

using test::hex;

// WPS-FACTS §2.5: the round-2 RSN element for WPA2-PSK with CCMP.
const char* const kWpa2PskCcmp =
    "30 14 01 00 00 0f ac 04 01 00 00 0f ac 04 01 00 00 0f ac 02 00 00";

TEST(Rsn, Wpa2PskCcmpIsByteExact) {
  EXPECT_EQ(build_rsn_element(wpa2_psk_ccmp()), hex(kWpa2PskCcmp));
}

TEST(Rsn, ParsesFactSheetElement) {
  auto r = parse_rsn_element(hex(kWpa2PskCcmp));
  ASSERT_TRUE(r) << describe(r.error());
  EXPECT_EQ(r->version, 1);
  EXPECT_EQ(r->group_cipher, suite::kCipherCcmp128);
  EXPECT_EQ(r->pairwise_ciphers, std::vector<std::uint32_t>{suite::kCipherCcmp128});
  EXPECT_EQ(r->akms, std::vector<std::uint32_t>{suite::kAkmPsk});
  EXPECT_EQ(r->capabilities, 0);
  EXPECT_TRUE(r->pmkids.empty());
  EXPECT_FALSE(r->group_mgmt_cipher);
  EXPECT_EQ(*r, wpa2_psk_ccmp());
}

TEST(Rsn, RoundTripWithAllOptionalFields) {
  RsnInfo x;
  x.group_cipher = suite::kCipherTkip;
  x.pairwise_ciphers = {suite::kCipherCcmp128, suite::kCipherTkip};
  x.akms = {suite::kAkmPsk, suite::kAkmPskSha256};
  x.capabilities = 0x000c;
  Pmkid p{};
  p.fill(0x5a);
  x.pmkids = {p};
  x.group_mgmt_cipher = suite::kCipherBipCmac128;
  Bytes el = build_rsn_element(x);
  EXPECT_EQ(el[1], 2 + 4 + 2 + 8 + 2 + 8 + 2 + 2 + 16 + 4);
  auto back = parse_rsn_element(el);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, x);
  // Counts and capabilities are little-endian, suites in OUI order.
  EXPECT_EQ(to_hex(ByteView(el).subspan(2, 10)), "010000"
                                                 "0fac02"
                                                 "0200"
                                                 "000f");
}

TEST(Rsn, GroupMgmtCipherWithoutPmkidsEmitsZeroCount) {
  RsnInfo x;
  x.group_mgmt_cipher = suite::kCipherBipCmac128;
  Bytes d = build_rsn_data(x);
  EXPECT_EQ(to_hex(ByteView(d).last(6)), "0000000fac06");
  EXPECT_EQ(parse_rsn(d).value(), x);
}

TEST(Rsn, EveryTruncationIsEitherAFieldBoundaryOrBadIe) {
  RsnInfo x = wpa2_psk_ccmp();
  Pmkid p{};
  x.pmkids = {p};
  x.group_mgmt_cipher = suite::kCipherBipCmac128;
  Bytes d = build_rsn_data(x);
  // Field boundaries: version | group | pairwise list | akm list | caps | pmkid list | gmc.
  const std::set<std::size_t> boundaries = {2, 6, 12, 18, 20, 38, 42};
  ASSERT_EQ(d.size(), 42u);
  for (std::size_t n = 0; n <= d.size(); ++n) {
    auto r = parse_rsn(ByteView(d).first(n), 50);
    if (n < 2) {
      ASSERT_FALSE(r);
      EXPECT_EQ(r.error().code, Errc::Truncated);
      EXPECT_EQ(r.error().offset, 50u);
    } else if (boundaries.count(n)) {
      EXPECT_TRUE(r) << n;
    } else {
      ASSERT_FALSE(r) << n;
      EXPECT_EQ(r.error().code, Errc::Dot11BadIe) << n;
      EXPECT_GE(r.error().offset, 50u);
      EXPECT_LE(r.error().offset, 50u + n);
    }
  }
  // Absent fields take the standard's defaults.
  auto v_only = parse_rsn(hex("01 00"));
  ASSERT_TRUE(v_only);
  EXPECT_EQ(v_only->group_cipher, suite::kCipherCcmp128);
  EXPECT_EQ(v_only->pairwise_ciphers, std::vector<std::uint32_t>{suite::kCipherCcmp128});
  EXPECT_EQ(v_only->akms, std::vector<std::uint32_t>{suite::kAkm8021x});
}

TEST(Rsn, BadVersionCountsAndTrailingOctets) {
  auto v2 = parse_rsn(hex("02 00 00 0f ac 04"), 2);
  ASSERT_FALSE(v2);
  EXPECT_EQ(v2.error().code, Errc::BadValue);
  EXPECT_EQ(v2.error().offset, 2u);
  // Pairwise count 0x0100 with one suite present: the count overruns (offset of the count).
  auto over = parse_rsn(hex("01 00 00 0f ac 04 00 01 00 0f ac 04"));
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, Errc::Dot11BadIe);
  EXPECT_EQ(over.error().offset, 6u);
  Bytes trailing = build_rsn_data([] {
    RsnInfo x;
    x.group_mgmt_cipher = suite::kCipherBipCmac128;
    return x;
  }());
  trailing.push_back(0);
  auto t = parse_rsn(trailing);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, Errc::Dot11BadIe);
  EXPECT_EQ(t.error().offset, trailing.size() - 1);
}

TEST(Rsn, ElementHeaderChecks) {
  Bytes el = hex(kWpa2PskCcmp);
  el[0] = 0xdd;
  EXPECT_EQ(parse_rsn_element(el).error().code, Errc::Dot11BadIe);
  Bytes short_len = hex(kWpa2PskCcmp);
  short_len[1] = 0x13;
  EXPECT_EQ(parse_rsn_element(short_len).error().code, Errc::Dot11BadIe);
  EXPECT_FALSE(parse_rsn_element(hex("30")));
  // Offsets of errors inside the element count from its first octet.
  auto bad_version = parse_rsn_element(hex("30 02 03 00"));
  ASSERT_FALSE(bad_version);
  EXPECT_EQ(bad_version.error().code, Errc::BadValue);
  EXPECT_EQ(bad_version.error().offset, 2u);
}

}  // namespace
}  // namespace wps::dot11
