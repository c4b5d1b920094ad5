#include "dot11/sta_mlme.hpp"

#include "base/assert.hpp"
#include "dot11/codec.hpp"

namespace wps::dot11 {

namespace {
constexpr std::string_view kSource = "sta_mlme";

bool is_single_rsn_element(ByteView e) {
  return e.size() >= 2 && e[0] == static_cast<std::uint8_t>(ElementId::Rsn) && e[1] == e.size() - 2;
}
}  // namespace

std::string_view to_string(StaMlme::State s) {
  switch (s) {
    case StaMlme::State::Idle: return "idle";
    case StaMlme::State::Authenticating: return "authenticating";
    case StaMlme::State::Associating: return "associating";
    case StaMlme::State::Associated: return "associated";
  }
  return "unknown";
}

StaMlme::StaMlme(StaConfig config) : cfg_(std::move(config)) {
  WPS_ASSERT(cfg_.ssid.size() <= kMaxSsidLength);
  WPS_ASSERT(cfg_.max_tries >= 1);
  WPS_ASSERT(!cfg_.rates.empty() && cfg_.rates.size() <= 8 + kMaxElementData);
}

std::optional<MacAddr> StaMlme::bssid() const {
  if (state_ == State::Idle) return std::nullopt;
  return bssid_;
}

std::optional<std::uint16_t> StaMlme::aid() const {
  if (state_ != State::Associated) return std::nullopt;
  return aid_;
}

std::optional<StaMlme::Output> StaMlme::poll_output() {
  return out_.poll();
}

std::optional<TimePoint> StaMlme::next_deadline() const {
  if (retry_at_ && scan_end_) return std::min(*retry_at_, *scan_end_);
  return retry_at_ ? retry_at_ : scan_end_;
}

void StaMlme::set_state(State s, TimePoint now) {
  if (s == state_) return;
  out_.emplace(
      TraceEvent{now, kSource, "state", std::string(to_string(state_)), std::string(to_string(s))});
  state_ = s;
}

void StaMlme::drop(TimePoint now, std::string what, std::string detail) {
  out_.emplace(TraceEvent{now, kSource, "drop", std::move(what), std::move(detail)});
}

void StaMlme::send_mgmt(const MacAddr& da, const MacAddr& bssid, MgmtBody body, TimePoint now) {
  MgmtFrame f;
  f.header.da = da;
  f.header.sa = cfg_.own;
  f.header.bssid = bssid;
  f.header.seq = seq_.next();
  f.body = std::move(body);
  out_.emplace(TraceEvent{
      now, kSource, "tx",
      std::string(subtype_name(FrameType::Management, static_cast<std::uint8_t>(f.subtype()))),
      da.str()});
  out_.emplace(SendFrame{build_mgmt(f)});
}

// --- scanning ---------------------------------------------------------------------------------

void StaMlme::start_scan(TimePoint now, std::optional<Bytes> wps_ie) {
  // Active scanning (IEEE 802.11-2020 §11.1.4.3): a Probe Request to the broadcast address with
  // the wildcard BSSID; the SSID element is the wildcard SSID unless we look for one network.
  ProbeRequest p;
  p.elements.push_back(make_ssid(cfg_.ssid));
  append_rates(p.elements, cfg_.rates);
  if (wps_ie) append_wps_ies(p.elements, *wps_ie);  // WPS-FACTS §1 step 1
  scan_.clear();
  scan_end_ = now + cfg_.scan_time;
  send_mgmt(MacAddr::broadcast(), MacAddr::broadcast(), std::move(p), now);
}

void StaMlme::on_bss(const MgmtFrame& f, std::uint16_t beacon_interval, std::uint16_t capability,
                     const Elements& elements, bool probe_response, TimePoint now, RxInfo rx) {
  if (!scan_end_) return;
  const MacAddr& bssid = f.header.bssid;
  auto it = scan_.find(bssid);
  if (it != scan_.end() && it->second.from_probe_response && !probe_response) {
    it->second.last_seen = now;
    return;
  }
  BssInfo b;
  b.bssid = bssid;
  auto ssid = find_ssid(elements);
  if (!ssid || !*ssid) {
    drop(now, bssid.str(), "beacon/probe response without a valid SSID element");
    return;
  }
  b.ssid = to_bytes(**ssid);
  if (const Element* ds = find_element(elements, ElementId::DsParameterSet)) {
    if (auto ch = parse_ds_parameter_set(*ds)) b.channel = *ch;
  }
  b.capability = capability;
  b.beacon_interval = beacon_interval;
  if (const Element* r = find_element(elements, ElementId::Rsn)) b.rsn_ie = build_element(*r);
  b.wps_ie = join_wps_ies(elements);
  b.signal_dbm = rx.signal_dbm;
  b.from_probe_response = probe_response;
  b.last_seen = now;
  scan_[bssid] = std::move(b);
}

// --- connecting -------------------------------------------------------------------------------

Result<void> StaMlme::connect(const MacAddr& bssid, AssocParams params, TimePoint now) {
  if (state_ != State::Idle) return unexpected(Errc::NotReady, 0);
  if (params.rsn_ie && !is_single_rsn_element(*params.rsn_ie)) return unexpected(Errc::BadValue, 0);
  Bytes ssid;
  if (params.ssid) {
    ssid = *params.ssid;
  } else if (!cfg_.ssid.empty()) {
    ssid = cfg_.ssid;
  } else if (auto it = last_scan_.find(bssid); it != last_scan_.end()) {
    ssid = it->second.ssid;
  }
  if (ssid.size() > kMaxSsidLength) return unexpected(Errc::BadValue, 0);
  bssid_ = bssid;
  params_ = std::move(params);
  ssid_ = std::move(ssid);
  aid_ = 0;
  tries_ = 0;
  set_state(State::Authenticating, now);
  send_auth(now);
  return ok();
}

void StaMlme::send_auth(TimePoint now) {
  // Open System (IEEE 802.11-2020 §12.3.3.2): algorithm 0, transaction 1, status 0.
  ++tries_;
  retry_at_ = now + cfg_.retry_timeout;
  send_mgmt(bssid_, bssid_, Authentication{AuthAlgorithm::OpenSystem, 1, StatusCode::Success, {}},
            now);
}

void StaMlme::send_assoc(TimePoint now) {
  ++tries_;
  retry_at_ = now + cfg_.retry_timeout;
  // Element order of the (Re)Association Request (WPS-FACTS §2.2): SSID, Supported Rates,
  // Extended Supported Rates, RSN (round 2 only), ..., Vendor Specific (WPS, round 1 only) last.
  Elements e;
  e.push_back(make_ssid(ssid_));
  append_rates(e, cfg_.rates);
  if (params_.rsn_ie)
    e.emplace_back(ElementId::Rsn, Bytes(params_.rsn_ie->begin() + 2, params_.rsn_ie->end()));
  if (params_.wps_ie) append_wps_ies(e, *params_.wps_ie);
  // Capability: ESS; Privacy mirrors the BSS's Privacy bit when the scan saw it, and is set when
  // we request RSN (our choice; receivers do not act on a STA's Privacy bit).
  std::uint16_t capability = cap::kEss;
  if (auto it = last_scan_.find(bssid_); it != last_scan_.end())
    capability = static_cast<std::uint16_t>(capability | (it->second.capability & cap::kPrivacy));
  if (params_.rsn_ie) capability = static_cast<std::uint16_t>(capability | cap::kPrivacy);
  if (params_.reassociation)
    send_mgmt(bssid_, bssid_,
              ReassociationRequest{capability, cfg_.listen_interval, bssid_, std::move(e)}, now);
  else
    send_mgmt(bssid_, bssid_, AssociationRequest{capability, cfg_.listen_interval, std::move(e)},
              now);
}

void StaMlme::fail(std::optional<StatusCode> status, std::optional<ReasonCode> reason,
                   TimePoint now) {
  const ConnectStage stage = state_ == State::Authenticating ? ConnectStage::Authentication
                                                             : ConnectStage::Association;
  retry_at_.reset();
  set_state(State::Idle, now);
  out_.emplace(ConnectFailed{bssid_, stage, status, reason});
}

void StaMlme::on_deadline(TimePoint now) {
  if (scan_end_ && now >= *scan_end_) {
    scan_end_.reset();
    ScanCompleted done;
    for (auto& [mac, b] : scan_) done.results.push_back(b);
    last_scan_ = std::move(scan_);
    scan_.clear();
    out_.emplace(std::move(done));
  }
  if (retry_at_ && now >= *retry_at_) {
    retry_at_.reset();
    if (tries_ >= cfg_.max_tries) {
      out_.emplace(TraceEvent{now, kSource, "timeout",
                              state_ == State::Authenticating ? "auth" : "assoc", bssid_.str()});
      fail(std::nullopt, std::nullopt, now);
      return;
    }
    out_.emplace(TraceEvent{now, kSource, "retransmit",
                            state_ == State::Authenticating ? "auth" : "assoc",
                            std::to_string(tries_ + 1)});
    if (state_ == State::Authenticating)
      send_auth(now);
    else if (state_ == State::Associating)
      send_assoc(now);
  }
}

Result<void> StaMlme::send_eapol(ByteView eapol, TimePoint now) {
  // WPS-FACTS §2.1: STA -> AP, A1 = BSSID, A2 = STA, A3 = final DA (the AP itself for EAPOL).
  return send_data_frame(
      make_to_ds(bssid_, cfg_.own, bssid_, build_llc_snap(kEtherTypeEapol, eapol)), now);
}

Result<void> StaMlme::send_data_frame(DataFrame frame, TimePoint now) {
  if (state_ != State::Associated) return unexpected(Errc::NotReady, 0);
  if (!frame.flags.to_ds || frame.flags.from_ds || !(frame.addr1 == bssid_) ||
      !(frame.addr2 == cfg_.own))
    return unexpected(Errc::BadValue, 0);
  frame.seq = seq_.next();
  out_.emplace(TraceEvent{now, kSource, "tx",
                          frame.flags.protected_frame ? "protected-data" : "data",
                          frame.addr3.str()});
  out_.emplace(SendFrame{build_data(frame)});
  return ok();
}

void StaMlme::deauthenticate(ReasonCode reason, TimePoint now) {
  if (state_ == State::Idle) return;
  const bool was_associated = state_ == State::Associated;
  send_mgmt(bssid_, bssid_, Deauthentication{reason, {}}, now);
  retry_at_.reset();
  set_state(State::Idle, now);
  if (was_associated) out_.emplace(Deauthenticated{bssid_, reason, LinkLossCause::LocalDeauth});
}

// --- receiving --------------------------------------------------------------------------------

void StaMlme::on_frame(ByteView frame, TimePoint now, RxInfo rx) {
  auto parsed = parse_frame(frame, cfg_.rx_fcs);
  if (!parsed) {
    if (frame.size() >= 10) {
      const MacAddr a1(*MacAddr::from(frame.subspan(4, 6)));
      if (!(a1 == cfg_.own) && !a1.is_group()) return;
    }
    drop(now, "malformed", describe(parsed.error()));
    return;
  }
  if (auto* m = std::get_if<MgmtFrame>(&*parsed))
    on_mgmt(*m, now, rx);
  else
    on_data(std::get<DataFrame>(*parsed), now);
}

void StaMlme::on_mgmt(const MgmtFrame& f, TimePoint now, RxInfo rx) {
  const MgmtHeader& h = f.header;
  if (!(h.da == cfg_.own) && !h.da.is_group()) return;
  if (const auto* b = std::get_if<Beacon>(&f.body)) {
    on_bss(f, b->beacon_interval, b->capability, b->elements, false, now, rx);
    return;
  }
  if (const auto* p = std::get_if<ProbeResponse>(&f.body)) {
    on_bss(f, p->beacon_interval, p->capability, p->elements, true, now, rx);
    return;
  }
  // The rest must come from the AP we are joining or joined.
  if (state_ == State::Idle || !(h.sa == bssid_) || !(h.bssid == bssid_)) return;

  if (const auto* a = std::get_if<Authentication>(&f.body)) {
    if (state_ != State::Authenticating || a->algorithm != AuthAlgorithm::OpenSystem ||
        a->transaction_seq != 2) {
      drop(now, h.sa.str(), "unexpected authentication frame");
      return;
    }
    out_.emplace(TraceEvent{now, kSource, "rx", "auth", h.sa.str()});
    if (a->status != StatusCode::Success) {
      fail(a->status, std::nullopt, now);
      return;
    }
    tries_ = 0;
    set_state(State::Associating, now);
    send_assoc(now);
  } else if (const auto* r = std::get_if<AssociationResponse>(&f.body)) {
    on_assoc_response(f, r->status, r->aid, r->elements, now);
  } else if (const auto* rr = std::get_if<ReassociationResponse>(&f.body)) {
    on_assoc_response(f, rr->status, rr->aid, rr->elements, now);
  } else if (const auto* d = std::get_if<Deauthentication>(&f.body)) {
    out_.emplace(TraceEvent{now, kSource, "rx", "deauth", h.sa.str()});
    if (state_ == State::Associated) {
      set_state(State::Idle, now);
      out_.emplace(Deauthenticated{bssid_, d->reason, LinkLossCause::PeerDeauth});
    } else {
      fail(std::nullopt, d->reason, now);
    }
  } else if (const auto* da = std::get_if<Disassociation>(&f.body)) {
    out_.emplace(TraceEvent{now, kSource, "rx", "disassoc", h.sa.str()});
    // Disassociation leaves us authenticated (§11.3.5); this engine has no use for that state
    // and goes back to Idle, so the next connect() authenticates again.
    if (state_ == State::Associated) {
      set_state(State::Idle, now);
      out_.emplace(Deauthenticated{bssid_, da->reason, LinkLossCause::PeerDisassoc});
    } else if (state_ == State::Associating) {
      fail(std::nullopt, da->reason, now);
    }
  }
}

void StaMlme::on_assoc_response(const MgmtFrame& f, StatusCode status, std::uint16_t aid,
                                const Elements& elements, TimePoint now) {
  if (state_ != State::Associating) {
    drop(now, f.header.sa.str(), "unexpected association response");
    return;
  }
  out_.emplace(TraceEvent{now, kSource, "rx", "assoc-resp", f.header.sa.str()});
  if (status != StatusCode::Success) {
    fail(status, std::nullopt, now);
    return;
  }
  // IEEE 802.11-2020 §9.4.1.8: a valid AID is 1..2007.
  if (aid == 0 || aid > 2007) {
    drop(now, f.header.sa.str(), "association response with invalid AID");
    return;
  }
  retry_at_.reset();
  aid_ = aid;
  set_state(State::Associated, now);
  out_.emplace(Associated{bssid_, aid, join_wps_ies(elements)});
}

void StaMlme::on_data(const DataFrame& f, TimePoint now) {
  if (!(f.addr1 == cfg_.own) && !f.addr1.is_group()) return;
  // AP -> STA frames are FromDS with A2 = BSSID (WPS-FACTS §2.1).
  if (state_ != State::Associated || !f.flags.from_ds || f.flags.to_ds || !(f.addr2 == bssid_)) {
    if (!f.addr1.is_group()) drop(now, f.addr2.str(), "data frame outside an association");
    return;
  }
  if (f.subtype == DataSubtype::Null || f.subtype == DataSubtype::QosNull) return;
  if (f.flags.protected_frame) {
    out_.emplace(ProtectedDataReceived{bssid_, f});
    return;
  }
  auto llc = parse_llc_snap(f.body, f.header_length());
  if (!llc) {
    drop(now, f.addr2.str(), describe(llc.error()));
    return;
  }
  if (llc->ethertype == kEtherTypeEapol) {
    out_.emplace(TraceEvent{now, kSource, "rx", "eapol", f.addr2.str()});
    out_.emplace(EapolReceived{bssid_, to_bytes(llc->payload)});
  } else {
    out_.emplace(DataReceived{bssid_, f.destination(), llc->ethertype, to_bytes(llc->payload)});
  }
}

}  // namespace wps::dot11
