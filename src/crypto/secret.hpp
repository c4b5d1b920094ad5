// Secrets that zeroize by type (ARCHITECTURE C9). Lives in crypto/ (not base/) because wiping and
// constant-time comparison use OpenSSL (OPENSSL_cleanse, CRYPTO_memcmp), and only crypto/ may
// include OpenSSL.
//
// Secret<N, Tag>: fixed-size, move-only (copy with clone()), wiped on destruction and on move-from,
// no stream operator, compared only through ct_equal().
// SecretBytes: a growable octet buffer whose storage is wiped before it is released.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "base/bytes.hpp"

namespace wps::crypto {

/// Overwrites n octets at p with zeros in a way the compiler cannot elide (OPENSSL_cleanse).
void secure_zero(void* p, std::size_t n) noexcept;

/// Constant-time equality (CRYPTO_memcmp). Sizes are public: different sizes compare unequal.
bool ct_equal(ByteView a, ByteView b) noexcept;

template <typename T>
struct ZeroizingAllocator {
  using value_type = T;
  ZeroizingAllocator() = default;
  template <typename U>
  ZeroizingAllocator(const ZeroizingAllocator<U>&) noexcept {}  // NOLINT(implicit)
  T* allocate(std::size_t n) { return std::allocator<T>{}.allocate(n); }
  void deallocate(T* p, std::size_t n) noexcept {
    secure_zero(p, n * sizeof(T));
    std::allocator<T>{}.deallocate(p, n);
  }
  template <typename U>
  bool operator==(const ZeroizingAllocator<U>&) const noexcept {
    return true;
  }
};

/// Variable-length secret octets (decrypted settings, derived key material).
using SecretBytes = std::vector<std::uint8_t, ZeroizingAllocator<std::uint8_t>>;

inline SecretBytes to_secret(ByteView v) {
  return SecretBytes(v.begin(), v.end());
}
inline ByteView view(const SecretBytes& s) {
  return ByteView(s.data(), s.size());
}

template <std::size_t N, typename Tag>
class Secret {
 public:
  static constexpr std::size_t size() { return N; }

  Secret() { a_.fill(0); }
  ~Secret() { secure_zero(a_.data(), N); }
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;
  Secret(Secret&& o) noexcept : a_(o.a_) { secure_zero(o.a_.data(), N); }
  Secret& operator=(Secret&& o) noexcept {
    if (this != &o) {
      a_ = o.a_;
      secure_zero(o.a_.data(), N);
    }
    return *this;
  }

  /// nullopt unless v has exactly N octets.
  static std::optional<Secret> from(ByteView v) {
    if (v.size() != N) return std::nullopt;
    Secret s;
    std::copy(v.begin(), v.end(), s.a_.begin());
    return s;
  }
  /// Copies the first N octets of v (v must hold at least N). For key schedules.
  static Secret take_prefix(ByteView v) {
    Secret s;
    for (std::size_t i = 0; i < N && i < v.size(); ++i) s.a_[i] = v[i];
    return s;
  }
  [[nodiscard]] Secret clone() const {
    Secret s;
    s.a_ = a_;
    return s;
  }
  [[nodiscard]] ByteView view() const { return ByteView(a_.data(), N); }
  std::uint8_t* data() { return a_.data(); }
  [[nodiscard]] const std::uint8_t* data() const { return a_.data(); }

  friend bool ct_equal(const Secret& a, const Secret& b) noexcept {
    return crypto::ct_equal(a.view(), b.view());
  }

