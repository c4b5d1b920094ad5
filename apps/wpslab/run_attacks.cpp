#include "apps/wpslab/run_attacks.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "sim/brute_force.hpp"
#include "wps/pin.hpp"

namespace wpslab {

namespace {

wps::Duration from_s(double s) {
  return std::chrono::duration_cast<wps::Duration>(std::chrono::duration<double>(s));
}

std::string human(double s) {
  if (s < 120) return fmt::format("{:.1f} s", s);
  if (s < 2 * 3600) return fmt::format("{:.1f} min", s / 60);
  if (s < 2 * 86400) return fmt::format("{:.1f} h", s / 3600);
  return fmt::format("{:.1f} days", s / 86400);
}

double cpu_seconds() {
  std::timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int run_brute_force_lab(const BruteForceOptions& o) {
  auto fail = [](const std::string& m) {
    std::fprintf(stderr, "wpslab run brute-force: %s\n", m.c_str());
    return 1;
  };
  if (o.ap_pin.size() != 8 || !wps::proto::check_pin(o.ap_pin).ok()) {
    return fail("--ap-pin must be 8 digits with a valid checksum (got " + o.ap_pin + ")");
  }
  auto policy = wps::proto::parse_lock_policy(o.lock);
  if (!policy) return fail("--lock must be hostapd or none");
  for (double v : {o.delay_s, o.lock_wait_s, o.ap_dh_s, o.ap_msg_s}) {
    if (!(v >= 0 && v <= 86400)) return fail("times must be 0..86400 s");
  }
  if (!(o.lock_wait_s > 0)) return fail("--lock-wait must be > 0");
  if (!(o.horizon_h > 0 && o.horizon_h <= 24.0 * 365 * 100))
    return fail("--horizon must be 0..876000 h");

  wps::sim::BruteForceConfig c;
  c.ap_pin = o.ap_pin;
  c.lock = *policy;
  c.seed = o.seed;
  c.first_start = o.first_start % 10000;
  c.attempt_delay = from_s(o.delay_s);
  c.lock_wait = from_s(o.lock_wait_s);
  c.ap_dh_time = from_s(o.ap_dh_s);
  c.ap_msg_time = from_s(o.ap_msg_s);
  c.horizon = from_s(o.horizon_h * 3600);

  double cpu0 = cpu_seconds();
  auto r = wps::sim::run_brute_force(c);
  double cpu = cpu_seconds() - cpu0;
  if (!r) return fail("simulation failed: " + wps::describe(r.error()));
  double vt = r->end.seconds();

  if (o.json) {
    nlohmann::json j;
    j["scenario"] = "brute-force";
    j["seed"] = o.seed;
    j["ap_pin"] = o.ap_pin;
    j["lock"] = o.lock;
    j["pin_found"] = r->pin_found ? nlohmann::json(*r->pin_found) : nlohmann::json(nullptr);
    j["attempts"] = r->attempts;
    j["first_half_found"] = r->first_half_attempt > 0;
    j["first_half_attempt"] = r->first_half_attempt;
    j["virtual_time_s"] = vt;
    j["lock_events"] = r->lock_events;
    j["lock_waits"] = r->waits;
    j["locked_indefinitely"] = r->locked_indefinitely;
    j["first_lock_s"] = r->lock_events ? nlohmann::json(r->first_lock.seconds())
                                       : nlohmann::json(nullptr);
    j["last_lock_s"] = r->lock_events ? nlohmann::json(r->last_lock.seconds())
                                      : nlohmann::json(nullptr);
    j["horizon_s"] = o.horizon_h * 3600;
    j["horizon_reached"] = r->horizon_reached;
    j["theoretical_worst_attempts"] = 11000;
    j["theoretical_average_attempts"] = 5500;
    j["cpu_s"] = cpu;
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("brute force of the AP PIN (simulated AP, lock policy %s, seed %llu)\n",
                o.lock.c_str(), static_cast<unsigned long long>(o.seed));
    std::printf("timing: attacker waits %.2f s between attempts and %.0f s when the AP is "
                "locked; the AP takes %.2f s per DH operation and %.3f s per other message\n",
                o.delay_s, o.lock_wait_s, o.ap_dh_s, o.ap_msg_s);
    if (r->pin_found) {
      std::printf("PIN found: %s after %d attempts (first half at attempt %d), %s virtual "
                  "(%.0f s)\n",
                  r->pin_found->c_str(), r->attempts, r->first_half_attempt, human(vt).c_str(), vt);
    } else {
      std::printf("PIN not found after %d attempts (first half %s), %s virtual (%.0f s)%s\n",
                  r->attempts,
                  r->first_half_attempt > 0
                      ? fmt::format("found at attempt {}", r->first_half_attempt).c_str()
                      : "not found",
                  human(vt).c_str(), vt, r->horizon_reached ? ": horizon reached" : "");
    }
    if (r->lock_events > 0) {
      std::printf("AP setup lock: locked %d time(s), first at %s; attacker waited %d time(s)%s\n",
                  r->lock_events, human(r->first_lock.seconds()).c_str(), r->waits,
                  r->locked_indefinitely
                      ? fmt::format("; from {} on the AP is locked until its PIN is set again "
                                    "(10 consecutive failures)",
                                    human(r->last_lock.seconds()))
                            .c_str()
                      : "");
    }
    std::printf("theory: at most 11,000 attempts (10^4 first halves + 10^3 second halves, the "
                "checksum digit computed), ~5,500 on average; without the split 10^7\n");
    std::printf("cpu: %.2f s\n", cpu);
  }
  return r->pin_found ? 0 : 2;
}

}  // namespace wpslab
