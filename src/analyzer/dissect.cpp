#include "analyzer/dissect.hpp"

#include <bitset>

#include "analyzer/text.hpp"
#include "dot11/ie.hpp"
#include "pcap/linktype.hpp"
#include "pcap/radiotap.hpp"
#include "wsc/msg_discovery.hpp"
#include "wsc/schema.hpp"

namespace wps::analyzer {
namespace {

using wsc::AttrType;

std::uint16_t rd16be(const std::uint8_t* p) {
  return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}
std::uint16_t rd16le(const std::uint8_t* p) {
  return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
MacAddr mac_at(ByteView v, std::size_t at) {
  std::array<std::uint8_t, 6> a{};
  for (std::size_t i = 0; i < 6; ++i) a[i] = v[at + i];
  return MacAddr(a);
}
std::string attr_label(std::uint16_t type) {
  return std::string(wsc::attr_name(type)) + " (" + hex0x(type, 4) + ")";
}

// ---------------------------------------------------------------------------------------------
// Lenient WSC TLV walk shared by EAP-WSC messages and WPS IEs. Presence is tracked in a bitset
// over 0x1000..0x107f (every type that a schema names) so the schema check needs no allocation.

constexpr std::uint16_t kBitBase = 0x1000;
constexpr std::size_t kBits = 128;

struct WalkState {
  std::bitset<kBits> seen;
  std::uint16_t last_type = 0;
  std::uint16_t count = 0;
  bool framing_ok = true;
};

bool seen(const WalkState& w, AttrType t) {
  auto v = wsc::to_u16(t);
  return v >= kBitBase && v < kBitBase + kBits && w.seen.test(v - kBitBase);
}

template <typename OnAttr>
WalkState walk_attrs(ByteView data, bool partial, std::size_t base, std::vector<Finding>& out,
                     OnAttr&& on_attr) {
  WalkState w;
  std::size_t pos = 0;
  while (pos < data.size()) {
    if (data.size() - pos < 4) {
      if (!partial) {
        out.push_back({Severity::Warning, Errc::AttrTruncated,
                       static_cast<std::uint32_t>(base + pos),
                       dec(data.size() - pos) + " stray octet(s) after the last WSC attribute"});
        w.framing_ok = false;
      }
      break;
    }
    std::uint16_t type = rd16be(&data[pos]);
    std::uint16_t len = rd16be(&data[pos + 2]);
    if (data.size() - pos - 4 < len) {
      if (!partial) {
        out.push_back({Severity::Warning, Errc::AttrTruncated,
                       static_cast<std::uint32_t>(base + pos),
                       attr_label(type) + " declares " + dec(unsigned{len}) + " octets, only " +
                           dec(data.size() - pos - 4) + " present"});
        w.framing_ok = false;
      }
      break;
    }
    ByteView value = data.subspan(pos + 4, len);
    ++w.count;
    bool usable = true;
    if (const auto* info = wsc::attr_info(type)) {
      if (!info->length_ok(len)) {
        std::string rule = info->min_len == info->max_len
                               ? dec(unsigned{info->min_len})
                               : dec(unsigned{info->min_len}) + ".." + dec(unsigned{info->max_len});
        out.push_back(
            {Severity::Warning, Errc::AttrBadLength, static_cast<std::uint32_t>(base + pos),
             std::string(info->name) + " has length " + dec(unsigned{len}) + ", expected " + rule});
        // Text longer than its limit is still shown; a fixed-size value of the wrong size is not
        // decoded.
        usable = info->kind == wsc::ValueKind::Text;
      }
      if (type >= kBitBase && type < kBitBase + kBits) {
        if (w.seen.test(type - kBitBase) && !info->repeatable) {
          out.push_back({Severity::Warning, Errc::AttrDuplicate,
                         static_cast<std::uint32_t>(base + pos),
                         std::string(info->name) + " appears more than once"});
          usable = false;  // keep the first occurrence
        }
        w.seen.set(type - kBitBase);
      }
    }
    w.last_type = type;
    if (usable) on_attr(type, value, base + pos);
    pos += 4 + std::size_t{len};
  }
  return w;
}

void check_schema_bits(const WalkState& w, const wsc::Schema& s, std::size_t base,
                       std::vector<Finding>& out) {
  for (AttrType t : s.required) {
    if (!seen(w, t)) {
      out.push_back({Severity::Warning, Errc::AttrMissing, static_cast<std::uint32_t>(base),
                     std::string(s.name) + " lacks the mandatory " + attr_label(wsc::to_u16(t))});
    }
  }
  for (AttrType t : s.forbidden) {
    if (seen(w, t)) {
      out.push_back({Severity::Warning, Errc::AttrForbidden, static_cast<std::uint32_t>(base),
                     std::string(s.name) + " must not carry " + attr_label(wsc::to_u16(t))});
    }
  }
  if (s.authenticator_last && seen(w, AttrType::Authenticator) &&
      w.last_type != wsc::to_u16(AttrType::Authenticator)) {
    out.push_back({Severity::Warning, Errc::AuthenticatorNotLast, static_cast<std::uint32_t>(base),
                   std::string(s.name) + ": the Authenticator is not the last attribute"});
  }
}

template <typename T, std::size_t N>
std::optional<T> fixed(ByteView v) {
  if (v.size() != N) return std::nullopt;
  return T::from(v);
}

std::optional<std::string_view> text(ByteView v) {
  return as_chars(v);
}

/// WFA vendor extension sub-elements (WPS-FACTS §4). Calls on_sub(id, data) for each.
template <typename OnSub>
void walk_wfa(ByteView value, std::size_t at, std::vector<Finding>& out, OnSub&& on_sub) {
  if (value.size() < 3 || value[0] != wsc::kWfaVendorId[0] || value[1] != wsc::kWfaVendorId[1] ||
      value[2] != wsc::kWfaVendorId[2]) {
    return;  // another vendor's extension: kept raw, nothing to decode
  }
  std::size_t pos = 3;
  while (pos < value.size()) {
    if (value.size() - pos < 2 || value.size() - pos - 2 < value[pos + 1]) {
      out.push_back({Severity::Warning, Errc::VendorExtMalformed,
                     static_cast<std::uint32_t>(at + 4 + pos),
                     "WFA vendor extension: sub-element " + hex0x(value[pos], 2) +
                         " runs past the attribute"});
      return;
    }
    std::uint8_t id = value[pos];
    ByteView d = value.subspan(pos + 2, value[pos + 1]);
    if (const auto* si = wsc::wfa_subelem_info(id); si && !si->length_ok(d.size())) {
      out.push_back({Severity::Warning, Errc::VendorExtMalformed,
                     static_cast<std::uint32_t>(at + 4 + pos),
                     "WFA " + std::string(si->name) + " has length " + dec(d.size())});
    } else {
      on_sub(id, d);
    }
    pos += 2 + d.size();
  }
}

// ---------------------------------------------------------------------------------------------
// Link layers

void dissect_eapol(ByteView payload, std::size_t base, Frame& f);
void dissect_dot11(ByteView frame, std::size_t base, Frame& f, bool detect_fcs);

void dissect_ethertype(std::uint16_t ethertype, ByteView payload, std::size_t base, Frame& f) {
  f.ethertype = ethertype;
  // 0x88C7: RSN pre-authentication, EAPOL framing as well.
  if (ethertype == eap::kEtherTypeEapol || ethertype == 0x88c7) dissect_eapol(payload, base, f);
}

void dissect_ethernet(ByteView p, Frame& f) {
  f.link = LinkKind::Ethernet;
  f.kind = FrameKind::Wired;
  if (p.size() < eap::kEthernetHeaderLen) {
    f.add(Severity::Error, Errc::Truncated, 0,
          "Ethernet header cut short (" + dec(p.size()) + " of 14 octets)");
    return;
  }
  f.dst = mac_at(p, 0);
  f.src = mac_at(p, 6);
  std::size_t at = 12;
  std::uint16_t et = rd16be(&p[at]);
  if (et == 0x8100 || et == 0x88a8) {  // one VLAN tag
    if (p.size() < 18) {
      f.add(Severity::Error, Errc::Truncated, at, "VLAN tag cut short");
      return;
    }
    at += 4;
    et = rd16be(&p[at]);
  }
  dissect_ethertype(et, p.subspan(at + 2), at + 2, f);
}

void dissect_cooked(ByteView p, bool v2, Frame& f) {
  f.link = LinkKind::Cooked;
  f.kind = FrameKind::Wired;
  std::size_t hl = v2 ? 20 : 16;
  if (p.size() < hl) {
    f.add(Severity::Error, Errc::Truncated, 0, "Linux cooked header cut short");
    return;
  }
  std::uint16_t protocol = v2 ? rd16be(&p[0]) : rd16be(&p[14]);
  std::uint16_t hatype = v2 ? rd16be(&p[8]) : rd16be(&p[2]);
  std::uint16_t halen = v2 ? p[11] : rd16be(&p[4]);
  std::size_t addr_at = v2 ? 12 : 6;
  if (halen == 6) f.src = mac_at(p, addr_at);
  ByteView payload = p.subspan(hl);
  // ARPHRD_IEEE80211 (801) and ARPHRD_IEEE80211_RADIOTAP (803): the payload is the 802.11 frame.
  if (hatype == 801) {
    f.src.reset();
    dissect_dot11(payload, hl, f, true);
    return;
  }
  if (hatype == 803) {
    f.src.reset();
    auto d = pcap::strip_radiotap(payload);
    if (!d) {
      f.add(Severity::Error, d.error().code, hl + d.error().offset, "radiotap header unreadable");
      return;
    }
    dissect_dot11(d->frame, hl + d->offset, f, false);
    return;
  }
  dissect_ethertype(protocol, payload, hl, f);
}

// ---------------------------------------------------------------------------------------------
// 802.11

FrameKind mgmt_kind(std::uint8_t subtype) {
  switch (static_cast<dot11::MgmtSubtype>(subtype)) {
    case dot11::MgmtSubtype::Beacon: return FrameKind::Beacon;
    case dot11::MgmtSubtype::ProbeRequest: return FrameKind::ProbeRequest;
    case dot11::MgmtSubtype::ProbeResponse: return FrameKind::ProbeResponse;
    case dot11::MgmtSubtype::Authentication: return FrameKind::Authentication;
    case dot11::MgmtSubtype::AssociationRequest: return FrameKind::AssociationRequest;
    case dot11::MgmtSubtype::AssociationResponse: return FrameKind::AssociationResponse;
    case dot11::MgmtSubtype::ReassociationRequest: return FrameKind::ReassociationRequest;
    case dot11::MgmtSubtype::ReassociationResponse: return FrameKind::ReassociationResponse;
    case dot11::MgmtSubtype::Disassociation: return FrameKind::Disassociation;
    case dot11::MgmtSubtype::Deauthentication: return FrameKind::Deauthentication;
    case dot11::MgmtSubtype::Action:
    case dot11::MgmtSubtype::ActionNoAck: return FrameKind::Action;
    default: return FrameKind::OtherManagement;
  }
}

const wsc::Schema* ie_schema(FrameKind k) {
  switch (k) {
    case FrameKind::Beacon: return &wsc::kSchemaBeacon;
    case FrameKind::ProbeRequest: return &wsc::kSchemaProbeRequest;
    case FrameKind::ProbeResponse: return &wsc::kSchemaProbeResponse;
    case FrameKind::AssociationRequest:
    case FrameKind::ReassociationRequest: return &wsc::kSchemaAssocRequest;
    case FrameKind::AssociationResponse:
    case FrameKind::ReassociationResponse: return &wsc::kSchemaAssocResponse;
    default: return nullptr;
  }
}

WpsIeInfo decode_ie(ByteView attrs, std::vector<Finding>& findings, WalkState& w);

void dissect_elements(ByteView region, std::size_t base, Frame& f) {
  dot11::ElementReader rd(region, base);
  std::size_t first_wps = 0;
  for (;;) {
    auto e = rd.next();
    if (!e) {
      f.add(Severity::Warning, Errc::Dot11BadIe, e.error().offset,
            "element at offset " + dec(std::uint64_t{e.error().offset}) +
                " runs past the end of the frame");
      break;
    }
    if (!*e) break;
    const dot11::ElementView& el = **e;
    switch (el.id) {
      case static_cast<std::uint8_t>(dot11::ElementId::Ssid):
        if (!f.mgmt.ssid) {
          f.mgmt.ssid = el.data;
          if (el.data.size() > dot11::kMaxSsidLength) {
            f.add(Severity::Warning, Errc::Dot11BadIe, el.offset,
                  "SSID element of " + dec(el.data.size()) + " octets (at most 32)");
          }
        }
        break;
      case static_cast<std::uint8_t>(dot11::ElementId::DsParameterSet):
        if (el.data.size() == 1) f.mgmt.channel = el.data[0];
        break;
      case 61:  // HT Operation: primary channel first (used when there is no DS Parameter Set)
        if (!f.mgmt.channel && !el.data.empty()) f.mgmt.channel = el.data[0];
        break;
      case static_cast<std::uint8_t>(dot11::ElementId::Rsn):
        if (!f.mgmt.rsn) f.mgmt.rsn = el.data;
        break;
      case static_cast<std::uint8_t>(dot11::ElementId::VendorSpecific):
        if (dot11::is_wps_element(el.id, el.data)) {
          if (f.mgmt.wps_ie_count == 0) first_wps = el.offset + 6;
          if (f.mgmt.wps_ie_count < 255) ++f.mgmt.wps_ie_count;
          f.wps_buffer.insert(f.wps_buffer.end(), el.data.begin() + 4, el.data.end());
        }
        break;
      default: break;
    }
  }
  if (f.mgmt.wps_ie_count > 0) {
    std::size_t before = f.findings.size();
    WalkState w;
    f.wps_ie = decode_ie(f.wps_buffer, f.findings, w);
    // Offsets of the IE findings are relative to the joined attributes; anchor them at the first
    // WPS IE (exact unless the attributes straddle several IEs).
    for (std::size_t i = before; i < f.findings.size(); ++i) {
      f.findings[i].offset += static_cast<std::uint32_t>(first_wps);
    }
    if (const auto* s = ie_schema(f.kind); s && w.framing_ok) {
      check_schema_bits(w, *s, first_wps, f.findings);
    }
    // WPS-FACTS §2.4: with Selected Registrar = 1 the Device Password ID and the Selected
    // Registrar Config Methods are mandatory.
    if ((f.kind == FrameKind::Beacon || f.kind == FrameKind::ProbeResponse) &&
        f.wps_ie.selected_registrar.value_or(false) &&
        (!f.wps_ie.device_password_id || !f.wps_ie.sel_reg_config_methods)) {
      f.add(Severity::Warning, Errc::AttrMissing, first_wps,
            "WPS IE: Selected Registrar = 1 without Device Password ID / Selected Registrar "
            "Config Methods");
    }
    // The strict codec of msg_discovery for the (rare) probe and association frames: it also
    // judges the vendor extensions and its own conditional rules. Beacons (frequent) get the
    // table checks above only.
    if (f.findings.size() == before && w.framing_ok) {
      Result<void> strict = ok();
      auto keep = [&](const auto& r) {
        if (!r) strict = unexpected(r.error());
      };
      switch (f.kind) {
        case FrameKind::ProbeRequest: keep(wsc::parse_probe_request_ie(f.wps_buffer)); break;
        case FrameKind::ProbeResponse: keep(wsc::parse_probe_response_ie(f.wps_buffer)); break;
        case FrameKind::AssociationRequest:
        case FrameKind::ReassociationRequest:
          keep(wsc::parse_assoc_request_ie(f.wps_buffer));
          break;
        case FrameKind::AssociationResponse:
        case FrameKind::ReassociationResponse:
          keep(wsc::parse_assoc_response_ie(f.wps_buffer));
          break;
        default: break;
      }
      if (!strict) {
        f.add(Severity::Warning, strict.error().code, first_wps + strict.error().offset,
              "WPS IE rejected by the strict parser: " + describe(strict.error()));
      }
    }
  }
}

void dissect_mgmt(ByteView frame, std::size_t hl, std::size_t base, Frame& f) {
  f.kind = mgmt_kind(f.dot11->fc.subtype);
  ByteView body = frame.subspan(hl);
  std::size_t b = base + hl;
  if (f.dot11->protected_frame()) {
    f.add(Severity::Note, Errc::Ok, b, "protected management frame: body encrypted");
    return;
  }
  ByteReader r(body, b);
  auto need = [&](std::size_t n, const char* what) {
    if (r.remaining() >= n) return true;
    f.add(Severity::Error, Errc::Truncated, r.offset(),
          std::string(what) + " cut short (" + dec(r.remaining()) + " of " + dec(n) + " octets)");
    return false;
  };
  switch (f.kind) {
    case FrameKind::Beacon:
    case FrameKind::ProbeResponse:
      if (!need(12, "fixed fields")) return;
      f.mgmt.timestamp = r.u64le();
      f.mgmt.beacon_interval = r.u16le();
      f.mgmt.capability = r.u16le();
      break;
    case FrameKind::ProbeRequest: break;
    case FrameKind::Authentication:
      if (!need(6, "authentication fields")) return;
      f.mgmt.auth_algorithm = r.u16le();
      f.mgmt.auth_seq = r.u16le();
      f.mgmt.status = r.u16le();
      break;
    case FrameKind::AssociationRequest:
      if (!need(4, "association request fields")) return;
      f.mgmt.capability = r.u16le();
      f.mgmt.listen_interval = r.u16le();
      break;
    case FrameKind::ReassociationRequest:
      if (!need(10, "reassociation request fields")) return;
      f.mgmt.capability = r.u16le();
      f.mgmt.listen_interval = r.u16le();
      f.mgmt.current_ap = mac_at(body, 4);
      r.skip(6);
      break;
    case FrameKind::AssociationResponse:
    case FrameKind::ReassociationResponse:
      if (!need(6, "association response fields")) return;
      f.mgmt.capability = r.u16le();
      f.mgmt.status = r.u16le();
      f.mgmt.aid = static_cast<std::uint16_t>(*r.u16le() & 0x3fff);
      break;
    case FrameKind::Deauthentication:
    case FrameKind::Disassociation:
      if (!need(2, "reason code")) return;
      f.mgmt.reason = r.u16le();
      return;  // trailing elements (vendor, MME) are not needed
    case FrameKind::Action:
      if (!need(1, "action category")) return;
      f.mgmt.action_category = r.u8();
      return;
    default: return;
  }
  dissect_elements(r.rest(), r.offset(), f);
}

void dissect_protected_body(ByteView body, std::size_t b, Frame& f) {
  if (body.size() < 4) {
    f.data.cipher = Cipher::Unknown;
    f.add(Severity::Warning, Errc::Truncated, b, "protected body shorter than a security header");
    return;
  }
  f.data.key_id = static_cast<std::uint8_t>(body[3] >> 6);
  if ((body[3] & 0x20) == 0) {
    f.data.cipher = Cipher::Wep;
    return;
  }
  if (body.size() < 8) {
    f.data.cipher = Cipher::Unknown;
    f.add(Severity::Warning, Errc::Truncated, b, "extended IV header cut short");
    return;
  }
  auto hi = [&] {
    return (std::uint64_t{body[4]} << 16) | (std::uint64_t{body[5]} << 24) |
           (std::uint64_t{body[6]} << 32) | (std::uint64_t{body[7]} << 40);
  };
  // CCMP header: PN0 PN1 0 (ExtIV|KeyID) PN2..PN5 (the third octet is reserved, zero).
  // TKIP header: TSC1 WEPSeed TSC0 (ExtIV|KeyID) TSC2..TSC5, WEPSeed = (TSC1 | 0x20) & 0x7f.
  bool tkip_pattern = body[1] == ((body[0] | 0x20) & 0x7f);
  if (body[2] == 0) {
    f.data.cipher = Cipher::Ccmp;
    f.data.pn = std::uint64_t{body[0]} | (std::uint64_t{body[1]} << 8) | hi();
  } else if (tkip_pattern) {
    f.data.cipher = Cipher::Tkip;
    f.data.pn = std::uint64_t{body[2]} | (std::uint64_t{body[0]} << 8) | hi();
  } else {
    f.data.cipher = Cipher::Unknown;
  }
}

void dissect_data(ByteView frame, std::size_t hl, std::size_t base, Frame& f) {
  std::uint8_t st = f.dot11->fc.subtype;
  if (st & 0x04) {
    f.kind = FrameKind::NullData;
    return;
  }
  f.kind = FrameKind::Data;
  ByteView body = frame.subspan(hl);
  std::size_t b = base + hl;
  f.data.body_length = body.size();
  if (f.dot11->protected_frame()) {
    dissect_protected_body(body, b, f);
    return;
  }
  if (f.dot11->qos_control && (*f.dot11->qos_control & 0x80)) {
    f.add(Severity::Note, Errc::Ok, b, "A-MSDU body not decoded");
    return;
  }
  if (body.size() < 8 || body[0] != 0xaa || body[1] != 0xaa || body[2] != 0x03 || body[3] != 0 ||
      body[4] != 0 || body[5] != 0) {
    if (!body.empty()) {
      f.add(Severity::Note, Errc::Ok, b, "data body is not LLC/SNAP (RFC 1042) encapsulated");
    }
    return;
  }
  dissect_ethertype(rd16be(&body[6]), body.subspan(8), b + 8, f);
}

void dissect_dot11(ByteView frame, std::size_t base, Frame& f, bool detect_fcs) {
  f.link = LinkKind::Dot11;
  if (frame.size() < 2) {
    f.add(Severity::Error, Errc::Truncated, base, "802.11 frame shorter than its Frame Control");
    return;
  }
  Dot11Header h;
  h.fc = dot11::FrameControl::from_u16(rd16le(frame.data()));
  if (h.fc.protocol_version != 0) {
    f.add(Severity::Error, Errc::Dot11BadFrameControl, base,
          "802.11 protocol version " + dec(unsigned{h.fc.protocol_version}) + " (not 0)");
    return;
  }
  if (detect_fcs && !(h.fc.type == dot11::FrameType::Data && h.fc.flags.protected_frame)) {
    auto s = dot11::strip_fcs(frame, dot11::FcsMode::Detect);
    if (s && s->size() != frame.size()) {
      frame = *s;
      f.radio.fcs_removed = true;
    }
  }
  if (frame.size() >= 4) h.duration = rd16le(&frame[2]);
  if (h.fc.type == dot11::FrameType::Control) {
    f.kind = FrameKind::Control;
    if (frame.size() >= 10) h.ra = mac_at(frame, 4);
    std::uint8_t st = h.fc.subtype;
    if ((st == 8 || st == 9 || st == 10 || st == 11 || st == 14 || st == 15) &&
        frame.size() >= 16) {
      h.ta = mac_at(frame, 10);
    }
    h.header_length = frame.size() < 16 ? frame.size() : 16;
    f.dot11 = h;
    return;
  }
  if (h.fc.type == dot11::FrameType::Extension) {
    f.kind = FrameKind::Unknown;
    f.dot11 = h;
    f.add(Severity::Note, Errc::Dot11UnsupportedFrame, base, "802.11 extension frame not decoded");
    return;
  }
  std::size_t hl = 24;
  bool qos = h.fc.type == dot11::FrameType::Data && (h.fc.subtype & 0x08);
  bool a4 = h.fc.type == dot11::FrameType::Data && h.fc.flags.to_ds && h.fc.flags.from_ds;
  if (a4) hl += 6;
  if (qos) hl += 2;
  if (h.fc.flags.order && (qos || h.fc.type == dot11::FrameType::Management)) hl += 4;
  if (frame.size() < 24) {
    f.kind = h.fc.type == dot11::FrameType::Management ? mgmt_kind(h.fc.subtype) : FrameKind::Data;
    if (frame.size() >= 10) h.ra = mac_at(frame, 4);
    if (frame.size() >= 16) h.ta = mac_at(frame, 10);
    f.dot11 = h;
    f.add(Severity::Error, Errc::Truncated, base,
          "802.11 header cut short (" + dec(frame.size()) + " of 24 octets)");
    return;
  }
  MacAddr a1 = mac_at(frame, 4), a2 = mac_at(frame, 10), a3 = mac_at(frame, 16);
  h.ra = a1;
  h.ta = a2;
  h.seq = dot11::SequenceControl::from_u16(rd16le(&frame[22]));
  if (frame.size() < hl) {
    f.dot11 = h;
    f.kind = h.fc.type == dot11::FrameType::Management ? mgmt_kind(h.fc.subtype) : FrameKind::Data;
    f.add(Severity::Error, Errc::Truncated, base + 24,
          "802.11 header cut short (" + dec(frame.size()) + " of " + dec(hl) + " octets)");
    return;
  }
  h.header_length = hl;
  if (h.fc.type == dot11::FrameType::Management) {
    h.da = a1;
    h.sa = a2;
    h.bssid = a3;
    f.dot11 = h;
    f.src = a2;
    f.dst = a1;
    dissect_mgmt(frame, hl, base, f);
    return;
  }
  // Data: address mapping by the DS bits (WPS-FACTS §2.1).
  bool to = h.fc.flags.to_ds, from = h.fc.flags.from_ds;
  if (!to && !from) {
    h.da = a1, h.sa = a2, h.bssid = a3;
  } else if (to && !from) {
    h.bssid = a1, h.sa = a2, h.da = a3;
  } else if (!to && from) {
    h.da = a1, h.bssid = a2, h.sa = a3;
  } else {
    h.da = a3, h.sa = mac_at(frame, 24);
  }
  if (qos) h.qos_control = rd16le(&frame[a4 ? 30 : 24]);
  f.dot11 = h;
  f.src = h.sa;
  f.dst = h.da;
  dissect_data(frame, hl, base, f);
}

// ---------------------------------------------------------------------------------------------
// EAPOL, EAP, EAP-WSC, EAPOL-Key

wpa2::KeyMessage lenient_key_message(std::uint16_t ki, bool nonce_zero) {
  using namespace wpa2::key_info;
  bool pairwise = ki & kPairwise, ack = ki & kAck, mic = ki & kMic, install = ki & kInstall,
       secure = ki & kSecure;
  if (ki & kRequest) return wpa2::KeyMessage::None;
  if (pairwise) {
    if (ack && !mic) return wpa2::KeyMessage::Pairwise1;
    if (ack && mic && install) return wpa2::KeyMessage::Pairwise3;
    if (!ack && mic) {
      if (secure) return wpa2::KeyMessage::Pairwise4;
      // WPA1 message 4 has no Secure bit: told apart from message 2 by its zero nonce.
      return nonce_zero ? wpa2::KeyMessage::Pairwise4 : wpa2::KeyMessage::Pairwise2;
    }
    return wpa2::KeyMessage::None;
  }
  if (ack && mic) return wpa2::KeyMessage::Group1;
  if (!ack && mic) return wpa2::KeyMessage::Group2;
  return wpa2::KeyMessage::None;
}

void dissect_key(ByteView eapol_frame, std::size_t base, Frame& f) {
  if (eapol_frame.size() < wpa2::kEapolKeyMinLen) {
    f.add(Severity::Error, Errc::Truncated, base + eapol_frame.size(),
          "EAPOL-Key frame cut short (" + dec(eapol_frame.size()) + " of at least 99 octets)");
    return;
  }
  EapolKeyInfo k;
  const std::uint8_t* p = eapol_frame.data();
  k.descriptor_type = p[4];
  k.key_info = rd16be(p + 5);
  k.key_length = rd16be(p + 7);
  for (int i = 0; i < 8; ++i) k.replay_counter = (k.replay_counter << 8) | p[9 + i];
  std::copy(p + 17, p + 49, k.nonce.begin());
  std::copy(p + 81, p + 97, k.mic.begin());
  k.key_data_length = rd16be(p + 97);
  std::size_t body_len = rd16be(p + 2);
  if (k.descriptor_type != wpa2::kKeyDescriptorRsn && k.descriptor_type != 254) {
    f.add(Severity::Warning, Errc::KeyBadDescriptor, base + 4,
          "EAPOL-Key descriptor type " + dec(unsigned{k.descriptor_type}) +
              " (2 = RSN, 254 = WPA)");
  }
  if (95 + std::size_t{k.key_data_length} != body_len) {
    f.add(Severity::Warning, Errc::BadLength, base + 97,
          "Key Data Length " + dec(unsigned{k.key_data_length}) + " does not fit the body length " +
              dec(body_len));
  }
  k.frame = eapol_frame;
  k.message = lenient_key_message(k.key_info, k.nonce_is_zero());
  if (k.message == wpa2::KeyMessage::None) {
    f.add(Severity::Warning, Errc::KeyBadInfo, base + 5,
          "Key Information " + hex0x(k.key_info, 4) + " fits no handshake message");
  } else if (k.descriptor_type == wpa2::kKeyDescriptorRsn && !wpa2::classify(k.key_info)) {
    f.add(Severity::Note, Errc::KeyBadInfo, base + 5,
          "Key Information " + hex0x(k.key_info, 4) + " is not the textbook value of " +
              std::string(wpa2::to_string(k.message)) + " (descriptor version " +
              dec(static_cast<unsigned>(k.key_info & wpa2::key_info::kVersionMask)) + ")");
  }
  f.key = k;
}

void dissect_wsc(ByteView vendor_data, std::size_t base, Frame& f) {
  auto w = eap::parse_wsc_payload(vendor_data, base);
  if (!w) {
    f.add(Severity::Error, w.error().code, w.error().offset,
          "EAP-WSC header malformed (" + std::string(to_string(w.error().code)) + ")");
    return;
  }
  EapWscInfo info;
  info.op = w->op;
  info.flags = w->flags;
  info.message_length = w->message_length;
  info.data = w->data;
  info.data_offset = static_cast<std::uint32_t>(w->data_offset);
  f.eap_wsc = info;
  if (info.message_length && *info.message_length < info.data.size()) {
    f.add(Severity::Warning, Errc::WscFragInconsistent, base + 2,
          "Message Length " + dec(unsigned{*info.message_length}) + " is smaller than the " +
              dec(info.data.size()) + " octets carried");
  }
  bool carries_message = info.op == eap::WscOpCode::WscMsg || info.op == eap::WscOpCode::WscAck ||
                         info.op == eap::WscOpCode::WscNack || info.op == eap::WscOpCode::WscDone;
  if (!carries_message) {
    if (!info.data.empty()) {
      f.add(Severity::Note, Errc::TrailingBytes, info.data_offset,
            std::string(eap::to_string(info.op)) + " carries " + dec(info.data.size()) +
                " unexpected octet(s)");
    }
    return;
  }
  if (info.data.empty()) {
    f.add(Severity::Warning, Errc::AttrMissing, info.data_offset,
          std::string(eap::to_string(info.op)) + " without a WSC message");
    return;
  }
  bool first_fragment = info.message_length.has_value() && info.fragment();
  bool later_fragment = !info.message_length.has_value() && info.more_fragments();
  if (later_fragment) return;  // a middle fragment: nothing decodable on its own
  std::vector<Finding> local;
  WscMsgInfo m = decode_wsc_message(info.data, first_fragment, info.data_offset, local);
  if (!m.msg_type && !info.message_length) {
    // No LF and no Message Type: most likely the last fragment of a longer message.
    f.add(Severity::Note, Errc::Ok, info.data_offset,
          "EAP-WSC data without a Message Type (the last fragment of a longer message?)");
    return;
  }
  for (auto& x : local) f.findings.push_back(std::move(x));
  if (auto t = m.type()) {
    eap::WscOpCode want = *t == wsc::MsgType::WscAck    ? eap::WscOpCode::WscAck
                          : *t == wsc::MsgType::WscNack ? eap::WscOpCode::WscNack
                          : *t == wsc::MsgType::WscDone ? eap::WscOpCode::WscDone
                                                        : eap::WscOpCode::WscMsg;
    if (want != info.op) {
      f.add(Severity::Warning, Errc::WscBadOpCode, base,
            std::string(wsc::msg_type_name(*t)) + " sent with Op-Code " +
                std::string(eap::to_string(info.op)) + " (expected " +
                std::string(eap::to_string(want)) + ")");
    }
  }
  f.wsc = m;
}

void dissect_eap(ByteView body, std::size_t base, Frame& f) {
  if (body.size() < eap::kEapHeaderLen) {
    f.add(Severity::Error, Errc::Truncated, base,
          "EAP header cut short (" + dec(body.size()) + " of 4 octets)");
    return;
  }
  std::uint8_t code = body[0];
  if (code < 1 || code > 4) {
    f.add(Severity::Error, Errc::EapBadCode, base,
          "EAP code " + dec(unsigned{code}) + " (not 1..4)");
    return;
  }
  EapInfo e;
  e.code = static_cast<eap::EapCode>(code);
  e.id = body[1];
  e.length = rd16be(&body[2]);
  e.offset = static_cast<std::uint32_t>(base);
  std::size_t len = e.length;
  if (len < 4) {
    f.add(Severity::Error, Errc::BadLength, base + 2, "EAP length " + dec(len) + " (below 4)");
    f.eap = e;
    return;
  }
  if (len > body.size()) {
    f.add(Severity::Warning, Errc::Truncated, base + 2,
          "EAP length " + dec(len) + " but only " + dec(body.size()) + " octets present");
    len = body.size();
  }
  bool rr = e.code == eap::EapCode::Request || e.code == eap::EapCode::Response;
  if (!rr) {
    if (e.length != 4) {
      f.add(Severity::Warning, Errc::BadLength, base + 2,
            "EAP Success/Failure with length " + dec(unsigned{e.length}) + " (must be 4)");
    }
    f.eap = e;
    return;
  }
  if (len < 5) {
    f.add(Severity::Error, Errc::BadLength, base + 2, "EAP Request/Response without a Type");
    f.eap = e;
    return;
  }
  e.type = body[4];
  ByteView td = body.subspan(5, len - 5);
  if (*e.type == static_cast<std::uint8_t>(eap::EapType::Identity)) {
    e.identity = td;
    f.eap = e;
    return;
  }
  if (*e.type != static_cast<std::uint8_t>(eap::EapType::Expanded)) {
    f.eap = e;
    return;
  }
  if (td.size() < 7) {
    f.add(Severity::Error, Errc::Truncated, base + 5, "EAP expanded type header cut short");
    f.eap = e;
    return;
  }
  e.vendor_id = (std::uint32_t{td[0]} << 16) | (std::uint32_t{td[1]} << 8) | td[2];
  e.vendor_type = (std::uint32_t{td[3]} << 24) | (std::uint32_t{td[4]} << 16) |
                  (std::uint32_t{td[5]} << 8) | td[6];
  f.eap = e;
  if (*e.vendor_id == eap::kVendorIdWfa && *e.vendor_type == eap::kVendorTypeSimpleConfig) {
    dissect_wsc(td.subspan(7), base + 12, f);
  }
}

void dissect_eapol(ByteView p, std::size_t base, Frame& f) {
  if (p.size() < eap::kEapolHeaderLen) {
    f.add(Severity::Error, Errc::Truncated, base,
          "EAPOL header cut short (" + dec(p.size()) + " of 4 octets)");
    return;
  }
  EapolInfo e;
  e.version = p[0];
  e.type = p[1];
  e.body_length = rd16be(&p[2]);
  e.offset = static_cast<std::uint32_t>(base);
  f.eapol = e;
  if (e.version < 1 || e.version > 3) {
    f.add(Severity::Warning, Errc::EapolBadVersion, base,
          "EAPOL version " + dec(unsigned{e.version}) + " (not 1..3)");
  }
  std::size_t blen = e.body_length;
  if (blen > p.size() - 4) {
    f.add(Severity::Warning, Errc::Truncated, base + 2,
          "EAPOL body length " + dec(blen) + " but only " + dec(p.size() - 4) + " octets present");
    blen = p.size() - 4;
  }
  f.eapol->frame = p.first(4 + blen);
  ByteView body = p.subspan(4, blen);
  switch (e.type) {
    case static_cast<std::uint8_t>(eap::EapolType::EapPacket):
      dissect_eap(body, base + 4, f);
      break;
    case static_cast<std::uint8_t>(eap::EapolType::Key):
      dissect_key(p.first(4 + blen), base, f);
      break;
    case static_cast<std::uint8_t>(eap::EapolType::Start):
    case static_cast<std::uint8_t>(eap::EapolType::Logoff):
    case static_cast<std::uint8_t>(eap::EapolType::AsfAlert): break;
    default:
      f.add(Severity::Warning, Errc::EapolBadType, base + 1,
            "EAPOL packet type " + dec(unsigned{e.type}) + " (not 0..4)");
  }
}

void fill_radio(const pcap::RadiotapHeader& rt, Frame& f) {
  f.radio.signal_dbm = rt.fields.antenna_signal_dbm;
  f.radio.noise_dbm = rt.fields.antenna_noise_dbm;
  f.radio.freq_mhz = rt.fields.channel_mhz;
  f.radio.rate_500kbps = rt.fields.rate_500kbps;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::Note: return "note";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "?";
}

std::string_view to_string(FrameKind k) {
  switch (k) {
    case FrameKind::Unknown: return "unknown";
    case FrameKind::Beacon: return "beacon";
    case FrameKind::ProbeRequest: return "probe-request";
    case FrameKind::ProbeResponse: return "probe-response";
    case FrameKind::Authentication: return "authentication";
    case FrameKind::AssociationRequest: return "association-request";
    case FrameKind::AssociationResponse: return "association-response";
    case FrameKind::ReassociationRequest: return "reassociation-request";
    case FrameKind::ReassociationResponse: return "reassociation-response";
    case FrameKind::Disassociation: return "disassociation";
    case FrameKind::Deauthentication: return "deauthentication";
    case FrameKind::Action: return "action";
    case FrameKind::OtherManagement: return "management";
    case FrameKind::Control: return "control";
    case FrameKind::Data: return "data";
    case FrameKind::NullData: return "null-data";
    case FrameKind::Wired: return "wired";
  }
  return "?";
}

std::string_view to_string(Cipher c) {
  switch (c) {
    case Cipher::None: return "none";
    case Cipher::Wep: return "WEP";
    case Cipher::Tkip: return "TKIP";
    case Cipher::Ccmp: return "CCMP";
    case Cipher::Unknown: return "unknown";
  }
  return "?";
}

std::string_view to_string(Role r) {
  switch (r) {
    case Role::Sta: return "STA";
    case Role::Ap: return "AP";
    case Role::Unknown: return "?";
  }
  return "?";
}

std::uint16_t channel_of(std::uint16_t f) {
  if (f == 2484) return 14;
  if (f >= 2412 && f <= 2472) return static_cast<std::uint16_t>((f - 2407) / 5);
  if (f >= 5955 && f <= 7115) return static_cast<std::uint16_t>((f - 5950) / 5);
  if (f >= 5000 && f <= 5925) return static_cast<std::uint16_t>((f - 5000) / 5);
  if (f >= 4910 && f <= 4980) return static_cast<std::uint16_t>((f - 4000) / 5);
  return 0;
}

bool EapolKeyInfo::nonce_is_zero() const {
  for (auto b : nonce) {
    if (b) return false;
  }
  return true;
}
bool EapolKeyInfo::mic_is_zero() const {
  for (auto b : mic) {
    if (b) return false;
  }
  return true;
}

void Frame::reset() {
  number = 0;
  timestamp_ns = 0;
  linktype = 0;
  caplen = origlen = 0;
  link = LinkKind::Unknown;
  kind = FrameKind::Unknown;
  radio = RadioInfo{};
  src.reset();
  dst.reset();
  dot11.reset();
  mgmt = MgmtInfo{};
  wps_ie = WpsIeInfo{};
  data = DataInfo{};
  ethertype.reset();
  eapol.reset();
  eap.reset();
  eap_wsc.reset();
  wsc.reset();
  key.reset();
  findings.clear();
  wps_buffer.clear();
}

std::optional<Severity> Frame::worst() const {
  std::optional<Severity> w;
  for (const auto& x : findings) {
    if (!w || x.severity > *w) w = x.severity;
  }
  return w;
}

void Frame::add(Severity s, Errc code, std::size_t offset, std::string text) {
  findings.push_back({s, code, static_cast<std::uint32_t>(offset), std::move(text)});
}

WscMsgInfo decode_wsc_message(ByteView msg, bool partial, std::size_t base,
                              std::vector<Finding>& findings) {
  WscMsgInfo m;
  m.partial = partial;
  WalkState w =
      walk_attrs(msg, partial, base, findings, [&](std::uint16_t type, ByteView v, std::size_t at) {
        switch (static_cast<AttrType>(type)) {
          case AttrType::MessageType: m.msg_type = v[0]; break;
          case AttrType::Version: m.version = v[0]; break;
          case AttrType::EnrolleeNonce: m.enrollee_nonce = EnrolleeNonce::from(v); break;
          case AttrType::RegistrarNonce: m.registrar_nonce = RegistrarNonce::from(v); break;
          case AttrType::UuidE: m.uuid_e = Uuid::from(v); break;
          case AttrType::UuidR: m.uuid_r = Uuid::from(v); break;
          case AttrType::MacAddress: m.mac_address = MacAddr::from(v); break;
          case AttrType::PublicKey: m.public_key = v; break;
          case AttrType::EHash1: m.e_hash1 = true; break;
          case AttrType::EHash2: m.e_hash2 = true; break;
          case AttrType::RHash1: m.r_hash1 = true; break;
          case AttrType::RHash2: m.r_hash2 = true; break;
          case AttrType::EncryptedSettings: m.encrypted_settings = v; break;
          case AttrType::Authenticator: m.authenticator = v; break;
          case AttrType::ConfigurationError: m.config_error = rd16be(v.data()); break;
          case AttrType::DevicePasswordId: m.device_password_id = rd16be(v.data()); break;
          case AttrType::ConfigMethods: m.config_methods = rd16be(v.data()); break;
          case AttrType::AuthenticationTypeFlags: m.auth_type_flags = rd16be(v.data()); break;
          case AttrType::EncryptionTypeFlags: m.encr_type_flags = rd16be(v.data()); break;
          case AttrType::AssociationState: m.association_state = rd16be(v.data()); break;
          case AttrType::WpsState: m.wps_state = v[0]; break;
          case AttrType::Manufacturer: m.manufacturer = text(v); break;
          case AttrType::ModelName: m.model_name = text(v); break;
          case AttrType::ModelNumber: m.model_number = text(v); break;
          case AttrType::SerialNumber: m.serial_number = text(v); break;
          case AttrType::DeviceName: m.device_name = text(v); break;
          case AttrType::VendorExtension:
            walk_wfa(v, at, findings, [&](std::uint8_t id, ByteView d) {
              switch (static_cast<wsc::WfaSubelem>(id)) {
                case wsc::WfaSubelem::Version2: m.version2 = d[0]; break;
                case wsc::WfaSubelem::RequestToEnroll: m.request_to_enroll = d[0] != 0; break;
                case wsc::WfaSubelem::SettingsDelayTime: m.settings_delay_time = d[0]; break;
                default: break;
              }
            });
            break;
          default: break;
        }
      });
  m.attr_count = w.count;
  if (m.msg_type) {
    auto t = static_cast<wsc::MsgType>(*m.msg_type);
    if (!wsc::is_known(t)) {
      findings.push_back({Severity::Warning, Errc::UnknownMessageType,
                          static_cast<std::uint32_t>(base),
                          "unknown Message Type " + hex0x(*m.msg_type, 2)});
    } else if (!partial && w.framing_ok) {
      if (const auto* s = wsc::schema_for(t)) check_schema_bits(w, *s, base, findings);
    }
  } else if (!partial) {
    findings.push_back({Severity::Warning, Errc::AttrMissing, static_cast<std::uint32_t>(base),
                        "WSC message without a Message Type (0x1022)"});
  }
  return m;
}

namespace {
WpsIeInfo decode_ie(ByteView attrs, std::vector<Finding>& findings, WalkState& w) {
  WpsIeInfo ie;
  ie.present = true;
  w = walk_attrs(attrs, false, 0, findings, [&](std::uint16_t type, ByteView v, std::size_t at) {
    switch (static_cast<AttrType>(type)) {
      case AttrType::Version: ie.version = v[0]; break;
      case AttrType::WpsState: ie.wps_state = v[0]; break;
      case AttrType::ApSetupLocked: ie.ap_setup_locked = v[0] != 0; break;
      case AttrType::SelectedRegistrar: ie.selected_registrar = v[0] != 0; break;
      case AttrType::DevicePasswordId: ie.device_password_id = rd16be(v.data()); break;
      case AttrType::SelectedRegistrarConfigMethods:
        ie.sel_reg_config_methods = rd16be(v.data());
        break;
      case AttrType::ConfigMethods: ie.config_methods = rd16be(v.data()); break;
      case AttrType::RequestType: ie.request_type = v[0]; break;
      case AttrType::ResponseType: ie.response_type = v[0]; break;
      case AttrType::RfBands: ie.rf_bands = v[0]; break;
      case AttrType::AssociationState: ie.association_state = rd16be(v.data()); break;
      case AttrType::ConfigurationError: ie.config_error = rd16be(v.data()); break;
      case AttrType::UuidE: ie.uuid_e = Uuid::from(v); break;
      case AttrType::UuidR: ie.uuid_r = Uuid::from(v); break;
      case AttrType::Manufacturer: ie.manufacturer = text(v); break;
      case AttrType::ModelName: ie.model_name = text(v); break;
      case AttrType::ModelNumber: ie.model_number = text(v); break;
      case AttrType::SerialNumber: ie.serial_number = text(v); break;
      case AttrType::DeviceName: ie.device_name = text(v); break;
      case AttrType::PrimaryDeviceType: ie.primary_device_type = wsc::DeviceType::decode(v); break;
      case AttrType::VendorExtension:
        walk_wfa(v, at, findings, [&](std::uint8_t id, ByteView d) {
          switch (static_cast<wsc::WfaSubelem>(id)) {
            case wsc::WfaSubelem::Version2: ie.version2 = d[0]; break;
            case wsc::WfaSubelem::RequestToEnroll: ie.request_to_enroll = d[0] != 0; break;
            case wsc::WfaSubelem::AuthorizedMacs:
              for (std::size_t i = 0; i + 6 <= d.size() && ie.authorized_mac_count < 5; i += 6) {
                ie.authorized_macs[ie.authorized_mac_count++] = mac_at(d, i);
              }
              break;
            default: break;
          }
        });
        break;
      default: break;
    }
  });
  ie.attr_count = w.count;
  return ie;
}
}  // namespace

WpsIeInfo decode_wps_ie(ByteView attrs, std::vector<Finding>& findings) {
  WalkState w;
  return decode_ie(attrs, findings, w);
}

Result<void> dissect(const RawPacket& packet, Frame& f) {
  f.reset();
  f.number = packet.number;
  f.timestamp_ns = packet.timestamp_ns;
  f.linktype = packet.linktype;
  f.caplen = static_cast<std::uint32_t>(packet.data.size());
  f.origlen = packet.origlen ? packet.origlen : f.caplen;
  ByteView p = packet.data;
  if (f.origlen > f.caplen) {
    f.add(Severity::Note, Errc::Truncated, f.caplen,
          "only " + dec(unsigned{f.caplen}) + " of " + dec(unsigned{f.origlen}) +
              " octets were captured (snaplen)");
  }
  switch (packet.linktype) {
    case static_cast<int>(pcap::Linktype::Ethernet): dissect_ethernet(p, f); break;
    case static_cast<int>(pcap::Linktype::LinuxSll): dissect_cooked(p, false, f); break;
    case static_cast<int>(pcap::Linktype::LinuxSll2): dissect_cooked(p, true, f); break;
    case static_cast<int>(pcap::Linktype::Ieee80211): dissect_dot11(p, 0, f, true); break;
    case static_cast<int>(pcap::Linktype::Radiotap):
    case static_cast<int>(pcap::Linktype::Prism):
    case static_cast<int>(pcap::Linktype::Avs):
    case static_cast<int>(pcap::Linktype::Ppi): {
      auto d = pcap::dot11_frame(packet.linktype, p);
      if (!d) {
        f.add(Severity::Error, d.error().code, d.error().offset,
              std::string(packet.linktype == 127   ? "radiotap"
                          : packet.linktype == 119 ? "Prism"
                          : packet.linktype == 163 ? "AVS"
                                                   : "PPI") +
                  " header unreadable (" + std::string(to_string(d.error().code)) + ")");
        return unexpected(d.error());
      }
      if (d->radiotap) fill_radio(*d->radiotap, f);
      f.radio.fcs_removed = d->fcs_removed;
      f.radio.bad_fcs = d->bad_fcs;
      if (d->bad_fcs) {
        f.add(Severity::Warning, Errc::Dot11BadFcs, d->offset,
              "the capture flags this frame's FCS as bad: its contents may be damaged");
      }
      dissect_dot11(d->frame, d->offset, f, false);
      break;
    }
    default:
      f.add(Severity::Error, Errc::PcapBadLinktype, 0,
            "link type " + dec(packet.linktype) + " is not supported");
      return unexpected(Errc::PcapBadLinktype, 0);
  }
  if (f.link == LinkKind::Unknown || (f.kind == FrameKind::Unknown && !f.dot11 && !f.ethertype)) {
    for (const auto& x : f.findings) {
      if (x.severity == Severity::Error) return unexpected(x.code, x.offset);
    }
  }
  return ok();
}

Endpoints endpoints(const Frame& f) {
  Endpoints e;
  if (f.dot11) {
    const Dot11Header& h = *f.dot11;
    auto from_ap = [&] {
      e.from = Role::Ap;
      e.ap = h.bssid ? h.bssid : h.ta;
      if (!h.ra.is_group()) e.sta = h.ra;
    };
    auto from_sta = [&] {
      e.from = Role::Sta;
      e.sta = h.ta;
      if (h.bssid && !h.bssid->is_group()) e.ap = h.bssid;
    };
    switch (f.kind) {
      case FrameKind::Beacon:
      case FrameKind::ProbeResponse:
      case FrameKind::AssociationResponse:
      case FrameKind::ReassociationResponse: from_ap(); return e;
      case FrameKind::ProbeRequest:
      case FrameKind::AssociationRequest:
      case FrameKind::ReassociationRequest: from_sta(); return e;
      case FrameKind::Control: return e;
      default: break;
    }
    if (h.fc.type == dot11::FrameType::Data) {
      bool to = h.fc.flags.to_ds, from = h.fc.flags.from_ds;
      if (from && !to) {
        from_ap();
        return e;
      }
      if (to && !from) {
        from_sta();
        return e;
      }
      if (to && from) return e;  // WDS / mesh: no AP-STA relation
    }
    if (h.ta && h.bssid) {
      if (*h.ta == *h.bssid) {
        from_ap();
      } else {
        from_sta();
      }
    }
    return e;
  }
  // Wired / cooked: the 802.1X roles decide.
  Role r = Role::Unknown;
  if (f.eapol) {
    switch (f.eapol->type) {
      case static_cast<std::uint8_t>(eap::EapolType::Start):
      case static_cast<std::uint8_t>(eap::EapolType::Logoff): r = Role::Sta; break;
      case static_cast<std::uint8_t>(eap::EapolType::Key):
        if (f.key) r = (f.key->key_info & wpa2::key_info::kAck) ? Role::Ap : Role::Sta;
        break;
      default: break;
    }
    if (f.eap) r = f.eap->code == eap::EapCode::Response ? Role::Sta : Role::Ap;
  }
  if (r == Role::Unknown && f.dst && *f.dst == eap::kPaeGroupAddress) r = Role::Sta;
  e.from = r;
  if (r == Role::Sta) {
    e.sta = f.src;
    if (f.dst && !f.dst->is_group()) e.ap = f.dst;
  } else if (r == Role::Ap) {
    e.ap = f.src;
    if (f.dst && !f.dst->is_group()) e.sta = f.dst;
  }
  return e;
}

}  // namespace wps::analyzer
