// pcap link-layer header types (LINKTYPE_* values of the tcpdump.org registry) that wpslab knows.
// For these eight the LINKTYPE value equals libpcap's DLT value on Linux, so they pass unchanged to
// and from libpcap.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace wps::pcap {

enum class Linktype : std::uint16_t {
  Ethernet = 1,     ///< LINKTYPE_ETHERNET: Ethernet II (the wired interop captures)
  Ieee80211 = 105,  ///< LINKTYPE_IEEE802_11: 802.11 MAC header onward, no radio header
  LinuxSll = 113,   ///< LINKTYPE_LINUX_SLL: Linux "cooked" v1 (tcpdump -i any)
  Prism = 119,      ///< LINKTYPE_PRISM_HEADER: Prism (wlan-ng) monitor header, then 802.11
  Radiotap = 127,   ///< LINKTYPE_IEEE802_11_RADIOTAP: radiotap header, then 802.11
  Avs = 163,        ///< LINKTYPE_IEEE802_11_AVS: AVS WLAN capture header, then 802.11
  Ppi = 192,        ///< LINKTYPE_PPI: Per-Packet Information header, then the DLT it names
  LinuxSll2 = 276,  ///< LINKTYPE_LINUX_SLL2: Linux "cooked" v2
};

/// The Linktype for a raw value, or nullopt when it is not one of the eight above.
[[nodiscard]] constexpr std::optional<Linktype> to_linktype(int value) {
  switch (value) {
    case 1: return Linktype::Ethernet;
    case 105: return Linktype::Ieee80211;
    case 113: return Linktype::LinuxSll;
    case 119: return Linktype::Prism;
    case 127: return Linktype::Radiotap;
    case 163: return Linktype::Avs;
    case 192: return Linktype::Ppi;
    case 276: return Linktype::LinuxSll2;
    default: return std::nullopt;
  }
}

[[nodiscard]] constexpr bool is_known_linktype(int value) {
  return to_linktype(value).has_value();
}

/// Whether pcap::Writer produces this linktype (what the simulator and interop adapters emit).
[[nodiscard]] constexpr bool is_writable_linktype(Linktype t) {
  return t == Linktype::Ethernet || t == Linktype::Ieee80211 || t == Linktype::Radiotap;
}

/// Registry name without the LINKTYPE_ prefix, e.g. "IEEE802_11_RADIOTAP"; "UNKNOWN" otherwise.
[[nodiscard]] constexpr std::string_view linktype_name(int value) {
  switch (value) {
    case 1: return "ETHERNET";
    case 105: return "IEEE802_11";
    case 113: return "LINUX_SLL";
    case 119: return "PRISM_HEADER";
    case 127: return "IEEE802_11_RADIOTAP";
    case 163: return "IEEE802_11_AVS";
    case 192: return "PPI";
    case 276: return "LINUX_SLL2";
    default: return "UNKNOWN";
  }
}

}  // namespace wps::pcap
