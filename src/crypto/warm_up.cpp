// crypto::warm_up(): every primitive run once on throw-away input, so that OpenSSL's provider
// fetches, method caches and this module's function-local statics (algorithm handles, HMAC
// templates, the group-5 constants) are set up before the first real message arrives.
#include "crypto/crypto.hpp"

namespace wps::crypto {

void warm_up() {
  static constexpr std::array<std::uint8_t, 32> kKey{1};
  static constexpr std::array<std::uint8_t, 16> kIv{2};
  const ByteView key(kKey);
  const ByteView key16 = key.first(16);
  (void)sha256(key);
  (void)hmac_sha256(key, {key});
  (void)hmac_sha1_128(key, key);
  (void)wsc_kdf(key, "warm-up", 256);
  (void)prf_sha1(key, "warm-up", key, 16);
  (void)pbkdf2_sha1(key, key, 1, 16);
  auto ct = aes128_cbc_encrypt(key16, kIv, key);
  if (ct) (void)aes128_cbc_decrypt(key16, kIv, *ct);
  auto wrapped = aes_key_wrap(key16, key);
  if (wrapped) (void)aes_key_unwrap(key16, *wrapped);
  auto ccm = aes_ccm_encrypt(key16, ByteView(kIv).first(13), {}, key);
  if (ccm) (void)aes_ccm_decrypt(key16, ByteView(kIv).first(13), {}, *ccm);
  (void)dh5_prime();
}

}  // namespace wps::crypto
