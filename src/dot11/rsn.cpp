#include "dot11/rsn.hpp"

#include "base/assert.hpp"

namespace wps::dot11 {

RsnInfo wpa2_psk_ccmp() {
  return RsnInfo{};
}

namespace {
// Suite selectors go out in transmission order: OUI octets then the type (§9.4.2.24.2).
void put_suite(ByteWriter& w, std::uint32_t s) {
  w.u32be(s);
}
}  // namespace

Bytes build_rsn_data(const RsnInfo& rsn) {
  ByteWriter w;
  // Version, counts and capabilities are little-endian like every 802.11 integer field.
  w.u16le(rsn.version);
  put_suite(w, rsn.group_cipher);
  WPS_ASSERT(rsn.pairwise_ciphers.size() <= 0xffff && rsn.akms.size() <= 0xffff);
  w.u16le(static_cast<std::uint16_t>(rsn.pairwise_ciphers.size()));
  for (auto s : rsn.pairwise_ciphers) put_suite(w, s);
  w.u16le(static_cast<std::uint16_t>(rsn.akms.size()));
  for (auto s : rsn.akms) put_suite(w, s);
  w.u16le(rsn.capabilities);
  if (!rsn.pmkids.empty() || rsn.group_mgmt_cipher) {
    w.u16le(static_cast<std::uint16_t>(rsn.pmkids.size()));
    for (const auto& p : rsn.pmkids) w.bytes(p);
    if (rsn.group_mgmt_cipher) put_suite(w, *rsn.group_mgmt_cipher);
  }
  WPS_ASSERT(w.size() <= kMaxElementData);
  return w.take();
}

Element make_rsn(const RsnInfo& rsn) {
  return Element(ElementId::Rsn, build_rsn_data(rsn));
}

Bytes build_rsn_element(const RsnInfo& rsn) {
  return build_element(make_rsn(rsn));
}

Result<RsnInfo> parse_rsn(ByteView data, std::size_t base_offset) {
  ByteReader r(data, base_offset);
  RsnInfo out;
  auto version = r.u16le();
  if (!version) return unexpected(Errc::Truncated, base_offset);
  // §9.4.2.24.1: only version 1 is defined.
  if (*version != 1) return unexpected(Errc::BadValue, base_offset);
  out.version = *version;
  // Defaults for absent trailing fields (§9.4.2.24.1). (unsure: the AKM default of 00-0F-AC:1 is
  // from the standard's text as we read it; nothing in wpslab relies on a truncated RSNE.)
  out.group_cipher = suite::kCipherCcmp128;
  out.pairwise_ciphers = {suite::kCipherCcmp128};
  out.akms = {suite::kAkm8021x};
  out.capabilities = 0;

  auto read_suite = [&r]() -> Result<std::uint32_t> {
    const std::size_t at = r.offset();
    auto v = r.u32be();
    if (!v) return unexpected(Errc::Dot11BadIe, at);
    return *v;
  };
  auto read_list = [&r, &read_suite](std::vector<std::uint32_t>& list) -> Result<void> {
    const std::size_t at = r.offset();
    auto n = r.u16le();
    if (!n) return unexpected(Errc::Dot11BadIe, at);
    if (r.remaining() / 4 < *n) return unexpected(Errc::Dot11BadIe, at);
    list.clear();
    for (unsigned i = 0; i < *n; ++i) {
      WPS_TRY_ASSIGN(auto s, read_suite());
      list.push_back(s);
    }
    return ok();
  };

  if (r.empty()) return out;
  WPS_TRY_ASSIGN(out.group_cipher, read_suite());
  if (r.empty()) return out;
  WPS_TRY(read_list(out.pairwise_ciphers));
  if (r.empty()) return out;
  WPS_TRY(read_list(out.akms));
  if (r.empty()) return out;
  {
    const std::size_t at = r.offset();
    auto c = r.u16le();
    if (!c) return unexpected(Errc::Dot11BadIe, at);
    out.capabilities = *c;
  }
  if (r.empty()) return out;
  {
    const std::size_t at = r.offset();
    auto n = r.u16le();
    if (!n || r.remaining() / 16 < *n) return unexpected(Errc::Dot11BadIe, at);
    for (unsigned i = 0; i < *n; ++i) {
      Pmkid p{};
      auto v = r.take(16);
      std::copy(v->begin(), v->end(), p.begin());
      out.pmkids.push_back(p);
    }
  }
  if (r.empty()) return out;
  {
    WPS_TRY_ASSIGN(auto g, read_suite());
    out.group_mgmt_cipher = g;
  }
  // Nothing is defined after the Group Management Cipher Suite.
  if (!r.empty()) return unexpected(Errc::Dot11BadIe, r.offset());
  return out;
}

Result<RsnInfo> parse_rsn_element(ByteView element) {
  if (element.size() < 2 || element[0] != static_cast<std::uint8_t>(ElementId::Rsn) ||
      element[1] != element.size() - 2)
    return unexpected(Errc::Dot11BadIe, 0);
  return parse_rsn(element.subspan(2), 2);
}

}  // namespace wps::dot11
