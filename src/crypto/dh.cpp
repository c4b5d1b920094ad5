// Diffie-Hellman over the RFC 3526 group 5 (1536-bit MODP, g = 2): WPS-FACTS §7.1.
//
// Key objects are OpenSSL EVP_PKEYs of the named group "modp_1536"; the shared secret is computed
// by EVP_PKEY_derive with padding on, so Z is always 192 octets (WPS-FACTS §13 item 1).
//
// Performance: the group constants (p, p-1, g and the Montgomery context of p) are built once
// into a function-local static and only read afterwards, so concurrent use is safe and each call
// pays for its modular exponentiation, not for setting up the group.
#include <algorithm>
#include <utility>

#include "base/fuzz_memo.hpp"
#include "crypto/crypto.hpp"
#include "crypto/openssl_handles.hpp"

namespace wps::crypto {

namespace {

constexpr const char* kGroupName = "modp_1536";  // RFC 3526 §2, OpenSSL's name for it
constexpr std::size_t kExponentLen = 32;         // 256-bit private exponents (see generate())
constexpr int kMaxRedraws = 16;

struct Group {
  ossl::Bn p;
  ossl::Bn p_minus_1;
  ossl::Bn g;
  ossl::MontCtx mont;  // Montgomery form of p, shared by every exponentiation
  std::array<std::uint8_t, kDhPrimeLen> p_bytes{};
};

Group make_group() {
  Group grp;
  grp.p.reset(BN_get_rfc3526_prime_1536(nullptr));
  grp.p_minus_1.reset(BN_new());
  grp.g.reset(BN_new());
  grp.mont.reset(BN_MONT_CTX_new());
  ossl::BnCtx bn_ctx(BN_CTX_new());
  WPS_ASSERT(grp.p && grp.p_minus_1 && grp.g && grp.mont && bn_ctx);
  WPS_ASSERT(BN_copy(grp.p_minus_1.get(), grp.p.get()) != nullptr);
  WPS_OSSL_MUST(BN_sub_word(grp.p_minus_1.get(), 1));
  WPS_OSSL_MUST(BN_set_word(grp.g.get(), 2));
  WPS_OSSL_MUST(BN_MONT_CTX_set(grp.mont.get(), grp.p.get(), bn_ctx.get()));
  WPS_ASSERT(BN_bn2binpad(grp.p.get(), grp.p_bytes.data(), kDhPrimeLen) ==
             static_cast<int>(kDhPrimeLen));
  return grp;
}

const Group& group() {
  static const Group grp = make_group();
  return grp;
}

Unexpected backend_failure() {
  ERR_clear_error();
  return unexpected(Errc::CryptoBackend);
}

// An EVP_PKEY of the named group from a public value and (optionally) a private exponent.
// OSSL_PARAM BN values are native-endian unsigned integers; the private one goes through a
// Secret buffer so it is wiped when this returns.
ossl::Pkey make_pkey(const BIGNUM& pub, const BIGNUM* priv) {
  std::array<std::uint8_t, kDhPrimeLen> pub_native{};
  Secret<kDhPrimeLen, struct PrivNativeTag> priv_native;
  if (BN_bn2nativepad(&pub, pub_native.data(), kDhPrimeLen) < 0) return nullptr;
  OSSL_PARAM params[4];
  std::size_t i = 0;
  params[i++] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                                 const_cast<char*>(kGroupName), 0);
  params[i++] = OSSL_PARAM_construct_BN(OSSL_PKEY_PARAM_PUB_KEY, pub_native.data(), kDhPrimeLen);
  if (priv != nullptr) {
    if (BN_bn2nativepad(priv, priv_native.data(), kDhPrimeLen) < 0) return nullptr;
    params[i++] =
        OSSL_PARAM_construct_BN(OSSL_PKEY_PARAM_PRIV_KEY, priv_native.data(), kDhPrimeLen);
  }
  params[i] = OSSL_PARAM_construct_end();

  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "DH", nullptr));
  if (ctx == nullptr || !ossl::ok(EVP_PKEY_fromdata_init(ctx.get()))) return nullptr;
  EVP_PKEY* raw = nullptr;
  if (!ossl::ok(EVP_PKEY_fromdata(
          ctx.get(), &raw, priv != nullptr ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params))) {
    return nullptr;
  }
  return ossl::Pkey(raw);
}

}  // namespace

struct DhPrivateKey::Impl {
  ossl::Pkey pkey;  // EVP_PKEY_free clears the private exponent (BN_clear_free inside OpenSSL)
};

