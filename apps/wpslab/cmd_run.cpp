// `wpslab run`: the STA-PIN registration between our Enrollee (the station) and our Registrar
// (the AP's internal registrar) in one process, printing every message and the credential.
#include <fmt/format.h>

#include <cstdio>
#include <string>

#include "apps/wpslab/commands.hpp"
#include "crypto/crypto.hpp"
#include "wps/local_run.hpp"
#include "wps/pin.hpp"
#include "wsc/wsc.hpp"

namespace wpslab {
namespace {

struct RunOptions {
  std::string pin = "12345670";
  std::string ap_pin;  // PIN entered at the AP; defaults to --pin (empty = none: M2D)
  bool no_ap_pin = false;
  std::string ssid = "wpslab";
  std::string passphrase = "wpslab-passphrase";
  std::uint64_t seed = 1;
};

std::string short_hex(wps::ByteView v, std::size_t n = 6) {
  auto h = wps::to_hex(v.first(std::min(n, v.size())));
  return v.size() > n ? h + ".." : h;
}

/// One line of detail per message: the attributes a reader wants to see at that step.
std::string details(const wps::proto::SendMessage& m) {
  using wps::wsc::MsgType;
  auto p = wps::wsc::parse_message(m.payload);
  if (!p) return "(undecodable: " + wps::describe(p.error()) + ")";
  return std::visit(
      [&](auto&& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, wps::wsc::M1>) {
          return fmt::format("UUID-E {} MAC {} N1 {} PK_E {} DPID {}", short_hex(v.uuid_e.view()),
                             v.mac_address.str(), short_hex(v.enrollee_nonce.view()),
                             short_hex(v.public_key.view()),
                             wps::wsc::device_password_id_name(v.device_password_id));
        } else if constexpr (std::is_same_v<T, wps::wsc::M2>) {
          return fmt::format("N2 {} PK_R {} (keys derived, Authenticator over M1|M2)",
                             short_hex(v.registrar_nonce.view()), short_hex(v.public_key.view()));
        } else if constexpr (std::is_same_v<T, wps::wsc::M2D>) {
          return fmt::format("no PIN for this enrollee yet, config error {}",
                             static_cast<int>(v.config_error));
        } else if constexpr (std::is_same_v<T, wps::wsc::M3>) {
          return fmt::format("E-Hash1 {} E-Hash2 {} (commits to both PIN halves)",
                             short_hex(v.e_hash1.view()), short_hex(v.e_hash2.view()));
        } else if constexpr (std::is_same_v<T, wps::wsc::SealedM4>) {
          return fmt::format("R-Hash1 {} R-Hash2 {} + encrypted R-S1", short_hex(v.r_hash1.view()),
                             short_hex(v.r_hash2.view()));
        } else if constexpr (std::is_same_v<T, wps::wsc::SealedM5>) {
          return "encrypted E-S1 (proves PIN first half)";
        } else if constexpr (std::is_same_v<T, wps::wsc::SealedM6>) {
          return "encrypted R-S2";
        } else if constexpr (std::is_same_v<T, wps::wsc::SealedM7>) {
          return "encrypted E-S2 (proves PIN second half)";
        } else if constexpr (std::is_same_v<T, wps::wsc::SealedM8>) {
          return "encrypted Credential";
        } else if constexpr (std::is_same_v<T, wps::wsc::WscNack>) {
          return fmt::format("configuration error {} ({})", static_cast<int>(v.config_error),
                             wps::wsc::config_error_name(v.config_error));
        } else {
          return "";
        }
      },
      p->msg);
}

int run_registration(const RunOptions& o) {
  using namespace wps;
  if (auto c = proto::check_pin(o.pin); !c.ok()) {
    std::fprintf(stderr, "wpslab run: invalid --pin %s: %s\n", o.pin.c_str(), c.reason.c_str());
    return 1;
  }
  std::string ap_pin = o.ap_pin.empty() ? o.pin : o.ap_pin;
  if (!o.no_ap_pin) {
    if (auto c = proto::check_pin(ap_pin); !c.ok()) {
      std::fprintf(stderr, "wpslab run: invalid --ap-pin %s: %s\n", ap_pin.c_str(),
                   c.reason.c_str());
      return 1;
    }
  }
  if (o.ssid.empty() || o.ssid.size() > 32) {
    std::fprintf(stderr, "wpslab run: --ssid must have 1..32 octets (got %zu)\n", o.ssid.size());
    return 1;
  }
  if (o.passphrase.size() < 8 || o.passphrase.size() > 63) {
    std::fprintf(stderr, "wpslab run: --passphrase must have 8..63 characters (got %zu)\n",
                 o.passphrase.size());
    return 1;
  }

  proto::EnrolleeConfig ec;
  ec.uuid = Uuid({0x57, 0x70, 0x73, 0x6c, 0x61, 0x62, 0x2d, 0x53, 0x54, 0x41, 0, 0, 0, 0, 0, 1});
  ec.mac = MacAddr({0x02, 0x00, 0x00, 0x00, 0x0b, 0x01});
  ec.device = {"wpslab", "wpslab STA", "1", "0001", {1, wsc::kWfaDeviceTypeOui, 1}, "wpslab-sta"};
  ec.device_password = crypto::to_secret(as_bytes(o.pin));
  proto::PinStore pins;
  if (!o.no_ap_pin) pins.add(ap_pin);
  proto::RegistrarConfig rc;
  rc.uuid = Uuid({0x57, 0x70, 0x73, 0x6c, 0x61, 0x62, 0x2d, 0x41, 0x50, 0, 0, 0, 0, 0, 0, 1});
  rc.device = {"wpslab", "wpslab AP", "1", "0002", {6, wsc::kWfaDeviceTypeOui, 1}, "wpslab-ap"};
  rc.pins = &pins;
  wsc::Credential net;
  net.ssid = to_bytes(o.ssid);
  net.network_key = crypto::to_secret(as_bytes(o.passphrase));
  rc.network = net;

  crypto::Drbg erng(o.seed, "enrollee"), rrng(o.seed, "registrar");
  std::printf("wpslab run: STA-PIN registration, Enrollee (station) and Registrar (AP) in one "
              "process, seed %llu\n",
              static_cast<unsigned long long>(o.seed));
  std::printf("PIN typed on the station: %s   PIN entered at the AP: %s\n\n", o.pin.c_str(),
              o.no_ap_pin ? "(none)" : ap_pin.c_str());
  auto run = proto::run_local_registration(ec, erng, rc, rrng);
  std::printf("  #  %-8s %-22s %-8s %6s  %s\n", "STA", "", "AP", "octets", "contents");
  int i = 1;
  for (auto& s : run.steps) {
    auto name = std::string(wsc::msg_type_name(s.msg.type));
    std::string arrow = s.from_enrollee ? fmt::format("{:-<22}>", " " + name + " ")
                                        : fmt::format("<{:->22}", " " + name + " ");
    std::printf("%3d  %-8s %s %-7s %6zu  %s\n", i++, "", arrow.c_str(), "",
                s.msg.payload.size(), details(s.msg).c_str());
  }
  std::printf("\n");
  if (run.enrollee_ok) {
    for (auto& c : run.enrollee_ok->credentials) {
      std::printf("credential: SSID \"%s\", key \"%s\", auth 0x%04x, encr 0x%04x, for %s\n",
                  std::string(as_chars(c.ssid)).c_str(),
                  std::string(c.network_key.begin(), c.network_key.end()).c_str(), c.auth_type,
                  c.encr_type, c.mac_address.str().c_str());
    }
    std::printf("outcome: success\n");
    return 0;
  }
  const auto& f = run.enrollee_failed ? run.enrollee_failed : run.registrar_failed;
  if (f) {
    std::printf("outcome: failed at %s: %s (configuration error %d, %s)\n",
                std::string(wsc::msg_type_name(f->at)).c_str(),
                std::string(to_string(f->reason)).c_str(), static_cast<int>(f->config_error),
                std::string(wsc::config_error_name(f->config_error)).c_str());
  } else {
    std::printf("outcome: no result\n");
  }
  return 2;
}

}  // namespace

void register_run(CLI::App& app) {
  static RunOptions o;
  auto* run = app.add_subcommand(
      "run", "Run the STA-PIN registration (Enrollee and Registrar in one process)");
  run->add_option("--pin", o.pin, "PIN typed on the station (Enrollee)")->capture_default_str();
  run->add_option("--ap-pin", o.ap_pin, "PIN entered at the AP (default: same as --pin)");
  run->add_flag("--no-ap-pin", o.no_ap_pin, "no PIN entered at the AP (the registrar sends M2D)");
  run->add_option("--ssid", o.ssid, "SSID the AP hands out")->capture_default_str();
  run->add_option("--passphrase", o.passphrase, "WPA2 passphrase the AP hands out")
      ->capture_default_str();
  run->add_option("--seed", o.seed, "seed of the deterministic generators")->capture_default_str();
  add_command(run, [] { return run_registration(o); });
}

}  // namespace wpslab
