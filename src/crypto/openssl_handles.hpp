// Owning handles for OpenSSL objects (ARCHITECTURE C10): every OpenSSL object created in
// src/crypto lives in one of these unique_ptrs, so no early return can leak it.
//
// Internal to src/crypto (and the crypto unit tests that cross-check against OpenSSL itself);
// nothing outside src/crypto may include this header, because it includes OpenSSL.
#pragma once

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/dh.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <memory>

#include "base/assert.hpp"

namespace wps::crypto::ossl {

/// Deleter calling the OpenSSL free function F.
template <auto F>
struct Free {
  template <typename T>
  void operator()(T* p) const noexcept {
    F(p);
  }
};

using Md = std::unique_ptr<EVP_MD, Free<&EVP_MD_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Free<&EVP_MD_CTX_free>>;
using Mac = std::unique_ptr<EVP_MAC, Free<&EVP_MAC_free>>;
using MacCtx = std::unique_ptr<EVP_MAC_CTX, Free<&EVP_MAC_CTX_free>>;
using Kdf = std::unique_ptr<EVP_KDF, Free<&EVP_KDF_free>>;
using KdfCtx = std::unique_ptr<EVP_KDF_CTX, Free<&EVP_KDF_CTX_free>>;
using Cipher = std::unique_ptr<EVP_CIPHER, Free<&EVP_CIPHER_free>>;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, Free<&EVP_CIPHER_CTX_free>>;
using Pkey = std::unique_ptr<EVP_PKEY, Free<&EVP_PKEY_free>>;
using PkeyCtx = std::unique_ptr<EVP_PKEY_CTX, Free<&EVP_PKEY_CTX_free>>;
using Rand = std::unique_ptr<EVP_RAND, Free<&EVP_RAND_free>>;
using RandCtx = std::unique_ptr<EVP_RAND_CTX, Free<&EVP_RAND_CTX_free>>;
/// A public big number (freed without wiping).
using Bn = std::unique_ptr<BIGNUM, Free<&BN_free>>;
/// A secret big number (zeroed before it is freed).
using SecretBn = std::unique_ptr<BIGNUM, Free<&BN_clear_free>>;
using BnCtx = std::unique_ptr<BN_CTX, Free<&BN_CTX_free>>;
using MontCtx = std::unique_ptr<BN_MONT_CTX, Free<&BN_MONT_CTX_free>>;

/// True when an OpenSSL call that reports success as 1 succeeded.
inline bool ok(int rc) {
  return rc == 1;
}

}  // namespace wps::crypto::ossl

/// For calls that cannot fail on well-formed arguments (digests, HMAC): a failure means OpenSSL
/// ran out of memory or broke internally, which aborts (crypto.hpp failure policy).
#define WPS_OSSL_MUST(call) WPS_ASSERT((call) == 1)
