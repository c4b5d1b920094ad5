#include "sim/simulator.hpp"

#include <algorithm>
#include <utility>

#include "base/assert.hpp"

namespace wps::sim {

namespace {

constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kFnvPrime = 0x100000001b3ULL;

void fnv_mix(std::uint64_t& h, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    h ^= (v >> (8 * i)) & 0xffu;
    h *= kFnvPrime;
  }
}

}  // namespace

std::string_view to_string(StopReason r) {
  switch (r) {
    case StopReason::AllDone: return "all_done";
    case StopReason::Idle: return "idle";
    case StopReason::TimeLimit: return "time_limit";
  }
  return "unknown";
}

Simulator::Simulator(SimConfig config)
    : config_(std::move(config)),
      faults_(config_.faults, config_.seed),
      recorder_(config_.capture) {
  WPS_ASSERT(config_.capture.rate_500kbps != 0);
  WPS_ASSERT(config_.latency >= Duration{0});
  WPS_ASSERT(config_.plcp_overhead >= Duration{0});
  WPS_ASSERT(config_.time_limit >= Duration{0});
  stats_.digest = kFnvOffset;
}

void Simulator::add_node(Node& node) {
  WPS_ASSERT(!started_);
  for (const auto& s : nodes_) WPS_ASSERT(s.name != node.name());
  nodes_.push_back(Slot{&node, std::string(node.name()), std::nullopt, 0});
}

Duration Simulator::airtime(std::size_t octets) const {
  // n octets at rate r × 500 kb/s: n·8 bits / (r·500'000 b/s) = n·16'000 / r ns, rounded up.
  const std::uint64_t r = config_.capture.rate_500kbps;
  const std::uint64_t ns = (static_cast<std::uint64_t>(octets) * 16'000u + r - 1) / r;
  return config_.plcp_overhead + Duration(static_cast<std::int64_t>(ns));
}

bool Simulator::all_done() const {
  if (nodes_.empty()) return false;
  return std::all_of(nodes_.begin(), nodes_.end(), [](const Slot& s) { return s.node->done(); });
}

bool Simulator::stale(const ScheduledEvent& e) const {
  return e.event.kind == EventKind::Deadline && e.event.ref != nodes_[e.event.node].generation;
}

Result<void> Simulator::drain(std::size_t node) {
  Slot& s = nodes_[node];
  while (auto frame = s.node->poll_transmit()) {
    if (stats_.handed_off >= config_.max_events) return unexpected(Errc::SimEventLimit);
    const FrameInfo info{stats_.handed_off++, s.name, *frame, now_};
    for (auto& tx : faults_.apply(info)) {
      const std::uint64_t id = next_tx_id_++;
      const TimePoint request = now_ + tx.delay;
      pending_.emplace(id, Pending{node, info.index, std::move(tx)});
      queue_.push(request, Event{EventKind::TxStart, node, id});
    }
  }
  return ok();
}

void Simulator::requery_deadline(std::size_t node) {
  Slot& s = nodes_[node];
  const auto wanted = s.node->next_deadline();
  if (!wanted) {
    if (s.deadline) {
      ++s.generation;  // cancels the queued timer
      s.deadline.reset();
    }
    return;
  }
  const TimePoint at = std::max(*wanted, now_);
  if (s.deadline && *s.deadline == at) return;  // unchanged: keep the queued timer (and its seq)
  ++s.generation;
  s.deadline = at;
  queue_.push(at, Event{EventKind::Deadline, node, s.generation});
}

Result<void> Simulator::after_call(std::size_t node) {
  if (auto r = drain(node); !r) return r;
  requery_deadline(node);
  return ok();
}

void Simulator::start_transmission(std::uint64_t id) {
  auto it = pending_.find(id);
  WPS_ASSERT(it != pending_.end());
  if (now_ < medium_free_) {
    // Busy: ask again when the current transmission ends; requests queued for that same instant
    // earlier keep their place (FIFO by sequence number).
    queue_.push(medium_free_, Event{EventKind::TxStart, it->second.node, id});
    return;
  }
  Pending p = std::move(it->second);
  pending_.erase(it);

  const Duration air = airtime(p.tx.frame.size());
  medium_free_ = now_ + air;
  const std::size_t record = recorder_.frames().size();
  const bool delivered = p.tx.fault.delivered();
  if (p.tx.fault.kind == FaultKind::Drop) ++stats_.dropped;
  if (p.tx.fault.lost) ++stats_.lost;
  recorder_.record(RecordedFrame{now_, nodes_[p.node].name, std::move(p.tx.frame), p.tx.fault,
                                 p.index, air});
  ++stats_.frames;
  if (!delivered) return;
  const TimePoint arrival = now_ + air + config_.latency;
  for (std::size_t j = 0; j < nodes_.size(); ++j) {
    if (j != p.node) queue_.push(arrival, Event{EventKind::Deliver, j, record});
  }
}

Result<void> Simulator::process(const ScheduledEvent& e) {
  switch (e.event.kind) {
    case EventKind::TxStart:
      start_transmission(e.event.ref);
      return ok();
    case EventKind::Deliver: {
      ++stats_.deliveries;
      // The view stays valid during on_frame: nothing is recorded while a node is being called.
      const Bytes& frame = recorder_.frames()[e.event.ref].frame;
      nodes_[e.event.node].node->on_frame(frame, now_);
      return after_call(e.event.node);
    }
    case EventKind::Deadline: {
      Slot& s = nodes_[e.event.node];
      s.deadline.reset();
      s.node->on_deadline(now_);
      return after_call(e.event.node);
    }
  }
  return ok();
}

Result<RunStats> Simulator::run() {
  if (started_) return unexpected(Errc::NotReady);
  started_ = true;

  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (auto r = after_call(i); !r) return unexpected(r.error());
  }

  const TimePoint limit = TimePoint{} + config_.time_limit;
  for (;;) {
    if (all_done()) {
      stats_.reason = StopReason::AllDone;
      break;
    }
    while (queue_.peek() && stale(*queue_.peek())) (void)queue_.pop();
    const ScheduledEvent* next = queue_.peek();
    if (!next) {
      stats_.reason = StopReason::Idle;
      break;
    }
    if (next->at > limit) {
      stats_.reason = StopReason::TimeLimit;
      break;
    }
    if (stats_.events >= config_.max_events) return unexpected(Errc::SimEventLimit);

    const ScheduledEvent e = *queue_.pop();
    now_ = e.at;
    ++stats_.events;
    fnv_mix(stats_.digest, static_cast<std::uint64_t>(e.at.ns()));
    fnv_mix(stats_.digest, static_cast<std::uint64_t>(e.event.kind));
    fnv_mix(stats_.digest, e.event.node);
    fnv_mix(stats_.digest, e.event.ref);
    if (auto r = process(e); !r) return unexpected(r.error());
  }
  stats_.end = now_;
  return stats_;
}

}  // namespace wps::sim
