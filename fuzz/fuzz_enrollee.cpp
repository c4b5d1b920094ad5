// Fuzz target: the Enrollee engine (src/wps/enrollee) fed a fuzzed sequence of registrar
// messages built from a reference run (fuzz/registration_harness.hpp has the input format and
// the invariants).
#include "registration_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fuzz_reg;
  const Reference& ref = reference();
  crypto::Drbg rng(kSeed, "enrollee");
  Enrollee enr(enrollee_config(), rng);
  Seen seen;
  enr.start(TimePoint{});
  drain(enr, seen);
  check(!seen.sent.empty() && seen.sent[0].payload == ref.from_enrollee[0]);
  auto delivered = play(
      data, size, ref.from_registrar,
      [&](const Bytes& m, TimePoint now) {
        enr.on_message(m, now);
        drain(enr, seen);
      },
      [&](TimePoint now) {
        enr.on_deadline(now);
        drain(enr, seen);
      });
  check(seen.terminal <= 1);
  if (seen.succeeded) {
    // Only the reference M8 (the last registrar message) carries the credential.
    check(contains(delivered, ref.from_registrar.back()));
    const auto want = network();
    check(seen.succeeded->credentials.size() == 1);
    const auto& c = seen.succeeded->credentials[0];
    check(c.ssid == want.ssid);
    check(crypto::ct_equal(c.network_key, want.network_key));
  }
  return 0;
}
