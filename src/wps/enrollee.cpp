#include "wps/enrollee.hpp"

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

// Expected-next table (ARCHITECTURE C7): which registrar messages each state accepts. WSC_NACK
// is accepted in every waiting state (the registrar may end the run at any point).
constexpr bool expected(Enrollee::State s, MsgType t) {
  if (t == MsgType::WscNack) return s != Enrollee::State::Idle && s != Enrollee::State::Finished;
  switch (s) {
    case Enrollee::State::WaitM2: return t == MsgType::M2 || t == MsgType::M2D;
    case Enrollee::State::WaitM4: return t == MsgType::M4;
    case Enrollee::State::WaitM6: return t == MsgType::M6;
    case Enrollee::State::WaitM8: return t == MsgType::M8;
    case Enrollee::State::Idle:
    case Enrollee::State::Finished: return false;
  }
  return false;
}


}  // namespace

void use_nfc_token(EnrolleeConfig& cfg, const NfcOwnToken& own) {
  cfg.password_id = static_cast<wsc::DevicePasswordId>(own.password.dpid);
  cfg.device_password = own.password.text;
  cfg.own_dh_private = own.dh_private;
}

void use_nfc_token(EnrolleeConfig& cfg, const NfcPeerToken& peer) {
  cfg.password_id = static_cast<wsc::DevicePasswordId>(peer.password.dpid);
  cfg.device_password = peer.password.text;
  cfg.peer_public_key_hash = peer.public_key_hash;
}

void use_nfc_handover(EnrolleeConfig& cfg, const crypto::SecretBytes& own_private,
                      const wsc::PublicKeyHash& select_hash) {
  cfg.password_id = wsc::DevicePasswordId::NfcConnectionHandover;
  cfg.device_password.clear();
  cfg.own_dh_private = own_private;
  cfg.peer_public_key_hash = select_hash;
}

std::string_view Enrollee::state_name(State s) {
  switch (s) {
    case State::Idle: return "idle";
    case State::WaitM2: return "wait-M2";
    case State::WaitM4: return "wait-M4";
    case State::WaitM6: return "wait-M6";
    case State::WaitM8: return "wait-M8";
    case State::Finished: return "finished";
  }
  return "?";
}

Enrollee::Enrollee(EnrolleeConfig cfg, Rng& rng)
    : cfg_(std::move(cfg)), s_(rng, "enrollee", cfg_.keylog, cfg_.timeout) {}

void Enrollee::send_step(MsgType type, Bytes msg, State next, TimePoint now) {
  s_.send_registration_message(type, std::move(msg));
  last_sent_ = type;
  set_state(next, now);
}

void Enrollee::set_state(State st, TimePoint now) {
  s_.trace(now, "state", std::string(state_name(state_)), std::string(state_name(st)));
  state_ = st;
  if (st == State::Finished) s_.stop_timer();
}

MsgType Enrollee::awaited() const {
  switch (state_) {
    case State::WaitM2: return MsgType::M2;
    case State::WaitM4: return MsgType::M4;
    case State::WaitM6: return MsgType::M6;
    case State::WaitM8: return MsgType::M8;
    case State::Idle: return MsgType::M1;
    case State::Finished: return MsgType::WscDone;
  }
  return MsgType::M1;
}

void Enrollee::start(TimePoint now) {
  WPS_ASSERT(state_ == State::Idle);
  if (cfg_.enrollee_nonce_rng) {
    std::array<std::uint8_t, EnrolleeNonce::size()> a{};
    cfg_.enrollee_nonce_rng->fill(a);
    s_.n1 = EnrolleeNonce(a);
  } else {
    s_.n1 = s_.draw<EnrolleeNonce>();
  }
  if (cfg_.own_dh_private) {
    // NFC password token: the key whose hash the token carries (NFC-PBC facts §3.4).
    auto key = crypto::DhPrivateKey::from_private(crypto::view(*cfg_.own_dh_private));
    if (!key) return fail(now, key.error().code, MsgType::M1, false);
    s_.dh.emplace(std::move(*key));
  } else {
    s_.dh.emplace(take_or_generate(cfg_.dh_pool, s_.rng()));
  }
  s_.pk_e = s_.dh->public_key();
  s_.keylog("ENROLLEE_NONCE", s_.n1.view());
  s_.keylog_dh_private("DH_PRIVATE_E");

  wsc::M1 m1;
  m1.uuid_e = cfg_.uuid;
  m1.mac_address = cfg_.mac;
  m1.enrollee_nonce = s_.n1;
  m1.public_key = s_.pk_e;
  m1.auth_type_flags = cfg_.auth_type_flags;
  m1.encr_type_flags = cfg_.encr_type_flags;
  m1.connection_type_flags = cfg_.connection_type_flags;
  m1.config_methods = cfg_.config_methods;
  m1.wps_state = cfg_.wps_state;
  m1.device = cfg_.device;
  m1.rf_bands = cfg_.rf_bands;
  m1.device_password_id = cfg_.password_id;
  m1.os_version = cfg_.os_version;
  s_.touch(now);
  send_step(MsgType::M1, wsc::build_m1(m1), State::WaitM2, now);
}

