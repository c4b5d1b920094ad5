#include "wps/pin_store.hpp"

#include <gtest/gtest.h>

namespace wps::proto {
namespace {

Uuid uuid(std::uint8_t b) {
  std::array<std::uint8_t, 16> a{};
  a.fill(b);
  return Uuid(a);
}
std::string str(const crypto::SecretBytes& s) {
  return std::string(s.begin(), s.end());
}
const TimePoint t0 = TimePoint::from_ns(0);

TEST(PinStore, WildcardPinIsBoundToFirstEnrolleeAndRemovedOnSuccess) {
  PinStore s;
  s.add("12345670");
  EXPECT_TRUE(s.any_available(t0));
  auto p = s.claim(uuid(1), 1, t0);
  ASSERT_TRUE(p);
  EXPECT_EQ(str(*p), "12345670");
  EXPECT_FALSE(s.any_available(t0));      // claimed: Selected Registrar would drop
  EXPECT_FALSE(s.claim(uuid(2), 2, t0));  // one session at a time
  EXPECT_TRUE(s.claim(uuid(1), 1, t0));   // same session again (retransmitted M1)
  s.finish(1, PinOutcome::Success);
  EXPECT_EQ(s.size(), 0u);
  EXPECT_FALSE(s.claim(uuid(1), 3, t0));
}

TEST(PinStore, EarlyFailureKeepsPinRevealedFailureRemovesIt) {
  PinStore s;
  s.add("12345670");
  ASSERT_TRUE(s.claim(uuid(1), 1, t0));
  s.finish(1, PinOutcome::FailedEarly);
  ASSERT_TRUE(s.claim(uuid(1), 2, t0));  // second (and last) wildcard use
  s.finish(2, PinOutcome::FailedEarly);
  EXPECT_FALSE(s.claim(uuid(1), 3, t0)) << "a wildcard PIN serves at most two sessions";

  PinStore r;
  r.add("12345670", uuid(7));
  ASSERT_TRUE(r.claim(uuid(7), 1, t0));
  r.finish(1, PinOutcome::Revealed);
  EXPECT_FALSE(r.claim(uuid(7), 2, t0)) << "full PIN revealed in a failed run: invalidated";
}

TEST(PinStore, UuidBoundPinServesOnlyThatEnrolleeAndExpires) {
  PinStore s;
  s.add("1234", uuid(5), TimePoint::from_ns(1'000'000'000));
  EXPECT_FALSE(s.claim(uuid(6), 1, t0));
  auto p = s.claim(uuid(5), 2, t0);
  ASSERT_TRUE(p);
  EXPECT_EQ(str(*p), "1234");
  s.finish(2, PinOutcome::FailedEarly);
  EXPECT_FALSE(s.claim(uuid(5), 3, TimePoint::from_ns(1'000'000'000))) << "expired";
  EXPECT_EQ(s.size(), 0u);
}

TEST(PinStore, SpecificPinPreferredOverWildcard) {
  PinStore s;
  s.add("11111111");
  s.add("22222222", uuid(9));
  auto p = s.claim(uuid(9), 1, t0);
  ASSERT_TRUE(p);
  EXPECT_EQ(str(*p), "22222222");
}

}  // namespace
}  // namespace wps::proto
