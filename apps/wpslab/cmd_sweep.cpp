// `wpslab sweep [SCENARIO] --seeds N --loss P [--json]`: runs a scenario for seeds 1..N on a
// lossy 802.11 channel (random loss P per transmission attempt, ACKs and MAC retransmissions)
// and prints what happened over all runs: connected share, failures by reason and by step,
// wrong credentials, hangs (runs that neither connected nor failed before the simulator's
// horizon) and the virtual time to connect (median, p99).
//
// The simulator stays single-threaded and deterministic: the sweep hands whole seeds to worker
// threads (one per core by default), and every seed is reproducible alone with
// `wpslab run SCENARIO --seed N --loss P`. The result does not depend on the number of threads.
//
// Exit codes: 0 no wrong credential and no hang; 2 at least one of them; 1 usage or internal
// error.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "apps/wpslab/commands.hpp"
#include "apps/wpslab/stats.hpp"
#include "sim/scenario.hpp"
#include "wpa2/keys.hpp"

namespace wpslab {
namespace {

struct SweepOptions {
  std::string scenario = "sta-pin";
  std::uint64_t seeds = 1000;
  std::uint64_t first_seed = 1;
  double loss = 0.1;
  unsigned jobs = 0;  // 0 = one per core
  bool json = false;
};

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "wpslab sweep: %s\n", msg.c_str());
  return 1;
}

/// What one seed gave (a ScenarioResult without its recording).
struct Outcome {
  bool ran = false;
  bool connected = false;
  bool finished = false;
  bool wrong_credential = false;
  double connect_s = 0;
  std::string reason;
  std::string step;
  std::uint64_t retries = 0;
  std::uint64_t lost = 0;
  std::string error;  // the simulator itself failed (a bug)
};

