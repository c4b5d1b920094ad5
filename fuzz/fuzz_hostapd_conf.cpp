// Fuzz target: the hostapd.conf reader behind `wpslab ap` (src/interop/hostapd_conf). Edge code:
// errors are ConfError exceptions carrying a line number, which must lie inside the text.
// Whatever parses must yield a credential the WSC credential validator accepts whenever a key
// is set (the reader validates wpa_passphrase / wpa_psk itself).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "interop/hostapd_conf.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace wps;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  try {
    const interop::HostapdConf c = interop::parse_hostapd_conf(text);
    if (c.wpa_passphrase) check(c.wpa_passphrase->size() >= 8 && c.wpa_passphrase->size() <= 63);
    if (c.wpa_psk) check(c.wpa_psk->size() == 64);
    if (c.uuid) check(interop::parse_uuid(interop::uuid_str(*c.uuid)) == c.uuid);
    (void)c.credential();
  } catch (const interop::ConfError& e) {
    check(e.line >= 1 && e.line <= lines);
  }
  return 0;
}
