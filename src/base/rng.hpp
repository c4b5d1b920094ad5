// Randomness is injected (ARCHITECTURE C2). Engines receive an Rng& and never construct one.
// Production: crypto::SystemRng (OpenSSL RAND_bytes), built only by edge code.
// Tests and the simulator: crypto::Drbg (HMAC-DRBG, SP 800-90A), seeded per node.
#pragma once

#include <cstdint>
#include <span>

namespace wps {

class Rng {
 public:
  virtual ~Rng() = default;
  /// Fills `out` with random octets. Cannot fail: a generator that cannot produce randomness
  /// aborts (there is no safe way to continue a key exchange without it).
  virtual void fill(std::span<std::uint8_t> out) = 0;
};

/// PCG32 (O'Neill, pcg-random.org, "pcg32" XSH-RR 64/32): fully specified, for non-cryptographic
/// simulator decisions (loss, jitter). Never used for keys or nonces.
class Pcg32 {
 public:
  explicit Pcg32(std::uint64_t seed, std::uint64_t stream = 0x5851f42d4c957f2dULL) {
    inc_ = (stream << 1u) | 1u;
    next();
    state_ += seed;
    next();
  }
  std::uint32_t next() {
    std::uint64_t old = state_;
    state_ = old * 6364136223846793005ULL + inc_;
    auto xorshifted = static_cast<std::uint32_t>(((old >> 18u) ^ old) >> 27u);
    auto rot = static_cast<std::uint32_t>(old >> 59u);
    return (xorshifted >> rot) | (xorshifted << ((-rot) & 31u));
  }
  /// True with probability ppm / 1e6 (integer compare, no std::distribution).
  bool chance_ppm(std::uint32_t ppm) { return (next() % 1000000u) < ppm; }

 private:
  std::uint64_t state_ = 0;
  std::uint64_t inc_ = 0;
};

}  // namespace wps
