// M5 / M6. Order [H-enr wps_build_m5; H-reg wps_build_m6; IO pcap]:
//   M5: Version, Type, Registrar Nonce, Encrypted Settings {E-SNonce1, KWA}, Vendor Ext, Auth.
//   M6: Version, Type, Enrollee Nonce, Encrypted Settings {R-SNonce2, KWA}, Vendor Ext, Auth.
#include "wsc/msg_m5_m6.hpp"

#include "wsc/codec_util.hpp"
#include "wsc/schema.hpp"

namespace wps::wsc {

using detail::need_fixed;

crypto::SecretBytes encode_m5_settings(const M5Settings& s) {
  return detail::encode_one_secret(AttrType::ESNonce1, s.e_snonce1.view());
}

Result<M5Settings> parse_m5_settings(ByteView plaintext, std::size_t base_offset) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_container(plaintext, base_offset, kSchemaM5Settings));
  WPS_TRY_ASSIGN(const Attr* a, detail::need(l, AttrType::ESNonce1));
  return M5Settings{*crypto::ESecretNonce1::from(a->value)};
}

crypto::SecretBytes encode_m6_settings(const M6Settings& s) {
  return detail::encode_one_secret(AttrType::RSNonce2, s.r_snonce2.view());
}

Result<M6Settings> parse_m6_settings(ByteView plaintext, std::size_t base_offset) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_container(plaintext, base_offset, kSchemaM6Settings));
  WPS_TRY_ASSIGN(const Attr* a, detail::need(l, AttrType::RSNonce2));
  return M6Settings{*crypto::RSecretNonce2::from(a->value)};
}

Bytes build_m5(const M5& m, const crypto::AuthKey& auth_key, const crypto::KeyWrapKey& key_wrap_key,
               ByteView m4) {
  TlvWriter w = detail::start_message(MsgType::M5);
  w.bytes(AttrType::RegistrarNonce, m.registrar_nonce.view());
  const crypto::SecretBytes inner = encode_m5_settings(m.settings);
  detail::write_encrypted_settings(w, crypto::view(inner), auth_key, key_wrap_key, m.iv);
  write_vendor_extensions(w, m.wfa_ext, m.vendor_ext);
  return detail::finish_authenticated(std::move(w), auth_key, m4);
}

Bytes build_m6(const M6& m, const crypto::AuthKey& auth_key, const crypto::KeyWrapKey& key_wrap_key,
               ByteView m5) {
  TlvWriter w = detail::start_message(MsgType::M6);
  w.bytes(AttrType::EnrolleeNonce, m.enrollee_nonce.view());
  const crypto::SecretBytes inner = encode_m6_settings(m.settings);
  detail::write_encrypted_settings(w, crypto::view(inner), auth_key, key_wrap_key, m.iv);
  write_vendor_extensions(w, m.wfa_ext, m.vendor_ext);
  return detail::finish_authenticated(std::move(w), auth_key, m5);
}

Result<SealedM5> parse_m5(ByteView msg) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_message(msg, MsgType::M5, kSchemaM5));
  SealedM5 m;
  WPS_TRY_ASSIGN(m.registrar_nonce, need_fixed<RegistrarNonce>(l, AttrType::RegistrarNonce));
  WPS_TRY(detail::read_sealed_rest(l, m));
  return m;
}

Result<SealedM6> parse_m6(ByteView msg) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_message(msg, MsgType::M6, kSchemaM6));
  SealedM6 m;
  WPS_TRY_ASSIGN(m.enrollee_nonce, need_fixed<EnrolleeNonce>(l, AttrType::EnrolleeNonce));
  WPS_TRY(detail::read_sealed_rest(l, m));
  return m;
}

Result<M5> open_m5(const SealedM5& sealed, const crypto::AuthKey& auth_key,
                   const crypto::KeyWrapKey& key_wrap_key) {
  WPS_TRY_ASSIGN(M5 m, detail::open_sealed<M5>(sealed, auth_key, key_wrap_key, parse_m5_settings));
  m.registrar_nonce = sealed.registrar_nonce;
  return m;
}

Result<M6> open_m6(const SealedM6& sealed, const crypto::AuthKey& auth_key,
                   const crypto::KeyWrapKey& key_wrap_key) {
  WPS_TRY_ASSIGN(M6 m, detail::open_sealed<M6>(sealed, auth_key, key_wrap_key, parse_m6_settings));
  m.enrollee_nonce = sealed.enrollee_nonce;
  return m;
}

}  // namespace wps::wsc
