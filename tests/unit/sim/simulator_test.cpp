#include "sim/simulator.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "dot11/codec.hpp"
#include "fake_nodes.hpp"
#include "pcap/radiotap.hpp"
#include "pcap/reader.hpp"
#include "sim/classify.hpp"
#include "sim_test_util.hpp"

namespace wps::sim {
namespace {

using namespace fake;
using namespace std::chrono_literals;
using testutil::TempDir;
namespace fs = std::filesystem;

TimePoint at(Duration d) {
  return TimePoint{} + d;
}

/// A node whose behaviour is given by lambdas; logs every call into a shared log.
class ScriptNode : public Node {
 public:
  ScriptNode(std::string n, std::vector<std::string>* log = nullptr)
      : name_(std::move(n)), log_(log) {}

  std::string_view name() const override { return name_; }
  MacAddr address() const override { return kStaAddr; }
  void on_frame(ByteView frame, TimePoint now) override {
    if (log_) log_->push_back(name_ + ":rx@" + std::to_string(now.ns()));
    rx.push_back({now, to_bytes(frame)});
    if (on_rx) on_rx(*this, frame, now);
  }
  std::optional<Bytes> poll_transmit() override {
    if (always_transmit) return Bytes{0x08, 0x00};
    if (out.empty()) return std::nullopt;
    Bytes f = std::move(out.front());
    out.erase(out.begin());
    return f;
  }
  std::optional<TimePoint> next_deadline() const override {
    ++queries;
    return deadline;
  }
  void on_deadline(TimePoint now) override {
    if (log_) log_->push_back(name_ + ":timer@" + std::to_string(now.ns()));
    timers.push_back(now);
    if (on_timer) on_timer(*this, now);
  }
  bool done() const override { return is_done; }

  std::function<void(ScriptNode&, ByteView, TimePoint)> on_rx;
  std::function<void(ScriptNode&, TimePoint)> on_timer;
  std::optional<TimePoint> deadline;
  std::vector<Bytes> out;
  bool is_done = false;
  bool always_transmit = false;
  std::vector<Received> rx;
  std::vector<TimePoint> timers;
  mutable std::size_t queries = 0;

 private:
  std::string name_;
  std::vector<std::string>* log_;
};

Bytes small_frame(std::uint8_t tag) {
  return to_ds(kStaAddr, kApAddr, kApAddr, 0x0800, Bytes{0x45, tag});
}

std::vector<std::uint8_t> msg_types(const Recorder& r) {
  std::vector<std::uint8_t> out;
  for (const auto& f : r.frames()) out.push_back(wsc_message_type(f.frame).value_or(0));
  return out;
}

// ---- basics ---------------------------------------------------------------------------------

TEST(Simulator, NoNodesIsIdleAndRunsOnce) {
  Simulator sim;
  auto s = sim.run();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->reason, StopReason::Idle);
  EXPECT_EQ(s->events, 0u);
  EXPECT_EQ(s->end, TimePoint{});
  auto again = sim.run();
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, Errc::NotReady);
}

TEST(Simulator, AirtimeModel) {
  Simulator sim;  // 1 Mb/s, 192 µs PLCP
  EXPECT_EQ(sim.airtime(0), 192us);
  EXPECT_EQ(sim.airtime(104), 192us + 832us);
  SimConfig c;
  c.capture.rate_500kbps = 22;  // 11 Mb/s: 16000/22 ns per octet, rounded up
  c.plcp_overhead = 96us;
  Simulator fast(c);
  EXPECT_EQ(fast.airtime(11), 96us + 8000ns);
  EXPECT_EQ(fast.airtime(100), 96us + Duration(72728));  // ceil(1'600'000 / 22)
}

