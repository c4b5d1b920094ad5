// An access point composed once, sans-I/O (ARCHITECTURE §2.2 "one composition of each role"):
// 802.11 MLME (beacons, probes, open authentication, association) + per-station EAP-WSC server
// with the internal Registrar + WPA2-PSK 4-way authenticator + CCMP receive. The simulator and
// the real-interface adapter both drive it through the same calls:
//   on_frame(frame, now) · poll_transmit() · poll_event() · next_deadline() · on_deadline(now).
//
// A station whose Association Request carries a WPS IE is a WPS station (its RSN IE is ignored,
// hostapd's rule, WPS-FACTS §2.3): the AP waits for its EAPOL-Start, runs EAP-WSC, and
// `deauth_delay` after EAP-Failure deauthenticates it with reason 23 (hostapd). A station with an
// RSN IE and no WPS IE gets the 4-way handshake (PMK from the passphrase, computed once per
// SSID+passphrase through the PmkCache).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/output_queue.hpp"
#include "base/rng.hpp"
#include "dot11/ap_mlme.hpp"
#include "roles/events.hpp"
#include "wpa2/authenticator_4way.hpp"
#include "wpa2/keys.hpp"
#include "wps/ap_setup_lock.hpp"
#include "wps/eap_wsc.hpp"
#include "wps/nfc_password.hpp"
#include "wps/pbc.hpp"
#include "wps/pin_store.hpp"
#include "wps/weak_nonces.hpp"

namespace wps::roles {

struct AccessPointConfig {
  MacAddr bssid{std::array<std::uint8_t, 6>{0x02, 0x00, 0x00, 0x00, 0x0a, 0x01}};
  std::string ssid = "wpslab";
  std::string passphrase = "wpslab-passphrase";  ///< 8..63 printable ASCII, or 64 hex
  std::uint8_t channel = 6;
  /// Associated stations at once (AIDs 1..max_stations, at most 2007): hostapd's max_num_sta,
  /// whose default is 2007. Beyond it, association requests are refused (status 17).
  std::uint16_t max_stations = 2007;
  Uuid uuid;
  wsc::DeviceInfo device{"wpslab",   "wpslab AP", "1", "0002", {6, wsc::kWfaDeviceTypeOui, 1},
                         "wpslab-ap"};
  bool ap_setup_locked = false;
  /// The AP PIN (AP-PIN method): with it, a station whose EAP identity is
  /// WFA-SimpleConfig-Registrar-1-0 is an external registrar and the AP is its Enrollee (M7
  /// carries the AP's current settings; M8's new settings are applied: SSID and passphrase
  /// change, beacons with them). nullopt = external registrars get EAP-Failure.
  std::optional<std::string> ap_pin;
  /// The AP's own NFC password token, enabled (hostapd's `wps_nfc_token enable`): a station
  /// that read it enrolls with its ID and password and the AP answers with the token's key in
  /// M2; an external registrar that read it gets the token's key and ID in the AP's M1 (the AP
  /// needs no AP PIN then). Not used up by a run.
  std::optional<proto::NfcOwnToken> nfc_token;
  /// How failed AP-PIN proofs lock the AP (ap_setup_lock.hpp); `ap_setup_locked` above makes
  /// it locked for good, as in hostapd.conf.
  proto::LockPolicy lock_policy = proto::LockPolicy::Hostapd;
  /// The Pixie Dust lab (wps/weak_nonces.hpp): how the AP, as Enrollee, draws E-S1/E-S2 (and,
  /// for Prng, its Enrollee Nonce). Prng seeds with the AP's wall clock: `wall_clock_epoch`
  /// (Unix seconds at virtual time 0) plus the virtual time.
  proto::NonceProfile enrollee_nonces = proto::NonceProfile::Secure;
  std::uint32_t wall_clock_epoch = 1704067200;  // 2024-01-01 00:00:00 UTC
  std::size_t fragment_size = eap::kDefaultFragThreshold;
  proto::EapTimers eap_timers;
  Duration deauth_delay = std::chrono::milliseconds(10);
  /// Beacons sent in all (0 = none; a cap keeps a sniffer log readable). Probe responses are
  /// always sent.
  int max_beacons = 3;
  bool keylog = false;
};

/// The Enrollee an AP with `cfg.ap_pin` runs for an external registrar (AP-PIN method): its
/// current settings for M7, the lock state, the lab's nonce generators. Shared with the
/// brute-force lab so that the guessed AP is configured exactly like this role's.
/// `nonce_rng` / `secret_rng`: the lab's weak generators (null = the engine's Rng).
proto::EnrolleeConfig ap_pin_enrollee_config(const AccessPointConfig& cfg, bool locked,
                                             Rng* nonce_rng = nullptr, Rng* secret_rng = nullptr);

class AccessPoint {
 public:
  /// `pmk_cache` may be shared by many runs (benchmarks); null = a private one.
  AccessPoint(AccessPointConfig cfg, Rng& rng, TimePoint start,
              wpa2::PmkCache* pmk_cache = nullptr);
  ~AccessPoint();

