#include "interop/hostapd_conf.hpp"

#include <array>
#include <charconv>
#include <fstream>
#include <sstream>

#include "base/bytes.hpp"
#include "wsc/credential.hpp"

namespace wps::interop {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool parse_uint(std::string_view s, std::uint64_t& out, int base = 10) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out, base);
  return ec == std::errc() && p == s.data() + s.size();
}

bool is_hex(std::string_view s) {
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

constexpr std::array<std::string_view, 27> kNoticeKeys = {
    "logger_syslog",    "logger_syslog_level",
    "logger_stdout",    "logger_stdout_level",
    "ctrl_interface",   "ctrl_interface_group",
    "driver",           "ieee8021x",
    "eapol_version",    "wpa",
    "wpa_key_mgmt",     "rsn_pairwise",
    "wpa_pairwise",     "hw_mode",
    "channel",          "country_code",
    "auth_algs",        "ignore_broadcast_ssid",
    "macaddr_acl",      "wmm_enabled",
    "ieee80211n",       "bridge",
    "upnp_iface",       "friendly_name",
    "manufacturer_url", "model_url",
    "wps_pin_requests"};

void check_string(int line, std::string_view key, std::string_view v, std::size_t max) {
  if (v.size() > max) {
    throw ConfError(line, std::string(key) + " is longer than " + std::to_string(max) + " octets");
  }
}

}  // namespace

