#include "pcap/radiotap.hpp"

#include <array>

namespace wps::pcap {

namespace {

// radiotap.org "defined fields": natural alignment and size of bits 0..27. Bit 28 (TLV list)
// fills the rest of the header; 29/30/31 are the namespace/extension bits handled by the walk.
struct FieldSpec {
  std::uint8_t align;
  std::uint8_t size;
};
constexpr std::array<FieldSpec, 28> kFields = {{
    {8, 8},   // 0  TSFT (u64)
    {1, 1},   // 1  Flags
    {1, 1},   // 2  Rate
    {2, 4},   // 3  Channel (u16 freq, u16 flags)
    {1, 2},   // 4  FHSS (hop set, pattern)
    {1, 1},   // 5  Antenna signal dBm
    {1, 1},   // 6  Antenna noise dBm
    {2, 2},   // 7  Lock quality
    {2, 2},   // 8  TX attenuation
    {2, 2},   // 9  dB TX attenuation
    {1, 1},   // 10 dBm TX power
    {1, 1},   // 11 Antenna
    {1, 1},   // 12 dB antenna signal
    {1, 1},   // 13 dB antenna noise
    {2, 2},   // 14 RX flags
    {2, 2},   // 15 TX flags
    {1, 1},   // 16 RTS retries
    {1, 1},   // 17 data retries
    {4, 8},   // 18 XChannel (u32 flags, u16 freq, u8 channel, u8 max power)
    {1, 3},   // 19 MCS (known, flags, mcs)
    {4, 8},   // 20 A-MPDU status (u32 reference, u16 flags, u8 crc, u8 reserved)
    {2, 12},  // 21 VHT
    {8, 12},  // 22 timestamp (u64, u16 accuracy, u8 unit/position, u8 flags)
    {2, 12},  // 23 HE (6 × u16)
    {2, 12},  // 24 HE-MU (2 × u16, 2 × u8[4])
    {2, 6},   // 25 HE-MU-other-user (2 × u16, 2 × u8)
    {1, 1},   // 26 0-length-PSDU
    {2, 4},   // 27 L-SIG (2 × u16)
}};
constexpr std::uint32_t kBitTlv = 28;
constexpr std::uint32_t kBitRadiotapNs = 29;
constexpr std::uint32_t kBitVendorNs = 30;
constexpr std::uint32_t kBitExt = 31;
constexpr std::size_t kVendorNsLen = 6;  // OUI[3], sub_namespace, u16 skip_length; alignment 2

std::uint16_t le16(ByteView b, std::size_t at) {
  return static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8));
}
std::uint32_t le32(ByteView b, std::size_t at) {
  return static_cast<std::uint32_t>(b[at]) | (static_cast<std::uint32_t>(b[at + 1]) << 8) |
         (static_cast<std::uint32_t>(b[at + 2]) << 16) |
         (static_cast<std::uint32_t>(b[at + 3]) << 24);
}
std::uint64_t le64(ByteView b, std::size_t at) {
  return static_cast<std::uint64_t>(le32(b, at)) |
         (static_cast<std::uint64_t>(le32(b, at + 4)) << 32);
}
std::size_t align_up(std::size_t off, std::size_t align) {
  return (off + align - 1) / align * align;
}

// The first occurrence wins: when several radiotap namespaces repeat a field (per-chain antenna
// signal after the combined one, as Linux mac80211 writes it), the first is the overall value.
void decode_field(std::uint32_t bit, ByteView h, std::size_t at, RadiotapFields& f) {
  switch (bit) {
    case 0:
      if (!f.tsft) f.tsft = le64(h, at);
      break;
    case 1:
      if (!f.flags) f.flags = h[at];
      break;
    case 2:
      if (!f.rate_500kbps) f.rate_500kbps = h[at];
      break;
    case 3:
      if (!f.channel_mhz) {
        f.channel_mhz = le16(h, at);
        f.channel_flags = le16(h, at + 2);
      }
      break;
    case 5:
      if (!f.antenna_signal_dbm) f.antenna_signal_dbm = static_cast<std::int8_t>(h[at]);
      break;
    case 6:
      if (!f.antenna_noise_dbm) f.antenna_noise_dbm = static_cast<std::int8_t>(h[at]);
      break;
    case 11:
      if (!f.antenna) f.antenna = h[at];
      break;
    default: break;  // known size, not decoded
  }
}

