// `wpslab sta`: supplicant + WPS Enrollee on a wired interface (like wpa_supplicant -D wired
// with `wps_pin`, `wps_pbc` or `wps_nfc`), or with --registrar the external Registrar of an AP
// (AP-PIN method, like `wpa_cli wps_reg`, or with the AP's NFC password token, like `wps_reg
// BSSID nfc-pw`). --nfc-config takes the network from an NFC configuration token: no EAP.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <unistd.h>

#include "apps/wpslab/commands.hpp"
#include "apps/wpslab/link_runner.hpp"
#include "apps/wpslab/nfc_input.hpp"
#include "crypto/crypto.hpp"
#include "interop/hostapd_conf.hpp"
#include "interop/services.hpp"
#include "interop/wpa_conf.hpp"
#include "wps/pbc.hpp"
#include "wps/pin.hpp"

namespace wpslab {
namespace {

struct StaOptions {
  std::string iface;
  std::string pin;
  bool pbc = false;
  bool registrar = false;
  std::string ap_pin;
  std::string nfc_token;     // --nfc-token PREFIX (own token)
  std::string nfc_ap_token;  // --nfc-ap-token FILE|HEX (the AP's token)
  std::string nfc_config;    // --nfc-config FILE|HEX (configuration token)
  std::string nfc_handover;  // --nfc-handover PREFIX (our handover request's key file)
  std::string nfc_select;    // --nfc-handover-select FILE|HEX (the AP's select)
  std::string new_ssid;
  std::string new_passphrase;
  std::size_t fragment_size = 1398;
  std::string pcap;
  std::string keylog;
  std::string write_config;
  double timeout = 60;
  double retry_after = 6;
  double start_period = 1;
  int max_starts = 3;
  int max_rounds = 0;
  std::string uuid;
  bool json = false;
  bool verbose = false;
};

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "wpslab sta: %s\n", msg.c_str());
  return 1;
}

wps::Uuid uuid_from_mac(const wps::MacAddr& m, std::uint8_t role) {
  std::array<std::uint8_t, 16> u{0x77, 0x70, 0x73, 0x6c, 0x61, 0x62, 0x40, role, 0x80, 0x00};
  for (int i = 0; i < 6; ++i) u[10 + i] = m.get()[i];
  return wps::Uuid(u);
}

std::chrono::nanoseconds secs(double s) {
  return std::chrono::nanoseconds(static_cast<std::int64_t>(s * 1e9));
}

/// --nfc-config: the network from a configuration token; no EAP, no interface needed.
int run_nfc_config(const StaOptions& o) {
  std::string err;
  auto ct = config_token_input(o.nfc_config, err);
  if (!ct) return usage_error("--nfc-config: " + err);
  const wps::wsc::Credential& cred = ct->credentials.front();
  auto check = wps::wsc::validate_credential(cred);
  if (!check) {
    std::fprintf(stderr, "wpslab sta: --nfc-config: the token's credential is not usable: %s\n",
                 wps::describe(check.error()).c_str());
    return 2;
  }
  wps::interop::Note n{"credential", std::nullopt, {}, false};
  n.fields.emplace_back("source", "nfc-config-token");
  if (ct->mac_address) n.fields.emplace_back("ap_mac", ct->mac_address->str());
  if (ct->ap_channel) n.fields.emplace_back("channel", std::to_string(*ct->ap_channel));
  wps::interop::add_credential_fields(n, cred);
  print_note(n, wps::TimePoint{}, o.json);
  if (!o.write_config.empty()) {
    if (!wps::interop::write_wpa_supplicant_network(o.write_config, cred, err)) {
      std::fprintf(stderr, "wpslab sta: %s\n", err.c_str());
      return 2;
    }
  }
  return 0;
}

