// hostapd's control-interface commands (the text `hostapd_cli` sends in one datagram), parsed
// without a socket so the parser can be unit-tested and fuzzed. Edge code (ARCHITECTURE §2.2:
// the control interface lives next to io/ and interop/).
//
// parse_command() follows hostapd 2.10's matching, checked against the real daemon: commands are
// case-sensitive; argument-less commands must match exactly ("PING foo" is unknown); commands
// with arguments need the space ("WPS_PIN" alone is unknown). Anything unknown gets
// kUnknownCommand; a known command with bad arguments gets "FAIL\n".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"

namespace wps::ctrl {

inline constexpr std::string_view kUnknownCommand = "UNKNOWN COMMAND\n";
inline constexpr std::string_view kOk = "OK\n";
inline constexpr std::string_view kFail = "FAIL\n";

struct Ping {};
struct Status {};
/// WPS_PIN <any|UUID> <PIN> [timeout s]: hostapd accepts any PIN string here (no checksum).
struct WpsPin {
  std::optional<Uuid> uuid;  ///< nullopt = any
  std::string pin;
  int timeout_s = 0;  ///< 0 = no expiry (hostapd: atoi of the third word)
};
/// WPS_CHECK_PIN <PIN>: `reply` is hostapd's answer, computed here (the PIN without '-' and ' ',
/// "FAIL-CHECKSUM\n" or "FAIL\n").
struct WpsCheckPin {
  std::string reply;
};
struct WpsPbc {};
struct WpsCancel {};
/// WPS_AP_PIN disable | random [timeout] | get | set <PIN> [timeout].
struct WpsApPin {
  enum class Action : std::uint8_t { Disable, Random, Get, Set } action = Action::Get;
  std::string pin;  ///< Set
  /// Seconds the AP PIN stays enabled (Random, Set); hostapd's default is 300, 0 = no limit.
  int timeout_s = 300;
};
/// WPS_NFC_TAG_READ <hex>: a tag's octets (a password token, bare or NDEF); odd or bad hex: FAIL.
struct WpsNfcTagRead {
  Bytes data;
};
/// WPS_NFC_TOKEN WPS | NDEF | enable | disable (anything else: FAIL).
struct WpsNfcToken {
  enum class Action : std::uint8_t { Wps, Ndef, Enable, Disable } action = Action::Wps;
};
/// WPS_NFC_CONFIG_TOKEN WPS | NDEF (anything else: FAIL).
struct WpsNfcConfigToken {
  bool ndef = false;
};
/// NFC_GET_HANDOVER_SEL NDEF|WPS WPS-CR (the second word must be WPS-CR; anything else: FAIL).
struct NfcGetHandoverSel {
  bool ndef = false;
};
/// NFC_REPORT_HANDOVER RESP WPS <request hex> <select hex>: hostapd reads only the request.
/// Another role than RESP, another carrier than WPS, or bad hex: FAIL.
struct NfcReportHandover {
  Bytes request;
  Bytes select;
};
struct WpsGetStatus {};
struct GetConfig {};
struct Attach {};
struct Detach {};
struct Level {
  int level = 0;
};

using Command = std::variant<Ping, Status, WpsPin, WpsCheckPin, WpsPbc, WpsCancel, WpsApPin,
                             WpsNfcTagRead, WpsNfcToken, WpsNfcConfigToken, NfcGetHandoverSel,
                             NfcReportHandover, WpsGetStatus, GetConfig, Attach, Detach, Level>;

/// Parses one request datagram. Errors: CtrlUnknownCommand (reply kUnknownCommand),
/// CtrlBadArgument (reply kFail); offset = where in `request` the problem starts.
Result<Command> parse_command(ByteView request);

/// The reply hostapd gives for a parse error.
std::string_view error_reply(const Error& e);

/// hostapd's WPS_CHECK_PIN answer for `pin` (also used by parse_command).
std::string check_pin_reply(std::string_view pin);

}  // namespace wps::ctrl
