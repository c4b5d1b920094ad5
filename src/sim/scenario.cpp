#include "sim/scenario.hpp"

#include <array>

#include "crypto/crypto.hpp"
#include "sim/ap_pin.hpp"
#include "sim/node.hpp"
#include "sim/scenario_pbc.hpp"
#include "sim/simulator.hpp"
#include "sim/station_node.hpp"
#include "wps/nfc_password.hpp"
#include "wps/pin.hpp"
#include "wsc/nfc.hpp"

namespace wps::sim {

namespace {

constexpr std::array<std::string_view, 17> kNames = {
    "sta-pin",       "late-pin",      "wrong-pin",          "wrong-pin2",   "stale-credential",
    "pbc",           "pbc-overlap",   "pbc-walk-timeout",   "pbc-two-aps",  "ap-pin",
    "ap-pin-wrong",  "ap-pin-locked", "nfc-password-token", "nfc-ap-token", "nfc-config-token",
    "nfc-wrong-key", "nfc-handover"};

/// Everything the two nodes report, gathered for the result.
struct Collector {
  bool keep_traces = false;
  std::vector<TraceEvent> traces;
  std::vector<KeyLogLine> keylog;
  bool m2d = false;
  std::optional<wpa2::Failed> handshake_failed;
  bool data_decrypted = false;
  std::optional<TimePoint> decrypted_at;
  TimePoint now;  ///< set by the node before it hands its events over
  void take(roles::Event e) {
    std::visit(
        [&](auto&& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, roles::KeyLog>) {
            keep_keylog_line(keylog, v);
          } else if constexpr (std::is_same_v<T, proto::PinNeeded>) {
            m2d = true;
          } else if constexpr (std::is_same_v<T, roles::HandshakeFailed>) {
            handshake_failed = v.failure;
          } else if constexpr (std::is_same_v<T, roles::DataDecrypted>) {
            if (!data_decrypted) decrypted_at = now;
            data_decrypted = true;
          } else if constexpr (std::is_same_v<T, TraceEvent>) {
            if (keep_traces) traces.push_back(std::move(v));
          }
        },
        std::move(e));
  }
};

class ApNode final : public Node {
 public:
  ApNode(roles::AccessPointConfig cfg, Rng& rng, wpa2::PmkCache* cache, Collector& c,
         const StationNode& sta)
      : ap_(std::move(cfg), rng, TimePoint{}, cache), c_(c), sta_(sta) {}
  void enter_pin_at(std::string pin, TimePoint at) {
    late_pin_ = std::move(pin);
    pin_at_ = at;
  }
  void enter_pin_now(std::string_view pin) { ap_.add_pin(pin, TimePoint{}); }
  void read_nfc_token(const wsc::OobDevicePassword& t) { ap_.add_nfc_token(t, TimePoint{}); }
  roles::AccessPoint& ap() { return ap_; }
  std::string_view name() const override { return "AP"; }
  MacAddr address() const override { return ap_.address(); }
  void on_frame(ByteView frame, TimePoint now) override {
    ap_.on_frame(frame, now);
    c_.now = now;
    drain();
  }
  std::optional<Bytes> poll_transmit() override { return ap_.poll_transmit(); }
  std::optional<TimePoint> next_deadline() const override {
    auto d = ap_.next_deadline();
    if (pin_at_ && (!d || *pin_at_ < *d)) d = pin_at_;
    return d;
  }
  void on_deadline(TimePoint now) override {
    if (pin_at_ && *pin_at_ <= now) {
      ap_.add_pin(*late_pin_, now);  // the user types the PIN into the AP
      pin_at_.reset();
    }
    ap_.on_deadline(now);
    c_.now = now;
    drain();
  }
  bool done() const override { return sta_.done(); }

