#include "wps/ap_setup_lock.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace wps::proto {
namespace {

TimePoint at_s(double s) {
  return TimePoint::from_ns(static_cast<std::int64_t>(s * 1e9));
}

std::vector<LockChange> drain(ApSetupLock& l) {
  std::vector<LockChange> v;
  while (auto c = l.poll_change()) v.push_back(*c);
  return v;
}

// hostapd's policy (WPS-FACTS §8): two failures leave the AP open, the third locks it for 60 s.
TEST(ApSetupLock, ThirdFailureLocksForSixtySeconds) {
  ApSetupLock l;
  l.on_failure(at_s(1));
  l.on_failure(at_s(2));
  EXPECT_FALSE(l.locked());
  EXPECT_TRUE(drain(l).empty());
  l.on_failure(at_s(3));
  EXPECT_TRUE(l.locked());
  auto c = drain(l);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_TRUE(c[0].locked);
  ASSERT_TRUE(c[0].until);
  EXPECT_EQ(*c[0].until, at_s(63));
  EXPECT_EQ(c[0].failures, 3);
  // Nothing happens before the deadline; at it, the AP unlocks.
  l.on_deadline(at_s(62.9));
  EXPECT_TRUE(l.locked());
  ASSERT_TRUE(l.next_deadline());
  l.on_deadline(*l.next_deadline());
  EXPECT_FALSE(l.locked());
  c = drain(l);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_FALSE(c[0].locked);
  EXPECT_FALSE(l.next_deadline());
}

// The lockout doubles whenever the total failure count reaches a multiple of 3: failures 3, 4, 5
// lock for 60 s, 6, 7, 8 for 120 s, 9 for 240 s; the 10th consecutive locks until the PIN is set.
TEST(ApSetupLock, LockoutDoublesAtMultiplesOfThreeThenIndefinite) {
  ApSetupLock l;
  TimePoint t = at_s(0);
  std::vector<std::int64_t> lockouts;
  for (int i = 1; i <= 10; ++i) {
    l.on_failure(t);
    if (i >= 3) {
      ASSERT_TRUE(l.locked()) << i;
      if (auto d = l.next_deadline()) {
        lockouts.push_back((*d - t).count() / 1'000'000'000);
        t = *d;
        l.on_deadline(t);
        EXPECT_FALSE(l.locked()) << i;
      } else {
        lockouts.push_back(-1);
      }
    }
    t += std::chrono::seconds(1);
  }
  std::vector<std::int64_t> expect = {60, 60, 60, 120, 120, 120, 240, -1};
  EXPECT_EQ(lockouts, expect);
  EXPECT_TRUE(l.locked_indefinitely());
  // Much later it is still locked.
  l.on_deadline(t + std::chrono::hours(24 * 400));
  EXPECT_TRUE(l.locked());
  // Setting the AP PIN again clears everything.
  l.pin_set(t);
  EXPECT_FALSE(l.locked());
  EXPECT_EQ(l.failures(), 0);
  EXPECT_EQ(l.consecutive_failures(), 0);
}

// A registrar that proves the whole PIN clears the consecutive counter (not the total), so the
// indefinite lock needs 10 failures in a row.
TEST(ApSetupLock, SuccessClearsConsecutiveCount) {
  ApSetupLock l;
  TimePoint t = at_s(0);
  auto fail_and_wait = [&] {
    l.on_failure(t);
    if (auto d = l.next_deadline()) {
      t = *d;
      l.on_deadline(t);
    }
    t += std::chrono::seconds(1);
  };
  for (int i = 0; i < 9; ++i) fail_and_wait();
  EXPECT_EQ(l.consecutive_failures(), 9);
  l.on_success(t);
  EXPECT_EQ(l.consecutive_failures(), 0);
  EXPECT_EQ(l.failures(), 9);
  fail_and_wait();  // the 10th failure in total, 1st consecutive: a timed lock again
  EXPECT_FALSE(l.locked());
  EXPECT_FALSE(l.locked_indefinitely());
}

TEST(ApSetupLock, ConfigLockedForever) {
  ApSetupLock::Config c;
  c.locked_forever = true;
  ApSetupLock l(c);
  EXPECT_TRUE(l.locked());
  EXPECT_FALSE(l.next_deadline());
  l.on_failure(at_s(1));
  l.on_failure(at_s(2));
  l.on_failure(at_s(3));
  EXPECT_TRUE(l.locked());
  EXPECT_FALSE(l.next_deadline());
}

TEST(ApSetupLock, PolicyNoneNeverLocks) {
  ApSetupLock::Config c;
  c.policy = LockPolicy::None;
  ApSetupLock l(c);
  for (int i = 0; i < 50; ++i) l.on_failure(at_s(i));
  EXPECT_FALSE(l.locked());
  EXPECT_EQ(l.failures(), 50);
  EXPECT_TRUE(drain(l).empty());
  EXPECT_EQ(parse_lock_policy("none"), LockPolicy::None);
  EXPECT_EQ(parse_lock_policy("hostapd"), LockPolicy::Hostapd);
  EXPECT_FALSE(parse_lock_policy("reaver"));
}

}  // namespace
}  // namespace wps::proto
