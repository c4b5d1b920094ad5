// The two 4-way handshake engines wired back to back, with loss, retransmission, replay,
// corruption and wrong-key cases. Covers authenticator_4way, supplicant_4way and fourway.
#include "wpa2/fourway.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/test_support.hpp"
#include "wpa2/authenticator_4way.hpp"
#include "wpa2/ccmp.hpp"
#include "wpa2/eapol_key.hpp"
#include "wpa2/keys.hpp"
#include "wpa2/supplicant_4way.hpp"

namespace wps::wpa2 {
namespace {

using test::hex;
using namespace std::chrono_literals;

/// Deterministic, seedable octet stream (test only; not a cryptographic generator).
class TestRng final : public Rng {
 public:
  explicit TestRng(std::uint8_t seed) : state_(0x9e3779b97f4a7c15ULL * (seed + 1)) {}
  void fill(std::span<std::uint8_t> out) override {
    for (auto& b : out) {
      state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
      b = static_cast<std::uint8_t>(state_ >> 56);
    }
  }

 private:
  std::uint64_t state_;
};

const MacAddr kApMac = *MacAddr::parse("02:00:00:00:0b:01");
const MacAddr kStaMac = *MacAddr::parse("02:00:00:00:0a:01");
// WPS-FACTS §2.5: WPA2-PSK, CCMP group and pairwise, RSN capabilities 0.
const Bytes kRsnIe = hex("30140100000fac040100000fac040100000fac020000");
const char* kGtkHex = "101112131415161718191a1b1c1d1e1f";

const crypto::Pmk& pmk_for(const char* passphrase) {
  static PmkCache cache;
  static std::vector<std::pair<std::string, crypto::Pmk>> held;
  for (auto& [p, k] : held)
    if (p == passphrase) return k;
  held.emplace_back(passphrase, cache.get(as_bytes(passphrase), as_bytes("wpslab")).value());
  return held.back().second;
}

AuthenticatorConfig ap_config(const char* passphrase = "12345678") {
  AuthenticatorConfig c;
  c.aa = AuthenticatorAddr{kApMac};
  c.spa = SupplicantAddr{kStaMac};
  c.pmk = pmk_for(passphrase).clone();
  c.ap_rsn_ie = kRsnIe;
  c.sta_rsn_ie = kRsnIe;
  c.gtk = *crypto::Gtk::from(hex(kGtkHex));
  c.gtk_key_id = 1;
  c.gtk_tx_pn = 0x1234;
  return c;
}

SupplicantConfig sta_config(const char* passphrase = "12345678") {
  SupplicantConfig c;
  c.aa = AuthenticatorAddr{kApMac};
  c.spa = SupplicantAddr{kStaMac};
  c.pmk = pmk_for(passphrase).clone();
  c.own_rsn_ie = kRsnIe;
  c.ap_rsn_ie = kRsnIe;
  return c;
}

/// Everything an engine emitted, by kind, in order.
struct Drained {
  std::vector<SendEapol> sent;
  std::vector<KeysInstalled> keys;
  std::vector<Failed> failed;
  std::vector<TraceEvent> traces;
  std::vector<std::size_t> order;  // variant index of each output, in emission order

