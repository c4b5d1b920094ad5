#include "sim/simulator.hpp"

#include <algorithm>
#include <array>
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

// 802.11 MAC header fields the MacArq model reads (IEEE 802.11-2020 §9.2.4): frame control octet
// 0 (type in bits 2-3: 0 management, 1 control, 2 data), octet 1 (flags; Retry = 0x08), A1 at
// 4, A2 at 10, sequence control at 22.
constexpr std::uint8_t kRetryFlag = 0x08;

bool acknowledged_kind(ByteView f) {
  if (f.size() < 24) return false;
  const unsigned type = (f[0] >> 2) & 3u;
  return type == 0 || type == 2;
}

bool group_addressed(ByteView f) {
  return (f[4] & 0x01) != 0;
}

MacAddr addr_at(ByteView f, std::size_t at) {
  std::array<std::uint8_t, 6> a{};
  for (std::size_t i = 0; i < 6; ++i) a[i] = f[at + i];
  return MacAddr(a);
}

std::uint16_t seq_control(ByteView f) {
  return static_cast<std::uint16_t>(f[22] | (f[23] << 8));
}

/// ACK frame (§9.3.1.3) without FCS: frame control d4 00, duration 0, RA.
Bytes ack_frame(const MacAddr& ra) {
  Bytes b{0xd4, 0x00, 0x00, 0x00};
  const ByteView v = ra.view();
  b.insert(b.end(), v.begin(), v.end());
  return b;
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
  nodes_.push_back(Slot{&node, std::string(node.name()), std::nullopt, 0, false, {}, {}});
}

Duration Simulator::airtime(std::size_t octets) const {
  // n octets at rate r × 500 kb/s: n·8 bits / (r·500'000 b/s) = n·16'000 / r ns, rounded up.
  const std::uint64_t r = config_.capture.rate_500kbps;
  const std::uint64_t ns = (static_cast<std::uint64_t>(octets) * 16'000u + r - 1) / r;
  return config_.plcp_overhead + Duration(static_cast<std::int64_t>(ns));
}

bool Simulator::all_done() const {
  if (nodes_.empty()) return false;
  if (not_done_hint_ < nodes_.size() && !nodes_[not_done_hint_].node->done()) return false;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (!nodes_[i].node->done()) {
      not_done_hint_ = i;
      return false;
    }
  }
  // MacArq: a frame still being (re)transmitted or on its way is part of the run; the ideal
  // channel keeps its old rule (the recorded scenarios end as soon as the nodes are done).
  return !config_.arq.enabled || (pending_.empty() && deliveries_in_flight_ == 0);
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
      pending_.emplace(id, Pending{node, info.index, std::move(tx), request, 0});
      if (config_.arq.enabled) {
        if (s.in_flight) {
          s.backlog.push_back(id);
          continue;
        }
        s.in_flight = true;
      }
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
  WPS_ASSERT(pending_.count(id) == 1);
  if (now_ < medium_free_ || !waiters_.empty()) {
    // Busy, or others asked first: wait in line.
    waiters_.push_back(id);
    wake_medium_at_end();
    return;
  }
  transmit(id);
}

void Simulator::wake_medium_at_end() {
  if (wake_queued_ || waiters_.empty()) return;
  queue_.push(std::max(medium_free_, now_), Event{EventKind::MediumFree, 0, 0});
  wake_queued_ = true;
}

void Simulator::transmit(std::uint64_t id) {
  auto it = pending_.find(id);
  WPS_ASSERT(it != pending_.end());
  Pending p = std::move(it->second);
  pending_.erase(it);

  const Duration air = airtime(p.tx.frame.size());
  medium_free_ = now_ + air;
  const std::size_t record = recorder_.frames().size();
  const bool delivered = p.tx.fault.delivered();
  if (p.tx.fault.kind == FaultKind::Drop) ++stats_.dropped;
  if (p.tx.fault.lost) ++stats_.lost;
  const bool arq = config_.arq.enabled;
  recorder_.record(RecordedFrame{now_, nodes_[p.node].name,
                                 arq ? p.tx.frame : std::move(p.tx.frame), p.tx.fault, p.index,
                                 air});
  ++stats_.frames;
  if (p.attempt > 0) ++stats_.retries;
  if (delivered) {
    const TimePoint arrival = now_ + air + config_.latency;
    // Address 1 (octets 4..9) of a unicast frame: only its owner's receiver passes it up.
    const Bytes& fr = recorder_.frames()[record].frame;
    std::optional<MacAddr> ra;
    if (config_.rx_address_filter && fr.size() >= 10 && !group_addressed(fr)) ra = addr_at(fr, 4);
    if (ra) {
      if (auto hit = by_address_.find(*ra); hit != by_address_.end()) {
        for (std::size_t j : hit->second) {
          if (j == p.node) continue;
          queue_.push(arrival, Event{EventKind::Deliver, j, record});
          ++deliveries_in_flight_;
        }
      }
    } else {
      const bool group = config_.rx_address_filter;
      for (std::size_t j = 0; j < nodes_.size(); ++j) {
        if (j != p.node && (!group || nodes_[j].node->receives_group_frame(fr))) {
          queue_.push(arrival, Event{EventKind::Deliver, j, record});
          ++deliveries_in_flight_;
        }
      }
    }
  }
  if (arq) arq_after(std::move(p), delivered, now_ + air);
}

