#include "eap/eapol.hpp"

#include "base/assert.hpp"

namespace wps::eap {

Result<EapolFrame> parse_eapol(ByteView frame, std::size_t base_offset) {
  ByteReader r(frame, base_offset);
  auto version = r.u8();
  auto type = r.u8();
  auto body_len = r.u16be();
  if (!version || !type || !body_len) return unexpected(Errc::Truncated, base_offset);

  // IEEE 802.1X-2010 §11.3: versions 1 (2001), 2 (2004) and 3 (2010) exist; 0 never did.
  if (*version < kEapolVersion2001 || *version > kEapolVersion2010)
    return unexpected(Errc::EapolBadVersion, base_offset);
  // WPS-FACTS §3.1: packet types 0..4. Later types (MKA etc.) have no place on a WPS port.
  if (*type > static_cast<std::uint8_t>(EapolType::AsfAlert))
    return unexpected(Errc::EapolBadType, base_offset + 1);

  EapolFrame out;
  out.version = *version;
  out.type = static_cast<EapolType>(*type);
  out.body_offset = r.offset();
  auto body = r.take(*body_len);
  if (!body) return unexpected(Errc::Truncated, out.body_offset);
  out.body = *body;
  // Anything after Body Length is link-layer padding (60-octet minimum Ethernet frame).
  out.trailing = r.remaining();
  return out;
}

Bytes build_eapol(EapolType type, ByteView body, std::uint8_t version) {
  WPS_ASSERT(version >= kEapolVersion2001 && version <= kEapolVersion2010);
  WPS_ASSERT(body.size() <= 0xffff);
  ByteWriter w;
  w.u8(version).u8(static_cast<std::uint8_t>(type)).u16be(static_cast<std::uint16_t>(body.size()));
  w.bytes(body);
  return w.take();
}

Bytes build_ethernet(const MacAddr& dst, const MacAddr& src, ByteView payload, EthernetPad pad) {
  ByteWriter w;
  w.bytes(dst.view()).bytes(src.view()).u16be(kEtherTypeEapol).bytes(payload);
  if (pad == EthernetPad::ToMinimum && w.size() < kEthernetMinFrameLen)
    w.zeros(kEthernetMinFrameLen - w.size());
  return w.take();
}

Result<EthernetFrame> parse_ethernet(ByteView frame, std::size_t base_offset) {
  ByteReader r(frame, base_offset);
  auto dst = r.take(6);
  auto src = r.take(6);
  auto ether_type = r.u16be();
  if (!dst || !src || !ether_type) return unexpected(Errc::Truncated, base_offset);
  if (*ether_type != kEtherTypeEapol) return unexpected(Errc::EapolBadEtherType, base_offset + 12);
  EthernetFrame out;
  out.dst = *MacAddr::from(*dst);
  out.src = *MacAddr::from(*src);
  out.ether_type = *ether_type;
  out.payload_offset = r.offset();
  out.payload = r.rest();
  return out;
}

}  // namespace wps::eap
