#include "roles/access_point.hpp"

#include <algorithm>

#include "dot11/data.hpp"
#include "dot11/frame.hpp"
#include "dot11/ie.hpp"
#include "dot11/mgmt.hpp"
#include "wpa2/ccmp.hpp"
#include "wpa2/eapol_key.hpp"
#include "wsc/msg_discovery.hpp"

namespace wps::roles {

struct AccessPoint::Sta {
  std::optional<SNonce> snonce;  ///< from message 2, for the key log's PTK
  std::unique_ptr<proto::EapWscServer> eap;
  std::unique_ptr<wpa2::Authenticator4Way> fourway;
  std::unique_ptr<wpa2::CcmpReceiver> ccmp;
  std::optional<crypto::Pmk> pmk;
  std::optional<TimePoint> deauth_at;
  dot11::ReasonCode deauth_reason = dot11::ReasonCode::Ieee8021xAuthFailed;
};

proto::EnrolleeConfig ap_pin_enrollee_config(const AccessPointConfig& cfg, bool locked,
                                             Rng* nonce_rng, Rng* secret_rng) {
  proto::EnrolleeConfig en;
  en.uuid = cfg.uuid;
  en.mac = cfg.bssid;
  en.device = cfg.device;
  en.config_methods = 0x210C;
  en.wps_state = wsc::WpsState::Configured;
  en.device_password = crypto::to_secret(as_bytes(cfg.ap_pin.value_or("")));
  // NFC-PBC facts §4 (c1): with its own token enabled the AP's M1 carries the token's ID and key
  // (a key made for a handover select only, ID 7, is not a password token).
  if (cfg.nfc_token && cfg.nfc_token->password.dpid >= wsc::kFirstTokenDpid) {
    proto::use_nfc_token(en, *cfg.nfc_token);
  }
  wsc::Credential cur;
  cur.ssid = to_bytes(cfg.ssid);
  cur.network_key = crypto::to_secret(as_bytes(cfg.passphrase));
  cur.network_index.reset();
  cur.mac_address = cfg.bssid;
  en.ap_settings = std::move(cur);
  en.eap_peer = false;
  en.setup_locked = locked;
  en.enrollee_nonce_rng = nonce_rng;
  en.secret_nonce_rng = secret_rng;
  en.keylog = cfg.keylog;
  return en;
}

namespace {
constexpr std::uint8_t kBeaconFc0 = 0x80;  // WPS-FACTS §2.1: beacon frame control first octet
constexpr std::uint8_t kProbeRequestFc0 = 0x40;
}  // namespace

AccessPoint::AccessPoint(AccessPointConfig cfg, Rng& rng, TimePoint start,
                         wpa2::PmkCache* pmk_cache)
    : cfg_(std::move(cfg)),
      rng_(rng),
      own_cache_(pmk_cache ? nullptr : std::make_unique<wpa2::PmkCache>()),
      cache_(pmk_cache ? pmk_cache : own_cache_.get()),
      rsn_ie_(wpa2_psk_ccmp_rsn_ie()),
      mlme_(
          [&] {
            dot11::ApConfig a;
            a.bssid = cfg_.bssid;
            a.ssid = to_bytes(cfg_.ssid);
            a.channel = cfg_.channel;
            a.max_stations = cfg_.max_stations;
            a.rsn_ie = wpa2_psk_ccmp_rsn_ie();
            a.send_beacons = cfg_.max_beacons > 0;
            return a;
          }(),
          start),
      lock_([&] {
        proto::ApSetupLock::Config c;
        c.policy = cfg_.lock_policy;
        c.locked_forever = cfg_.ap_setup_locked;
        return c;
      }()) {
  rng_.fill(std::span<std::uint8_t>(gtk_.data(), crypto::Gtk::size()));
  update_wps_ies(start);
}

AccessPoint::~AccessPoint() = default;

AccessPoint::Sta& AccessPoint::sta(const MacAddr& mac) {
  auto& p = stas_[mac];
  if (!p) p = std::make_unique<Sta>();
  return *p;
}

void AccessPoint::update_wps_ies(TimePoint now) {
  // WPS-FACTS §2.4: Selected Registrar, DPID and AuthorizedMACs (wildcard) while a PIN waits
  // or the push button is active (§9: DPID 4 then).
  pbc_advertised_ = pbc_.active();
  const bool nfc = nfc_selected(now);
  selected_registrar_ = pbc_advertised_ || pins_.any_available(now) || nfc;
  wsc::BeaconIe b;
  b.wps_state = wsc::WpsState::Configured;
  // §8: AP Setup Locked = 1 while the lock holds (configured, or after failed AP-PIN proofs).
  if (cfg_.ap_setup_locked || lock_.locked()) b.ap_setup_locked = true;
  if (selected_registrar_) {
    b.selected_registrar = true;
    b.device_password_id = pbc_advertised_ ? wsc::DevicePasswordId::PushButton
                           : nfc ? static_cast<wsc::DevicePasswordId>(nfc_selected_->first)
                                 : wsc::DevicePasswordId::Default;
    b.selected_registrar_config_methods = 0x238C;
    b.wfa_ext.authorized_macs.push_back(MacAddr::broadcast());
  }
  wsc::ProbeResponseIe p;
  p.wps_state = b.wps_state;
  p.ap_setup_locked = b.ap_setup_locked;
  p.selected_registrar = b.selected_registrar;
  p.device_password_id = b.device_password_id;
  p.selected_registrar_config_methods = b.selected_registrar_config_methods;
  p.uuid_e = cfg_.uuid;
  p.device = cfg_.device;
  p.config_methods = 0x210C;  // label, keypad, virtual display: no PushButton in AP info (§5)
  p.rf_bands = wsc::RfBand::Band24GHz;
  p.wfa_ext = b.wfa_ext;
  dot11::WpsIeSet set;
  set.beacon = wsc::build_beacon_ie(b);
  set.probe_response = wsc::build_probe_response_ie(p);
  set.assoc_response = wsc::build_assoc_response_ie(wsc::AssocResponseIe{});
  mlme_.set_wps_ies(std::move(set));
}

void AccessPoint::add_pin(std::string_view pin, TimePoint now, std::optional<Uuid> uuid) {
  pins_.add(pin, uuid);
  events_.emplace(TraceEvent{now, "ap", "pin", "entered",
                             uuid ? "PIN accepted for enrollee " + to_hex(uuid->view())
                                  : std::string("PIN accepted for any enrollee")});
  update_wps_ies(now);
}

bool AccessPoint::nfc_selected(TimePoint now) const {
  return nfc_selected_ && now < nfc_selected_->second && nfc_tokens_.contains(nfc_selected_->first);
}

void AccessPoint::add_nfc_token(const wsc::OobDevicePassword& token, TimePoint now) {
  nfc_tokens_.add(proto::NfcPeerToken::from_token(token));
  nfc_selected_.emplace(token.device_password_id, now + std::chrono::seconds(120));
  events_.emplace(TraceEvent{now, "ap", "nfc", "token read",
                             "password token, device password ID " +
                                 std::to_string(token.device_password_id) + ": one registration"});
  update_wps_ies(now);
}

Bytes AccessPoint::handover_select(TimePoint now) {
  if (!cfg_.nfc_token) {
    // hostapd_wps_nfc_hs_cr: a key is made only when the AP has none, with ID 7.
    auto made = proto::generate_password_token(rng_, wsc::kHandoverDpid);
    WPS_ASSERT(made.has_value());
    cfg_.nfc_token = made->own;
    cfg_.nfc_token->password.text.clear();
  }
  auto key = crypto::DhPrivateKey::from_private(crypto::view(cfg_.nfc_token->dh_private));
  WPS_ASSERT(key.has_value());
  events_.emplace(TraceEvent{now, "ap", "nfc", "handover select", "for the AP's NFC key"});
  return wsc::build_handover_select(wsc::public_key_hash(key->public_key().view()),
                                    as_bytes(cfg_.ssid), cfg_.bssid, wsc::RfBand::Band24GHz,
                                    std::uint16_t{cfg_.channel});
}

void AccessPoint::report_handover(const wsc::HandoverRequest& request, TimePoint now) {
  proto::NfcPeerToken t;
  t.password.dpid = wsc::kHandoverDpid;
  t.public_key_hash = request.public_key_hash;
  nfc_tokens_.add(std::move(t));
  events_.emplace(
      TraceEvent{now, "ap", "nfc", "handover request", "one abbreviated registration for its key"});
}

void AccessPoint::set_own_nfc_token(std::optional<proto::NfcOwnToken> token, TimePoint now) {
  events_.emplace(TraceEvent{now, "ap", "nfc", token ? "own token enabled" : "own token disabled",
                             token ? "device password ID " + std::to_string(token->password.dpid)
                                   : std::string()});
  cfg_.nfc_token = std::move(token);
}

bool AccessPoint::push_button(TimePoint now) {
  bool ok = pbc_.press(now);
  events_.emplace(TraceEvent{now, "ap", "pbc", "button",
                             ok ? "PBC mode for the walk time" : "refused: PBC session overlap"});
  pump(now);
  return ok;
}

void AccessPoint::cancel_pbc(TimePoint now) {
  pbc_.cancel();
  pump(now);
}

void AccessPoint::note_probe_request(ByteView frame, TimePoint now) {
  // §9: an enrollee probing with Device Password ID 4 has pressed its button; the monitor
  // counts it for the overlap rule. Anything unparsable is the MLME's business, not ours.
  auto f = dot11::parse_mgmt(frame);
  if (!f) return;
  const auto* pr = std::get_if<dot11::ProbeRequest>(&f->body);
  if (!pr) return;
  auto attrs = dot11::join_wps_ies(pr->elements);
  if (!attrs) return;
  auto ie = wsc::parse_probe_request_ie(*attrs);
  if (!ie || ie->device_password_id != wsc::DevicePasswordId::PushButton || !ie->uuid_e) return;
  pbc_.on_probe_request(f->header.sa, *ie->uuid_e, now);
}

std::optional<Bytes> AccessPoint::poll_transmit() {
  return tx_.poll();
}

std::optional<Event> AccessPoint::poll_event() {
  return events_.poll();
}

std::optional<TimePoint> AccessPoint::next_deadline() const {
  std::optional<TimePoint> d;
  auto take = [&](std::optional<TimePoint> t) {
    if (t && (!d || *t < *d)) d = t;
  };
  if (beacons_sent_ < cfg_.max_beacons) take(mlme_.next_deadline());
  take(pbc_.next_deadline());
  take(lock_.next_deadline());
  if (nfc_selected_) take(nfc_selected_->second);
  for (const auto& [mac, s] : stas_) {
    if (s->eap) take(s->eap->next_deadline());
    if (s->fourway) take(s->fourway->next_deadline());
    take(s->deauth_at);
  }
  return d;
}

void AccessPoint::on_frame(ByteView frame, TimePoint now) {
  if (!frame.empty() && frame[0] == kProbeRequestFc0) note_probe_request(frame, now);
  rtl_rng_.set_time(cfg_.wall_clock_epoch + static_cast<std::uint32_t>(now.ns() / 1'000'000'000));
  mlme_.on_frame(frame, now);
  pump(now);
}

void AccessPoint::on_deadline(TimePoint now) {
  if (auto d = pbc_.next_deadline(); d && *d <= now) pbc_.on_deadline(now);
  rtl_rng_.set_time(cfg_.wall_clock_epoch + static_cast<std::uint32_t>(now.ns() / 1'000'000'000));
  if (beacons_sent_ < cfg_.max_beacons) {
    auto d = mlme_.next_deadline();
    if (d && *d <= now) mlme_.on_deadline(now);
  }
  if (auto d = lock_.next_deadline(); d && *d <= now) lock_.on_deadline(now);
  std::vector<MacAddr> to_deauth;
  for (auto& [mac, s] : stas_) {
    if (s->eap) {
      auto d = s->eap->next_deadline();
      if (d && *d <= now) {
        s->eap->on_deadline(now);
        touched_.push_back(mac);
      }
    }
    if (s->fourway) {
      auto d = s->fourway->next_deadline();
      if (d && *d <= now) {
        s->fourway->on_deadline(now);
        touched_.push_back(mac);
      }
    }
    if (s->deauth_at && *s->deauth_at <= now) to_deauth.push_back(mac);
  }
  for (auto& mac : to_deauth) {
    auto reason = stas_[mac]->deauth_reason;
    stas_.erase(mac);
    mlme_.deauthenticate(mac, reason, now);
  }
  pump(now);
}

void AccessPoint::pump(TimePoint now) {
  for (int guard = 0; guard < 1000; ++guard) {
    bool any = false;
    while (auto o = mlme_.poll_output()) {
      any = true;
      handle_mlme(std::move(*o), now);
    }
    // Only the stations whose engines were called since the last pass can have output (an
    // engine speaks only when called): not every station on every pass, which a crowd makes
    // quadratic. In the map's order, as a pass over all of them would go.
    std::vector<MacAddr> work;
    work.swap(touched_);
    std::sort(work.begin(), work.end());
    work.erase(std::unique(work.begin(), work.end()), work.end());
    for (const MacAddr& wmac : work) {
      auto entry = stas_.find(wmac);
      if (entry == stas_.end()) continue;
      const MacAddr& mac = entry->first;
      auto& s = entry->second;
      if (s->eap) {
        while (auto o = s->eap->poll_output()) {
          any = true;
          on_ap_pin_run(*o, now);
          std::visit(
              [&, mac = mac](auto&& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, proto::SendEapol>) {
                  (void)mlme_.send_eapol(mac, v.frame, now);
                } else if constexpr (std::is_same_v<T, proto::EapFinished>) {
                  // WPS is provisioning, not network access: disconnect the station (§2.6).
                  s->deauth_at = now + cfg_.deauth_delay;
                  s->deauth_reason = dot11::ReasonCode::Ieee8021xAuthFailed;
                } else if constexpr (std::is_same_v<T, proto::Succeeded>) {
                  events_.emplace(WpsSucceeded{mac, std::move(v)});
                } else if constexpr (std::is_same_v<T, proto::Failed>) {
                  events_.emplace(WpsFailed{mac, v});
                } else if constexpr (std::is_same_v<T, proto::KeyLogEntry>) {
                  // The key log names the enrollee: us in the AP-PIN method.
                  MacAddr enrollee = s->eap->runs_enrollee() ? cfg_.bssid : mac;
                  events_.emplace(KeyLog{enrollee, v.label, std::move(v.value)});
                } else {
                  events_.emplace(std::move(v));
                }
              },
              std::move(*o));
        }
      }
      if (s->fourway) {
        while (auto o = s->fourway->poll_output()) {
          any = true;
          std::visit(
              [&, mac = mac](auto&& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, wpa2::SendEapol>) {
                  (void)mlme_.send_eapol(mac, v.frame, now);
                } else if constexpr (std::is_same_v<T, wpa2::KeysInstalled>) {
                  if (cfg_.keylog) {
                    if (s->pmk && s->snonce) {
                      auto ptk = wpa2::derive_ptk(*s->pmk, wpa2::AuthenticatorAddr{cfg_.bssid},
                                                  wpa2::SupplicantAddr{mac}, s->fourway->anonce(),
                                                  *s->snonce);
                      events_.emplace(KeyLog{mac, "PTK", crypto::to_secret(ptk.view())});
                    }
                    events_.emplace(KeyLog{mac, "GTK", crypto::to_secret(v.gtk.view())});
                  }
                  s->ccmp = std::make_unique<wpa2::CcmpReceiver>(std::move(v.tk));
                  events_.emplace(KeysReady{mac});
                } else if constexpr (std::is_same_v<T, wpa2::Failed>) {
                  events_.emplace(HandshakeFailed{mac, v});
                  s->deauth_at = now;
                  s->deauth_reason = static_cast<dot11::ReasonCode>(v.deauth_reason);
                } else {
                  events_.emplace(std::move(v));
                }
              },
              std::move(*o));
        }
      }
    }
    if (!any && touched_.empty()) break;
  }
  while (auto e = pbc_.poll_event()) events_.emplace(PbcStatus{*e});
  // A PIN may have been consumed or released, PBC mode may have ended, the lock may have
  // changed: keep Selected Registrar, the PBC attributes and AP Setup Locked in step.
  bool lock_changed = false;
  while (auto c = lock_.poll_change()) {
    lock_changed = true;
    std::string what = c->locked ? "AP setup locked" : "AP setup unlocked";
    what += " after " + std::to_string(c->failures) + " failed AP-PIN proof(s), " +
            std::to_string(c->consecutive) + " consecutive";
    if (c->locked) {
      what += c->until ? ", until t=" + std::to_string(c->until->seconds()) + " s"
                       : ", until the AP PIN is set again";
    }
    events_.emplace(TraceEvent{now, "ap", "lock", c->locked ? "locked" : "unlocked", what});
    events_.emplace(SetupLockChanged{*c});
  }
  if (lock_changed || pbc_.active() != pbc_advertised_ ||
      (pbc_.active() || pins_.any_available(now) || nfc_selected(now)) != selected_registrar_) {
    update_wps_ies(now);
  }
  if (nfc_selected_ && !nfc_selected(now)) nfc_selected_.reset();
}

void AccessPoint::on_ap_pin_run(const proto::EapOutput& o, TimePoint now) {
  // Only the AP's own Enrollee (AP-PIN method) checks R-Hash1/R-Hash2 or receives M8 settings.
  if (const auto* f = std::get_if<proto::Failed>(&o)) {
    if (!f->by_peer && (f->reason == Errc::RHash1Mismatch || f->reason == Errc::RHash2Mismatch)) {
      lock_.on_failure(now);
    } else if (f->after == wsc::MsgType::M7) {
      lock_.on_success(now);  // R-Hash2 was right: the registrar proved the whole AP PIN
    }
  } else if (const auto* ok = std::get_if<proto::Succeeded>(&o)) {
    if (ok->ap_settings && ok->enrollee_mac == cfg_.bssid) {
      lock_.on_success(now);
      apply_settings(*ok->ap_settings, now);
    }
  }
}

void AccessPoint::apply_settings(const wsc::Credential& c, TimePoint now) {
  // The external registrar configured us (M8): new SSID and key from now on; beacons show them.
  cfg_.ssid = std::string(as_chars(c.ssid));
  cfg_.passphrase = std::string(c.network_key.begin(), c.network_key.end());
  mlme_.set_ssid(c.ssid);
  if (beacons_sent_ >= cfg_.max_beacons) beacons_sent_ = cfg_.max_beacons - 1;  // one more beacon
  events_.emplace(TraceEvent{now, "ap", "config", "new settings",
                             "SSID \"" + cfg_.ssid + "\" from the external registrar (M8)"});
  update_wps_ies(now);
}

void AccessPoint::handle_mlme(dot11::ApMlme::Output o, TimePoint now) {
  std::visit(
      [&](auto&& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, dot11::SendFrame>) {
          if (!v.bytes.empty() && v.bytes[0] == kBeaconFc0) {
            if (beacons_sent_ >= cfg_.max_beacons) return;
            ++beacons_sent_;
          }
          tx_.emplace(std::move(v.bytes));
        } else if constexpr (std::is_same_v<T, dot11::StaAssociated>) {
          auto& s = sta(v.sta);
          s = Sta{};
          if (v.wps_ie) {
            // §2.3: a WPS IE in the request makes this a WPS association (RSN IE ignored).
            proto::EapWscServerConfig ec;
            ec.registrar.uuid = cfg_.uuid;
            ec.registrar.device = cfg_.device;
            ec.registrar.pins = &pins_;
            ec.registrar.pbc = &pbc_;
            ec.registrar.session_id = next_session_++;
            ec.registrar.setup_locked = cfg_.ap_setup_locked;
            ec.registrar.nfc_tokens = &nfc_tokens_;
            ec.registrar.own_token = cfg_.nfc_token;
            ec.registrar.keylog = cfg_.keylog;
            wsc::Credential net;
            net.ssid = to_bytes(cfg_.ssid);
            net.network_key = crypto::to_secret(as_bytes(cfg_.passphrase));
            ec.registrar.network = net;
            if (cfg_.ap_pin ||
                (cfg_.nfc_token && cfg_.nfc_token->password.dpid >= wsc::kFirstTokenDpid)) {
              // AP-PIN method (or the AP's own NFC token): our Enrollee, with our current settings for M7 (§6.4).
              Rng* nonce_rng = nullptr;
              Rng* secret_rng = nullptr;
              if (cfg_.enrollee_nonces == proto::NonceProfile::Zero) secret_rng = &zero_rng_;
              if (cfg_.enrollee_nonces == proto::NonceProfile::Prng) {
                nonce_rng = &rtl_rng_;
                secret_rng = &rtl_rng_;
              }
              proto::EnrolleeConfig en =
                  ap_pin_enrollee_config(cfg_, lock_.locked(), nonce_rng, secret_rng);
              ec.ap_enrollee = std::move(en);
            }
            ec.fragment_size = cfg_.fragment_size;
            ec.timers = cfg_.eap_timers;
            s.eap = std::make_unique<proto::EapWscServer>(std::move(ec), rng_);
            touched_.push_back(v.sta);
            // hostapd (wired and ieee8021x) waits for the station's EAPOL-Start.
          } else if (v.rsn_ie) {
            auto pmk = cache_->get(as_bytes(cfg_.passphrase), as_bytes(cfg_.ssid));
            if (!pmk) {
              mlme_.deauthenticate(v.sta, dot11::ReasonCode::Unspecified, now);
              return;
            }
            wpa2::AuthenticatorConfig fc;
            fc.aa = wpa2::AuthenticatorAddr{cfg_.bssid};
            fc.spa = wpa2::SupplicantAddr{v.sta};
            fc.pmk = pmk->clone();
            fc.ap_rsn_ie = rsn_ie_;
            fc.sta_rsn_ie = *v.rsn_ie;
            fc.gtk = gtk_.clone();
            if (cfg_.keylog) events_.emplace(KeyLog{v.sta, "PMK", crypto::to_secret(pmk->view())});
            s.pmk = std::move(*pmk);
            s.fourway = std::make_unique<wpa2::Authenticator4Way>(std::move(fc), rng_);
            s.fourway->start(now);
            touched_.push_back(v.sta);
          }
        } else if constexpr (std::is_same_v<T, dot11::StaLeft>) {
          stas_.erase(v.sta);
        } else if constexpr (std::is_same_v<T, dot11::EapolReceived>) {
          auto it = stas_.find(v.peer);
          if (it == stas_.end()) return;
          touched_.push_back(v.peer);
          if (it->second->eap) it->second->eap->on_eapol(v.eapol, now);
          if (it->second->fourway) {
            if (cfg_.keylog) {
              // Remember the SNonce of message 2: the key log shows the PTK it leads to.
              auto k = wpa2::parse_eapol_key(v.eapol);
              if (k && k->nonce != wpa2::KeyNonce{}) it->second->snonce = SNonce(k->nonce);
            }
            it->second->fourway->on_eapol(v.eapol, now);
          }
        } else if constexpr (std::is_same_v<T, dot11::ProtectedDataReceived>) {
          auto it = stas_.find(v.peer);
          if (it == stas_.end() || !it->second->ccmp) return;
          wpa2::MpduHeader h;
          h.frame_control = dot11::FrameControl{0, dot11::FrameType::Data,
                                                static_cast<std::uint8_t>(v.frame.subtype),
                                                v.frame.flags}
                                .to_u16();
          h.a1 = v.frame.addr1;
          h.a2 = v.frame.addr2;
          h.a3 = v.frame.addr3;
          h.sequence_control = v.frame.seq.to_u16();
          h.a4 = v.frame.addr4;
          h.qos_control = v.frame.qos_control;
          auto pt = it->second->ccmp->unprotect(h, v.frame.body);
          if (pt) {
            events_.emplace(
                DataDecrypted{v.peer, Bytes(pt->plaintext.begin(), pt->plaintext.end())});
          } else {
            events_.emplace(TraceEvent{now, "ap", "drop", "ccmp", describe(pt.error())});
          }
        } else if constexpr (std::is_same_v<T, TraceEvent>) {
          events_.emplace(std::move(v));
        }
      },
      std::move(o));
}

}  // namespace wps::roles
