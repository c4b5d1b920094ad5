// Fuzz target: the hostapd.conf reader behind `wpslab ap` (src/interop/hostapd_conf). Edge code:
// errors are ConfError exceptions carrying a line number, which must lie inside the text.
// Whatever parses must yield a credential the WSC credential validator accepts whenever a key
// is set (the reader validates wpa_passphrase / wpa_psk itself), and an NFC token only from a
// complete, consistent set of wps_nfc_* keys.
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
    // The wps_nfc_* keys: a token only from a complete, consistent set (whole-file errors carry
    // line 0).
    try {
      if (auto t = interop::nfc_token_of(c)) {
        check(t->token.device_password_id >= 16 && t->own.password.text.size() >= 32);
      }
      if (auto h = interop::handover_key_of(c)) check(h->token.device_password_id == 7);
    } catch (const interop::ConfError& e) {
      check(e.line == 0);
    }
  } catch (const interop::ConfError& e) {
    check(e.line >= 1 && e.line <= lines);
  }
  return 0;
}
