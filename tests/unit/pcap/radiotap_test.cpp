#include "pcap/radiotap.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace wps::pcap {
namespace {

using test::hex;

template <typename T>
Error err(const Result<T>& r) {
  return r ? Error{} : r.error();
}

// A Deauthentication frame body-less header (24 octets) standing in for any 802.11 frame.
const Bytes kDot11 = hex("c0003a01 020000000b01 020000000a01 020000000a01 0000");

TEST(Radiotap, BuildsTheExpectedLayout) {
  RadiotapFields f;
  f.flags = 0x10;
  f.rate_500kbps = 2;  // 1 Mb/s
  f.channel_mhz = 2412;
  f.channel_flags = kChannel2Ghz | kChannelCck;
  f.antenna_signal_dbm = -40;
  // version 0, pad 0, it_len 15, present = Flags|Rate|Channel|Signal = 0x2e; Flags @8, Rate @9,
  // Channel aligned to 2 → @10 (0x096c, 0x00a0), Signal @14 (0xd8).
  EXPECT_EQ(to_hex(build_radiotap(f)), "00000f002e000000"
                                       "10"
                                       "02"
                                       "6c09a000"
                                       "d8");

  RadiotapFields t;
  t.tsft = 0x0102030405060708;
  t.flags = 0;
  // TSFT needs 8-alignment: fields start at 8, so no padding; it_len 17.
  EXPECT_EQ(to_hex(build_radiotap(t)), "0000110003000000"
                                       "0807060504030201"
                                       "00");

  RadiotapFields c;
  c.flags = 0;
  c.channel_mhz = 5180;
  c.channel_flags = kChannel5Ghz | kChannelOfdm;
  // Flags @8, then one pad octet so Channel starts at 10.
  EXPECT_EQ(to_hex(build_radiotap(c)), "00000e000a000000"
                                       "00"
                                       "00"
                                       "3c144001");
  EXPECT_EQ(to_hex(build_radiotap({})), "0000080000000000");
}

TEST(Radiotap, RoundTripsEveryFieldCombination) {
  for (unsigned mask = 0; mask < 128; ++mask) {
    RadiotapFields f;
    if (mask & 1) f.tsft = 0xfedcba9876543210;
    if (mask & 2) f.flags = 0x02;
    if (mask & 4) f.rate_500kbps = 108;
    if (mask & 8) {
      f.channel_mhz = 2437;
      f.channel_flags = kChannel2Ghz | kChannelOfdm;
    }
    if (mask & 16) f.antenna_signal_dbm = -87;
    if (mask & 32) f.antenna_noise_dbm = -95;
    if (mask & 64) f.antenna = 3;
    const Bytes hdr = build_radiotap(f);
    const Bytes packet = concat({hdr, kDot11});
    auto p = parse_radiotap(packet);
    ASSERT_TRUE(p) << mask << ": " << describe(p.error());
    EXPECT_EQ(p->length, hdr.size());
    EXPECT_EQ(p->present_words, 1u);
    EXPECT_TRUE(p->fields_complete);
    EXPECT_EQ(p->fields, f) << mask;
    auto d = strip_radiotap(packet);
    ASSERT_TRUE(d);
    EXPECT_EQ(to_bytes(d->frame), kDot11);
    EXPECT_EQ(d->offset, hdr.size());
    EXPECT_FALSE(d->fcs_removed);
  }
}

TEST(Radiotap, FcsFlagStripsFourOctets) {
  RadiotapFields f;
  f.flags = kRadiotapFlagFcs;
  const Bytes packet = concat({build_radiotap(f), kDot11, hex("deadbeef")});
  auto d = strip_radiotap(packet);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->fcs_removed);
  EXPECT_FALSE(d->bad_fcs);
  EXPECT_EQ(to_bytes(d->frame), kDot11);
  ASSERT_TRUE(d->radiotap);
  EXPECT_TRUE(d->radiotap->has_fcs());

  f.flags = kRadiotapFlagFcs | kRadiotapFlagBadFcs;
  auto bad = strip_radiotap(concat({build_radiotap(f), kDot11, hex("00000000")}));
  ASSERT_TRUE(bad);
  EXPECT_TRUE(bad->bad_fcs);

