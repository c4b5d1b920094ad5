// EAP-WSC fragmentation and reassembly (WPS-FACTS §3.3 "Fragmentation rules").
//
// This layer sits below WPS: the registration engines only ever see whole WSC messages
// (ARCHITECTURE §1.1, "reassemble before core"). Both classes work on EAP-WSC *payloads*, i.e. the
// Vendor data of an expanded EAP packet from the Op-Code onward; wrap what they produce with
// build_wsc() (eap_packet.hpp) and unwrap what arrives with parse_eap() + parse_expanded().
//
// Sans-I/O and clock-free: EAP retransmission and timeouts belong to the EAP peer/authenticator
// engines that own these objects. Neither class reads a clock, allocates beyond one message
// (≤ 50000 octets) or keeps global state.
//
// How an EAP-WSC endpoint routes a received payload `p` (lock-step EAP: only one side sends a
// fragmented message at a time):
//
//   if (tx.awaiting_frag_ack()) {            // we sent an MF fragment: p must be WSC_FRAG_ACK
//     auto next = tx.on_peer_payload(p);     // → next fragment to send, or an error
//   } else {
//     auto msg = rx.feed(p);                 // → whole message, NeedMore, or an error
//     if (!msg && msg.error().code == Errc::NeedMore) send(frag_ack_payload());
//   }
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "eap/eap_packet.hpp"

namespace wps::eap {

/// hostapd's `fragment_size` default (wpa_supplicant uses 1398). WPS-FACTS §3.3.
inline constexpr std::size_t kDefaultFragThreshold = 1400;
/// Smallest threshold the Fragmenter accepts: Op-Code + Flags + one data octet.
inline constexpr std::size_t kMinFragThreshold = 3;
/// Largest WSC message either side handles (hostapd rejects larger announced lengths).
inline constexpr std::size_t kMaxWscMessageLen = 50000;

/// One whole WSC message with its Op-Code, e.g. {WscMsg, M1 attributes}.
struct WscMessage {
  WscOpCode op = WscOpCode::WscMsg;
  Bytes data;
  friend bool operator==(const WscMessage&, const WscMessage&) = default;
};

/// The EAP-WSC payload of WSC_FRAG_ACK: Op-Code 0x06, Flags 0, no data (WPS-FACTS §3.3).
[[nodiscard]] inline Bytes frag_ack_payload() {
  return {static_cast<std::uint8_t>(WscOpCode::WscFragAck), 0x00};
}

/// Splits one outgoing WSC message into EAP-WSC payloads of at most `threshold` octets
/// (Op-Code + Flags + [Message Length] + data), one per EAP round trip:
///
/// - 2 + |message| ≤ threshold: a single payload with flags 0 (no Message Length);
/// - otherwise the first payload has MF|LF, the 2-octet total length and threshold − 4 data
///   octets; middle payloads have MF and threshold − 2 data octets; the last one has flags 0 and
///   the rest (2 + rest ≤ threshold).
///
/// Exception for the two tiniest thresholds: at 3 and 4 the first fragment cannot hold its four
/// header octets plus data, so it carries one data octet (5 octets in total). Every other payload
/// respects the threshold, and every payload carries at least one data octet.
///
/// Between fragments the peer must answer WSC_FRAG_ACK; anything else abandons the transfer.
class Fragmenter {
 public:
  /// Precondition (WPS_ASSERT): threshold >= kMinFragThreshold. Validate user-supplied values
  /// against kMinFragThreshold before constructing.
  explicit Fragmenter(std::size_t threshold = kDefaultFragThreshold);

  /// Begins sending `message` (copied) and returns its first EAP-WSC payload. Abandons any
  /// transfer still in flight.
  ///
  /// Errors: WscFragTooLarge @0: |message| > kMaxWscMessageLen (no peer would accept it).
  /// Precondition (WPS_ASSERT): op is not WscFragAck (use frag_ack_payload()).
  [[nodiscard]] Result<Bytes> start(WscOpCode op, ByteView message);

  /// True after a payload with MF was returned and until the last fragment has been returned (or
  /// an error abandoned the transfer).
  [[nodiscard]] bool awaiting_frag_ack() const { return awaiting_; }

