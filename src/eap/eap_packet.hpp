// EAP packet codec (RFC 3748) with the expanded type (RFC 3748 §5.7) and the EAP-WSC header that
// WPS carries inside it (WPS-FACTS §3.2, §3.3).
//
// Layering: Ethernet → EAPOL (eapol.hpp) → EAP packet (here) → EAP-WSC payload (here) → WSC
// message (reassembled by wsc_frag.hpp, decoded by wsc/). Everything here is a pure codec: no
// state, no I/O.
//
// Views: every ByteView in a parsed struct points into the buffer given to the parser and is valid
// as long as that buffer is alive and unchanged.
// Offsets: errors and *_offset fields count from the start of the outermost buffer; pass the offset
// of the view inside a larger frame as `base_offset` (e.g. EapolFrame::body_offset).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"

namespace wps::eap {

// --- EAP header (RFC 3748 §4) ----------------------------------------------------------------

/// Code, Identifier, Length.
inline constexpr std::size_t kEapHeaderLen = 4;

enum class EapCode : std::uint8_t {
  Request = 1,
  Response = 2,
  Success = 3,
  Failure = 4,
};

/// EAP Type octet of Requests and Responses (RFC 3748 §5). Parsed packets may hold any value
/// 0..255: the enumerators name only those wpslab uses; other methods are not rejected by
/// parse_eap(), only by the type-specific decoders below.
enum class EapType : std::uint8_t {
  Identity = 1,
  Notification = 2,
  Nak = 3,
  Expanded = 254,
};

struct EapIdentifierTag {};
/// EAP Identifier (RFC 3748 §4): a Response echoes the Request's; each new Request uses a new one.
using EapIdentifier = Strong<std::uint8_t, EapIdentifierTag>;

/// The identifier after `id` (wraps 255 → 0). Authenticators number consecutive Requests this way
/// (WPS-FACTS §1 "Observed timing/ids").
[[nodiscard]] constexpr EapIdentifier next_identifier(EapIdentifier id) {
  return EapIdentifier(static_cast<std::uint8_t>(id.get() + 1));
}

/// A parsed EAP packet.
struct EapPacket {
  std::size_t offset = 0;  ///< where the packet starts (the Code octet): parse_eap's base_offset
  EapCode code = EapCode::Request;
  EapIdentifier id;
  /// Present for Request/Response, absent for Success/Failure.
  std::optional<EapType> type;
  /// Octets after the Type octet up to Length (empty for Success/Failure).
  ByteView type_data;
  std::size_t type_data_offset = 0;
  /// Octets after Length inside the given view: link-layer padding, ignored (RFC 3748 §4).
  std::size_t trailing = 0;
};

/// Parses one EAP packet (typically EapolFrame::body).
///
/// Errors (offset = base_offset + position):
/// - Truncated @0: fewer than 4 octets.
/// - EapBadCode @0: code not 1..4.
/// - BadLength @2: Length < 4; Success/Failure with Length ≠ 4 (RFC 3748 §4.2); Request/Response
///   with Length < 5 (no Type octet).
/// - Truncated @4: Length exceeds the octets present (RFC 3748 §4: such packets are discarded).
[[nodiscard]] Result<EapPacket> parse_eap(ByteView packet, std::size_t base_offset = 0);

/// Builds a Request or Response: code ‖ id ‖ BE16(5 + |type_data|) ‖ type ‖ type_data.
/// Preconditions (WPS_ASSERT): code is Request/Response; 5 + |type_data| <= 65535.
[[nodiscard]] Bytes build_eap(EapCode code, EapIdentifier id, EapType type, ByteView type_data);

/// EAP-Success / EAP-Failure: code ‖ id ‖ 00 04 (RFC 3748 §4.2). EAP-WSC always ends in
/// EAP-Failure, with the identifier of the last Response (WPS-FACTS §3.3, §12).
[[nodiscard]] Bytes build_eap_success(EapIdentifier id);
[[nodiscard]] Bytes build_eap_failure(EapIdentifier id);

// --- Identity (RFC 3748 §5.1) -----------------------------------------------------------------

/// Identities of the WSC roles (WPS-FACTS §3.2; no NUL on the wire): 29 and 30 octets.
inline constexpr std::string_view kIdentityEnrollee = "WFA-SimpleConfig-Enrollee-1-0";
inline constexpr std::string_view kIdentityRegistrar = "WFA-SimpleConfig-Registrar-1-0";

/// Request/Identity or Response/Identity carrying `identity` (empty for a typical Request).
[[nodiscard]] Bytes build_identity(EapCode code, EapIdentifier id, std::string_view identity);

/// The identity octets of a Request/Response Identity (a view into the packet's buffer).
/// Errors (offsets relative to packet.offset):
/// - EapBadCode @0: Success/Failure (they carry no Type).
/// - EapBadType @4: Type is not Identity.
[[nodiscard]] Result<ByteView> parse_identity(const EapPacket& packet);

// --- Expanded type (RFC 3748 §5.7) ------------------------------------------------------------

inline constexpr std::uint32_t kVendorIdWfa = 0x00372A;      ///< WFA SMI code (14122)
inline constexpr std::uint32_t kVendorTypeSimpleConfig = 1;  ///< WFA SimpleConfig (EAP-WSC)
/// Type(254) + Vendor-Id(3) + Vendor-Type(4): EAP header + 8 = 12 octets before the vendor data.
inline constexpr std::size_t kExpandedHeaderLen = kEapHeaderLen + 8;

struct ExpandedType {
  std::uint32_t vendor_id = 0;  ///< 24 bits
  std::uint32_t vendor_type = 0;
  ByteView data;  ///< Vendor data (view into the packet's buffer)
  std::size_t data_offset = 0;
};

/// Decodes the expanded-type header of a Request/Response.
/// Errors (offsets relative to packet.offset):
/// - EapBadCode @0: Success/Failure (they carry no Type).
/// - EapBadType @4: Type is not 254.
/// - Truncated @5: fewer than 7 octets of Vendor-Id + Vendor-Type.
[[nodiscard]] Result<ExpandedType> parse_expanded(const EapPacket& packet);

/// Builds a Request/Response of expanded type. Preconditions: vendor_id < 2^24, the code is
/// Request/Response, 12 + |vendor_data| <= 65535.
[[nodiscard]] Bytes build_expanded(EapCode code, EapIdentifier id, std::uint32_t vendor_id,
                                   std::uint32_t vendor_type, ByteView vendor_data);

// --- EAP-WSC (WPS-FACTS §3.3) -----------------------------------------------------------------

/// Op-Code octet of EAP-WSC. Spec names (WSC_Start …) without the underscore.
enum class WscOpCode : std::uint8_t {
  WscStart = 0x01,    ///< EAP server → peer, no payload; only when the AP is the Registrar
  WscAck = 0x02,      ///< WSC_ACK message (Msg Type 0x0D)
  WscNack = 0x03,     ///< WSC_NACK message (Msg Type 0x0E)
  WscMsg = 0x04,      ///< M1..M8, M2D
  WscDone = 0x05,     ///< WSC_Done message (Msg Type 0x0F)
  WscFragAck = 0x06,  ///< acknowledges one MF fragment; no payload, flags 0
};

/// Stable name, e.g. "WSC_MSG"; "?" for values outside 1..6.
[[nodiscard]] std::string_view to_string(WscOpCode op);

/// Flags octet. Any other bit set is an error (WscBadFlags).
inline constexpr std::uint8_t kWscFlagMore = 0x01;    ///< MF: more fragments follow
inline constexpr std::uint8_t kWscFlagLength = 0x02;  ///< LF: 2-octet Message Length present
inline constexpr std::uint8_t kWscFlagsKnown = kWscFlagMore | kWscFlagLength;

/// Op-Code + Flags.
inline constexpr std::size_t kWscHeaderLen = 2;
/// Op-Code + Flags + Message Length.
inline constexpr std::size_t kWscHeaderWithLengthLen = 4;

/// A parsed EAP-WSC payload (the Vendor data of an expanded EAP packet, from Op-Code onward).
struct WscPacket {
  std::size_t offset = 0;  ///< where the payload starts (the Op-Code octet)
  WscOpCode op = WscOpCode::WscMsg;
  std::uint8_t flags = 0;
  /// Present iff LF is set: the total length of the (reassembled) WSC message.
  std::optional<std::uint16_t> message_length;
  ByteView data;  ///< this packet's share of the WSC message (view into the buffer)
  std::size_t data_offset = 0;

