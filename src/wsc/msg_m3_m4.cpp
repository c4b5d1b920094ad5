// M3 / M4. Order [H-enr wps_build_m3; H-reg wps_build_m4; IO pcap]:
//   M3: Version, Type, Registrar Nonce, E-Hash1, E-Hash2, Vendor Ext, Authenticator
//   M4: Version, Type, Enrollee Nonce, R-Hash1, R-Hash2, Encrypted Settings {R-SNonce1, KWA},
//       Vendor Ext, Authenticator
#include "wsc/msg_m3_m4.hpp"

#include "wsc/codec_util.hpp"
#include "wsc/schema.hpp"

namespace wps::wsc {

using detail::need_fixed;

Bytes build_m3(const M3& m, const crypto::AuthKey& auth_key, ByteView m2) {
  TlvWriter w = detail::start_message(MsgType::M3);
  w.bytes(AttrType::RegistrarNonce, m.registrar_nonce.view());
  w.bytes(AttrType::EHash1, m.e_hash1.view());
  w.bytes(AttrType::EHash2, m.e_hash2.view());
  write_vendor_extensions(w, m.wfa_ext, m.vendor_ext);
  return detail::finish_authenticated(std::move(w), auth_key, m2);
}

Result<M3> parse_m3(ByteView msg) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_message(msg, MsgType::M3, kSchemaM3));
  M3 m;
  WPS_TRY_ASSIGN(m.registrar_nonce, need_fixed<RegistrarNonce>(l, AttrType::RegistrarNonce));
  WPS_TRY_ASSIGN(m.e_hash1, need_fixed<EHash1>(l, AttrType::EHash1));
  WPS_TRY_ASSIGN(m.e_hash2, need_fixed<EHash2>(l, AttrType::EHash2));
  WPS_TRY_ASSIGN(VendorExtensions ve, parse_vendor_extensions(l));
  m.wfa_ext = std::move(ve.wfa);
  m.vendor_ext = std::move(ve.other);
  return m;
}

crypto::SecretBytes encode_m4_settings(const M4Settings& s) {
  return detail::encode_one_secret(AttrType::RSNonce1, s.r_snonce1.view());
}

Result<M4Settings> parse_m4_settings(ByteView plaintext, std::size_t base_offset) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_container(plaintext, base_offset, kSchemaM4Settings));
  WPS_TRY_ASSIGN(const Attr* a, detail::need(l, AttrType::RSNonce1));
  return M4Settings{*crypto::RSecretNonce1::from(a->value)};
}

Bytes build_m4(const M4& m, const crypto::AuthKey& auth_key, const crypto::KeyWrapKey& key_wrap_key,
               ByteView m3) {
  TlvWriter w = detail::start_message(MsgType::M4);
  w.bytes(AttrType::EnrolleeNonce, m.enrollee_nonce.view());
  w.bytes(AttrType::RHash1, m.r_hash1.view());
  w.bytes(AttrType::RHash2, m.r_hash2.view());
  const crypto::SecretBytes inner = encode_m4_settings(m.settings);
  detail::write_encrypted_settings(w, crypto::view(inner), auth_key, key_wrap_key, m.iv);
  write_vendor_extensions(w, m.wfa_ext, m.vendor_ext);
  return detail::finish_authenticated(std::move(w), auth_key, m3);
}

Result<SealedM4> parse_m4(ByteView msg) {
  WPS_TRY_ASSIGN(AttrList l, detail::open_message(msg, MsgType::M4, kSchemaM4));
  SealedM4 m;
  WPS_TRY_ASSIGN(m.enrollee_nonce, need_fixed<EnrolleeNonce>(l, AttrType::EnrolleeNonce));
  WPS_TRY_ASSIGN(m.r_hash1, need_fixed<RHash1>(l, AttrType::RHash1));
  WPS_TRY_ASSIGN(m.r_hash2, need_fixed<RHash2>(l, AttrType::RHash2));
  WPS_TRY(detail::read_sealed_rest(l, m));
  return m;
}

Result<M4> open_m4(const SealedM4& sealed, const crypto::AuthKey& auth_key,
                   const crypto::KeyWrapKey& key_wrap_key) {
  WPS_TRY_ASSIGN(M4 m, detail::open_sealed<M4>(sealed, auth_key, key_wrap_key, parse_m4_settings));
  m.enrollee_nonce = sealed.enrollee_nonce;
  m.r_hash1 = sealed.r_hash1;
  m.r_hash2 = sealed.r_hash2;
  return m;
}

}  // namespace wps::wsc
