// The cryptographic primitives of wpslab, all computed by OpenSSL 3 libcrypto (ARCHITECTURE C10):
// nothing here is hand-rolled. This header includes no OpenSSL header; only src/crypto/*.cpp do.
//
// Failure policy: functions whose failure depends on their *input* (wrong sizes, bad padding,
// failed unwrap, invalid peer key) return Result and list their Errc values. Pure digests of
// well-formed arguments cannot fail except by OpenSSL running out of memory or breaking
// internally; that aborts (WPS_ASSERT) rather than returning a value nobody can act on.
//
// Thread safety: every free function and every const member of DhPrivateKey may be called
// concurrently. A Drbg (like any Rng) is not shared between threads without external locking.
// Returned values own their storage (no views into internal buffers), except dh5_prime().
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string_view>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/rng.hpp"
#include "base/strong.hpp"
#include "crypto/secret.hpp"

namespace wps::crypto {

using Sha256 = std::array<std::uint8_t, 32>;
using Sha1 = std::array<std::uint8_t, 20>;

/// SHA-256 of the concatenation of parts.
Sha256 sha256(std::initializer_list<ByteView> parts);
inline Sha256 sha256(ByteView data) {
  return sha256({data});
}

/// HMAC-SHA-256(key, parts[0] ‖ parts[1] ‖ ...). Full 32-octet output. Keys of any length
/// (including empty) are accepted, as RFC 2104 defines.
Sha256 hmac_sha256(ByteView key, std::initializer_list<ByteView> parts);
/// HMAC-SHA-256 under a WSC AuthKey, through the key's own keyed context (see AuthKey in
/// secret.hpp): same result as hmac_sha256(key.view(), parts), without re-keying per call.
/// Not for concurrent use on one AuthKey.
Sha256 hmac_sha256(const AuthKey& key, std::initializer_list<ByteView> parts);
/// HMAC-SHA-1(key, parts...). Full 20-octet output.
Sha1 hmac_sha1(ByteView key, std::initializer_list<ByteView> parts);
/// HMAC-SHA1-128: the first 16 octets of HMAC-SHA-1 (EAPOL-Key MIC, key descriptor version 2).
std::array<std::uint8_t, 16> hmac_sha1_128(ByteView key, ByteView data);
/// HMAC-MD5 (RFC 2104 with MD5; 16 octets): the EAPOL-Key MIC of key descriptor version 1
/// (WPA1 / TKIP). Only for checking captured frames; nothing in wpslab sends WPA1.
std::array<std::uint8_t, 16> hmac_md5(ByteView key, ByteView data);

/// WSC KDF (WPS-FACTS §7.2; NIST SP 800-108 counter mode, HMAC-SHA-256, 32-bit counter before
/// the fixed data, fixed data = label ‖ BE32(bits), no separator). Returns bits/8 octets.
/// bits must be a positive multiple of 8 and key non-empty (caller bugs: abort). Computed with
/// HMAC-SHA-256 blocks under one keyed OpenSSL context; tests check it against OpenSSL's KBKDF.
SecretBytes wsc_kdf(ByteView key, std::string_view label, std::size_t bits);

/// The WSC session keys (WPS-FACTS §7.2).
struct WscSessionKeys {
  DhKey dh_key;             ///< SHA-256(Z)
  Kdk kdk;                  ///< HMAC-SHA-256(DHKey, KDK input)
  AuthKey auth_key;         ///< KDF octets 0..31
  KeyWrapKey key_wrap_key;  ///< KDF octets 32..47
  Emsk emsk;                ///< KDF octets 48..79
};
/// The WSC key schedule from the DH shared secret: DHKey = SHA-256(Z), KDK = HMAC-SHA-256(DHKey,
/// kdk_input[0] ‖ kdk_input[1] ‖ ...), AuthKey ‖ KeyWrapKey ‖ EMSK = wsc_kdf(KDK, label, 640).
/// The input order is the caller's (wsc::derive_session_keys fixes N1 ‖ EnrolleeMAC ‖ N2).
/// Computed on one HMAC context re-keyed along the chain, which ends up as the returned
/// AuthKey's keyed context (cheaper than a context per key; same octets as the step-by-step
/// functions, which tests check).
WscSessionKeys wsc_session_keys(const DhShared& z, std::initializer_list<ByteView> kdk_input,
                                std::string_view label);

/// IEEE 802.11 PRF-n over HMAC-SHA-1 (WPS-FACTS §10.1): HMAC-SHA1(K, label ‖ 0x00 ‖ data ‖ i)
/// for i = 0,1,..., concatenated and truncated to len octets. len <= 5120 (one-octet counter;
/// larger is a caller bug: abort). len = 0 gives an empty result.
SecretBytes prf_sha1(ByteView key, std::string_view label, ByteView data, std::size_t len);

/// PBKDF2-HMAC-SHA1 (RFC 8018; RFC 6070 vectors). Errc::BadValue if iterations == 0 or len == 0.
Result<SecretBytes> pbkdf2_sha1(ByteView password, ByteView salt, unsigned iterations,
                                std::size_t len);

/// AES-128-CBC without padding (the caller adds/removes PKCS#5, see wsc/encrypted_settings).
/// Errors: InvalidKeyLength (key != 16 or iv != 16), BadCiphertextLength (data not a multiple
/// of 16 or empty).
Result<Bytes> aes128_cbc_encrypt(ByteView key, ByteView iv, ByteView plaintext);
Result<SecretBytes> aes128_cbc_decrypt(ByteView key, ByteView iv, ByteView ciphertext);
/// The same under a WSC KeyWrapKey, through the key's own keyed contexts (see KeyedSecret in
/// secret.hpp): the key schedule is done once per key and direction. Errors as above (the key
/// size is fixed by the type). Not for concurrent use on one KeyWrapKey.
Result<Bytes> aes128_cbc_encrypt(const KeyWrapKey& key, ByteView iv, ByteView plaintext);
Result<SecretBytes> aes128_cbc_decrypt(const KeyWrapKey& key, ByteView iv, ByteView ciphertext);

/// AES key wrap, RFC 3394, default IV A6A6A6A6A6A6A6A6. KEK of 16, 24 or 32 octets; data a
/// multiple of 8, at least 16 octets. Errors: InvalidKeyLength, BadLength; unwrap also
/// UnwrapFailed when the integrity check fails.
Result<Bytes> aes_key_wrap(ByteView kek, ByteView plaintext);
Result<SecretBytes> aes_key_unwrap(ByteView kek, ByteView wrapped);

/// AES-128-CCM as used by CCMP (IEEE 802.11 §12.5.3): 13-octet nonce, L = 2, tag of tag_len
/// octets (8 for CCMP). encrypt returns ciphertext ‖ tag. decrypt takes ciphertext ‖ tag and
/// fails with KeyCcmpDecrypt when the tag does not verify (no plaintext is returned then).
/// Errors: InvalidKeyLength (key != 16); BadLength (nonce != 13, tag_len not one of
/// 4,6,...,16, payload > 65535 octets, or ciphertext_and_tag shorter than tag_len).
/// Empty AAD and empty payload are allowed.
Result<Bytes> aes_ccm_encrypt(ByteView key, ByteView nonce, ByteView aad, ByteView plaintext,
                              std::size_t tag_len = 8);
Result<SecretBytes> aes_ccm_decrypt(ByteView key, ByteView nonce, ByteView aad,
                                    ByteView ciphertext_and_tag, std::size_t tag_len = 8);

// ---------------------------------------------------------------------------------------------
// Diffie-Hellman, RFC 3526 group 5 (1536-bit MODP, g = 2) — WPS-FACTS §7.1, TV1/TV2/TV11/TV14.

inline constexpr std::size_t kDhPrimeLen = 192;
struct DhPublicKeyTag {};
/// A group-5 public value: exactly 192 octets, big-endian, left-padded with zeros.
using DhPublicKey = FixedBytes<kDhPrimeLen, DhPublicKeyTag>;

/// The RFC 3526 group-5 prime, 192 octets big-endian.
ByteView dh5_prime();

/// A DH private key with its public value. Owns the OpenSSL key object (freed and wiped by
/// OpenSSL on destruction). Move-only.
class DhPrivateKey {
 public:
  /// Draws a 256-bit private exponent from rng (32 octets, big-endian; 0 and 1 are redrawn) and
  /// computes g^x mod p. Errors: CryptoBackend (also when rng returns 0 or 1 sixteen times in a
  /// row, e.g. an all-zero test Rng: use a seeded Drbg instead).
  static Result<DhPrivateKey> generate(Rng& rng);
  /// Imports a private exponent (big-endian, any length 1..192 octets), e.g. a key logged by
  /// hostapd -K, for replaying real runs. Leading zero octets are allowed.
  /// Errors: BadValue (empty, longer than 192 octets, 0, 1 or >= p-1), CryptoBackend.
  static Result<DhPrivateKey> from_private(ByteView exponent);