  bool nothing_but_traces() const { return sent.empty() && keys.empty() && failed.empty(); }
};

template <typename Engine>
Drained drain(Engine& e) {
  Drained d;
  while (auto o = e.poll_output()) {
    d.order.push_back(o->index());
    if (auto* s = std::get_if<SendEapol>(&*o)) d.sent.push_back(std::move(*s));
    if (auto* k = std::get_if<KeysInstalled>(&*o)) d.keys.push_back(std::move(*k));
    if (auto* f = std::get_if<Failed>(&*o)) d.failed.push_back(*f);
    if (auto* t = std::get_if<TraceEvent>(&*o)) d.traces.push_back(*t);
  }
  return d;
}

EapolKey parsed(const SendEapol& s) {
  return parse_eapol_key(s.frame).value();
}

bool has_trace(const Drained& d, std::string_view kind, std::string_view detail_part) {
  for (const auto& t : d.traces)
    if (t.kind == kind && t.to.find(detail_part) != std::string::npos) return true;
  return false;
}

const TimePoint t0 = TimePoint::from_ns(1'000'000'000);

/// Re-signs an edited EAPOL-Key with the KCK both sides derived (to get past the MIC and reach
/// the check under test).
Bytes resign(EapolKey k, const Authenticator4Way& ap, const Supplicant4Way& sta) {
  const auto ptk = derive_ptk(pmk_for("12345678"), AuthenticatorAddr{kApMac},
                              SupplicantAddr{kStaMac}, ap.anonce(), *sta.snonce());
  return build_eapol_key_signed(k, ptk_kck(ptk));
}

// ---------------------------------------------------------------------------------------------

TEST(FourWay, BackToBackInstallsEqualKeys) {
  TestRng ap_rng(1), sta_rng(2);
  Authenticator4Way ap(ap_config(), ap_rng);
  Supplicant4Way sta(sta_config(), sta_rng);
  sta.start(t0);
  ap.start(t0);

  auto a1 = drain(ap);
  ASSERT_EQ(a1.sent.size(), 1u);
  const EapolKey m1 = parsed(a1.sent[0]);
  EXPECT_EQ(a1.sent[0].message, KeyMessage::Pairwise1);
  EXPECT_EQ(m1.key_info, 0x008a);
  EXPECT_EQ(m1.replay_counter, 1u);
  EXPECT_EQ(m1.key_length, 16);
  EXPECT_TRUE(m1.key_data.empty());
  EXPECT_EQ(to_hex(m1.nonce), ap.anonce().hex());
  EXPECT_EQ(ap.next_deadline(), t0 + 100ms);

  sta.on_eapol(a1.sent[0].frame, t0 + 1ms);
  auto s1 = drain(sta);
  ASSERT_EQ(s1.sent.size(), 1u);
  const EapolKey m2 = parsed(s1.sent[0]);
  EXPECT_EQ(m2.key_info, 0x010a);
  EXPECT_EQ(m2.replay_counter, 1u);
  EXPECT_EQ(m2.key_data, kRsnIe);
  ASSERT_TRUE(sta.snonce());
  EXPECT_EQ(to_hex(m2.nonce), sta.snonce()->hex());

  ap.on_eapol(s1.sent[0].frame, t0 + 2ms);
  auto a2 = drain(ap);
  ASSERT_EQ(a2.sent.size(), 1u) << (a2.failed.empty() ? "" : to_string(a2.failed[0].reason));
  const EapolKey m3 = parsed(a2.sent[0]);
  EXPECT_EQ(m3.key_info, 0x13ca);
  EXPECT_EQ(m3.replay_counter, 2u);
  EXPECT_EQ(m3.nonce, m1.nonce);
  EXPECT_EQ(pn_from_rsc(m3.rsc), 0x1234u);
  EXPECT_EQ(m3.key_data.size(), 56u);  // 22 RSN IE + 24 GTK KDE + 2 pad, + 8 wrap
  EXPECT_EQ(ap.next_deadline(), t0 + 2ms + 100ms);
  // The Key Data decrypts under the KEK both sides derive to the AP RSN IE and GTK KDE.
  const auto ptk = derive_ptk(pmk_for("12345678"), AuthenticatorAddr{kApMac},
                              SupplicantAddr{kStaMac}, ap.anonce(), *sta.snonce());
  auto kd_plain = unwrap_key_data(ptk_kek(ptk), m3.key_data);
  ASSERT_TRUE(kd_plain);
  auto kd = parse_key_data(crypto::view(*kd_plain));
  ASSERT_TRUE(kd);
  EXPECT_EQ(to_hex(*kd->rsn_ie), to_hex(kRsnIe));
  EXPECT_EQ(to_hex(kd->gtk->gtk), kGtkHex);

  sta.on_eapol(a2.sent[0].frame, t0 + 3ms);
  auto s2 = drain(sta);
  ASSERT_EQ(s2.sent.size(), 1u);
  ASSERT_EQ(s2.keys.size(), 1u);
  // Message 4 is queued before the keys are installed (it must leave unencrypted).
  std::vector<std::size_t> non_trace;
  for (auto i : s2.order)
    if (i != 3) non_trace.push_back(i);
  EXPECT_EQ(non_trace, (std::vector<std::size_t>{0, 1}));
  const EapolKey m4 = parsed(s2.sent[0]);
  EXPECT_EQ(m4.key_info, 0x030a);
  EXPECT_EQ(m4.replay_counter, 2u);
  EXPECT_EQ(m4.nonce, KeyNonce{});
  EXPECT_TRUE(m4.key_data.empty());
  EXPECT_EQ(sta.state(), Supplicant4Way::State::Done);
  EXPECT_FALSE(sta.next_deadline());

  ap.on_eapol(s2.sent[0].frame, t0 + 4ms);
  auto a3 = drain(ap);
  ASSERT_EQ(a3.keys.size(), 1u);
  EXPECT_TRUE(a3.sent.empty());
  EXPECT_EQ(ap.state(), Authenticator4Way::State::Done);
  EXPECT_FALSE(ap.next_deadline());

  const KeysInstalled& ka = a3.keys[0];
  const KeysInstalled& ks = s2.keys[0];
  EXPECT_TRUE(ct_equal(ka.tk, ks.tk));
  EXPECT_TRUE(ct_equal(ka.tk, ptk_tk(ptk)));
  EXPECT_TRUE(ct_equal(ka.gtk, ks.gtk));
  EXPECT_EQ(to_hex(ks.gtk.view()), kGtkHex);
  EXPECT_EQ(ka.gtk_key_id, 1);
  EXPECT_EQ(ks.gtk_key_id, 1);
  EXPECT_EQ(ks.gtk_rsc, 0x1234u);

  // The first protected data frame (WPS-FACTS §10.3): STA -> AP with the installed TK.
  const MpduHeader hdr{0x4108, kApMac,       kStaMac,     MacAddr::broadcast(),
                       0x0000, std::nullopt, std::nullopt};
  CcmpSender tx(ks.tk.clone());
  CcmpReceiver rx(ka.tk.clone());
  const Bytes msdu = hex("aaaa030000000800 45000000");
  auto frame = tx.protect(hdr, msdu);
  ASSERT_TRUE(frame);
  auto plain = rx.unprotect(hdr, *frame);
  ASSERT_TRUE(plain);
  EXPECT_EQ(to_hex(crypto::view(plain->plaintext)), to_hex(msdu));

  // State traces name old -> new.
  EXPECT_TRUE(has_trace(a3, "state", "done"));
}

TEST(FourWay, WrongPassphraseFailsAtMessage2WithMicMismatch) {
  TestRng ap_rng(1), sta_rng(2);
  Authenticator4Way ap(ap_config("12345678"), ap_rng);
  Supplicant4Way sta(sta_config("stale-credential"), sta_rng);
  ap.start(t0);
  sta.on_eapol(drain(ap).sent.at(0).frame, t0);
  ap.on_eapol(drain(sta).sent.at(0).frame, t0 + 1ms);
  auto a = drain(ap);
  EXPECT_TRUE(a.sent.empty());  // no message 3
  EXPECT_TRUE(a.keys.empty());
  ASSERT_EQ(a.failed.size(), 1u);
  EXPECT_EQ(a.failed[0].reason, Errc::KeyMicMismatch);
  EXPECT_EQ(a.failed[0].message, KeyMessage::Pairwise2);
  EXPECT_EQ(a.failed[0].deauth_reason, 15);
  EXPECT_EQ(ap.state(), Authenticator4Way::State::Failed);
  EXPECT_FALSE(ap.next_deadline());
  // Terminal: later input and deadlines produce nothing.
  ap.on_eapol(hex("00"), t0 + 2ms);
  ap.on_deadline(t0 + 10s);
  EXPECT_FALSE(ap.poll_output());
}

TEST(FourWay, WrongPassphraseWithHostapdDropPolicyFailsAfterRetries) {
  TestRng ap_rng(1), sta_rng(2);
  AuthenticatorConfig cfg = ap_config();
  cfg.fail_on_bad_mic = false;
  Authenticator4Way ap(std::move(cfg), ap_rng);
  Supplicant4Way sta(sta_config("stale-credential"), sta_rng);
  ap.start(t0);
  std::vector<std::uint64_t> msg2_counters;
  std::optional<Failed> failed;
  TimePoint now = t0;
  for (int round = 0; round < 10; ++round) {
    auto a = drain(ap);
    if (!a.failed.empty()) {
      failed = a.failed[0];
      break;
    }
    for (auto& m1 : a.sent) {
      ASSERT_EQ(m1.message, KeyMessage::Pairwise1);  // never a message 3
      sta.on_eapol(m1.frame, now);
      for (auto& m2 : drain(sta).sent) {
        msg2_counters.push_back(parsed(m2).replay_counter);
        ap.on_eapol(m2.frame, now);  // bad MIC: dropped, remembered
      }
    }
    if (!ap.next_deadline()) break;
    now = *ap.next_deadline();
    ap.on_deadline(now);
  }
  EXPECT_EQ(now, t0 + 3100ms);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->reason, Errc::KeyMicMismatch);
  EXPECT_EQ(failed->message, KeyMessage::Pairwise2);
  EXPECT_EQ(failed->deauth_reason, 15);
  // Four message 1s (replay counters 1..4), each answered by a message 2 with a bad MIC.
  EXPECT_EQ(msg2_counters, (std::vector<std::uint64_t>{1, 2, 3, 4}));
}

TEST(FourWay, StationRsnIeDifferentFromAssociationRequest) {
  TestRng ap_rng(1), sta_rng(2);
  SupplicantConfig scfg = sta_config();
  scfg.own_rsn_ie = hex("30140100000fac040100000fac040100000fac020c00");  // capabilities differ
  scfg.ap_rsn_ie = kRsnIe;
  Authenticator4Way ap(ap_config(), ap_rng);
  Supplicant4Way sta(std::move(scfg), sta_rng);
  ap.start(t0);
  sta.on_eapol(drain(ap).sent.at(0).frame, t0);
  ap.on_eapol(drain(sta).sent.at(0).frame, t0);
  auto a = drain(ap);
  EXPECT_TRUE(a.sent.empty());
  ASSERT_EQ(a.failed.size(), 1u);
  EXPECT_EQ(a.failed[0].reason, Errc::KeyRsnIeMismatch);
  EXPECT_EQ(a.failed[0].deauth_reason, 17);
  EXPECT_EQ(a.failed[0].message, KeyMessage::Pairwise2);
}

TEST(FourWay, ApRsnIeDifferentFromBeaconIsADowngrade) {
  TestRng ap_rng(1), sta_rng(2);
  AuthenticatorConfig acfg = ap_config();
  acfg.ap_rsn_ie = hex("30140100000fac020100000fac040100000fac020000");  // TKIP group cipher
  Authenticator4Way ap(std::move(acfg), ap_rng);
  Supplicant4Way sta(sta_config(), sta_rng);
  ap.start(t0);
  sta.on_eapol(drain(ap).sent.at(0).frame, t0);
  ap.on_eapol(drain(sta).sent.at(0).frame, t0);
  sta.on_eapol(drain(ap).sent.at(0).frame, t0);
  auto s = drain(sta);
  EXPECT_TRUE(s.sent.empty());  // no message 4
  EXPECT_TRUE(s.keys.empty());
  ASSERT_EQ(s.failed.size(), 1u);
  EXPECT_EQ(s.failed[0].reason, Errc::KeyRsnIeMismatch);
  EXPECT_EQ(s.failed[0].deauth_reason, 17);
  EXPECT_EQ(s.failed[0].message, KeyMessage::Pairwise3);
}

TEST(FourWay, AuthenticatorIgnoresUnusedReplayCounter) {
  TestRng ap_rng(1), sta_rng(2);
  Authenticator4Way ap(ap_config(), ap_rng);
  Supplicant4Way sta(sta_config(), sta_rng);
  ap.start(t0);
  sta.on_eapol(drain(ap).sent.at(0).frame, t0);
  const Bytes m2 = drain(sta).sent.at(0).frame;
  // A correctly signed message 2 whose counter the AP never used (5) is dropped silently.
  EapolKey k = parse_eapol_key(m2).value();
  k.replay_counter = 5;
  ap.on_eapol(resign(k, ap, sta), t0 + 1ms);
  auto a = drain(ap);
  EXPECT_TRUE(a.nothing_but_traces());
  EXPECT_TRUE(has_trace(a, "drop", "key_replay_counter"));
  EXPECT_EQ(ap.state(), Authenticator4Way::State::WaitMsg2);
  // ...and so is counter 0 (before this handshake's first message 1).
  k.replay_counter = 0;
  ap.on_eapol(resign(k, ap, sta), t0 + 1ms);
  EXPECT_TRUE(drain(ap).nothing_but_traces());
  // The genuine message 2 still completes the handshake.
  ap.on_eapol(m2, t0 + 2ms);
  auto ok = drain(ap);
  ASSERT_EQ(ok.sent.size(), 1u);
  EXPECT_EQ(ok.sent[0].message, KeyMessage::Pairwise3);
  // A replay of message 2 once message 3 is out is ignored too.
  ap.on_eapol(m2, t0 + 3ms);
  EXPECT_TRUE(drain(ap).nothing_but_traces());
  EXPECT_EQ(ap.state(), Authenticator4Way::State::WaitMsg4);
}

TEST(FourWay, SupplicantIgnoresMessage3WithoutLargerReplayCounter) {
  TestRng ap_rng(1), sta_rng(2);
  Authenticator4Way ap(ap_config(), ap_rng);
  Supplicant4Way sta(sta_config(), sta_rng);
  ap.start(t0);
  sta.on_eapol(drain(ap).sent.at(0).frame, t0);
  ap.on_eapol(drain(sta).sent.at(0).frame, t0);
  const Bytes m3 = drain(ap).sent.at(0).frame;
  // A valid message 3 re-signed with message 1's replay counter (1): not "larger", ignored.
  EapolKey k = parse_eapol_key(m3).value();
  k.replay_counter = 1;
  sta.on_eapol(resign(k, ap, sta), t0 + 1ms);
  auto s = drain(sta);
  EXPECT_TRUE(s.nothing_but_traces());
  EXPECT_TRUE(has_trace(s, "drop", "key_replay_counter"));
  EXPECT_EQ(sta.state(), Supplicant4Way::State::WaitMsg3);
  // The real one works; afterwards, the same frame again is a replay: no answer, no install.
  sta.on_eapol(m3, t0 + 2ms);
  auto done = drain(sta);
  ASSERT_EQ(done.keys.size(), 1u);
  sta.on_eapol(m3, t0 + 3ms);
  EXPECT_TRUE(drain(sta).nothing_but_traces());
}

TEST(FourWay, DroppedMessage1IsRetransmitted) {
  TestRng ap_rng(1), sta_rng(2);
  Authenticator4Way ap(ap_config(), ap_rng);
  Supplicant4Way sta(sta_config(), sta_rng);
  ap.start(t0);
  (void)drain(ap);  // message 1 lost
  EXPECT_EQ(ap.next_deadline(), t0 + 100ms);
  ap.on_deadline(t0 + 99ms);  // too early: nothing
  EXPECT_TRUE(drain(ap).nothing_but_traces());
  ap.on_deadline(t0 + 100ms);
  auto a = drain(ap);
  ASSERT_EQ(a.sent.size(), 1u);
  const EapolKey m1b = parsed(a.sent[0]);
  EXPECT_EQ(m1b.replay_counter, 2u);
  EXPECT_EQ(to_hex(m1b.nonce), ap.anonce().hex());  // same ANonce
  EXPECT_EQ(ap.next_deadline(), t0 + 1100ms);       // later waits are 1 s
  sta.on_eapol(a.sent[0].frame, t0 + 101ms);
  const auto m2 = drain(sta).sent.at(0);
  EXPECT_EQ(parsed(m2).replay_counter, 2u);
  ap.on_eapol(m2.frame, t0 + 102ms);
  const auto m3 = drain(ap).sent.at(0);
  EXPECT_EQ(parsed(m3).replay_counter, 3u);
  sta.on_eapol(m3.frame, t0 + 103ms);
  auto s = drain(sta);
  ASSERT_EQ(s.keys.size(), 1u);
  ap.on_eapol(s.sent.at(0).frame, t0 + 104ms);
  auto fin = drain(ap);
  ASSERT_EQ(fin.keys.size(), 1u);
  EXPECT_TRUE(ct_equal(fin.keys[0].tk, s.keys[0].tk));
}

TEST(FourWay, LateMessage2CrossingARetransmittedMessage1IsAccepted) {
  TestRng ap_rng(1), sta_rng(2);
  Authenticator4Way ap(ap_config(), ap_rng);
  Supplicant4Way sta(sta_config(), sta_rng);
  ap.start(t0);
  sta.on_eapol(drain(ap).sent.at(0).frame, t0 + 1ms);
  const Bytes late_m2 = drain(sta).sent.at(0).frame;  // delayed in flight
  ap.on_deadline(t0 + 100ms);
  const Bytes m1b = drain(ap).sent.at(0).frame;  // counter 2
  ap.on_eapol(late_m2, t0 + 120ms);              // counter 1: still one of ours
  const auto m3 = drain(ap).sent.at(0);
  EXPECT_EQ(parsed(m3).replay_counter, 3u);
  sta.on_eapol(m1b, t0 + 121ms);  // the retransmitted message 1 arrives: same SNonce again
  const auto m2b = drain(sta).sent.at(0);
  EXPECT_EQ(parsed(m2b).nonce, parse_eapol_key(late_m2).value().nonce);
  ap.on_eapol(m2b.frame, t0 + 122ms);  // AP already moved on: ignored
  EXPECT_TRUE(drain(ap).nothing_but_traces());
  sta.on_eapol(m3.frame, t0 + 123ms);
  auto s = drain(sta);
  ASSERT_EQ(s.keys.size(), 1u);
  ap.on_eapol(s.sent.at(0).frame, t0 + 124ms);
  EXPECT_EQ(drain(ap).keys.size(), 1u);
}

TEST(FourWay, DroppedMessage3IsRetransmitted) {
  TestRng ap_rng(1), sta_rng(2);
  Authenticator4Way ap(ap_config(), ap_rng);
  Supplicant4Way sta(sta_config(), sta_rng);
  ap.start(t0);
  sta.on_eapol(drain(ap).sent.at(0).frame, t0);
  ap.on_eapol(drain(sta).sent.at(0).frame, t0 + 1ms);
  (void)drain(ap);  // message 3 lost
  EXPECT_EQ(ap.next_deadline(), t0 + 101ms);
  ap.on_deadline(t0 + 101ms);
  const auto m3b = drain(ap).sent.at(0);
  EXPECT_EQ(m3b.message, KeyMessage::Pairwise3);
  EXPECT_EQ(parsed(m3b).replay_counter, 3u);
  sta.on_eapol(m3b.frame, t0 + 102ms);
  auto s = drain(sta);
  ASSERT_EQ(s.keys.size(), 1u);
  EXPECT_EQ(parsed(s.sent.at(0)).replay_counter, 3u);
  ap.on_eapol(s.sent.at(0).frame, t0 + 103ms);
  auto a = drain(ap);
  ASSERT_EQ(a.keys.size(), 1u);
  EXPECT_TRUE(ct_equal(a.keys[0].tk, s.keys[0].tk));
}

TEST(FourWay, RetransmittedMessage3DoesNotReinstallKeys) {
  // Message 4 is lost: the AP resends message 3 (new counter); the STA must answer with a new
  // message 4 but must not install the keys a second time (KRACK).
  TestRng ap_rng(1), sta_rng(2);
  Authenticator4Way ap(ap_config(), ap_rng);
  Supplicant4Way sta(sta_config(), sta_rng);
  ap.start(t0);
  sta.on_eapol(drain(ap).sent.at(0).frame, t0);
  ap.on_eapol(drain(sta).sent.at(0).frame, t0);
  sta.on_eapol(drain(ap).sent.at(0).frame, t0 + 1ms);
  auto first = drain(sta);
  ASSERT_EQ(first.keys.size(), 1u);  // installed once; message 4 lost
  ap.on_deadline(t0 + 100ms);
  const auto m3b = drain(ap).sent.at(0);
  sta.on_eapol(m3b.frame, t0 + 101ms);
  auto again = drain(sta);
  EXPECT_TRUE(again.keys.empty());
  EXPECT_TRUE(again.failed.empty());
  ASSERT_EQ(again.sent.size(), 1u);
  EXPECT_EQ(again.sent[0].message, KeyMessage::Pairwise4);
  EXPECT_EQ(parsed(again.sent[0]).replay_counter, parsed(m3b).replay_counter);
  EXPECT_TRUE(has_trace(again, "rx", "not reinstalled"));
  ap.on_eapol(again.sent[0].frame, t0 + 102ms);
  auto a = drain(ap);
  ASSERT_EQ(a.keys.size(), 1u);
  EXPECT_TRUE(ct_equal(a.keys[0].tk, first.keys[0].tk));
}

TEST(FourWay, RetriesExhaustedFailsWithReason15) {
  TestRng ap_rng(1);
  Authenticator4Way ap(ap_config(), ap_rng);
  ap.start(t0);
  std::vector<TimePoint> sends{t0};
  std::vector<std::uint64_t> counters{parsed(drain(ap).sent.at(0)).replay_counter};
  std::optional<Failed> failed;
  while (auto d = ap.next_deadline()) {
    ap.on_deadline(*d);
    auto a = drain(ap);
    for (auto& s : a.sent) {
      sends.push_back(*d);
      counters.push_back(parsed(s).replay_counter);
    }
    if (!a.failed.empty()) {
      failed = a.failed[0];
      EXPECT_EQ(*d, t0 + 3100ms);  // 100 ms + 3 x 1 s
    }
  }
  EXPECT_EQ(sends, (std::vector<TimePoint>{t0, t0 + 100ms, t0 + 1100ms, t0 + 2100ms}));
  EXPECT_EQ(counters, (std::vector<std::uint64_t>{1, 2, 3, 4}));
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->reason, Errc::SessionTimeout);
  EXPECT_EQ(failed->deauth_reason, 15);
  EXPECT_EQ(failed->message, KeyMessage::Pairwise2);
}

TEST(FourWay, Message3RetriesExhaustedFailsWithReason15) {
  TestRng ap_rng(1), sta_rng(2);
  Authenticator4Way ap(ap_config(), ap_rng);
  Supplicant4Way sta(sta_config(), sta_rng);
  ap.start(t0);
  sta.on_eapol(drain(ap).sent.at(0).frame, t0);
  ap.on_eapol(drain(sta).sent.at(0).frame, t0);
  int msg3_count = static_cast<int>(drain(ap).sent.size());
  std::optional<Failed> failed;
  while (auto d = ap.next_deadline()) {
    ap.on_deadline(*d);
    auto a = drain(ap);
    msg3_count += static_cast<int>(a.sent.size());
    if (!a.failed.empty()) failed = a.failed[0];
  }
  EXPECT_EQ(msg3_count, 4);
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->reason, Errc::SessionTimeout);
  EXPECT_EQ(failed->deauth_reason, 15);
  EXPECT_EQ(failed->message, KeyMessage::Pairwise4);
}

