// DhKeyPool (keys generated ahead of time by the edge) and the engines' use of it: a pooled key
// is used for exactly one run, the M1/M2 public values are the pooled keys', the registration
// still succeeds, and without a pool (or with an empty one) the engines draw their own keys.
#include <gtest/gtest.h>

#include "crypto/crypto.hpp"
#include "wps/dh_pool.hpp"
#include "wps/local_run.hpp"
#include "wsc/wsc.hpp"

namespace wps::proto {
namespace {

EnrolleeConfig sta() {
  EnrolleeConfig c;
  c.uuid = Uuid({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
  c.mac = MacAddr({0x02, 0, 0, 0, 0x0b, 0x01});
  c.device = {"wpslab", "STA", "1", "1", {1, wsc::kWfaDeviceTypeOui, 1}, "pool-sta"};
  c.device_password = crypto::to_secret(as_bytes("12345670"));
  return c;
}

RegistrarConfig ap(PinStore& pins) {
  RegistrarConfig c;
  c.device = {"wpslab", "AP", "1", "2", {6, wsc::kWfaDeviceTypeOui, 1}, "pool-ap"};
  c.pins = &pins;
  wsc::Credential n;
  n.ssid = to_bytes("pool-net");
  n.network_key = crypto::to_secret(as_bytes("pool-passphrase"));
  c.network = n;
  return c;
}

Bytes attr(const Bytes& msg, wsc::AttrType t) {
  auto list = wsc::tokenize(msg);
  EXPECT_TRUE(list.has_value());
  if (!list) return {};
  const wsc::Attr* a = list->first(t);
  EXPECT_NE(a, nullptr);
  return a ? to_bytes(a->value) : Bytes{};
}

TEST(DhKeyPool, RefillsUpToCapacityAndHandsEachKeyOutOnce) {
  crypto::Drbg rng(7, "pool");
  DhKeyPool pool(2);
  EXPECT_EQ(pool.size(), 0u);
  EXPECT_FALSE(pool.take().has_value());
  EXPECT_TRUE(pool.refill(rng));
  EXPECT_TRUE(pool.refill(rng));
  EXPECT_FALSE(pool.refill(rng)) << "full at capacity 2";
  EXPECT_TRUE(pool.full());
  auto a = pool.take();
  auto b = pool.take();
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->public_key(), b->public_key());
  EXPECT_FALSE(pool.take().has_value());
  EXPECT_EQ(pool.taken(), 2u);
  // Keys from the pool work: both sides agree on Z.
  auto za = a->derive(b->public_key());
  auto zb = b->derive(a->public_key());
  ASSERT_TRUE(za && zb);
  EXPECT_TRUE(equal(za->view(), zb->view()));
}

TEST(DhKeyPool, ZeroCapacityMeansOne) {
  crypto::Drbg rng(8, "pool");
  DhKeyPool pool(0);
  EXPECT_TRUE(pool.refill(rng));
  EXPECT_FALSE(pool.refill(rng));
}

TEST(DhKeyPool, EnginesUseThePooledKeysForM1AndM2) {
  crypto::Drbg key_rng(9, "keys"), erng(10, "e"), rrng(11, "r");
  DhKeyPool epool, rpool;
  ASSERT_TRUE(epool.refill(key_rng));
  ASSERT_TRUE(rpool.refill(key_rng));
  // Copies of the pooled public values, to compare with what goes on the wire.
  auto e_key = epool.take();
  auto r_key = rpool.take();
  const crypto::DhPublicKey e_pub = e_key->public_key(), r_pub = r_key->public_key();
  // Put them back by building fresh pools around them is not possible (take moves out), so
  // refill deterministically: a second Drbg with the same seed yields the same keys.
  crypto::Drbg key_rng2(9, "keys");
  ASSERT_TRUE(epool.refill(key_rng2));
  ASSERT_TRUE(rpool.refill(key_rng2));

  PinStore pins;
  pins.add("12345670");
  auto ec = sta();
  ec.dh_pool = &epool;
  auto rc = ap(pins);
  rc.dh_pool = &rpool;
  auto run = run_local_registration(ec, erng, rc, rrng);
  ASSERT_TRUE(run.enrollee_ok.has_value());
  ASSERT_TRUE(run.registrar_ok.has_value());
  EXPECT_EQ(epool.size(), 0u);
  EXPECT_EQ(rpool.size(), 0u);
  ASSERT_GE(run.steps.size(), 2u);
  EXPECT_EQ(run.steps[0].msg.type, wsc::MsgType::M1);
  EXPECT_EQ(run.steps[1].msg.type, wsc::MsgType::M2);
  EXPECT_TRUE(equal(attr(run.steps[0].msg.payload, wsc::AttrType::PublicKey), e_pub.view()));
  EXPECT_TRUE(equal(attr(run.steps[1].msg.payload, wsc::AttrType::PublicKey), r_pub.view()));
  ASSERT_EQ(run.enrollee_ok->credentials.size(), 1u);
  EXPECT_TRUE(equal(run.enrollee_ok->credentials[0].ssid, as_bytes("pool-net")));
}

TEST(DhKeyPool, EmptyPoolFallsBackToTheEnginesOwnRng) {
  // Same seeds with an empty pool and with no pool: the runs are identical byte for byte,
  // because the engines then draw the exponent from their own Rng as before.
  PinStore pins1, pins2;
  pins1.add("12345670");
  pins2.add("12345670");
  DhKeyPool empty_e, empty_r;
  crypto::Drbg e1(1, "e"), r1(2, "r"), e2(1, "e"), r2(2, "r");
  auto ec1 = sta();
  auto rc1 = ap(pins1);
  auto ec2 = sta();
  ec2.dh_pool = &empty_e;
  auto rc2 = ap(pins2);
  rc2.dh_pool = &empty_r;
  auto a = run_local_registration(ec1, e1, rc1, r1);
  auto b = run_local_registration(ec2, e2, rc2, r2);
  ASSERT_TRUE(a.enrollee_ok && b.enrollee_ok);
  ASSERT_EQ(a.steps.size(), b.steps.size());
  for (std::size_t i = 0; i < a.steps.size(); ++i) {
    EXPECT_EQ(a.steps[i].msg.payload, b.steps[i].msg.payload) << "message " << i;
  }
  EXPECT_EQ(empty_e.taken() + empty_r.taken(), 0u);
}

}  // namespace
}  // namespace wps::proto