TEST(Simulator, PingPongRunsToCompletion) {
  Pinger sta;
  Ponger ap;
  Simulator sim;
  sim.add_node(sta);
  sim.add_node(ap);
  auto s = sim.run();
  ASSERT_TRUE(s) << describe(s.error());
  EXPECT_EQ(s->reason, StopReason::AllDone);
  EXPECT_TRUE(sta.done());
  EXPECT_TRUE(ap.done());
  EXPECT_EQ(sta.retransmissions, 0u);
  EXPECT_EQ(s->frames, 8u);
  EXPECT_EQ(s->handed_off, 8u);
  EXPECT_EQ(s->deliveries, 8u);
  EXPECT_EQ(msg_types(sim.recorder()), (std::vector<std::uint8_t>{4, 5, 7, 8, 9, 10, 11, 12}));
  const auto& fr = sim.recorder().frames();
  for (std::size_t i = 0; i < fr.size(); ++i) {
    EXPECT_EQ(fr[i].transmitter, i % 2 == 0 ? "STA" : "AP");
    EXPECT_EQ(fr[i].index, i);
    EXPECT_EQ(fr[i].airtime, sim.airtime(fr[i].frame.size()));
    if (i > 0) {
      // Each answer goes on air as soon as the question arrived: previous start + airtime +
      // latency.
      EXPECT_EQ(fr[i].at, fr[i - 1].at + fr[i - 1].airtime + 50us) << i;
    }
  }
  EXPECT_EQ(fr.front().at, TimePoint{});
  EXPECT_EQ(s->end, sta.answers.back());
}

TEST(Simulator, LatencyAndAirtimeApplied) {
  for (Duration latency : {Duration(0), Duration(50us), Duration(1ms)}) {
    Pinger sta;
    Ponger ap;
    SimConfig c;
    c.latency = latency;
    Simulator sim(c);
    sim.add_node(sta);
    sim.add_node(ap);
    ASSERT_TRUE(sim.run());
    ASSERT_FALSE(ap.heard.empty());
    const auto& m1 = sim.recorder().frames().front();
    EXPECT_EQ(m1.frame.size(), 104u);
    EXPECT_EQ(m1.airtime, 1024us);
    EXPECT_EQ(ap.heard.front().at, at(1024us + latency));
    EXPECT_EQ(ap.heard.front().frame, m1.frame);
    // Four round trips of two frames each.
    const auto& last = sim.recorder().frames().back();
    EXPECT_EQ(sta.answers.back(), last.at + last.airtime + latency);
  }
}

// ---- ordering ---------------------------------------------------------------------------------

TEST(Simulator, SimultaneousDeliveriesFollowAddOrder) {
  for (bool swap : {false, true}) {
    std::vector<std::string> log;
    ScriptNode sender("S", &log);
    ScriptNode l1("L1", &log);
    ScriptNode l2("L2", &log);
    sender.out.push_back(small_frame(1));
    Simulator sim;
    sim.add_node(sender);
    sim.add_node(swap ? l2 : l1);
    sim.add_node(swap ? l1 : l2);
    auto s = sim.run();
    ASSERT_TRUE(s);
    EXPECT_EQ(s->reason, StopReason::Idle);
    const std::string t = std::to_string(sim.airtime(small_frame(1).size()).count() + 50'000);
    if (!swap) {
      EXPECT_EQ(log, (std::vector<std::string>{"L1:rx@" + t, "L2:rx@" + t}));
    } else {
      EXPECT_EQ(log, (std::vector<std::string>{"L2:rx@" + t, "L1:rx@" + t}));
    }
    EXPECT_TRUE(sender.rx.empty());  // no delivery to the transmitter
  }
}

TEST(Simulator, WaitersGetTheMediumInTheOrderTheyAskedForIt) {
  // A transmits at 0; C asks at 50 µs and B at 100 µs, while A is on the air; D asks exactly when
  // A's transmission ends and queues behind them. Then the unicast address filter: with it on,
  // a frame reaches only the node Address 1 names.
  ScriptNode a("A"), b("B"), c("C"), d("D");
  a.out.push_back(small_frame(1));
  const Duration air = Simulator().airtime(small_frame(1).size());
  c.deadline = at(50us);
  b.deadline = at(100us);
  d.deadline = at(air);
  for (ScriptNode* n : {&b, &c, &d}) {
    n->on_timer = [](ScriptNode& x, TimePoint) {
      x.out.push_back(small_frame(2));
      x.deadline.reset();
    };
  }
  Simulator sim;
  for (ScriptNode* n : {&a, &b, &c, &d}) sim.add_node(*n);
  auto s = sim.run();
  ASSERT_TRUE(s) << describe(s.error());
  std::vector<std::string> order;
  for (const auto& f : sim.recorder().frames()) order.push_back(f.transmitter);
  EXPECT_EQ(order, (std::vector<std::string>{"A", "C", "B", "D"}));
  const auto& fr = sim.recorder().frames();
  for (std::size_t i = 1; i < fr.size(); ++i) EXPECT_EQ(fr[i].at, fr[i - 1].at + air) << i;
  // Every node hears every frame of the others: 4 frames x 3 receivers.
  EXPECT_EQ(s->deliveries, 12u);
}

TEST(Simulator, AddressFilterPassesUnicastToItsAddresseeOnly) {
  // small_frame is addressed to kApAddr; the ScriptNodes all answer to kStaAddr, so with the
  // filter on nobody hears it, while a group-addressed frame still reaches everyone.
  ScriptNode a("A"), b("B");
  a.out.push_back(small_frame(1));
  Bytes group = small_frame(3);
  std::fill(group.begin() + 4, group.begin() + 10, 0xff);  // Address 1 = broadcast
  a.out.push_back(group);
  SimConfig cfg;
  cfg.rx_address_filter = true;
  Simulator sim(cfg);
  sim.add_node(a);
  sim.add_node(b);
  auto s = sim.run();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->frames, 2u);
  ASSERT_EQ(b.rx.size(), 1u);
  EXPECT_EQ(b.rx[0].frame, group);
}

