// Registration benchmarks (issue: registration within 10% of its Diffie-Hellman floor).
//  BM_Registration: one complete STA-PIN registration, both roles in this process.
//  BM_DhFloor:      what no implementation can avoid: 2 key generations + 2 derivations.
// `wpslab bench registration` runs both, interleaved and repeated, and prints the ratio of the
// medians.
#include <benchmark/benchmark.h>

#include "crypto/crypto.hpp"
#include "wps/local_run.hpp"

namespace {

using namespace wps;

proto::EnrolleeConfig bench_enrollee() {
  proto::EnrolleeConfig c;
  c.uuid = Uuid({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
  c.mac = MacAddr({0x02, 0, 0, 0, 0x0b, 0x01});
  c.device = {"wpslab", "STA", "1", "1", {1, wsc::kWfaDeviceTypeOui, 1}, "bench-sta"};
  c.device_password = crypto::to_secret(as_bytes("12345670"));
  return c;
}

void BM_Registration(benchmark::State& state) {
  crypto::SystemRng erng, rrng;  // the production generator
  const auto ec = bench_enrollee();
  wsc::Credential net;
  net.ssid = to_bytes("bench");
  net.network_key = crypto::to_secret(as_bytes("bench-passphrase"));
  for (auto _ : state) {
    proto::PinStore pins;
    pins.add("12345670");
    proto::RegistrarConfig rc;
    rc.pins = &pins;
    rc.network = net;
    rc.device = {"wpslab", "AP", "1", "2", {6, wsc::kWfaDeviceTypeOui, 1}, "bench-ap"};
    auto run = proto::run_local_registration(ec, erng, rc, rrng);
    if (!run.enrollee_ok) state.SkipWithError("registration failed");
    benchmark::DoNotOptimize(run);
  }
}
BENCHMARK(BM_Registration);

void BM_DhFloor(benchmark::State& state) {
  crypto::SystemRng rng;
  for (auto _ : state) {
    auto a = crypto::DhPrivateKey::generate(rng);
    auto b = crypto::DhPrivateKey::generate(rng);
    auto za = a->derive(b->public_key());
    auto zb = b->derive(a->public_key());
    if (!za || !zb) state.SkipWithError("DH failed");
    benchmark::DoNotOptimize(za);
    benchmark::DoNotOptimize(zb);
  }
}
BENCHMARK(BM_DhFloor);

}  // namespace
