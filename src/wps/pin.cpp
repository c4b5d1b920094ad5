#include "wps/pin.hpp"

#include <array>
#include <cstdio>

namespace wps::proto {

PinCheck check_pin(std::string_view pin) {
  if (pin.empty()) return {PinProblem::Empty, "PIN is empty"};
  for (char c : pin) {
    if (c < '0' || c > '9') {
      return {PinProblem::NotDigits, "PIN must contain only digits 0-9"};
    }
  }
  if (pin.size() == 4) return {};
  if (pin.size() != 8) {
    return {PinProblem::BadLength,
            "PIN must have 4 or 8 digits (got " + std::to_string(pin.size()) + ")"};
  }
  std::uint32_t first7 = 0;
  for (std::size_t i = 0; i < 7; ++i)
    first7 = first7 * 10 + static_cast<std::uint32_t>(pin[i] - '0');
  int want = pin_checksum(first7);
  int got = pin[7] - '0';
  if (want != got) {
    return {PinProblem::BadChecksum,
            "checksum digit is " + std::to_string(got) + ", expected " + std::to_string(want)};
  }
  return {};
}

std::string generate_pin(Rng& rng) {
  // Rejection sampling over 32-bit draws: accept below the largest multiple of 10^7.
  constexpr std::uint32_t kRange = 10'000'000;
  constexpr std::uint32_t kLimit = (0xffffffffu / kRange) * kRange;
  std::uint32_t v = 0;
  for (;;) {
    std::array<std::uint8_t, 4> b{};
    rng.fill(b);
    v = (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
        b[3];
    if (v < kLimit) break;
  }
  std::uint32_t first7 = v % kRange;
  std::array<char, 9> buf{};
  std::snprintf(buf.data(), buf.size(), "%07u%d", first7, pin_checksum(first7));
  return std::string(buf.data(), 8);
}

}  // namespace wps::proto
