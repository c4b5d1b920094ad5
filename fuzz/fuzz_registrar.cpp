// Fuzz target: the Registrar engine (src/wps/registrar) with its PIN store, fed a fuzzed sequence
// of enrollee messages built from a reference run (fuzz/registration_harness.hpp has the input
// format and the invariants). No credential (M8) leaves it unless the enrollee proved the whole
// PIN with the reference M7.
#include "registration_harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fuzz_reg;
  const Reference& ref = reference();
  PinStore pins;
  pins.add(kPin);
  crypto::Drbg rng(kSeed, "registrar");
  Registrar reg(registrar_config(&pins), rng);
  Seen seen;
  auto delivered = play(
      data, size, ref.from_enrollee,
      [&](const Bytes& m, TimePoint now) {
        reg.on_message(m, now);
        drain(reg, seen);
      },
      [&](TimePoint now) {
        reg.on_deadline(now);
        drain(reg, seen);
      });
  check(seen.terminal <= 1);
  bool sent_m8 = false;
  for (const auto& m : seen.sent) sent_m8 = sent_m8 || m.type == wsc::MsgType::M8;
  // M7 is the enrollee's fourth message (M1, M3, M5, M7, WSC_Done).
  if (sent_m8 || seen.succeeded) check(contains(delivered, ref.from_enrollee.at(3)));
  return 0;
}
