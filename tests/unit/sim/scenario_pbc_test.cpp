// The push-button scenarios of `wpslab run` (sim/scenario_pbc.cpp): outcomes, the WSC messages
// on the air, the names, determinism.
#include "sim/scenario_pbc.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "sim/classify.hpp"

namespace wps::sim {
namespace {

ScenarioResult run(Scenario s, std::uint64_t seed = 1) {
  ScenarioConfig c;
  c.scenario = s;
  c.seed = seed;
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

TEST(PbcScenario, NamesParseAndArePbc) {
  for (auto n : {"pbc", "pbc-overlap", "pbc-walk-timeout", "pbc-two-aps"}) {
    auto s = parse_scenario(n);
    ASSERT_TRUE(s) << n;
    EXPECT_EQ(to_string(*s), n);
    EXPECT_TRUE(is_pbc_scenario(*s));
  }
  EXPECT_FALSE(is_pbc_scenario(Scenario::StaPin));
}

TEST(PbcScenario, PbcConnectsWithM1ToM8) {
  auto r = run(Scenario::Pbc);
  EXPECT_TRUE(r.connected) << r.outcome;
  ASSERT_TRUE(r.credential);
  EXPECT_EQ(wsc_types(r),
            (std::vector<std::uint8_t>{0x04, 0x05, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0f}));
}

TEST(PbcScenario, OverlapRefusesBothWithError12) {
  auto r = run(Scenario::PbcOverlap);
  EXPECT_FALSE(r.connected);
  EXPECT_FALSE(r.credential);
  EXPECT_EQ(r.config_error, wsc::ConfigError::MultiplePbcSessionsDetected);
  auto t = wsc_types(r);
  EXPECT_EQ(std::count(t.begin(), t.end(), 0x06), 2);  // two M2Ds
  EXPECT_EQ(std::count(t.begin(), t.end(), 0x05), 0);  // no M2
}

TEST(PbcScenario, WalkTimeoutGivesUpAfter120VirtualSeconds) {
  auto r = run(Scenario::PbcWalkTimeout);
  EXPECT_FALSE(r.connected);
  EXPECT_TRUE(wsc_types(r).empty());
  EXPECT_GT(r.end.seconds(), 110.0);
  EXPECT_LT(r.end.seconds(), 125.0);
  EXPECT_NE(r.outcome.find("walk time"), std::string::npos);
}

TEST(PbcScenario, TwoApsInPbcModeStopTheStation) {
  auto r = run(Scenario::PbcTwoAps);
  EXPECT_FALSE(r.connected);
  EXPECT_EQ(r.wps_attempts, 0);
  EXPECT_TRUE(wsc_types(r).empty());
  EXPECT_EQ(r.config_error, wsc::ConfigError::MultiplePbcSessionsDetected);
}

TEST(PbcScenario, SameSeedSameFrames) {
  auto a = run(Scenario::PbcOverlap, 3), b = run(Scenario::PbcOverlap, 3);
  ASSERT_EQ(a.recorder.frames().size(), b.recorder.frames().size());
  for (std::size_t i = 0; i < a.recorder.frames().size(); ++i)
    EXPECT_EQ(a.recorder.frames()[i].frame, b.recorder.frames()[i].frame);
}

}  // namespace
}  // namespace wps::sim