// Little-endian appends with alignment padding from the header start.
struct LeWriter {
  Bytes b;
  void align(std::size_t a) { b.resize(align_up(b.size(), a), 0); }
  void u8(std::uint8_t v) { b.push_back(v); }
  void u16(std::uint16_t v) {
    u8(static_cast<std::uint8_t>(v));
    u8(static_cast<std::uint8_t>(v >> 8));
  }
  void u32(std::uint32_t v) {
    u16(static_cast<std::uint16_t>(v));
    u16(static_cast<std::uint16_t>(v >> 16));
  }
  void u64(std::uint64_t v) {
    u32(static_cast<std::uint32_t>(v));
    u32(static_cast<std::uint32_t>(v >> 32));
  }
};

}  // namespace

Bytes build_radiotap(const RadiotapFields& f) {
  std::uint32_t present = 0;
  if (f.tsft) present |= 1u << 0;
  if (f.flags) present |= 1u << 1;
  if (f.rate_500kbps) present |= 1u << 2;
  if (f.channel_mhz) present |= 1u << 3;
  if (f.antenna_signal_dbm) present |= 1u << 5;
  if (f.antenna_noise_dbm) present |= 1u << 6;
  if (f.antenna) present |= 1u << 11;

  LeWriter w;
  w.u8(0);   // it_version
  w.u8(0);   // it_pad
  w.u16(0);  // it_len, patched below
  w.u32(present);
  // Fields in bit order, each at its natural alignment from the header start.
  if (f.tsft) {
    w.align(8);
    w.u64(*f.tsft);
  }
  if (f.flags) w.u8(*f.flags);
  if (f.rate_500kbps) w.u8(*f.rate_500kbps);
  if (f.channel_mhz) {
    w.align(2);
    w.u16(*f.channel_mhz);
    w.u16(f.channel_flags);
  }
  if (f.antenna_signal_dbm) w.u8(static_cast<std::uint8_t>(*f.antenna_signal_dbm));
  if (f.antenna_noise_dbm) w.u8(static_cast<std::uint8_t>(*f.antenna_noise_dbm));
  if (f.antenna) w.u8(*f.antenna);
  const auto len = static_cast<std::uint16_t>(w.b.size());
  w.b[2] = static_cast<std::uint8_t>(len);
  w.b[3] = static_cast<std::uint8_t>(len >> 8);
  return std::move(w.b);
}

Result<RadiotapHeader> parse_radiotap(ByteView packet) {
  if (packet.size() < kRadiotapMinLen || packet[0] != 0)
    return unexpected(Errc::PcapBadRadiotap, 0);
  const std::size_t it_len = le16(packet, 2);
  if (it_len < kRadiotapMinLen || it_len > packet.size())
    return unexpected(Errc::PcapBadRadiotap, 2);
  const ByteView h = packet.first(it_len);  // nothing below reads past it_len

  // Walk the present-word chain first: the fields start after the last word.
  std::size_t words = 1;
  for (std::size_t at = 4; (le32(h, at) >> kBitExt) & 1u; at += 4) {
    if (at + 8 > it_len) return unexpected(Errc::PcapBadRadiotap, at + 4);
    ++words;
  }

  RadiotapHeader out;
  out.length = it_len;
  out.present_words = words;
  std::size_t off = 4 + 4 * words;
  bool in_vendor_ns = false;
  std::size_t vendor_skip = 0;  // vendor data still to skip when its first word is reached
  std::uint32_t bit_base = 0;   // index of bit 0 of this word within the current namespace

  for (std::size_t k = 0; k < words; ++k) {
    const std::uint32_t word = le32(h, 4 + 4 * k);
    if (in_vendor_ns) {
      // radiotap.org "Vendor Namespace": skip_length octets after the namespace field hold all
      // of that namespace's data; its own present bits mean nothing to us.
      if (vendor_skip > it_len - off) return unexpected(Errc::PcapBadRadiotap, off);
      off += vendor_skip;
      vendor_skip = 0;
    } else {
      for (std::uint32_t bit = 0; bit < kBitTlv + 1; ++bit) {
        if (((word >> bit) & 1u) == 0) continue;
        const std::uint32_t index = bit_base + bit;
        if (index == kBitTlv) return out;  // radiotap.org "TLV": TLVs fill the rest of it_len
        if (index >= kFields.size()) {
          out.fields_complete = false;  // size unknown: cannot locate anything after it
          return out;
        }
        const FieldSpec spec = kFields[index];
        off = align_up(off, spec.align);
        if (off > it_len || spec.size > it_len - off) return unexpected(Errc::PcapBadRadiotap, off);
        decode_field(index, h, off, out.fields);
        off += spec.size;
      }
    }
    const bool to_radiotap = (word >> kBitRadiotapNs) & 1u;
    const bool to_vendor = (word >> kBitVendorNs) & 1u;
    if (to_radiotap && to_vendor) {
      out.fields_complete = false;  // "setting both is undefined"
      return out;
    }
    if (to_vendor) {
      off = align_up(off, 2);
      if (off > it_len || kVendorNsLen > it_len - off)
        return unexpected(Errc::PcapBadRadiotap, off);
      vendor_skip = le16(h, off + 4);
      off += kVendorNsLen;
      in_vendor_ns = true;
      bit_base = 0;
    } else if (to_radiotap) {
      in_vendor_ns = false;
      bit_base = 0;
    } else {
      bit_base += 32;
    }
  }
  // A vendor namespace opened by the last word still declares its data: it must fit.
  if (vendor_skip > it_len - off) return unexpected(Errc::PcapBadRadiotap, off);
  return out;
}

