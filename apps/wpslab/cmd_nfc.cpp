// `wpslab nfc`: the NFC tokens of the out-of-band method (wsc/nfc.hpp).
//   nfc token --out PREFIX [--dpid N]   a password token: PREFIX.ndef (the tag), PREFIX.key (the
//                                       owner's DH key pair, password and ID, mode 0600, in
//                                       hostapd.conf's wps_nfc_* keys); prints the tag as hex NDEF
//   nfc config-token (-c hostapd.conf | --ssid S --passphrase W) [--out FILE] [--ap-mac MAC]
//                                       a configuration token, printed as hex NDEF
//   nfc handover-request --out PREFIX [--uuid U]   a connection handover request (DPID 7):
//                                       PREFIX.ndef, PREFIX.key (the station's key and UUID-E)
//   nfc read FILE|HEX [--json]          decodes and explains any WSC token or handover record
// Exit codes: 0 done; 1 usage error or unreadable input; 2 a malformed token (read).
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "apps/wpslab/commands.hpp"
#include "apps/wpslab/nfc_input.hpp"
#include "crypto/crypto.hpp"
#include "interop/hostapd_conf.hpp"
#include "wpa2/keys.hpp"
#include "wps/nfc_password.hpp"
#include "wsc/nfc.hpp"

namespace wpslab {
namespace {

using namespace wps;

int fail(const char* cmd, const std::string& msg, int code = 1) {
  std::fprintf(stderr, "wpslab nfc %s: %s\n", cmd, msg.c_str());
  return code;
}

/// Writes `data` to `path` with `mode` (created, or truncated and re-moded).
bool write_file(const std::string& path, ByteView data, mode_t mode) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return false;
  bool ok = ::fchmod(fd, mode) == 0;
  std::size_t done = 0;
  while (ok && done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n <= 0) {
      ok = false;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  return ::close(fd) == 0 && ok;
}

struct TokenOptions {
  std::string out;
  int dpid = -1;
};

int make_token(const TokenOptions& o) {
  if (o.out.empty()) return fail("token", "--out PREFIX is required");
  if (o.dpid != -1 && (o.dpid < wsc::kFirstTokenDpid || o.dpid > 0xFFFF)) {
    return fail("token", "--dpid must be 16..65535 (0x0010..0xFFFF)");
  }
  crypto::SystemRng rng;
  std::optional<std::uint16_t> dpid;
  if (o.dpid != -1) dpid = static_cast<std::uint16_t>(o.dpid);
  auto made = proto::generate_password_token(rng, dpid);
  if (!made) return fail("token", "cannot make a DH key pair: " + describe(made.error()));
  const wsc::OobDevicePassword& oob = made->token;
  const Bytes ndef = wsc::ndef_wrap(wsc::build_password_token(oob));
  const crypto::SecretBytes& priv = made->own.dh_private;
  std::string text =
      "# wpslab NFC password token: the owner's private state. Keep it secret; the keys are\n"
      "# hostapd.conf's, so these lines also make hostapd use this token.\n"
      "wps_nfc_dev_pw_id=" +
      std::to_string(oob.device_password_id) +
      "\nwps_nfc_dh_pubkey=" + to_hex_upper(made->public_key.view()) +
      "\nwps_nfc_dh_privkey=" + to_hex_upper(ByteView(priv.data(), priv.size())) +
      "\nwps_nfc_dev_pw=" + to_hex_upper(oob.password) + "\n";
  const bool key_ok = write_file(o.out + ".key", as_bytes(text), 0600);
  crypto::secure_zero(text.data(), text.size());
  if (!key_ok) return fail("token", "cannot write " + o.out + ".key");
  if (!write_file(o.out + ".ndef", ndef, 0644))
    return fail("token", "cannot write " + o.out + ".ndef");
  std::printf("%s\n", to_hex_upper(ndef).c_str());
  return 0;
}

struct HandoverOptions {
  std::string out;
  std::string uuid;
};

/// A connection handover request (the station's carrier record) and its key file.
int make_handover_request(const HandoverOptions& o) {
  if (o.out.empty()) return fail("handover-request", "--out PREFIX is required");
  Uuid uuid;
  crypto::SystemRng rng;
  if (!o.uuid.empty()) {
    auto u = interop::parse_uuid(o.uuid);
    if (!u) return fail("handover-request", "--uuid: not a UUID: " + o.uuid);
    uuid = *u;
  } else {
    std::array<std::uint8_t, 16> a{};
    rng.fill(a);
    uuid = Uuid(a);
  }
  auto made = proto::generate_password_token(rng, wsc::kHandoverDpid);
  if (!made)
    return fail("handover-request", "cannot make a DH key pair: " + describe(made.error()));
  const Bytes ndef = wsc::ndef_wrap(wsc::build_handover_request(made->token.public_key_hash, uuid));
  const crypto::SecretBytes& priv = made->own.dh_private;
  std::string text =
      "# wpslab NFC connection handover request: the station's key (keep it secret) and the\n"
      "# UUID-E of the request; wpslab sta --nfc-handover PREFIX uses both.\n"
      "uuid=" +
      interop::uuid_str(uuid) + "\nwps_nfc_dh_pubkey=" + to_hex_upper(made->public_key.view()) +
      "\nwps_nfc_dh_privkey=" + to_hex_upper(ByteView(priv.data(), priv.size())) + "\n";
  const bool key_ok = write_file(o.out + ".key", as_bytes(text), 0600);
  crypto::secure_zero(text.data(), text.size());
  if (!key_ok) return fail("handover-request", "cannot write " + o.out + ".key");
  if (!write_file(o.out + ".ndef", ndef, 0644))
    return fail("handover-request", "cannot write " + o.out + ".ndef");
  std::printf("%s\n", to_hex_upper(ndef).c_str());
  return 0;
}

struct ConfigOptions {
  std::string conf;
  std::string ssid;
  std::string passphrase;
  std::string out;
  std::string ap_mac = "00:00:00:00:00:00";
  int rf_bands = 1;
  int channel = -1;
};

int make_config_token(const ConfigOptions& o) {
  wsc::Credential cred;
  if (!o.conf.empty()) {
    if (!o.ssid.empty() || !o.passphrase.empty()) {
      return fail("config-token", "-c and --ssid/--passphrase exclude each other");
    }
    try {
      interop::HostapdConf c = interop::load_hostapd_conf(o.conf);
      if (c.ssid.empty()) return fail("config-token", o.conf + ": no ssid=");
      if (!c.wpa_passphrase && !c.wpa_psk) {
        return fail("config-token", o.conf + ": no wpa_passphrase= or wpa_psk=");
      }
      cred = c.credential();
    } catch (const std::exception& e) {
      return fail("config-token", e.what());
    }
  } else {
    if (o.ssid.empty() || o.ssid.size() > 32) {
      return fail("config-token",
                  "give -c hostapd.conf, or --ssid (1..32 octets) and --passphrase");
    }
    if (!wpa2::validate_passphrase(as_bytes(o.passphrase)) || o.passphrase.size() > 63) {
      return fail("config-token", "--passphrase must be 8..63 printable ASCII characters");
    }
    cred.ssid = to_bytes(o.ssid);
    cred.network_key = crypto::to_secret(as_bytes(o.passphrase));
  }
  cred.mac_address = MacAddr{};  // no enrollee known (hostapd writes 00:00:00:00:00:00)
  auto mac = MacAddr::parse(o.ap_mac);
  if (!mac) return fail("config-token", "--ap-mac must be a MAC address (aa:bb:cc:dd:ee:ff)");
  if (o.rf_bands < 1 || o.rf_bands > 255) return fail("config-token", "--rf-bands must be 1..255");
  if (o.channel < -1 || o.channel > 65535)
    return fail("config-token", "--channel must be 0..65535");
  std::optional<std::uint16_t> channel;
  if (o.channel >= 0) channel = static_cast<std::uint16_t>(o.channel);
  const Bytes ndef = wsc::ndef_wrap(
      wsc::build_config_token(cred, static_cast<std::uint8_t>(o.rf_bands), channel, *mac));
  if (!o.out.empty() && !write_file(o.out, ndef, 0600)) {
    return fail("config-token", "cannot write " + o.out);
  }
  std::printf("%s\n", to_hex_upper(ndef).c_str());
  return 0;
}


std::string auth_text(std::uint16_t a) {
  switch (a) {
    case 0x0001: return "Open";
    case 0x0002: return "WPA-Personal";
    case 0x0008: return "WPA-Enterprise";
    case 0x0010: return "WPA2-Enterprise";
    case 0x0020: return "WPA2-Personal";
    case 0x0022: return "WPA/WPA2-Personal";
    default: return fmt::format("0x{:04X}", a);
  }
}

std::string encr_text(std::uint16_t e) {
  switch (e) {
    case 0x0001: return "None";
    case 0x0002: return "WEP";
    case 0x0004: return "TKIP";
    case 0x0008: return "AES";
    case 0x000c: return "TKIP+AES";
    default: return fmt::format("0x{:04X}", e);
  }
}

int read_token(const std::string& arg, bool json) {
  std::string err;
  auto data = token_input(arg, err);
  if (!data) return fail("read", err);
  auto t = wsc::read_token(*data);
  if (!t) return fail("read", token_error(t.error(), *data), 2);
  nlohmann::json j;
  j["form"] = t->ndef ? "ndef" : "wsc";
  std::string out;
  out += std::string("form: ") +
         (t->ndef ? "NDEF record, type application/vnd.wfa.wsc" : "bare WSC attributes") + "\n";
  auto versions = [&](std::optional<std::uint8_t> v, std::optional<std::uint8_t> v2) {
    j["version"] = v ? nlohmann::json(*v) : nlohmann::json(nullptr);
    j["version2"] = v2 ? nlohmann::json(*v2) : nlohmann::json(nullptr);
    out += "version: " +
           (v ? fmt::format("0x{:02X}", *v) : std::string("absent (as the daemons write)")) +
           ", version2: " + (v2 ? fmt::format("0x{:02X}", *v2) : std::string("absent")) + "\n";
  };
  if (const auto* p = std::get_if<wsc::PasswordToken>(&t->body)) {
    const auto& o = p->oob;
    const bool handover = o.device_password_id == wsc::kHandoverDpid;
    j["kind"] = handover ? "handover" : "password";
    j["device_password_id"] = o.device_password_id;
    j["public_key_hash"] = to_hex_upper(o.public_key_hash);
    j["password"] = to_hex_upper(o.password);
    j["password_octets"] = o.password.size();
    out += std::string("kind: ") + (handover ? "connection handover password" : "password token") +
           "\n";
    out += fmt::format("device password ID: {} (0x{:04X}): M1 carries it and M2 echoes it\n",
                       o.device_password_id, o.device_password_id);
    out += "public key hash: " + to_hex_upper(o.public_key_hash) +
           " (SHA-256 of the owner's 192-octet DH public key, first 20 octets: the peer checks "
           "the key in M1/M2 against it)\n";
    out += "password: " + std::to_string(o.password.size()) +
           " octets; as a device password: " + to_hex_upper(o.password) +
           " (upper-case hex, halves for PSK1/PSK2)\n";
    versions(p->version, p->version2);
  } else if (const auto* r = std::get_if<wsc::HandoverRequest>(&t->body)) {
    j["kind"] = "handover-request";
    j["device_password_id"] = wsc::kHandoverDpid;
    j["public_key_hash"] = to_hex_upper(r->public_key_hash);
    j["uuid_e"] = to_hex(r->uuid_e.view());
    out += "kind: connection handover request (the station's carrier record)\n";
    out += "device password ID: 7 (connection handover: no password; M1 -> M2 with the "
           "credential -> WSC_Done)\n";
    out += "public key hash: " + to_hex_upper(r->public_key_hash) +
           " (the station's key in M1 must hash to it)\n";
    out += "UUID-E: " + to_hex(r->uuid_e.view()) + "\n";
    versions(std::nullopt, r->version2);
  } else if (const auto* sel = std::get_if<wsc::HandoverSelect>(&t->body)) {
    j["kind"] = "handover-select";
    j["device_password_id"] = wsc::kHandoverDpid;
    j["public_key_hash"] = to_hex_upper(sel->public_key_hash);
    j["ssid"] = std::string(as_chars(sel->ssid));
    j["mac_address"] = sel->mac_address ? nlohmann::json(sel->mac_address->str())
                                        : nlohmann::json(nullptr);
    j["ap_channel"] = sel->ap_channel ? nlohmann::json(*sel->ap_channel) : nlohmann::json(nullptr);
    out += "kind: connection handover select (the AP's carrier record)\n";
    out += "device password ID: 7 (connection handover)\n";
    out += "public key hash: " + to_hex_upper(sel->public_key_hash) +
           " (the AP's key in M2 must hash to it)\n";
    out += "SSID: \"" + std::string(as_chars(sel->ssid)) + "\"\n";
    if (sel->mac_address) out += "AP MAC address: " + sel->mac_address->str() + "\n";
    if (sel->ap_channel) out += "AP channel: " + std::to_string(*sel->ap_channel) + "\n";
    versions(std::nullopt, sel->version2);
  } else {
    const auto& c = std::get<wsc::ConfigToken>(t->body);
    j["kind"] = "configuration";
    nlohmann::json creds = nlohmann::json::array();
    out += "kind: configuration token (the network itself: no registration runs)\n";
    for (const auto& cr : c.credentials) {
      const std::string key(cr.network_key.begin(), cr.network_key.end());
      creds.push_back({{"ssid", std::string(as_chars(cr.ssid))},
                       {"auth_type", cr.auth_type},
                       {"encr_type", cr.encr_type},
                       {"network_key", key},
                       {"mac_address", cr.mac_address.str()}});
      out += "credential: SSID \"" + std::string(as_chars(cr.ssid)) + "\", " +
             auth_text(cr.auth_type) + ", " + encr_text(cr.encr_type) + ", network key \"" + key +
             "\", MAC address " + cr.mac_address.str() + "\n";
    }
    j["credentials"] = creds;
    j["rf_bands"] = c.rf_bands ? nlohmann::json(*c.rf_bands) : nlohmann::json(nullptr);
    j["ap_channel"] = c.ap_channel ? nlohmann::json(*c.ap_channel) : nlohmann::json(nullptr);
    j["mac_address"] = c.mac_address ? nlohmann::json(c.mac_address->str())
                                     : nlohmann::json(nullptr);
    if (c.rf_bands) {
      out += fmt::format("RF bands: 0x{:02X}", *c.rf_bands) +
             (*c.rf_bands == 1   ? " (2.4 GHz)"
              : *c.rf_bands == 2 ? " (5 GHz)"
                                 : "") +
             "\n";
    }
    if (c.ap_channel) out += "AP channel: " + std::to_string(*c.ap_channel) + "\n";
    if (c.mac_address) out += "AP MAC address: " + c.mac_address->str() + "\n";
    versions(c.version, c.version2);
  }
  j["attributes"] = to_hex_upper(t->attributes);
  j["carrier"] = t->carrier;
  if (json) {
    std::printf("%s\n", j.dump().c_str());
  } else {
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return 0;
}

}  // namespace

void register_nfc(CLI::App& app) {
  auto* nfc = app.add_subcommand("nfc", "NFC tokens of the out-of-band method: make and read them");
  nfc->require_subcommand(1);

  static TokenOptions to;
  auto* tok = nfc->add_subcommand(
      "token", "Make a password token: PREFIX.ndef (the tag), PREFIX.key (the owner's keys, 0600); "
               "prints the tag as hex NDEF");
  tok->add_option("--out", to.out, "PREFIX of the two files")->required();
  tok->add_option("--dpid", to.dpid, "device password ID, 16..65535 (default: random)");
  add_command(tok, [] { return make_token(to); });

  static HandoverOptions ho;
  auto* hr = nfc->add_subcommand(
      "handover-request",
      "Make a connection handover request (Device Password ID 7): PREFIX.ndef, PREFIX.key (the "
      "station's key and UUID-E, 0600); prints it as hex NDEF");
  hr->add_option("--out", ho.out, "PREFIX of the two files")->required();
  hr->add_option("--uuid", ho.uuid, "UUID-E of the station (default: random)");
  add_command(hr, [] { return make_handover_request(ho); });

  static ConfigOptions co;
  auto* cfg = nfc->add_subcommand(
      "config-token", "Make a configuration token (the network credential); prints it as hex NDEF");
  cfg->add_option("-c,--config", co.conf,
                  "hostapd.conf to take ssid and wpa_passphrase/wpa_psk from");
  cfg->add_option("--ssid", co.ssid, "SSID (with --passphrase, instead of -c)");
  cfg->add_option("--passphrase", co.passphrase, "WPA2 passphrase, 8..63 characters");
  cfg->add_option("--out", co.out, "also write the tag (binary NDEF) to this file (mode 0600)");
  cfg->add_option("--ap-mac", co.ap_mac, "the AP's MAC address in the token")
      ->capture_default_str();
  cfg->add_option("--rf-bands", co.rf_bands, "RF Bands: 1 = 2.4 GHz, 2 = 5 GHz")
      ->capture_default_str();
  cfg->add_option("--channel", co.channel, "AP Channel attribute (default: none)");
  add_command(cfg, [] { return make_config_token(co); });

  static std::string input;
  static bool json = false;
  auto* rd = nfc->add_subcommand(
      "read", "Decode and explain a WSC token or handover record: a file (binary or hex) or hex");
  rd->add_option("TOKEN", input, "FILE or HEX (NDEF or bare WSC attributes)")->required();
  rd->add_flag("--json", json, "one JSON object");
  add_command(rd, [] { return read_token(input, json); });
}

}  // namespace wpslab