int run_sta(const StaOptions& o) {
  const int nfc_modes = !o.nfc_token.empty() + !o.nfc_ap_token.empty() + !o.nfc_config.empty() +
                        !o.nfc_handover.empty();
  if (nfc_modes > 1) {
    return usage_error(
        "--nfc-token, --nfc-ap-token, --nfc-config and --nfc-handover exclude each other");
  }
  if (o.nfc_handover.empty() != o.nfc_select.empty()) {
    return usage_error("--nfc-handover and --nfc-handover-select go together");
  }
  if (!o.nfc_handover.empty() && o.registrar) {
    return usage_error("--nfc-handover goes without --registrar");
  }
  if (nfc_modes && (o.pbc || !o.pin.empty() || !o.ap_pin.empty())) {
    return usage_error("an NFC token goes without --pin, --pbc and --ap-pin");
  }
  if (!o.nfc_config.empty()) {
    if (o.registrar) return usage_error("--nfc-config goes without --registrar");
    return run_nfc_config(o);
  }
  if (!o.nfc_token.empty() && o.registrar) {
    return usage_error("--nfc-token is the enrollee's own token: without --registrar (the "
                       "external Registrar takes the AP's token: --nfc-ap-token)");
  }
  if (o.iface.empty()) return usage_error("--iface is required");
  if (o.pbc && (o.registrar || !o.pin.empty())) {
    return usage_error("--pbc goes without --pin and --registrar");
  }
  std::optional<wps::proto::GeneratedToken> own_token;
  std::optional<wps::wsc::PasswordToken> ap_token;
  std::string err;
  if (!o.nfc_token.empty() && !(own_token = own_token_input(o.nfc_token, err))) {
    return usage_error("--nfc-token: " + err);
  }
  if (!o.nfc_ap_token.empty() && !(ap_token = password_token_input(o.nfc_ap_token, err))) {
    return usage_error("--nfc-ap-token: " + err);
  }
  if (ap_token && ap_token->oob.device_password_id == wps::wsc::kHandoverDpid) {
    return usage_error("--nfc-ap-token: a handover select (Device Password ID 7), not a "
                       "password token");
  }
  std::optional<HandoverKey> handover;
  std::optional<wps::wsc::HandoverSelect> select;
  if (!o.nfc_handover.empty()) {
    if (!(handover = handover_key_input(o.nfc_handover, err))) {
      return usage_error("--nfc-handover: " + err);
    }
    if (!(select = handover_select_input(o.nfc_select, err))) {
      return usage_error("--nfc-handover-select: " + err);
    }
  }
  const bool nfc = own_token || ap_token || handover;
  // Push button (WPS-FACTS §9): Device Password ID 4 and the password "00000000".
  const std::string pin = o.pbc ? std::string(wps::proto::kPbcPassword)
                                : (o.registrar ? o.ap_pin : o.pin);
  if (pin.empty() && !nfc) {
    return usage_error(o.registrar ? "--registrar needs --ap-pin or --nfc-ap-token"
                                   : "--pin, --pbc, --nfc-token or --nfc-ap-token is required");
  }
  if (!nfc) {
    auto pc = wps::proto::check_pin(pin);
    if (!pc.ok()) return usage_error("PIN " + pin + ": " + pc.reason);
  }
  if (!o.registrar && (!o.new_ssid.empty() || !o.new_passphrase.empty())) {
    return usage_error("--new-ssid/--new-passphrase need --registrar");
  }
  if (o.new_ssid.empty() != o.new_passphrase.empty()) {
    return usage_error("--new-ssid and --new-passphrase go together");
  }
  if (!o.new_ssid.empty() && (o.new_ssid.size() > 32))
    return usage_error("--new-ssid: 1..32 octets");
  if (!o.new_passphrase.empty() && (o.new_passphrase.size() < 8 || o.new_passphrase.size() > 63)) {
    return usage_error("--new-passphrase: 8..63 characters");
  }
  if (o.fragment_size < 50 || o.fragment_size > 65535)
    return usage_error("--fragment-size must be 50..65535");
  if (o.timeout <= 0 || o.retry_after < 0 || o.start_period <= 0)
    return usage_error("bad time value");
  std::optional<wps::Uuid> uuid_opt;
  if (!o.uuid.empty()) {
    uuid_opt = wps::interop::parse_uuid(o.uuid);
    if (!uuid_opt) return usage_error("--uuid: not a UUID");
  }

  std::unique_ptr<LinkRunner> link;
  try {
    link = std::make_unique<LinkRunner>(LinkOptions{o.iface, o.pcap, o.keylog, o.json, o.verbose});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "wpslab sta: %s\n", e.what());
    return 2;
  }
  auto& loop = link->loop();
  const wps::MacAddr own = link->socket().mac();
  const wps::TimePoint t0 = loop.now();
  wps::crypto::SystemRng rng;
  // A handover request named the station's UUID-E: M1 carries the same.
  if (!uuid_opt && handover && handover->uuid) uuid_opt = handover->uuid;
  wps::Uuid uuid = uuid_opt.value_or(uuid_from_mac(own, o.registrar ? 3 : 2));
  wps::wsc::DeviceInfo dev{
      "wpslab", "wpslab STA", "1", "0002", {1, wps::wsc::kWfaDeviceTypeOui, 1}, "wpslab-sta"};

  wps::interop::StaServiceConfig sc;
  sc.own_mac = own;
  sc.retry_after = secs(o.retry_after);
  sc.max_rounds = o.max_rounds;
  // wpa_supplicant does not retry a failed PBC run (NFC-PBC-FACTS §9.3): one round unless asked.
  if (o.pbc && o.max_rounds == 0) sc.max_rounds = 1;
  auto& pcfg = sc.peer;
  pcfg.fragment_size = o.fragment_size;
  pcfg.timers.start_period = secs(o.start_period);
  pcfg.timers.max_starts = o.max_starts;
  // The AP's token, for the external Registrar (one run: the AP's M1 key is checked against it).
  wps::proto::NfcTokenStore er_tokens;
  if (o.registrar) {
    wps::proto::RegistrarConfig rc;
    rc.uuid = uuid;
    rc.device = dev;
    if (ap_token) {
      er_tokens.add(wps::proto::NfcPeerToken::from_token(ap_token->oob));
      rc.nfc_tokens = &er_tokens;
    } else {
      rc.device_password = wps::crypto::to_secret(wps::as_bytes(pin));
    }
    rc.enrollee_is_ap = true;
    rc.eap_peer = true;
    rc.keylog = !o.keylog.empty();
    if (!o.new_ssid.empty()) {
      wps::wsc::Credential c;
      c.ssid = wps::to_bytes(std::string_view(o.new_ssid));
      c.network_key = wps::crypto::to_secret(wps::as_bytes(o.new_passphrase));
      rc.new_ap_settings = c;
    }
    pcfg.registrar = rc;
  } else {
    wps::proto::EnrolleeConfig ec;
    ec.uuid = uuid;
    ec.mac = own;
    ec.device = dev;
    ec.device_password = wps::crypto::to_secret(wps::as_bytes(pin));
    if (o.pbc) ec.password_id = wps::wsc::DevicePasswordId::PushButton;
    // NFC (like wpa_cli wps_nfc): the own token's ID, password and DH key; or the AP's token's
    // ID and password, with M2's key checked against its hash.
    if (own_token) wps::proto::use_nfc_token(ec, own_token->own);
    if (ap_token)
      wps::proto::use_nfc_token(ec, wps::proto::NfcPeerToken::from_token(ap_token->oob));
    // NFC connection handover (like wpa_cli nfc_report_handover INIT): our request's key in M1,
    // the select's hash for M2's key, the Credential from M2.
    if (handover) {
      wps::proto::use_nfc_handover(ec, handover->key.own.dh_private, select->public_key_hash);
    }
    ec.eap_peer = true;
    ec.keylog = !o.keylog.empty();
    pcfg.enrollee = ec;
  }
  wps::interop::StaService sta(sc, rng);

  auto flush = [&](wps::TimePoint now) {
    while (auto out = sta.poll()) link->handle(*out, now);
    if (sta.status() != wps::interop::StaService::Status::Running) loop.stop();
  };
  link->log("ready",
            "interface " + o.iface + " mac " + own.str() + " uuid " + wps::interop::uuid_str(uuid) +
                (o.registrar ? " role registrar" : " role enrollee"),
            t0);
  loop.watch(link->socket().fd(), [&](wps::TimePoint now) {
    while (auto f = link->socket().receive()) {
      link->record_rx(*f, now);
      sta.on_frame(*f, now);
      flush(now);
      if (loop.stopped()) break;
    }
  });
  const wps::TimePoint give_up = t0 + secs(o.timeout);
  bool timed_out = false;
  loop.set_deadline(
      [&]() -> std::optional<wps::TimePoint> {
        auto d = sta.next_deadline();
        if (!d || give_up < *d) return give_up;
        return d;
      },
      [&](wps::TimePoint now) {
        if (now >= give_up) {
          timed_out = true;
          link->log("timeout", "no credential after " + std::to_string(o.timeout) + " s", now);
          loop.stop();
          return;
        }
        sta.on_deadline(now);
        flush(now);
      });
  sta.start(t0);
  flush(t0);
  int sig = 0;
  try {
    if (!loop.stopped()) sig = loop.run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "wpslab sta: %s\n", e.what());
    link->finish();
    return 2;
  }
  link->finish();
  wps::TimePoint end = loop.now();
  if (sig) link->log("exit", "signal " + std::to_string(sig), end);
  const auto& ok = sta.success();
  if (!ok || timed_out) {
    std::string why = "no credential";
    if (const auto& f = sta.last_failure()) {
      if (o.registrar && f->config_error == wps::wsc::ConfigError::SetupLocked) {
        why = "AP setup locked: the AP refuses external registrars (configuration error 15)";
      } else if (f->config_error == wps::wsc::ConfigError::PublicKeyHashMismatch) {
        why = f->by_peer ? "NFC token refused: the AP found that our public key does not match "
                           "the token it read (configuration error 20)"
                         : "NFC token refused: the AP's public key does not match the token's "
                           "public key hash (configuration error 20)";
      } else {
        why += std::string(": ") + std::string(wps::to_string(f->reason)) + " config_error " +
               std::to_string(static_cast<unsigned>(f->config_error));
      }
    }
    link->log("result", why, end);
    return 2;
  }
  const wps::wsc::Credential* cred = nullptr;
  if (!ok->credentials.empty())
    cred = &ok->credentials.front();
  else if (ok->ap_settings)
    cred = &*ok->ap_settings;
  wps::interop::Note n{"credential", std::nullopt, {}, false};
  n.fields.emplace_back("elapsed_s", std::to_string((end - t0).count() * 1e-9));
  n.fields.emplace_back("rounds", std::to_string(sta.rounds()));
  if (cred) wps::interop::add_credential_fields(n, *cred);
  if (o.registrar && !o.new_ssid.empty()) n.fields.emplace_back("pushed_ssid", o.new_ssid);
  link->emit(n, end);
  if (cred && !o.write_config.empty()) {
    std::string err;
    if (!wps::interop::write_wpa_supplicant_network(o.write_config, *cred, err)) {
      std::fprintf(stderr, "wpslab sta: %s\n", err.c_str());
      return 2;
    }
  }
  return 0;
}

}  // namespace

