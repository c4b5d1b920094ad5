// The queue every sans-I/O engine keeps its outputs in (ARCHITECTURE C1: inputs go in by method
// calls, outputs come out of poll_output() in the order they were produced).
//
// A vector and a read position: the engine appends, poll() hands out the oldest entry, and when
// the last one has been taken the vector is cleared but keeps its capacity. An engine emits a few
// outputs per input and its owner drains them before the next input, so after the first inputs
// the queue allocates nothing (a deque allocated a block on its first append and freed it when
// drained). An owner that takes one entry at a time while more keep arriving never empties it:
// then the entries already taken are dropped from the front once they are the larger half, so
// what the queue holds stays within twice what is waiting (plus a small constant).
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace wps {

template <typename T>
class OutputQueue {
 public:
  /// Appends an output built from `args` (a T, or e.g. one alternative of a variant T: built in
  /// place, which also spares GCC 12 a false -Wmaybe-uninitialized on moving a variant in).
  template <typename... Args>
  void emplace(Args&&... args) {
    items_.emplace_back(std::forward<Args>(args)...);
  }

  /// The oldest output not yet polled, or nullopt when there is none.
  [[nodiscard]] std::optional<T> poll() {
    if (head_ == items_.size()) return std::nullopt;
    std::optional<T> out(std::move(items_[head_++]));
    if (head_ == items_.size()) {
      items_.clear();  // drained: keep the capacity for the next input's outputs
      head_ = 0;
    } else if (head_ >= kCompactAt && 2 * head_ >= items_.size()) {
      items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
    return out;
  }

  [[nodiscard]] bool empty() const { return head_ == items_.size(); }
  /// Outputs waiting to be polled.
  [[nodiscard]] std::size_t size() const { return items_.size() - head_; }
  void reserve(std::size_t n) { items_.reserve(n); }
  /// Entries held, taken ones included (for tests of the bound above).
  [[nodiscard]] std::size_t held() const { return items_.size(); }

 private:
  static constexpr std::size_t kCompactAt = 32;
  std::vector<T> items_;  ///< items_[head_..] not yet polled
  std::size_t head_ = 0;
};

}  // namespace wps
