#include "roles/station.hpp"

#include "dot11/data.hpp"
#include "dot11/frame.hpp"
#include "wsc/msg_discovery.hpp"

namespace wps::roles {

std::string_view to_string(StationPhase p) {
  switch (p) {
    case StationPhase::Idle: return "idle";
    case StationPhase::Scanning: return "scanning";
    case StationPhase::WpsAssociating: return "wps-associating";
    case StationPhase::Wps: return "wps";
    case StationPhase::WaitDeauth: return "wait-deauth";
    case StationPhase::RetryWait: return "retry-wait";
    case StationPhase::Joining: return "joining";
    case StationPhase::FourWay: return "4-way";
    case StationPhase::Connected: return "connected";
    case StationPhase::Failed: return "failed";
  }
  return "?";
}

Bytes dhcp_discover_msdu(const MacAddr& client, std::uint32_t xid) {
  // BOOTP/DHCP (RFC 2131/2132): op 1, htype 1, hlen 6, xid, broadcast flag, chaddr, the magic
  // cookie, option 53 = DHCPDISCOVER, end.
  ByteWriter dhcp;
  dhcp.u8(1).u8(1).u8(6).u8(0).u32be(xid).u16be(0).u16be(0x8000);
  dhcp.zeros(16);  // ciaddr, yiaddr, siaddr, giaddr
  dhcp.bytes(client.view()).zeros(10).zeros(64).zeros(128);
  dhcp.u32be(0x63825363).u8(53).u8(1).u8(1).u8(255);
  Bytes payload = dhcp.take();
  // UDP 68 -> 67, checksum 0 (allowed over IPv4).
  ByteWriter udp;
  udp.u16be(68).u16be(67).u16be(static_cast<std::uint16_t>(8 + payload.size())).u16be(0);
  udp.bytes(payload);
  Bytes u = udp.take();
  // IPv4 0.0.0.0 -> 255.255.255.255, TTL 64, protocol 17, header checksum (RFC 791).
  ByteWriter ip;
  ip.u8(0x45).u8(0x10).u16be(static_cast<std::uint16_t>(20 + u.size())).u16be(0).u16be(0);
  ip.u8(64).u8(17).u16be(0).u32be(0).u32be(0xffffffff);
  Bytes h = ip.take();
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < h.size(); i += 2) sum += (std::uint32_t{h[i]} << 8) | h[i + 1];
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  auto csum = static_cast<std::uint16_t>(~sum);
  h[10] = static_cast<std::uint8_t>(csum >> 8);
  h[11] = static_cast<std::uint8_t>(csum);
  return dot11::build_llc_snap(0x0800, concat({h, u}));
}

Station::Station(StationConfig cfg, Rng& rng, wpa2::PmkCache* pmk_cache)
    : cfg_(std::move(cfg)),
      rng_(rng),
      own_cache_(pmk_cache ? nullptr : std::make_unique<wpa2::PmkCache>()),
      cache_(pmk_cache ? pmk_cache : own_cache_.get()),
      rsn_ie_(wpa2_psk_ccmp_rsn_ie()),
      mlme_([&] {
        dot11::StaConfig s;
        s.own = cfg_.mac;
        s.ssid = to_bytes(cfg_.ssid);
        return s;
      }()) {
  if (cfg_.credential) result_.credential = *cfg_.credential;
}

Station::~Station() = default;

void Station::set_phase(StationPhase p, TimePoint now) {
  events_.emplace(TraceEvent{now, "station", "state", std::string(to_string(phase_)),
                             std::string(to_string(p))});
  phase_ = p;
}

void Station::fail(std::string step, TimePoint now) {
  if (result_.failed_step.empty()) result_.failed_step = std::move(step);
  timer_.reset();
  set_phase(StationPhase::Failed, now);
}

void Station::start(TimePoint now) {
  started_ = now;
  wps_round_ = !cfg_.credential.has_value();
  scan(now);
  pump(now);
}

