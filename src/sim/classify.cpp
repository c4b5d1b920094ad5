#include "sim/classify.hpp"

#include <algorithm>

#include "dot11/codec.hpp"
#include "dot11/data.hpp"

namespace wps::sim {

namespace {

constexpr std::uint8_t kEapTypeExpanded = 254;
constexpr std::uint32_t kVendorWfa = 0x00372A;  // WPS-FACTS §3.3
constexpr std::uint32_t kVendorTypeSimpleConfig = 1;
constexpr std::uint8_t kWscFlagMf = 0x01;
constexpr std::uint8_t kWscFlagLf = 0x02;
constexpr std::uint16_t kAttrMessageType = 0x1022;

std::optional<std::uint8_t> find_message_type(ByteView tlvs) {
  ByteReader r(tlvs);
  while (r.remaining() >= 4) {
    const auto type = r.u16be();
    const auto len = r.u16be();
    auto value = r.take(*len);
    if (!value) return std::nullopt;  // the TLV runs past the data: stop, nothing trustworthy
    if (*type == kAttrMessageType && *len == 1) return (*value)[0];
  }
  return std::nullopt;
}

std::optional<WscHeader> parse_wsc(ByteView after_type) {
  ByteReader r(after_type);
  const auto vendor = r.u24be();
  const auto vendor_type = r.u32be();
  if (!vendor || !vendor_type || *vendor != kVendorWfa || *vendor_type != kVendorTypeSimpleConfig)
    return std::nullopt;
  const auto op = r.u8();
  const auto flags = r.u8();
  if (!op || !flags) return std::nullopt;
  WscHeader h;
  h.op_code = *op;
  h.flags = *flags;
  if ((h.flags & kWscFlagLf) != 0) {
    h.message_length = r.u16be();
    if (!h.message_length) return std::nullopt;
  }
  h.payload = r.rest();
  // Only the first (or only) fragment starts with TLVs: MF without LF is a middle fragment.
  const bool continuation = (h.flags & kWscFlagMf) != 0 && (h.flags & kWscFlagLf) == 0;
  if (!continuation) h.message_type = find_message_type(h.payload);
  return h;
}

std::optional<EapHeader> parse_eap(ByteView eap) {
  ByteReader r(eap);
  const auto code = r.u8();
  const auto id = r.u8();
  const auto len = r.u16be();
  if (!code || !id || !len) return std::nullopt;
  EapHeader h;
  h.code = *code;
  h.identifier = *id;
  h.length = *len;
  // Request (1) / Response (2) carry a type octet (RFC 3748 §4); bound the rest by the length.
  if ((h.code == 1 || h.code == 2) && h.length > 4) {
    const ByteView packet = eap.first(std::min<std::size_t>(eap.size(), h.length));
    ByteReader pr(packet);
    pr.skip(4);
    h.type = pr.u8();
    if (h.type && *h.type == kEapTypeExpanded) h.wsc = parse_wsc(pr.rest());
  }
  return h;
}

}  // namespace

std::optional<EapolInfo> inspect_eapol(ByteView dot11_frame) {
  const auto fc = dot11::peek_frame_control(dot11_frame);
  if (!fc || fc->type != dot11::FrameType::Data || fc->flags.protected_frame) return std::nullopt;
  auto data = dot11::parse_data(dot11_frame);
  if (!data) return std::nullopt;
  const std::size_t body_at = data->header_length();
  auto llc = dot11::parse_llc_snap(dot11_frame.subspan(body_at), body_at);
  if (!llc || llc->ethertype != dot11::kEtherTypeEapol) return std::nullopt;

  EapolInfo info;
  info.source = data->source();
  info.destination = data->destination();
  info.eapol = llc->payload;
  ByteReader r(info.eapol);
  const auto version = r.u8();
  const auto type = r.u8();
  const auto body_len = r.u16be();
  if (!version || !type || !body_len) return std::nullopt;
  info.version = *version;
  info.type = *type;
  info.body_length = *body_len;
  if (info.type == eapol_type::kEapPacket) {
    ByteView body = r.rest();
    body = body.first(std::min<std::size_t>(body.size(), info.body_length));
    info.eap = parse_eap(body);
  }
  return info;
}

std::optional<std::uint8_t> wsc_message_type(ByteView dot11_frame) {
  auto info = inspect_eapol(dot11_frame);
  if (!info || !info->eap || !info->eap->wsc) return std::nullopt;
  return info->eap->wsc->message_type;
}

std::optional<Bytes> to_ethernet(ByteView dot11_frame) {
  auto info = inspect_eapol(dot11_frame);
  if (!info) return std::nullopt;
  ByteWriter w;
  w.bytes(info->destination.view())
      .bytes(info->source.view())
      .u16be(dot11::kEtherTypeEapol)
      .bytes(info->eapol);
  return w.take();
}

}  // namespace wps::sim