 private:
  void drain() {
    while (auto e = ap_.poll_event()) c_.take(std::move(*e));
  }
  roles::AccessPoint ap_;
  Collector& c_;
  const StationNode& sta_;
  std::optional<std::string> late_pin_;
  std::optional<TimePoint> pin_at_;
};

/// The 8-digit PIN with the same second half structure but another first half, or another
/// second half (checksum recomputed, so the PIN is still a valid one to type in).
std::string other_half(std::string_view pin, bool first) {
  if (pin.size() == 4) {
    std::string p(pin);
    std::size_t i = first ? 0 : 2;
    p[i] = static_cast<char>('0' + (p[i] - '0' + 5) % 10);
    return p;
  }
  std::uint32_t first7 = 0;
  for (std::size_t i = 0; i < 7 && i < pin.size(); ++i)
    first7 = first7 * 10 + static_cast<std::uint32_t>(pin[i] - '0');
  if (first) {
    first7 = (first7 + 5'000'000u) % 10'000'000u;  // changes digit 1
  } else {
    first7 = (first7 / 1000u) * 1000u + (first7 % 1000u + 500u) % 1000u;  // changes digit 5
  }
  std::string p = std::to_string(first7);
  p.insert(0, 7 - p.size(), '0');
  p.push_back(static_cast<char>('0' + proto::pin_checksum(first7)));
  return p;
}

}  // namespace

std::string_view to_string(Scenario s) {
  return kNames[static_cast<std::size_t>(s)];
}

std::optional<Scenario> parse_scenario(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<Scenario>(i);
  return std::nullopt;
}

std::vector<std::string_view> scenario_names() {
  return {kNames.begin(), kNames.end()};
}

std::string ap_pin_for(Scenario s, std::string_view pin) {
  switch (s) {
    case Scenario::WrongPin: return other_half(pin, true);
    case Scenario::WrongPin2: return other_half(pin, false);
    case Scenario::ApPinWrong: return other_half(pin, true);
    default: return std::string(pin);
  }
}

std::string other_pin_half(std::string_view pin, int half) {
  return other_half(pin, half != 2);
}

