#include "dot11/data.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace wps::dot11 {
namespace {

using test::hex;

const MacAddr kAp = *MacAddr::parse("02:00:00:00:0a:01");
const MacAddr kSta = *MacAddr::parse("02:00:00:00:0b:01");
const MacAddr kOther = *MacAddr::parse("02:00:00:00:0c:01");

TEST(Data, EapolStaToApIsByteExact) {
  // WPS-FACTS §2.1: data STA->AP, FC 08 01, A1 = BSSID, A2 = STA, A3 = DA; LLC/SNAP
  // aa aa 03 00 00 00 88 8e, then the EAPOL frame (here EAPOL-Start, version 2, type 1, len 0).
  DataFrame f = make_to_ds(kAp, kSta, kAp, build_llc_snap(kEtherTypeEapol, hex("02 01 00 00")));
  f.seq = SequenceControl{2, 0};
  EXPECT_EQ(build_data(f), hex("08 01 00 00 020000000a01 020000000b01 020000000a01 20 00"
                               " aa aa 03 00 00 00 88 8e 02 01 00 00"));
  auto p = parse_data(build_data(f));
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, f);
  auto llc = parse_llc_snap(p->body);
  ASSERT_TRUE(llc);
  EXPECT_EQ(llc->ethertype, kEtherTypeEapol);
  EXPECT_EQ(to_hex(llc->payload), "02010000");
}

TEST(Data, ApToStaAddressMapping) {
  DataFrame f = make_from_ds(kSta, kAp, kOther, hex("aa aa 03 00 00 00 08 00 45"));
  Bytes b = build_data(f);
  EXPECT_EQ(to_hex(ByteView(b).first(2)), "0802");
  EXPECT_EQ(f.receiver(), kSta);
  EXPECT_EQ(f.transmitter(), kAp);
  EXPECT_EQ(f.destination(), kSta);
  EXPECT_EQ(f.source(), kOther);
  EXPECT_EQ(f.bssid(), kAp);
  DataFrame t = make_to_ds(kAp, kSta, MacAddr::broadcast(), {});
  EXPECT_EQ(t.destination(), MacAddr::broadcast());
  EXPECT_EQ(t.source(), kSta);
  EXPECT_EQ(t.bssid(), kAp);
  DataFrame ibss;
  ibss.addr1 = kSta;
  ibss.addr2 = kOther;
  ibss.addr3 = kAp;
  EXPECT_EQ(ibss.destination(), kSta);
  EXPECT_EQ(ibss.source(), kOther);
  EXPECT_EQ(ibss.bssid(), kAp);
}

TEST(Data, QosFourAddressAndHtControlRoundTrip) {
  DataFrame q = make_to_ds(kAp, kSta, kAp, hex("01 02 03"));
  q.subtype = DataSubtype::QosData;
  q.qos_control = 0x0007;  // TID 7
  Bytes b = build_data(q);
  EXPECT_EQ(to_hex(ByteView(b).first(2)), "8801");
  EXPECT_EQ(q.header_length(), 26u);
  EXPECT_EQ(to_hex(ByteView(b).subspan(24, 2)), "0700");
  EXPECT_EQ(parse_data(b).value(), q);

  DataFrame w = q;
  w.flags.from_ds = true;
  w.addr4 = kOther;
  w.flags.order = true;
  w.ht_control = 0x01020304;
  EXPECT_EQ(w.header_length(), 36u);
  Bytes wb = build_data(w);
  EXPECT_EQ(wb.size(), 39u);
  EXPECT_EQ(to_hex(ByteView(wb).subspan(24, 12)), "020000000c01"
                                                  "0700"
                                                  "04030201");
  EXPECT_EQ(parse_data(wb).value(), w);
  EXPECT_EQ(w.source(), kOther);
  EXPECT_FALSE(w.bssid());
}

TEST(Data, ProtectedBodyIsOpaque) {
  // CCMP header ‖ ciphertext ‖ MIC are just bytes to this codec (WPS-FACTS §10.3).
  DataFrame f =
      make_to_ds(kAp, kSta, MacAddr::broadcast(), hex("01 00 00 20 00 00 00 00 de ad be ef"));
  f.flags.protected_frame = true;
  Bytes b = build_data(f);
  EXPECT_EQ(to_hex(ByteView(b).first(2)), "0841");
  auto p = parse_data(b);
  ASSERT_TRUE(p);
  EXPECT_TRUE(p->flags.protected_frame);
  EXPECT_EQ(p->body, f.body);
  EXPECT_EQ(build_data_header(f), Bytes(b.begin(), b.begin() + 24));
}

TEST(Data, EveryTruncationOfTheHeaderIsTruncated) {
  DataFrame w = make_to_ds(kAp, kSta, kAp, hex("aa aa 03 00 00 00 88 8e 02 01 00 00"));
  w.subtype = DataSubtype::QosData;
  w.qos_control = 0;
  w.flags.from_ds = true;
  w.addr4 = kOther;
  const Bytes full = build_data(w);
  // Field starts: FC 0, Duration 2, A1 4, A2 10, A3 16, SeqCtl 22, A4 24, QoS 30, body 32.
  const std::size_t starts[] = {0, 2, 4, 10, 16, 22, 24, 30};
  for (std::size_t n = 0; n < full.size(); ++n) {
    auto p = parse_data(ByteView(full).first(n));
    if (n >= 32) {
      ASSERT_TRUE(p) << n;
      EXPECT_EQ(p->body.size(), n - 32);
      continue;
    }
    ASSERT_FALSE(p) << n;
    EXPECT_EQ(p.error().code, Errc::Truncated);
    std::size_t field = 0;
    for (std::size_t s : starts)
      if (s <= n) field = s;
    EXPECT_EQ(p.error().offset, field) << n;
  }
}

TEST(Data, RejectsOtherSubtypesAndNullWithBody) {
  Bytes b = build_data(make_to_ds(kAp, kSta, kAp, {}));
  Bytes cf_ack = b;
  cf_ack[0] = 0x18;  // Data + CF-Ack
  EXPECT_EQ(parse_data(cf_ack).error(), (Error{Errc::Dot11UnsupportedFrame, 0, 0}));
  Bytes mgmt = b;
  mgmt[0] = 0x00;
  EXPECT_EQ(parse_data(mgmt).error().code, Errc::Dot11BadFrameControl);
  Bytes null = b;
  null[0] = 0x48;  // Null function
  EXPECT_TRUE(parse_data(null));
  null.push_back(0x00);
  EXPECT_EQ(parse_data(null).error(), (Error{Errc::TrailingBytes, 24, 0}));
}

TEST(LlcSnap, ErrorsAndOtherEtherTypes) {
  EXPECT_EQ(build_llc_snap(0x0800, hex("45")), hex("aa aa 03 00 00 00 08 00 45"));
  auto s = parse_llc_snap(hex("aa aa 03 00 00 00 88"), 24);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error(), (Error{Errc::Truncated, 24, 0}));
  auto bridge = parse_llc_snap(hex("aa aa 03 00 00 f8 80 f3"), 24);  // 802.1H bridge tunnel OUI
  ASSERT_FALSE(bridge);
  EXPECT_EQ(bridge.error(), (Error{Errc::Dot11UnsupportedFrame, 24, 0}));
  auto empty = parse_llc_snap(hex("aa aa 03 00 00 00 88 8e"));
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->payload.empty());
}

}  // namespace
}  // namespace wps::dot11
