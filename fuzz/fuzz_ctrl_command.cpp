// Fuzz target: the control-interface request parser (src/ctrl/command) and the AP's dispatch of
// what it parses (src/ctrl/ap_control) — a request datagram from any local process must never
// crash `wpslab ap`. Invariants checked: an error is one of the two reasons with one of hostapd's
// two replies; WPS_CHECK_PIN's reply is "FAIL\n", "FAIL-CHECKSUM\n" or 4 / 8 digits.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "crypto/crypto.hpp"
#include "ctrl/ap_control.hpp"
#include "ctrl/command.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace wps;
  ByteView in(data, size);
  auto c = ctrl::parse_command(in);
  if (!c) {
    auto r = ctrl::error_reply(c.error());
    if (r != ctrl::kFail && r != ctrl::kUnknownCommand) std::abort();
  } else if (auto* p = std::get_if<ctrl::WpsCheckPin>(&*c)) {
    const auto& r = p->reply;
    bool digits = (r.size() == 4 || r.size() == 8) &&
                  r.find_first_not_of("0123456789") == std::string::npos;
    if (!digits && r != "FAIL\n" && r != "FAIL-CHECKSUM\n") std::abort();
  }
  static crypto::Drbg rng(1, "fuzz-ctrl");
  static interop::ApService ap(
      [] {
        interop::ApServiceConfig cfg;
        cfg.own_mac = MacAddr({2, 0, 0, 0, 0x0a, 1});
        return cfg;
      }(),
      rng);
  static ctrl::ApControl ctl(ap, ctrl::ApInfo{}, rng);
  bool attach = false, detach = false;
  (void)ctl.handle(in, size % 2 == 0, attach, detach, TimePoint{});
  while (auto o = ap.poll())
    if (o->kind == interop::ServiceOutput::Kind::Note) ctl.on_note(o->note);
  (void)ctl.take_events();
  return 0;
}
