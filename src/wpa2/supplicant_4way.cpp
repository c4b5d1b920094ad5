#include "wpa2/supplicant_4way.hpp"

#include <string>
#include <utility>

#include "base/assert.hpp"
#include "wpa2/eapol_key.hpp"

namespace wps::wpa2 {

namespace {
constexpr std::string_view kSource = "wpa2-supplicant";
}

std::string_view to_string(SupplicantState s) {
  switch (s) {
    case Supplicant4Way::State::WaitMsg1: return "wait_msg1";
    case Supplicant4Way::State::WaitMsg3: return "wait_msg3";
    case Supplicant4Way::State::Done: return "done";
    case Supplicant4Way::State::Failed: return "failed";
  }
  return "?";
}

Supplicant4Way::Supplicant4Way(SupplicantConfig config, Rng& rng)
    : FourWayCore(kSource, State::WaitMsg1), cfg_(std::move(config)), rng_(rng) {}

void Supplicant4Way::start(TimePoint now) {
  if (state_ != State::WaitMsg1 && state_ != State::WaitMsg3) return;
  if (cfg_.handshake_timeout > Duration::zero()) deadline_ = now + cfg_.handshake_timeout;
}

void Supplicant4Way::on_deadline(TimePoint now) {
  if (!deadline_ || now < *deadline_) return;
  if (pending_) {
    fail(now, pending_->reason, pending_->message);
  } else {
    fail(now, Errc::SessionTimeout,
         state_ == State::WaitMsg1 ? KeyMessage::Pairwise1 : KeyMessage::Pairwise3);
  }
}

void Supplicant4Way::on_eapol(ByteView frame, TimePoint now) {
  if (state_ == State::Failed) return;  // terminal: nothing more is emitted
  auto parsed = parse_eapol_key(frame);
  if (!parsed) {
    drop(now, KeyMessage::None, describe(parsed.error()));
    return;
  }
  auto kind = classify(parsed->key_info);
  if (!kind) {
    drop(now, KeyMessage::None, describe(kind.error()));
    return;
  }
  switch (*kind) {
    case KeyMessage::Pairwise1:
      if (state_ == State::Done) {
        drop(now, *kind, "rekeying not supported");
      } else {
        on_msg1(*parsed, now);
      }
      return;
    case KeyMessage::Pairwise3:
      if (!ptk_) {
        drop(now, *kind, "no message 1 yet");
      } else {
        on_msg3(*parsed, frame, now);
      }
      return;
    default: drop(now, *kind, "unexpected in state " + std::string(to_string(state_))); return;
  }
}

void Supplicant4Way::on_msg1(const EapolKey& k, TimePoint now) {
  // §12.7.2: a replay counter must not go backwards; message 1 carries no MIC, so it can only
  // be judged against what was accepted before.
  if ((verified_counter_ && k.replay_counter <= *verified_counter_) ||
      (msg1_counter_ && k.replay_counter < *msg1_counter_)) {
    drop(now, KeyMessage::Pairwise1, std::string(to_string(Errc::KeyReplayCounter)));
    return;
  }
  ANonce anonce(k.nonce);
  if (!snonce_) {
    // §12.7.6.3: the SNonce is random, drawn once per handshake; retransmitted message 1s are
    // answered with the same one.
    SNonce s;
    rng_.fill(s.mut());
    snonce_ = s;
  }
  if (!anonce_ || *anonce_ != anonce || !ptk_) {
    anonce_ = anonce;
    ptk_ = derive_ptk(cfg_.pmk, cfg_.aa, cfg_.spa, anonce, *snonce_);
  }
  msg1_counter_ = k.replay_counter;

  EapolKey m2;
  m2.eapol_version = cfg_.eapol_version;
  m2.key_info = key_info::kMsg2;
  m2.key_length = 0;  // §12.7.6.3: Key Length is reserved (0) in message 2
  m2.replay_counter = k.replay_counter;
  std::copy(snonce_->get().begin(), snonce_->get().end(), m2.nonce.begin());
  m2.key_data = cfg_.own_rsn_ie;  // exactly as in our (Re)Association Request
  trace(now, "tx", "msg2", "replay_counter=" + std::to_string(k.replay_counter));
  if (state_ != State::WaitMsg3) set_state(State::WaitMsg3, now);
  out_.emplace(SendEapol{build_eapol_key_signed(m2, ptk_kck(*ptk_)), KeyMessage::Pairwise2});
}

void Supplicant4Way::send_msg4(std::uint64_t replay_counter, TimePoint now) {
  EapolKey m4;
  m4.eapol_version = cfg_.eapol_version;
  m4.key_info = key_info::kMsg4;
  m4.key_length = 0;  // §12.7.6.5: reserved in message 4; Key Nonce zero, no Key Data
  m4.replay_counter = replay_counter;
  trace(now, "tx", "msg4", "replay_counter=" + std::to_string(replay_counter));
  out_.emplace(SendEapol{build_eapol_key_signed(m4, ptk_kck(*ptk_)), KeyMessage::Pairwise4});
}

void Supplicant4Way::on_msg3(const EapolKey& k, ByteView frame, TimePoint now) {
  // §12.7.6.4: the counter must be larger than any seen so far in this session (message 1's
  // included); otherwise it is a replay and is discarded without a reply.
  if ((msg1_counter_ && k.replay_counter <= *msg1_counter_) ||
      (verified_counter_ && k.replay_counter <= *verified_counter_)) {
    drop(now, KeyMessage::Pairwise3, std::string(to_string(Errc::KeyReplayCounter)));
    return;
  }
  if (!verify_mic(frame, ptk_kck(*ptk_))) {
    if (cfg_.fail_on_bad_mic) {
      fail(now, Errc::KeyMicMismatch, KeyMessage::Pairwise3);
    } else {
      pending_ = Pending{Errc::KeyMicMismatch, KeyMessage::Pairwise3};
      drop(now, KeyMessage::Pairwise3, std::string(to_string(Errc::KeyMicMismatch)));
    }
    return;
  }
  verified_counter_ = k.replay_counter;
  // §12.7.6.4: the ANonce must be the one of message 1 (the PTK was derived from it).
  if (!crypto::ct_equal(ByteView(k.nonce), anonce_->view())) {
    fail(now, Errc::KeyNonceMismatch, KeyMessage::Pairwise3);
    return;
  }
  if (state_ == State::Done) {
    // The AP did not get our message 4 and resent message 3 (new counter, same keys). Answer
    // again, but never reinstall the keys: that would reset the TK's nonce/PN (KRACK,
    // CVE-2017-13077).
    trace(now, "rx", "msg3", "retransmission; keys not reinstalled");
    send_msg4(k.replay_counter, now);
    return;
  }
  auto plain = unwrap_key_data(ptk_kek(*ptk_), k.key_data);
  if (!plain) {
    fail(now, Errc::KeyDataMalformed, KeyMessage::Pairwise3);
    return;
  }
  auto kd = parse_key_data(crypto::view(*plain));
  if (!kd) {
    fail(now, Errc::KeyDataMalformed, KeyMessage::Pairwise3);
    return;
  }
  // §12.7.6.4 / WPS-FACTS §2.5: the AP's RSNE in message 3 must equal its Beacon/Probe Response
  // RSNE, else a downgrade is possible: deauthenticate with reason 17.
  if (!kd->rsn_ie || !equal(*kd->rsn_ie, cfg_.ap_rsn_ie)) {
    fail(now, Errc::KeyRsnIeMismatch, KeyMessage::Pairwise3);
    return;
  }
  if (!kd->gtk || kd->gtk->gtk.size() != crypto::Gtk::size()) {
    fail(now, Errc::KeyDataMalformed, KeyMessage::Pairwise3);
    return;
  }
  auto gtk = crypto::Gtk::from(kd->gtk->gtk);
  WPS_ASSERT(gtk.has_value());
  const std::uint8_t key_id = kd->gtk->key_id;
  trace(now, "rx", "msg3", "mic ok");
  send_msg4(k.replay_counter, now);
  deadline_.reset();
  pending_.reset();
  set_state(State::Done, now);
  out_.emplace(KeysInstalled{ptk_tk(*ptk_), std::move(*gtk), key_id, pn_from_rsc(k.rsc)});
}

}  // namespace wps::wpa2