Result<Dot11Frame> strip_radiotap(ByteView packet) {
  WPS_TRY_ASSIGN(RadiotapHeader rt, parse_radiotap(packet));
  Dot11Frame out;
  out.offset = rt.length;
  out.frame = packet.subspan(rt.length);
  out.bad_fcs = rt.bad_fcs();
  if (rt.has_fcs()) {
    if (out.frame.size() < kFcsLen) return unexpected(Errc::PcapBadRadiotap, rt.length);
    out.frame = out.frame.first(out.frame.size() - kFcsLen);
    out.fcs_removed = true;
  }
  out.radiotap = rt;
  return out;
}

Result<PpiHeader> parse_ppi(ByteView packet) {
  if (packet.size() < 8 || packet[0] != 0) return unexpected(Errc::PcapBadPpi, 0);
  const std::size_t len = le16(packet, 2);
  if (len < 8 || len > packet.size()) return unexpected(Errc::PcapBadPpi, 2);
  PpiHeader out;
  out.length = len;
  out.dlt = le32(packet, 4);
  out.payload = packet.subspan(len);
  return out;
}

namespace {

std::uint32_t be32(ByteView p, std::size_t at) {
  return static_cast<std::uint32_t>(p[at]) << 24 | static_cast<std::uint32_t>(p[at + 1]) << 16 |
         static_cast<std::uint32_t>(p[at + 2]) << 8 | p[at + 3];
}

/// Channel number to centre frequency (2.4 GHz band 1..14, 5 GHz band above).
std::optional<std::uint16_t> channel_to_mhz(std::uint32_t ch) {
  if (ch >= 1 && ch <= 13) return static_cast<std::uint16_t>(2407 + 5 * ch);
  if (ch == 14) return std::uint16_t{2484};
  if (ch >= 32 && ch <= 196) return static_cast<std::uint16_t>(5000 + 5 * ch);
  return std::nullopt;
}

std::optional<std::int8_t> dbm(std::int32_t v) {
  if (v < -128 || v > 0) return std::nullopt;
  return static_cast<std::int8_t>(v);
}

bool is_avs_magic(ByteView p) {
  return p.size() >= 4 && (be32(p, 0) & 0xFFFFFFF0u) == 0x80211000u;
}

}  // namespace

