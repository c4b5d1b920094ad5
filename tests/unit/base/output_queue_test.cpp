#include "base/output_queue.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace wps {
namespace {

TEST(OutputQueue, HandsOutInOrderThenNothing) {
  OutputQueue<std::string> q;
  EXPECT_TRUE(q.empty());
  EXPECT_FALSE(q.poll().has_value());
  q.emplace("a");
  q.emplace(2, 'b');  // "bb"
  q.emplace("c");
  EXPECT_EQ(q.size(), 3u);
  for (const char* want : {"a", "bb", "c"}) {
    const std::optional<std::string> got = q.poll();
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(*got, want);
  }
  EXPECT_TRUE(q.empty());
  EXPECT_FALSE(q.poll().has_value());
  EXPECT_EQ(q.held(), 0u);  // drained: nothing kept
}

TEST(OutputQueue, AppendsWhileBeingDrainedKeepOrder) {
  // An owner's loop: poll one output, react, which makes the engine append more.
  OutputQueue<int> q;
  q.emplace(0);
  int expected = 0;
  int next = 1;
  while (auto v = q.poll()) {
    EXPECT_EQ(*v, expected++);
    if (next < 100) q.emplace(next++);
    if (next < 100 && next % 3 == 0) q.emplace(next++);
  }
  EXPECT_EQ(expected, 100);
}

TEST(OutputQueue, MoveOnlyOutputs) {
  OutputQueue<std::unique_ptr<int>> q;
  q.emplace(std::make_unique<int>(7));
  q.emplace(new int(8));
  auto a = q.poll();
  auto b = q.poll();
  ASSERT_TRUE(a && *a && b && *b);
  EXPECT_EQ(**a, 7);
  EXPECT_EQ(**b, 8);
}

TEST(OutputQueue, NeverDrainedStaysBounded) {
  // One taken per step while one more arrives: the queue never empties, and must not keep every
  // output it ever handed out.
  OutputQueue<int> q;
  for (int i = 0; i < 10; ++i) q.emplace(i);
  for (int i = 10; i < 100000; ++i) {
    q.emplace(i);
    ASSERT_EQ(q.poll(), i - 10);
    ASSERT_EQ(q.size(), 10u);
    ASSERT_LE(q.held(), 2 * q.size() + 64);
  }
}

}  // namespace
}  // namespace wps
