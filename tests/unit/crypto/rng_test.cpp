// Drbg (HMAC-DRBG, SP 800-90A §10.1.2, HMAC-SHA-256) against NIST CAVP vectors and against
// OpenSSL's own HMAC-DRBG; SystemRng smoke test.
#include "crypto/crypto.hpp"

#include <gtest/gtest.h>

#include <array>

#include <sys/wait.h>
#include <unistd.h>

#include <set>

#include <string>
#include <vector>

// The cross-check drives OpenSSL's independent HMAC-DRBG implementation (EVP_RAND), so this test
// uses OpenSSL directly.
#include "crypto/openssl_handles.hpp"
#include "support/test_support.hpp"

namespace wps::crypto {
namespace {

using test::hex;

// NIST CAVP DRBG test vectors (drbgtestvectors.zip, no-reseed set, HMAC_DRBG.rsp), section
// [SHA-256] [PredictionResistance = False] [EntropyInputLen = 256] [NonceLen = 128]
// [AdditionalInputLen = 0] [ReturnedBitsLen = 1024]. Procedure: instantiate(entropy, nonce,
// personalization); generate 1024 bits (discarded); generate 1024 bits = ReturnedBits.
// Our Drbg takes entropy ‖ nonce as its seed (the seed material is that concatenation).
struct CavpRow {
  const char* name;
  const char* entropy;
  const char* nonce;
  const char* personalization;
  const char* returned;
};

const CavpRow kCavp[] = {
    {"PersonalizationStringLen = 0, COUNT = 0",
     "ca851911349384bffe89de1cbdc46e6831e44d34a4fb935ee285dd14b71a7488",
     "659ba96c601dc69fc902940805ec0ca8", "",
     "e528e9abf2dece54d47c7e75e5fe302149f817ea9fb4bee6f4199697d04d5b89"
     "d54fbb978a15b5c443c9ec21036d2460b6f73ebad0dc2aba6e624abf07745bc1"
     "07694bb7547bb0995f70de25d6b29e2d3011bb19d27676c07162c8b5ccde0668"
     "961df86803482cb37ed6d5c0bb8d50cf1f50d476aa0458bdaba806f48be9dcb8"},
    {"PersonalizationStringLen = 0, COUNT = 1",
     "79737479ba4e7642a221fcfd1b820b134e9e3540a35bb48ffae29c20f5418ea3",
     "3593259c092bef4129bc2c6c9e19f343", "",
     "cf5ad5984f9e43917aa9087380dac46e410ddc8a7731859c84e9d0f31bd43655"
     "b924159413e2293b17610f211e09f770f172b8fb693a35b85d3b9e5e63b1dc25"
     "2ac0e115002e9bedfb4b5b6fd43f33b8e0eafb2d072e1a6fee1f159df9b51e6c"
     "8da737e60d5032dd30544ec51558c6f080bdbdab1de8a939e961e06b5f1aca37"},
    {"PersonalizationStringLen = 256, COUNT = 0",
     "5cacc68165a2e2ee20812f35ec73a79dbf30fd475476ac0c44fc6174cdac2b55",
     "6f885496c1e63af620becd9e71ecb824",
     "e72dd8590d4ed5295515c35ed6199e9d211b8f069b3058caa6670b96ef1208d0",
     "f1012cf543f94533df27fedfbf58e5b79a3dc517a9c402bdbfc9a0c0f721f9d5"
     "3faf4aafdc4b8f7a1b580fcaa52338d4bd95f58966a243cdcd3f446ed4bc546d"
     "9f607b190dd69954450d16cd0e2d6437067d8b44d19a6af7a7cfa8794e5fbd72"
     "8e8fb2f2e8db5dd4ff1aa275f35886098e80ff844886060da8b1e7137846b23b"},
};

TEST(Drbg, NistCavpHmacDrbgSha256) {
  for (const auto& r : kCavp) {
    const Bytes pers = hex(r.personalization);
    Drbg drbg(concat({hex(r.entropy), hex(r.nonce)}), as_chars(pers));
    Bytes out(128);
    drbg.fill(out);  // first generate, discarded
    drbg.fill(out);
    EXPECT_EQ(to_hex(out), r.returned) << r.name;
  }
}

// OpenSSL's HMAC-DRBG (EVP_RAND "HMAC-DRBG", SHA-256), fed the same entropy and nonce through
// its deterministic TEST-RAND parent. Reseeding is disabled so nothing else enters its state.
class OpensslHmacDrbg {
 public:
  OpensslHmacDrbg(ByteView entropy, ByteView nonce, ByteView pers) {
    ossl::Rand test_rand(EVP_RAND_fetch(nullptr, "TEST-RAND", nullptr));
    ossl::Rand hmac_drbg(EVP_RAND_fetch(nullptr, "HMAC-DRBG", nullptr));
    EXPECT_TRUE(test_rand && hmac_drbg);
    parent_.reset(EVP_RAND_CTX_new(test_rand.get(), nullptr));
    EXPECT_TRUE(parent_ != nullptr);
    unsigned int strength = 256;
    OSSL_PARAM tp[] = {OSSL_PARAM_construct_uint(OSSL_RAND_PARAM_STRENGTH, &strength),
                       OSSL_PARAM_construct_octet_string(OSSL_RAND_PARAM_TEST_ENTROPY,
                                                         const_cast<std::uint8_t*>(entropy.data()),
                                                         entropy.size()),
                       OSSL_PARAM_construct_octet_string(OSSL_RAND_PARAM_TEST_NONCE,
                                                         const_cast<std::uint8_t*>(nonce.data()),
                                                         nonce.size()),
                       OSSL_PARAM_construct_end()};
    EXPECT_EQ(EVP_RAND_CTX_set_params(parent_.get(), tp), 1);
    EXPECT_EQ(EVP_RAND_instantiate(parent_.get(), strength, 0, nullptr, 0, nullptr), 1);

    drbg_.reset(EVP_RAND_CTX_new(hmac_drbg.get(), parent_.get()));
    EXPECT_TRUE(drbg_ != nullptr);
    unsigned int no_reseed = 0;
    std::int64_t no_reseed_time = 0;
    OSSL_PARAM dp[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_MAC, const_cast<char*>("HMAC"), 0),
        OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_DIGEST, const_cast<char*>("SHA256"), 0),
        OSSL_PARAM_construct_uint(OSSL_DRBG_PARAM_RESEED_REQUESTS, &no_reseed),
        OSSL_PARAM_construct_int64(OSSL_DRBG_PARAM_RESEED_TIME_INTERVAL, &no_reseed_time),
        OSSL_PARAM_construct_end()};
    EXPECT_EQ(EVP_RAND_CTX_set_params(drbg_.get(), dp), 1);
    EXPECT_EQ(EVP_RAND_instantiate(drbg_.get(), strength, 0, pers.data(), pers.size(), nullptr), 1);
  }