std::optional<Uuid> parse_uuid(std::string_view s) {
  std::string hex;
  for (char c : s) {
    if (c != '-') hex += c;
  }
  if (hex.size() != 32 || !is_hex(hex)) return std::nullopt;
  if (s.size() == 36 && (s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-'))
    return std::nullopt;
  if (s.size() != 36 && s.size() != 32) return std::nullopt;
  auto b = from_hex(hex);
  if (!b) return std::nullopt;
  return Uuid::from(*b);
}

std::string device_type_str(const wsc::DeviceType& t) {
  // hostapd's wps_dev_type_bin2str: "<category>-<OUI as 8 upper-case hex digits>-<subcategory>".
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string oui;
  for (auto b : t.oui) {
    oui.push_back(kHex[b >> 4]);
    oui.push_back(kHex[b & 0x0f]);
  }
  return std::to_string(t.category) + "-" + oui + "-" + std::to_string(t.subcategory);
}

std::string uuid_str(const Uuid& u) {
  std::string h = u.hex();
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20);
}

std::optional<wsc::DeviceType> parse_device_type(std::string_view s) {
  auto d1 = s.find('-');
  if (d1 == std::string_view::npos) return std::nullopt;
  auto d2 = s.find('-', d1 + 1);
  if (d2 == std::string_view::npos) return std::nullopt;
  std::uint64_t cat = 0, sub = 0;
  std::string_view oui = s.substr(d1 + 1, d2 - d1 - 1);
  if (!parse_uint(s.substr(0, d1), cat) || cat > 0xFFFF) return std::nullopt;
  if (!parse_uint(s.substr(d2 + 1), sub) || sub > 0xFFFF) return std::nullopt;
  if (oui.size() != 8 || !is_hex(oui)) return std::nullopt;
  auto ob = from_hex(oui);
  if (!ob) return std::nullopt;
  wsc::DeviceType t;
  t.category = static_cast<std::uint16_t>(cat);
  t.subcategory = static_cast<std::uint16_t>(sub);
  std::copy(ob->begin(), ob->end(), t.oui.begin());
  return t;
}

std::optional<std::uint16_t> parse_config_methods(std::string_view s) {
  struct M {
    std::string_view name;
    std::uint16_t bits;
  };
  // hostapd wps_config_methods_str2bin (src/wps/wps_common.c).
  static constexpr std::array<M, 14> kMethods = {{{"usba", 0x0001},
                                                  {"ethernet", 0x0002},
                                                  {"label", 0x0004},
                                                  {"display", 0x0008},
                                                  {"ext_nfc_token", 0x0010},
                                                  {"int_nfc_token", 0x0020},
                                                  {"nfc_interface", 0x0040},
                                                  {"push_button", 0x0080},
                                                  {"keypad", 0x0100},
                                                  {"virtual_display", 0x2008},
                                                  {"physical_display", 0x4008},
                                                  {"virtual_push_button", 0x0280},
                                                  {"physical_push_button", 0x0480},
                                                  {"p2ps", 0x1000}}};
  std::uint16_t bits = 0;
  std::istringstream in{std::string(s)};
  std::string word;
  bool any = false;
  while (in >> word) {
    bool found = false;
    for (const M& m : kMethods) {
      if (m.name == word) {
        bits |= m.bits;
        found = true;
      }
    }
    if (!found) return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  return bits;
}

wsc::Credential HostapdConf::credential() const {
  wsc::Credential c;
  c.ssid = to_bytes(std::string_view(ssid));
  c.auth_type = wsc::AuthType::Wpa2Psk;
  c.encr_type = wsc::EncrType::Aes;
  const std::string& key = wpa_passphrase ? *wpa_passphrase : wpa_psk.value_or("");
  c.network_key = crypto::to_secret(as_bytes(key));
  return c;
}

HostapdConf parse_hostapd_conf(std::string_view text) {
  HostapdConf c;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line =
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    std::string_view t = trim(line);
    if (t.empty() || t.front() == '#') continue;
    auto eq = t.find('=');
    if (eq == std::string_view::npos)
      throw ConfError(line_no, "expected key=value, got '" + std::string(t) + "'");
    std::string key(trim(t.substr(0, eq)));
    // hostapd takes the value verbatim after '=' (no trimming of leading spaces in values).
    std::string_view v = line.substr(line.find('=') + 1);
    while (!v.empty() && (v.back() == '\r')) v.remove_suffix(1);
    auto bad = [&](const std::string& why) {
      return ConfError(line_no, "invalid " + key + " '" + std::string(v) + "': " + why);
    };
    std::uint64_t n = 0;
    if (key == "interface") {
      if (v.empty() || v.size() >= 16) throw bad("interface name must have 1..15 characters");
      c.interface = std::string(v);
    } else if (key == "ssid") {
      if (v.empty() || v.size() > 32) throw bad("SSID must have 1..32 octets");
      c.ssid = std::string(v);
    } else if (key == "wpa_passphrase") {
      if (v.size() < 8 || v.size() > 63) throw bad("passphrase must have 8..63 characters");
      for (char ch : v) {
        if (ch < 0x20 || ch > 0x7e) throw bad("passphrase must be printable ASCII");
      }
      c.wpa_passphrase = std::string(v);
    } else if (key == "wpa_psk") {
      if (v.size() != 64 || !is_hex(v)) throw bad("PSK must be 64 hex digits");
      c.wpa_psk = std::string(v);
    } else if (key == "wps_state") {
      if (!parse_uint(v, n) || n > 2) throw bad("expected 0, 1 or 2");
      c.wps_state = static_cast<int>(n);
    } else if (key == "ap_setup_locked") {
      if (!parse_uint(v, n) || n > 1) throw bad("expected 0 or 1");
      c.ap_setup_locked = n == 1;
    } else if (key == "eap_server") {
      if (!parse_uint(v, n) || n > 1) throw bad("expected 0 or 1");
      c.eap_server = n == 1;
    } else if (key == "ap_pin") {
      if (v.size() < 4 || v.size() > 8) throw bad("expected 4..8 digits");
      for (char ch : v) {
        if (ch < '0' || ch > '9') throw bad("expected digits");
      }
      c.ap_pin = std::string(v);
    } else if (key == "uuid") {
      auto u = parse_uuid(v);
      if (!u) throw bad("expected a UUID like 12345678-9abc-def0-1234-56789abcdef0");
      c.uuid = *u;
    } else if (key == "device_name") {
      check_string(line_no, key, v, 32);
      c.device.device_name = std::string(v);
    } else if (key == "manufacturer") {
      check_string(line_no, key, v, 64);
      c.device.manufacturer = std::string(v);
    } else if (key == "model_name") {
      check_string(line_no, key, v, 32);
      c.device.model_name = std::string(v);
    } else if (key == "model_number") {
      check_string(line_no, key, v, 32);
      c.device.model_number = std::string(v);
    } else if (key == "serial_number") {
      check_string(line_no, key, v, 32);
      c.device.serial_number = std::string(v);
    } else if (key == "device_type") {
      auto d = parse_device_type(v);
      if (!d)
        throw bad("expected <category>-<OUI as 8 hex digits>-<subcategory>, e.g. 6-0050F204-1");
      c.device.primary_device_type = *d;
    } else if (key == "os_version") {
      if (v.size() != 8 || !parse_uint(v, n, 16)) throw bad("expected 8 hex digits");
      c.os_version = static_cast<std::uint32_t>(n);
    } else if (key == "config_methods") {
      auto m = parse_config_methods(v);
      if (!m)
        throw bad("unknown method (known: label display keypad push_button virtual_display ...)");
      c.config_methods = *m;
    } else if (key == "ctrl_interface") {
      // A directory, or hostapd's "DIR=<dir> GROUP=<group>" form.
      if (v.rfind("DIR=", 0) == 0) {
        std::istringstream in{std::string(v)};
        std::string w;
        while (in >> w) {
          if (w.rfind("DIR=", 0) == 0)
            c.ctrl_interface = w.substr(4);
          else if (w.rfind("GROUP=", 0) == 0)
            c.ctrl_interface_group = w.substr(6);
          else
            throw bad("expected DIR=<dir> [GROUP=<group>]");
        }
      } else {
        c.ctrl_interface = std::string(v);
      }
      if (c.ctrl_interface->empty()) throw bad("empty directory");
    } else if (key == "ctrl_interface_group") {
      c.ctrl_interface_group = std::string(v);
    } else if (key == "wps_nfc_dev_pw_id") {
      if (!parse_uint(v, n) || n < 16 || n > 65535) throw bad("expected 16..65535");
      c.wps_nfc_dev_pw_id = static_cast<std::uint16_t>(n);
    } else if (key == "wps_nfc_dh_pubkey" || key == "wps_nfc_dh_privkey" ||
               key == "wps_nfc_dev_pw") {
      auto b = is_hex(v) ? from_hex(v) : std::nullopt;
      if (!b || b->empty()) throw bad("expected hex digits");
      if (key == "wps_nfc_dh_pubkey") {
        if (b->size() > wsc::kPublicKeyLength) throw bad("expected at most 192 octets");
        // hostapd zero-pads the public key to 192 octets (wpabuf_zeropad).
        b->insert(b->begin(), wsc::kPublicKeyLength - b->size(), 0);
        c.wps_nfc_dh_pubkey = std::move(*b);
      } else if (key == "wps_nfc_dh_privkey") {
        if (b->size() > wsc::kPublicKeyLength) throw bad("expected at most 192 octets");
        c.wps_nfc_dh_privkey = crypto::to_secret(*b);
        crypto::secure_zero(b->data(), b->size());
      } else {
        if (b->size() < 16 || b->size() > 32) throw bad("expected 16..32 octets");
        c.wps_nfc_dev_pw = std::move(*b);
      }
    } else if (key == "fragment_size") {
      if (!parse_uint(v, n) || n < 50 || n > 65535) throw bad("expected 50..65535");
      c.fragment_size = static_cast<std::size_t>(n);
    } else {
      bool notice = false;
      for (std::string_view k : kNoticeKeys) notice = notice || k == key;
      if (!notice) throw ConfError(line_no, "unknown key '" + key + "'");
      c.notices.push_back("line " + std::to_string(line_no) + ": '" + key +
                          "' is not used by wpslab");
    }
  }
  if (c.wpa_passphrase && c.wpa_psk)
    throw ConfError(line_no, "both wpa_passphrase and wpa_psk are set");
  return c;
}

std::optional<proto::GeneratedToken> nfc_token_of(const HostapdConf& c) {
  if (!c.wps_nfc_dev_pw_id && !c.wps_nfc_dh_pubkey && !c.wps_nfc_dh_privkey && !c.wps_nfc_dev_pw) {
    return std::nullopt;
  }
  if (!c.wps_nfc_dev_pw_id || !c.wps_nfc_dh_privkey || !c.wps_nfc_dev_pw) {
    throw ConfError(0, "an NFC password token needs wps_nfc_dev_pw_id, wps_nfc_dh_privkey and "
                       "wps_nfc_dev_pw");
  }
  std::optional<ByteView> pub;
  if (c.wps_nfc_dh_pubkey) pub = ByteView(*c.wps_nfc_dh_pubkey);
  auto t = proto::token_from_keys(*c.wps_nfc_dev_pw_id, crypto::view(*c.wps_nfc_dh_privkey), pub,
                                  *c.wps_nfc_dev_pw);
  if (!t) {
    throw ConfError(0, pub ? "wps_nfc_dh_privkey is not a valid key, or wps_nfc_dh_pubkey is "
                             "not its public key"
                           : "wps_nfc_dh_privkey is not a valid key");
  }
  return std::move(*t);
}

std::optional<proto::GeneratedToken> handover_key_of(const HostapdConf& c) {
  if (!c.wps_nfc_dh_privkey) return std::nullopt;
  std::optional<ByteView> pub;
  if (c.wps_nfc_dh_pubkey) pub = ByteView(*c.wps_nfc_dh_pubkey);
  auto t = proto::handover_key_from(crypto::view(*c.wps_nfc_dh_privkey), pub);
  if (!t) {
    throw ConfError(0, "wps_nfc_dh_privkey is not a valid key, or wps_nfc_dh_pubkey is not its "
                       "public key");
  }
  return std::move(*t);
}

HostapdConf load_hostapd_conf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfError(0, "cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_hostapd_conf(ss.str());
}

}  // namespace wps::interop
