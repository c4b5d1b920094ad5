// Random generators: SystemRng (OpenSSL's CSPRNG) and Drbg (deterministic HMAC-DRBG).
#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <climits>

#include "crypto/crypto.hpp"
#include "crypto/internal.hpp"
#include "crypto/openssl_handles.hpp"

namespace wps::crypto {

namespace {
// Counts fork()s in this process: every SystemRng block remembers the count it was drawn at, and
// one drawn before a fork is dropped instead of served (parent and child would otherwise hand
// out the same octets). Bumped in both processes, so neither keeps using the shared block.
std::atomic<unsigned> g_fork_epoch{0};

void bump_fork_epoch() {
  g_fork_epoch.fetch_add(1, std::memory_order_relaxed);
}

unsigned fork_epoch() {
  static const bool registered = [] {
    WPS_ASSERT(pthread_atfork(nullptr, bump_fork_epoch, bump_fork_epoch) == 0);
    return true;
  }();
  (void)registered;
  return g_fork_epoch.load(std::memory_order_relaxed);
}
}  // namespace

SystemRng::SystemRng() : fork_epoch_(fork_epoch()) {}

SystemRng::~SystemRng() {
  secure_zero(block_.data(), block_.size());
}

void SystemRng::fill(std::span<std::uint8_t> out) {
  // RAND_priv_bytes: OpenSSL's generator for values that stay secret (private exponents, secret
  // nonces). Failure leaves no safe way to continue (rng.hpp), so it aborts.
  if (out.size() <= kMaxBuffered) {
    const unsigned epoch = fork_epoch();
    if (kBlock - pos_ < out.size() || epoch != fork_epoch_) {
      WPS_OSSL_MUST(RAND_priv_bytes(block_.data(), static_cast<int>(kBlock)));
      pos_ = 0;
      fork_epoch_ = epoch;
    }
    std::copy_n(block_.begin() + static_cast<std::ptrdiff_t>(pos_), out.size(), out.begin());
    secure_zero(block_.data() + pos_, out.size());  // never hand out the same octets twice
    pos_ += out.size();
    return;
  }
  while (!out.empty()) {
    const std::size_t n = std::min<std::size_t>(out.size(), INT_MAX);
    WPS_OSSL_MUST(RAND_priv_bytes(out.data(), static_cast<int>(n)));
    out = out.subspan(n);
  }
}

// ---- HMAC-DRBG, NIST SP 800-90A Rev. 1 §10.1.2, HMAC-SHA-256 ----
// No prediction resistance, no reseed, no additional input. Instantiate takes entropy_input =
// seed, nonce = empty and the personalization string; since the seed material is the plain
// concatenation entropy ‖ nonce ‖ personalization (§10.1.2.3), a seed of E ‖ N behaves exactly
// like a DRBG instantiated with entropy E and nonce N (the NIST vectors are used that way).

namespace {
constexpr std::size_t kOutLen = 32;  // SHA-256 output
// SP 800-90A Table 2: max_number_of_bits_per_request = 2^19 bits. Larger fill() calls are served
// as several generate requests of at most this size (as OpenSSL's EVP_RAND_generate does).
constexpr std::size_t kMaxRequest = (1u << 19) / 8;
}  // namespace

Drbg::Drbg(ByteView seed, std::string_view personalization) {
  // §10.1.2.3 steps 2-4: Key = 0x00 00...00, V = 0x01 01...01, then Update(seed_material).
  std::fill_n(k_.data(), kOutLen, 0x00);
  std::fill_n(v_.data(), kOutLen, 0x01);
  SecretBytes seed_material;
  seed_material.reserve(seed.size() + personalization.size());
  seed_material.insert(seed_material.end(), seed.begin(), seed.end());
  const ByteView pers = as_bytes(personalization);
  seed_material.insert(seed_material.end(), pers.begin(), pers.end());
  update(view(seed_material));
}

namespace {
std::array<std::uint8_t, 8> be64(std::uint64_t v) {
  std::array<std::uint8_t, 8> b{};
  for (std::size_t i = 0; i < 8; ++i) b[i] = static_cast<std::uint8_t>(v >> (56 - 8 * i));
  return b;
}
}  // namespace

Drbg::Drbg(std::uint64_t seed, std::string_view personalization)
    : Drbg(ByteView(be64(seed)), personalization) {}

Drbg::~Drbg() = default;

namespace {
// HMAC-SHA-256(key, parts) into dst (a Secret of 32 octets), through a wiped temporary so that
// dst may also be the key or one of the parts.
template <typename Dst>
void hmac_to(Dst& dst, ByteView key, std::initializer_list<ByteView> parts) {
  Secret<kOutLen, struct DrbgTmpTag> tmp;
  hmac_into(HmacDigest::Sha256Digest, key, parts, MutByteView(tmp.data(), kOutLen));
  std::copy_n(tmp.data(), kOutLen, dst.data());
}
}  // namespace

void Drbg::update(ByteView provided) {
  // §10.1.2.2 HMAC_DRBG_Update.
  const std::uint8_t zero = 0x00;
  const std::uint8_t one = 0x01;
  hmac_to(k_, k_.view(), {v_.view(), ByteView(&zero, 1), provided});
  hmac_to(v_, k_.view(), {v_.view()});
  if (provided.empty()) return;
  hmac_to(k_, k_.view(), {v_.view(), ByteView(&one, 1), provided});
  hmac_to(v_, k_.view(), {v_.view()});
}

void Drbg::fill(std::span<std::uint8_t> out) {
  // §10.1.2.5 HMAC_DRBG_Generate, one request per kMaxRequest octets.
  while (!out.empty()) {
    const std::size_t request = std::min(out.size(), kMaxRequest);
    std::span<std::uint8_t> chunk = out.first(request);
    while (!chunk.empty()) {
      hmac_to(v_, k_.view(), {v_.view()});  // step 4: V = HMAC(Key, V)
      const std::size_t n = std::min(chunk.size(), kOutLen);
      std::copy_n(v_.data(), n, chunk.begin());
      chunk = chunk.subspan(n);
    }
    update({});  // step 6, with no additional input
    out = out.subspan(request);
  }
}

}  // namespace wps::crypto
