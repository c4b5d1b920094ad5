#include "analyzer/session.hpp"

#include <algorithm>

#include "analyzer/text.hpp"

namespace wps::analyzer {
namespace {

std::uint64_t fnv(std::uint64_t h, ByteView v) {
  for (auto b : v) {
    h ^= b;
    h *= 0x100000001b3ULL;
  }
  return h;
}

bool carries_message(eap::WscOpCode op) {
  return op == eap::WscOpCode::WscMsg || op == eap::WscOpCode::WscAck ||
         op == eap::WscOpCode::WscNack || op == eap::WscOpCode::WscDone;
}

int dir_index(Role r) {
  return static_cast<int>(r);
}

}  // namespace

WscMsgInfo WscRecord::info() const {
  std::vector<Finding> ignore;
  return decode_wsc_message(raw, false, 0, ignore);
}

std::string Session::name() const {
  return (ap_known ? ap.str() : std::string("?")) + " / " + sta.str();
}

Tracker::Tracker(SessionOptions options) : opt_(options) {
  lo_.collapse = true;
  lo_.max_rows = opt_.max_rows;
}

std::uint64_t Tracker::key_of(const MacAddr& m) {
  std::uint64_t v = 0;
  for (auto b : m.get()) v = (v << 8) | b;
  return v;
}

const ApInfo* Tracker::ap(const MacAddr& bssid) const {
  auto it = ap_index_.find(key_of(bssid));
  return it == ap_index_.end() ? nullptr : &aps_[it->second];
}

void Tracker::update_ap(const Frame& f, const Endpoints& ep) {
  if (f.kind != FrameKind::Beacon && f.kind != FrameKind::ProbeResponse) return;
  if (ep.from != Role::Ap || !ep.ap) return;
  std::uint64_t k = key_of(*ep.ap);
  auto it = ap_index_.find(k);
  std::size_t idx;
  if (it == ap_index_.end()) {
    if (aps_.size() >= opt_.max_aps) return;
    idx = aps_.size();
    ap_index_.emplace(k, idx);
    ApInfo a;
    a.bssid = *ep.ap;
    a.first_ns = f.timestamp_ns - stats_.first_ts_ns;
    aps_.push_back(std::move(a));
    ap_ladders_.emplace_back(lo_);
  } else {
    idx = it->second;
  }
  ApInfo& a = aps_[idx];
  a.last_ns = f.timestamp_ns - stats_.first_ts_ns;
  if (f.kind == FrameKind::Beacon) {
    ++a.beacons;
    ap_ladders_[idx].add(f);
  } else {
    ++a.probe_responses;
  }
  if (f.mgmt.ssid && a.ssid_raw.empty() && !f.mgmt.ssid->empty()) {
    a.ssid_raw = to_bytes(f.mgmt.ssid->first(std::min<std::size_t>(f.mgmt.ssid->size(), 32)));
    a.ssid = printable(a.ssid_raw, 32);
  }
  if (f.mgmt.channel) {
    a.channel = *f.mgmt.channel;
  } else if (!a.channel && f.radio.freq_mhz && channel_of(*f.radio.freq_mhz)) {
    a.channel = channel_of(*f.radio.freq_mhz);
  }
  if (f.radio.signal_dbm) {
    a.last_signal_dbm = f.radio.signal_dbm;
    if (!a.signal_dbm || *f.radio.signal_dbm > *a.signal_dbm) a.signal_dbm = f.radio.signal_dbm;
  }
  if (f.mgmt.rsn) a.rsn = true;
  const WpsIeInfo& w = f.wps_ie;
  if (!w.present) return;
  a.wps = true;
  ++a.wps_ie_frames;
  if (w.uuid_e || w.uuid_r) a.uuid = w.uuid_e ? w.uuid_e : w.uuid_r;
  bool pbc_mode = w.selected_registrar.value_or(false) && w.device_password_id == 0x0004;
  if (pbc_mode && a.in_pbc_run && !a.pbc_runs.empty()) {
    a.pbc_runs.back().second = a.last_ns;
  } else if (pbc_mode && a.pbc_runs.size() < 64) {
    a.pbc_runs.emplace_back(a.last_ns, a.last_ns);
  }
  a.in_pbc_run = pbc_mode;
  if (a.ies.size() < 2) {
    std::string label = frame_label(f);
    bool have = false;
    for (const auto& r : a.ies) have = have || r.label.rfind(label.substr(0, 6), 0) == 0;
    if (!have) a.ies.push_back({f.number, std::move(label), f.wps_buffer});
  }
  if (w.version2) {
    a.wps_version = w.version2;
  } else if (w.version && !a.wps_version) {
    a.wps_version = w.version;
  }
  if (w.wps_state) a.wps_state = w.wps_state;
  if (w.ap_setup_locked.value_or(false)) a.locked = true;
  bool locked_now = w.ap_setup_locked.value_or(false);
  if ((a.lock_changes.empty() || a.lock_changes.back().second != locked_now) &&
      a.lock_changes.size() < 64) {
    a.lock_changes.emplace_back(a.last_ns, locked_now);
  }
  if (w.selected_registrar.value_or(false)) {
    a.selected_registrar = true;
    if (w.device_password_id) a.device_password_id = w.device_password_id;
  }
  auto keep = [](std::string& dst, const std::optional<std::string_view>& v) {
    if (v && dst.empty()) dst = printable(as_bytes(*v), 64);
  };
  keep(a.device_name, w.device_name);
  keep(a.manufacturer, w.manufacturer);
  keep(a.model_name, w.model_name);
  keep(a.model_number, w.model_number);
}

void Tracker::note_pbc(const Uuid& uuid_e, const MacAddr& mac, std::int64_t t, bool m1) {
  auto it = std::find_if(pbc_.begin(), pbc_.end(),
                         [&](const PbcEnrollee& e) { return e.uuid_e == uuid_e; });
  if (it == pbc_.end()) {
    if (pbc_.size() >= opt_.max_stations) return;
    pbc_.push_back(PbcEnrollee{uuid_e, {}, {}, 0, 0});
    it = pbc_.end() - 1;
  }
  if (std::find(it->macs.begin(), it->macs.end(), mac) == it->macs.end() && it->macs.size() < 4) {
    it->macs.push_back(mac);
  }
  if (it->seen_ns.size() < 256) it->seen_ns.push_back(t);
  ++(m1 ? it->m1s : it->probes);
}

Session* Tracker::route(const Frame& f, const Endpoints& ep) {
  if (ep.from == Role::Unknown) return nullptr;
  if (!ep.sta && ep.ap && f.link == LinkKind::Cooked) {
    // A Linux cooked capture names only the sender: an authenticator's frame goes to the newest
    // session of that AP, or to the newest one still waiting to learn its AP.
    std::uint64_t ak = key_of(*ep.ap);
    if (auto it = last_by_ap_.find(ak); it != last_by_ap_.end()) return &sessions_[it->second];
    if (last_placeholder_ && !sessions_[*last_placeholder_].ap_known) {
      std::size_t idx = *last_placeholder_;
      Session& s = sessions_[idx];
      by_pair_.erase({0, key_of(s.sta)});
      by_pair_[{ak, key_of(s.sta)}] = idx;
      s.ap = *ep.ap;
      s.ap_known = true;
      last_by_ap_[ak] = idx;
      last_placeholder_.reset();
      return &s;
    }
    return nullptr;
  }
  if (!ep.sta || ep.sta->is_group()) return nullptr;
  std::uint64_t sk = key_of(*ep.sta);
  auto create = [&](std::optional<MacAddr> ap) -> Session* {
    if (sessions_.size() >= opt_.max_sessions) {
      ++stats_.dropped_sessions;
      return nullptr;
    }
    Session s(lo_);
    s.sta = *ep.sta;
    if (ap) {
      s.ap = *ap;
      s.ap_known = true;
    }
    s.first_ns = f.timestamp_ns - stats_.first_ts_ns;
    std::size_t idx = sessions_.size();
    sessions_.push_back(std::move(s));
    by_pair_[{ap ? key_of(*ap) : 0, sk}] = idx;
    last_by_sta_[sk] = idx;
    if (ap) {
      last_by_ap_[key_of(*ap)] = idx;
    } else {
      last_placeholder_ = idx;
    }
    return &sessions_[idx];
  };
  if (ep.ap) {
    std::uint64_t ak = key_of(*ep.ap);
    auto it = by_pair_.find({ak, sk});
    if (it != by_pair_.end()) {
      last_by_sta_[sk] = it->second;
      last_by_ap_[ak] = it->second;
      return &sessions_[it->second];
    }
    // A wired session whose authenticator was not known yet (the supplicant spoke first, to
    // the PAE group address): this is its first unicast answer.
    auto ph = by_pair_.find({0, sk});
    if (ph != by_pair_.end()) {
      std::size_t idx = ph->second;
      by_pair_.erase(ph);
      by_pair_[{ak, sk}] = idx;
      sessions_[idx].ap = *ep.ap;
      sessions_[idx].ap_known = true;
      last_by_sta_[sk] = idx;
      last_by_ap_[ak] = idx;
      return &sessions_[idx];
    }
    return create(ep.ap);
  }
  auto last = last_by_sta_.find(sk);
  if (last != last_by_sta_.end()) return &sessions_[last->second];
  return create(std::nullopt);
}

void Tracker::add(const Frame& f, bool decoded) {
  if (finished_) return;
  if (!started_) {
    started_ = true;
    stats_.first_ts_ns = f.timestamp_ns;
    lo_.time_base_ns = f.timestamp_ns;
  }
  ++stats_.frames;
  stats_.last_ts_ns = f.timestamp_ns;
  if (std::find(stats_.linktypes.begin(), stats_.linktypes.end(), f.linktype) ==
      stats_.linktypes.end()) {
    stats_.linktypes.push_back(f.linktype);
  }
  for (const auto& x : f.findings) {
    switch (x.severity) {
      case Severity::Note: ++stats_.findings_notes; break;
      case Severity::Warning: ++stats_.findings_warnings; break;
      case Severity::Error: ++stats_.findings_errors; break;
    }
  }
  if (!decoded) {
    ++stats_.undecodable;
    return;
  }
  if (f.eapol) ++stats_.eapol_frames;
  if (f.kind == FrameKind::Beacon) ++stats_.beacons;
  if (f.kind == FrameKind::Data && !f.eapol) ++stats_.data_frames;
  Endpoints ep = endpoints(f);
  update_ap(f, ep);
  if (f.kind == FrameKind::Beacon) return;
  if (f.kind == FrameKind::ProbeRequest && ep.sta && f.wps_ie.present && f.wps_ie.uuid_e &&
      f.wps_ie.device_password_id == 0x0004) {
    note_pbc(*f.wps_ie.uuid_e, *ep.sta, f.timestamp_ns - stats_.first_ts_ns, false);
  }
  if (f.kind == FrameKind::ProbeRequest && !ep.ap && ep.sta) {
    std::uint64_t sk = key_of(*ep.sta);
    auto it = sta_probes_.find(sk);
    if (it == sta_probes_.end()) {
      if (sta_probes_.size() >= opt_.max_stations) return;
      it = sta_probes_.emplace(sk, LadderBuilder(lo_)).first;
    }
    it->second.add(f);
    return;
  }
  Session* s = route(f, ep);
  if (!s) {
    ++stats_.unrouted;
    return;
  }
  feed(*s, f, ep);
}

void Tracker::feed(Session& s, const Frame& f, const Endpoints& ep) {
  std::int64_t t = f.timestamp_ns - stats_.first_ts_ns;
  ++s.frames;
  s.last_ns = t;
  if (f.link != LinkKind::Dot11) s.wired = true;
  if (f.kind == FrameKind::Data && !f.eapol) ++s.data_frames;
  if (f.wps_ie.present && f.kind != FrameKind::Beacon && s.ies.size() < 8) {
    std::string label = frame_label(f);
    bool have = false;
    for (const auto& r : s.ies) have = have || r.label == label;
    if (!have) s.ies.push_back({f.number, std::move(label), f.wps_buffer});
  }
  if (s.ssid.empty() && f.mgmt.ssid && !f.mgmt.ssid->empty() && f.mgmt.ssid->size() <= 32 &&
      (f.kind == FrameKind::AssociationRequest || f.kind == FrameKind::ReassociationRequest ||
       f.kind == FrameKind::ProbeResponse)) {
    s.ssid = to_bytes(*f.mgmt.ssid);
  }

  std::uint64_t over_before = s.ladder_.frames_over_limit();
  auto h = s.ladder_.add(f);
  if (s.ladder_.frames_over_limit() != over_before) ++s.dropped_rows;
  Event scratch;
  Event* ev = &scratch;
  if (h) {
    if (s.pending_.size() <= *h) s.pending_.resize(*h + 1);
    ev = &s.pending_[*h];
    ev->findings = f.findings;
  }
  Session::Dir& d = s.dir_[dir_index(ep.from)];

  // 802.11 retransmission: Retry bit and the sequence number of the previous frame.
  if (f.dot11 && f.dot11->seq) {
    std::uint16_t seq = f.dot11->seq->number;
    if (f.dot11->retry() && d.last_seq && *d.last_seq == seq) {
      ev->notes.push_back("802.11 retransmission of frame " + dec(d.last_seq_frame) +
                          " (Retry bit, same sequence number)");
      ev->duplicate = true;
    }
    d.last_seq = seq;
    d.last_seq_frame = f.number;
  }
  if (f.eapol && !ev->duplicate) {
    std::uint64_t hash = fnv(0xcbf29ce484222325ULL, f.eapol->frame);
    if (hash == d.last_eap_hash && d.last_eap_frame != 0) {
      ev->notes.push_back("same EAPOL packet as frame " + dec(d.last_eap_frame) +
                          " (retransmission)");
      ev->duplicate = true;
    } else {
      if (f.eap) {
        auto code_id =
            static_cast<std::uint16_t>((static_cast<unsigned>(f.eap->code) << 8) | f.eap->id);
        if (d.last_eap_code_id == code_id) {
          // RFC 3748 §4: a new Request carries a new Identifier; a Response echoes its Request.
          ev->notes.push_back("EAP identifier " + dec(unsigned{f.eap->id}) +
                              " used again (as in frame " + dec(d.last_eap_id_frame) +
                              ") with other contents");
        }
        d.last_eap_code_id = code_id;
        d.last_eap_id_frame = f.number;
      }
      d.last_eap_hash = hash;
      d.last_eap_frame = f.number;
    }
  }
  if (!f.eapol) {
    // Deauthentication / disassociation ends an open attempt.
    if ((f.kind == FrameKind::Deauthentication || f.kind == FrameKind::Disassociation) &&
        s.attempt_open_ && !s.attempts.empty()) {
      Attempt& a = s.attempts.back();
      a.deauth = true;
      a.end_ns = t;
      if (h) a.last_row = *h;
    }
    return;
  }
  if (f.eapol->type == 3) {  // EAPOL-Key
    if (f.key && !ev->duplicate) {
      if (s.keys.size() < opt_.max_keys) {
        KeyRecord k;
        k.from = ep.from;
        k.message = f.key->message;
        k.frame = f.number;
        k.time_ns = t;
        k.key_info = f.key->key_info;
        k.replay_counter = f.key->replay_counter;
        k.nonce = f.key->nonce;
        k.row = h ? *h : kNoRow;
        k.eapol = to_bytes(f.key->frame);
        if (h) ev->key = s.keys.size();
        s.keys.push_back(std::move(k));
      } else {
        ++s.dropped_keys;
      }
    }
    return;
  }

  // WPS attempt bookkeeping (handles are converted to row indices in finish()).
  auto open_attempt = [&] {
    s.attempt_open_ = true;
    s.m1_since_open_ = false;
    s.tail_.clear();
    Attempt a;
    a.number = s.attempts.size() + s.attempts_over_limit + 1;  // every attempt is one or other
    a.first_row = h ? *h : (s.pending_.empty() ? 0 : s.pending_.size() - 1);
    a.last_row = a.first_row;
    a.start_ns = a.end_ns = t;
    if (s.attempts.size() >= std::max<std::size_t>(opt_.max_attempts, 2)) {
      Attempt& last = s.attempts.back();
      ++s.attempts_over_limit;
      if (last.messages.empty()) {
        // The newest attempt takes the last entry; the one it replaces is counted only.
        last = std::move(a);
        s.attempt_mark_ = 0;
        return;
      }
      // The entry holds messages kept in the session's list (rare: only when the attempts
      // before it had almost none): it stands for this attempt and the later ones, counted
      // and not diagnosed.
      ++last.messages_dropped;
      last.eap_failure = last.eap_success = last.deauth = false;  // open again, as a new one
      s.attempt_mark_ = last.messages.size() + last.messages_dropped;
      return;
    }
    s.attempts.push_back(std::move(a));
    s.attempt_mark_ = 0;
  };
  bool is_start = f.eapol->type == 1;
  bool is_id_req = f.eap && f.eap->code == eap::EapCode::Request && f.eap->type == 1;
  if (!s.attempt_open_ || s.attempts.empty()) {
    open_attempt();
  } else {
    Attempt& cur = s.attempts.back();
    bool ended = cur.eap_failure || cur.eap_success || cur.deauth;
    if (ended && !ev->duplicate) {
      open_attempt();
    } else if ((is_start || is_id_req) &&
               cur.messages.size() + cur.messages_dropped > s.attempt_mark_ && !ev->duplicate) {
      open_attempt();
    }
  }
  Attempt* a = &s.attempts.back();
  a->end_ns = t;
  if (h) a->last_row = *h;
  if (is_start) ++a->eapol_starts;
  if (ep.from == Role::Ap && !a->first_ap_ns) a->first_ap_ns = t;
  if (f.eap) {
    if (f.eap->code == eap::EapCode::Failure) a->eap_failure = true;
    if (f.eap->code == eap::EapCode::Success) a->eap_success = true;
    if (f.eap->code == eap::EapCode::Response && f.eap->identity && !a->identity) {
      a->identity = printable(*f.eap->identity, 64);
    }
  }
  if (!f.eap_wsc || ev->duplicate) return;
  if (f.eap_wsc->op == eap::WscOpCode::WscFragAck) {
    ++a->frag_acks;
    return;
  }
  if (!carries_message(f.eap_wsc->op)) return;

  if (!d.reasm) d.reasm = std::make_unique<eap::Reassembler>();
  eap::WscPacket pk;
  pk.offset = f.eap_wsc->data_offset - (f.eap_wsc->message_length ? 4 : 2);
  pk.op = f.eap_wsc->op;
  pk.flags = f.eap_wsc->flags;
  pk.message_length = f.eap_wsc->message_length;
  pk.data = f.eap_wsc->data;
  pk.data_offset = f.eap_wsc->data_offset;
  bool first_fragment = !d.reasm->in_progress();
  auto r = d.reasm->feed(pk);
  if (!r) {
    if (r.error().code == Errc::NeedMore) {
      if (first_fragment) {
        d.reasm_first_frame = f.number;
        d.reasm_fragments = 0;
      }
      ++d.reasm_fragments;
      ++a->fragments;
      return;
    }
    ev->findings.push_back({Severity::Warning, r.error().code, r.error().offset,
                            "EAP-WSC reassembly failed (" + std::string(to_string(r.error().code)) +
                                "); the partial message is dropped"});
    d.reasm.reset();
    d.reasm_fragments = 0;
    return;
  }
  WscRecord rec;
  rec.from = ep.from;
  rec.op = r->op;
  rec.eap_id = f.eap ? f.eap->id : 0;
  rec.frame = f.number;
  rec.fragments = static_cast<std::uint16_t>(d.reasm_fragments + 1);
  rec.first_frame = d.reasm_fragments ? d.reasm_first_frame : f.number;
  if (d.reasm_fragments) ++a->fragments;
  rec.time_ns = t;
  rec.raw = std::move(r->data);
  d.reasm.reset();
  d.reasm_fragments = 0;
  {
    std::vector<Finding> found;
    WscMsgInfo info = decode_wsc_message(rec.raw, false, 0, found);
    rec.msg_type = info.msg_type.value_or(0);
    if (rec.fragments > 1) {
      // The frame alone could not be judged; the reassembled message can.
      for (auto& x : found) {
        x.offset = 0;
        x.text = "reassembled " + x.text;
        ev->findings.push_back(std::move(x));
      }
    }
  }
  // A second M1 without a new EAPOL-Start / Identity exchange starts another attempt.
  if (rec.msg_type == static_cast<std::uint8_t>(wsc::MsgType::M1)) {
    if (s.m1_since_open_) {
      open_attempt();
      a = &s.attempts.back();
    }
    s.m1_since_open_ = true;
  }
  if (s.messages.size() >= opt_.max_messages) {
    ++s.dropped_messages;
    ++a->messages_dropped;
    if (s.tail_.size() < std::max<std::size_t>(opt_.max_messages, 32)) {
      rec.row = kNoRow;
      rec.attempt = s.attempts.size() - 1;
      s.tail_.push_back(std::move(rec));
    }
    return;
  }
  if (rec.msg_type == static_cast<std::uint8_t>(wsc::MsgType::M1) && rec.from == Role::Sta) {
    WscMsgInfo m1 = rec.info();
    if (m1.uuid_e && m1.device_password_id == 0x0004) note_pbc(*m1.uuid_e, s.sta, t, true);
  }
  rec.row = h ? *h : kNoRow;
  rec.attempt = s.attempts.size() - 1;
  if (h) ev->message = s.messages.size();
  a->messages.push_back(s.messages.size());
  s.messages.push_back(std::move(rec));
}

void Tracker::finish_session(Session& s) {
  // The newest attempt past the message limit: kept whole in the tail, it joins the list (one
  // attempt's messages over the limit at most).
  if (!s.attempts.empty() && !s.tail_.empty()) {
    Attempt& last = s.attempts.back();
    if (last.messages_dropped == s.tail_.size() && s.attempt_mark_ == 0) {
      for (WscRecord& r : s.tail_) {
        last.messages.push_back(s.messages.size());
        s.messages.push_back(std::move(r));
      }
      s.dropped_messages -= last.messages_dropped;
      last.messages_dropped = 0;
    }
  }
  s.tail_.clear();
  s.tail_.shrink_to_fit();
  std::vector<Row> own = s.ladder_.rows();
  // Ambient rows: the AP's beacons and the station's wildcard probe requests.
  std::vector<Row> ambient;
  if (s.ap_known) {
    auto it = ap_index_.find(key_of(s.ap));
    if (it != ap_index_.end()) {
      for (Row r : ap_ladders_[it->second].rows()) {
        if (r.time_ns > s.last_ns) continue;
        r.to = Role::Sta;
        ambient.push_back(std::move(r));
      }
    }
  }
  if (auto it = sta_probes_.find(key_of(s.sta)); it != sta_probes_.end()) {
    for (Row r : it->second.rows()) {
      if (r.time_ns > s.last_ns) continue;
      ambient.push_back(std::move(r));
    }
  }
  // Merge "units" (a Frame row and the Summary row after it) by time; session rows win ties.
  struct Unit {
    std::size_t begin, end;
    bool own;
  };
  auto units_of = [](const std::vector<Row>& rows, bool own_rows) {
    std::vector<Unit> u;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].kind == RowKind::Summary && !u.empty()) {
        u.back().end = i + 1;
      } else {
        u.push_back({i, i + 1, own_rows});
      }
    }
    return u;
  };
  auto ua = units_of(ambient, false);
  std::stable_sort(ua.begin(), ua.end(), [&](const Unit& x, const Unit& y) {
    return ambient[x.begin].time_ns < ambient[y.begin].time_ns;
  });
  auto uo = units_of(own, true);
  std::vector<std::size_t> handle_to_row(own.empty() ? 0 : own.back().handle + 1, 0);
  s.rows.clear();
  s.events.clear();
  s.rows.reserve(own.size() + ambient.size());
  std::size_t i = 0, j = 0;
  auto emit = [&](const std::vector<Row>& src, const Unit& u) {
    for (std::size_t k = u.begin; k < u.end; ++k) {
      Row r = src[k];
      Event e;
      if (u.own && r.kind == RowKind::Frame) {
        if (r.handle < s.pending_.size()) e = std::move(s.pending_[r.handle]);
        if (r.handle < handle_to_row.size()) handle_to_row[r.handle] = s.rows.size();
      } else if (!u.own && !s.rows.empty() && r.frame_kind == FrameKind::Beacon) {
        r.section = s.rows.back().section;  // a changed beacon inside the run keeps the section
      }
      s.rows.push_back(std::move(r));
      s.events.push_back(std::move(e));
    }
  };
  while (i < uo.size() || j < ua.size()) {
    bool take_ambient = j < ua.size() &&
                        (i >= uo.size() || ambient[ua[j].begin].time_ns < own[uo[i].begin].time_ns);
    if (take_ambient) {
      emit(ambient, ua[j++]);
    } else {
      emit(own, uo[i++]);
    }
  }
  s.pending_.clear();
  s.pending_.shrink_to_fit();
  auto map = [&](std::size_t hnd) {
    if (hnd == kNoRow) return kNoRow;
    return hnd < handle_to_row.size() ? handle_to_row[hnd]
                                      : (s.rows.empty() ? 0 : s.rows.size() - 1);
  };
  for (auto& a : s.attempts) {
    a.first_row = map(a.first_row);
    a.last_row = map(a.last_row);
  }
  for (auto& m : s.messages) m.row = map(m.row);
  for (auto& k : s.keys) k.row = map(k.row);
  for (auto& d : s.dir_) d.reasm.reset();
  s.ladder_ = LadderBuilder(lo_);  // its rows now live in s.rows
}

void Tracker::finish() {
  if (finished_) return;
  finished_ = true;
  for (auto& s : sessions_) finish_session(s);
  ap_ladders_.clear();
  sta_probes_.clear();
}

}  // namespace wps::analyzer