TEST(Simulator, EqualDeadlinesFireInSchedulingOrder) {
  std::vector<std::string> log;
  ScriptNode a("A", &log);
  ScriptNode b("B", &log);
  ScriptNode c("C", &log);
  for (ScriptNode* n : {&a, &b, &c}) n->deadline = at(5ms);
  // B, when its timer fires, re-arms at the same instant as a later timer of A's.
  a.on_timer = [](ScriptNode& n, TimePoint now) {
    n.deadline = now == at(5ms) ? std::optional(at(7ms)) : std::nullopt;
  };
  b.on_timer = [](ScriptNode& n, TimePoint now) {
    n.deadline = now == at(5ms) ? std::optional(at(7ms)) : std::nullopt;
  };
  c.on_timer = [](ScriptNode& n, TimePoint) { n.deadline.reset(); };
  Simulator sim;
  sim.add_node(b);
  sim.add_node(a);
  sim.add_node(c);
  ASSERT_TRUE(sim.run());
  EXPECT_EQ(log, (std::vector<std::string>{"B:timer@5000000", "A:timer@5000000", "C:timer@5000000",
                                           "B:timer@7000000", "A:timer@7000000"}));
}

// ---- deadlines --------------------------------------------------------------------------------

TEST(Simulator, DeadlineMovedByAFrameReplacesTheOldOne) {
  ScriptNode sender("S");
  ScriptNode timer("T");
  sender.out.push_back(small_frame(1));
  timer.deadline = at(100ms);
  timer.on_rx = [](ScriptNode& n, ByteView, TimePoint now) { n.deadline = now + 20ms; };
  timer.on_timer = [](ScriptNode& n, TimePoint) { n.deadline.reset(); };
  Simulator sim;
  sim.add_node(sender);
  sim.add_node(timer);
  auto s = sim.run();
  ASSERT_TRUE(s);
  ASSERT_EQ(timer.rx.size(), 1u);
  ASSERT_EQ(timer.timers.size(), 1u);  // never at 100 ms
  EXPECT_EQ(timer.timers[0], timer.rx[0].at + 20ms);
  EXPECT_EQ(s->reason, StopReason::Idle);
  EXPECT_EQ(s->end, timer.timers[0]);
  // Events: TxStart, Deliver, Deadline; the stale 100 ms timer is discarded, not counted.
  EXPECT_EQ(s->events, 3u);
  // Queried once at start and after each of the two calls.
  EXPECT_EQ(timer.queries, 3u);
}

