#include "dot11/mgmt.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "dot11/rsn.hpp"
#include "support/test_support.hpp"

namespace wps::dot11 {
namespace {

using test::hex;

const MacAddr kAp = *MacAddr::parse("02:00:00:00:0a:01");
const MacAddr kSta = *MacAddr::parse("02:00:00:00:0b:01");

MgmtHeader hdr(const MacAddr& da, const MacAddr& sa, const MacAddr& bssid, std::uint16_t seq) {
  MgmtHeader h;
  h.da = da;
  h.sa = sa;
  h.bssid = bssid;
  h.seq = SequenceControl{seq, 0};
  return h;
}

Elements sample_elements(bool with_wps) {
  Elements e{make_ssid(as_bytes("wpslab"))};
  append_rates(e, default_rates());
  e.push_back(make_ds_parameter_set(6));
  if (with_wps) append_wps_ies(e, hex("10 4a 00 01 10 10 3a 00 01 01"));
  return e;
}

TEST(Mgmt, AuthenticationIsByteExact) {
  MgmtFrame f{hdr(kAp, kSta, kAp, 5),
              Authentication{AuthAlgorithm::OpenSystem, 1, StatusCode::Success, {}}};
  // WPS-FACTS §2.1/§2.2: FC b0 00, duration, A1 = AP, A2 = STA, A3 = BSSID, seq 5 -> 0x0050 LE,
  // algorithm 0, transaction 1, status 0 (all little-endian).
  EXPECT_EQ(build_mgmt(f), hex("b0 00 00 00 020000000a01 020000000b01 020000000a01 50 00"
                               " 00 00 01 00 00 00"));
}

TEST(Mgmt, AssociationResponseAidHasTwoMsbsSet) {
  MgmtFrame f{hdr(kSta, kAp, kAp, 0), AssociationResponse{0x0011, StatusCode::Success, 1, {}}};
  Bytes b = build_mgmt(f);
  // WPS-FACTS §2.2: capability, status, AID + 0xC000.
  EXPECT_EQ(to_hex(ByteView(b).subspan(24)), "1100"
                                             "0000"
                                             "01c0");
  EXPECT_EQ(to_hex(ByteView(b).first(2)), "1000");
  auto p = parse_mgmt(b);
  ASSERT_TRUE(p);
  EXPECT_EQ(std::get<AssociationResponse>(p->body).aid, 1);
  // AID 2007 = 0x07d7 -> d7 c7 on air.
  MgmtFrame g{hdr(kSta, kAp, kAp, 0), AssociationResponse{0x0001, StatusCode::Success, 2007, {}}};
  EXPECT_EQ(to_hex(ByteView(build_mgmt(g)).subspan(28, 2)), "d7c7");
  // A failed association carries AID 0 without the MSBs.
  MgmtFrame h{hdr(kSta, kAp, kAp, 0), AssociationResponse{0x0001, StatusCode::ApFull, 0, {}}};
  EXPECT_EQ(to_hex(ByteView(build_mgmt(h)).subspan(24)), "0100"
                                                         "1100"
                                                         "0000");
}

TEST(Mgmt, AssociationRequestFixedFieldsAndElements) {
  Elements e = sample_elements(true);
  e.insert(e.begin() + 3, make_rsn(wpa2_psk_ccmp()));
  MgmtFrame f{hdr(kAp, kSta, kAp, 1), AssociationRequest{0x0411, 10, e}};
  Bytes b = build_mgmt(f);
  EXPECT_EQ(to_hex(ByteView(b).first(2)), "0000");
  EXPECT_EQ(to_hex(ByteView(b).subspan(24, 4)), "1104"
                                                "0a00");
  EXPECT_EQ(to_hex(ByteView(b).subspan(28, 8)), "0006"
                                                "7770736c6162");
  auto p = parse_mgmt(b);
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, f);
}

TEST(Mgmt, DeauthAndDisassocReason) {
  MgmtFrame d{hdr(kSta, kAp, kAp, 7), Deauthentication{ReasonCode::Ieee8021xAuthFailed, {}}};
  EXPECT_EQ(to_hex(ByteView(build_mgmt(d)).first(2)), "c000");
  EXPECT_EQ(to_hex(ByteView(build_mgmt(d)).subspan(24)), "1700");  // reason 23 (§2.6)
  MgmtFrame s{hdr(kAp, kSta, kAp, 7), Disassociation{ReasonCode::DisassocLeaving, {}}};
  EXPECT_EQ(to_hex(ByteView(build_mgmt(s)).first(2)), "a000");
  EXPECT_EQ(to_hex(ByteView(build_mgmt(s)).subspan(24)), "0800");
}

TEST(Mgmt, BeaconFixedFields) {
  Beacon bc{0x0102030405060708ull, 100, 0x0011, sample_elements(false)};
  MgmtFrame f{hdr(MacAddr::broadcast(), kAp, kAp, 0), bc};
  Bytes b = build_mgmt(f);
  EXPECT_EQ(to_hex(ByteView(b).first(2)), "8000");
  EXPECT_EQ(to_hex(ByteView(b).subspan(4, 6)), "ffffffffffff");
  EXPECT_EQ(to_hex(ByteView(b).subspan(24, 12)), "0807060504030201"
                                                 "6400"
                                                 "1100");
}

TEST(Mgmt, ReassociationRequestCarriesCurrentAp) {
  MgmtFrame f{hdr(kAp, kSta, kAp, 3), ReassociationRequest{0x0001, 5, kAp, sample_elements(false)}};
  Bytes b = build_mgmt(f);
  EXPECT_EQ(to_hex(ByteView(b).first(2)), "2000");
  EXPECT_EQ(to_hex(ByteView(b).subspan(24, 10)), "0100"
                                                 "0500"
                                                 "020000000a01");
  EXPECT_EQ(parse_mgmt(b).value(), f);
}

std::vector<MgmtFrame> every_body() {
  std::vector<MgmtFrame> v;
  v.push_back({hdr(MacAddr::broadcast(), kAp, kAp, 1),
               Beacon{123456789, 100, 0x0411, sample_elements(true)}});
  v.push_back({hdr(MacAddr::broadcast(), kSta, MacAddr::broadcast(), 2),
               ProbeRequest{sample_elements(true)}});
  v.push_back({hdr(kSta, kAp, kAp, 3), ProbeResponse{42, 100, 0x0011, sample_elements(true)}});
  v.push_back({hdr(kAp, kSta, kAp, 4),
               Authentication{AuthAlgorithm::OpenSystem, 1, StatusCode::Success, {}}});
  v.push_back({hdr(kSta, kAp, kAp, 5), Authentication{AuthAlgorithm::SharedKey,
                                                      2,
                                                      StatusCode::Success,
                                                      {Element(16, Bytes(128, 0x33))}}});
  v.push_back({hdr(kAp, kSta, kAp, 6), AssociationRequest{0x0431, 10, sample_elements(true)}});
  v.push_back({hdr(kSta, kAp, kAp, 7),
               AssociationResponse{0x0011, StatusCode::Success, 3, sample_elements(true)}});
  v.push_back(
      {hdr(kAp, kSta, kAp, 8), ReassociationRequest{0x0011, 3, kAp, sample_elements(false)}});
  v.push_back({hdr(kSta, kAp, kAp, 9),
               ReassociationResponse{0x0011, StatusCode::Success, 4, sample_elements(false)}});
  v.push_back({hdr(kAp, kSta, kAp, 10), Disassociation{ReasonCode::DisassocLeaving, {}}});
  v.push_back({hdr(kSta, kAp, kAp, 11), Deauthentication{ReasonCode::DeauthLeaving, {}}});
  // Unknown numeric values survive unchanged.
  v.push_back({hdr(kSta, kAp, kAp, 4095), Deauthentication{static_cast<ReasonCode>(0x1234), {}}});
  v.push_back(
      {hdr(kSta, kAp, kAp, 12), AssociationResponse{0xffff, static_cast<StatusCode>(999), 0, {}}});
  // +HTC: an HT Control field after Sequence Control.
  MgmtFrame htc{hdr(kAp, kSta, kAp, 13), Authentication{}};
  htc.header.flags.order = true;
  htc.header.ht_control = 0xa1b2c3d4;
  v.push_back(htc);
  MgmtFrame flags{hdr(kAp, kSta, kAp, 14), AssociationRequest{}};
  flags.header.flags.retry = true;
  flags.header.flags.power_management = true;
  flags.header.duration = 314;
  flags.header.seq.fragment = 3;
  v.push_back(flags);
  return v;
}

TEST(Mgmt, EveryBodyRoundTrips) {
  for (const auto& f : every_body()) {
    Bytes b = build_mgmt(f);
    auto p = parse_mgmt(b);
    ASSERT_TRUE(p) << to_hex(b) << " " << describe(p.error());
    EXPECT_EQ(*p, f) << to_hex(b);
    EXPECT_EQ(build_mgmt(*p), b);
  }
}

TEST(Mgmt, HtControlIsLittleEndianAfterSeqCtl) {
  MgmtFrame f = every_body()[13];
  Bytes b = build_mgmt(f);
  EXPECT_EQ(to_hex(ByteView(b).first(2)), "b080");
  EXPECT_EQ(to_hex(ByteView(b).subspan(24, 4)), "d4c3b2a1");
}

// Fixed-part length of each body (offset where the elements start).
std::size_t fixed_end(const MgmtFrame& f) {
  std::size_t h = f.header.ht_control ? 28 : 24;
  switch (f.subtype()) {
    case MgmtSubtype::Beacon:
    case MgmtSubtype::ProbeResponse: return h + 12;
    case MgmtSubtype::ProbeRequest: return h;
    case MgmtSubtype::Authentication: return h + 6;
    case MgmtSubtype::AssociationRequest: return h + 4;
    case MgmtSubtype::ReassociationRequest: return h + 10;
    case MgmtSubtype::AssociationResponse:
    case MgmtSubtype::ReassociationResponse: return h + 6;
    default: return h + 2;
  }
}

TEST(Mgmt, EveryTruncationIsAnErrorOrAnElementBoundary) {
  for (const auto& f : every_body()) {
    const Bytes full = build_mgmt(f);
    const std::size_t fixed = fixed_end(f);
    for (std::size_t n = 0; n < full.size(); ++n) {
      ByteView cut = ByteView(full).first(n);
      auto p = parse_mgmt(cut);
      if (n < fixed) {
        ASSERT_FALSE(p) << n;
        EXPECT_EQ(p.error().code, Errc::Truncated) << n;
        EXPECT_LE(p.error().offset, n);
        continue;
      }
      if (p) {
        // Only a cut exactly between elements parses, and then to exactly the cut bytes.
        EXPECT_EQ(build_mgmt(*p), Bytes(cut.begin(), cut.end())) << n;
      } else {
        EXPECT_EQ(p.error().code, Errc::Dot11BadIe) << n;
        EXPECT_GE(p.error().offset, fixed) << n;
        EXPECT_LT(p.error().offset, n) << n;
      }
    }
  }
}

TEST(Mgmt, TruncatedFieldOffsets) {
  Bytes auth = build_mgmt({hdr(kAp, kSta, kAp, 1), Authentication{}});
  auto p = parse_mgmt(ByteView(auth).first(29));  // status field cut in half
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error(), (Error{Errc::Truncated, 28, 0}));
  auto h = parse_mgmt(ByteView(auth).first(15));  // inside A2
  ASSERT_FALSE(h);
  EXPECT_EQ(h.error(), (Error{Errc::Truncated, 10, 0}));
  auto fc = parse_mgmt(ByteView(auth).first(1));
  ASSERT_FALSE(fc);
  EXPECT_EQ(fc.error(), (Error{Errc::Truncated, 0, 0}));
}

