// The crowd (`wpslab run crowd`): one simulated AP and N stations on the same channel, each
// station with its own PIN, entering at staggered times. The AP holds one PIN per station, bound
// to the station's UUID-E (like `hostapd_cli wps_pin UUID PIN`), and serves every station's EAP
// session at once; a PIN is claimed by one registration at a time (proto::PinStore).
//
// Each station is given a kind, drawn from the seed (the shares below), that says how its PIN
// reaches the AP and therefore how its run must end:
//   on-time       the PIN is in the AP before the station starts: connected.
//   late          the PIN is entered 1 s after the station starts: M2D first, the station's
//                 retry (2 s later) connects (on a busy channel its first M1 may come after the
//                 PIN, and it connects at once).
//   wrong-first   the AP holds a PIN whose first half differs: the station finds R-Hash1 wrong
//                 in M4 and ends with WSC_NACK, configuration error 18; no credential.
//   wrong-second  the second half differs: found in M6 (R-Hash2), error 18; no credential.
// A station whose end differs from its kind's, a credential other than the AP's network, or a
// station that neither connects nor fails before the horizon (a hang) is reported.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "base/strong.hpp"
#include "base/time.hpp"
#include "sim/fault.hpp"
#include "sim/recorder.hpp"
#include "sim/simulator.hpp"
#include "wpa2/keys.hpp"
#include "wsc/types.hpp"

namespace wps::sim {

enum class CrowdKind : std::uint8_t { OnTime, Late, WrongFirst, WrongSecond };
std::string_view to_string(CrowdKind k);

struct CrowdConfig {
  std::size_t stations = 20;  ///< 1..kMaxCrowd
  std::uint64_t seed = 1;
  double wrong_share = 0.1;  ///< stations whose PIN the AP holds wrongly (half each half)
  double late_share = 0.1;   ///< stations whose PIN is entered after they start
  Duration stagger = std::chrono::milliseconds(100);  ///< between two stations' starts
  /// The medium's rate for every frame (the airtime model): 2 = 1 Mb/s, the 2.4 GHz basic rate
  /// mac80211 also sends EAPOL frames at; 12 = 6 Mb/s, the lowest 5 GHz rate.
  std::uint8_t rate_500kbps = 2;
  std::string ssid = "wpslab";
  std::string passphrase = "wpslab-passphrase";
  FaultPlan faults;
  MacArq arq;
  wpa2::PmkCache* pmk_cache = nullptr;
};

/// Association IDs run 1..2007 (IEEE 802.11): at most that many stations at once on one AP.
inline constexpr std::size_t kMaxCrowd = 2007;

struct CrowdStation {
  MacAddr mac;
  CrowdKind kind = CrowdKind::OnTime;
  std::string pin;     ///< the station's PIN
  std::string ap_pin;  ///< the PIN the AP holds for it
  TimePoint start;
  bool connected = false;  ///< keys installed and the AP decrypted its first data frame
  bool credential = false;
  bool wrong_credential = false;  ///< a credential that is not the AP's network
  bool finished = false;          ///< connected or ended with a failure before the horizon
  bool m2d = false;
  int wps_attempts = 0;
  std::string failed_at;       ///< e.g. "M4"; empty when connected
  std::string failure_reason;  ///< stable snake_case name; empty when connected
  std::optional<wsc::ConfigError> config_error;
  std::optional<Duration> connect_time;  ///< start → the AP decrypted its first data frame
  /// The end its kind predicts: connected (on-time, late), error 18 at M4 / M6 (wrong-*).
  bool as_expected = false;
  std::string outcome;  ///< a short class for the summary table, e.g. "connected after M2D"
};

struct CrowdResult {
  std::vector<CrowdStation> stations;
  RunStats sim_stats;
  std::size_t frames = 0;
  Recorder recorder;  ///< every frame on the air
  std::size_t wrong_credentials = 0;
  std::size_t hangs = 0;
  std::size_t unexpected = 0;
};

/// Runs the crowd to its end. Errors: BadValue (stations outside 1..kMaxCrowd, shares outside
/// 0..1 or summing above 1), SimEventLimit (a runaway run; a bug).
Result<CrowdResult> run_crowd(const CrowdConfig& cfg);

}  // namespace wps::sim