TEST(FourWay, EverySingleOctetCorruptionOfMessage2IsRejected) {
  // Deterministic RNGs: every fresh AP draws the same ANonce, so one message 2 fits them all.
  Bytes m2;
  {
    TestRng ap_rng(1), sta_rng(2);
    Authenticator4Way ap(ap_config(), ap_rng);
    Supplicant4Way sta(sta_config(), sta_rng);
    ap.start(t0);
    sta.on_eapol(drain(ap).sent.at(0).frame, t0);
    m2 = drain(sta).sent.at(0).frame;
    ap.on_eapol(m2, t0);
    ASSERT_EQ(drain(ap).sent.size(), 1u);  // the uncorrupted frame is accepted
  }
  int failed = 0, ignored = 0;
  for (std::size_t i = 0; i < m2.size(); ++i) {
    for (std::uint8_t x : {0x01, 0x80, 0xff}) {
      TestRng ap_rng(1);
      Authenticator4Way ap(ap_config(), ap_rng);
      ap.start(t0);
      (void)drain(ap);
      Bytes bad = m2;
      bad[i] ^= x;
      ap.on_eapol(bad, t0);
      auto a = drain(ap);
      ASSERT_TRUE(a.sent.empty()) << "octet " << i << " ^" << int(x) << " produced message 3";
      ASSERT_TRUE(a.keys.empty()) << "octet " << i;
      EXPECT_NE(ap.state(), Authenticator4Way::State::WaitMsg4);
      (a.failed.empty() ? ignored : failed)++;
      if (!a.failed.empty()) {
        EXPECT_EQ(a.failed[0].reason, Errc::KeyMicMismatch) << "octet " << i;
      }
    }
  }
  EXPECT_GT(failed, 0);   // changes the MIC covers and the parser accepts: bad MIC
  EXPECT_GT(ignored, 0);  // changes the parser or classifier rejects: dropped
}

