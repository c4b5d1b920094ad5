#include "sim/classify.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dot11/data.hpp"
#include "fake_nodes.hpp"
#include "pcap/reader.hpp"
#include "support/test_support.hpp"

namespace wps::sim {
namespace {

using namespace fake;

TEST(Classify, RecognisesEapWscMessage) {
  const Bytes wsc = wsc_message(wsc_msg::kM4);
  const Bytes pdu = eapol(0, eap_wsc(1, 7, 4, 0, wsc));
  const Bytes frame = from_ds(kApAddr, kStaAddr, dot11::kEtherTypeEapol, pdu);

  auto info = inspect_eapol(frame);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->source, kApAddr);
  EXPECT_EQ(info->destination, kStaAddr);
  EXPECT_EQ(info->version, 2);
  EXPECT_EQ(info->type, eapol_type::kEapPacket);
  EXPECT_EQ(info->body_length, pdu.size() - 4);
  EXPECT_TRUE(equal(info->eapol, pdu));
  ASSERT_TRUE(info->eap);
  EXPECT_EQ(info->eap->code, 1);
  EXPECT_EQ(info->eap->identifier, 7);
  EXPECT_EQ(info->eap->length, pdu.size() - 4);
  EXPECT_EQ(info->eap->type, 254);
  ASSERT_TRUE(info->eap->wsc);
  EXPECT_EQ(info->eap->wsc->op_code, 4);
  EXPECT_EQ(info->eap->wsc->flags, 0);
  EXPECT_FALSE(info->eap->wsc->message_length);
  EXPECT_EQ(info->eap->wsc->message_type, wsc_msg::kM4);
  EXPECT_TRUE(equal(info->eap->wsc->payload, wsc));
  EXPECT_EQ(wsc_message_type(frame), wsc_msg::kM4);
}

TEST(Classify, MessageTypeFoundAfterOtherAttributes) {
  ByteWriter w;
  w.u16be(0x1049).u16be(3).u8(1).u8(2).u8(3);  // something first
  w.u16be(0x1022).u16be(1).u8(wsc_msg::kM7);
  const Bytes frame = to_ds(kStaAddr, kApAddr, kPae, dot11::kEtherTypeEapol,
                            eapol(0, eap_wsc(2, 1, 4, 0, w.view())));
  EXPECT_EQ(wsc_message_type(frame), wsc_msg::kM7);
}

TEST(Classify, FragmentsAndMessagelessOpCodes) {
  const Bytes wsc = wsc_message(wsc_msg::kM1, 200);
  const ByteView first = ByteView(wsc).first(100);
  const ByteView middle = ByteView(wsc).subspan(100, 50);
  // First fragment: MF | LF with the total length; the TLV walk stops at the cut attribute but
  // has already met the Message Type.
  const Bytes f1 = to_ds(kStaAddr, kApAddr, kPae, dot11::kEtherTypeEapol,
                         eapol(0, eap_wsc(2, 1, 4, 0x03, first, std::uint16_t(wsc.size()))));
  auto i1 = inspect_eapol(f1);
  ASSERT_TRUE(i1 && i1->eap && i1->eap->wsc);
  EXPECT_EQ(i1->eap->wsc->message_length, wsc.size());
  EXPECT_EQ(i1->eap->wsc->message_type, wsc_msg::kM1);
  EXPECT_EQ(i1->eap->wsc->payload.size(), 100u);
  // Middle fragment (MF only): never a message type, even if its data happened to hold one.
  const Bytes looks_like_m1 = concat({wsc_message(wsc_msg::kM1), middle});
  const Bytes f2 = to_ds(kStaAddr, kApAddr, kPae, dot11::kEtherTypeEapol,
                         eapol(0, eap_wsc(2, 2, 4, 0x01, looks_like_m1)));
  auto i2 = inspect_eapol(f2);
  ASSERT_TRUE(i2 && i2->eap && i2->eap->wsc);
  EXPECT_FALSE(i2->eap->wsc->message_type);
  // WSC_Start (op 1) and FRAG_ACK (op 6) carry no message.
  const Bytes start =
      from_ds(kApAddr, kStaAddr, dot11::kEtherTypeEapol, eapol(0, eap_wsc(1, 3, 1, 0, {})));
  auto i3 = inspect_eapol(start);
  ASSERT_TRUE(i3 && i3->eap && i3->eap->wsc);
  EXPECT_EQ(i3->eap->wsc->op_code, 1);
  EXPECT_FALSE(i3->eap->wsc->message_type);
  // A TLV whose length runs past the data hides whatever follows it.
  ByteWriter bad;
  bad.u16be(0x104A).u16be(200).u8(0x10);
  EXPECT_FALSE(wsc_message_type(to_ds(kStaAddr, kApAddr, kPae, dot11::kEtherTypeEapol,
                                      eapol(0, eap_wsc(2, 1, 4, 0, bad.view())))));
  // Message Type attribute of the wrong length does not count.
  ByteWriter wrong;
  wrong.u16be(0x1022).u16be(2).u8(4).u8(4);
  EXPECT_FALSE(wsc_message_type(to_ds(kStaAddr, kApAddr, kPae, dot11::kEtherTypeEapol,
                                      eapol(0, eap_wsc(2, 1, 4, 0, wrong.view())))));
}

TEST(Classify, EapolWithoutEapAndEapWithoutWsc) {
  const Bytes start = to_ds(kStaAddr, kApAddr, kPae, dot11::kEtherTypeEapol, eapol(1, {}));
  auto s = inspect_eapol(start);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->type, eapol_type::kStart);
  EXPECT_FALSE(s->eap);

