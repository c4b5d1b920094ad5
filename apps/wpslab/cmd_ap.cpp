// `wpslab ap`: an 802.1X authenticator with the internal WPS Registrar on a wired interface
// (hostapd driver=wired + eap_server=1 + wps_state=2), interoperating with wpa_supplicant -D wired.
#include <cstdio>
#include <optional>
#include <sstream>
#include <string>
#include <unistd.h>

#include "apps/wpslab/commands.hpp"
#include "apps/wpslab/link_runner.hpp"
#include "crypto/crypto.hpp"
#include "ctrl/ap_control.hpp"
#include "ctrl/server.hpp"
#include "interop/hostapd_conf.hpp"
#include "interop/services.hpp"
#include "io/line_reader.hpp"
#include "wps/pin.hpp"
#include "wsc/nfc.hpp"

namespace wpslab {
namespace {

struct ApOptions {
  std::string iface;
  std::string conf;
  std::string pin;
  std::string ap_pin;
  std::size_t fragment_size = 0;
  std::string pcap;
  std::string keylog;
  bool json = false;
  bool verbose = false;
  int exit_after = 0;
  bool no_stdin = false;
  std::string ctrl_interface;
};

int usage_error(const std::string& msg) {
  std::fprintf(stderr, "wpslab ap: %s\n", msg.c_str());
  return 1;
}

bool pin_ok(const std::string& p, std::string& why) {
  auto r = wps::proto::check_pin(p);
  why = r.reason;
  return r.ok();
}

wps::Uuid uuid_from_mac(const wps::MacAddr& m, std::uint8_t role) {
  // A stable UUID per interface (hostapd derives one from the MAC when uuid= is not set).
  std::array<std::uint8_t, 16> u{0x77, 0x70, 0x73, 0x6c, 0x61, 0x62, 0x40, role, 0x80, 0x00};
  for (int i = 0; i < 6; ++i) u[10 + i] = m.get()[i];
  return wps::Uuid(u);
}

int run_ap(const ApOptions& o) {
  wps::interop::HostapdConf conf;
  if (!o.conf.empty()) {
    try {
      conf = wps::interop::load_hostapd_conf(o.conf);
    } catch (const wps::interop::ConfError& e) {
      return usage_error(o.conf + ": " + e.what());
    }
  } else {
    conf.ssid = "wpslab";
    conf.wpa_passphrase = "wpslab-passphrase";
    conf.wps_state = 2;
    conf.eap_server = true;
  }
  std::string iface = o.iface.empty() ? conf.interface : o.iface;
  if (iface.empty()) return usage_error("no interface (--iface or interface= in the config)");
  if (conf.ssid.empty()) return usage_error("no ssid in the config");
  if (!conf.wpa_passphrase && !conf.wpa_psk)
    return usage_error("no wpa_passphrase or wpa_psk in the config");
  if (conf.wps_state == 0) return usage_error("wps_state=0: WPS is disabled in the config");
  if (!conf.eap_server)
    return usage_error("eap_server=0: the internal EAP server (eap_server=1) is needed");
  std::string why;
  if (!o.pin.empty() && !pin_ok(o.pin, why)) return usage_error("--pin " + o.pin + ": " + why);
  std::optional<std::string> ap_pin = o.ap_pin.empty() ? conf.ap_pin
                                                       : std::optional<std::string>(o.ap_pin);
  if (ap_pin && !pin_ok(*ap_pin, why)) return usage_error("AP PIN " + *ap_pin + ": " + why);
  std::size_t frag = o.fragment_size ? o.fragment_size : conf.fragment_size.value_or(1400);
  if (frag < 50 || frag > 65535) return usage_error("--fragment-size must be 50..65535");

  std::unique_ptr<LinkRunner> link;
  try {
    link = std::make_unique<LinkRunner>(LinkOptions{iface, o.pcap, o.keylog, o.json, o.verbose});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "wpslab ap: %s\n", e.what());
    return 2;
  }
  auto& loop = link->loop();
  const wps::MacAddr own = link->socket().mac();
  for (const auto& n : conf.notices) link->log("notice", n, loop.now());

