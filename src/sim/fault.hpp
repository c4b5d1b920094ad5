// Fault injection on the simulated medium (ARCHITECTURE C11 "fault sweeps", Beast fail_count,
// hostapd fail_test): counted, deterministic rules plus seeded random loss.
//
// When a node hands a frame to the medium, the FaultInjector decides what goes on air:
// - Rules are tried in plan order. A rule *matches* a frame when every condition of its
//   FrameMatch holds (and, for Corrupt, the octet index lies inside the frame). A matching rule
//   first lets `skip` matches through untouched, then acts on the next `count` matches (count 0:
//   on every later match). The first rule that acts decides the frame; later rules do not see
//   it. Rules that are skipping, or exhausted, let the frame go on to the next rule.
// - Actions: Drop (the frame is transmitted but reaches no receiver), Duplicate (the frame is
//   transmitted twice, back to back, identical octets), Delay (the frame goes on air `delay`
//   later than handed off, so later frames may overtake it), Corrupt (one octet XORed with a
//   mask before transmission: every receiver gets the damaged frame).
// - Random loss: after the rules, one Pcg32 draw per transmitted copy (always drawn, even when
//   loss_ppm is 0 or the copy is already dropped, so the draw sequence depends only on the number
//   of copies): lost with probability loss_ppm / 1e6. A lost copy reaches no receiver. The
//   generator is Pcg32(run seed, stream kLossStream), so the same seed and the same frames give
//   the same losses on every platform (no std::*_distribution; C2).
//
// Recording (recorder.hpp): the sniffer shows what was *transmitted*, as a sniffer next to the
// transmitter would capture it. A dropped or lost frame still appears (the loss happens between
// the air and the receivers); a duplicated frame appears twice; a delayed frame appears at the
// time it actually went on air; a corrupted frame appears with the damaged octet (the damage
// happens before transmission). Each record carries the FaultApplied that explains it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"
#include "base/rng.hpp"
#include "base/time.hpp"
#include "dot11/frame.hpp"

namespace wps::sim {

enum class FaultKind : std::uint8_t {
  None,
  Drop,
  Duplicate,
  Delay,
  Corrupt,
};

/// Stable lower-case name ("none", "drop", "duplicate", "delay", "corrupt").
std::string_view to_string(FaultKind k);

/// What a rule does to a frame it acts on. Build with the factory functions.
struct FaultAction {
  FaultKind kind = FaultKind::None;
  Duration delay{0};          ///< Delay: how much later the frame goes on air (>= 0)
  std::size_t octet = 0;      ///< Corrupt: index of the octet in the 802.11 frame
  std::uint8_t xor_mask = 0;  ///< Corrupt: XORed into that octet (non-zero)

  static FaultAction drop() { return {FaultKind::Drop, Duration{0}, 0, 0}; }
  static FaultAction duplicate() { return {FaultKind::Duplicate, Duration{0}, 0, 0}; }
  /// WPS_ASSERT(d >= 0).
  static FaultAction delay_by(Duration d);
  /// WPS_ASSERT(xor_mask != 0).
  static FaultAction corrupt(std::size_t octet, std::uint8_t xor_mask = 0xff);
};

/// A frame as handed to the medium, before any fault. `frame` is valid during the call only.
struct FrameInfo {
  std::uint64_t index = 0;       ///< 0, 1, 2, … in hand-off order over all nodes of the run
  std::string_view transmitter;  ///< Node::name() of the sender
  ByteView frame;                ///< 802.11 frame, no FCS
  TimePoint at;                  ///< hand-off time
};

using FramePredicate = std::function<bool(const FrameInfo&)>;

/// Conditions on a frame; all that are set must hold. An empty FrameMatch matches every frame.
struct FrameMatch {
  std::optional<std::uint64_t> index;      ///< FrameInfo::index equals this
  std::optional<std::string> transmitter;  ///< FrameInfo::transmitter equals this
  FramePredicate predicate;                ///< returns true (empty: no condition)

