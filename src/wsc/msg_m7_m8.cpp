// M7 / M8. Order [H-enr wps_build_m7; H-reg wps_build_m8; IO pcap]:
//   M7: Version, Type, Registrar Nonce, Encrypted Settings {E-SNonce2, [AP settings], KWA},
//       Vendor Ext, Authenticator
//   M8: Version, Type, Enrollee Nonce, Encrypted Settings {Credential... | AP settings, KWA},
//       Vendor Ext, Authenticator
#include "wsc/msg_m7_m8.hpp"

#include "wsc/codec_util.hpp"
#include "wsc/schema.hpp"

namespace wps::wsc {

using detail::need_fixed;

namespace {

// The attributes whose presence at the top level of M7/M8 settings means "AP settings".
constexpr AttrType kApSettingsMarkers[] = {
    AttrType::Ssid,           AttrType::MacAddress, AttrType::AuthenticationType,
    AttrType::EncryptionType, AttrType::NetworkKey, AttrType::NetworkKeyIndex,
    AttrType::NetworkIndex};

bool has_ap_settings(const AttrList& l) {
  for (AttrType t : kApSettingsMarkers)
    if (l.has(t)) return true;
  return false;
}

}  // namespace

crypto::SecretBytes encode_m7_settings(const M7Settings& s) {
  SecretTlvWriter w;
  w.bytes(AttrType::ESNonce2, s.e_snonce2.view());
  if (s.ap_settings) write_ap_settings_m7(w, *s.ap_settings);
  return w.take();
}

Result<M7Settings> parse_m7_settings(ByteView plaintext, std::size_t base_offset) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_container(plaintext, base_offset, kSchemaM7Settings));
  WPS_TRY_ASSIGN(const Attr* a, detail::need(l, AttrType::ESNonce2));
  M7Settings s{*crypto::ESecretNonce2::from(a->value), std::nullopt};
  if (has_ap_settings(l)) {
    WPS_TRY_ASSIGN(s.ap_settings, parse_ap_settings(l));
  }
  return s;
}

crypto::SecretBytes encode_m8_settings(const M8Settings& s) {
  SecretTlvWriter w;
  for (const Credential& c : s.credentials) write_credential(w, c);
  if (s.ap_settings) write_ap_settings_m8(w, *s.ap_settings);
  return w.take();
}

Result<M8Settings> parse_m8_settings(ByteView plaintext, std::size_t base_offset) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_container(plaintext, base_offset, kSchemaM8Settings));
  M8Settings s;
  for (const Attr& a : l) {
    if (a.type != to_u16(AttrType::Credential)) continue;
    WPS_TRY_ASSIGN(Credential c, parse_credential(a.value, a.value_offset()));
    s.credentials.push_back(std::move(c));
  }
  if (has_ap_settings(l)) {
    WPS_TRY_ASSIGN(s.ap_settings, parse_ap_settings(l));
  }
  // §6.4: M8 carries the credential(s) for a STA enrollee or the AP settings for an AP one.
  if (s.credentials.empty() && !s.ap_settings)
    return unexpected(Errc::AttrMissing, base_offset, to_u16(AttrType::Credential));
  return s;
}

Bytes build_m7(const M7& m, const crypto::AuthKey& auth_key, const crypto::KeyWrapKey& key_wrap_key,
               ByteView m6) {
  TlvWriter w = detail::start_message(MsgType::M7);
  w.bytes(AttrType::RegistrarNonce, m.registrar_nonce.view());
  const crypto::SecretBytes inner = encode_m7_settings(m.settings);
  detail::write_encrypted_settings(w, crypto::view(inner), auth_key, key_wrap_key, m.iv);
  write_vendor_extensions(w, m.wfa_ext, m.vendor_ext);
  return detail::finish_authenticated(std::move(w), auth_key, m6);
}

Bytes build_m8(const M8& m, const crypto::AuthKey& auth_key, const crypto::KeyWrapKey& key_wrap_key,
               ByteView m7) {
  WPS_ASSERT(!m.settings.credentials.empty() || m.settings.ap_settings.has_value());
  TlvWriter w = detail::start_message(MsgType::M8);
  w.bytes(AttrType::EnrolleeNonce, m.enrollee_nonce.view());
  const crypto::SecretBytes inner = encode_m8_settings(m.settings);
  detail::write_encrypted_settings(w, crypto::view(inner), auth_key, key_wrap_key, m.iv);
  write_vendor_extensions(w, m.wfa_ext, m.vendor_ext);
  return detail::finish_authenticated(std::move(w), auth_key, m7);
}

Result<SealedM7> parse_m7(ByteView msg) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_message(msg, MsgType::M7, kSchemaM7));
  SealedM7 m;
  WPS_TRY_ASSIGN(m.registrar_nonce, need_fixed<RegistrarNonce>(l, AttrType::RegistrarNonce));
  WPS_TRY(detail::read_sealed_rest(l, m));
  return m;
}

Result<SealedM8> parse_m8(ByteView msg) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_message(msg, MsgType::M8, kSchemaM8));
  SealedM8 m;
  WPS_TRY_ASSIGN(m.enrollee_nonce, need_fixed<EnrolleeNonce>(l, AttrType::EnrolleeNonce));
  WPS_TRY(detail::read_sealed_rest(l, m));
  return m;
}

Result<M7> open_m7(const SealedM7& sealed, const crypto::AuthKey& auth_key,
                   const crypto::KeyWrapKey& key_wrap_key) {
  auto m = detail::open_sealed<M7>(sealed, auth_key, key_wrap_key, parse_m7_settings);
  if (m) m->registrar_nonce = sealed.registrar_nonce;
  return m;
}

Result<M8> open_m8(const SealedM8& sealed, const crypto::AuthKey& auth_key,
                   const crypto::KeyWrapKey& key_wrap_key) {
  auto m = detail::open_sealed<M8>(sealed, auth_key, key_wrap_key, parse_m8_settings);
  if (m) m->enrollee_nonce = sealed.enrollee_nonce;
  return m;
}

}  // namespace wps::wsc
