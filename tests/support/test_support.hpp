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
/// daemons' -dd -K logs, summary.tsv). A missing folder fails the running test (see fixture()).
std::filesystem::path captures_dir();

/// The path of tests/data/<relative>. When the file is missing the running test fails with the
/// path: a std::runtime_error is thrown, which GoogleTest reports as that test's failure (test
/// code only; the library code under test never throws).
std::filesystem::path fixture(const std::filesystem::path& relative);

/// tests/data/captures/<mode>/wps.pcap, checked as fixture() does.
std::filesystem::path capture_pcap(std::string_view mode);

/// Reads a whole file; empty string if it cannot be read.
std::string read_file(const std::filesystem::path& p);

}  // namespace wps::test
