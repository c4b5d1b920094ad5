#include "base/strong.hpp"

#include <cstdio>

namespace wps {

std::string MacAddr::str() const {
  char buf[18];
  const auto& a = get();
  std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3], a[4],
                a[5]);
  return buf;
}

std::optional<MacAddr> MacAddr::parse(std::string_view s) {
  if (s.size() != 17) return std::nullopt;
  std::array<std::uint8_t, 6> a{};
  for (std::size_t i = 0; i < 6; ++i) {
    if (i > 0 && s[i * 3 - 1] != ':' && s[i * 3 - 1] != '-') return std::nullopt;
    auto b = from_hex(s.substr(i * 3, 2));
    if (!b || b->size() != 1) return std::nullopt;
    a[i] = (*b)[0];
  }
  return MacAddr(a);
}

}  // namespace wps
