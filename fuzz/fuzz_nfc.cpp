// Fuzz target: reading an NFC token (src/wsc/nfc), the way `wpslab nfc read` and a tag read
// take it — bare WSC attributes or an NDEF message, from a tag anyone can write. Checks beyond
// memory safety: a token that reads re-encodes to the same WSC attributes when it is one the
// daemons would write (a password token, a handover request or select), a configuration token
// has a credential, and the NDEF wrapper round-trips its payload.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "wsc/nfc.hpp"

namespace {
void check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace wps;
  const ByteView in(data, size);
  auto t = wsc::read_token(in);
  if (!t) return 0;
  if (const auto* p = std::get_if<wsc::PasswordToken>(&t->body)) {
    check(p->oob.password.size() <= 32);
    check(p->oob.device_password_id >= wsc::kFirstTokenDpid ||
          p->oob.device_password_id == wsc::kHandoverDpid);
    // What we would write for it reads back to the same password.
    auto again = wsc::read_token(wsc::ndef_wrap(wsc::build_password_token(p->oob)));
    check(again.has_value());
    check(std::get<wsc::PasswordToken>(again->body).oob == p->oob);
  } else if (const auto* r = std::get_if<wsc::HandoverRequest>(&t->body)) {
    // A handover request we would write for it reads back to the same hash and UUID-E.
    auto again = wsc::read_token(wsc::build_handover_request(r->public_key_hash, r->uuid_e));
    check(again.has_value() && again->carrier);
    const auto& r2 = std::get<wsc::HandoverRequest>(again->body);
    check(r2.public_key_hash == r->public_key_hash && r2.uuid_e == r->uuid_e);
  } else if (const auto* s = std::get_if<wsc::HandoverSelect>(&t->body)) {
    if (s->mac_address && s->ssid.size() <= 32) {
      auto again = wsc::read_token(wsc::ndef_wrap(wsc::build_handover_select(
          s->public_key_hash, s->ssid, *s->mac_address, s->rf_bands, s->ap_channel)));
      check(again.has_value());
      const auto& s2 = std::get<wsc::HandoverSelect>(again->body);
      check(s2.public_key_hash == s->public_key_hash && s2.ssid == s->ssid &&
            s2.mac_address == s->mac_address && s2.ap_channel == s->ap_channel);
    }
  } else {
    const auto& c = std::get<wsc::ConfigToken>(t->body);
    check(!c.credentials.empty());
  }
  if (t->attributes.size() <= wsc::kNdefMaxPayload) {
    const Bytes w = wsc::ndef_wrap(t->attributes);
    auto p = wsc::ndef_payload(w);
    check(p.has_value() && p->size() == t->attributes.size());
  }
  return 0;
}
