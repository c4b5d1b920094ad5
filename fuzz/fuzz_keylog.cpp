// Fuzz target: the key-log reader of `wpslab analyze --keylog` (analyzer::Keylog::parse): our
// `LABEL <mac> <hex>` lines and hostapd / wpa_supplicant `-K` hexdump lines.
// Checks: an error names a line inside the text; every entry has a label and a value.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "analyzer/diagnose.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace wps;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto k = analyzer::Keylog::parse(text);
  if (!k) {
    const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    check(k.error().offset >= 1 && k.error().offset <= lines);
    return 0;
  }
  for (const auto& e : k->entries) {
    check(!e.label.empty());
    check(!e.value.empty());
  }
  return 0;
}
