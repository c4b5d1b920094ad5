#include "support/test_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace wps::test {

Bytes hex(std::string_view h) {
  auto b = from_hex(h);
  if (!b) {
    std::fprintf(stderr, "bad hex literal in test: %.*s\n", static_cast<int>(h.size()), h.data());
    std::abort();
  }
  return *b;
}

std::filesystem::path data_dir() {
  return std::filesystem::path(WPSLAB_SOURCE_DIR) / "tests" / "data";
}

std::filesystem::path fixture(const std::filesystem::path& relative) {
  auto p = data_dir() / relative;
  if (!std::filesystem::exists(p))
    throw std::runtime_error("missing test fixture " + p.string() + " (see tests/data/README.md)");
  return p;
}

std::filesystem::path captures_dir() {
  return fixture("captures");
}

std::filesystem::path capture_pcap(std::string_view mode) {
  return fixture(std::filesystem::path("captures") / std::string(mode) / "wps.pcap");
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace wps::test
