#include "wsc/codec_util.hpp"

#include "wsc/keys.hpp"

namespace wps::wsc::detail {

std::uint8_t u8_of(const Attr& a) {
  WPS_ASSERT(a.value.size() == 1);
  return a.value[0];
}
std::uint16_t u16_of(const Attr& a) {
  WPS_ASSERT(a.value.size() == 2);
  return static_cast<std::uint16_t>((a.value[0] << 8) | a.value[1]);
}
std::uint32_t u32_of(const Attr& a) {
  WPS_ASSERT(a.value.size() == 4);
  return (std::uint32_t{a.value[0]} << 24) | (std::uint32_t{a.value[1]} << 16) |
         (std::uint32_t{a.value[2]} << 8) | a.value[3];
}

Result<const Attr*> need(const AttrList& list, AttrType t) {
  if (const Attr* a = list.first(t)) return a;
  return unexpected(Errc::AttrMissing, list.base_offset(), to_u16(t));
}

Result<std::uint8_t> need_u8(const AttrList& list, AttrType t) {
  WPS_TRY_ASSIGN(const Attr* a, need(list, t));
  return u8_of(*a);
}
Result<std::uint16_t> need_u16(const AttrList& list, AttrType t) {
  WPS_TRY_ASSIGN(const Attr* a, need(list, t));
  return u16_of(*a);
}
Result<std::uint32_t> need_u32(const AttrList& list, AttrType t) {
  WPS_TRY_ASSIGN(const Attr* a, need(list, t));
  return u32_of(*a);
}
Result<std::string> need_text(const AttrList& list, AttrType t) {
  WPS_TRY_ASSIGN(const Attr* a, need(list, t));
  return text_of(*a);
}
Result<DeviceType> need_device_type(const AttrList& list, AttrType t) {
  WPS_TRY_ASSIGN(const Attr* a, need(list, t));
  return DeviceType::decode(a->value);
}

std::optional<std::uint8_t> opt_u8(const AttrList& list, AttrType t) {
  if (const Attr* a = list.first(t)) return u8_of(*a);
  return std::nullopt;
}
std::optional<std::uint16_t> opt_u16(const AttrList& list, AttrType t) {
  if (const Attr* a = list.first(t)) return u16_of(*a);
  return std::nullopt;
}
std::optional<bool> opt_bool(const AttrList& list, AttrType t) {
  // Any non-zero octet means true, as hostapd reads these flags.
  if (const Attr* a = list.first(t)) return u8_of(*a) != 0;
  return std::nullopt;
}
std::optional<std::string> opt_text(const AttrList& list, AttrType t) {
  if (const Attr* a = list.first(t)) return text_of(*a);
  return std::nullopt;
}

Result<AttrList> open_message(ByteView msg, MsgType expected, const Schema& schema) {
  WPS_TRY_ASSIGN(AttrList list, tokenize(msg));
  WPS_TRY_ASSIGN(const Attr* type, need(list, AttrType::MessageType));
  const auto got = static_cast<MsgType>(u8_of(*type));
  if (!is_known(got)) return unexpected(Errc::UnknownMessageType, type->offset, type->type);
  if (got != expected) return unexpected(Errc::WrongMessageType, type->offset, type->type);
  WPS_TRY(check_schema(list, schema));
  return list;
}

Result<AttrList> open_container(ByteView data, std::size_t base_offset, const Schema& schema) {
  WPS_TRY_ASSIGN(AttrList list, tokenize(data, base_offset));
  WPS_TRY(check_schema(list, schema));
  return list;
}

TlvWriter start_message(MsgType t) {
  // Room for the largest registration message (M1/M2 with WFA extension: ~450 octets) so that
  // building one costs one allocation.
  TlvWriter w(kMessageCapacity);
  // Version is fixed at 0x10 for compatibility; the real version is WFA Version2 (§4, §13.6).
  w.u8(AttrType::Version, kVersion1);
  w.u8(AttrType::MessageType, static_cast<std::uint8_t>(t));
  return w;
}

Bytes finish_authenticated(TlvWriter&& w, const crypto::AuthKey& auth_key, ByteView prev) {
  // §7.4: HMAC over the previous message ‖ this message up to the Authenticator TLV.
  Authenticator a = compute_authenticator(auth_key, prev, w.view());
  w.bytes(AttrType::Authenticator, a.view());
  return w.take();
}

void write_encrypted_settings(TlvWriter& w, ByteView settings_tlvs, const crypto::AuthKey& ak,
                              const crypto::KeyWrapKey& kwk, const Iv& iv) {
  // IV ‖ ciphertext written in place (the value encrypt_settings() would return).
  const std::size_t mark = w.begin_nested(AttrType::EncryptedSettings);
  w.append(iv.view());
  w.append(encrypt_settings_ciphertext(settings_tlvs, ak, kwk, iv));
  w.end_nested(mark);
}

void write_device_text(TlvWriter& w, AttrType t, const std::string& s) {
  // WPS-FACTS §6.1: hostapd sends a single space for an empty device string because some
  // deployed implementations fail on zero-length attributes.
  if (s.empty())
    w.text(t, " ");
  else
    w.text(t, s);
}

void write_device_info(TlvWriter& w, const DeviceInfo& d) {
  write_device_text(w, AttrType::Manufacturer, d.manufacturer);
  write_device_text(w, AttrType::ModelName, d.model_name);
  write_device_text(w, AttrType::ModelNumber, d.model_number);
  write_device_text(w, AttrType::SerialNumber, d.serial_number);
  auto pdt = d.primary_device_type.encode();
  w.bytes(AttrType::PrimaryDeviceType, pdt);
  write_device_text(w, AttrType::DeviceName, d.device_name);
}

Result<DeviceInfo> read_device_info(const AttrList& list) {
  DeviceInfo d;
  WPS_TRY_ASSIGN(d.manufacturer, need_text(list, AttrType::Manufacturer));
  WPS_TRY_ASSIGN(d.model_name, need_text(list, AttrType::ModelName));
  WPS_TRY_ASSIGN(d.model_number, need_text(list, AttrType::ModelNumber));
  WPS_TRY_ASSIGN(d.serial_number, need_text(list, AttrType::SerialNumber));
  WPS_TRY_ASSIGN(d.primary_device_type, need_device_type(list, AttrType::PrimaryDeviceType));
  WPS_TRY_ASSIGN(d.device_name, need_text(list, AttrType::DeviceName));
  return d;
}

crypto::SecretBytes encode_one_secret(AttrType type, ByteView value) {
  SecretTlvWriter w(4 + value.size());  // Type(2) + Length(2) + Value
  w.bytes(type, value);
  return w.take();
}

}  // namespace wps::wsc::detail

namespace wps::wsc {

std::array<std::uint8_t, 8> DeviceType::encode() const {
  return {static_cast<std::uint8_t>(category >> 8),
          static_cast<std::uint8_t>(category),
          oui[0],
          oui[1],
          oui[2],
          oui[3],
          static_cast<std::uint8_t>(subcategory >> 8),
          static_cast<std::uint8_t>(subcategory)};
}

DeviceType DeviceType::decode(ByteView v) {
  WPS_ASSERT(v.size() == 8);
  DeviceType t;
  t.category = static_cast<std::uint16_t>((v[0] << 8) | v[1]);
  t.oui = {v[2], v[3], v[4], v[5]};
  t.subcategory = static_cast<std::uint16_t>((v[6] << 8) | v[7]);
  return t;
}

}  // namespace wps::wsc