  DhPrivateKey(DhPrivateKey&&) noexcept;
  DhPrivateKey& operator=(DhPrivateKey&&) noexcept;
  ~DhPrivateKey();

  [[nodiscard]] const DhPublicKey& public_key() const { return pub_; }
  /// The private exponent, big-endian, minimal length (for key logs only).
  [[nodiscard]] SecretBytes private_bytes() const;

  /// Z = peer^x mod p, left-padded to 192 octets. Validates the peer value first:
  /// 1 < y < p-1 and y^q = 1 (mod p), q = (p-1)/2 (decided via the Legendre symbol, which is
  /// equivalent for this safe prime). Errors: InvalidPublicKey, CryptoBackend.
  /// A received PK_E/PK_R attribute becomes a DhPublicKey with DhPublicKey::from(value), which
  /// is nullopt unless the value has exactly 192 octets (map that to the codec's length error).
  [[nodiscard]] Result<DhShared> derive(const DhPublicKey& peer) const;

  struct Impl;

 private:
  explicit DhPrivateKey(std::unique_ptr<Impl> impl, DhPublicKey pub);
  std::unique_ptr<Impl> impl_;
  DhPublicKey pub_;
};

/// Runs the primitives of a registration (SHA-256, HMAC-SHA-256, the WSC KDF, AES-128-CBC, the
/// group-5 constants) once on throw-away input so that OpenSSL's algorithm fetches and this
/// module's one-time set-up happen now rather than inside the first registration (the first
/// HMAC of a process costs ~100x a later one). Edge code calls it at start-up; optional.
void warm_up();

// ---------------------------------------------------------------------------------------------
// Random generators (both implement wps::Rng).

/// OpenSSL's CSPRNG (RAND_priv_bytes). For production; constructed only by edge code.
/// Small requests (≤ 64 octets: nonces, IVs, exponents) are served from a 4096-octet block drawn
/// in one RAND_priv_bytes call, because each call costs far more than the octets themselves
/// (~1 µs for 32 octets, ~1.8 µs for 4096 here); served octets are wiped from the block at once,
/// and the rest on destruction. The block holds no more than OpenSSL's own generator state
/// already determines. Fork-safe: a block drawn before a fork() is never served after it, in
/// either process (OpenSSL reseeds its own generator in the child; we drop our block in both).
/// Not thread-safe: one instance per thread or per engine.
class SystemRng final : public Rng {
 public:
  SystemRng();
  ~SystemRng() override;
  SystemRng(const SystemRng&) = delete;
  SystemRng& operator=(const SystemRng&) = delete;
  void fill(std::span<std::uint8_t> out) override;

