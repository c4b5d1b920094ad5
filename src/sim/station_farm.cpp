#include "sim/station_farm.hpp"

#include <algorithm>
#include <chrono>

#include "crypto/crypto.hpp"
#include "roles/station.hpp"

namespace wps::sim {

namespace {

using namespace std::chrono_literals;

MacAddr numbered(std::uint8_t b1, std::size_t k) {
  return MacAddr({0x02, b1, static_cast<std::uint8_t>(k >> 24), static_cast<std::uint8_t>(k >> 16),
                  static_cast<std::uint8_t>(k >> 8), static_cast<std::uint8_t>(k)});
}

/// Address 1 of an 802.11 frame is `a`, or a group address.
bool for_station(ByteView f, const MacAddr& a) {
  if (f.size() < 10) return false;
  if ((f[4] & 0x01) != 0) return true;
  return std::equal(f.begin() + 4, f.begin() + 10, a.get().begin());
}

}  // namespace

StationFarm::StationFarm(FarmConfig cfg) : cfg_(std::move(cfg)) {
  if (cfg_.pmk_cache == nullptr) {
    own_cache_ = std::make_unique<wpa2::PmkCache>();
    cfg_.pmk_cache = own_cache_.get();
  }
}

StationFarm::StationFarm(StationFarm&&) noexcept = default;
StationFarm& StationFarm::operator=(StationFarm&&) noexcept = default;
StationFarm::~StationFarm() = default;

Result<StationFarm> StationFarm::create(FarmConfig cfg) {
  if (cfg.stations_per_ap < 1 || cfg.stations_per_ap > 2007) return unexpected(Errc::BadValue);
  if (cfg.passphrase.size() < 8 || cfg.passphrase.size() > 63 || cfg.ssid.empty() ||
      cfg.ssid.size() > 32) {
    return unexpected(Errc::BadValue);
  }
  return StationFarm(std::move(cfg));
}

void StationFarm::drain_ap_events(roles::AccessPoint& ap) {
  while (auto e = ap.poll_event()) {
    if (std::holds_alternative<roles::KeysReady>(*e)) ++keys_ready_;
    if (std::holds_alternative<roles::DataDecrypted>(*e)) ++decrypted_;
  }
}

Result<void> StationFarm::join_next() {
  if (aps_.empty() || joined_ % cfg_.stations_per_ap == 0) {
    const std::size_t n = aps_.size() + 1;
    ap_rngs_.push_back(std::make_unique<crypto::Drbg>(cfg_.seed, "AP" + std::to_string(n)));
    roles::AccessPointConfig ac;
    ac.bssid = numbered(0x00, n);
    ac.ssid = cfg_.ssid;
    ac.passphrase = cfg_.passphrase;
    ac.max_stations = static_cast<std::uint16_t>(cfg_.stations_per_ap);
    ac.max_beacons = 0;  // stations find the AP by probing
    aps_.push_back(std::make_unique<roles::AccessPoint>(std::move(ac), *ap_rngs_.back(), now_,
                                                        cfg_.pmk_cache));
  }
  roles::AccessPoint& ap = *aps_.back();
  const std::size_t k = joined_ + 1;

  crypto::Drbg rng(cfg_.seed, "STA" + std::to_string(k));
  roles::StationConfig sc;
  sc.mac = numbered(0x01, k);
  sc.ssid = cfg_.ssid;
  wsc::Credential cred;  // what WPS handed over in round 1
  cred.ssid = to_bytes(cfg_.ssid);
  cred.network_key = crypto::to_secret(as_bytes(cfg_.passphrase));
  cred.mac_address = sc.mac;
  sc.credential = std::move(cred);
  roles::Station sta(std::move(sc), rng, cfg_.pmk_cache);
  const MacAddr mac = sta.address();

  sta.start(now_);
  const TimePoint give_up = now_ + 10s;
  for (std::size_t steps = 0;; ++steps) {
    if (steps > 100'000) return unexpected(Errc::SimEventLimit);
    bool moved = false;
    while (auto f = sta.poll_transmit()) {
      ap.on_frame(*f, now_);
      moved = true;
    }
    while (auto f = ap.poll_transmit()) {
      if (for_station(*f, mac)) sta.on_frame(*f, now_);
      moved = true;
    }
    while (sta.poll_event()) {
    }
    drain_ap_events(ap);
    if (moved) continue;
    if (sta.done()) break;
    std::optional<TimePoint> next = sta.next_deadline();
    if (auto d = ap.next_deadline(); d && (!next || *d < *next)) next = d;
    if (!next || *next > give_up) return unexpected(Errc::NotReady);
    now_ = std::max(now_, *next);
    if (auto d = sta.next_deadline(); d && *d <= now_) sta.on_deadline(now_);
    if (auto d = ap.next_deadline(); d && *d <= now_) ap.on_deadline(now_);
  }
  if (!sta.result().connected) return unexpected(Errc::NotReady);
  ++joined_;
  return ok();
}

}  // namespace wps::sim