  [[nodiscard]] bool matches(const FrameInfo& f) const;
};

// Ready-made predicates (classify.hpp does the decoding).
/// Data frame carrying EAP-WSC whose Message Type attribute equals `msg_type` (wsc_msg::kM4, …).
FramePredicate is_wsc_message(std::uint8_t msg_type);
/// Data frame carrying EAPOL; with `type`, of that EAPOL packet type (eapol_type::kKey, …).
FramePredicate is_eapol(std::optional<std::uint8_t> type = std::nullopt);
/// EAPOL frame carrying an EAP packet with this code (1 Request, 2 Response, 3 Success, 4 Failure).
FramePredicate is_eap_code(std::uint8_t code);
/// Management frame of this subtype.
FramePredicate is_mgmt(dot11::MgmtSubtype subtype);

struct FaultRule {
  FrameMatch match;
  FaultAction action;
  std::uint32_t skip = 0;   ///< matches let through before the rule acts
  std::uint32_t count = 1;  ///< matches it acts on after the skipped ones; 0 = all of them
};

struct FaultPlan {
  std::vector<FaultRule> rules;
  std::uint32_t loss_ppm = 0;  ///< random loss per transmitted copy, 0 … 1'000'000

  /// Convenience: append a rule, return *this for chaining.
  FaultPlan& add(FrameMatch match, FaultAction action, std::uint32_t skip = 0,
                 std::uint32_t count = 1);
};

/// What actually happened to one transmitted copy (kept with each RecordedFrame).
struct FaultApplied {
  FaultKind kind = FaultKind::None;  ///< the acting rule's action (None: no rule acted)
  std::optional<std::size_t> rule;   ///< index of that rule in FaultPlan::rules
  bool lost = false;                 ///< lost by random loss (FaultPlan::loss_ppm)
  std::uint8_t copy = 0;             ///< Duplicate: 0 = first transmission, 1 = the duplicate
  Duration delay{0};                 ///< Delay: by how much
  std::size_t octet = 0;             ///< Corrupt: which octet
  std::uint8_t original = 0;         ///< Corrupt: its value before the XOR

  /// False when the copy reaches no receiver (Drop or random loss).
  [[nodiscard]] bool delivered() const { return kind != FaultKind::Drop && !lost; }
  friend bool operator==(const FaultApplied&, const FaultApplied&) = default;
};

/// One copy to put on air.
struct Transmission {
  Bytes frame;        ///< the octets transmitted (corrupted if so decided)
  Duration delay{0};  ///< from hand-off to the request for the medium
  FaultApplied fault;
};

class FaultInjector {
 public:
  /// The Pcg32 stream of the random-loss generator ("loss" in ASCII).
  static constexpr std::uint64_t kLossStream = 0x6c6f7373;

  /// WPS_ASSERT: loss_ppm <= 1'000'000; every rule's action kind is not None.
  FaultInjector(FaultPlan plan, std::uint64_t run_seed);

  /// The copies to transmit for one handed-off frame (1, or 2 for Duplicate), in order.
  [[nodiscard]] std::vector<Transmission> apply(const FrameInfo& info);

  /// How many frames rule `i` matched (skipped ones included) / acted on so far.
  [[nodiscard]] std::uint32_t matches(std::size_t i) const { return matches_.at(i); }
  [[nodiscard]] std::uint32_t hits(std::size_t i) const { return hits_.at(i); }
  /// One more random-loss draw, for a transmission the simulator makes itself (an 802.11
  /// retransmission or ACK, SimConfig::arq): true = lost (counted in lost()).
  [[nodiscard]] bool draw_loss();
  /// Copies lost by random loss so far.
  [[nodiscard]] std::uint64_t lost() const { return lost_; }
  [[nodiscard]] const FaultPlan& plan() const { return plan_; }

 private:
  FaultPlan plan_;
  std::vector<std::uint32_t> matches_;
  std::vector<std::uint32_t> hits_;
  Pcg32 loss_rng_;
  std::uint64_t lost_ = 0;
};

}  // namespace wps::sim
