// The push-button scenarios of `wpslab run` (WPS-FACTS §9, NFC-PBC-FACTS §9): APs and stations
// on the simulated radio, the same roles as the PIN scenarios with the push button as their
// device-password policy.
//
//  pbc               the AP's button at 250 ms, the station's at 350 ms: probe requests and M1
//                    with Device Password ID 4, M1..M8, round 2; the AP leaves PBC mode on
//                    success (Selected Registrar only in the beacons sent meanwhile).
//  pbc-overlap       the AP's button, then two stations press 10 ms apart: the AP has seen two
//                    UUID-Es in PBC probe requests, so both M1s get M2D with configuration error
//                    12; nobody receives a credential.
//  pbc-walk-timeout  the station presses, the AP never does: it scans until the walk time
//                    (120 s, virtual) is over and gives up.
//  pbc-two-aps       two APs in PBC mode with different UUIDs: the station's scan shows both,
//                    it reports the overlap and does not start.
#include "sim/scenario_pbc.hpp"

#include <memory>

#include "crypto/crypto.hpp"
#include "sim/node.hpp"
#include "sim/simulator.hpp"
#include "sim/station_node.hpp"

namespace wps::sim {

namespace {

using namespace std::chrono_literals;

/// What every node reports, gathered for the result.
struct PbcCollector {
  bool keep_traces = false;
  std::vector<TraceEvent> traces;
  std::vector<KeyLogLine> keylog;
  bool m2d = false;
  bool data_decrypted = false;
  int ap_overlaps = 0;  ///< OverlapDetected reported by an AP
  std::vector<proto::Failed> ap_failures;
  void take(roles::Event e) {
    std::visit(
        [&](auto&& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, roles::KeyLog>) {
            keep_keylog_line(keylog, v);
          } else if constexpr (std::is_same_v<T, roles::WpsFailed>) {
            ap_failures.push_back(v.failure);
          } else if constexpr (std::is_same_v<T, roles::DataDecrypted>) {
            data_decrypted = true;
          } else if constexpr (std::is_same_v<T, TraceEvent>) {
            if (keep_traces) traces.push_back(std::move(v));
          }
        },
        std::move(e));
  }
};

class PbcApNode final : public Node {
 public:
  PbcApNode(std::string name, roles::AccessPointConfig cfg, Rng& rng, wpa2::PmkCache* cache,
            PbcCollector& c, std::optional<TimePoint> press_at,
            const std::vector<std::unique_ptr<StationNode>>& stas)
      : name_(std::move(name)),
        ap_(std::move(cfg), rng, TimePoint{}, cache),
        c_(c),
        press_at_(press_at),
        stas_(stas) {}
  std::string_view name() const override { return name_; }
  MacAddr address() const override { return ap_.address(); }
  void on_frame(ByteView frame, TimePoint now) override {
    now_ = now;
    ap_.on_frame(frame, now);
    drain();
  }
  std::optional<Bytes> poll_transmit() override { return ap_.poll_transmit(); }
  std::optional<TimePoint> next_deadline() const override {
    auto d = ap_.next_deadline();
    if (press_at_ && (!d || *press_at_ < *d)) d = press_at_;
    return d;
  }
  void on_deadline(TimePoint now) override {
    now_ = now;
    if (press_at_ && *press_at_ <= now) {
      press_at_.reset();
      (void)ap_.push_button(now);  // the user presses the AP's button
    }
    ap_.on_deadline(now);
    drain();
  }
  /// Done a while after the last station: the beacons after PBC mode ended are on the air.
  bool done() const override {
    TimePoint last{};
    for (const auto& s : stas_) {
      if (!s->done()) return false;
      if (s->done_at() && *s->done_at() > last) last = *s->done_at();
    }
    return now_ >= last + 150ms;
  }

 private:
  void drain() {
    while (auto e = ap_.poll_event()) {
      if (auto* p = std::get_if<roles::PbcStatus>(&*e);
          p && p->event == proto::PbcEvent::OverlapDetected) {
        ++c_.ap_overlaps;
      }
      if (std::holds_alternative<proto::PinNeeded>(*e)) c_.m2d = true;
      c_.take(std::move(*e));
    }
  }
  std::string name_;
  roles::AccessPoint ap_;
  PbcCollector& c_;
  std::optional<TimePoint> press_at_;
  const std::vector<std::unique_ptr<StationNode>>& stas_;
  TimePoint now_{};
};

Uuid ap_uuid(std::uint8_t n) {
  return Uuid({0x57, 0x70, 0x73, 0x6c, 0x61, 0x62, 0x2d, 0x41, 0x50, 0, 0, 0, 0, 0, 0, n});
}
Uuid sta_uuid(std::uint8_t n) {
  return Uuid({0x57, 0x70, 0x73, 0x6c, 0x61, 0x62, 0x2d, 0x53, 0x54, 0x41, 0, 0, 0, 0, 0, n});
}

}  // namespace

bool is_pbc_scenario(Scenario s) {
  return s == Scenario::Pbc || s == Scenario::PbcOverlap || s == Scenario::PbcWalkTimeout ||
         s == Scenario::PbcTwoAps;
}