TEST(Simulator, DeadlineCanBeMovedEarlierOrCancelled) {
  ScriptNode sender("S");
  ScriptNode early("E");
  ScriptNode cancel("C");
  sender.out.push_back(small_frame(1));
  early.deadline = at(100ms);
  cancel.deadline = at(100ms);
  // A deadline in the past fires at the current time.
  early.on_rx = [](ScriptNode& n, ByteView, TimePoint) { n.deadline = TimePoint{}; };
  early.on_timer = [](ScriptNode& n, TimePoint) { n.deadline.reset(); };
  cancel.on_rx = [](ScriptNode& n, ByteView, TimePoint) { n.deadline.reset(); };
  Simulator sim;
  sim.add_node(sender);
  sim.add_node(early);
  sim.add_node(cancel);
  auto s = sim.run();
  ASSERT_TRUE(s);
  ASSERT_EQ(early.timers.size(), 1u);
  EXPECT_EQ(early.timers[0], early.rx[0].at);
  EXPECT_TRUE(cancel.timers.empty());
  EXPECT_LT(s->end, at(100ms));
}

TEST(Simulator, PeriodicDeadlinesAndAllDoneStopsBeacons) {
  Pinger sta;
  Ponger ap(Ponger::Config{"AP", 4, 100ms});
  Simulator sim;
  sim.add_node(sta);
  sim.add_node(ap);
  auto s = sim.run();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->reason, StopReason::AllDone);
  const auto& fr = sim.recorder().frames();
  // M1 at 0, then the AP's beacon (deadline at 0) waits for the medium.
  ASSERT_GE(fr.size(), 3u);
  EXPECT_EQ(fr[0].transmitter, "STA");
  EXPECT_EQ(fr[0].at, TimePoint{});
  EXPECT_EQ(fr[1].transmitter, "AP");
  EXPECT_EQ(fr[1].index, 1u);
  EXPECT_EQ(fr[1].at, fr[0].at + fr[0].airtime);
  auto fc = dot11::peek_frame_control(fr[1].frame);
  ASSERT_TRUE(fc);
  EXPECT_EQ(fc->subtype, static_cast<std::uint8_t>(dot11::MgmtSubtype::Beacon));
  EXPECT_EQ(ap.beacons, 1u);  // the exchange ends long before the second beacon
  EXPECT_EQ(s->frames, 9u);
}

// ---- faults -------------------------------------------------------------------------------------

TEST(Simulator, DroppedM4IsRecoveredByRetransmission) {
  Pinger sta;
  Ponger ap;
  SimConfig c;
  c.faults.add({std::nullopt, std::nullopt, is_wsc_message(wsc_msg::kM4)}, FaultAction::drop());
  Simulator sim(c);
  sim.add_node(sta);
  sim.add_node(ap);
  auto s = sim.run();
  ASSERT_TRUE(s) << describe(s.error());
  EXPECT_EQ(s->reason, StopReason::AllDone);
  EXPECT_EQ(sta.retransmissions, 1u);
  EXPECT_FALSE(sta.gave_up);
  EXPECT_EQ(s->dropped, 1u);
  EXPECT_EQ(sim.faults().hits(0), 1u);
  // The dropped M4 is in the recording; M3 and M4 appear twice.
  EXPECT_EQ(msg_types(sim.recorder()),
            (std::vector<std::uint8_t>{4, 5, 7, 8, 7, 8, 9, 10, 11, 12}));
  const auto& fr = sim.recorder().frames();
  EXPECT_EQ(fr[3].fault.kind, FaultKind::Drop);
  EXPECT_FALSE(fr[3].fault.delivered());
  EXPECT_EQ(fr[5].fault.kind, FaultKind::None);
  EXPECT_EQ(fr[4].at - fr[2].at, 100ms);  // the Pinger's timeout
  auto first_m3 = inspect_eapol(fr[2].frame);
  auto again_m3 = inspect_eapol(fr[4].frame);
  ASSERT_TRUE(first_m3 && again_m3);
  EXPECT_TRUE(equal(first_m3->eapol, again_m3->eapol));  // same EAPOL, new 802.11 sequence number
  // The STA never heard the first M4.
  std::size_t m4_heard = 0;
  for (const auto& h : sta.heard) m4_heard += wsc_message_type(h.frame) == wsc_msg::kM4;
  EXPECT_EQ(m4_heard, 1u);
}

