// A deterministic discrete-event simulator of one shared 802.11 channel (ARCHITECTURE C2, §1.2).
//
// Nodes (node.hpp) are driven through their sans-I/O interface on a virtual clock that starts at
// TimePoint 0 and only moves when an event is taken from the queue (scheduler.hpp). Nothing here
// reads a clock, sleeps or starts a thread.
//
// Medium and timing model (ideal CSMA: one channel, no collisions, no backoff, no ACKs unless
// SimConfig::arq turns on 802.11 acknowledgements and retransmissions, see MacArq):
// - A frame a node returns from poll_transmit() at time t is *handed off* at t. The fault injector
//   (fault.hpp) decides its copies; each copy asks for the medium at t + its delay (0 unless a
//   Delay fault applies).
// - A copy starts when the medium is free: start = max(request time, end of the previous
//   transmission). Requests waiting for the medium are served in the order they asked for it
//   (a request that finds others waiting queues behind them).
// - It occupies the medium for airtime(n) = plcp_overhead + ceil(n * 16000 / rate_500kbps) ns
//   for an n-octet 802.11 frame (defaults: 192 µs long DSSS preamble + 8 µs per octet at 1 Mb/s).
// - The recorder (recorder.hpp) logs it at `start`. Unless dropped or lost, it reaches every other
//   node (in add order) at start + airtime + latency, through Node::on_frame(); with
//   SimConfig::rx_address_filter a unicast frame (Address 1 individual) reaches only the node
//   with that address, as a receiver's address filter passes it (the recorder, a monitor-mode
//   sniffer, logs every frame either way).
//
// Deadlines (node.hpp): after every call into a node (and once per node at time 0), the
// simulator drains poll_transmit() and re-queries next_deadline(). A changed answer replaces the
// scheduled timer (the old timer event is discarded when it comes up); a deadline in the past
// fires at the current time.
//
// Determinism: events run in (time, insertion sequence) order; the only randomness is the fault
// injector's Pcg32 seeded from SimConfig::seed. Same seed, same nodes (added in the same order,
// behaving deterministically) ⇒ the same event sequence (RunStats::digest), the same recording
// and byte-identical pcap files. Nodes should draw their own randomness from a per-node stream of
// the same seed, e.g. crypto::Drbg(config.seed, node name).
//
// The run ends when every node is done() (AllDone), when no event is left (Idle), or before the
// first event later than time_limit (TimeLimit). More than max_events processed events (or
// handed-off frames) is an error: a runaway node, e.g. one whose deadline never moves forward.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "base/time.hpp"
#include "sim/fault.hpp"
#include "sim/node.hpp"
#include "sim/recorder.hpp"
#include "sim/scheduler.hpp"

namespace wps::sim {

/// 802.11 acknowledgement and retransmission (IEEE 802.11-2020 §10.3.2.x: immediate ACK after
/// SIFS, retransmission with the Retry bit after an ACK timeout, dot11ShortRetryLimit), off by
/// default (the scenarios' recordings are those of an ideal channel). With it on:
/// - a unicast data or management frame (A1 not a group address, at least 24 octets) that reaches
///   the node owning A1 (Node::address()) is answered by an ACK from that node SIFS after its
///   end; the ACK occupies the medium and is recorded (transmitter = the acknowledging node), but
///   is handed to no node (the MAC consumes it);
/// - a unicast frame that is lost (or dropped), or whose ACK is lost, is transmitted again with
///   the Retry bit (FC flags 0x08) after the ACK timeout and a fixed backoff, up to retry_limit
///   retransmissions, then discarded; each attempt and each ACK draws its own random loss;
/// - group-addressed frames are sent once, never acknowledged;
/// - a node's frames leave in order: the next waits until the current one is acknowledged or
///   given up (one transmit queue per node, as one access category of a real MAC);
/// - receivers drop a retransmission (Retry bit) whose transmitter and sequence control equal the
///   last frame they accepted from that transmitter (the 802.11 duplicate filter), so nodes see
///   each frame once.
/// Fault rules act on the first attempt of a handed-off frame only. A run ends AllDone only
/// when, besides every node being done, no frame is waiting, being retransmitted or in flight.
struct MacArq {
  bool enabled = false;
  unsigned retry_limit = 7;                       ///< retransmissions after the first attempt
  Duration sifs = std::chrono::microseconds(10);  ///< DSSS
  Duration slot = std::chrono::microseconds(20);  ///< DSSS
  unsigned cw_min = 31;                           ///< DSSS aCWmin; doubles per retry to 1023
};

struct SimConfig {
  Duration latency = std::chrono::microseconds(50);  ///< end of airtime → on_frame at receivers
  Duration plcp_overhead = std::chrono::microseconds(192);  ///< fixed part of every airtime
  std::uint64_t seed = 0;                           ///< the run seed (fault injector, nodes)
  std::size_t max_events = 1'000'000;               ///< runaway guard
  Duration time_limit = std::chrono::seconds(300);  ///< virtual time after which the run stops
  FaultPlan faults;                                 ///< rules and random loss
  RecorderOptions capture;  ///< pcap epoch and radiotap fields; capture.rate_500kbps is also the
                            ///< rate of the airtime model
  MacArq arq;               ///< ACKs and MAC retransmissions (off: the ideal channel above)
  /// Unicast frames reach only their addressee (an 802.11 receiver's address filter); off (the
  /// default): every node hears every frame and filters it itself. The crowd turns it on: N
  /// stations each handed every other station's frames is N² deliveries.
  bool rx_address_filter = false;
};

enum class StopReason : std::uint8_t {
  AllDone,    ///< every node reported done()
  Idle,       ///< nothing left to do (no event queued), or no node at all
  TimeLimit,  ///< the next event lies beyond SimConfig::time_limit
};

/// Stable lower-case name ("all_done", "idle", "time_limit").
std::string_view to_string(StopReason r);

struct RunStats {
  std::uint64_t events = 0;      ///< events processed (discarded stale timers not counted)
  std::uint64_t handed_off = 0;  ///< frames the nodes returned from poll_transmit()
  std::uint64_t frames = 0;      ///< copies transmitted = frames recorded
  std::uint64_t deliveries = 0;  ///< on_frame() calls
  std::uint64_t dropped = 0;     ///< recorded copies a Drop rule kept from every receiver
  std::uint64_t lost = 0;        ///< recorded copies random loss kept from every receiver
                                 ///< (a copy can count in both)
  std::uint64_t acks = 0;        ///< ACK frames transmitted (MacArq)
  std::uint64_t retries = 0;     ///< retransmissions with the Retry bit (MacArq)
  std::uint64_t given_up = 0;    ///< unicast frames discarded after the retry limit (MacArq)
  std::uint64_t duplicates_filtered = 0;  ///< retransmissions a receiver's filter dropped
  TimePoint end;                          ///< time of the last processed event (0 if none)
  StopReason reason = StopReason::Idle;
  /// FNV-1a (64-bit) over the processed events' (time, kind, node, ref): equal digests mean the
  /// same event sequence, cheap to compare across runs.
  std::uint64_t digest = 0;
};

class Simulator {
 public:
  /// WPS_ASSERT: capture.rate_500kbps != 0; latency, plcp_overhead, time_limit >= 0;
  /// loss_ppm <= 1'000'000 and no rule with action None (FaultInjector).
  explicit Simulator(SimConfig config = {});

  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  /// Adds a node; it must outlive run(). Nodes are numbered in add order, which is also the order
  /// of their initial drain and of deliveries of the same frame.
  /// WPS_ASSERT: run() not called yet; no other node has the same name().
  void add_node(Node& node);

