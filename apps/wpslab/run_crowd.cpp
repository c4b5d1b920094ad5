#include "apps/wpslab/run_crowd.hpp"
#include "apps/wpslab/stats.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "sim/crowd.hpp"
#include "wpa2/keys.hpp"

namespace wpslab {
namespace {

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "wpslab run crowd: %s\n", msg.c_str());
  return 1;
}

double secs(wps::Duration d) {
  return std::chrono::duration<double>(d).count();
}

std::string_view kind_text(wps::sim::CrowdKind k) {
  using wps::sim::CrowdKind;
  switch (k) {
    case CrowdKind::OnTime: return "PIN in the AP before the station starts";
    case CrowdKind::Late: return "PIN entered 1 s after the station starts";
    case CrowdKind::WrongFirst: return "AP holds a PIN with another first half";
    case CrowdKind::WrongSecond: return "AP holds a PIN with another second half";
  }
  return "?";
}

std::string_view expected_text(wps::sim::CrowdKind k) {
  using wps::sim::CrowdKind;
  switch (k) {
    case CrowdKind::OnTime: return "connected";
    case CrowdKind::Late: return "connected (M2D first)";
    case CrowdKind::WrongFirst: return "WSC_NACK error 18 at M4";
    case CrowdKind::WrongSecond: return "WSC_NACK error 18 at M6";
  }
  return "?";
}

}  // namespace

