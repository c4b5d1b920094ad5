// Diagnosis of a session (session.hpp): what happened, why it ended, and a one-line
// explanation of every step of its ladder.
//
// Per WPS attempt the outcome is one of: the credential was delivered (WSC_Done), the registrar
// had no PIN (M2D with its Configuration Error, and whether the station retried), a wrong PIN
// (first half when the WSC_NACK with error 18 follows M4 (enrollee detects, R-Hash1) or M5
// (registrar detects, E-Hash1); second half after M6 / M7), PBC overlap (error 12), setup locked
// (error 15 — in an M2D hostapd sends 15 for "no PIN yet" when ap_setup_locked=1, which is
// reported as that nuance), another rejection, an external registrar that read (M7, NACK 0) or
// changed (M8, WSC_Done) the AP's settings, a timeout (who stopped answering after which
// message), or a protocol violation (out-of-order message, message from the wrong side, nonce
// echo mismatch, Authenticator that does not verify when the keys are known).
//
// The session's outcome combines its last attempt with the 4-way handshake: connected, WPS
// succeeded but the 4-way is missing / incomplete / failed (wrong passphrase), or the attempt's
// failure.
//
// Secrets: `--passphrase` (+ SSID from the capture or `--ssid`) gives the PMK (PBKDF2 once per
// SSID) to verify the 4-way MICs; without it, a credential decrypted from M8 is tried. A key log
// (`LABEL <enrollee-mac> <hex>` lines as `wpslab run --keylog` writes; hostapd/wpa_supplicant
// `-K` debug lines "WPS: AuthKey - hexdump(...)" are read too) gives AuthKey / KeyWrapKey (or
// KDK / DHKey to derive them): the Authenticators of M2..M8 are verified and the Encrypted
// Settings opened (R-S1, E-S1, R-S2, E-S2, AP settings, the credential of M8).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/psk.hpp"
#include "analyzer/session.hpp"
#include "base/result.hpp"
#include "wpa2/keys.hpp"
#include "wsc/nfc.hpp"

