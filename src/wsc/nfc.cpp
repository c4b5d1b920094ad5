#include "wsc/nfc.hpp"

#include <algorithm>

#include "base/assert.hpp"
#include "crypto/crypto.hpp"

namespace wps::wsc {

namespace {

constexpr std::uint8_t kMb = 0x80, kMe = 0x40, kSr = 0x10, kIl = 0x08;
constexpr std::uint8_t kTnfMediaType = 0x02;

std::uint32_t at_offset(std::size_t v) {
  return static_cast<std::uint32_t>(std::min<std::size_t>(v, 0xffffffffu));
}

}  // namespace

Bytes ndef_wrap(ByteView payload, std::string_view type) {
  WPS_ASSERT(type.size() <= 255);
  WPS_ASSERT(payload.size() <= kNdefMaxPayload);
  const bool short_record = payload.size() < 256;
  Bytes out;
  out.reserve(6 + type.size() + payload.size());
  out.push_back(static_cast<std::uint8_t>(kMb | kMe | (short_record ? kSr : 0) | kTnfMediaType));
  out.push_back(static_cast<std::uint8_t>(type.size()));
  if (short_record) {
    out.push_back(static_cast<std::uint8_t>(payload.size()));
  } else {
    const auto n = static_cast<std::uint32_t>(payload.size());
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<std::uint8_t>(n >> s));
  }
  out.insert(out.end(), type.begin(), type.end());
  out.insert(out.end(), payload.begin(), payload.end());
  return out;
}

Result<ByteView> ndef_payload(ByteView ndef, std::string_view type) {
  std::size_t pos = 0;
  while (pos < ndef.size()) {
    const std::size_t rec = pos;
    const std::uint8_t flags = ndef[pos];
    // flags, TYPE_LENGTH and the shortest PAYLOAD_LENGTH
    if (ndef.size() - pos < 3) return unexpected(Errc::Truncated, at_offset(rec));
    const std::size_t type_len = ndef[pos + 1];
    pos += 2;
    std::size_t payload_len = 0;
    if ((flags & kSr) != 0) {
      payload_len = ndef[pos];
      pos += 1;
    } else {
      if (ndef.size() - pos < 4) return unexpected(Errc::Truncated, at_offset(pos));
      payload_len = static_cast<std::size_t>(ndef[pos]) << 24 |
                    static_cast<std::size_t>(ndef[pos + 1]) << 16 |
                    static_cast<std::size_t>(ndef[pos + 2]) << 8 | ndef[pos + 3];
      if (payload_len > kNdefMaxPayload) return unexpected(Errc::TooLarge, at_offset(pos));
      pos += 4;
    }
    std::size_t id_len = 0;
    if ((flags & kIl) != 0) {
      if (pos >= ndef.size()) return unexpected(Errc::Truncated, at_offset(pos));
      id_len = ndef[pos];
      pos += 1;
    }
    if (ndef.size() - pos < type_len) return unexpected(Errc::Truncated, at_offset(pos));
    const ByteView rec_type = ndef.subspan(pos, type_len);
    pos += type_len;
    if (ndef.size() - pos < id_len) return unexpected(Errc::Truncated, at_offset(pos));
    pos += id_len;
    if (ndef.size() - pos < payload_len) return unexpected(Errc::Truncated, at_offset(pos));
    const ByteView payload = ndef.subspan(pos, payload_len);
    pos += payload_len;
    if (std::equal(rec_type.begin(), rec_type.end(), type.begin(), type.end(),
                   [](std::uint8_t a, char b) { return a == static_cast<std::uint8_t>(b); })) {
      return payload;
    }
  }
  return unexpected(Errc::AttrMissing, at_offset(ndef.size()));
}

PublicKeyHash public_key_hash(ByteView public_key) {
  WPS_ASSERT(public_key.size() == kPublicKeyLength);
  const crypto::Sha256 h = crypto::sha256(public_key);
  PublicKeyHash out{};
  std::copy_n(h.begin(), out.size(), out.begin());
  return out;
}

std::string device_password_text(ByteView raw_password) {
  return to_hex_upper(raw_password);
}