TEST(FourWay, EverySingleOctetCorruptionOfMessage3IsRejected) {
  Bytes m1, m3;
  {
    TestRng ap_rng(1), sta_rng(2);
    Authenticator4Way ap(ap_config(), ap_rng);
    Supplicant4Way sta(sta_config(), sta_rng);
    ap.start(t0);
    m1 = drain(ap).sent.at(0).frame;
    sta.on_eapol(m1, t0);
    ap.on_eapol(drain(sta).sent.at(0).frame, t0);
    m3 = drain(ap).sent.at(0).frame;
    sta.on_eapol(m3, t0);
    ASSERT_EQ(drain(sta).keys.size(), 1u);  // the uncorrupted frame is accepted
  }
  for (std::size_t i = 0; i < m3.size(); ++i) {
    for (std::uint8_t x : {0x01, 0x80, 0xff}) {
      TestRng sta_rng(2);
      Supplicant4Way sta(sta_config(), sta_rng);
      sta.on_eapol(m1, t0);
      (void)drain(sta);
      Bytes bad = m3;
      bad[i] ^= x;
      sta.on_eapol(bad, t0);
      auto s = drain(sta);
      ASSERT_TRUE(s.sent.empty()) << "octet " << i << " ^" << int(x) << " produced message 4";
      ASSERT_TRUE(s.keys.empty()) << "octet " << i;
      EXPECT_NE(sta.state(), Supplicant4Way::State::Done);
    }
  }
}