namespace wps::analyzer {

enum class Outcome : std::uint8_t {
  Connected,           ///< 4-way handshake complete (after WPS, or a plain connection)
  WpsSucceeded,        ///< credential delivered (WSC_Done); no 4-way handshake in the capture
  FourWayIncomplete,   ///< credential delivered, 4-way handshake started but not finished
  FourWayFailed,       ///< handshake stopped after message 2 whose MIC does not verify
  NoPin,               ///< M2D: the registrar has no PIN for this enrollee (yet)
  WrongPinFirstHalf,   ///< WSC_NACK config error 18 after M4 / M5
  WrongPinSecondHalf,  ///< WSC_NACK config error 18 after M6 / M7
  PbcOverlap,          ///< config error 12
  PbcNotActive,        ///< M1 with Device Password ID 4, the registrar not in PBC mode: M2D
  SetupLocked,         ///< config error 15 in a WSC_NACK
  /// NFC: config error 20 (M2D from the registrar, or WSC_NACK from the enrollee): a public key
  /// does not match the hash on the password token the other side read.
  PublicKeyHashMismatch,
  Rejected,           ///< another WSC_NACK / M2D error, or EAP-Failure without a NACK
  ApSettingsLearned,  ///< external registrar read the AP's settings (M7) and ended with NACK 0
  ApConfigured,       ///< external registrar configured the AP (M8), the AP sent WSC_Done
  Timeout,            ///< one side stopped answering
  ProtocolViolation,  ///< out-of-order / wrong side / nonce echo / Authenticator mismatch
  Incomplete,         ///< the capture ends during the exchange
  NoWps,              ///< no WPS exchange and no handshake in this session
};
/// Stable kebab-case name: "connected", "wps-succeeded", "wrong-pin-first-half", ...
std::string_view to_string(Outcome o);
/// True for the outcomes where the WPS registration itself worked.
bool wps_ok(Outcome o);

// ---------------------------------------------------------------------------------------------
// Key log

struct KeylogEntry {
  std::string label;           ///< AUTHKEY, KEYWRAPKEY, KDK, DHKEY, EMSK, PSK1, ...
  std::optional<MacAddr> mac;  ///< the enrollee's MAC (nullopt: from a daemon debug log)
  Bytes value;
};

struct Keylog {
  std::vector<KeylogEntry> entries;
  /// Parses key log text: `LABEL <enrollee-mac> <hex>` per line ('#' comments and blank lines
  /// skipped), and hostapd / wpa_supplicant `-K` lines "WPS: <Name> - hexdump(len=N): xx xx"
  /// for AuthKey, KeyWrapKey, KDK, DHKey, EMSK (any enrollee).
  /// Errors: ConfigBadValue, offset = 1-based line number of the first line that is neither.
  static Result<Keylog> parse(std::string_view text);
};

struct DiagnoseOptions {
  std::optional<std::string> passphrase;  ///< WPA2 passphrase (8..63) or 64 hex digits
  std::optional<std::string> ssid;        ///< overrides the SSID taken from the capture
  const Keylog* keylog = nullptr;
  /// An NFC password token (or handover record) the user gives: the attempts with an NFC
  /// Device Password ID are checked against it (which side's public key its hash names).
  std::optional<wsc::OobDevicePassword> nfc_token;
  /// PMKs by (passphrase, SSID): PBKDF2 runs once per pair across all sessions. Optional.
  wpa2::PmkCache* pmk_cache = nullptr;
};

// ---------------------------------------------------------------------------------------------
// Results

struct AttemptDiagnosis {
  Outcome outcome = Outcome::Incomplete;
  std::string summary;                        ///< one line
  std::optional<wsc::MsgType> failed_after;   ///< the last registration message before the end
  std::optional<std::uint16_t> config_error;  ///< of the NACK / M2D that ended it
  std::optional<Role> detected_by;            ///< who sent the NACK / M2D, or who stopped
  bool external_registrar = false;
  /// From the Device Password ID of the attempt's M1: "pin", "pbc", "nfc-password-token",
  /// "nfc-handover", or "unknown" (no M1, or an ID of no known method).
  std::string method = "unknown";
  std::optional<std::uint16_t> device_password_id;  ///< of M1
  /// With DiagnoseOptions::nfc_token: does PK_E of M1 / PK_R of M2 hash to the token's public
  /// key hash (nullopt: that message is not in the attempt)?
  struct NfcKeyCheck {
    std::uint16_t token_dpid = 0;
    std::optional<bool> m1_key_matches;
    std::optional<bool> m2_key_matches;
  };
  std::optional<NfcKeyCheck> nfc_key_check;
  std::vector<std::string> notes;
};

/// The registration method a Device Password ID names (WSC 2.0.2 Table 37; NFC-PBC-FACTS §3):
/// 0, 1, 2, 3, 5, 8 → "pin"; 4 → "pbc"; 7 → "nfc-handover"; 0x0010 and above →
/// "nfc-password-token"; anything else → "unknown".
std::string_view method_of(std::uint16_t device_password_id);
/// "PIN", "push button (PBC)", "NFC password token", "NFC connection handover", "unknown method".
std::string_view method_text(std::string_view method);

struct CredentialInfo {
  std::string where;  ///< "M8 credential", "M8 AP settings", "M7 AP settings"
  std::string ssid;   ///< printable
  Bytes ssid_raw;
  std::string network_key;  ///< printable
  Bytes network_key_raw;
  std::uint16_t auth_type = 0;
  std::uint16_t encr_type = 0;
  std::optional<MacAddr> mac;
};

struct FourWayResult {
  bool present = false;
  bool complete = false;       ///< messages 1..4 seen
  std::uint8_t seen = 0;       ///< bit i-1 = message i seen
  std::optional<bool> mic_ok;  ///< true: proven right; false: proven wrong; nullopt: neither
  std::string pmk_source;      ///< "--passphrase", "credential from M8", ...
  std::string summary;
  /// The passphrase verdict (psk.hpp): which pair proved it, or why it cannot be checked.
  PskVerdict verdict = PskVerdict::NotChecked;
  std::string proved_by;     ///< "M1+M2", "M2+M3", "M1+M4", "M3+M4", "PMKID in M1"
  std::string why;           ///< the proof of "wrong" / why it cannot be checked
  bool wpa1 = false;         ///< WPA1 frames (descriptor 254 / version 1, HMAC-MD5)
  bool pmkid = false;        ///< a message 1 carries a PMKID KDE
  unsigned pairs_tried = 0;  ///< nonce pairs tried for the last key checked
  /// The station's last message 2 is not followed by a message 3 in the capture.
  bool m2_unanswered = false;
};

/// Per WSC message (parallel to Session::messages).
struct MessageCheck {
  std::optional<bool> authenticator_ok;                        ///< with the key log's AuthKey
  std::vector<std::pair<std::string, std::string>> decrypted;  ///< name, value
  std::optional<std::string> decrypt_error;
};

/// The offline (Pixie Dust) check of one attempt: with the session keys from the key log, M3's
/// E-Hash1/E-Hash2 are tried against the weak secret-nonce classes (WPS-FACTS §7.3): E-S1 = E-S2
/// = 0 (Ralink/MediaTek/Celeno firmware, pixiewps mode 1) and E-S1 = E-S2 = N1 (the Realtek
/// RTL819x generator when nonce and secrets are drawn in the same second), each over the 10^4
/// first and 10^3 second PIN halves (8-digit PINs, checksum computed).
struct PixieResult {
  std::size_t attempt = 0;  ///< index into Session::attempts
  /// "zero", "enrollee-nonce", or empty: none of the weak classes gives E-Hash1.
  std::string weak_nonces;
  std::optional<std::string> pin;  ///< both halves found
  std::optional<std::string> first_half;
};

/// Recognised online guessing of the AP PIN: an external registrar's repeated attempts against
/// one AP (reaver, bully), from the attempts' outcomes and the AP's beacons.
struct BruteForceInfo {
  unsigned attempts = 0;  ///< external-registrar attempts diagnosed
  /// Attempts of the session beyond the detail limit (counted, not classified).
  std::uint64_t not_diagnosed = 0;
  unsigned first_half_guesses = 0;              ///< refused after M4 (R-Hash1 wrong)
  unsigned second_half_guesses = 0;             ///< refused after M6 (R-Hash2 wrong)
  unsigned locked_refusals = 0;                 ///< refused with configuration error 15
  std::optional<std::size_t> first_half_found;  ///< attempt in which the AP sent M5
  std::optional<std::size_t> pin_proved;        ///< attempt in which the AP sent M7
  std::int64_t first_ns = 0, last_ns = 0;
  /// AP Setup Locked changes in the AP's beacons / probe responses: (time, locked).
  std::vector<std::pair<std::int64_t, bool>> lock_changes;
};

struct Diagnosis {
  Outcome outcome = Outcome::NoWps;
  std::string summary;                     ///< one line
  std::vector<AttemptDiagnosis> attempts;  ///< parallel to Session::attempts
  FourWayResult fourway;
  std::vector<CredentialInfo> credentials;
  std::vector<MessageCheck> messages;                ///< parallel to Session::messages
  std::vector<std::string> explanations;             ///< parallel to Session::rows
  std::vector<std::vector<std::string>> deviations;  ///< parallel to Session::rows
  std::vector<std::string> notes;                    ///< session-level remarks
  bool keys_found = false;                           ///< the key log matched this session
  std::vector<PixieResult> pixie;                    ///< per attempt checked offline
  std::optional<BruteForceInfo> brute_force;
  bool retried = false;  ///< more than one WPS attempt
};

/// The registrar's PBC monitor time (WPS-FACTS §9): enrollees in push-button mode within it
/// overlap.
inline constexpr std::int64_t kPbcMonitorNs = 120'000'000'000;

/// An enrollee in push-button mode and when it was last seen so within a window.
struct PbcSighting {
  const PbcEnrollee* enrollee = nullptr;
  std::int64_t last_ns = 0;
};
/// The enrollees other than `uuid_e` seen in push-button mode (probe request or M1 with Device
/// Password ID 4) in the monitor time before `t_ns`: what a registrar counts at an M1 then.
std::vector<PbcSighting> pbc_others(const Tracker& tr, const std::optional<Uuid>& uuid_e,
                                    std::int64_t t_ns);
/// "UUID-E 12345678-... (02:00:00:00:0b:02, PBC probe requests, last at 0.360000 s)".
std::string pbc_sighting_text(const PbcSighting& p);
/// Capture-wide push-button remarks: pairs of enrollees (different UUID-E) in PBC mode within
/// the monitor time, and pairs of APs (different UUIDs) advertising PBC mode at the same time.
std::vector<std::string> capture_pbc_notes(const Tracker& tr);

/// Diagnoses one finished session (Tracker::finish() called). `tracker` gives the AP table
/// (SSID, AP Setup Locked in beacons) and the capture's end time.
Diagnosis diagnose(const Session& s, const Tracker& tracker, const DiagnoseOptions& options = {});

/// The purpose of one ladder step, in one line (empty for rows without one).
std::string explain(const Row& row, const Session& s, const Event& ev);

}  // namespace wps::analyzer
