// The RSN element (IEEE 802.11-2020 §9.4.2.24; WPS-FACTS §2.5).
//
// Layout of the element data (all counts and the version/capabilities little-endian):
//   Version (2) = 1 ‖ Group Data Cipher Suite (4) ‖ Pairwise Count (2) ‖ Pairwise Suites (4 each)
//   ‖ AKM Count (2) ‖ AKM Suites (4 each) ‖ RSN Capabilities (2) ‖ PMKID Count (2) ‖ PMKIDs (16 each)
//   ‖ Group Management Cipher Suite (4)
// Every field after Version is optional, but only as a whole tail: once a field is absent, all
// later fields are absent too.
//
// A suite selector is OUI (3) ‖ type (1); it is held here as a u32 in transmission order, e.g.
// CCMP-128 = 00-0F-AC:4 = 0x000FAC04.
//
// The WPA2 4-way handshake compares RSN elements *byte for byte* (§2.5), so engines carry the
// element bytes they sent/received verbatim; RsnInfo is for deciding and building.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "dot11/ie.hpp"

namespace wps::dot11 {

namespace suite {
inline constexpr std::uint32_t kCipherUseGroup = 0x000FAC00;
inline constexpr std::uint32_t kCipherWep40 = 0x000FAC01;
inline constexpr std::uint32_t kCipherTkip = 0x000FAC02;
inline constexpr std::uint32_t kCipherCcmp128 = 0x000FAC04;
inline constexpr std::uint32_t kCipherWep104 = 0x000FAC05;
inline constexpr std::uint32_t kCipherBipCmac128 = 0x000FAC06;
inline constexpr std::uint32_t kAkm8021x = 0x000FAC01;
inline constexpr std::uint32_t kAkmPsk = 0x000FAC02;
inline constexpr std::uint32_t kAkmPskSha256 = 0x000FAC06;
}  // namespace suite

using Pmkid = std::array<std::uint8_t, 16>;

struct RsnInfo {
  std::uint16_t version = 1;
  std::uint32_t group_cipher = suite::kCipherCcmp128;
  std::vector<std::uint32_t> pairwise_ciphers{suite::kCipherCcmp128};
  std::vector<std::uint32_t> akms{suite::kAkmPsk};
  std::uint16_t capabilities = 0;
  std::vector<Pmkid> pmkids;                       ///< emitted if non-empty or a group mgmt cipher
  std::optional<std::uint32_t> group_mgmt_cipher;  ///< emitted if present
  friend bool operator==(const RsnInfo&, const RsnInfo&) = default;
};

/// WPA2-PSK with CCMP: version 1, group CCMP, pairwise {CCMP}, AKM {PSK}, capabilities 0.
/// Its element is exactly `30 14 01 00 00 0f ac 04 01 00 00 0f ac 04 01 00 00 0f ac 02 00 00`.
RsnInfo wpa2_psk_ccmp();

/// Element data (no id/length). Always emits version, group, pairwise, AKM and capabilities;
/// PMKIDs and the group management cipher as documented on RsnInfo.
/// WPS_ASSERT that the lists fit in one element (at most 255 octets of data).
Bytes build_rsn_data(const RsnInfo& rsn);
/// The whole element (id 48 ‖ length ‖ data), as carried in frames and compared in the 4-way.
Bytes build_rsn_element(const RsnInfo& rsn);
Element make_rsn(const RsnInfo& rsn);

/// Parses element data. Absent trailing fields take the IEEE 802.11-2020 §9.4.2.24.1 defaults:
/// group and pairwise CCMP-128, AKM 00-0F-AC:1 (802.1X), capabilities 0, no PMKIDs.
/// `base_offset` is added to error offsets.
/// Errors: Truncated @base if shorter than the 2-octet Version; BadValue @base if Version != 1;
/// Dot11BadIe @ offset of the field if a count overruns the data or a field is cut in the middle
/// (e.g. 1..3 octets of a suite, 1 octet of a count), or octets follow the last field.
Result<RsnInfo> parse_rsn(ByteView data, std::size_t base_offset = 0);
/// Parses a whole element (id ‖ length ‖ data). Errors: Dot11BadIe @0 if the id is not 48, the
/// header is incomplete or the length does not match the buffer; otherwise as parse_rsn with
/// offsets counted from the element's first octet.
Result<RsnInfo> parse_rsn_element(ByteView element);

}  // namespace wps::dot11
