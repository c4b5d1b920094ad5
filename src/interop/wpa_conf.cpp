#include "interop/wpa_conf.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "wsc/attr_table.hpp"

namespace wps::interop {
namespace {
bool printable(ByteView b) {
  for (auto c : b) {
    if (c < 0x20 || c > 0x7e || c == '"') return false;
  }
  return true;
}
}  // namespace

std::string wpa_supplicant_network(const wsc::Credential& c) {
  std::string s = "network={\n";
  if (printable(c.ssid)) {
    s += "\tssid=\"" + std::string(as_chars(c.ssid)) + "\"\n";
  } else {
    s += "\tssid=" + to_hex(c.ssid) + "\n";
  }
  ByteView key = crypto::view(c.network_key);
  auto fmt = wsc::classify_network_key(key);
  bool wpa2 = (c.auth_type & wsc::AuthType::Wpa2Psk) != 0;
  bool wpa = (c.auth_type & 0x0002) != 0;
  if (fmt == wsc::NetworkKeyFormat::Empty) {
    s += "\tkey_mgmt=NONE\n";
  } else {
    if (fmt == wsc::NetworkKeyFormat::HexPsk) {
      s += "\tpsk=" + std::string(as_chars(key)) + "\n";
    } else {
      s += "\tpsk=\"" + std::string(as_chars(key)) + "\"\n";
    }
    s += "\tkey_mgmt=WPA-PSK\n";
    s += std::string("\tproto=") + (wpa2 && wpa ? "RSN WPA" : wpa ? "WPA" : "RSN") + "\n";
    bool aes = (c.encr_type & wsc::EncrType::Aes) != 0;
    bool tkip = (c.encr_type & 0x0004) != 0;
    s += std::string("\tpairwise=") + (aes && tkip ? "CCMP TKIP" : tkip ? "TKIP" : "CCMP") + "\n";
  }
  s += "}\n";
  return s;
}

bool write_wpa_supplicant_network(const std::string& path, const wsc::Credential& c,
                                  std::string& err) {
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) {
      err = "cannot write " + tmp;
      return false;
    }
    out << "# written by wpslab sta from a WPS credential\n" << wpa_supplicant_network(c);
    if (!out.flush()) {
      err = "cannot write " + tmp;
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    err = "cannot rename onto " + path;
    return false;
  }
  return true;
}

}  // namespace wps::interop