Result<ScenarioResult> run_scenario(const ScenarioConfig& cfg) {
  if (is_pbc_scenario(cfg.scenario)) return run_pbc_scenario(cfg);
  if (is_ap_pin_scenario(cfg.scenario)) return run_ap_pin_scenario(cfg);
  // One deterministic generator per node, derived from the run seed and the node's name (C2).
  crypto::Drbg ap_rng(cfg.seed, "AP"), sta_rng(cfg.seed, "STA");
  Collector c;
  c.keep_traces = cfg.trace;

  roles::AccessPointConfig ac;
  ac.ssid = cfg.ssid;
  ac.passphrase = cfg.passphrase;
  ac.uuid = Uuid({0x57, 0x70, 0x73, 0x6c, 0x61, 0x62, 0x2d, 0x41, 0x50, 0, 0, 0, 0, 0, 0, 1});
  ac.fragment_size = cfg.fragment_size;
  ac.keylog = cfg.keylog;

  roles::StationConfig sc;
  sc.uuid = Uuid({0x57, 0x70, 0x73, 0x6c, 0x61, 0x62, 0x2d, 0x53, 0x54, 0x41, 0, 0, 0, 0, 0, 1});
  sc.pin = cfg.pin;
  sc.fragment_size = cfg.fragment_size;
  sc.keylog = cfg.keylog;
  sc.enrollee_nonces = cfg.enrollee_nonces;
  if (cfg.scenario == Scenario::StaleCredential) {
    // A credential from an earlier run; the AP's passphrase has changed since.
    wsc::Credential old;
    old.ssid = to_bytes(cfg.ssid);
    std::string old_key = cfg.passphrase + "-old";
    if (old_key.size() > 63) old_key = "old-" + cfg.passphrase.substr(0, 59);
    old.network_key = crypto::to_secret(as_bytes(old_key));
    old.mac_address = sc.mac;
    sc.credential = old;
  }

  // NFC: the tokens, from their own generator so the nodes' draws stay as in the PIN runs.
  crypto::Drbg nfc_rng(cfg.seed, "NFC");
  std::optional<wsc::OobDevicePassword> tag_at_ap;
  Bytes nfc_tag;
  std::optional<Bytes> nfc_select;
  switch (cfg.scenario) {
    case Scenario::NfcPasswordToken:
    case Scenario::NfcWrongKey: {
      WPS_TRY_ASSIGN(auto made, proto::generate_password_token(nfc_rng));
      tag_at_ap = made.token;
      sc.nfc_token = made.own;
      if (cfg.scenario == Scenario::NfcWrongKey) {
        // The station then uses another key pair (e.g. its token was made again since).
        WPS_TRY_ASSIGN(auto other,
                       proto::generate_password_token(nfc_rng, made.token.device_password_id));
        sc.nfc_token->dh_private = other.own.dh_private;
      }
      nfc_tag = wsc::build_password_token(made.token);
      break;
    }
    case Scenario::NfcApToken: {
      WPS_TRY_ASSIGN(auto made, proto::generate_password_token(nfc_rng));
      ac.nfc_token = made.own;
      sc.nfc_ap_token = proto::NfcPeerToken::from_token(made.token);
      nfc_tag = wsc::build_password_token(made.token);
      break;
    }
    case Scenario::NfcHandover: {
      // The NFC exchange: the station's request commits its key, the AP's select its own (the
      // AP's NFC key, made here; the AP builds the same select below). Each reads the other's.
      WPS_TRY_ASSIGN(auto req, proto::generate_password_token(nfc_rng, wsc::kHandoverDpid));
      WPS_TRY_ASSIGN(auto sel_key, proto::generate_password_token(nfc_rng, wsc::kHandoverDpid));
      sel_key.own.password.text.clear();
      ac.nfc_token = sel_key.own;
      nfc_tag = wsc::build_handover_request(req.token.public_key_hash, sc.uuid);
      nfc_select = wsc::build_handover_select(sel_key.token.public_key_hash, as_bytes(ac.ssid),
                                              ac.bssid, wsc::RfBand::Band24GHz,
                                              std::uint16_t{ac.channel});
      WPS_TRY_ASSIGN(auto read, wsc::read_token(*nfc_select));
      const auto* se = std::get_if<wsc::HandoverSelect>(&read.body);
      if (!se) return unexpected(Errc::AttrMissing);
      sc.nfc_handover.emplace();
      sc.nfc_handover->request_private = req.own.dh_private;
      sc.nfc_handover->select_hash = se->public_key_hash;
      break;
    }
    case Scenario::NfcConfigToken: {
      // hostapd's wps_nfc_config_token: the network, the AP's address; the station reads it.
      wsc::Credential net;
      net.ssid = to_bytes(ac.ssid);
      net.network_key = crypto::to_secret(as_bytes(ac.passphrase));
      nfc_tag = wsc::build_config_token(net, wsc::RfBand::Band24GHz, std::nullopt, ac.bssid);
      WPS_TRY_ASSIGN(auto read, wsc::read_token(nfc_tag));
      const auto* ct = std::get_if<wsc::ConfigToken>(&read.body);
      if (!ct || ct->credentials.empty()) return unexpected(Errc::AttrMissing);
      sc.credential = ct->credentials.front();
      break;
    }
    default: break;
  }

  SimConfig simcfg;
  simcfg.seed = cfg.seed;
  simcfg.faults = cfg.faults;
  simcfg.arq = cfg.arq;
  Simulator sim(simcfg);
  // The station starts after the AP's second beacon (t = 150 ms).
  StationNode sta("STA", std::move(sc), sta_rng, cfg.pmk_cache, TimePoint::from_ns(150'000'000),
                  [&c](roles::Event e, TimePoint now) {
                    c.now = now;
                    c.take(std::move(e));
                  });
  ApNode ap(std::move(ac), ap_rng, cfg.pmk_cache, c, sta);
  switch (cfg.scenario) {
    case Scenario::LatePin: ap.enter_pin_at(cfg.pin, TimePoint::from_ns(1'000'000'000)); break;
    case Scenario::StaleCredential:
    case Scenario::NfcApToken:
    case Scenario::NfcConfigToken: break;
    case Scenario::NfcPasswordToken:
    case Scenario::NfcWrongKey: ap.read_nfc_token(*tag_at_ap); break;
    case Scenario::NfcHandover: {
      WPS_TRY_ASSIGN(auto req, wsc::read_token(nfc_tag));
      const auto* r = std::get_if<wsc::HandoverRequest>(&req.body);
      if (!r) return unexpected(Errc::AttrMissing);
      ap.ap().report_handover(*r, TimePoint{});
      // The select the station read is the one the AP gives for its key.
      if (ap.ap().handover_select(TimePoint{}) != *nfc_select) return unexpected(Errc::BadValue);
      break;
    }
    default: ap.enter_pin_now(ap_pin_for(cfg.scenario, cfg.pin)); break;
  }
  sim.add_node(ap);
  sim.add_node(sta);
  WPS_TRY_ASSIGN(auto stats, sim.run());

  const roles::StationResult& sr = sta.station().result();
  ScenarioResult r;
  r.scenario = cfg.scenario;
  r.seed = cfg.seed;
  r.connected = sr.connected && c.data_decrypted;
  r.credential = sr.credential;
  r.m2d_seen = c.m2d;
  r.wps_attempts = sr.wps_attempts;
  r.frames = sim.recorder().frames().size();
  r.end = stats.end;
  r.keylog = std::move(c.keylog);
  r.traces = std::move(c.traces);
  r.recorder = sim.recorder();
  r.sim_stats = stats;
  r.nfc_tag = std::move(nfc_tag);
  r.finished = stats.reason == StopReason::AllDone;
  if (r.connected) r.connected_at = c.decrypted_at;
  if (sr.credential && cfg.scenario != Scenario::StaleCredential) {
    const auto& cr = *sr.credential;
    r.wrong_credential =
        !(cr.ssid == to_bytes(cfg.ssid) &&
          crypto::ct_equal(crypto::view(cr.network_key), as_bytes(cfg.passphrase)));
  }
  if (r.connected) {
    r.outcome = "connected";
  } else if (c.handshake_failed) {
    const auto& h = *c.handshake_failed;
    int n = h.message == wpa2::KeyMessage::Pairwise2   ? 2
            : h.message == wpa2::KeyMessage::Pairwise4 ? 4
            : h.message == wpa2::KeyMessage::Pairwise3 ? 3
                                                       : 1;
    r.failed_at = "4-way message " + std::to_string(n);
    r.failure_reason = std::string(to_string(h.reason));
    r.outcome = std::string("4-way handshake failed: ") + std::string(to_string(h.reason)) +
                " (wrong passphrase?)";
  } else if (sr.wps_failure) {
    const auto& f = *sr.wps_failure;
    r.failed_at = std::string(wsc::msg_type_name(f.at));
    r.failure_reason = std::string(to_string(f.reason));
    r.config_error = f.config_error;
    r.outcome = std::string("WPS failed: ") + std::string(to_string(f.reason));
  } else if (sr.connect_failure) {
    // 802.11 authentication / association did not succeed: the AP refused (status), sent a
    // deauthentication (reason), or never answered the MLME's tries.
    const auto& cf = *sr.connect_failure;
    const bool auth = cf.stage == dot11::ConnectStage::Authentication;
    r.failed_at = auth ? "authentication" : "association";
    r.failure_reason = std::string(auth ? "authentication" : "association") +
                       (cf.status   ? "_refused"
                        : cf.reason ? "_deauthenticated"
                                    : "_timeout");
    r.outcome = "not connected: " + r.failure_reason;
    if (cf.status) r.outcome += " (status " + std::to_string(static_cast<int>(*cf.status)) + ")";
    if (cf.reason) r.outcome += " (reason " + std::to_string(static_cast<int>(*cf.reason)) + ")";
  } else if (sr.connected && sr.data_sent) {
    // The station holds its keys and sent its first protected frame, which the AP never
    // decrypted (lost or damaged on the air; nothing retransmits it on the ideal channel).
    r.failed_at = "data";
    r.outcome = "connected, but the AP did not receive the first protected data frame";
    r.failure_reason = "data_not_received";
  } else {
    r.failed_at = sr.failed_step.empty() ? "unknown" : sr.failed_step;
    r.outcome = "not connected";
    r.failure_reason = "not_connected";
  }
  return r;
}

}  // namespace wps::sim
