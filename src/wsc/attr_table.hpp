// The WSC attribute table (ARCHITECTURE C5): every attribute type of WPS-FACTS §4 with its length
// rule, repeatability and value kind, in ONE constexpr table. The tokenizer (tlv.hpp), the
// builders' asserts, the message schemas and the capture analyzer all read this table; nothing
// else restates an attribute length.
//
// Also here: the WFA Vendor Extension sub-element table (§4, second table) and the enumerations
// and flag constants of §5 (Message Type, Configuration Error, Device Password ID, Config Methods,
// Authentication/Encryption types, RF Bands, Request/Response Type, ...).
//
// Values of enum classes are NOT restricted to their named enumerators: an `enum class X :
// uint16_t` holds any value a peer sends, and the codec keeps unknown values as they are
// (the engines and the analyzer decide what an unknown value means).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace wps::wsc {

// ---------------------------------------------------------------------------------------------
// Attribute types (WPS-FACTS §4). Spec names, in PascalCase.

enum class AttrType : std::uint16_t {
  ApChannel = 0x1001,
  AssociationState = 0x1002,
  AuthenticationType = 0x1003,
  AuthenticationTypeFlags = 0x1004,
  Authenticator = 0x1005,
  ConfigMethods = 0x1008,
  ConfigurationError = 0x1009,
  ConfirmationUrl4 = 0x100A,
  ConfirmationUrl6 = 0x100B,
  ConnectionType = 0x100C,
  ConnectionTypeFlags = 0x100D,
  Credential = 0x100E,
  EncryptionType = 0x100F,
  EncryptionTypeFlags = 0x1010,
  DeviceName = 0x1011,
  DevicePasswordId = 0x1012,
  EHash1 = 0x1014,
  EHash2 = 0x1015,
  ESNonce1 = 0x1016,
  ESNonce2 = 0x1017,
  EncryptedSettings = 0x1018,
  EnrolleeNonce = 0x101A,
  FeatureId = 0x101B,
  Identity = 0x101C,
  IdentityProof = 0x101D,
  KeyWrapAuthenticator = 0x101E,
  KeyIdentifier = 0x101F,
  MacAddress = 0x1020,
  Manufacturer = 0x1021,
  MessageType = 0x1022,
  ModelName = 0x1023,
  ModelNumber = 0x1024,
  NetworkIndex = 0x1026,
  NetworkKey = 0x1027,
  NetworkKeyIndex = 0x1028,
  NewDeviceName = 0x1029,
  NewPassword = 0x102A,
  OobDevicePassword = 0x102C,
  OsVersion = 0x102D,
  PowerLevel = 0x102F,
  PskCurrent = 0x1030,
  PskMax = 0x1031,
  PublicKey = 0x1032,
  RadioEnabled = 0x1033,
  Reboot = 0x1034,
  RegistrarCurrent = 0x1035,
  RegistrarEstablished = 0x1036,
  RegistrarList = 0x1037,
  RegistrarMax = 0x1038,
  RegistrarNonce = 0x1039,
  RequestType = 0x103A,
  ResponseType = 0x103B,
  RfBands = 0x103C,
  RHash1 = 0x103D,
  RHash2 = 0x103E,
  RSNonce1 = 0x103F,
  RSNonce2 = 0x1040,
  SelectedRegistrar = 0x1041,
  SerialNumber = 0x1042,
  WpsState = 0x1044,  ///< "Wi-Fi Protected Setup State"
  Ssid = 0x1045,
  TotalNetworks = 0x1046,
  UuidE = 0x1047,
  UuidR = 0x1048,
  VendorExtension = 0x1049,
  Version = 0x104A,
  X509CertificateRequest = 0x104B,
  X509Certificate = 0x104C,
  EapIdentity = 0x104D,
  MessageCounter = 0x104E,
  PublicKeyHash = 0x104F,
  RekeyKey = 0x1050,
  KeyLifetime = 0x1051,
  PermittedConfigMethods = 0x1052,
  SelectedRegistrarConfigMethods = 0x1053,
  PrimaryDeviceType = 0x1054,
  SecondaryDeviceTypeList = 0x1055,
  PortableDevice = 0x1056,
  ApSetupLocked = 0x1057,
  ApplicationExtension = 0x1058,
  EapType = 0x1059,
  InitializationVector = 0x1060,
  KeyProvidedAutomatically = 0x1061,
  Ieee8021xEnabled = 0x1062,  ///< "802.1X Enabled"
  AppSessionKey = 0x1063,
  WepTransmitKey = 0x1064,
  RequestedDeviceType = 0x106A,
};