ByteView dh5_prime() {
  return group().p_bytes;
}

DhPrivateKey::DhPrivateKey(std::unique_ptr<Impl> impl, DhPublicKey pub)
    : impl_(std::move(impl)), pub_(pub) {}
DhPrivateKey::DhPrivateKey(DhPrivateKey&&) noexcept = default;
DhPrivateKey& DhPrivateKey::operator=(DhPrivateKey&&) noexcept = default;
DhPrivateKey::~DhPrivateKey() = default;

namespace {

struct KeyParts {
  std::unique_ptr<DhPrivateKey::Impl> impl;
  DhPublicKey pub;
};

#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
// Fuzzing builds only (base/fuzz_memo.hpp): the two group-5 exponentiations are remembered,
// keyed by their inputs, so the engine targets, which meet the same keys in almost every input,
// spend their time in the code under test instead of in modular arithmetic.
using Pad = std::array<std::uint8_t, kDhPrimeLen>;
FuzzMemo<Pad, Pad>& fuzz_pub_memo() {
  static FuzzMemo<Pad, Pad> m;
  return m;
}
FuzzMemo<std::pair<Pad, Pad>, Pad>& fuzz_z_memo() {
  static FuzzMemo<std::pair<Pad, Pad>, Pad> m;
  return m;
}
#endif

// Everything after the exponent is chosen: y = g^x mod p (constant time in x), then the key
// object holding both.
Result<KeyParts> make_key(const BIGNUM& x) {
  const Group& grp = group();
  ossl::BnCtx bn_ctx(BN_CTX_new());
  ossl::Bn y(BN_new());
  if (bn_ctx == nullptr || y == nullptr) return backend_failure();
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
  Pad xb{};
  if (BN_bn2binpad(&x, xb.data(), kDhPrimeLen) != static_cast<int>(kDhPrimeLen)) {
    return backend_failure();
  }
  if (const Pad* known = fuzz_pub_memo().find(xb)) {
    if (BN_bin2bn(known->data(), static_cast<int>(kDhPrimeLen), y.get()) == nullptr) {
      return backend_failure();
    }
  } else
#endif
      if (!ossl::ok(BN_mod_exp_mont_consttime(y.get(), grp.g.get(), &x, grp.p.get(), bn_ctx.get(),
                                              grp.mont.get()))) {
    return backend_failure();
  }
  std::array<std::uint8_t, kDhPrimeLen> pub{};
  // Left-padded to 192 octets: a public value with leading zero octets (TV14) is still sent as a
  // full-length attribute.
  if (BN_bn2binpad(y.get(), pub.data(), kDhPrimeLen) != static_cast<int>(kDhPrimeLen)) {
    return backend_failure();
  }
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
  fuzz_pub_memo().put(xb, pub);
#endif
  ossl::Pkey pkey = make_pkey(*y, &x);
  if (pkey == nullptr) return backend_failure();
  auto impl = std::make_unique<DhPrivateKey::Impl>();
  impl->pkey = std::move(pkey);
  return KeyParts{std::move(impl), DhPublicKey(pub)};
}

}  // namespace

Result<DhPrivateKey> DhPrivateKey::generate(Rng& rng) {
  // 256-bit exponents: far above the ~2*96-bit minimum for a 1536-bit group's strength, and the
  // exponent length is invisible to the peer (WPS-FACTS §7.1: hostapd on OpenSSL 3 uses 200
  // bits). The draw is always < p - 1, so only 0 and 1 must be rejected; a generator that keeps
  // returning them is broken, and after kMaxRedraws we say so rather than loop forever.
  Secret<kExponentLen, struct DhExponentTag> buf;
  ossl::SecretBn x(BN_secure_new());
  if (x == nullptr) return backend_failure();
  BN_set_flags(x.get(), BN_FLG_CONSTTIME);
  for (int attempt = 0; attempt < kMaxRedraws; ++attempt) {
    rng.fill(std::span<std::uint8_t>(buf.data(), kExponentLen));
    if (BN_bin2bn(buf.data(), static_cast<int>(kExponentLen), x.get()) == nullptr) {
      return backend_failure();
    }
    if (!BN_is_zero(x.get()) && !BN_is_one(x.get())) {
      WPS_TRY_ASSIGN(KeyParts parts, make_key(*x));
      return DhPrivateKey(std::move(parts.impl), parts.pub);
    }
  }
  return unexpected(Errc::CryptoBackend);
}

