#include "ctrl/command.hpp"

#include <charconv>
#include <vector>

#include "interop/hostapd_conf.hpp"
#include "wps/pin.hpp"

namespace wps::ctrl {

namespace {

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> w;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) w.push_back(s.substr(i, j - i));
    i = j;
  }
  return w;
}

/// C atoi(): leading digits (optional sign) or 0, as hostapd reads timeouts.
int atoi_like(std::string_view s) {
  int v = 0;
  const char* b = s.data();
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) ++b;
  auto r = std::from_chars(b, s.data() + s.size(), v);
  if (r.ec != std::errc()) return 0;
  return (!s.empty() && s[0] == '-') ? -v : v;
}

bool starts_with(std::string_view s, std::string_view p) {
  return s.substr(0, p.size()) == p;
}

}  // namespace

std::string check_pin_reply(std::string_view pin) {
  // hostapd: '-' and ' ' are dropped, anything else that is not a digit fails; 4 digits are
  // returned as they are, 8 digits need a valid checksum.
  std::string digits;
  for (char c : pin) {
    if (c == '-' || c == ' ') continue;
    if (c < '0' || c > '9') return std::string(kFail);
    digits.push_back(c);
  }
  if (digits.size() == 4) return digits;
  if (digits.size() != 8) return std::string(kFail);
  std::uint32_t first7 = 0;
  for (int i = 0; i < 7; ++i) first7 = first7 * 10 + static_cast<std::uint32_t>(digits[i] - '0');
  if (proto::pin_checksum(first7) != digits[7] - '0') return "FAIL-CHECKSUM\n";
  return digits;
}

Result<Command> parse_command(ByteView request) {
  std::string_view s(reinterpret_cast<const char*>(request.data()), request.size());
  // hostapd_cli sends no trailing newline; a stray one (e.g. from socat) is not part of it.
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  if (s == "PING") return Command{Ping{}};
  if (s == "STATUS") return Command{Status{}};
  if (s == "WPS_PBC") return Command{WpsPbc{}};
  if (s == "WPS_CANCEL") return Command{WpsCancel{}};
  if (s == "WPS_GET_STATUS") return Command{WpsGetStatus{}};
  if (s == "GET_CONFIG") return Command{GetConfig{}};
  if (s == "ATTACH") return Command{Attach{}};
  if (s == "DETACH") return Command{Detach{}};
  if (starts_with(s, "LEVEL ")) return Command{Level{atoi_like(s.substr(6))}};
  if (starts_with(s, "WPS_PIN ")) {
    auto w = words(s.substr(8));
    if (w.size() < 2) return unexpected(Errc::CtrlBadArgument, 8);
    WpsPin p;
    if (w[0] != "any") {
      p.uuid = interop::parse_uuid(w[0]);
      if (!p.uuid) return unexpected(Errc::CtrlBadArgument, 8);
    }
    p.pin = std::string(w[1]);
    if (w.size() >= 3) p.timeout_s = atoi_like(w[2]);
    return Command{std::move(p)};
  }
  if (starts_with(s, "WPS_CHECK_PIN ")) return Command{WpsCheckPin{check_pin_reply(s.substr(14))}};
  if (starts_with(s, "WPS_AP_PIN ")) {
    auto w = words(s.substr(11));
    WpsApPin a;
    if (w.empty()) return unexpected(Errc::CtrlBadArgument, 11);
    if (w[0] == "disable") {
      a.action = WpsApPin::Action::Disable;
    } else if (w[0] == "get") {
      a.action = WpsApPin::Action::Get;
    } else if (w[0] == "random") {
      a.action = WpsApPin::Action::Random;
      if (w.size() >= 2) a.timeout_s = atoi_like(w[1]);
    } else if (w[0] == "set" && w.size() >= 2) {
      a.action = WpsApPin::Action::Set;
      a.pin = std::string(w[1]);
      if (w.size() >= 3) a.timeout_s = atoi_like(w[2]);
    } else {
      return unexpected(Errc::CtrlBadArgument, 11);
    }
    return Command{std::move(a)};
  }
  if (starts_with(s, "WPS_NFC_TAG_READ ")) {
    // hostapd: hexstr2bin over the whole argument; an odd length or a non-hex digit is FAIL.
    std::string_view h = s.substr(17);
    auto b = h.size() % 2 == 0 ? from_hex(h) : std::nullopt;
    if (!b) return unexpected(Errc::CtrlBadArgument, 17);
    return Command{WpsNfcTagRead{std::move(*b)}};
  }
  if (starts_with(s, "WPS_NFC_TOKEN ")) {
    std::string_view a = s.substr(14);
    WpsNfcToken t;
    if (a == "WPS") {
      t.action = WpsNfcToken::Action::Wps;
    } else if (a == "NDEF") {
      t.action = WpsNfcToken::Action::Ndef;
    } else if (a == "enable") {
      t.action = WpsNfcToken::Action::Enable;
    } else if (a == "disable") {
      t.action = WpsNfcToken::Action::Disable;
    } else {
      return unexpected(Errc::CtrlBadArgument, 14);
    }
    return Command{t};
  }
  if (starts_with(s, "WPS_NFC_CONFIG_TOKEN ")) {
    std::string_view a = s.substr(21);
    if (a != "WPS" && a != "NDEF") return unexpected(Errc::CtrlBadArgument, 21);
    return Command{WpsNfcConfigToken{a == "NDEF"}};
  }
  if (starts_with(s, "NFC_GET_HANDOVER_SEL ")) {
    auto w = words(s.substr(21));
    if (w.size() != 2 || (w[0] != "NDEF" && w[0] != "WPS") || w[1] != "WPS-CR") {
      return unexpected(Errc::CtrlBadArgument, 21);
    }
    return Command{NfcGetHandoverSel{w[0] == "NDEF"}};
  }
  if (starts_with(s, "NFC_REPORT_HANDOVER ")) {
    auto w = words(s.substr(20));
    if (w.size() != 4 || w[0] != "RESP" || w[1] != "WPS") {
      return unexpected(Errc::CtrlBadArgument, 20);
    }
    auto req = w[2].size() % 2 == 0 ? from_hex(w[2]) : std::nullopt;
    auto sel = w[3].size() % 2 == 0 ? from_hex(w[3]) : std::nullopt;
    if (!req || !sel) return unexpected(Errc::CtrlBadArgument, 20);
    return Command{NfcReportHandover{std::move(*req), std::move(*sel)}};
  }
  return unexpected(Errc::CtrlUnknownCommand);
}

std::string_view error_reply(const Error& e) {
  return e.code == Errc::CtrlBadArgument ? kFail : kUnknownCommand;
}

}  // namespace wps::ctrl
