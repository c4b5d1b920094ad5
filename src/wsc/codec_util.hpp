// INTERNAL helpers shared by the msg_*.cpp files (not part of the wsc API; engines and the
// analyzer use the msg_*.hpp functions instead). All readers take a Strict-tokenized AttrList,
// whose lengths already match the attribute table, so decoding a present value cannot fail.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "crypto/crypto.hpp"
#include "wsc/encrypted_settings.hpp"
#include "wsc/schema.hpp"
#include "wsc/tlv.hpp"
#include "wsc/types.hpp"

namespace wps::wsc::detail {

std::uint8_t u8_of(const Attr& a);
std::uint16_t u16_of(const Attr& a);
std::uint32_t u32_of(const Attr& a);
inline std::string text_of(const Attr& a) {
  return std::string(as_chars(a.value));
}
template <typename F>
F fixed_of(const Attr& a) {
  auto v = F::from(a.value);
  WPS_ASSERT(v.has_value());  // the tokenizer enforced the table length
  return *v;
}

/// The first attribute of type t, or AttrMissing (offset = list.base_offset(), attr = t).
Result<const Attr*> need(const AttrList& list, AttrType t);

template <typename F>
Result<F> need_fixed(const AttrList& list, AttrType t) {
  WPS_TRY_ASSIGN(const Attr* a, need(list, t));
  return fixed_of<F>(*a);
}
Result<std::uint8_t> need_u8(const AttrList& list, AttrType t);
Result<std::uint16_t> need_u16(const AttrList& list, AttrType t);
Result<std::uint32_t> need_u32(const AttrList& list, AttrType t);
Result<std::string> need_text(const AttrList& list, AttrType t);
Result<DeviceType> need_device_type(const AttrList& list, AttrType t);

template <typename F>
std::optional<F> opt_fixed(const AttrList& list, AttrType t) {
  if (const Attr* a = list.first(t)) return fixed_of<F>(*a);
  return std::nullopt;
}
std::optional<std::uint8_t> opt_u8(const AttrList& list, AttrType t);
std::optional<std::uint16_t> opt_u16(const AttrList& list, AttrType t);
std::optional<bool> opt_bool(const AttrList& list, AttrType t);
std::optional<std::string> opt_text(const AttrList& list, AttrType t);

/// Parse prologue shared by M1..M8, M2D, ACK/NACK/Done: tokenize (Strict), Message Type present
/// and == expected (else AttrMissing / UnknownMessageType / WrongMessageType), then the schema.
/// The returned list views `msg`.
Result<AttrList> open_message(ByteView msg, MsgType expected, const Schema& schema);

/// tokenize (Strict) + schema, for frames without Message Type (discovery IEs) and for
/// decrypted settings.
Result<AttrList> open_container(ByteView data, std::size_t base_offset, const Schema& schema);

/// Initial capacity of a message builder (octets).
inline constexpr std::size_t kMessageCapacity = 512;

/// Builder prologue: Version 0x10, Message Type.
TlvWriter start_message(MsgType t);
/// Appends Authenticator = compute_authenticator(auth_key, prev, <everything so far>).
Bytes finish_authenticated(TlvWriter&& w, const crypto::AuthKey& auth_key, ByteView prev);

/// The plaintext settings of M4, M5 and M6: one secret-nonce attribute. The buffer is sized for
/// it up front (header + value), so it is written without regrowing; that also lets GCC see the
/// value fits (otherwise -O3 reports a false -Warray-bounds on the append's non-growing path).
crypto::SecretBytes encode_one_secret(AttrType type, ByteView value);

/// Appends Encrypted Settings = encrypt_settings(settings_tlvs, ...) (KWA added there).
void write_encrypted_settings(TlvWriter& w, ByteView settings_tlvs, const crypto::AuthKey& ak,
                              const crypto::KeyWrapKey& kwk, const Iv& iv);

/// A device string; empty is sent as a single space (hostapd interop rule, WPS-FACTS §6.1).
void write_device_text(TlvWriter& w, AttrType t, const std::string& s);
/// Manufacturer, Model Name, Model Number, Serial Number, Primary Device Type, Device Name.
void write_device_info(TlvWriter& w, const DeviceInfo& d);
Result<DeviceInfo> read_device_info(const AttrList& list);

/// Encrypted Settings handling shared by open_m4..open_m8: decrypt `value` (decrypt_settings)
/// and hand the plaintext to `parse` (offsets in the plaintext frame).
template <typename Settings, typename ParseFn>
Result<Settings> open_settings(ByteView value, const crypto::AuthKey& ak,
                               const crypto::KeyWrapKey& kwk, ParseFn parse) {
  WPS_TRY_ASSIGN(crypto::SecretBytes plain, decrypt_settings(value, ak, kwk));
  return parse(crypto::view(plain), std::size_t{0});
}

/// What parse_m4..parse_m8 read after their clear-text fields: the Encrypted Settings value
/// (kept sealed until the Authenticator is checked) and the vendor extensions.
template <typename Sealed>
Result<void> read_sealed_rest(const AttrList& l, Sealed& m) {
  WPS_TRY_ASSIGN(const Attr* es, need(l, AttrType::EncryptedSettings));
  m.encrypted_settings = to_bytes(es->value);
  WPS_TRY_ASSIGN(VendorExtensions ve, parse_vendor_extensions(l));
  m.wfa_ext = std::move(ve.wfa);
  m.vendor_ext = std::move(ve.other);
  return ok();
}

/// What open_m4..open_m8 share: decrypt and parse the settings, take their IV and the vendor
/// extensions. The caller copies its clear-text fields (nonce, R-Hashes).
template <typename Msg, typename Sealed, typename ParseFn>
Result<Msg> open_sealed(const Sealed& sealed, const crypto::AuthKey& ak,
                        const crypto::KeyWrapKey& kwk, ParseFn parse) {
  using Settings = decltype(Msg::settings);
  WPS_TRY_ASSIGN(Settings s, open_settings<Settings>(sealed.encrypted_settings, ak, kwk, parse));
  Msg m;
  m.iv = settings_iv(sealed.encrypted_settings);
  m.settings = std::move(s);
  m.wfa_ext = sealed.wfa_ext;
  m.vendor_ext = sealed.vendor_ext;
  return m;
}

}  // namespace wps::wsc::detail
