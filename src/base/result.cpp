#include "base/result.hpp"

#include <cstdio>
#include <cstdlib>

namespace wps {

std::string describe(const Error& e) {
  std::string s(to_string(e.code));
  s += '@';
  s += std::to_string(e.offset);
  if (e.attr != 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "[attr=0x%04x]", e.attr);
    s += buf;
  }
  return s;
}

namespace detail {
void assert_fail(const char* expr, const char* file, int line) noexcept {
  // The one place the core writes to stderr: a bug is about to abort the process.
  std::fprintf(stderr, "wpslab: assertion failed: %s (%s:%d)\n", expr, file, line);
  std::abort();
}
}  // namespace detail

}  // namespace wps
