#include "dot11/ie.hpp"

#include <algorithm>

#include "base/assert.hpp"

namespace wps::dot11 {

Result<std::optional<ElementView>> ElementReader::next() {
  if (r_.empty()) return std::optional<ElementView>{};
  // IEEE 802.11-2020 §9.4.2.1: Element ID (1) ‖ Length (1) ‖ Length octets.
  // Peek on a copy so a failed read leaves this reader at the element's start.
  ByteReader probe = r_;
  const std::size_t at = probe.offset();
  auto id = probe.u8();
  auto len = probe.u8();
  if (!id || !len) return unexpected(Errc::Dot11BadIe, at);
  auto data = probe.take(*len);
  if (!data) return unexpected(Errc::Dot11BadIe, at);
  r_ = probe;
  return std::optional<ElementView>{ElementView{*id, *data, at}};
}

Result<Elements> parse_elements(ByteView region, std::size_t base_offset) {
  Elements out;
  ElementReader rd(region, base_offset);
  for (;;) {
    WPS_TRY_ASSIGN(auto ev, rd.next());
    if (!ev) break;
    out.emplace_back(ev->id, to_bytes(ev->data));
  }
  return out;
}

void write_elements(ByteWriter& w, const Elements& elements) {
  for (const auto& e : elements) {
    WPS_ASSERT(e.data.size() <= kMaxElementData);
    w.u8(e.id).u8(static_cast<std::uint8_t>(e.data.size())).bytes(e.data);
  }
}

Bytes build_elements(const Elements& elements) {
  ByteWriter w;
  write_elements(w, elements);
  return w.take();
}

Bytes build_element(const Element& e) {
  ByteWriter w;
  write_elements(w, Elements{e});
  return w.take();
}

const Element* find_element(const Elements& elements, ElementId id) {
  for (const auto& e : elements)
    if (e.is(id)) return &e;
  return nullptr;
}

// --- SSID ---------------------------------------------------------------------------------

Element make_ssid(ByteView ssid) {
  WPS_ASSERT(ssid.size() <= kMaxSsidLength);
  return Element(ElementId::Ssid, to_bytes(ssid));
}

Result<ByteView> parse_ssid(const Element& e) {
  // IEEE 802.11-2020 §9.4.2.2: the SSID field is 0 to 32 octets.
  if (!e.is(ElementId::Ssid) || e.data.size() > kMaxSsidLength)
    return unexpected(Errc::Dot11BadIe, 0);
  return ByteView(e.data);
}

Result<std::optional<ByteView>> find_ssid(const Elements& elements) {
  const Element* e = find_element(elements, ElementId::Ssid);
  if (e == nullptr) return std::optional<ByteView>{};
  WPS_TRY_ASSIGN(ByteView s, parse_ssid(*e));
  return std::optional<ByteView>{s};
}

// --- Rates --------------------------------------------------------------------------------

std::vector<std::uint8_t> default_rates() {
  // 1, 2, 5.5, 11 Mb/s (basic, 0x80 set), then 6, 9, 12, 18, 24, 36, 48, 54 Mb/s.
  return {0x82, 0x84, 0x8b, 0x96, 0x0c, 0x12, 0x18, 0x24, 0x30, 0x48, 0x60, 0x6c};
}

void append_rates(Elements& elements, std::span<const std::uint8_t> rates) {
  // §9.4.2.3: Supported Rates holds at most 8 rates; the rest go into Extended Supported Rates
  // (§9.4.2.12), which holds 1..255.
  WPS_ASSERT(!rates.empty() && rates.size() <= 8 + kMaxElementData);
  const std::size_t first = std::min<std::size_t>(rates.size(), 8);
  elements.emplace_back(ElementId::SupportedRates, to_bytes(rates.first(first)));
  if (rates.size() > first)
    elements.emplace_back(ElementId::ExtendedSupportedRates, to_bytes(rates.subspan(first)));
}

std::vector<std::uint8_t> collect_rates(const Elements& elements) {
  std::vector<std::uint8_t> out;
  for (const auto& e : elements)
    if (e.is(ElementId::SupportedRates) || e.is(ElementId::ExtendedSupportedRates))
      out.insert(out.end(), e.data.begin(), e.data.end());
  return out;
}

// --- DS Parameter Set -----------------------------------------------------------------------

Element make_ds_parameter_set(std::uint8_t channel) {
  return Element(ElementId::DsParameterSet, Bytes{channel});
}

Result<std::uint8_t> parse_ds_parameter_set(const Element& e) {
  // §9.4.2.4: exactly one octet, Current Channel.
  if (!e.is(ElementId::DsParameterSet) || e.data.size() != 1)
    return unexpected(Errc::Dot11BadIe, 0);
  return e.data[0];
}

// --- TIM ------------------------------------------------------------------------------------

Element make_tim(const Tim& tim) {
  WPS_ASSERT(!tim.partial_virtual_bitmap.empty() && tim.partial_virtual_bitmap.size() <= 251);
  ByteWriter w;
  w.u8(tim.dtim_count).u8(tim.dtim_period).u8(tim.bitmap_control).bytes(tim.partial_virtual_bitmap);
  return Element(ElementId::Tim, w.take());
}

Result<Tim> parse_tim(const Element& e) {
  // §9.4.2.5: DTIM Count, DTIM Period, Bitmap Control, Partial Virtual Bitmap (1..251 octets),
  // so the length is 4..254.
  if (!e.is(ElementId::Tim) || e.data.size() < 4 || e.data.size() > 254)
    return unexpected(Errc::Dot11BadIe, 0);
  Tim t;
  t.dtim_count = e.data[0];
  t.dtim_period = e.data[1];
  t.bitmap_control = e.data[2];
  t.partial_virtual_bitmap.assign(e.data.begin() + 3, e.data.end());
  return t;
}

// --- Vendor Specific --------------------------------------------------------------------------

Element make_vendor_specific(const VendorSpecific& v) {
  WPS_ASSERT(v.data.size() <= kMaxElementData - 4);
  ByteWriter w;
  w.u24be(v.oui & 0xffffffu).u8(v.type).bytes(v.data);
  return Element(ElementId::VendorSpecific, w.take());
}

Result<VendorSpecific> parse_vendor_specific(const Element& e) {
  if (!e.is(ElementId::VendorSpecific) || e.data.size() < 4) return unexpected(Errc::Dot11BadIe, 0);
  ByteReader r(e.data);
  VendorSpecific v;
  v.oui = *r.u24be();  // the OUI is transmitted in its canonical (big-endian) octet order
  v.type = *r.u8();
  v.data = to_bytes(r.rest());
  return v;
}

// --- WPS IE (WPS-FACTS §2.3) ----------------------------------------------------------------

namespace {
constexpr std::uint8_t kWpsHeader[4] = {0x00, 0x50, 0xf2, kWpsOuiType};
}

bool is_wps_element(std::uint8_t id, ByteView data) {
  return id == static_cast<std::uint8_t>(ElementId::VendorSpecific) && data.size() >= 4 &&
         std::equal(data.begin(), data.begin() + 4, std::begin(kWpsHeader));
}

void append_wps_ies(Elements& elements, ByteView wsc_attributes) {
  std::size_t pos = 0;
  do {
    const std::size_t n = std::min(kWpsIeMaxData, wsc_attributes.size() - pos);
    Bytes d(std::begin(kWpsHeader), std::end(kWpsHeader));
    d.insert(d.end(), wsc_attributes.begin() + static_cast<std::ptrdiff_t>(pos),
             wsc_attributes.begin() + static_cast<std::ptrdiff_t>(pos + n));
    elements.emplace_back(ElementId::VendorSpecific, std::move(d));
    pos += n;
  } while (pos < wsc_attributes.size());
}

std::optional<Bytes> join_wps_ies(const Elements& elements) {
  std::optional<Bytes> out;
  for (const auto& e : elements) {
    if (!is_wps_element(e)) continue;
    if (!out) out.emplace();
    out->insert(out->end(), e.data.begin() + 4, e.data.end());
  }
  return out;
}

Result<std::optional<Bytes>> extract_wps_payload(ByteView region, std::size_t base_offset) {
  std::optional<Bytes> out;
  ElementReader rd(region, base_offset);
  for (;;) {
    WPS_TRY_ASSIGN(auto ev, rd.next());
    if (!ev) break;
    if (!is_wps_element(ev->id, ev->data)) continue;
    if (!out) out.emplace();
    out->insert(out->end(), ev->data.begin() + 4, ev->data.end());
  }
  return out;
}

}  // namespace wps::dot11
