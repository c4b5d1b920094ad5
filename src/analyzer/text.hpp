// Small text helpers for the analyzer's labels, findings and renderers. The core has no printf or
// iostreams (ARCHITECTURE §2.5), and libfmt is an edge dependency, so the few number formats the
// analyzer needs are written here once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/bytes.hpp"

namespace wps::analyzer {

/// Decimal.
std::string dec(std::uint64_t v);
std::string dec(std::int64_t v);
inline std::string dec(std::uint32_t v) {
  return dec(static_cast<std::uint64_t>(v));
}
inline std::string dec(int v) {
  return dec(static_cast<std::int64_t>(v));
}

/// "0x" followed by exactly `digits` lower-case hex digits, e.g. hex0x(0x12, 4) == "0x0012".
std::string hex0x(std::uint64_t v, int digits);

/// Hex of the first `max` octets, with ".." when the view is longer.
std::string short_hex(ByteView v, std::size_t max = 8);

/// Seconds with six decimals from nanoseconds, e.g. 1001386000 -> "1.001386" (truncated to µs;
/// negative values get a leading '-').
std::string seconds6(std::int64_t ns);

/// A UUID in its usual text form, 8-4-4-4-12 lower-case hex digits.
std::string uuid_text(ByteView uuid16);

/// Printable form of octets that should be text: printable ASCII is kept, anything else becomes
/// "\xNN". At most `max` octets are shown ("..." marks a cut).
std::string printable(ByteView v, std::size_t max = 64);

/// Escapes &, <, >, " and ' for HTML / SVG / XML text and attributes.
std::string xml_escape(std::string_view s);
/// Appends `s` escaped as xml_escape() does, without a temporary (the renderers build long
/// documents piece by piece).
void append_xml_escaped(std::string& out, std::string_view s);
/// Appends the decimal form of `v`, without a temporary.
void append_dec(std::string& out, std::int64_t v);

/// Appends `s` padded with `fill` to `width` columns (UTF-8 aware: counts code points).
void pad_right(std::string& out, std::string_view s, std::size_t width, char fill = ' ');
/// A table cell of `width` columns that never runs into the next one: `s` padded with spaces,
/// or cut to width - 2 columns plus "…" and a space when it does not fit with a space after it.
void cell(std::string& out, std::string_view s, std::size_t width);
/// Number of code points of a UTF-8 string.
std::size_t text_width(std::string_view s);

}  // namespace wps::analyzer