void register_sta(CLI::App& app) {
  static StaOptions o;
  auto* sub = app.add_subcommand(
      "sta", "WPS Enrollee (or --registrar: external Registrar) over 802.1X on a wired interface");
  sub->add_option("--iface,-i", o.iface, "interface (required except with --nfc-config)");
  sub->add_option("--pin", o.pin, "the enrollee's PIN (entered at the AP)");
  sub->add_flag(
      "--pbc", o.pbc,
      "push button instead of a PIN (Device Password ID 4; one round, as wpa_supplicant)");
  sub->add_flag("--registrar", o.registrar, "act as external Registrar of the AP (AP-PIN method)");
  sub->add_option("--ap-pin", o.ap_pin, "with --registrar: the AP's PIN");
  sub->add_option("--nfc-token", o.nfc_token,
                  "enroll with our own NFC password token: PREFIX.key of `wpslab nfc token` "
                  "(the AP read PREFIX.ndef; like wpa_cli wps_nfc)");
  sub->add_option("--nfc-ap-token", o.nfc_ap_token,
                  "the AP's NFC password token (FILE or HEX, NDEF or WSC): enroll with it, or "
                  "with --registrar learn/configure the AP (like wpa_cli wps_reg BSSID nfc-pw)");
  sub->add_option("--nfc-handover", o.nfc_handover,
                  "NFC connection handover: PREFIX.key of `wpslab nfc handover-request` (the AP "
                  "got PREFIX.ndef), with --nfc-handover-select");
  sub->add_option("--nfc-handover-select", o.nfc_select,
                  "the AP's handover select (FILE or HEX): M2's key must match its hash");
  sub->add_option("--nfc-config", o.nfc_config,
                  "take the network from an NFC configuration token (FILE or HEX): no EAP; "
                  "with --write-config");
  sub->add_option("--new-ssid", o.new_ssid, "with --registrar: push this SSID to the AP");
  sub->add_option("--new-passphrase", o.new_passphrase, "with --registrar: push this passphrase");
  sub->add_option("--fragment-size", o.fragment_size, "EAP-WSC fragment size (default 1398)");
  sub->add_option("--pcap", o.pcap, "write the EAPOL frames sent and received to this pcap");
  sub->add_option("--keylog", o.keylog, "write key log lines LABEL <enrollee-mac> <hex>");
  sub->add_option("--write-config", o.write_config,
                  "write the credential as a wpa_supplicant.conf network block");
  sub->add_option("--timeout", o.timeout, "give up after S seconds (default 60)");
  sub->add_option("--retry-after", o.retry_after,
                  "new EAPOL-Start S seconds after an M2D / failed round (default 6)");
  sub->add_option("--start-period", o.start_period, "EAPOL-Start repeat period in s (default 1)");
  sub->add_option("--max-starts", o.max_starts, "EAPOL-Starts per round (default 3)");
  sub->add_option("--max-rounds", o.max_rounds, "give up after N rounds (0 = until --timeout)");
  sub->add_option("--uuid", o.uuid, "UUID-E / UUID-R (default: derived from the MAC)");
  sub->add_flag("--json", o.json, "one JSON object per line per event");
  sub->add_flag("--verbose,-v", o.verbose, "also print engine traces");
  add_command(sub, [] { return run_sta(o); });
}

}  // namespace wpslab
