// Block-cipher modes through OpenSSL EVP_CIPHER: AES-128-CBC without padding (WSC Encrypted
// Settings), AES key wrap (RFC 3394, EAPOL-Key Key Data) and AES-128-CCM (CCMP).
#include <climits>

#include "crypto/crypto.hpp"
#include "crypto/openssl_handles.hpp"

namespace wps::crypto {

namespace {

constexpr std::size_t kAesBlock = 16;

EVP_CIPHER* fetch_cipher(const char* name) {
  EVP_CIPHER* c = EVP_CIPHER_fetch(nullptr, name, nullptr);
  WPS_ASSERT(c != nullptr);
  return c;
}

// Fetched once per process (an explicit fetch avoids a name lookup on every init); EVP_CIPHER
// objects are immutable and shareable between threads.
const EVP_CIPHER* aes128_cbc() {
  static const ossl::Cipher c(fetch_cipher("AES-128-CBC"));
  return c.get();
}
const EVP_CIPHER* aes128_ccm() {
  static const ossl::Cipher c(fetch_cipher("AES-128-CCM"));
  return c.get();
}
const EVP_CIPHER* aes_wrap(std::size_t kek_len) {
  static const ossl::Cipher w128(fetch_cipher("AES-128-WRAP"));
  static const ossl::Cipher w192(fetch_cipher("AES-192-WRAP"));
  static const ossl::Cipher w256(fetch_cipher("AES-256-WRAP"));
  switch (kek_len) {
    case 16: return w128.get();
    case 24: return w192.get();
    case 32: return w256.get();
    default: return nullptr;
  }
}

// Any OpenSSL failure that is not the input's fault: drop the queued error records (they would
// otherwise pile up in the thread's error queue) and report CryptoBackend.
Unexpected backend_failure() {
  ERR_clear_error();
  return unexpected(Errc::CryptoBackend);
}

// A failure that *is* the input's fault (bad tag, failed integrity check).
Unexpected input_failure(Errc e) {
  ERR_clear_error();
  return unexpected(e);
}

bool fits_int(std::size_t n) {
  return n <= static_cast<std::size_t>(INT_MAX) - 32;
}

// EVP update calls take a non-null input pointer even for zero length.
// The output buffers below are allocated with a block of slack and then cut to the exact
// length. Cutting is an erase, not a resize: resize() also has a growing path, and at -O3 GCC
// cannot prove that `len + slack` did not wrap, so it warns about that (dead) path's memset.
template <typename Vec>
void truncate_to(Vec& v, std::size_t n) {
  WPS_ASSERT(n <= v.size());
  v.erase(v.begin() + static_cast<std::ptrdiff_t>(n), v.end());
}

const std::uint8_t* non_null(ByteView v) {
  static constexpr std::uint8_t kEmpty = 0;
  return v.empty() ? &kEmpty : v.data();
}

// An AES-128-CBC context for one direction, keyed, padding disabled; the IV is set per pass.
// Null on an OpenSSL failure (the caller reports it with backend_failure()).
ossl::CipherCtx cbc_context(bool encrypt, ByteView key) {
  ossl::CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (ctx == nullptr ||
      !ossl::ok(EVP_CipherInit_ex2(ctx.get(), aes128_cbc(), key.data(), nullptr, encrypt ? 1 : 0,
                                   nullptr)) ||
      !ossl::ok(EVP_CIPHER_CTX_set_padding(ctx.get(), 0))) {
    return nullptr;
  }
  return ctx;
}

Result<void> check_cbc_sizes(ByteView iv, ByteView in) {
  if (iv.size() != kAesBlock) return unexpected(Errc::InvalidKeyLength);
  if (in.empty() || in.size() % kAesBlock != 0 || !fits_int(in.size())) {
    return unexpected(Errc::BadCiphertextLength);
  }
  return ok();
}

// One pass over a keyed context (cbc_context): new IV (re-initialising with no cipher and no
// key keeps both and the padding setting), then the data; `out` must hold in.size() octets.
Result<void> cbc_pass(EVP_CIPHER_CTX* ctx, bool encrypt, ByteView iv, ByteView in,
                      std::uint8_t* out) {
  int n = 0;
  int tail = 0;
  if (!ossl::ok(EVP_CipherInit_ex2(ctx, nullptr, nullptr, iv.data(), encrypt ? 1 : 0, nullptr)) ||
      !ossl::ok(EVP_CipherUpdate(ctx, out, &n, in.data(), static_cast<int>(in.size()))) ||
      !ossl::ok(EVP_CipherFinal_ex(ctx, out + n, &tail)) ||
      static_cast<std::size_t>(n + tail) != in.size()) {
    return backend_failure();
  }
  return ok();
}

// One pass of AES-128-CBC with padding disabled under a key given as octets.
Result<void> cbc(bool encrypt, ByteView key, ByteView iv, ByteView in, std::uint8_t* out) {
  if (key.size() != 16) return unexpected(Errc::InvalidKeyLength);
  WPS_TRY(check_cbc_sizes(iv, in));
  ossl::CipherCtx ctx = cbc_context(encrypt, key);
  if (ctx == nullptr) return backend_failure();
  return cbc_pass(ctx.get(), encrypt, iv, in, out);
}

bool valid_ccm_tag_len(std::size_t t) {
  return t >= 4 && t <= 16 && t % 2 == 0;
}

constexpr std::size_t kCcmNonceLen = 13;  // IEEE 802.11 §12.5.3.3.4: 13-octet CCM nonce, L = 2
constexpr std::size_t kCcmMaxPayload = 0xffff;  // L = 2 octets of length field (RFC 3610 §2)

// Shared setup of a CCM context: cipher, nonce length 13 (so L = 15 - 13 = 2), tag length (and,
// for decryption, the expected tag), then key and nonce, then the total payload length (CCM
// encodes it in B_0, so OpenSSL needs it before any AAD) and the AAD.
Result<ossl::CipherCtx> ccm_setup(bool encrypt, ByteView key, ByteView nonce, ByteView aad,
                                  std::size_t payload_len, std::size_t tag_len,
                                  const std::uint8_t* expected_tag) {
  ossl::CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (ctx == nullptr) return backend_failure();
  int n = 0;
  if (!ossl::ok(EVP_CipherInit_ex2(ctx.get(), aes128_ccm(), nullptr, nullptr, encrypt ? 1 : 0,
                                   nullptr)) ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_IVLEN, static_cast<int>(kCcmNonceLen),
                          nullptr) <= 0 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, static_cast<int>(tag_len),
                          const_cast<std::uint8_t*>(expected_tag)) <= 0 ||
      !ossl::ok(EVP_CipherInit_ex2(ctx.get(), nullptr, key.data(), nonce.data(), encrypt ? 1 : 0,
                                   nullptr)) ||
      !ossl::ok(EVP_CipherUpdate(ctx.get(), nullptr, &n, nullptr, static_cast<int>(payload_len)))) {
    return backend_failure();
  }
  if (!aad.empty() && !ossl::ok(EVP_CipherUpdate(ctx.get(), nullptr, &n, aad.data(),
                                                 static_cast<int>(aad.size())))) {
    return backend_failure();
  }
  return ctx;
}

