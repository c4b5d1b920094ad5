// IEEE 802.11 management frames: the 24-octet header and the bodies wpslab uses (WPS-FACTS §2.1,
// §2.2). Parse and build side by side; every body round-trips: parse_mgmt(build_mgmt(f)) == f.
//
// Header (IEEE 802.11-2020 §9.3.3.1): Frame Control (2) ‖ Duration (2) ‖ A1 = DA (6) ‖ A2 = SA (6)
// ‖ A3 = BSSID (6) ‖ Sequence Control (2) [‖ HT Control (4) iff the +HTC/Order flag is set].
// All fixed fields are little-endian. Bodies (§9.3.3.x): fixed fields, then elements.
#pragma once

#include <cstdint>
#include <optional>
#include <variant>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"
#include "dot11/codes.hpp"
#include "dot11/frame.hpp"
#include "dot11/ie.hpp"

namespace wps::dot11 {

inline constexpr std::size_t kMgmtHeaderLength = 24;

struct MgmtHeader {
  FcFlags flags{};  ///< type/subtype come from the body; `order` must match ht_control
  std::uint16_t duration = 0;
  MacAddr da;     ///< A1: receiver / destination
  MacAddr sa;     ///< A2: transmitter / source
  MacAddr bssid;  ///< A3
  SequenceControl seq{};
  std::optional<std::uint32_t> ht_control;  ///< present iff flags.order (little-endian on air)
  friend bool operator==(const MgmtHeader&, const MgmtHeader&) = default;
};

/// Beacon (§9.3.3.2) and Probe Response (§9.3.3.10) share this body.
struct Beacon {
  std::uint64_t timestamp = 0;          ///< TSF, microseconds
  std::uint16_t beacon_interval = 100;  ///< time units (1 TU = 1024 µs)
  std::uint16_t capability = cap::kEss;
  Elements elements;
  friend bool operator==(const Beacon&, const Beacon&) = default;
};
struct ProbeResponse {
  std::uint64_t timestamp = 0;
  std::uint16_t beacon_interval = 100;
  std::uint16_t capability = cap::kEss;
  Elements elements;
  friend bool operator==(const ProbeResponse&, const ProbeResponse&) = default;
};
/// Probe Request (§9.3.3.9): elements only (SSID first; length 0 = wildcard).
struct ProbeRequest {
  Elements elements;
  friend bool operator==(const ProbeRequest&, const ProbeRequest&) = default;
};
/// Authentication (§9.3.3.11). Open System: algorithm 0, sequence 1 (request) / 2 (response).
/// Trailing elements (challenge text, vendor) are kept.
struct Authentication {
  AuthAlgorithm algorithm = AuthAlgorithm::OpenSystem;
  std::uint16_t transaction_seq = 1;
  StatusCode status = StatusCode::Success;
  Elements elements;
  friend bool operator==(const Authentication&, const Authentication&) = default;
};
/// Association Request (§9.3.3.5).
struct AssociationRequest {
  std::uint16_t capability = cap::kEss;
  std::uint16_t listen_interval = 10;
  Elements elements;
  friend bool operator==(const AssociationRequest&, const AssociationRequest&) = default;
};
/// Reassociation Request (§9.3.3.7): as Association Request plus the Current AP address.
struct ReassociationRequest {
  std::uint16_t capability = cap::kEss;
  std::uint16_t listen_interval = 10;
  MacAddr current_ap;
  Elements elements;
  friend bool operator==(const ReassociationRequest&, const ReassociationRequest&) = default;
};
/// Association Response (§9.3.3.6). `aid` is the Association ID without the two MSBs: the codec
/// transmits aid | 0xC000 when aid != 0 (WPS-FACTS §2.2) and masks them off when parsing.
struct AssociationResponse {
  std::uint16_t capability = cap::kEss;
  StatusCode status = StatusCode::Success;
  std::uint16_t aid = 0;  ///< 1..2007 on success, 0 on failure
  Elements elements;
  friend bool operator==(const AssociationResponse&, const AssociationResponse&) = default;
};
/// Reassociation Response (§9.3.3.8): same layout as Association Response.
struct ReassociationResponse {
  std::uint16_t capability = cap::kEss;
  StatusCode status = StatusCode::Success;
  std::uint16_t aid = 0;
  Elements elements;
  friend bool operator==(const ReassociationResponse&, const ReassociationResponse&) = default;
};
/// Disassociation (§9.3.3.4) and Deauthentication (§9.3.3.12): Reason Code, then optional
/// elements (vendor specific, MME), kept.
struct Disassociation {
  ReasonCode reason = ReasonCode::Unspecified;
  Elements elements;
  friend bool operator==(const Disassociation&, const Disassociation&) = default;
};
struct Deauthentication {
  ReasonCode reason = ReasonCode::Unspecified;
  Elements elements;
  friend bool operator==(const Deauthentication&, const Deauthentication&) = default;
};

using MgmtBody = std::variant<Beacon, ProbeRequest, ProbeResponse, Authentication,
                              AssociationRequest, AssociationResponse, ReassociationRequest,
                              ReassociationResponse, Disassociation, Deauthentication>;

/// The management subtype that carries this body.
MgmtSubtype subtype_of(const MgmtBody& body);

struct MgmtFrame {
  MgmtHeader header;
  MgmtBody body;
  [[nodiscard]] MgmtSubtype subtype() const { return subtype_of(body); }
  friend bool operator==(const MgmtFrame&, const MgmtFrame&) = default;
};

/// Serializes a management frame (without FCS; see append_fcs). Frame Control type/subtype come
/// from the body's alternative, its flags from header.flags.
/// WPS_ASSERT: header.flags.order == header.ht_control.has_value(); element data <= 255 octets.
Bytes build_mgmt(const MgmtFrame& frame);

/// Parses a management frame without FCS (use strip_fcs first, or parse_frame in codec.hpp).
/// Error offsets count from the first octet of `frame`.
/// Errors:
///   Truncated @len          — shorter than the 24-octet header (+4 with HT Control), or the
///                             body ends inside a fixed field (offset of that field);
///   Dot11BadFrameControl @0 — protocol version != 0 or type is not Management;
///   Dot11UnsupportedFrame @0— a management subtype without a body codec here (Action, ATIM,
///                             Timing Advertisement, reserved) or the Protected flag is set
///                             (encrypted management body);
///   Dot11BadIe @off         — the element region overruns (offset of the bad element).
/// Truncation at an element boundary is *not* an error: the frame simply has fewer elements.
Result<MgmtFrame> parse_mgmt(ByteView frame);

}  // namespace wps::dot11
