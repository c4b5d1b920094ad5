#include "sim/ap_pin.hpp"

#include "crypto/crypto.hpp"
#include "sim/node.hpp"
#include "sim/simulator.hpp"
#include "sim/station_node.hpp"

namespace wps::sim {

namespace {

/// What both nodes report, gathered for the result.
struct Gather {
  bool keep_traces = false;
  std::vector<TraceEvent> traces;
  std::vector<KeyLogLine> keylog;
  std::optional<wpa2::Failed> handshake_failed;
  bool data_decrypted = false;
  std::optional<proto::Failed> ap_failure;  ///< the AP enrollee's own report
  int lock_changes = 0;
  void take(roles::Event e) {
    std::visit(
        [&](auto&& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, roles::KeyLog>) {
            keep_keylog_line(keylog, v);
          } else if constexpr (std::is_same_v<T, roles::HandshakeFailed>) {
            handshake_failed = v.failure;
          } else if constexpr (std::is_same_v<T, roles::DataDecrypted>) {
            data_decrypted = true;
          } else if constexpr (std::is_same_v<T, roles::SetupLockChanged>) {
            ++lock_changes;
          } else if constexpr (std::is_same_v<T, TraceEvent>) {
            if (keep_traces) traces.push_back(std::move(v));
          }
        },
        std::move(e));
  }
};

class AccessPointNode final : public Node {
 public:
  AccessPointNode(roles::AccessPointConfig cfg, Rng& rng, wpa2::PmkCache* cache, Gather& g,
                  const StationNode& sta)
      : ap_(std::move(cfg), rng, TimePoint{}, cache),
        g_(g),
        sta_(sta),
        first_ssid_(ap_.config().ssid) {}
  std::string_view name() const override { return "AP"; }
  MacAddr address() const override { return ap_.address(); }
  void on_frame(ByteView frame, TimePoint now) override {
    now_ = now;
    ap_.on_frame(frame, now);
    drain();
  }
  std::optional<Bytes> poll_transmit() override {
    auto f = ap_.poll_transmit();
    // A beacon (frame control 0x80) after new settings were applied shows the new SSID; stay a
    // little longer so that it goes on air.
    if (f && !f->empty() && (*f)[0] == 0x80 && ap_.config().ssid != first_ssid_ && !linger_) {
      linger_ = now_ + std::chrono::milliseconds(5);
    }
    return f;
  }
  std::optional<TimePoint> next_deadline() const override {
    auto d = ap_.next_deadline();
    if (linger_ && *linger_ > now_ && (!d || *linger_ < *d)) d = linger_;
    return d;
  }
  void on_deadline(TimePoint now) override {
    now_ = now;
    ap_.on_deadline(now);
    drain();
  }
  /// Done with the station; after an M8 with new settings, also once a beacon showed them.
  bool done() const override {
    return sta_.done() && (ap_.config().ssid == first_ssid_ || (linger_ && now_ >= *linger_));
  }
  const roles::AccessPoint& ap() const { return ap_; }

 private:
  void drain() {
    while (auto e = ap_.poll_event()) {
      if (auto* f = std::get_if<roles::WpsFailed>(&*e)) g_.ap_failure = f->failure;
      g_.take(std::move(*e));
    }
  }
  roles::AccessPoint ap_;
  Gather& g_;
  const StationNode& sta_;
  std::string first_ssid_;
  TimePoint now_{};
  std::optional<TimePoint> linger_;
};

}  // namespace

bool is_ap_pin_scenario(Scenario s) {
  return s == Scenario::ApPin || s == Scenario::ApPinWrong || s == Scenario::ApPinLocked;
}

