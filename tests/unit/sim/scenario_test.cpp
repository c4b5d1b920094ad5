// The scenarios of `wpslab run` on the simulated radio, with and without faults.
#include "sim/scenario.hpp"

#include <gtest/gtest.h>

#include "sim/classify.hpp"
#include "wps/pin.hpp"

namespace wps::sim {
namespace {

ScenarioResult run(Scenario s, std::uint64_t seed = 1, FaultPlan faults = {}) {
  ScenarioConfig c;
  c.scenario = s;
  c.seed = seed;
  c.faults = std::move(faults);
  auto r = run_scenario(c);
  EXPECT_TRUE(r) << describe(r.error());
  return std::move(r).value();
}

std::vector<std::uint8_t> wsc_types(const ScenarioResult& r) {
  std::vector<std::uint8_t> v;
  for (const auto& f : r.recorder.frames())
    if (auto t = wsc_message_type(f.frame)) v.push_back(*t);
  return v;
}

TEST(Scenario, StaPinConnects) {
  auto r = run(Scenario::StaPin);
  EXPECT_TRUE(r.connected);
  EXPECT_EQ(r.outcome, "connected");
  EXPECT_TRUE(r.failed_at.empty());
  ASSERT_TRUE(r.credential);
  EXPECT_EQ(as_chars(r.credential->ssid), "wpslab");
  EXPECT_EQ(wsc_types(r),
            (std::vector<std::uint8_t>{0x04, 0x05, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0f}));
}

TEST(Scenario, LatePinRetriesAfterM2D) {
  auto r = run(Scenario::LatePin);
  EXPECT_TRUE(r.connected);
  EXPECT_TRUE(r.m2d_seen);
  EXPECT_EQ(r.wps_attempts, 2);
  auto t = wsc_types(r);
  ASSERT_GE(t.size(), 3u);
  EXPECT_EQ(t[0], 0x04);
  EXPECT_EQ(t[1], 0x06);  // M2D
  EXPECT_EQ(t[2], 0x0d);  // WSC_ACK
}

TEST(Scenario, AJoinNobodyAnswersIsTriedAgainAsWpaSupplicantDoes) {
  // The AP's first three Authentication frames are lost: the station's MLME gives up after its
  // three tries, waits the retry delay and joins again (round 1 counts a second WPS attempt).
  FaultPlan round1;
  round1.add({std::nullopt, std::string("AP"), is_mgmt(dot11::MgmtSubtype::Authentication)},
             FaultAction::drop(), 0, 3);
  auto r = run(Scenario::StaPin, 1, round1);
  EXPECT_TRUE(r.connected) << r.outcome;
  EXPECT_EQ(r.wps_attempts, 2);
  // The same in round 2 (the 4th and later Authentication frames of the AP belong to it).
  FaultPlan round2;
  round2.add({std::nullopt, std::string("AP"), is_mgmt(dot11::MgmtSubtype::Authentication)},
             FaultAction::drop(), 1, 3);
  auto j = run(Scenario::StaPin, 1, round2);
  EXPECT_TRUE(j.connected) << j.outcome;
  EXPECT_EQ(j.wps_attempts, 1);
  EXPECT_GT(j.end.seconds(), 2.0);  // it waited the 2 s retry delay
  EXPECT_GT(r.end.seconds(), 2.0);
  // An AP that never answers: the station stops after its attempts, with the precise step.
  FaultPlan never;
  never.add({std::nullopt, std::string("AP"), is_mgmt(dot11::MgmtSubtype::Authentication)},
            FaultAction::drop(), 0, 0);
  auto n = run(Scenario::StaPin, 1, never);
  EXPECT_FALSE(n.connected);
  EXPECT_EQ(n.failed_at, "authentication");
  EXPECT_EQ(n.failure_reason, "authentication_timeout");
  EXPECT_EQ(n.wps_attempts, 5);
}

TEST(Scenario, WrongPinHalvesEndAtM4AndM6) {
  auto a = run(Scenario::WrongPin);
  EXPECT_FALSE(a.connected);
  EXPECT_EQ(a.failed_at, "M4");
  EXPECT_EQ(a.config_error, wsc::ConfigError::DevicePasswordAuthFailure);
  EXPECT_FALSE(a.credential);
  auto b = run(Scenario::WrongPin2);
  EXPECT_EQ(b.failed_at, "M6");
  EXPECT_FALSE(b.credential);
}

TEST(Scenario, WrongPinsDifferInTheRightHalf) {
  for (std::string pin : {"12345670", "59672012", "00000000", "1234"}) {
    auto w1 = ap_pin_for(Scenario::WrongPin, pin);
    auto w2 = ap_pin_for(Scenario::WrongPin2, pin);
    std::size_t h = (pin.size() + 1) / 2;
    EXPECT_NE(w1.substr(0, h), pin.substr(0, h)) << pin;
    EXPECT_EQ(w2.substr(0, h), pin.substr(0, h)) << pin;
    EXPECT_NE(w2.substr(h), pin.substr(h)) << pin;
    EXPECT_TRUE(proto::check_pin(w1).ok()) << w1;
    EXPECT_TRUE(proto::check_pin(w2).ok()) << w2;
  }
}

TEST(Scenario, StaleCredentialFailsAtMessage2) {
  auto r = run(Scenario::StaleCredential);
  EXPECT_FALSE(r.connected);
  EXPECT_EQ(r.failed_at, "4-way message 2");
  EXPECT_NE(r.outcome.find("key_mic_mismatch"), std::string::npos);
}

TEST(Scenario, SameSeedSameFramesOtherSeedOtherBytes) {
  auto a = run(Scenario::StaPin, 5), b = run(Scenario::StaPin, 5), c = run(Scenario::StaPin, 6);
  ASSERT_EQ(a.recorder.frames().size(), b.recorder.frames().size());
  for (std::size_t i = 0; i < a.recorder.frames().size(); ++i) {
    EXPECT_EQ(a.recorder.frames()[i].frame, b.recorder.frames()[i].frame) << i;
    EXPECT_EQ(a.recorder.frames()[i].at, b.recorder.frames()[i].at) << i;
  }
  bool differ = false;
  for (std::size_t i = 0; i < std::min(a.recorder.frames().size(), c.recorder.frames().size()); ++i)
    differ |= a.recorder.frames()[i].frame != c.recorder.frames()[i].frame;
  EXPECT_TRUE(differ);
}

// EAP retransmission recovers one lost frame, whichever message it carried.
class LostFrame : public ::testing::TestWithParam<std::uint8_t> {};

TEST_P(LostFrame, EapRetransmissionRecovers) {
  FaultPlan p;
  p.add(FrameMatch{std::nullopt, std::nullopt, is_wsc_message(GetParam())}, FaultAction::drop());
  auto r = run(Scenario::StaPin, 1, std::move(p));
  EXPECT_TRUE(r.connected) << "lost message type " << int(GetParam()) << ": " << r.outcome;
  // The lost message appears twice on the air: the original and its retransmission.
  int n = 0;
  for (auto t : wsc_types(r)) n += t == GetParam();
  EXPECT_EQ(n, 2);
}

INSTANTIATE_TEST_SUITE_P(EveryMessage, LostFrame,
                         ::testing::Values(0x04, 0x05, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0f));

TEST(Scenario, LostEapolStartAndLostAuthenticationAreRecovered) {
  FaultPlan p;
  p.add(FrameMatch{std::nullopt, std::nullopt, is_eapol(1)}, FaultAction::drop());
  p.add(FrameMatch{std::nullopt, std::string("AP"), is_mgmt(dot11::MgmtSubtype::Authentication)},
        FaultAction::drop());
  auto r = run(Scenario::StaPin, 1, std::move(p));
  EXPECT_TRUE(r.connected) << r.outcome;
}

TEST(Scenario, LostFourWayMessageIsRecovered) {
  FaultPlan p;
  p.add(FrameMatch{std::nullopt, std::string("AP"), is_eapol(3)}, FaultAction::drop());
  auto r = run(Scenario::StaPin, 1, std::move(p));
  EXPECT_TRUE(r.connected) << r.outcome;
}

}  // namespace
}  // namespace wps::sim
