// The Pixie Dust lab: how vulnerable enrollee firmware drew its secret nonces E-S1/E-S2
// (WPS-FACTS §7.3). With them known or guessable, E-Hash1/E-Hash2 from M3 give the PIN offline
// in at most 10^4 + 10^3 HMACs (Dominique Bongard, "Offline bruteforce attack on WiFi Protected
// Setup", 2014; the classes below are the ones pixiewps 1.4 attacks, `pixiewps --mode`):
//
//  NonceProfile::Secure  E-S1, E-S2 and the Enrollee Nonce from the engine's CSPRNG (default).
//  NonceProfile::Zero    E-S1 = E-S2 = 0 (pixiewps mode 1, "RT/MT/CL": Ralink, MediaTek,
//                        Celeno firmware); the Enrollee Nonce stays random.
//  NonceProfile::Prng    the Realtek RTL819x class (pixiewps mode 3): every 16-octet value is
//                        four outputs of glibc's random() after srandom(current Unix time in
//                        seconds), each stored big-endian. The Enrollee Nonce gives the seed
//                        away (a search over a few months of seconds), E-S1/E-S2 follow from it;
//                        when all three are drawn within the same second they are equal, as in
//                        the published Realtek run (WPS-FACTS TV9).
//
// GlibcRandom reimplements glibc's random() (TYPE_3: the additive feedback generator
// r[i] = r[i-3] + r[i-31] over 34 seeded words, 310 outputs discarded, each output r >> 1),
// from its published description; the unit test checks it against the C library's own.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "base/rng.hpp"

namespace wps::proto {

enum class NonceProfile : std::uint8_t { Secure, Zero, Prng };
std::string_view to_string(NonceProfile p);
std::optional<NonceProfile> parse_nonce_profile(std::string_view s);

/// glibc's random() after srandom(seed) (TYPE_3, degree 31).
class GlibcRandom {
 public:
  explicit GlibcRandom(std::uint32_t seed);
  /// The next output, 0 .. 2^31 - 1.
  std::uint32_t next();

 private:
  std::array<std::int32_t, 34> r_{};
  std::size_t i_ = 0;  ///< index of the oldest word of the ring (r[i-34])
};

/// Always zeros (the Zero profile's E-S1/E-S2).
class ZeroRng final : public Rng {
 public:
  void fill(std::span<std::uint8_t> out) override;
};

/// The RTL819x firmware's generator: each fill() of up to 16 octets re-seeds glibc random()
/// with the current Unix time (set_time) and writes four outputs big-endian. Longer fills
/// repeat this per 16 octets (never needed for nonces).
class RtlTimeSeededRng final : public Rng {
 public:
  explicit RtlTimeSeededRng(std::uint32_t unix_time = 0) : now_(unix_time) {}
  /// The firmware's wall clock, in seconds since 1970.
  void set_time(std::uint32_t unix_time) { now_ = unix_time; }
  void fill(std::span<std::uint8_t> out) override;

 private:
  std::uint32_t now_;
};

}  // namespace wps::proto
