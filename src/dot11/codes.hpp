// IEEE 802.11 numeric vocabularies used by the management-frame codec and the MLME engines:
// status codes, reason codes, authentication algorithms and capability bits.
//
// The enums are open: they have a fixed underlying type, so a frame may carry any 16-bit value
// (unknown values round-trip unchanged through parse/build). Only the values wpslab acts on, or
// that appear in WPS-FACTS §2.6, are named.
#pragma once

#include <cstdint>

namespace wps::dot11 {

/// Status Code field (IEEE 802.11-2020 §9.4.1.9, Table 9-50). Little-endian on air.
enum class StatusCode : std::uint16_t {
  Success = 0,
  Unspecified = 1,                ///< unspecified failure
  CapabilitiesUnsupported = 10,   ///< cannot support all requested capabilities
  ReassocNoAssociation = 11,      ///< reassociation denied: association cannot be confirmed
  AssocDeniedUnspecified = 12,    ///< association denied for a reason outside this standard
  UnsupportedAuthAlgorithm = 13,  ///< responding STA does not support the algorithm
  AuthSeqOutOfOrder = 14,         ///< authentication transaction sequence number unexpected
  ChallengeFailure = 15,
  AuthTimeout = 16,
  ApFull = 17,  ///< AP cannot handle additional associated STAs
  BasicRatesUnsupported = 18,
  InvalidElement = 40,  ///< an element's contents do not meet Clause 9
  InvalidGroupCipher = 41,
  InvalidPairwiseCipher = 42,
  InvalidAkmp = 43,
  UnsupportedRsneVersion = 44,
  InvalidRsneCapabilities = 45,
  InvalidRsne = 72,  ///< invalid contents of the RSNE
};

/// Reason Code field of Deauthentication/Disassociation (IEEE 802.11-2020 §9.4.1.7, Table 9-49).
enum class ReasonCode : std::uint16_t {
  Unspecified = 1,
  PrevAuthNotValid = 2,  ///< previous authentication no longer valid
  DeauthLeaving = 3,     ///< sending STA is leaving (wpa_supplicant after WPS, §2.6)
  Inactivity = 4,
  ApFull = 5,              ///< AP unable to handle all currently associated STAs
  Class2FromNonauth = 6,   ///< class 2 frame received from a nonauthenticated STA
  Class3FromNonassoc = 7,  ///< class 3 frame received from a nonassociated STA
  DisassocLeaving = 8,
  NotAuthenticated = 9,  ///< STA requesting (re)association is not authenticated
  InvalidElement = 13,
  MicFailure = 14,
  FourWayHandshakeTimeout = 15,
  GroupKeyHandshakeTimeout = 16,
  IeInFourWayDiffers = 17,  ///< element in 4-way differs from (Re)Assoc Req/Beacon
  InvalidGroupCipher = 18,
  InvalidPairwiseCipher = 19,
  InvalidAkmp = 20,
  UnsupportedRsneVersion = 21,
  InvalidRsneCapabilities = 22,
  Ieee8021xAuthFailed = 23,  ///< hostapd's reason after WPS EAP-Failure (§2.6)
  CipherSuiteRejected = 24,
};

/// Authentication Algorithm Number (IEEE 802.11-2020 §9.4.1.1).
enum class AuthAlgorithm : std::uint16_t {
  OpenSystem = 0,
  SharedKey = 1,
  FastBssTransition = 2,
  Sae = 3,
};

/// Capability Information bits (IEEE 802.11-2020 §9.4.1.4; WPS-FACTS §2.2).
namespace cap {
inline constexpr std::uint16_t kEss = 0x0001;
inline constexpr std::uint16_t kIbss = 0x0002;
inline constexpr std::uint16_t kPrivacy = 0x0010;
inline constexpr std::uint16_t kShortPreamble = 0x0020;
inline constexpr std::uint16_t kShortSlotTime = 0x0400;
}  // namespace cap

inline constexpr std::uint16_t to_u16(StatusCode s) {
  return static_cast<std::uint16_t>(s);
}
inline constexpr std::uint16_t to_u16(ReasonCode r) {
  return static_cast<std::uint16_t>(r);
}
inline constexpr std::uint16_t to_u16(AuthAlgorithm a) {
  return static_cast<std::uint16_t>(a);
}

}  // namespace wps::dot11
