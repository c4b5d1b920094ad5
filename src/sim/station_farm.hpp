// Many associated, idle stations held by simulated APs in one process (`wpslab bench stations`):
// what an AP keeps per station once the station has joined and sits idle — its association,
// its 4-way handshake state with the pairwise keys installed, its CCMP receive state.
//
// Each station joins the way a station joins after WPS (round 2): it scans, authenticates,
// associates with the RSN IE and runs the 4-way handshake with the network's passphrase (the PMK
// from the shared PmkCache), then sends its first protected data frame, which the AP decrypts.
// The station and the AP talk directly, frame by frame, on a virtual clock (no medium: the cost
// measured is the AP's, not the simulator's); the station object is then destroyed, and the AP
// keeps what it keeps for an idle station. An AP holds at most 2007 stations (the AID space of
// one BSS, IEEE 802.11); more stations take more APs, in the same process.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "roles/access_point.hpp"
#include "wpa2/keys.hpp"

namespace wps::sim {

struct FarmConfig {
  std::size_t stations = 1000;
  std::size_t stations_per_ap = 2007;  ///< 1..2007
  std::string ssid = "wpslab";
  std::string passphrase = "wpslab-passphrase";
  std::uint64_t seed = 1;
  wpa2::PmkCache* pmk_cache = nullptr;  ///< null = a private one
};

class StationFarm {
 public:
  /// Errors: BadValue (stations_per_ap outside 1..2007, passphrase not 8..63 characters).
  static Result<StationFarm> create(FarmConfig cfg);
  StationFarm(StationFarm&&) noexcept;
  StationFarm& operator=(StationFarm&&) noexcept;
  ~StationFarm();

  /// Joins the next station (a new AP when the current one is full). Errors: NotReady (the
  /// station did not connect within 10 s of virtual time; a bug), SimEventLimit (a runaway).
  Result<void> join_next();

  [[nodiscard]] std::size_t joined() const { return joined_; }
  [[nodiscard]] std::size_t aps() const { return aps_.size(); }
  /// Stations whose keys an AP reported installed and whose first data frame it decrypted.
  [[nodiscard]] std::size_t keys_installed() const { return keys_ready_; }
  [[nodiscard]] std::size_t data_decrypted() const { return decrypted_; }

 private:
  explicit StationFarm(FarmConfig cfg);
  void drain_ap_events(roles::AccessPoint& ap);

  FarmConfig cfg_;
  std::unique_ptr<wpa2::PmkCache> own_cache_;
  std::vector<std::unique_ptr<Rng>> ap_rngs_;
  std::vector<std::unique_ptr<roles::AccessPoint>> aps_;
  TimePoint now_{};
  std::size_t joined_ = 0;
  std::size_t keys_ready_ = 0;
  std::size_t decrypted_ = 0;
};

}  // namespace wps::sim
