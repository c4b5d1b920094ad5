// The composed AccessPoint and Station, wired frame by frame (a minimal loss-free medium), through
// the whole connection and its failure cases.
#include "roles/access_point.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "crypto/crypto.hpp"
#include "dot11/codec.hpp"
#include "roles/station.hpp"

namespace wps::roles {
namespace {

struct Run {
  std::vector<Event> ap_events, sta_events;
  std::vector<std::pair<bool, Bytes>> air;  // (from_ap, frame)
  StationResult result;
  TimePoint end;
};

/// Runs until the station is done (or 200 s virtual). `at(t, ap)` lets a test act on the AP at
/// given times (e.g. the user entering the PIN late).
Run run(AccessPointConfig ac, StationConfig sc, std::vector<std::string> ap_pins,
        std::function<void(TimePoint, AccessPoint&)> late = nullptr, TimePoint late_at = {}) {
  crypto::Drbg arng(11, "ap"), srng(11, "sta");
  TimePoint now{};
  AccessPoint ap(std::move(ac), arng, now);
  for (auto& p : ap_pins) ap.add_pin(p, now);
  Station sta(std::move(sc), srng);
  Run r;
  bool late_done = !late;
  sta.start(now + std::chrono::milliseconds(150));
  now += std::chrono::milliseconds(150);
  for (int guard = 0; guard < 20000 && !sta.done(); ++guard) {
    bool moved = false;
    while (auto f = ap.poll_transmit()) {
      r.air.emplace_back(true, *f);
      sta.on_frame(*f, now);
      moved = true;
    }
    while (auto f = sta.poll_transmit()) {
      r.air.emplace_back(false, *f);
      ap.on_frame(*f, now);
      moved = true;
    }
    while (auto e = ap.poll_event()) r.ap_events.push_back(std::move(*e));
    while (auto e = sta.poll_event()) r.sta_events.push_back(std::move(*e));
    if (moved) {
      now += std::chrono::microseconds(200);
      continue;
    }
    auto d1 = ap.next_deadline(), d2 = sta.next_deadline();
    std::optional<TimePoint> d;
    for (auto x : {d1, d2})
      if (x && (!d || *x < *d)) d = x;
    if (!late_done && (!d || late_at <= *d)) {
      now = std::max(now, late_at);
      late(now, ap);
      late_done = true;
      continue;
    }
    if (!d || *d > TimePoint::from_ns(200'000'000'000)) break;
    now = std::max(now, *d);
    ap.on_deadline(now);
    sta.on_deadline(now);
  }
  // Let the AP process whatever the station sent last.
  while (auto f = sta.poll_transmit()) {
    r.air.emplace_back(false, *f);
    ap.on_frame(*f, now);
  }
  while (auto e = ap.poll_event()) r.ap_events.push_back(std::move(*e));
  r.result = sta.result();
  r.end = now;
  return r;
}

template <typename T>
int count(const std::vector<Event>& v) {
  int n = 0;
  for (auto& e : v) n += std::holds_alternative<T>(e);
  return n;
}

TEST(Roles, StaPinConnectsAndSendsAProtectedFrame) {
  auto r = run({}, {}, {"12345670"});
  EXPECT_TRUE(r.result.connected);
  ASSERT_TRUE(r.result.credential);
  EXPECT_EQ(as_chars(r.result.credential->ssid), "wpslab");
  EXPECT_EQ(r.result.wps_attempts, 1);
  EXPECT_EQ(count<WpsSucceeded>(r.ap_events), 1);
  EXPECT_EQ(count<KeysReady>(r.ap_events), 1);
  ASSERT_EQ(count<DataDecrypted>(r.ap_events), 1);
  for (auto& e : r.ap_events) {
    if (auto* d = std::get_if<DataDecrypted>(&e)) {
      // LLC/SNAP IPv4, UDP 68 -> 67: the DHCP Discover came through CCMP intact.
      ASSERT_GT(d->msdu.size(), 40u);
      EXPECT_EQ(d->msdu[6], 0x08);
      EXPECT_EQ(d->msdu[7], 0x00);
      EXPECT_EQ(d->msdu, dhcp_discover_msdu(MacAddr({2, 0, 0, 0, 0x0b, 1}), 0x77707300u));
    }
  }
  // The AP deauthenticated the station after EAP-Failure with reason 23.
  bool deauth23 = false;
  for (auto& [from_ap, f] : r.air) {
    if (from_ap && f.size() >= 26 && f[0] == 0xc0) deauth23 |= f[24] == 23 && f[25] == 0;
  }
  EXPECT_TRUE(deauth23);
}

TEST(Roles, LatePinM2DThenRetrySucceeds) {
  auto r = run(
      {}, {}, {}, [](TimePoint now, AccessPoint& ap) { ap.add_pin("12345670", now); },
      TimePoint::from_ns(1'000'000'000));
  EXPECT_TRUE(r.result.connected);
  EXPECT_EQ(r.result.wps_attempts, 2);
  EXPECT_EQ(count<proto::PinNeeded>(r.ap_events), 1);
}

TEST(Roles, WrongFirstHalfEndsAtM4WithoutCredential) {
  auto r = run({}, {}, {"87654325"});
  EXPECT_FALSE(r.result.connected);
  EXPECT_FALSE(r.result.credential);
  ASSERT_TRUE(r.result.wps_failure);
  EXPECT_EQ(r.result.wps_failure->reason, Errc::RHash1Mismatch);
  EXPECT_EQ(r.result.failed_step, "M4");
}

TEST(Roles, WrongSecondHalfEndsAtM6) {
  auto r = run({}, {}, {"12341238"});
  EXPECT_FALSE(r.result.connected);
  ASSERT_TRUE(r.result.wps_failure);
  EXPECT_EQ(r.result.wps_failure->reason, Errc::RHash2Mismatch);
  EXPECT_EQ(r.result.failed_step, "M6");
}

TEST(Roles, StaleCredentialFailsAtMessage2Mic) {
  StationConfig sc;
  wsc::Credential old;
  old.ssid = to_bytes("wpslab");
  old.network_key = crypto::to_secret(as_bytes("the-old-passphrase"));
  sc.credential = old;
  auto r = run({}, sc, {});
  EXPECT_FALSE(r.result.connected);
  bool mic_at_2 = false;
  for (auto& e : r.ap_events) {
    if (auto* h = std::get_if<HandshakeFailed>(&e)) {
      mic_at_2 = h->failure.reason == Errc::KeyMicMismatch &&
                 h->failure.message == wpa2::KeyMessage::Pairwise2;
    }
  }
  EXPECT_TRUE(mic_at_2);
}

TEST(Roles, PushButtonOnBothSidesConnectsAndEndsPbcMode) {
  StationConfig sc;
  sc.pbc = true;
  auto r = run(
      {}, sc, {}, [](TimePoint now, AccessPoint& ap) { EXPECT_TRUE(ap.push_button(now)); },
      TimePoint::from_ns(0));
  EXPECT_TRUE(r.result.connected);
  EXPECT_EQ(r.result.wps_attempts, 1);
  std::vector<proto::PbcEvent> pbc;
  for (auto& e : r.ap_events)
    if (auto* p = std::get_if<PbcStatus>(&e)) pbc.push_back(p->event);
  EXPECT_EQ(pbc, (std::vector{proto::PbcEvent::Active, proto::PbcEvent::Disabled}));
}

TEST(Roles, PushButtonStationIgnoresAnApWithOnlyAPinAndGivesUpAfterTheWalkTime) {
  StationConfig sc;
  sc.pbc = true;
  sc.walk_time = std::chrono::seconds(5);
  auto r = run({}, sc, {"12345670"});  // Selected Registrar for a PIN (DPID 0), no button
  EXPECT_FALSE(r.result.connected);
  EXPECT_TRUE(r.result.pbc_walk_expired);
  EXPECT_EQ(r.result.wps_attempts, 0);
  EXPECT_GE(r.end, TimePoint::from_ns(4'000'000'000));
}

TEST(Roles, PushButtonStationWithoutTheApButtonGetsM2DAndDoesNotRetry) {
  // The station's M1 reaches an AP whose button was never pressed only if it does not wait for
  // PBC mode; here the AP's button is pressed and cancelled, so the station sees no PBC AP.
  StationConfig sc;
  sc.pbc = true;
  sc.walk_time = std::chrono::seconds(3);
  auto r = run(
      {}, sc, {},
      [](TimePoint now, AccessPoint& ap) {
        ASSERT_TRUE(ap.push_button(now));
        ap.cancel_pbc(now);
      },
      TimePoint::from_ns(0));
  EXPECT_FALSE(r.result.connected);
  EXPECT_TRUE(r.result.pbc_walk_expired);
}

}  // namespace
}  // namespace wps::roles
