// Registration benchmarks (issue: registration within 10% of its Diffie-Hellman floor).
//  BM_Registration: one complete STA-PIN registration, both roles in this process.
//  BM_DhFloor:      what no implementation can avoid: 2 key generations + 2 derivations.
//  BM_RegistrationVsFloor: the two side by side — every iteration runs a short block of each
//    (in alternating order) and times both, so that both see the same machine; its `ratio`
//    counter is sum(registration) / sum(floor) over the repetition.
// `wpslab bench registration` runs them repeated and prints the median of the paired ratios (the
// figure that holds on a noisy VM) and, for reference, the ratio of the two separate medians.
#include <benchmark/benchmark.h>

#include <chrono>

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

/// One complete registration with the production generator; false if it failed.
bool one_registration(const proto::EnrolleeConfig& ec, const wsc::Credential& net,
                      crypto::SystemRng& erng, crypto::SystemRng& rrng) {
  proto::PinStore pins;
  pins.add("12345670");
  proto::RegistrarConfig rc;
  rc.pins = &pins;
  rc.network = net;
  rc.device = {"wpslab", "AP", "1", "2", {6, wsc::kWfaDeviceTypeOui, 1}, "bench-ap"};
  auto run = proto::run_local_registration(ec, erng, rc, rrng);
  benchmark::DoNotOptimize(run);
  return run.enrollee_ok.has_value();
}

/// Two key generations and two derivations with peer validation; false if any failed.
bool one_floor(crypto::SystemRng& rng) {
  auto a = crypto::DhPrivateKey::generate(rng);
  auto b = crypto::DhPrivateKey::generate(rng);
  if (!a || !b) return false;
  auto za = a->derive(b->public_key());
  auto zb = b->derive(a->public_key());
  benchmark::DoNotOptimize(za);
  benchmark::DoNotOptimize(zb);
  return za && zb;
}

wsc::Credential bench_network() {
  wsc::Credential net;
  net.ssid = to_bytes("bench");
  net.network_key = crypto::to_secret(as_bytes("bench-passphrase"));
  return net;
}

void BM_Registration(benchmark::State& state) {
  crypto::SystemRng erng, rrng;  // the production generator
  const auto ec = bench_enrollee();
  const auto net = bench_network();
  for (auto _ : state) {
    if (!one_registration(ec, net, erng, rrng)) state.SkipWithError("registration failed");
  }
}
BENCHMARK(BM_Registration);

void BM_DhFloor(benchmark::State& state) {
  crypto::SystemRng rng;
  for (auto _ : state) {
    if (!one_floor(rng)) state.SkipWithError("DH failed");
  }
}
BENCHMARK(BM_DhFloor);

void BM_RegistrationVsFloor(benchmark::State& state) {
  using clock = std::chrono::steady_clock;
  // Blocks of kBlock runs of each workload, alternating which goes first: short enough (~15 ms)
  // that both see the same machine, long enough that each runs warm like in its own benchmark
  // (one registration after one floor would measure cold caches and branch predictors too).
  constexpr int kBlock = 8;
  crypto::SystemRng erng, rrng, frng;
  const auto ec = bench_enrollee();
  const auto net = bench_network();
  clock::duration reg{}, floor{};
  bool reg_first = true;
  for (auto _ : state) {
    for (int k = 0; k < 2; ++k) {
      const bool do_reg = (k == 0) == reg_first;
      bool ok = true;
      const auto t0 = clock::now();
      for (int i = 0; i < kBlock; ++i) {
        ok = (do_reg ? one_registration(ec, net, erng, rrng) : one_floor(frng)) && ok;
      }
      const auto dt = clock::now() - t0;
      if (!ok) state.SkipWithError("registration or DH failed");
      (do_reg ? reg : floor) += dt;
    }
    reg_first = !reg_first;
  }
  const double r = std::chrono::duration<double>(reg).count();
  const double f = std::chrono::duration<double>(floor).count();
  const double n = static_cast<double>(state.iterations()) * kBlock;
  state.counters["registration_us"] = n > 0 ? r / n * 1e6 : 0.0;
  state.counters["floor_us"] = n > 0 ? f / n * 1e6 : 0.0;
  state.counters["ratio"] = f > 0 ? r / f : 0.0;
}
BENCHMARK(BM_RegistrationVsFloor);

}  // namespace
