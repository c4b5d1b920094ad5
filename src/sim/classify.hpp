// Recognising what an 802.11 frame carries, for fault rules and the Ethernet (EAPOL-only) view of
// a recording: EAPOL inside a data frame, the EAP packet inside it, the EAP-WSC header and the WSC
// Message Type. Lenient and decode-only: these helpers never fail, they answer "not that kind of
// frame" with nullopt or an empty field.
//
// Layout (WPS-FACTS §2.1, §3): 802.11 data header (dot11 codec) ‖ LLC/SNAP aa aa 03 00 00 00 88 8e
// ‖ EAPOL: version (1) ‖ type (1) ‖ body length (2, BE) ‖ EAP: code (1) ‖ identifier (1) ‖
// length (2, BE) ‖ type (1; Request/Response only) ‖ for type 254 (expanded): vendor-id (3) =
// 00 37 2a ‖ vendor-type (4) = 1 ‖ Op-Code (1) ‖ Flags (1) ‖ [message length (2) iff Flags & LF]
// ‖ WSC TLVs (type 2, length 2, value; BE), Message Type = attribute 0x1022, one octet.
//
// Views returned alias the frame passed in and live as long as it does.
#pragma once

#include <cstdint>
#include <optional>

#include "base/bytes.hpp"
#include "base/strong.hpp"

namespace wps::sim {

/// WSC Message Type values (WPS-FACTS §5; attribute 0x1022). M8 is 0x0C.
namespace wsc_msg {
inline constexpr std::uint8_t kM1 = 0x04;
inline constexpr std::uint8_t kM2 = 0x05;
inline constexpr std::uint8_t kM2D = 0x06;
inline constexpr std::uint8_t kM3 = 0x07;
inline constexpr std::uint8_t kM4 = 0x08;
inline constexpr std::uint8_t kM5 = 0x09;
inline constexpr std::uint8_t kM6 = 0x0A;
inline constexpr std::uint8_t kM7 = 0x0B;
inline constexpr std::uint8_t kM8 = 0x0C;
inline constexpr std::uint8_t kAck = 0x0D;
inline constexpr std::uint8_t kNack = 0x0E;
inline constexpr std::uint8_t kDone = 0x0F;
}  // namespace wsc_msg

/// EAPOL packet types (IEEE 802.1X; WPS-FACTS §3.1).
namespace eapol_type {
inline constexpr std::uint8_t kEapPacket = 0;
inline constexpr std::uint8_t kStart = 1;
inline constexpr std::uint8_t kLogoff = 2;
inline constexpr std::uint8_t kKey = 3;
}  // namespace eapol_type

/// EAP-WSC header, present when the EAP type is 254 with vendor 0x00372A / type 1.
struct WscHeader {
  std::uint8_t op_code = 0;  ///< 1 Start, 2 ACK, 3 NACK, 4 MSG, 5 Done, 6 FRAG_ACK
  std::uint8_t flags = 0;    ///< 0x01 MF (more fragments), 0x02 LF (length field present)
  std::optional<std::uint16_t> message_length;  ///< iff flags & LF (and the octets are there)
  /// The Message Type attribute, found by walking the TLVs from the start of the payload. Absent
  /// for op-codes without a message, for continuation fragments (MF without LF), and when the
  /// walk meets no well-formed 0x1022 TLV of length 1. A last fragment (flags 0) of a fragmented
  /// message looks like a whole message; the walk then reads fragment data as TLVs and could, in
  /// principle, see a Message Type by chance (heuristic: no reassembly state is kept here).
  std::optional<std::uint8_t> message_type;
  ByteView payload;  ///< WSC octets of this EAP packet (a fragment, or the whole message)
};

struct EapHeader {
  std::uint8_t code = 0;  ///< 1 Request, 2 Response, 3 Success, 4 Failure
  std::uint8_t identifier = 0;
  std::uint16_t length = 0;          ///< as declared (whole EAP packet)
  std::optional<std::uint8_t> type;  ///< Request/Response with a type octet
  std::optional<WscHeader> wsc;
};

struct EapolInfo {
  MacAddr source;       ///< 802.11 SA (DataFrame::source(): A2 for ToDS, A3 for FromDS)
  MacAddr destination;  ///< 802.11 DA (DataFrame::destination())
  std::uint8_t version = 0;
  std::uint8_t type = 0;          ///< see eapol_type
  std::uint16_t body_length = 0;  ///< as declared
  ByteView eapol;                 ///< everything after the LLC/SNAP header
  std::optional<EapHeader> eap;   ///< type 0 (EAP-Packet) with at least 4 EAP octets
};

/// The EAPOL content of an unprotected 802.11 data frame (no FCS) with LLC/SNAP EtherType 0x888E
/// and at least the 4-octet EAPOL header; nullopt for anything else (management frames, other
/// EtherTypes, Protected frames, malformed headers). EAP and WSC fields are filled as far as the
/// octets (bounded by the declared EAPOL and EAP lengths) allow.
std::optional<EapolInfo> inspect_eapol(ByteView dot11_frame);

/// Shortcut: the WSC Message Type carried by the frame (see WscHeader::message_type).
std::optional<std::uint8_t> wsc_message_type(ByteView dot11_frame);

/// The frame as an Ethernet II frame, as a wired capture would show it: DA (6) ‖ SA (6) ‖
/// 88 8e ‖ the EAPOL octets (no padding to 60 octets, no FCS). nullopt unless inspect_eapol()
/// recognises the frame.
std::optional<Bytes> to_ethernet(ByteView dot11_frame);

}  // namespace wps::sim
