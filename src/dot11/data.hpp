// IEEE 802.11 data frames (IEEE 802.11-2020 §9.3.2.1) and the LLC/SNAP encapsulation of their
// payload (WPS-FACTS §2.1).
//
// Header: Frame Control (2) ‖ Duration (2) ‖ A1 (6) ‖ A2 (6) ‖ A3 (6) ‖ Sequence Control (2)
//         [‖ A4 (6) iff ToDS and FromDS] [‖ QoS Control (2) iff QoS subtype]
//         [‖ HT Control (4) iff QoS subtype and the +HTC/Order flag]
// Address mapping (IEEE 802.11-2020 §9.3.2.1, address field table; WPS-FACTS §2.1):
//   ToDS=0 FromDS=0: A1 = DA,    A2 = SA,    A3 = BSSID
//   ToDS=1 FromDS=0: A1 = BSSID, A2 = SA,    A3 = DA      (STA -> AP, FC "08 01")
//   ToDS=0 FromDS=1: A1 = DA,    A2 = BSSID, A3 = SA      (AP -> STA, FC "08 02")
//   ToDS=1 FromDS=1: A1 = RA,    A2 = TA,    A3 = DA, A4 = SA (mesh/WDS; BSSID not carried)
//
// The body is opaque here. Unprotected bodies usually start with LLC/SNAP (aa aa 03 00 00 00 ‖
// EtherType); protected bodies (Protected flag set) are CCMP header ‖ ciphertext ‖ MIC, produced
// and consumed by the wpa2 module, which reads the header fields it needs for the CCMP AAD and
// nonce (FC, A1..A4, Sequence Control, QoS Control) from DataFrame.
#pragma once

#include <cstdint>
#include <optional>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"
#include "dot11/frame.hpp"

namespace wps::dot11 {

inline constexpr std::uint16_t kEtherTypeEapol = 0x888E;
inline constexpr std::size_t kLlcSnapLength = 8;

struct DataFrame {
  DataSubtype subtype = DataSubtype::Data;
  FcFlags flags{};  ///< to_ds/from_ds/protected_frame/retry/...
  std::uint16_t duration = 0;
  MacAddr addr1, addr2, addr3;
  SequenceControl seq{};
  std::optional<MacAddr> addr4;              ///< present iff flags.to_ds && flags.from_ds
  std::optional<std::uint16_t> qos_control;  ///< present iff is_qos(subtype)
  std::optional<std::uint32_t> ht_control;   ///< present iff is_qos(subtype) && flags.order
  Bytes body;                                ///< empty for Null / QoS Null

  [[nodiscard]] const MacAddr& receiver() const { return addr1; }
  [[nodiscard]] const MacAddr& transmitter() const { return addr2; }
  /// Final destination per the table above.
  [[nodiscard]] const MacAddr& destination() const;
  /// Original source per the table above.
  [[nodiscard]] const MacAddr& source() const;
  /// The BSSID, or nullopt for ToDS=1 FromDS=1 frames (no BSSID field).
  [[nodiscard]] std::optional<MacAddr> bssid() const;
  /// Length of the MAC header this frame serializes to (24, +6 A4, +2 QoS, +4 HT Control).
  [[nodiscard]] std::size_t header_length() const;
  friend bool operator==(const DataFrame&, const DataFrame&) = default;
};

/// STA -> AP frame: ToDS, A1 = bssid, A2 = sta, A3 = da (WPS-FACTS §2.1).
DataFrame make_to_ds(const MacAddr& bssid, const MacAddr& sta, const MacAddr& da, Bytes body);
/// AP -> STA frame: FromDS, A1 = sta, A2 = bssid, A3 = sa.
DataFrame make_from_ds(const MacAddr& sta, const MacAddr& bssid, const MacAddr& sa, Bytes body);

/// Serializes (no FCS). WPS_ASSERT that optional fields match the flags/subtype (see DataFrame).
Bytes build_data(const DataFrame& frame);
/// Only the MAC header of `frame` (header_length() octets), e.g. for a caller that appends a
/// protected body itself.
Bytes build_data_header(const DataFrame& frame);

/// Parses a data frame without FCS. Error offsets count from the first octet of `frame`.
/// Errors:
///   Truncated @off           — the header ends early (offset of the missing field);
///   Dot11BadFrameControl @0  — protocol version != 0 or type is not Data;
///   Dot11UnsupportedFrame @0 — a data subtype other than Data, Null, QoS Data, QoS Null
///                              (the CF-Ack/CF-Poll variants and reserved subtypes);
///   TrailingBytes @off       — a Null / QoS Null frame with a body.
Result<DataFrame> parse_data(ByteView frame);

/// aa aa 03 00 00 00 ‖ EtherType (big-endian) ‖ payload.
Bytes build_llc_snap(std::uint16_t ethertype, ByteView payload);

struct LlcSnapView {
  std::uint16_t ethertype = 0;
  ByteView payload;  ///< aliases the body passed to parse_llc_snap
};
/// Splits an unprotected data body. Errors (offsets are base_offset + position in body):
///   Truncated @base             — shorter than the 8-octet LLC/SNAP header;
///   Dot11UnsupportedFrame @base — not LLC SNAP with OUI 00-00-00 (RFC 1042 encapsulation).
Result<LlcSnapView> parse_llc_snap(ByteView body, std::size_t base_offset = 0);

}  // namespace wps::dot11