TEST(Simulator, DropSweepEveryFrameIsRecovered) {
  // C11 fault sweep: drop frame N for every N of the clean run (8 frames): each run must still
  // complete, with exactly one retransmission.
  for (std::uint64_t n = 0; n < 8; ++n) {
    Pinger sta;
    Ponger ap;
    SimConfig c;
    c.faults.add({n, std::nullopt, {}}, FaultAction::drop());
    Simulator sim(c);
    sim.add_node(sta);
    sim.add_node(ap);
    auto s = sim.run();
    ASSERT_TRUE(s);
    EXPECT_EQ(s->reason, StopReason::AllDone) << n;
    EXPECT_EQ(sta.retransmissions, 1u) << n;
    // A lost question costs one more frame (the retransmission), a lost answer two (the
    // retransmitted question and the new answer).
    EXPECT_EQ(s->frames, n % 2 == 0 ? 9u : 10u) << n;
    EXPECT_EQ(sim.recorder().frames()[n].fault.kind, FaultKind::Drop) << n;
  }
}

TEST(Simulator, DropByTransmitterTwice) {
  Pinger sta;
  Ponger ap;
  SimConfig c;
  c.faults.add({std::nullopt, "AP", {}}, FaultAction::drop(), /*skip=*/1, /*count=*/2);
  Simulator sim(c);
  sim.add_node(sta);
  sim.add_node(ap);
  auto s = sim.run();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->reason, StopReason::AllDone);
  // M2 passes, M4 dropped, retransmitted M3 answered by an M4 that is dropped too, then passes.
  EXPECT_EQ(msg_types(sim.recorder()),
            (std::vector<std::uint8_t>{4, 5, 7, 8, 7, 8, 7, 8, 9, 10, 11, 12}));
  EXPECT_EQ(sta.retransmissions, 2u);
  EXPECT_EQ(sim.faults().matches(0), 3u);
  EXPECT_EQ(sim.faults().hits(0), 2u);
}

TEST(Simulator, GivingUpAfterMaxTries) {
  Pinger sta(Pinger::Config{"STA", 4, 100ms, 3, false});
  Ponger ap;
  SimConfig c;
  c.faults.add({std::nullopt, "AP", {}}, FaultAction::drop(), 0, 0);  // the AP is never heard
  Simulator sim(c);
  sim.add_node(sta);
  sim.add_node(ap);
  auto s = sim.run();
  ASSERT_TRUE(s);
  EXPECT_TRUE(sta.gave_up);
  EXPECT_EQ(sta.sent, 3u);
  EXPECT_EQ(s->reason, StopReason::Idle);  // the AP answered M1 once per try but is not done
  EXPECT_EQ(s->end, at(300ms));
  EXPECT_EQ(s->dropped, 3u);
}

TEST(Simulator, DuplicatedFrameAppearsTwiceAndIsDeliveredTwice) {
  Pinger sta;
  Ponger ap;
  SimConfig c;
  c.faults.add({std::nullopt, std::nullopt, is_wsc_message(wsc_msg::kM2)},
               FaultAction::duplicate());
  Simulator sim(c);
  sim.add_node(sta);
  sim.add_node(ap);
  auto s = sim.run();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->reason, StopReason::AllDone);
  EXPECT_EQ(msg_types(sim.recorder()), (std::vector<std::uint8_t>{4, 5, 5, 7, 8, 9, 10, 11, 12}));
  const auto& fr = sim.recorder().frames();
  EXPECT_EQ(fr[1].frame, fr[2].frame);
  EXPECT_EQ(fr[1].index, fr[2].index);
  EXPECT_EQ(fr[1].fault.copy, 0);
  EXPECT_EQ(fr[2].fault.copy, 1);
  EXPECT_EQ(fr[2].at, fr[1].at + fr[1].airtime);  // back to back
  EXPECT_EQ(sta.ignored, 1u);                     // the second M2 is stale
  EXPECT_EQ(sta.retransmissions, 0u);
  EXPECT_EQ(s->frames, 9u);
  EXPECT_EQ(s->handed_off, 8u);
}