Result<ScenarioResult> run_ap_pin_scenario(const ScenarioConfig& cfg) {
  // One deterministic generator per node, derived from the run seed and the node's name (C2).
  crypto::Drbg ap_rng(cfg.seed, "AP"), sta_rng(cfg.seed, "STA");
  Gather g;
  g.keep_traces = cfg.trace;

  roles::AccessPointConfig ac;
  ac.ssid = cfg.ssid;
  ac.passphrase = cfg.passphrase;
  ac.uuid = Uuid({0x57, 0x70, 0x73, 0x6c, 0x61, 0x62, 0x2d, 0x41, 0x50, 0, 0, 0, 0, 0, 0, 1});
  ac.fragment_size = cfg.fragment_size;
  ac.keylog = cfg.keylog;
  // The AP's PIN: what the station types, or (ap-pin-wrong) one half of it different.
  ac.ap_pin = cfg.scenario == Scenario::ApPinWrong ? other_pin_half(cfg.pin, cfg.wrong_half)
                                                   : cfg.pin;
  ac.ap_setup_locked = cfg.scenario == Scenario::ApPinLocked;
  ac.enrollee_nonces = cfg.enrollee_nonces;

  roles::StationConfig sc;
  sc.uuid = Uuid({0x57, 0x70, 0x73, 0x6c, 0x61, 0x62, 0x2d, 0x45, 0x52, 0, 0, 0, 0, 0, 0, 1});
  sc.device.device_name = "wpslab-er";
  sc.ap_pin = cfg.pin;
  sc.fragment_size = cfg.fragment_size;
  sc.keylog = cfg.keylog;
  if (cfg.new_ssid && cfg.new_passphrase) {
    wsc::Credential c;
    c.ssid = to_bytes(*cfg.new_ssid);
    c.network_key = crypto::to_secret(as_bytes(*cfg.new_passphrase));
    sc.new_ap_settings = std::move(c);
  }

  SimConfig simcfg;
  simcfg.seed = cfg.seed;
  simcfg.faults = cfg.faults;
  Simulator sim(simcfg);
  // The station starts after the AP's second beacon (t = 150 ms), as in the STA-PIN scenarios.
  StationNode sta("STA", std::move(sc), sta_rng, cfg.pmk_cache, TimePoint::from_ns(150'000'000),
                  [&g](roles::Event e, TimePoint) { g.take(std::move(e)); });
  AccessPointNode ap(std::move(ac), ap_rng, cfg.pmk_cache, g, sta);
  sim.add_node(ap);
  sim.add_node(sta);
  WPS_TRY_ASSIGN(auto stats, sim.run());

  const roles::StationResult& sr = sta.station().result();
  ScenarioResult r;
  r.scenario = cfg.scenario;
  r.seed = cfg.seed;
  r.connected = sr.connected && g.data_decrypted;
  r.credential = sr.credential;
  r.wps_attempts = sr.wps_attempts;
  r.frames = sim.recorder().frames().size();
  r.end = stats.end;
  r.keylog = std::move(g.keylog);
  r.traces = std::move(g.traces);
  r.recorder = sim.recorder();
  if (r.connected) {
    r.outcome = "connected";
  } else if (g.handshake_failed) {
    r.failed_at = "4-way";
    r.outcome = std::string("4-way handshake failed: ") +
                std::string(to_string(g.handshake_failed->reason));
  } else if (sr.wps_failure) {
    const auto& f = *sr.wps_failure;
    r.config_error = f.config_error;
    // The AP (enrollee) detected the failure and NACKed: name the registrar message it refused
    // (M4 = first half of the AP PIN wrong, M6 = second half, M2 = setup locked).
    r.failed_at = std::string(wsc::msg_type_name(f.by_peer && f.after ? *f.after : f.at));
    if (f.config_error == wsc::ConfigError::SetupLocked) {
      r.outcome = "AP setup locked: the AP refuses external registrars";
    } else if (f.config_error == wsc::ConfigError::DevicePasswordAuthFailure) {
      r.outcome = std::string("WPS failed: wrong AP PIN (") +
                  (r.failed_at == "M4" ? "first" : "second") + " half)";
    } else {
      r.outcome = std::string("WPS failed: ") + std::string(to_string(f.reason));
    }
  } else {
    r.failed_at = sr.failed_step.empty() ? "unknown" : sr.failed_step;
    r.outcome = "not connected";
  }
  return r;
}

}  // namespace wps::sim
