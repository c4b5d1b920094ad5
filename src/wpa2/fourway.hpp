// Outputs shared by the two 4-way handshake engines (authenticator_4way.hpp,
// supplicant_4way.hpp), and the one mapping from a failure reason to the 802.11 reason code
// that goes into the Deauthentication frame (ARCHITECTURE C1, C4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "base/bytes.hpp"
#include "base/errc.hpp"
#include "base/output_queue.hpp"
#include "base/time.hpp"
#include "base/trace.hpp"
#include "crypto/secret.hpp"
#include "wpa2/eapol_key.hpp"

namespace wps::wpa2 {

/// IEEE 802.11-2020 Table 9-49 reason codes used by the 4-way handshake (WPS-FACTS §2.6).
namespace reason {
inline constexpr std::uint16_t kUnspecified = 1;
inline constexpr std::uint16_t kInvalidElement = 13;
inline constexpr std::uint16_t kFourWayHandshakeTimeout = 15;
inline constexpr std::uint16_t kIeInFourWayDiffers = 17;
}  // namespace reason

/// An EAPOL frame (802.1X header + EAPOL-Key) to transmit to the peer, as is.
struct SendEapol {
  Bytes frame;
  KeyMessage message = KeyMessage::None;  ///< which message it is (for traces and tests)
};

/// The pairwise and group keys are ready. The authenticator emits it after a valid message 4;
/// the supplicant emits it right AFTER the SendEapol of message 4 (message 4 must leave
/// unencrypted, so the TK is installed only once it is queued). Emitted at most once per
/// engine: a retransmitted message 3 never causes a second install (KRACK).
struct KeysInstalled {
  crypto::Tk tk;                ///< CCMP temporal key (PTK[32..47])
  crypto::Gtk gtk;              ///< group temporal key
  std::uint8_t gtk_key_id = 0;  ///< 1..3 in practice
  std::uint64_t gtk_rsc = 0;    ///< GTK receive sequence counter start (PN from msg 3's RSC)
};

/// The handshake is over without keys. The engine is terminal afterwards: it ignores input,
/// has no deadline and emits nothing more. The caller sends a Deauthentication with
/// `deauth_reason`.
struct Failed {
  Errc reason = Errc::Ok;           ///< precise cause, e.g. KeyMicMismatch
  std::uint16_t deauth_reason = 0;  ///< deauth_reason_for(reason)
  /// The message the failure is about: the one that failed a check, or, after retries ran
  /// out, the one that never arrived (Pairwise2 / Pairwise4 for the authenticator, Pairwise1 /
  /// Pairwise3 for the supplicant).
  KeyMessage message = KeyMessage::None;
};

using Output = std::variant<SendEapol, KeysInstalled, Failed, TraceEvent>;

/// The reason code a failed handshake puts into its Deauthentication frame:
///   KeyRsnIeMismatch  -> 17 (IE in 4-way handshake differs from (Re)Assoc Request/Beacon)
///   KeyDataMalformed  -> 13 (invalid element)
///   anything else (KeyMicMismatch, KeyNonceMismatch, SessionTimeout, ...) -> 15 (4-way
///   handshake timeout), which is also what hostapd ends with when a PSK is wrong: it keeps
///   dropping the bad message 2 until its retries run out.
[[nodiscard]] std::uint16_t deauth_reason_for(Errc reason);

/// Retransmission policy of the authenticator (IEEE 802.11-2020 dot11RSNAConfigPairwiseUpdateCount
/// = 4; hostapd timing, WPS-FACTS §10.2): message 1 and message 3 are each sent at most
/// `max_transmissions` times; the first wait is `first_timeout`, every later one `retry_timeout`.
struct RetryPolicy {
  Duration first_timeout = std::chrono::milliseconds(100);
  Duration retry_timeout = std::chrono::milliseconds(1000);
  unsigned max_transmissions = 4;
};

namespace detail {

/// What the authenticator and the supplicant engines share: the output queue, the state with its
/// trace, the deadline, the PTK, the failure remembered under the drop-bad-MIC policy and the
/// failure path itself. `State` is the engine's own enum, which must have a `Failed` value and a
/// `to_string(State)` found by argument-dependent lookup.
template <typename State>
class FourWayCore {
 public:
  /// Next queued output, oldest first; nullopt when none.
  [[nodiscard]] std::optional<Output> poll_output() { return out_.poll(); }
  /// When on_deadline must next be called, or nullopt.
  [[nodiscard]] std::optional<TimePoint> next_deadline() const { return deadline_; }
  [[nodiscard]] State state() const { return state_; }

 protected:
  struct Pending {
    Errc reason;
    KeyMessage message;
  };

  FourWayCore(std::string_view source, State initial) : source_(source), state_(initial) {}

  void trace(TimePoint now, std::string_view kind, std::string subject, std::string detail) {
    out_.emplace(TraceEvent{now, source_, kind, std::move(subject), std::move(detail)});
  }
  void set_state(State s, TimePoint now) {
    trace(now, "state", std::string(to_string(state_)), std::string(to_string(s)));
    state_ = s;
  }
  void drop(TimePoint now, KeyMessage m, std::string_view why) {
    trace(now, "drop", std::string(to_string(m)), std::string(why));
  }
  void fail(TimePoint now, Errc reason, KeyMessage message) {
    trace(now, "fail", std::string(to_string(message)), std::string(to_string(reason)));
    set_state(State::Failed, now);
    deadline_.reset();
    ptk_.reset();
    out_.emplace(Failed{reason, deauth_reason_for(reason), message});
  }

  std::string_view source_;
  State state_;
  std::optional<crypto::Ptk> ptk_;
  std::optional<TimePoint> deadline_;
  std::optional<Pending> pending_;
  OutputQueue<Output> out_;
};

}  // namespace detail

}  // namespace wps::wpa2
