#include "support/test_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace wps::test {

Bytes hex(std::string_view h) {
  auto b = from_hex(h);
  if (!b) {
    std::fprintf(stderr, "bad hex literal in test: %.*s\n", static_cast<int>(h.size()), h.data());
    std::abort();
  }
  return *b;
}

std::filesystem::path data_dir() { return std::filesystem::path(WPSLAB_SOURCE_DIR) / "tests" / "data"; }

std::filesystem::path captures_dir() { return data_dir() / "captures"; }

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace wps::test