std::optional<std::size_t> Simulator::node_with(const MacAddr& a, std::size_t except) const {
  for (std::size_t j = 0; j < nodes_.size(); ++j)
    if (j != except && nodes_[j].node->address() == a) return j;
  return std::nullopt;
}

void Simulator::arq_after(Pending p, bool delivered, TimePoint end) {
  const ByteView f = p.tx.frame;
  if (!acknowledged_kind(f) || group_addressed(f)) {
    release_next(p.node, medium_free_);
    return;
  }
  // The addressee answers SIFS after the frame, if the frame reached it.
  Duration ack_air{0};
  bool acked = false;
  if (delivered) {
    if (auto to = node_with(addr_at(f, 4), p.node)) {
      Bytes ack = ack_frame(addr_at(f, 10));
      ack_air = airtime(ack.size());
      FaultApplied fa;
      fa.lost = faults_.draw_loss();
      const TimePoint at = end + config_.arq.sifs;
      medium_free_ = std::max(medium_free_, at + ack_air);
      if (fa.lost) ++stats_.lost;
      recorder_.record(RecordedFrame{at, nodes_[*to].name, std::move(ack), fa, p.index, ack_air});
      ++stats_.frames;
      ++stats_.acks;
      acked = !fa.lost;
    }
  }
  if (acked) {
    release_next(p.node, medium_free_);
    return;
  }
  if (p.attempt >= config_.arq.retry_limit) {
    ++stats_.given_up;
    release_next(p.node, medium_free_);
    return;
  }
  // ACK timeout (SIFS + slot + the ACK's airtime), then DIFS and a fixed backoff of half the
  // contention window (deterministic: the model has no other contender to randomise against).
  const unsigned cw = std::min(1023u, ((config_.arq.cw_min + 1) << (p.attempt + 1)) - 1);
  const Duration ack_timeout = config_.arq.sifs + config_.arq.slot + airtime(14);
  const Duration difs = config_.arq.sifs + 2 * config_.arq.slot;
  const TimePoint retry_at = end + ack_timeout + difs + (cw / 2) * config_.arq.slot;
  Pending again{p.node, p.index, Transmission{std::move(p.tx.frame), Duration{0}, FaultApplied{}},
                retry_at, p.attempt + 1};
  again.tx.frame[1] = static_cast<std::uint8_t>(again.tx.frame[1] | kRetryFlag);
  again.tx.fault.lost = faults_.draw_loss();
  const std::uint64_t id = next_tx_id_++;
  pending_.emplace(id, std::move(again));
  queue_.push(retry_at, Event{EventKind::TxStart, p.node, id});
}

void Simulator::release_next(std::size_t node, TimePoint at) {
  Slot& s = nodes_[node];
  if (s.backlog.empty()) {
    s.in_flight = false;
    return;
  }
  const std::uint64_t id = s.backlog.front();
  s.backlog.pop_front();
  queue_.push(std::max(at, pending_.at(id).request), Event{EventKind::TxStart, node, id});
}

bool Simulator::accept(std::size_t to, std::size_t record) {
  const ByteView f = recorder_.frames()[record].frame;
  if (!acknowledged_kind(f)) return true;
  const MacAddr ta = addr_at(f, 10);
  const std::uint16_t sc = seq_control(f);
  auto& last = nodes_[to].last_seq;
  auto it = last.find(ta);
  if ((f[1] & kRetryFlag) != 0 && it != last.end() && it->second == sc) {
    ++stats_.duplicates_filtered;
    return false;
  }
  last[ta] = sc;
  return true;
}

Result<void> Simulator::process(const ScheduledEvent& e) {
  switch (e.event.kind) {
    case EventKind::TxStart: start_transmission(e.event.ref); return ok();
    case EventKind::MediumFree:
      wake_queued_ = false;
      if (now_ >= medium_free_ && !waiters_.empty()) {
        const std::uint64_t id = waiters_.front();
        waiters_.pop_front();
        transmit(id);
      }
      wake_medium_at_end();
      return ok();
    case EventKind::Deliver: {
      --deliveries_in_flight_;
      if (config_.arq.enabled && !accept(e.event.node, e.event.ref)) return ok();
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
  if (config_.rx_address_filter) {
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      by_address_[nodes_[i].node->address()].push_back(i);
    }
  }

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