int sweep(const SweepOptions& o) {
  using namespace wps;
  auto scenario = sim::parse_scenario(o.scenario);
  if (!scenario) {
    std::string names;
    for (auto n : sim::scenario_names()) names += (names.empty() ? "" : ", ") + std::string(n);
    return usage_error("unknown scenario '" + o.scenario + "' (one of: " + names + ")");
  }
  if (o.seeds == 0) return usage_error("--seeds must be at least 1");
  if (!(o.loss >= 0.0 && o.loss <= 1.0)) return usage_error("--loss must be 0..1");
  unsigned jobs = o.jobs != 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::uint64_t>(jobs, o.seeds));

  std::vector<Outcome> out(o.seeds);
  std::atomic<std::uint64_t> next{0}, done{0};
  const bool bar = ::isatty(STDERR_FILENO) != 0;
  std::mutex bar_mutex;
  auto worker = [&] {
    wpa2::PmkCache pmks(4);  // PBKDF2 once per thread, not per run
    for (;;) {
      const std::uint64_t i = next.fetch_add(1);
      if (i >= o.seeds) return;
      sim::ScenarioConfig cfg;
      cfg.scenario = *scenario;
      cfg.seed = o.first_seed + i;
      cfg.faults.loss_ppm = static_cast<std::uint32_t>(o.loss * 1e6 + 0.5);
      cfg.arq.enabled = true;
      cfg.pmk_cache = &pmks;
      Outcome& x = out[i];
      auto r = sim::run_scenario(cfg);
      x.ran = true;
      if (!r) {
        x.error = describe(r.error());
      } else {
        x.connected = r->connected;
        x.finished = r->finished;
        x.wrong_credential = r->wrong_credential;
        if (r->connected_at) x.connect_s = r->connected_at->seconds();
        x.reason = r->failure_reason;
        x.step = r->failed_at;
        x.retries = r->sim_stats.retries;
        x.lost = r->sim_stats.lost;
      }
      const std::uint64_t n = done.fetch_add(1) + 1;
      if (bar && (n % 10 == 0 || n == o.seeds)) {
        std::lock_guard<std::mutex> lock(bar_mutex);
        const auto width = 40u;
        const auto filled = static_cast<unsigned>(n * width / o.seeds);
        std::fprintf(stderr, "\r[%s%s] %llu/%llu", std::string(filled, '#').c_str(),
                     std::string(width - filled, '.').c_str(), static_cast<unsigned long long>(n),
                     static_cast<unsigned long long>(o.seeds));
        std::fflush(stderr);
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  if (bar) std::fprintf(stderr, "\r%60s\r", "");

  std::uint64_t connected = 0, wrong = 0, hangs = 0, retries = 0, lost = 0;
  std::map<std::string, std::uint64_t> by_reason, by_step;
  std::vector<double> times;
  std::vector<std::uint64_t> hang_seeds, wrong_seeds;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const Outcome& x = out[i];
    if (!x.error.empty()) {
      std::fprintf(stderr, "wpslab sweep: seed %llu: simulation failed: %s\n",
                   static_cast<unsigned long long>(o.first_seed + i), x.error.c_str());
      return 1;
    }
    retries += x.retries;
    lost += x.lost;
    if (x.wrong_credential) {
      ++wrong;
      wrong_seeds.push_back(o.first_seed + i);
    }
    if (x.connected) {
      ++connected;
      times.push_back(x.connect_s);
      continue;
    }
    if (!x.finished) {
      ++hangs;
      hang_seeds.push_back(o.first_seed + i);
      continue;
    }
    ++by_reason[x.reason];
    ++by_step[x.step.empty() ? "unknown" : x.step];
  }
  std::sort(times.begin(), times.end());
  const double median = percentile(times, 50), p99 = percentile(times, 99);
  const double ratio = static_cast<double>(connected) / static_cast<double>(o.seeds);

  if (o.json) {
    nlohmann::json j;
    j["scenario"] = o.scenario;
    j["loss"] = o.loss;
    j["first_seed"] = o.first_seed;
    j["runs"] = o.seeds;
    j["connected"] = connected;
    j["connected_ratio"] = ratio;
    j["wrong_credentials"] = wrong;
    j["hangs"] = hangs;
    j["failures"] = nlohmann::json::object();
    for (const auto& [k, v] : by_reason) j["failures"][k] = v;
    j["failures_by_step"] = nlohmann::json::object();
    for (const auto& [k, v] : by_step) j["failures_by_step"][k] = v;
    j["connect_time_s"] = {{"median", median}, {"p99", p99}};
    j["mac_retries"] = retries;
    j["lost_transmissions"] = lost;
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::printf("sweep: %s, seeds %llu..%llu, loss %.3g per transmission attempt (802.11 ACKs, "
                "up to 7 MAC retries)\n",
                o.scenario.c_str(), static_cast<unsigned long long>(o.first_seed),
                static_cast<unsigned long long>(o.first_seed + o.seeds - 1), o.loss);
    std::printf("connected: %llu of %llu (%.2f %%)\n", static_cast<unsigned long long>(connected),
                static_cast<unsigned long long>(o.seeds), 100.0 * ratio);
    std::printf("wrong credentials: %llu\n", static_cast<unsigned long long>(wrong));
    std::printf("hangs: %llu\n", static_cast<unsigned long long>(hangs));
    if (by_reason.empty()) {
      std::printf("failures: none\n");
    } else {
      std::printf("failures by reason:\n");
      for (const auto& [k, v] : by_reason)
        std::printf("  %-28s %llu\n", k.c_str(), static_cast<unsigned long long>(v));
      std::printf("failures by step:\n");
      for (const auto& [k, v] : by_step)
        std::printf("  %-28s %llu\n", k.c_str(), static_cast<unsigned long long>(v));
    }
    if (!times.empty()) {
      std::printf("time to connect (virtual): median %.3f s, p99 %.3f s\n", median, p99);
    }
    std::printf("MAC retransmissions: %llu, transmissions lost: %llu\n",
                static_cast<unsigned long long>(retries), static_cast<unsigned long long>(lost));
    for (auto s : hang_seeds)
      std::printf("hang: seed %llu (wpslab run %s --seed %llu --loss %g)\n",
                  static_cast<unsigned long long>(s), o.scenario.c_str(),
                  static_cast<unsigned long long>(s), o.loss);
    for (auto s : wrong_seeds)
      std::printf("wrong credential: seed %llu\n", static_cast<unsigned long long>(s));
  }
  return wrong == 0 && hangs == 0 ? 0 : 2;
}

}  // namespace

void register_sweep(CLI::App& app) {
  static SweepOptions o;
  auto* cmd = app.add_subcommand(
      "sweep",
      "Run a scenario for many seeds on a lossy 802.11 channel and summarise the outcomes");
  cmd->add_option("SCENARIO", o.scenario,
                  "sta-pin (default), late-pin, wrong-pin, wrong-pin2, stale-credential");
  cmd->add_option("--seeds", o.seeds, "number of seeds to run (seeds FIRST..FIRST+N-1)")
      ->capture_default_str();
  cmd->add_option("--first-seed", o.first_seed, "first seed")->capture_default_str();
  cmd->add_option("--loss", o.loss, "random loss per transmission attempt, 0..1")
      ->capture_default_str();
  cmd->add_option("--jobs", o.jobs, "worker threads (default: one per core)");
  cmd->add_flag("--json", o.json, "print one JSON object");
  add_command(cmd, [] { return sweep(o); });
}

}  // namespace wpslab
