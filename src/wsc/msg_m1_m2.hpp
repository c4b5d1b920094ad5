// M1, M2 and M2D (WPS-FACTS §6.1-6.3): typed structs, builders and parsers side by side
// (ARCHITECTURE C6).
//
// Common contract of every parse_* in the msg_*.hpp headers:
//  - input: the WSC attribute payload of one reassembled message (no EAP / op-code header);
//  - checks, in order: tokenize (Strict) -> Message Type present (AttrMissing) and equal to the
//    expected type (WrongMessageType, offset of the Message Type TLV, attr 0x1022) ->
//    check_schema (AttrMissing / AttrForbidden / AuthenticatorNotLast) -> vendor extensions
//    (VendorExtMalformed);
//  - the Version attribute is required but its value is not checked (always 0x10 on the wire);
//  - attributes outside the schema are ignored;
//  - the returned struct owns all its data (no views into the input);
//  - parse_* does NOT verify the Authenticator: call verify_authenticator() (message.hpp) with
//    the previous message first.
// Common contract of every build_*: emits Version 0x10, Message Type, then the fields in
// hostapd's order, then the WFA vendor extension (if not empty) and the other vendor
// extensions, then (M2..M8) the Authenticator computed over `prev ‖ message-so-far`.
// Preconditions (asserted): every string / octet field fits its attribute-table limit.
#pragma once

#include <cstdint>
#include <vector>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"
#include "crypto/crypto.hpp"
#include "wsc/attr_table.hpp"
#include "wsc/tlv.hpp"
#include "wsc/types.hpp"

namespace wps::wsc {

/// M1 (Enrollee -> Registrar). Field order = wire order.
struct M1 {
  Uuid uuid_e;
  MacAddr mac_address;                ///< the enrollee's MAC (KDK input, §7.2)
  EnrolleeNonce enrollee_nonce;       ///< N1
  crypto::DhPublicKey public_key;     ///< PK_E
  std::uint16_t auth_type_flags = 0;  ///< AuthType bits; hostapd/wpa_supplicant: 0x0023
  std::uint16_t encr_type_flags = 0;  ///< EncrType bits; hostapd/wpa_supplicant: 0x000D
  std::uint8_t connection_type_flags = ConnType::Ess;
  std::uint16_t config_methods = 0;  ///< ConfigMethod bits
  WpsState wps_state = WpsState::NotConfigured;
  DeviceInfo device;
  std::uint8_t rf_bands = RfBand::Band24GHz;
  AssociationState association_state = AssociationState::NotAssociated;
  DevicePasswordId device_password_id = DevicePasswordId::Default;
  ConfigError config_error = ConfigError::NoError;
  std::uint32_t os_version = 0x80000000;      ///< hostapd sets bit 31
  WfaExtension wfa_ext = WfaExtension::v2();  ///< Version2, optional Request to Enroll, Multi-AP
  std::vector<VendorExtension> vendor_ext;    ///< other vendors
  friend bool operator==(const M1&, const M1&) = default;
};

/// M2 (Registrar -> Enrollee). Note Configuration Error BEFORE Device Password ID on the wire
/// (the reverse of M1). NFC connection handover (Device Password ID 7) adds Encrypted Settings
/// with the Credential, after the vendor extensions (hostapd's order ... 1012 102D 1049 1018
/// 1005; NFC-PBC facts §8).
struct M2 {
  EnrolleeNonce enrollee_nonce;    ///< N1 echo
  RegistrarNonce registrar_nonce;  ///< N2
  Uuid uuid_r;
  crypto::DhPublicKey public_key;  ///< PK_R
  std::uint16_t auth_type_flags = 0;
  std::uint16_t encr_type_flags = 0;
  std::uint8_t connection_type_flags = ConnType::Ess;
  std::uint16_t config_methods = 0;
  DeviceInfo device;
  std::uint8_t rf_bands = RfBand::Band24GHz;
  AssociationState association_state = AssociationState::NotAssociated;
  ConfigError config_error = ConfigError::NoError;
  DevicePasswordId device_password_id = DevicePasswordId::Default;
  std::uint32_t os_version = 0x80000000;
  WfaExtension wfa_ext = WfaExtension::v2();
  std::vector<VendorExtension> vendor_ext;
  /// The Encrypted Settings attribute's value (IV ‖ ciphertext), handover only; opened with
  /// decrypt_settings() by the enrollee.
  std::optional<Bytes> encrypted_settings;
  friend bool operator==(const M2&, const M2&) = default;
};

/// M2D (Registrar -> Enrollee, "cannot register you now"): like M2 without Public Key, Device
/// Password ID and Authenticator. Never becomes the "previous message" (§7.4).
struct M2D {
  EnrolleeNonce enrollee_nonce;
  RegistrarNonce registrar_nonce;
  Uuid uuid_r;
  std::uint16_t auth_type_flags = 0;
  std::uint16_t encr_type_flags = 0;
  std::uint8_t connection_type_flags = ConnType::Ess;
  std::uint16_t config_methods = 0;
  DeviceInfo device;
  std::uint8_t rf_bands = RfBand::Band24GHz;
  AssociationState association_state = AssociationState::NotAssociated;
  ConfigError config_error = ConfigError::NoError;  ///< hostapd: 15 when setup-locked (§1)
  std::uint32_t os_version = 0x80000000;
  WfaExtension wfa_ext = WfaExtension::v2();
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const M2D&, const M2D&) = default;
};

/// M1 has no Authenticator; its bytes become `prev` for M2.
Bytes build_m1(const M1& m);
/// `m1` = the complete M1 payload this M2 answers (Authenticator input).
Bytes build_m2(const M2& m, const crypto::AuthKey& auth_key, ByteView m1);
Bytes build_m2d(const M2D& m);

/// Schema kSchemaM1 (every §6.1 attribute mandatory except Vendor Extension).
Result<M1> parse_m1(ByteView msg);
/// Schema kSchemaM2 (Authenticator mandatory and last).
Result<M2> parse_m2(ByteView msg);
/// Schema kSchemaM2D.
Result<M2D> parse_m2d(ByteView msg);

}  // namespace wps::wsc
