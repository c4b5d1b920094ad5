#include "wps/registrar.hpp"

#include "wsc/encrypted_settings.hpp"
#include "wsc/message.hpp"
#include "wsc/msg_control.hpp"
#include "wsc/msg_m1_m2.hpp"
#include "wsc/msg_m3_m4.hpp"
#include "wsc/msg_m5_m6.hpp"
#include "wsc/msg_m7_m8.hpp"

namespace wps::proto {

using detail::check_n1;
using detail::check_n2;
using wsc::AttrType;
using wsc::MsgType;
using wsc::to_u16;

namespace {

// Expected-next table (ARCHITECTURE C7). WSC_NACK is accepted in every waiting state.
constexpr bool expected(Registrar::State s, MsgType t) {
  if (t == MsgType::WscNack) return s != Registrar::State::Finished;
  switch (s) {
    case Registrar::State::WaitM1: return t == MsgType::M1;
    case Registrar::State::WaitM2DAck: return t == MsgType::WscAck;
    case Registrar::State::WaitM3: return t == MsgType::M3;
    case Registrar::State::WaitM5: return t == MsgType::M5;
    case Registrar::State::WaitM7: return t == MsgType::M7;
    case Registrar::State::WaitDone: return t == MsgType::WscDone;
    case Registrar::State::Finished: return false;
  }
  return false;
}


}  // namespace

std::string_view Registrar::state_name(State s) {
  switch (s) {
    case State::WaitM1: return "wait-M1";
    case State::WaitM2DAck: return "wait-ACK(M2D)";
    case State::WaitM3: return "wait-M3";
    case State::WaitM5: return "wait-M5";
    case State::WaitM7: return "wait-M7";
    case State::WaitDone: return "wait-Done";
    case State::Finished: return "finished";
  }
  return "?";
}

Registrar::Registrar(RegistrarConfig cfg, Rng& rng)
    : cfg_(std::move(cfg)), s_(rng, "registrar", cfg_.keylog, cfg_.timeout) {}

Registrar::~Registrar() {
  if (pin_claimed_) end_pin(r_s2_revealed_ ? PinOutcome::Revealed : PinOutcome::FailedEarly);
}

void Registrar::end_pin(PinOutcome o) {
  if (pin_claimed_ && cfg_.pins) cfg_.pins->finish(cfg_.session_id, o);
  pin_claimed_ = false;
}

void Registrar::send_step(MsgType type, Bytes msg, State next, TimePoint now) {
  s_.send_registration_message(type, std::move(msg));
  last_sent_ = type;
  set_state(next, now);
}

void Registrar::set_state(State st, TimePoint now) {
  s_.trace(now, "state", std::string(state_name(state_)), std::string(state_name(st)));
  state_ = st;
  if (st == State::Finished) s_.stop_timer();
}

MsgType Registrar::awaited() const {
  switch (state_) {
    case State::WaitM1: return MsgType::M1;
    case State::WaitM2DAck: return MsgType::WscAck;
    case State::WaitM3: return MsgType::M3;
    case State::WaitM5: return MsgType::M5;
    case State::WaitM7: return MsgType::M7;
    case State::WaitDone:
    case State::Finished: return MsgType::WscDone;
  }
  return MsgType::M1;
}

void Registrar::on_message(ByteView raw, TimePoint now) {
  if (state_ == State::Finished) {
    s_.trace(now, "drop", "message", "run finished");
    return;
  }
  if (s_.is_duplicate(raw)) {
    s_.trace(now, "check", "duplicate", "retransmission: last message sent again");
    s_.resend_last();
    return;
  }
  s_.touch(now);
  auto type = wsc::peek_message_type(raw);
  // Nothing can be NACKed before M1 gave us the enrollee's nonce.
  if (!type) return fail(now, type.error().code, awaited(), state_ != State::WaitM1);
  if (!expected(state_, *type)) {
    return fail(now, Errc::UnexpectedMessage, *type, state_ != State::WaitM1);
  }
  s_.received(raw);
  s_.trace(now, "rx", std::string(wsc::msg_type_name(*type)), "");

  Result<void> r = ok();
  switch (*type) {
    case MsgType::M1: r = on_m1(raw, now); break;
    case MsgType::M3: r = on_m3(raw, now); break;
    case MsgType::M5: r = on_m5(raw, now); break;
    case MsgType::M7: r = on_m7(raw, now); break;
    case MsgType::WscDone: r = on_done(raw, now); break;
    case MsgType::WscAck: r = on_ack(raw, now); break;
    case MsgType::WscNack: r = on_nack(raw, now); break;
    default: r = unexpected(Errc::UnexpectedMessage); break;
  }
  if (!r && !ended_by_handler_) fail(now, r.error().code, *type, *type != MsgType::M1);
}

void Registrar::send_nack(wsc::ConfigError ce) {
  wsc::WscNack nack;
  nack.enrollee_nonce = s_.n1;
  nack.registrar_nonce = s_.n2;
  nack.config_error = ce;
  s_.send(MsgType::WscNack, wsc::build_wsc_nack(nack));
}

void Registrar::fail(TimePoint now, Errc reason, MsgType at, bool nack) {
  Failed f{reason, at, config_error_for(reason), false, false, last_sent_};
  if (nack) {
    send_nack(f.config_error);
    f.nack_sent = true;
  }
  // §8: an E-Hash2 mismatch, or any failure after R-S2 went out, exposes the whole PIN.
  end_pin(reason == Errc::EHash2Mismatch || r_s2_revealed_ ? PinOutcome::Revealed
                                                           : PinOutcome::FailedEarly);
  s_.trace(now, "fail", std::string(to_string(reason)), std::string(wsc::msg_type_name(at)));
  s_.emit(std::move(f));
  set_state(State::Finished, now);
}

Result<void> Registrar::on_m1(ByteView raw, TimePoint now) {
  WPS_TRY_ASSIGN(auto m1, wsc::parse_m1(raw));
  enrollee_mac_ = m1.mac_address;
  enrollee_uuid_ = m1.uuid_e;
  password_id_ = m1.device_password_id;
  s_.n1 = m1.enrollee_nonce;
  s_.pk_e = m1.public_key;
  s_.last_msg.assign(raw.begin(), raw.end());
  s_.keylog("ENROLLEE_NONCE", s_.n1.view());

  const bool push_button = m1.device_password_id == wsc::DevicePasswordId::PushButton;
  if (push_button && cfg_.pbc) {
    // WPS-FACTS §9, NFC-PBC-FACTS §9.2/§9.4: the overlap check comes first, then the button.
    switch (cfg_.pbc->on_m1(enrollee_mac_, enrollee_uuid_, now)) {
      case PbcM1Decision::Accept:
        password_ = crypto::to_secret(as_bytes(kPbcPassword));
        pbc_session_ = true;
        s_.trace(now, "check", "pbc", "button active: default password for PBC");
        break;
      case PbcM1Decision::NotActive:
        s_.trace(now, "check", "pbc", "button not pressed: M2D");
        break;
      case PbcM1Decision::Overlap:
        s_.trace(now, "check", "pbc", "PBC session overlap: M2D error 12");
        m2d_reason_ = Errc::PbcOverlap;
        send_m2d(m1, wsc::ConfigError::MultiplePbcSessionsDetected, false, now);
        return ok();
    }
  } else if (m1.device_password_id == wsc::DevicePasswordId::NfcConnectionHandover &&
             cfg_.nfc_tokens && cfg_.own_token) {
    // NFC connection handover (NFC-PBC facts §8): the request's hash must name M1's key; M2
    // carries the key of our select and the Credential; no device password, no M3..M8.
    auto t = cfg_.nfc_tokens->take(wsc::kHandoverDpid);
    if (!t) {
      s_.trace(now, "check", "nfc", "no handover request for this enrollee: M2D");
    } else if (!public_key_matches(m1.public_key.view(), t->public_key_hash)) {
      s_.trace(now, "check", "nfc", "handover: public key hash mismatch: M2D error 20");
      m2d_reason_ = Errc::PublicKeyHashMismatch;
      send_m2d(m1, wsc::ConfigError::PublicKeyHashMismatch, false, now);
      return ok();
    } else {
      handover_ = true;
      own_token_key_ = true;
      password_.emplace();
      s_.trace(now, "check", "nfc", "handover request matched: abbreviated handshake");
    }
  } else if (const auto dpid = static_cast<std::uint16_t>(m1.device_password_id);
             dpid >= wsc::kFirstTokenDpid && (cfg_.nfc_tokens || cfg_.own_token)) {
    // NFC password token (NFC-PBC facts §3.6, §4).
    if (cfg_.own_token && cfg_.own_token->password.dpid == dpid) {
      password_ = cfg_.own_token->password.text;
      own_token_key_ = true;
      s_.trace(now, "check", "nfc", "own password token: its key in M2");
    } else if (auto t = cfg_.nfc_tokens ? cfg_.nfc_tokens->take(dpid) : std::nullopt) {
      if (!public_key_matches(m1.public_key.view(), t->public_key_hash)) {
        s_.trace(now, "check", "nfc", "public key hash mismatch: M2D error 20");
        m2d_reason_ = Errc::PublicKeyHashMismatch;
        send_m2d(m1, wsc::ConfigError::PublicKeyHashMismatch, false, now);
        return ok();
      }
      password_ = std::move(t->password.text);
      s_.trace(now, "check", "nfc", "password token matched (used up)");
    } else {
      s_.trace(now, "check", "nfc", "no token for this device password ID: M2D");
    }
  } else if (cfg_.pins) {
    password_ = cfg_.pins->claim(m1.uuid_e, cfg_.session_id, now);
    pin_claimed_ = password_.has_value();
  } else if (cfg_.device_password) {
    password_ = *cfg_.device_password;
  }
  if (!password_) {
    // hostapd reports "setup locked" (15) here when ap_setup_locked is set, 0 otherwise.
    // A PBC enrollee without the button is not waiting for a PIN (hostapd: "Unsupported Device
    // Password ID 4", no WPS-PIN-NEEDED).
    send_m2d(m1, cfg_.setup_locked ? wsc::ConfigError::SetupLocked : wsc::ConfigError::NoError,
             !(push_button && cfg_.pbc), now);
    return ok();
  }

  s_.n2 = s_.draw<RegistrarNonce>();
  s_.keylog("REGISTRAR_NONCE", s_.n2.view());
  if (own_token_key_) {
    WPS_TRY_ASSIGN(auto key,
                   crypto::DhPrivateKey::from_private(crypto::view(cfg_.own_token->dh_private)));
    s_.dh.emplace(std::move(key));
  } else {
    s_.dh.emplace(take_or_generate(cfg_.dh_pool, s_.rng()));
  }
  s_.pk_r = s_.dh->public_key();
  s_.keylog_dh_private("DH_PRIVATE_R");
  WPS_TRY(s_.derive_keys(m1.public_key, enrollee_mac_));  // KDK uses the enrollee's MAC (§7.2)
  if (!handover_) s_.derive_psks(crypto::view(*password_));

  wsc::M2 m2;
  m2.enrollee_nonce = s_.n1;
  m2.registrar_nonce = s_.n2;
  m2.uuid_r = cfg_.uuid;
  m2.public_key = s_.pk_r;
  m2.auth_type_flags = cfg_.auth_type_flags;
  m2.encr_type_flags = cfg_.encr_type_flags;
  m2.connection_type_flags = cfg_.connection_type_flags;
  m2.config_methods = cfg_.config_methods;
  m2.device = cfg_.device;
  m2.rf_bands = cfg_.rf_bands;
  m2.device_password_id = password_id_;
  m2.os_version = cfg_.os_version;
  if (handover_) {
    // The Credential goes in M2 (hostapd's config_in_m2), encrypted as in M8; then WSC_Done.
    if (!cfg_.network) return unexpected(Errc::BadCredential);
    wsc::Credential c = *cfg_.network;
    c.mac_address = enrollee_mac_;
    delivered_.push_back(c);
    wsc::M8Settings settings;
    settings.credentials.push_back(std::move(c));
    const crypto::SecretBytes tlvs = wsc::encode_m8_settings(settings);
    m2.encrypted_settings = wsc::encrypt_settings(crypto::view(tlvs), s_.keys->auth_key,
                                                  s_.keys->key_wrap_key, s_.draw<wsc::Iv>());
    Bytes out = wsc::build_m2(m2, s_.keys->auth_key, s_.last_msg);
    send_step(MsgType::M2, std::move(out), State::WaitDone, now);
    return ok();
  }
  Bytes out = wsc::build_m2(m2, s_.keys->auth_key, s_.last_msg);
  send_step(MsgType::M2, std::move(out), State::WaitM3, now);
  return ok();
}

void Registrar::send_m2d(const wsc::M1& m1, wsc::ConfigError ce, bool pin_needed, TimePoint now) {
  // §6.3: no registration for this enrollee now. Like hostapd, no Registrar Nonce has been
  // drawn at this point: M2D carries N2 = 0 and the enrollee's ACK echoes it (the late-pin
  // capture shows both; wpa_supplicant's ACK carries the zeros back).
  s_.n2 = RegistrarNonce{};
  wsc::M2D m2d;
  m2d.enrollee_nonce = s_.n1;
  m2d.registrar_nonce = s_.n2;
  m2d.uuid_r = cfg_.uuid;
  m2d.auth_type_flags = cfg_.auth_type_flags;
  m2d.encr_type_flags = cfg_.encr_type_flags;
  m2d.connection_type_flags = cfg_.connection_type_flags;
  m2d.config_methods = cfg_.config_methods;
  m2d.device = cfg_.device;
  m2d.rf_bands = cfg_.rf_bands;
  m2d_error_ = ce;
  m2d.config_error = m2d_error_;
  m2d.os_version = cfg_.os_version;
  s_.send(MsgType::M2D, wsc::build_m2d(m2d));
  last_sent_ = MsgType::M2D;
  if (pin_needed) s_.emit(PinNeeded{enrollee_mac_, enrollee_uuid_, m1.device, password_id_});
  set_state(State::WaitM2DAck, now);
}

Result<void> Registrar::check_pbc_overlap() const {
  // NFC-PBC-FACTS §9.4: once an M1 was refused for overlap, hostapd rejects the PBC run already
  // under way at its next message ("Reject negotiation due to PBC session overlap").
  if (pbc_session_ && cfg_.pbc && cfg_.pbc->reject_running()) return unexpected(Errc::PbcOverlap);
  return ok();
}

Result<void> Registrar::on_m3(ByteView raw, TimePoint now) {
  WPS_TRY(check_pbc_overlap());
  WPS_TRY_ASSIGN(auto m3, wsc::parse_m3(raw));
  WPS_TRY(check_n2(m3.registrar_nonce, s_.n2));
  WPS_TRY(wsc::verify_authenticator(s_.keys->auth_key, s_.last_msg, raw));
  e_hash1_ = m3.e_hash1;
  e_hash2_ = m3.e_hash2;
  s_.last_msg.assign(raw.begin(), raw.end());

  rs1_.emplace(s_.draw_secret<crypto::RSecretNonce1>());
  rs2_.emplace(s_.draw_secret<crypto::RSecretNonce2>());
  s_.keylog("R_S1", rs1_->view());
  s_.keylog("R_S2", rs2_->view());
  const auto pks = s_.public_keys();
  wsc::M4 m4;
  m4.enrollee_nonce = s_.n1;
  m4.r_hash1 = wsc::r_hash(s_.keys->auth_key, *rs1_, s_.psks->psk1, pks);
  m4.r_hash2 = wsc::r_hash(s_.keys->auth_key, *rs2_, s_.psks->psk2, pks);
  m4.iv = s_.draw<wsc::Iv>();
  m4.settings.r_snonce1 = rs1_->clone();
  Bytes out = wsc::build_m4(m4, s_.keys->auth_key, s_.keys->key_wrap_key, s_.last_msg);
  send_step(MsgType::M4, std::move(out), State::WaitM5, now);
  return ok();
}

Result<void> Registrar::on_m5(ByteView raw, TimePoint now) {
  WPS_TRY(check_pbc_overlap());
  WPS_TRY_ASSIGN(auto sealed, wsc::parse_m5(raw));
  WPS_TRY(check_n2(sealed.registrar_nonce, s_.n2));
  WPS_TRY(wsc::verify_authenticator(s_.keys->auth_key, s_.last_msg, raw));
  WPS_TRY_ASSIGN(auto m5, wsc::open_m5(sealed, s_.keys->auth_key, s_.keys->key_wrap_key));
  // §7.3: E-S1 opens the enrollee's commitment to the first half of the password.
  auto expect =
      wsc::e_hash(s_.keys->auth_key, m5.settings.e_snonce1, s_.psks->psk1, s_.public_keys());
  if (!wsc::hash_equal(expect, *e_hash1_)) {
    return unexpected(Errc::EHash1Mismatch, 0, to_u16(AttrType::EHash1));
  }
  s_.keylog("E_S1", m5.settings.e_snonce1.view());
  s_.last_msg.assign(raw.begin(), raw.end());

  wsc::M6 m6;
  m6.enrollee_nonce = s_.n1;
  m6.iv = s_.draw<wsc::Iv>();
  m6.settings.r_snonce2 = rs2_->clone();
  Bytes out = wsc::build_m6(m6, s_.keys->auth_key, s_.keys->key_wrap_key, s_.last_msg);
  r_s2_revealed_ = true;
  send_step(MsgType::M6, std::move(out), State::WaitM7, now);
  return ok();
}

Result<void> Registrar::on_m7(ByteView raw, TimePoint now) {
  WPS_TRY(check_pbc_overlap());
  WPS_TRY_ASSIGN(auto sealed, wsc::parse_m7(raw));
  WPS_TRY(check_n2(sealed.registrar_nonce, s_.n2));
  WPS_TRY(wsc::verify_authenticator(s_.keys->auth_key, s_.last_msg, raw));
  WPS_TRY_ASSIGN(auto m7, wsc::open_m7(sealed, s_.keys->auth_key, s_.keys->key_wrap_key));
  auto expect =
      wsc::e_hash(s_.keys->auth_key, m7.settings.e_snonce2, s_.psks->psk2, s_.public_keys());
  if (!wsc::hash_equal(expect, *e_hash2_)) {
    return unexpected(Errc::EHash2Mismatch, 0, to_u16(AttrType::EHash2));
  }
  s_.keylog("E_S2", m7.settings.e_snonce2.view());
  s_.last_msg.assign(raw.begin(), raw.end());

  if (cfg_.enrollee_is_ap) {
    if (!m7.settings.ap_settings) {
      return unexpected(Errc::AttrMissing, 0, to_u16(AttrType::Ssid));
    }
    if (!cfg_.new_ap_settings) {
      // Learning only: the AP's PIN is proven and its settings are known; end the run the way
      // wpa_supplicant's external registrar does, with a NACK carrying no error.
      send_nack(wsc::ConfigError::NoError);
      last_sent_ = MsgType::WscNack;
      end_pin(PinOutcome::Success);
      s_.emit(Succeeded{enrollee_mac_, enrollee_uuid_, {}, std::move(m7.settings.ap_settings)});
      set_state(State::Finished, now);
      return ok();
    }
  }

  wsc::M8 m8;
  m8.enrollee_nonce = s_.n1;
  m8.iv = s_.draw<wsc::Iv>();
  if (cfg_.enrollee_is_ap) {
    m8.settings.ap_settings = *cfg_.new_ap_settings;
    m8.settings.ap_settings->mac_address = enrollee_mac_;
    delivered_.push_back(*m8.settings.ap_settings);
  } else {
    if (!cfg_.network) return unexpected(Errc::BadCredential);
    wsc::Credential c = *cfg_.network;
    c.mac_address = enrollee_mac_;  // §6.4: the credential names the enrollee's MAC
    delivered_.push_back(c);
    m8.settings.credentials.push_back(std::move(c));
  }
  Bytes out = wsc::build_m8(m8, s_.keys->auth_key, s_.keys->key_wrap_key, s_.last_msg);
  send_step(MsgType::M8, std::move(out), State::WaitDone, now);
  return ok();
}

Result<void> Registrar::on_done(ByteView raw, TimePoint now) {
  WPS_TRY_ASSIGN(auto done, wsc::parse_wsc_done(raw));
  WPS_TRY(check_n1(done.enrollee_nonce, s_.n1));
  WPS_TRY(check_n2(done.registrar_nonce, s_.n2));
  if (cfg_.eap_peer) {
    // The AP (EAP server) sent WSC_Done in a request: acknowledge it.
    wsc::WscAck ack;
    ack.enrollee_nonce = s_.n1;
    ack.registrar_nonce = s_.n2;
    s_.send(MsgType::WscAck, wsc::build_wsc_ack(ack));
  }
  end_pin(PinOutcome::Success);
  if (pbc_session_ && cfg_.pbc) cfg_.pbc->completed(enrollee_mac_, enrollee_uuid_, now);
  Succeeded out{enrollee_mac_, enrollee_uuid_, std::move(delivered_), std::nullopt};
  if (cfg_.enrollee_is_ap && !out.credentials.empty()) {
    out.ap_settings = out.credentials.front();
    out.credentials.clear();
  }
  s_.emit(std::move(out));
  set_state(State::Finished, now);
  return ok();
}

Result<void> Registrar::on_ack(ByteView raw, TimePoint now) {
  WPS_TRY_ASSIGN(auto ack, wsc::parse_wsc_ack(raw));
  WPS_TRY(check_n1(ack.enrollee_nonce, s_.n1));
  WPS_TRY(check_n2(ack.registrar_nonce, s_.n2));
  // The enrollee acknowledged our M2D: this run ends without registration.
  ended_by_handler_ = true;
  end_pin(PinOutcome::FailedEarly);
  s_.emit(Failed{m2d_reason_, MsgType::M2D, m2d_error_, false, false, last_sent_});
  set_state(State::Finished, now);
  return ok();
}

Result<void> Registrar::on_nack(ByteView raw, TimePoint now) {
  WPS_TRY_ASSIGN(auto nack, wsc::parse_wsc_nack(raw));
  WPS_TRY(check_n1(nack.enrollee_nonce, s_.n1));
  WPS_TRY(check_n2(nack.registrar_nonce, s_.n2));
  ended_by_handler_ = true;
  if (cfg_.eap_peer) send_nack(wsc::ConfigError::NoError);
  end_pin(r_s2_revealed_ ? PinOutcome::Revealed : PinOutcome::FailedEarly);
  Errc reason = state_ == State::WaitM2DAck ? m2d_reason_ : Errc::PeerNack;
  wsc::ConfigError ce = state_ == State::WaitM2DAck ? m2d_error_ : nack.config_error;
  s_.trace(now, "fail", std::string(to_string(reason)),
           std::string(wsc::config_error_name(nack.config_error)));
  s_.emit(
      Failed{reason, MsgType::WscNack, ce, state_ != State::WaitM2DAck, cfg_.eap_peer, last_sent_});
  set_state(State::Finished, now);
  return ok();
}

void Registrar::on_deadline(TimePoint now) {
  auto d = s_.deadline();
  if (!d || now < *d || finished()) return;
  end_pin(r_s2_revealed_ ? PinOutcome::Revealed : PinOutcome::FailedEarly);
  s_.emit(Failed{Errc::SessionTimeout, awaited(), wsc::ConfigError::MessageTimeout, false, false,
                 last_sent_});
  set_state(State::Finished, now);
}

}  // namespace wps::proto
