#include "wps/ap_setup_lock.hpp"

namespace wps::proto {

namespace {
constexpr Duration kOneYear = std::chrono::hours(365 * 24);
}

std::string_view to_string(LockPolicy p) {
  switch (p) {
    case LockPolicy::Hostapd: return "hostapd";
    case LockPolicy::None: return "none";
  }
  return "?";
}

std::optional<LockPolicy> parse_lock_policy(std::string_view s) {
  if (s == "hostapd") return LockPolicy::Hostapd;
  if (s == "none") return LockPolicy::None;
  return std::nullopt;
}

ApSetupLock::ApSetupLock(Config cfg) : cfg_(cfg), locked_(cfg.locked_forever) {}

void ApSetupLock::change(bool locked, TimePoint now) {
  locked_ = locked;
  changes_.emplace(
      LockChange{locked, now, locked ? unlock_at_ : std::nullopt, failures_, consecutive_});
}

void ApSetupLock::on_failure(TimePoint now) {
  ++failures_;
  ++consecutive_;
  if (cfg_.policy == LockPolicy::None || failures_ < cfg_.lock_after) return;
  if (cfg_.locked_forever) {
    unlock_at_.reset();
  } else if (consecutive_ >= cfg_.indefinite_after) {
    unlock_at_.reset();  // until the AP PIN is set again
  } else {
    if (lockout_ == Duration{0}) {
      lockout_ = cfg_.first_lockout;
    } else if (lockout_ < kOneYear && failures_ % cfg_.lock_after == 0) {
      lockout_ *= 2;
    }
    unlock_at_ = now + lockout_;
  }
  // hostapd reports WPS-AP-SETUP-LOCKED on every failure from the third on.
  change(true, now);
}

void ApSetupLock::on_success(TimePoint) {
  consecutive_ = 0;
}

void ApSetupLock::pin_set(TimePoint now) {
  failures_ = 0;
  consecutive_ = 0;
  unlock_at_.reset();
  cfg_.locked_forever = false;  // hostapd_wps_ap_pin_enable clears conf->ap_setup_locked too
  if (locked_) change(false, now);
}

void ApSetupLock::on_deadline(TimePoint now) {
  if (!unlock_at_ || now < *unlock_at_) return;
  unlock_at_.reset();
  if (cfg_.locked_forever || consecutive_ >= cfg_.indefinite_after) return;
  change(false, now);
}

}  // namespace wps::proto