Result<OobDevicePassword> parse_oob_device_password(ByteView value, std::size_t base_offset) {
  constexpr auto kType = to_u16(AttrType::OobDevicePassword);
  const auto at = at_offset(base_offset);
  if (value.size() < 22 || value.size() > 54) return unexpected(Errc::AttrBadLength, at, kType);
  OobDevicePassword o;
  std::copy_n(value.begin(), o.public_key_hash.size(), o.public_key_hash.begin());
  o.device_password_id = static_cast<std::uint16_t>(value[20] << 8 | value[21]);
  if (o.device_password_id < kFirstTokenDpid && o.device_password_id != kHandoverDpid) {
    return unexpected(Errc::AttrBadValue, at_offset(base_offset + 20), kType);
  }
  // hostapd's rule: a password under 16 octets only for connection handover.
  if (value.size() < 38 && o.device_password_id != kHandoverDpid) {
    return unexpected(Errc::AttrBadLength, at, kType);
  }
  o.password.assign(value.begin() + 22, value.end());
  return o;
}

Bytes build_password_token(const OobDevicePassword& oob) {
  WPS_ASSERT(oob.password.size() <= 32);
  Bytes v(oob.public_key_hash.begin(), oob.public_key_hash.end());
  v.push_back(static_cast<std::uint8_t>(oob.device_password_id >> 8));
  v.push_back(static_cast<std::uint8_t>(oob.device_password_id));
  v.insert(v.end(), oob.password.begin(), oob.password.end());
  TlvWriter w;
  w.bytes(AttrType::OobDevicePassword, v);
  write_vendor_extensions(w, WfaExtension::v2(), {});
  return w.take();
}

Bytes build_config_token(const Credential& cred, std::uint8_t rf_bands,
                         std::optional<std::uint16_t> ap_channel, const MacAddr& ap_mac) {
  SecretTlvWriter w;
  write_credential(w, cred);
  w.u8(AttrType::RfBands, rf_bands);
  if (ap_channel) w.u16(AttrType::ApChannel, *ap_channel);
  w.bytes(AttrType::MacAddress, ap_mac.view());
  write_vendor_extensions(w, WfaExtension::v2(), {});
  crypto::SecretBytes s = w.take();
  return Bytes(s.begin(), s.end());
}

namespace {

Bytes carrier_payload(TlvWriter& w) {
  Bytes attrs = w.take();
  WPS_ASSERT(attrs.size() <= 0xFFFF);
  // The length goes in front: written into the first two octets of a buffer of the final size.
  Bytes out(attrs.size() + 2);
  out[0] = static_cast<std::uint8_t>(attrs.size() >> 8);
  out[1] = static_cast<std::uint8_t>(attrs.size());
  std::copy(attrs.begin(), attrs.end(), out.begin() + 2);
  return out;
}

Bytes handover_oob(const PublicKeyHash& hash) {
  Bytes v(hash.begin(), hash.end());
  v.push_back(static_cast<std::uint8_t>(kHandoverDpid >> 8));
  v.push_back(static_cast<std::uint8_t>(kHandoverDpid));
  return v;
}

/// A bare carrier payload: a 2-octet length that covers exactly the rest, then a WSC attribute.
bool is_carrier(ByteView p) {
  return p.size() >= 6 && ((std::size_t{p[0]} << 8) | p[1]) == p.size() - 2 && p[2] == 0x10;
}

}  // namespace

Bytes build_handover_request(const PublicKeyHash& hash, const Uuid& uuid_e) {
  TlvWriter w;
  w.bytes(AttrType::OobDevicePassword, handover_oob(hash));
  w.bytes(AttrType::UuidE, uuid_e.view());
  write_vendor_extensions(w, WfaExtension::v2(), {});
  return carrier_payload(w);
}

