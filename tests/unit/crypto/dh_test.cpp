// Diffie-Hellman group 5: known answers (WPS-FACTS TV1, TV2, TV14), peer validation and key
// generation. TV11's DH part is in wsc_chain_test.cpp.
#include "crypto/crypto.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <string>

// This test also cross-checks the peer validation against OpenSSL's plain modular
// exponentiation, so (like src/crypto itself) it uses OpenSSL directly.
#include "crypto/openssl_handles.hpp"
#include "support/test_support.hpp"

namespace wps::crypto {
namespace {

using test::hex;

template <typename T>
Errc err(const Result<T>& r) {
  return r.has_value() ? Errc::Ok : r.error().code;
}

DhPublicKey pk(ByteView v) {
  auto k = DhPublicKey::from(v);
  EXPECT_TRUE(k.has_value());
  return k.value_or(DhPublicKey{});
}

// A 192-octet big-endian value p + delta (delta may be negative), via OpenSSL BIGNUMs.
Bytes p_plus(long delta) {
  ossl::Bn n(BN_bin2bn(dh5_prime().data(), static_cast<int>(dh5_prime().size()), nullptr));
  if (delta >= 0) {
    EXPECT_EQ(BN_add_word(n.get(), static_cast<BN_ULONG>(delta)), 1);
  } else {
    EXPECT_EQ(BN_sub_word(n.get(), static_cast<BN_ULONG>(-delta)), 1);
  }
  Bytes out(kDhPrimeLen);
  EXPECT_EQ(BN_bn2binpad(n.get(), out.data(), static_cast<int>(out.size())), 192);
  return out;
}

Bytes small(std::uint8_t v) {
  Bytes out(kDhPrimeLen, 0);
  out.back() = v;
  return out;
}

// ---- TV1: RFC 3526 §2 1536-bit MODP prime ----
TEST(Dh5, Tv1Prime) {
  const std::string p = "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74"
                        "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437"
                        "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed"
                        "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05"
                        "98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb"
                        "9ed529077096966d670c354e4abc9804f1746c08ca237327ffffffffffffffff";
  ASSERT_EQ(dh5_prime().size(), 192u);
  EXPECT_EQ(to_hex(dh5_prime()), p);
  EXPECT_EQ(to_hex(sha256(dh5_prime())),
            "64fcc83ec403930bf18393dbc883ccaa1fbb08ac876f77f7aa99748ca945019b");
}

// ---- TV2: private exponent 0x55 × 192 (the fixed Realtek key published with pixiewps) ----
TEST(Dh5, Tv2PublicKey) {
  auto key = DhPrivateKey::from_private(Bytes(192, 0x55));
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->public_key().hex(),
            "d0141b15656e96b85fcead2e8e76330d2b1ac1576bb026e7a328c0e1baf8cf91"
            "664371174c08ee12ec92b0519c54879f21255be5a8770e1fa1880470ef423c90"
            "e34d7847a6fcb4924563d1af1db0c481ead9852c519bf1dd429c163951cf6918"
            "1b132aea2a3684caf35bc54aca1b20c88bb3b7339ff7d56e09139d77f0ac5807"
            "9097938251dbbe75e86715cc6b7c0ca945fa8dd8d661beb73b414032798dadee"
            "32b5dd61bf105f18d89217760b75c5d966a5a490472ceba9e3b4224f3d89fb2b");
}

// ---- TV14: leading-zero regressions ----
TEST(Dh5, Tv14PublicKeyWithLeadingZeroIsStill192Octets) {
  auto key = DhPrivateKey::from_private(hex("1309"));
  ASSERT_TRUE(key.has_value());
  const ByteView pub = key->public_key().view();
  ASSERT_EQ(pub.size(), 192u);
  EXPECT_EQ(to_hex(pub.first(4)), "0065a087");
}

TEST(Dh5, Tv14SharedSecretWithLeadingZeroIsPaddedBothWays) {
  auto a = DhPrivateKey::from_private(hex("115a"));
  auto b = DhPrivateKey::from_private(hex("0987654321"));
  ASSERT_TRUE(a.has_value() && b.has_value());
  auto z_ab = a->derive(b->public_key());
  auto z_ba = b->derive(a->public_key());
  ASSERT_TRUE(z_ab.has_value() && z_ba.has_value());
  EXPECT_TRUE(ct_equal(*z_ab, *z_ba));
  EXPECT_EQ(to_hex(z_ab->view().first(8)), "003284b1a18484c3");
  // DHKey = SHA-256 of the 192-octet Z, not of the 191 significant octets.
  EXPECT_EQ(to_hex(sha256(z_ab->view())),
            "799a9da18d05c3be0abc52e62e936300ce876ede046a4a09b241eb64d98dd50d");
  EXPECT_NE(to_hex(sha256(z_ab->view().subspan(1))),
            "799a9da18d05c3be0abc52e62e936300ce876ede046a4a09b241eb64d98dd50d");
  EXPECT_EQ(to_hex(sha256(z_ab->view().subspan(1))),  // the sheet's "wrong" value, for contrast
            "38506070df81fb671ccd5d06659bd65ce9793d4a985e1c81d50bf5d364811018");
}

// ---- peer validation ----
TEST(Dh5, RejectsInvalidPeerValues) {
  auto key = DhPrivateKey::from_private(hex("0123456789"));
  ASSERT_TRUE(key.has_value());
  struct Case {
    const char* name;
    Bytes value;
  };
  const Case cases[] = {
      {"0", small(0)},
      {"1", small(1)},
      {"p-1 (order 2)", p_plus(-1)},
      {"p", p_plus(0)},
      {"p+1", p_plus(1)},
      {"2^1536-1", Bytes(192, 0xff)},
      // p = 7 (mod 8), so -1 and -2 are quadratic non-residues: p-2 has order 2q, not q.
      {"p-2 (order 2q)", p_plus(-2)},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(err(key->derive(pk(c.value))), Errc::InvalidPublicKey) << c.name;
  }
  // g = 2 itself is a legitimate element of the order-q subgroup.
  EXPECT_TRUE(key->derive(pk(small(2))).has_value());
}

// derive() decides subgroup membership with the Legendre symbol; the definition is
// y^q = 1 (mod p). Check the two agree on many values, residues and non-residues alike.
TEST(Dh5, ValidationMatchesTheExponentiationDefinition) {
  auto key = DhPrivateKey::from_private(hex("0123456789"));
  ASSERT_TRUE(key.has_value());
  ossl::Bn p(BN_bin2bn(dh5_prime().data(), 192, nullptr));
  ossl::Bn q(BN_new());
  ossl::Bn r(BN_new());
  ossl::BnCtx ctx(BN_CTX_new());
  ASSERT_TRUE(p && q && r && ctx);
  ASSERT_EQ(BN_rshift1(q.get(), p.get()), 1);  // (p-1)/2 for odd p
  Drbg rng(0x5eedu, "dh-validation");
  int accepted = 0;
  int rejected = 0;
  for (int i = 0; i < 40; ++i) {
    Bytes y(192);
    if (i < 20) {
      y = small(static_cast<std::uint8_t>(i + 2));  // 2, 3, ..., 21
    } else {
      rng.fill(y);
      y[0] &= 0x7f;  // below p
    }
    ossl::Bn yb(BN_bin2bn(y.data(), 192, nullptr));
    ASSERT_EQ(BN_mod_exp(r.get(), yb.get(), q.get(), p.get(), ctx.get()), 1);
    const bool in_subgroup = BN_is_one(r.get()) == 1;
    const auto z = key->derive(pk(y));
    EXPECT_EQ(z.has_value(), in_subgroup) << to_hex(ByteView(y).last(4));
    if (!in_subgroup) {
      EXPECT_EQ(err(z), Errc::InvalidPublicKey);
    }
    (in_subgroup ? accepted : rejected)++;
  }
  EXPECT_GT(accepted, 5);  // both kinds really occurred
  EXPECT_GT(rejected, 5);
}

// ---- from_private ----
TEST(Dh5, FromPrivateRejectsOutOfRangeExponents) {
  EXPECT_EQ(err(DhPrivateKey::from_private({})), Errc::BadValue);
  EXPECT_EQ(err(DhPrivateKey::from_private(hex("00"))), Errc::BadValue);
  EXPECT_EQ(err(DhPrivateKey::from_private(hex("0000000001"))), Errc::BadValue);
  EXPECT_EQ(err(DhPrivateKey::from_private(p_plus(-1))), Errc::BadValue);
  EXPECT_EQ(err(DhPrivateKey::from_private(p_plus(0))), Errc::BadValue);
  EXPECT_EQ(err(DhPrivateKey::from_private(Bytes(193, 0x01))), Errc::BadValue);
  EXPECT_TRUE(DhPrivateKey::from_private(hex("02")).has_value());
  EXPECT_TRUE(DhPrivateKey::from_private(p_plus(-2)).has_value());
}

TEST(Dh5, FromPrivateOfSmallExponentsIsAPowerOfTwo) {
  // g^x for x = 2, 3, 10: 4, 8, 1024 (no reduction needed) — checks base, exponent order and
  // left padding without any external vector.
  EXPECT_EQ(DhPrivateKey::from_private(hex("02"))->public_key().view().last(2)[1], 4);
  EXPECT_EQ(to_hex(DhPrivateKey::from_private(hex("0a"))->public_key().view().last(3)), "000400");
  EXPECT_EQ(DhPrivateKey::from_private(hex("03"))->public_key().hex(),
            std::string(382, '0') + "08");
}

TEST(Dh5, PrivateBytesAreMinimalBigEndian) {
  auto key = DhPrivateKey::from_private(hex("0000000123456789"));
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(to_hex(view(key->private_bytes())), "0123456789");
}

// ---- generate ----

// Hands out queued blocks, then zeros.
class ScriptedRng final : public Rng {
 public:
  std::deque<Bytes> blocks;
  int calls = 0;
  void fill(std::span<std::uint8_t> out) override {
    ++calls;
    std::fill(out.begin(), out.end(), 0);
    if (blocks.empty()) return;
    const Bytes b = blocks.front();
    blocks.pop_front();
    std::copy_n(b.begin(), std::min(b.size(), out.size()), out.begin());
  }
};

TEST(Dh5, GenerateUses32RandomOctetsAsTheExponent) {
  Drbg rng(Bytes(48, 0x42), "dh-generate");
  auto key = DhPrivateKey::generate(rng);
  ASSERT_TRUE(key.has_value());
  Drbg replay(Bytes(48, 0x42), "dh-generate");
  Bytes x(32);
  replay.fill(x);
  auto again = DhPrivateKey::from_private(x);
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(key->public_key(), again->public_key());
  EXPECT_EQ(to_hex(view(key->private_bytes())), to_hex(x));  // 0x42... has no leading zero
}

TEST(Dh5, GenerateRedrawsZeroAndOne) {
  ScriptedRng rng;
  Bytes one(32, 0);
  one[31] = 1;
  Bytes x(32, 0);
  x[31] = 0x07;
  rng.blocks = {Bytes(32, 0), one, x};
  auto key = DhPrivateKey::generate(rng);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(rng.calls, 3);
  EXPECT_EQ(to_hex(view(key->private_bytes())), "07");
  EXPECT_EQ(to_hex(key->public_key().view().last(1)), "80");  // 2^7
}

TEST(Dh5, GenerateGivesUpOnARngThatOnlyReturnsZeros) {
  ScriptedRng rng;
  EXPECT_EQ(err(DhPrivateKey::generate(rng)), Errc::CryptoBackend);
  EXPECT_GT(rng.calls, 1);
}

TEST(Dh5, GeneratedKeysAgreeOnTheSharedSecret) {
  Drbg rng(7, "dh-agree");
  auto a = DhPrivateKey::generate(rng);
  auto b = DhPrivateKey::generate(rng);
  ASSERT_TRUE(a.has_value() && b.has_value());
  EXPECT_NE(a->public_key(), b->public_key());
  auto z1 = a->derive(b->public_key());
  auto z2 = b->derive(a->public_key());
  ASSERT_TRUE(z1.has_value() && z2.has_value());
  EXPECT_TRUE(ct_equal(*z1, *z2));
  auto c = DhPrivateKey::generate(rng);
  ASSERT_TRUE(c.has_value());
  auto z3 = c->derive(b->public_key());
  ASSERT_TRUE(z3.has_value());
  EXPECT_FALSE(ct_equal(*z1, *z3));
}

TEST(Dh5, KeysAreMovable) {
  auto a = DhPrivateKey::from_private(hex("0123456789"));
  auto b = DhPrivateKey::from_private(hex("0987654321"));
  ASSERT_TRUE(a.has_value() && b.has_value());
  DhPrivateKey moved(std::move(*a));
  DhPrivateKey assigned = std::move(*b);
  auto z1 = moved.derive(assigned.public_key());
  auto z2 = assigned.derive(moved.public_key());
  ASSERT_TRUE(z1.has_value() && z2.has_value());
  EXPECT_TRUE(ct_equal(*z1, *z2));
}

// Building a DhPublicKey from a received attribute: exactly 192 octets or nothing.
TEST(Dh5, PublicKeyFromAttributeValue) {
  EXPECT_FALSE(DhPublicKey::from(Bytes(191, 1)).has_value());
  EXPECT_FALSE(DhPublicKey::from(Bytes(193, 1)).has_value());
  EXPECT_TRUE(DhPublicKey::from(Bytes(192, 1)).has_value());
}

}  // namespace
}  // namespace wps::crypto
