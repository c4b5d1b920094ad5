// ApMlme: the access point's MLME as a sans-I/O engine (ARCHITECTURE C1).
//
// What it does:
//   - sends a Beacon every beacon interval (deadline-driven; 100 TU = 102.4 ms by default);
//   - answers Probe Requests for the wildcard SSID or its own SSID with a unicast Probe Response;
//   - Open System authentication: Authentication seq 1 -> seq 2 status 0 (other algorithms get
//     status 13, other sequence numbers status 14);
//   - (Re)Association Request from an authenticated STA -> (Re)Association Response with an AID,
//     then StaAssociated{wps_ie, rsn_ie} so the role decides WPS vs WPA2 (WPS-FACTS §2.3: a WPS
//     IE in the request means WPS, the RSN IE is then to be ignored). A retransmitted, byte-
//     identical request from an already associated STA gets the same response again and no event;
//   - Deauthentication/Disassociation from a STA -> StaLeft; deauthenticate() -> Deauthentication
//     frame + StaLeft{LocalDeauth};
//   - data frames from associated STAs: EAPOL -> EapolReceived, protected -> ProtectedDataReceived,
//     other LLC/SNAP -> DataReceived. Class 3 frames from unassociated STAs are dropped (trace) and
//     answered per IEEE 802.11-2020 §11.3.3 with Deauthentication (unknown STA) or Disassociation
//     (authenticated STA), reason 7.
// Events pair up per STA: after StaAssociated the next event about that STA's link is exactly
// one StaLeft, and a new StaAssociated for it only comes after that StaLeft.
//
// Frames it sends: management frames with DA = STA, SA = BSSID = config.bssid, Duration 0, one
// 12-bit sequence counter for all frames; data frames FromDS (non-QoS). No FCS.
#pragma once

#include <map>
#include <optional>
#include <variant>
#include <vector>

#include "base/assert.hpp"
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

/// WSC attribute bytes (opaque; built by the wsc module) for each frame that may carry a WPS IE
/// (WPS-FACTS §2.4). nullopt = no WPS IE in that frame. The engine splits them into 251-octet
/// WPS IEs itself.
struct WpsIeSet {
  std::optional<Bytes> beacon;
  std::optional<Bytes> probe_response;
  /// Used only in responses to (Re)Association Requests that carried a WPS IE.
  std::optional<Bytes> assoc_response;
  friend bool operator==(const WpsIeSet&, const WpsIeSet&) = default;
};

struct ApConfig {
  MacAddr bssid;
  Bytes ssid;  ///< 0..32 octets (WPS_ASSERT)
  std::uint8_t channel = 6;
  std::uint16_t beacon_interval_tu = 100;
  std::uint8_t dtim_period = 2;
  std::vector<std::uint8_t> rates = default_rates();
  /// The AP's whole RSN element (id 48 ‖ len ‖ data), sent verbatim in Beacons and Probe
  /// Responses; its presence sets the Privacy capability bit. nullopt = open network.
  std::optional<Bytes> rsn_ie;
  WpsIeSet wps;
  bool send_beacons = true;
  std::uint16_t max_stations = 32;   ///< AIDs 1..max_stations (at most 2007)
  FcsMode rx_fcs = FcsMode::Absent;  ///< how on_frame treats the last four octets
};

/// A STA completed (re)association.
struct StaAssociated {
  MacAddr sta;
  std::uint16_t aid = 0;
  bool reassociation = false;
  /// WSC attributes of the request's WPS IE(s), concatenated (§2.3); nullopt if it had none.
  std::optional<Bytes> wps_ie;
  /// The request's RSN element verbatim (id ‖ len ‖ data), for the 4-way byte comparison
  /// (§2.5); nullopt if it had none. Present even when wps_ie is (the role ignores it then).
  std::optional<Bytes> rsn_ie;
  friend bool operator==(const StaAssociated&, const StaAssociated&) = default;
};

/// A STA that had been reported with StaAssociated is no longer associated.
struct StaLeft {
  MacAddr sta;
  /// From the peer's Deauthentication/Disassociation, or the one given to deauthenticate();
  /// PrevAuthNotValid for PeerReauthentication / PeerReassociation (no frame carried one).
  ReasonCode reason = ReasonCode::Unspecified;
  LinkLossCause cause = LinkLossCause::PeerDeauth;
  friend bool operator==(const StaLeft&, const StaLeft&) = default;
};

class ApMlme {
 public:
  using Output = std::variant<SendFrame, StaAssociated, StaLeft, EapolReceived, DataReceived,
                              ProtectedDataReceived, TraceEvent>;

