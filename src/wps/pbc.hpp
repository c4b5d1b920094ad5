// Push button configuration (PBC): the device-password policy of the push-button method and the
// registrar's PBC session monitor (WPS-FACTS §9, NFC-PBC-FACTS §9). Sans-I/O (ARCHITECTURE C1):
// time is passed in, decisions and events come out; nothing here reads a clock.
//
// PBC is not a separate engine: the Enrollee and Registrar run M1..M8 as for a PIN, with Device
// Password ID 4 and the password "00000000" (kPbcPassword). What PBC adds is decided here:
//  - the button: press() starts PBC mode for the walk time (120 s); it ends on success
//    (completed()), expiry (on_deadline) or cancel();
//  - the overlap rule: PBC enrollees (UUID-E) seen in PBC Probe Requests and in accepted M1s
//    (in PBC mode) within the
//    monitor time (120 s) are remembered; the same UUID-E from several MACs counts once. More
//    than one distinct UUID-E, the requester included, is an overlap: a press is refused, an M1
//    gets M2D with Configuration Error 12, and once an M1 was refused for overlap every PBC
//    session still running is refused at its next M3/M5/M7 (WSC_NACK, error 12) until the next
//    accepted press (hostapd's force_pbc_overlap);
//  - a successful run removes its enrollee's sessions and PBC Probe Requests from that UUID-E
//    are ignored for kPbcIgnoreAfterSuccess (5 s), so the station that just enrolled is not
//    counted again while it still probes.
//
// One PbcMonitor serves all registration sessions of one registrar (like PinStore); the
// Registrar engine consults it through RegistrarConfig::pbc.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "base/output_queue.hpp"
#include "base/strong.hpp"
#include "base/time.hpp"
#include "wsc/types.hpp"

namespace wps::proto {

/// The PBC device password, as hostapd and wpa_supplicant use it ("Use default PIN for PBC").
inline constexpr std::string_view kPbcPassword = "00000000";
/// WPS_PBC_WALK_TIME: how long the button stays pressed; also the station's give-up time.
inline constexpr Duration kPbcWalkTime = std::chrono::seconds(120);
/// WPS_PBC_MONITOR_TIME: how long a PBC enrollee counts for the overlap rule.
inline constexpr Duration kPbcMonitorTime = std::chrono::seconds(120);
/// After a successful PBC run, PBC Probe Requests from that UUID-E are ignored this long.
inline constexpr Duration kPbcIgnoreAfterSuccess = std::chrono::seconds(5);

/// What the monitor reports (the control interface's WPS-PBC-ACTIVE, WPS-PBC-DISABLE,
/// WPS-TIMEOUT, WPS-CANCEL and WPS-OVERLAP-DETECTED).
enum class PbcEvent : std::uint8_t { Active, Disabled, Timeout, Cancelled, OverlapDetected };
std::string_view to_string(PbcEvent e);

/// The answer to an M1 with Device Password ID 4.
enum class PbcM1Decision : std::uint8_t {
  Accept,     ///< button active, no overlap: use kPbcPassword
  NotActive,  ///< no overlap but the button was not pressed: M2D as for a missing PIN
  Overlap,    ///< M2D with Configuration Error 12
};

class PbcMonitor {
 public:
  /// The button. Returns false (and reports OverlapDetected) when the enrollees seen within the
  /// monitor time already make an overlap; otherwise PBC mode runs until now + walk time and the
  /// overlap flag from an earlier refused M1 is cleared.
  bool press(TimePoint now);
  /// Ends PBC mode (reports Cancelled if it was active).
  void cancel();
  [[nodiscard]] bool active() const { return walk_end_.has_value(); }

  /// A Probe Request whose WPS IE has Device Password ID 4 (wireless only).
  void on_probe_request(const MacAddr& mac, const Uuid& uuid_e, TimePoint now);
  /// An M1 with Device Password ID 4. Outside PBC mode: NotActive, nothing checked or
  /// remembered (hostapd). In PBC mode: the overlap rule, then the accepted M1 is remembered as
  /// a session of that enrollee; an overlap reports OverlapDetected.
  PbcM1Decision on_m1(const MacAddr& mac, const Uuid& uuid_e, TimePoint now);
  /// True when a running PBC session must be refused at its next message (an overlap was
  /// detected since the last press).
  [[nodiscard]] bool reject_running() const { return force_overlap_; }
  /// A PBC run with this enrollee succeeded: its sessions go, PBC mode ends (Disabled).
  void completed(const MacAddr& mac, const Uuid& uuid_e, TimePoint now);

  /// True when more than one distinct UUID-E (`requester` included, if given) was seen within
  /// the monitor time before `now`.
  [[nodiscard]] bool overlap(const std::optional<Uuid>& requester, TimePoint now) const;
  /// Distinct UUID-Es seen within the monitor time.
  [[nodiscard]] std::size_t enrollees(TimePoint now) const;

  /// End of the walk time while PBC mode runs.
  [[nodiscard]] std::optional<TimePoint> next_deadline() const { return walk_end_; }
  /// Ends PBC mode at the walk time (reports Timeout) and forgets sessions older than the
  /// monitor time.
  void on_deadline(TimePoint now);
  [[nodiscard]] std::optional<PbcEvent> poll_event() { return events_.poll(); }

 private:
  struct Seen {
    MacAddr mac;
    Uuid uuid;
    TimePoint at;
  };
  void remember(const MacAddr& mac, const Uuid& uuid, TimePoint now);
  void forget_old(TimePoint now);

  std::vector<Seen> seen_;
  std::optional<TimePoint> walk_end_;
  bool force_overlap_ = false;
  std::optional<Uuid> ignore_uuid_;
  TimePoint ignore_until_{};
  OutputQueue<PbcEvent> events_;
};

/// Enrollee side (WPS-FACTS §9): an AP in active PBC mode as seen in a scan result.
struct PbcAp {
  MacAddr bssid;
  std::optional<Uuid> uuid;  ///< UUID-E of its Probe Response (nullopt from a Beacon only)
};
/// The enrollee's overlap rule over its scan results: true when the APs in active PBC mode
/// (Selected Registrar = 1 and Device Password ID 4) carry more than one distinct UUID (a
/// dual-band AP with one UUID on two BSSIDs is not an overlap; an AP without a UUID counts by
/// its BSSID).
bool pbc_scan_overlap(const std::vector<PbcAp>& active_aps);

}  // namespace wps::proto
