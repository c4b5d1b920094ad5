// Helpers shared by the unit tests.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "base/bytes.hpp"

namespace wps::test {

/// Hex literal to bytes; aborts the test binary on malformed hex (a bug in the test itself).
Bytes hex(std::string_view h);

/// The test data kept in the repository (tests/data; see tests/data/README.md).
std::filesystem::path data_dir();

/// tests/data/captures: one folder per recorded hostapd/wpa_supplicant run (wps.pcap, the
/// daemons' -dd -K logs, summary.tsv).
std::filesystem::path captures_dir();

/// Reads a whole file; empty string if it cannot be read.
std::string read_file(const std::filesystem::path& p);

}  // namespace wps::test
