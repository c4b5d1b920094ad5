// The one error vocabulary of wpslab's core (ARCHITECTURE C3). Grouped by layer. Each enumerator
// is a *precise* reason; `to_string(Errc)` gives its stable snake_case name (used in tests, logs,
// JSON and analyzer findings). Add new reasons at the end of their group.
#pragma once

#include <cstdint>
#include <string_view>

namespace wps {

enum class Errc : std::uint16_t {
  Ok = 0,

  // --- generic decoding (any layer) ---
  Truncated,      ///< input ended before a fixed field or a declared length
  TrailingBytes,  ///< octets left after a complete structure that must end there
  BadLength,      ///< a length field is inconsistent with the data or out of range
  BadValue,       ///< a field holds a value the spec does not allow
  TooLarge,       ///< a structure exceeds a size limit we enforce
  NeedMore,       ///< NOT fatal: a reassembler needs further fragments (Beast need_more)

  // --- crypto ---
  CryptoBackend,        ///< OpenSSL reported a failure (allocation, internal error)
  InvalidKeyLength,     ///< a key of the wrong size was given
  InvalidPublicKey,     ///< DH peer public value fails 1 < y < p-1 or y^q = 1 (mod p)
  UnwrapFailed,         ///< AES key unwrap integrity check (RFC 3394 IV) failed
  BadPadding,           ///< PKCS#5 padding of decrypted data is wrong
  BadCiphertextLength,  ///< ciphertext not a whole number of blocks / too short

  // --- WSC attribute codec ---
  AttrTruncated,         ///< a TLV header or value runs past the end of the message
  AttrBadLength,         ///< attribute length outside the table's rule for that type
  AttrDuplicate,         ///< non-repeatable attribute appears twice
  AttrMissing,           ///< an attribute the message schema requires is absent
  AttrForbidden,         ///< an attribute the message schema forbids is present
  AttrBadValue,          ///< attribute value outside its enumeration/range
  AuthenticatorNotLast,  ///< Authenticator is not the final TLV (last 12 octets)
  KwaNotLast,            ///< Key Wrap Authenticator is not the last TLV of Encrypted Settings
  UnknownMessageType,    ///< Message Type attribute holds no known value
  WrongMessageType,      ///< parse_mN() given a different message type
  VendorExtMalformed,    ///< WFA vendor extension sub-element runs past its attribute

  // --- WSC registration protocol (engines) ---
  UnexpectedMessage,         ///< message type not in the expected-next set of the current state
  NonceMismatch,             ///< enrollee/registrar nonce echo differs from ours
  UuidMismatch,              ///< UUID differs from the one learned earlier in the run
  MacMismatch,               ///< MAC address attribute differs from the peer's
  AuthenticatorMismatch,     ///< HMAC over previous‖current does not verify
  KwaMismatch,               ///< Key Wrap Authenticator does not verify
  EHash1Mismatch,            ///< registrar: E-S1 does not match E-Hash1 (wrong PIN, first half)
  EHash2Mismatch,            ///< registrar: E-S2 does not match E-Hash2 (wrong PIN, second half)
  RHash1Mismatch,            ///< enrollee: R-S1 does not match R-Hash1 (wrong PIN, first half)
  RHash2Mismatch,            ///< enrollee: R-S2 does not match R-Hash2 (wrong PIN, second half)
  DevicePasswordIdMismatch,  ///< M2 Device Password ID differs from M1's
  PublicKeyHashMismatch,     ///< NFC: the peer's DH public key does not match its token's hash
  NoDevicePassword,          ///< registrar has no password for this enrollee (→ M2D)
  PeerNack,                  ///< the peer sent WSC_NACK
  PeerM2D,                   ///< registrar answered M2D (cannot register us now)
  BadCredential,             ///< credential fails validation (SSID/key/auth/encr)
  PbcOverlap,                ///< more than one PBC session in the monitor window
  SetupLocked,               ///< AP setup is locked (AP PIN brute-force protection)
  PinInvalidated,            ///< PIN was revealed in a failed run and is no longer usable
  SessionTimeout,            ///< the peer stopped answering
  NotReady,                  ///< API misuse that is not a bug (e.g. no output available)
  PbcWalkTimeExpired,        ///< push button: no registrar in PBC mode within the walk time

  // --- EAP / EAPOL ---
  EapolBadVersion,
  EapolBadType,
  EapBadCode,
  EapBadType,
  EapBadVendor,
  EapIdMismatch,
  WscBadOpCode,
  WscBadFlags,
  WscFragTooLarge,      ///< announced message length over the limit (50000)
  WscFragInconsistent,  ///< fragment does not fit the announced length / op-code changed
  WscFragUnexpected,    ///< fragment or FRAG_ACK where none is expected
  EapFailure,           ///< the EAP conversation ended (EAP-Failure) before the registration did
  EapIdentityRejected,  ///< the peer's EAP identity is not a WSC identity we serve
  EapolBadEtherType,    ///< Ethernet frame whose EtherType is not 0x888E (EAPOL)

  // --- 802.11 ---
  Dot11BadFrameControl,
  Dot11UnsupportedFrame,
  Dot11BadIe,
  Dot11BadStatus,
  Dot11BadFcs,  ///< the 802.11 frame's FCS (CRC-32) does not match its contents

  // --- WPA2 / EAPOL-Key ---
  KeyBadDescriptor,
  KeyBadInfo,
  KeyReplayCounter,
  KeyMicMismatch,
  KeyNonceMismatch,
  KeyRsnIeMismatch,
  KeyDataMalformed,
  KeyCcmpDecrypt,

  // --- pcap / analyzer ---
  PcapOpen,
  PcapBadLinktype,
  PcapBadRadiotap,
  PcapBadPpi,    ///< PPI header version/length inconsistent with the packet
  PcapBadPrism,  ///< Prism (LINKTYPE 119) header shorter than it says / than 8 octets
  PcapBadAvs,    ///< AVS (LINKTYPE 163) header: bad version or length

  // --- simulator ---
  SimEventLimit,  ///< runaway guard: a run needed more than its max_events events/frames

  // --- config / edge ---
  ConfigBadKey,
  ConfigBadValue,
  IoError,
  CtrlUnknownCommand,  ///< control interface: not a command we know (hostapd: UNKNOWN COMMAND)
  CtrlBadArgument,     ///< control interface: a known command with bad arguments (FAIL)
};

/// Stable snake_case name of an error reason, e.g. "authenticator_mismatch".
std::string_view to_string(Errc e);

}  // namespace wps
