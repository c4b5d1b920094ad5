#include "sim/crowd.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <memory>

#include "crypto/crypto.hpp"
#include "roles/access_point.hpp"
#include "sim/node.hpp"
#include "sim/scenario.hpp"
#include "sim/station_node.hpp"
#include "wps/pin.hpp"

namespace wps::sim {

namespace {

using namespace std::chrono_literals;

/// What the AP tells about each station, by MAC.
struct ApView {
  bool decrypted = false;
  std::optional<TimePoint> decrypted_at;
};

/// The AP with a schedule of PINs to enter (the late ones after their stations started).
class CrowdApNode final : public Node {
 public:
  struct PinEntry {
    TimePoint at;
    std::string pin;
    Uuid uuid;
  };
  CrowdApNode(roles::AccessPointConfig cfg, Rng& rng, wpa2::PmkCache* cache,
              std::vector<PinEntry> schedule, const std::vector<std::unique_ptr<StationNode>>& stas,
              std::map<MacAddr, ApView>& view)
      : ap_(std::move(cfg), rng, TimePoint{}, cache),
        schedule_(std::move(schedule)),
        stas_(stas),
        view_(view) {
    std::stable_sort(schedule_.begin(), schedule_.end(),
                     [](const PinEntry& a, const PinEntry& b) { return a.at < b.at; });
    enter_due(TimePoint{});
  }
  std::string_view name() const override { return "AP"; }
  MacAddr address() const override { return ap_.address(); }
  void on_frame(ByteView frame, TimePoint now) override {
    ap_.on_frame(frame, now);
    drain(now);
  }
  std::optional<Bytes> poll_transmit() override { return ap_.poll_transmit(); }
  std::optional<TimePoint> next_deadline() const override {
    auto d = ap_.next_deadline();
    if (next_ < schedule_.size() && (!d || schedule_[next_].at < *d)) d = schedule_[next_].at;
    return d;
  }
  void on_deadline(TimePoint now) override {
    enter_due(now);
    ap_.on_deadline(now);
    drain(now);
  }
  /// Done when every station is: stations stay done, so the scan resumes where it stopped.
  bool done() const override {
    while (first_busy_ < stas_.size() && stas_[first_busy_]->done()) ++first_busy_;
    return first_busy_ == stas_.size();
  }