void Station::scan(TimePoint now) {
  set_phase(StationPhase::Scanning, now);
  std::optional<Bytes> wps_ie;
  if (wps_round_) {
    // WPS-FACTS §2.4: an enrollee's Probe Request announces the PIN method and Request to Enroll.
    wsc::ProbeRequestIe p;
    p.config_methods = 0x2108;
    p.uuid_e = cfg_.uuid;
    if (cfg_.pbc) p.device_password_id = wsc::DevicePasswordId::PushButton;  // §9
    if (cfg_.nfc_token) {
      p.device_password_id = static_cast<wsc::DevicePasswordId>(cfg_.nfc_token->password.dpid);
    } else if (cfg_.nfc_handover) {
      p.device_password_id = wsc::DevicePasswordId::NfcConnectionHandover;
    } else if (cfg_.nfc_ap_token && !cfg_.nfc_registrar) {
      p.device_password_id = static_cast<wsc::DevicePasswordId>(cfg_.nfc_ap_token->password.dpid);
    }
    p.primary_device_type = cfg_.device.primary_device_type;
    p.manufacturer = cfg_.device.manufacturer;
    p.model_name = cfg_.device.model_name;
    p.model_number = cfg_.device.model_number;
    p.device_name = cfg_.device.device_name;
    p.wfa_ext.request_to_enroll = true;
    wps_ie = wsc::build_probe_request_ie(p);
  }
  mlme_.start_scan(now, std::move(wps_ie));
}

void Station::connect_wps(TimePoint now) {
  ++result_.wps_attempts;
  set_phase(StationPhase::WpsAssociating, now);
  dot11::AssocParams ap;
  ap.wps_ie = wsc::build_assoc_request_ie(wsc::AssocRequestIe{});  // round 1: WPS IE, no RSN IE
  if (!mlme_.connect(bssid_, std::move(ap), now)) fail("association", now);
}

void Station::connect_join(TimePoint now) {
  wps_round_ = false;
  ++join_tries_;
  set_phase(StationPhase::Joining, now);
  if (!ap_rsn_ie_) {
    fail("join: the AP advertises no RSN element", now);
    return;
  }
  dot11::AssocParams ap;
  ap.ssid = result_.credential->ssid;
  ap.rsn_ie = rsn_ie_;  // round 2: RSN IE, no WPS IE (hostapd ignores RSN next to WPS, §2.3)
  if (!mlme_.connect(bssid_, std::move(ap), now)) fail("association", now);
}

