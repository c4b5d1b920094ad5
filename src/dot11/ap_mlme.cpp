#include "dot11/ap_mlme.hpp"

#include "base/assert.hpp"
#include "dot11/codec.hpp"
#include "dot11/rsn.hpp"

namespace wps::dot11 {

namespace {
constexpr std::string_view kSource = "ap_mlme";
constexpr std::uint16_t kMaxAid = 2007;  // IEEE 802.11-2020 §9.4.1.8: AID 1..2007

Duration tu(std::uint32_t n) {
  return std::chrono::microseconds(std::int64_t{1024} * n);
}

bool is_single_rsn_element(ByteView e) {
  return e.size() >= 2 && e[0] == static_cast<std::uint8_t>(ElementId::Rsn) && e[1] == e.size() - 2;
}
}  // namespace

ApMlme::ApMlme(ApConfig config, TimePoint start) : cfg_(std::move(config)) {
  WPS_ASSERT(cfg_.ssid.size() <= kMaxSsidLength);
  WPS_ASSERT(cfg_.max_stations >= 1 && cfg_.max_stations <= kMaxAid);
  WPS_ASSERT(cfg_.beacon_interval_tu >= 1);
  WPS_ASSERT(!cfg_.rates.empty() && cfg_.rates.size() <= 8 + kMaxElementData);
  WPS_ASSERT(!cfg_.rsn_ie || is_single_rsn_element(*cfg_.rsn_ie));
  if (cfg_.send_beacons) next_beacon_ = start;
}

std::optional<ApMlme::Output> ApMlme::poll_output() {
  return out_.poll();
}

std::optional<TimePoint> ApMlme::next_deadline() const {
  return next_beacon_;
}

void ApMlme::on_deadline(TimePoint now) {
  if (!next_beacon_ || now < *next_beacon_) return;
  send_beacon(now);
  // Target beacon transmission times stay on the TBTT grid; missed ones are skipped, not burst.
  const Duration interval = tu(cfg_.beacon_interval_tu);
  while (*next_beacon_ <= now) *next_beacon_ += interval;
}

bool ApMlme::is_associated(const MacAddr& sta) const {
  auto it = stas_.find(sta);
  return it != stas_.end() && it->second.state == StaState::Associated;
}

std::optional<std::uint16_t> ApMlme::aid_of(const MacAddr& sta) const {
  auto it = stas_.find(sta);
  if (it == stas_.end() || it->second.state != StaState::Associated) return std::nullopt;
  return it->second.aid;
}

std::size_t ApMlme::associated_count() const {
  std::size_t n = 0;
  for (const auto& [mac, e] : stas_) n += e.state == StaState::Associated ? 1 : 0;
  return n;
}

std::uint16_t ApMlme::capability() const {
  // §9.4.1.4: an AP sets ESS; Privacy when data confidentiality (RSN) is required.
  return static_cast<std::uint16_t>(cap::kEss | (cfg_.rsn_ie ? cap::kPrivacy : 0));
}

Elements ApMlme::bss_elements(bool beacon) const {
  // Element order of the Beacon / Probe Response body (IEEE 802.11-2020 §9.3.3.2, §9.3.3.10):
  // SSID, Supported Rates, DS Parameter Set, TIM (beacon only), Extended Supported Rates, RSN,
  // ..., Vendor Specific last (WPS-FACTS §2.2).
  Elements e;
  e.push_back(make_ssid(cfg_.ssid));
  Elements rates;
  append_rates(rates, cfg_.rates);
  e.push_back(rates.front());
  e.push_back(make_ds_parameter_set(cfg_.channel));
  if (beacon) e.push_back(make_tim(Tim{0, cfg_.dtim_period, 0, Bytes{0x00}}));
  if (rates.size() > 1) e.push_back(rates[1]);
  if (cfg_.rsn_ie)
    e.emplace_back(ElementId::Rsn, Bytes(cfg_.rsn_ie->begin() + 2, cfg_.rsn_ie->end()));
  const auto& wps = beacon ? cfg_.wps.beacon : cfg_.wps.probe_response;
  if (wps) append_wps_ies(e, *wps);
  return e;
}

void ApMlme::send_mgmt(const MacAddr& da, MgmtBody body, TimePoint now, bool trace) {
  MgmtFrame f;
  f.header.da = da;
  f.header.sa = cfg_.bssid;
  f.header.bssid = cfg_.bssid;
  f.header.seq = seq_.next();
  f.body = std::move(body);
  if (trace)
    out_.emplace(TraceEvent{
        now, kSource, "tx",
        std::string(subtype_name(FrameType::Management, static_cast<std::uint8_t>(f.subtype()))),
        da.str()});
  out_.emplace(SendFrame{build_mgmt(f)});
}

void ApMlme::send_beacon(TimePoint now) {
  Beacon b;
  // The Timestamp is the TSF in microseconds (§9.4.1.10); the run's virtual clock serves as TSF.
  b.timestamp = static_cast<std::uint64_t>(now.ns() / 1000);
  b.beacon_interval = cfg_.beacon_interval_tu;
  b.capability = capability();
  b.elements = bss_elements(true);
  send_mgmt(MacAddr::broadcast(), std::move(b), now, /*trace=*/false);
}

void ApMlme::drop(TimePoint now, std::string what, std::string detail) {
  out_.emplace(TraceEvent{now, kSource, "drop", std::move(what), std::move(detail)});
}

void ApMlme::on_frame(ByteView frame, TimePoint now, RxInfo) {
  auto parsed = parse_frame(frame, cfg_.rx_fcs);
  if (!parsed) {
    // Unparseable frames whose A1 is visibly someone else's are not our business.
    if (frame.size() >= 10) {
      const MacAddr a1(*MacAddr::from(frame.subspan(4, 6)));
      if (!(a1 == cfg_.bssid) && !a1.is_group()) return;
    }
    drop(now, "malformed", describe(parsed.error()));
    return;
  }
  if (auto* m = std::get_if<MgmtFrame>(&*parsed)) {
    on_mgmt(*m, now);
  } else {
    on_data(std::get<DataFrame>(*parsed), now);
  }
}

void ApMlme::on_mgmt(const MgmtFrame& f, TimePoint now) {
  const MgmtHeader& h = f.header;
  // Addressed to us: A1 = our BSSID, or group-addressed (probe requests). §11.1.4.3.
  if (!(h.da == cfg_.bssid) && !h.da.is_group()) return;
  if (h.sa.is_group()) {
    drop(now, h.sa.str(), "group source address");
    return;
  }
  if (const auto* p = std::get_if<ProbeRequest>(&f.body)) {
    on_probe_request(f, *p, now);
    return;
  }
  // Everything else must be individually addressed to us within our BSS.
  if (!(h.da == cfg_.bssid) || !(h.bssid == cfg_.bssid)) return;
  if (const auto* a = std::get_if<Authentication>(&f.body)) {
    on_auth(f, *a, now);
  } else if (const auto* ar = std::get_if<AssociationRequest>(&f.body)) {
    on_assoc_request(f, ar->elements, false, now);
  } else if (const auto* rr = std::get_if<ReassociationRequest>(&f.body)) {
    on_assoc_request(f, rr->elements, true, now);
  } else if (const auto* d = std::get_if<Deauthentication>(&f.body)) {
    out_.emplace(TraceEvent{now, kSource, "rx", "deauth", h.sa.str()});
    on_leave(h.sa, d->reason, LinkLossCause::PeerDeauth, now);
  } else if (const auto* da = std::get_if<Disassociation>(&f.body)) {
    out_.emplace(TraceEvent{now, kSource, "rx", "disassoc", h.sa.str()});
    on_leave(h.sa, da->reason, LinkLossCause::PeerDisassoc, now);
  }
  // Beacons, Probe Responses and (Re)Association Responses from others: not for an AP.
}

void ApMlme::on_probe_request(const MgmtFrame& f, const ProbeRequest& p, TimePoint now) {
  // Active scanning, IEEE 802.11-2020 §11.1.4.3: respond if the BSSID field is ours or wildcard and the SSID element is the
  // wildcard SSID or ours.
  if (!(f.header.bssid == cfg_.bssid) && !f.header.bssid.is_group()) return;
  auto ssid = find_ssid(p.elements);
  if (!ssid || !*ssid) {
    drop(now, f.header.sa.str(), "probe request without a valid SSID element");
    return;
  }
  if (!(*ssid)->empty() && !equal(**ssid, cfg_.ssid)) return;
  ProbeResponse r;
  r.timestamp = static_cast<std::uint64_t>(now.ns() / 1000);
  r.beacon_interval = cfg_.beacon_interval_tu;
  r.capability = capability();
  r.elements = bss_elements(false);
  send_mgmt(f.header.sa, std::move(r), now);
}

void ApMlme::on_auth(const MgmtFrame& f, const Authentication& a, TimePoint now) {
  const MacAddr& sta = f.header.sa;
  out_.emplace(TraceEvent{now, kSource, "rx", "auth", sta.str()});
  Authentication resp;
  resp.algorithm = a.algorithm;
  resp.transaction_seq = static_cast<std::uint16_t>(a.transaction_seq + 1);
  // §12.3.3.2 Open System: request is transaction 1, response transaction 2 with the status.
  if (a.algorithm != AuthAlgorithm::OpenSystem) {
    resp.status = StatusCode::UnsupportedAuthAlgorithm;
  } else if (a.transaction_seq != 1) {
    resp.status = StatusCode::AuthSeqOutOfOrder;
  } else {
    auto it = stas_.find(sta);
    if (it != stas_.end() && it->second.state == StaState::Associated) {
      // A new authentication from an associated STA starts over: its association ends here.
      on_leave(sta, ReasonCode::PrevAuthNotValid, LinkLossCause::PeerReauthentication, now);
    }
    stas_[sta] = StaEntry{};
    resp.status = StatusCode::Success;
  }
  send_mgmt(sta, std::move(resp), now);
}

std::uint16_t ApMlme::allocate_aid() const {
  // Lowest free AID: deterministic, and reuses AIDs of STAs that left.
  std::vector<bool> used(cfg_.max_stations + 1u, false);
  for (const auto& [mac, e] : stas_)
    if (e.state == StaState::Associated && e.aid <= cfg_.max_stations) used[e.aid] = true;
  for (std::uint16_t aid = 1; aid <= cfg_.max_stations; ++aid)
    if (!used[aid]) return aid;
  return 0;
}

void ApMlme::on_assoc_request(const MgmtFrame& f, const Elements& elements, bool reassoc,
                              TimePoint now) {
  const MacAddr& sta = f.header.sa;
  out_.emplace(TraceEvent{now, kSource, "rx", reassoc ? "reassoc-req" : "assoc-req", sta.str()});
  auto it = stas_.find(sta);
  if (it == stas_.end()) {
    // §11.3.3: a class 2 frame from a nonauthenticated STA is discarded and answered with
    // Deauthentication, reason 6.
    drop(now, sta.str(), "association request from unauthenticated STA");
    send_mgmt(sta, Deauthentication{ReasonCode::Class2FromNonauth, {}}, now);
    return;
  }
  if (it->second.state == StaState::Associated) {
    if (it->second.request == f.body && it->second.response) {
      // The STA did not get our response and retransmitted the same request: answer again (new
      // sequence number, same AID) without a second StaAssociated.
      out_.emplace(TraceEvent{now, kSource, "retransmit", reassoc ? "reassoc-resp" : "assoc-resp",
                              sta.str()});
      send_mgmt(sta, *it->second.response, now);
      return;
    }
    on_leave(sta, ReasonCode::PrevAuthNotValid, LinkLossCause::PeerReassociation, now);
    it = stas_.emplace(sta, StaEntry{}).first;
  }
  StaEntry& e = it->second;

  auto respond = [&](StatusCode status, std::uint16_t aid, Elements els) {
    // Built in place (not chosen between two temporaries and moved): GCC 12 at -O3 reports a
    // false -Wmaybe-uninitialized on that variant move.
    MgmtBody body;
    if (reassoc) {
      body.emplace<ReassociationResponse>(
          ReassociationResponse{capability(), status, aid, std::move(els)});
    } else {
      body.emplace<AssociationResponse>(
          AssociationResponse{capability(), status, aid, std::move(els)});
    }
    if (status == StatusCode::Success) e.response = body;
    send_mgmt(sta, std::move(body), now);
  };

  // IEEE 802.11-2020 §11.3.5: the requested SSID must be ours.
  auto ssid = find_ssid(elements);
  if (!ssid || !*ssid) {
    drop(now, sta.str(), "association request without a valid SSID element");
    respond(StatusCode::InvalidElement, 0, {});
    return;
  }
  if (!equal(**ssid, cfg_.ssid)) {
    drop(now, sta.str(), "association request for another SSID");
    respond(StatusCode::Unspecified, 0, {});
    return;
  }
  std::optional<Bytes> wps = join_wps_ies(elements);
  std::optional<Bytes> rsn;
  if (const Element* r = find_element(elements, ElementId::Rsn)) {
    rsn = build_element(*r);
    // WPS-FACTS §2.3: with a WPS IE present the RSN IE is ignored, so only judge it otherwise.
    if (!wps && !parse_rsn(r->data)) {
      drop(now, sta.str(), "invalid RSN element");
      respond(StatusCode::InvalidRsne, 0, {});
      return;
    }
  }
  const std::uint16_t aid = allocate_aid();
  if (aid == 0) {
    drop(now, sta.str(), "no free AID");
    respond(StatusCode::ApFull, 0, {});
    return;
  }
  Elements resp_elements;
  append_rates(resp_elements, cfg_.rates);
  // WPS-FACTS §2.4: the (Re)Association Response carries a WPS IE only for a WPS request.
  if (wps && cfg_.wps.assoc_response) append_wps_ies(resp_elements, *cfg_.wps.assoc_response);

  e.state = StaState::Associated;
  e.aid = aid;
  e.request = f.body;
  respond(StatusCode::Success, aid, std::move(resp_elements));
  out_.emplace(TraceEvent{now, kSource, "state", "authenticated", "associated"});
  out_.emplace(StaAssociated{sta, aid, reassoc, std::move(wps), std::move(rsn)});
}

void ApMlme::on_leave(const MacAddr& sta, ReasonCode reason, LinkLossCause cause, TimePoint now) {
  auto it = stas_.find(sta);
  if (it == stas_.end()) return;
  const bool was_associated = it->second.state == StaState::Associated;
  switch (cause) {
    case LinkLossCause::PeerDisassoc:
      // IEEE 802.11-2020 §11.3.5: disassociation leaves the STA authenticated.
      if (!was_associated) return;
      it->second = StaEntry{};
      break;
    case LinkLossCause::PeerReauthentication:
    case LinkLossCause::PeerReassociation:
    case LinkLossCause::PeerDeauth:
    case LinkLossCause::LocalDeauth: stas_.erase(it); break;
  }
  if (was_associated) {
    out_.emplace(TraceEvent{now, kSource, "state", "associated", "left"});
    out_.emplace(StaLeft{sta, reason, cause});
  }
}

void ApMlme::deauthenticate(const MacAddr& sta, ReasonCode reason, TimePoint now) {
  send_mgmt(sta, Deauthentication{reason, {}}, now);
  on_leave(sta, reason, LinkLossCause::LocalDeauth, now);
}

void ApMlme::on_data(const DataFrame& f, TimePoint now) {
  // Only ToDS frames addressed to our BSSID are for the AP (WPS-FACTS §2.1: A1 = BSSID).
  if (!(f.addr1 == cfg_.bssid)) return;
  const MacAddr& sta = f.addr2;
  if (!f.flags.to_ds || f.flags.from_ds) {
    drop(now, sta.str(), "data frame to the AP without ToDS");
    return;
  }
  auto it = stas_.find(sta);
  if (it == stas_.end() || it->second.state != StaState::Associated) {
    // §11.3.3: class 3 frame from a STA that is not associated: discard, and tell the STA —
    // Deauthentication if it is not even authenticated, Disassociation otherwise (reason 7).
    drop(now, sta.str(), "class 3 frame from unassociated STA");
    if (it == stas_.end())
      send_mgmt(sta, Deauthentication{ReasonCode::Class3FromNonassoc, {}}, now);
    else
      send_mgmt(sta, Disassociation{ReasonCode::Class3FromNonassoc, {}}, now);
    return;
  }
  if (f.subtype == DataSubtype::Null || f.subtype == DataSubtype::QosNull) return;
  if (f.flags.protected_frame) {
    out_.emplace(ProtectedDataReceived{sta, f});
    return;
  }
  auto llc = parse_llc_snap(f.body, f.header_length());
  if (!llc) {
    drop(now, sta.str(), describe(llc.error()));
    return;
  }
  if (llc->ethertype == kEtherTypeEapol) {
    out_.emplace(TraceEvent{now, kSource, "rx", "eapol", sta.str()});
    out_.emplace(EapolReceived{sta, to_bytes(llc->payload)});
  } else {
    out_.emplace(DataReceived{sta, f.destination(), llc->ethertype, to_bytes(llc->payload)});
  }
}

Result<void> ApMlme::send_eapol(const MacAddr& sta, ByteView eapol, TimePoint now) {
  return send_data_frame(
      make_from_ds(sta, cfg_.bssid, cfg_.bssid, build_llc_snap(kEtherTypeEapol, eapol)), now);
}

Result<void> ApMlme::send_data_frame(DataFrame frame, TimePoint now) {
  if (!frame.flags.from_ds || frame.flags.to_ds || !(frame.addr2 == cfg_.bssid))
    return unexpected(Errc::BadValue, 0);
  if (!frame.addr1.is_group() && !is_associated(frame.addr1)) return unexpected(Errc::NotReady, 0);
  frame.seq = seq_.next();
  out_.emplace(TraceEvent{now, kSource, "tx",
                          frame.flags.protected_frame ? "protected-data" : "data",
                          frame.addr1.str()});
  out_.emplace(SendFrame{build_data(frame)});
  return ok();
}

}  // namespace wps::dot11