  // Flagged FCS but fewer than 4 octets after the header.
  f.flags = kRadiotapFlagFcs;
  const Bytes hdr = build_radiotap(f);
  for (std::size_t extra = 0; extra < 4; ++extra) {
    Bytes p = hdr;
    p.resize(hdr.size() + extra, 0xaa);
    EXPECT_EQ(err(strip_radiotap(p)),
              (Error{Errc::PcapBadRadiotap, static_cast<std::uint32_t>(hdr.size()), 0}));
  }
  Bytes four = hdr;
  four.resize(hdr.size() + 4, 0xaa);
  auto empty = strip_radiotap(four);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->frame.empty());
}

TEST(Radiotap, ExtendedBitmapsWithRepeatedRadiotapNamespaces) {
  // The per-chain layout Linux mac80211 uses: word 0 = TSFT|Flags|Rate|Channel|Signal|RX flags
  // plus bit 29 (next word: radiotap namespace again) and bit 31; word 1 = Signal|Antenna|29|31
  // (chain 0); word 2 = Signal|Antenna (chain 1). Fields start after three words, at 16:
  // TSFT @16, Flags @24, Rate @25, Channel @26, Signal @30, RX flags @32 (aligned 2),
  // chain 0 Signal @34, Antenna @35, chain 1 Signal @36, Antenna @37 → it_len 38.
  const Bytes hdr = hex("0000 2600 2f4000a0 200800a0 20080000"
                        "1122334455667788"  // TSFT
                        "00 0c"             // Flags, Rate (6 Mb/s)
                        "8509 c000"         // Channel 2437, 2 GHz|OFDM
                        "d3 00"             // Signal -45, one pad octet before RX flags
                        "0000"              // RX flags
                        "d1 00"             // chain 0: Signal -47, Antenna 0
                        "d5 01");           // chain 1: Signal -43, Antenna 1
  ASSERT_EQ(hdr.size(), 38u);
  auto p = parse_radiotap(concat({hdr, kDot11}));
  ASSERT_TRUE(p) << describe(p.error());
  EXPECT_EQ(p->length, 38u);
  EXPECT_EQ(p->present_words, 3u);
  EXPECT_TRUE(p->fields_complete);
  EXPECT_EQ(p->fields.tsft, 0x8877665544332211u);
  EXPECT_EQ(p->fields.rate_500kbps, 12);
  EXPECT_EQ(p->fields.channel_mhz, 2437);
  EXPECT_EQ(p->fields.channel_flags, kChannel2Ghz | kChannelOfdm);
  EXPECT_EQ(p->fields.antenna_signal_dbm, -45);  // the combined value, not a chain's
  EXPECT_EQ(p->fields.antenna, 0);               // first occurrence
  // Cutting it_len by one leaves chain 1's Antenna outside the header.
  Bytes short_len = hdr;
  short_len[2] = 37;
  EXPECT_EQ(err(parse_radiotap(concat({short_len, kDot11}))),
            (Error{Errc::PcapBadRadiotap, 37, 0}));
}

TEST(Radiotap, VendorNamespaceIsSkipped) {
  // word 0 = Flags|VendorNS(30)|Ext(31); word 1 (vendor) = its own bit 0 |29|31; word 2
  // (radiotap again) = Rate. Data at 16: Flags @16, vendor field aligned 2 @18..23 (OUI 00 11 22,
  // sub-namespace 0, skip_length 3), vendor data @24..26, Rate @27 → it_len 28.
  const Bytes hdr = hex("0000 1c00 020000c0 010000a0 04000000"
                        "07"
                        "00"
                        "001122 00 0300"
                        "aabbcc"
                        "16");
  ASSERT_EQ(hdr.size(), 28u);
  auto p = parse_radiotap(concat({hdr, kDot11}));
  ASSERT_TRUE(p) << describe(p.error());
  EXPECT_EQ(p->present_words, 3u);
  EXPECT_EQ(p->fields.flags, 0x07);
  EXPECT_EQ(p->fields.rate_500kbps, 0x16);
  EXPECT_TRUE(p->fields_complete);

  // skip_length pointing past it_len.
  Bytes over = hdr;
  over[22] = 5;  // 5 octets of vendor data from 24 would end at 29 > 28
  EXPECT_EQ(err(parse_radiotap(over)), (Error{Errc::PcapBadRadiotap, 24, 0}));
  // Vendor namespace field itself cut by it_len.
  Bytes cut = hdr;
  cut[2] = 22;
  EXPECT_EQ(err(parse_radiotap(cut)), (Error{Errc::PcapBadRadiotap, 18, 0}));
}