Result<Dot11Frame> strip_avs(ByteView packet) {
  if (packet.size() < 8 || !is_avs_magic(packet)) return unexpected(Errc::PcapBadAvs, 0);
  const std::size_t len = be32(packet, 4);
  if (len < 8 || len > packet.size()) return unexpected(Errc::PcapBadAvs, 4);
  Dot11Frame out;
  out.offset = len;
  out.frame = packet.subspan(len);
  RadiotapHeader rt;
  rt.length = len;
  if (len >= 64) {
    rt.fields.channel_mhz = channel_to_mhz(be32(packet, 28));
    const std::uint32_t rate_100k = be32(packet, 32);
    if (rate_100k > 0 && rate_100k / 5 <= 255)
      rt.fields.rate_500kbps = static_cast<std::uint8_t>(rate_100k / 5);
    if (be32(packet, 44) == 2) {  // ssi_type 2: dBm
      rt.fields.antenna_signal_dbm = dbm(static_cast<std::int32_t>(be32(packet, 48)));
      rt.fields.antenna_noise_dbm = dbm(static_cast<std::int32_t>(be32(packet, 52)));
    }
  }
  out.radiotap = rt;
  return out;
}

Result<Dot11Frame> strip_prism(ByteView packet) {
  if (is_avs_magic(packet)) return strip_avs(packet);
  if (packet.size() < 8) return unexpected(Errc::PcapBadPrism, 0);
  // msgcode's low octet is non-zero (0x41 / 0x44): it tells the byte order of the header.
  const bool little = packet[0] != 0;
  auto u32 = [&](std::size_t at) { return little ? le32(packet, at) : be32(packet, at); };
  auto u16 = [&](std::size_t at) {
    return little ? le16(packet, at) : static_cast<std::uint16_t>(packet[at] << 8 | packet[at + 1]);
  };
  const std::size_t len = u32(4);
  if (len < 8 || len > packet.size()) return unexpected(Errc::PcapBadPrism, 4);
  Dot11Frame out;
  out.offset = len;
  out.frame = packet.subspan(len);
  RadiotapHeader rt;
  rt.length = len;
  // Items after msgcode, msglen and the 16-octet device name: did, status, len, data.
  for (std::size_t at = 24; at + 12 <= len; at += 12) {
    const std::uint32_t did = u32(at);
    if (u16(at + 4) != 0) continue;  // status 0 = the item holds a value
    const std::uint32_t data = u32(at + 8);
    // The item number: DIDs are 0x000N0044 (wlan-ng) or 0x0000N041 (older drivers).
    std::uint32_t item = 0;
    if ((did & 0xFFFF) == 0x0044)
      item = did >> 16;
    else if ((did & 0x0FFF) == 0x0041)
      item = (did >> 12) & 0xF;
    switch (item) {
      case 3: rt.fields.channel_mhz = channel_to_mhz(data); break;
      case 6: rt.fields.antenna_signal_dbm = dbm(static_cast<std::int32_t>(data)); break;
      case 7: rt.fields.antenna_noise_dbm = dbm(static_cast<std::int32_t>(data)); break;
      case 8:
        if (data > 0 && data <= 255) rt.fields.rate_500kbps = static_cast<std::uint8_t>(data);
        break;
      default: break;
    }
  }
  out.radiotap = rt;
  return out;
}

Result<Dot11Frame> dot11_frame(int linktype, ByteView packet) {
  switch (linktype) {
    case static_cast<int>(Linktype::Ieee80211): {
      Dot11Frame out;
      out.frame = packet;
      return out;
    }
    case static_cast<int>(Linktype::Radiotap): return strip_radiotap(packet);
    case static_cast<int>(Linktype::Prism): return strip_prism(packet);
    case static_cast<int>(Linktype::Avs): return strip_avs(packet);
    case static_cast<int>(Linktype::Ppi): {
      WPS_TRY_ASSIGN(PpiHeader ppi, parse_ppi(packet));
      if (ppi.dlt == static_cast<std::uint32_t>(Linktype::Ieee80211)) {
        Dot11Frame out;
        out.frame = ppi.payload;
        out.offset = ppi.length;
        return out;
      }
      if (ppi.dlt == static_cast<std::uint32_t>(Linktype::Radiotap)) {
        auto inner = strip_radiotap(ppi.payload);
        if (!inner) {
          Error e = inner.error();
          e.offset += static_cast<std::uint32_t>(ppi.length);
          return unexpected(e);
        }
        inner->offset += ppi.length;
        return inner;
      }
      return unexpected(Errc::PcapBadLinktype, 4);
    }
    default: return unexpected(Errc::PcapBadLinktype, 0);
  }
}

}  // namespace wps::pcap
