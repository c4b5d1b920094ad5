#include "wps/weak_nonces.hpp"

#include <algorithm>

namespace wps::proto {

std::string_view to_string(NonceProfile p) {
  switch (p) {
    case NonceProfile::Secure: return "secure";
    case NonceProfile::Zero: return "zero";
    case NonceProfile::Prng: return "prng";
  }
  return "?";
}

std::optional<NonceProfile> parse_nonce_profile(std::string_view s) {
  if (s == "secure") return NonceProfile::Secure;
  if (s == "zero") return NonceProfile::Zero;
  if (s == "prng") return NonceProfile::Prng;
  return std::nullopt;
}

GlibcRandom::GlibcRandom(std::uint32_t seed) {
  // srandom(): r[0] = seed (0 becomes 1), r[i] = 16807 * r[i-1] mod (2^31 - 1) for i < 31,
  // r[31..33] = r[0..2]; then 310 outputs are discarded.
  std::array<std::int32_t, 344> r{};
  r[0] = static_cast<std::int32_t>(seed == 0 ? 1 : seed);
  for (std::size_t i = 1; i < 31; ++i) {
    // Schrage's method, as glibc computes it in 32-bit signed arithmetic.
    std::int32_t hi = r[i - 1] / 127773;
    std::int32_t lo = r[i - 1] % 127773;
    std::int32_t w = 16807 * lo - 2836 * hi;
    if (w < 0) w += 2147483647;
    r[i] = w;
  }
  for (std::size_t i = 31; i < 34; ++i) r[i] = r[i - 31];
  for (std::size_t i = 34; i < 344; ++i) {
    r[i] = static_cast<std::int32_t>(static_cast<std::uint32_t>(r[i - 31]) +
                                     static_cast<std::uint32_t>(r[i - 3]));
  }
  std::copy(r.end() - 34, r.end(), r_.begin());
  i_ = 0;
}

std::uint32_t GlibcRandom::next() {
  // r_ is a ring of the last 34 words; r_[i_] is r[n-34], so r[n-31] and r[n-3] sit at +3, +31.
  std::int32_t v = static_cast<std::int32_t>(static_cast<std::uint32_t>(r_[(i_ + 3) % 34]) +
                                             static_cast<std::uint32_t>(r_[(i_ + 31) % 34]));
  r_[i_] = v;
  i_ = (i_ + 1) % 34;
  return static_cast<std::uint32_t>(v) >> 1;
}

void ZeroRng::fill(std::span<std::uint8_t> out) {
  std::fill(out.begin(), out.end(), 0);
}

void RtlTimeSeededRng::fill(std::span<std::uint8_t> out) {
  for (std::size_t off = 0; off < out.size(); off += 16) {
    GlibcRandom g(now_);
    for (std::size_t w = 0; w < 4 && off + 4 * w < out.size(); ++w) {
      std::uint32_t v = g.next();
      for (std::size_t b = 0; b < 4 && off + 4 * w + b < out.size(); ++b) {
        out[off + 4 * w + b] = static_cast<std::uint8_t>(v >> (24 - 8 * b));
      }
    }
  }
}

}  // namespace wps::proto
