// A station composed once, sans-I/O: 802.11 MLME (scan, open authentication, association) +
// EAP-WSC peer with the Enrollee (round 1, STA-PIN method) + WPA2-PSK 4-way supplicant and one
// CCMP-protected data frame (round 2). Driven like AccessPoint: on_frame · poll_transmit ·
// poll_event · next_deadline · on_deadline.
//
// The whole "PIN entered in the AP" connection (WPS-FACTS §1): scan (Probe Request with a WPS
// IE) → authenticate → associate with a WPS IE and no RSN IE → EAPOL-Start → EAP-WSC M1..M8 →
// WSC_Done → EAP-Failure → deauthentication (the AP's, reason 23; the station's own, reason 3,
// if the AP does not act within `deauth_wait`) → authenticate → associate with the RSN IE and no
// WPS IE → 4-way handshake → a DHCP Discover protected with CCMP. M2D (no PIN at the AP yet)
// makes the station wait `retry_delay` and try again within the walk time.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/output_queue.hpp"
#include "base/rng.hpp"
#include "dot11/sta_mlme.hpp"
#include "roles/events.hpp"
#include "wpa2/ccmp.hpp"
#include "wpa2/keys.hpp"
#include "wpa2/supplicant_4way.hpp"
#include "wps/eap_wsc.hpp"
#include "wps/nfc_password.hpp"
#include "wps/weak_nonces.hpp"

namespace wps::roles {

/// The station's side of an NFC connection handover: its request's key, the select's hash.
struct NfcHandoverConfig {
  crypto::SecretBytes request_private;
  wsc::PublicKeyHash select_hash{};
};

struct StationConfig {
  MacAddr mac{std::array<std::uint8_t, 6>{0x02, 0x00, 0x00, 0x00, 0x0b, 0x01}};
  Uuid uuid;
  wsc::DeviceInfo device{"wpslab",    "wpslab STA", "1", "0001", {1, wsc::kWfaDeviceTypeOui, 1},
                         "wpslab-sta"};
  std::string pin = "12345670";
  /// Push button instead of the PIN (WPS-FACTS §9): Probe Requests and M1 carry Device Password
  /// ID 4 and the password is "00000000"; only an AP in active PBC mode (Selected Registrar, DPID
  /// 4) is joined; more than one such AP with different UUIDs in a scan is an overlap and the
  /// station does not start; no AP in PBC mode within the walk time and it gives up; a failed
  /// PBC run is not retried (wpa_supplicant, NFC-PBC-FACTS §9.3).
  bool pbc = false;
  std::string ssid;  ///< empty: any AP advertising WPS
  std::size_t fragment_size = 1398;
  proto::EapTimers eap_timers;
  Duration deauth_wait = std::chrono::milliseconds(100);
  Duration retry_delay = std::chrono::seconds(2);
  Duration walk_time = std::chrono::seconds(120);
  Duration scan_retry = std::chrono::milliseconds(500);
  int max_wps_attempts = 5;
  /// AP-PIN method (like `wpa_cli wps_reg BSSID PIN`): the station is the AP's external
  /// Registrar (EAP identity WFA-SimpleConfig-Registrar-1-0) proving this AP PIN; the AP is the
  /// Enrollee and hands its settings over in M7. Round 2 joins with them.
  std::optional<std::string> ap_pin;
  /// With ap_pin (or nfc_registrar): push these settings to the AP in M8 and join the new network; nullopt = only
  /// learn the AP's settings (WSC_NACK with error 0 after M7, as wpa_supplicant's wps_reg).
  std::optional<wsc::Credential> new_ap_settings;
  /// NFC password token (the out-of-band method, wps/nfc_password.hpp), instead of the PIN:
  /// the station's own token, whose tag the AP read — M1 carries its ID and DH key, the password
  /// is its hex text.
  std::optional<proto::NfcOwnToken> nfc_token;
  /// The AP's password token, read by the station: as Enrollee, M1 carries its ID, the password
  /// is its hex text and M2's key must match its hash (else WSC_NACK error 20); with
  /// `nfc_registrar`, the station is the AP's external Registrar instead (like `wpa_cli wps_reg
  /// BSSID nfc-pw`) and the AP's M1 key is checked (M2D error 20), learning the AP's settings or,
  /// with new_ap_settings, configuring it.
  std::optional<proto::NfcPeerToken> nfc_ap_token;
  bool nfc_registrar = false;
  /// NFC connection handover (Device Password ID 7): the key of the station's handover request
  /// and the hash of the AP's select; M1 -> M2 with the Credential -> WSC_Done.
  std::optional<NfcHandoverConfig> nfc_handover;
  /// The Pixie Dust lab (wps/weak_nonces.hpp) for the station as Enrollee (STA-PIN method).
  proto::NonceProfile enrollee_nonces = proto::NonceProfile::Secure;
  std::uint32_t wall_clock_epoch = 1704067200;  ///< Unix seconds at virtual time 0 (Prng)
  /// A credential from an earlier WPS run: skip WPS and join with it.
  std::optional<wsc::Credential> credential;
  bool keylog = false;
};

/// Where the station is in the connection.
enum class StationPhase : std::uint8_t {
  Idle,
  Scanning,
  WpsAssociating,
  Wps,
  WaitDeauth,
  RetryWait,
  Joining,
  FourWay,
  Connected,
  Failed,
};
std::string_view to_string(StationPhase p);

struct StationResult {
  bool connected = false;
  std::optional<wsc::Credential> credential;
  std::optional<proto::Failed> wps_failure;  ///< the last failed WPS attempt
  std::optional<wpa2::Failed> fourway_failure;
  std::optional<dot11::ReasonCode> deauth_reason;  ///< an unexpected deauthentication
  /// Joining the AP failed (refused, deauthenticated, or no answer within the MLME's tries).
  std::optional<dot11::ConnectFailed> connect_failure;
  std::string failed_step;  ///< e.g. "M4", "4-way message 2", "scan"
  int wps_attempts = 0;
  bool data_sent = false;         ///< the protected DHCP Discover went out
  bool pbc_overlap = false;       ///< PBC: two APs in PBC mode seen in a scan
  bool pbc_walk_expired = false;  ///< PBC: no AP in PBC mode in the walk time
  /// The AP advertised AP Setup Locked = 1 in the scan that picked it (AP-PIN method).
  bool ap_setup_locked_seen = false;
};

class Station {
 public:
  Station(StationConfig cfg, Rng& rng, wpa2::PmkCache* pmk_cache = nullptr);
  ~Station();

