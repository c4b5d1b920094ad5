// `wpslab bench registration`: runs BM_RegistrationVsFloor (a registration and the DH floor side
// by side in every iteration) and the separate BM_Registration / BM_DhFloor
// (bench/bench_registration.cpp), repeated and interleaved, and prints the median of the paired
// ratios — the figure checked against the target — and the ratio of the separate medians.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <sys/resource.h>

#include <ctime>

#include "apps/wpslab/commands.hpp"
#include "sim/crowd.hpp"
#include "sim/scenario.hpp"
#include "sim/station_farm.hpp"
#include "wpa2/keys.hpp"

#ifdef WPSLAB_HAVE_BENCH
#include <benchmark/benchmark.h>
#endif

namespace wpslab {

#ifdef WPSLAB_HAVE_BENCH
namespace {

/// Console output as usual; the median CPU time of each benchmark and the median of each
/// counter kept for the ratios.
class MedianReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& r : runs) {
      if (r.run_type == Run::RT_Aggregate && r.aggregate_name == "median") {
        medians[r.run_name.function_name] = r.GetAdjustedCPUTime();
        for (const auto& [name, c] : r.counters) {
          counters[r.run_name.function_name + "/" + name] = c.value;
        }
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }
  std::map<std::string, double> medians;
  std::map<std::string, double> counters;
};

/// `paired` reports a `ratio` counter measured side by side (the figure printed as the ratio);
/// a and b are the same two workloads benchmarked separately (their ratio of medians is printed
/// for reference).
int run_pair(const std::string& paired, const std::string& a, const std::string& b,
             const std::string& label, int repetitions) {
  std::vector<std::string> args = {
      "wpslab",
      "--benchmark_filter=^(" + paired + "|" + a + "|" + b + ")$",
      "--benchmark_repetitions=" + std::to_string(repetitions),
      "--benchmark_enable_random_interleaving=true",
      "--benchmark_report_aggregates_only=true",
      "--benchmark_min_time=0.1",
  };
  std::vector<char*> argv;
  for (auto& s : args) argv.push_back(s.data());
  int argc = static_cast<int>(argv.size());
  benchmark::Initialize(&argc, argv.data());
  MedianReporter rep;
  benchmark::RunSpecifiedBenchmarks(&rep);
  const std::string ratio_key = paired + "/ratio";
  if (!rep.medians.count(a) || !rep.medians.count(b) || rep.medians[b] <= 0 ||
      !rep.counters.count(ratio_key) || rep.counters[ratio_key] <= 0) {
    std::fprintf(stderr, "wpslab bench: benchmarks did not produce medians\n");
    return 1;
  }
  std::printf("separate medians: %s %.1f us, %s %.1f us, ratio %.3f\n", a.c_str(),
              rep.medians[a] / 1e3, b.c_str(), rep.medians[b] / 1e3,
              rep.medians[a] / rep.medians[b]);
  std::printf("%s ratio: %.3f\n", label.c_str(), rep.counters[ratio_key]);
  return 0;
}

}  // namespace
#endif

namespace {

double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

/// Complete simulated sta-pin connections (first beacon to the CCMP data frame), each with its
/// own seed (fresh DH keys and nonces), sharing one PMK cache as a real AP would: PBKDF2 runs
/// once for the SSID+passphrase, not once per connection.
int bench_run(int connections) {
  wps::wpa2::PmkCache cache;
  int connected = 0;
  double t0 = process_cpu_seconds();
  for (int i = 0; i < connections; ++i) {
    wps::sim::ScenarioConfig cfg;
    cfg.seed = static_cast<std::uint64_t>(1000 + i);
    cfg.pmk_cache = &cache;
    auto r = wps::sim::run_scenario(cfg);
    if (r && r->connected) ++connected;
  }
  double cpu = process_cpu_seconds() - t0;
  if (connected != connections) {
    std::fprintf(stderr, "wpslab bench run: only %d of %d connections succeeded\n", connected,
                 connections);
    return 1;
  }
  std::printf("connections: %d, CPU time: %.3f s, PBKDF2 computations: %llu\n", connections, cpu,
              static_cast<unsigned long long>(cache.misses()));
  std::printf("connections_per_core_second: %.1f\n", connections / cpu);
  return 0;
}

/// The process's peak resident set size so far, in bytes (getrusage: the kernel's account).
std::uint64_t peak_rss_bytes() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<std::uint64_t>(ru.ru_maxrss) * 1024u;
}

