#include "sim/recorder.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "fake_nodes.hpp"
#include "pcap/radiotap.hpp"
#include "pcap/reader.hpp"
#include "sim/classify.hpp"
#include "sim_test_util.hpp"

namespace wps::sim {
namespace {

using namespace fake;
using testutil::TempDir;
namespace fs = std::filesystem;

TimePoint us(std::int64_t v) {
  return TimePoint::from_ns(v * 1000);
}

Bytes eapol_frame(std::uint8_t type, std::uint8_t id) {
  return to_ds(kStaAddr, kApAddr, kPae, dot11::kEtherTypeEapol,
               eapol(0, eap_wsc(2, id, 4, 0, wsc_message(type))));
}

/// Beacon, EAPOL M1, a non-EAPOL data frame, EAPOL M2 (dropped), EAPOL-Start.
Recorder sample() {
  Recorder r;
  r.record({us(0), "AP", beacon(kApAddr, 0, 0), {}, 0, {}});
  r.record({us(1500), "STA", eapol_frame(wsc_msg::kM1, 0), {}, 1, {}});
  r.record({us(2600), "STA", to_ds(kStaAddr, kApAddr, kApAddr, 0x0800, Bytes{0x45, 0}), {}, 2, {}});
  FaultApplied dropped;
  dropped.kind = FaultKind::Drop;
  dropped.rule = 0;
  r.record({us(4000),
            "AP",
            from_ds(kApAddr, kStaAddr, dot11::kEtherTypeEapol,
                    eapol(0, eap_wsc(1, 0, 4, 0, wsc_message(wsc_msg::kM2)))),
            dropped,
            3,
            {}});
  r.record({us(123456789),
            "STA",
            to_ds(kStaAddr, kApAddr, kPae, dot11::kEtherTypeEapol, eapol(1, {})),
            {},
            4,
            {}});
  return r;
}

struct ReadBack {
  int linktype = 0;
  std::vector<std::int64_t> times;
  std::vector<Bytes> packets;
};

ReadBack read_back(const fs::path& p) {
  ReadBack out;
  auto r = pcap::Reader::open(p);
  EXPECT_TRUE(r) << describe(r.error());
  if (!r) return out;
  out.linktype = r->linktype();
  for (;;) {
    auto pk = r->next();
    EXPECT_TRUE(pk);
    if (!pk || !*pk) break;
    out.times.push_back((*pk)->timestamp_ns);
    out.packets.push_back(to_bytes((*pk)->data));
  }
  return out;
}

constexpr std::int64_t kEpochNs = kDefaultPcapEpoch * 1'000'000'000LL;

TEST(Recorder, DefaultEpochIs2026) {
  EXPECT_EQ(kDefaultPcapEpoch, 1767225600);
}

TEST(Recorder, RadiotapHeaderFields) {
  Recorder r;
  const Bytes h = r.radiotap_header();
  // version 0, pad, it_len 15, present = flags|rate|channel|antenna signal (bits 1,2,3,5 = 0x2e),
  // flags 0, rate 2 (1 Mb/s), channel 2437 MHz (0x0985) with 2 GHz|CCK (0x00a0), signal -40 dBm.
  EXPECT_EQ(to_hex(h), "00000f002e000000"
                       "00"
                       "02"
                       "8509"
                       "a000"
                       "d8");
  auto parsed = pcap::parse_radiotap(h);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->length, h.size());
  EXPECT_EQ(parsed->fields.flags, 0);
  EXPECT_FALSE(parsed->has_fcs());
  EXPECT_EQ(parsed->fields.rate_500kbps, 2);
  EXPECT_EQ(parsed->fields.channel_mhz, 2437);
  EXPECT_EQ(parsed->fields.channel_flags, pcap::kChannel2Ghz | pcap::kChannelCck);
  EXPECT_EQ(parsed->fields.antenna_signal_dbm, -40);

