#include "wsc/message.hpp"

#include "wsc/keys.hpp"
#include "wsc/tlv.hpp"

namespace wps::wsc {
namespace {

constexpr std::size_t kAuthTlvLen = 4 + 8;

template <typename T>
Result<ParsedMessage> wrap(MsgType t, Result<T> r, ByteView raw) {
  if (!r.has_value()) return unexpected(r.error());
  return ParsedMessage{t, Message(std::move(r).value()), to_bytes(raw)};
}

}  // namespace

Result<MsgType> peek_message_type(ByteView msg) {
  // The whole framing is checked (a truncated message is reported here, whatever comes first),
  // but nothing is collected: only the first Message Type is kept.
  std::optional<Attr> found;
  WPS_TRY(walk_tlvs(msg, 0, [&](const Attr& a) -> Result<bool> {
    if (!found && a.type == to_u16(AttrType::MessageType)) found = a;
    return true;
  }));
  if (!found) return unexpected(Errc::AttrMissing, 0, to_u16(AttrType::MessageType));
  if (found->value.size() != 1) return unexpected(Errc::AttrBadLength, found->offset, found->type);
  const auto t = static_cast<MsgType>(found->value[0]);
  if (!is_known(t)) return unexpected(Errc::UnknownMessageType, found->offset, found->type);
  return t;
}

Result<void> verify_authenticator(const crypto::AuthKey& auth_key, ByteView prev, ByteView msg) {
  constexpr auto kAuth = to_u16(AttrType::Authenticator);
  std::optional<Attr> last;
  WPS_TRY(walk_tlvs(msg, 0, [&](const Attr& a) -> Result<bool> {
    last = a;
    return true;
  }));
  if (!last) return unexpected(Errc::AuthenticatorNotLast, 0, kAuth);
  if (last->type != kAuth) return unexpected(Errc::AuthenticatorNotLast, last->offset, last->type);
  if (last->value.size() != 8) return unexpected(Errc::AttrBadLength, last->offset, last->type);
  // §7.4: the HMAC covers prev ‖ everything before the Authenticator TLV (= last 12 octets).
  WPS_ASSERT(last->end_offset() == msg.size() && msg.size() >= kAuthTlvLen);
  const Authenticator expect =
      compute_authenticator(auth_key, prev, msg.first(msg.size() - kAuthTlvLen));
  if (!crypto::ct_equal(expect.view(), last->value))
    return unexpected(Errc::AuthenticatorMismatch, last->offset, last->type);
  return ok();
}

Result<ParsedMessage> parse_message(ByteView msg) {
  WPS_TRY_ASSIGN(MsgType t, peek_message_type(msg));
  switch (t) {
    case MsgType::M1: return wrap(t, parse_m1(msg), msg);
    case MsgType::M2: return wrap(t, parse_m2(msg), msg);
    case MsgType::M2D: return wrap(t, parse_m2d(msg), msg);
    case MsgType::M3: return wrap(t, parse_m3(msg), msg);
    case MsgType::M4: return wrap(t, parse_m4(msg), msg);
    case MsgType::M5: return wrap(t, parse_m5(msg), msg);
    case MsgType::M6: return wrap(t, parse_m6(msg), msg);
    case MsgType::M7: return wrap(t, parse_m7(msg), msg);
    case MsgType::M8: return wrap(t, parse_m8(msg), msg);
    case MsgType::WscAck: return wrap(t, parse_wsc_ack(msg), msg);
    case MsgType::WscNack: return wrap(t, parse_wsc_nack(msg), msg);
    case MsgType::WscDone: return wrap(t, parse_wsc_done(msg), msg);
    case MsgType::Beacon:
    case MsgType::ProbeRequest:
    case MsgType::ProbeResponse: break;
  }
  // Discovery message types are not part of the registration protocol (EAP-WSC never carries
  // them); report where the type sits.
  WPS_TRY_ASSIGN(AttrList l, tokenize(msg, 0, TokenizeMode::FramingOnly));
  const Attr* a = l.first(AttrType::MessageType);
  WPS_ASSERT(a != nullptr);
  return unexpected(Errc::WrongMessageType, a->offset, a->type);
}

}  // namespace wps::wsc
