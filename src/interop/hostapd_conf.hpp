// Reads the hostapd.conf keys that `wpslab ap` uses (the file users already have for hostapd
// 2.10 with driver=wired). Edge code: errors throw ConfError carrying the 1-based line number
// (0, and no "line N:" in the message, for what concerns the whole file).
//
// Used keys: interface, ssid, wpa_passphrase | wpa_psk, wps_state, ap_setup_locked, ap_pin, uuid,
// device_name, manufacturer, model_name, model_number, serial_number, device_type, os_version,
// config_methods, fragment_size, eap_server, ctrl_interface (a directory or DIR=.. GROUP=..),
// ctrl_interface_group, wps_nfc_dev_pw_id, wps_nfc_dh_pubkey, wps_nfc_dh_privkey, wps_nfc_dev_pw.
// Keys hostapd knows but wpslab has no use for (logger_*, driver, ieee8021x, eapol_version, wpa, wpa_key_mgmt, rsn_pairwise,
// ...) are accepted with a notice. Any other key, and any invalid value, is an error.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "base/strong.hpp"
#include "crypto/secret.hpp"
#include "wps/nfc_password.hpp"
#include "wsc/credential.hpp"
#include "wsc/types.hpp"

namespace wps::interop {

struct ConfError : std::runtime_error {
  ConfError(int line_no, const std::string& msg)
      : std::runtime_error(line_no > 0 ? "line " + std::to_string(line_no) + ": " + msg : msg),
        line(line_no) {}
  int line;
};

struct HostapdConf {
  std::string interface;
  std::string ssid;
  std::optional<std::string> wpa_passphrase;  ///< 8..63 printable ASCII
  std::optional<std::string> wpa_psk;         ///< 64 hex digits
  int wps_state = 0;                          ///< 0 disabled, 1 not configured, 2 configured
  bool ap_setup_locked = false;
  std::optional<std::string> ap_pin;
  std::optional<Uuid> uuid;
  wsc::DeviceInfo device{"wpslab",   "wpslab AP", "1", "0001", {6, wsc::kWfaDeviceTypeOui, 1},
                         "wpslab-ap"};
  std::uint32_t os_version = 0x80000000;
  std::uint16_t config_methods = 0x238C;
  std::optional<std::size_t> fragment_size;
  bool eap_server = false;
  /// The control interface directory (hostapd_cli -p) and its group; nullopt = none.
  std::optional<std::string> ctrl_interface;
  std::optional<std::string> ctrl_interface_group;
  /// hostapd's wps_nfc_* keys: the AP's own NFC password token (Device Password ID 16..65535,
  /// the DH key pair in hex, the raw password in hex, 16..32 octets). Also the key file that
  /// `wpslab nfc token` writes.
  std::optional<std::uint16_t> wps_nfc_dev_pw_id;
  std::optional<Bytes> wps_nfc_dh_pubkey;
  std::optional<crypto::SecretBytes> wps_nfc_dh_privkey;
  std::optional<Bytes> wps_nfc_dev_pw;
  std::vector<std::string> notices;  ///< "line N: key 'driver' is not used by wpslab"

  /// The network the registrar hands out: WPA2-Personal/AES, key = passphrase or hex PSK.
  [[nodiscard]] wsc::Credential credential() const;
};

/// The password token the wps_nfc_* keys describe; nullopt when none of them is set. Throws
/// ConfError (line 0) when some are missing (the ID, the private key and the password are
/// required) or the public key is not the private key's.
std::optional<proto::GeneratedToken> nfc_token_of(const HostapdConf& c);
/// The connection handover key of `wpslab nfc handover-request`'s key file (wps_nfc_dh_privkey,
/// optionally wps_nfc_dh_pubkey); nullopt without a private key. Throws ConfError (line 0).
std::optional<proto::GeneratedToken> handover_key_of(const HostapdConf& c);
/// Parses hostapd.conf text. Throws ConfError.
HostapdConf parse_hostapd_conf(std::string_view text);
/// Reads and parses a file. Throws ConfError (line 0 when the file cannot be read).
HostapdConf load_hostapd_conf(const std::string& path);

/// "12345678-9abc-def0-1234-56789abcdef0" (also accepted without dashes).
std::optional<Uuid> parse_uuid(std::string_view s);
std::string uuid_str(const Uuid& u);
/// "1-0050F204-1", as hostapd prints a device type in events.
std::string device_type_str(const wsc::DeviceType& t);
/// "6-0050F204-1" (category-OUI-subcategory, as hostapd's device_type).
std::optional<wsc::DeviceType> parse_device_type(std::string_view s);
/// hostapd's config_methods words ("label virtual_display keypad ...") to the bit mask.
std::optional<std::uint16_t> parse_config_methods(std::string_view s);

}  // namespace wps::interop
