#include "sim/fault.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "fake_nodes.hpp"
#include "sim/classify.hpp"

namespace wps::sim {
namespace {

using namespace fake;

Bytes ping(std::uint8_t type, std::uint8_t id = 0) {
  return to_ds(kStaAddr, kApAddr, kPae, dot11::kEtherTypeEapol,
               eapol(0, eap_wsc(2, id, 4, 0, wsc_message(type))));
}

FrameInfo info(std::uint64_t index, std::string_view tx, const Bytes& f) {
  return FrameInfo{index, tx, f, TimePoint{}};
}

TEST(FrameMatch, AllSetConditionsMustHold) {
  const Bytes f = ping(wsc_msg::kM3);
  EXPECT_TRUE(FrameMatch{}.matches(info(5, "STA", f)));
  EXPECT_TRUE((FrameMatch{5, std::nullopt, {}}.matches(info(5, "STA", f))));
  EXPECT_FALSE((FrameMatch{4, std::nullopt, {}}.matches(info(5, "STA", f))));
  EXPECT_TRUE((FrameMatch{std::nullopt, "STA", {}}.matches(info(5, "STA", f))));
  EXPECT_FALSE((FrameMatch{std::nullopt, "AP", {}}.matches(info(5, "STA", f))));
  EXPECT_TRUE((FrameMatch{5, "STA", is_wsc_message(wsc_msg::kM3)}.matches(info(5, "STA", f))));
  EXPECT_FALSE((FrameMatch{5, "STA", is_wsc_message(wsc_msg::kM4)}.matches(info(5, "STA", f))));
}

TEST(FrameMatch, ReadyMadePredicates) {
  const Bytes m3 = ping(wsc_msg::kM3);
  const Bytes start = to_ds(kStaAddr, kApAddr, kPae, dot11::kEtherTypeEapol, eapol(1, {}));
  const Bytes bcn = beacon(kApAddr, 0, 0);
  EXPECT_TRUE(is_eapol()(info(0, "STA", m3)));
  EXPECT_TRUE(is_eapol(eapol_type::kStart)(info(0, "STA", start)));
  EXPECT_FALSE(is_eapol(eapol_type::kStart)(info(0, "STA", m3)));
  EXPECT_FALSE(is_eapol()(info(0, "AP", bcn)));
  EXPECT_TRUE(is_eap_code(2)(info(0, "STA", m3)));
  EXPECT_FALSE(is_eap_code(1)(info(0, "STA", m3)));
  EXPECT_FALSE(is_eap_code(2)(info(0, "STA", start)));
  EXPECT_TRUE(is_mgmt(dot11::MgmtSubtype::Beacon)(info(0, "AP", bcn)));
  EXPECT_FALSE(is_mgmt(dot11::MgmtSubtype::ProbeResponse)(info(0, "AP", bcn)));
  EXPECT_FALSE(is_mgmt(dot11::MgmtSubtype::Beacon)(info(0, "STA", m3)));
}

TEST(FaultInjector, NoPlanPassesFramesUntouched) {
  FaultInjector fi(FaultPlan{}, 1);
  const Bytes f = ping(wsc_msg::kM1);
  auto out = fi.apply(info(0, "STA", f));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].frame, f);
  EXPECT_EQ(out[0].delay, Duration{0});
  EXPECT_EQ(out[0].fault, FaultApplied{});
  EXPECT_TRUE(out[0].fault.delivered());
}

TEST(FaultInjector, EachActionDoesWhatItSays) {
  const Bytes f = ping(wsc_msg::kM1);
  {
    FaultInjector fi(FaultPlan{}.add({}, FaultAction::drop()), 1);
    auto out = fi.apply(info(0, "STA", f));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].frame, f);  // transmitted as is, just not delivered
    EXPECT_EQ(out[0].fault.kind, FaultKind::Drop);
    EXPECT_EQ(out[0].fault.rule, 0u);
    EXPECT_FALSE(out[0].fault.delivered());
  }
  {
    FaultInjector fi(FaultPlan{}.add({}, FaultAction::duplicate()), 1);
    auto out = fi.apply(info(0, "STA", f));
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].frame, f);
    EXPECT_EQ(out[1].frame, f);
    EXPECT_EQ(out[0].fault.copy, 0);
    EXPECT_EQ(out[1].fault.copy, 1);
    EXPECT_EQ(out[1].fault.kind, FaultKind::Duplicate);
    EXPECT_TRUE(out[0].fault.delivered() && out[1].fault.delivered());
  }
  {
    FaultInjector fi(FaultPlan{}.add({}, FaultAction::delay_by(std::chrono::milliseconds(7))), 1);
    auto out = fi.apply(info(0, "STA", f));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].delay, std::chrono::milliseconds(7));
    EXPECT_EQ(out[0].fault.delay, std::chrono::milliseconds(7));
    EXPECT_EQ(out[0].fault.kind, FaultKind::Delay);
  }
  {
    FaultInjector fi(FaultPlan{}.add({}, FaultAction::corrupt(30, 0x0f)), 1);
    auto out = fi.apply(info(0, "STA", f));
    ASSERT_EQ(out.size(), 1u);
    Bytes expected = f;
    expected[30] ^= 0x0f;
    EXPECT_EQ(out[0].frame, expected);
    EXPECT_EQ(out[0].fault.octet, 30u);
    EXPECT_EQ(out[0].fault.original, f[30]);
    EXPECT_TRUE(out[0].fault.delivered());
  }
}

