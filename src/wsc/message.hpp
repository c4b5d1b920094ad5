// Message-level helpers for the Enrollee / Registrar engines: peek at the Message Type, verify
// the Authenticator (§7.4), and parse any registration-protocol message into a variant together
// with its raw bytes (the next "previous message").
//
// Recommended order for an engine receiving an M2..M8 payload `raw`:
//   1. WPS_TRY_ASSIGN(auto t, peek_message_type(raw));   // expected-next check (C7)
//   2. WPS_TRY(verify_authenticator(keys.auth_key, last_msg, raw));   // M2: last_msg = M1
//   3. WPS_TRY_ASSIGN(auto sealed, parse_m4(raw));  then open_m4(sealed, auth_key, kwk)
//   4. if (updates_previous_message(t)) last_msg = Bytes(raw)
// (for M2 the keys come from M2's Public Key, so parse_m2 precedes verify_authenticator).
#pragma once

#include <variant>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "crypto/crypto.hpp"
#include "wsc/attr_table.hpp"
#include "wsc/msg_control.hpp"
#include "wsc/msg_m1_m2.hpp"
#include "wsc/msg_m3_m4.hpp"
#include "wsc/msg_m5_m6.hpp"
#include "wsc/msg_m7_m8.hpp"

namespace wps::wsc {

/// The Message Type of a WSC payload, without decoding anything else.
/// Errors: AttrTruncated (framing, as tokenize FramingOnly); AttrMissing (no Message Type;
/// offset 0, attr 0x1022); AttrBadLength (its length is not 1); UnknownMessageType (value not
/// in MsgType; offset of the TLV, attr 0x1022).
Result<MsgType> peek_message_type(ByteView msg);

/// True for M1..M8: the messages that become M_prev of the next Authenticator. False for M2D,
/// WSC_ACK, WSC_NACK, WSC_Done and the discovery types (§7.4).
constexpr bool updates_previous_message(MsgType t) {
  return t == MsgType::M1 || t == MsgType::M2 ||
         (static_cast<std::uint8_t>(t) >= static_cast<std::uint8_t>(MsgType::M3) &&
          static_cast<std::uint8_t>(t) <= static_cast<std::uint8_t>(MsgType::M8));
}

/// Verifies the Authenticator of `msg` (M2..M8): it must be the final TLV, and equal the first
/// 8 octets of HMAC-SHA-256(AuthKey, prev ‖ msg[0 .. size-12]), compared in constant time.
/// Errors: AttrTruncated (framing); AuthenticatorNotLast (the last TLV is not an Authenticator,
/// or the message is empty; offset/attr of the last TLV, or 0/0x1005 when empty); AttrBadLength
/// (Authenticator length != 8); AuthenticatorMismatch (offset of the Authenticator TLV, attr
/// 0x1005).
Result<void> verify_authenticator(const crypto::AuthKey& auth_key, ByteView prev, ByteView msg);

/// Any registration-protocol message, decoded (Encrypted Settings still sealed).
using Message = std::variant<M1, M2, M2D, M3, SealedM4, SealedM5, SealedM6, SealedM7, SealedM8,
                             WscAck, WscNack, WscDone>;

/// A decoded message plus an owned copy of its payload.
struct ParsedMessage {
  MsgType type = MsgType::M1;
  Message msg;
  Bytes raw;  ///< the payload as received: keep it as M_prev when updates_previous_message(type)
};

/// peek_message_type() then the matching parse_*(). Does not verify the Authenticator.
/// Errors: those of peek_message_type() and of the parse_* function; WrongMessageType (offset
/// of the Message Type TLV, attr 0x1022) for Beacon / Probe Request / Probe Response, which are
/// not registration-protocol messages.
Result<ParsedMessage> parse_message(ByteView msg);

}  // namespace wps::wsc
