// `wpslab run brute-force`: the online attack on the AP PIN, in virtual time, against the
// simulated AP only. A reaver-like external Registrar (roles::PinGuesser's half-by-half strategy
// driving a proto::Registrar) guesses the PIN of an AP whose Enrollee is configured exactly as
// roles::AccessPoint configures it (roles::ap_pin_enrollee_config) and whose setup lock follows
// a proto::ApSetupLock policy.
//
// The reduced path (what makes 11,000 attempts take seconds): each attempt is a real
// registration run between the two engines — DH, key derivation, M1..M7 with every hash and
// Authenticator checked — but without the 802.11 and EAP framing around it, which changes
// nothing in the outcome. Their cost enters the virtual clock instead:
//   attempt = link_time (authentication, association, EAP identity)
//           + ap_dh_time for each of the AP's two DH operations (M1's key; M2's shared secret)
//           + ap_msg_time for each other message the AP builds
//           + attempt_delay (the attacker's pacing after each attempt).
// Like reaver, the attacker looks at the AP's beacons before each attempt: while AP Setup Locked
// is advertised it waits lock_wait and looks again. The run ends when the PIN is found or at the
// horizon (virtual time).
#pragma once

#include <optional>
#include <string>

#include "base/result.hpp"
#include "base/time.hpp"
#include "wps/ap_setup_lock.hpp"

namespace wps::sim {

struct BruteForceConfig {
  std::string ap_pin = "12345670";
  proto::LockPolicy lock = proto::LockPolicy::Hostapd;
  std::uint64_t seed = 1;
  std::uint32_t first_start = 0;                     ///< first half the guessing starts at
  Duration attempt_delay = std::chrono::seconds(1);  ///< attacker's pacing (reaver: 1 s)
  Duration lock_wait = std::chrono::seconds(60);     ///< recheck of a locked AP (reaver: 60 s)
  Duration ap_dh_time = std::chrono::seconds(1);     ///< a slow router: ~1 s per DH operation
  Duration ap_msg_time = std::chrono::milliseconds(10);
  Duration link_time = std::chrono::milliseconds(50);
  Duration horizon = std::chrono::hours(24 * 365);
};

struct BruteForceResult {
  std::optional<std::string> pin_found;
  int attempts = 0;            ///< attempts answered with a proof result (NACK after M4/M6, M7)
  int first_half_attempt = 0;  ///< attempt at which the first half was learned (0 = never)
  int lock_events = 0;         ///< times the AP locked
  int waits = 0;               ///< times the attacker found the AP locked and waited
  bool locked_indefinitely = false;  ///< the AP ended locked until its PIN is set again
  bool horizon_reached = false;
  TimePoint end;         ///< virtual time at the end
  TimePoint first_lock;  ///< when the AP first locked (if lock_events > 0)
  TimePoint last_lock;   ///< when it last locked (the indefinite lock, if any)
};

/// Errors: ConfigBadValue (ap_pin is not 8 digits with a valid checksum: the half-by-half
/// search relies on the checksum rule).
Result<BruteForceResult> run_brute_force(const BruteForceConfig& cfg);

}  // namespace wps::sim