void Enrollee::on_message(ByteView raw, TimePoint now) {
  if (state_ == State::Idle || state_ == State::Finished) {
    s_.trace(now, "drop", "message", "run not active");
    return;
  }
  if (s_.is_duplicate(raw)) {
    s_.trace(now, "check", "duplicate", "retransmission: last message sent again");
    s_.resend_last();
    return;
  }
  s_.touch(now);
  auto type = wsc::peek_message_type(raw);
  if (!type) return fail(now, type.error().code, awaited(), true);
  if (!expected(state_, *type)) return fail(now, Errc::UnexpectedMessage, *type, true);
  s_.received(raw);
  s_.trace(now, "rx", std::string(wsc::msg_type_name(*type)), "");

  Result<void> r = ok();
  switch (*type) {
    case MsgType::M2: r = on_m2(raw, now); break;
    case MsgType::M2D: r = on_m2d(raw, now); break;
    case MsgType::M4: r = on_m4(raw, now); break;
    case MsgType::M6: r = on_m6(raw, now); break;
    case MsgType::M8: r = on_m8(raw, now); break;
    case MsgType::WscNack: r = on_nack(raw, now); break;
    default: r = unexpected(Errc::UnexpectedMessage); break;
  }
  if (!r && !ended_by_handler_) fail(now, r.error().code, *type, true);
}

void Enrollee::send_nack(wsc::ConfigError ce) {
  wsc::WscNack nack;
  nack.enrollee_nonce = s_.n1;
  nack.registrar_nonce = s_.n2;  // all-zero before M2, as a NACK sent that early must be
  nack.config_error = ce;
  s_.send(MsgType::WscNack, wsc::build_wsc_nack(nack));
}

void Enrollee::fail(TimePoint now, Errc reason, MsgType at, bool nack) {
  Failed f{reason, at, config_error_for(reason), false, false, last_sent_};
  if (nack) {
    send_nack(f.config_error);
    f.nack_sent = true;
  }
  s_.trace(now, "fail", std::string(to_string(reason)), std::string(wsc::msg_type_name(at)));
  s_.emit(std::move(f));
  set_state(State::Finished, now);
}

Result<void> Enrollee::on_m2(ByteView raw, TimePoint now) {
  WPS_TRY_ASSIGN(auto m2, wsc::parse_m2(raw));
  WPS_TRY(check_n1(m2.enrollee_nonce, s_.n1));
  if (m2.device_password_id != cfg_.password_id) {
    // §6.2: the registrar must answer for the password we announced in M1.
    return unexpected(Errc::DevicePasswordIdMismatch, 0, to_u16(AttrType::DevicePasswordId));
  }
  if (cfg_.peer_public_key_hash &&
      !public_key_matches(m2.public_key.view(), *cfg_.peer_public_key_hash)) {
    // NFC: the registrar's key is not the one whose hash its token carries.
    return unexpected(Errc::PublicKeyHashMismatch, 0, to_u16(AttrType::PublicKey));
  }
  s_.n2 = m2.registrar_nonce;
  s_.pk_r = m2.public_key;
  s_.keylog("REGISTRAR_NONCE", s_.n2.view());
  if (!cfg_.eap_peer && cfg_.setup_locked) {
    // hostapd (wps_enrollee.c, wps_process_m2): an AP whose setup is locked refuses a new
    // external registrar here, before M3 commits to anything: WSC_NACK with error 15.
    return unexpected(Errc::SetupLocked);
  }
  // Keys first (they come from M2's Public Key), then the Authenticator over M1 ‖ M2*.
  WPS_TRY(s_.derive_keys(m2.public_key, cfg_.mac));
  WPS_TRY(wsc::verify_authenticator(s_.keys->auth_key, s_.last_msg, raw));
  if (cfg_.password_id == wsc::DevicePasswordId::NfcConnectionHandover) {
    return on_handover_m2(m2, raw, now);
  }
  s_.derive_psks(crypto::view(cfg_.device_password));
  s_.last_msg.assign(raw.begin(), raw.end());

  // M3 commits to both halves of the password (§7.3) before the registrar reveals anything.
  if (cfg_.secret_nonce_rng) {
    es1_.emplace();
    es2_.emplace();
    cfg_.secret_nonce_rng->fill(std::span<std::uint8_t>(es1_->data(), es1_->size()));
    cfg_.secret_nonce_rng->fill(std::span<std::uint8_t>(es2_->data(), es2_->size()));
  } else {
    es1_.emplace(s_.draw_secret<crypto::ESecretNonce1>());
    es2_.emplace(s_.draw_secret<crypto::ESecretNonce2>());
  }
  s_.keylog("E_S1", es1_->view());
  s_.keylog("E_S2", es2_->view());
  wsc::M3 m3;
  m3.registrar_nonce = s_.n2;
  const auto pks = s_.public_keys();
  m3.e_hash1 = wsc::e_hash(s_.keys->auth_key, *es1_, s_.psks->psk1, pks);
  m3.e_hash2 = wsc::e_hash(s_.keys->auth_key, *es2_, s_.psks->psk2, pks);
  Bytes out = wsc::build_m3(m3, s_.keys->auth_key, s_.last_msg);
  send_step(MsgType::M3, std::move(out), State::WaitM4, now);
  return ok();
}