  Bytes generate(std::size_t n) {
    Bytes out(n);
    EXPECT_EQ(EVP_RAND_generate(drbg_.get(), out.data(), out.size(), 256, 0, nullptr, 0), 1);
    return out;
  }

 private:
  ossl::RandCtx parent_;
  ossl::RandCtx drbg_;
};

TEST(Drbg, AgreesWithOpensslHmacDrbg) {
  struct Case {
    Bytes entropy, nonce;
    std::string pers;
  };
  Bytes counting(48);
  for (std::size_t i = 0; i < counting.size(); ++i) counting[i] = static_cast<std::uint8_t>(i);
  const Case cases[] = {
      {Bytes(32, 0x01), Bytes(16, 0x02), ""},
      {Bytes(32, 0xa5), Bytes(16, 0x5a), "node:ap"},
      {counting, Bytes(20, 0x77), "a longer personalization string for the station node"},
  };
  // Request sizes: below, at and above one HMAC block, and above the 2^16-octet request limit
  // (both implementations split that into several generate requests).
  const std::size_t sizes[] = {1, 31, 32, 33, 100, 16, 70000, 5};
  for (const auto& c : cases) {
    OpensslHmacDrbg reference(c.entropy, c.nonce, as_bytes(c.pers));
    Drbg ours(concat({c.entropy, c.nonce}), c.pers);
    for (std::size_t n : sizes) {
      Bytes mine(n);
      ours.fill(mine);
      const Bytes theirs = reference.generate(n);
      ASSERT_EQ(to_hex(mine), to_hex(theirs)) << c.pers << " request of " << n;
    }
  }
}

