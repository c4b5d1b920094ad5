#include "analyzer/session.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include "air.hpp"
#include "analyzer/text.hpp"
#include "wsc/message.hpp"
#include <fstream>

namespace wps::analyzer {
namespace {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    static int n = 0;
    path = std::filesystem::temp_directory_path() /
           ("wpslab-session-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

Tracker track(const std::filesystem::path& p, SessionOptions o = {}) {
  Tracker t(o);
  auto r = pcap::Reader::open(p);
  EXPECT_TRUE(r) << p;
  if (!r) return t;
  Frame f;
  std::uint64_t n = 0;
  for (;;) {
    auto pk = r->next();
    if (!pk || !*pk) break;
    RawPacket raw{(*pk)->data, (*pk)->linktype, (*pk)->timestamp_ns, (*pk)->origlen, ++n};
    bool ok = dissect(raw, f).has_value();
    t.add(f, ok);
  }
  t.finish();
  return t;
}

std::vector<std::string> types(const Session& s) {
  std::vector<std::string> out;
  for (const auto& m : s.messages) {
    out.push_back(m.type() ? std::string(wsc::msg_type_name(*m.type())) : "?");
  }
  return out;
}

const MacAddr kAp({0x02, 0x00, 0x00, 0x00, 0x0a, 0x01});
const MacAddr kSta({0x02, 0x00, 0x00, 0x00, 0x0b, 0x01});

TEST(Session, PinWired) {
  auto t = track(air::interop_capture("pin"));
  ASSERT_EQ(t.sessions().size(), 1u);
  const Session& s = t.sessions()[0];
  EXPECT_EQ(s.ap, kAp);
  EXPECT_EQ(s.sta, kSta);
  EXPECT_TRUE(s.ap_known);  // learned from the first unicast answer
  EXPECT_TRUE(s.wired);
  EXPECT_EQ(s.frames, 14u);
  ASSERT_EQ(s.rows.size(), 14u);
  ASSERT_EQ(s.events.size(), 14u);
  EXPECT_EQ(types(s),
            (std::vector<std::string>{"M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "WSC_Done"}));
  // Sizes: tshark eap.len minus the 14-octet EAP-WSC header.
  const std::size_t size[] = {389, 404, 124, 192, 120, 120, 120, 168, 60};
  for (std::size_t i = 0; i < 9; ++i) {
    EXPECT_EQ(s.messages[i].raw.size(), size[i]) << i;
    EXPECT_EQ(s.messages[i].fragments, 1);
    EXPECT_EQ(s.messages[i].frame, i + 5);
    EXPECT_EQ(s.messages[i].row, i + 4);
    EXPECT_EQ(s.events[i + 4].message, i);
    EXPECT_EQ(s.messages[i].from, i % 2 == 0 ? Role::Sta : Role::Ap);
  }
  ASSERT_EQ(s.attempts.size(), 1u);
  const Attempt& a = s.attempts[0];
  EXPECT_EQ(a.identity, "WFA-SimpleConfig-Enrollee-1-0");
  EXPECT_FALSE(a.external_registrar());
  EXPECT_TRUE(a.eap_failure);
  EXPECT_EQ(a.eapol_starts, 1);
  EXPECT_EQ(a.first_row, 0u);
  EXPECT_EQ(a.last_row, 13u);
  EXPECT_EQ(a.messages.size(), 9u);
  EXPECT_EQ(seconds6(a.end_ns), "0.008264");
  EXPECT_EQ(t.stats().frames, 14u);
  EXPECT_EQ(t.stats().eapol_frames, 14u);
  EXPECT_EQ(t.stats().linktypes, std::vector<int>{1});
}

TEST(Session, FragmentsReassembled) {
  auto t = track(air::interop_capture("frag"));
  ASSERT_EQ(t.sessions().size(), 1u);
  const Session& s = t.sessions()[0];
  EXPECT_EQ(s.rows.size(), 40u);
  ASSERT_EQ(types(s),
            (std::vector<std::string>{"M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "WSC_Done"}));
  // tshark eap.wps.msglen of each first fragment: 389 404 124 192 120 120 120 168.
  const std::size_t size[] = {389, 404, 124, 192, 120, 120, 120, 168};
  const std::uint16_t frags[] = {4, 5, 2, 2, 2, 2, 2, 2};
  const std::uint64_t first[] = {5, 12, 21, 24, 27, 30, 33, 36};
  for (std::size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(s.messages[i].raw.size(), size[i]) << i;
    EXPECT_EQ(s.messages[i].fragments, frags[i]) << i;
    EXPECT_EQ(s.messages[i].first_frame, first[i]) << i;
    // The reassembled message parses as that message type with the strict codec.
    auto p = wsc::parse_message(s.messages[i].raw);
    ASSERT_TRUE(p) << i << " " << describe(p.error());
  }
  EXPECT_EQ(s.messages[0].frame, 11u);
  EXPECT_EQ(s.messages[8].fragments, 1);
  ASSERT_EQ(s.attempts.size(), 1u);
  EXPECT_EQ(s.attempts[0].fragments, 21);  // 13 MF fragments + 8 last fragments
  EXPECT_EQ(s.attempts[0].frag_acks, 13);  // REPORT: 13 WSC_FRAG_ACKs
  // Fragmented M1 in the frag run equals, attribute for attribute, a single-frame M1 except
  // for the nonces and keys: same length and same attribute types.
  auto pin = track(air::interop_capture("pin"));
  ASSERT_EQ(pin.sessions()[0].messages[0].raw.size(), s.messages[0].raw.size());
}

TEST(Session, LatePinAttemptsAndDuplicateStart) {
  auto t = track(air::interop_capture("late-pin"));
  ASSERT_EQ(t.sessions().size(), 1u);
  const Session& s = t.sessions()[0];
  ASSERT_EQ(s.attempts.size(), 2u);
  const Attempt& a1 = s.attempts[0];
  const Attempt& a2 = s.attempts[1];
  ASSERT_EQ(a1.messages.size(), 3u);
  EXPECT_EQ(s.messages[a1.messages[1]].type(), wsc::MsgType::M2D);
  EXPECT_EQ(s.messages[a1.messages[2]].type(), wsc::MsgType::WscAck);
  EXPECT_TRUE(a1.eap_failure);
  EXPECT_EQ(a1.last_row, 7u);
  EXPECT_EQ(a2.first_row, 8u);  // the EAPOL-Start at 1.001 s
  EXPECT_EQ(a2.eapol_starts, 2);
  EXPECT_EQ(seconds6(*a2.first_ap_ns), "8.011469");
  EXPECT_EQ(a2.messages.size(), 9u);
  // Frame 10 repeats frame 9 octet for octet.
  EXPECT_TRUE(s.events[9].duplicate);
  ASSERT_EQ(s.events[9].notes.size(), 1u);
  EXPECT_NE(s.events[9].notes[0].find("frame 9"), std::string::npos);
  EXPECT_FALSE(s.events[8].duplicate);
}

TEST(Session, ExternalRegistrarRoles) {
  auto t = track(air::interop_capture("er"));
  ASSERT_EQ(t.sessions().size(), 1u);
  const Session& s = t.sessions()[0];
  ASSERT_EQ(s.attempts.size(), 1u);
  EXPECT_TRUE(s.attempts[0].external_registrar());
  EXPECT_EQ(types(s),
            (std::vector<std::string>{"M1", "M2", "M3", "M4", "M5", "M6", "M7", "WSC_NACK"}));
  EXPECT_EQ(s.messages[0].from, Role::Ap);  // the AP is the enrollee
  EXPECT_EQ(s.messages[7].from, Role::Sta);
}

TEST(Session, TwoStationsInterleaved) {
  TempDir dir;
  MacAddr sta2({0x02, 0x00, 0x00, 0x00, 0x0c, 0x02});
  auto a = air::as_wired(air::wired_eapol(air::interop_capture("pin")), kSta);
  auto b = air::as_wired(air::wired_eapol(air::interop_capture("wrong-pin")), sta2);
  // Shift the second run so that both overlap in time.
  std::int64_t shift = a.front().t_ns - b.front().t_ns + 500'000;
  for (auto& f : b) f.t_ns += shift;
  std::vector<air::WiredFrame> all = a;
  all.insert(all.end(), b.begin(), b.end());
  ASSERT_TRUE(air::write_ethernet(dir.path / "two.pcap", all));
  auto t = track(dir.path / "two.pcap");
  ASSERT_EQ(t.sessions().size(), 2u);
  EXPECT_EQ(t.sessions()[0].sta, kSta);
  EXPECT_EQ(t.sessions()[1].sta, sta2);
  EXPECT_EQ(t.sessions()[0].messages.size(), 9u);
  EXPECT_EQ(types(t.sessions()[1]), (std::vector<std::string>{"M1", "M2", "M3", "M4", "WSC_NACK"}));
  EXPECT_EQ(t.sessions()[0].rows.size(), 14u);
  EXPECT_EQ(t.sessions()[1].rows.size(), 10u);
  // Bounded: one session only; the other's frames are counted, not kept.
  SessionOptions o;
  o.max_sessions = 1;
  auto one = track(dir.path / "two.pcap", o);
  EXPECT_EQ(one.sessions().size(), 1u);
  EXPECT_EQ(one.stats().dropped_sessions, 10u);
  o.max_sessions = 8;
  o.max_rows = 5;
  o.max_messages = 2;
  auto small = track(dir.path / "two.pcap", o);
  EXPECT_EQ(small.sessions()[0].rows.size(), 5u);
  EXPECT_EQ(small.sessions()[0].dropped_rows, 9u);
  // The message limit keeps the first 2; the last attempt (here the only one) is kept whole on
  // top of them, so nothing of it is dropped.
  EXPECT_EQ(small.sessions()[0].messages.size(), 9u);
  EXPECT_EQ(small.sessions()[0].dropped_messages, 0u);
  ASSERT_EQ(small.sessions()[0].attempts.size(), 1u);
  EXPECT_EQ(small.sessions()[0].attempts[0].messages.size(), 9u);
  EXPECT_EQ(small.sessions()[0].attempts[0].messages_dropped, 0u);
}

TEST(Session, AirRunWithAmbientRows) {
  TempDir dir;
  air::AirBuilder b;
  b.full_run("pin", 4, true, 4);
  // A retransmitted M3 (Retry bit, same sequence number) after the run must not count twice.
  auto w = air::wired_eapol(air::interop_capture("pin"));
  ASSERT_TRUE(b.write(dir.path / "air.pcap", true));
  auto t = track(dir.path / "air.pcap");
  ASSERT_EQ(t.sessions().size(), 1u);
  const Session& s = t.sessions()[0];
  EXPECT_EQ(s.ap, air::kAp);
  EXPECT_EQ(s.sta, air::kSta);
  EXPECT_FALSE(s.wired);
  EXPECT_EQ(as_chars(s.ssid), air::kSsid);
  ASSERT_GE(s.rows.size(), 4u);
  EXPECT_EQ(s.rows[0].label, "Beacon (WPS IE, Selected Registrar: PIN)");
  EXPECT_EQ(s.rows[1].label, "… 3 more beacons");
  EXPECT_EQ(s.rows[2].label, "Probe Request (WPS IE)");  // wildcard probe, merged
  EXPECT_EQ(s.rows[2].section, Section::Discovery);
  EXPECT_EQ(s.rows[4].label, "Authentication (seq 1)");
  EXPECT_EQ(s.messages.size(), 9u);
  ASSERT_EQ(s.keys.size(), 4u);
  EXPECT_EQ(s.keys[0].message, wpa2::KeyMessage::Pairwise1);
  EXPECT_EQ(s.keys[3].message, wpa2::KeyMessage::Pairwise4);
  EXPECT_EQ(s.rows[s.keys[2].row].label, "EAPOL-Key 3/4");
  EXPECT_EQ(s.data_frames, 4u);
  ASSERT_EQ(t.aps().size(), 1u);
  const ApInfo& ap = t.aps()[0];
  EXPECT_EQ(ap.ssid, air::kSsid);
  EXPECT_EQ(ap.beacons, 4u);
  EXPECT_EQ(ap.probe_responses, 1u);
  EXPECT_EQ(ap.channel, 6);
  EXPECT_EQ(ap.signal_dbm, -42);
  EXPECT_EQ(ap.wps_version, 0x20);
  EXPECT_EQ(ap.wps_state, 2);
  EXPECT_FALSE(ap.locked);
  EXPECT_TRUE(ap.selected_registrar);
  EXPECT_EQ(ap.device_name, "lab-ap");
  EXPECT_EQ(ap.model_name, "Lab AP");
  EXPECT_EQ(ap.model_number, "42");
  EXPECT_EQ(ap.manufacturer, "hostapd-like");
  EXPECT_TRUE(ap.rsn);
  // Per-frame WPS IE attributes kept for the report: the AP's first beacon and probe
  // response, the session's probe response and association frames.
  ASSERT_EQ(ap.ies.size(), 2u);
  EXPECT_EQ(ap.ies[0].label, "Beacon (WPS IE, Selected Registrar: PIN)");
  EXPECT_EQ(ap.ies[0].frame, 1u);
  EXPECT_EQ(ap.ies[1].label, "Probe Response (WPS IE, Selected Registrar: PIN)");
  ASSERT_EQ(s.ies.size(), 3u);
  EXPECT_EQ(s.ies[1].label, "Association Request (WPS IE)");
  EXPECT_EQ(s.ies[1].frame, 9u);  // 4 beacons, probe request/response, 2 x auth, then it
  EXPECT_EQ(to_hex(s.ies[1].attrs).substr(0, 10), "104a000110");  // Version 0x10 first
  EXPECT_EQ(s.ies[2].label, "Association Response (status 0, AID 1) (WPS IE)");
}

TEST(Session, RetransmissionNotCountedTwice) {
  TempDir dir;
  air::AirBuilder b;
  auto w = air::wired_eapol(air::interop_capture("pin"));
  for (std::size_t i = 0; i < w.size(); ++i) {
    b.eapol(w[i].from_sta, w[i].eapol);
    if (i == 6) b.eapol(w[i].from_sta, w[i].eapol, true);  // M3 again, Retry bit
  }
  ASSERT_TRUE(b.write(dir.path / "r.pcap"));
  auto t = track(dir.path / "r.pcap");
  ASSERT_EQ(t.sessions().size(), 1u);
  const Session& s = t.sessions()[0];
  EXPECT_EQ(s.messages.size(), 9u);
  ASSERT_EQ(s.rows.size(), 15u);
  EXPECT_EQ(s.rows[7].label, "M3 (retry)");
  EXPECT_TRUE(s.events[7].duplicate);
  EXPECT_NE(s.events[7].notes[0].find("802.11 retransmission of frame 7"), std::string::npos)
      << s.events[7].notes[0];
}

}  // namespace
}  // namespace wps::analyzer

namespace wps::analyzer {
namespace {

TEST(Session, EapIdentifierReusedWithOtherContents) {
  // pin frame 6 is M2 (Request id 92); a second Request id 92 with one octet changed follows.
  TempDir dir;
  auto w = air::wired_eapol(air::interop_capture("pin"));
  auto again = w[5];
  again.eapol[40] ^= 0x01;
  again.t_ns += 100'000;
  w.insert(w.begin() + 6, again);
  ASSERT_TRUE(air::write_ethernet(dir.path / "id.pcap", air::as_wired(w, kSta)));
  auto t = track(dir.path / "id.pcap");
  ASSERT_EQ(t.sessions().size(), 1u);
  const Session& s = t.sessions()[0];
  ASSERT_EQ(s.rows.size(), 15u);
  ASSERT_EQ(s.events[6].notes.size(), 1u);
  EXPECT_EQ(s.events[6].notes[0],
            "EAP identifier 92 used again (as in frame 6) with other contents");
  EXPECT_FALSE(s.events[6].duplicate);
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    if (i != 6) {
      EXPECT_TRUE(s.events[i].notes.empty()) << i;
    }
  }
}

}  // namespace
}  // namespace wps::analyzer

namespace wps::analyzer {
namespace {

/// A Linux cooked (v1, LINKTYPE 113) capture of the pin run as `tcpdump -i any` on the AP would
/// write it: incoming frames carry the STA's address, outgoing ones the AP's. pcap::Writer does
/// not write this link type, so the file is put together here.
void write_cooked(const std::filesystem::path& p, const std::vector<air::WiredEapol>& w) {
  auto le32 = [](Bytes& b, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
  };
  Bytes out = test::hex("d4c3b2a1 0200 0400 00000000 00000000 ffff0000 71000000");
  for (const auto& e : w) {
    Bytes rec = test::hex(e.from_sta ? "0000 0001 0006 020000000b01 0000 888e"
                                     : "0004 0001 0006 020000000a01 0000 888e");
    rec.insert(rec.end(), e.eapol.begin(), e.eapol.end());
    le32(out, static_cast<std::uint32_t>(e.t_ns / 1'000'000'000));
    le32(out, static_cast<std::uint32_t>(e.t_ns / 1000 % 1'000'000));
    le32(out, static_cast<std::uint32_t>(rec.size()));
    le32(out, static_cast<std::uint32_t>(rec.size()));
    out.insert(out.end(), rec.begin(), rec.end());
  }
  std::ofstream f(p, std::ios::binary);
  f.write(reinterpret_cast<const char*>(out.data()), static_cast<std::streamsize>(out.size()));
}

TEST(Session, LinuxCookedCaptureKnowsOnlySenders) {
  TempDir dir;
  write_cooked(dir.path / "sll.pcap", air::wired_eapol(air::interop_capture("pin")));
  auto t = track(dir.path / "sll.pcap");
  ASSERT_EQ(t.sessions().size(), 1u);
  const Session& s = t.sessions()[0];
  EXPECT_EQ(s.sta, kSta);
  EXPECT_EQ(s.ap, kAp);
  EXPECT_TRUE(s.ap_known);
  EXPECT_EQ(s.rows.size(), 14u);
  EXPECT_EQ(types(s),
            (std::vector<std::string>{"M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "WSC_Done"}));
  EXPECT_EQ(t.stats().unrouted, 0u);
  EXPECT_EQ(t.stats().linktypes, std::vector<int>{113});
}

}  // namespace
}  // namespace wps::analyzer