TEST(FourWay, SupplicantFailsOnBadMicInMessage3) {
  TestRng ap_rng(1), sta_rng(2);
  Authenticator4Way ap(ap_config(), ap_rng);
  Supplicant4Way sta(sta_config(), sta_rng);
  ap.start(t0);
  sta.on_eapol(drain(ap).sent.at(0).frame, t0);
  ap.on_eapol(drain(sta).sent.at(0).frame, t0);
  Bytes m3 = drain(ap).sent.at(0).frame;
  m3[kMicOffset + 3] ^= 0x10;
  sta.on_eapol(m3, t0);
  auto s = drain(sta);
  EXPECT_TRUE(s.sent.empty());
  ASSERT_EQ(s.failed.size(), 1u);
  EXPECT_EQ(s.failed[0].reason, Errc::KeyMicMismatch);
  EXPECT_EQ(s.failed[0].message, KeyMessage::Pairwise3);
  EXPECT_EQ(s.failed[0].deauth_reason, 15);
}

TEST(FourWay, SupplicantMessage3WithOtherANonceIsANonceMismatch) {
  TestRng ap_rng(1), sta_rng(2);
  Authenticator4Way ap(ap_config(), ap_rng);
  Supplicant4Way sta(sta_config(), sta_rng);
  ap.start(t0);
  sta.on_eapol(drain(ap).sent.at(0).frame, t0);
  ap.on_eapol(drain(sta).sent.at(0).frame, t0);
  EapolKey k = parse_eapol_key(drain(ap).sent.at(0).frame).value();
  k.nonce[0] ^= 1;
  sta.on_eapol(resign(k, ap, sta), t0);
  auto s = drain(sta);
  EXPECT_TRUE(s.sent.empty());
  ASSERT_EQ(s.failed.size(), 1u);
  EXPECT_EQ(s.failed[0].reason, Errc::KeyNonceMismatch);
}

