#include "apps/wpslab/nfc_input.hpp"

#include <fmt/format.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "interop/hostapd_conf.hpp"

namespace wpslab {

using namespace wps;

std::optional<Bytes> token_input(const std::string& arg, std::string& err) {
  std::string text = arg;
  std::ifstream in(arg, std::ios::binary);
  if (in) {
    Bytes raw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bool hex_text = !raw.empty();
    for (std::uint8_t c : raw) {
      if (!std::isxdigit(c) && !std::isspace(c)) hex_text = false;
    }
    if (!hex_text) return raw;
    text.assign(raw.begin(), raw.end());
  }
  std::string compact;
  for (char c : text) {
    if (!std::isspace(static_cast<unsigned char>(c)) && c != ':') compact.push_back(c);
  }
  auto b = from_hex(compact);
  if (!b || b->empty()) {
    err = "not a file, and not hex: " + (arg.size() > 40 ? arg.substr(0, 40) + "…" : arg);
    return std::nullopt;
  }
  return b;
}

std::string token_error(const Error& e, ByteView data) {
  std::string where = e.attr ? fmt::format(" in attribute 0x{:04X}", e.attr) : "";
  std::string what = e.code == Errc::BadLength   ? "shorter than 4 octets"
                     : e.code == Errc::Truncated ? "truncated"
                     : e.code == Errc::TooLarge  ? "payload length over 20000"
                     : e.code == Errc::AttrMissing && e.attr == 0
                         ? "no application/vnd.wfa.wsc record"
                     : e.code == Errc::AttrMissing ? "neither a password token (0x102C) nor a "
                                                     "configuration token (0x100E)"
                                                   : std::string(to_string(e.code));
  return "malformed token: " + what + where + " at offset " + std::to_string(e.offset) +
         (!data.empty() && data[0] == 0x10 ? " (WSC attributes)" : " (NDEF)");
}

namespace {

std::optional<wsc::Token> token_of(const std::string& arg, std::string& err) {
  auto data = token_input(arg, err);
  if (!data) return std::nullopt;
  auto t = wsc::read_token(*data);
  if (!t) {
    err = token_error(t.error(), *data);
    return std::nullopt;
  }
  return std::move(*t);
}

}  // namespace

std::optional<wsc::PasswordToken> password_token_input(const std::string& arg, std::string& err) {
  auto t = token_of(arg, err);
  if (!t) return std::nullopt;
  if (auto* p = std::get_if<wsc::PasswordToken>(&t->body)) return std::move(*p);
  err = std::holds_alternative<wsc::ConfigToken>(t->body)
            ? "a configuration token, not a password token"
            : "a connection handover record, not a password token";
  return std::nullopt;
}

std::optional<wsc::OobDevicePassword> key_commitment_input(const std::string& arg,
                                                           std::string& err) {
  auto t = token_of(arg, err);
  if (!t) return std::nullopt;
  wsc::OobDevicePassword o;
  o.device_password_id = wsc::kHandoverDpid;
  if (auto* p = std::get_if<wsc::PasswordToken>(&t->body)) return std::move(p->oob);
  if (auto* r = std::get_if<wsc::HandoverRequest>(&t->body)) {
    o.public_key_hash = r->public_key_hash;
    return o;
  }
  if (auto* se = std::get_if<wsc::HandoverSelect>(&t->body)) {
    o.public_key_hash = se->public_key_hash;
    return o;
  }
  err = "a configuration token: it commits to no public key";
  return std::nullopt;
}

std::optional<wsc::ConfigToken> config_token_input(const std::string& arg, std::string& err) {
  auto t = token_of(arg, err);
  if (!t) return std::nullopt;
  if (auto* c = std::get_if<wsc::ConfigToken>(&t->body)) return std::move(*c);
  err = std::holds_alternative<wsc::PasswordToken>(t->body)
            ? "a password token, not a configuration token"
            : "a connection handover record, not a configuration token";
  return std::nullopt;
}

std::optional<proto::GeneratedToken> own_token_input(const std::string& prefix, std::string& err) {
  std::string path = prefix + ".key";
  if (!std::filesystem::exists(path) && std::filesystem::is_regular_file(prefix)) path = prefix;
  try {
    auto conf = interop::load_hostapd_conf(path);
    auto t = interop::nfc_token_of(conf);
    if (!t) {
      err = path + ": no wps_nfc_* keys (make a token with: wpslab nfc token --out PREFIX)";
      return std::nullopt;
    }
    return t;
  } catch (const interop::ConfError& e) {
    err = path + ": " + e.what();
    return std::nullopt;
  }
}

std::optional<HandoverKey> handover_key_input(const std::string& prefix, std::string& err) {
  std::string path = prefix + ".key";
  if (!std::filesystem::exists(path) && std::filesystem::is_regular_file(prefix)) path = prefix;
  try {
    auto conf = interop::load_hostapd_conf(path);
    auto k = interop::handover_key_of(conf);
    if (!k) {
      err = path + ": no wps_nfc_dh_privkey (make one with: wpslab nfc handover-request --out "
                   "PREFIX)";
      return std::nullopt;
    }
    return HandoverKey{std::move(*k), conf.uuid};
  } catch (const interop::ConfError& e) {
    err = path + ": " + e.what();
    return std::nullopt;
  }
}

std::optional<wsc::HandoverSelect> handover_select_input(const std::string& arg, std::string& err) {
  auto t = token_of(arg, err);
  if (!t) return std::nullopt;
  if (auto* s = std::get_if<wsc::HandoverSelect>(&t->body)) return std::move(*s);
  err = "not a connection handover select";
  return std::nullopt;
}

}  // namespace wpslab
