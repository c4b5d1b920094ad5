// The WPS IE of 802.11 management frames (WPS-FACTS §2.3, §2.4): its attribute contents for
// Beacon, Probe Request, Probe Response and (Re)Association Request/Response, and the vendor-IE
// wrapping (dd <len> 00 50 f2 04 <attributes>, at most 251 attribute octets per IE; a parser
// concatenates all WPS IEs of a frame in order, attributes may straddle IE boundaries).
//
// build_*_ie() returns the ATTRIBUTE PAYLOAD (what the struct describes); pass it to
// wrap_wps_ie() to get the 802.11 element(s). parse_*_ie() takes the attribute payload (e.g.
// from unwrap_wps_ies()). These frames carry no Message Type and no Authenticator; the parse
// contract is otherwise that of msg_m1_m2.hpp (tokenize Strict, schema, vendor extensions).
// Builders follow hostapd's order [H-reg wps_set_ie; H-com wps_build_probe_req_ie,
// wps_build_assoc_req_ie, wps_build_assoc_resp_ie].
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"
#include "wsc/attr_table.hpp"
#include "wsc/tlv.hpp"
#include "wsc/types.hpp"

namespace wps::wsc {

/// Beacon WPS IE. Wire order: Version, WPS State, [AP Setup Locked], [Selected Registrar,
/// Device Password ID, Selected Registrar Config Methods], [UUID-E], [RF Bands], Vendor Ext.
/// parse: when selected_registrar is true, Device Password ID and Selected Registrar Config
/// Methods are mandatory (AttrMissing, offset 0).
struct BeaconIe {
  WpsState wps_state = WpsState::Configured;
  std::optional<bool> ap_setup_locked;  ///< hostapd sends it (=1) only when locked
  std::optional<bool> selected_registrar;
  std::optional<DevicePasswordId> device_password_id;
  std::optional<std::uint16_t> selected_registrar_config_methods;
  std::optional<Uuid> uuid_e;  ///< hostapd: only for dual-band PBC
  std::optional<std::uint8_t> rf_bands;
  WfaExtension wfa_ext = WfaExtension::v2();  ///< Version2, AuthorizedMACs
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const BeaconIe&, const BeaconIe&) = default;
};

/// Probe Response WPS IE. Wire order: Version, WPS State, [AP Setup Locked], [Selected
/// Registrar, Device Password ID, Selected Registrar Config Methods], Response Type, UUID-E,
/// Manufacturer, Model Name, Model Number, Serial Number, Primary Device Type, Device Name,
/// Config Methods, [RF Bands], Vendor Ext. Same Selected Registrar rule as BeaconIe.
struct ProbeResponseIe {
  WpsState wps_state = WpsState::Configured;
  std::optional<bool> ap_setup_locked;
  std::optional<bool> selected_registrar;
  std::optional<DevicePasswordId> device_password_id;
  std::optional<std::uint16_t> selected_registrar_config_methods;
  ResponseType response_type = ResponseType::Ap;
  Uuid uuid_e;
  DeviceInfo device;
  std::uint16_t config_methods = 0;  ///< an AP must not advertise PushButton here (§5)
  std::optional<std::uint8_t> rf_bands;
  WfaExtension wfa_ext = WfaExtension::v2();
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const ProbeResponseIe&, const ProbeResponseIe&) = default;
};