constexpr std::uint16_t to_u16(AttrType t) {
  return static_cast<std::uint16_t>(t);
}

/// How an attribute's value is to be read (for typed decoding and the analyzer's printing).
enum class ValueKind : std::uint8_t {
  U8,              ///< unsigned integer, 1 octet
  U16,             ///< unsigned integer, 2 octets big-endian
  U32,             ///< unsigned integer, 4 octets big-endian
  Bool,            ///< 1 octet, 0 = false, anything else = true
  Flags,           ///< 1- or 2-octet bitmask (Config Methods, Auth/Encr Type Flags, RF Bands, ...)
  Binary,          ///< opaque octets (nonces, hashes, keys, authenticators)
  Text,            ///< a character string (UTF-8 or ASCII), no terminating NUL
  MacAddress,      ///< 6-octet IEEE 802 address
  Uuid,            ///< 16-octet UUID
  DeviceType,      ///< Category(2) ‖ OUI(4) ‖ Sub-category(2)
  DeviceTypeList,  ///< 8n octets of DeviceType
  Nested,          ///< the value is itself a sequence of TLVs (Credential)
  Encrypted,       ///< IV(16) ‖ AES-128-CBC ciphertext (Encrypted Settings)
  VendorExt,       ///< Vendor ID(3) ‖ vendor data (WFA: sub-elements, tlv.hpp)
};

/// One row of the attribute table. Length rule: min_len <= length <= max_len and
/// length % granule == 0.
struct AttrInfo {
  AttrType type;
  std::string_view name;  ///< the spec's name, e.g. "Key Wrap Authenticator"
  std::uint16_t min_len;
  std::uint16_t max_len;
  std::uint16_t granule;  ///< length must be a multiple of this (1 = no constraint)
  bool repeatable;        ///< may appear more than once in one message / container
  ValueKind kind;

  [[nodiscard]] constexpr bool length_ok(std::size_t len) const {
    return len >= min_len && len <= max_len && len % granule == 0;
  }
};

/// The whole table, sorted by type (for the analyzer, tests and the fuzz dictionary).
std::span<const AttrInfo> attr_table();

/// The table row for a type code, or nullptr when the type is not in WPS-FACTS §4. Unknown types
/// are legal on the wire: the tokenizer keeps them and applies no length rule to them.
const AttrInfo* attr_info(std::uint16_t type);
inline const AttrInfo* attr_info(AttrType type) {
  return attr_info(to_u16(type));
}

/// The spec name of a type, or "Unknown" for a type not in the table.
std::string_view attr_name(std::uint16_t type);
inline std::string_view attr_name(AttrType type) {
  return attr_name(to_u16(type));
}

// ---------------------------------------------------------------------------------------------
// WFA Vendor Extension sub-elements (inside Vendor Extension 0x1049 after Vendor ID 00 37 2A;
// each is ID(1) ‖ Length(1) ‖ Data) — WPS-FACTS §4.

inline constexpr std::array<std::uint8_t, 3> kWfaVendorId{0x00, 0x37, 0x2a};

