#include "analyzer/text.hpp"

#include <array>
#include <charconv>

namespace wps::analyzer {

std::string dec(std::uint64_t v) {
  return std::to_string(v);
}
std::string dec(std::int64_t v) {
  return std::to_string(v);
}

std::string hex0x(std::uint64_t v, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s = "0x";
  for (int i = digits - 1; i >= 0; --i) s.push_back(kDigits[(v >> (4 * i)) & 0xf]);
  return s;
}

std::string short_hex(ByteView v, std::size_t max) {
  if (v.size() <= max) return to_hex(v);
  return to_hex(v.first(max)) + "..";
}

std::string uuid_text(ByteView u) {
  std::string h = to_hex(u);
  if (h.size() != 32) return h;
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20);
}

std::string seconds6(std::int64_t ns) {
  bool neg = ns < 0;
  std::uint64_t u = neg ? static_cast<std::uint64_t>(-(ns + 1)) + 1
                        : static_cast<std::uint64_t>(ns);
  std::uint64_t us = u / 1000;
  std::string frac = std::to_string(us % 1000000);
  std::string s = neg ? "-" : "";
  s += std::to_string(us / 1000000);
  s += '.';
  s.append(6 - frac.size(), '0');
  s += frac;
  return s;
}

std::string printable(ByteView v, std::size_t max) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  std::size_t n = v.size() < max ? v.size() : max;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint8_t c = v[i];
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      s.push_back(static_cast<char>(c));
    } else {
      s += "\\x";
      s.push_back(kDigits[c >> 4]);
      s.push_back(kDigits[c & 0xf]);
    }
  }
  if (n < v.size()) s += "...";
  return s;
}

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_xml_escaped(out, s);
  return out;
}

void append_xml_escaped(std::string& out, std::string_view s) {
  // Copies the runs between special characters whole.
  static constexpr auto kSpecial = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : std::string_view("&<>\"'")) t[c] = true;
    return t;
  }();
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (!kSpecial[c]) continue;
    out.append(s.data() + start, i - start);
    start = i + 1;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += "&#39;"; break;
    }
  }
  out.append(s.data() + start, s.size() - start);
}

void append_dec(std::string& out, std::int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

std::size_t text_width(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++n;
  }
  return n;
}

void pad_right(std::string& out, std::string_view s, std::size_t width, char fill) {
  out += s;
  std::size_t w = text_width(s);
  if (w < width) out.append(width - w, fill);
}

void cell(std::string& out, std::string_view s, std::size_t width) {
  if (width < 3 || text_width(s) < width) return pad_right(out, s, width);
  // Keep width - 2 code points (whole UTF-8 sequences), then the ellipsis and one space.
  std::size_t keep = width - 2, n = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xc0) != 0x80) {
      if (n == keep) break;
      ++n;
    }
  }
  out += s.substr(0, i);
  out += "\u2026 ";
}

}  // namespace wps::analyzer
