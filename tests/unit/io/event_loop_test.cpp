// EventLoop (edge): readable descriptors call their watcher, deadlines fire, and the idle
// function runs only when nothing is waiting — never ahead of a frame that is already there.
#include <gtest/gtest.h>

#include <optional>

#include <unistd.h>

#include <string>
#include <vector>

#include "io/event_loop.hpp"

namespace wps::io {
namespace {

struct Pipe {
  int r = -1, w = -1;
  Pipe() {
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    r = fds[0];
    w = fds[1];
  }
  ~Pipe() {
    ::close(r);
    ::close(w);
  }
  void put(char c) const { EXPECT_EQ(::write(w, &c, 1), 1); }
  char get() const {
    char c = 0;
    EXPECT_EQ(::read(r, &c, 1), 1);
    return c;
  }
};

TEST(EventLoop, IdleRunsUntilItHasNoMoreWorkThenTheLoopBlocks) {
  EventLoop loop;
  Pipe p;
  std::vector<std::string> order;
  int idle_calls = 0;
  std::optional<TimePoint> idle_done;
  loop.set_idle([&](TimePoint now) {
    ++idle_calls;
    order.push_back("idle");
    if (idle_calls == 3) p.put('x');  // a frame arrives while idle work is still left
    if (idle_calls >= 5) idle_done = now;
    return idle_calls < 5;
  });
  loop.watch(p.r, [&](TimePoint) {
    order.push_back(std::string("read:") + p.get());
    if (order.size() > 20) loop.stop();
  });
  // Stop shortly after: a deadline 20 ms after the idle work is done (relative to that moment,
  // not to the loop's start, so a slow machine or valgrind cannot make it fire first).
  bool fired = false;
  loop.set_deadline(
      [&]() -> std::optional<TimePoint> {
        if (fired || !idle_done) return std::nullopt;
        return *idle_done + std::chrono::milliseconds(20);
      },
      [&](TimePoint) {
        fired = true;
        loop.stop();
      });
  EXPECT_EQ(loop.run(), 0);
  EXPECT_TRUE(fired);
  // The readable pipe is served before the 4th idle call: idle work never delays a frame that
  // is already waiting by more than the one piece in progress.
  const std::vector<std::string> want = {"idle", "idle", "idle", "read:x", "idle", "idle"};
  EXPECT_EQ(order, want);
  EXPECT_EQ(idle_calls, 5) << "idle is not called again once it reports no more work";
}

TEST(EventLoop, ActivityReArmsIdleWork) {
  EventLoop loop;
  Pipe p;
  int idle_calls = 0, reads = 0;
  std::optional<TimePoint> read_at;
  loop.set_idle([&](TimePoint) {
    ++idle_calls;
    if (idle_calls == 1) p.put('a');  // after the first idle piece, a frame
    return false;                     // one piece each time
  });
  loop.watch(p.r, [&](TimePoint now) {
    (void)p.get();
    ++reads;
    read_at = now;
  });
  // Stop as soon as the frame's idle piece has run; if it never runs, stop 5 s after the frame
  // (no timing race: a slow machine or valgrind only delays the stop, it cannot decide the test).
  bool fired = false;
  loop.set_deadline(
      [&]() -> std::optional<TimePoint> {
        if (fired || !read_at) return std::nullopt;
        return idle_calls >= 2 ? *read_at : *read_at + std::chrono::seconds(5);
      },
      [&](TimePoint) {
        fired = true;
        loop.stop();
      });
  loop.run();
  EXPECT_EQ(reads, 1);
  EXPECT_EQ(idle_calls, 2) << "the frame made the loop offer idle time once more";
}

}  // namespace
}  // namespace wps::io