  void start(TimePoint now);
  void on_frame(ByteView frame, TimePoint now);
  [[nodiscard]] std::optional<Bytes> poll_transmit();
  [[nodiscard]] std::optional<Event> poll_event();
  [[nodiscard]] std::optional<TimePoint> next_deadline() const;
  void on_deadline(TimePoint now);

  [[nodiscard]] const MacAddr& address() const { return cfg_.mac; }
  [[nodiscard]] StationPhase phase() const { return phase_; }
  [[nodiscard]] bool done() const {
    return phase_ == StationPhase::Connected || phase_ == StationPhase::Failed;
  }
  [[nodiscard]] const StationResult& result() const { return result_; }

 private:
  void pump(TimePoint now);
  /// The station runs an external Registrar for the AP (AP PIN, or the AP's NFC token).
  [[nodiscard]] bool external_registrar() const {
    return cfg_.ap_pin || (cfg_.nfc_ap_token && cfg_.nfc_registrar);
  }
  void handle_mlme(dot11::StaMlme::Output o, TimePoint now);
  void set_phase(StationPhase p, TimePoint now);
  void fail(std::string step, TimePoint now);
  void scan(TimePoint now);
  void connect_wps(TimePoint now);
  void connect_join(TimePoint now);
  void send_protected_data(TimePoint now);
  void after_wps(TimePoint now);
  /// Another WPS attempt fits: attempts left, and the retry delay ends within the walk time.
  [[nodiscard]] bool wps_retry_allowed(TimePoint now) const;
  /// Waits the retry delay, then joins again (WPS round or with the credential).
  void retry_later(TimePoint now);
  /// The scan result to join in this round, nullptr if none; PBC: may end the run (overlap).
  const dot11::BssInfo* choose_bss(const std::vector<dot11::BssInfo>& results, TimePoint now);

  StationConfig cfg_;
  Rng& rng_;
  std::unique_ptr<wpa2::PmkCache> own_cache_;
  wpa2::PmkCache* cache_;
  Bytes rsn_ie_;
  dot11::StaMlme mlme_;
  StationPhase phase_ = StationPhase::Idle;
  std::optional<TimePoint> started_;
  std::optional<TimePoint> timer_;  ///< rescan / retry / deauth wait
  MacAddr bssid_{};
  std::optional<Bytes> ap_rsn_ie_;
  bool wps_round_ = true;
  static constexpr int kMaxJoinTries = 3;
  int join_tries_ = 0;  ///< round-2 joins started
  /// The AP's token for the external Registrar, put back before each attempt (a run uses it up).
  proto::NfcTokenStore nfc_er_tokens_;
  std::unique_ptr<proto::EapWscPeer> eap_;
  std::unique_ptr<wpa2::Supplicant4Way> fourway_;
  std::optional<crypto::Tk> tk_;
  StationResult result_;
  proto::ZeroRng zero_rng_;
  proto::RtlTimeSeededRng rtl_rng_;
  OutputQueue<Bytes> tx_;
  OutputQueue<Event> events_;
};

/// The LLC/SNAP + IPv4 + UDP + BOOTP/DHCP Discover a station sends first after connecting.
Bytes dhcp_discover_msdu(const MacAddr& client, std::uint32_t xid);

}  // namespace wps::roles
