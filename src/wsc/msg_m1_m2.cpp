// M1 / M2 / M2D. Attribute order = hostapd's (WPS-FACTS §6.1-6.3, interop REPORT "The
// attributes seen in each message"; [H-enr wps_build_m1], [H-reg wps_build_m2, wps_build_m2d]).
#include "wsc/msg_m1_m2.hpp"

#include "wsc/codec_util.hpp"
#include "wsc/schema.hpp"

namespace wps::wsc {

using detail::need_fixed;
using detail::need_u16;
using detail::need_u32;
using detail::need_u8;

namespace {

// The registrar-side common block of M2 and M2D: Auth/Encr/Conn Type Flags, Config Methods,
// device attributes, RF Bands, Association State.
template <typename M>
void write_registrar_block(TlvWriter& w, const M& m) {
  w.u16(AttrType::AuthenticationTypeFlags, m.auth_type_flags);
  w.u16(AttrType::EncryptionTypeFlags, m.encr_type_flags);
  w.u8(AttrType::ConnectionTypeFlags, m.connection_type_flags);
  w.u16(AttrType::ConfigMethods, m.config_methods);
  detail::write_device_info(w, m.device);
  w.u8(AttrType::RfBands, m.rf_bands);
  w.u16(AttrType::AssociationState, static_cast<std::uint16_t>(m.association_state));
}

template <typename M>
Result<void> read_common(const AttrList& l, M& m) {
  WPS_TRY_ASSIGN(m.auth_type_flags, need_u16(l, AttrType::AuthenticationTypeFlags));
  WPS_TRY_ASSIGN(m.encr_type_flags, need_u16(l, AttrType::EncryptionTypeFlags));
  WPS_TRY_ASSIGN(m.connection_type_flags, need_u8(l, AttrType::ConnectionTypeFlags));
  WPS_TRY_ASSIGN(m.config_methods, need_u16(l, AttrType::ConfigMethods));
  WPS_TRY_ASSIGN(m.device, detail::read_device_info(l));
  WPS_TRY_ASSIGN(m.rf_bands, need_u8(l, AttrType::RfBands));
  WPS_TRY_ASSIGN(auto assoc, need_u16(l, AttrType::AssociationState));
  m.association_state = static_cast<AssociationState>(assoc);
  WPS_TRY_ASSIGN(auto err, need_u16(l, AttrType::ConfigurationError));
  m.config_error = static_cast<ConfigError>(err);
  WPS_TRY_ASSIGN(m.os_version, need_u32(l, AttrType::OsVersion));
  WPS_TRY_ASSIGN(VendorExtensions ve, parse_vendor_extensions(l));
  m.wfa_ext = std::move(ve.wfa);
  m.vendor_ext = std::move(ve.other);
  return ok();
}

}  // namespace

Bytes build_m1(const M1& m) {
  TlvWriter w = detail::start_message(MsgType::M1);
  w.bytes(AttrType::UuidE, m.uuid_e.view());
  w.bytes(AttrType::MacAddress, m.mac_address.view());
  w.bytes(AttrType::EnrolleeNonce, m.enrollee_nonce.view());
  w.bytes(AttrType::PublicKey, m.public_key.view());
  w.u16(AttrType::AuthenticationTypeFlags, m.auth_type_flags);
  w.u16(AttrType::EncryptionTypeFlags, m.encr_type_flags);
  w.u8(AttrType::ConnectionTypeFlags, m.connection_type_flags);
  w.u16(AttrType::ConfigMethods, m.config_methods);
  w.u8(AttrType::WpsState, static_cast<std::uint8_t>(m.wps_state));
  detail::write_device_info(w, m.device);
  w.u8(AttrType::RfBands, m.rf_bands);
  w.u16(AttrType::AssociationState, static_cast<std::uint16_t>(m.association_state));
  // M1 order: Device Password ID, then Configuration Error (reversed in M2, §6.2).
  w.u16(AttrType::DevicePasswordId, static_cast<std::uint16_t>(m.device_password_id));
  w.u16(AttrType::ConfigurationError, static_cast<std::uint16_t>(m.config_error));
  w.u32(AttrType::OsVersion, m.os_version);
  write_vendor_extensions(w, m.wfa_ext, m.vendor_ext);
  return w.take();
}

Bytes build_m2(const M2& m, const crypto::AuthKey& auth_key, ByteView m1) {
  TlvWriter w = detail::start_message(MsgType::M2);
  w.bytes(AttrType::EnrolleeNonce, m.enrollee_nonce.view());
  w.bytes(AttrType::RegistrarNonce, m.registrar_nonce.view());
  w.bytes(AttrType::UuidR, m.uuid_r.view());
  w.bytes(AttrType::PublicKey, m.public_key.view());
  write_registrar_block(w, m);
  w.u16(AttrType::ConfigurationError, static_cast<std::uint16_t>(m.config_error));
  w.u16(AttrType::DevicePasswordId, static_cast<std::uint16_t>(m.device_password_id));
  w.u32(AttrType::OsVersion, m.os_version);
  write_vendor_extensions(w, m.wfa_ext, m.vendor_ext);
  if (m.encrypted_settings) w.bytes(AttrType::EncryptedSettings, *m.encrypted_settings);
  return detail::finish_authenticated(std::move(w), auth_key, m1);
}

Bytes build_m2d(const M2D& m) {
  TlvWriter w = detail::start_message(MsgType::M2D);
  w.bytes(AttrType::EnrolleeNonce, m.enrollee_nonce.view());
  w.bytes(AttrType::RegistrarNonce, m.registrar_nonce.view());
  w.bytes(AttrType::UuidR, m.uuid_r.view());
  write_registrar_block(w, m);
  w.u16(AttrType::ConfigurationError, static_cast<std::uint16_t>(m.config_error));
  w.u32(AttrType::OsVersion, m.os_version);
  write_vendor_extensions(w, m.wfa_ext, m.vendor_ext);
  return w.take();
}

Result<M1> parse_m1(ByteView msg) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_message(msg, MsgType::M1, kSchemaM1));
  M1 m;
  WPS_TRY_ASSIGN(m.uuid_e, need_fixed<Uuid>(l, AttrType::UuidE));
  WPS_TRY_ASSIGN(m.mac_address, need_fixed<MacAddr>(l, AttrType::MacAddress));
  WPS_TRY_ASSIGN(m.enrollee_nonce, need_fixed<EnrolleeNonce>(l, AttrType::EnrolleeNonce));
  WPS_TRY_ASSIGN(m.public_key, need_fixed<crypto::DhPublicKey>(l, AttrType::PublicKey));
  WPS_TRY_ASSIGN(auto state, need_u8(l, AttrType::WpsState));
  m.wps_state = static_cast<WpsState>(state);
  WPS_TRY_ASSIGN(auto dpid, need_u16(l, AttrType::DevicePasswordId));
  m.device_password_id = static_cast<DevicePasswordId>(dpid);
  WPS_TRY(read_common(l, m));
  return m;
}

