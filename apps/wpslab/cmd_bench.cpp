// `wpslab bench registration`: runs the Google Benchmark pair BM_Registration / BM_DhFloor
// (bench/bench_registration.cpp) interleaved and repeated, and prints the ratio of medians.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "apps/wpslab/commands.hpp"

#ifdef WPSLAB_HAVE_BENCH
#include <benchmark/benchmark.h>
#endif

namespace wpslab {

#ifdef WPSLAB_HAVE_BENCH
namespace {

/// Console output as usual, and the median CPU time of each benchmark kept for the ratio.
class MedianReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& r : runs) {
      if (r.run_type == Run::RT_Aggregate && r.aggregate_name == "median") {
        medians[r.run_name.function_name] = r.GetAdjustedCPUTime();
      }
    }
    ConsoleReporter::ReportRuns(runs);
  }
  std::map<std::string, double> medians;
};

int run_pair(const std::string& a, const std::string& b, const std::string& label,
             int repetitions) {
  std::vector<std::string> args = {
      "wpslab",
      "--benchmark_filter=^(" + a + "|" + b + ")$",
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
  if (!rep.medians.count(a) || !rep.medians.count(b) || rep.medians[b] <= 0) {
    std::fprintf(stderr, "wpslab bench: benchmarks did not produce medians\n");
    return 1;
  }
  std::printf("%s ratio: %.3f\n", label.c_str(), rep.medians[a] / rep.medians[b]);
  return 0;
}

}  // namespace
#endif

void register_bench(CLI::App& app) {
  auto* bench = app.add_subcommand("bench", "Run benchmarks and print their ratios");
  bench->require_subcommand(1);
  static int repetitions = 15;
  auto* reg = bench->add_subcommand(
      "registration", "One registration vs. the DH floor (2 keygens + 2 derivations)");
  reg->add_option("--repetitions", repetitions, "repetitions per benchmark (median taken)")
      ->capture_default_str()
      ->check(CLI::Range(3, 1000));
  add_command(reg, [] {
#ifdef WPSLAB_HAVE_BENCH
    return run_pair("BM_Registration", "BM_DhFloor", "registration/dh_floor", repetitions);
#else
    std::fprintf(stderr, "wpslab bench: built without Google Benchmark (WPSLAB_BENCH=OFF)\n");
    return 1;
#endif
  });
}

}  // namespace wpslab
