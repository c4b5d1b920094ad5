// `wpslab run [SCENARIO]`: an AP and a station on the deterministic simulated radio, the whole
// connection from the first beacon to the first protected data frame. Writes the sniffer log
// (pcap), prints the sequence diagram (by default the explained ladder of `wpslab analyze`) and a
// one-line outcome.
//
// Exit codes: 0 the station ended connected with keys installed; 2 the scenario ended without a
// connection (wrong PIN, stale credential, ...); 1 usage or internal error.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "analyzer/ladder.hpp"
#include "analyzer/report.hpp"
#include "apps/wpslab/commands.hpp"
#include "apps/wpslab/run_attacks.hpp"
#include "apps/wpslab/run_crowd.hpp"
#include "sim/scenario.hpp"
#include "wpa2/keys.hpp"
#include "wps/pin.hpp"
#include "wsc/nfc.hpp"

namespace wpslab {
namespace {

namespace fs = std::filesystem;

struct RunOptions {
  std::string scenario = "sta-pin";
  std::string pin = "12345670";
  std::string ssid = "wpslab";
  std::string passphrase = "wpslab-passphrase";
  std::uint64_t seed = 1;
  std::string pcap;  // default wpslab-<scenario>.pcap
  std::string keylog;
  std::string diagram = "explained";
  std::string linktype = "radiotap";
  std::size_t fragment_size = 1400;
  bool json = false;
  bool trace = false;
  double loss = -1.0;  // --loss (negative: not given): loss per transmission attempt, with ARQ
  // AP-PIN family
  bool learn = false;
  std::string new_ssid;
  std::string new_passphrase;
  int wrong_half = 1;
  std::string enrollee_nonces = "secure";
  BruteForceOptions bf;  // brute-force
  CrowdOptions crowd;    // crowd (stations, shares, stagger)
};

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "wpslab run: %s\n", msg.c_str());
  return 1;
}

/// Writes `text` to `path` atomically: a temporary file next to it, renamed on success.
bool write_atomically(const fs::path& path, const std::string& text, std::string& err) {
  fs::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      err = "cannot write " + path.string();
      return false;
    }
    out << text;
    out.flush();
    if (!out) {
      err = "cannot write " + path.string();
      std::error_code ec;
      fs::remove(tmp, ec);
      return false;
    }
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    err = "cannot write " + path.string();
    return false;
  }
  return true;
}

/// Checks that a file can be created at `path` without leaving anything behind.
bool writable(const fs::path& path) {
  fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  return fs::is_directory(dir) && ::access(dir.c_str(), W_OK) == 0 &&
         !(fs::exists(path) && fs::is_directory(path));
}