Bytes build_handover_select(const PublicKeyHash& hash, ByteView ssid, const MacAddr& bssid,
                            std::optional<std::uint8_t> rf_bands,
                            std::optional<std::uint16_t> ap_channel) {
  TlvWriter w;
  w.bytes(AttrType::OobDevicePassword, handover_oob(hash));
  w.bytes(AttrType::Ssid, ssid);
  if (rf_bands) w.u8(AttrType::RfBands, *rf_bands);
  if (ap_channel) w.u16(AttrType::ApChannel, *ap_channel);
  w.bytes(AttrType::MacAddress, bssid.view());
  write_vendor_extensions(w, WfaExtension::v2(), {});
  return carrier_payload(w);
}

Result<Token> read_token(ByteView data) {
  // The daemons refuse anything shorter than 4 octets (not even one TLV header).
  if (data.size() < 4) return unexpected(Errc::BadLength, 0);
  Token t;
  ByteView attrs = data;
  if (data[0] != 0x10 && !is_carrier(data)) {
    WPS_TRY_ASSIGN(attrs, ndef_payload(data));
    t.ndef = true;
  }
  if (is_carrier(attrs)) {
    attrs = attrs.subspan(2);
    t.carrier = true;
  }
  t.attributes.assign(attrs.begin(), attrs.end());
  const ByteView a(t.attributes.data(), t.attributes.size());
  WPS_TRY_ASSIGN(AttrList list, tokenize(a));
  WPS_TRY_ASSIGN(VendorExtensions ext, parse_vendor_extensions(list));
  std::optional<std::uint8_t> version;
  if (const Attr* v = list.first(AttrType::Version)) version = v->value[0];
  if (const Attr* oob = list.first(AttrType::OobDevicePassword)) {
    PasswordToken p;
    WPS_TRY_ASSIGN(p.oob, parse_oob_device_password(oob->value, oob->value_offset()));
    if (p.oob.device_password_id == kHandoverDpid) {
      if (const Attr* u = list.first(AttrType::UuidE)) {
        HandoverRequest r;
        r.public_key_hash = p.oob.public_key_hash;
        auto uuid = Uuid::from(u->value);
        if (!uuid)
          return unexpected(Errc::AttrBadLength, u->value_offset(), to_u16(AttrType::UuidE));
        r.uuid_e = *uuid;
        r.version2 = ext.wfa.version2;
        t.body = std::move(r);
        return t;
      }
      if (const Attr* ss = list.first(AttrType::Ssid)) {
        HandoverSelect sel;
        sel.public_key_hash = p.oob.public_key_hash;
        sel.ssid.assign(ss->value.begin(), ss->value.end());
        if (const Attr* rf = list.first(AttrType::RfBands)) sel.rf_bands = rf->value[0];
        if (const Attr* ch = list.first(AttrType::ApChannel)) {
          sel.ap_channel = static_cast<std::uint16_t>(ch->value[0] << 8 | ch->value[1]);
        }
        if (const Attr* m = list.first(AttrType::MacAddress)) {
          sel.mac_address = MacAddr::from(m->value);
        }
        sel.version2 = ext.wfa.version2;
        t.body = std::move(sel);
        return t;
      }
      return unexpected(Errc::AttrMissing, at_offset(a.size()), to_u16(AttrType::UuidE));
    }
    p.version = version;
    p.version2 = ext.wfa.version2;
    t.body = std::move(p);
    return t;
  }
  auto creds = list.all(AttrType::Credential);
  if (creds.empty()) {
    return unexpected(Errc::AttrMissing, at_offset(a.size()), to_u16(AttrType::OobDevicePassword));
  }
  ConfigToken c;
  for (const Attr& cr : creds) {
    WPS_TRY_ASSIGN(Credential x, parse_credential(cr.value, cr.value_offset()));
    c.credentials.push_back(std::move(x));
  }
  if (const Attr* rf = list.first(AttrType::RfBands)) c.rf_bands = rf->value[0];
  if (const Attr* ch = list.first(AttrType::ApChannel)) {
    c.ap_channel = static_cast<std::uint16_t>(ch->value[0] << 8 | ch->value[1]);
  }
  if (const Attr* m = list.first(AttrType::MacAddress)) c.mac_address = MacAddr::from(m->value);
  c.version = version;
  c.version2 = ext.wfa.version2;
  t.body = std::move(c);
  return t;
}

}  // namespace wps::wsc
