// `wpslab bench registration`: runs BM_RegistrationVsFloor (a registration and the DH floor side
// by side in every iteration) and the separate BM_Registration / BM_DhFloor
// (bench/bench_registration.cpp), repeated and interleaved, and prints the median of the paired
// ratios — the figure checked against the target — and the ratio of the separate medians.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <ctime>

#include "apps/wpslab/commands.hpp"
#include "sim/scenario.hpp"
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
