// EAPOL framing (IEEE 802.1X) and the Ethernet II frames that carry it over a wired port.
//
// Pure codec: no state, no I/O. Every parser reports *where* it failed: offsets are counted from
// the start of the outermost buffer, i.e. `base_offset` plus the position inside the view given
// (pass the offset of this view inside a larger frame to get frame-relative offsets).
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"

namespace wps::eap {

// --- EAPOL header (WPS-FACTS §3.1) ---------------------------------------------------------

/// Protocol Version octet. 1 = 802.1X-2001, 2 = 802.1X-2004, 3 = 802.1X-2010.
inline constexpr std::uint8_t kEapolVersion2001 = 1;
inline constexpr std::uint8_t kEapolVersion2004 = 2;
inline constexpr std::uint8_t kEapolVersion2010 = 3;
/// hostapd's default `eapol_version` (WPS-FACTS §3.1); also what both peers sent in the IO runs.
inline constexpr std::uint8_t kEapolDefaultVersion = kEapolVersion2004;

/// Size of the EAPOL header: version, type, body length.
inline constexpr std::size_t kEapolHeaderLen = 4;

/// Packet Type octet.
enum class EapolType : std::uint8_t {
  EapPacket = 0,  ///< EAP-Packet: the body is one EAP packet (RFC 3748)
  Start = 1,      ///< EAPOL-Start (body length 0 in 802.1X-2004)
  Logoff = 2,     ///< EAPOL-Logoff
  Key = 3,        ///< EAPOL-Key (WPA2 4-way handshake; decoded in wpa2/)
  AsfAlert = 4,   ///< EAPOL-Encapsulated-ASF-Alert
};

/// A parsed EAPOL frame. `body` is a view into the buffer given to parse_eapol(): it is valid as
/// long as that buffer is alive and unchanged.
struct EapolFrame {
  std::uint8_t version = kEapolDefaultVersion;
  EapolType type = EapolType::EapPacket;
  ByteView body;                ///< exactly Body Length octets
  std::size_t body_offset = 0;  ///< offset of `body` (base_offset + 4): feed it to parse_eap()
  std::size_t trailing = 0;     ///< octets after the body (e.g. Ethernet padding to 60); ignored
};

/// Parses an EAPOL header and delimits its body.
///
/// Octets after Body Length are allowed (a wired NIC pads short frames to 60 octets) and are
/// reported in `trailing`, never treated as part of the body.
///
/// Errors (offset = base_offset + position):
/// - Truncated @0: fewer than 4 octets.
/// - EapolBadVersion @0: version not 1..3.
/// - EapolBadType @1: packet type not 0..4.
/// - Truncated @4: Body Length exceeds the octets present.
[[nodiscard]] Result<EapolFrame> parse_eapol(ByteView frame, std::size_t base_offset = 0);

/// Builds version ‖ type ‖ BE16(body.size()) ‖ body.
/// Preconditions (WPS_ASSERT): version in 1..3, body.size() <= 65535.
[[nodiscard]] Bytes build_eapol(EapolType type, ByteView body,
                                std::uint8_t version = kEapolDefaultVersion);

/// EAPOL-Start (type 1, empty body).
[[nodiscard]] inline Bytes build_eapol_start(std::uint8_t version = kEapolDefaultVersion) {
  return build_eapol(EapolType::Start, {}, version);
}

// --- Ethernet II carrying EAPOL (IEEE 802.1X §11.1) ------------------------------------------

/// EtherType of EAPOL ("PAE EtherType").
inline constexpr std::uint16_t kEtherTypeEapol = 0x888E;
/// Destination MAC + source MAC + EtherType.
inline constexpr std::size_t kEthernetHeaderLen = 14;
/// Minimum Ethernet frame length without FCS; shorter frames are padded with zeros on the wire
/// by most NICs (veth does not pad: REPORT gotcha 9).
inline constexpr std::size_t kEthernetMinFrameLen = 60;

/// The PAE group address 01:80:c2:00:00:03 (IEEE 802.1X "Port Access Entity" group address):
/// wpa_supplicant sends its EAPOL frames there on a wired port; the authenticator answers
/// unicast (REPORT "What is on the wire").
inline constexpr MacAddr kPaeGroupAddress{
    std::array<std::uint8_t, 6>{0x01, 0x80, 0xc2, 0x00, 0x00, 0x03}};

/// A parsed Ethernet II frame. `payload` views the input buffer (same lifetime rule as above).
struct EthernetFrame {
  MacAddr dst;
  MacAddr src;
  std::uint16_t ether_type = kEtherTypeEapol;
  ByteView payload;                                 ///< everything after the 14-octet header
  std::size_t payload_offset = kEthernetHeaderLen;  ///< base_offset + 14
};

/// Padding policy for build_ethernet().
enum class EthernetPad : std::uint8_t {
  None,       ///< exactly header + payload (what a veth/raw socket sends as given)
  ToMinimum,  ///< zero-pad to 60 octets, like a physical NIC
};

/// Builds dst ‖ src ‖ BE16(0x888E) ‖ payload [‖ zero padding].
[[nodiscard]] Bytes build_ethernet(const MacAddr& dst, const MacAddr& src, ByteView payload,
                                   EthernetPad pad = EthernetPad::None);

/// Parses an Ethernet II header carrying EAPOL. VLAN-tagged frames (0x8100) are not unwrapped.
///
/// Errors:
/// - Truncated @base_offset+0: fewer than 14 octets.
/// - EapolBadEtherType @base_offset+12: EtherType is not 0x888E.
[[nodiscard]] Result<EthernetFrame> parse_ethernet(ByteView frame, std::size_t base_offset = 0);

}  // namespace wps::eap
