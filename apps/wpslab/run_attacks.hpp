// `wpslab run brute-force`: options and the printing of the attack lab (sim/brute_force.hpp),
// kept out of cmd_run.cpp, which only parses the options and hands them over.
#pragma once

#include <cstdint>
#include <string>

namespace wpslab {

struct BruteForceOptions {
  std::string ap_pin = "12345670";
  std::string lock = "hostapd";
  std::uint64_t seed = 1;
  double delay_s = 1.0;       ///< attacker's pacing between attempts
  double lock_wait_s = 60.0;  ///< attacker's wait when the AP advertises AP Setup Locked
  double ap_dh_s = 1.0;       ///< AP's time per DH operation
  double ap_msg_s = 0.01;     ///< AP's time per other message
  double horizon_h = 24.0 * 365;
  std::uint32_t first_start = 0;
  bool json = false;
};

/// Exit codes: 0 the PIN was found; 2 not found before the horizon; 1 usage error.
int run_brute_force_lab(const BruteForceOptions& o);

}  // namespace wpslab