int run(const RunOptions& o) {
  using namespace wps;
  if (o.scenario == "brute-force") {
    BruteForceOptions bf = o.bf;
    bf.seed = o.seed;
    bf.json = o.json;
    return run_brute_force_lab(bf);
  }
  if (o.scenario == "crowd") {
    CrowdOptions c = o.crowd;
    c.seed = o.seed;
    c.loss = o.loss;
    c.ssid = o.ssid;
    c.passphrase = o.passphrase;
    c.pcap = o.pcap;
    c.json = o.json;
    return run_crowd_lab(c);
  }
  auto scenario = sim::parse_scenario(o.scenario);
  if (!scenario) {
    std::string names;
    for (auto n : sim::scenario_names()) names += (names.empty() ? "" : ", ") + std::string(n);
    return usage_error("unknown scenario '" + o.scenario + "' (one of: " + names + ")");
  }
  if (auto c = proto::check_pin(o.pin); !c.ok()) {
    return usage_error("invalid --pin " + o.pin + ": " + c.reason);
  }
  if (o.ssid.empty() || o.ssid.size() > 32) {
    return usage_error("--ssid must have 1..32 octets (got " + std::to_string(o.ssid.size()) + ")");
  }
  if (!wpa2::validate_passphrase(as_bytes(o.passphrase)) || o.passphrase.size() > 63) {
    return usage_error("--passphrase must be 8..63 printable ASCII characters (got " +
                       std::to_string(o.passphrase.size()) + ")");
  }
  if (o.diagram != "explained" && o.diagram != "text" && o.diagram != "mermaid" &&
      o.diagram != "none") {
    return usage_error("--diagram must be explained, text, mermaid or none");
  }
  wps::pcap::Linktype lt = wps::pcap::Linktype::Radiotap;
  if (o.linktype == "ethernet") {
    lt = wps::pcap::Linktype::Ethernet;
  } else if (o.linktype != "radiotap") {
    return usage_error("--linktype must be radiotap or ethernet");
  }
  if (o.fragment_size < 8 || o.fragment_size > 50000) {
    return usage_error("--fragment-size must be 8..50000");
  }
  bool push = !o.new_ssid.empty() || !o.new_passphrase.empty();
  if (push) {
    if (*scenario != sim::Scenario::ApPin) {
      return usage_error("--new-ssid/--new-passphrase apply to the ap-pin scenario");
    }
    if (o.learn) return usage_error("--learn and --new-ssid/--new-passphrase exclude each other");
    if (o.new_ssid.empty() || o.new_ssid.size() > 32) {
      return usage_error("--new-ssid must have 1..32 octets (and goes with --new-passphrase)");
    }
    if (!wpa2::validate_passphrase(as_bytes(o.new_passphrase)) || o.new_passphrase.size() > 63) {
      return usage_error("--new-passphrase must be 8..63 printable ASCII characters");
    }
  }
  auto nonces = proto::parse_nonce_profile(o.enrollee_nonces);
  if (!nonces) return usage_error("--enrollee-nonces must be secure, zero or prng");
  if (o.wrong_half != 1 && o.wrong_half != 2) return usage_error("--wrong-half must be 1 or 2");
  fs::path pcap_path = o.pcap.empty() ? fs::path("wpslab-" + o.scenario + ".pcap")
                                      : fs::path(o.pcap);
  if (!writable(pcap_path)) return usage_error("cannot write " + pcap_path.string());
  if (!o.keylog.empty() && !writable(o.keylog)) return usage_error("cannot write " + o.keylog);

  sim::ScenarioConfig cfg;
  cfg.scenario = *scenario;
  cfg.pin = o.pin;
  cfg.ssid = o.ssid;
  cfg.passphrase = o.passphrase;
  cfg.seed = o.seed;
  cfg.fragment_size = o.fragment_size;
  cfg.keylog = !o.keylog.empty();
  cfg.trace = o.trace;
  const bool lossy = o.loss != -1.0;
  if (lossy) {
    if (!(o.loss >= 0.0 && o.loss <= 1.0)) return usage_error("--loss must be 0..1");
    cfg.faults.loss_ppm = static_cast<std::uint32_t>(o.loss * 1e6 + 0.5);
    cfg.arq.enabled = true;  // a lossy channel is an 802.11 one: ACKs and retransmissions
  }
  if (push) {
    cfg.new_ssid = o.new_ssid;
    cfg.new_passphrase = o.new_passphrase;
  }
  cfg.wrong_half = o.wrong_half;
  cfg.enrollee_nonces = *nonces;
  auto res = sim::run_scenario(cfg);
  if (!res) return usage_error("simulation failed: " + describe(res.error()));
  const auto& r = *res;

  if (auto w = r.recorder.write_pcap(pcap_path, lt); !w) {
    return usage_error("cannot write " + pcap_path.string() + ": " + describe(w.error()));
  }
  if (!o.keylog.empty()) {
    std::string text = "# wpslab key log: LABEL <enrollee-mac> <hex>, scenario " + o.scenario +
                       ", seed " + std::to_string(o.seed) + "\n";
    for (const auto& k : r.keylog) text += k.label + " " + k.enrollee.str() + " " + k.hex + "\n";
    std::string err;
    if (!write_atomically(o.keylog, text, err)) return usage_error(err);
  }

  for (const auto& t : r.traces) {
    std::fprintf(stderr, "%12.6f %-10.*s %-6.*s %s%s%s\n", t.at.seconds(),
                 static_cast<int>(t.source.size()), t.source.data(),
                 static_cast<int>(t.kind.size()), t.kind.data(), t.from.c_str(),
                 t.to.empty() ? "" : " -> ", t.to.c_str());
  }
  if (o.json) {
    nlohmann::json j;
    j["scenario"] = o.scenario;
    j["seed"] = o.seed;
    j["outcome"] = r.connected ? "connected" : r.outcome;
    j["connected"] = r.connected;
    j["failed_at"] = r.failed_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.failed_at);
    j["config_error"] = r.config_error ? nlohmann::json(static_cast<int>(*r.config_error))
                                       : nlohmann::json(nullptr);
    if (r.credential) {
      j["credential"] = {{"ssid", std::string(as_chars(r.credential->ssid))},
                         {"passphrase", std::string(r.credential->network_key.begin(),
                                                    r.credential->network_key.end())}};
    } else {
      j["credential"] = nullptr;
    }
    j["m2d_seen"] = r.m2d_seen;
    j["wps_attempts"] = r.wps_attempts;
    j["frames"] = r.frames;
    j["virtual_duration_s"] = r.end.seconds();
    if (lossy) {
      j["loss"] = o.loss;
      j["retries"] = r.sim_stats.retries;
      j["acks"] = r.sim_stats.acks;
      j["lost"] = r.sim_stats.lost;
    }
    j["nfc_tag"] = r.nfc_tag.empty() ? nlohmann::json(nullptr)
                                     : nlohmann::json(to_hex_upper(wsc::ndef_wrap(r.nfc_tag)));
    j["pcap"] = pcap_path.string();
    std::printf("%s\n", j.dump().c_str());
  } else {
    if (o.diagram == "explained") {
      // The ladder `wpslab analyze` prints, each step with its purpose (one renderer for both).
      auto a = analyzer::analyze_capture(pcap_path);
      if (!a) return usage_error("cannot draw the diagram: " + describe(a.error()));
      for (std::size_t i = 0; i < a->selected.size(); ++i) {
        std::string d = analyzer::render_explained_ladder(a->session(i), a->diagnoses[i]);
        std::fwrite(d.data(), 1, d.size(), stdout);
        std::printf("\n");
      }
    } else if (o.diagram != "none") {
      auto rows = analyzer::ladder_from_capture(pcap_path);
      if (!rows) return usage_error("cannot draw the diagram: " + describe(rows.error()));
      std::string d = o.diagram == "mermaid" ? analyzer::render_mermaid(*rows)
                                             : analyzer::render_text(*rows);
      std::fwrite(d.data(), 1, d.size(), stdout);
      std::printf("\n");
    }
    std::printf("sniffer log: %s (%zu frames, %s), seed %llu\n", pcap_path.string().c_str(),
                r.frames,
                lt == wps::pcap::Linktype::Ethernet ? "Ethernet, EAPOL only" : "radiotap + 802.11",
                static_cast<unsigned long long>(o.seed));
    if (!r.nfc_tag.empty()) {
      std::printf("NFC tag tapped (NDEF): %s\n", to_hex_upper(wsc::ndef_wrap(r.nfc_tag)).c_str());
    }
    if (r.credential) {
      std::printf(
          "credential: SSID \"%s\", passphrase \"%s\"\n",
          std::string(as_chars(r.credential->ssid)).c_str(),
          std::string(r.credential->network_key.begin(), r.credential->network_key.end()).c_str());
    }
    if (r.connected && r.wps_attempts == 0) {
      std::printf("outcome: connected — %s joined \"%s\" with WPA2-PSK with the credential of the "
                  "NFC configuration token, without a WPS registration (%.3f s virtual)\n",
                  "02:00:00:00:0b:01", std::string(as_chars(r.credential->ssid)).c_str(),
                  r.end.seconds());
    } else if (r.connected) {
      std::string joined = r.credential ? std::string(as_chars(r.credential->ssid)) : o.ssid;
      std::printf("outcome: connected — %s joined \"%s\" with WPA2-PSK after %d WPS attempt%s%s "
                  "(%.3f s virtual)\n",
                  "02:00:00:00:0b:01", joined.c_str(), r.wps_attempts,
                  r.wps_attempts == 1 ? "" : "s", r.m2d_seen ? ", M2D first" : "", r.end.seconds());
    } else {
      std::string ce = r.config_error ? fmt::format(", configuration error {} ({})",
                                                    static_cast<int>(*r.config_error),
                                                    wsc::config_error_name(*r.config_error))
                                      : "";
      std::printf("outcome: not connected — ended at %s: %s%s\n", r.failed_at.c_str(),
                  r.outcome.c_str(), ce.c_str());
    }
  }
  return r.connected ? 0 : 2;
}

}  // namespace