void Station::on_frame(ByteView frame, TimePoint now) {
  rtl_rng_.set_time(cfg_.wall_clock_epoch + static_cast<std::uint32_t>(now.ns() / 1'000'000'000));
  mlme_.on_frame(frame, now);
  pump(now);
}

std::optional<Bytes> Station::poll_transmit() {
  return tx_.poll();
}

std::optional<Event> Station::poll_event() {
  return events_.poll();
}

std::optional<TimePoint> Station::next_deadline() const {
  if (done()) return std::nullopt;
  std::optional<TimePoint> d = timer_;
  auto take = [&](std::optional<TimePoint> t) {
    if (t && (!d || *t < *d)) d = t;
  };
  take(mlme_.next_deadline());
  if (eap_) take(eap_->next_deadline());
  if (fourway_) take(fourway_->next_deadline());
  return d;
}

void Station::on_deadline(TimePoint now) {
  if (done()) return;
  if (auto d = mlme_.next_deadline(); d && *d <= now) mlme_.on_deadline(now);
  if (eap_) {
    if (auto d = eap_->next_deadline(); d && *d <= now) eap_->on_deadline(now);
  }
  if (fourway_) {
    if (auto d = fourway_->next_deadline(); d && *d <= now) fourway_->on_deadline(now);
  }
  if (timer_ && *timer_ <= now) {
    timer_.reset();
    if (phase_ == StationPhase::WaitDeauth) {
      // The AP did not disconnect us: leave ourselves, as wpa_supplicant does (reason 3).
      mlme_.deauthenticate(dot11::ReasonCode::DeauthLeaving, now);
    } else if (phase_ == StationPhase::RetryWait) {
      if (wps_round_) {
        connect_wps(now);
      } else {
        connect_join(now);
      }
    } else if (phase_ == StationPhase::Scanning) {
      scan(now);
    }
  }
  pump(now);
}

void Station::after_wps(TimePoint now) {
  // Round 1 is over and the link is gone: join with the credential, retry after M2D, or stop.
  eap_.reset();
  if (result_.credential) {
    connect_join(now);
    return;
  }
  const auto& f = result_.wps_failure;
  // NFC-PBC-FACTS §9.3: wpa_supplicant does not retry a failed PBC run.
  // An NFC token refused for its key (error 20) was used up at the AP: trying again with it
  // cannot succeed (wpa_supplicant retries until the walk time ends; this station stops).
  const bool key_refused = f && (f->reason == Errc::PublicKeyHashMismatch ||
                                 f->config_error == wsc::ConfigError::PublicKeyHashMismatch);
  bool retry = !cfg_.pbc && f && !key_refused &&
               (f->reason == Errc::PeerM2D || f->reason == Errc::EapFailure ||
                f->reason == Errc::SessionTimeout);
  if (retry && wps_retry_allowed(now)) {
    retry_later(now);
    return;
  }
  fail(f ? std::string(wsc::msg_type_name(f->at)) : "wps", now);
}

bool Station::wps_retry_allowed(TimePoint now) const {
  return started_ && result_.wps_attempts < cfg_.max_wps_attempts &&
         now + cfg_.retry_delay < *started_ + cfg_.walk_time;
}

void Station::retry_later(TimePoint now) {
  set_phase(StationPhase::RetryWait, now);
  timer_ = now + cfg_.retry_delay;
}

const dot11::BssInfo* Station::choose_bss(const std::vector<dot11::BssInfo>& results,
                                          TimePoint now) {
  std::vector<proto::PbcAp> pbc_aps;
  const dot11::BssInfo* first = nullptr;
  for (const auto& b : results) {
    if (wps_round_ ? !b.wps_ie.has_value()
                   : (!result_.credential || b.ssid != result_.credential->ssid))
      continue;
    if (!cfg_.ssid.empty() && b.ssid != to_bytes(cfg_.ssid)) continue;
    if (wps_round_ && cfg_.pbc) {
      // §9: only an AP whose registrar is in PBC mode (Selected Registrar, DPID 4).
      bool active = false;
      std::optional<Uuid> uuid;
      if (b.from_probe_response) {
        auto ie = wsc::parse_probe_response_ie(*b.wps_ie);
        if (ie) {
          active = ie->selected_registrar.value_or(false) &&
                   ie->device_password_id == wsc::DevicePasswordId::PushButton;
          uuid = ie->uuid_e;
        }
      } else {
        auto ie = wsc::parse_beacon_ie(*b.wps_ie);
        if (ie) {
          active = ie->selected_registrar.value_or(false) &&
                   ie->device_password_id == wsc::DevicePasswordId::PushButton;
          uuid = ie->uuid_e;
        }
      }
      if (!active) continue;
      pbc_aps.push_back({b.bssid, uuid});
    }
    if (!first) first = &b;
  }
  if (wps_round_ && cfg_.pbc && proto::pbc_scan_overlap(pbc_aps)) {
    // §9: more than one AP in PBC mode: the station does not start (wpa_supplicant's
    // WPS-OVERLAP-DETECTED).
    result_.pbc_overlap = true;
    events_.emplace(PbcStatus{proto::PbcEvent::OverlapDetected});
    events_.emplace(TraceEvent{now, "station", "pbc", "overlap",
                               std::to_string(pbc_aps.size()) + " APs in PBC mode"});
    fail("scan: PBC session overlap", now);
    return nullptr;
  }
  return first;
}

void Station::send_protected_data(TimePoint now) {
  auto body = dhcp_discover_msdu(cfg_.mac, 0x77707300u);
  dot11::DataFrame df = dot11::make_to_ds(bssid_, cfg_.mac, MacAddr::broadcast(), {});
  df.flags.protected_frame = true;
  wpa2::MpduHeader h;
  h.frame_control = dot11::FrameControl{0, dot11::FrameType::Data,
                                        static_cast<std::uint8_t>(df.subtype), df.flags}
                        .to_u16();
  h.a1 = df.addr1;
  h.a2 = df.addr2;
  h.a3 = df.addr3;
  wpa2::CcmpSender sender(tk_->clone());
  auto ct = sender.protect(h, body);
  if (!ct) {
    fail("ccmp", now);
    return;
  }
  df.body = std::move(*ct);
  result_.data_sent = mlme_.send_data_frame(std::move(df), now).has_value();
}

void Station::pump(TimePoint now) {
  for (int guard = 0; guard < 1000; ++guard) {
    bool any = false;
    while (auto o = mlme_.poll_output()) {
      any = true;
      handle_mlme(std::move(*o), now);
    }
    if (eap_) {
      while (auto o = eap_->poll_output()) {
        any = true;
        std::visit(
            [&](auto&& v) {
              using T = std::decay_t<decltype(v)>;
              if constexpr (std::is_same_v<T, proto::SendEapol>) {
                (void)mlme_.send_eapol(v.frame, now);
              } else if constexpr (std::is_same_v<T, proto::Succeeded>) {
                if (!v.credentials.empty()) result_.credential = v.credentials.front();
                // AP-PIN method: the AP's settings, learned from M7 or pushed in M8.
                if (external_registrar() && v.ap_settings) result_.credential = *v.ap_settings;
                events_.emplace(WpsSucceeded{cfg_.mac, std::move(v)});
              } else if constexpr (std::is_same_v<T, proto::Failed>) {
                result_.wps_failure = v;
                events_.emplace(WpsFailed{cfg_.mac, v});
              } else if constexpr (std::is_same_v<T, proto::EapFinished>) {
                set_phase(StationPhase::WaitDeauth, now);
                timer_ = now + cfg_.deauth_wait;
              } else if constexpr (std::is_same_v<T, proto::KeyLogEntry>) {
                // The key log names the enrollee: the AP in the AP-PIN method.
                events_.emplace(
                    KeyLog{external_registrar() ? bssid_ : cfg_.mac, v.label, std::move(v.value)});
              } else {
                events_.emplace(std::move(v));
              }
            },
            std::move(*o));
      }
    }
    if (fourway_) {
      while (auto o = fourway_->poll_output()) {
        any = true;
        std::visit(
            [&](auto&& v) {
              using T = std::decay_t<decltype(v)>;
              if constexpr (std::is_same_v<T, wpa2::SendEapol>) {
                (void)mlme_.send_eapol(v.frame, now);
              } else if constexpr (std::is_same_v<T, wpa2::KeysInstalled>) {
                tk_ = v.tk.clone();
                events_.emplace(KeysReady{cfg_.mac});
                set_phase(StationPhase::Connected, now);
                send_protected_data(now);
                result_.connected = result_.data_sent;
              } else if constexpr (std::is_same_v<T, wpa2::Failed>) {
                result_.fourway_failure = v;
                events_.emplace(HandshakeFailed{cfg_.mac, v});
                mlme_.deauthenticate(static_cast<dot11::ReasonCode>(v.deauth_reason), now);
                fail("4-way", now);
              } else {
                events_.emplace(std::move(v));
              }
            },
            std::move(*o));
      }
    }
    if (!any) break;
  }
}

void Station::handle_mlme(dot11::StaMlme::Output o, TimePoint now) {
  std::visit(
      [&](auto&& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, dot11::SendFrame>) {
          tx_.emplace(std::move(v.bytes));
        } else if constexpr (std::is_same_v<T, dot11::ScanCompleted>) {
          if (phase_ != StationPhase::Scanning) return;
          const dot11::BssInfo* pick = choose_bss(v.results, now);
          if (phase_ != StationPhase::Scanning) return;  // PBC overlap ended the run
          if (!pick) {
            if (started_ && now + cfg_.scan_retry < *started_ + cfg_.walk_time) {
              timer_ = now + cfg_.scan_retry;
            } else if (wps_round_ && cfg_.pbc) {
              result_.pbc_walk_expired = true;
              fail("walk time: no AP in PBC mode", now);
            } else {
              fail("scan", now);
            }
            return;
          }
          bssid_ = pick->bssid;
          ap_rsn_ie_ = pick->rsn_ie;
          if (wps_round_ && pick->wps_ie) {
            auto pr = wsc::parse_probe_response_ie(*pick->wps_ie);
            auto b = pr ? Result<wsc::BeaconIe>(unexpected(Errc::AttrMissing))
                        : wsc::parse_beacon_ie(*pick->wps_ie);
            bool locked = pr ? pr->ap_setup_locked.value_or(false)
                             : b && b->ap_setup_locked.value_or(false);
            if (locked) {
              result_.ap_setup_locked_seen = true;
              events_.emplace(TraceEvent{now, "station", "scan", "AP setup locked",
                                         "the AP advertises AP Setup Locked = 1"});
            }
          }
          if (wps_round_) {
            connect_wps(now);
          } else {
            connect_join(now);
          }
        } else if constexpr (std::is_same_v<T, dot11::Associated>) {
          if (phase_ == StationPhase::WpsAssociating) {
            set_phase(StationPhase::Wps, now);
            proto::EapWscPeerConfig pc;
            if (external_registrar()) {
              // AP-PIN method: our external Registrar; the AP enrolls with its AP PIN (or with
              // its NFC token, whose key in M1 is checked against the token read).
              proto::RegistrarConfig rc;
              rc.uuid = cfg_.uuid;
              rc.device = cfg_.device;
              if (cfg_.ap_pin) {
                rc.device_password = crypto::to_secret(as_bytes(*cfg_.ap_pin));
              } else {
                nfc_er_tokens_.clear();
                nfc_er_tokens_.add(*cfg_.nfc_ap_token);
                rc.nfc_tokens = &nfc_er_tokens_;
              }
              rc.enrollee_is_ap = true;
              rc.new_ap_settings = cfg_.new_ap_settings;
              rc.eap_peer = true;
              rc.keylog = cfg_.keylog;
              pc.registrar = std::move(rc);
            } else {
              proto::EnrolleeConfig ec;
              ec.uuid = cfg_.uuid;
              ec.mac = cfg_.mac;
              ec.device = cfg_.device;
              if (cfg_.pbc) {
                ec.password_id = wsc::DevicePasswordId::PushButton;
                ec.device_password = crypto::to_secret(as_bytes(proto::kPbcPassword));
              } else if (cfg_.nfc_token) {
                proto::use_nfc_token(ec, *cfg_.nfc_token);
              } else if (cfg_.nfc_ap_token) {
                proto::use_nfc_token(ec, *cfg_.nfc_ap_token);
              } else if (cfg_.nfc_handover) {
                proto::use_nfc_handover(ec, cfg_.nfc_handover->request_private,
                                        cfg_.nfc_handover->select_hash);
              } else {
                ec.device_password = crypto::to_secret(as_bytes(cfg_.pin));
              }
              ec.keylog = cfg_.keylog;
              if (cfg_.enrollee_nonces == proto::NonceProfile::Zero)
                ec.secret_nonce_rng = &zero_rng_;
              if (cfg_.enrollee_nonces == proto::NonceProfile::Prng) {
                rtl_rng_.set_time(cfg_.wall_clock_epoch +
                                  static_cast<std::uint32_t>(now.ns() / 1'000'000'000));
                ec.enrollee_nonce_rng = &rtl_rng_;
                ec.secret_nonce_rng = &rtl_rng_;
              }
              pc.enrollee = std::move(ec);
            }
            pc.fragment_size = cfg_.fragment_size;
            pc.timers = cfg_.eap_timers;
            eap_ = std::make_unique<proto::EapWscPeer>(std::move(pc), rng_);
            eap_->start(now);
          } else if (phase_ == StationPhase::Joining) {
            set_phase(StationPhase::FourWay, now);
            auto pmk = cache_->get(result_.credential->network_key, result_.credential->ssid);
            if (!pmk) {
              fail("credential", now);
              return;
            }
            if (cfg_.keylog)
              events_.emplace(KeyLog{cfg_.mac, "PMK", crypto::to_secret(pmk->view())});
            wpa2::SupplicantConfig sc;
            sc.aa = wpa2::AuthenticatorAddr{bssid_};
            sc.spa = wpa2::SupplicantAddr{cfg_.mac};
            sc.pmk = std::move(*pmk);
            sc.own_rsn_ie = rsn_ie_;
            sc.ap_rsn_ie = *ap_rsn_ie_;
            fourway_ = std::make_unique<wpa2::Supplicant4Way>(std::move(sc), rng_);
            fourway_->start(now);
          }
        } else if constexpr (std::is_same_v<T, dot11::ConnectFailed>) {
          result_.connect_failure = v;
          // As wpa_supplicant: a join that failed (no answer on a busy channel, or refused) is
          // tried again after the retry delay — during WPS while attempts and the walk time
          // last, with the credential a few times.
          if (wps_round_ ? wps_retry_allowed(now) : started_ && join_tries_ < kMaxJoinTries) {
            retry_later(now);
            return;
          }
          fail(v.stage == dot11::ConnectStage::Authentication ? "authentication" : "association",
               now);
        } else if constexpr (std::is_same_v<T, dot11::Deauthenticated>) {
          if (phase_ == StationPhase::Wps || phase_ == StationPhase::WaitDeauth) {
            if (phase_ == StationPhase::Wps && eap_ && !eap_->finished() && !result_.wps_failure) {
              result_.deauth_reason = v.reason;
            }
            timer_.reset();
            after_wps(now);
          } else if (phase_ == StationPhase::FourWay || phase_ == StationPhase::Joining) {
            result_.deauth_reason = v.reason;
            if (result_.failed_step.empty())
              result_.failed_step = "4-way (deauthenticated by the AP)";
            fail(result_.failed_step, now);
          }
        } else if constexpr (std::is_same_v<T, dot11::EapolReceived>) {
          if (eap_) eap_->on_eapol(v.eapol, now);
          if (fourway_) fourway_->on_eapol(v.eapol, now);
        } else if constexpr (std::is_same_v<T, TraceEvent>) {
          events_.emplace(std::move(v));
        }
      },
      std::move(o));
}

}  // namespace wps::roles