  RecorderOptions o;
  o.rate_500kbps = 12;  // 6 Mb/s: OFDM
  o.channel_mhz = 2412;
  o.antenna_signal_dbm = -62;
  auto p2 = pcap::parse_radiotap(Recorder(o).radiotap_header());
  ASSERT_TRUE(p2);
  EXPECT_EQ(p2->fields.rate_500kbps, 12);
  EXPECT_EQ(p2->fields.channel_mhz, 2412);
  EXPECT_EQ(p2->fields.channel_flags, pcap::kChannel2Ghz | pcap::kChannelOfdm);
  EXPECT_EQ(p2->fields.antenna_signal_dbm, -62);
}

TEST(Recorder, RadiotapPcapHasEveryFrameWithItsTime) {
  TempDir dir;
  const Recorder rec = sample();
  const fs::path out = dir.path / "radio.pcap";
  ASSERT_TRUE(rec.write_pcap(out));
  const ReadBack rb = read_back(out);
  EXPECT_EQ(rb.linktype, 127);
  ASSERT_EQ(rb.packets.size(), rec.frames().size());
  for (std::size_t i = 0; i < rb.packets.size(); ++i) {
    EXPECT_EQ(rb.times[i], kEpochNs + rec.frames()[i].at.ns()) << i;
    auto d = pcap::dot11_frame(rb.linktype, rb.packets[i]);
    ASSERT_TRUE(d) << i;
    EXPECT_FALSE(d->fcs_removed);
    EXPECT_EQ(to_bytes(d->frame), rec.frames()[i].frame) << i;  // dropped frame included
    ASSERT_TRUE(d->radiotap);
    EXPECT_EQ(d->radiotap->fields.channel_mhz, 2437);
  }
}

TEST(Recorder, Ieee80211PcapIsTheBareFrames) {
  TempDir dir;
  const Recorder rec = sample();
  ASSERT_TRUE(rec.write_pcap(dir.path / "plain.pcap", pcap::Linktype::Ieee80211));
  const ReadBack rb = read_back(dir.path / "plain.pcap");
  EXPECT_EQ(rb.linktype, 105);
  ASSERT_EQ(rb.packets.size(), rec.frames().size());
  for (std::size_t i = 0; i < rb.packets.size(); ++i)
    EXPECT_EQ(rb.packets[i], rec.frames()[i].frame);
}

TEST(Recorder, EthernetViewHasOnlyEapol) {
  TempDir dir;
  const Recorder rec = sample();
  ASSERT_TRUE(rec.write_pcap(dir.path / "eth.pcap", pcap::Linktype::Ethernet));
  const ReadBack rb = read_back(dir.path / "eth.pcap");
  EXPECT_EQ(rb.linktype, 1);
  // Frames 1 (M1), 3 (M2, dropped but transmitted) and 4 (EAPOL-Start): not the beacon, not IPv4.
  ASSERT_EQ(rb.packets.size(), 3u);
  const std::size_t picked[] = {1, 3, 4};
  for (std::size_t k = 0; k < 3; ++k) {
    const auto& f = rec.frames()[picked[k]];
    EXPECT_EQ(rb.times[k], kEpochNs + f.at.ns());
    const Bytes& e = rb.packets[k];
    ASSERT_GE(e.size(), 18u);
    EXPECT_EQ(e[12], 0x88);
    EXPECT_EQ(e[13], 0x8e);
    auto info = inspect_eapol(f.frame);
    ASSERT_TRUE(info);
    EXPECT_TRUE(equal(ByteView(e).first(6), info->destination.view()));
    EXPECT_TRUE(equal(ByteView(e).subspan(6, 6), info->source.view()));
    EXPECT_TRUE(equal(ByteView(e).subspan(14), info->eapol));
  }
  EXPECT_EQ(to_hex(rb.packets[2]), "0180c2000003020000000b01888e02010000");
  // The in-memory view agrees.
  EXPECT_EQ(rec.packets(pcap::Linktype::Ethernet).size(), 3u);
}

TEST(Recorder, FixedEpochMakesIdenticalFiles) {
  TempDir dir;
  ASSERT_TRUE(sample().write_pcap(dir.path / "a.pcap"));
  ASSERT_TRUE(sample().write_pcap(dir.path / "b.pcap"));
  const std::string a = test::read_file(dir.path / "a.pcap");
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, test::read_file(dir.path / "b.pcap"));

  RecorderOptions o;
  o.epoch_unix_seconds = kDefaultPcapEpoch + 1;
  Recorder other(o);
  const Recorder base = sample();
  for (const auto& f : base.frames()) other.record(f);
  ASSERT_TRUE(other.write_pcap(dir.path / "c.pcap"));
  EXPECT_NE(a, test::read_file(dir.path / "c.pcap"));
}

TEST(Recorder, WriteErrorsLeaveNoFile) {
  TempDir dir;
  const Recorder rec = sample();
  auto bad = rec.write_pcap(dir.path / "x.pcap", pcap::Linktype::LinuxSll);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Errc::PcapBadLinktype);
  EXPECT_FALSE(fs::exists(dir.path / "x.pcap"));
  auto missing = rec.write_pcap(dir.path / "no" / "such" / "dir.pcap");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, Errc::PcapOpen);
  EXPECT_TRUE(fs::is_empty(dir.path));
}

TEST(Recorder, EmptyRecordingWritesAnEmptyCapture) {
  TempDir dir;
  Recorder rec;
  ASSERT_TRUE(rec.write_pcap(dir.path / "e.pcap"));
  const ReadBack rb = read_back(dir.path / "e.pcap");
  EXPECT_EQ(rb.linktype, 127);
  EXPECT_TRUE(rb.packets.empty());
}

}  // namespace
}  // namespace wps::sim