TEST(Simulator, DelayedFrameIsOvertakenAndWaitsForTheMedium) {
  Pinger sta(Pinger::Config{"STA", 4, 100ms, 5, /*hello=*/true});
  Ponger ap;
  SimConfig c;
  c.faults.add({0, std::nullopt, {}}, FaultAction::delay_by(3ms));  // the hello (index 0)
  Simulator sim(c);
  sim.add_node(sta);
  sim.add_node(ap);
  auto s = sim.run();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->reason, StopReason::AllDone);
  const auto& fr = sim.recorder().frames();
  ASSERT_EQ(fr.size(), 9u);
  EXPECT_EQ(fr[0].index, 1u);  // M1 overtook the hello
  EXPECT_EQ(wsc_message_type(fr[0].frame), wsc_msg::kM1);
  std::size_t hello = fr.size();
  for (std::size_t i = 0; i < fr.size(); ++i) {
    if (fr[i].index == 0) hello = i;
  }
  ASSERT_LT(hello, fr.size());
  ASSERT_GT(hello, 0u);
  EXPECT_EQ(fr[hello].fault.kind, FaultKind::Delay);
  EXPECT_EQ(fr[hello].fault.delay, 3ms);
  // It asked for the medium at 3 ms and went on air at 3 ms or when the medium was next free.
  const auto& prev = fr[hello - 1];
  EXPECT_EQ(fr[hello].at, std::max(at(3ms), prev.at + prev.airtime));
  for (std::size_t i = 1; i < fr.size(); ++i) {
    EXPECT_GE(fr[i].at, fr[i - 1].at + fr[i - 1].airtime) << "overlap at " << i;
  }
}

TEST(Simulator, DelayShiftsTheExchange) {
  auto first_answer = [](std::optional<Duration> delay) {
    Pinger sta;
    Ponger ap;
    SimConfig c;
    if (delay) c.faults.add({0, std::nullopt, {}}, FaultAction::delay_by(*delay));
    Simulator sim(c);
    sim.add_node(sta);
    sim.add_node(ap);
    EXPECT_TRUE(sim.run());
    EXPECT_EQ(sta.retransmissions, 0u);
    return sta.answers.at(0);
  };
  EXPECT_EQ(first_answer(30ms) - first_answer(std::nullopt), 30ms);
}

TEST(Simulator, CorruptedIdentifierIsIgnoredAndRecovered) {
  Pinger sta;
  Ponger ap;
  SimConfig c;
  // Octet 37 of the AP's frame: 24 (MAC header) + 8 (LLC/SNAP) + 4 (EAPOL) + 1 (EAP code) → the
  // EAP identifier.
  c.faults.add({std::nullopt, "AP", {}}, FaultAction::corrupt(37, 0x01));
  Simulator sim(c);
  sim.add_node(sta);
  sim.add_node(ap);
  auto s = sim.run();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->reason, StopReason::AllDone);
  const auto& fr = sim.recorder().frames();
  ASSERT_GE(fr.size(), 2u);
  EXPECT_EQ(fr[1].fault.kind, FaultKind::Corrupt);
  EXPECT_EQ(fr[1].fault.octet, 37u);
  EXPECT_EQ(fr[1].fault.original, 0);
  EXPECT_EQ(fr[1].frame[37], 1);                    // the recording shows the damage
  EXPECT_EQ(sta.heard.front().frame, fr[1].frame);  // and so does the receiver
  auto info = inspect_eapol(fr[1].frame);
  ASSERT_TRUE(info && info->eap);
  EXPECT_EQ(info->eap->identifier, 1);
  EXPECT_EQ(sta.ignored, 1u);
  EXPECT_EQ(sta.retransmissions, 1u);
  EXPECT_EQ(fr[3].frame[37], 0);  // the second M2 is intact
}

// ---- random loss and determinism ------------------------------------------------------------------

struct LossRun {
  std::vector<RecordedFrame> frames;
  RunStats stats;
  bool completed = false;
};

