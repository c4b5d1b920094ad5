#include "wsc/schema.hpp"

#include <algorithm>

namespace wps::wsc {
namespace {

using A = AttrType;

// Secret-bearing attributes that may only travel inside Encrypted Settings (§7.5, §7.6): a
// peer that sends one in clear is broken or hostile, and accepting it would let a bug on our
// side read a secret from the wrong place.
#define WSC_SECRET_ATTRS                                                                      \
  A::ESNonce1, A::ESNonce2, A::RSNonce1, A::RSNonce2, A::KeyWrapAuthenticator, A::NetworkKey, \
      A::Credential

constexpr AttrType kPlainForbidden[] = {WSC_SECRET_ATTRS};
constexpr AttrType kPlainNoAuthForbidden[] = {WSC_SECRET_ATTRS, A::Authenticator};
// Inside decrypted settings (KWA already removed): no second KWA, no nesting.
constexpr AttrType kInnerForbidden[] = {A::Authenticator, A::EncryptedSettings,
                                        A::KeyWrapAuthenticator};
#undef WSC_SECRET_ATTRS

constexpr AttrType kOnlyVendorExt[] = {A::VendorExtension};

// §6.1 M1 — all mandatory except the vendor extensions.
constexpr AttrType kM1Req[] = {A::Version,
                               A::MessageType,
                               A::UuidE,
                               A::MacAddress,
                               A::EnrolleeNonce,
                               A::PublicKey,
                               A::AuthenticationTypeFlags,
                               A::EncryptionTypeFlags,
                               A::ConnectionTypeFlags,
                               A::ConfigMethods,
                               A::WpsState,
                               A::Manufacturer,
                               A::ModelName,
                               A::ModelNumber,
                               A::SerialNumber,
                               A::PrimaryDeviceType,
                               A::DeviceName,
                               A::RfBands,
                               A::AssociationState,
                               A::DevicePasswordId,
                               A::ConfigurationError,
                               A::OsVersion};
constexpr AttrType kM1Opt[] = {A::VendorExtension, A::RequestedDeviceType};

// §6.2 M2.
constexpr AttrType kM2Req[] = {A::Version,
                               A::MessageType,
                               A::EnrolleeNonce,
                               A::RegistrarNonce,
                               A::UuidR,
                               A::PublicKey,
                               A::AuthenticationTypeFlags,
                               A::EncryptionTypeFlags,
                               A::ConnectionTypeFlags,
                               A::ConfigMethods,
                               A::Manufacturer,
                               A::ModelName,
                               A::ModelNumber,
                               A::SerialNumber,
                               A::PrimaryDeviceType,
                               A::DeviceName,
                               A::RfBands,
                               A::AssociationState,
                               A::ConfigurationError,
                               A::DevicePasswordId,
                               A::OsVersion,
                               A::Authenticator};
// Encrypted Settings in M2 only for NFC connection handover (not decoded by parse_m2).
constexpr AttrType kM2Opt[] = {A::VendorExtension, A::EncryptedSettings};

// §6.3 M2D.
constexpr AttrType kM2DReq[] = {A::Version,
                                A::MessageType,
                                A::EnrolleeNonce,
                                A::RegistrarNonce,
                                A::UuidR,
                                A::AuthenticationTypeFlags,
                                A::EncryptionTypeFlags,
                                A::ConnectionTypeFlags,
                                A::ConfigMethods,
                                A::Manufacturer,
                                A::ModelName,
                                A::ModelNumber,
                                A::SerialNumber,
                                A::PrimaryDeviceType,
                                A::DeviceName,
                                A::RfBands,
                                A::AssociationState,
                                A::ConfigurationError,
                                A::OsVersion};

// §6.4 M3..M8.
constexpr AttrType kM3Req[] = {A::Version, A::MessageType, A::RegistrarNonce,
                               A::EHash1,  A::EHash2,      A::Authenticator};
constexpr AttrType kM4Req[] = {A::Version, A::MessageType,       A::EnrolleeNonce, A::RHash1,
                               A::RHash2,  A::EncryptedSettings, A::Authenticator};
constexpr AttrType kM5M7Req[] = {A::Version, A::MessageType, A::RegistrarNonce,
                                 A::EncryptedSettings, A::Authenticator};
constexpr AttrType kM6M8Req[] = {A::Version, A::MessageType, A::EnrolleeNonce, A::EncryptedSettings,
                                 A::Authenticator};

// §6.4 WSC_ACK / WSC_Done, WSC_NACK.
constexpr AttrType kAckReq[] = {A::Version, A::MessageType, A::EnrolleeNonce, A::RegistrarNonce};
constexpr AttrType kNackReq[] = {A::Version, A::MessageType, A::EnrolleeNonce, A::RegistrarNonce,
                                 A::ConfigurationError};

// §2.4 WPS IEs. Conditional rules (Selected Registrar => DPID + SelRegConfigMethods; Probe
// Request UUID-E or UUID-R) are checked in msg_discovery.cpp.
constexpr AttrType kBeaconReq[] = {A::Version, A::WpsState};
constexpr AttrType kBeaconOpt[] = {A::ApSetupLocked, A::SelectedRegistrar, A::DevicePasswordId,
                                   A::SelectedRegistrarConfigMethods, A::UuidE, A::RfBands,
                                   A::VendorExtension, A::ApplicationExtension,
                                   // P2P GO beacons [H-reg wps_set_ie, CONFIG_P2P]
                                   A::DeviceName, A::PrimaryDeviceType};
constexpr AttrType kProbeRespReq[] = {A::Version,     A::WpsState,     A::ResponseType,
                                      A::UuidE,       A::Manufacturer, A::ModelName,
                                      A::ModelNumber, A::SerialNumber, A::PrimaryDeviceType,
                                      A::DeviceName,  A::ConfigMethods};
constexpr AttrType kProbeRespOpt[] = {A::ApSetupLocked,
                                      A::SelectedRegistrar,
                                      A::DevicePasswordId,
                                      A::SelectedRegistrarConfigMethods,
                                      A::RfBands,
                                      A::VendorExtension,
                                      A::ApplicationExtension};
constexpr AttrType kProbeReqReq[] = {
    A::Version, A::RequestType,      A::ConfigMethods,      A::PrimaryDeviceType,
    A::RfBands, A::AssociationState, A::ConfigurationError, A::DevicePasswordId};
constexpr AttrType kProbeReqOpt[] = {A::UuidE,
                                     A::UuidR,
                                     A::Manufacturer,
                                     A::ModelName,
                                     A::ModelNumber,
                                     A::DeviceName,
                                     A::VendorExtension,
                                     A::RequestedDeviceType,
                                     A::SecondaryDeviceTypeList};
constexpr AttrType kAssocReqReq[] = {A::Version, A::RequestType};
constexpr AttrType kAssocRespReq[] = {A::Version, A::ResponseType};

// §6.4 inner settings (KWA removed by decrypt_settings).
constexpr AttrType kM4SetReq[] = {A::RSNonce1};
constexpr AttrType kM5SetReq[] = {A::ESNonce1};
constexpr AttrType kM6SetReq[] = {A::RSNonce2};
constexpr AttrType kM7SetReq[] = {A::ESNonce2};
constexpr AttrType kApSettingsAttrs[] = {
    A::NetworkIndex,    A::Ssid,       A::MacAddress,     A::AuthenticationType, A::EncryptionType,
    A::NetworkKeyIndex, A::NetworkKey, A::VendorExtension};
constexpr AttrType kM8SetOpt[] = {A::Credential,      A::NetworkIndex,       A::Ssid,
                                  A::MacAddress,      A::AuthenticationType, A::EncryptionType,
                                  A::NetworkKeyIndex, A::NetworkKey,         A::VendorExtension};
// Credential [H-attr wps_process_cred]: Network Key mandatory except for open networks
// (checked in credential.cpp).
constexpr AttrType kCredReq[] = {A::NetworkIndex, A::Ssid, A::AuthenticationType, A::EncryptionType,
                                 A::MacAddress};
constexpr AttrType kCredOpt[] = {A::NetworkKey, A::NetworkKeyIndex, A::VendorExtension};
constexpr AttrType kCredForbidden[] = {A::Authenticator, A::EncryptedSettings,
                                       A::KeyWrapAuthenticator, A::Credential};
// AP Settings [H-attr wps_process_ap_settings].
constexpr AttrType kApReq[] = {A::Ssid, A::AuthenticationType, A::EncryptionType, A::MacAddress};
constexpr AttrType kApOpt[] = {A::NetworkIndex, A::NetworkKey, A::NetworkKeyIndex};

constexpr std::span<const AttrType> kNone{};

bool contains(std::span<const AttrType> set, AttrType t) {
  return std::find(set.begin(), set.end(), t) != set.end();
}

}  // namespace

bool Schema::is_required(AttrType t) const {
  return contains(required, t);
}
bool Schema::is_optional(AttrType t) const {
  return contains(optional, t);
}
bool Schema::is_forbidden(AttrType t) const {
  return contains(forbidden, t);
}

Result<void> check_schema(const AttrList& list, const Schema& s) {
  for (AttrType t : s.required)
    if (!list.has(t)) return unexpected(Errc::AttrMissing, list.base_offset(), to_u16(t));
  for (const Attr& a : list)
    if (s.is_forbidden(a.attr_type())) return unexpected(Errc::AttrForbidden, a.offset, a.type);
  if (s.authenticator_last) {
    // §7.4: the HMAC covers everything before the last 12 octets, so the Authenticator has to
    // be the final TLV (hostapd checks the same by position).
    const Attr* auth = list.first(AttrType::Authenticator);
    if (auth != nullptr && auth != &list.back())
      return unexpected(Errc::AuthenticatorNotLast, auth->offset, auth->type);
  }
  return ok();
}

const Schema kSchemaM1{"M1", kM1Req, kM1Opt, kPlainNoAuthForbidden, false};
const Schema kSchemaM2{"M2", kM2Req, kM2Opt, kPlainForbidden, true};
const Schema kSchemaM2D{"M2D", kM2DReq, kOnlyVendorExt, kPlainNoAuthForbidden, false};
const Schema kSchemaM3{"M3", kM3Req, kOnlyVendorExt, kPlainForbidden, true};
const Schema kSchemaM4{"M4", kM4Req, kOnlyVendorExt, kPlainForbidden, true};
const Schema kSchemaM5{"M5", kM5M7Req, kOnlyVendorExt, kPlainForbidden, true};
const Schema kSchemaM6{"M6", kM6M8Req, kOnlyVendorExt, kPlainForbidden, true};
const Schema kSchemaM7{"M7", kM5M7Req, kOnlyVendorExt, kPlainForbidden, true};
const Schema kSchemaM8{"M8", kM6M8Req, kOnlyVendorExt, kPlainForbidden, true};
const Schema kSchemaWscAck{"WSC_ACK", kAckReq, kOnlyVendorExt, kPlainNoAuthForbidden, false};
const Schema kSchemaWscNack{"WSC_NACK", kNackReq, kOnlyVendorExt, kPlainNoAuthForbidden, false};
const Schema kSchemaWscDone{"WSC_Done", kAckReq, kOnlyVendorExt, kPlainNoAuthForbidden, false};
const Schema kSchemaBeacon{"Beacon", kBeaconReq, kBeaconOpt, kPlainNoAuthForbidden, false};
const Schema kSchemaProbeRequest{"Probe Request", kProbeReqReq, kProbeReqOpt, kPlainNoAuthForbidden,
                                 false};
const Schema kSchemaProbeResponse{"Probe Response", kProbeRespReq, kProbeRespOpt,
                                  kPlainNoAuthForbidden, false};
const Schema kSchemaAssocRequest{"(Re)Association Request", kAssocReqReq, kOnlyVendorExt,
                                 kPlainNoAuthForbidden, false};
const Schema kSchemaAssocResponse{"(Re)Association Response", kAssocRespReq, kOnlyVendorExt,
                                  kPlainNoAuthForbidden, false};
const Schema kSchemaM4Settings{"M4 Encrypted Settings", kM4SetReq, kNone, kInnerForbidden, false};
const Schema kSchemaM5Settings{"M5 Encrypted Settings", kM5SetReq, kNone, kInnerForbidden, false};
const Schema kSchemaM6Settings{"M6 Encrypted Settings", kM6SetReq, kNone, kInnerForbidden, false};
const Schema kSchemaM7Settings{"M7 Encrypted Settings", kM7SetReq, kApSettingsAttrs,
                               kInnerForbidden, false};
const Schema kSchemaM8Settings{"M8 Encrypted Settings", kNone, kM8SetOpt, kInnerForbidden, false};
const Schema kSchemaCredential{"Credential", kCredReq, kCredOpt, kCredForbidden, false};
const Schema kSchemaApSettings{"AP Settings", kApReq, kApOpt, kInnerForbidden, false};

const Schema* schema_for(MsgType t) {
  switch (t) {
    case MsgType::Beacon: return &kSchemaBeacon;
    case MsgType::ProbeRequest: return &kSchemaProbeRequest;
    case MsgType::ProbeResponse: return &kSchemaProbeResponse;
    case MsgType::M1: return &kSchemaM1;
    case MsgType::M2: return &kSchemaM2;
    case MsgType::M2D: return &kSchemaM2D;
    case MsgType::M3: return &kSchemaM3;
    case MsgType::M4: return &kSchemaM4;
    case MsgType::M5: return &kSchemaM5;
    case MsgType::M6: return &kSchemaM6;
    case MsgType::M7: return &kSchemaM7;
    case MsgType::M8: return &kSchemaM8;
    case MsgType::WscAck: return &kSchemaWscAck;
    case MsgType::WscNack: return &kSchemaWscNack;
    case MsgType::WscDone: return &kSchemaWscDone;
  }
  return nullptr;
}

std::span<const Schema* const> all_schemas() {
  static const Schema* const kAll[] = {&kSchemaM1,
                                       &kSchemaM2,
                                       &kSchemaM2D,
                                       &kSchemaM3,
                                       &kSchemaM4,
                                       &kSchemaM5,
                                       &kSchemaM6,
                                       &kSchemaM7,
                                       &kSchemaM8,
                                       &kSchemaWscAck,
                                       &kSchemaWscNack,
                                       &kSchemaWscDone,
                                       &kSchemaBeacon,
                                       &kSchemaProbeRequest,
                                       &kSchemaProbeResponse,
                                       &kSchemaAssocRequest,
                                       &kSchemaAssocResponse,
                                       &kSchemaM4Settings,
                                       &kSchemaM5Settings,
                                       &kSchemaM6Settings,
                                       &kSchemaM7Settings,
                                       &kSchemaM8Settings,
                                       &kSchemaCredential,
                                       &kSchemaApSettings};
  return kAll;
}

}  // namespace wps::wsc