TEST(Radiotap, UnknownFieldsStopTheWalkButKeepTheLength) {
  // Bit 32 (radiotap namespace, second word) has no defined size.
  const Bytes ext = hex("0000 1000 02000080 01000000 05 000000");
  ASSERT_EQ(ext.size(), 16u);
  auto p = parse_radiotap(concat({ext, kDot11}));
  ASSERT_TRUE(p);
  EXPECT_FALSE(p->fields_complete);
  EXPECT_EQ(p->fields.flags, 0x05);
  EXPECT_EQ(p->length, 16u);
  const Bytes ext_packet = concat({ext, kDot11});
  auto d = strip_radiotap(ext_packet);
  ASSERT_TRUE(d);
  EXPECT_EQ(to_bytes(d->frame), kDot11);

  // Bit 28: TLVs fill the rest; decoded fields before them are complete.
  const Bytes tlv = hex("0000 1000 02000010 09 000000 01000000");
  auto t = parse_radiotap(tlv);
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->fields_complete);
  EXPECT_EQ(t->fields.flags, 0x09);

  // Bits 29 and 30 together are undefined.
  auto both = parse_radiotap(hex("0000 0800 00000060"));
  ASSERT_TRUE(both);
  EXPECT_FALSE(both->fields_complete);
}

TEST(Radiotap, MalformedHeaders) {
  EXPECT_EQ(err(parse_radiotap({})), (Error{Errc::PcapBadRadiotap, 0, 0}));
  EXPECT_EQ(err(parse_radiotap(hex("00000800000000"))), (Error{Errc::PcapBadRadiotap, 0, 0}));
  EXPECT_EQ(err(parse_radiotap(hex("0100080000000000"))), (Error{Errc::PcapBadRadiotap, 0, 0}));
  EXPECT_EQ(err(parse_radiotap(hex("0000070000000000"))), (Error{Errc::PcapBadRadiotap, 2, 0}));
  EXPECT_EQ(err(parse_radiotap(hex("0000090000000000"))), (Error{Errc::PcapBadRadiotap, 2, 0}));
  // Bit 31 set but it_len leaves no room for the next word.
  EXPECT_EQ(err(parse_radiotap(hex("0000 0800 00000080 00000000"))),
            (Error{Errc::PcapBadRadiotap, 8, 0}));
  EXPECT_EQ(err(parse_radiotap(hex("0000 0c00 00000080 00000080 00000000"))),
            (Error{Errc::PcapBadRadiotap, 12, 0}));
  // TSFT present but it_len 12: the 8-octet field at 8 does not fit.
  EXPECT_EQ(err(parse_radiotap(hex("0000 0c00 01000000 00000000"))),
            (Error{Errc::PcapBadRadiotap, 8, 0}));
  // Channel after Flags: aligned to 10, it_len 12 leaves 2 of its 4 octets.
  EXPECT_EQ(err(parse_radiotap(hex("0000 0c00 0a000000 00 00 0000"))),
            (Error{Errc::PcapBadRadiotap, 10, 0}));
  // Alignment padding itself runs past it_len: Flags @8, then XChannel wants 4-alignment → 12.
  EXPECT_EQ(err(parse_radiotap(hex("0000 0a00 02000400 00 00"))),
            (Error{Errc::PcapBadRadiotap, 12, 0}));
}

TEST(Radiotap, EveryTruncationAndEveryLengthValue) {
  RadiotapFields f;
  f.tsft = 1;
  f.flags = kRadiotapFlagFcs;
  f.rate_500kbps = 2;
  f.channel_mhz = 2412;
  f.antenna_signal_dbm = -30;
  const Bytes hdr = build_radiotap(f);
  const Bytes packet = concat({hdr, kDot11, hex("01020304")});
  for (std::size_t n = 0; n < packet.size(); ++n) {
    auto p = strip_radiotap(ByteView(packet).first(n));
    if (n >= hdr.size() + kFcsLen) {
      EXPECT_TRUE(p) << n;
    } else {
      ASSERT_FALSE(p) << n;
      EXPECT_EQ(p.error().code, Errc::PcapBadRadiotap) << n;
      EXPECT_EQ(p.error().offset, n < 8 ? 0u : n < hdr.size() ? 2u : hdr.size()) << n;
    }
  }
  // Every it_len value over a 64-octet packet: parses, or fails with PcapBadRadiotap inside it.
  Bytes big = concat({hdr, Bytes(64 - hdr.size(), 0)});
  for (unsigned len = 0; len < 0x10000; ++len) {
    big[2] = static_cast<std::uint8_t>(len);
    big[3] = static_cast<std::uint8_t>(len >> 8);
    auto p = parse_radiotap(big);
    if (len < hdr.size() || len > big.size()) {
      ASSERT_FALSE(p) << len;
      ASSERT_EQ(p.error().code, Errc::PcapBadRadiotap);
      ASSERT_LE(p.error().offset, std::max<std::size_t>(len, 8));
    } else {
      ASSERT_TRUE(p) << len;
      ASSERT_EQ(p->length, len);
      ASSERT_EQ(p->fields, f);
    }
  }
}

