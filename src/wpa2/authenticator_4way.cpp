#include "wpa2/authenticator_4way.hpp"

#include <string>
#include <utility>

#include "base/assert.hpp"
#include "wpa2/eapol_key.hpp"

namespace wps::wpa2 {

namespace {
constexpr std::string_view kSource = "wpa2-authenticator";
}

std::string_view to_string(AuthenticatorState s) {
  switch (s) {
    case Authenticator4Way::State::Idle: return "idle";
    case Authenticator4Way::State::WaitMsg2: return "wait_msg2";
    case Authenticator4Way::State::WaitMsg4: return "wait_msg4";
    case Authenticator4Way::State::Done: return "done";
    case Authenticator4Way::State::Failed: return "failed";
  }
  return "?";
}

Authenticator4Way::Authenticator4Way(AuthenticatorConfig config, Rng& rng)
    : FourWayCore(kSource, State::Idle), cfg_(std::move(config)), rng_(rng) {
  WPS_ASSERT(cfg_.gtk_key_id <= 3);
  WPS_ASSERT(cfg_.retry.max_transmissions >= 1);
  next_replay_counter_ = cfg_.initial_replay_counter;
}

void Authenticator4Way::arm_timer(TimePoint now) {
  // hostapd: the first EAPOL-Key of a message gets the short timeout, retransmissions the long
  // one (WPS-FACTS §10.2).
  deadline_ = now + (transmissions_ == 1 ? cfg_.retry.first_timeout : cfg_.retry.retry_timeout);
}

void Authenticator4Way::start(TimePoint now) {
  WPS_ASSERT(state_ == State::Idle);
  // §12.7.6.2: the ANonce is a fresh random value for this handshake; it stays the same for
  // every retransmission of message 1 and in message 3.
  rng_.fill(anonce_.mut());
  set_state(State::WaitMsg2, now);
  window_first_ = next_replay_counter_;
  transmissions_ = 0;
  send_msg1(now);
}

void Authenticator4Way::send_msg1(TimePoint now) {
  EapolKey k;
  k.eapol_version = cfg_.eapol_version;
  k.key_info = key_info::kMsg1;
  k.key_length = kCcmpKeyLength;
  // §12.7.2: every EAPOL-Key the authenticator sends, retransmissions included, carries a new,
  // larger replay counter.
  k.replay_counter = next_replay_counter_++;
  std::copy(anonce_.get().begin(), anonce_.get().end(), k.nonce.begin());
  ++transmissions_;
  trace(now, "tx", "msg1", "replay_counter=" + std::to_string(k.replay_counter));
  out_.emplace(SendEapol{build_eapol_key(k), KeyMessage::Pairwise1});
  arm_timer(now);
}

void Authenticator4Way::send_msg3(TimePoint now) {
  WPS_ASSERT(ptk_.has_value());
  // §12.7.6.4: Key Data = the AP's RSNE (as in Beacon/Probe Response) ‖ GTK KDE, padded and
  // wrapped with the KEK; Key RSC = the GTK's current PN.
  const crypto::SecretBytes gtk_kde = build_gtk_kde(cfg_.gtk, cfg_.gtk_key_id, false);
  crypto::SecretBytes plain(cfg_.ap_rsn_ie.begin(), cfg_.ap_rsn_ie.end());
  plain.insert(plain.end(), gtk_kde.begin(), gtk_kde.end());
  auto wrapped = wrap_key_data(ptk_kek(*ptk_), crypto::view(plain));
  if (!wrapped) {
    fail(now, wrapped.error().code, KeyMessage::Pairwise3);
    return;
  }
  EapolKey k;
  k.eapol_version = cfg_.eapol_version;
  k.key_info = key_info::kMsg3;
  k.key_length = kCcmpKeyLength;
  k.replay_counter = next_replay_counter_++;
  std::copy(anonce_.get().begin(), anonce_.get().end(), k.nonce.begin());
  k.rsc = rsc_from_pn(cfg_.gtk_tx_pn);
  k.key_data = std::move(*wrapped);
  ++transmissions_;
  trace(now, "tx", "msg3", "replay_counter=" + std::to_string(k.replay_counter));
  out_.emplace(SendEapol{build_eapol_key_signed(k, ptk_kck(*ptk_)), KeyMessage::Pairwise3});
  arm_timer(now);
}

void Authenticator4Way::on_deadline(TimePoint now) {
  if (!deadline_ || now < *deadline_) return;
  const bool waiting_msg2 = state_ == State::WaitMsg2;
  WPS_ASSERT(waiting_msg2 || state_ == State::WaitMsg4);
  if (transmissions_ >= cfg_.retry.max_transmissions) {
    // dot11RSNAConfigPairwiseUpdateCount exhausted: deauthenticate with reason 15. If a bad
    // MIC was dropped meanwhile, that is the real cause and is reported instead of "timeout".
    if (pending_) {
      fail(now, pending_->reason, pending_->message);
    } else {
      fail(now, Errc::SessionTimeout, waiting_msg2 ? KeyMessage::Pairwise2 : KeyMessage::Pairwise4);
    }
    return;
  }
  trace(now, "timeout", waiting_msg2 ? "msg2" : "msg4",
        "retransmission " + std::to_string(transmissions_));
  if (waiting_msg2) {
    send_msg1(now);
  } else {
    send_msg3(now);
  }
}

void Authenticator4Way::on_eapol(ByteView frame, TimePoint now) {
  if (state_ == State::Failed) return;  // terminal: nothing more is emitted
  if (state_ != State::WaitMsg2 && state_ != State::WaitMsg4) {
    drop(now, KeyMessage::None,
         std::string("not expecting frames in state ") + std::string(to_string(state_)));
    return;
  }
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
  // Expected-next check (ARCHITECTURE C7): only message 2 in WaitMsg2, only message 4 in
  // WaitMsg4. A late message 2 (answer to a retransmitted message 1) in WaitMsg4 is ignored.
  if (state_ == State::WaitMsg2 && *kind == KeyMessage::Pairwise2) {
    on_msg2(*parsed, frame, now);
  } else if (state_ == State::WaitMsg4 && *kind == KeyMessage::Pairwise4) {
    on_msg4(*parsed, frame, now);
  } else {
    drop(now, *kind, "unexpected in state " + std::string(to_string(state_)));
  }
}

void Authenticator4Way::on_msg2(const EapolKey& k, ByteView frame, TimePoint now) {
  // §12.7.6.3: message 2 echoes the replay counter of the message 1 it answers. Any message 1
  // of this handshake counts: a message 2 may cross a retransmitted message 1.
  if (k.replay_counter < window_first_ || k.replay_counter >= next_replay_counter_) {
    drop(now, KeyMessage::Pairwise2, std::string(to_string(Errc::KeyReplayCounter)));
    return;
  }
  SNonce snonce(k.nonce);
  crypto::Ptk ptk = derive_ptk(cfg_.pmk, cfg_.aa, cfg_.spa, anonce_, snonce);
  // The MIC is the only proof that the station holds the same PMK: check it before looking at
  // anything else in the frame.
  if (!verify_mic(frame, ptk_kck(ptk))) {
    if (cfg_.fail_on_bad_mic) {
      fail(now, Errc::KeyMicMismatch, KeyMessage::Pairwise2);
    } else {
      pending_ = Pending{Errc::KeyMicMismatch, KeyMessage::Pairwise2};
      drop(now, KeyMessage::Pairwise2, std::string(to_string(Errc::KeyMicMismatch)));
    }
    return;
  }
  // §12.7.6.3 / WPS-FACTS §2.5: the RSNE in message 2 must equal the (Re)Association Request's
  // octet for octet, else the association is torn down (reason 17).
  auto kd = parse_key_data(k.key_data);
  if (!kd) {
    fail(now, Errc::KeyDataMalformed, KeyMessage::Pairwise2);
    return;
  }
  if (!kd->rsn_ie || !equal(*kd->rsn_ie, cfg_.sta_rsn_ie)) {
    fail(now, Errc::KeyRsnIeMismatch, KeyMessage::Pairwise2);
    return;
  }
  trace(now, "rx", "msg2", "mic ok");
  ptk_ = std::move(ptk);
  pending_.reset();
  set_state(State::WaitMsg4, now);
  window_first_ = next_replay_counter_;
  transmissions_ = 0;
  send_msg3(now);
}

void Authenticator4Way::on_msg4(const EapolKey& k, ByteView frame, TimePoint now) {
  // §12.7.6.5: message 4 echoes message 3's replay counter (any transmission of message 3).
  if (k.replay_counter < window_first_ || k.replay_counter >= next_replay_counter_) {
    drop(now, KeyMessage::Pairwise4, std::string(to_string(Errc::KeyReplayCounter)));
    return;
  }
  if (!verify_mic(frame, ptk_kck(*ptk_))) {
    if (cfg_.fail_on_bad_mic) {
      fail(now, Errc::KeyMicMismatch, KeyMessage::Pairwise4);
    } else {
      pending_ = Pending{Errc::KeyMicMismatch, KeyMessage::Pairwise4};
      drop(now, KeyMessage::Pairwise4, std::string(to_string(Errc::KeyMicMismatch)));
    }
    return;
  }
  trace(now, "rx", "msg4", "mic ok");
  deadline_.reset();
  set_state(State::Done, now);
  out_.emplace(KeysInstalled{ptk_tk(*ptk_), cfg_.gtk.clone(), cfg_.gtk_key_id, cfg_.gtk_tx_pn});
}

}  // namespace wps::wpa2
