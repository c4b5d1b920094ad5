// IEEE 802.11 elements ("information elements", IEs): the generic id/length/data codec, the typed
// elements wpslab needs (SSID, Supported/Extended Supported Rates, DS Parameter Set, TIM, Vendor
// Specific) and the WPS vendor IE split/join of WPS-FACTS §2.3. The RSN element is in rsn.hpp.
//
// Element format (IEEE 802.11-2020 §9.4.2.1): Element ID (1) ‖ Length (1) ‖ data (Length octets,
// 0..255). Element ID 255 (Extension) carries an Element ID Extension as its first data octet; the
// generic codec treats it as ordinary data.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "base/bytes.hpp"
#include "base/result.hpp"

namespace wps::dot11 {

/// Element IDs used here (IEEE 802.11-2020 §9.4.2.1, Table 9-92).
enum class ElementId : std::uint8_t {
  Ssid = 0,
  SupportedRates = 1,
  DsParameterSet = 3,
  Tim = 5,
  Country = 7,
  ErpInformation = 42,
  HtCapabilities = 45,
  Rsn = 48,
  ExtendedSupportedRates = 50,
  ExtendedCapabilities = 127,
  VendorSpecific = 221,
  Extension = 255,
};

inline constexpr std::size_t kMaxElementData = 255;
inline constexpr std::size_t kMaxSsidLength = 32;

/// One element, owning its data. Invariant for building: data.size() <= 255.
struct Element {
  std::uint8_t id = 0;
  Bytes data;

  Element() = default;
  Element(std::uint8_t i, Bytes d) : id(i), data(std::move(d)) {}
  Element(ElementId i, Bytes d) : id(static_cast<std::uint8_t>(i)), data(std::move(d)) {}
  [[nodiscard]] bool is(ElementId e) const { return id == static_cast<std::uint8_t>(e); }
  friend bool operator==(const Element&, const Element&) = default;
};

/// An ordered element list, as carried at the end of most management frame bodies.
using Elements = std::vector<Element>;

/// One element seen in place: `data` aliases the buffer given to ElementReader; `offset` is the
/// offset of the element's ID octet counted from the start of the outermost buffer.
struct ElementView {
  std::uint8_t id = 0;
  ByteView data;
  std::size_t offset = 0;
};

/// Bounds-checked, zero-copy iterator over a region of concatenated elements.
/// The region must outlive the reader and every ElementView it returns.
class ElementReader {
 public:
  /// `base_offset` is the offset of `region` within the outermost buffer (for error offsets).
  explicit ElementReader(ByteView region, std::size_t base_offset = 0) : r_(region, base_offset) {}

  /// The next element, or nullopt when the region is exhausted.
  /// Errors (the reader then stays at the failing element; calling again repeats the error):
  ///   Dot11BadIe @ offset of the element's ID octet — only one octet left (no Length octet), or
  ///   the Length runs past the end of the region.
  Result<std::optional<ElementView>> next();
  [[nodiscard]] bool done() const { return r_.empty(); }

