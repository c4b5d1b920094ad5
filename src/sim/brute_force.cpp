#include "sim/brute_force.hpp"

#include "crypto/crypto.hpp"
#include "roles/access_point.hpp"
#include "roles/pin_guesser.hpp"
#include "wps/enrollee.hpp"
#include "wps/pin.hpp"
#include "wps/registrar.hpp"

namespace wps::sim {

namespace {

struct AttemptResult {
  roles::GuessFeedback feedback = roles::GuessFeedback::Refused;
  Duration took{0};
  bool ap_proof_failed = false;  ///< the AP found R-Hash1/R-Hash2 wrong
  bool ap_proof_passed = false;  ///< the AP verified R-Hash2 (sent M7)
};

/// One registration run between the attacker's Registrar and the AP's Enrollee, message by
/// message, counting the AP's work into virtual time.
AttemptResult attempt(const roles::AccessPointConfig& ac, bool locked, const std::string& guess,
                      const BruteForceConfig& cfg, Rng& ap_rng, Rng& er_rng, TimePoint t0) {
  proto::Enrollee ap(roles::ap_pin_enrollee_config(ac, locked), ap_rng);
  proto::RegistrarConfig rc;
  rc.uuid = Uuid({0x72, 0x65, 0x61, 0x76, 0x65, 0x72, 0x2d, 0x6c, 0x69, 0x6b, 0x65, 0, 0, 0, 0, 1});
  rc.device = wsc::DeviceInfo{
      "wpslab", "attacker", "1", "0003", {1, wsc::kWfaDeviceTypeOui, 1}, "wpslab-attacker"};
  rc.device_password = crypto::to_secret(as_bytes(guess));
  rc.enrollee_is_ap = true;
  rc.eap_peer = false;
  proto::Registrar er(std::move(rc), er_rng);

  AttemptResult r;
  r.took = cfg.link_time + cfg.ap_dh_time;  // the AP's M1 needs its DH key
  ap.start(t0 + r.took);
  std::optional<proto::Succeeded> er_ok;
  std::optional<proto::Failed> er_failed;
  for (int guard = 0; guard < 64; ++guard) {
    bool moved = false;
    while (auto o = ap.poll_output()) {
      if (auto* m = std::get_if<proto::SendMessage>(&*o)) {
        moved = true;
        // M3 follows the AP's DH shared secret (from M2's public key); the rest is cheap.
        r.took += m->type == wsc::MsgType::M3 ? cfg.ap_dh_time : cfg.ap_msg_time;
        if (m->type == wsc::MsgType::M7) r.ap_proof_passed = true;
        er.on_message(m->payload, t0 + r.took);
      } else if (auto* f = std::get_if<proto::Failed>(&*o)) {
        if (!f->by_peer &&
            (f->reason == Errc::RHash1Mismatch || f->reason == Errc::RHash2Mismatch)) {
          r.ap_proof_failed = true;
        }
      }
    }
    while (auto o = er.poll_output()) {
      if (auto* m = std::get_if<proto::SendMessage>(&*o)) {
        moved = true;
        ap.on_message(m->payload, t0 + r.took);
      } else if (auto* ok = std::get_if<proto::Succeeded>(&*o)) {
        er_ok = std::move(*ok);
      } else if (auto* f = std::get_if<proto::Failed>(&*o)) {
        er_failed = *f;
      }
    }
    if (!moved) break;
  }
  r.took += cfg.attempt_delay;
  if (er_ok) {
    r.feedback = roles::GuessFeedback::Found;
  } else if (er_failed && er_failed->config_error == wsc::ConfigError::DevicePasswordAuthFailure &&
             er_failed->after == wsc::MsgType::M4) {
    r.feedback = roles::GuessFeedback::FirstHalfWrong;
  } else if (er_failed && er_failed->config_error == wsc::ConfigError::DevicePasswordAuthFailure &&
             er_failed->after == wsc::MsgType::M6) {
    r.feedback = roles::GuessFeedback::SecondHalfWrong;
  } else {
    r.feedback = roles::GuessFeedback::Refused;  // setup locked (error 15) or anything else
  }
  return r;
}

}  // namespace

Result<BruteForceResult> run_brute_force(const BruteForceConfig& cfg) {
  if (cfg.ap_pin.size() != 8 || !proto::check_pin(cfg.ap_pin).ok()) {
    return unexpected(Errc::ConfigBadValue);
  }
  crypto::Drbg ap_rng(cfg.seed, "AP"), er_rng(cfg.seed, "ATTACKER");
  roles::AccessPointConfig ac;
  ac.uuid = Uuid({0x57, 0x70, 0x73, 0x6c, 0x61, 0x62, 0x2d, 0x41, 0x50, 0, 0, 0, 0, 0, 0, 1});
  ac.ap_pin = cfg.ap_pin;
  proto::ApSetupLock::Config lc;
  lc.policy = cfg.lock;
  proto::ApSetupLock lock(lc);
  roles::PinGuesser guesser(cfg.first_start);

  BruteForceResult res;
  TimePoint t{};
  const TimePoint horizon = TimePoint{} + cfg.horizon;
  auto lock_changes = [&] {
    while (auto c = lock.poll_change()) {
      if (c->locked) {
        if (res.lock_events == 0) res.first_lock = c->at;
        res.last_lock = c->at;
        ++res.lock_events;
      }
    }
  };
  while (!guesser.found() && !guesser.exhausted()) {
    if (t >= horizon) {
      res.horizon_reached = true;
      break;
    }
    if (auto d = lock.next_deadline(); d && *d <= t) lock.on_deadline(t);
    lock_changes();
    if (lock.locked()) {
      // The beacon says AP Setup Locked = 1: wait and look again (reaver's --lock-delay).
      if (lock.locked_indefinitely()) {
        // Nothing will change before the horizon: skip the waiting, count it as done.
        auto left = horizon - t;
        res.waits += static_cast<int>(left / cfg.lock_wait) + 1;
        t = horizon;
        continue;
      }
      ++res.waits;
      t += cfg.lock_wait;
      continue;
    }
    auto guess = guesser.next();
    AttemptResult a = attempt(ac, lock.locked(), *guess, cfg, ap_rng, er_rng, t);
    TimePoint end_of_proof = t + (a.took - cfg.attempt_delay);
    if (a.ap_proof_failed) lock.on_failure(end_of_proof);
    if (a.ap_proof_passed) lock.on_success(end_of_proof);
    lock_changes();
    guesser.on_feedback(a.feedback);
    t += a.took;
    if (guesser.found()) res.pin_found = *guess;
  }
  res.attempts = guesser.attempts();
  res.first_half_attempt = guesser.first_half_attempt();
  res.locked_indefinitely = lock.locked_indefinitely();
  res.end = t;
  return res;
}

}  // namespace wps::sim