 private:
  void enter_due(TimePoint now) {
    while (next_ < schedule_.size() && schedule_[next_].at <= now) {
      ap_.add_pin(schedule_[next_].pin, now, schedule_[next_].uuid);
      ++next_;
    }
  }
  void drain(TimePoint now) {
    while (auto e = ap_.poll_event()) {
      if (auto* d = std::get_if<roles::DataDecrypted>(&*e)) {
        ApView& v = view_[d->sta];
        if (!v.decrypted) v.decrypted_at = now;
        v.decrypted = true;
      }
    }
  }
  roles::AccessPoint ap_;
  std::vector<PinEntry> schedule_;
  std::size_t next_ = 0;
  const std::vector<std::unique_ptr<StationNode>>& stas_;
  mutable std::size_t first_busy_ = 0;
  std::map<MacAddr, ApView>& view_;
};

std::string outcome_class(const CrowdStation& s) {
  if (s.connected) return s.m2d ? "connected after M2D" : "connected";
  if (!s.finished) return "hang (neither connected nor failed)";
  if (s.config_error) {
    return "WPS failed at " + s.failed_at + ", configuration error " +
           std::to_string(static_cast<int>(*s.config_error)) + " (" + s.failure_reason + ")";
  }
  return "failed at " + s.failed_at + " (" + s.failure_reason + ")";
}

}  // namespace

std::string_view to_string(CrowdKind k) {
  switch (k) {
    case CrowdKind::OnTime: return "on-time";
    case CrowdKind::Late: return "late";
    case CrowdKind::WrongFirst: return "wrong-first";
    case CrowdKind::WrongSecond: return "wrong-second";
  }
  return "?";
}

Result<CrowdResult> run_crowd(const CrowdConfig& cfg) {
  if (cfg.stations < 1 || cfg.stations > kMaxCrowd || cfg.rate_500kbps == 0) {
    return unexpected(Errc::BadValue);
  }
  if (!(cfg.wrong_share >= 0 && cfg.wrong_share <= 1 && cfg.late_share >= 0 &&
        cfg.late_share <= 1 && cfg.wrong_share + cfg.late_share <= 1)) {
    return unexpected(Errc::BadValue);
  }
  const std::size_t n = cfg.stations;

  // Kinds: exact shares of the crowd (rounded), placed by a seeded shuffle.
  const auto n_wrong = static_cast<std::size_t>(cfg.wrong_share * static_cast<double>(n) + 0.5);
  const auto n_late = std::min(
      n - n_wrong, static_cast<std::size_t>(cfg.late_share * static_cast<double>(n) + 0.5));
  std::vector<CrowdKind> kinds(n, CrowdKind::OnTime);
  for (std::size_t i = 0; i < n_wrong; ++i) {
    kinds[i] = i % 2 == 0 ? CrowdKind::WrongFirst : CrowdKind::WrongSecond;
  }
  for (std::size_t i = 0; i < n_late; ++i) kinds[n_wrong + i] = CrowdKind::Late;
  crypto::Drbg plan(cfg.seed, "crowd");
  for (std::size_t i = n; i > 1; --i) {  // Fisher-Yates
    std::array<std::uint8_t, 4> b{};
    plan.fill(b);
    const std::uint32_t r = std::uint32_t{b[0]} << 24 | std::uint32_t{b[1]} << 16 |
                            std::uint32_t{b[2]} << 8 | b[3];
    std::swap(kinds[i - 1], kinds[r % i]);
  }

  CrowdResult res;
  std::vector<std::unique_ptr<crypto::Drbg>> rngs;
  std::vector<std::unique_ptr<StationNode>> stas;
  std::vector<CrowdApNode::PinEntry> schedule;
  std::map<MacAddr, ApView> view;
  for (std::size_t i = 0; i < n; ++i) {
    CrowdStation cs;
    const auto k = static_cast<std::uint16_t>(i + 1);
    cs.mac = MacAddr({0x02, 0x00, 0x00, 0x01, static_cast<std::uint8_t>(k >> 8),
                      static_cast<std::uint8_t>(k & 0xff)});
    cs.kind = kinds[i];
    cs.pin = proto::generate_pin(plan);
    cs.ap_pin = cs.kind == CrowdKind::WrongFirst    ? other_pin_half(cs.pin, 1)
                : cs.kind == CrowdKind::WrongSecond ? other_pin_half(cs.pin, 2)
                                                    : cs.pin;
    // After the AP's second beacon, then one every `stagger`.
    cs.start = TimePoint::from_ns(150'000'000) + cfg.stagger * static_cast<std::int64_t>(i);
    const Uuid uuid({0x57, 0x70, 0x73, 0x6c, 0x61, 0x62, 0x2d, 0x43, 0x52, 0x4f, 0x57, 0x44, 0, 0,
                     static_cast<std::uint8_t>(k >> 8), static_cast<std::uint8_t>(k & 0xff)});
    schedule.push_back({cs.kind == CrowdKind::Late ? cs.start + 1s : TimePoint{}, cs.ap_pin, uuid});

    std::string name = "STA" + std::to_string(i + 1);
    rngs.push_back(std::make_unique<crypto::Drbg>(cfg.seed, name));
    roles::StationConfig sc;
    sc.mac = cs.mac;
    sc.uuid = uuid;
    sc.pin = cs.pin;
    sc.ssid = cfg.ssid;
    stas.push_back(std::make_unique<StationNode>(
        name, std::move(sc), *rngs.back(), cfg.pmk_cache, cs.start,
        [&res, i](const roles::Event& e, TimePoint) {
          // The station's own account of an M2D (its PIN not yet in the AP).
          if (auto* f = std::get_if<roles::WpsFailed>(&e);
              f && f->failure.reason == Errc::PeerM2D) {
            res.stations[i].m2d = true;
          }
        },
        /*hears_before_start=*/false));
    res.stations.push_back(std::move(cs));
  }

  rngs.push_back(std::make_unique<crypto::Drbg>(cfg.seed, "AP"));
  roles::AccessPointConfig ac;
  ac.ssid = cfg.ssid;
  ac.passphrase = cfg.passphrase;
  ac.uuid = Uuid({0x57, 0x70, 0x73, 0x6c, 0x61, 0x62, 0x2d, 0x41, 0x50, 0, 0, 0, 0, 0, 0, 1});
  CrowdApNode ap(std::move(ac), *rngs.back(), cfg.pmk_cache, std::move(schedule), stas, view);

  SimConfig simcfg;
  simcfg.seed = cfg.seed;
  simcfg.faults = cfg.faults;
  simcfg.arq = cfg.arq;
  simcfg.capture.rate_500kbps = cfg.rate_500kbps;
  // OFDM rates (802.11a/g: 6, 9, 12, 18, 24, 36, 48, 54 Mb/s) have a 20 µs preamble and header,
  // 16 µs SIFS, 9 µs slots and aCWmin 15; the defaults are DSSS's (1, 2, 5.5, 11 Mb/s).
  constexpr std::array<std::uint8_t, 8> kOfdm = {12, 18, 24, 36, 48, 72, 96, 108};
  if (std::find(kOfdm.begin(), kOfdm.end(), cfg.rate_500kbps) != kOfdm.end()) {
    simcfg.plcp_overhead = 20us;
    simcfg.arq.sifs = 16us;
    simcfg.arq.slot = 9us;
    simcfg.arq.cw_min = 15;
  }
  simcfg.rx_address_filter = true;
  // Room for every station's run (a few hundred events each) after the last one starts.
  simcfg.max_events = 1'000'000 + n * 20'000;
  simcfg.time_limit = std::chrono::seconds(300) + cfg.stagger * static_cast<std::int64_t>(n);
  Simulator sim(simcfg);
  sim.add_node(ap);
  for (auto& s : stas) sim.add_node(*s);
  WPS_TRY_ASSIGN(auto stats, sim.run());

  for (std::size_t i = 0; i < n; ++i) {
    CrowdStation& cs = res.stations[i];
    const roles::StationResult& sr = stas[i]->station().result();
    const ApView& v = view[cs.mac];
    cs.connected = sr.connected && v.decrypted;
    cs.credential = sr.credential.has_value();
    if (sr.credential) {
      cs.wrong_credential =
          !(sr.credential->ssid == to_bytes(cfg.ssid) &&
            crypto::ct_equal(crypto::view(sr.credential->network_key), as_bytes(cfg.passphrase)));
    }
    cs.wps_attempts = sr.wps_attempts;
    cs.finished = stas[i]->done_at().has_value();
    if (cs.connected && v.decrypted_at) cs.connect_time = *v.decrypted_at - cs.start;
    if (!cs.connected) {
      if (sr.wps_failure) {
        cs.failed_at = std::string(wsc::msg_type_name(sr.wps_failure->at));
        cs.failure_reason = std::string(to_string(sr.wps_failure->reason));
        cs.config_error = sr.wps_failure->config_error;
      } else if (sr.fourway_failure) {
        cs.failed_at = sr.failed_step;
        cs.failure_reason = std::string(to_string(sr.fourway_failure->reason));
      } else {
        cs.failed_at = sr.failed_step.empty() ? "unknown" : sr.failed_step;
        cs.failure_reason = sr.connected && sr.data_sent ? "data_not_received" : "not_connected";
      }
    }
    switch (cs.kind) {
      case CrowdKind::OnTime: cs.as_expected = cs.connected && !cs.m2d; break;
      // M2D first unless the station's first M1 came after its PIN (a busy channel).
      case CrowdKind::Late: cs.as_expected = cs.connected; break;
      case CrowdKind::WrongFirst:
      case CrowdKind::WrongSecond:
        cs.as_expected =
            !cs.connected && !cs.credential && sr.wps_failure &&
            sr.wps_failure->reason ==
                (cs.kind == CrowdKind::WrongFirst ? Errc::RHash1Mismatch : Errc::RHash2Mismatch) &&
            sr.wps_failure->config_error == wsc::ConfigError::DevicePasswordAuthFailure;
        break;
    }
    cs.outcome = outcome_class(cs);
    if (cs.wrong_credential) ++res.wrong_credentials;
    if (!cs.finished) ++res.hangs;
    if (!cs.as_expected) ++res.unexpected;
  }
  res.sim_stats = stats;
  res.frames = sim.recorder().frames().size();
  res.recorder = sim.recorder();
  return res;
}

}  // namespace wps::sim