Result<void> Enrollee::on_handover_m2(const wsc::M2& m2, ByteView raw, TimePoint now) {
  // NFC connection handover (NFC-PBC facts §8): M2's key was checked against the select's hash
  // and its Authenticator verified; the Credential is in M2's Encrypted Settings. Without them
  // there is nothing to take (wpa_supplicant: "No Encrypted Settings received").
  if (!cfg_.peer_public_key_hash) return unexpected(Errc::PublicKeyHashMismatch);
  if (!m2.encrypted_settings) {
    return unexpected(Errc::AttrMissing, 0, to_u16(AttrType::EncryptedSettings));
  }
  WPS_TRY_ASSIGN(auto tlvs, wsc::decrypt_settings(*m2.encrypted_settings, s_.keys->auth_key,
                                                  s_.keys->key_wrap_key));
  WPS_TRY_ASSIGN(auto settings, wsc::parse_m8_settings(crypto::view(tlvs)));
  if (settings.credentials.empty()) {
    return unexpected(Errc::BadCredential, 0, to_u16(AttrType::Credential));
  }
  for (auto& c : settings.credentials) WPS_TRY(wsc::validate_credential(c));
  return finish(Succeeded{cfg_.mac, cfg_.uuid, std::move(settings.credentials), std::nullopt}, raw,
                now);
}

Result<void> Enrollee::on_m2d(ByteView raw, TimePoint now) {
  WPS_TRY_ASSIGN(auto m2d, wsc::parse_m2d(raw));
  WPS_TRY(check_n1(m2d.enrollee_nonce, s_.n1));
  // §6.3: M2D never becomes the previous message. A station acknowledges it (and will try again
  // later, e.g. once the PIN has been entered at the AP); an AP enrollee NACKs it (hostapd).
  s_.n2 = m2d.registrar_nonce;
  if (cfg_.eap_peer) {
    wsc::WscAck ack;
    ack.enrollee_nonce = s_.n1;
    ack.registrar_nonce = s_.n2;
    s_.send(MsgType::WscAck, wsc::build_wsc_ack(ack));
  } else {
    send_nack(wsc::ConfigError::NoError);
  }
  ended_by_handler_ = true;
  s_.trace(now, "fail", "peer_m2d", std::string(wsc::config_error_name(m2d.config_error)));
  s_.emit(Failed{Errc::PeerM2D, MsgType::M2D, m2d.config_error, true, !cfg_.eap_peer, last_sent_});
  set_state(State::Finished, now);
  return ok();
}

Result<void> Enrollee::on_m4(ByteView raw, TimePoint now) {
  WPS_TRY_ASSIGN(auto sealed, wsc::parse_m4(raw));
  WPS_TRY(check_n1(sealed.enrollee_nonce, s_.n1));
  WPS_TRY(wsc::verify_authenticator(s_.keys->auth_key, s_.last_msg, raw));
  WPS_TRY_ASSIGN(auto m4, wsc::open_m4(sealed, s_.keys->auth_key, s_.keys->key_wrap_key));
  // §7.3: R-S1 proves the registrar knows the first half of our password.
  const auto pks = s_.public_keys();
  auto expect1 = wsc::r_hash(s_.keys->auth_key, m4.settings.r_snonce1, s_.psks->psk1, pks);
  if (!wsc::hash_equal(expect1, m4.r_hash1)) {
    return unexpected(Errc::RHash1Mismatch, 0, to_u16(AttrType::RHash1));
  }
  s_.keylog("R_S1", m4.settings.r_snonce1.view());
  r_hash1_ = m4.r_hash1;
  r_hash2_ = m4.r_hash2;
  s_.last_msg.assign(raw.begin(), raw.end());

  wsc::M5 m5;
  m5.registrar_nonce = s_.n2;
  m5.iv = s_.draw<wsc::Iv>();
  m5.settings.e_snonce1 = es1_->clone();
  Bytes out = wsc::build_m5(m5, s_.keys->auth_key, s_.keys->key_wrap_key, s_.last_msg);
  send_step(MsgType::M5, std::move(out), State::WaitM6, now);
  return ok();
}

