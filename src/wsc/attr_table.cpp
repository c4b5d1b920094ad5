#include "wsc/attr_table.hpp"

#include <algorithm>
#include <array>

namespace wps::wsc {
namespace {

using K = ValueKind;
constexpr std::uint16_t kAny = 0xFFFF;  // no upper bound beyond the 16-bit Length field

// WPS-FACTS §4. Fixed lengths are the ones hostapd's parser enforces [H-attr parse] or that
// Wireshark decodes [WS]. Attributes whose length §4 marks "(unsure)" (Key Identifier, Message
// Counter, Rekey Key, Key Lifetime, Portable Device, Initialization Vector, Key Provided
// Automatically, 802.1X Enabled, WEPTransmitKey) get NO length rule: none of them is used in a
// registration run, hostapd does not parse them, and enforcing a guess could only reject a
// peer that is right. Repeatable: Credential (several per M8), Vendor Extension (one per
// vendor), Requested Device Type (hostapd accepts a list), Application Extension (one per
// application UUID).
constexpr AttrInfo kTable[] = {
    {AttrType::ApChannel, "AP Channel", 2, 2, 1, false, K::U16},
    {AttrType::AssociationState, "Association State", 2, 2, 1, false, K::U16},
    {AttrType::AuthenticationType, "Authentication Type", 2, 2, 1, false, K::U16},
    {AttrType::AuthenticationTypeFlags, "Authentication Type Flags", 2, 2, 1, false, K::Flags},
    {AttrType::Authenticator, "Authenticator", 8, 8, 1, false, K::Binary},
    {AttrType::ConfigMethods, "Config Methods", 2, 2, 1, false, K::Flags},
    {AttrType::ConfigurationError, "Configuration Error", 2, 2, 1, false, K::U16},
    {AttrType::ConfirmationUrl4, "Confirmation URL4", 0, 64, 1, false, K::Text},
    {AttrType::ConfirmationUrl6, "Confirmation URL6", 0, 76, 1, false, K::Text},
    {AttrType::ConnectionType, "Connection Type", 1, 1, 1, false, K::U8},
    {AttrType::ConnectionTypeFlags, "Connection Type Flags", 1, 1, 1, false, K::Flags},
    {AttrType::Credential, "Credential", 0, kAny, 1, true, K::Nested},
    {AttrType::EncryptionType, "Encryption Type", 2, 2, 1, false, K::U16},
    {AttrType::EncryptionTypeFlags, "Encryption Type Flags", 2, 2, 1, false, K::Flags},
    {AttrType::DeviceName, "Device Name", 0, 32, 1, false, K::Text},
    {AttrType::DevicePasswordId, "Device Password ID", 2, 2, 1, false, K::U16},
    {AttrType::EHash1, "E-Hash1", 32, 32, 1, false, K::Binary},
    {AttrType::EHash2, "E-Hash2", 32, 32, 1, false, K::Binary},
    {AttrType::ESNonce1, "E-SNonce1", 16, 16, 1, false, K::Binary},
    {AttrType::ESNonce2, "E-SNonce2", 16, 16, 1, false, K::Binary},
    // IV(16) + at least one ciphertext block holding the 12-octet KWA TLV and padding (§7.5).
    {AttrType::EncryptedSettings, "Encrypted Settings", 32, kAny - 15, 16, false, K::Encrypted},
    {AttrType::EnrolleeNonce, "Enrollee Nonce", 16, 16, 1, false, K::Binary},
    {AttrType::FeatureId, "Feature ID", 4, 4, 1, false, K::U32},
    {AttrType::Identity, "Identity", 0, kAny, 1, false, K::Text},
    {AttrType::IdentityProof, "Identity Proof", 0, kAny, 1, false, K::Binary},
    {AttrType::KeyWrapAuthenticator, "Key Wrap Authenticator", 8, 8, 1, false, K::Binary},
    {AttrType::KeyIdentifier, "Key Identifier", 0, kAny, 1, false, K::Binary},
    {AttrType::MacAddress, "MAC Address", 6, 6, 1, false, K::MacAddress},
    {AttrType::Manufacturer, "Manufacturer", 0, 64, 1, false, K::Text},
    {AttrType::MessageType, "Message Type", 1, 1, 1, false, K::U8},
    {AttrType::ModelName, "Model Name", 0, 32, 1, false, K::Text},
    {AttrType::ModelNumber, "Model Number", 0, 32, 1, false, K::Text},
    {AttrType::NetworkIndex, "Network Index", 1, 1, 1, false, K::U8},
    {AttrType::NetworkKey, "Network Key", 0, 64, 1, false, K::Binary},
    {AttrType::NetworkKeyIndex, "Network Key Index", 1, 1, 1, false, K::U8},
    {AttrType::NewDeviceName, "New Device Name", 0, kAny, 1, false, K::Text},
    {AttrType::NewPassword, "New Password", 0, kAny, 1, false, K::Binary},
    // PubKeyHash(20) ‖ DPID(2) ‖ password(0..32); empty password only for NFC handover.
    {AttrType::OobDevicePassword, "OOB Device Password", 22, 54, 1, false, K::Binary},
    {AttrType::OsVersion, "OS Version", 4, 4, 1, false, K::U32},
    {AttrType::PowerLevel, "Power Level", 1, 1, 1, false, K::U8},
    {AttrType::PskCurrent, "PSK Current", 1, 1, 1, false, K::U8},
    {AttrType::PskMax, "PSK Max", 1, 1, 1, false, K::U8},
    // Exactly 192: PK_E/PK_R are hashed as sent (§7.3), so a short value cannot be padded here.
    {AttrType::PublicKey, "Public Key", 192, 192, 1, false, K::Binary},
    {AttrType::RadioEnabled, "Radio Enabled", 1, 1, 1, false, K::Bool},
    {AttrType::Reboot, "Reboot", 1, 1, 1, false, K::Bool},
    {AttrType::RegistrarCurrent, "Registrar Current", 0, kAny, 1, false, K::Binary},
    {AttrType::RegistrarEstablished, "Registrar Established", 0, kAny, 1, false, K::Binary},
    {AttrType::RegistrarList, "Registrar List", 0, kAny, 1, false, K::Binary},
    {AttrType::RegistrarMax, "Registrar Max", 0, kAny, 1, false, K::Binary},
    {AttrType::RegistrarNonce, "Registrar Nonce", 16, 16, 1, false, K::Binary},
    {AttrType::RequestType, "Request Type", 1, 1, 1, false, K::U8},
    {AttrType::ResponseType, "Response Type", 1, 1, 1, false, K::U8},
    {AttrType::RfBands, "RF Bands", 1, 1, 1, false, K::Flags},
    {AttrType::RHash1, "R-Hash1", 32, 32, 1, false, K::Binary},
    {AttrType::RHash2, "R-Hash2", 32, 32, 1, false, K::Binary},
    {AttrType::RSNonce1, "R-SNonce1", 16, 16, 1, false, K::Binary},
    {AttrType::RSNonce2, "R-SNonce2", 16, 16, 1, false, K::Binary},
    {AttrType::SelectedRegistrar, "Selected Registrar", 1, 1, 1, false, K::Bool},
    {AttrType::SerialNumber, "Serial Number", 0, 32, 1, false, K::Text},
    {AttrType::WpsState, "Wi-Fi Protected Setup State", 1, 1, 1, false, K::U8},
    {AttrType::Ssid, "SSID", 0, 32, 1, false, K::Text},
    {AttrType::TotalNetworks, "Total Networks", 1, 1, 1, false, K::U8},
    {AttrType::UuidE, "UUID-E", 16, 16, 1, false, K::Uuid},
    {AttrType::UuidR, "UUID-R", 16, 16, 1, false, K::Uuid},
    {AttrType::VendorExtension, "Vendor Extension", 3, 1024, 1, true, K::VendorExt},
    {AttrType::Version, "Version", 1, 1, 1, false, K::U8},
    {AttrType::X509CertificateRequest, "X.509 Certificate Request", 0, kAny, 1, false, K::Binary},
    {AttrType::X509Certificate, "X.509 Certificate", 0, kAny, 1, false, K::Binary},
    {AttrType::EapIdentity, "EAP Identity", 0, kAny, 1, false, K::Text},
    {AttrType::MessageCounter, "Message Counter", 0, kAny, 1, false, K::Binary},
    {AttrType::PublicKeyHash, "Public Key Hash", 20, 20, 1, false, K::Binary},
    {AttrType::RekeyKey, "Rekey Key", 0, kAny, 1, false, K::Binary},
    {AttrType::KeyLifetime, "Key Lifetime", 0, kAny, 1, false, K::Binary},
    {AttrType::PermittedConfigMethods, "Permitted Config Methods", 2, 2, 1, false, K::Flags},
    {AttrType::SelectedRegistrarConfigMethods, "Selected Registrar Config Methods", 2, 2, 1, false,
     K::Flags},
    {AttrType::PrimaryDeviceType, "Primary Device Type", 8, 8, 1, false, K::DeviceType},
    {AttrType::SecondaryDeviceTypeList, "Secondary Device Type List", 8, 128, 8, false,
     K::DeviceTypeList},
    {AttrType::PortableDevice, "Portable Device", 0, kAny, 1, false, K::Binary},
    {AttrType::ApSetupLocked, "AP Setup Locked", 1, 1, 1, false, K::Bool},
    {AttrType::ApplicationExtension, "Application Extension", 0, kAny, 1, true, K::Binary},
    {AttrType::EapType, "EAP Type", 0, kAny, 1, false, K::Binary},
    {AttrType::InitializationVector, "Initialization Vector", 0, kAny, 1, false, K::Binary},
    {AttrType::KeyProvidedAutomatically, "Key Provided Automatically", 0, kAny, 1, false,
     K::Binary},
    {AttrType::Ieee8021xEnabled, "802.1X Enabled", 0, kAny, 1, false, K::Binary},
    {AttrType::AppSessionKey, "AppSessionKey", 0, kAny, 1, false, K::Binary},
    {AttrType::WepTransmitKey, "WEPTransmitKey", 0, kAny, 1, false, K::Binary},
    {AttrType::RequestedDeviceType, "Requested Device Type", 8, 8, 1, true, K::DeviceType},
};

constexpr bool table_sorted() {
  for (std::size_t i = 1; i < std::size(kTable); ++i)
    if (to_u16(kTable[i - 1].type) >= to_u16(kTable[i].type)) return false;
  for (const auto& r : kTable)
    if (r.granule == 0 || r.min_len > r.max_len) return false;
  return true;
}
static_assert(table_sorted(), "attribute table must be sorted by type, with sane length rules");

// WPS-FACTS §4, WFA sub-element table. AuthorizedMACs: 6n octets, 1 <= n <= 5.
constexpr WfaSubelemInfo kWfaTable[] = {
    {WfaSubelem::Version2, "Version2", 1, 1, 1, K::U8},
    {WfaSubelem::AuthorizedMacs, "AuthorizedMACs", 6, 30, 6, K::MacAddress},
    {WfaSubelem::NetworkKeyShareable, "Network Key Shareable", 1, 1, 1, K::Bool},
    {WfaSubelem::RequestToEnroll, "Request to Enroll", 1, 1, 1, K::Bool},
    {WfaSubelem::SettingsDelayTime, "Settings Delay Time", 1, 1, 1, K::U8},
    {WfaSubelem::RegistrarConfigurationMethods, "Registrar Configuration Methods", 2, 2, 1,
     K::Flags},
    {WfaSubelem::MultiApExtension, "Multi-AP Extension", 1, 1, 1, K::U8},
    {WfaSubelem::MultiApProfile, "Multi-AP Profile", 1, 1, 1, K::U8},
    {WfaSubelem::MultiAp8021qSettings, "Multi-AP 802.1Q Settings", 2, 2, 1, K::U16},
};
static_assert(std::size(kWfaTable) == 9 && kWfaTable[8].id == WfaSubelem::MultiAp8021qSettings);

}  // namespace

std::span<const AttrInfo> attr_table() {
  return kTable;
}

namespace {
// Every known type lies in 0x1000..0x10FF: a 256-entry index (row + 1, 0 = unknown) built at
// compile time makes the lookup, done for every TLV of every message, one load.
constexpr std::uint16_t kIndexBase = 0x1000;
constexpr std::size_t kIndexSize = 0x100;
constexpr bool all_types_indexable() {
  for (const AttrInfo& r : kTable) {
    const auto t = to_u16(r.type);
    if (t < kIndexBase || t >= kIndexBase + kIndexSize) return false;
  }
  return std::size(kTable) < 255;
}
static_assert(all_types_indexable(), "every attribute type must fit the one-octet index");
constexpr std::array<std::uint8_t, kIndexSize> make_index() {
  std::array<std::uint8_t, kIndexSize> idx{};
  for (std::size_t i = 0; i < std::size(kTable); ++i) {
    idx[to_u16(kTable[i].type) - kIndexBase] = static_cast<std::uint8_t>(i + 1);
  }
  return idx;
}
constexpr auto kIndex = make_index();
}  // namespace

const AttrInfo* attr_info(std::uint16_t type) {
  if (type < kIndexBase || type >= kIndexBase + kIndexSize) return nullptr;
  const std::uint8_t row = kIndex[type - kIndexBase];
  return row == 0 ? nullptr : &kTable[row - 1];
}

std::string_view attr_name(std::uint16_t type) {
  const AttrInfo* i = attr_info(type);
  return i ? i->name : std::string_view("Unknown");
}

std::span<const WfaSubelemInfo> wfa_subelem_table() {
  return kWfaTable;
}

const WfaSubelemInfo* wfa_subelem_info(std::uint8_t id) {
  // The table is indexed by ID (0..8), checked by the static_assert above.
  if (id >= std::size(kWfaTable)) return nullptr;
  return &kWfaTable[id];
}

std::string_view wfa_subelem_name(std::uint8_t id) {
  const WfaSubelemInfo* i = wfa_subelem_info(id);
  return i ? i->name : std::string_view("Unknown");
}

std::string_view msg_type_name(MsgType t) {
  switch (t) {
    case MsgType::Beacon: return "Beacon";
    case MsgType::ProbeRequest: return "Probe Request";
    case MsgType::ProbeResponse: return "Probe Response";
    case MsgType::M1: return "M1";
    case MsgType::M2: return "M2";
    case MsgType::M2D: return "M2D";
    case MsgType::M3: return "M3";
    case MsgType::M4: return "M4";
    case MsgType::M5: return "M5";
    case MsgType::M6: return "M6";
    case MsgType::M7: return "M7";
    case MsgType::M8: return "M8";
    case MsgType::WscAck: return "WSC_ACK";
    case MsgType::WscNack: return "WSC_NACK";
    case MsgType::WscDone: return "WSC_Done";
  }
  return "Unknown";
}

std::string_view config_error_name(ConfigError e) {
  switch (e) {
    case ConfigError::NoError: return "No error";
    case ConfigError::OobInterfaceReadError: return "OOB interface read error";
    case ConfigError::DecryptionCrcFailure: return "Decryption CRC failure";
    case ConfigError::Channel24GHzNotSupported: return "2.4 GHz channel not supported";
    case ConfigError::Channel5GHzNotSupported: return "5.0 GHz channel not supported";
    case ConfigError::SignalTooWeak: return "Signal too weak";
    case ConfigError::NetworkAuthenticationFailure: return "Network authentication failure";
    case ConfigError::NetworkAssociationFailure: return "Network association failure";
    case ConfigError::NoDhcpResponse: return "No DHCP response";
    case ConfigError::FailedDhcpConfig: return "Failed DHCP config";
    case ConfigError::IpAddressConflict: return "IP address conflict";
    case ConfigError::CouldNotConnectToRegistrar: return "Couldn't connect to registrar";
    case ConfigError::MultiplePbcSessionsDetected: return "Multiple PBC sessions detected";
    case ConfigError::RogueActivitySuspected: return "Rogue activity suspected";
    case ConfigError::DeviceBusy: return "Device busy";
    case ConfigError::SetupLocked: return "Setup locked";
    case ConfigError::MessageTimeout: return "Message timeout";
    case ConfigError::RegistrationSessionTimeout: return "Registration session timeout";
    case ConfigError::DevicePasswordAuthFailure: return "Device password authentication failure";
    case ConfigError::Channel60GHzNotSupported: return "60 GHz channel not supported";
    case ConfigError::PublicKeyHashMismatch: return "Public key hash mismatch";
  }
  return "Unknown";
}

std::string_view device_password_id_name(DevicePasswordId id) {
  switch (id) {
    case DevicePasswordId::Default: return "Default (PIN)";
    case DevicePasswordId::UserSpecified: return "User-specified";
    case DevicePasswordId::MachineSpecified: return "Machine-specified";
    case DevicePasswordId::Rekey: return "Rekey";
    case DevicePasswordId::PushButton: return "PushButton";
    case DevicePasswordId::RegistrarSpecified: return "Registrar-specified";
    case DevicePasswordId::NfcConnectionHandover: return "NFC Connection Handover";
    case DevicePasswordId::P2psDefault: return "P2PS default";
  }
  if (static_cast<std::uint16_t>(id) >= 0x0010) return "OOB password token";
  return "Unknown";
}

}  // namespace wps::wsc
