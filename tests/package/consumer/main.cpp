// One WSC registration (M1..M8) between wpslab's Enrollee and Registrar through the installed
// public API, with the production random generator; exits 0 when the enrollee received exactly
// the network the registrar was given, 1 otherwise (with the reason on stderr).
#include <cstdio>
#include <string_view>

#include "crypto/crypto.hpp"
#include "wps/local_run.hpp"
#include "wps/pin.hpp"
#include "wps/pin_store.hpp"

int main() {
  using namespace wps;
  constexpr std::string_view kPin = "12345670";
  constexpr std::string_view kSsid = "consumer-net";
  constexpr std::string_view kPassphrase = "consumer-passphrase";
  if (auto check = proto::check_pin(kPin); !check.ok()) {
    std::fprintf(stderr, "consumer: %s\n", check.reason.c_str());
    return 1;
  }

  proto::EnrolleeConfig ec;
  ec.uuid = Uuid({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
  ec.mac = MacAddr({0x02, 0, 0, 0, 0x0b, 0x01});
  ec.device = {"consumer", "STA", "1", "1", {1, wsc::kWfaDeviceTypeOui, 1}, "consumer-sta"};
  ec.device_password = crypto::to_secret(as_bytes(kPin));

  proto::PinStore pins;
  pins.add(kPin);
  proto::RegistrarConfig rc;
  rc.device = {"consumer", "AP", "1", "2", {6, wsc::kWfaDeviceTypeOui, 1}, "consumer-ap"};
  rc.pins = &pins;
  wsc::Credential net;
  net.ssid = to_bytes(kSsid);
  net.network_key = crypto::to_secret(as_bytes(kPassphrase));
  rc.network = net;

  crypto::SystemRng erng, rrng;
  auto run = proto::run_local_registration(std::move(ec), erng, std::move(rc), rrng);
  if (!run.enrollee_ok || !run.registrar_ok) {
    std::fprintf(stderr, "consumer: the registration failed after %zu messages\n",
                 run.steps.size());
    return 1;
  }
  const auto& creds = run.enrollee_ok->credentials;
  if (creds.size() != 1 || !equal(creds[0].ssid, as_bytes(kSsid)) ||
      !equal(crypto::view(creds[0].network_key), as_bytes(kPassphrase))) {
    std::fprintf(stderr, "consumer: the enrollee received another credential\n");
    return 1;
  }
  std::printf("consumer: %zu messages, credential for %.*s received\n", run.steps.size(),
              static_cast<int>(kSsid.size()), kSsid.data());
  return 0;
}