 private:
  std::array<std::uint8_t, N> a_;
};

// ---- Typed secrets of WSC (WPS-FACTS §7) ----
struct DhSharedTag {};
struct DhKeyTag {};
struct KdkTag {};
struct AuthKeyTag {};
struct KeyWrapKeyTag {};
struct EmskTag {};
struct Psk1Tag {};
struct Psk2Tag {};
struct ES1Tag {};
struct ES2Tag {};
struct RS1Tag {};
struct RS2Tag {};
using DhShared = Secret<192, DhSharedTag>;  ///< Z = g^ab mod p, left-padded to 192 octets
using DhKey = Secret<32, DhKeyTag>;         ///< SHA-256(Z)
using Kdk = Secret<32, KdkTag>;
using Emsk = Secret<32, EmskTag>;
using Psk1 = Secret<16, Psk1Tag>;
using Psk2 = Secret<16, Psk2Tag>;
using ESecretNonce1 = Secret<16, ES1Tag>;  ///< E-S1
using ESecretNonce2 = Secret<16, ES2Tag>;  ///< E-S2
using RSecretNonce1 = Secret<16, RS1Tag>;  ///< R-S1
using RSecretNonce2 = Secret<16, RS2Tag>;  ///< R-S2

/// A Secret that also keeps OpenSSL state keyed with it (State: an internal type of the crypto
/// module, built on first use by keyed_state() and freed by KeyedStateDeleter<State>, which the
/// crypto module defines). Used for the two WSC keys that key many operations per run:
///  - AuthKey (§7.2): one HMAC-SHA-256 context. Every HMAC under it (PSK1/2, E-/R-Hashes,
///    Authenticators, KWAs: about 20 per side and run) goes through
///    crypto::hmac_sha256(const AuthKey&, ...), which only re-initialises the context instead of
///    paying OpenSSL's key set-up per call;
///  - KeyWrapKey (§7.5): AES-128-CBC contexts (one per direction) with the key schedule done,
///    used by crypto::aes128_cbc_encrypt/decrypt(const KeyWrapKey&, ...) for the five Encrypted
///    Settings of a run.
/// The state is freed with the key (OpenSSL cleanses the key material it holds), dropped when the
/// key octets are written through data(), and never copied (clone() starts without one). Like
/// every engine object it is not shared between threads: concurrent use of one const key would
/// race on the state.
template <typename State>
struct KeyedStateDeleter {
  void operator()(State* p) const noexcept;
};

template <std::size_t N, typename Tag, typename State>
class KeyedSecret : public Secret<N, Tag> {
 public:
  using Base = Secret<N, Tag>;
  KeyedSecret() = default;
  KeyedSecret(Base&& b) noexcept : Base(std::move(b)) {}  // NOLINT(implicit): from/take_prefix
  KeyedSecret(KeyedSecret&&) noexcept = default;
  KeyedSecret& operator=(KeyedSecret&&) noexcept = default;
  ~KeyedSecret() = default;

  static std::optional<KeyedSecret> from(ByteView v) {
    auto b = Base::from(v);
    if (!b) return std::nullopt;
    return KeyedSecret(std::move(*b));
  }
  static KeyedSecret take_prefix(ByteView v) { return KeyedSecret(Base::take_prefix(v)); }
  [[nodiscard]] KeyedSecret clone() const { return KeyedSecret(Base::clone()); }
  std::uint8_t* data() {
    state_.reset();  // the key is about to change: the keyed state would be stale
    return Base::data();
  }
  [[nodiscard]] const std::uint8_t* data() const { return Base::data(); }

  /// Internal to the crypto module: the keyed state, made by `make(view())` (returning a State*
  /// it hands over) on first use.
  template <typename Make>
  State& keyed_state(Make&& make) const {
    if (!state_) state_.reset(make(this->view()));
    return *state_;
  }

 private:
  mutable std::unique_ptr<State, KeyedStateDeleter<State>> state_;
};

struct KeyedHmac;  // crypto/internal.hpp
struct KeyedCbc;   // crypto/cipher.cpp
// Their deleters are defined in crypto/hash.cpp and crypto/cipher.cpp; declared here so that every
// translation unit that destroys a key sees the specialisations it uses.
template <>
void KeyedStateDeleter<KeyedHmac>::operator()(KeyedHmac* p) const noexcept;
template <>
void KeyedStateDeleter<KeyedCbc>::operator()(KeyedCbc* p) const noexcept;
using AuthKey = KeyedSecret<32, AuthKeyTag, KeyedHmac>;
using KeyWrapKey = KeyedSecret<16, KeyWrapKeyTag, KeyedCbc>;

// ---- Typed secrets of WPA2 (WPS-FACTS §10) ----
struct PmkTag {};
struct PtkTag {};
struct KckTag {};
struct KekTag {};
struct TkTag {};
struct GtkTag {};
using Pmk = Secret<32, PmkTag>;
using Ptk = Secret<48, PtkTag>;  ///< CCMP: KCK ‖ KEK ‖ TK
using Kck = Secret<16, KckTag>;
using Kek = Secret<16, KekTag>;
using Tk = Secret<16, TkTag>;
using Gtk = Secret<16, GtkTag>;

}  // namespace wps::crypto
