// What the registration engines (Enrollee, Registrar) emit (ARCHITECTURE C1, C4).
//
// Engines never return a peer's mistake from an input method. Everything that happens comes out
// of poll_output() as one of these, in order:
//  - SendMessage: a WSC message to transmit (the EAP-WSC layer picks the Op-Code with
//    op_code_for(type) and fragments it);
//  - KeyLogEntry: a secret for the key log (only when the engine's config asks for it);
//  - Succeeded / Failed: the end of the run (exactly one of them, then the engine is finished);
//  - TraceEvent: state changes and checks, for people.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "base/bytes.hpp"
#include "base/errc.hpp"
#include "base/strong.hpp"
#include "base/trace.hpp"
#include "crypto/secret.hpp"
#include "eap/eap_packet.hpp"
#include "wsc/attr_table.hpp"
#include "wsc/credential.hpp"
#include "wsc/types.hpp"

namespace wps::proto {

/// The EAP-WSC Op-Code a message travels in (WPS-FACTS §3.3): M1..M8 and M2D as WSC_MSG; ACK,
/// NACK and Done have Op-Codes of their own.
constexpr eap::WscOpCode op_code_for(wsc::MsgType t) {
  switch (t) {
    case wsc::MsgType::WscAck: return eap::WscOpCode::WscAck;
    case wsc::MsgType::WscNack: return eap::WscOpCode::WscNack;
    case wsc::MsgType::WscDone: return eap::WscOpCode::WscDone;
    default: return eap::WscOpCode::WscMsg;
  }
}

struct SendMessage {
  wsc::MsgType type;
  Bytes payload;  ///< the WSC attribute payload (no EAP header)
};

/// One line of the key log: `LABEL <enrollee-mac> <hex>` (labels as in `wpslab run --keylog`:
/// DH_PRIVATE_E, DH_PRIVATE_R, ENROLLEE_NONCE, REGISTRAR_NONCE, DHKEY, KDK, AUTHKEY, KEYWRAPKEY,
/// EMSK, PSK1, PSK2, E_S1, E_S2, R_S1, R_S2).
struct KeyLogEntry {
  std::string_view label;
  crypto::SecretBytes value;
};

/// The run ended well.
struct Succeeded {
  MacAddr enrollee_mac;
  Uuid enrollee_uuid;
  /// Enrollee side: the credential(s) from M8 (validated). Registrar side: what it delivered.
  std::vector<wsc::Credential> credentials;
  /// AP-PIN method: the AP's current settings learned from M7 (registrar side), or the new
  /// settings received in M8 (AP enrollee side).
  std::optional<wsc::Credential> ap_settings;
};

/// The run ended without success. `at` is the message at which it ended: the one that failed a
/// check, the one that was missing, or M2D / WSC_NACK when the peer ended it.
struct Failed {
  Errc reason;                    ///< precise cause, e.g. RHash1Mismatch, PeerNack, PeerM2D
  wsc::MsgType at;                ///< where it was detected
  wsc::ConfigError config_error;  ///< sent in our NACK, or received in the peer's NACK/M2D
  bool by_peer = false;           ///< true when the peer reported the failure (NACK / M2D)
  bool nack_sent = false;         ///< true when we answered with WSC_NACK
  /// The last registration message we had sent before the end (e.g. M4 when the enrollee
  /// NACKs after M4), nullopt if none.
  std::optional<wsc::MsgType> after;
};

/// The Configuration Error a failure is reported with in our WSC_NACK (ARCHITECTURE C4: one
/// mapping, reviewed in one place). hostapd's behaviour, which peers expect: a device-password
/// proof that fails (E-Hash / R-Hash mismatch) is error 18; every other failed check (bad
/// Authenticator, bad KWA, undecryptable settings, unexpected message) is NACKed with error 0.
constexpr wsc::ConfigError config_error_for(Errc e) {
  switch (e) {
    case Errc::EHash1Mismatch:
    case Errc::EHash2Mismatch:
    case Errc::RHash1Mismatch:
    case Errc::RHash2Mismatch: return wsc::ConfigError::DevicePasswordAuthFailure;
    case Errc::SetupLocked: return wsc::ConfigError::SetupLocked;
    case Errc::PbcOverlap: return wsc::ConfigError::MultiplePbcSessionsDetected;
    case Errc::PublicKeyHashMismatch: return wsc::ConfigError::PublicKeyHashMismatch;
    case Errc::SessionTimeout: return wsc::ConfigError::MessageTimeout;
    default: return wsc::ConfigError::NoError;
  }
}

}  // namespace wps::proto

namespace wps::proto {

/// Registrar: an enrollee asked to register but no device password is available for it (an
/// M2D was sent) — the "PIN not entered yet" case. Mirrors hostapd's WPS-PIN-NEEDED event.
struct PinNeeded {
  MacAddr enrollee_mac;
  Uuid enrollee_uuid;
  wsc::DeviceInfo device;
  wsc::DevicePasswordId password_id;
};

using Output = std::variant<SendMessage, KeyLogEntry, PinNeeded, Succeeded, Failed, TraceEvent>;

}  // namespace wps::proto
