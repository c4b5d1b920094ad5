// Sample messages with non-default values in every field, for the round-trip tests.
// (Values chosen for the tests; the byte-exact checks against real peers are the TV10 tests.)
#pragma once

#include "support/test_support.hpp"
#include "wsc/wsc.hpp"

namespace wps::wsc::samples {

inline Bytes filled(std::size_t n, std::uint8_t seed) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(seed + 7 * i);
  return b;
}
template <typename F>
F fixed(std::uint8_t seed) {
  return *F::from(filled(F::size(), seed));
}
template <typename S>
S secret(std::uint8_t seed) {
  return *S::from(filled(S::size(), seed));
}

inline crypto::AuthKey auth_key() {
  return secret<crypto::AuthKey>(0xA0);
}
inline crypto::KeyWrapKey key_wrap_key() {
  return secret<crypto::KeyWrapKey>(0xB0);
}

inline DeviceInfo device() {
  return DeviceInfo{"Manufacturer with a long-ish name",  "Model",      "No. 7", "SN-0001",
                    DeviceType{10, kWfaDeviceTypeOui, 5}, "Device Name"};
}

inline WfaExtension rich_wfa() {
  WfaExtension e = WfaExtension::v2();
  e.request_to_enroll = true;
  e.multi_ap_extension = 0x80;
  e.unknown = {WfaSubelement{0x77, {1, 2, 3}}};
  return e;
}
inline std::vector<VendorExtension> other_vendors() {
  return {VendorExtension{{0x00, 0x10, 0x18}, {0xde, 0xad}},
          VendorExtension{{0x00, 0x50, 0xf2}, {}}};
}

inline M1 m1() {
  M1 m;
  m.uuid_e = fixed<Uuid>(1);
  m.mac_address = *MacAddr::parse("02:00:00:00:0b:01");
  m.enrollee_nonce = fixed<EnrolleeNonce>(2);
  m.public_key = fixed<crypto::DhPublicKey>(3);
  m.auth_type_flags = 0x0023;
  m.encr_type_flags = 0x000D;
  m.connection_type_flags = ConnType::Ess | ConnType::Ibss;
  m.config_methods = ConfigMethod::VirtualDisplay | ConfigMethod::Keypad;
  m.wps_state = WpsState::Configured;
  m.device = device();
  m.rf_bands = RfBand::Band24GHz | RfBand::Band5GHz;
  m.association_state = AssociationState::IpFailure;
  m.device_password_id = DevicePasswordId::PushButton;
  m.config_error = ConfigError::MessageTimeout;
  m.os_version = 0x81020304;
  m.wfa_ext = rich_wfa();
  m.vendor_ext = other_vendors();
  return m;
}

inline M2 m2() {
  M2 m;
  m.enrollee_nonce = fixed<EnrolleeNonce>(2);
  m.registrar_nonce = fixed<RegistrarNonce>(4);
  m.uuid_r = fixed<Uuid>(5);
  m.public_key = fixed<crypto::DhPublicKey>(6);
  m.auth_type_flags = 0x0022;
  m.encr_type_flags = 0x000C;
  m.connection_type_flags = ConnType::Ess;
  m.config_methods = 0x238C;
  m.device = device();
  m.rf_bands = RfBand::Band5GHz;
  m.association_state = AssociationState::ConnectionSuccess;
  m.config_error = ConfigError::DeviceBusy;
  m.device_password_id = DevicePasswordId::RegistrarSpecified;
  m.os_version = 0x80000001;
  m.vendor_ext = other_vendors();
  return m;
}

inline M2D m2d() {
  M2D m;
  m.enrollee_nonce = fixed<EnrolleeNonce>(2);
  m.registrar_nonce = fixed<RegistrarNonce>(4);
  m.uuid_r = fixed<Uuid>(5);
  m.auth_type_flags = 0x0023;
  m.encr_type_flags = 0x000D;
  m.config_methods = 0x0108;
  m.device = device();
  m.config_error = ConfigError::SetupLocked;
  return m;
}

inline Credential credential(std::uint8_t seed, bool with_ext) {
  Credential c;
  c.ssid = {'n', 'e', 't', static_cast<std::uint8_t>('0' + seed)};
  c.network_key = crypto::to_secret(as_bytes("passphrase-" + std::to_string(seed)));
  c.mac_address = fixed<MacAddr>(seed);
  if (with_ext) {
    c.network_key_index = 2;
    c.wfa_ext.network_key_shareable = true;
    c.vendor_ext = other_vendors();
  }
  return c;
}

}  // namespace wps::wsc::samples