Result<M2> parse_m2(ByteView msg) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_message(msg, MsgType::M2, kSchemaM2));
  M2 m;
  WPS_TRY_ASSIGN(m.enrollee_nonce, need_fixed<EnrolleeNonce>(l, AttrType::EnrolleeNonce));
  WPS_TRY_ASSIGN(m.registrar_nonce, need_fixed<RegistrarNonce>(l, AttrType::RegistrarNonce));
  WPS_TRY_ASSIGN(m.uuid_r, need_fixed<Uuid>(l, AttrType::UuidR));
  WPS_TRY_ASSIGN(m.public_key, need_fixed<crypto::DhPublicKey>(l, AttrType::PublicKey));
  WPS_TRY_ASSIGN(auto dpid, need_u16(l, AttrType::DevicePasswordId));
  m.device_password_id = static_cast<DevicePasswordId>(dpid);
  WPS_TRY(read_common(l, m));
  if (const Attr* es = l.first(AttrType::EncryptedSettings)) {
    m.encrypted_settings = Bytes(es->value.begin(), es->value.end());
  }
  return m;
}

Result<M2D> parse_m2d(ByteView msg) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_message(msg, MsgType::M2D, kSchemaM2D));
  M2D m;
  WPS_TRY_ASSIGN(m.enrollee_nonce, need_fixed<EnrolleeNonce>(l, AttrType::EnrolleeNonce));
  WPS_TRY_ASSIGN(m.registrar_nonce, need_fixed<RegistrarNonce>(l, AttrType::RegistrarNonce));
  WPS_TRY_ASSIGN(m.uuid_r, need_fixed<Uuid>(l, AttrType::UuidR));
  WPS_TRY(read_common(l, m));
  return m;
}

}  // namespace wps::wsc
