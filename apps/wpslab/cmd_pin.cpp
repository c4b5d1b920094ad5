// `wpslab pin generate` / `wpslab pin check PIN` (WPS-FACTS §8).
#include <cstdio>
#include <string>

#include "apps/wpslab/commands.hpp"
#include "crypto/crypto.hpp"
#include "wps/pin.hpp"

namespace wpslab {

void register_pin(CLI::App& app) {
  auto* pin = app.add_subcommand("pin", "Generate or check WPS PINs");
  pin->require_subcommand(1);

  auto* gen = pin->add_subcommand("generate", "Print a new random 8-digit PIN (valid checksum)");
  add_command(gen, [] {
    wps::crypto::SystemRng rng;
    std::printf("%s\n", wps::proto::generate_pin(rng).c_str());
    return 0;
  });

  auto* check = pin->add_subcommand(
      "check", "Exit 0 if PIN is a valid WPS PIN (4 digits, or 8 with checksum), else 1");
  static std::string value;
  check->add_option("PIN", value, "the PIN to check")->required();
  add_command(check, [] {
    auto r = wps::proto::check_pin(value);
    if (r.ok()) {
      std::printf("%s: valid\n", value.c_str());
      return 0;
    }
    std::fprintf(stderr, "%s: invalid: %s\n", value.c_str(), r.reason.c_str());
    return 1;
  });
}

}  // namespace wpslab
