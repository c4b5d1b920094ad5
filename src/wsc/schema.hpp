// Per-message attribute schemas as data (ARCHITECTURE C5): which attributes a message (or a
// container inside Encrypted Settings) MUST carry, MAY carry and MUST NOT carry. Every parse_*
// function checks its schema, always (there is no "non-strict" build as in hostapd).
//
// Sets follow WPS-FACTS §6 and §2.4 (hostapd's WSC 2.0 strict validator, H-val). Attributes in
// none of the three sets are tolerated and ignored by the typed parsers (the raw bytes still
// hold them), as hostapd does. Conditional rules that a flat set cannot express (e.g. "Device
// Password ID is mandatory in a Beacon when Selected Registrar = 1") are checked by the typed
// parsers and documented there.
#pragma once

#include <span>
#include <string_view>

#include "base/result.hpp"
#include "wsc/attr_table.hpp"
#include "wsc/tlv.hpp"

namespace wps::wsc {

struct Schema {
  std::string_view name;  ///< "M4", "M4 Encrypted Settings", "Credential", ...
  std::span<const AttrType> required;
  std::span<const AttrType> optional;
  std::span<const AttrType> forbidden;
  bool authenticator_last = false;  ///< M2..M8: the Authenticator must be the final TLV

  [[nodiscard]] bool is_required(AttrType t) const;
  [[nodiscard]] bool is_optional(AttrType t) const;
  [[nodiscard]] bool is_forbidden(AttrType t) const;
};

/// Checks `list` against `s`, in this order:
///  - AttrMissing: the first required type (in schema order) that is absent; offset =
///    list.base_offset() (the start of the container), attr = that type;
///  - AttrForbidden: the first forbidden attribute present (its offset and type);
///  - AuthenticatorNotLast (authenticator_last only): the Authenticator is present but is not
///    the final TLV; offset of the Authenticator, attr 0x1005.
Result<void> check_schema(const AttrList& list, const Schema& s);

// Registration protocol messages (§6).
extern const Schema kSchemaM1;
extern const Schema kSchemaM2;
extern const Schema kSchemaM2D;
extern const Schema kSchemaM3;
extern const Schema kSchemaM4;
extern const Schema kSchemaM5;
extern const Schema kSchemaM6;
extern const Schema kSchemaM7;
extern const Schema kSchemaM8;
extern const Schema kSchemaWscAck;
extern const Schema kSchemaWscNack;
extern const Schema kSchemaWscDone;
// WPS IE contents of 802.11 frames (§2.4).
extern const Schema kSchemaBeacon;
extern const Schema kSchemaProbeRequest;
extern const Schema kSchemaProbeResponse;
extern const Schema kSchemaAssocRequest;
extern const Schema kSchemaAssocResponse;
// Decrypted Encrypted Settings (without the KWA) and nested containers (§6.4).
extern const Schema kSchemaM4Settings;
extern const Schema kSchemaM5Settings;
extern const Schema kSchemaM6Settings;
extern const Schema kSchemaM7Settings;
extern const Schema kSchemaM8Settings;
extern const Schema kSchemaCredential;  ///< value of a Credential attribute (0x100E)
extern const Schema kSchemaApSettings;  ///< AP settings in M7 / M8 (flat, not in a Credential)

/// Schema of a message type (M1..WSC_Done and the discovery types Beacon, ProbeRequest,
/// ProbeResponse); nullptr for an unknown value.
const Schema* schema_for(MsgType t);

/// Every schema above (for the analyzer and tests).
std::span<const Schema* const> all_schemas();

}  // namespace wps::wsc