Result<void> check_ccm_sizes(ByteView key, ByteView nonce, ByteView aad, std::size_t tag_len) {
  if (key.size() != 16) return unexpected(Errc::InvalidKeyLength);
  if (nonce.size() != kCcmNonceLen || !valid_ccm_tag_len(tag_len) || !fits_int(aad.size())) {
    return unexpected(Errc::BadLength);
  }
  return ok();
}

}  // namespace

Result<Bytes> aes128_cbc_encrypt(ByteView key, ByteView iv, ByteView plaintext) {
  Bytes out(plaintext.size());
  WPS_TRY(cbc(true, key, iv, plaintext, out.data()));
  return out;
}

Result<SecretBytes> aes128_cbc_decrypt(ByteView key, ByteView iv, ByteView ciphertext) {
  SecretBytes out(ciphertext.size());
  WPS_TRY(cbc(false, key, iv, ciphertext, out.data()));
  return out;
}

// The two directions' contexts of a KeyWrapKey (secret.hpp), each keyed on first use.
struct KeyedCbc {
  ossl::CipherCtx enc;
  ossl::CipherCtx dec;
};

template <>
void KeyedStateDeleter<KeyedCbc>::operator()(KeyedCbc* p) const noexcept {
  delete p;
}

namespace {
Result<void> keyed_cbc(bool encrypt, const KeyWrapKey& key, ByteView iv, ByteView in,
                       std::uint8_t* out) {
  WPS_TRY(check_cbc_sizes(iv, in));
  KeyedCbc& k = key.keyed_state([](ByteView) { return new KeyedCbc{}; });
  ossl::CipherCtx& ctx = encrypt ? k.enc : k.dec;
  if (ctx == nullptr) {
    ctx = cbc_context(encrypt, key.view());
    if (ctx == nullptr) return backend_failure();
  }
  return cbc_pass(ctx.get(), encrypt, iv, in, out);
}
}  // namespace