 private:
  ByteReader r_;
};

/// Parses a whole element region into owned Elements (order kept, duplicates kept).
/// Errors: as ElementReader::next.
Result<Elements> parse_elements(ByteView region, std::size_t base_offset = 0);

/// Appends the elements' encoding. Each element's data must be at most 255 octets (WPS_ASSERT).
void write_elements(ByteWriter& w, const Elements& elements);
Bytes build_elements(const Elements& elements);
/// id ‖ len ‖ data for one element (data.size() <= 255, WPS_ASSERT).
Bytes build_element(const Element& e);

/// First element with this ID, or nullptr. The pointer is valid while `elements` is unchanged.
const Element* find_element(const Elements& elements, ElementId id);

// --- SSID (IEEE 802.11-2020 §9.4.2.2): 0..32 octets; length 0 is the wildcard SSID. ----------
/// WPS_ASSERT(ssid.size() <= 32).
Element make_ssid(ByteView ssid);
/// The SSID octets (aliasing e.data). Errors: Dot11BadIe @0 if not an SSID element or longer
/// than 32 octets.
Result<ByteView> parse_ssid(const Element& e);
/// The SSID of a frame's element list: nullopt if it has no SSID element; Dot11BadIe if the
/// first SSID element is invalid (see parse_ssid). The view aliases `elements`.
Result<std::optional<ByteView>> find_ssid(const Elements& elements);

// --- Supported Rates / Extended Supported Rates (§9.4.2.3, §9.4.2.12) -----------------------
// A rate octet is the rate in 500 kb/s units; bit 7 (0x80) marks a basic (BSSBasicRateSet) rate.
/// The default 802.11g rate set: 1, 2, 5.5, 11 Mb/s basic; 6, 9, 12, 18, 24, 36, 48, 54 Mb/s.
std::vector<std::uint8_t> default_rates();
/// Appends Supported Rates with the first 8 rates and, if more, Extended Supported Rates with the
/// rest. WPS_ASSERT(1 <= rates.size() <= 8 + 255).
void append_rates(Elements& elements, std::span<const std::uint8_t> rates);
/// Concatenation of all Supported Rates and Extended Supported Rates octets, in order.
std::vector<std::uint8_t> collect_rates(const Elements& elements);

// --- DS Parameter Set (§9.4.2.4): one octet, the current channel. --------------------------
Element make_ds_parameter_set(std::uint8_t channel);
/// Errors: Dot11BadIe @0 if not a DS Parameter Set element or its length is not 1.
Result<std::uint8_t> parse_ds_parameter_set(const Element& e);

// --- TIM (§9.4.2.5) -------------------------------------------------------------------------
struct Tim {
  std::uint8_t dtim_count = 0;
  std::uint8_t dtim_period = 1;
  std::uint8_t bitmap_control = 0;
  Bytes partial_virtual_bitmap{0x00};  ///< 1..251 octets
  friend bool operator==(const Tim&, const Tim&) = default;
};
/// WPS_ASSERT(1 <= partial_virtual_bitmap.size() <= 251).
Element make_tim(const Tim& tim);
/// Errors: Dot11BadIe @0 if not a TIM element or its length is outside 4..254.
Result<Tim> parse_tim(const Element& e);

// --- Vendor Specific (§9.4.2.25): OUI (3) ‖ vendor content. --------------------------------
// By convention the first content octet is an "OUI type" (WPS uses 00:50:F2 type 4, WPA 00:50:F2
// type 1, WMM 00:50:F2 type 2), which is what VendorSpecific models.
struct VendorSpecific {
  std::uint32_t oui = 0;  ///< 24-bit OUI, e.g. 0x0050F2
  std::uint8_t type = 0;  ///< the octet after the OUI
  Bytes data;             ///< everything after the type octet (at most 251 octets)
  friend bool operator==(const VendorSpecific&, const VendorSpecific&) = default;
};
/// WPS_ASSERT(data.size() <= 251).
Element make_vendor_specific(const VendorSpecific& v);
/// Errors: Dot11BadIe @0 if not a Vendor Specific element or shorter than 4 octets (this codec
/// needs the OUI and the type octet).
Result<VendorSpecific> parse_vendor_specific(const Element& e);

// --- WPS vendor IE (WPS-FACTS §2.3) --------------------------------------------------------
inline constexpr std::uint32_t kWpsOui = 0x0050F2;
inline constexpr std::uint8_t kWpsOuiType = 0x04;
/// Attribute octets per WPS IE: 255 minus the 4-octet OUI+type header.
inline constexpr std::size_t kWpsIeMaxData = 251;

/// True if the element is Vendor Specific with header 00 50 f2 04.
bool is_wps_element(std::uint8_t id, ByteView data);
inline bool is_wps_element(const Element& e) {
  return is_wps_element(e.id, e.data);
}

/// Appends WSC attribute bytes as consecutive WPS IEs, at most 251 attribute octets each, split
/// at 251-octet boundaries regardless of TLV boundaries (receivers concatenate, §2.3). An empty
/// payload gives one WPS IE with only the 4-octet header.
void append_wps_ies(Elements& elements, ByteView wsc_attributes);

/// The WSC attribute bytes of a frame: the data of every WPS IE after its 4-octet header,
/// concatenated in order (§2.3; attributes may straddle IEs). nullopt if there is no WPS IE.
std::optional<Bytes> join_wps_ies(const Elements& elements);

/// Same, directly on a raw element region (zero-copy iteration; the result is owned).
/// Errors: as ElementReader::next.
Result<std::optional<Bytes>> extract_wps_payload(ByteView region, std::size_t base_offset = 0);

}  // namespace wps::dot11