  /// Like `hostapd_cli wps_pin any PIN`: accept this PIN from any enrollee (or, with `uuid`,
  /// like `wps_pin UUID PIN`, from that enrollee only); beacons and probe responses then show
  /// Selected Registrar. (Validation of the PIN string is the caller's.)
  void add_pin(std::string_view pin, TimePoint now, std::optional<Uuid> uuid = std::nullopt);

  /// Like `hostapd_cli wps_pbc`: the push button. PBC mode (Selected Registrar, Device Password
  /// ID 4 in beacons and probe responses) runs for the walk time, until a PBC enrollee
  /// succeeds, or until cancel_pbc(). Returns false when refused for a PBC session overlap
  /// (a PbcStatus{OverlapDetected} event follows).
  bool push_button(TimePoint now);
  /// Like `hostapd_cli wps_nfc_tag_read`: a station's password token read at the AP. The token
  /// serves the next M1 with its Device Password ID (one run, matching key or not); the AP shows
  /// Selected Registrar with that ID for 120 s (hostapd's selected-registrar timeout).
  void add_nfc_token(const wsc::OobDevicePassword& token, TimePoint now);
  /// Like `hostapd_cli nfc_get_handover_sel NDEF WPS-CR`: the AP's handover select carrier
  /// record, for its own NFC key (made now, with Device Password ID 7, when the AP has none).
  Bytes handover_select(TimePoint now);
  /// Like `hostapd_cli raw NFC_REPORT_HANDOVER RESP WPS <req> <sel>`: the station's request,
  /// for one abbreviated registration (its key in M1 must match the request's hash).
  void report_handover(const wsc::HandoverRequest& request, TimePoint now);
  /// Like `hostapd_cli wps_nfc_token enable|disable`: the AP's own token (nullopt: disabled).
  void set_own_nfc_token(std::optional<proto::NfcOwnToken> token, TimePoint now);
  /// Like `hostapd_cli wps_cancel` for PBC mode.
  void cancel_pbc(TimePoint now);

  void on_frame(ByteView frame, TimePoint now);
  [[nodiscard]] std::optional<Bytes> poll_transmit();
  [[nodiscard]] std::optional<Event> poll_event();
  [[nodiscard]] std::optional<TimePoint> next_deadline() const;
  void on_deadline(TimePoint now);

  [[nodiscard]] const MacAddr& address() const { return cfg_.bssid; }
  [[nodiscard]] const AccessPointConfig& config() const { return cfg_; }
  [[nodiscard]] const proto::PinStore& pins() const { return pins_; }
  [[nodiscard]] const proto::PbcMonitor& pbc() const { return pbc_; }
  [[nodiscard]] const proto::ApSetupLock& setup_lock() const { return lock_; }
  [[nodiscard]] const proto::NfcTokenStore& nfc_tokens() const { return nfc_tokens_; }

 private:
  struct Sta;
  void pump(TimePoint now);
  void handle_mlme(dot11::ApMlme::Output o, TimePoint now);
  void update_wps_ies(TimePoint now);
  void on_ap_pin_run(const proto::EapOutput& o, TimePoint now);
  void apply_settings(const wsc::Credential& c, TimePoint now);
  Sta& sta(const MacAddr& mac);
  void note_probe_request(ByteView frame, TimePoint now);

  AccessPointConfig cfg_;
  Rng& rng_;
  std::unique_ptr<wpa2::PmkCache> own_cache_;
  wpa2::PmkCache* cache_;
  Bytes rsn_ie_;
  crypto::Gtk gtk_;
  dot11::ApMlme mlme_;
  proto::PinStore pins_;
  proto::PbcMonitor pbc_;
  proto::ApSetupLock lock_;
  proto::NfcTokenStore nfc_tokens_;
  /// Selected Registrar for the token read last: its ID, until when.
  std::optional<std::pair<std::uint16_t, TimePoint>> nfc_selected_;
  proto::ZeroRng zero_rng_;
  proto::RtlTimeSeededRng rtl_rng_;
  proto::SessionId next_session_ = 1;
  std::map<MacAddr, std::unique_ptr<Sta>> stas_;
  /// Stations whose engines were called since pump() last polled them.
  std::vector<MacAddr> touched_;
  OutputQueue<Bytes> tx_;
  OutputQueue<Event> events_;
  int beacons_sent_ = 0;
  bool selected_registrar_ = false;
  bool pbc_advertised_ = false;
  /// Selected Registrar because of a token read (nfc_selected_ still running and a token left).
  [[nodiscard]] bool nfc_selected(TimePoint now) const;
};

}  // namespace wps::roles
