#include "sim/scheduler.hpp"

#include <algorithm>
#include <utility>

namespace wps::sim {

namespace {

// std::*_heap keep the *largest* element at the front; "larger" here means "later", so the
// front is the earliest (at, seq). seq is unique, so this is a strict total order and the heap's
// internal layout cannot influence which event comes out.
bool later(const ScheduledEvent& a, const ScheduledEvent& b) {
  if (a.at != b.at) return a.at > b.at;
  return a.seq > b.seq;
}

}  // namespace

std::string_view to_string(EventKind k) {
  switch (k) {
    case EventKind::TxStart: return "tx_start";
    case EventKind::MediumFree: return "medium_free";
    case EventKind::Deliver: return "deliver";
    case EventKind::Deadline: return "deadline";
  }
  return "unknown";
}

std::uint64_t Scheduler::push(TimePoint at, Event e) {
  const std::uint64_t seq = next_seq_++;
  heap_.push_back(ScheduledEvent{at, seq, e});
  std::push_heap(heap_.begin(), heap_.end(), later);
  return seq;
}

std::optional<ScheduledEvent> Scheduler::pop() {
  if (heap_.empty()) return std::nullopt;
  std::pop_heap(heap_.begin(), heap_.end(), later);
  ScheduledEvent e = heap_.back();
  heap_.pop_back();
  return e;
}

const ScheduledEvent* Scheduler::peek() const {
  return heap_.empty() ? nullptr : &heap_.front();
}

}  // namespace wps::sim
