#include "eap/eap_packet.hpp"

#include "base/assert.hpp"

namespace wps::eap {

namespace {

bool has_type(EapCode code) {
  return code == EapCode::Request || code == EapCode::Response;
}

void write_eap_header(ByteWriter& w, EapCode code, EapIdentifier id, std::size_t length) {
  WPS_ASSERT(length <= 0xffff);
  w.u8(static_cast<std::uint8_t>(code)).u8(id.get()).u16be(static_cast<std::uint16_t>(length));
}

Bytes build_success_or_failure(EapCode code, EapIdentifier id) {
  ByteWriter w;
  write_eap_header(w, code, id, kEapHeaderLen);
  return w.take();
}

}  // namespace

Result<EapPacket> parse_eap(ByteView packet, std::size_t base_offset) {
  ByteReader r(packet, base_offset);
  auto code = r.u8();
  auto id = r.u8();
  auto length = r.u16be();
  if (!code || !id || !length) return unexpected(Errc::Truncated, base_offset);

  // RFC 3748 §4: codes 1..4. (5/6 of RFC 6696 ERP are not used with WSC.)
  if (*code < static_cast<std::uint8_t>(EapCode::Request) ||
      *code > static_cast<std::uint8_t>(EapCode::Failure))
    return unexpected(Errc::EapBadCode, base_offset);

  EapPacket out;
  out.offset = base_offset;
  out.code = static_cast<EapCode>(*code);
  out.id = EapIdentifier(*id);

  // RFC 3748 §4.2: Success/Failure are exactly the 4-octet header. §4.1: Request/Response need the
  // Type octet, so Length >= 5. Length < 4 can never describe a packet.
  if (*length < kEapHeaderLen) return unexpected(Errc::BadLength, base_offset + 2);
  if (has_type(out.code) ? *length < kEapHeaderLen + 1 : *length != kEapHeaderLen)
    return unexpected(Errc::BadLength, base_offset + 2);

  // RFC 3748 §4: a Length larger than what was received means a damaged packet; octets beyond
  // Length are link-layer padding and ignored.
  auto rest = r.take(*length - kEapHeaderLen);
  if (!rest) return unexpected(Errc::Truncated, base_offset + kEapHeaderLen);
  out.trailing = r.remaining();

  if (has_type(out.code)) {
    ByteReader body(*rest, base_offset + kEapHeaderLen);
    out.type = static_cast<EapType>(*body.u8());  // Length >= 5 checked above
    out.type_data_offset = body.offset();
    out.type_data = body.rest();
  } else {
    out.type_data_offset = base_offset + kEapHeaderLen;
  }
  return out;
}

Bytes build_eap(EapCode code, EapIdentifier id, EapType type, ByteView type_data) {
  WPS_ASSERT(has_type(code));
  ByteWriter w;
  write_eap_header(w, code, id, kEapHeaderLen + 1 + type_data.size());
  w.u8(static_cast<std::uint8_t>(type)).bytes(type_data);
  return w.take();
}

Bytes build_eap_success(EapIdentifier id) {
  return build_success_or_failure(EapCode::Success, id);
}
Bytes build_eap_failure(EapIdentifier id) {
  return build_success_or_failure(EapCode::Failure, id);
}

Bytes build_identity(EapCode code, EapIdentifier id, std::string_view identity) {
  return build_eap(code, id, EapType::Identity, as_bytes(identity));
}

Result<ByteView> parse_identity(const EapPacket& packet) {
  if (!packet.type) return unexpected(Errc::EapBadCode, packet.offset);
  if (*packet.type != EapType::Identity) return unexpected(Errc::EapBadType, packet.offset + 4);
  return packet.type_data;
}

Result<ExpandedType> parse_expanded(const EapPacket& packet) {
  if (!packet.type) return unexpected(Errc::EapBadCode, packet.offset);
  if (*packet.type != EapType::Expanded) return unexpected(Errc::EapBadType, packet.offset + 4);
  // RFC 3748 §5.7: Vendor-Id (3 octets) ‖ Vendor-Type (4 octets) ‖ Vendor data.
  ByteReader r(packet.type_data, packet.type_data_offset);
  auto vendor_id = r.u24be();
  auto vendor_type = r.u32be();
  if (!vendor_id || !vendor_type) return unexpected(Errc::Truncated, packet.type_data_offset);
  ExpandedType out;
  out.vendor_id = *vendor_id;
  out.vendor_type = *vendor_type;
  out.data_offset = r.offset();
  out.data = r.rest();
  return out;
}

Bytes build_expanded(EapCode code, EapIdentifier id, std::uint32_t vendor_id,
                     std::uint32_t vendor_type, ByteView vendor_data) {
  WPS_ASSERT(has_type(code));
  WPS_ASSERT(vendor_id < (1u << 24));
  ByteWriter w;
  write_eap_header(w, code, id, kExpandedHeaderLen + vendor_data.size());
  w.u8(static_cast<std::uint8_t>(EapType::Expanded)).u24be(vendor_id).u32be(vendor_type);
  w.bytes(vendor_data);
  return w.take();
}

std::string_view to_string(WscOpCode op) {
  switch (op) {
    case WscOpCode::WscStart: return "WSC_Start";
    case WscOpCode::WscAck: return "WSC_ACK";
    case WscOpCode::WscNack: return "WSC_NACK";
    case WscOpCode::WscMsg: return "WSC_MSG";
    case WscOpCode::WscDone: return "WSC_Done";
    case WscOpCode::WscFragAck: return "WSC_FRAG_ACK";
  }
  return "?";
}

Result<WscPacket> parse_wsc_payload(ByteView payload, std::size_t base_offset) {
  ByteReader r(payload, base_offset);
  auto op = r.u8();
  if (!op) return unexpected(Errc::Truncated, base_offset);
  // WPS-FACTS §3.3: Op-Codes 0x01..0x06.
  if (*op < static_cast<std::uint8_t>(WscOpCode::WscStart) ||
      *op > static_cast<std::uint8_t>(WscOpCode::WscFragAck))
    return unexpected(Errc::WscBadOpCode, base_offset);
  auto flags = r.u8();
  if (!flags) return unexpected(Errc::Truncated, base_offset + 1);
  // WPS-FACTS §3.3: only MF (0x01) and LF (0x02) are defined; "other bits 0".
  if ((*flags & ~kWscFlagsKnown) != 0) return unexpected(Errc::WscBadFlags, base_offset + 1);

  WscPacket out;
  out.offset = base_offset;
  out.op = static_cast<WscOpCode>(*op);
  out.flags = *flags;
  if ((*flags & kWscFlagLength) != 0) {
    auto len = r.u16be();
    if (!len) return unexpected(Errc::Truncated, base_offset + 2);
    out.message_length = *len;
  }
  out.data_offset = r.offset();
  out.data = r.rest();
  return out;
}

Result<WscPacket> parse_wsc(const EapPacket& packet) {
  WPS_TRY_ASSIGN(ExpandedType ext, parse_expanded(packet));
  // WPS-FACTS §3.3: Vendor-Id 0x00372A (WFA), Vendor-Type 1 (SimpleConfig).
  if (ext.vendor_id != kVendorIdWfa) return unexpected(Errc::EapBadVendor, packet.offset + 5);
  if (ext.vendor_type != kVendorTypeSimpleConfig)
    return unexpected(Errc::EapBadVendor, packet.offset + 8);
  return parse_wsc_payload(ext.data, ext.data_offset);
}

Bytes build_wsc_payload(WscOpCode op, ByteView data, bool more,
                        std::optional<std::uint16_t> message_length) {
  std::uint8_t flags = 0;
  if (more) flags |= kWscFlagMore;
  if (message_length) flags |= kWscFlagLength;
  ByteWriter w;
  w.u8(static_cast<std::uint8_t>(op)).u8(flags);
  if (message_length) w.u16be(*message_length);
  w.bytes(data);
  return w.take();
}

Bytes build_wsc(EapCode code, EapIdentifier id, ByteView wsc_payload) {
  return build_expanded(code, id, kVendorIdWfa, kVendorTypeSimpleConfig, wsc_payload);
}

}  // namespace wps::eap
