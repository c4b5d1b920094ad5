#include "interop/services.hpp"

#include <algorithm>

#include "base/errc.hpp"
#include "eap/eap_packet.hpp"
#include "eap/eapol.hpp"
#include "interop/hostapd_conf.hpp"
#include "wsc/attr_table.hpp"

namespace wps::interop {
namespace {

std::string hex16(std::uint16_t v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s = "0x0000";
  for (int i = 0; i < 4; ++i) s[5 - i] = kDigits[(v >> (4 * i)) & 0xF];
  return s;
}

Note failure_note(const proto::Failed& f, const std::optional<MacAddr>& mac) {
  Note n{"failure", mac, {}, false};
  n.fields.emplace_back("reason", std::string(to_string(f.reason)));
  n.fields.emplace_back("at", std::string(wsc::msg_type_name(f.at)));
  n.fields.emplace_back("msg", std::to_string(static_cast<unsigned>(f.at)));
  n.fields.emplace_back("config_error", std::to_string(static_cast<unsigned>(f.config_error)));
  n.fields.emplace_back("config_error_text", std::string(wsc::config_error_name(f.config_error)));
  n.fields.emplace_back("by_peer", f.by_peer ? "true" : "false");
  n.fields.emplace_back("nack_sent", f.nack_sent ? "true" : "false");
  if (f.after) n.fields.emplace_back("after", std::string(wsc::msg_type_name(*f.after)));
  return n;
}

Note trace_note(const TraceEvent& t, const std::optional<MacAddr>& mac) {
  Note n{"trace", mac, {}, true};
  n.fields.emplace_back("source", std::string(t.source));
  n.fields.emplace_back("kind", std::string(t.kind));
  n.fields.emplace_back("from", t.from);
  n.fields.emplace_back("to", t.to);
  return n;
}

std::string keylog_line(const proto::KeyLogEntry& k, const MacAddr& enrollee) {
  return std::string(k.label) + " " + enrollee.str() + " " + to_hex(crypto::view(k.value));
}

}  // namespace

void add_credential_fields(Note& n, const wsc::Credential& c, std::string_view prefix) {
  std::string p(prefix);
  n.fields.emplace_back(p + "ssid", std::string(as_chars(c.ssid)));
  n.fields.emplace_back(p + "auth_type", hex16(c.auth_type));
  n.fields.emplace_back(p + "encr_type", hex16(c.encr_type));
  n.fields.emplace_back(p + "network_key", std::string(as_chars(crypto::view(c.network_key))));
  n.fields.emplace_back(p + "cred_mac", c.mac_address.str());
}

// ===================================== ApService =====================================

ApService::ApService(ApServiceConfig cfg, Rng& rng)
    : cfg_(std::move(cfg)), rng_(rng), lock_(cfg_.lock) {}
ApService::~ApService() = default;

void ApService::add_pin(std::string_view pin, std::optional<Uuid> uuid, TimePoint now,
                        std::optional<TimePoint> expires) {
  (void)now;
  pins_.add(pin, uuid, expires);
  Note n{"pin-added", std::nullopt, {}, false};
  n.fields.emplace_back("for", uuid ? uuid->hex() : "any");
  note(std::move(n));
}

bool ApService::push_button(TimePoint now) {
  bool ok = pbc_.press(now);
  drain_pbc();
  return ok;
}

bool ApService::cancel_pbc(TimePoint now) {
  (void)now;
  bool was = pbc_.active();
  pbc_.cancel();
  drain_pbc();
  return was;
}

void ApService::drain_pbc() {
  while (auto e = pbc_.poll_event()) {
    switch (*e) {
      case proto::PbcEvent::Active: note(Note{"pbc-active", std::nullopt, {}, false}); break;
      case proto::PbcEvent::Disabled: note(Note{"pbc-disable", std::nullopt, {}, false}); break;
      case proto::PbcEvent::Timeout: note(Note{"pbc-timeout", std::nullopt, {}, false}); break;
      case proto::PbcEvent::Cancelled: note(Note{"pbc-cancel", std::nullopt, {}, false}); break;
      case proto::PbcEvent::OverlapDetected:
        note(Note{"overlap-detected", std::nullopt, {}, false});
        break;
    }
  }
}

void ApService::drop(const std::optional<MacAddr>& mac, std::string why) {
  Note n{"drop", mac, {}, false};
  n.fields.emplace_back("reason", std::move(why));
  note(std::move(n));
}

void ApService::on_frame(ByteView frame, TimePoint now) {
  auto eth = eap::parse_ethernet(frame);
  if (!eth) {
    drop(std::nullopt, "malformed Ethernet frame: " + std::string(to_string(eth.error().code)));
    return;
  }
  const MacAddr sta = eth->src;
  if (sta == cfg_.own_mac) return;  // our own frame looped back
  if (eth->dst != cfg_.own_mac && eth->dst != eap::kPaeGroupAddress) {
    drop(sta, "frame addressed to " + eth->dst.str() + ", not to us");
    return;
  }
  if (sta.get()[0] & 0x01) {
    drop(sta, "group source address");
    return;
  }
  auto eapol = eap::parse_eapol(eth->payload, eth->payload_offset);
  if (!eapol) {
    drop(sta, "malformed EAPOL: " + std::string(to_string(eapol.error().code)) + " at offset " +
                  std::to_string(eapol.error().offset));
    return;
  }
  auto it = stations_.find(sta);
  if (eapol->type == eap::EapolType::Start) {
    if (it != stations_.end() && it->second.server->finished()) {
      stations_.erase(it);
      it = stations_.end();
    }
    if (it == stations_.end()) {
      // Finished sessions have no timer left, so on_deadline may never forget them: do it here,
      // before they count against the limit.
      std::erase_if(stations_, [](const auto& kv) { return kv.second.server->finished(); });
      if (stations_.size() >= cfg_.max_stations) {
        drop(sta, "too many stations (" + std::to_string(stations_.size()) + ")");
        return;
      }
      proto::EapWscServerConfig sc;
      sc.registrar = cfg_.registrar;
      Station st;
      st.id = next_id_++;
      sc.registrar.session_id = st.id;
      if (cfg_.static_pin && !pins_.any_available(now)) {
        sc.registrar.pins = nullptr;
        sc.registrar.device_password = crypto::to_secret(as_bytes(*cfg_.static_pin));
      } else {
        sc.registrar.pins = &pins_;
        sc.registrar.device_password.reset();
      }
      sc.registrar.dh_pool = &dh_pool_;
      sc.registrar.pbc = &pbc_;
      sc.registrar.nfc_tokens = &nfc_tokens_;
      if (nfc_enrollee_ || cfg_.ap_enrollee) {
        sc.ap_enrollee = nfc_enrollee_ ? nfc_enrollee_ : cfg_.ap_enrollee;
        sc.ap_enrollee->dh_pool = &dh_pool_;
        sc.ap_enrollee->setup_locked = lock_.locked();
      }
      sc.fragment_size = cfg_.fragment_size;
      sc.timers = cfg_.timers;
      st.server = std::make_unique<proto::EapWscServer>(std::move(sc), rng_);
      it = stations_.emplace(sta, std::move(st)).first;
      Note n{"session", sta, {}, false};
      n.fields.emplace_back("id", std::to_string(it->second.id));
      note(std::move(n));
    }
  } else if (it == stations_.end()) {
    drop(sta, "EAPOL from a station without a session (no EAPOL-Start)");
    return;
  }
  Station& st = it->second;
  st.server->on_eapol(eth->payload, now);
  drain(sta, st, now);
}

void ApService::drain(const MacAddr& sta, Station& s, TimePoint now) {
  while (auto o = s.server->poll_output()) {
    // The AP setup lock counts failed AP-PIN proofs of external registrars (our Enrollee).
    if (auto* f = std::get_if<proto::Failed>(&*o); f && s.server->runs_enrollee()) {
      if (!f->by_peer && (f->reason == Errc::RHash1Mismatch || f->reason == Errc::RHash2Mismatch)) {
        lock_.on_failure(now);
      } else if (f->after == wsc::MsgType::M7) {
        lock_.on_success(now);
      }
    } else if (auto* ok = std::get_if<proto::Succeeded>(&*o); ok && s.server->runs_enrollee()) {
      lock_.on_success(now);
    }
    if (auto* tx = std::get_if<proto::SendEapol>(&*o)) {
      out_.emplace(ServiceOutput{
          ServiceOutput::Kind::Frame, eap::build_ethernet(sta, cfg_.own_mac, tx->frame), {}, {}});
    } else if (auto* k = std::get_if<proto::KeyLogEntry>(&*o)) {
      out_.emplace(ServiceOutput{ServiceOutput::Kind::KeyLog, {}, {}, keylog_line(*k, sta)});
    } else if (auto* pn = std::get_if<proto::PinNeeded>(&*o)) {
      Note n{"pin-needed", sta, {}, false};
      n.fields.emplace_back("uuid_e", uuid_str(pn->enrollee_uuid));
      n.fields.emplace_back("device_name", pn->device.device_name);
      n.fields.emplace_back("manufacturer", pn->device.manufacturer);
      n.fields.emplace_back("model_name", pn->device.model_name);
      n.fields.emplace_back("model_number", pn->device.model_number);
      n.fields.emplace_back("serial_number", pn->device.serial_number);
      n.fields.emplace_back("device_type", device_type_str(pn->device.primary_device_type));
      n.fields.emplace_back("message", "M2D sent");
      note(std::move(n));
    } else if (auto* ok = std::get_if<proto::Succeeded>(&*o)) {
      ++successes_;
      Note n{"success", sta, {}, false};
      n.fields.emplace_back("uuid_e", uuid_str(ok->enrollee_uuid));
      if (!ok->credentials.empty()) add_credential_fields(n, ok->credentials.front());
      if (ok->ap_settings) {
        n.fields.emplace_back("role", "ap-enrollee");
        add_credential_fields(n, *ok->ap_settings, "new_");
      }
      note(std::move(n));
    } else if (auto* f = std::get_if<proto::Failed>(&*o)) {
      note(failure_note(*f, sta));
    } else if (auto* t = std::get_if<TraceEvent>(&*o)) {
      note(trace_note(*t, sta));
    } else if (std::holds_alternative<proto::EapFinished>(*o)) {
      note(Note{"finished", sta, {}, false});
    }
  }
  // The registrar may have consulted the PBC monitor: overlap detected (at M1), PBC mode ended
  // (at WSC_Done; hostapd reports WPS-PBC-DISABLE after WPS-REG-SUCCESS).
  drain_pbc();
  lock_notes();
}

void ApService::lock_notes() {
  // hostapd's WPS-AP-SETUP-LOCKED / WPS-AP-SETUP-UNLOCKED.
  while (auto c = lock_.poll_change()) {
    Note n{c->locked ? "ap-setup-locked" : "ap-setup-unlocked", std::nullopt, {}, false};
    n.fields.emplace_back("failures", std::to_string(c->failures));
    n.fields.emplace_back("consecutive", std::to_string(c->consecutive));
    if (c->locked) {
      n.fields.emplace_back(
          "until", c->until ? std::to_string((*c->until - c->at).count() / 1'000'000'000) + " s"
                            : std::string("the AP PIN is set again"));
    }
    note(std::move(n));
  }
}

void ApService::enable_ap_pin(proto::EnrolleeConfig e, TimePoint now,
                              std::optional<TimePoint> expires) {
  cfg_.ap_enrollee = std::move(e);
  ap_pin_expires_ = expires;
  lock_.pin_set(now);
  lock_notes();
}

void ApService::add_nfc_token(const wsc::OobDevicePassword& token, TimePoint now) {
  (void)now;
  nfc_tokens_.add(proto::NfcPeerToken::from_token(token));
  Note n{"nfc-tag-read", std::nullopt, {}, false};
  n.fields.emplace_back("dev_pw_id", std::to_string(token.device_password_id));
  n.fields.emplace_back("pubkey_hash", to_hex(token.public_key_hash));
  note(std::move(n));
}

void ApService::report_handover(const wsc::PublicKeyHash& request_hash,
                                proto::NfcOwnToken select_key) {
  proto::NfcPeerToken t;
  t.password.dpid = wsc::kHandoverDpid;
  t.public_key_hash = request_hash;
  nfc_tokens_.add(std::move(t));
  // hostapd reuses its NFC key for the select: an enabled password token stays in use.
  if (!cfg_.registrar.own_token) cfg_.registrar.own_token = std::move(select_key);
  Note n{"nfc-handover", std::nullopt, {}, false};
  n.fields.emplace_back("pubkey_hash", to_hex(request_hash));
  note(std::move(n));
}

void ApService::set_own_nfc_token(std::optional<proto::NfcOwnToken> token,
                                  std::optional<proto::EnrolleeConfig> enrollee) {
  nfc_enrollee_.reset();
  if (token && enrollee && token->password.dpid >= wsc::kFirstTokenDpid) {
    proto::use_nfc_token(*enrollee, *token);
    nfc_enrollee_ = std::move(enrollee);
  }
  Note n{token ? "nfc-token-enabled" : "nfc-token-disabled", std::nullopt, {}, false};
  if (token) n.fields.emplace_back("dev_pw_id", std::to_string(token->password.dpid));
  cfg_.registrar.own_token = std::move(token);
  note(std::move(n));
}

void ApService::disable_ap_pin() {
  cfg_.ap_enrollee.reset();
  ap_pin_expires_.reset();
}

std::optional<TimePoint> ApService::next_deadline() const {
  std::optional<TimePoint> d = pbc_.next_deadline();
  if (auto l = lock_.next_deadline(); l && (!d || *l < *d)) d = l;
  if (ap_pin_expires_ && (!d || *ap_pin_expires_ < *d)) d = ap_pin_expires_;
  for (const auto& [mac, s] : stations_) {
    auto x = s.server->next_deadline();
    if (x && (!d || *x < *d)) d = x;
  }
  return d;
}

void ApService::on_deadline(TimePoint now) {
  if (auto p = pbc_.next_deadline(); p && *p <= now) {
    pbc_.on_deadline(now);
    drain_pbc();
  }
  if (auto d = lock_.next_deadline(); d && *d <= now) {
    lock_.on_deadline(now);
    lock_notes();
  }
  if (ap_pin_expires_ && *ap_pin_expires_ <= now) {
    // hostapd_wps_ap_pin_timeout: the AP PIN is disabled, WPS-AP-PIN-DISABLED.
    disable_ap_pin();
    note(Note{"ap-pin-disabled", std::nullopt, {{"reason", "timeout"}}, false});
  }
  for (auto& [mac, s] : stations_) {
    auto x = s.server->next_deadline();
    if (x && *x <= now) {
      s.server->on_deadline(now);
      drain(mac, s, now);
    }
  }
  // Forget finished sessions: the next EAPOL-Start creates a new one.
  std::erase_if(stations_, [](const auto& kv) { return kv.second.server->finished(); });
}

std::optional<ServiceOutput> ApService::poll() {
  return out_.poll();
}

// ===================================== StaService =====================================

StaService::StaService(StaServiceConfig cfg, Rng& rng) : cfg_(std::move(cfg)), rng_(rng) {}
StaService::~StaService() = default;

void StaService::start(TimePoint now) {
  start_round(now);
}

void StaService::start_round(TimePoint now) {
  retry_at_.reset();
  ap_.reset();
  failed_.reset();
  ++rounds_;
  // The round's DH key, generated before the EAPOL-Start goes out (not between WSC_Start and M1).
  dh_pool_.refill(rng_);
  proto::EapWscPeerConfig pc = cfg_.peer;
  if (pc.enrollee) pc.enrollee->dh_pool = &dh_pool_;
  if (pc.registrar) pc.registrar->dh_pool = &dh_pool_;
  peer_ = std::make_unique<proto::EapWscPeer>(std::move(pc), rng_);
  Note n{"round", std::nullopt, {}, false};
  n.fields.emplace_back("n", std::to_string(rounds_));
  note(std::move(n));
  peer_->start(now);
  drain(now);
}

void StaService::on_frame(ByteView frame, TimePoint now) {
  auto drop = [&](const std::optional<MacAddr>& mac, std::string why) {
    Note n{"drop", mac, {}, false};
    n.fields.emplace_back("reason", std::move(why));
    note(std::move(n));
  };
  if (status_ != Status::Running) return;
  auto eth = eap::parse_ethernet(frame);
  if (!eth) {
    drop(std::nullopt, "malformed Ethernet frame: " + std::string(to_string(eth.error().code)));
    return;
  }
  if (eth->src == cfg_.own_mac) return;
  if (eth->dst != cfg_.own_mac && eth->dst != eap::kPaeGroupAddress) {
    drop(eth->src, "frame addressed to " + eth->dst.str() + ", not to us");
    return;
  }
  if (!peer_ || peer_->finished()) {
    drop(eth->src, "no conversation running");
    return;
  }
  auto eapol = eap::parse_eapol(eth->payload, eth->payload_offset);
  if (!eapol) {
    drop(eth->src, "malformed EAPOL: " + std::string(to_string(eapol.error().code)));
    return;
  }
  if (eapol->type != eap::EapolType::EapPacket) {
    drop(eth->src, "EAPOL packet type " + std::to_string(static_cast<int>(eapol->type)) +
                       " is not for a supplicant");
    return;
  }
  // Only an authenticator sends EAP Requests, Success or Failure. On a shared segment other
  // supplicants' EAP-Responses to the PAE group address arrive too: they are not for us and must
  // not be taken for our authenticator.
  if (auto eap = eap::parse_eap(eapol->body, eapol->body_offset);
      eap && eap->code == eap::EapCode::Response) {
    drop(eth->src, "EAP-Response from another supplicant");
    return;
  }
  if (ap_ && *ap_ != eth->src) {
    drop(eth->src, "frame from another authenticator (talking to " + ap_->str() + ")");
    return;
  }
  if (!ap_) {
    ap_ = eth->src;
    note(Note{"authenticator", eth->src, {}, false});
  }
  peer_->on_eapol(eth->payload, now);
  drain(now);
}

void StaService::drain(TimePoint now) {
  while (auto o = peer_->poll_output()) {
    if (auto* tx = std::get_if<proto::SendEapol>(&*o)) {
      // wpa_supplicant on a wired port sends every EAPOL frame to the PAE group address.
      out_.emplace(
          ServiceOutput{ServiceOutput::Kind::Frame,
                        eap::build_ethernet(eap::kPaeGroupAddress, cfg_.own_mac, tx->frame),
                        {},
                        {}});
    } else if (auto* k = std::get_if<proto::KeyLogEntry>(&*o)) {
      // The key log is keyed by the enrollee MAC: ours, or the AP's in the registrar role.
      MacAddr enrollee = cfg_.peer.registrar ? ap_.value_or(eap::kPaeGroupAddress) : cfg_.own_mac;
      out_.emplace(ServiceOutput{ServiceOutput::Kind::KeyLog, {}, {}, keylog_line(*k, enrollee)});
    } else if (auto* ok = std::get_if<proto::Succeeded>(&*o)) {
      success_ = std::move(*ok);
      Note n{"success", ap_, {}, false};
      for (const auto& c : success_->credentials) add_credential_fields(n, c);
      if (success_->ap_settings) add_credential_fields(n, *success_->ap_settings, "ap_");
      note(std::move(n));
    } else if (auto* f = std::get_if<proto::Failed>(&*o)) {
      if (!failed_ || failed_->reason == Errc::EapFailure) failed_ = *f;
      if (f->reason == Errc::PeerM2D) {
        Note n{"m2d", ap_, {}, false};
        n.fields.emplace_back("config_error",
                              std::to_string(static_cast<unsigned>(f->config_error)));
        note(std::move(n));
      }
      note(failure_note(*f, ap_));
    } else if (auto* t = std::get_if<TraceEvent>(&*o)) {
      note(trace_note(*t, ap_));
    } else if (std::holds_alternative<proto::EapFinished>(*o)) {
      note(Note{"finished", ap_, {}, false});
      if (success_) {
        status_ = Status::Succeeded;
        continue;
      }
      bool wrong_pin = failed_ &&
                       failed_->config_error == wsc::ConfigError::DevicePasswordAuthFailure;
      // An AP whose setup is locked refuses external registrars (M2 -> WSC_NACK error 15):
      // trying again at once would only be refused again. Say so, and stop.
      bool locked = cfg_.peer.registrar && failed_ &&
                    failed_->config_error == wsc::ConfigError::SetupLocked;
      if (locked) {
        Note n{"ap-setup-locked", ap_, {}, false};
        n.fields.emplace_back(
            "message",
            "AP setup locked: the AP refuses external registrars (configuration error 15)");
        note(std::move(n));
      }
      // An NFC token refused for its key (error 20, either side) was used up at the AP's
      // registrar: another round with it cannot succeed (wpa_supplicant retries anyway).
      bool key_refused = failed_ &&
                         (failed_->config_error == wsc::ConfigError::PublicKeyHashMismatch ||
                          failed_->reason == Errc::PublicKeyHashMismatch);
      if (wrong_pin || locked || key_refused ||
          (cfg_.max_rounds > 0 && rounds_ >= cfg_.max_rounds)) {
        status_ = Status::Failed;
        continue;
      }
      retry_at_ = now + cfg_.retry_after;
      Note n{"retry", ap_, {}, false};
      n.fields.emplace_back(
          "after_s", std::to_string(std::chrono::duration<double>(cfg_.retry_after).count()));
      note(std::move(n));
    }
  }
}

std::optional<TimePoint> StaService::next_deadline() const {
  if (status_ != Status::Running) return std::nullopt;
  if (retry_at_) return retry_at_;
  return peer_ ? peer_->next_deadline() : std::nullopt;
}

void StaService::on_deadline(TimePoint now) {
  if (status_ != Status::Running) return;
  if (retry_at_) {
    if (now >= *retry_at_) start_round(now);
    return;
  }
  if (peer_) {
    peer_->on_deadline(now);
    drain(now);
  }
}

std::optional<ServiceOutput> StaService::poll() {
  return out_.poll();
}

}  // namespace wps::interop
