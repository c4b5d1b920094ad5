#include "analyzer/ladder.hpp"

#include <algorithm>

#include "analyzer/text.hpp"
#include "pcap/reader.hpp"

namespace wps::analyzer {
namespace {

std::string eap_type_name(std::uint8_t t) {
  switch (t) {
    case 1: return "Identity";
    case 2: return "Notification";
    case 3: return "Nak";
    case 4: return "MD5-Challenge";
    case 13: return "TLS";
    case 21: return "TTLS";
    case 25: return "PEAP";
    case 43: return "FAST";
    case 254: return "Expanded";
    default: return "type " + dec(unsigned{t});
  }
}

std::string ethertype_name(std::uint16_t et) {
  switch (et) {
    case 0x0800: return "IPv4";
    case 0x86dd: return "IPv6";
    case 0x0806: return "ARP";
    default: return "ethertype " + hex0x(et, 4);
  }
}

std::string wsc_label(const Frame& f) {
  const EapWscInfo& w = *f.eap_wsc;
  switch (w.op) {
    case eap::WscOpCode::WscStart: return "WSC_Start";
    case eap::WscOpCode::WscFragAck: return "WSC_FRAG_ACK";
    default: break;
  }
  if (f.wsc && f.wsc->msg_type) {
    auto t = f.wsc->type();
    if (!t) return "WSC message " + hex0x(*f.wsc->msg_type, 2);
    std::string s(wsc::msg_type_name(*t));
    if ((*t == wsc::MsgType::M2D || *t == wsc::MsgType::WscNack) && f.wsc->config_error) {
      s += " (config error " + dec(unsigned{*f.wsc->config_error}) + ")";
    }
    return s;
  }
  return std::string(eap::to_string(w.op));
}

std::string eap_label(const Frame& f) {
  const EapInfo& e = *f.eap;
  switch (e.code) {
    case eap::EapCode::Success: return "EAP-Success";
    case eap::EapCode::Failure: return "EAP-Failure";
    default: break;
  }
  std::string dir = e.code == eap::EapCode::Request ? "EAP-Request" : "EAP-Response";
  if (!e.type) return dir;
  if (f.eap_wsc) return wsc_label(f);
  if (*e.type == 1) {
    std::string s = dir + "/Identity";
    if (e.identity && !e.identity->empty()) s += " " + printable(*e.identity, 64);
    return s;
  }
  if (*e.type == 254 && e.vendor_id) {
    return dir + "/Expanded (vendor " + hex0x(*e.vendor_id, 6) + ", type " +
           dec(std::uint64_t{e.vendor_type.value_or(0)}) + ")";
  }
  return dir + "/" + eap_type_name(*e.type);
}

std::string key_label(const EapolKeyInfo& k) {
  switch (k.message) {
    case wpa2::KeyMessage::Pairwise1: return "EAPOL-Key 1/4";
    case wpa2::KeyMessage::Pairwise2: return "EAPOL-Key 2/4";
    case wpa2::KeyMessage::Pairwise3: return "EAPOL-Key 3/4";
    case wpa2::KeyMessage::Pairwise4: return "EAPOL-Key 4/4";
    case wpa2::KeyMessage::Group1: return "EAPOL-Key group 1/2";
    case wpa2::KeyMessage::Group2: return "EAPOL-Key group 2/2";
    case wpa2::KeyMessage::None: break;
  }
  return "EAPOL-Key (key info " + hex0x(k.key_info, 4) + ")";
}

std::string eapol_label(const Frame& f) {
  switch (f.eapol->type) {
    case 0: return f.eap ? eap_label(f) : "EAP packet";
    case 1: return "EAPOL-Start";
    case 2: return "EAPOL-Logoff";
    case 3: return f.key ? key_label(*f.key) : "EAPOL-Key";
    case 4: return "EAPOL-ASF-Alert";
    default: return "EAPOL type " + dec(unsigned{f.eapol->type});
  }
}

std::string ie_suffix(const Frame& f, bool with_rsn) {
  std::string s;
  if (f.wps_ie.present) s = "WPS IE";
  if (with_rsn && f.mgmt.rsn) s += s.empty() ? "RSN IE" : ", RSN IE";
  return s.empty() ? "" : " (" + s + ")";
}

void append_beacon_label(const Frame& f, const char* what, std::string& s) {
  s += what;
  if (!f.wps_ie.present) return;
  s += " (WPS IE";
  if (f.wps_ie.selected_registrar.value_or(false)) {
    s += ", Selected Registrar";
    if (f.wps_ie.device_password_id) {
      auto id = *f.wps_ie.device_password_id;
      if (id == 0) {
        s += ": PIN";
      } else if (id == 4) {
        s += ": PBC";
      } else {
        s += ": DPID " + hex0x(id, 4);
      }
    }
  }
  if (f.wps_ie.ap_setup_locked.value_or(false)) s += ", AP Setup Locked";
  s += ")";
}

std::string beacon_label(const Frame& f, const char* what) {
  std::string s;
  append_beacon_label(f, what, s);
  return s;
}

void append_data_label(const Frame& f, std::string& s) {
  if (f.data.cipher != Cipher::None) {
    s += "Data (protected, ";
    s += to_string(f.data.cipher);
    s += ")";
  } else if (f.ethertype) {
    s += "Data (" + ethertype_name(*f.ethertype) + ")";
  } else {
    s += "Data";
  }
}

}  // namespace

std::string_view to_string(Section s) {
  switch (s) {
    case Section::Discovery: return "Discovery";
    case Section::Round1: return "Round 1";
    case Section::Wps: return "WPS";
    case Section::Round2: return "Round 2";
    case Section::FourWay: return "4-way handshake";
    case Section::Data: return "Data";
  }
  return "?";
}

std::string frame_label(const Frame& f) {
  if (f.eapol) return eapol_label(f);
  switch (f.kind) {
    case FrameKind::Beacon: return beacon_label(f, "Beacon");
    case FrameKind::ProbeRequest: return "Probe Request" + ie_suffix(f, false);
    case FrameKind::ProbeResponse: return beacon_label(f, "Probe Response");
    case FrameKind::Authentication: {
      std::string s = "Authentication (";
      if (f.mgmt.auth_algorithm && *f.mgmt.auth_algorithm != 0) {
        auto a = *f.mgmt.auth_algorithm;
        s += a == 1   ? "Shared Key, "
             : a == 2 ? "FT, "
             : a == 3 ? "SAE, "
                      : "algorithm " + dec(unsigned{a}) + ", ";
      }
      s += "seq " + (f.mgmt.auth_seq ? dec(unsigned{*f.mgmt.auth_seq}) : std::string("?"));
      if (f.mgmt.status && *f.mgmt.status != 0) s += ", status " + dec(unsigned{*f.mgmt.status});
      return s + ")";
    }
    case FrameKind::AssociationRequest: return "Association Request" + ie_suffix(f, true);
    case FrameKind::ReassociationRequest: return "Reassociation Request" + ie_suffix(f, true);
    case FrameKind::AssociationResponse:
    case FrameKind::ReassociationResponse: {
      std::string s = f.kind == FrameKind::AssociationResponse ? "Association Response ("
                                                               : "Reassociation Response (";
      s += "status " + (f.mgmt.status ? dec(unsigned{*f.mgmt.status}) : std::string("?"));
      if (f.mgmt.status && *f.mgmt.status == 0 && f.mgmt.aid)
        s += ", AID " + dec(unsigned{*f.mgmt.aid});
      s += ")";
      if (f.wps_ie.present) s += " (WPS IE)";
      return s;
    }
    case FrameKind::Deauthentication:
    case FrameKind::Disassociation: {
      std::string s = f.kind == FrameKind::Deauthentication ? "Deauthentication" : "Disassociation";
      if (f.mgmt.reason) return s + " (reason " + dec(unsigned{*f.mgmt.reason}) + ")";
      if (f.dot11 && f.dot11->protected_frame()) return s + " (protected)";
      return s;
    }
    case FrameKind::Action:
      return f.mgmt.action_category
                 ? "Action (category " + dec(unsigned{*f.mgmt.action_category}) + ")"
                 : "Action";
    case FrameKind::Data: {
      std::string s;
      append_data_label(f, s);
      return s;
    }
    default: return "";
  }
}

LadderBuilder::LadderBuilder(LadderOptions options) : opt_(options) {}

Section LadderBuilder::section_for(const Frame& f, FrameKind k) {
  if (f.eapol) {
    if (f.eapol->type == 3) return Section::FourWay;
    if (f.eap && (f.eap->code == eap::EapCode::Failure || f.eap->code == eap::EapCode::Success)) {
      wps_done_ = true;
    }
    return Section::Wps;
  }
  switch (k) {
    case FrameKind::Beacon:
      return entries_.empty() || section_ == Section::Discovery ? Section::Discovery : section_;
    case FrameKind::ProbeRequest:
    case FrameKind::ProbeResponse: return Section::Discovery;
    case FrameKind::Authentication: return wps_done_ ? Section::Round2 : Section::Round1;
    case FrameKind::AssociationRequest:
    case FrameKind::ReassociationRequest:
      if (f.wps_ie.present) {
        wps_done_ = false;
        assoc_section_ = Section::Round1;
      } else {
        assoc_section_ = wps_done_ ? Section::Round2 : Section::Round1;
      }
      return assoc_section_;
    case FrameKind::AssociationResponse:
    case FrameKind::ReassociationResponse: return assoc_section_;
    case FrameKind::Data: return Section::Data;
    default: return section_;
  }
}

std::string LadderBuilder::fragment_label(const Frame& f, Role from, std::string label) {
  Frag& st = frag_[static_cast<int>(from)];
  const EapWscInfo& w = *f.eap_wsc;
  bool carries = w.op == eap::WscOpCode::WscMsg || w.op == eap::WscOpCode::WscAck ||
                 w.op == eap::WscOpCode::WscNack || w.op == eap::WscOpCode::WscDone;
  if (!carries) return label;
  if (w.message_length && w.more_fragments()) {  // first fragment
    st.active = true;
    st.name = label;
    st.count = 1;
    st.received = w.data.size();
    st.total = *w.message_length;
  } else if (st.active) {
    ++st.count;
    st.received += w.data.size();
  } else {
    return w.more_fragments() ? label + " (fragment)" : label;
  }
  std::string s = st.name + " (fragment " + dec(unsigned{st.count}) + ", " + dec(st.received) +
                  "/" + dec(st.total) + " octets";
  if (!w.more_fragments()) {
    s += st.received == st.total ? ", reassembled" : ", incomplete";
    st.active = false;
  }
  return s + ")";
}

std::optional<std::size_t> LadderBuilder::add(const Frame& f) {
  collapsed_into_.reset();
  if (f.kind == FrameKind::Control || f.kind == FrameKind::NullData) return std::nullopt;
  if (f.kind == FrameKind::Wired && !f.eapol) return std::nullopt;
  Endpoints ep = endpoints(f);
  if (ep.from == Role::Unknown) return std::nullopt;
  // The frequent frames (data, beacons) are labelled into a reused buffer: no allocation per
  // frame once their group exists.
  std::string& label = label_buf_;
  label.clear();
  if (!f.eapol && f.kind == FrameKind::Data) {
    append_data_label(f, label);
  } else if (!f.eapol && f.kind == FrameKind::Beacon) {
    append_beacon_label(f, "Beacon", label);
  } else {
    label = frame_label(f);
  }
  if (label.empty()) return std::nullopt;
  if (!opt_.time_base_ns) opt_.time_base_ns = f.timestamp_ns;
  if (f.eap_wsc) label = fragment_label(f, ep.from, std::move(label));
  bool retry = f.dot11 && f.dot11->retry();
  if (retry) label += " (retry)";

  Section sec = section_for(f, f.kind);
  std::int64_t t = f.timestamp_ns - *opt_.time_base_ns;
  ++shown_;

  // Collapsing.
  const char* noun = nullptr;
  bool per_epoch = true;
  switch (f.eapol ? FrameKind::Unknown : f.kind) {
    case FrameKind::Beacon:
      noun = "beacons";
      per_epoch = false;
      break;
    case FrameKind::ProbeRequest: noun = "probe requests"; break;
    case FrameKind::ProbeResponse: noun = "probe responses"; break;
    case FrameKind::Data: noun = "data frames"; break;
    default: break;
  }
  if (sec != section_ && !(noun && !per_epoch)) {
    section_ = sec;
    ++epoch_;
  }
  if (opt_.collapse && noun) {
    GroupKeyView key{static_cast<int>(f.kind), static_cast<int>(ep.from), per_epoch ? epoch_ : 0u,
                     label};
    auto it = groups_.find(key);
    if (it != groups_.end()) {
      Entry& e = entries_[it->second];
      ++e.more;
      e.more_last = t;
      e.more_noun = noun;
      collapsed_into_ = it->second;
      return std::nullopt;
    }
    if (opt_.max_rows == 0 || entries_.size() < opt_.max_rows) {
      groups_.emplace(GroupKey{key.kind, key.from, key.epoch, label}, entries_.size());
    }
  }
  if (opt_.max_rows != 0 && entries_.size() >= opt_.max_rows) {
    --shown_;
    ++over_limit_;
    return std::nullopt;
  }
  Entry e;
  e.row.kind = RowKind::Frame;
  e.row.time_ns = t;
  e.row.from = ep.from;
  e.row.to = ep.from == Role::Sta ? Role::Ap : Role::Sta;
  e.row.label = label;
  e.row.section = sec;
  e.row.frame = f.number;
  e.row.frame_kind = f.kind;
  e.row.retry = retry;
  e.row.worst = f.worst();
  e.row.handle = static_cast<std::uint32_t>(entries_.size());
  // Authentication rows take the round of the association that follows them.
  if (f.kind == FrameKind::Authentication) {
    pending_auth_.push_back(entries_.size());
  } else if (f.kind == FrameKind::AssociationRequest || f.kind == FrameKind::ReassociationRequest) {
    for (std::size_t i : pending_auth_) entries_[i].row.section = sec;
    pending_auth_.clear();
  } else if (f.eapol) {
    pending_auth_.clear();
  }
  entries_.push_back(std::move(e));
  return entries_.size() - 1;
}

std::vector<Row> LadderBuilder::rows() const {
  std::vector<Row> out;
  out.reserve(entries_.size() + 8);
  for (const Entry& e : entries_) {
    out.push_back(e.row);
    if (e.more > 0) {
      Row s;
      s.kind = RowKind::Summary;
      s.time_ns = e.row.time_ns;
      s.last_time_ns = e.more_last;
      s.from = e.row.from;
      s.to = e.row.to;
      s.section = e.row.section;
      s.frame_kind = e.row.frame_kind;
      s.handle = e.row.handle;
      s.count = e.more;
      s.label = "… " + dec(unsigned{e.more}) + " more " +
                (e.more == 1 ? e.more_noun.substr(0, e.more_noun.size() - 1) : e.more_noun);
      // "probe requests" -> "probe request" for one; "data frames" -> "data frame".
      out.push_back(std::move(s));
    }
  }
  return out;
}

std::vector<Row> build_ladder(std::span<const Frame> frames, LadderOptions options) {
  LadderBuilder b(options);
  for (const Frame& f : frames) b.add(f);
  return b.rows();
}

Result<std::vector<Row>> ladder_from_capture(const std::filesystem::path& path,
                                             LadderOptions options) {
  WPS_TRY_ASSIGN(pcap::Reader reader, pcap::Reader::open(path));
  LadderBuilder b(options);
  Frame f;
  std::uint64_t n = 0;
  for (;;) {
    auto p = reader.next();
    if (!p || !*p) break;
    RawPacket raw{(*p)->data, (*p)->linktype, (*p)->timestamp_ns, (*p)->origlen, ++n};
    (void)dissect(raw, f);
    b.add(f);
  }
  return b.rows();
}

// ---------------------------------------------------------------------------------------------
// Renderers

std::string render_text(std::span<const Row> rows) {
  return render_text(rows, {});
}

std::string render_text(std::span<const Row> rows, std::span<const Annotation> notes) {
  std::size_t inner = 44;
  for (const Row& r : rows) inner = std::max(inner, text_width(r.label) + 14);
  const std::size_t time_w = 11;  // "   0.000563" / "time (s)"
  std::string out;
  // Header: STA above the left rail, AP above the right rail.
  pad_right(out, "   time (s)", time_w);
  out += "  ";
  pad_right(out, "STA", inner + 1);
  out += "AP\n";
  out.reserve(out.size() + rows.size() * (time_w + inner + 8));
  std::optional<Section> current;
  auto rule = [&](std::string_view title) {
    std::size_t total = time_w + 2 + inner + 2;
    std::string t;
    t.append(" ").append(title).append(" ");
    std::size_t tw = text_width(t);
    std::size_t left = total > tw ? (total - tw) / 2 : 0;
    std::size_t right = total > tw + left ? total - tw - left : 0;
    out.append(left, '=');
    out += t;
    out.append(right, '=');
    out += '\n';
  };
  for (const Row& r : rows) {
    if (!current || *current != r.section) {
      rule(to_string(r.section));
      current = r.section;
    }
    // Written straight into `out`: a capture can have thousands of rows.
    std::string time = r.kind == RowKind::Frame ? seconds6(r.time_ns) : "";
    if (time.size() < time_w) out.append(time_w - time.size(), ' ');
    out += time;
    out += "  |";
    if (r.kind == RowKind::Summary) {
      std::size_t tw = text_width(r.label);
      std::size_t left = inner > tw ? (inner - tw) / 2 : 0;
      out.append(left, ' ');
      out += r.label;
      std::size_t used = left + tw;
      if (used < inner) out.append(inner - used, ' ');
    } else {
      // STA -> AP: "----- label ----->"; AP -> STA: "<---- label ------".
      bool right = r.from == Role::Sta;
      std::size_t tw = text_width(r.label) + 2;  // with a space either side
      std::size_t dashes = inner > tw ? inner - tw : 0;
      std::size_t lead = right ? 4 : 5;  // "----" / "<----"
      if (lead > dashes) lead = dashes;
      if (!right) {
        out += '<';
        out.append(lead - 1, '-');
      } else {
        out.append(lead, '-');
      }
      out += ' ';
      out += r.label;
      out += ' ';
      std::size_t rest = dashes - lead;
      if (right) {
        if (rest > 0) {
          out.append(rest - 1, '-');
          out += '>';
        }
      } else {
        out.append(rest, '-');
      }
    }
    out += '|';
    std::size_t idx = static_cast<std::size_t>(&r - rows.data());
    const Annotation* a = idx < notes.size() ? &notes[idx] : nullptr;
    if (a && !a->text.empty()) {
      out += "  ";
      out += a->text;
    }
    out += '\n';
    if (a) {
      for (const auto& m : a->marks) {
        out.append(time_w, ' ');
        out += "  |";
        out.append(inner, ' ');
        out += "|  ";
        out += m;
        out += '\n';
      }
    }
  }
  return out;
}

namespace {
// Appends a Mermaid message text: ';' and '#' as entity codes, line breaks as spaces.
void append_mermaid_text(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case ';': out += "#59;"; break;
      case '#': out += "#35;"; break;
      case '\n': out += ' '; break;
      default: out.push_back(c);
    }
  }
}
}  // namespace

std::string render_mermaid(std::span<const Row> rows) {
  std::string out = "sequenceDiagram\n    participant STA\n    participant AP\n";
  std::optional<Section> current;
  for (const Row& r : rows) {
    if (!current || *current != r.section) {
      out += "    Note over STA,AP: ";
      out += to_string(r.section);
      out += '\n';
      current = r.section;
    }
    out += "    ";
    out += to_string(r.from);
    out += r.kind == RowKind::Summary ? "-->>" : "->>";
    out += to_string(r.to);
    out += ": ";
    append_mermaid_text(out, r.label);
    out += '\n';
  }
  return out;
}

}  // namespace wps::analyzer