Result<DhPrivateKey> DhPrivateKey::from_private(ByteView exponent) {
  if (exponent.empty() || exponent.size() > kDhPrimeLen) return unexpected(Errc::BadValue);
  ossl::SecretBn x(BN_secure_new());
  if (x == nullptr) return backend_failure();
  BN_set_flags(x.get(), BN_FLG_CONSTTIME);
  if (BN_bin2bn(exponent.data(), static_cast<int>(exponent.size()), x.get()) == nullptr) {
    return backend_failure();
  }
  // 1 < x < p - 1: exponents 0, 1 and p - 1 give public values 1, g and 1.
  if (BN_cmp(x.get(), BN_value_one()) <= 0 || BN_cmp(x.get(), group().p_minus_1.get()) >= 0) {
    return unexpected(Errc::BadValue);
  }
  WPS_TRY_ASSIGN(KeyParts parts, make_key(*x));
  return DhPrivateKey(std::move(parts.impl), parts.pub);
}

SecretBytes DhPrivateKey::private_bytes() const {
  WPS_ASSERT(impl_ != nullptr);
  BIGNUM* raw = nullptr;
  WPS_OSSL_MUST(EVP_PKEY_get_bn_param(impl_->pkey.get(), OSSL_PKEY_PARAM_PRIV_KEY, &raw));
  ossl::SecretBn x(raw);
  SecretBytes out(static_cast<std::size_t>(BN_num_bytes(x.get())));
  WPS_ASSERT(BN_bn2bin(x.get(), out.data()) == static_cast<int>(out.size()));
  return out;
}

Result<DhShared> DhPrivateKey::derive(const DhPublicKey& peer) const {
  WPS_ASSERT(impl_ != nullptr);
  const Group& grp = group();
  ossl::Bn y(BN_bin2bn(peer.view().data(), static_cast<int>(kDhPrimeLen), nullptr));
  ossl::BnCtx bn_ctx(BN_CTX_new());
  if (y == nullptr || bn_ctx == nullptr) return backend_failure();

  // Peer validation (WPS-FACTS §7.1, SP 800-56A rev3 §5.6.2.3.1): 1 < y < p - 1 rules out the
  // trivial values 0, 1, p - 1 and anything >= p; y^q = 1 (mod p), q = (p-1)/2, rules out the
  // elements of order 2q (non-residues). For a safe prime p, y^q mod p is the Legendre symbol
  // (y | p) (Euler's criterion), so OpenSSL's BN_kronecker answers the same question without a
  // 1535-bit exponentiation: it costs microseconds where y^q costs more than the derive itself.
  // (tests/unit/crypto/dh_test.cpp checks the equivalence against BN_mod_exp.)
  if (BN_cmp(y.get(), BN_value_one()) <= 0 || BN_cmp(y.get(), grp.p_minus_1.get()) >= 0) {
    return unexpected(Errc::InvalidPublicKey);
  }
  const int legendre = BN_kronecker(y.get(), grp.p.get(), bn_ctx.get());
  if (legendre == -2) return backend_failure();
  if (legendre != 1) return unexpected(Errc::InvalidPublicKey);

#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
  const std::pair<Pad, Pad> memo_key{pub_.get(), peer.get()};
  if (const Pad* known = fuzz_z_memo().find(memo_key)) return *DhShared::from(*known);
#endif
  ossl::Pkey peer_key = make_pkey(*y, nullptr);
  if (peer_key == nullptr) return backend_failure();
  ossl::PkeyCtx ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, impl_->pkey.get(), nullptr));
  if (ctx == nullptr) return backend_failure();
  DhShared z;
  std::size_t len = DhShared::size();
  // Pad = 1: Z keeps its leading zero octets (WPS-FACTS §7.1 / TV14). The peer was validated
  // above, so OpenSSL's own (full, exponentiating) peer check is switched off (validate = 0).
  if (!ossl::ok(EVP_PKEY_derive_init(ctx.get())) || EVP_PKEY_CTX_set_dh_pad(ctx.get(), 1) <= 0 ||
      !ossl::ok(EVP_PKEY_derive_set_peer_ex(ctx.get(), peer_key.get(), 0)) ||
      !ossl::ok(EVP_PKEY_derive(ctx.get(), z.data(), &len)) || len != DhShared::size()) {
    return backend_failure();
  }
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
  Pad zb{};
  std::copy_n(z.data(), zb.size(), zb.begin());
  fuzz_z_memo().put(memo_key, zb);
#endif
  return z;
}

}  // namespace wps::crypto
