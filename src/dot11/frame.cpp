#include "dot11/frame.hpp"

#include <array>

namespace wps::dot11 {

std::uint16_t FrameControl::to_u16() const {
  // IEEE 802.11-2020 §9.2.4.1.1, Figure 9-3: B0-B1 version, B2-B3 type, B4-B7 subtype, B8.. flags.
  std::uint16_t v = static_cast<std::uint16_t>((protocol_version & 0x3u) |
                                               ((static_cast<unsigned>(type) & 0x3u) << 2) |
                                               ((subtype & 0xfu) << 4));
  const bool bits[8] = {flags.to_ds,
                        flags.from_ds,
                        flags.more_fragments,
                        flags.retry,
                        flags.power_management,
                        flags.more_data,
                        flags.protected_frame,
                        flags.order};
  for (unsigned i = 0; i < 8; ++i) {
    if (bits[i]) v = static_cast<std::uint16_t>(v | (1u << (8 + i)));
  }
  return v;
}

FrameControl FrameControl::from_u16(std::uint16_t v) {
  FrameControl fc;
  fc.protocol_version = static_cast<std::uint8_t>(v & 0x3u);
  fc.type = static_cast<FrameType>((v >> 2) & 0x3u);
  fc.subtype = static_cast<std::uint8_t>((v >> 4) & 0xfu);
  auto bit = [v](unsigned i) { return (v & (1u << (8 + i))) != 0; };
  fc.flags = FcFlags{bit(0), bit(1), bit(2), bit(3), bit(4), bit(5), bit(6), bit(7)};
  return fc;
}

namespace {

// Table-driven CRC-32 (reflected, polynomial 0x04C11DB7 reversed = 0xEDB88320), as specified for
// the FCS in IEEE 802.11-2020 §9.2.4.8 (same generator as IEEE 802.3). The table is a compile-time
// constant, not mutable global state.
constexpr std::array<std::uint32_t, 256> make_crc_table() {
  std::array<std::uint32_t, 256> t{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? (0xEDB88320u ^ (c >> 1)) : (c >> 1);
    t[i] = c;
  }
  return t;
}
constexpr auto kCrcTable = make_crc_table();

}  // namespace

std::uint32_t fcs32(ByteView data) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::uint8_t b : data) c = kCrcTable[(c ^ b) & 0xffu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

Bytes append_fcs(ByteView frame) {
  Bytes out(frame.begin(), frame.end());
  std::uint32_t crc = fcs32(frame);
  // The FCS is sent least significant octet first (the CRC's x^31 term is transmitted first,
  // which in the reflected representation is the low bit of the low octet).
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(crc >> (8 * i)));
  return out;
}

Result<ByteView> strip_fcs(ByteView frame, FcsMode mode) {
  if (mode == FcsMode::Absent) return frame;
  if (frame.size() < 4) {
    if (mode == FcsMode::Detect) return frame;
    return unexpected(Errc::Truncated, 0);
  }
  ByteView body = frame.first(frame.size() - 4);
  ByteView fcs = frame.last(4);
  std::uint32_t got = static_cast<std::uint32_t>(fcs[0]) |
                      (static_cast<std::uint32_t>(fcs[1]) << 8) |
                      (static_cast<std::uint32_t>(fcs[2]) << 16) |
                      (static_cast<std::uint32_t>(fcs[3]) << 24);
  bool ok = got == fcs32(body);
  if (mode == FcsMode::Detect) return ok ? body : frame;
  if (!ok) return unexpected(Errc::Dot11BadFcs, body.size());
  return body;
}

std::string_view subtype_name(FrameType type, std::uint8_t subtype) {
  switch (type) {
    case FrameType::Management:
      switch (static_cast<MgmtSubtype>(subtype)) {
        case MgmtSubtype::AssociationRequest: return "assoc-req";
        case MgmtSubtype::AssociationResponse: return "assoc-resp";
        case MgmtSubtype::ReassociationRequest: return "reassoc-req";
        case MgmtSubtype::ReassociationResponse: return "reassoc-resp";
        case MgmtSubtype::ProbeRequest: return "probe-req";
        case MgmtSubtype::ProbeResponse: return "probe-resp";
        case MgmtSubtype::TimingAdvertisement: return "timing-adv";
        case MgmtSubtype::Beacon: return "beacon";
        case MgmtSubtype::Atim: return "atim";
        case MgmtSubtype::Disassociation: return "disassoc";
        case MgmtSubtype::Authentication: return "auth";
        case MgmtSubtype::Deauthentication: return "deauth";
        case MgmtSubtype::Action: return "action";
        case MgmtSubtype::ActionNoAck: return "action-no-ack";
      }
      return "mgmt-reserved";
    case FrameType::Control: return "control";
    case FrameType::Data:
      switch (static_cast<DataSubtype>(subtype)) {
        case DataSubtype::Data: return "data";
        case DataSubtype::Null: return "null";
        case DataSubtype::QosData: return "qos-data";
        case DataSubtype::QosNull: return "qos-null";
      }
      return "data-other";
    case FrameType::Extension: return "extension";
  }
  return "unknown";
}

}  // namespace wps::dot11
