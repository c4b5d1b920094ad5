// Helpers shared by the .cpp files of src/crypto. Not part of the module's public API.
#pragma once

#include <initializer_list>

#include "base/bytes.hpp"
#include "crypto/openssl_handles.hpp"
#include "crypto/secret.hpp"

namespace wps::crypto {

enum class HmacDigest { Sha256Digest, Sha1Digest, Md5Digest };

/// HMAC(key, parts...) written straight into out, whose size must be the digest size (32 or 20),
/// so callers that derive secrets can keep every intermediate in wiped storage.
void hmac_into(HmacDigest which, ByteView key, std::initializer_list<ByteView> parts,
               MutByteView out);

/// A new HMAC context keyed with `key` (OpenSSL cleanses the key material when it is freed).
ossl::MacCtx hmac_keyed(HmacDigest which, ByteView key);
/// HMAC(parts) into out under the key `keyed` already holds: the context is re-initialised with
/// that key first (cheap: no key schedule), so it can be used any number of times.
void hmac_again_into(EVP_MAC_CTX* keyed, std::initializer_list<ByteView> parts, MutByteView out);
/// HMAC(parts) into out on a context that was just keyed (hmac_keyed / hmac_rekey): no
/// re-initialisation. After it the context needs hmac_again_into or hmac_rekey before reuse.
void hmac_first_into(EVP_MAC_CTX* keyed, std::initializer_list<ByteView> parts, MutByteView out);
/// Re-keys an existing HMAC context with a new key (OpenSSL wipes the old key material): one
/// key set-up, no new context. For chains of keys (the WSC key schedule).
void hmac_rekey(EVP_MAC_CTX* ctx, ByteView key);

/// An AuthKey's keyed state (secret.hpp): one HMAC-SHA-256 context keyed with it (its deleter is
/// defined in hash.cpp, declared in secret.hpp).
struct KeyedHmac {
  ossl::MacCtx ctx;
};

}  // namespace wps::crypto
