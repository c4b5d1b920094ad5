// The simulator's event queue: a binary heap ordered by (time, insertion sequence).
//
// ARCHITECTURE C2 and §1.2: ordering by time alone leaves events with equal timestamps in an
// order that depends on heap internals. Here every push gets a unique, increasing sequence
// number, and the queue pops the smallest (time, seq) pair, so events at the same time come out
// in the order they were pushed (FIFO), on every standard library, every time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/time.hpp"

namespace wps::sim {

enum class EventKind : std::uint8_t {
  TxStart,     ///< a handed-off transmission asks for the medium (node = transmitter)
  Deliver,     ///< a transmitted frame reaches a receiver (node = receiver)
  Deadline,    ///< a node's timer (node = that node)
  MediumFree,  ///< the medium may be free: the first transmission waiting for it starts
};

/// Stable lower-case name ("tx_start", "deliver", "deadline").
std::string_view to_string(EventKind k);

/// What happens; plain data so the queue never copies frames.
struct Event {
  EventKind kind = EventKind::Deadline;
  std::size_t node = 0;   ///< index of the node concerned, in add order
  std::uint64_t ref = 0;  ///< TxStart: transmission id; Deliver: recorded-frame index;
                          ///< Deadline: the node's deadline generation when scheduled
  friend bool operator==(const Event&, const Event&) = default;
};

struct ScheduledEvent {
  TimePoint at;
  std::uint64_t seq = 0;  ///< insertion sequence number, unique within one Scheduler
  Event event;
  friend bool operator==(const ScheduledEvent&, const ScheduledEvent&) = default;
};

class Scheduler {
 public:
  /// Queues `e` at time `at` and returns its sequence number (0, 1, 2, … in push order).
  /// Events may be pushed at any time, including earlier than events already popped (the caller,
  /// not the queue, keeps time monotonic).
  std::uint64_t push(TimePoint at, Event e);

  /// Removes and returns the event with the smallest (at, seq); nullopt when empty.
  std::optional<ScheduledEvent> pop();

  /// The event pop() would return, without removing it (nullptr when empty). The pointer is
  /// valid until the next push() or pop().
  [[nodiscard]] const ScheduledEvent* peek() const;

  [[nodiscard]] bool empty() const { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const { return heap_.size(); }
  /// Number of pushes so far (= the next sequence number).
  [[nodiscard]] std::uint64_t pushed() const { return next_seq_; }

 private:
  std::vector<ScheduledEvent> heap_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace wps::sim