 private:
  static constexpr std::size_t kBlock = 4096;
  static constexpr std::size_t kMaxBuffered = 64;
  std::array<std::uint8_t, kBlock> block_{};
  std::size_t pos_ = kBlock;  ///< next unused octet of block_
  unsigned fork_epoch_ = 0;   ///< the process's fork count when block_ was drawn
};

/// Deterministic HMAC-DRBG (NIST SP 800-90A, HMAC-SHA-256, no prediction resistance, no
/// reseed) for tests and the simulator: same seed and personalization ⇒ same output stream.
/// NEVER for production secrets. Instantiation uses entropy_input = seed, an empty nonce and the
/// personalization string. Each fill() is one SP 800-90A generate request (split into requests
/// of at most 65536 octets), so the stream depends on the sequence of request sizes too.
class Drbg final : public Rng {
 public:
  explicit Drbg(ByteView seed, std::string_view personalization = {});
  /// Convenience: seed from a 64-bit number (big-endian) plus a per-node label.
  Drbg(std::uint64_t seed, std::string_view personalization);
  ~Drbg() override;
  Drbg(const Drbg&) = delete;
  Drbg& operator=(const Drbg&) = delete;
  void fill(std::span<std::uint8_t> out) override;

 private:
  Secret<32, struct DrbgKTag> k_;
  Secret<32, struct DrbgVTag> v_;
  void update(ByteView provided);
};

}  // namespace wps::crypto