TEST(FourWay, SupplicantMessage3WithoutGtkIsMalformed) {
  TestRng ap_rng(1), sta_rng(2);
  Authenticator4Way ap(ap_config(), ap_rng);
  Supplicant4Way sta(sta_config(), sta_rng);
  ap.start(t0);
  sta.on_eapol(drain(ap).sent.at(0).frame, t0);
  ap.on_eapol(drain(sta).sent.at(0).frame, t0);
  EapolKey k = parse_eapol_key(drain(ap).sent.at(0).frame).value();
  const auto ptk = derive_ptk(pmk_for("12345678"), AuthenticatorAddr{kApMac},
                              SupplicantAddr{kStaMac}, ap.anonce(), *sta.snonce());
  k.key_data = wrap_key_data(ptk_kek(ptk), kRsnIe).value();  // RSN IE only, no GTK KDE
  sta.on_eapol(resign(k, ap, sta), t0);
  auto s = drain(sta);
  EXPECT_TRUE(s.sent.empty());
  ASSERT_EQ(s.failed.size(), 1u);
  EXPECT_EQ(s.failed[0].reason, Errc::KeyDataMalformed);
  EXPECT_EQ(s.failed[0].deauth_reason, 13);
}

TEST(FourWay, SupplicantAnswersRetransmittedMessage1WithSameSNonce) {
  TestRng ap_rng(1), sta_rng(2);
  Authenticator4Way ap(ap_config(), ap_rng);
  Supplicant4Way sta(sta_config(), sta_rng);
  ap.start(t0);
  sta.on_eapol(drain(ap).sent.at(0).frame, t0);
  const EapolKey first = parsed(drain(sta).sent.at(0));
  ap.on_deadline(t0 + 100ms);
  sta.on_eapol(drain(ap).sent.at(0).frame, t0 + 100ms);
  const EapolKey second = parsed(drain(sta).sent.at(0));
  EXPECT_EQ(first.replay_counter, 1u);
  EXPECT_EQ(second.replay_counter, 2u);
  EXPECT_EQ(first.nonce, second.nonce);
  EXPECT_NE(first.mic, second.mic);
}

