// `wpslab ap`'s side of hostapd's control interface: turns parsed commands into calls on the
// interop::ApService and its notes into hostapd's unsolicited events, and keeps what
// WPS_GET_STATUS reports. No socket here (ctrl::Server carries the datagrams), so it is tested
// with plain strings.
//
// Replies are hostapd 2.10's, checked against the real daemon (driver=wired): PING -> PONG,
// STATUS (hostapd's keys for a wired BSS), WPS_PIN -> OK / FAIL, WPS_CHECK_PIN, WPS_PBC -> OK /
// FAIL (overlap), WPS_CANCEL -> OK (events WPS-TIMEOUT if PBC was active, then WPS-CANCEL),
// WPS_AP_PIN, WPS_GET_STATUS, GET_CONFIG, ATTACH/DETACH (DETACH of a client not attached -> FAIL),
// LEVEL (FAIL unless attached). Events (level 3): WPS-PBC-ACTIVE, WPS-PBC-DISABLE, WPS-TIMEOUT,
// WPS-CANCEL, WPS-OVERLAP-DETECTED, WPS-PIN-NEEDED, WPS-REG-SUCCESS, WPS-SUCCESS, WPS-FAIL,
// WPS-NEW-AP-SETTINGS, WPS-AP-SETUP-LOCKED, WPS-AP-SETUP-UNLOCKED, WPS-AP-PIN-DISABLED.
// NFC (NFC-PBC facts §4-§6): WPS_NFC_TAG_READ <hex> -> OK for a password token (bare or NDEF),
// FAIL for anything else (a configuration token too: "Ignore unrecognized NFC tag");
// WPS_NFC_TOKEN WPS|NDEF -> the AP's password token in hex (a new one per call unless the
// config has wps_nfc_* keys or one was enabled), enable / disable -> an empty reply (enable:
// FAIL before any token exists); WPS_NFC_CONFIG_TOKEN WPS|NDEF -> the configuration token;
// NFC_GET_HANDOVER_SEL NDEF|WPS WPS-CR -> the handover select for the AP's NFC key (made, with
// ID 7, when there is none); NFC_REPORT_HANDOVER RESP WPS <req> <sel> -> OK once the request
// (ID 7, UUID-E) is stored for one abbreviated registration, FAIL otherwise.
// WPS_AP_PIN set/random enables the AP PIN for 300 s unless a timeout is given (0 = no limit),
// clears the setup lock's counters and unlocks, as hostapd_wps_ap_pin_enable does.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/rng.hpp"
#include "base/time.hpp"
#include "ctrl/command.hpp"
#include "interop/services.hpp"

namespace wps::ctrl {

struct ApInfo {
  std::string iface;
  MacAddr bssid;
  std::string ssid;
  std::optional<std::string> passphrase;
  std::string psk_hex;  ///< the PSK (from the passphrase, or wpa_psk)
  bool configured = true;
  /// The AP-PIN method's enrollee without its password; set_ap_pin fills it in.
  std::optional<proto::EnrolleeConfig> ap_enrollee_template;
  std::optional<std::string> ap_pin;  ///< the AP PIN at start
  /// The AP's NFC password token from hostapd.conf's wps_nfc_* keys (nullopt: WPS_NFC_TOKEN
  /// WPS|NDEF makes a new one per call until one is enabled, as hostapd does).
  std::optional<proto::GeneratedToken> nfc_token;
};

class ApControl {
 public:
  ApControl(interop::ApService& ap, ApInfo info, Rng& rng);

  /// One request datagram -> the reply. `attached` says whether the sender is ATTACHed; attach /
  /// detach are set when the sender is to be added to / removed from the event clients.
  std::string handle(ByteView request, bool attached, bool& attach, bool& detach, TimePoint now);
  /// A note from the ApService (call for every note, in order).
  void on_note(const interop::Note& n);
  /// Events gathered since the last call, as hostapd words them ("WPS-SUCCESS ", ...).
  std::vector<std::string> take_events();

 private:
  void event(std::string e) { events_.push_back(std::move(e)); }
  std::string status() const;
  std::string get_config() const;
  std::string wps_get_status() const;
  void set_ap_pin(std::optional<std::string> pin, TimePoint now, int timeout_s);
  std::string nfc_tag_read(ByteView data, TimePoint now);
  std::string nfc_token(WpsNfcToken::Action a);
  std::string nfc_config_token(bool ndef) const;
  std::string nfc_handover_select(bool ndef);
  std::string nfc_report_handover(const NfcReportHandover& c);

  interop::ApService& ap_;
  ApInfo info_;
  Rng& rng_;
  std::optional<std::string> ap_pin_;
  /// The token came from the config's wps_nfc_* keys (then WPS_NFC_TOKEN rebuilds the same).
  bool token_fixed_ = false;
  std::string pbc_status_ = "Disabled";
  std::string last_result_ = "None";
  std::optional<MacAddr> peer_;
  bool success_pending_ = false;
  std::vector<std::string> events_;
};

}  // namespace wps::ctrl
