// SHA-256 and HMAC (SHA-256 / SHA-1 / MD5) through OpenSSL EVP_MD and EVP_MAC("HMAC").
//
// Fetching an algorithm by name is the expensive part of an EVP call, and HMAC runs many times
// per WSC run (KDK, KDF, PSK1/2, four hashes, seven Authenticators, KWAs, the DRBG). So the
// digests and one HMAC context per digest (parameters set, no key) are fetched once into
// function-local statics; a new keyed context duplicates the template and keys the copy, and
// contexts that are used many times are kept keyed (AuthKey's, the KDF's) or re-keyed along a
// chain of keys (wsc_session_keys in kdf.cpp). The templates are never modified after
// construction, so sharing them between threads is safe.
#include "crypto/crypto.hpp"
#include "crypto/internal.hpp"
#include "crypto/openssl_handles.hpp"

namespace wps::crypto {

namespace {

ossl::Md fetch_md(const char* name) {
  ossl::Md md(EVP_MD_fetch(nullptr, name, nullptr));
  WPS_ASSERT(md != nullptr);
  return md;
}

const EVP_MD* sha256_md() {
  static const ossl::Md md = fetch_md("SHA2-256");
  return md.get();
}

ossl::MacCtx make_hmac_template(const char* digest) {
  ossl::Mac mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
  WPS_ASSERT(mac != nullptr);
  ossl::MacCtx ctx(EVP_MAC_CTX_new(mac.get()));  // the context keeps its own reference to mac
  WPS_ASSERT(ctx != nullptr);
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                                          const_cast<char*>(digest), 0),
                         OSSL_PARAM_construct_end()};
  WPS_OSSL_MUST(EVP_MAC_CTX_set_params(ctx.get(), params));
  return ctx;
}

const EVP_MAC_CTX* hmac_template(HmacDigest which) {
  static const ossl::MacCtx sha256 = make_hmac_template("SHA2-256");
  static const ossl::MacCtx sha1 = make_hmac_template("SHA1");
  if (which == HmacDigest::Md5Digest) {
    // Only WPA1's EAPOL-Key MIC (descriptor version 1) uses it; fetched on first use.
    static const ossl::MacCtx md5 = make_hmac_template("MD5");
    return md5.get();
  }
  return which == HmacDigest::Sha256Digest ? sha256.get() : sha1.get();
}

// OpenSSL treats a null key pointer as "keep the previous key", so an empty key must still be
// passed as a valid (zero-length) pointer.
const std::uint8_t* non_null(ByteView v) {
  static constexpr std::uint8_t kEmpty = 0;
  return v.empty() ? &kEmpty : v.data();
}

}  // namespace

ossl::MacCtx hmac_keyed(HmacDigest which, ByteView key) {
  ossl::MacCtx ctx(EVP_MAC_CTX_dup(hmac_template(which)));
  WPS_ASSERT(ctx != nullptr);
  hmac_rekey(ctx.get(), key);
  return ctx;
}

void hmac_first_into(EVP_MAC_CTX* keyed, std::initializer_list<ByteView> parts, MutByteView out) {
  for (ByteView p : parts) {
    if (!p.empty()) WPS_OSSL_MUST(EVP_MAC_update(keyed, p.data(), p.size()));
  }
  std::size_t len = 0;
  WPS_OSSL_MUST(EVP_MAC_final(keyed, out.data(), &len, out.size()));
  WPS_ASSERT(len == out.size());
}

void hmac_again_into(EVP_MAC_CTX* keyed, std::initializer_list<ByteView> parts, MutByteView out) {
  // A null key re-initialises the context with the key it already holds.
  WPS_OSSL_MUST(EVP_MAC_init(keyed, nullptr, 0, nullptr));
  hmac_first_into(keyed, parts, out);
}

void hmac_rekey(EVP_MAC_CTX* ctx, ByteView key) {
  WPS_OSSL_MUST(EVP_MAC_init(ctx, non_null(key), key.size(), nullptr));
}

void hmac_into(HmacDigest which, ByteView key, std::initializer_list<ByteView> parts,
               MutByteView out) {
  ossl::MacCtx ctx = hmac_keyed(which, key);
  hmac_first_into(ctx.get(), parts, out);
}

template <>
void KeyedStateDeleter<KeyedHmac>::operator()(KeyedHmac* p) const noexcept {
  delete p;
}

Sha256 hmac_sha256(const AuthKey& key, std::initializer_list<ByteView> parts) {
  KeyedHmac& k = key.keyed_state(
      [](ByteView v) { return new KeyedHmac{hmac_keyed(HmacDigest::Sha256Digest, v)}; });
  Sha256 out{};
  hmac_again_into(k.ctx.get(), parts, out);
  return out;
}

Sha256 sha256(std::initializer_list<ByteView> parts) {
  ossl::MdCtx ctx(EVP_MD_CTX_new());
  WPS_ASSERT(ctx != nullptr);
  WPS_OSSL_MUST(EVP_DigestInit_ex2(ctx.get(), sha256_md(), nullptr));
  for (ByteView p : parts) {
    if (!p.empty()) WPS_OSSL_MUST(EVP_DigestUpdate(ctx.get(), p.data(), p.size()));
  }
  Sha256 out{};
  unsigned int len = 0;
  WPS_OSSL_MUST(EVP_DigestFinal_ex(ctx.get(), out.data(), &len));
  WPS_ASSERT(len == out.size());
  return out;
}

Sha256 hmac_sha256(ByteView key, std::initializer_list<ByteView> parts) {
  Sha256 out{};
  hmac_into(HmacDigest::Sha256Digest, key, parts, out);
  return out;
}

Sha1 hmac_sha1(ByteView key, std::initializer_list<ByteView> parts) {
  Sha1 out{};
  hmac_into(HmacDigest::Sha1Digest, key, parts, out);
  return out;
}

std::array<std::uint8_t, 16> hmac_sha1_128(ByteView key, ByteView data) {
  // IEEE 802.11 §12.7.2: the MIC of key descriptor version 2 is HMAC-SHA1 truncated to 128 bits.
  Sha1 full = hmac_sha1(key, {data});
  std::array<std::uint8_t, 16> out{};
  std::copy_n(full.begin(), out.size(), out.begin());
  secure_zero(full.data(), full.size());
  return out;
}

std::array<std::uint8_t, 16> hmac_md5(ByteView key, ByteView data) {
  // IEEE 802.11 §12.7.2: the MIC of key descriptor version 1 (WPA1 / TKIP) is HMAC-MD5.
  std::array<std::uint8_t, 16> out{};
  hmac_into(HmacDigest::Md5Digest, key, {data}, out);
  return out;
}

}  // namespace wps::crypto