  // EAP-Failure (code 4, length 4): no type.
  const Bytes failure =
      from_ds(kApAddr, kStaAddr, dot11::kEtherTypeEapol, eapol(0, Bytes{0x04, 0x09, 0x00, 0x04}));
  auto f = inspect_eapol(failure);
  ASSERT_TRUE(f && f->eap);
  EXPECT_EQ(f->eap->code, 4);
  EXPECT_EQ(f->eap->identifier, 9);
  EXPECT_FALSE(f->eap->type);
  EXPECT_FALSE(f->eap->wsc);

  // EAP-Request/Identity: type 1, no WSC.
  const Bytes ident = from_ds(kApAddr, kStaAddr, dot11::kEtherTypeEapol,
                              eapol(0, Bytes{0x01, 0x05, 0x00, 0x05, 0x01}));
  auto i = inspect_eapol(ident);
  ASSERT_TRUE(i && i->eap);
  EXPECT_EQ(i->eap->type, 1);
  EXPECT_FALSE(i->eap->wsc);

  // Expanded type of another vendor: not WSC.
  Bytes other = eap_wsc(1, 5, 4, 0, wsc_message(wsc_msg::kM2));
  other[6] = 0x99;  // vendor-id octet
  auto o = inspect_eapol(from_ds(kApAddr, kStaAddr, dot11::kEtherTypeEapol, eapol(0, other)));
  ASSERT_TRUE(o && o->eap);
  EXPECT_EQ(o->eap->type, 254);
  EXPECT_FALSE(o->eap->wsc);
}

TEST(Classify, EapLengthBoundsTheWalk) {
  // The EAP length says the packet ends before the Message Type: padding after it is ignored.
  Bytes eap = eap_wsc(2, 1, 4, 0, wsc_message(wsc_msg::kM3));
  eap[2] = 0;
  eap[3] = 14 + 5;  // header + the Version TLV only
  auto t = wsc_message_type(to_ds(kStaAddr, kApAddr, kPae, dot11::kEtherTypeEapol, eapol(0, eap)));
  EXPECT_FALSE(t);
}

TEST(Classify, NotEapolFrames) {
  EXPECT_FALSE(inspect_eapol(beacon(kApAddr, 0, 0)));
  EXPECT_FALSE(inspect_eapol(to_ds(kStaAddr, kApAddr, kApAddr, 0x0800, Bytes{0x45, 0})));
  EXPECT_FALSE(inspect_eapol(Bytes{}));
  EXPECT_FALSE(inspect_eapol(Bytes{0x08}));
  // EAPOL header cut short.
  EXPECT_FALSE(inspect_eapol(
      to_ds(kStaAddr, kApAddr, kPae, dot11::kEtherTypeEapol, Bytes{0x02, 0x01, 0x00})));
  // Protected frame: body is ciphertext.
  auto f = dot11::make_to_ds(kApAddr, kStaAddr, kPae,
                             dot11::build_llc_snap(dot11::kEtherTypeEapol, eapol(1, {})));
  f.flags.protected_frame = true;
  EXPECT_FALSE(inspect_eapol(dot11::build_data(f)));
  EXPECT_FALSE(to_ethernet(beacon(kApAddr, 0, 0)));
}

