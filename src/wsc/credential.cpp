#include "wsc/credential.hpp"

#include "wsc/codec_util.hpp"
#include "wsc/schema.hpp"

namespace wps::wsc {
namespace {

using detail::need_fixed;
using detail::need_u16;
using detail::opt_u8;

// Fields common to a Credential and AP Settings; the caller has checked the schema.
Result<Credential> read_fields(const AttrList& list) {
  Credential c;
  c.network_index = opt_u8(list, AttrType::NetworkIndex);
  WPS_TRY_ASSIGN(const Attr* ssid, detail::need(list, AttrType::Ssid));
  // WPS-FACTS §4 / [H-attr process]: some registrars pad the SSID to 32 octets with NULs.
  ByteView s = ssid->value;
  while (!s.empty() && s.back() == 0) s = s.first(s.size() - 1);
  c.ssid = to_bytes(s);
  WPS_TRY_ASSIGN(c.auth_type, need_u16(list, AttrType::AuthenticationType));
  WPS_TRY_ASSIGN(c.encr_type, need_u16(list, AttrType::EncryptionType));
  c.network_key_index = opt_u8(list, AttrType::NetworkKeyIndex);
  if (const Attr* key = list.first(AttrType::NetworkKey)) {
    c.network_key = crypto::to_secret(key->value);
  } else if (!(c.auth_type == AuthType::Open && c.encr_type == EncrType::None)) {
    // Missing key tolerated for open networks only, as hostapd does for deployed registrars.
    return unexpected(Errc::AttrMissing, list.base_offset(), to_u16(AttrType::NetworkKey));
  }
  WPS_TRY_ASSIGN(c.mac_address, need_fixed<MacAddr>(list, AttrType::MacAddress));
  return c;
}

void write_fields(SecretTlvWriter& w, const Credential& c, bool m7_order) {
  if (c.network_index) w.u8(AttrType::NetworkIndex, *c.network_index);
  w.bytes(AttrType::Ssid, c.ssid);
  // hostapd's AP enrollee puts its BSSID right after the SSID in M7 [IO er capture]; the
  // registrar's credential order puts the MAC last [H-reg wps_build_credential].
  if (m7_order) w.bytes(AttrType::MacAddress, c.mac_address.view());
  w.u16(AttrType::AuthenticationType, c.auth_type);
  w.u16(AttrType::EncryptionType, c.encr_type);
  if (c.network_key_index) w.u8(AttrType::NetworkKeyIndex, *c.network_key_index);
  w.bytes(AttrType::NetworkKey, crypto::view(c.network_key));
  if (!m7_order) w.bytes(AttrType::MacAddress, c.mac_address.view());
}

bool is_hex_digit(std::uint8_t ch) {
  return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

}  // namespace

Result<Credential> parse_credential(ByteView value, std::size_t base_offset) {
  WPS_TRY_ASSIGN(AttrList list, detail::open_container(value, base_offset, kSchemaCredential));
  WPS_TRY_ASSIGN(Credential c, read_fields(list));
  WPS_TRY_ASSIGN(VendorExtensions ve, parse_vendor_extensions(list));
  c.wfa_ext = std::move(ve.wfa);
  c.vendor_ext = std::move(ve.other);
  return c;
}

Result<Credential> parse_ap_settings(const AttrList& list) {
  WPS_TRY(check_schema(list, kSchemaApSettings));
  return read_fields(list);
}

void write_credential(SecretTlvWriter& w, const Credential& c) {
  const std::size_t mark = w.begin_nested(AttrType::Credential);
  write_fields(w, c, /*m7_order=*/false);
  write_vendor_extensions(w, c.wfa_ext, c.vendor_ext);
  w.end_nested(mark);
}

void write_ap_settings_m8(SecretTlvWriter& w, const Credential& c) {
  write_fields(w, c, /*m7_order=*/false);
}

void write_ap_settings_m7(SecretTlvWriter& w, const Credential& c) {
  write_fields(w, c, /*m7_order=*/true);
}

NetworkKeyFormat classify_network_key(ByteView key) {
  if (key.empty()) return NetworkKeyFormat::Empty;
  if (key.size() == 64) {
    bool hex = true;
    for (std::uint8_t ch : key) hex = hex && is_hex_digit(ch);
    return hex ? NetworkKeyFormat::HexPsk : NetworkKeyFormat::Invalid;
  }
  // §10.1: a passphrase is 8..63 printable ASCII characters.
  if (key.size() < 8 || key.size() > 63) return NetworkKeyFormat::Invalid;
  for (std::uint8_t ch : key)
    if (ch < 0x20 || ch > 0x7e) return NetworkKeyFormat::Invalid;
  return NetworkKeyFormat::Passphrase;
}

Result<void> validate_credential(const Credential& c) {
  if (c.ssid.empty() || c.ssid.size() > 32)
    return unexpected(Errc::BadCredential, 0, to_u16(AttrType::Ssid));
  if ((c.encr_type & EncrType::Wep) != 0)  // §5: hostapd rejects WEP credentials
    return unexpected(Errc::BadCredential, 0, to_u16(AttrType::EncryptionType));
  if ((c.auth_type & (AuthType::WpaPsk | AuthType::Wpa2Psk)) != 0) {
    auto f = classify_network_key(crypto::view(c.network_key));
    if (f != NetworkKeyFormat::Passphrase && f != NetworkKeyFormat::HexPsk)
      return unexpected(Errc::BadCredential, 0, to_u16(AttrType::NetworkKey));
  }
  return ok();
}

}  // namespace wps::wsc
