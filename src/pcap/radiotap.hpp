// Radiotap (radiotap.org, LINKTYPE 127) and PPI (LINKTYPE 192) radio headers in front of 802.11
// frames: a small builder for what the simulator writes, and a robust parser for any capture.
//
// Radiotap layout (all integers little-endian): it_version (0) ‖ it_pad ‖ it_len (u16, the whole
// radiotap header) ‖ it_present (u32) [‖ further present words while bit 31 is set] ‖ fields in
// bit order, each aligned to its natural alignment counted from the start of the header. Bit 29
// switches the next present word back to the radiotap namespace, bit 30 to a vendor namespace
// whose data the parser skips (skip_length), bit 31 announces another present word.
//
// Views returned point into the given packet and live as long as it does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "pcap/linktype.hpp"

namespace wps::pcap {

/// Radiotap Flags field (bit 1) values.
inline constexpr std::uint8_t kRadiotapFlagShortPreamble = 0x02;
inline constexpr std::uint8_t kRadiotapFlagFcs = 0x10;     ///< frame ends with a 4-octet FCS
inline constexpr std::uint8_t kRadiotapFlagBadFcs = 0x40;  ///< that FCS failed its check
/// Radiotap Channel field (bit 3) flags.
inline constexpr std::uint16_t kChannelCck = 0x0020;
inline constexpr std::uint16_t kChannelOfdm = 0x0040;
inline constexpr std::uint16_t kChannel2Ghz = 0x0080;
inline constexpr std::uint16_t kChannel5Ghz = 0x0100;

/// Fixed part of a radiotap header (version, pad, length, first present word).
inline constexpr std::size_t kRadiotapMinLen = 8;
/// FCS length (IEEE 802.11 CRC-32).
inline constexpr std::size_t kFcsLen = 4;

/// The radiotap fields wpslab builds and decodes. Every other defined field is skipped. When a
/// field appears in several radiotap namespaces, the parser keeps the first occurrence.
struct RadiotapFields {
  std::optional<std::uint64_t> tsft;              ///< bit 0: MAC timestamp, µs
  std::optional<std::uint8_t> flags;              ///< bit 1
  std::optional<std::uint8_t> rate_500kbps;       ///< bit 2: e.g. 2 = 1 Mb/s, 12 = 6 Mb/s
  std::optional<std::uint16_t> channel_mhz;       ///< bit 3: frequency ...
  std::uint16_t channel_flags = 0;                ///< ... and flags (with channel_mhz only)
  std::optional<std::int8_t> antenna_signal_dbm;  ///< bit 5
  std::optional<std::int8_t> antenna_noise_dbm;   ///< bit 6
  std::optional<std::uint8_t> antenna;            ///< bit 11
  friend bool operator==(const RadiotapFields&, const RadiotapFields&) = default;
};

struct RadiotapHeader {
  std::size_t length = 0;         ///< it_len: the 802.11 frame starts here
  std::size_t present_words = 0;  ///< number of it_present words (≥ 1)
  RadiotapFields fields;
  /// False when the walk met a field whose size is unknown (an undefined radiotap bit, or both
  /// namespace bits set) and stopped there: fields after it are not decoded, but `length` is
  /// still right. TLVs (bit 28) are not decoded either, but do not make this false.
  bool fields_complete = true;