TEST(Mgmt, RejectsWrongTypeVersionAndUnsupportedSubtypes) {
  Bytes auth = build_mgmt({hdr(kAp, kSta, kAp, 1), Authentication{}});
  Bytes v1 = auth;
  v1[0] |= 0x01;  // protocol version 1
  EXPECT_EQ(parse_mgmt(v1).error().code, Errc::Dot11BadFrameControl);
  Bytes data = auth;
  data[0] = 0x08;  // type Data
  EXPECT_EQ(parse_mgmt(data).error().code, Errc::Dot11BadFrameControl);
  Bytes action = auth;
  action[0] = 0xd0;  // Action
  EXPECT_EQ(parse_mgmt(action).error(), (Error{Errc::Dot11UnsupportedFrame, 0, 0}));
  Bytes reserved = auth;
  reserved[0] = 0x70;  // subtype 7 is reserved
  EXPECT_EQ(parse_mgmt(reserved).error().code, Errc::Dot11UnsupportedFrame);
  Bytes prot = auth;
  prot[1] = 0x40;  // Protected management frame
  EXPECT_EQ(parse_mgmt(prot).error().code, Errc::Dot11UnsupportedFrame);
}

TEST(Mgmt, ElementOverrunReportsOffset) {
  Bytes b = build_mgmt({hdr(kAp, kSta, kAp, 1), ProbeRequest{sample_elements(false)}});
  b.push_back(0xdd);
  b.push_back(0x09);
  b.push_back(0x00);
  auto p = parse_mgmt(b);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error(), (Error{Errc::Dot11BadIe, static_cast<std::uint32_t>(b.size() - 3), 0}));
}

TEST(Mgmt, SubtypeOfFollowsTheBody) {
  EXPECT_EQ(subtype_of(Beacon{}), MgmtSubtype::Beacon);
  EXPECT_EQ(subtype_of(ReassociationResponse{}), MgmtSubtype::ReassociationResponse);
  EXPECT_EQ(subtype_of(Deauthentication{}), MgmtSubtype::Deauthentication);
}

}  // namespace
}  // namespace wps::dot11
