// Helpers shared by the unit tests.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "base/bytes.hpp"

namespace wps::test {

/// Hex literal to bytes; aborts the test binary on malformed hex (a bug in the test itself).
Bytes hex(std::string_view h);

/// Path of the shared fact folder (../shared next to the checkout, or $WPSLAB_SHARED).
std::filesystem::path shared_dir();

/// Reads a whole file; empty string if it cannot be read.
std::string read_file(const std::filesystem::path& p);

}  // namespace wps::test