LossRun lossy_run(std::uint64_t seed, std::uint32_t ppm = 200'000) {
  Pinger sta(Pinger::Config{"STA", 4, 50ms, 30, true});
  Ponger ap(Ponger::Config{"AP", 4, 100ms});
  SimConfig c;
  c.seed = seed;
  c.faults.loss_ppm = ppm;
  Simulator sim(c);
  sim.add_node(sta);
  sim.add_node(ap);
  auto s = sim.run();
  EXPECT_TRUE(s);
  LossRun r;
  r.frames = sim.recorder().frames();
  if (s) r.stats = *s;
  r.completed = sta.done() && !sta.gave_up;
  return r;
}

std::vector<bool> lost_flags(const LossRun& r) {
  std::vector<bool> v;
  for (const auto& f : r.frames) v.push_back(f.fault.lost);
  return v;
}

TEST(Simulator, LossIsDeterministicPerSeed) {
  const LossRun a = lossy_run(1);
  const LossRun b = lossy_run(1);
  const LossRun c = lossy_run(2);
  EXPECT_TRUE(a.completed);
  EXPECT_TRUE(c.completed);
  EXPECT_GT(a.stats.lost, 0u);
  EXPECT_EQ(a.frames, b.frames);
  EXPECT_EQ(a.stats.digest, b.stats.digest);
  EXPECT_EQ(a.stats.events, b.stats.events);
  EXPECT_NE(lost_flags(a), lost_flags(c));
  EXPECT_NE(a.stats.digest, c.stats.digest);
  // Lost frames are recorded but never delivered.
  std::uint64_t lost = 0;
  for (const auto& f : a.frames) lost += f.fault.lost;
  EXPECT_EQ(lost, a.stats.lost);
  // (Frames still in flight when the run stops are recorded but not delivered.)
  EXPECT_LE(a.stats.deliveries, a.stats.frames - a.stats.lost);
  EXPECT_GE(a.stats.deliveries + 2, a.stats.frames - a.stats.lost);
}

TEST(Simulator, SameSeedGivesByteIdenticalPcaps) {
  TempDir dir;
  auto write = [&](std::uint64_t seed, const std::string& file, pcap::Linktype lt) {
    Pinger sta(Pinger::Config{"STA", 4, 50ms, 30, true});
    Ponger ap(Ponger::Config{"AP", 4, 100ms});
    SimConfig c;
    c.seed = seed;
    c.faults.loss_ppm = 250'000;
    Simulator sim(c);
    sim.add_node(sta);
    sim.add_node(ap);
    EXPECT_TRUE(sim.run());
    EXPECT_TRUE(sim.recorder().write_pcap(dir.path / file, lt));
    return test::read_file(dir.path / file);
  };
  for (auto lt : {pcap::Linktype::Radiotap, pcap::Linktype::Ethernet}) {
    const std::string a = write(7, "a.pcap", lt);
    const std::string b = write(7, "b.pcap", lt);
    const std::string c = write(8, "c.pcap", lt);
    EXPECT_GT(a.size(), 24u);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
  }
}

TEST(Simulator, RadiotapPcapOfARunReadsBack) {
  TempDir dir;
  Pinger sta(Pinger::Config{"STA", 4, 100ms, 5, true});
  Ponger ap(Ponger::Config{"AP", 4, 100ms});
  SimConfig c;
  c.faults.add({std::nullopt, std::nullopt, is_wsc_message(wsc_msg::kM4)}, FaultAction::drop());
  Simulator sim(c);
  sim.add_node(sta);
  sim.add_node(ap);
  ASSERT_TRUE(sim.run());
  const fs::path out = dir.path / "run.pcap";
  ASSERT_TRUE(sim.recorder().write_pcap(out));
  auto r = pcap::Reader::open(out);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->linktype(), 127);
  const auto& fr = sim.recorder().frames();
  std::size_t i = 0;
  for (;; ++i) {
    auto p = r->next();
    ASSERT_TRUE(p);
    if (!*p) break;
    ASSERT_LT(i, fr.size());
    EXPECT_EQ((*p)->timestamp_ns, kDefaultPcapEpoch * 1'000'000'000LL + fr[i].at.ns());
    auto d = pcap::dot11_frame(127, (*p)->data);
    ASSERT_TRUE(d);
    EXPECT_EQ(to_bytes(d->frame), fr[i].frame);
    EXPECT_EQ(d->radiotap->fields.rate_500kbps, 2);
  }
  EXPECT_EQ(i, fr.size());
  // hello, beacons at 0 and 100 ms (the AP is done after M7, ~110 ms), M1..M8, the
  // retransmitted M3 and its M4.
  EXPECT_EQ(i, 13u);

  // The Ethernet view: the ten EAPOL frames only.
  ASSERT_TRUE(sim.recorder().write_pcap(dir.path / "eth.pcap", pcap::Linktype::Ethernet));
  auto e = pcap::Reader::open(dir.path / "eth.pcap");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->linktype(), 1);
  std::size_t n = 0;
  for (;;) {
    auto p = e->next();
    ASSERT_TRUE(p);
    if (!*p) break;
    ASSERT_GE((*p)->data.size(), 14u);
    EXPECT_EQ((*p)->data[12], 0x88);
    EXPECT_EQ((*p)->data[13], 0x8e);
    ++n;
  }
  EXPECT_EQ(n, 10u);
}