enum class WfaSubelem : std::uint8_t {
  Version2 = 0x00,
  AuthorizedMacs = 0x01,
  NetworkKeyShareable = 0x02,
  RequestToEnroll = 0x03,
  SettingsDelayTime = 0x04,
  RegistrarConfigurationMethods = 0x05,
  MultiApExtension = 0x06,
  MultiApProfile = 0x07,
  MultiAp8021qSettings = 0x08,
};

struct WfaSubelemInfo {
  WfaSubelem id;
  std::string_view name;
  std::uint8_t min_len;
  std::uint8_t max_len;
  std::uint8_t granule;
  ValueKind kind;

  [[nodiscard]] constexpr bool length_ok(std::size_t len) const {
    return len >= min_len && len <= max_len && len % granule == 0;
  }
};

/// Maximum number of AuthorizedMACs entries (6n, n <= 5).
inline constexpr std::size_t kMaxAuthorizedMacs = 5;

std::span<const WfaSubelemInfo> wfa_subelem_table();
/// nullptr for a sub-element ID not in the table (kept raw by the parser).
const WfaSubelemInfo* wfa_subelem_info(std::uint8_t id);
std::string_view wfa_subelem_name(std::uint8_t id);

// ---------------------------------------------------------------------------------------------
// Enumerations (WPS-FACTS §5).

/// Version attribute value: always 0x10 (deprecated; the real version is Version2).
inline constexpr std::uint8_t kVersion1 = 0x10;
/// WFA Version2 sub-element value for WSC 2.0.x.
inline constexpr std::uint8_t kVersion2 = 0x20;

/// Message Type (0x1022). Note M8 = 0x0C.
enum class MsgType : std::uint8_t {
  Beacon = 0x01,
  ProbeRequest = 0x02,
  ProbeResponse = 0x03,
  M1 = 0x04,
  M2 = 0x05,
  M2D = 0x06,
  M3 = 0x07,
  M4 = 0x08,
  M5 = 0x09,
  M6 = 0x0A,
  M7 = 0x0B,
  M8 = 0x0C,
  WscAck = 0x0D,
  WscNack = 0x0E,
  WscDone = 0x0F,
};
/// True for the values listed in MsgType.
constexpr bool is_known(MsgType t) {
  auto v = static_cast<std::uint8_t>(t);
  return v >= 0x01 && v <= 0x0F;
}
/// "M1", "M2D", "WSC_ACK", ... ("Unknown" otherwise).
std::string_view msg_type_name(MsgType t);

/// Configuration Error (0x1009), values 0..20.
enum class ConfigError : std::uint16_t {
  NoError = 0,
  OobInterfaceReadError = 1,
  DecryptionCrcFailure = 2,
  Channel24GHzNotSupported = 3,
  Channel5GHzNotSupported = 4,
  SignalTooWeak = 5,
  NetworkAuthenticationFailure = 6,
  NetworkAssociationFailure = 7,
  NoDhcpResponse = 8,
  FailedDhcpConfig = 9,
  IpAddressConflict = 10,
  CouldNotConnectToRegistrar = 11,
  MultiplePbcSessionsDetected = 12,
  RogueActivitySuspected = 13,
  DeviceBusy = 14,
  SetupLocked = 15,
  MessageTimeout = 16,
  RegistrationSessionTimeout = 17,
  DevicePasswordAuthFailure = 18,
  Channel60GHzNotSupported = 19,
  PublicKeyHashMismatch = 20,
};
/// Human-readable meaning ("Device password authentication failure"), "Unknown" above 20.
std::string_view config_error_name(ConfigError e);

/// Device Password ID (0x1012). Values 0x0010..0xFFFF are OOB/NFC password-token IDs.
enum class DevicePasswordId : std::uint16_t {
  Default = 0x0000,  ///< PIN
  UserSpecified = 0x0001,
  MachineSpecified = 0x0002,
  Rekey = 0x0003,
  PushButton = 0x0004,
  RegistrarSpecified = 0x0005,
  NfcConnectionHandover = 0x0007,
  P2psDefault = 0x0008,  ///< hostapd P2P extension
};
std::string_view device_password_id_name(DevicePasswordId id);

