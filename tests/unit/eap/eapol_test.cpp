#include "eap/eapol.hpp"

#include <gtest/gtest.h>

#include "capture_frames.hpp"
#include "support/test_support.hpp"

namespace wps::eap {
namespace {

/// The error of a Result, or Error{} (code Ok) when it holds a value: lets a wrong expectation
/// fail the test instead of tripping Result's precondition.
template <typename T>
Error err(const Result<T>& r) {
  return r ? Error{} : r.error();
}

using test::hex;

const MacAddr kSta = *MacAddr::parse("02:00:00:00:0b:01");
const MacAddr kAp = *MacAddr::parse("02:00:00:00:0a:01");

TEST(Ethernet, PaeGroupAddressIsTheIeee8021xGroupAddress) {
  EXPECT_EQ(kPaeGroupAddress.str(), "01:80:c2:00:00:03");
  EXPECT_TRUE(kPaeGroupAddress.is_group());
}

TEST(Eapol, ParsesRealEapolStart) {
  // pin/wps.pcap frame 1: wpa_supplicant's EAPOL-Start to the PAE group address.
  const Bytes frame = hex(fixtures::kPin1EapolStart);
  auto eth = parse_ethernet(frame);
  ASSERT_TRUE(eth) << describe(eth.error());
  EXPECT_EQ(eth->dst, kPaeGroupAddress);
  EXPECT_EQ(eth->src, kSta);
  EXPECT_EQ(eth->ether_type, kEtherTypeEapol);
  EXPECT_EQ(eth->payload_offset, 14u);

  auto eapol = parse_eapol(eth->payload, eth->payload_offset);
  ASSERT_TRUE(eapol) << describe(eapol.error());
  EXPECT_EQ(eapol->version, 2);
  EXPECT_EQ(eapol->type, EapolType::Start);
  EXPECT_TRUE(eapol->body.empty());
  EXPECT_EQ(eapol->body_offset, 18u);
  EXPECT_EQ(eapol->trailing, 0u);  // veth does not pad (REPORT gotcha 9)

  // And we build the very same frame.
  EXPECT_EQ(build_ethernet(kPaeGroupAddress, kSta, build_eapol_start()), frame);
}

TEST(Eapol, ParsesRealEapPacketFrame) {
  // pin/wps.pcap frame 2: AP -> STA EAP-Request/Identity, EAPOL body length 5.
  const Bytes frame = hex(fixtures::kPin2ReqIdentity);
  auto eth = parse_ethernet(frame);
  ASSERT_TRUE(eth);
  EXPECT_EQ(eth->dst, kSta);
  EXPECT_EQ(eth->src, kAp);
  auto eapol = parse_eapol(eth->payload, eth->payload_offset);
  ASSERT_TRUE(eapol);
  EXPECT_EQ(eapol->type, EapolType::EapPacket);
  EXPECT_EQ(to_hex(eapol->body), "015a000501");
  EXPECT_EQ(build_ethernet(kSta, kAp, build_eapol(EapolType::EapPacket, eapol->body)), frame);
}

TEST(Eapol, BuildRoundTripsEveryTypeAndVersion) {
  const Bytes body = hex("01 02 03 04 05");
  for (std::uint8_t v = 1; v <= 3; ++v) {
    for (std::uint8_t t = 0; t <= 4; ++t) {
      const Bytes b = build_eapol(static_cast<EapolType>(t), body, v);
      ASSERT_EQ(b.size(), 9u);
      EXPECT_EQ(b[0], v);
      EXPECT_EQ(b[1], t);
      EXPECT_EQ(b[2], 0);
      EXPECT_EQ(b[3], 5);
      auto p = parse_eapol(b);
      ASSERT_TRUE(p) << describe(p.error());
      EXPECT_EQ(p->version, v);
      EXPECT_EQ(static_cast<int>(p->type), t);
      EXPECT_TRUE(equal(p->body, body));
    }
  }
  EXPECT_EQ(build_eapol_start()[0], kEapolDefaultVersion);
  EXPECT_EQ(kEapolDefaultVersion, 2);  // hostapd's eapol_version default (WPS-FACTS §3.1)
}

TEST(Eapol, EveryTruncationIsReported) {
  const Bytes full = build_eapol(EapolType::EapPacket, hex("02 5a 00 05 01"));
  for (std::size_t n = 0; n < full.size(); ++n) {
    auto p = parse_eapol(ByteView(full).first(n), 100);
    ASSERT_FALSE(p) << "n=" << n;
    EXPECT_EQ(err(p).code, Errc::Truncated) << "n=" << n;
    // Header incomplete → the header's start; body incomplete → the body's start.
    EXPECT_EQ(err(p).offset, n < 4 ? 100u : 104u) << "n=" << n;
  }
  EXPECT_TRUE(parse_eapol(full));
}

TEST(Eapol, RejectsBadVersionAndType) {
  for (int v : {0, 4, 0xff}) {
    Bytes b = build_eapol(EapolType::Start, {});
    b[0] = static_cast<std::uint8_t>(v);
    auto p = parse_eapol(b, 14);
    ASSERT_FALSE(p);
    EXPECT_EQ(err(p), (Error{Errc::EapolBadVersion, 14, 0}));
  }
  for (int t : {5, 6, 0x80, 0xff}) {
    Bytes b = build_eapol(EapolType::Start, {});
    b[1] = static_cast<std::uint8_t>(t);
    auto p = parse_eapol(b, 14);
    ASSERT_FALSE(p);
    EXPECT_EQ(err(p), (Error{Errc::EapolBadType, 15, 0}));
  }
}

TEST(Eapol, EthernetPaddingIsTrailingNotBody) {
  // A physical NIC pads the 18-octet EAPOL-Start to 60 octets: the padding is reported, not
  // taken as body.
  const Bytes frame =
      build_ethernet(kPaeGroupAddress, kSta, build_eapol_start(), EthernetPad::ToMinimum);
  ASSERT_EQ(frame.size(), kEthernetMinFrameLen);
  auto eth = parse_ethernet(frame);
  ASSERT_TRUE(eth);
  auto eapol = parse_eapol(eth->payload, eth->payload_offset);
  ASSERT_TRUE(eapol);
  EXPECT_TRUE(eapol->body.empty());
  EXPECT_EQ(eapol->trailing, 60u - 18u);
  // Long frames are never padded.
  EXPECT_EQ(build_ethernet(kSta, kAp, Bytes(100, 0), EthernetPad::ToMinimum).size(), 114u);
}

TEST(Ethernet, TruncationAndWrongEtherType) {
  const Bytes frame = hex(fixtures::kPin1EapolStart);
  for (std::size_t n = 0; n < kEthernetHeaderLen; ++n) {
    auto p = parse_ethernet(ByteView(frame).first(n));
    ASSERT_FALSE(p);
    EXPECT_EQ(err(p), (Error{Errc::Truncated, 0, 0}));
  }
  auto header_only = parse_ethernet(ByteView(frame).first(kEthernetHeaderLen));
  ASSERT_TRUE(header_only);
  EXPECT_TRUE(header_only->payload.empty());

  Bytes ipv4 = frame;
  ipv4[12] = 0x08;
  ipv4[13] = 0x00;
  auto p = parse_ethernet(ipv4, 7);
  ASSERT_FALSE(p);
  EXPECT_EQ(err(p), (Error{Errc::EapolBadEtherType, 19, 0}));
  Bytes vlan = frame;
  vlan[12] = 0x81;
  vlan[13] = 0x00;
  EXPECT_EQ(err(parse_ethernet(vlan)).code, Errc::EapolBadEtherType);
}

TEST(Eapol, EveryFrameOfEveryCaptureParses) {
  // All 7 interop runs: every frame is Ethernet/EAPOL with a body that fits exactly.
  std::size_t total = 0;
  for (const char* mode :
       {"pin", "frag", "late-pin", "wrong-pin", "wrong-pin2", "er", "er-config"}) {
    const auto frames = fixtures::read_pcap_frames(fixtures::capture(mode));
    ASSERT_FALSE(frames.empty()) << mode;
    for (const Bytes& f : frames) {
      auto eth = parse_ethernet(f);
      ASSERT_TRUE(eth) << mode;
      auto eapol = parse_eapol(eth->payload, eth->payload_offset);
      ASSERT_TRUE(eapol) << mode << ": " << describe(eapol.error());
      EXPECT_EQ(eapol->version, 2) << mode;
      EXPECT_EQ(eapol->trailing, 0u) << mode;
      ++total;
    }
  }
  EXPECT_GE(total, 14u + 40u);
}

}  // namespace
}  // namespace wps::eap
