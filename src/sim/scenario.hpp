// The scenarios of `wpslab run`: an AccessPoint and a Station on the simulated radio, from the
// first beacon to the first protected data frame (or to the step where the scenario ends).
//
//  sta-pin           the PIN is entered at the AP, then the station starts: the whole connection.
//  late-pin          the station starts before the PIN is entered: M1 -> M2D -> WSC_ACK ->
//                    EAP-Failure -> deauth; the PIN is entered at 1 s; the station retries (2 s
//                    later) and the retry connects.
//  wrong-pin         the AP was given a PIN whose first half differs: the station detects it at
//                    M4 (R-Hash1) and ends with WSC_NACK error 18; no credential.
//  wrong-pin2        the second half differs: detected at M6.
//  stale-credential  the station joins with a credential from an earlier WPS run, but the AP's
//                    passphrase changed since: the 4-way handshake fails at message 2 (the AP's
//                    MIC check).
//  pbc, pbc-overlap, pbc-walk-timeout, pbc-two-aps: the push button (scenario_pbc.cpp).
//  ap-pin, ap-pin-wrong, ap-pin-locked: the AP-PIN method, station as external Registrar
//                    (sim/ap_pin.hpp).
//  nfc-password-token  the station's NFC password token is tapped on the AP (hostapd's
//                    wps_nfc_tag_read) before the station starts: M1 carries the token's ID and
//                    key, the AP checks the key's hash, the token's password runs M3..M8; round 2.
//  nfc-ap-token      the AP's own password token (enabled) is tapped on the station: the station
//                    enrolls with its ID and password and checks the AP's M2 key against it.
//  nfc-config-token  the AP's configuration token is tapped on the station: it reads the
//                    credential and goes straight to round 2 (no EAP-WSC at all).
//  nfc-wrong-key     the token the AP reads carries the hash of another key than the one the
//                    station then uses: M2D with Configuration Error 20, no credential.
//  nfc-handover      NFC connection handover: the station's request and the AP's select are
//                    exchanged (each commits its sender's key), then M1 -> M2 with the
//                    Credential -> WSC_Done (no password, no M3..M8); round 2.
// The scenarios' tokens are drawn from their own generator (seed, "NFC").
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "roles/access_point.hpp"
#include "roles/station.hpp"
#include "sim/fault.hpp"
#include "sim/recorder.hpp"
#include "sim/simulator.hpp"
#include "wpa2/keys.hpp"

namespace wps::sim {

enum class Scenario : std::uint8_t {
  StaPin,
  LatePin,
  WrongPin,
  WrongPin2,
  StaleCredential,
  Pbc,
  PbcOverlap,
  PbcWalkTimeout,
  PbcTwoAps,
  ApPin,
  ApPinWrong,
  ApPinLocked,
  NfcPasswordToken,
  NfcApToken,
  NfcConfigToken,
  NfcWrongKey,
  NfcHandover,
};
std::string_view to_string(Scenario s);
std::optional<Scenario> parse_scenario(std::string_view name);
/// Names in the order above, for help texts.
std::vector<std::string_view> scenario_names();

struct ScenarioConfig {
  Scenario scenario = Scenario::StaPin;
  std::string pin = "12345670";  ///< the PIN the station uses (and, in sta-pin, the AP)
  std::string ssid = "wpslab";
  std::string passphrase = "wpslab-passphrase";
  std::uint64_t seed = 1;
  std::size_t fragment_size = eap::kDefaultFragThreshold;
  bool keylog = false;
  bool trace = false;  ///< keep the engines' trace records in ScenarioResult::traces
  FaultPlan faults;
  /// 802.11 ACKs and MAC retransmissions on the medium (simulator.hpp MacArq); off = the ideal
  /// channel of the recorded scenarios. `wpslab run --loss` and `wpslab sweep` turn it on.
  MacArq arq;
  /// AP-PIN family (sim/ap_pin.hpp): push these settings in M8 (both set) instead of learning
  /// the AP's (WSC_NACK after M7); ap-pin-wrong: which half of the AP's PIN differs (1 or 2).
  std::optional<std::string> new_ssid;
  std::optional<std::string> new_passphrase;
  int wrong_half = 1;
  /// The Pixie Dust lab: how the enrollee (the station, or the AP in ap-pin*) draws E-S1/E-S2.
  proto::NonceProfile enrollee_nonces = proto::NonceProfile::Secure;
  /// Shared PBKDF2 cache (benchmarks run many connections); null = a private one.
  wpa2::PmkCache* pmk_cache = nullptr;
};

/// The PIN the AP is given in each scenario (differs from `pin` in wrong-pin / wrong-pin2).
std::string ap_pin_for(Scenario s, std::string_view pin);
/// `pin` with its first (half 1) or second (half 2) half changed, checksum recomputed.
std::string other_pin_half(std::string_view pin, int half);

struct KeyLogLine {
  std::string label;
  MacAddr enrollee;
  std::string hex;
};

struct ScenarioResult {
  Scenario scenario = Scenario::StaPin;
  std::uint64_t seed = 0;
  bool connected = false;
  std::string outcome;    ///< "connected", or a one-line reason
  std::string failed_at;  ///< empty when connected, e.g. "M4", "4-way message 2"
  std::optional<wsc::ConfigError> config_error;
  std::optional<wsc::Credential> credential;
  bool m2d_seen = false;
  int wps_attempts = 0;
  std::size_t frames = 0;
  TimePoint end;
  /// When the AP decrypted the station's first protected data frame (connected runs).
  std::optional<TimePoint> connected_at;
  /// False when the run hit the simulator's horizon (or ran out of events) before the station
  /// finished: neither connected nor failed — a hang.
  bool finished = false;
  /// Why it did not connect, as a stable snake_case name: the Errc of the WPS or 4-way failure,
  /// or "not_connected" when no engine reported one. Empty when connected.
  std::string failure_reason;
  /// The station obtained a credential by WPS that differs from the AP's network (SSID or key).
  bool wrong_credential = false;
  RunStats sim_stats;  ///< the simulator's counters (frames, ACKs, retries, losses)
  std::vector<KeyLogLine> keylog;
  std::vector<TraceEvent> traces;
  Recorder recorder;  ///< every frame on the air
  /// NFC scenarios: the tag that was tapped (bare WSC attributes), for `wpslab analyze --nfc-token`.
  Bytes nfc_tag;
};

/// Runs one scenario to its end. Errors: SimEventLimit (a runaway run; a bug).
Result<ScenarioResult> run_scenario(const ScenarioConfig& cfg);

}  // namespace wps::sim