Result<Bytes> aes128_cbc_encrypt(const KeyWrapKey& key, ByteView iv, ByteView plaintext) {
  Bytes out(plaintext.size());
  WPS_TRY(keyed_cbc(true, key, iv, plaintext, out.data()));
  return out;
}

Result<SecretBytes> aes128_cbc_decrypt(const KeyWrapKey& key, ByteView iv, ByteView ciphertext) {
  SecretBytes out(ciphertext.size());
  WPS_TRY(keyed_cbc(false, key, iv, ciphertext, out.data()));
  return out;
}

Result<Bytes> aes_key_wrap(ByteView kek, ByteView plaintext) {
  const EVP_CIPHER* cipher = aes_wrap(kek.size());
  if (cipher == nullptr) return unexpected(Errc::InvalidKeyLength);
  // RFC 3394 §2: n >= 2 64-bit blocks of plaintext.
  if (plaintext.size() < 16 || plaintext.size() % 8 != 0 || !fits_int(plaintext.size())) {
    return unexpected(Errc::BadLength);
  }
  ossl::CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (ctx == nullptr) return backend_failure();
  // Wrap modes process the whole input in one update call; OpenSSL refuses them unless the
  // caller declares it knows that (EVP_CIPHER_CTX_FLAG_WRAP_ALLOW).
  EVP_CIPHER_CTX_set_flags(ctx.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
  // A null IV selects the RFC 3394 default IV A6A6A6A6A6A6A6A6.
  if (!ossl::ok(EVP_EncryptInit_ex2(ctx.get(), cipher, kek.data(), nullptr, nullptr))) {
    return backend_failure();
  }
  Bytes out(plaintext.size() + 8 + kAesBlock);  // OpenSSL may assume a block of slack
  int n = 0;
  int tail = 0;
  if (!ossl::ok(EVP_EncryptUpdate(ctx.get(), out.data(), &n, plaintext.data(),
                                  static_cast<int>(plaintext.size()))) ||
      !ossl::ok(EVP_EncryptFinal_ex(ctx.get(), out.data() + n, &tail)) ||
      static_cast<std::size_t>(n + tail) != plaintext.size() + 8) {
    return backend_failure();
  }
  truncate_to(out, plaintext.size() + 8);
  return out;
}

Result<SecretBytes> aes_key_unwrap(ByteView kek, ByteView wrapped) {
  const EVP_CIPHER* cipher = aes_wrap(kek.size());
  if (cipher == nullptr) return unexpected(Errc::InvalidKeyLength);
  if (wrapped.size() < 24 || wrapped.size() % 8 != 0 || !fits_int(wrapped.size())) {
    return unexpected(Errc::BadLength);
  }
  ossl::CipherCtx ctx(EVP_CIPHER_CTX_new());
  if (ctx == nullptr) return backend_failure();
  EVP_CIPHER_CTX_set_flags(ctx.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
  if (!ossl::ok(EVP_DecryptInit_ex2(ctx.get(), cipher, kek.data(), nullptr, nullptr))) {
    return backend_failure();
  }
  SecretBytes out(wrapped.size() + kAesBlock);
  int n = 0;
  // RFC 3394 §2.2.3: the unwrap fails when the recovered IV is not A6A6A6A6A6A6A6A6; OpenSSL
  // reports that (and only that, for valid sizes) as a failed update.
  if (EVP_DecryptUpdate(ctx.get(), out.data(), &n, wrapped.data(),
                        static_cast<int>(wrapped.size())) <= 0) {
    return input_failure(Errc::UnwrapFailed);
  }
  int tail = 0;
  if (!ossl::ok(EVP_DecryptFinal_ex(ctx.get(), out.data() + n, &tail)) ||
      static_cast<std::size_t>(n + tail) != wrapped.size() - 8) {
    return backend_failure();
  }
  truncate_to(out, wrapped.size() - 8);
  return out;
}

Result<Bytes> aes_ccm_encrypt(ByteView key, ByteView nonce, ByteView aad, ByteView plaintext,
                              std::size_t tag_len) {
  WPS_TRY(check_ccm_sizes(key, nonce, aad, tag_len));
  if (plaintext.size() > kCcmMaxPayload) return unexpected(Errc::BadLength);
  WPS_TRY_ASSIGN(ossl::CipherCtx ctx,
                 ccm_setup(true, key, nonce, aad, plaintext.size(), tag_len, nullptr));
  Bytes out(plaintext.size() + tag_len + kAesBlock);
  int n = 0;
  int tail = 0;
  // Called even for an empty payload: OpenSSL computes the CBC-MAC in this step.
  if (!ossl::ok(EVP_EncryptUpdate(ctx.get(), out.data(), &n, non_null(plaintext),
                                  static_cast<int>(plaintext.size()))) ||
      !ossl::ok(EVP_EncryptFinal_ex(ctx.get(), out.data() + n, &tail)) ||
      static_cast<std::size_t>(n + tail) != plaintext.size() ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, static_cast<int>(tag_len),
                          out.data() + plaintext.size()) <= 0) {
    return backend_failure();
  }
  truncate_to(out, plaintext.size() + tag_len);
  return out;
}

Result<SecretBytes> aes_ccm_decrypt(ByteView key, ByteView nonce, ByteView aad,
                                    ByteView ciphertext_and_tag, std::size_t tag_len) {
  WPS_TRY(check_ccm_sizes(key, nonce, aad, tag_len));
  if (ciphertext_and_tag.size() < tag_len || ciphertext_and_tag.size() - tag_len > kCcmMaxPayload) {
    return unexpected(Errc::BadLength);
  }
  const ByteView ciphertext = ciphertext_and_tag.first(ciphertext_and_tag.size() - tag_len);
  const ByteView tag = ciphertext_and_tag.last(tag_len);
  WPS_TRY_ASSIGN(ossl::CipherCtx ctx,
                 ccm_setup(false, key, nonce, aad, ciphertext.size(), tag_len, tag.data()));
  SecretBytes out(ciphertext.size() + kAesBlock);
  int n = 0;
  // CCM decryption verifies the tag inside this update (RFC 3610 §2.5): a non-positive result
  // with valid sizes means the MIC did not verify. The plaintext is then discarded (wiped by
  // SecretBytes) and never returned.
  if (EVP_DecryptUpdate(ctx.get(), out.data(), &n, non_null(ciphertext),
                        static_cast<int>(ciphertext.size())) <= 0) {
    return input_failure(Errc::KeyCcmpDecrypt);
  }
  if (static_cast<std::size_t>(n) != ciphertext.size()) return backend_failure();
  truncate_to(out, ciphertext.size());
  return out;
}

}  // namespace wps::crypto