TEST(FourWay, SupplicantTimesOut) {
  TestRng sta_rng(2);
  Supplicant4Way sta(sta_config(), sta_rng);
  sta.start(t0);
  EXPECT_EQ(sta.next_deadline(), t0 + 10s);
  sta.on_deadline(t0 + 9s);
  EXPECT_TRUE(drain(sta).nothing_but_traces());
  sta.on_deadline(t0 + 10s);
  auto s = drain(sta);
  ASSERT_EQ(s.failed.size(), 1u);
  EXPECT_EQ(s.failed[0].reason, Errc::SessionTimeout);
  EXPECT_EQ(s.failed[0].message, KeyMessage::Pairwise1);
  EXPECT_FALSE(sta.next_deadline());
}

TEST(FourWay, GarbageAndUnexpectedMessagesAreDroppedWithATrace) {
  TestRng ap_rng(1), sta_rng(2);
  Authenticator4Way ap(ap_config(), ap_rng);
  Supplicant4Way sta(sta_config(), sta_rng);
  ap.start(t0);
  const Bytes m1 = drain(ap).sent.at(0).frame;
  ap.on_eapol(hex("0100000501"), t0);  // EAP packet, not a key frame
  ap.on_eapol(m1, t0);                 // our own message 1 reflected back
  auto a = drain(ap);
  EXPECT_TRUE(a.nothing_but_traces());
  EXPECT_EQ(a.traces.size(), 2u);
  EXPECT_EQ(ap.state(), Authenticator4Way::State::WaitMsg2);
  sta.on_eapol(hex(""), t0);
  sta.on_eapol(m1, t0);
  ap.on_eapol(drain(sta).sent.at(0).frame, t0);  // still works
  EXPECT_EQ(drain(ap).sent.size(), 1u);
}

TEST(FourWay, DeauthReasonMapping) {
  EXPECT_EQ(deauth_reason_for(Errc::KeyMicMismatch), 15);
  EXPECT_EQ(deauth_reason_for(Errc::SessionTimeout), 15);
  EXPECT_EQ(deauth_reason_for(Errc::KeyNonceMismatch), 15);
  EXPECT_EQ(deauth_reason_for(Errc::KeyRsnIeMismatch), 17);
  EXPECT_EQ(deauth_reason_for(Errc::KeyDataMalformed), 13);
}

}  // namespace
}  // namespace wps::wpa2