  /// Runs the simulation to its end (see the file comment). Once only.
  ///
  /// Errors:
  /// - SimEventLimit: more than max_events events would be processed, or more than max_events
  ///   frames handed off. The recording up to that point is kept.
  /// - NotReady: run() was called before.
  [[nodiscard]] Result<RunStats> run();

  /// Airtime of an n-octet 802.11 frame under this configuration.
  [[nodiscard]] Duration airtime(std::size_t octets) const;

  /// The current virtual time (the time of the event being or last processed).
  [[nodiscard]] TimePoint now() const { return now_; }
  [[nodiscard]] const Recorder& recorder() const { return recorder_; }
  [[nodiscard]] Recorder& recorder() { return recorder_; }
  /// Per-rule match/hit counters of the fault plan.
  [[nodiscard]] const FaultInjector& faults() const { return faults_; }
  [[nodiscard]] const SimConfig& config() const { return config_; }
  [[nodiscard]] std::size_t node_count() const { return nodes_.size(); }

 private:
  struct Slot {
    Node* node = nullptr;
    std::string name;
    std::optional<TimePoint> deadline;  // the timer currently scheduled, if any
    std::uint64_t generation = 0;       // bumped whenever the scheduled timer is replaced
    // MacArq: the node's transmit queue and its receive duplicate filter.
    bool in_flight = false;                     // a frame of this node is being sent
    std::deque<std::uint64_t> backlog;          // transmission ids waiting behind it
    std::map<MacAddr, std::uint16_t> last_seq;  // transmitter → last accepted sequence control
  };
  struct Pending {
    std::size_t node = 0;
    std::uint64_t index = 0;  // FrameInfo::index
    Transmission tx;
    TimePoint request;     // when it first asked for the medium
    unsigned attempt = 0;  // MacArq: 0 = first transmission
  };

  Result<void> after_call(std::size_t node);
  Result<void> drain(std::size_t node);
  void requery_deadline(std::size_t node);
  bool stale(const ScheduledEvent& e) const;
  bool all_done() const;
  Result<void> process(const ScheduledEvent& e);
  void start_transmission(std::uint64_t id);
  void transmit(std::uint64_t id);
  void wake_medium_at_end();
  /// MacArq: after a transmission of `p` that ended at `end`: ACK, retransmission or the end of
  /// the frame; then the node's next frame.
  void arq_after(Pending p, bool delivered, TimePoint end);
  void release_next(std::size_t node, TimePoint at);
  [[nodiscard]] std::optional<std::size_t> node_with(const MacAddr& a, std::size_t except) const;
  /// MacArq duplicate filter: false when node `to` must not see recorded frame `record`.
  bool accept(std::size_t to, std::size_t record);

  SimConfig config_;
  Scheduler queue_;
  FaultInjector faults_;
  Recorder recorder_;
  std::vector<Slot> nodes_;
  std::map<std::uint64_t, Pending> pending_;  // transmissions waiting for the medium, by id
  std::uint64_t next_tx_id_ = 0;
  std::uint64_t deliveries_in_flight_ = 0;  // Deliver events queued
  TimePoint now_;
  TimePoint medium_free_;
  /// Transmissions that found the medium busy, in the order they asked: one MediumFree event
  /// serves the first when the medium is free (not one retry event per waiter and
  /// transmission, which a crowd of stations makes quadratic).
  std::deque<std::uint64_t> waiters_;
  bool wake_queued_ = false;
  /// rx_address_filter: the nodes answering to each address (taken when run() starts).
  std::map<MacAddr, std::vector<std::size_t>> by_address_;
  /// all_done(): the node found not done last time, asked first (a crowd's nodes finish one
  /// after the other; asking all of them on every event is quadratic).
  mutable std::size_t not_done_hint_ = 0;
  RunStats stats_;
  bool started_ = false;
};

}  // namespace wps::sim
