// Key derivation: the WSC KDF (SP 800-108 counter mode over OpenSSL's HMAC-SHA-256), the IEEE
// 802.11 PRF (a construction over OpenSSL's HMAC-SHA-1) and PBKDF2-HMAC-SHA1 (OpenSSL PBKDF2).
#include <algorithm>
#include <limits>

#include "crypto/crypto.hpp"
#include "crypto/internal.hpp"
#include "crypto/openssl_handles.hpp"

namespace wps::crypto {

namespace {

EVP_KDF* fetch_kdf(const char* name) {
  EVP_KDF* kdf = EVP_KDF_fetch(nullptr, name, nullptr);
  WPS_ASSERT(kdf != nullptr);
  return kdf;
}

// Fetched once (see hash.cpp for why); EVP_KDF objects are immutable and shareable.
EVP_KDF* pbkdf2() {
  static const ossl::Kdf kdf(fetch_kdf(OSSL_KDF_NAME_PBKDF2));
  return kdf.get();
}

std::array<std::uint8_t, 4> be32(std::uint32_t v) {
  return {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
          static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}

// OSSL_PARAM octet strings need a non-null pointer even for zero length.
void* param_ptr(ByteView v) {
  static constexpr std::uint8_t kEmpty = 0;
  return const_cast<std::uint8_t*>(v.empty() ? &kEmpty : v.data());  // OpenSSL only reads it
}

}  // namespace

namespace {

// WPS-FACTS §7.2 / WSC 2.0 §7.4 KDF: T_i = HMAC-SHA-256(key, BE32(i) ‖ label ‖ BE32(bits)).
// That is NIST SP 800-108 counter mode with a 32-bit counter before the fixed data, and the
// fixed data is exactly label ‖ BE32(bits): no 0x00 separator. `keyed` has just been keyed with
// the KDF key (hmac_keyed / hmac_rekey). Each T_i under that one context. (OpenSSL's KBKDF
// computes the same — kdf_test.cpp checks it — but an EVP_KDF call costs several times more: it
// fetches the MAC and the digest by name and keys HMAC anew each time, and OpenSSL 3.0 cannot
// duplicate a configured one.)
SecretBytes kdf_blocks(EVP_MAC_CTX* keyed, std::string_view label, std::size_t bits) {
  WPS_ASSERT(bits > 0 && bits % 8 == 0 && bits <= std::numeric_limits<std::uint32_t>::max());
  const auto length_be = be32(static_cast<std::uint32_t>(bits));
  constexpr std::size_t kBlock = 32;
  SecretBytes out(bits / 8);
  std::array<std::uint8_t, kBlock> block{};
  std::uint32_t i = 1;
  for (std::size_t done = 0; done < out.size(); ++i) {
    const auto counter = be32(i);
    const std::initializer_list<ByteView> parts = {counter, as_bytes(label), length_be};
    if (i == 1)
      hmac_first_into(keyed, parts, block);
    else
      hmac_again_into(keyed, parts, block);
    const std::size_t n = std::min(kBlock, out.size() - done);
    std::copy_n(block.begin(), n, out.begin() + static_cast<std::ptrdiff_t>(done));
    done += n;
  }
  secure_zero(block.data(), block.size());
  return out;
}

}  // namespace

SecretBytes wsc_kdf(ByteView key, std::string_view label, std::size_t bits) {
  WPS_ASSERT(!key.empty());
  ossl::MacCtx ctx = hmac_keyed(HmacDigest::Sha256Digest, key);
  return kdf_blocks(ctx.get(), label, bits);
}

WscSessionKeys wsc_session_keys(const DhShared& z, std::initializer_list<ByteView> kdk_input,
                                std::string_view label) {
  // One HMAC context along the whole chain DHKey -> KDK -> KDF -> AuthKey: each step re-keys
  // it (OpenSSL wipes the previous key material) instead of creating, keying and freeing a
  // context per key; at the end it becomes the AuthKey's own keyed context.
  constexpr std::size_t kBits = 640;  // AuthKey 256 + KeyWrapKey 128 + EMSK 256
  WscSessionKeys k;
  Sha256 t = sha256(z.view());  // Z is already left-padded to 192 octets (§7.1)
  k.dh_key = DhKey::take_prefix(ByteView(t.data(), t.size()));
  ossl::MacCtx ctx = hmac_keyed(HmacDigest::Sha256Digest, k.dh_key.view());
  hmac_first_into(ctx.get(), kdk_input, t);
  k.kdk = Kdk::take_prefix(ByteView(t.data(), t.size()));
  secure_zero(t.data(), t.size());
  hmac_rekey(ctx.get(), k.kdk.view());
  const SecretBytes km = kdf_blocks(ctx.get(), label, kBits);
  const ByteView v = view(km);
  k.auth_key = AuthKey::take_prefix(v.subspan(0, 32));
  k.key_wrap_key = KeyWrapKey::take_prefix(v.subspan(32, 16));
  k.emsk = Emsk::take_prefix(v.subspan(48, 32));
  k.auth_key.keyed_state([&ctx](ByteView auth_key) {
    hmac_rekey(ctx.get(), auth_key);
    return new KeyedHmac{std::move(ctx)};
  });
  return k;
}

SecretBytes prf_sha1(ByteView key, std::string_view label, ByteView data, std::size_t len) {
  // IEEE 802.11-2020 §12.7.1.2 PRF: HMAC-SHA-1(K, A ‖ 0x00 ‖ B ‖ i) for i = 0, 1, ... with i a
  // single octet, concatenated and truncated. (WPS-FACTS §10.1.)
  constexpr std::size_t kBlock = 20;
  WPS_ASSERT(len <= kBlock * 256);
  SecretBytes out(len);
  std::array<std::uint8_t, kBlock> block{};
  const std::uint8_t zero = 0;
  for (std::size_t done = 0, i = 0; done < len; ++i) {
    const auto counter = static_cast<std::uint8_t>(i);
    hmac_into(HmacDigest::Sha1Digest, key,
              {as_bytes(label), ByteView(&zero, 1), data, ByteView(&counter, 1)}, block);
    const std::size_t n = std::min(kBlock, len - done);
    std::copy_n(block.begin(), n, out.begin() + static_cast<std::ptrdiff_t>(done));
    done += n;
  }
  secure_zero(block.data(), block.size());
  return out;
}

Result<SecretBytes> pbkdf2_sha1(ByteView password, ByteView salt, unsigned iterations,
                                std::size_t len) {
  if (iterations == 0 || len == 0) return unexpected(Errc::BadValue);
  // RFC 8018 §5.2. pkcs5 = 1 turns off OpenSSL's SP 800-132 minimums (salt >= 16 octets,
  // >= 1000 iterations), which WPA (SSID as salt) and the RFC 6070 vectors do not meet.
  int pkcs5 = 1;
  unsigned int iter = iterations;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD, param_ptr(password),
                                        password.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, param_ptr(salt), salt.size()),
      OSSL_PARAM_construct_uint(OSSL_KDF_PARAM_ITER, &iter),
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>("SHA1"), 0),
      OSSL_PARAM_construct_int(OSSL_KDF_PARAM_PKCS5, &pkcs5),
      OSSL_PARAM_construct_end()};
  ossl::KdfCtx ctx(EVP_KDF_CTX_new(pbkdf2()));
  if (ctx == nullptr) return unexpected(Errc::CryptoBackend);
  SecretBytes out(len);
  if (!ossl::ok(EVP_KDF_derive(ctx.get(), out.data(), out.size(), params))) {
    ERR_clear_error();
    return unexpected(Errc::CryptoBackend);
  }
  return out;
}

}  // namespace wps::crypto
