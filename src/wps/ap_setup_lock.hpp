// The AP setup lock: how an AP that is the Enrollee of the AP-PIN method slows an external
// Registrar that guesses its PIN (WPS-FACTS §8). Sans-I/O (ARCHITECTURE C1): the owner reports
// what happened with the time, the policy answers whether external registrars are refused now and
// when its next decision falls due; nothing here reads a clock.
//
// hostapd's policy (src/ap/wps_hostapd.c, wps_pwd_auth_fail / wps_ap_pin_success /
// wps_reenable_ap_pin / hostapd_wps_ap_pin_enable), reproduced as LockPolicy::Hostapd:
//  - every failed AP-PIN proof (the AP, as enrollee, found R-Hash1 or R-Hash2 wrong) counts, in a
//    total and in a consecutive counter;
//  - from the 3rd failure on, each failure locks the AP: the first lockout lasts 60 s, and the
//    lockout doubles whenever the total count is a multiple of 3 (capped at one year);
//  - when the lockout ends the AP unlocks, unless the consecutive count has reached 10: then it
//    stays locked until the AP PIN is set again (pin_set());
//  - a registrar that proves the whole PIN (R-Hash2 right) clears the consecutive counter;
//  - `ap_setup_locked=1` in hostapd.conf locks for good (Config::locked_forever).
// LockPolicy::None never locks (the lab's "unprotected AP"); failures are still counted.
// While locked, the AP refuses a new external registrar at M2 with WSC_NACK, Configuration
// Error 15, and beacons and probe responses carry AP Setup Locked = 1.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/output_queue.hpp"
#include "base/time.hpp"

namespace wps::proto {

enum class LockPolicy : std::uint8_t { Hostapd, None };
std::string_view to_string(LockPolicy p);
std::optional<LockPolicy> parse_lock_policy(std::string_view s);

/// A change of the lock state (hostapd's WPS-AP-SETUP-LOCKED / WPS-AP-SETUP-UNLOCKED events).
struct LockChange {
  bool locked = false;
  TimePoint at;
  /// Locked: when it unlocks by itself (nullopt = not by itself: indefinite or for good).
  std::optional<TimePoint> until;
  int failures = 0;     ///< total failed AP-PIN proofs so far
  int consecutive = 0;  ///< consecutive failures
};

class ApSetupLock {
 public:
  struct Config {
    LockPolicy policy = LockPolicy::Hostapd;
    bool locked_forever = false;  ///< hostapd.conf ap_setup_locked=1
    Duration first_lockout = std::chrono::seconds(60);
    int lock_after = 3;         ///< failures before the first lock
    int indefinite_after = 10;  ///< consecutive failures that lock until pin_set()
  };
  ApSetupLock() : ApSetupLock(Config{}) {}
  explicit ApSetupLock(Config cfg);

  /// A registrar failed to prove the AP PIN (R-Hash1 or R-Hash2 mismatch at the AP).
  void on_failure(TimePoint now);
  /// A registrar proved the whole AP PIN (R-Hash2 verified): clears the consecutive count.
  void on_success(TimePoint now);
  /// The AP PIN was set again (hostapd_cli wps_ap_pin set/random): counters cleared, unlocked
  /// (unless locked for good by the configuration).
  void pin_set(TimePoint now);

  [[nodiscard]] bool locked() const { return locked_; }
  [[nodiscard]] bool locked_indefinitely() const { return locked_ && !unlock_at_; }
  [[nodiscard]] int failures() const { return failures_; }
  [[nodiscard]] int consecutive_failures() const { return consecutive_; }
  [[nodiscard]] Duration lockout() const { return lockout_; }
  [[nodiscard]] std::optional<TimePoint> next_deadline() const { return unlock_at_; }
  void on_deadline(TimePoint now);
  [[nodiscard]] std::optional<LockChange> poll_change() { return changes_.poll(); }
  [[nodiscard]] const Config& config() const { return cfg_; }

 private:
  void change(bool locked, TimePoint now);

  Config cfg_;
  bool locked_ = false;
  int failures_ = 0;
  int consecutive_ = 0;
  Duration lockout_{0};
  std::optional<TimePoint> unlock_at_;
  OutputQueue<LockChange> changes_;
};

}  // namespace wps::proto
