// IEEE 802.11 MAC header building blocks shared by every frame family: the Frame Control field,
// the Sequence Control field and the optional 4-octet FCS (CRC-32).
//
// Frame Control as transmitted (IEEE 802.11-2020 §9.2.4.1; WPS-FACTS §2.1):
//   octet 0: bits 0-1 protocol version (0), bits 2-3 type, bits 4-7 subtype
//   octet 1: ToDS, FromDS, More Fragments, Retry, Power Management, More Data, Protected, +HTC/Order
// As a little-endian u16 the Protected flag is bit 14, e.g. Authentication = "b0 00" = 0x00b0,
// Data STA->AP = "08 01" = 0x0108.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/bytes.hpp"
#include "base/result.hpp"

namespace wps::dot11 {

enum class FrameType : std::uint8_t {
  Management = 0,
  Control = 1,
  Data = 2,
  Extension = 3,
};

/// Management subtypes (IEEE 802.11-2020 Table 9-1).
enum class MgmtSubtype : std::uint8_t {
  AssociationRequest = 0,
  AssociationResponse = 1,
  ReassociationRequest = 2,
  ReassociationResponse = 3,
  ProbeRequest = 4,
  ProbeResponse = 5,
  TimingAdvertisement = 6,
  Beacon = 8,
  Atim = 9,
  Disassociation = 10,
  Authentication = 11,
  Deauthentication = 12,
  Action = 13,
  ActionNoAck = 14,
};

/// Data subtypes the codec supports (IEEE 802.11-2020 Table 9-1). Bit 3 of the subtype is the QoS
/// bit; bit 2 means "no data" (Null).
enum class DataSubtype : std::uint8_t {
  Data = 0,
  Null = 4,
  QosData = 8,
  QosNull = 12,
};

inline constexpr bool is_qos(DataSubtype s) {
  return (static_cast<std::uint8_t>(s) & 0x08) != 0;
}

/// The eight flag bits of Frame Control octet 1.
struct FcFlags {
  bool to_ds = false;
  bool from_ds = false;
  bool more_fragments = false;
  bool retry = false;
  bool power_management = false;
  bool more_data = false;
  bool protected_frame = false;  ///< "Protected Frame" (bit 14 of the u16): body is encrypted
  bool order = false;            ///< +HTC/Order: an HT Control field follows (mgmt, QoS data)
  friend bool operator==(const FcFlags&, const FcFlags&) = default;
};

struct FrameControl {
  std::uint8_t protocol_version = 0;
  FrameType type = FrameType::Management;
  std::uint8_t subtype = 0;  ///< 0..15; see MgmtSubtype / DataSubtype
  FcFlags flags{};

  /// The field as a little-endian u16 (octet 0 in the low byte).
  [[nodiscard]] std::uint16_t to_u16() const;
  /// Splits a u16 into the fields. Never fails (any value is representable).
  static FrameControl from_u16(std::uint16_t v);

  static FrameControl mgmt(MgmtSubtype s, FcFlags f = {}) {
    return {0, FrameType::Management, static_cast<std::uint8_t>(s), f};
  }
  friend bool operator==(const FrameControl&, const FrameControl&) = default;
};

/// Sequence Control (IEEE 802.11-2020 §9.2.4.4): fragment number in bits 0-3, sequence number in
/// bits 4-15 (modulo 4096). Little-endian on air.
struct SequenceControl {
  std::uint16_t number = 0;   ///< 0..4095
  std::uint8_t fragment = 0;  ///< 0..15

  [[nodiscard]] std::uint16_t to_u16() const {
    return static_cast<std::uint16_t>(((number & 0x0fffu) << 4) | (fragment & 0x0fu));
  }
  static SequenceControl from_u16(std::uint16_t v) {
    return {static_cast<std::uint16_t>(v >> 4), static_cast<std::uint8_t>(v & 0x0f)};
  }
  friend bool operator==(const SequenceControl&, const SequenceControl&) = default;
};

/// 12-bit transmit sequence counter: each call returns the current number and advances it
/// (4095 wraps to 0). One per transmitting engine (a single modulo-4096 counter is valid for
/// non-QoS frames, IEEE 802.11-2020 §10.3.2, sequence number assignment).
class SequenceCounter {
 public:
  SequenceControl next() {
    SequenceControl s{next_, 0};
    next_ = static_cast<std::uint16_t>((next_ + 1) & 0x0fffu);
    return s;
  }
  [[nodiscard]] std::uint16_t peek() const { return next_; }

 private:
  std::uint16_t next_ = 0;
};

/// CRC-32 as used for the IEEE 802.3 / 802.11 FCS (reflected polynomial 0xEDB88320, initial value
/// and final XOR 0xFFFFFFFF). fcs32("123456789") == 0xCBF43926.
std::uint32_t fcs32(ByteView data);

/// frame ‖ FCS (the CRC-32 of frame, least significant octet first, as transmitted).
Bytes append_fcs(ByteView frame);

/// How a parser treats the last four octets of a frame.
enum class FcsMode : std::uint8_t {
  Absent,   ///< the frame has no FCS (our engines' frames, LINKTYPE 105 without FCS)
  Present,  ///< the last four octets are an FCS and must verify
  Detect,   ///< strip the last four octets iff they are a valid FCS of the rest
};

/// The frame without its FCS, according to `mode`. The returned view aliases `frame`.
/// Errors: Truncated (Present: fewer than 4 octets, offset 0); Dot11BadFcs (Present: CRC mismatch,
/// offset of the FCS). Detect never fails.
Result<ByteView> strip_fcs(ByteView frame, FcsMode mode);

/// Human-readable subtype name ("beacon", "auth", "qos-data", ...), for traces. Static storage.
std::string_view subtype_name(FrameType type, std::uint8_t subtype);

}  // namespace wps::dot11
