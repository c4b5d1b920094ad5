// Passphrase verdicts on the regression captures of tests/data/analyzer (built by
// make_captures.py, independently of this code): WPA1 (HMAC-MD5), message 1 lost, a stale
// message 1, a PMKID in message 1, messages 3 + 4 only, a station with another passphrase.
#include "analyzer/psk.hpp"

#include <gtest/gtest.h>

#include "analyzer/diagnose.hpp"
#include "pcap/reader.hpp"
#include "support/test_support.hpp"

namespace wps::analyzer {
namespace {

constexpr const char* kRight = "correct horse battery";

struct Analysis {
  Tracker tracker;
  std::vector<Diagnosis> d;
};

Analysis analyze(const std::string& name, std::optional<std::string> passphrase,
                 std::optional<std::string> ssid = std::nullopt) {
  Analysis a;
  auto path = test::data_dir() / "analyzer" / name;
  auto r = pcap::Reader::open(path);
  EXPECT_TRUE(r) << path;
  if (!r) return a;
  Frame f;
  std::uint64_t n = 0;
  for (;;) {
    auto pk = r->next();
    if (!pk || !*pk) break;
    RawPacket raw{(*pk)->data, (*pk)->linktype, (*pk)->timestamp_ns, (*pk)->origlen, ++n};
    bool ok = dissect(raw, f).has_value();
    a.tracker.add(f, ok);
  }
  a.tracker.finish();
  DiagnoseOptions o;
  o.passphrase = std::move(passphrase);
  o.ssid = std::move(ssid);
  for (const auto& s : a.tracker.sessions()) a.d.push_back(diagnose(s, a.tracker, o));
  return a;
}

const FourWayResult& fourway(const Analysis& a) {
  static const FourWayResult kNone;
  for (const auto& d : a.d) {
    if (d.fourway.present) return d.fourway;
  }
  ADD_FAILURE() << "no session with a 4-way handshake";
  return kNone;
}

bool has(const std::string& s, std::string_view needle) {
  return s.find(needle) != std::string::npos;
}

TEST(Psk, Wpa2HandshakeRightAndWrong) {
  auto right = analyze("wpa2-psk.pcap", kRight);
  EXPECT_EQ(fourway(right).verdict, PskVerdict::Right) << fourway(right).summary;
  EXPECT_EQ(fourway(right).proved_by, "M1+M2");
  EXPECT_EQ(fourway(right).mic_ok, true);
  EXPECT_FALSE(fourway(right).wpa1);
  // The AP answered message 2 with message 3: a passphrase that verifies neither is proven
  // wrong, and the proof is named.
  auto wrong = analyze("wpa2-psk.pcap", "correct horse batter");
  EXPECT_EQ(fourway(wrong).verdict, PskVerdict::Wrong) << fourway(wrong).summary;
  EXPECT_EQ(fourway(wrong).mic_ok, false);
  EXPECT_TRUE(has(fourway(wrong).why, "answered message 2")) << fourway(wrong).why;
  EXPECT_EQ(wrong.d[0].outcome, Outcome::Connected);
}

TEST(Psk, Wpa1UsesHmacMd5) {
  auto a = analyze("wpa1-tkip.pcap", "tkip-is-history");
  EXPECT_TRUE(fourway(a).wpa1);
  EXPECT_EQ(fourway(a).verdict, PskVerdict::Right) << fourway(a).summary;
  EXPECT_EQ(fourway(a).proved_by, "M1+M2");
  EXPECT_TRUE(has(fourway(a).summary, "HMAC-MD5")) << fourway(a).summary;
  EXPECT_TRUE(fourway(a).complete);
  auto w = analyze("wpa1-tkip.pcap", "tkip-is-future");
  EXPECT_EQ(fourway(w).verdict, PskVerdict::Wrong) << fourway(w).summary;
}

TEST(Psk, LostMessage1ProvenByMessages2And3) {
  auto a = analyze("wpa2-lost-m1.pcap", kRight);
  EXPECT_EQ(fourway(a).verdict, PskVerdict::Right) << fourway(a).summary;
  EXPECT_EQ(fourway(a).proved_by, "M2+M3");
}

TEST(Psk, StaleMessage1IsNotTakenForTheAnsweredOne) {
  // Message 1 of an earlier association (same replay counter) is in the capture; message 2
  // answers the next association's message 1, which is not. M2+M3 proves the passphrase.
  auto a = analyze("wpa2-stale-m1.pcap", kRight);
  EXPECT_EQ(fourway(a).verdict, PskVerdict::Right) << fourway(a).summary;
  EXPECT_EQ(fourway(a).proved_by, "M2+M3");
  EXPECT_TRUE(has(fourway(a).summary, "the passphrase is right"));
}

TEST(Psk, PmkidInMessage1) {
  auto a = analyze("wpa2-pmkid.pcap", kRight);
  EXPECT_TRUE(fourway(a).pmkid);
  EXPECT_EQ(fourway(a).verdict, PskVerdict::Right) << fourway(a).summary;
  EXPECT_EQ(fourway(a).proved_by, "PMKID in M1");
  auto w = analyze("wpa2-pmkid.pcap", "battery horse correct");
  EXPECT_EQ(fourway(w).verdict, PskVerdict::Wrong) << fourway(w).summary;
  EXPECT_TRUE(has(fourway(w).why, "PMKID")) << fourway(w).why;
}

TEST(Psk, Messages3And4WithTheSNonce) {
  auto a = analyze("wpa2-m3-m4.pcap", kRight);
  EXPECT_EQ(fourway(a).verdict, PskVerdict::Right) << fourway(a).summary;
  EXPECT_EQ(fourway(a).proved_by, "M3+M4");
}

TEST(Psk, StationTypoIsNeverCalledWrong) {
  // The AP's passphrase does not verify message 2, but nothing shows which ANonce the station
  // answered (no message 3): cannot be checked, and the handshake failed (AP never answered).
  auto ap = analyze("wpa2-station-typo.pcap", kRight);
  EXPECT_EQ(fourway(ap).verdict, PskVerdict::Unproven) << fourway(ap).summary;
  EXPECT_FALSE(fourway(ap).mic_ok.has_value());
  EXPECT_TRUE(has(fourway(ap).summary, "cannot be checked from this capture"));
  EXPECT_TRUE(has(fourway(ap).summary, "did not answer message 2 with message 3"));
  EXPECT_EQ(ap.d[0].outcome, Outcome::FourWayFailed) << ap.d[0].summary;
  // The station's own passphrase verifies message 2: it is proven to be the station's.
  auto sta = analyze("wpa2-station-typo.pcap", "correct horse battery staple");
  EXPECT_EQ(fourway(sta).verdict, PskVerdict::Right) << fourway(sta).summary;
  EXPECT_EQ(fourway(sta).proved_by, "M1+M2");
  EXPECT_TRUE(has(fourway(sta).summary, "the passphrase the station used"));
}

TEST(Psk, NoSsidCannotBeChecked) {
  // The SSID comes from the beacon; a wrong --ssid gives a PMK that verifies nothing, and the
  // M2/M3 proof says so ("or SSID").
  auto a = analyze("wpa2-psk.pcap", kRight, "other-ssid");
  EXPECT_EQ(fourway(a).verdict, PskVerdict::Wrong);
  EXPECT_TRUE(has(fourway(a).summary, "(or SSID)"));
}

TEST(Psk, PmkidParsing) {
  KeyRecord k;
  k.message = wpa2::KeyMessage::Pairwise1;
  k.key_info = 0x008a;
  k.eapol = Bytes(99, 0);
  EXPECT_FALSE(pmkid_of(k));
  // Key Data: an RSN IE, then the PMKID KDE.
  Bytes kd = test::hex("30020100"
                       "dd14000fac04"
                       "00112233445566778899aabbccddeeff");
  k.eapol[97] = 0;
  k.eapol[98] = static_cast<std::uint8_t>(kd.size());
  k.eapol.insert(k.eapol.end(), kd.begin(), kd.end());
  auto id = pmkid_of(k);
  ASSERT_TRUE(id);
  EXPECT_EQ((*id)[0], 0x00);
  EXPECT_EQ((*id)[15], 0xff);
  // Truncated KDE: ignored; all-zero PMKID: ignored.
  k.eapol.resize(k.eapol.size() - 1);
  EXPECT_FALSE(pmkid_of(k));
  Bytes zero_kd = test::hex("dd14000fac04"
                            "00000000000000000000000000000000");
  k.eapol.resize(99);
  k.eapol[98] = static_cast<std::uint8_t>(zero_kd.size());
  k.eapol.insert(k.eapol.end(), zero_kd.begin(), zero_kd.end());
  EXPECT_FALSE(pmkid_of(k));
}

}  // namespace
}  // namespace wps::analyzer