/// Probe Request WPS IE. Wire order: Version, Request Type, Config Methods, UUID-E (or UUID-R),
/// Primary Device Type, RF Bands, Association State, Configuration Error, Device Password ID,
/// [Manufacturer, Model Name, Model Number, Device Name] (mandatory for 2.0 devices, absent in
/// some 1.0 ones), Vendor Ext {Version2, Request to Enroll}, [Requested Device Type]*,
/// [Secondary Device Type List]. parse: at least one of UUID-E / UUID-R (AttrMissing attr
/// 0x1047, offset 0). Optional strings set to "" are sent as " ".
struct ProbeRequestIe {
  RequestType request_type = RequestType::EnrolleeOpen8021x;
  std::uint16_t config_methods = 0;
  std::optional<Uuid> uuid_e;  ///< enrollees
  std::optional<Uuid> uuid_r;  ///< registrars
  DeviceType primary_device_type;
  std::uint8_t rf_bands = RfBand::Band24GHz;
  AssociationState association_state = AssociationState::NotAssociated;
  ConfigError config_error = ConfigError::NoError;
  DevicePasswordId device_password_id = DevicePasswordId::Default;  ///< PushButton for PBC
  std::optional<std::string> manufacturer;
  std::optional<std::string> model_name;
  std::optional<std::string> model_number;
  std::optional<std::string> device_name;
  WfaExtension wfa_ext = WfaExtension::v2();  ///< set request_to_enroll = true as enrollee
  std::vector<VendorExtension> vendor_ext;
  std::vector<DeviceType> requested_device_types;
  std::vector<DeviceType> secondary_device_types;  ///< empty = attribute absent; at most 16
  friend bool operator==(const ProbeRequestIe&, const ProbeRequestIe&) = default;
};

/// (Re)Association Request WPS IE: Version, Request Type, Vendor Ext {Version2}.
struct AssocRequestIe {
  RequestType request_type = RequestType::EnrolleeOpen8021x;
  WfaExtension wfa_ext = WfaExtension::v2();
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const AssocRequestIe&, const AssocRequestIe&) = default;
};

/// (Re)Association Response WPS IE: Version, Response Type (3 = AP), Vendor Ext {Version2}.
struct AssocResponseIe {
  ResponseType response_type = ResponseType::Ap;
  WfaExtension wfa_ext = WfaExtension::v2();
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const AssocResponseIe&, const AssocResponseIe&) = default;
};

Bytes build_beacon_ie(const BeaconIe& ie);
Bytes build_probe_response_ie(const ProbeResponseIe& ie);
Bytes build_probe_request_ie(const ProbeRequestIe& ie);
Bytes build_assoc_request_ie(const AssocRequestIe& ie);
Bytes build_assoc_response_ie(const AssocResponseIe& ie);

/// Schemas kSchemaBeacon, kSchemaProbeResponse, kSchemaProbeRequest, kSchemaAssocRequest,
/// kSchemaAssocResponse, plus the conditional rules above.
Result<BeaconIe> parse_beacon_ie(ByteView attrs);
Result<ProbeResponseIe> parse_probe_response_ie(ByteView attrs);
Result<ProbeRequestIe> parse_probe_request_ie(ByteView attrs);
Result<AssocRequestIe> parse_assoc_request_ie(ByteView attrs);
Result<AssocResponseIe> parse_assoc_response_ie(ByteView attrs);

// ---------------------------------------------------------------------------------------------
// 802.11 vendor IE wrapping (§2.3)

/// Element ID of a Vendor Specific element and the WPS OUI + type.
inline constexpr std::uint8_t kVendorSpecificEid = 0xdd;
inline constexpr std::array<std::uint8_t, 4> kWpsIeOui{0x00, 0x50, 0xf2, 0x04};
/// Attribute octets per WPS IE: 255 - 4 (OUI + type).
inline constexpr std::size_t kWpsIeMaxData = 251;

/// Wraps an attribute payload into consecutive WPS vendor elements
/// `dd <4+n> 00 50 f2 04 <n octets>`, n <= 251, splitting where needed [H-attr
/// wps_ie_encapsulate]. An empty payload gives no element at all (as hostapd).
Bytes wrap_wps_ie(ByteView attrs);

/// Walks a sequence of 802.11 elements (the tagged part of a management frame body) and
/// concatenates, in order, the data of every WPS vendor element (dd .. 00 50 f2 04); other
/// elements are skipped. Returns nullopt when the frame has no WPS element.
/// Errors: Dot11BadIe when an element header or its Length runs past the end (offset of that
/// element, attr 0).
Result<std::optional<Bytes>> unwrap_wps_ies(ByteView elements);

}  // namespace wps::wsc
