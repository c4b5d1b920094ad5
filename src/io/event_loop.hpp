// poll(2)-based event loop of the edge: the only place that reads a clock (steady_clock) and turns
// it into the engines' wps::TimePoint (nanoseconds since the loop was created). It watches file
// descriptors, calls a tick function with the current time whenever something happened or a
// deadline came, runs an optional idle function when nothing is waiting, and stops on
// SIGINT/SIGTERM (signalfd) or stop().
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

#include "base/time.hpp"

namespace wps::io {

class EventLoop {
 public:
  /// Blocks SIGINT and SIGTERM for the process and receives them through a signalfd.
  EventLoop();
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  /// The current time on the engines' clock.
  [[nodiscard]] TimePoint now() const;
  /// Converts an engine TimePoint back to seconds since the Unix epoch (pcap timestamps).
  [[nodiscard]] double unix_seconds(TimePoint t) const;

  /// Calls `on_readable(now)` whenever `fd` is readable. Returns a handle for unwatch().
  int watch(int fd, std::function<void(TimePoint)> on_readable);
  void unwatch(int fd);
  /// `deadline()` is asked before each wait; `on_deadline(now)` runs when it has passed.
  void set_deadline(std::function<std::optional<TimePoint>()> deadline,
                    std::function<void(TimePoint)> on_deadline);
  /// `idle(now)` runs when nothing is ready (no readable fd, no passed deadline) before the loop
  /// blocks; it does one small piece of deferred work and returns true if there may be more
  /// (the loop then checks the descriptors again without blocking before calling it again).
  void set_idle(std::function<bool(TimePoint)> idle) { idle_ = std::move(idle); }
  /// Runs until stop() or a signal. Returns the signal number (0 after stop()).
  int run();
  void stop() { stopped_ = true; }
  [[nodiscard]] bool stopped() const { return stopped_; }

 private:
  struct Watch {
    int fd;
    std::function<void(TimePoint)> cb;
  };
  std::chrono::steady_clock::time_point epoch_;
  double epoch_unix_ = 0;
  int sigfd_ = -1;
  bool stopped_ = false;
  std::vector<Watch> watches_;
  std::function<std::optional<TimePoint>()> deadline_;
  std::function<void(TimePoint)> on_deadline_;
  std::function<bool(TimePoint)> idle_;
  bool idle_pending_ = true;  ///< idle_ may have work: poll without blocking first
};

}  // namespace wps::io
