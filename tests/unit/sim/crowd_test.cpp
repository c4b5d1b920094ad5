// The crowd (sim/crowd.hpp): N stations with their own PINs on one simulated AP. Every station
// must end as its PIN predicts, nobody gets a wrong credential, nothing hangs, and the run is
// deterministic.
#include "sim/crowd.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "sim/classify.hpp"

namespace wps::sim {
namespace {

CrowdResult run(const CrowdConfig& c) {
  auto r = run_crowd(c);
  EXPECT_TRUE(r) << describe(r.error());
  return std::move(r).value();
}

std::map<CrowdKind, std::size_t> kinds(const CrowdResult& r) {
  std::map<CrowdKind, std::size_t> k;
  for (const auto& s : r.stations) ++k[s.kind];
  return k;
}

TEST(Crowd, EveryStationEndsAsItsPinPredicts) {
  CrowdConfig c;  // 20 stations, 10 % wrong, 10 % late, 100 ms apart
  CrowdResult r = run(c);
  ASSERT_EQ(r.stations.size(), 20u);
  EXPECT_EQ(kinds(r), (std::map<CrowdKind, std::size_t>{{CrowdKind::OnTime, 16},
                                                        {CrowdKind::Late, 2},
                                                        {CrowdKind::WrongFirst, 1},
                                                        {CrowdKind::WrongSecond, 1}}));
  EXPECT_EQ(r.unexpected, 0u);
  EXPECT_EQ(r.wrong_credentials, 0u);
  EXPECT_EQ(r.hangs, 0u);
  std::set<MacAddr> macs;
  std::set<std::string> pins;
  for (const auto& s : r.stations) {
    macs.insert(s.mac);
    pins.insert(s.pin);
    EXPECT_TRUE(s.finished) << s.mac.str();
    switch (s.kind) {
      case CrowdKind::OnTime:
        EXPECT_TRUE(s.connected) << s.mac.str() << ": " << s.outcome;
        EXPECT_FALSE(s.m2d) << s.mac.str();
        EXPECT_EQ(s.ap_pin, s.pin);
        break;
      case CrowdKind::Late:
        // 100 ms apart the channel is quiet: the first M1 comes before the PIN.
        EXPECT_TRUE(s.connected) << s.mac.str() << ": " << s.outcome;
        EXPECT_TRUE(s.m2d) << s.mac.str();
        EXPECT_GE(s.wps_attempts, 2);
        break;
      case CrowdKind::WrongFirst:
      case CrowdKind::WrongSecond:
        EXPECT_FALSE(s.connected);
        EXPECT_FALSE(s.credential);
        EXPECT_NE(s.ap_pin, s.pin);
        EXPECT_EQ(s.failed_at, s.kind == CrowdKind::WrongFirst ? "M4" : "M6");
        EXPECT_EQ(s.config_error, wsc::ConfigError::DevicePasswordAuthFailure);
        break;
    }
  }
  EXPECT_EQ(macs.size(), 20u);
  EXPECT_EQ(pins.size(), 20u);  // each its own PIN (a coincidence of 1 in 10^7 per pair)
  // Concurrent EAP sessions: some station's exchange overlaps another's on the air.
  EXPECT_GT(r.frames, 20u * 20u);
}

TEST(Crowd, SameSeedSameRunOtherSeedOtherPins) {
  CrowdConfig c;
  c.stations = 12;
  c.stagger = std::chrono::milliseconds(5);  // overlapping exchanges
  CrowdResult a = run(c), b = run(c);
  EXPECT_EQ(a.sim_stats.digest, b.sim_stats.digest);
  ASSERT_EQ(a.stations.size(), b.stations.size());
  for (std::size_t i = 0; i < a.stations.size(); ++i) {
    EXPECT_EQ(a.stations[i].pin, b.stations[i].pin);
    EXPECT_EQ(a.stations[i].outcome, b.stations[i].outcome);
  }
  c.seed = 2;
  CrowdResult d = run(c);
  EXPECT_NE(a.stations[0].pin, d.stations[0].pin);
  EXPECT_EQ(d.unexpected, 0u);
}

TEST(Crowd, LossyBusyChannelStillNoWrongCredentialOrHang) {
  // 150 stations 20 ms apart at 6 Mb/s (OFDM timing), 10 % loss per transmission attempt with
  // 802.11 retransmissions: the exchanges overlap; every station still ends as predicted.
  CrowdConfig c;
  c.stations = 150;
  c.stagger = std::chrono::milliseconds(20);
  c.rate_500kbps = 12;
  c.faults.loss_ppm = 100'000;
  c.arq.enabled = true;
  CrowdResult r = run(c);
  EXPECT_EQ(r.wrong_credentials, 0u);
  EXPECT_EQ(r.hangs, 0u);
  EXPECT_EQ(r.unexpected, 0u);
  EXPECT_GT(r.sim_stats.retries, 0u);
  std::size_t connected = 0;
  for (const auto& s : r.stations) connected += s.connected ? 1 : 0;
  EXPECT_EQ(connected, 150u - 15u);  // all but the wrong-PIN ones
}

TEST(Crowd, OnlyTheAddresseeHearsAUnicastFrame) {
  // The crowd's simulator filters by Address 1: station 1 never hands station 2's frames up;
  // the sniffer log still holds every frame of both.
  CrowdConfig c;
  c.stations = 2;
  c.wrong_share = 0;
  c.late_share = 0;
  CrowdResult r = run(c);
  EXPECT_EQ(r.unexpected, 0u);
  std::size_t unicast = 0, group = 0;
  for (const auto& f : r.recorder.frames()) {
    ((f.frame[4] & 1) ? group : unicast) += 1;
  }
  // Every node hearing every frame would be 2 deliveries per frame (3 nodes). Each unicast frame
  // reaches its addressee only; a group frame at most the two others (a probe request only
  // the AP).
  EXPECT_GT(unicast, 0u);
  EXPECT_GT(group, 0u);
  EXPECT_LE(r.sim_stats.deliveries, unicast + 2 * group);
  EXPECT_LT(r.sim_stats.deliveries, 2 * r.frames);
  EXPECT_GE(r.sim_stats.deliveries, unicast);
}

TEST(Crowd, BadConfigurationsAreRefused) {
  CrowdConfig c;
  c.stations = 0;
  EXPECT_EQ(run_crowd(c).error().code, Errc::BadValue);
  c.stations = kMaxCrowd + 1;
  EXPECT_EQ(run_crowd(c).error().code, Errc::BadValue);
  c.stations = 10;
  c.wrong_share = 0.7;
  c.late_share = 0.4;
  EXPECT_EQ(run_crowd(c).error().code, Errc::BadValue);
  c.wrong_share = -0.1;
  c.late_share = 0;
  EXPECT_EQ(run_crowd(c).error().code, Errc::BadValue);
}

}  // namespace
}  // namespace wps::sim
