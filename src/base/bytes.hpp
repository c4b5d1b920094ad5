// Byte containers, views and bounds-checked big-endian readers/writers.
//
// Every parser in wpslab reads through ByteReader: reads never go past the end of the view, and
// a failed read reports *where* (the offset) so errors can say "at which offset".
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace wps {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;
using MutByteView = std::span<std::uint8_t>;

/// View of the octets of a string (no terminating NUL).
inline ByteView as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
inline std::string_view as_chars(ByteView b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}
inline Bytes to_bytes(ByteView v) {
  return Bytes(v.begin(), v.end());
}
inline Bytes to_bytes(std::string_view s) {
  return to_bytes(as_bytes(s));
}

/// Lower-case hex of the octets.
std::string to_hex(ByteView b);
/// Upper-case hex of the octets (as hostapd and wpa_supplicant print tokens and keys).
std::string to_hex_upper(ByteView b);
/// Parses hex (whitespace and ':' allowed between octets). nullopt on odd length or bad digits.
std::optional<Bytes> from_hex(std::string_view hex);

/// a ‖ b ‖ ... as one buffer.
Bytes concat(std::initializer_list<ByteView> parts);

inline bool equal(ByteView a, ByteView b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

/// Bounds-checked cursor over a view. Reads that would pass the end return nullopt and leave the
/// cursor unchanged. The reader does not own the bytes: the view must outlive it.
class ByteReader {
 public:
  explicit ByteReader(ByteView data, std::size_t base_offset = 0)
      : data_(data), base_(base_offset) {}

  [[nodiscard]] std::size_t remaining() const { return data_.size() - pos_; }
  [[nodiscard]] bool empty() const { return remaining() == 0; }
  /// Offset of the cursor, counted from the start of the outermost buffer (base_offset + pos).
  [[nodiscard]] std::size_t offset() const { return base_ + pos_; }
  [[nodiscard]] std::size_t pos() const { return pos_; }

  std::optional<std::uint8_t> u8() {
    if (remaining() < 1) return std::nullopt;
    return data_[pos_++];
  }
  std::optional<std::uint16_t> u16be() {  // inline: every TLV header goes through it
    if (remaining() < 2) return std::nullopt;
    auto v = static_cast<std::uint16_t>((data_[pos_] << 8) | data_[pos_ + 1]);
    pos_ += 2;
    return v;
  }
  std::optional<std::uint16_t> u16le();
  std::optional<std::uint32_t> u24be();
  std::optional<std::uint32_t> u32be();
  std::optional<std::uint64_t> u48be();
  std::optional<std::uint64_t> u64be();
  std::optional<std::uint64_t> u64le();
  /// Next n octets as a view into the underlying buffer.
  std::optional<ByteView> take(std::size_t n) {
    if (remaining() < n) return std::nullopt;
    ByteView v = data_.subspan(pos_, n);
    pos_ += n;
    return v;
  }
  /// Everything left.
  ByteView rest();
  bool skip(std::size_t n);

 private:
  ByteView data_;
  std::size_t base_ = 0;
  std::size_t pos_ = 0;
};

/// Appending writer with big- and little-endian integer helpers.
class ByteWriter {
 public:
  ByteWriter() = default;
  explicit ByteWriter(Bytes initial) : buf_(std::move(initial)) {}

  ByteWriter& u8(std::uint8_t v);
  ByteWriter& u16be(std::uint16_t v);
  ByteWriter& u16le(std::uint16_t v);
  ByteWriter& u24be(std::uint32_t v);
  ByteWriter& u32be(std::uint32_t v);
  ByteWriter& u48be(std::uint64_t v);
  ByteWriter& u64be(std::uint64_t v);
  ByteWriter& u64le(std::uint64_t v);
  ByteWriter& bytes(ByteView v);
  ByteWriter& zeros(std::size_t n);
  /// Overwrites two octets (big-endian) at an earlier position, e.g. a length field.
  void patch_u16be(std::size_t at, std::uint16_t v);

  [[nodiscard]] std::size_t size() const { return buf_.size(); }
  [[nodiscard]] const Bytes& view() const { return buf_; }
  Bytes take() { return std::move(buf_); }

 private:
  Bytes buf_;
};

}  // namespace wps
