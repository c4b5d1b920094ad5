// StaMlme: the station's MLME as a sans-I/O engine (ARCHITECTURE C1).
//
// What it does:
//   - start_scan(): one Probe Request (SSID = config.ssid or wildcard, optional WPS IE), then
//     collects Beacons and Probe Responses until config.scan_time has passed and emits
//     ScanCompleted with one BssInfo per BSSID;
//   - connect(): Open System Authentication (seq 1) -> (Re)Association Request -> Associated{aid}
//     or ConnectFailed. Round 1 of WPS passes a WPS IE and no RSN IE, round 2 an RSN IE and no WPS
//     IE (WPS-FACTS §1, §2.3). Authentication and (Re)Association Requests are retransmitted
//     after config.retry_timeout, config.max_tries transmissions in all, so a lost frame (ours or
//     the AP's answer) is survived;
//   - data: send_eapol() / send_data_frame() build ToDS frames; EAPOL from the AP ->
//     EapolReceived, protected frames -> ProtectedDataReceived, other LLC/SNAP -> DataReceived;
//   - Deauthentication/Disassociation from the AP -> Deauthenticated (or ConnectFailed while
//     connecting); deauthenticate() -> Deauthentication frame + Deauthenticated{LocalDeauth}.
//
// Frames it sends: management frames SA = config.own, Duration 0; one 12-bit sequence counter
// for all frames (each retransmission is a new frame with the next number); data frames ToDS
// (non-QoS). No FCS.
#pragma once

#include <map>
#include <optional>
#include <variant>
#include <vector>

#include "base/output_queue.hpp"
#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"
#include "base/time.hpp"
#include "base/trace.hpp"
#include "dot11/codes.hpp"
#include "dot11/data.hpp"
#include "dot11/frame.hpp"
#include "dot11/ie.hpp"
#include "dot11/mgmt.hpp"
#include "dot11/mlme.hpp"

namespace wps::dot11 {

struct StaConfig {
  MacAddr own;
  Bytes ssid;  ///< target SSID, 0..32 octets; empty = any (wildcard)
  std::vector<std::uint8_t> rates = default_rates();
  std::uint16_t listen_interval = 10;
  Duration scan_time = std::chrono::milliseconds(50);       ///< how long a scan collects
  Duration retry_timeout = std::chrono::milliseconds(100);  ///< per Authentication/Association try
  unsigned max_tries = 3;                                   ///< transmissions per step, >= 1
  FcsMode rx_fcs = FcsMode::Absent;
};

/// One BSS seen during a scan. A Probe Response replaces what a Beacon reported (it carries the
/// fuller WPS IE, WPS-FACTS §2.4); a Beacon does not replace a Probe Response.
struct BssInfo {
  MacAddr bssid;
  Bytes ssid;
  std::optional<std::uint8_t> channel;  ///< DS Parameter Set, if present and valid
  std::uint16_t capability = 0;
  std::uint16_t beacon_interval = 0;
  std::optional<Bytes> rsn_ie;            ///< the whole RSN element verbatim (id ‖ len ‖ data)
  std::optional<Bytes> wps_ie;            ///< concatenated WSC attributes of its WPS IE(s)
  std::optional<std::int8_t> signal_dbm;  ///< from RxInfo of the last frame used
  bool from_probe_response = false;
  TimePoint last_seen;
  friend bool operator==(const BssInfo&, const BssInfo&) = default;
};

struct ScanCompleted {
  std::vector<BssInfo> results;  ///< ordered by BSSID
  friend bool operator==(const ScanCompleted&, const ScanCompleted&) = default;
};

struct AssocParams {
  /// SSID to request; nullopt = config.ssid, or (if that is empty) the SSID the last scan saw
  /// for this BSSID.
  std::optional<Bytes> ssid;
  /// WSC attributes for the (Re)Association Request's WPS IE (round 1); nullopt = no WPS IE.
  std::optional<Bytes> wps_ie;
  /// The whole RSN element to send verbatim (round 2); nullopt = none. Keep these exact bytes
  /// for EAPOL-Key msg 2/4 (WPS-FACTS §2.5).
  std::optional<Bytes> rsn_ie;
  /// Send a Reassociation Request (Current AP = the target BSSID) instead of an Association
  /// Request.
  bool reassociation = false;
};

struct Associated {
  MacAddr bssid;
  std::uint16_t aid = 0;
  /// WSC attributes of the response's WPS IE(s); nullopt if it had none.
  std::optional<Bytes> wps_ie;
  friend bool operator==(const Associated&, const Associated&) = default;
};

enum class ConnectStage : std::uint8_t { Authentication, Association };

/// connect() did not reach Associated. Exactly one of `status` / `reason` is set when the AP
/// refused (non-zero status) or sent Deauthentication/Disassociation; both are nullopt when
/// the AP never answered within max_tries.
struct ConnectFailed {
  MacAddr bssid;
  ConnectStage stage = ConnectStage::Authentication;
  std::optional<StatusCode> status;
  std::optional<ReasonCode> reason;
  friend bool operator==(const ConnectFailed&, const ConnectFailed&) = default;
};

/// An established association ended.
struct Deauthenticated {
  MacAddr bssid;
  ReasonCode reason = ReasonCode::Unspecified;
  LinkLossCause cause = LinkLossCause::PeerDeauth;  ///< PeerDeauth, PeerDisassoc or LocalDeauth
  friend bool operator==(const Deauthenticated&, const Deauthenticated&) = default;
};

class StaMlme {
 public:
  enum class State : std::uint8_t { Idle, Authenticating, Associating, Associated };
  using Output = std::variant<SendFrame, ScanCompleted, Associated, ConnectFailed, Deauthenticated,
                              EapolReceived, DataReceived, ProtectedDataReceived, TraceEvent>;

