#include "analyzer/diagnose.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <random>

#include "air.hpp"
#include "analyzer/report.hpp"
#include "analyzer/text.hpp"

namespace wps::analyzer {
namespace {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    static int n = 0;
    path = std::filesystem::temp_directory_path() /
           ("wpslab-diagnose-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

struct Analysis {
  Tracker tracker;
  std::vector<Diagnosis> d;
};

Analysis analyze(const std::filesystem::path& p, DiagnoseOptions o = {}, SessionOptions so = {}) {
  Analysis a{Tracker(so), {}};
  auto r = pcap::Reader::open(p);
  EXPECT_TRUE(r) << p;
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
  for (const auto& s : a.tracker.sessions()) a.d.push_back(diagnose(s, a.tracker, o));
  return a;
}

bool any_contains(const std::vector<std::string>& v, std::string_view needle) {
  for (const auto& s : v) {
    if (s.find(needle) != std::string::npos) return true;
  }
  return false;
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

/// The AuthKey and KeyWrapKey that hostapd logged (-K) for a capture, as a key log.
std::string keylog_from_hostapd(const std::string& mode, const std::string& mac) {
  auto text = test::read_file(test::captures_dir() / mode / "hostapd.log");
  auto log = Keylog::parse(text);
  EXPECT_TRUE(log);
  std::string out = "# from hostapd -K\n";
  for (const auto& e : log->entries) {
    if (e.label == "AUTHKEY" || e.label == "KEYWRAPKEY") {
      out += e.label + " " + mac + " " + to_hex(e.value) + "\n";
    }
  }
  return out;
}

// --- golden outcomes of the interop captures (each checked against REPORT.md and tshark) -------

TEST(Golden, Pin) {
  auto a = analyze(air::interop_capture("pin"));
  ASSERT_EQ(a.d.size(), 1u);
  const Diagnosis& d = a.d[0];
  EXPECT_EQ(d.outcome, Outcome::WpsSucceeded) << d.summary;
  ASSERT_EQ(d.attempts.size(), 1u);
  EXPECT_EQ(d.attempts[0].outcome, Outcome::WpsSucceeded);
  EXPECT_FALSE(d.retried);
  EXPECT_NE(d.summary.find("4-way handshake is not in the capture"), std::string::npos);
  EXPECT_TRUE(any_contains(d.notes, "wired"));
  for (std::size_t i = 0; i < d.explanations.size(); ++i) {
    EXPECT_FALSE(d.explanations[i].empty()) << a.tracker.sessions()[0].rows[i].label;
    EXPECT_TRUE(d.deviations[i].empty()) << joined(d.deviations[i]);
  }
  EXPECT_NE(d.explanations[13].find("never authenticates"), std::string::npos);
  EXPECT_NE(d.explanations[6].find("E-Hash1"), std::string::npos);  // M3
}

TEST(Golden, LatePinNoPinThenRetrySucceeds) {
  auto a = analyze(air::interop_capture("late-pin"));
  ASSERT_EQ(a.d.size(), 1u);
  const Diagnosis& d = a.d[0];
  EXPECT_EQ(d.outcome, Outcome::WpsSucceeded) << d.summary;
  EXPECT_TRUE(d.retried);
  ASSERT_EQ(d.attempts.size(), 2u);
  const AttemptDiagnosis& first = d.attempts[0];
  EXPECT_EQ(first.outcome, Outcome::NoPin) << first.summary;
  EXPECT_EQ(first.config_error, 15);  // tshark: wps.configuration_error 0x000f in frame 6
  EXPECT_EQ(first.detected_by, Role::Ap);
  EXPECT_EQ(first.failed_after, wsc::MsgType::M1);
  EXPECT_TRUE(any_contains(first.notes, "no PIN entered yet")) << joined(first.notes);
  EXPECT_NE(first.summary.find("retried"), std::string::npos);
  EXPECT_EQ(d.attempts[1].outcome, Outcome::WpsSucceeded);
  EXPECT_TRUE(any_contains(d.attempts[1].notes, "answered only 7.0 s"))
      << joined(d.attempts[1].notes);
  EXPECT_TRUE(any_contains(d.notes, "attempt 1: the registrar had no PIN"));
}

TEST(Golden, WrongPinFirstHalf) {
  auto a = analyze(air::interop_capture("wrong-pin"));
  ASSERT_EQ(a.d.size(), 1u);
  const Diagnosis& d = a.d[0];
  EXPECT_EQ(d.outcome, Outcome::WrongPinFirstHalf) << d.summary;
  const AttemptDiagnosis& at = d.attempts[0];
  EXPECT_EQ(at.config_error, 18);
  EXPECT_EQ(at.failed_after, wsc::MsgType::M4);
  EXPECT_EQ(at.detected_by, Role::Sta);  // REPORT: the enrollee detects it (R-Hash1)
  EXPECT_TRUE(any_contains(at.notes, "R-Hash1"));
}

TEST(Golden, WrongPinSecondHalf) {
  auto a = analyze(air::interop_capture("wrong-pin2"));
  ASSERT_EQ(a.d.size(), 1u);
  const Diagnosis& d = a.d[0];
  EXPECT_EQ(d.outcome, Outcome::WrongPinSecondHalf) << d.summary;
  EXPECT_EQ(d.attempts[0].config_error, 18);
  EXPECT_EQ(d.attempts[0].failed_after, wsc::MsgType::M6);
  EXPECT_EQ(d.attempts[0].detected_by, Role::Sta);
  EXPECT_TRUE(any_contains(d.attempts[0].notes, "R-Hash2"));
}

TEST(Golden, FragSucceedsReassembled) {
  auto a = analyze(air::interop_capture("frag"));
  ASSERT_EQ(a.d.size(), 1u);
  EXPECT_EQ(a.d[0].outcome, Outcome::WpsSucceeded) << a.d[0].summary;
  EXPECT_TRUE(
      any_contains(a.d[0].attempts[0].notes,
                   "8 messages came in 21 EAP-WSC fragments (reassembled; 13 WSC_FRAG_ACKs)"))
      << joined(a.d[0].attempts[0].notes);
}

TEST(Golden, ExternalRegistrarLearnsSettings) {
  auto a = analyze(air::interop_capture("er"));
  ASSERT_EQ(a.d.size(), 1u);
  const Diagnosis& d = a.d[0];
  EXPECT_EQ(d.outcome, Outcome::ApSettingsLearned) << d.summary;
  EXPECT_TRUE(d.attempts[0].external_registrar);
  EXPECT_EQ(d.attempts[0].config_error, 0);
  EXPECT_EQ(d.attempts[0].failed_after, wsc::MsgType::M7);
  EXPECT_TRUE(wps_ok(d.outcome));
}

TEST(Golden, ExternalRegistrarConfiguresAp) {
  auto a = analyze(air::interop_capture("er-config"));
  ASSERT_EQ(a.d.size(), 1u);
  EXPECT_EQ(a.d[0].outcome, Outcome::ApConfigured) << a.d[0].summary;
  EXPECT_NE(a.d[0].summary.find("WSC_ACK"), std::string::npos);
}

// --- key log ----------------------------------------------------------------------------------

// Found by fuzz_keylog: a daemon-log key dump without octets became an empty AUTHKEY. A dump is
// taken only when it holds exactly the octets its len=N announces.
TEST(Keylog, DaemonDumpMustHoldItsAnnouncedLength) {
  auto k = Keylog::parse("1.0: WPS: KeyWrapKey - hexdump(len=16): ::::\n"
                         "1.1: WPS: AuthKey - hexdump(len=3): 01 02\n"
                         "1.2: WPS: EMSK - hexdump(len=): 01\n"
                         "1.3: WPS: KDK - hexdump(len=2): 0a 0b\n");
  ASSERT_TRUE(k);
  ASSERT_EQ(k->entries.size(), 1u);
  EXPECT_EQ(k->entries[0].label, "KDK");
  EXPECT_EQ(to_hex(k->entries[0].value), "0a0b");
}

TEST(Keylog, ParsesBothFormats) {
  auto k = Keylog::parse(
      "# comment naming WPS: AuthKey\n\nAUTHKEY 02:00:00:00:0b:01 0011\nkeywrapkey 02-00-00-00-0b-01 "
      "aabb\r\n");
  ASSERT_TRUE(k);
  ASSERT_EQ(k->entries.size(), 2u);
  EXPECT_EQ(k->entries[1].label, "KEYWRAPKEY");
  EXPECT_EQ(k->entries[0].mac->str(), "02:00:00:00:0b:01");
  auto bad = Keylog::parse("AUTHKEY 02:00:00:00:0b:01 0011\nnonsense\n");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, Errc::ConfigBadValue);
  EXPECT_EQ(bad.error().offset, 2u);
  EXPECT_FALSE(Keylog::parse("AUTHKEY 02:00:00:00:0b 0011\n"));
  EXPECT_FALSE(Keylog::parse("AUTHKEY 02:00:00:00:0b:01 0g11\n"));
  auto daemon = Keylog::parse(test::read_file(test::captures_dir() / "pin" / "hostapd.log"));
  ASSERT_TRUE(daemon);
  ASSERT_GE(daemon->entries.size(), 3u);  // KDK, AuthKey, KeyWrapKey, EMSK
  bool auth = false;
  for (const auto& e : daemon->entries) {
    if (e.label == "AUTHKEY") {
      auth = true;
      // hostapd.log line 227: "WPS: AuthKey - hexdump(len=32): 64 87 a8 48 ..."
      EXPECT_EQ(to_hex(e.value).substr(0, 8), "6487a848");
      EXPECT_FALSE(e.mac);
    }
  }
  EXPECT_TRUE(auth);
}

TEST(Keylog, VerifiesAuthenticatorsAndOpensM8) {
  auto log = Keylog::parse(keylog_from_hostapd("pin", "02:00:00:00:0b:01"));
  ASSERT_TRUE(log);
  DiagnoseOptions o;
  o.keylog = &*log;
  auto a = analyze(air::interop_capture("pin"), o);
  const Diagnosis& d = a.d[0];
  EXPECT_TRUE(d.keys_found);
  ASSERT_EQ(d.messages.size(), 9u);
  EXPECT_FALSE(d.messages[0].authenticator_ok);  // M1 has none
  for (int i = 1; i <= 7; ++i) EXPECT_EQ(d.messages[i].authenticator_ok, true) << i;
  EXPECT_FALSE(d.messages[8].authenticator_ok);  // WSC_Done has none
  // hostapd.log: "WPS: R-S1 - hexdump" equals the R-SNonce1 decrypted from M4.
  auto text = test::read_file(test::captures_dir() / "pin" / "hostapd.log");
  ASSERT_EQ(d.messages[3].decrypted.size(), 1u);
  EXPECT_EQ(d.messages[3].decrypted[0].first, "R-SNonce1");
  std::string rs1 = d.messages[3].decrypted[0].second;
  std::string spaced;
  for (std::size_t i = 0; i < rs1.size(); i += 2) spaced += (i ? " " : "") + rs1.substr(i, 2);
  EXPECT_NE(text.find("R-S1 - hexdump(len=16): " + spaced), std::string::npos) << spaced;
  ASSERT_EQ(d.credentials.size(), 1u);
  EXPECT_EQ(d.credentials[0].where, "M8 credential");
  EXPECT_EQ(d.credentials[0].ssid, "wps-interop-test");  // REPORT: hostapd.conf ssid
  EXPECT_EQ(d.credentials[0].network_key, "interop-passphrase-1234");
  EXPECT_EQ(d.credentials[0].auth_type, 0x0020);
  EXPECT_EQ(d.credentials[0].encr_type, 0x0008);
  EXPECT_EQ(d.credentials[0].mac->str(), "02:00:00:00:0b:01");
}

TEST(Keylog, ExternalRegistrarSettingsAndWrongKeys) {
  // The AP is the enrollee in er-config: its MAC is the enrollee MAC of the key log.
  auto log = Keylog::parse(keylog_from_hostapd("er-config", "02:00:00:00:0a:01"));
  ASSERT_TRUE(log);
  DiagnoseOptions o;
  o.keylog = &*log;
  auto a = analyze(air::interop_capture("er-config"), o);
  const Diagnosis& d = a.d[0];
  EXPECT_TRUE(d.keys_found);
  ASSERT_EQ(d.credentials.size(), 2u);
  EXPECT_EQ(d.credentials[0].where, "M7 AP settings");
  EXPECT_EQ(d.credentials[0].ssid, "wps-interop-test");
  EXPECT_EQ(d.credentials[1].where, "M8 AP settings");
  EXPECT_EQ(d.credentials[1].ssid, "wps-er-new");  // hostapd.log WPS-NEW-AP-SETTINGS
  // A key log for another enrollee MAC, and one whose AuthKey is wrong, match nothing.
  auto other = Keylog::parse(keylog_from_hostapd("er-config", "02:00:00:00:0b:01"));
  o.keylog = &*other;
  EXPECT_FALSE(analyze(air::interop_capture("er-config"), o).d[0].keys_found);
  auto wrong = Keylog::parse("AUTHKEY 02:00:00:00:0a:01 " + std::string(64, '1') + "\n");
  o.keylog = &*wrong;
  auto w = analyze(air::interop_capture("er-config"), o);
  EXPECT_FALSE(w.d[0].keys_found);
  EXPECT_FALSE(w.d[0].messages[1].authenticator_ok);
}

// --- 4-way handshake and passphrase -------------------------------------------------------------

TEST(FourWay, ConnectedWithCredentialFromKeylogOrPassphrase) {
  TempDir dir;
  air::AirBuilder b;
  b.full_run("pin", 2, true, 4);
  ASSERT_TRUE(b.write(dir.path / "air.pcap"));
  // Without any secret: connected, MICs not checked.
  auto plain = analyze(dir.path / "air.pcap");
  ASSERT_EQ(plain.d.size(), 1u);
  EXPECT_EQ(plain.d[0].outcome, Outcome::Connected) << plain.d[0].summary;
  EXPECT_TRUE(plain.d[0].fourway.complete);
  EXPECT_FALSE(plain.d[0].fourway.mic_ok);
  // The credential decrypted from M8 verifies the MICs.
  auto log = Keylog::parse(keylog_from_hostapd("pin", "02:00:00:00:0b:01"));
  DiagnoseOptions o;
  o.keylog = &*log;
  auto k = analyze(dir.path / "air.pcap", o);
  EXPECT_EQ(k.d[0].fourway.mic_ok, true) << k.d[0].fourway.summary;
  EXPECT_EQ(k.d[0].fourway.pmk_source, "the credential from M8");
  // --passphrase right / wrong (SSID from the capture).
  DiagnoseOptions p;
  p.passphrase = air::kPassphrase;
  auto right = analyze(dir.path / "air.pcap", p);
  EXPECT_EQ(right.d[0].fourway.mic_ok, true);
  EXPECT_NE(right.d[0].fourway.summary.find("the passphrase is right"), std::string::npos);
  p.passphrase = "not-the-passphrase";
  auto wrong = analyze(dir.path / "air.pcap", p);
  EXPECT_EQ(wrong.d[0].fourway.mic_ok, false);
  EXPECT_EQ(wrong.d[0].outcome, Outcome::Connected);  // the AP accepted msg 2: the STA was right
  EXPECT_NE(wrong.d[0].fourway.summary.find("the AP accepted message 2"), std::string::npos);
  // With a PMK cache, PBKDF2 runs once for the same passphrase and SSID.
  wpa2::PmkCache cache;
  p.passphrase = air::kPassphrase;
  p.pmk_cache = &cache;
  const Session& s = right.tracker.sessions()[0];
  EXPECT_EQ(diagnose(s, right.tracker, p).fourway.mic_ok, true);
  EXPECT_EQ(diagnose(s, right.tracker, p).fourway.mic_ok, true);
  EXPECT_EQ(cache.misses(), 1u);
  EXPECT_EQ(cache.hits(), 1u);
  p.pmk_cache = nullptr;
  // A wrong SSID makes the right passphrase fail.
  p.passphrase = air::kPassphrase;
  p.ssid = "other-ssid";
  EXPECT_EQ(analyze(dir.path / "air.pcap", p).d[0].fourway.mic_ok, false);
}

TEST(FourWay, StationWithWrongPassphrase) {
  TempDir dir;
  air::AirBuilder b;
  b.full_run("pin", 1, false);
  b.step(50'000'000);
  b.auth(1);
  b.auth(2);
  b.assoc_request(false);
  b.assoc_response(false);
  b.four_way("the-station-typo", false, true);  // msg 1, msg 2 under a wrong PMK; no msg 3
  b.step(1'000'000'000);
  b.deauth(true, 15);
  ASSERT_TRUE(b.write(dir.path / "bad.pcap"));
  DiagnoseOptions p;
  p.passphrase = air::kPassphrase;
  auto a = analyze(dir.path / "bad.pcap", p);
  ASSERT_EQ(a.d.size(), 1u);
  EXPECT_EQ(a.d[0].outcome, Outcome::FourWayFailed) << a.d[0].summary;
  EXPECT_FALSE(a.d[0].fourway.complete);
  // Not "wrong": no message 3 shows which ANonce the station answered (psk.hpp).
  EXPECT_EQ(a.d[0].fourway.verdict, PskVerdict::Unproven);
  EXPECT_NE(a.d[0].fourway.summary.find("did not answer message 2 with message 3"),
            std::string::npos);
  // Without a passphrase: incomplete handshake.
  auto n = analyze(dir.path / "bad.pcap");
  EXPECT_EQ(n.d[0].outcome, Outcome::FourWayIncomplete) << n.d[0].summary;
  // The last rows: deauth 15 with its explanation.
  const Session& s = n.tracker.sessions()[0];
  EXPECT_EQ(s.rows.back().label, "Deauthentication (reason 15)");
  EXPECT_NE(n.d[0].explanations.back().find("4-way handshake timeout"), std::string::npos);
}

// --- deviations, violations, timeouts ------------------------------------------------------------

std::vector<air::WiredEapol> pin_frames() {
  return air::wired_eapol(air::interop_capture("pin"));
}

Analysis analyze_wired(const std::vector<air::WiredEapol>& w, DiagnoseOptions o = {}) {
  TempDir dir;
  const MacAddr sta({0x02, 0x00, 0x00, 0x00, 0x0b, 0x01});
  EXPECT_TRUE(air::write_ethernet(dir.path / "w.pcap", air::as_wired(w, sta)));
  return analyze(dir.path / "w.pcap", o);
}

void flip_after(Bytes& b, std::string_view hex_pattern, std::size_t skip) {
  Bytes pat = test::hex(hex_pattern);
  auto it = std::search(b.begin(), b.end(), pat.begin(), pat.end());
  ASSERT_NE(it, b.end());
  *(it + static_cast<std::ptrdiff_t>(pat.size() + skip)) ^= 0x5a;
}

TEST(Deviation, OutOfOrderMessageFlagged) {
  auto w = pin_frames();
  w.erase(w.begin() + 6);  // drop M3: M4 follows M2
  auto a = analyze_wired(w);
  const Diagnosis& d = a.d[0];
  const Session& s = a.tracker.sessions()[0];
  ASSERT_EQ(s.rows[6].label, "M4");
  ASSERT_EQ(d.deviations[6].size(), 1u);
  EXPECT_EQ(d.deviations[6][0], "M4 after M2: M3 was expected");
  EXPECT_TRUE(d.deviations[7].empty()) << joined(d.deviations[7]);  // M5 after M4 is fine
  EXPECT_TRUE(any_contains(d.attempts[0].notes, "deviation: M4 after M2"));
}

TEST(Deviation, NonceMismatchEndsAsProtocolViolation) {
  auto w = pin_frames();
  flip_after(w[6].eapol, "1039 0010", 3);  // corrupt the Registrar Nonce echoed in M3
  w.resize(7);                             // the AP never answers
  air::WiredEapol later = w[0];            // the station starts over 30 s later
  later.t_ns += 30'000'000'000;
  w.push_back(later);
  auto log = Keylog::parse(keylog_from_hostapd("pin", "02:00:00:00:0b:01"));
  DiagnoseOptions o;
  o.keylog = &*log;
  auto a = analyze_wired(w, o);
  const Diagnosis& d = a.d[0];
  ASSERT_EQ(d.attempts.size(), 2u);
  EXPECT_EQ(d.attempts[0].outcome, Outcome::ProtocolViolation) << d.attempts[0].summary;
  EXPECT_NE(d.attempts[0].summary.find("M3: Registrar Nonce"), std::string::npos)
      << d.attempts[0].summary;
  // Before the violation was known: the AP stopped answering after M3.
  EXPECT_TRUE(any_contains(d.attempts[0].notes, "the AP stopped answering after M3 from the STA"))
      << joined(d.attempts[0].notes);
  // The key log shows the corrupted M3's Authenticator failing too.
  EXPECT_EQ(d.messages[2].authenticator_ok, false);
  EXPECT_EQ(d.messages[1].authenticator_ok, true);
  EXPECT_EQ(d.deviations[6].size(), 2u) << joined(d.deviations[6]);
}

TEST(Deviation, WrongSenderFlagged) {
  // Over the air the sender is fixed by the DS bits: an M3 sent From-DS comes from the AP.
  TempDir dir;
  air::AirBuilder b;
  auto w = pin_frames();
  for (std::size_t i = 0; i < w.size(); ++i) b.eapol(i == 6 ? false : w[i].from_sta, w[i].eapol);
  ASSERT_TRUE(b.write(dir.path / "s.pcap"));
  auto a = analyze(dir.path / "s.pcap");
  ASSERT_EQ(a.d.size(), 1u);
  EXPECT_TRUE(any_contains(a.d[0].deviations[6], "M3 sent by the AP, but the enrollee is the STA"))
      << joined(a.d[0].deviations[6]);
}

void set_config_error(Bytes& eapol, std::uint8_t value) {
  Bytes pat = test::hex("1009 0002 00");
  auto it = std::search(eapol.begin(), eapol.end(), pat.begin(), pat.end());
  ASSERT_NE(it, eapol.end());
  *(it + 5) = value;
}

TEST(ConfigErrors, PbcOverlapAndSetupLocked) {
  // late-pin's M2D (frame 6) carries config error 15; with 12 it is a PBC overlap.
  auto w = air::wired_eapol(air::interop_capture("late-pin"));
  w.resize(8);
  set_config_error(w[5].eapol, 12);
  auto a = analyze_wired(w);
  EXPECT_EQ(a.d[0].outcome, Outcome::PbcOverlap) << a.d[0].summary;
  EXPECT_EQ(a.d[0].attempts[0].config_error, 12);
  EXPECT_EQ(a.tracker.sessions()[0].rows[5].label, "M2D (config error 12)");
  // M2D with error 0: no PIN, without the "setup locked" nuance.
  set_config_error(w[5].eapol, 0);
  auto z = analyze_wired(w);
  EXPECT_EQ(z.d[0].outcome, Outcome::NoPin);
  EXPECT_FALSE(any_contains(z.d[0].attempts[0].notes, "no PIN entered yet"));
  // wrong-pin's NACK (frame 9) with error 15 / 12 / 6.
  auto n = air::wired_eapol(air::interop_capture("wrong-pin"));
  set_config_error(n[8].eapol, 15);
  auto l = analyze_wired(n);
  EXPECT_EQ(l.d[0].outcome, Outcome::SetupLocked) << l.d[0].summary;
  set_config_error(n[8].eapol, 12);
  EXPECT_EQ(analyze_wired(n).d[0].outcome, Outcome::PbcOverlap);
  set_config_error(n[8].eapol, 6);
  auto r = analyze_wired(n);
  EXPECT_EQ(r.d[0].outcome, Outcome::Rejected);
  EXPECT_NE(r.d[0].summary.find("config error 6 (Network authentication failure)"),
            std::string::npos)
      << r.d[0].summary;
  // The registrar detects the first half: a NACK from the AP after M5 (over the air, where
  // the DS bits, not the EAP code, tell the sender).
  TempDir dir;
  air::AirBuilder b;
  auto p2 = air::wired_eapol(air::interop_capture("wrong-pin2"));
  auto nack = n[8].eapol;
  set_config_error(nack, 18);
  for (std::size_t i = 0; i < 9; ++i) b.eapol(p2[i].from_sta, p2[i].eapol);  // up to M5
  b.eapol(false, nack);  // the AP (registrar) NACKs M5
  ASSERT_TRUE(b.write(dir.path / "nack5.pcap"));
  auto reg = analyze(dir.path / "nack5.pcap");
  EXPECT_EQ(reg.d[0].outcome, Outcome::WrongPinFirstHalf) << reg.d[0].summary;
  EXPECT_EQ(reg.d[0].attempts[0].failed_after, wsc::MsgType::M5);
  EXPECT_EQ(reg.d[0].attempts[0].detected_by, Role::Ap);
  EXPECT_TRUE(any_contains(reg.d[0].attempts[0].notes, "E-Hash1"));
}

// Push button, on captures recorded against hostapd 2.10 / wpa_supplicant 2.10 (tests/data/
// nfc-pbc/captures, NFC-PBC-FACTS §9): a PBC M1 to an AP whose button was not pressed, and two
// enrollees pressing within the monitor time.
TEST(Pbc, M1WithDpid4ToAnApWithoutItsButtonIsExplained) {
  auto a = analyze(test::fixture("nfc-pbc/captures/pbc-nobutton/wps.pcap"));
  ASSERT_EQ(a.d.size(), 1u);
  const AttemptDiagnosis& at = a.d[0].attempts.at(0);
  EXPECT_EQ(a.d[0].outcome, Outcome::PbcNotActive) << a.d[0].summary;
  EXPECT_EQ(at.method, "pbc");
  EXPECT_EQ(at.config_error, 15);
  EXPECT_NE(at.summary.find("not in PBC mode"), std::string::npos) << at.summary;
  // Wired: no beacon says whether the button was pressed; the note says so instead of guessing.
  EXPECT_TRUE(any_contains(at.notes, "no beacon or probe response")) << joined(at.notes);
  EXPECT_TRUE(any_contains(at.notes, "not an AP-PIN brute-force lockout"));
  const Session& s = a.tracker.sessions()[0];
  bool m2d_explained = false;
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    if (s.rows[i].label.rfind("M2D", 0) == 0) {
      m2d_explained = a.d[0].explanations[i].find("not in PBC mode") != std::string::npos;
    }
  }
  EXPECT_TRUE(m2d_explained);
  EXPECT_TRUE(capture_pbc_notes(a.tracker).empty());
}

TEST(Pbc, OverlapNamesTheOtherEnrolleeAndTheCaptureNoteBoth) {
  auto a = analyze(test::fixture("nfc-pbc/captures/pbc-overlap/wps.pcap"));
  ASSERT_EQ(a.d.size(), 2u);
  ASSERT_EQ(a.tracker.pbc_enrollees().size(), 2u);
  const std::string uuid1 = "12345678-9abc-def0-1234-56789abcde01";
  const std::string uuid2 = "12345678-9abc-def0-1234-56789abcde02";
  for (const Diagnosis& d : a.d) {
    EXPECT_EQ(d.outcome, Outcome::PbcOverlap) << d.summary;
    EXPECT_EQ(d.attempts.at(0).config_error, 12);
  }
  // The first run is refused with WSC_NACK 12 after the second enrollee's M1; each names the
  // other enrollee, never itself.
  EXPECT_TRUE(any_contains(a.d[0].attempts[0].notes, uuid2)) << joined(a.d[0].attempts[0].notes);
  EXPECT_FALSE(any_contains(a.d[0].attempts[0].notes, uuid1));
  EXPECT_TRUE(any_contains(a.d[1].attempts[0].notes, uuid1)) << joined(a.d[1].attempts[0].notes);
  EXPECT_FALSE(any_contains(a.d[1].attempts[0].notes, uuid2));
  auto notes = capture_pbc_notes(a.tracker);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find(uuid1), std::string::npos);
  EXPECT_NE(notes[0].find(uuid2), std::string::npos);
}

TEST(Pbc, ASinglePbcRunHasNoOverlapNote) {
  auto a = analyze(test::fixture("nfc-pbc/captures/pbc/wps.pcap"));
  ASSERT_EQ(a.d.size(), 1u);
  EXPECT_EQ(a.d[0].outcome, Outcome::WpsSucceeded) << a.d[0].summary;
  EXPECT_EQ(a.d[0].attempts.at(0).method, "pbc");
  EXPECT_EQ(a.tracker.pbc_enrollees().size(), 1u);
  EXPECT_TRUE(capture_pbc_notes(a.tracker).empty());
}

// Online guessing of the AP PIN (tests/data/analyzer/wps-reaver-brute.pcap, make_captures.py):
// three wrong first halves, a refusal while the beacons show the lock, then the right first half
// (M5) and a wrong second half.
TEST(Attacks, OnlineGuessingIsRecognisedWithHowFarItGot) {
  auto a = analyze(test::fixture("analyzer/wps-reaver-brute.pcap"));
  ASSERT_EQ(a.d.size(), 1u);
  const Diagnosis& d = a.d[0];
  ASSERT_TRUE(d.brute_force.has_value()) << d.summary;
  const BruteForceInfo& b = *d.brute_force;
  EXPECT_EQ(b.attempts, 5u);
  EXPECT_EQ(b.first_half_guesses, 3u);
  EXPECT_EQ(b.second_half_guesses, 1u);
  EXPECT_EQ(b.locked_refusals, 1u);
  EXPECT_EQ(b.first_half_found, std::optional<std::size_t>(4));
  EXPECT_FALSE(b.pin_proved.has_value());
  // The beacons: unlocked, locked before attempt 4, unlocked before attempt 5.
  ASSERT_EQ(b.lock_changes.size(), 3u);
  EXPECT_FALSE(b.lock_changes[0].second);
  EXPECT_TRUE(b.lock_changes[1].second);
  EXPECT_FALSE(b.lock_changes[2].second);
  EXPECT_LT(b.lock_changes[1].first, a.tracker.sessions()[0].attempts[3].start_ns);
  EXPECT_EQ(d.attempts[3].outcome, Outcome::SetupLocked);
  EXPECT_EQ(d.summary.rfind("AP-PIN brute force (5 attempts)", 0), 0u) << d.summary;
  EXPECT_TRUE(any_contains(d.notes, "the first half was found in attempt 5"));
}

TEST(Attacks, TwoWrongGuessesAreNotCalledAnAttack) {
  // wps-reaver.pcap: two guesses, both wrong first halves; a person can mistype twice.
  auto a = analyze(test::fixture("analyzer/wps-reaver.pcap"));
  ASSERT_EQ(a.d.size(), 1u);
  EXPECT_FALSE(a.d[0].brute_force.has_value()) << a.d[0].summary;
  EXPECT_FALSE(any_contains(a.d[0].notes, "online AP-PIN guessing"));
  // Without a key log nothing is said about the enrollee's nonces.
  EXPECT_TRUE(a.d[0].pixie.empty());
}

TEST(DetailLimit, AttemptsBeyondTheLimitAreCountedNotJudged) {
  // wps-reaver-brute.pcap: five attempts. With room for 12 WSC messages the middle attempts
  // lose messages: a verdict from what is left of them would be a guess. The capture's last
  // attempt is kept whole whatever came before it.
  SessionOptions so;
  so.max_messages = 12;
  auto a = analyze(test::fixture("analyzer/wps-reaver-brute.pcap"), {}, so);
  ASSERT_EQ(a.d.size(), 1u);
  const Session& s = a.tracker.sessions()[0];
  const Diagnosis& d = a.d[0];
  ASSERT_EQ(s.attempts.size(), 5u);
  std::size_t cut = s.attempts.size();
  for (std::size_t i = 0; i < s.attempts.size(); ++i) {
    EXPECT_EQ(s.attempts[i].number, i + 1);
    if (s.attempts[i].messages_dropped && cut == s.attempts.size()) cut = i;
  }
  ASSERT_GT(cut, 0u);
  ASSERT_LT(cut, 4u) << "the limit did not bite";
  for (std::size_t i = cut; i + 1 < s.attempts.size(); ++i) {
    EXPECT_EQ(d.attempts[i].outcome, Outcome::Incomplete) << i;
    EXPECT_EQ(d.attempts[i].summary.rfind("beyond the detail limit (12 WSC messages", 0), 0u)
        << d.attempts[i].summary;
  }
  // Kept whole: the first ones and the last one, with their verdicts.
  EXPECT_EQ(d.attempts[0].outcome, Outcome::WrongPinFirstHalf) << d.attempts[0].summary;
  EXPECT_EQ(s.attempts[4].messages_dropped, 0u);
  EXPECT_EQ(d.attempts[4].outcome, Outcome::WrongPinSecondHalf) << d.attempts[4].summary;
  EXPECT_EQ(d.outcome, Outcome::WrongPinSecondHalf);
  const std::string kept = cut == 1 ? "1" : "1-" + std::to_string(cut);
  EXPECT_NE(d.summary.find("5 attempts: " + kept + ", 5 in detail; " + std::to_string(4 - cut) +
                           " beyond the detail limit (counted, not diagnosed); attempt 5: "),
            std::string::npos)
      << d.summary;
  EXPECT_TRUE(any_contains(d.notes, "detail limit reached"));
  ASSERT_TRUE(d.brute_force.has_value());
  EXPECT_EQ(d.brute_force->not_diagnosed, 4 - cut);

  // Past the attempt limit the last entry is always the newest attempt; the ones it replaced
  // are counted.
  SessionOptions few;
  few.max_messages = 4;
  few.max_attempts = 3;
  auto b = analyze(test::fixture("analyzer/wps-reaver-brute.pcap"), {}, few);
  ASSERT_EQ(b.d.size(), 1u);
  const Session& t = b.tracker.sessions()[0];
  ASSERT_EQ(t.attempts.size(), 3u);
  EXPECT_EQ(t.attempts_over_limit, 2u);
  EXPECT_EQ(t.attempts[0].number, 1u);
  EXPECT_EQ(t.attempts[1].number, 2u);
  EXPECT_EQ(t.attempts[2].number, 5u);
  EXPECT_EQ(b.d[0].attempts[2].outcome, Outcome::WrongPinSecondHalf) << b.d[0].attempts[2].summary;
  EXPECT_EQ(b.d[0].outcome, Outcome::WrongPinSecondHalf);
  EXPECT_NE(b.d[0].summary.find("5 attempts: 5 in detail; 4 beyond the detail limit"),
            std::string::npos)
      << b.d[0].summary;
}

TEST(Timeout, WhoStoppedAnsweringAndIncompleteCapture) {
  auto w = pin_frames();
  w.resize(9);  // ... M5 from the STA, then silence
  auto cut = analyze_wired(w);
  EXPECT_EQ(cut.d[0].outcome, Outcome::Incomplete) << cut.d[0].summary;
  EXPECT_NE(cut.d[0].summary.find("after M5 from the STA"), std::string::npos);
  air::WiredEapol later = w[0];
  later.t_ns += 30'000'000'000;
  w.push_back(later);
  auto t = analyze_wired(w);
  ASSERT_EQ(t.d[0].attempts.size(), 2u);
  const AttemptDiagnosis& a = t.d[0].attempts[0];
  EXPECT_EQ(a.outcome, Outcome::Timeout);
  EXPECT_EQ(a.detected_by, Role::Ap);
  EXPECT_EQ(a.summary, "the AP stopped answering after M5 from the STA; the station started "
                       "over 30.0 s later");
  // The second attempt: only an EAPOL-Start that nobody answers, at the end of the capture.
  EXPECT_EQ(t.d[0].attempts[1].outcome, Outcome::Incomplete);
  EXPECT_EQ(t.d[0].outcome, Outcome::Timeout);  // the last attempt with messages
}

// --- robustness: truncated and corrupted copies of every capture ---------------------------------

TEST(Robustness, TruncatedAndCorruptedCaptures) {
  TempDir dir;
  const char* modes[] = {"pin", "late-pin", "wrong-pin", "wrong-pin2", "frag", "er", "er-config"};
  std::mt19937 rng(11);
  std::size_t analysed = 0;
  for (const char* m : modes) {
    std::string bytes = test::read_file(air::interop_capture(m));
    ASSERT_GT(bytes.size(), 24u);
    for (std::size_t cut = 24; cut < bytes.size(); cut += 53) {
      auto p = dir.path / ("cut-" + std::string(m) + "-" + std::to_string(cut) + ".pcap");
      {
        std::ofstream out(p, std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(cut));
      }
      auto a = analyze(p);
      for (const auto& d : a.d) EXPECT_FALSE(d.summary.empty());
      ++analysed;
    }
    for (int k = 0; k < 30; ++k) {
      std::string c = bytes;
      for (int j = 0; j < 8; ++j) {
        std::size_t at = 24 + rng() % (c.size() - 24);
        c[at] = static_cast<char>(c[at] ^ (1 + rng() % 255));
      }
      auto p = dir.path / ("bad-" + std::string(m) + "-" + std::to_string(k) + ".pcap");
      {
        std::ofstream out(p, std::ios::binary);
        out.write(c.data(), static_cast<std::streamsize>(c.size()));
      }
      auto a = analyze(p);
      for (const auto& d : a.d) EXPECT_FALSE(d.summary.empty());
      ++analysed;
    }
  }
  EXPECT_GT(analysed, 250u);
}

TEST(Svg, RowsCarryEscapedLabelsRemarksAndCutExplanations) {
  auto a = analyze(test::fixture("analyzer/wps-reaver.pcap"));
  ASSERT_FALSE(a.tracker.sessions().empty());
  Session& s = a.tracker.sessions()[0];
  Diagnosis& d = a.d[0];
  ASSERT_GE(s.rows.size(), 3u);
  std::string clean = render_svg(s, d);
  std::size_t groups = 0;
  for (std::size_t p = clean.find("<g class=\"row\">"); p != std::string::npos;
       p = clean.find("<g class=\"row\">", p + 1)) {
    ++groups;
  }
  EXPECT_EQ(groups, s.rows.size());
  // Text from a capture is escaped wherever it lands, a deviation marks its row, and a long
  // explanation is cut to 93 characters plus "..." on the diagram (whole in the tooltip).
  s.rows[1].label = "<M1 & \"q\" 'x'>";
  d.deviations[1].push_back("sent <early>");
  d.explanations[2] = std::string(100, 'e');
  std::string svg = render_svg(s, d);
  EXPECT_NE(svg.find("<title>&lt;M1 &amp; &quot;q&quot; &#39;x&#39;&gt; \u2014 frame "),
            std::string::npos);
  EXPECT_NE(svg.find("\n! sent &lt;early&gt;</title>"), std::string::npos);
  EXPECT_EQ(svg.find("<M1"), std::string::npos);
  // Row 1's group (the second) now has the warning circle.
  std::size_t g1 = svg.find("<g class=\"row\">", svg.find("<g class=\"row\">") + 1);
  ASSERT_NE(g1, std::string::npos);
  std::string row1 = svg.substr(g1, svg.find("</g>", g1) - g1);
  EXPECT_NE(row1.find("&lt;M1"), std::string::npos);
  EXPECT_NE(row1.find("class=\"warn\""), std::string::npos);
  EXPECT_NE(svg.find("class=\"ex\">" + std::string(93, 'e') + "...</text>"), std::string::npos);
  EXPECT_NE(svg.find("\n" + std::string(100, 'e')), std::string::npos);
  // The height in the header covers every row (30) and section band (24), below the
  // participants (86) and above a margin (20).
  std::size_t bands = 0;
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    bands += (i == 0 || s.rows[i].section != s.rows[i - 1].section) ? 1 : 0;
  }
  EXPECT_GT(bands, 1u);
  std::string height = std::to_string(86 + 24 * bands + 30 * s.rows.size() + 20);
  EXPECT_NE(svg.find(" height=\"" + height + "\" viewBox=\"0 0 1180 " + height + "\""),
            std::string::npos);
}

}  // namespace
}  // namespace wps::analyzer
