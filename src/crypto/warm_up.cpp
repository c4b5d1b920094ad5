// crypto::warm_up(): the primitives of a registration run once on throw-away input, so that
// OpenSSL's provider fetches, method caches and this module's function-local statics (algorithm
// handles, HMAC templates, the group-5 constants) are set up before the first real message
// arrives. (The DH key itself is made ahead of time by the caller's wps::proto::DhKeyPool.)
#include "crypto/crypto.hpp"

namespace wps::crypto {

void warm_up() {
  static constexpr std::array<std::uint8_t, 32> kKey{1};
  static constexpr std::array<std::uint8_t, 16> kIv{2};
  const ByteView key(kKey);
  const ByteView key16 = key.first(16);
  (void)sha256(key);
  (void)hmac_sha256(key, {key});
  (void)wsc_kdf(key, "warm-up", 256);
  auto ct = aes128_cbc_encrypt(key16, kIv, key);
  if (ct) (void)aes128_cbc_decrypt(key16, kIv, *ct);
  (void)dh5_prime();
}

}  // namespace wps::crypto
