// EAP-WSC: the registration protocol carried in EAP over EAPOL (WPS-FACTS §1 steps 7-20, §3).
// Two sans-I/O engines (ARCHITECTURE C1), each wrapping one registration engine:
//
//  EapWscServer — the AP's EAP authenticator. After EAPOL-Start (or start() right after a WPS
//    association) it sends EAP-Request/Identity. Identity "WFA-SimpleConfig-Enrollee-1-0" makes it
//    run its Registrar (sending WSC_Start first); "WFA-SimpleConfig-Registrar-1-0" makes it run
//    its Enrollee (the AP-PIN method: M1 goes in the first WSC request). Any other identity gets
//    EAP-Failure. Every request gets a new identifier; a request unanswered for `retransmit` is
//    sent again (same identifier) up to `max_retransmits` times. A response whose identifier is
//    not the current one is dropped (a late duplicate). The conversation always ends with
//    EAP-Failure carrying the identifier of the last response — WPS is provisioning, never
//    network authentication (EAP-WSC has no EAP-Success).
//
//  EapWscPeer — the station's EAP peer. start() sends EAPOL-Start (again every `start_period`, up
//    to `max_starts`); it answers Identity with the WSC identity of its role, WSC_Start by
//    starting its Enrollee, and every WSC request with the engine's next message. A request
//    with the identifier of the one it last answered is a retransmission: the last response is
//    sent again (RFC 3748 §4.1) and the engine sees nothing.
//
// Both fragment long messages and reassemble fragments (eap::Fragmenter / eap::Reassembler,
// default threshold 1400 as hostapd), answering each MF fragment with WSC_FRAG_ACK, so the
// registration engines only ever see whole messages.
#pragma once

#include <memory>
#include <optional>
#include <variant>

#include "base/output_queue.hpp"
#include "base/rng.hpp"
#include "base/time.hpp"
#include "eap/eap_packet.hpp"
#include "eap/eapol.hpp"
#include "eap/wsc_frag.hpp"
#include "wps/enrollee.hpp"
#include "wps/outcome.hpp"
#include "wps/registrar.hpp"

namespace wps::proto {

/// An EAPOL frame to transmit (EAPOL header + body; the link layer adds its own header).
struct SendEapol {
  Bytes frame;
};
/// The EAP conversation is over (EAP-Failure sent or received, or it timed out). The AP then
/// disconnects the station (hostapd: deauthentication reason 23 after ~10 ms).
struct EapFinished {};

using EapOutput =
    std::variant<SendEapol, KeyLogEntry, PinNeeded, Succeeded, Failed, TraceEvent, EapFinished>;

struct EapTimers {
  Duration retransmit = std::chrono::seconds(1);  ///< server: unanswered request resent after
  int max_retransmits = 4;
  Duration start_period = std::chrono::seconds(1);  ///< peer: EAPOL-Start repeated after
  int max_starts = 3;
  Duration peer_timeout = std::chrono::seconds(10);  ///< peer: silence after a response
};

struct EapWscServerConfig {
  /// Used when the peer's identity is Enrollee (the STA-PIN / PBC methods).
  RegistrarConfig registrar;
  /// Used when the peer's identity is Registrar (the AP-PIN method); nullopt = refuse
  /// external registrars (EAP-Failure after the identity).
  std::optional<EnrolleeConfig> ap_enrollee;
  std::size_t fragment_size = eap::kDefaultFragThreshold;
  std::uint8_t eapol_version = eap::kEapolVersion2004;
  EapTimers timers;
};

class EapWscServer {
 public:
  enum class State : std::uint8_t { Idle, WaitIdentity, Running, Finished };

  /// `rng` feeds the first EAP identifier and the inner registration engine.
  EapWscServer(EapWscServerConfig cfg, Rng& rng);
  ~EapWscServer();