TEST(Ppi, SkipsTheHeader) {
  // pph_version 0, flags 0, pph_len 8, pph_dlt 105.
  const Bytes packet = concat({hex("00 00 0800 69000000"), kDot11});
  auto p = parse_ppi(packet);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->length, 8u);
  EXPECT_EQ(p->dlt, 105u);
  EXPECT_EQ(to_bytes(p->payload), kDot11);
  // With a 12-octet field area (pph_len 20).
  const Bytes with_fields =
      concat({hex("00 00 1400 69000000 0200 0800 000000000000 0000"), kDot11});
  auto q = parse_ppi(with_fields);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->length, 20u);
  EXPECT_EQ(to_bytes(q->payload), kDot11);

  EXPECT_EQ(err(parse_ppi(hex("00000800690000"))), (Error{Errc::PcapBadPpi, 0, 0}));
  EXPECT_EQ(err(parse_ppi(hex("01000800 69000000"))), (Error{Errc::PcapBadPpi, 0, 0}));
  EXPECT_EQ(err(parse_ppi(hex("00000700 69000000"))), (Error{Errc::PcapBadPpi, 2, 0}));
  EXPECT_EQ(err(parse_ppi(hex("00000900 69000000"))), (Error{Errc::PcapBadPpi, 2, 0}));
}

TEST(Dot11Frame, ByLinktype) {
  RadiotapFields f;
  f.flags = kRadiotapFlagFcs;
  const Bytes rt = concat({build_radiotap(f), kDot11, hex("cafebabe")});

  auto a = dot11_frame(105, kDot11);
  ASSERT_TRUE(a);
  EXPECT_EQ(to_bytes(a->frame), kDot11);
  EXPECT_FALSE(a->radiotap);

  auto b = dot11_frame(127, rt);
  ASSERT_TRUE(b);
  EXPECT_EQ(to_bytes(b->frame), kDot11);
  EXPECT_TRUE(b->fcs_removed);

  // (views point into the packet: keep each packet alive while its result is used)
  const Bytes ppi_dot11 = concat({hex("00000800 69000000"), kDot11});
  auto c = dot11_frame(192, ppi_dot11);
  ASSERT_TRUE(c);
  EXPECT_EQ(to_bytes(c->frame), kDot11);
  EXPECT_EQ(c->offset, 8u);

  const Bytes ppi_rt = concat({hex("00000800 7f000000"), rt});
  auto d = dot11_frame(192, ppi_rt);
  ASSERT_TRUE(d);
  EXPECT_EQ(to_bytes(d->frame), kDot11);
  EXPECT_EQ(d->offset, 8u + 9u);
  EXPECT_TRUE(d->fcs_removed);
  // An error inside the radiotap header behind PPI is reported from the packet start.
  auto e = dot11_frame(192, concat({hex("00000800 7f000000"), hex("0100080000000000")}));
  EXPECT_EQ(err(e), (Error{Errc::PcapBadRadiotap, 8, 0}));

  EXPECT_EQ(err(dot11_frame(192, concat({hex("00000800 01000000"), kDot11}))),
            (Error{Errc::PcapBadLinktype, 4, 0}));
  EXPECT_EQ(err(dot11_frame(1, kDot11)), (Error{Errc::PcapBadLinktype, 0, 0}));
  EXPECT_EQ(err(dot11_frame(113, kDot11)), (Error{Errc::PcapBadLinktype, 0, 0}));
}

