// Wiping and constant-time comparison for secrets (ARCHITECTURE C9), delegated to OpenSSL so the
// compiler cannot optimise the wipe away or turn the comparison into an early-exit memcmp.
#include "crypto/secret.hpp"

#include <openssl/crypto.h>

namespace wps::crypto {

void secure_zero(void* p, std::size_t n) noexcept {
  if (p == nullptr || n == 0) return;
  OPENSSL_cleanse(p, n);
}

bool ct_equal(ByteView a, ByteView b) noexcept {
  // Sizes are public (header contract): only the contents are compared in constant time.
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace wps::crypto
