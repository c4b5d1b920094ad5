// Writes a received WPS credential as a wpa_supplicant.conf network block (edge: file I/O).
#pragma once

#include <string>

#include "wsc/credential.hpp"

namespace wps::interop {

/// The network block text, e.g. network={ ssid="x" psk="..." key_mgmt=WPA-PSK ... }.
/// SSIDs that are not printable ASCII are written as hex (ssid=6869...), a 64-hex-digit key as
/// psk=<hex>, an empty key as key_mgmt=NONE.
std::string wpa_supplicant_network(const wsc::Credential& c);
/// Writes `ctrl_interface`-free config text with that block (temp file + rename).
bool write_wpa_supplicant_network(const std::string& path, const wsc::Credential& c,
                                  std::string& err);

}  // namespace wps::interop