Result<void> Enrollee::on_m6(ByteView raw, TimePoint now) {
  WPS_TRY_ASSIGN(auto sealed, wsc::parse_m6(raw));
  WPS_TRY(check_n1(sealed.enrollee_nonce, s_.n1));
  WPS_TRY(wsc::verify_authenticator(s_.keys->auth_key, s_.last_msg, raw));
  WPS_TRY_ASSIGN(auto m6, wsc::open_m6(sealed, s_.keys->auth_key, s_.keys->key_wrap_key));
  const auto pks = s_.public_keys();
  auto expect2 = wsc::r_hash(s_.keys->auth_key, m6.settings.r_snonce2, s_.psks->psk2, pks);
  if (!wsc::hash_equal(expect2, *r_hash2_)) {
    return unexpected(Errc::RHash2Mismatch, 0, to_u16(AttrType::RHash2));
  }
  s_.keylog("R_S2", m6.settings.r_snonce2.view());
  s_.last_msg.assign(raw.begin(), raw.end());

  wsc::M7 m7;
  m7.registrar_nonce = s_.n2;
  m7.iv = s_.draw<wsc::Iv>();
  m7.settings.e_snonce2 = es2_->clone();
  if (cfg_.ap_settings) m7.settings.ap_settings = *cfg_.ap_settings;
  Bytes out = wsc::build_m7(m7, s_.keys->auth_key, s_.keys->key_wrap_key, s_.last_msg);
  send_step(MsgType::M7, std::move(out), State::WaitM8, now);
  return ok();
}

Result<void> Enrollee::on_m8(ByteView raw, TimePoint now) {
  WPS_TRY_ASSIGN(auto sealed, wsc::parse_m8(raw));
  WPS_TRY(check_n1(sealed.enrollee_nonce, s_.n1));
  WPS_TRY(wsc::verify_authenticator(s_.keys->auth_key, s_.last_msg, raw));
  WPS_TRY_ASSIGN(auto m8, wsc::open_m8(sealed, s_.keys->auth_key, s_.keys->key_wrap_key));
  Succeeded ok_out{cfg_.mac, cfg_.uuid, {}, {}};
  // Nothing is handed out unless every check passed: validate all credentials first.
  for (auto& c : m8.settings.credentials) WPS_TRY(wsc::validate_credential(c));
  if (m8.settings.ap_settings) WPS_TRY(wsc::validate_credential(*m8.settings.ap_settings));
  if (m8.settings.credentials.empty() && !m8.settings.ap_settings) {
    return unexpected(Errc::BadCredential, 0, to_u16(AttrType::Credential));
  }
  ok_out.credentials = std::move(m8.settings.credentials);
  ok_out.ap_settings = std::move(m8.settings.ap_settings);
  return finish(std::move(ok_out), raw, now);
}

Result<void> Enrollee::finish(Succeeded ok_out, ByteView raw, TimePoint now) {
  s_.last_msg.assign(raw.begin(), raw.end());
  wsc::WscDone done;
  done.enrollee_nonce = s_.n1;
  done.registrar_nonce = s_.n2;
  s_.send(MsgType::WscDone, wsc::build_wsc_done(done));
  last_sent_ = MsgType::WscDone;
  s_.emit(std::move(ok_out));
  set_state(State::Finished, now);
  return ok();
}

Result<void> Enrollee::on_nack(ByteView raw, TimePoint now) {
  WPS_TRY_ASSIGN(auto nack, wsc::parse_wsc_nack(raw));
  WPS_TRY(check_n1(nack.enrollee_nonce, s_.n1));
  if (state_ != State::WaitM2) WPS_TRY(check_n2(nack.registrar_nonce, s_.n2));
  // The registrar ended the run. As the EAP peer we must still answer the request: with a
  // NACK of our own (hostapd's enrollee does the same).
  ended_by_handler_ = true;
  if (cfg_.eap_peer) send_nack(wsc::ConfigError::NoError);
  s_.trace(now, "fail", "peer_nack", std::string(wsc::config_error_name(nack.config_error)));
  s_.emit(
      Failed{Errc::PeerNack, MsgType::WscNack, nack.config_error, true, cfg_.eap_peer, last_sent_});
  set_state(State::Finished, now);
  return ok();
}

void Enrollee::on_deadline(TimePoint now) {
  auto d = s_.deadline();
  if (!d || now < *d || finished()) return;
  // The registrar stopped answering: no NACK (nobody is listening), just the end.
  s_.emit(Failed{Errc::SessionTimeout, awaited(), wsc::ConfigError::MessageTimeout, false, false,
                 last_sent_});
  set_state(State::Finished, now);
}

}  // namespace wps::proto