  [[nodiscard]] bool has_fcs() const { return fields.flags && (*fields.flags & kRadiotapFlagFcs); }
  [[nodiscard]] bool bad_fcs() const {
    return fields.flags && (*fields.flags & kRadiotapFlagBadFcs);
  }
};

/// Builds a radiotap header with the fields present in `f` (in bit order, naturally aligned).
[[nodiscard]] Bytes build_radiotap(const RadiotapFields& f);

/// Parses the radiotap header at the start of `packet`.
///
/// Errors — all PcapBadRadiotap, offset at the offending octet (from the packet start):
/// - @0: fewer than 8 octets, or it_version ≠ 0;
/// - @2: it_len < 8 or it_len > the packet;
/// - @(word offset): a present word lies beyond it_len (bit-31 chain too long);
/// - @(field offset): a field, the vendor namespace field or its skip_length data ends beyond
///   it_len.
[[nodiscard]] Result<RadiotapHeader> parse_radiotap(ByteView packet);

/// The 802.11 frame behind a radio header.
struct Dot11Frame {
  ByteView frame;          ///< MAC header onward, FCS removed when the header said it is there
  std::size_t offset = 0;  ///< where `frame` starts in the packet
  bool fcs_removed = false;
  bool bad_fcs = false;  ///< radiotap flagged the FCS as failed (the frame may be damaged)
  /// For LINKTYPE 127 (and PPI carrying 127); for Prism and AVS headers, their channel, rate and
  /// signal in radiotap terms (`length` = the header's length).
  std::optional<RadiotapHeader> radiotap;
};

/// Strips a radiotap header (and the FCS when its Flags field has 0x10).
/// Errors: those of parse_radiotap(); PcapBadRadiotap @it_len when the FCS flag is set but fewer
/// than 4 octets follow the header.
[[nodiscard]] Result<Dot11Frame> strip_radiotap(ByteView packet);

/// A PPI header: pph_version (0) ‖ pph_flags ‖ pph_len (u16 LE) ‖ pph_dlt (u32 LE) ‖ fields.
struct PpiHeader {
  std::size_t length = 0;  ///< pph_len: the payload starts here
  std::uint32_t dlt = 0;   ///< link type of the payload (usually 105)
  ByteView payload;
};

/// Skips a PPI header.
/// Errors: PcapBadPpi @0 (fewer than 8 octets, version ≠ 0), @2 (pph_len < 8 or > the packet).
[[nodiscard]] Result<PpiHeader> parse_ppi(ByteView packet);

/// Strips a Prism monitor header (LINKTYPE 119): msgcode (u32) ‖ msglen (u32) ‖ device name (16)
/// ‖ items of did (u32) ‖ status (u16) ‖ len (u16) ‖ data (u32), in the capturing host's byte
/// order (told by msgcode). Channel, signal, noise and rate items with status 0 are returned in
/// `radiotap` (radiotap terms: frequency from the channel number). A header that starts with
/// the AVS magic (0x8021100x, as some wlan-ng drivers write under 119) is read as AVS.
/// Errors: PcapBadPrism @0 (fewer than 8 octets), @4 (msglen < 8 or beyond the packet).
[[nodiscard]] Result<Dot11Frame> strip_prism(ByteView packet);

/// Strips an AVS WLAN capture header (LINKTYPE 163), big endian: version (0x8021100x) ‖ length ‖
/// mactime (u64) ‖ hosttime (u64) ‖ phytype ‖ channel ‖ datarate (100 kb/s) ‖ antenna ‖ priority
/// ‖ ssi_type ‖ ssi_signal ‖ ssi_noise ‖ preamble ‖ encoding. Channel, rate and (ssi_type 2 = dBm)
/// signal / noise are returned in `radiotap`.
/// Errors: PcapBadAvs @0 (fewer than 8 octets, or not version 0x8021100x), @4 (length < 8 or
/// beyond the packet).
[[nodiscard]] Result<Dot11Frame> strip_avs(ByteView packet);

/// The 802.11 frame of a packet of linktype 105 (as is), 119 (strip_prism), 127
/// (strip_radiotap), 163 (strip_avs) or 192 (PPI whose DLT is 105 or 127).
/// Errors: PcapBadLinktype @0 for any other linktype, @4 (pph_dlt) for a PPI DLT other than 105
/// or 127; the errors of parse_ppi() and strip_radiotap() (offsets from the packet start).
[[nodiscard]] Result<Dot11Frame> dot11_frame(int linktype, ByteView packet);

}  // namespace wps::pcap