int run_crowd_lab(const CrowdOptions& o) {
  using namespace wps;
  if (o.stations < 1 || o.stations > sim::kMaxCrowd) {
    return usage_error("--stations must be 1.." + std::to_string(sim::kMaxCrowd) +
                       " (association IDs of one AP)");
  }
  if (!(o.wrong_share >= 0 && o.wrong_share <= 1)) return usage_error("--wrong-share must be 0..1");
  if (!(o.late_share >= 0 && o.late_share <= 1)) return usage_error("--late-share must be 0..1");
  if (o.wrong_share + o.late_share > 1) {
    return usage_error("--wrong-share and --late-share add up to more than 1");
  }
  if (!(o.stagger_ms >= 0 && o.stagger_ms <= 60'000)) {
    return usage_error("--stagger must be 0..60000 ms");
  }
  if (o.ssid.empty() || o.ssid.size() > 32) return usage_error("--ssid must have 1..32 octets");
  if (!wpa2::validate_passphrase(as_bytes(o.passphrase)) || o.passphrase.size() > 63) {
    return usage_error("--passphrase must be 8..63 printable ASCII characters");
  }
  sim::CrowdConfig cfg;
  cfg.stations = o.stations;
  cfg.seed = o.seed;
  cfg.wrong_share = o.wrong_share;
  cfg.late_share = o.late_share;
  cfg.stagger = Duration(static_cast<std::int64_t>(o.stagger_ms * 1e6 + 0.5));
  cfg.ssid = o.ssid;
  cfg.passphrase = o.passphrase;
  {
    const double half_mbps = o.rate_mbps * 2;
    if (!(half_mbps >= 1 && half_mbps <= 254) || half_mbps != std::floor(half_mbps)) {
      return usage_error("--rate must be a multiple of 0.5 Mb/s, 0.5..127");
    }
    cfg.rate_500kbps = static_cast<std::uint8_t>(half_mbps);
  }
  const bool lossy = o.loss != -1.0;
  if (lossy) {
    if (!(o.loss >= 0.0 && o.loss <= 1.0)) return usage_error("--loss must be 0..1");
    cfg.faults.loss_ppm = static_cast<std::uint32_t>(o.loss * 1e6 + 0.5);
    cfg.arq.enabled = true;
  }
  wpa2::PmkCache cache;
  cfg.pmk_cache = &cache;
  const std::string pcap_path = o.pcap.empty() ? "wpslab-crowd.pcap" : o.pcap;

  auto res = sim::run_crowd(cfg);
  if (!res) return usage_error("simulation failed: " + describe(res.error()));
  const sim::CrowdResult& r = *res;
  if (auto w = r.recorder.write_pcap(pcap_path); !w) {
    return usage_error("cannot write " + pcap_path + ": " + describe(w.error()));
  }

  // Per kind: how many, how many ended as expected; per outcome class: how many.
  struct KindRow {
    std::size_t n = 0, expected = 0;
  };
  std::map<sim::CrowdKind, KindRow> kinds;
  std::map<std::string, std::size_t> outcomes;
  std::vector<double> times;
  std::size_t connected = 0;
  for (const auto& s : r.stations) {
    KindRow& k = kinds[s.kind];
    ++k.n;
    if (s.as_expected) ++k.expected;
    ++outcomes[s.outcome];
    if (s.connected) ++connected;
    if (s.connect_time) times.push_back(secs(*s.connect_time));
  }
  std::sort(times.begin(), times.end());
  const double median = percentile(times, 50), p99 = percentile(times, 99);
  const bool ok = r.unexpected == 0 && r.wrong_credentials == 0 && r.hangs == 0;

  if (o.json) {
    nlohmann::json j;
    j["scenario"] = "crowd";
    j["seed"] = o.seed;
    j["stations"] = o.stations;
    j["connected"] = connected;
    j["as_expected"] = o.stations - r.unexpected;
    j["unexpected"] = r.unexpected;
    j["wrong_credentials"] = r.wrong_credentials;
    j["hangs"] = r.hangs;
    nlohmann::json by_kind = nlohmann::json::object();
    for (const auto& [k, row] : kinds) {
      by_kind[std::string(sim::to_string(k))] = {
          {"stations", row.n}, {"as_expected", row.expected}, {"expected", expected_text(k)}};
    }
    j["kinds"] = by_kind;
    j["outcomes"] = outcomes;
    j["connect_time_s"] = {{"median", median}, {"p99", p99}};
    j["rate_mbps"] = o.rate_mbps;
    j["frames"] = r.frames;
    j["virtual_duration_s"] = r.sim_stats.end.seconds();
    if (lossy) {
      j["loss"] = o.loss;
      j["retries"] = r.sim_stats.retries;
      j["lost"] = r.sim_stats.lost;
    }
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : r.stations) {
      list.push_back(
          {{"mac", s.mac.str()},
           {"kind", sim::to_string(s.kind)},
           {"start_s", s.start.seconds()},
           {"outcome", s.outcome},
           {"connected", s.connected},
           {"as_expected", s.as_expected},
           {"wps_attempts", s.wps_attempts},
           {"failed_at",
            s.failed_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.failed_at)},
           {"config_error", s.config_error ? nlohmann::json(static_cast<int>(*s.config_error))
                                           : nlohmann::json(nullptr)},
           {"connect_time_s",
            s.connect_time ? nlohmann::json(secs(*s.connect_time)) : nlohmann::json(nullptr)}});
    }
    j["station_list"] = list;
    j["pcap"] = pcap_path;
    std::printf("%s\n", j.dump().c_str());
    return ok ? 0 : 2;
  }

  std::printf("crowd: %zu stations, one AP, seed %llu; a station every %g ms from 0.15 s; each "
              "with its own PIN, bound to its UUID-E in the AP; %g Mb/s%s\n",
              o.stations, static_cast<unsigned long long>(o.seed), o.stagger_ms, o.rate_mbps,
              lossy ? fmt::format(", loss {} per transmission attempt", o.loss).c_str() : "");
  std::printf("\n%-14s %-42s %8s  %-26s %s\n", "kind", "", "stations", "expected end",
              "as expected");
  for (const auto& [k, row] : kinds) {
    std::printf("%-14s %-42s %8zu  %-26s %zu\n", std::string(sim::to_string(k)).c_str(),
                std::string(kind_text(k)).c_str(), row.n, std::string(expected_text(k)).c_str(),
                row.expected);
  }
  std::printf("\n%-70s %8s\n", "outcome", "stations");
  for (const auto& [name, count] : outcomes) std::printf("%-70s %8zu\n", name.c_str(), count);
  std::printf("\nconnected: %zu of %zu; wrong credentials: %zu; hangs: %zu; ended otherwise than "
              "their PIN predicts: %zu\n",
              connected, o.stations, r.wrong_credentials, r.hangs, r.unexpected);
  if (!times.empty()) {
    std::printf("time to connect (virtual, start to first protected data frame): median %.3f s, "
                "p99 %.3f s\n",
                median, p99);
  }
  std::size_t listed = 0;
  for (const auto& s : r.stations) {
    if (s.as_expected) continue;
    if (++listed > 20) {
      std::printf("  … %zu more (all in --json)\n", r.unexpected - 20);
      break;
    }
    std::printf("  %s (%s, started %.3f s): %s\n", s.mac.str().c_str(),
                std::string(sim::to_string(s.kind)).c_str(), s.start.seconds(), s.outcome.c_str());
  }
  std::printf("sniffer log: %s (%zu frames, radiotap + 802.11; %.3f s virtual)\n",
              pcap_path.c_str(), r.frames, r.sim_stats.end.seconds());
  std::printf("outcome: %s\n", ok ? "every station ended as its PIN predicts"
                                  : "some stations did not end as their PIN predicts");
  return ok ? 0 : 2;
}

}  // namespace wpslab