std::vector<std::string> run_scenario_names() {
  std::vector<std::string> out;
  for (auto n : wps::sim::scenario_names()) out.emplace_back(n);
  out.emplace_back("crowd");        // N stations and one AP (run_crowd.cpp)
  out.emplace_back("brute-force");  // the attack lab (run_attacks.cpp), not a radio scenario
  return out;
}

void register_run(CLI::App& app) {
  static RunOptions o;
  auto* run_cmd = app.add_subcommand(
      "run", "Run a WPS scenario on the simulated radio: pcap, sequence diagram, outcome");
  run_cmd->add_option("SCENARIO", o.scenario, "the scenario to run (default sta-pin)");
  std::string names;
  for (const auto& n : run_scenario_names()) names += (names.empty() ? "" : ", ") + n;
  run_cmd->footer("Scenarios: " + names + ".");
  run_cmd
      ->add_option("--pin", o.pin,
                   "PIN of the station (ap-pin*: the AP PIN the station enters; 8 digits with "
                   "checksum, or 4)")
      ->capture_default_str();
  run_cmd->add_option("--ssid", o.ssid, "SSID of the AP")->capture_default_str();
  run_cmd->add_option("--passphrase", o.passphrase, "WPA2 passphrase of the AP (8..63 chars)")
      ->capture_default_str();
  run_cmd->add_option("--seed", o.seed, "seed of every random draw (same seed, same bytes)")
      ->capture_default_str();
  run_cmd->add_option("--pcap", o.pcap, "sniffer log to write (default wpslab-SCENARIO.pcap)");
  run_cmd->add_option("--keylog", o.keylog,
                      "write every key and nonce (LABEL <enrollee-mac> <hex>) to this file");
  run_cmd
      ->add_option("--diagram", o.diagram,
                   "explained (the ladder with each step's purpose), text (the plain ladder), "
                   "mermaid or none")
      ->capture_default_str();
  run_cmd
      ->add_option("--linktype", o.linktype, "radiotap (802.11, default) or ethernet (EAPOL only)")
      ->capture_default_str();
  run_cmd->add_option("--fragment-size", o.fragment_size, "EAP-WSC fragment size of both sides")
      ->capture_default_str();
  run_cmd->add_option("--loss", o.loss,
                      "random loss per transmission attempt, 0..1; turns on 802.11 ACKs and "
                      "MAC retransmissions (up to 7, Retry bit) in the medium");
  run_cmd->add_flag("--learn", o.learn,
                    "ap-pin: learn the AP's settings from M7 (WSC_NACK after M7; the default)");
  run_cmd->add_option("--new-ssid", o.new_ssid, "ap-pin: push this SSID to the AP in M8");
  run_cmd->add_option("--new-passphrase", o.new_passphrase,
                      "ap-pin: push this passphrase to the AP in M8");
  run_cmd
      ->add_option("--wrong-half", o.wrong_half,
                   "ap-pin-wrong: which half of the AP's PIN differs (1 or 2)")
      ->capture_default_str();
  run_cmd
      ->add_option("--enrollee-nonces", o.enrollee_nonces,
                   "Pixie Dust lab: the enrollee's E-S1/E-S2: secure, zero (Ralink/MediaTek "
                   "class) or prng (Realtek RTL819x class: time-seeded glibc random)")
      ->capture_default_str();
  run_cmd->add_option("--ap-pin", o.bf.ap_pin, "brute-force: the AP's PIN")->capture_default_str();
  run_cmd->add_option("--lock", o.bf.lock, "brute-force: the AP's lock policy, hostapd or none")
      ->capture_default_str();
  run_cmd->add_option("--delay", o.bf.delay_s, "brute-force: attacker's seconds between attempts")
      ->capture_default_str();
  run_cmd
      ->add_option("--lock-wait", o.bf.lock_wait_s,
                   "brute-force: attacker's seconds of waiting when the AP is locked")
      ->capture_default_str();
  run_cmd
      ->add_option("--ap-dh-time", o.bf.ap_dh_s,
                   "brute-force: AP's seconds per DH operation (slow router ~1)")
      ->capture_default_str();
  run_cmd->add_option("--ap-msg-time", o.bf.ap_msg_s, "brute-force: AP's seconds per other message")
      ->capture_default_str();
  run_cmd
      ->add_option("--horizon", o.bf.horizon_h,
                   "brute-force: give up after this many virtual hours")
      ->capture_default_str();
  run_cmd
      ->add_option("--first-half-start", o.bf.first_start,
                   "brute-force: first half (0..9999) the guessing starts at")
      ->capture_default_str();
  run_cmd
      ->add_option("--stations", o.crowd.stations,
                   "crowd: stations, each with its own PIN (1..2007)")
      ->capture_default_str();
  run_cmd
      ->add_option("--wrong-share", o.crowd.wrong_share,
                   "crowd: share of stations whose PIN the AP holds wrongly (first or second "
                   "half)")
      ->capture_default_str();
  run_cmd
      ->add_option("--late-share", o.crowd.late_share,
                   "crowd: share of stations whose PIN is entered 1 s after they start")
      ->capture_default_str();
  run_cmd->add_option("--stagger", o.crowd.stagger_ms, "crowd: milliseconds between two starts")
      ->capture_default_str();
  run_cmd
      ->add_option("--rate", o.crowd.rate_mbps,
                   "crowd: the medium's rate in Mb/s (1: 2.4 GHz basic rate; 6: 5 GHz)")
      ->capture_default_str();
  run_cmd->add_flag("--json", o.json, "print one JSON object instead of the diagram");
  run_cmd->add_flag("--trace", o.trace, "print the engines' state changes and checks to stderr");
  add_command(run_cmd, [] { return run(o); });
}

}  // namespace wpslab