  wps::crypto::SystemRng rng;
  wps::interop::ApServiceConfig sc;
  sc.own_mac = own;
  wps::Uuid uuid = conf.uuid.value_or(uuid_from_mac(own, 1));
  auto& rc = sc.registrar;
  rc.uuid = uuid;
  rc.device = conf.device;
  rc.config_methods = conf.config_methods;
  rc.os_version = conf.os_version;
  rc.setup_locked = conf.ap_setup_locked;
  rc.network = conf.credential();
  rc.keylog = !o.keylog.empty();
  if (ap_pin) {
    if (conf.ap_setup_locked) {
      link->log(
          "notice",
          "ap_setup_locked=1: external registrars (AP PIN) are refused at M2 (WSC_NACK error 15)",
          loop.now());
    }
    {
      wps::proto::EnrolleeConfig ec;
      ec.uuid = uuid;
      ec.mac = own;
      ec.device = conf.device;
      ec.config_methods = conf.config_methods;
      ec.os_version = conf.os_version;
      ec.wps_state = conf.wps_state == 2 ? wps::wsc::WpsState::Configured
                                         : wps::wsc::WpsState::NotConfigured;
      ec.device_password = wps::crypto::to_secret(wps::as_bytes(*ap_pin));
      wps::wsc::Credential apset = conf.credential();
      apset.network_index.reset();
      apset.mac_address = own;
      ec.ap_settings = apset;
      ec.eap_peer = false;
      ec.keylog = !o.keylog.empty();
      sc.ap_enrollee = ec;
    }
    // hostapd's lock policy for failed AP-PIN proofs (wps/ap_setup_lock.hpp).
    sc.lock.policy = wps::proto::LockPolicy::Hostapd;
    sc.lock.locked_forever = conf.ap_setup_locked;
  }
  sc.fragment_size = frag;
  if (!o.pin.empty()) sc.static_pin = o.pin;
  std::optional<wps::proto::EnrolleeConfig> ap_template;
  if (sc.ap_enrollee) {
    ap_template = *sc.ap_enrollee;
    ap_template->device_password.clear();
  }
  wps::interop::ApService ap(sc, rng);

  // hostapd's control interface (hostapd_cli -p DIR -i IFACE): --ctrl-interface or the conf's
  // ctrl_interface=, with ctrl_interface_group for the socket's group.
  std::optional<std::string> ctrl_dir =
      o.ctrl_interface.empty() ? conf.ctrl_interface : std::optional<std::string>(o.ctrl_interface);
  std::unique_ptr<wps::ctrl::Server> ctrl_server;
  std::unique_ptr<wps::ctrl::ApControl> ctrl;
  if (ctrl_dir) {
    wps::ctrl::ApInfo info;
    info.iface = iface;
    info.bssid = own;
    info.ssid = conf.ssid;
    info.passphrase = conf.wpa_passphrase;
    if (conf.wpa_psk) {
      info.psk_hex = *conf.wpa_psk;
    } else {
      auto psk = wps::crypto::pbkdf2_sha1(wps::as_bytes(*conf.wpa_passphrase),
                                          wps::as_bytes(conf.ssid), 4096, 32);
      if (psk) info.psk_hex = wps::to_hex(wps::crypto::view(*psk));
    }
    info.configured = conf.wps_state == 2;
    if (!conf.ap_setup_locked) {
      if (ap_template) {
        info.ap_enrollee_template = ap_template;
      } else {
        wps::proto::EnrolleeConfig ec;
        ec.uuid = uuid;
        ec.mac = own;
        ec.device = conf.device;
        ec.config_methods = conf.config_methods;
        ec.os_version = conf.os_version;
        ec.wps_state = conf.wps_state == 2 ? wps::wsc::WpsState::Configured
                                           : wps::wsc::WpsState::NotConfigured;
        wps::wsc::Credential apset = conf.credential();
        apset.network_index.reset();
        apset.mac_address = own;
        ec.ap_settings = apset;
        ec.eap_peer = false;
        ec.keylog = !o.keylog.empty();
        info.ap_enrollee_template = ec;
      }
    }
    if (sc.ap_enrollee) info.ap_pin = ap_pin;
    try {
      info.nfc_token = wps::interop::nfc_token_of(conf);
    } catch (const wps::interop::ConfError& e) {
      std::fprintf(stderr, "wpslab ap: %s: %s\n", o.conf.c_str(), e.what());
      link->finish();
      return 1;
    }
    try {
      ctrl_server = std::make_unique<wps::ctrl::Server>(*ctrl_dir, iface,
                                                        conf.ctrl_interface_group.value_or(""));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "wpslab ap: ctrl_interface: %s\n", e.what());
      link->finish();
      return 2;
    }
    ctrl = std::make_unique<wps::ctrl::ApControl>(ap, std::move(info), rng);
    link->log("ctrl", "ctrl_interface " + ctrl_server->path(), loop.now());
  }

  bool done = false;
  auto flush = [&](wps::TimePoint now) {
    while (auto out = ap.poll()) {
      if (ctrl && out->kind == wps::interop::ServiceOutput::Kind::Note) ctrl->on_note(out->note);
      link->handle(*out, now);
    }
    if (ctrl) {
      for (const auto& e : ctrl->take_events()) ctrl_server->broadcast(3, e);
    }
    if (o.exit_after > 0 && ap.successes() >= o.exit_after && !done) {
      done = true;
      link->log("exit", std::to_string(ap.successes()) + " registration(s) done", now);
      loop.stop();
    }
  };

  {
    std::ostringstream s;
    s << "interface " << iface << " mac " << own.str() << " ssid " << conf.ssid << " uuid "
      << wps::interop::uuid_str(uuid) << " fragment_size " << frag
      << (o.pin.empty() ? "" : " static-pin") << (sc.ap_enrollee ? " ap-pin" : "");
    link->log("ready", s.str(), loop.now());
  }

