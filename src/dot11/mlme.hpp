// Types shared by the sans-I/O MLME engines (ApMlme, StaMlme; ARCHITECTURE C1).
//
// Both engines follow the one engine contract:
//   on_frame(ByteView frame, TimePoint now[, RxInfo])  — a frame from the medium (no FCS unless
//                                                         the engine's config says so);
//   poll_output() -> std::optional<Output>             — frames to send, events, traces, in order;
//   next_deadline() -> std::optional<TimePoint>        — when on_deadline must be called next;
//   on_deadline(TimePoint now)                         — timers (beacons, retransmissions, scans).
// Input methods never report what a peer did wrong: malformed or unexpected frames become a
// TraceEvent (kind "drop") and, where IEEE 802.11 requires it, a response frame.
#pragma once

#include <cstdint>
#include <optional>

#include "base/bytes.hpp"
#include "base/strong.hpp"
#include "dot11/codes.hpp"
#include "dot11/data.hpp"

namespace wps::dot11 {

/// An 802.11 frame to transmit, without FCS (IEEE 802.11-2020 §9.2.3 MPDU minus the FCS field).
struct SendFrame {
  Bytes bytes;
  friend bool operator==(const SendFrame&, const SendFrame&) = default;
};

/// Receive metadata a medium may know about a frame.
struct RxInfo {
  std::optional<std::int8_t> signal_dbm;  ///< reported in scan results
};

/// An EAPOL PDU (from the EAPOL version octet on) received in an unprotected data frame with
/// LLC/SNAP EtherType 0x888E from `peer` (the STA at the AP, the BSSID at the STA).
struct EapolReceived {
  MacAddr peer;
  Bytes eapol;
  friend bool operator==(const EapolReceived&, const EapolReceived&) = default;
};

/// Any other unprotected LLC/SNAP payload from `peer`.
struct DataReceived {
  MacAddr peer;
  MacAddr destination;  ///< final DA of the frame (WPS-FACTS §2.1 mapping)
  std::uint16_t ethertype = 0;
  Bytes payload;
  friend bool operator==(const DataReceived&, const DataReceived&) = default;
};

/// A data frame with the Protected flag set, from `peer`: the whole parsed frame so the wpa2
/// module can rebuild the CCMP AAD/nonce from its header and decrypt its body.
struct ProtectedDataReceived {
  MacAddr peer;
  DataFrame frame;
  friend bool operator==(const ProtectedDataReceived&, const ProtectedDataReceived&) = default;
};

/// Why an association/authentication ended.
enum class LinkLossCause : std::uint8_t {
  PeerDeauth,            ///< the peer sent Deauthentication
  PeerDisassoc,          ///< the peer sent Disassociation
  PeerReauthentication,  ///< (AP) an associated STA sent a new Authentication request
  PeerReassociation,     ///< (AP) an associated STA sent a different (Re)Association Request
  LocalDeauth,           ///< this engine's deauthenticate() was called
};

}  // namespace wps::dot11