TEST(FaultInjector, SkipCountAndFirstActingRuleWins) {
  FaultPlan plan;
  plan.add({std::nullopt, std::nullopt, is_wsc_message(wsc_msg::kM3)}, FaultAction::drop(),
           /*skip=*/1, /*count=*/2);
  plan.add({std::nullopt, "STA", {}}, FaultAction::duplicate(), 0, 0);
  FaultInjector fi(plan, 9);
  const Bytes m1 = ping(wsc_msg::kM1);
  const Bytes m3 = ping(wsc_msg::kM3);
  std::vector<FaultKind> kinds;
  auto run = [&](const Bytes& f, std::uint64_t i) {
    auto out = fi.apply(info(i, "STA", f));
    kinds.push_back(out[0].fault.kind);
  };
  run(m3, 0);  // rule 0 skips its first match → rule 1 duplicates
  run(m1, 1);  // rule 0 no match → rule 1
  run(m3, 2);  // rule 0 drops (hit 1)
  run(m3, 3);  // rule 0 drops (hit 2)
  run(m3, 4);  // rule 0 exhausted → rule 1
  EXPECT_EQ(kinds,
            (std::vector<FaultKind>{FaultKind::Duplicate, FaultKind::Duplicate, FaultKind::Drop,
                                    FaultKind::Drop, FaultKind::Duplicate}));
  EXPECT_EQ(fi.matches(0), 3u);  // the exhausted rule stops counting
  EXPECT_EQ(fi.hits(0), 2u);
  EXPECT_EQ(fi.hits(1), 3u);
}

TEST(FaultInjector, CorruptBeyondTheFrameDoesNotMatch) {
  const Bytes f = ping(wsc_msg::kM1);
  FaultInjector fi(FaultPlan{}.add({}, FaultAction::corrupt(f.size())), 1);
  auto out = fi.apply(info(0, "STA", f));
  EXPECT_EQ(out[0].frame, f);
  EXPECT_EQ(out[0].fault.kind, FaultKind::None);
  EXPECT_EQ(fi.matches(0), 0u);
  const Bytes longer = concat({f, Bytes{0}});
  auto out2 = fi.apply(info(1, "STA", longer));
  EXPECT_EQ(out2[0].fault.kind, FaultKind::Corrupt);
  EXPECT_EQ(out2[0].frame.back(), 0xff);
}

std::vector<bool> loss_pattern(std::uint64_t seed, std::uint32_t ppm, std::size_t n) {
  FaultPlan plan;
  plan.loss_ppm = ppm;
  FaultInjector fi(plan, seed);
  const Bytes f = ping(wsc_msg::kM1);
  std::vector<bool> lost;
  for (std::size_t i = 0; i < n; ++i) lost.push_back(fi.apply(info(i, "STA", f))[0].fault.lost);
  return lost;
}

TEST(FaultInjector, LossIsDeterministicPerSeed) {
  const auto a = loss_pattern(1, 250'000, 400);
  const auto b = loss_pattern(1, 250'000, 400);
  const auto c = loss_pattern(2, 250'000, 400);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
  const auto lost = static_cast<std::size_t>(std::count(a.begin(), a.end(), true));
  EXPECT_GT(lost, 60u);  // 100 expected
  EXPECT_LT(lost, 140u);
  // Extremes.
  const auto none = loss_pattern(1, 0, 100);
  const auto all = loss_pattern(1, 1'000'000, 100);
  EXPECT_EQ(std::count(none.begin(), none.end(), true), 0);
  EXPECT_EQ(std::count(all.begin(), all.end(), true), 100);
}

TEST(FaultInjector, LossFollowsPcg32StreamOneDrawPerCopy) {
  // The documented generator: Pcg32(seed, kLossStream), one chance_ppm draw per copy.
  FaultPlan plan;
  plan.loss_ppm = 500'000;
  plan.add({1, std::nullopt, {}}, FaultAction::duplicate());
  FaultInjector fi(plan, 77);
  Pcg32 ref(77, FaultInjector::kLossStream);
  const Bytes f = ping(wsc_msg::kM1);
  for (std::uint64_t i = 0; i < 50; ++i) {
    for (const auto& t : fi.apply(info(i, "STA", f)))
      EXPECT_EQ(t.fault.lost, ref.chance_ppm(500'000));
  }
}

TEST(FaultKind, Names) {
  EXPECT_EQ(to_string(FaultKind::None), "none");
  EXPECT_EQ(to_string(FaultKind::Drop), "drop");
  EXPECT_EQ(to_string(FaultKind::Duplicate), "duplicate");
  EXPECT_EQ(to_string(FaultKind::Delay), "delay");
  EXPECT_EQ(to_string(FaultKind::Corrupt), "corrupt");
}

}  // namespace
}  // namespace wps::sim