/// Association State (0x1002).
enum class AssociationState : std::uint16_t {
  NotAssociated = 0,
  ConnectionSuccess = 1,
  ConfigurationFailure = 2,
  AssociationFailure = 3,
  IpFailure = 4,
};

/// Wi-Fi Protected Setup State (0x1044).
enum class WpsState : std::uint8_t {
  NotConfigured = 0x01,
  Configured = 0x02,
};

/// Request Type (0x103A).
enum class RequestType : std::uint8_t {
  EnrolleeInfo = 0,
  EnrolleeOpen8021x = 1,
  Registrar = 2,
  WlanManagerRegistrar = 3,
};

/// Response Type (0x103B).
enum class ResponseType : std::uint8_t {
  EnrolleeInfo = 0,
  EnrolleeOpen8021x = 1,
  Registrar = 2,
  Ap = 3,
};

/// Config Methods bits (0x1008, 0x1053, sub-element 0x05). Plain uint16_t constants so they
/// combine with `|`.
struct ConfigMethod {
  static constexpr std::uint16_t Usba = 0x0001;
  static constexpr std::uint16_t Ethernet = 0x0002;
  static constexpr std::uint16_t Label = 0x0004;
  static constexpr std::uint16_t Display = 0x0008;
  static constexpr std::uint16_t ExternalNfcToken = 0x0010;
  static constexpr std::uint16_t IntegratedNfcToken = 0x0020;
  static constexpr std::uint16_t NfcInterface = 0x0040;
  static constexpr std::uint16_t PushButton = 0x0080;
  static constexpr std::uint16_t Keypad = 0x0100;
  static constexpr std::uint16_t VirtualPushButton = 0x0280;   ///< includes PushButton
  static constexpr std::uint16_t PhysicalPushButton = 0x0480;  ///< includes PushButton
  static constexpr std::uint16_t P2ps = 0x1000;
  static constexpr std::uint16_t VirtualDisplay = 0x2008;   ///< includes Display
  static constexpr std::uint16_t PhysicalDisplay = 0x4008;  ///< includes Display
};

/// Authentication Type bits (0x1003 single value, 0x1004 flags).
struct AuthType {
  static constexpr std::uint16_t Open = 0x0001;
  static constexpr std::uint16_t WpaPsk = 0x0002;  ///< deprecated in 2.0
  static constexpr std::uint16_t Shared = 0x0004;  ///< deprecated
  static constexpr std::uint16_t Wpa = 0x0008;     ///< WPA-Enterprise, deprecated
  static constexpr std::uint16_t Wpa2 = 0x0010;    ///< WPA2-Enterprise
  static constexpr std::uint16_t Wpa2Psk = 0x0020;
};

/// Encryption Type bits (0x100F single value, 0x1010 flags).
struct EncrType {
  static constexpr std::uint16_t None = 0x0001;
  static constexpr std::uint16_t Wep = 0x0002;  ///< deprecated; hostapd rejects WEP credentials
  static constexpr std::uint16_t Tkip = 0x0004;
  static constexpr std::uint16_t Aes = 0x0008;
};

/// RF Bands bits (0x103C).
struct RfBand {
  static constexpr std::uint8_t Band24GHz = 0x01;
  static constexpr std::uint8_t Band5GHz = 0x02;
  static constexpr std::uint8_t Band60GHz = 0x04;
};

/// Connection Type Flags bits (0x100D).
struct ConnType {
  static constexpr std::uint8_t Ess = 0x01;
  static constexpr std::uint8_t Ibss = 0x02;
};

/// The WFA OUI + type that Primary/Secondary/Requested Device Types carry (00 50 F2 04).
inline constexpr std::array<std::uint8_t, 4> kWfaDeviceTypeOui{0x00, 0x50, 0xf2, 0x04};

}  // namespace wps::wsc