  /// Feeds the peer's EAP-WSC payload received while awaiting_frag_ack(); it must be
  /// WSC_FRAG_ACK with flags 0 (any data after the flags is ignored). Returns the next fragment.
  ///
  /// Errors (offset = base_offset + position); each one abandons the transfer:
  /// - WscFragUnexpected @0: not awaiting a FRAG_ACK, or the peer sent another Op-Code.
  /// - WscBadFlags @1: a FRAG_ACK with MF/LF (or an undefined bit) set.
  /// - Truncated / WscBadOpCode: the payload's header is malformed (see parse_wsc_payload()).
  [[nodiscard]] Result<Bytes> on_peer_payload(ByteView payload, std::size_t base_offset = 0);

  /// Drops any transfer in flight.
  void reset();

  [[nodiscard]] std::size_t threshold() const { return threshold_; }
  /// Payloads returned for the current (or last) message.
  [[nodiscard]] std::size_t fragments_sent() const { return fragments_sent_; }

 private:
  Bytes next_payload();

  std::size_t threshold_;
  WscOpCode op_ = WscOpCode::WscMsg;
  Bytes message_;
  std::size_t sent_ = 0;  // data octets of message_ already handed out
  std::size_t fragments_sent_ = 0;
  bool awaiting_ = false;
};

/// Reassembles incoming EAP-WSC payloads into whole WSC messages.
///
/// Accepted sequences (WPS-FACTS §3.3):
/// - a single payload with flags 0, or with LF only and Message Length equal to its data size
///   (hostapd accepts LF on an unfragmented packet; so do we);
/// - a first payload with MF|LF (Message Length ≤ 50000, more than its data), middle payloads
///   with MF, a last payload without MF that completes exactly Message Length octets; all with
///   the same Op-Code. A later payload may repeat LF only with the same Message Length.
///
/// Any error other than NeedMore discards the partial message; the next payload starts afresh.
class Reassembler {
 public:
  Reassembler() = default;

  /// Feeds one EAP-WSC payload received from the peer.
  ///
  /// Returns the whole message once complete. Errors (offset = base_offset + position):
  /// - NeedMore @0: NOT fatal. A fragment was stored; answer WSC_FRAG_ACK and feed the next one.
  /// - Truncated, WscBadOpCode, WscBadFlags: malformed header (see parse_wsc_payload()).
  /// - WscFragUnexpected @0: WSC_FRAG_ACK (never part of a message; it belongs to a Fragmenter
  ///   that is awaiting it), or a fragment with MF but no LF while no message is in progress
  ///   (a middle fragment without a first).
  /// - WscFragTooLarge @2: Message Length > 50000; @2 also for an unfragmented payload with more
  ///   than 50000 data octets.
  /// - WscFragInconsistent @2: Message Length smaller than the data present, different from the
  ///   data of an unfragmented payload, not larger than the data of a first fragment that sets
  ///   MF, or (on a later fragment) different from the first one's.
  /// - WscFragInconsistent @0: a later fragment changes the Op-Code.
  /// - WscFragInconsistent @(data offset): a later fragment carries data beyond Message Length,
  ///   ends (no MF) before Message Length is reached, or sets MF although Message Length is
  ///   already reached.
  [[nodiscard]] Result<WscMessage> feed(ByteView payload, std::size_t base_offset = 0);

  /// Same, for a payload already parsed with parse_wsc() / parse_wsc_payload() (its offsets are
  /// used for errors).
  [[nodiscard]] Result<WscMessage> feed(const WscPacket& packet);

  /// True while a fragmented message is partially received.
  [[nodiscard]] bool in_progress() const { return in_progress_; }
  /// Data octets received so far / announced total of the message in progress (0 when idle).
  [[nodiscard]] std::size_t received() const { return in_progress_ ? buffer_.size() : 0; }
  [[nodiscard]] std::size_t expected_total() const { return in_progress_ ? total_ : 0; }
  /// Fragments stored for the message in progress.
  [[nodiscard]] std::size_t fragments_received() const { return fragments_; }

  /// Discards any partial message.
  void reset();

 private:
  Result<WscMessage> fail(Errc code, std::size_t offset);

  bool in_progress_ = false;
  WscOpCode op_ = WscOpCode::WscMsg;
  std::size_t total_ = 0;
  std::size_t fragments_ = 0;
  Bytes buffer_;
};

}  // namespace wps::eap
