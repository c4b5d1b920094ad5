// Fuzz target: the wpa_supplicant.conf network block that `wpslab sta --write-config` writes from
// a received credential (src/interop/wpa_conf). The SSID and the network key come from the air
// (M8), so they are attacker-chosen. The writer's contract is a credential that passed
// wsc::validate_credential (the Enrollee checks M8's with it): for any such credential the block
// must stay one network block of known keys — no injected line, the SSID one quoted string (or
// hex), the passphrase ending the line with its closing quote (wpa_supplicant takes the value up
// to the last quote, so a quote inside a passphrase is harmless).
// Input: [1 octet SSID length (mod 33)][SSID][the rest: network key (≤ 64 octets)].
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "crypto/secret.hpp"
#include "interop/wpa_conf.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

bool known_line(const std::string& line) {
  static const char* const keys[] = {
      "network={",   "}",           "\tssid=",  "\tpsk=",       "\tkey_mgmt=", "\tproto=",
      "\tpairwise=", "\tauth_alg=", "\tbssid=", "\tscan_ssid=", "\tgroup=",    "\tieee80211w="};
  for (const char* k : keys)
    if (line.rfind(k, 0) == 0) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace wps;
  if (size < 1) return 0;
  const std::size_t ssid_len = std::min<std::size_t>(data[0] % 33, size - 1);
  wsc::Credential c;
  c.ssid.assign(data + 1, data + 1 + ssid_len);
  const std::size_t key_len = std::min<std::size_t>(size - 1 - ssid_len, 64);
  c.network_key = crypto::to_secret(ByteView(data + 1 + ssid_len, key_len));
  if (!wsc::validate_credential(c)) return 0;
  const std::string block = interop::wpa_supplicant_network(c);
  std::istringstream in(block);
  std::string line;
  int opened = 0, closed = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    check(known_line(line));
    opened += line == "network={";
    closed += line == "}";
    for (char ch : line) check(ch == '\t' || (ch >= 0x20 && ch < 0x7f));
    const auto q = line.find('"');
    if (q != std::string::npos) {
      check(line.back() == '"' && line.size() > q + 1);
      if (line.rfind("\tssid=", 0) == 0) check(line.find('"', q + 1) == line.size() - 1);
    }
  }
  check(opened == 1 && closed == 1);
  return 0;
}