TEST(Drbg, SeedFromNumberIsBigEndianEightOctets) {
  Drbg a(0x0102030405060708ull, "node-a");
  Drbg b(hex("0102030405060708"), "node-a");
  Bytes x(64), y(64);
  a.fill(x);
  b.fill(y);
  EXPECT_EQ(to_hex(x), to_hex(y));
}

TEST(Drbg, SameSeedSameStreamDifferentLabelDifferentStream) {
  Drbg a(42, "enrollee");
  Drbg b(42, "enrollee");
  Drbg c(42, "registrar");
  Drbg d(43, "enrollee");
  Bytes xa(48), xb(48), xc(48), xd(48);
  a.fill(xa);
  b.fill(xb);
  c.fill(xc);
  d.fill(xd);
  EXPECT_EQ(xa, xb);
  EXPECT_NE(xa, xc);
  EXPECT_NE(xa, xd);
}

TEST(Drbg, StreamDependsOnRequestBoundaries) {
  // Each fill() is one SP 800-90A generate request (state update after it), so 2 × 16 octets
  // differ from 1 × 32 — callers that want reproducible runs must keep their request sizes.
  Drbg a(1, "x");
  Drbg b(1, "x");
  Bytes one(32), two_a(16), two_b(16);
  a.fill(one);
  b.fill(two_a);
  b.fill(two_b);
  EXPECT_EQ(to_hex(ByteView(one).first(16)), to_hex(two_a));
  EXPECT_NE(to_hex(ByteView(one).last(16)), to_hex(two_b));
}

TEST(SystemRng, FillsWithFreshRandomness) {
  SystemRng rng;
  Bytes a(32), b(32);
  rng.fill(a);
  rng.fill(b);
  EXPECT_NE(a, b);  // a collision of two 256-bit draws would mean a broken generator
  EXPECT_NE(a, Bytes(32, 0));
  rng.fill(std::span<std::uint8_t>{});  // empty request is fine
}

}  // namespace
}  // namespace wps::crypto

namespace wps::crypto {
namespace {

TEST(SystemRng, BufferedSmallDrawsNeverRepeatAcrossRefills) {
  // 16- and 48-octet draws walk through several 4096-octet blocks; any octet handed out twice (a
  // refill bug) would show as two equal draws.
  SystemRng rng;
  std::set<Bytes> seen;
  for (int i = 0; i < 1000; ++i) {
    Bytes d(i % 3 == 0 ? 48 : 16);
    rng.fill(d);
    EXPECT_TRUE(seen.insert(d).second) << i;
  }
  Bytes big(100);  // larger requests bypass the block
  rng.fill(big);
  EXPECT_NE(big, Bytes(100, 0));
}

TEST(SystemRng, ABlockDrawnBeforeForkIsServedInNeitherProcess) {
  // The parent has a block with unserved octets when it forks. If either process kept serving
  // it, the child's next draw would equal the parent's next draw (or the one the parent would
  // have made without the fork).
  SystemRng rng;
  Bytes first(16);
  rng.fill(first);  // draws a block; most of it is still unserved
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // No heap in the child: it leaves with _exit, and a leak checker (valgrind follows the
    // fork) would call a vector freed by nobody a leak.
    std::array<std::uint8_t, 16> d{};
    rng.fill(d);
    const bool ok = write(fds[1], d.data(), d.size()) == static_cast<ssize_t>(d.size());
    _exit(ok ? 0 : 1);
  }
  close(fds[1]);
  Bytes child(16);
  const ssize_t n = read(fds[0], child.data(), child.size());
  close(fds[0]);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ASSERT_EQ(n, 16);
  Bytes parent(16);
  rng.fill(parent);
  EXPECT_NE(to_hex(child), to_hex(parent));
  EXPECT_NE(to_hex(child), to_hex(first));
}

}  // namespace
}  // namespace wps::crypto
