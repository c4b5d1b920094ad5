#include "wsc/tlv.hpp"

#include <bitset>

namespace wps::wsc {

const Attr* AttrList::first(AttrType t) const {
  for (const auto& a : attrs_)
    if (a.type == to_u16(t)) return &a;
  return nullptr;
}

std::vector<Attr> AttrList::all(AttrType t) const {
  std::vector<Attr> out;
  for (const auto& a : attrs_)
    if (a.type == to_u16(t)) out.push_back(a);
  return out;
}

std::size_t AttrList::count(AttrType t) const {
  std::size_t n = 0;
  for (const auto& a : attrs_)
    if (a.type == to_u16(t)) ++n;
  return n;
}

Result<AttrList> tokenize(ByteView data, std::size_t base_offset, TokenizeMode mode) {
  AttrList list;
  list.data_ = data;
  list.base_ = base_offset;
  // One bit per table row: duplicates of non-repeatable types are rejected (ARCHITECTURE C5;
  // hostapd silently keeps the last one, which lets a peer smuggle a second value past checks
  // done on the first).
  std::bitset<128> seen;
  const AttrInfo* table0 = attr_table().data();
  WPS_ASSERT(attr_table().size() <= seen.size());
  // One allocation for the whole list: a first walk over the headers counts the attributes (a
  // message has 15-30; growing the vector one doubling at a time cost five allocations each).
  // Its framing error, if any, is reported by the second walk.
  std::size_t count = 0;
  (void)walk_tlvs(data, base_offset, [&](const Attr&) -> Result<bool> {
    ++count;
    return true;
  });
  list.attrs_.reserve(count);
  WPS_TRY(walk_tlvs(data, base_offset, [&](const Attr& a) -> Result<bool> {
    if (mode == TokenizeMode::Strict) {
      if (const AttrInfo* info = attr_info(a.type)) {
        if (!info->length_ok(a.value.size()))
          return unexpected(Errc::AttrBadLength, a.offset, a.type);
        auto idx = static_cast<std::size_t>(info - table0);
        if (!info->repeatable) {
          if (seen.test(idx)) return unexpected(Errc::AttrDuplicate, a.offset, a.type);
          seen.set(idx);
        }
      }
    }
    list.attrs_.push_back(a);
    return true;
  }));
  return list;
}

namespace detail {
void assert_attr_length(std::uint16_t type, std::size_t len) {
  WPS_ASSERT(len <= 0xFFFF);
  if (const AttrInfo* info = attr_info(type)) WPS_ASSERT(info->length_ok(len));
}
}  // namespace detail

// ---------------------------------------------------------------------------------------------
// WFA vendor extension

bool WfaExtension::empty() const {
  return !version2 && !request_to_enroll && authorized_macs.empty() && !network_key_shareable &&
         !settings_delay_time && !registrar_config_methods && !multi_ap_extension &&
         !multi_ap_profile && !multi_ap_8021q && unknown.empty();
}

Result<WfaExtension> parse_wfa_subelements(ByteView data, std::size_t base_offset) {
  constexpr auto kAttr = to_u16(AttrType::VendorExtension);
  WfaExtension ext;
  std::bitset<16> seen;
  ByteReader r(data, base_offset);
  while (!r.empty()) {
    const std::size_t at = r.offset();
    auto id = r.u8();
    auto len = r.u8();
    if (!id || !len) return unexpected(Errc::VendorExtMalformed, at, kAttr);
    auto v = r.take(*len);
    if (!v) return unexpected(Errc::VendorExtMalformed, at, kAttr);
    const WfaSubelemInfo* info = wfa_subelem_info(*id);
    if (!info) {
      ext.unknown.push_back(WfaSubelement{*id, to_bytes(*v)});
      continue;
    }
    // WPS-FACTS §4 sub-element table; a repeated known sub-element is ambiguous, reject it.
    if (!info->length_ok(v->size()) || seen.test(*id))
      return unexpected(Errc::VendorExtMalformed, at, kAttr);
    seen.set(*id);
    const ByteView d = *v;
    auto be16 = [&] { return static_cast<std::uint16_t>((d[0] << 8) | d[1]); };
    switch (static_cast<WfaSubelem>(*id)) {
      case WfaSubelem::Version2: ext.version2 = d[0]; break;
      case WfaSubelem::AuthorizedMacs:
        for (std::size_t i = 0; i < d.size(); i += 6)
          ext.authorized_macs.push_back(*MacAddr::from(d.subspan(i, 6)));
        break;
      case WfaSubelem::NetworkKeyShareable: ext.network_key_shareable = d[0] != 0; break;
      case WfaSubelem::RequestToEnroll: ext.request_to_enroll = d[0] != 0; break;
      case WfaSubelem::SettingsDelayTime: ext.settings_delay_time = d[0]; break;
      case WfaSubelem::RegistrarConfigurationMethods: ext.registrar_config_methods = be16(); break;
      case WfaSubelem::MultiApExtension: ext.multi_ap_extension = d[0]; break;
      case WfaSubelem::MultiApProfile: ext.multi_ap_profile = d[0]; break;
      case WfaSubelem::MultiAp8021qSettings: ext.multi_ap_8021q = be16(); break;
    }
  }
  return ext;
}

Bytes encode_wfa_subelements(const WfaExtension& ext) {
  Bytes buf;
  buf.reserve(32);  // Version2 + a few flags; five Authorized MACs still fit in one regrowth
  ByteWriter w(std::move(buf));
  auto sub = [&](WfaSubelem id, ByteView v) {
    w.u8(static_cast<std::uint8_t>(id)).u8(static_cast<std::uint8_t>(v.size())).bytes(v);
  };
  auto sub8 = [&](WfaSubelem id, std::uint8_t v) { sub(id, ByteView(&v, 1)); };
  auto sub16 = [&](WfaSubelem id, std::uint16_t v) {
    const std::uint8_t b[2] = {static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
    sub(id, b);
  };
  if (ext.version2) sub8(WfaSubelem::Version2, *ext.version2);
  if (ext.request_to_enroll) sub8(WfaSubelem::RequestToEnroll, *ext.request_to_enroll ? 1 : 0);
  if (!ext.authorized_macs.empty()) {
    WPS_ASSERT(ext.authorized_macs.size() <= kMaxAuthorizedMacs);
    Bytes macs;
    for (const auto& m : ext.authorized_macs)
      macs.insert(macs.end(), m.get().begin(), m.get().end());
    sub(WfaSubelem::AuthorizedMacs, macs);
  }
  if (ext.network_key_shareable)
    sub8(WfaSubelem::NetworkKeyShareable, *ext.network_key_shareable ? 1 : 0);
  if (ext.settings_delay_time) sub8(WfaSubelem::SettingsDelayTime, *ext.settings_delay_time);
  if (ext.registrar_config_methods)
    sub16(WfaSubelem::RegistrarConfigurationMethods, *ext.registrar_config_methods);
  if (ext.multi_ap_extension) sub8(WfaSubelem::MultiApExtension, *ext.multi_ap_extension);
  if (ext.multi_ap_profile) sub8(WfaSubelem::MultiApProfile, *ext.multi_ap_profile);
  if (ext.multi_ap_8021q) sub16(WfaSubelem::MultiAp8021qSettings, *ext.multi_ap_8021q);
  for (const auto& u : ext.unknown) {
    WPS_ASSERT(u.data.size() <= 0xFF);
    w.u8(u.id).u8(static_cast<std::uint8_t>(u.data.size())).bytes(u.data);
  }
  return w.take();
}

Result<VendorExtensions> parse_vendor_extensions(const AttrList& list) {
  VendorExtensions out;
  bool have_wfa = false;
  for (const auto& a : list) {
    if (a.type != to_u16(AttrType::VendorExtension)) continue;
    if (a.value.size() < 3) return unexpected(Errc::AttrBadLength, a.offset, a.type);
    std::array<std::uint8_t, 3> id{a.value[0], a.value[1], a.value[2]};
    ByteView data = a.value.subspan(3);
    if (id == kWfaVendorId && !have_wfa) {
      // A WFA extension without sub-elements says nothing, and an empty WfaExtension encodes to
      // nothing: taking it as "the" WFA extension would make a later one land in `other` on this
      // parse and in `wfa` on the next (not a fixed point).
      if (data.empty()) continue;
      WPS_TRY_ASSIGN(out.wfa, parse_wfa_subelements(data, a.value_offset() + 3));
      have_wfa = true;
    } else {
      out.other.push_back(VendorExtension{id, to_bytes(data)});
    }
  }
  return out;
}

}  // namespace wps::wsc