  loop.watch(link->socket().fd(), [&](wps::TimePoint now) {
    while (auto f = link->socket().receive()) {
      link->record_rx(*f, now);
      ap.on_frame(*f, now);
      flush(now);
    }
  });
  if (ctrl_server) {
    loop.watch(ctrl_server->fd(), [&](wps::TimePoint now) {
      ctrl_server->on_readable([&](wps::ByteView req, bool attached, bool& attach, bool& detach) {
        return ctrl->handle(req, attached, attach, detach, now);
      });
      flush(now);
    });
  }
  std::optional<wps::io::LineReader> ctl;
  if (!o.no_stdin) {
    ctl.emplace(STDIN_FILENO);
    loop.watch(STDIN_FILENO, [&](wps::TimePoint now) {
      for (const std::string& line : ctl->read_lines()) {
        std::istringstream in(line);
        std::string cmd, a, b;
        in >> cmd >> a >> b;
        if (cmd.empty()) continue;
        if (cmd == "pin") {
          // `pin PIN`, `pin PIN any|UUID` or hostapd_cli's order `pin any|UUID PIN`.
          std::string p = a, who = b;
          if (a == "any" || wps::interop::parse_uuid(a)) std::swap(p, who);
          std::optional<wps::Uuid> u;
          if (!who.empty() && who != "any") u = wps::interop::parse_uuid(who);
          std::string w;
          if (!pin_ok(p, w) || (!who.empty() && who != "any" && !u)) {
            link->log("control", "FAIL " + line + (w.empty() ? "" : ": " + w), now);
            continue;
          }
          ap.add_pin(p, u, now);
          flush(now);
        } else if (cmd == "pbc") {
          if (!ap.push_button(now)) link->log("control", "FAIL pbc: PBC session overlap", now);
          flush(now);
        } else if (cmd == "cancel") {
          (void)ap.cancel_pbc(now);
          flush(now);
        } else if (cmd == "wps_nfc_tag_read" || cmd == "nfc") {
          // A station's NFC password token, as hostapd_cli wps_nfc_tag_read HEX.
          auto data = wps::from_hex(a);
          auto t = data ? wps::wsc::read_token(*data)
                        : wps::Result<wps::wsc::Token>(wps::unexpected(wps::Errc::BadValue));
          const auto* p = t ? std::get_if<wps::wsc::PasswordToken>(&t->body) : nullptr;
          if (!p || p->oob.device_password_id < wps::wsc::kFirstTokenDpid) {
            link->log("control", "FAIL " + cmd + ": not a password token", now);
            continue;
          }
          ap.add_nfc_token(p->oob, now);
          flush(now);
        } else if (cmd == "quit") {
          loop.stop();
        } else {
          link->log("control", "FAIL unknown command: " + line, now);
        }
      }
      if (ctl->eof()) loop.unwatch(STDIN_FILENO);
    });
  }
  // Between frames: keep a DH key ready for the next M1 (see wps/dh_pool.hpp).
  loop.set_idle([&](wps::TimePoint) { return ap.idle_work(); });
  loop.set_deadline([&] { return ap.next_deadline(); },
                    [&](wps::TimePoint now) {
                      ap.on_deadline(now);
                      flush(now);
                    });
  int sig = 0;
  try {
    sig = loop.run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "wpslab ap: %s\n", e.what());
    link->finish();
    return 2;
  }
  if (sig) link->log("exit", "signal " + std::to_string(sig), loop.now());
  link->finish();
  return 0;
}

}  // namespace

void register_ap(CLI::App& app) {
  static ApOptions o;
  auto* sub = app.add_subcommand(
      "ap",
      "802.1X authenticator + internal WPS Registrar on a wired interface (like hostapd driver=wired)");
  sub->add_option("--iface,-i", o.iface, "interface (default: interface= of the config)");
  sub->add_option("-c,--config", o.conf, "hostapd.conf to read")->check(CLI::ExistingFile);
  sub->add_option("--pin", o.pin, "accept this PIN from any enrollee (static)");
  sub->add_option("--ap-pin", o.ap_pin, "AP PIN for external registrars (overrides ap_pin=)");
  sub->add_option("--fragment-size", o.fragment_size,
                  "EAP-WSC fragment size (overrides fragment_size=)");
  sub->add_option("--pcap", o.pcap, "write the EAPOL frames sent and received to this pcap");
  sub->add_option("--keylog", o.keylog, "write key log lines LABEL <enrollee-mac> <hex>");
  sub->add_flag("--json", o.json, "one JSON object per line per event");
  sub->add_flag("--verbose,-v", o.verbose, "also print engine traces");
  sub->add_option("--exit-after", o.exit_after, "exit after N successful registrations");
  sub->add_flag("--no-stdin", o.no_stdin,
                "do not read control commands (pin PIN, pbc, cancel, wps_nfc_tag_read HEX, quit) "
                "from stdin");
  sub->add_option("--ctrl-interface", o.ctrl_interface,
                  "serve hostapd's control interface in DIR (hostapd_cli -p DIR -i IFACE); "
                  "default: ctrl_interface= of the config");
  add_command(sub, [] { return run_ap(o); });
}

}  // namespace wpslab
