// The AP-PIN method through the composed roles: the station as external Registrar, the AP as
// Enrollee with its AP PIN, and the AP setup lock (hostapd's policy, WPS-FACTS §8) across runs.
#include <gtest/gtest.h>

#include "crypto/crypto.hpp"
#include "roles/access_point.hpp"
#include "roles/station.hpp"

namespace wps::roles {
namespace {

struct Attempt {
  StationResult result;
  int lock_events = 0;
};

/// A station configured as the AP's external registrar with this AP PIN. Kept out of line: inlined
/// into attempt() below, GCC 12 reports a false -Wmaybe-uninitialized on the optional<string>.
[[gnu::noinline]] StationConfig registrar_config(std::string pin) {
  StationConfig sc;
  sc.ap_pin = std::move(pin);
  return sc;
}

/// One station (a new one each time) against the same AP, from `now` until the station is done.
Attempt attempt(AccessPoint& ap, std::string pin, TimePoint& now, Rng& srng) {
  Station sta(registrar_config(std::move(pin)), srng);
  Attempt a;
  sta.start(now);
  for (int guard = 0; guard < 20000 && !sta.done(); ++guard) {
    bool moved = false;
    while (auto f = ap.poll_transmit()) {
      sta.on_frame(*f, now);
      moved = true;
    }
    while (auto f = sta.poll_transmit()) {
      ap.on_frame(*f, now);
      moved = true;
    }
    while (auto e = ap.poll_event()) a.lock_events += std::holds_alternative<SetupLockChanged>(*e);
    while (auto e = sta.poll_event()) {
    }
    if (moved) {
      now += std::chrono::microseconds(200);
      continue;
    }
    std::optional<TimePoint> d;
    for (auto x : {ap.next_deadline(), sta.next_deadline()})
      if (x && (!d || *x < *d)) d = x;
    if (!d) break;
    now = std::max(now, *d);
    ap.on_deadline(now);
    sta.on_deadline(now);
  }
  while (auto f = sta.poll_transmit()) ap.on_frame(*f, now);
  while (auto e = ap.poll_event()) a.lock_events += std::holds_alternative<SetupLockChanged>(*e);
  a.result = sta.result();
  now += std::chrono::seconds(1);
  return a;
}

TEST(ApPin, LearnsTheApSettingsAndJoins) {
  crypto::Drbg arng(3, "ap"), srng(3, "sta");
  AccessPointConfig ac;
  ac.ap_pin = "12345670";
  ac.max_beacons = 0;
  TimePoint now{};
  AccessPoint ap(ac, arng, now);
  auto a = attempt(ap, "12345670", now, srng);
  EXPECT_TRUE(a.result.connected);
  ASSERT_TRUE(a.result.credential);
  EXPECT_EQ(std::string(as_chars(a.result.credential->ssid)), "wpslab");
  EXPECT_EQ(a.lock_events, 0);
}

TEST(ApPin, ThreeWrongPinsLockTheApUntilTheLockoutEnds) {
  crypto::Drbg arng(4, "ap"), srng(4, "sta");
  AccessPointConfig ac;
  ac.ap_pin = "12345670";
  ac.max_beacons = 0;
  TimePoint now{};
  AccessPoint ap(ac, arng, now);
  // Wrong first half twice, wrong second half once: three failed AP-PIN proofs.
  for (const char* wrong : {"87654325", "00000000", "12340002"}) {
    auto a = attempt(ap, wrong, now, srng);
    EXPECT_FALSE(a.result.connected) << wrong;
    ASSERT_TRUE(a.result.wps_failure) << wrong;
    EXPECT_EQ(a.result.wps_failure->config_error, wsc::ConfigError::DevicePasswordAuthFailure);
    EXPECT_FALSE(a.result.ap_setup_locked_seen);
  }
  EXPECT_TRUE(ap.setup_lock().locked());
  EXPECT_EQ(ap.setup_lock().failures(), 3);
  // Locked: even the right PIN is refused at M2 with error 15, and the probe response says so.
  auto locked = attempt(ap, "12345670", now, srng);
  EXPECT_FALSE(locked.result.connected);
  ASSERT_TRUE(locked.result.wps_failure);
  EXPECT_EQ(locked.result.wps_failure->config_error, wsc::ConfigError::SetupLocked);
  EXPECT_EQ(locked.result.wps_failure->after, wsc::MsgType::M2);
  EXPECT_TRUE(locked.result.ap_setup_locked_seen);
  EXPECT_EQ(ap.setup_lock().failures(), 3);  // a refusal is not a failed proof
  // 60 s after the third failure the AP unlocks; the right PIN then works and clears the
  // consecutive count.
  ASSERT_TRUE(ap.next_deadline());
  now = std::max(now, *ap.next_deadline());
  ap.on_deadline(now);
  EXPECT_FALSE(ap.setup_lock().locked());
  auto ok = attempt(ap, "12345670", now, srng);
  EXPECT_TRUE(ok.result.connected);
  EXPECT_FALSE(ok.result.ap_setup_locked_seen);
  EXPECT_EQ(ap.setup_lock().consecutive_failures(), 0);
}

TEST(ApPin, ConfiguredLockRefusesAtM2) {
  crypto::Drbg arng(5, "ap"), srng(5, "sta");
  AccessPointConfig ac;
  ac.ap_pin = "12345670";
  ac.ap_setup_locked = true;
  ac.max_beacons = 0;
  TimePoint now{};
  AccessPoint ap(ac, arng, now);
  auto a = attempt(ap, "12345670", now, srng);
  ASSERT_TRUE(a.result.wps_failure);
  EXPECT_EQ(a.result.wps_failure->config_error, wsc::ConfigError::SetupLocked);
  EXPECT_TRUE(a.result.ap_setup_locked_seen);
}

TEST(ApPin, NewSettingsAreAppliedByTheAp) {
  crypto::Drbg arng(6, "ap"), srng(6, "sta");
  AccessPointConfig ac;
  ac.ap_pin = "12345670";
  ac.max_beacons = 0;
  TimePoint now{};
  AccessPoint ap(ac, arng, now);
  StationConfig sc;
  sc.ap_pin = "12345670";
  wsc::Credential c;
  c.ssid = to_bytes("lab-new");
  c.network_key = crypto::to_secret(as_bytes("new-passphrase-9"));
  sc.new_ap_settings = c;
  Station sta(sc, srng);
  sta.start(now);
  for (int guard = 0; guard < 20000 && !sta.done(); ++guard) {
    bool moved = false;
    while (auto f = ap.poll_transmit()) {
      sta.on_frame(*f, now);
      moved = true;
    }
    while (auto f = sta.poll_transmit()) {
      ap.on_frame(*f, now);
      moved = true;
    }
    while (ap.poll_event()) {
    }
    while (sta.poll_event()) {
    }
    if (moved) {
      now += std::chrono::microseconds(200);
      continue;
    }
    std::optional<TimePoint> d;
    for (auto x : {ap.next_deadline(), sta.next_deadline()})
      if (x && (!d || *x < *d)) d = x;
    if (!d) break;
    now = std::max(now, *d);
    ap.on_deadline(now);
    sta.on_deadline(now);
  }
  EXPECT_TRUE(sta.result().connected);
  EXPECT_EQ(ap.config().ssid, "lab-new");
  EXPECT_EQ(ap.config().passphrase, "new-passphrase-9");
}

}  // namespace
}  // namespace wps::roles