  /// The first Beacon is due at `start` (if config.send_beacons).
  /// WPS_ASSERT: ssid <= 32 octets, 1 <= max_stations <= 2007, beacon_interval_tu >= 1,
  /// rsn_ie (if any) is one element with id 48 and a consistent length, rates 1..263 octets.
  ApMlme(ApConfig config, TimePoint start);

  /// Replaces the WPS attribute bytes used from the next transmitted frame on (the AP role calls
  /// this when Selected Registrar / Device Password ID / AuthorizedMACs change).
  void set_wps_ies(WpsIeSet wps) { cfg_.wps = std::move(wps); }
  /// New settings (an external registrar's M8 in the AP-PIN method): later beacons, probe
  /// responses and associations use this SSID. At most 32 octets.
  void set_ssid(Bytes ssid) {
    WPS_ASSERT(ssid.size() <= kMaxSsidLength);
    cfg_.ssid = std::move(ssid);
  }
  [[nodiscard]] const ApConfig& config() const { return cfg_; }

  /// A frame from the medium. Frames not addressed to this BSS are ignored silently;
  /// malformed ones produce a "drop" trace.
  void on_frame(ByteView frame, TimePoint now, RxInfo rx = {});
  [[nodiscard]] std::optional<Output> poll_output();
  /// The next Beacon time, or nullopt when beacons are disabled.
  [[nodiscard]] std::optional<TimePoint> next_deadline() const;
  /// Sends the Beacon due at or before `now` (one, even if several intervals were skipped).
  void on_deadline(TimePoint now);

  /// Sends `eapol` (EAPOL PDU from its version octet) to an associated STA in an unprotected
  /// FromDS data frame: A1 = STA, A2 = A3 = BSSID, body LLC/SNAP 0x888E ‖ eapol.
  /// Errors: NotReady if `sta` is not associated (e.g. it left just before; nothing is sent).
  Result<void> send_eapol(const MacAddr& sta, ByteView eapol, TimePoint now);
  /// Sends a data frame prepared by the caller (e.g. CCMP-protected by the wpa2 module: build it
  /// with make_from_ds, set flags.protected_frame and the body). The engine assigns the sequence
  /// number (CCMP's AAD masks it, IEEE 802.11-2020 §12.5.3.3.3).
  /// Errors: BadValue if the frame is not FromDS-only with A2 = BSSID; NotReady if A1 is an
  /// individual address that is not an associated STA.
  Result<void> send_data_frame(DataFrame frame, TimePoint now);
  /// Sends Deauthentication with `reason` to `sta` and forgets it. If it was associated, also
  /// emits StaLeft{LocalDeauth}. Unknown STAs: the frame is still sent (harmless), no event.
  void deauthenticate(const MacAddr& sta, ReasonCode reason, TimePoint now);

  [[nodiscard]] bool is_associated(const MacAddr& sta) const;
  [[nodiscard]] std::optional<std::uint16_t> aid_of(const MacAddr& sta) const;
  [[nodiscard]] std::size_t associated_count() const;

 private:
  enum class StaState : std::uint8_t { Authenticated, Associated };
  struct StaEntry {
    StaState state = StaState::Authenticated;
    std::uint16_t aid = 0;
    std::optional<MgmtBody> request;   ///< the accepted (Re)Association Request
    std::optional<MgmtBody> response;  ///< the response sent for it (resent on retransmission)
  };

  void send_mgmt(const MacAddr& da, MgmtBody body, TimePoint now, bool trace = true);
  void send_beacon(TimePoint now);
  void on_mgmt(const MgmtFrame& f, TimePoint now);
  void on_probe_request(const MgmtFrame& f, const ProbeRequest& p, TimePoint now);
  void on_auth(const MgmtFrame& f, const Authentication& a, TimePoint now);
  void on_assoc_request(const MgmtFrame& f, const Elements& elements, bool reassoc, TimePoint now);
  void on_leave(const MacAddr& sta, ReasonCode reason, LinkLossCause cause, TimePoint now);
  void on_data(const DataFrame& f, TimePoint now);
  void drop(TimePoint now, std::string what, std::string detail);
  std::uint16_t allocate_aid() const;
  Elements bss_elements(bool beacon) const;
  std::uint16_t capability() const;

  ApConfig cfg_;
  SequenceCounter seq_;
  std::optional<TimePoint> next_beacon_;
  std::map<MacAddr, StaEntry> stas_;
  OutputQueue<Output> out_;
};

}  // namespace wps::dot11
