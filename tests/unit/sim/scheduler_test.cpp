#include "sim/scheduler.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "base/rng.hpp"

namespace wps::sim {
namespace {

TimePoint us(std::int64_t v) {
  return TimePoint::from_ns(v * 1000);
}

TEST(Scheduler, EmptyQueuePopsNothing) {
  Scheduler s;
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.peek(), nullptr);
  EXPECT_FALSE(s.pop().has_value());
}

TEST(Scheduler, PopsByTimeThenInsertionOrder) {
  Scheduler s;
  EXPECT_EQ(s.push(us(30), Event{EventKind::Deadline, 0, 100}), 0u);
  EXPECT_EQ(s.push(us(10), Event{EventKind::Deliver, 1, 101}), 1u);
  EXPECT_EQ(s.push(us(30), Event{EventKind::TxStart, 2, 102}), 2u);
  EXPECT_EQ(s.push(us(10), Event{EventKind::Deadline, 3, 103}), 3u);
  EXPECT_EQ(s.push(us(20), Event{EventKind::Deliver, 4, 104}), 4u);
  EXPECT_EQ(s.size(), 5u);
  ASSERT_NE(s.peek(), nullptr);
  EXPECT_EQ(s.peek()->seq, 1u);

  std::vector<std::uint64_t> refs;
  std::vector<std::uint64_t> seqs;
  while (auto e = s.pop()) {
    refs.push_back(e->event.ref);
    seqs.push_back(e->seq);
  }
  EXPECT_EQ(refs, (std::vector<std::uint64_t>{101, 103, 104, 100, 102}));
  EXPECT_EQ(seqs, (std::vector<std::uint64_t>{1, 3, 4, 0, 2}));
  EXPECT_EQ(s.pushed(), 5u);
}

TEST(Scheduler, ManyEqualTimestampsComeOutFifo) {
  // 1000 events at one instant: a heap ordered by time alone would return them in an order that
  // depends on its internals; (time, seq) must give exactly push order.
  Scheduler s;
  for (std::uint64_t i = 0; i < 1000; ++i) s.push(us(5), Event{EventKind::Deliver, 0, i});
  for (std::uint64_t i = 0; i < 1000; ++i) {
    auto e = s.pop();
    ASSERT_TRUE(e);
    EXPECT_EQ(e->event.ref, i);
  }
}

TEST(Scheduler, MatchesAStableSortUnderInterleavedPushAndPop) {
  // Random (Pcg32) times from a small range so ties are frequent; pushes interleaved with pops.
  Pcg32 rng(42);
  Scheduler s;
  std::vector<ScheduledEvent> reference;  // what is still queued
  std::vector<ScheduledEvent> got;
  std::vector<ScheduledEvent> expected;
  auto pop_both = [&] {
    auto it = std::min_element(reference.begin(), reference.end(),
                               [](const ScheduledEvent& a, const ScheduledEvent& b) {
                                 return a.at != b.at ? a.at < b.at : a.seq < b.seq;
                               });
    expected.push_back(*it);
    reference.erase(it);
    got.push_back(*s.pop());
  };
  for (std::uint64_t i = 0; i < 5000; ++i) {
    const TimePoint at = us(rng.next() % 16);
    const Event ev{EventKind::Deliver, static_cast<std::size_t>(i % 3), i};
    const std::uint64_t seq = s.push(at, ev);
    reference.push_back(ScheduledEvent{at, seq, ev});
    if (rng.next() % 3 == 0) pop_both();
  }
  while (!reference.empty()) pop_both();
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(got, expected);
}

TEST(Scheduler, EventKindNames) {
  EXPECT_EQ(to_string(EventKind::TxStart), "tx_start");
  EXPECT_EQ(to_string(EventKind::Deliver), "deliver");
  EXPECT_EQ(to_string(EventKind::Deadline), "deadline");
}

}  // namespace
}  // namespace wps::sim