TEST(Classify, ToEthernetUsesDaSaAndCopiesEapol) {
  const Bytes pdu = eapol(1, {});
  const Bytes up = to_ds(kStaAddr, kApAddr, kPae, dot11::kEtherTypeEapol, pdu);
  auto e = to_ethernet(up);
  ASSERT_TRUE(e);
  EXPECT_EQ(to_hex(*e), "0180c2000003"
                        "02000000"
                        "0b01"
                        "888e"
                        "02010000");
  const Bytes down = from_ds(kApAddr, kStaAddr, dot11::kEtherTypeEapol, pdu);
  auto d = to_ethernet(down);
  ASSERT_TRUE(d);
  EXPECT_EQ(to_hex(*d), "020000000b01"
                        "020000000a01"
                        "888e"
                        "02010000");
}

// ---- real captures: hostapd 2.10 <-> wpa_supplicant 2.10 over Ethernet (WPS-FACTS "IO") -------

/// Wireshark's wps.message_type per frame (summary.tsv, column 12; empty when none).
std::vector<std::string> wireshark_types(const std::string& mode) {
  std::ifstream in(test::captures_dir() / mode / "summary.tsv");
  std::vector<std::string> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, '\t')) cols.push_back(c);
    out.push_back(cols.size() > 11 ? cols[11] : "");
  }
  return out;
}

std::string hex_type(std::optional<std::uint8_t> t) {
  if (!t) return "";
  static const char* d = "0123456789abcdef";
  return std::string("0x") + d[*t >> 4] + d[*t & 15];
}

class RealCapture : public ::testing::TestWithParam<const char*> {};

TEST_P(RealCapture, WrappedIn80211MatchesWiresharkAndConvertsBack) {
  const std::string mode = GetParam();
  auto r = pcap::Reader::open(test::capture_pcap(mode));
  if (!r) GTEST_SKIP() << "capture not available: " << mode;
  const auto expected = wireshark_types(mode);
  ASSERT_FALSE(expected.empty());
  std::size_t n = 0;
  std::size_t typed = 0;
  for (;;) {
    auto p = r->next();
    ASSERT_TRUE(p);
    if (!*p) break;
    const Bytes eth = to_bytes((*p)->data);
    ASSERT_GE(eth.size(), 14u);
    ASSERT_EQ(eth[12], 0x88);
    ASSERT_EQ(eth[13], 0x8e);
    const MacAddr da = *MacAddr::from(ByteView(eth).first(6));
    const MacAddr sa = *MacAddr::from(ByteView(eth).subspan(6, 6));
    // ToDS frame: SA = A2, DA = A3 (so the Ethernet addresses survive the round trip).
    const Bytes frame = to_ds(sa, kApAddr, da, dot11::kEtherTypeEapol, ByteView(eth).subspan(14),
                              static_cast<std::uint16_t>(n));
    auto back = to_ethernet(frame);
    ASSERT_TRUE(back) << mode << " frame " << n + 1;
    EXPECT_EQ(to_hex(*back), to_hex(eth)) << mode << " frame " << n + 1;
    ASSERT_LT(n, expected.size());
    const auto t = wsc_message_type(frame);
    EXPECT_EQ(hex_type(t), expected[n]) << mode << " frame " << n + 1;
    if (t) ++typed;
    ++n;
  }
  EXPECT_EQ(n, expected.size());
  EXPECT_GE(typed, 5u);
}

INSTANTIATE_TEST_SUITE_P(Interop, RealCapture,
                         ::testing::Values("pin", "late-pin", "wrong-pin", "wrong-pin2", "frag",
                                           "er", "er-config"));

}  // namespace
}  // namespace wps::sim
