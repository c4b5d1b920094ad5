// The interface every simulated radio implements (ARCHITECTURE C1: sans-I/O). The simulator
// (simulator.hpp) owns time and the medium; a Node only reacts to the calls below. The roles
// (AccessPoint, Station) are adapted to it; the unit tests use small fakes.
//
// Call protocol, as the Simulator drives it:
// - Every call into a node (on_frame, on_deadline) is followed by draining poll_transmit() until
//   it returns nullopt, then by one next_deadline() query. Before the first event of a run, every
//   node is drained and queried once (in add order) at time 0: a node that wants to speak first
//   (a station's Probe Request, an AP's first Beacon) either has a frame ready or reports a
//   deadline of 0.
// - Deadlines are pulled, never registered: the latest next_deadline() answer replaces the
//   previous one, so a node may move or cancel its deadline at any call. A deadline in the past
//   fires at the current time. A node whose deadline stays <= now after on_deadline() fires again
//   at the same time, and so on until the run's runaway guard stops it.
// - Nodes are called one at a time from run(); a node must not call back into the simulator.
#pragma once

#include <optional>
#include <string_view>

#include "base/bytes.hpp"
#include "base/strong.hpp"
#include "base/time.hpp"

namespace wps::sim {

class Node {
 public:
  virtual ~Node() = default;

  /// Short display name, e.g. "AP", "STA": the transmitter name in the recording, in fault rules
  /// (FrameMatch::transmitter) and in diagrams. Unique within one Simulator. The view must stay
  /// valid while the node is added to a simulator.
  virtual std::string_view name() const = 0;

  /// The node's own MAC address (informational: the medium does not filter by address).
  virtual MacAddr address() const = 0;

  /// An 802.11 frame (MAC header onward; no radiotap header, no FCS) heard on the medium. Every
  /// frame another node transmits reaches every node except its transmitter, unless a fault
  /// dropped it: nodes filter by address themselves (A1 = their address or a group address).
  /// `frame` is valid only for the duration of the call. May be damaged (corrupt faults).
  virtual void on_frame(ByteView frame, TimePoint now) = 0;

  /// With SimConfig::rx_address_filter: whether this node's receiver passes a group-addressed
  /// frame up at all (a non-AP station ignores Probe Requests, which only APs answer). The
  /// simulator then queues no delivery for it. Default: every frame.
  virtual bool receives_group_frame(ByteView frame) const {
    (void)frame;
    return true;
  }

  /// The next frame this node wants to transmit now (802.11, no FCS), or nullopt when it has
  /// nothing more to send. Frames go on air in the order they are returned.
  virtual std::optional<Bytes> poll_transmit() = 0;

  /// When the node next wants on_deadline(), or nullopt for "no timer".
  virtual std::optional<TimePoint> next_deadline() const = 0;

  /// The deadline reported by next_deadline() has come (`now` >= that deadline).
  virtual void on_deadline(TimePoint now) = 0;

  /// True when the node has reached its end (scenario over for it). A run stops as soon as every
  /// node is done; a done node still receives frames and deadlines while others continue.
  virtual bool done() const = 0;
};

}  // namespace wps::sim
