#include "ctrl/ap_control.hpp"

#include "crypto/secret.hpp"
#include "interop/hostapd_conf.hpp"
#include "wps/pin.hpp"

namespace wps::ctrl {

namespace {

std::string field(const interop::Note& n, std::string_view k) {
  for (const auto& [key, v] : n.fields)
    if (key == k) return v;
  return {};
}

}  // namespace

ApControl::ApControl(interop::ApService& ap, ApInfo info, Rng& rng)
    : ap_(ap), info_(std::move(info)), rng_(rng), ap_pin_(info_.ap_pin) {}

std::vector<std::string> ApControl::take_events() {
  // hostapd reports WPS-SUCCESS after WPS-REG-SUCCESS and WPS-PBC-DISABLE of the same run.
  if (success_pending_) {
    event("WPS-SUCCESS ");
    success_pending_ = false;
  }
  std::vector<std::string> out;
  out.swap(events_);
  return out;
}

void ApControl::on_note(const interop::Note& n) {
  if (n.event == "pbc-active") {
    pbc_status_ = "Active";
    event("WPS-PBC-ACTIVE ");
  } else if (n.event == "pbc-disable") {
    pbc_status_ = "Disabled";
    event("WPS-PBC-DISABLE ");
  } else if (n.event == "pbc-timeout") {
    pbc_status_ = "Timed-out";
    event("WPS-TIMEOUT ");
  } else if (n.event == "ap-setup-locked") {
    event("WPS-AP-SETUP-LOCKED ");
  } else if (n.event == "ap-setup-unlocked") {
    event("WPS-AP-SETUP-UNLOCKED ");
  } else if (n.event == "ap-pin-disabled") {
    ap_pin_.reset();
    event("WPS-AP-PIN-DISABLED ");
  } else if (n.event == "overlap-detected") {
    pbc_status_ = "Overlap";
    event("WPS-OVERLAP-DETECTED ");
  } else if (n.event == "pin-needed" && n.mac) {
    event("WPS-PIN-NEEDED " + field(n, "uuid_e") + " " + n.mac->str() + " [" +
          field(n, "device_name") + "|" + field(n, "manufacturer") + "|" + field(n, "model_name") +
          "|" + field(n, "model_number") + "|" + field(n, "serial_number") + "|" +
          field(n, "device_type") + "]");
  } else if (n.event == "success" && n.mac) {
    last_result_ = "Success";
    peer_ = n.mac;
    if (field(n, "role") == "ap-enrollee") {
      event("WPS-NEW-AP-SETTINGS ");
    } else {
      event("WPS-REG-SUCCESS " + n.mac->str() + " " + field(n, "uuid_e"));
    }
    success_pending_ = true;
  } else if (n.event == "failure" && n.mac) {
    std::string msg = field(n, "msg");
    if (field(n, "at") == "M2D") {
      // hostapd reports an M1 answered with M2D only when it refused a PBC M1 for a session
      // overlap (WPS-FAIL msg=4 config_error=12, wps_process_m1); an M2D because it has no
      // password for the enrollee is no failure (WPS-PIN-NEEDED says what is missing).
      if (field(n, "config_error") != "12") return;
      msg = "4";
    }
    last_result_ = "Failed";
    peer_ = n.mac;
    event("WPS-FAIL msg=" + msg + " config_error=" + field(n, "config_error"));
  }
}

std::string ApControl::status() const {
  // hostapd 2.10's STATUS for a wired BSS (same keys, same order; radio fields are zero).
  std::string s =
      "state=ENABLED\nphy=\nfreq=0\nnum_sta_non_erp=0\nnum_sta_no_short_slot_time=0\n"
      "num_sta_no_short_preamble=0\nolbc=0\nnum_sta_ht_no_gf=0\nnum_sta_no_ht=0\n"
      "num_sta_ht_20_mhz=0\nnum_sta_ht40_intolerant=0\nolbc_ht=0\nht_op_mode=0x0\n"
      "cac_time_seconds=0\ncac_time_left_seconds=N/A\nchannel=0\nedmg_enable=0\n"
      "edmg_channel=0\nsecondary_channel=0\nieee80211n=0\nieee80211ac=0\nieee80211ax=0\n"
      "beacon_int=100\ndtim_period=2\n";
  s += "bss[0]=" + info_.iface + "\n";
  s += "bssid[0]=" + info_.bssid.str() + "\n";
  s += "ssid[0]=" + info_.ssid + "\n";
  s += "num_sta[0]=" + std::to_string(ap_.sessions()) + "\n";
  return s;
}

std::string ApControl::get_config() const {
  std::string s = "bssid=" + info_.bssid.str() + "\nssid=" + info_.ssid + "\n";
  s += std::string("wps_state=") + (info_.configured ? "configured" : "not configured") + "\n";
  if (info_.passphrase) s += "passphrase=" + *info_.passphrase + "\n";
  s += "psk=" + info_.psk_hex + "\n";
  s += "wpa=2\nkey_mgmt=WPA-PSK\ngroup_cipher=CCMP\nrsn_pairwise_cipher=CCMP\n";
  return s;
}

std::string ApControl::wps_get_status() const {
  std::string s = "PBC Status: " + pbc_status_ + "\nLast WPS result: " + last_result_ + "\n";
  if (peer_ && last_result_ != "None") s += "Peer Address: " + peer_->str() + "\n";
  return s;
}

void ApControl::set_ap_pin(std::optional<std::string> pin, TimePoint now, int timeout_s) {
  ap_pin_ = std::move(pin);
  if (!ap_pin_ || !info_.ap_enrollee_template) {
    ap_.disable_ap_pin();
    return;
  }
  proto::EnrolleeConfig e = *info_.ap_enrollee_template;
  e.device_password = crypto::to_secret(as_bytes(*ap_pin_));
  std::optional<TimePoint> expires;
  if (timeout_s > 0) expires = now + std::chrono::seconds(timeout_s);
  ap_.enable_ap_pin(std::move(e), now, expires);
}

std::string ApControl::handle(ByteView request, bool attached, bool& attach, bool& detach,
                              TimePoint now) {
  auto cmd = parse_command(request);
  if (!cmd) return std::string(error_reply(cmd.error()));
  return std::visit(
      [&](auto&& c) -> std::string {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, Ping>) {
          return "PONG\n";
        } else if constexpr (std::is_same_v<T, Status>) {
          return status();
        } else if constexpr (std::is_same_v<T, WpsPin>) {
          std::optional<TimePoint> exp;
          if (c.timeout_s > 0) exp = now + std::chrono::seconds(c.timeout_s);
          ap_.add_pin(c.pin, c.uuid, now, exp);
          return std::string(kOk);
        } else if constexpr (std::is_same_v<T, WpsCheckPin>) {
          return c.reply;
        } else if constexpr (std::is_same_v<T, WpsPbc>) {
          return ap_.push_button(now) ? std::string(kOk) : std::string(kFail);
        } else if constexpr (std::is_same_v<T, WpsCancel>) {
          // hostapd's wps_cancel ends PBC mode through its walk-time path (WPS-TIMEOUT, status
          // Timed-out), then reports WPS-CANCEL; the service's "pbc-cancel" note adds nothing.
          if (ap_.cancel_pbc(now)) {
            pbc_status_ = "Timed-out";
            event("WPS-TIMEOUT ");
          }
          event("WPS-CANCEL ");
          return std::string(kOk);
        } else if constexpr (std::is_same_v<T, WpsApPin>) {
          switch (c.action) {
            case WpsApPin::Action::Disable:
              set_ap_pin(std::nullopt, now, 0);
              return std::string(kOk);
            case WpsApPin::Action::Get: return ap_pin_ ? *ap_pin_ : std::string(kFail);
            case WpsApPin::Action::Random: {
              std::string p = proto::generate_pin(rng_);
              set_ap_pin(p, now, c.timeout_s);
              return p;
            }
            case WpsApPin::Action::Set: set_ap_pin(c.pin, now, c.timeout_s); return c.pin;
          }
          return std::string(kFail);
        } else if constexpr (std::is_same_v<T, WpsGetStatus>) {
          return wps_get_status();
        } else if constexpr (std::is_same_v<T, GetConfig>) {
          return get_config();
        } else if constexpr (std::is_same_v<T, Attach>) {
          attach = true;
          return std::string(kOk);
        } else if constexpr (std::is_same_v<T, Detach>) {
          if (!attached) return std::string(kFail);
          detach = true;
          return std::string(kOk);
        } else {
          static_assert(std::is_same_v<T, Level>);
          return attached ? std::string(kOk) : std::string(kFail);
        }
      },
      *cmd);
}

}  // namespace wps::ctrl
