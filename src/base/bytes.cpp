#include "base/bytes.hpp"

#include <algorithm>

namespace wps {

namespace {
std::string hex_with(ByteView b, const char (&digits)[17]) {
  std::string out;
  out.reserve(b.size() * 2);
  for (std::uint8_t c : b) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 0x0f]);
  }
  return out;
}
}  // namespace

std::string to_hex(ByteView b) {
  return hex_with(b, "0123456789abcdef");
}

std::string to_hex_upper(ByteView b) {
  return hex_with(b, "0123456789ABCDEF");
}

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::optional<Bytes> from_hex(std::string_view hex) {
  Bytes out;
  int hi = -1;
  for (char c : hex) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ':') {
      if (hi >= 0) return std::nullopt;  // separator inside an octet
      continue;
    }
    int v = hex_value(c);
    if (v < 0) return std::nullopt;
    if (hi < 0) {
      hi = v;
    } else {
      out.push_back(static_cast<std::uint8_t>((hi << 4) | v));
      hi = -1;
    }
  }
  if (hi >= 0) return std::nullopt;
  return out;
}

Bytes concat(std::initializer_list<ByteView> parts) {
  std::size_t n = 0;
  for (auto p : parts) n += p.size();
  Bytes out;
  out.reserve(n);
  for (auto p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

std::optional<std::uint16_t> ByteReader::u16le() {
  if (remaining() < 2) return std::nullopt;
  auto v = static_cast<std::uint16_t>(data_[pos_] | (data_[pos_ + 1] << 8));
  pos_ += 2;
  return v;
}
std::optional<std::uint32_t> ByteReader::u24be() {
  if (remaining() < 3) return std::nullopt;
  std::uint32_t v = (std::uint32_t{data_[pos_]} << 16) | (std::uint32_t{data_[pos_ + 1]} << 8) |
                    data_[pos_ + 2];
  pos_ += 3;
  return v;
}
std::optional<std::uint32_t> ByteReader::u32be() {
  if (remaining() < 4) return std::nullopt;
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | data_[pos_ + static_cast<std::size_t>(i)];
  pos_ += 4;
  return v;
}
std::optional<std::uint64_t> ByteReader::u48be() {
  if (remaining() < 6) return std::nullopt;
  std::uint64_t v = 0;
  for (int i = 0; i < 6; ++i) v = (v << 8) | data_[pos_ + static_cast<std::size_t>(i)];
  pos_ += 6;
  return v;
}
std::optional<std::uint64_t> ByteReader::u64be() {
  if (remaining() < 8) return std::nullopt;
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | data_[pos_ + static_cast<std::size_t>(i)];
  pos_ += 8;
  return v;
}
std::optional<std::uint64_t> ByteReader::u64le() {
  if (remaining() < 8) return std::nullopt;
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | data_[pos_ + static_cast<std::size_t>(i)];
  pos_ += 8;
  return v;
}
ByteView ByteReader::rest() {
  ByteView v = data_.subspan(pos_);
  pos_ = data_.size();
  return v;
}
bool ByteReader::skip(std::size_t n) {
  if (remaining() < n) return false;
  pos_ += n;
  return true;
}

ByteWriter& ByteWriter::u8(std::uint8_t v) {
  buf_.push_back(v);
  return *this;
}
ByteWriter& ByteWriter::u16be(std::uint16_t v) {
  buf_.push_back(static_cast<std::uint8_t>(v >> 8));
  buf_.push_back(static_cast<std::uint8_t>(v));
  return *this;
}
ByteWriter& ByteWriter::u16le(std::uint16_t v) {
  buf_.push_back(static_cast<std::uint8_t>(v));
  buf_.push_back(static_cast<std::uint8_t>(v >> 8));
  return *this;
}
ByteWriter& ByteWriter::u24be(std::uint32_t v) {
  for (int s = 16; s >= 0; s -= 8) buf_.push_back(static_cast<std::uint8_t>(v >> s));
  return *this;
}
ByteWriter& ByteWriter::u32be(std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) buf_.push_back(static_cast<std::uint8_t>(v >> s));
  return *this;
}
ByteWriter& ByteWriter::u48be(std::uint64_t v) {
  for (int s = 40; s >= 0; s -= 8) buf_.push_back(static_cast<std::uint8_t>(v >> s));
  return *this;
}
ByteWriter& ByteWriter::u64be(std::uint64_t v) {
  for (int s = 56; s >= 0; s -= 8) buf_.push_back(static_cast<std::uint8_t>(v >> s));
  return *this;
}
ByteWriter& ByteWriter::u64le(std::uint64_t v) {
  for (int s = 0; s <= 56; s += 8) buf_.push_back(static_cast<std::uint8_t>(v >> s));
  return *this;
}
ByteWriter& ByteWriter::bytes(ByteView v) {
  buf_.insert(buf_.end(), v.begin(), v.end());
  return *this;
}
ByteWriter& ByteWriter::zeros(std::size_t n) {
  buf_.insert(buf_.end(), n, 0);
  return *this;
}
void ByteWriter::patch_u16be(std::size_t at, std::uint16_t v) {
  buf_.at(at) = static_cast<std::uint8_t>(v >> 8);
  buf_.at(at + 1) = static_cast<std::uint8_t>(v);
}

}  // namespace wps
