// Push button: the PBC session monitor (walk time, monitor time, overlap rule, the wait after a
// success), the enrollee's scan overlap rule, and registrations through the same Enrollee and
// Registrar engines with Device Password ID 4 (WPS-FACTS §9, NFC-PBC-FACTS §9).
#include "wps/pbc.hpp"

#include <gtest/gtest.h>

#include "crypto/crypto.hpp"
#include "wps/enrollee.hpp"
#include "wps/registrar.hpp"
#include "wsc/wsc.hpp"

namespace wps::proto {
namespace {

using wsc::MsgType;
using namespace std::chrono_literals;

TimePoint at(Duration d) {
  return TimePoint{} + d;
}

Uuid uuid_of(std::uint8_t b) {
  std::array<std::uint8_t, 16> a{};
  a.fill(b);
  return Uuid(a);
}
MacAddr mac_of(std::uint8_t b) {
  return MacAddr({0x02, 0, 0, 0, 0x0b, b});
}

std::vector<PbcEvent> events(PbcMonitor& m) {
  std::vector<PbcEvent> v;
  while (auto e = m.poll_event()) v.push_back(*e);
  return v;
}

TEST(PbcMonitor, PressRunsForTheWalkTimeThenTimesOut) {
  PbcMonitor m;
  EXPECT_FALSE(m.active());
  ASSERT_TRUE(m.press(at(1s)));
  EXPECT_TRUE(m.active());
  EXPECT_EQ(m.next_deadline(), at(121s));
  m.on_deadline(at(120s));
  EXPECT_TRUE(m.active());
  m.on_deadline(at(121s));
  EXPECT_FALSE(m.active());
  EXPECT_EQ(events(m), (std::vector{PbcEvent::Active, PbcEvent::Timeout}));
}

TEST(PbcMonitor, CancelEndsPbcMode) {
  PbcMonitor m;
  m.cancel();  // not active: nothing to report
  ASSERT_TRUE(m.press(at(0s)));
  m.cancel();
  EXPECT_FALSE(m.active());
  EXPECT_FALSE(m.next_deadline());
  EXPECT_EQ(events(m), (std::vector{PbcEvent::Active, PbcEvent::Cancelled}));
}

TEST(PbcMonitor, TwoEnrolleesInProbeRequestsRefuseThePress) {
  PbcMonitor m;
  m.on_probe_request(mac_of(1), uuid_of(1), at(0s));
  m.on_probe_request(mac_of(2), uuid_of(2), at(10s));
  EXPECT_EQ(m.enrollees(at(10s)), 2u);
  EXPECT_FALSE(m.press(at(20s)));
  EXPECT_FALSE(m.active());
  EXPECT_EQ(events(m), std::vector{PbcEvent::OverlapDetected});
  // 120 s after the first probe only one enrollee is left in the window: the press works.
  EXPECT_FALSE(m.press(at(120s)));
  EXPECT_TRUE(m.press(at(120s) + 1ns));
}

TEST(PbcMonitor, SameUuidFromTwoMacsCountsOnce) {
  PbcMonitor m;
  m.on_probe_request(mac_of(1), uuid_of(7), at(0s));
  m.on_probe_request(mac_of(2), uuid_of(7), at(1s));  // dual-band station
  EXPECT_EQ(m.enrollees(at(1s)), 1u);
  EXPECT_FALSE(m.overlap(uuid_of(7), at(1s)));
  EXPECT_TRUE(m.overlap(uuid_of(8), at(1s)));
  EXPECT_TRUE(m.press(at(2s)));
}

TEST(PbcMonitor, M1OverlapCondemnsTheRunningSessionUntilTheNextPress) {
  PbcMonitor m;
  ASSERT_TRUE(m.press(at(0s)));
  EXPECT_EQ(m.on_m1(mac_of(1), uuid_of(1), at(1s)), PbcM1Decision::Accept);
  EXPECT_FALSE(m.reject_running());
  // The same enrollee again (a retry) is no overlap.
  EXPECT_EQ(m.on_m1(mac_of(1), uuid_of(1), at(2s)), PbcM1Decision::Accept);
  EXPECT_EQ(m.on_m1(mac_of(2), uuid_of(2), at(3s)), PbcM1Decision::Overlap);
  EXPECT_TRUE(m.reject_running());
  // Even the first enrollee is refused now (hostapd's force_pbc_overlap).
  EXPECT_EQ(m.on_m1(mac_of(1), uuid_of(1), at(4s)), PbcM1Decision::Overlap);
  // An M1 refused for overlap is not remembered: still one enrollee in the window.
  EXPECT_EQ(m.enrollees(at(4s)), 1u);
  // One session (uuid 1) in the window: a new press is accepted and clears the flag.
  EXPECT_TRUE(m.press(at(5s)));
  EXPECT_FALSE(m.reject_running());
  auto ev = events(m);
  EXPECT_EQ(std::count(ev.begin(), ev.end(), PbcEvent::OverlapDetected), 2);
}

TEST(PbcMonitor, M1WithoutButtonIsNeitherCheckedNorCounted) {
  // hostapd (pbc-nobutton capture; and tested over veth in test_pbc_overlap_wire.sh): outside PBC
  // mode an M1 with DPID 4 only gets M2D.
  PbcMonitor m;
  EXPECT_EQ(m.on_m1(mac_of(1), uuid_of(1), at(0s)), PbcM1Decision::NotActive);
  EXPECT_EQ(m.enrollees(at(0s)), 0u);
  EXPECT_EQ(m.on_m1(mac_of(2), uuid_of(2), at(1s)), PbcM1Decision::NotActive);
  EXPECT_TRUE(m.press(at(2s)));
}

TEST(PbcMonitor, SuccessRemovesTheEnrolleeAndIgnoresItsProbesForFiveSeconds) {
  PbcMonitor m;
  m.on_probe_request(mac_of(1), uuid_of(1), at(0s));
  ASSERT_TRUE(m.press(at(1s)));
  ASSERT_EQ(m.on_m1(mac_of(1), uuid_of(1), at(2s)), PbcM1Decision::Accept);
  m.completed(mac_of(1), uuid_of(1), at(3s));
  EXPECT_FALSE(m.active());
  EXPECT_EQ(m.enrollees(at(3s)), 0u);
  m.on_probe_request(mac_of(1), uuid_of(1), at(7s));  // still probing: ignored
  EXPECT_EQ(m.enrollees(at(7s)), 0u);
  m.on_probe_request(mac_of(1), uuid_of(1), at(8s));  // 5 s later it counts again
  EXPECT_EQ(m.enrollees(at(8s)), 1u);
  EXPECT_EQ(events(m), (std::vector{PbcEvent::Active, PbcEvent::Disabled}));
}

TEST(PbcScan, OneUuidOnTwoBssidsIsNoOverlapTwoUuidsAre) {
  PbcAp a{MacAddr({2, 0, 0, 0, 0x0a, 1}), uuid_of(0xa1)};
  PbcAp a5{MacAddr({2, 0, 0, 0, 0x0a, 2}), uuid_of(0xa1)};
  PbcAp b{MacAddr({2, 0, 0, 0, 0x0a, 3}), uuid_of(0xb1)};
  EXPECT_FALSE(pbc_scan_overlap({}));
  EXPECT_FALSE(pbc_scan_overlap({a}));
  EXPECT_FALSE(pbc_scan_overlap({a, a5}));
  EXPECT_TRUE(pbc_scan_overlap({a, b}));
  EXPECT_TRUE(pbc_scan_overlap({a, a5, b}));
  // Without a UUID (beacon only) two BSSIDs count as two APs.
  EXPECT_TRUE(pbc_scan_overlap({PbcAp{a.bssid, {}}, PbcAp{a5.bssid, {}}}));
}

// ---------------------------------------------------------------------------------------------
// Registrations with Device Password ID 4

EnrolleeConfig pbc_enrollee(std::uint8_t id) {
  EnrolleeConfig c;
  c.uuid = uuid_of(id);
  c.mac = mac_of(id);
  c.device = {"wpslab", "STA", "1", "0001", {1, wsc::kWfaDeviceTypeOui, 1}, "wpslab-sta"};
  c.password_id = wsc::DevicePasswordId::PushButton;
  c.device_password = crypto::to_secret(as_bytes(kPbcPassword));
  return c;
}

RegistrarConfig pbc_registrar(PbcMonitor* pbc, PinStore* pins) {
  RegistrarConfig c;
  c.uuid = uuid_of(0xa0);
  c.device = {"wpslab", "AP", "1", "0002", {6, wsc::kWfaDeviceTypeOui, 1}, "wpslab-ap"};
  c.pbc = pbc;
  c.pins = pins;
  c.network.emplace();
  c.network->ssid = to_bytes("wpslab-net");
  c.network->network_key = crypto::to_secret(as_bytes("correct horse battery"));
  return c;
}

struct Out {
  std::vector<SendMessage> sent;
  std::optional<Succeeded> succeeded;
  std::optional<Failed> failed;
  bool pin_needed = false;
};

template <typename E>
void drain(E& e, Out& o) {
  while (auto x = e.poll_output()) {
    std::visit(
        [&](auto&& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, SendMessage>) o.sent.push_back(v);
          if constexpr (std::is_same_v<T, Succeeded>) o.succeeded = std::move(v);
          if constexpr (std::is_same_v<T, Failed>) o.failed = v;
          if constexpr (std::is_same_v<T, PinNeeded>) o.pin_needed = true;
        },
        std::move(*x));
  }
}

/// One enrollee and its registrar session, stepped one message at a time.
struct Pair {
  crypto::Drbg erng, rrng;
  Enrollee enr;
  Registrar reg;
  Out e, r;
  std::size_t ei = 0, ri = 0;
  Pair(std::uint8_t id, RegistrarConfig rc)
      : erng(id, "enrollee"),
        rrng(id, "registrar"),
        enr(pbc_enrollee(id), erng),
        reg(std::move(rc), rrng) {}
  /// Delivers the enrollee's next message to the registrar and the answers back.
  bool step(TimePoint now) {
    drain(enr, e);
    if (ei == e.sent.size()) return false;
    reg.on_message(e.sent[ei++].payload, now);
    drain(reg, r);
    while (ri < r.sent.size()) enr.on_message(r.sent[ri++].payload, now);
    drain(enr, e);
    return true;
  }
  void run(TimePoint now) {
    while (step(now)) {
    }
  }
};

wsc::DevicePasswordId dpid_of_m1(const Out& o) {
  return wsc::parse_m1(o.sent.at(0).payload).value().device_password_id;
}

TEST(PbcRegistration, ButtonPressedRunsM1ToM8WithDpid4) {
  PbcMonitor mon;
  PinStore pins;
  ASSERT_TRUE(mon.press(at(0s)));
  Pair p(1, pbc_registrar(&mon, &pins));
  p.enr.start(at(1s));
  p.run(at(1s));
  ASSERT_TRUE(p.e.succeeded);
  ASSERT_TRUE(p.r.succeeded);
  ASSERT_EQ(p.e.succeeded->credentials.size(), 1u);
  EXPECT_EQ(p.e.succeeded->credentials[0].ssid, to_bytes("wpslab-net"));
  EXPECT_EQ(dpid_of_m1(p.e), wsc::DevicePasswordId::PushButton);
  // M2 echoes Device Password ID 4 (NFC-PBC-FACTS §9.1).
  ASSERT_EQ(p.r.sent.at(0).type, MsgType::M2);
  auto m2 = wsc::parse_m2(p.r.sent[0].payload);
  ASSERT_TRUE(m2);
  EXPECT_EQ(m2->device_password_id, wsc::DevicePasswordId::PushButton);
  // Success ends PBC mode and forgets the enrollee.
  EXPECT_FALSE(mon.active());
  EXPECT_EQ(mon.enrollees(at(1s)), 0u);
}

TEST(PbcRegistration, WithoutTheButtonM2DErrorZeroAndNoPinNeeded) {
  PbcMonitor mon;
  PinStore pins;
  pins.add("12345670");  // a PIN waiting does not serve a PBC enrollee
  Pair p(1, pbc_registrar(&mon, &pins));
  p.enr.start(at(0s));
  p.run(at(0s));
  ASSERT_TRUE(p.e.failed);
  EXPECT_EQ(p.e.failed->reason, Errc::PeerM2D);
  ASSERT_TRUE(p.r.failed);
  EXPECT_EQ(p.r.failed->reason, Errc::NoDevicePassword);
  EXPECT_EQ(p.r.failed->config_error, wsc::ConfigError::NoError);
  EXPECT_FALSE(p.r.pin_needed);
  EXPECT_TRUE(pins.any_available(at(0s)));
}

TEST(PbcRegistration, WithoutTheButtonSetupLockedSays15) {
  PbcMonitor mon;
  auto rc = pbc_registrar(&mon, nullptr);
  rc.setup_locked = true;
  Pair p(1, std::move(rc));
  p.enr.start(at(0s));
  p.run(at(0s));
  ASSERT_TRUE(p.e.failed);
  EXPECT_EQ(p.e.failed->config_error, wsc::ConfigError::SetupLocked);
}

TEST(PbcRegistration, OverlapLateM1GetsM2D12RunningSessionGetsNack12) {
  PbcMonitor mon;
  ASSERT_TRUE(mon.press(at(0s)));
  Pair b(1, pbc_registrar(&mon, nullptr));
  Pair c(2, pbc_registrar(&mon, nullptr));
  b.enr.start(at(1s));
  ASSERT_TRUE(b.step(at(1s)));  // B: M1 -> M2 (accepted)
  ASSERT_EQ(b.r.sent.back().type, MsgType::M2);
  c.enr.start(at(2s));
  c.run(at(2s));  // C: M1 -> M2D(12) -> ACK
  ASSERT_EQ(c.r.sent.at(0).type, MsgType::M2D);
  auto m2d = wsc::parse_m2d(c.r.sent[0].payload);
  ASSERT_TRUE(m2d);
  EXPECT_EQ(m2d->config_error, wsc::ConfigError::MultiplePbcSessionsDetected);
  ASSERT_TRUE(c.r.failed);
  EXPECT_EQ(c.r.failed->reason, Errc::PbcOverlap);
  EXPECT_EQ(c.r.failed->config_error, wsc::ConfigError::MultiplePbcSessionsDetected);
  ASSERT_TRUE(c.e.failed);
  EXPECT_EQ(c.e.failed->reason, Errc::PeerM2D);
  EXPECT_EQ(c.e.failed->config_error, wsc::ConfigError::MultiplePbcSessionsDetected);
  EXPECT_FALSE(c.e.succeeded);

  b.run(at(3s));  // B: M3 -> WSC_NACK(12)
  ASSERT_TRUE(b.r.failed);
  EXPECT_EQ(b.r.failed->reason, Errc::PbcOverlap);
  EXPECT_EQ(b.r.failed->at, MsgType::M3);
  EXPECT_TRUE(b.r.failed->nack_sent);
  EXPECT_EQ(b.r.sent.back().type, MsgType::WscNack);
  auto nack = wsc::parse_wsc_nack(b.r.sent.back().payload);
  ASSERT_TRUE(nack);
  EXPECT_EQ(nack->config_error, wsc::ConfigError::MultiplePbcSessionsDetected);
  ASSERT_TRUE(b.e.failed);
  EXPECT_EQ(b.e.failed->reason, Errc::PeerNack);
  EXPECT_FALSE(b.e.succeeded);
}

TEST(PbcRegistration, RegistrarWithoutMonitorIgnoresThePushButtonId) {
  // An external registrar with a fixed password: DPID 4 is just another ID.
  RegistrarConfig rc = pbc_registrar(nullptr, nullptr);
  rc.device_password = crypto::to_secret(as_bytes(kPbcPassword));
  Pair p(1, std::move(rc));
  p.enr.start(at(0s));
  p.run(at(0s));
  EXPECT_TRUE(p.e.succeeded);
}

}  // namespace
}  // namespace wps::proto