// Prism (wlan-ng) header, LINKTYPE 119: msgcode 0x44, msglen 144, device name, ten items of
// did/status/len/data in host (here little-endian) order; the layout Wireshark's prism
// dissector reads (tests/data/analyzer/wpa2-psk-prism.pcap is decoded by tshark the same way).
Bytes prism_header(bool little, std::uint16_t noise_status) {
  Bytes h;
  auto u32 = [&](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) {
      int sh = little ? 8 * i : 8 * (3 - i);
      h.push_back(static_cast<std::uint8_t>(v >> sh));
    }
  };
  auto u16 = [&](std::uint16_t v) {
    h.push_back(static_cast<std::uint8_t>(little ? v : v >> 8));
    h.push_back(static_cast<std::uint8_t>(little ? v >> 8 : v));
  };
  u32(0x44);
  u32(144);
  for (char c : std::string("wlan0") + std::string(11, '\0'))
    h.push_back(static_cast<std::uint8_t>(c));
  const std::uint32_t data[10] = {
      1, 2, 11, 60, 0, static_cast<std::uint32_t>(-38), static_cast<std::uint32_t>(-95), 12, 0, 30};
  for (std::uint32_t i = 0; i < 10; ++i) {
    u32(((i + 1) << 16) | 0x44);
    u16(i == 6 ? noise_status : 0);
    u16(4);
    u32(data[i]);
  }
  return h;
}

TEST(Prism, StripsTheHeaderAndReadsChannelSignalRate) {
  for (bool little : {true, false}) {
    const Bytes pkt = concat({prism_header(little, 0), kDot11});
    auto f = dot11_frame(119, pkt);
    ASSERT_TRUE(f) << little;
    EXPECT_EQ(f->offset, 144u);
    EXPECT_EQ(to_bytes(f->frame), kDot11);
    ASSERT_TRUE(f->radiotap);
    EXPECT_EQ(f->radiotap->fields.channel_mhz, 2462);  // channel 11
    EXPECT_EQ(f->radiotap->fields.antenna_signal_dbm, -38);
    EXPECT_EQ(f->radiotap->fields.antenna_noise_dbm, -95);
    EXPECT_EQ(f->radiotap->fields.rate_500kbps, 12);
  }
  // An item whose status is not 0 holds no value.
  const Bytes no_noise = concat({prism_header(true, 1), kDot11});
  EXPECT_FALSE(dot11_frame(119, no_noise)->radiotap->fields.antenna_noise_dbm);
  // Too short; msglen beyond the packet.
  EXPECT_EQ(err(strip_prism(hex("440000"))), (Error{Errc::PcapBadPrism, 0, 0}));
  Bytes cut = prism_header(true, 0);
  cut.resize(100);
  EXPECT_EQ(err(strip_prism(cut)), (Error{Errc::PcapBadPrism, 4, 0}));
}

// AVS WLAN capture header v1 (LINKTYPE 163), big endian, 64 octets.
TEST(Avs, StripsTheHeaderAndReadsChannelSignalRate) {
  const Bytes avs =
      hex("80211001 00000040"                      // version, length 64
          "0000000000000001 0000000000000002"      // mactime, hosttime
          "00000004 00000006 00000014"             // phytype, channel 6, 2.0 Mb/s (100 kb/s units)
          "00000000 00000000 00000002"             // antenna, priority, ssi_type 2 = dBm
          "ffffffd7 ffffffa1 00000000 00000001");  // signal -41, noise -95, preamble, encoding
  ASSERT_EQ(avs.size(), 64u);
  const Bytes pkt = concat({avs, kDot11});
  for (int lt : {163, 119}) {  // some wlan-ng drivers write AVS headers under 119
    auto f = dot11_frame(lt, pkt);
    ASSERT_TRUE(f) << lt;
    EXPECT_EQ(f->offset, 64u);
    EXPECT_EQ(to_bytes(f->frame), kDot11);
    EXPECT_EQ(f->radiotap->fields.channel_mhz, 2437);
    EXPECT_EQ(f->radiotap->fields.antenna_signal_dbm, -41);
    EXPECT_EQ(f->radiotap->fields.antenna_noise_dbm, -95);
    EXPECT_EQ(f->radiotap->fields.rate_500kbps, 4);
  }
  EXPECT_EQ(err(strip_avs(kDot11)), (Error{Errc::PcapBadAvs, 0, 0}));
  EXPECT_EQ(err(strip_avs(hex("80211001 00000400 0000"))), (Error{Errc::PcapBadAvs, 4, 0}));
}

}  // namespace
}  // namespace wps::pcap
