// Virtual time (ARCHITECTURE C2). TimePoint is nanoseconds since the run's epoch; it has no now():
// only the edge (io/event_loop) and the simulator's scheduler create TimePoints from a clock.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>

namespace wps {

using Duration = std::chrono::nanoseconds;
using namespace std::chrono_literals;

class TimePoint {
 public:
  constexpr TimePoint() = default;
  static constexpr TimePoint from_ns(std::int64_t ns) { return TimePoint(Duration(ns)); }
  [[nodiscard]] constexpr Duration since_epoch() const { return d_; }
  [[nodiscard]] constexpr std::int64_t ns() const { return d_.count(); }
  [[nodiscard]] constexpr double seconds() const { return static_cast<double>(d_.count()) * 1e-9; }

  constexpr TimePoint& operator+=(Duration d) {
    d_ += d;
    return *this;
  }
  friend constexpr TimePoint operator+(TimePoint t, Duration d) { return TimePoint(t.d_ + d); }
  friend constexpr Duration operator-(TimePoint a, TimePoint b) { return a.d_ - b.d_; }
  friend constexpr auto operator<=>(TimePoint, TimePoint) = default;

 private:
  constexpr explicit TimePoint(Duration d) : d_(d) {}
  Duration d_{0};
};

}  // namespace wps