/// N idle stations held by simulated APs (sim/station_farm.hpp): the peak memory they add,
/// per station; then M stations connecting at once on one simulated AP (the crowd, all starting
/// together) against M connections one after the other, in connections per CPU-second.
int bench_stations(std::size_t stations, std::size_t at_once) {
  using namespace wps;
  wpa2::PmkCache cache;
  sim::FarmConfig fc;
  fc.stations = stations;
  fc.pmk_cache = &cache;
  auto farm = sim::StationFarm::create(fc);
  if (!farm) {
    std::fprintf(stderr, "wpslab bench stations: %s\n", describe(farm.error()).c_str());
    return 1;
  }
  // One station first: the code paths, the PMK and the allocator's arenas are warm, so the
  // baseline holds everything but the stations themselves.
  if (auto r = farm->join_next(); !r) {
    std::fprintf(stderr, "wpslab bench stations: %s\n", describe(r.error()).c_str());
    return 1;
  }
  const std::uint64_t base = peak_rss_bytes();
  const double t0 = process_cpu_seconds();
  for (std::size_t i = 1; i < stations; ++i) {
    if (auto r = farm->join_next(); !r) {
      std::fprintf(stderr, "wpslab bench stations: station %zu did not join: %s\n", i + 1,
                   describe(r.error()).c_str());
      return 1;
    }
  }
  const double cpu = process_cpu_seconds() - t0;
  const std::uint64_t peak = peak_rss_bytes();
  if (farm->keys_installed() != stations || farm->data_decrypted() != stations) {
    std::fprintf(stderr,
                 "wpslab bench stations: keys installed for %zu and data decrypted for %zu of "
                 "%zu stations\n",
                 farm->keys_installed(), farm->data_decrypted(), stations);
    return 1;
  }
  const double per =
      stations > 1 ? static_cast<double>(peak - base) / static_cast<double>(stations - 1) : 0.0;
  std::printf("idle stations: %zu on %zu simulated APs (at most 2007 each: the AID space), each "
              "associated, pairwise keys installed, first data frame decrypted\n",
              stations, farm->aps());
  std::printf("peak RSS: %.1f MiB before the stations, %.1f MiB with them; %.1f s CPU to join "
              "them\n",
              static_cast<double>(base) / 1048576.0, static_cast<double>(peak) / 1048576.0, cpu);
  std::printf("bytes_per_idle_station: %.0f\n", per);

  if (at_once == 0) return 0;
  // M connections one after the other (the single-station figure) ...
  double c0 = process_cpu_seconds();
  std::size_t single_ok = 0;
  for (std::size_t i = 0; i < at_once; ++i) {
    sim::ScenarioConfig cfg;
    cfg.seed = 1000 + i;
    cfg.pmk_cache = &cache;
    auto r = sim::run_scenario(cfg);
    if (r && r->connected) ++single_ok;
  }
  const double single_cpu = process_cpu_seconds() - c0;
  // ... and M stations starting together on one AP. 54 Mb/s (OFDM timing), so that the air is
  // not what limits them: at 6 Mb/s a thousand stations probing at once fill the channel with
  // probe responses (see docs/benchmarks.md).
  sim::CrowdConfig cc;
  cc.stations = at_once;
  cc.stagger = wps::Duration{0};
  cc.wrong_share = 0;
  cc.late_share = 0;
  cc.rate_500kbps = 108;
  cc.pmk_cache = &cache;
  c0 = process_cpu_seconds();
  auto crowd = sim::run_crowd(cc);
  const double crowd_cpu = process_cpu_seconds() - c0;
  if (!crowd) {
    std::fprintf(stderr, "wpslab bench stations: crowd: %s\n", describe(crowd.error()).c_str());
    return 1;
  }
  std::size_t crowd_ok = 0;
  for (const auto& st : crowd->stations) crowd_ok += st.connected ? 1 : 0;
  const double single_rate = static_cast<double>(single_ok) / single_cpu;
  const double crowd_rate = static_cast<double>(crowd_ok) / crowd_cpu;
  std::printf("one at a time: %zu of %zu connected, %.3f s CPU\n", single_ok, at_once, single_cpu);
  std::printf("all at once: %zu of %zu connected on one AP (54 Mb/s, %.1f s virtual), %.3f s CPU\n",
              crowd_ok, at_once, crowd->sim_stats.end.seconds(), crowd_cpu);
  std::printf("connections_per_core_second_single: %.1f\n", single_rate);
  std::printf("connections_per_core_second_at_once: %.1f\n", crowd_rate);
  std::printf("at_once_vs_single: %.2f\n", crowd_rate / single_rate);
  return 0;
}

}  // namespace

void register_bench(CLI::App& app) {
  auto* bench = app.add_subcommand("bench", "Run benchmarks and print their ratios");
  bench->require_subcommand(1);
  static int repetitions = 25;
  auto* reg = bench->add_subcommand(
      "registration", "One registration vs. the DH floor (2 keygens + 2 derivations)");
  reg->add_option("--repetitions", repetitions, "repetitions per benchmark (median taken)")
      ->capture_default_str()
      ->check(CLI::Range(3, 1000));
  static int connections = 300;
  auto* runb = bench->add_subcommand(
      "run", "Complete simulated STA-PIN connections per CPU-second (PBKDF2 cached)");
  runb->add_option("--connections", connections, "connections to run")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  add_command(runb, [] { return bench_run(connections); });
  static std::size_t idle_stations = 100000;
  static std::size_t at_once = 1000;
  auto* stab = bench->add_subcommand(
      "stations",
      "Memory per associated idle station (peak RSS), and connections per CPU-second with many "
      "stations connecting at once");
  stab->add_option("--stations", idle_stations, "idle stations to hold")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{2}, std::size_t{10'000'000}));
  stab->add_option("--connect-at-once", at_once,
                   "stations connecting together on one AP (0: skip that part)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{0}, wps::sim::kMaxCrowd));
  add_command(stab, [] { return bench_stations(idle_stations, at_once); });

  add_command(reg, [] {
#ifdef WPSLAB_HAVE_BENCH
    return run_pair("BM_RegistrationVsFloor", "BM_Registration", "BM_DhFloor",
                    "registration/dh_floor", repetitions);
#else
    std::fprintf(stderr, "wpslab bench: built without Google Benchmark (WPSLAB_BENCH=OFF)\n");
    return 1;
#endif
  });
}

}  // namespace wpslab