  [[nodiscard]] bool more_fragments() const { return (flags & kWscFlagMore) != 0; }
};

/// Parses Op-Code ‖ Flags ‖ [Message Length] ‖ data. Only the header is validated here; whether
/// MF/LF/Message Length fit the fragment sequence is the Reassembler's job.
///
/// Errors (offset = base_offset + position):
/// - Truncated @0 / @1: Op-Code / Flags missing.
/// - WscBadOpCode @0: Op-Code not 1..6.
/// - WscBadFlags @1: a bit other than MF (0x01) / LF (0x02) is set.
/// - Truncated @2: LF set but fewer than 2 octets of Message Length.
[[nodiscard]] Result<WscPacket> parse_wsc_payload(ByteView payload, std::size_t base_offset = 0);

/// parse_expanded() + vendor check + parse_wsc_payload().
/// Errors: those of parse_expanded() and parse_wsc_payload() (the latter at packet.offset + 12 +
/// position), plus (offsets relative to packet.offset)
/// - EapBadVendor @5: Vendor-Id is not 0x00372A;
/// - EapBadVendor @8: Vendor-Type is not 1.
[[nodiscard]] Result<WscPacket> parse_wsc(const EapPacket& packet);

/// Builds Op-Code ‖ Flags ‖ [BE16 message_length] ‖ data. Flags are derived: MF if `more`, LF if
/// `message_length` is given, so they cannot contradict the fields.
[[nodiscard]] Bytes build_wsc_payload(WscOpCode op, ByteView data, bool more = false,
                                      std::optional<std::uint16_t> message_length = std::nullopt);

/// Wraps an EAP-WSC payload (e.g. one produced by the Fragmenter) into a Request/Response of
/// expanded type WFA/SimpleConfig. Preconditions: code is Request/Response, 12 + |payload| <=
/// 65535.
[[nodiscard]] Bytes build_wsc(EapCode code, EapIdentifier id, ByteView wsc_payload);

}  // namespace wps::eap