Result<ScenarioResult> run_pbc_scenario(const ScenarioConfig& cfg) {
  PbcCollector c;
  c.keep_traces = cfg.trace;

  const int n_aps = cfg.scenario == Scenario::PbcTwoAps ? 2 : 1;
  const int n_stas = cfg.scenario == Scenario::PbcOverlap ? 2 : 1;
  const bool press = cfg.scenario != Scenario::PbcWalkTimeout;

  // One deterministic generator per node, derived from the run seed and the node's name (C2).
  std::vector<std::unique_ptr<crypto::Drbg>> rngs;
  std::vector<std::unique_ptr<StationNode>> stas;
  std::vector<std::unique_ptr<PbcApNode>> aps;
  for (int i = 0; i < n_stas; ++i) {
    std::string name = i == 0 ? "STA" : "STA" + std::to_string(i + 1);
    rngs.push_back(std::make_unique<crypto::Drbg>(cfg.seed, name));
    roles::StationConfig sc;
    sc.mac = MacAddr({0x02, 0x00, 0x00, 0x00, 0x0b, static_cast<std::uint8_t>(0x01 + i)});
    sc.uuid = sta_uuid(static_cast<std::uint8_t>(1 + i));
    sc.pbc = true;
    sc.fragment_size = cfg.fragment_size;
    sc.keylog = cfg.keylog;
    sc.walk_time = proto::kPbcWalkTime;
    sc.scan_retry = 2s;  // PBC scans until an AP is in PBC mode: every 2 s keeps the log short
    // Stations press at 350 ms (the second one 10 ms later), after the AP's button at 250 ms.
    auto start = TimePoint::from_ns(350'000'000 + std::int64_t{i} * 10'000'000);
    if (cfg.scenario == Scenario::PbcWalkTimeout) start = TimePoint::from_ns(150'000'000);
    stas.push_back(std::make_unique<StationNode>(
        name, std::move(sc), *rngs.back(), cfg.pmk_cache, start,
        [&c](roles::Event e, TimePoint) {
          // A station's failure is kept in the result, not in the collector.
          if (!std::holds_alternative<roles::WpsFailed>(e)) c.take(std::move(e));
        },
        /*hears_before_start=*/false));
  }
  for (int i = 0; i < n_aps; ++i) {
    std::string name = i == 0 ? "AP" : "AP" + std::to_string(i + 1);
    rngs.push_back(std::make_unique<crypto::Drbg>(cfg.seed, name));
    roles::AccessPointConfig ac;
    ac.bssid = MacAddr({0x02, 0x00, 0x00, 0x00, 0x0a, static_cast<std::uint8_t>(0x01 + i)});
    ac.ssid = cfg.ssid;
    ac.passphrase = cfg.passphrase;
    ac.uuid = ap_uuid(static_cast<std::uint8_t>(1 + i));
    ac.fragment_size = cfg.fragment_size;
    ac.keylog = cfg.keylog;
    // Beacons before, during and after PBC mode (the walk-timeout run keeps the usual three).
    ac.max_beacons = cfg.scenario == Scenario::PbcWalkTimeout ? 3 : 12;
    std::optional<TimePoint> press_at;
    if (press) press_at = TimePoint::from_ns(250'000'000);
    aps.push_back(std::make_unique<PbcApNode>(name, std::move(ac), *rngs.back(), cfg.pmk_cache, c,
                                              press_at, stas));
  }

  SimConfig simcfg;
  simcfg.seed = cfg.seed;
  simcfg.faults = cfg.faults;
  Simulator sim(simcfg);
  for (auto& a : aps) sim.add_node(*a);
  for (auto& s : stas) sim.add_node(*s);
  WPS_TRY_ASSIGN(auto stats, sim.run());

  const roles::StationResult& sr = stas.front()->station().result();
  ScenarioResult r;
  r.scenario = cfg.scenario;
  r.seed = cfg.seed;
  r.connected = sr.connected && c.data_decrypted;
  for (const auto& s : stas) {
    const auto& x = s->station().result();
    if (!x.connected) r.connected = false;
    if (x.credential && !r.credential) r.credential = x.credential;
    r.wps_attempts += x.wps_attempts;
  }
  r.m2d_seen = c.m2d;
  for (const auto& s : stas) {
    const auto& f = s->station().result().wps_failure;
    if (f && f->reason == Errc::PeerM2D) r.m2d_seen = true;
  }
  r.frames = sim.recorder().frames().size();
  r.end = stats.end;
  r.keylog = std::move(c.keylog);
  r.traces = std::move(c.traces);
  r.recorder = sim.recorder();
  if (r.connected) {
    r.outcome = "connected";
    return r;
  }
  if (sr.pbc_overlap) {
    r.failed_at = "scan";
    r.config_error = wsc::ConfigError::MultiplePbcSessionsDetected;
    r.outcome = "PBC session overlap: more than one AP in PBC mode with different UUIDs; the "
                "station did not start (" +
                std::string(to_string(Errc::PbcOverlap)) + ")";
    return r;
  }
  if (sr.pbc_walk_expired) {
    r.failed_at = "scan";
    r.outcome = "no AP in PBC mode within the walk time (" +
                std::string(to_string(Errc::PbcWalkTimeExpired)) + ")";
    return r;
  }
  if (sr.wps_failure) {
    const auto& f = *sr.wps_failure;
    r.failed_at = std::string(wsc::msg_type_name(f.at));
    r.config_error = f.config_error;
    if (f.config_error == wsc::ConfigError::MultiplePbcSessionsDetected) {
      int refused = 0;
      for (const auto& af : c.ap_failures)
        if (af.reason == Errc::PbcOverlap) ++refused;
      r.outcome = "PBC session overlap: the AP saw " + std::to_string(n_stas) +
                  " enrollees press within the monitor time and refused " +
                  std::to_string(refused) + " (" + std::string(to_string(Errc::PbcOverlap)) + ")";
    } else {
      r.outcome = std::string("WPS failed: ") + std::string(to_string(f.reason));
    }
    return r;
  }
  r.failed_at = sr.failed_step.empty() ? "unknown" : sr.failed_step;
  r.outcome = "not connected";
  return r;
}

}  // namespace wps::sim