// ---- guards -------------------------------------------------------------------------------------

TEST(Simulator, RunawayDeadlineTripsTheGuard) {
  ScriptNode stuck("STUCK");
  stuck.deadline = TimePoint{};  // never moves: fires again and again at time 0
  SimConfig c;
  c.max_events = 1000;
  Simulator sim(c);
  sim.add_node(stuck);
  auto s = sim.run();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::SimEventLimit);
  EXPECT_EQ(stuck.timers.size(), 1000u);
  EXPECT_EQ(sim.now(), TimePoint{});
}

TEST(Simulator, EndlessTransmitterTripsTheGuard) {
  ScriptNode chatty("CHATTY");
  chatty.always_transmit = true;
  SimConfig c;
  c.max_events = 500;
  Simulator sim(c);
  sim.add_node(chatty);
  auto s = sim.run();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::SimEventLimit);
}

TEST(Simulator, EndlessConversationTripsTheGuardBeforeTheTimeLimit) {
  ScriptNode a("A");
  ScriptNode b("B");
  a.out.push_back(small_frame(0));
  auto echo = [](ScriptNode& n, ByteView f, TimePoint) { n.out.push_back(to_bytes(f)); };
  a.on_rx = echo;
  b.on_rx = echo;
  SimConfig c;
  c.max_events = 300;
  Simulator sim(c);
  sim.add_node(a);
  sim.add_node(b);
  auto s = sim.run();
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().code, Errc::SimEventLimit);
  EXPECT_GT(sim.now(), TimePoint{});
  EXPECT_EQ(sim.recorder().frames().size(), 150u);  // TxStart + Deliver per frame
}

TEST(Simulator, TimeLimitStopsAnEndlessTicker) {
  ScriptNode ticker("T");
  ticker.deadline = at(10ms);
  ticker.on_timer = [](ScriptNode& n, TimePoint now) {
    n.out.push_back(small_frame(static_cast<std::uint8_t>(n.timers.size())));
    n.deadline = now + 10ms;
  };
  SimConfig c;
  c.time_limit = 1s;
  Simulator sim(c);
  sim.add_node(ticker);
  auto s = sim.run();
  ASSERT_TRUE(s);
  EXPECT_EQ(s->reason, StopReason::TimeLimit);
  EXPECT_EQ(ticker.timers.size(), 100u);  // 10, 20, …, 1000 ms
  EXPECT_EQ(ticker.timers.back(), at(1s));
  EXPECT_EQ(s->end, at(1s));
  EXPECT_EQ(sim.recorder().frames().size(), 100u);  // the one handed off at 1 s went on air too
  EXPECT_EQ(s->events, 200u);
}

TEST(Simulator, StopReasonNames) {
  EXPECT_EQ(to_string(StopReason::AllDone), "all_done");
  EXPECT_EQ(to_string(StopReason::Idle), "idle");
  EXPECT_EQ(to_string(StopReason::TimeLimit), "time_limit");
}

}  // namespace
}  // namespace wps::sim
