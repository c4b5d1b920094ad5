// `wpslab run crowd`: options and the printing of the crowd (sim/crowd.hpp), kept out of
// cmd_run.cpp, which only parses the options and hands them over.
#pragma once

#include <cstdint>
#include <string>

namespace wpslab {

struct CrowdOptions {
  std::size_t stations = 20;
  std::uint64_t seed = 1;
  double wrong_share = 0.1;
  double late_share = 0.1;
  double stagger_ms = 100;
  double rate_mbps = 1;  ///< the medium's rate (1 Mb/s: 2.4 GHz basic rate, 6: 5 GHz)
  double loss = -1.0;    ///< negative: not given (the ideal channel)
  std::string ssid = "wpslab";
  std::string passphrase = "wpslab-passphrase";
  std::string pcap;  ///< default wpslab-crowd.pcap
  bool json = false;
};

/// Exit codes: 0 every station ended as its PIN predicts (connected, or refused with error 18
/// for a wrong PIN), no wrong credential, no hang; 2 otherwise; 1 usage or internal error.
int run_crowd_lab(const CrowdOptions& o);

}  // namespace wpslab
