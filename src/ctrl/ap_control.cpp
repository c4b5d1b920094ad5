#include "ctrl/ap_control.hpp"

#include "crypto/secret.hpp"
#include "interop/hostapd_conf.hpp"
#include "wps/nfc_password.hpp"
#include "wps/pin.hpp"
#include "wsc/nfc.hpp"

namespace wps::ctrl {

namespace {

std::string field(const interop::Note& n, std::string_view k) {
  for (const auto& [key, v] : n.fields)
    if (key == k) return v;
  return {};
}

}  // namespace

ApControl::ApControl(interop::ApService& ap, ApInfo info, Rng& rng)
    : ap_(ap),
      info_(std::move(info)),
      rng_(rng),
      ap_pin_(info_.ap_pin),
      token_fixed_(info_.nfc_token.has_value()) {}

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

std::string ApControl::nfc_tag_read(ByteView data, TimePoint now) {
  // hostapd_wps_nfc_tag_read: a password token with a token ID is stored for the Registrar;
  // anything else (a configuration token, a handover message) is ignored with FAIL.
  auto t = wsc::read_token(data);
  if (!t) return std::string(kFail);
  const auto* p = std::get_if<wsc::PasswordToken>(&t->body);
  if (!p || p->oob.device_password_id < wsc::kFirstTokenDpid) return std::string(kFail);
  ap_.add_nfc_token(p->oob, now);
  return std::string(kOk);
}

std::string ApControl::nfc_token(WpsNfcToken::Action a) {
  using A = WpsNfcToken::Action;
  if (a == A::Disable) {
    ap_.set_own_nfc_token(std::nullopt, std::nullopt);
    return "";
  }
  if (a == A::Enable) {
    if (!info_.nfc_token) return std::string(kFail);
    ap_.set_own_nfc_token(info_.nfc_token->own, info_.ap_enrollee_template);
    return "";
  }
  // hostapd_wps_nfc_token_gen: without wps_nfc_* in the config, every call makes a new token
  // (key pair, password, ID), which becomes the one `enable` uses.
  if (!token_fixed_) {
    auto made = proto::generate_password_token(rng_);
    if (!made) return std::string(kFail);
    info_.nfc_token = std::move(*made);
  }
  Bytes tag = wsc::build_password_token(info_.nfc_token->token);
  if (a == A::Ndef) tag = wsc::ndef_wrap(tag);
  return to_hex_upper(tag) + "\n";
}

std::string ApControl::nfc_config_token(bool ndef) const {
  // hostapd's wps_get_oob_cred: the network (the Credential's MAC Address is all zero), RF
  // Bands (2.4 GHz), the AP's own address, Version2. No AP Channel on a wired interface.
  wsc::Credential c;
  c.ssid = to_bytes(info_.ssid);
  c.network_key = crypto::to_secret(as_bytes(info_.passphrase ? *info_.passphrase : info_.psk_hex));
  Bytes tag = wsc::build_config_token(c, wsc::RfBand::Band24GHz, std::nullopt, info_.bssid);
  if (ndef) tag = wsc::ndef_wrap(tag);
  return to_hex_upper(tag) + "\n";
}

std::string ApControl::nfc_handover_select(bool ndef) {
  // hostapd_wps_nfc_hs_cr: the AP's existing NFC key, or a new one with ID 7.
  if (!info_.nfc_token) {
    auto made = proto::generate_password_token(rng_, wsc::kHandoverDpid);
    if (!made) return std::string(kFail);
    made->own.password.text.clear();
    info_.nfc_token = std::move(*made);
  }
  // No RF Bands and no AP Channel: a wired interface has no frequency (hostapd's select there
  // carries neither).
  Bytes sel = wsc::build_handover_select(info_.nfc_token->token.public_key_hash,
                                         as_bytes(info_.ssid), info_.bssid);
  if (ndef) sel = wsc::ndef_wrap(sel);
  return to_hex_upper(sel) + "\n";
}

std::string ApControl::nfc_report_handover(const NfcReportHandover& c) {
  // hostapd_wps_nfc_report_handover: only the request is read; it must be a handover request.
  auto t = wsc::read_token(c.request);
  if (!t || !info_.nfc_token) return std::string(kFail);
  const auto* r = std::get_if<wsc::HandoverRequest>(&t->body);
  if (!r) return std::string(kFail);
  ap_.report_handover(r->public_key_hash, info_.nfc_token->own);
  return std::string(kOk);
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
        } else if constexpr (std::is_same_v<T, WpsNfcTagRead>) {
          return nfc_tag_read(c.data, now);
        } else if constexpr (std::is_same_v<T, WpsNfcToken>) {
          return nfc_token(c.action);
        } else if constexpr (std::is_same_v<T, WpsNfcConfigToken>) {
          return nfc_config_token(c.ndef);
        } else if constexpr (std::is_same_v<T, NfcGetHandoverSel>) {
          return nfc_handover_select(c.ndef);
        } else if constexpr (std::is_same_v<T, NfcReportHandover>) {
          return nfc_report_handover(c);
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