  /// Sends EAP-Request/Identity without waiting for EAPOL-Start (hostapd does this when the
  /// association request's WPS IE carries Version2). No-op unless Idle.
  void start(TimePoint now);
  /// An EAPOL frame from the station.
  void on_eapol(ByteView frame, TimePoint now);
  [[nodiscard]] std::optional<EapOutput> poll_output();
  [[nodiscard]] std::optional<TimePoint> next_deadline() const;
  void on_deadline(TimePoint now);
  [[nodiscard]] State state() const { return state_; }
  [[nodiscard]] bool finished() const { return state_ == State::Finished; }
  /// True once the peer identified as an external Registrar and this side runs its Enrollee
  /// (the AP-PIN method): the enrollee whose MAC keys the key log is then this side.
  [[nodiscard]] bool runs_enrollee() const { return enrollee_ != nullptr; }

 private:
  void send_request(Bytes eap_packet, TimePoint now);
  void send_wsc_request(const Bytes& wsc_payload, TimePoint now);
  void fail_and_finish(TimePoint now);
  /// A failure of the EAP layer itself (bad EAP-WSC framing, broken fragment train, timeout):
  /// reported as Failed at the engine's awaited message unless the engine already ended the
  /// run, then fail_and_finish().
  void fail_in_eap_layer(Errc reason, wsc::ConfigError ce, TimePoint now);
  void on_response(const eap::EapPacket& p, TimePoint now);
  void deliver(const eap::WscMessage& m, TimePoint now);
  void pump_engine(TimePoint now);

  EapWscServerConfig cfg_;
  Rng& rng_;
  State state_ = State::Idle;
  eap::EapIdentifier id_{0};  ///< identifier of the outstanding request
  eap::EapIdentifier last_resp_id_{0};
  Bytes last_request_;  ///< EAPOL frame, for retransmission
  int retransmits_ = 0;
  std::optional<TimePoint> retransmit_at_;
  eap::Fragmenter frag_;
  eap::Reassembler reasm_;
  std::unique_ptr<Registrar> registrar_;
  std::unique_ptr<Enrollee> enrollee_;
  bool engine_done_ = false;
  OutputQueue<EapOutput> out_;
};

struct EapWscPeerConfig {
  /// Exactly one of the two: the station's Enrollee (STA-PIN / PBC) or its external Registrar
  /// (AP-PIN method).
  std::optional<EnrolleeConfig> enrollee;
  std::optional<RegistrarConfig> registrar;
  std::size_t fragment_size = 1398;  ///< wpa_supplicant's default
  std::uint8_t eapol_version = eap::kEapolVersion2004;
  EapTimers timers;
};

class EapWscPeer {
 public:
  enum class State : std::uint8_t { Idle, Starting, Running, Finished };

  EapWscPeer(EapWscPeerConfig cfg, Rng& rng);
  ~EapWscPeer();

  /// Sends EAPOL-Start (and repeats it every start_period until the AP answers).
  void start(TimePoint now);
  /// An EAPOL frame from the AP.
  void on_eapol(ByteView frame, TimePoint now);
  [[nodiscard]] std::optional<EapOutput> poll_output();
  [[nodiscard]] std::optional<TimePoint> next_deadline() const;
  void on_deadline(TimePoint now);
  [[nodiscard]] State state() const { return state_; }
  [[nodiscard]] bool finished() const { return state_ == State::Finished; }

 private:
  void respond(eap::EapIdentifier id, Bytes eap_packet, TimePoint now);
  void on_request(const eap::EapPacket& p, TimePoint now);
  void deliver(const eap::WscMessage& m, eap::EapIdentifier id, TimePoint now);
  void pump_engine(eap::EapIdentifier id, TimePoint now);
  void finish(TimePoint now);

  EapWscPeerConfig cfg_;
  Rng& rng_;
  State state_ = State::Idle;
  std::optional<eap::EapIdentifier> last_req_id_;
  Bytes last_response_;
  int starts_ = 0;
  std::optional<TimePoint> start_at_;
  std::optional<TimePoint> silence_at_;
  eap::Fragmenter frag_;
  eap::Reassembler reasm_;
  std::unique_ptr<Registrar> registrar_;
  std::unique_ptr<Enrollee> enrollee_;
  bool engine_done_ = false;
  OutputQueue<EapOutput> out_;
};

}  // namespace wps::proto
