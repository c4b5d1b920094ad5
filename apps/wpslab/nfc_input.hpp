// NFC tokens given on the command line: `FILE|HEX` (a file holding the tag's octets or their hex
// text, or the hex itself: NDEF or bare WSC attributes, as the daemons' *_tag_read take them) and
// the owner's key file of `wpslab nfc token` (hostapd's wps_nfc_* keys).
#pragma once

#include <optional>
#include <string>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "wps/nfc_password.hpp"
#include "wsc/nfc.hpp"

namespace wpslab {

/// The octets of `arg`: a file (binary, or hex text; spaces and ':' ignored) or hex. nullopt
/// with `err` set when it is neither.
std::optional<wps::Bytes> token_input(const std::string& arg, std::string& err);
/// One line on why `data` is not a token (the offset and the form it was read in).
std::string token_error(const wps::Error& e, wps::ByteView data);
/// A token of the given kind from `arg`; nullopt with `err` set (malformed, or the other kind).
std::optional<wps::wsc::PasswordToken> password_token_input(const std::string& arg,
                                                            std::string& err);
/// What a password token or a handover request/select commits to: the public key hash and the
/// Device Password ID (7 for handover). nullopt with `err` set for anything else.
std::optional<wps::wsc::OobDevicePassword> key_commitment_input(const std::string& arg,
                                                                std::string& err);
std::optional<wps::wsc::ConfigToken> config_token_input(const std::string& arg, std::string& err);
/// The owner's token from PREFIX.key (or from the file PREFIX itself when it is the key file):
/// the wps_nfc_* keys, checked. nullopt with `err` set.
std::optional<wps::proto::GeneratedToken> own_token_input(const std::string& prefix,
                                                          std::string& err);

/// The key file of `wpslab nfc handover-request` (PREFIX.key or the file PREFIX): the request's
/// key and the UUID-E it was made for. nullopt with `err` set.
struct HandoverKey {
  wps::proto::GeneratedToken key;
  std::optional<wps::Uuid> uuid;
};
std::optional<HandoverKey> handover_key_input(const std::string& prefix, std::string& err);
/// A handover select (the AP's carrier record) from FILE|HEX.
std::optional<wps::wsc::HandoverSelect> handover_select_input(const std::string& arg,
                                                              std::string& err);

}  // namespace wpslab