  /// WPS_ASSERT: ssid <= 32 octets, max_tries >= 1, rates 1..263 octets.
  explicit StaMlme(StaConfig config);

  /// Sends a broadcast Probe Request and collects BSSs for config.scan_time. `wps_ie` = WSC
  /// attributes for the Probe Request's WPS IE (nullopt = none). A scan already running is
  /// restarted (its results so far are discarded).
  void start_scan(TimePoint now, std::optional<Bytes> wps_ie = std::nullopt);

  /// Starts Authentication with `bssid`. Errors: NotReady unless state() is Idle (nothing sent);
  /// BadValue if params.rsn_ie is not one well-formed element with id 48, or the SSID to use is
  /// longer than 32 octets.
  Result<void> connect(const MacAddr& bssid, AssocParams params, TimePoint now);

  /// Sends `eapol` to the AP in an unprotected ToDS data frame: A1 = A3 = BSSID, A2 = own,
  /// body LLC/SNAP 0x888E ‖ eapol. Errors: NotReady unless Associated.
  Result<void> send_eapol(ByteView eapol, TimePoint now);
  /// Sends a caller-prepared data frame (e.g. CCMP-protected; build with make_to_ds). The engine
  /// assigns the sequence number. Errors: BadValue unless ToDS-only with A1 = BSSID and
  /// A2 = own; NotReady unless Associated.
  Result<void> send_data_frame(DataFrame frame, TimePoint now);

  /// Sends Deauthentication with `reason` to the current AP and returns to Idle. While
  /// Associated also emits Deauthenticated{LocalDeauth}; while connecting it aborts silently.
  /// No-op when Idle.
  void deauthenticate(ReasonCode reason, TimePoint now);

  /// A frame from the medium. Frames whose A1 is neither config.own nor a group address are
  /// ignored silently; malformed or unexpected frames for us produce a "drop" trace. Beacons and
  /// Probe Responses are only looked at while a scan runs; `rx.signal_dbm` goes into BssInfo.
  void on_frame(ByteView frame, TimePoint now, RxInfo rx = {});
  [[nodiscard]] std::optional<Output> poll_output();
  /// Earliest of: end of the running scan, the pending retransmission.
  [[nodiscard]] std::optional<TimePoint> next_deadline() const;
  void on_deadline(TimePoint now);

  [[nodiscard]] State state() const { return state_; }
  /// The BSSID being joined or joined; nullopt when Idle.
  [[nodiscard]] std::optional<MacAddr> bssid() const;
  [[nodiscard]] std::optional<std::uint16_t> aid() const;
  [[nodiscard]] bool scanning() const { return scan_end_.has_value(); }
  [[nodiscard]] const StaConfig& config() const { return cfg_; }

 private:
  void set_state(State s, TimePoint now);
  void send_mgmt(const MacAddr& da, const MacAddr& bssid, MgmtBody body, TimePoint now);
  void send_auth(TimePoint now);
  void send_assoc(TimePoint now);
  void on_mgmt(const MgmtFrame& f, TimePoint now, RxInfo rx);
  void on_bss(const MgmtFrame& f, std::uint16_t beacon_interval, std::uint16_t capability,
              const Elements& elements, bool probe_response, TimePoint now, RxInfo rx);
  void on_assoc_response(const MgmtFrame& f, StatusCode status, std::uint16_t aid,
                         const Elements& elements, TimePoint now);
  void on_data(const DataFrame& f, TimePoint now);
  void fail(std::optional<StatusCode> status, std::optional<ReasonCode> reason, TimePoint now);
  void drop(TimePoint now, std::string what, std::string detail);

  StaConfig cfg_;
  SequenceCounter seq_;
  State state_ = State::Idle;
  MacAddr bssid_;
  AssocParams params_;
  Bytes ssid_;  ///< SSID used for the current connection
  std::uint16_t aid_ = 0;
  unsigned tries_ = 0;
  std::optional<TimePoint> retry_at_;
  std::optional<TimePoint> scan_end_;
  std::map<MacAddr, BssInfo> scan_;       ///< current scan's results
  std::map<MacAddr, BssInfo> last_scan_;  ///< results of the last completed scan
  OutputQueue<Output> out_;
};

/// Stable name of a StaMlme state ("idle", "authenticating", ...), for traces.
std::string_view to_string(StaMlme::State s);

}  // namespace wps::dot11
