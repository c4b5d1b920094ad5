#include "dot11/data.hpp"

#include <algorithm>

#include "base/assert.hpp"

namespace wps::dot11 {

const MacAddr& DataFrame::destination() const {
  // IEEE 802.11-2020 §9.3.2.1, address field contents by ToDS/FromDS.
  return flags.to_ds ? addr3 : addr1;
}

const MacAddr& DataFrame::source() const {
  if (flags.to_ds && flags.from_ds) return *addr4;  // validated by parse/build
  return flags.from_ds ? addr3 : addr2;
}

std::optional<MacAddr> DataFrame::bssid() const {
  if (flags.to_ds && flags.from_ds) return std::nullopt;
  if (flags.to_ds) return addr1;
  if (flags.from_ds) return addr2;
  return addr3;
}

std::size_t DataFrame::header_length() const {
  std::size_t n = 24;
  if (flags.to_ds && flags.from_ds) n += 6;
  if (is_qos(subtype)) n += 2;
  if (is_qos(subtype) && flags.order) n += 4;
  return n;
}

DataFrame make_to_ds(const MacAddr& bssid, const MacAddr& sta, const MacAddr& da, Bytes body) {
  DataFrame f;
  f.flags.to_ds = true;
  f.addr1 = bssid;
  f.addr2 = sta;
  f.addr3 = da;
  f.body = std::move(body);
  return f;
}

DataFrame make_from_ds(const MacAddr& sta, const MacAddr& bssid, const MacAddr& sa, Bytes body) {
  DataFrame f;
  f.flags.from_ds = true;
  f.addr1 = sta;
  f.addr2 = bssid;
  f.addr3 = sa;
  f.body = std::move(body);
  return f;
}

Bytes build_data_header(const DataFrame& f) {
  const bool four = f.flags.to_ds && f.flags.from_ds;
  const bool qos = is_qos(f.subtype);
  WPS_ASSERT(f.addr4.has_value() == four);
  WPS_ASSERT(f.qos_control.has_value() == qos);
  WPS_ASSERT(f.ht_control.has_value() == (qos && f.flags.order));
  ByteWriter w;
  w.u16le(FrameControl{0, FrameType::Data, static_cast<std::uint8_t>(f.subtype), f.flags}.to_u16());
  w.u16le(f.duration);
  w.bytes(f.addr1.view()).bytes(f.addr2.view()).bytes(f.addr3.view());
  w.u16le(f.seq.to_u16());
  if (four) w.bytes(f.addr4->view());
  if (qos) w.u16le(*f.qos_control);
  if (f.ht_control) {
    w.u16le(static_cast<std::uint16_t>(*f.ht_control & 0xffffu));
    w.u16le(static_cast<std::uint16_t>(*f.ht_control >> 16));
  }
  return w.take();
}

Bytes build_data(const DataFrame& f) {
  WPS_ASSERT(f.body.empty() ||
             (f.subtype != DataSubtype::Null && f.subtype != DataSubtype::QosNull));
  Bytes out = build_data_header(f);
  out.insert(out.end(), f.body.begin(), f.body.end());
  return out;
}

namespace {
Result<MacAddr> need_mac(ByteReader& r) {
  const std::size_t at = r.offset();
  auto v = r.take(6);
  if (!v) return unexpected(Errc::Truncated, at);
  return MacAddr(*MacAddr::from(*v));
}
Result<std::uint16_t> need_u16(ByteReader& r) {
  const std::size_t at = r.offset();
  auto v = r.u16le();
  if (!v) return unexpected(Errc::Truncated, at);
  return *v;
}
}  // namespace

Result<DataFrame> parse_data(ByteView frame) {
  ByteReader r(frame);
  auto fcv = r.u16le();
  if (!fcv) return unexpected(Errc::Truncated, 0);
  const FrameControl fc = FrameControl::from_u16(*fcv);
  if (fc.protocol_version != 0 || fc.type != FrameType::Data)
    return unexpected(Errc::Dot11BadFrameControl, 0);
  switch (fc.subtype) {
    case 0:
    case 4:
    case 8:
    case 12: break;
    default: return unexpected(Errc::Dot11UnsupportedFrame, 0);
  }
  DataFrame f;
  f.subtype = static_cast<DataSubtype>(fc.subtype);
  f.flags = fc.flags;
  WPS_TRY_ASSIGN(f.duration, need_u16(r));
  WPS_TRY_ASSIGN(f.addr1, need_mac(r));
  WPS_TRY_ASSIGN(f.addr2, need_mac(r));
  WPS_TRY_ASSIGN(f.addr3, need_mac(r));
  WPS_TRY_ASSIGN(auto seq, need_u16(r));
  f.seq = SequenceControl::from_u16(seq);
  if (f.flags.to_ds && f.flags.from_ds) {
    WPS_TRY_ASSIGN(f.addr4, need_mac(r));
  }
  if (is_qos(f.subtype)) {
    WPS_TRY_ASSIGN(f.qos_control, need_u16(r));
    // §9.2.4.1.10: in QoS data frames the +HTC flag announces a 4-octet HT Control field.
    if (f.flags.order) {
      WPS_TRY_ASSIGN(auto lo, need_u16(r));
      WPS_TRY_ASSIGN(auto hi, need_u16(r));
      f.ht_control = static_cast<std::uint32_t>(lo) | (static_cast<std::uint32_t>(hi) << 16);
    }
  }
  // Null subtypes carry no frame body (§9.3.2.1).
  if ((f.subtype == DataSubtype::Null || f.subtype == DataSubtype::QosNull) && !r.empty())
    return unexpected(Errc::TrailingBytes, r.offset());
  f.body = to_bytes(r.rest());
  return f;
}

namespace {
constexpr std::uint8_t kSnapHeader[6] = {0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00};
}

Bytes build_llc_snap(std::uint16_t ethertype, ByteView payload) {
  ByteWriter w;
  w.bytes(ByteView(kSnapHeader, 6)).u16be(ethertype).bytes(payload);
  return w.take();
}

Result<LlcSnapView> parse_llc_snap(ByteView body, std::size_t base_offset) {
  // IEEE 802.11-2020 §5.1.4 / RFC 1042: DSAP 0xAA, SSAP 0xAA, UI (0x03), OUI 00-00-00, EtherType.
  if (body.size() < kLlcSnapLength) return unexpected(Errc::Truncated, base_offset);
  if (!std::equal(body.begin(), body.begin() + 6, std::begin(kSnapHeader)))
    return unexpected(Errc::Dot11UnsupportedFrame, base_offset);
  LlcSnapView v;
  v.ethertype = static_cast<std::uint16_t>((body[6] << 8) | body[7]);
  v.payload = body.subspan(kLlcSnapLength);
  return v;
}

}  // namespace wps::dot11
