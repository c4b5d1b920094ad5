// M5 and M6 (WPS-FACTS §6.4): the first-half and second-half secret-nonce reveals.
// See msg_m1_m2.hpp for the build/parse contract and msg_m3_m4.hpp for Mx / SealedMx / open_mx.
#pragma once

#include <vector>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"
#include "crypto/crypto.hpp"
#include "crypto/secret.hpp"
#include "wsc/tlv.hpp"
#include "wsc/types.hpp"

namespace wps::wsc {

struct M5Settings {
  crypto::ESecretNonce1 e_snonce1;
  friend bool operator==(const M5Settings& a, const M5Settings& b) {
    return ct_equal(a.e_snonce1, b.e_snonce1);
  }
};

/// M5 (Enrollee -> Registrar): reveals E-S1.
struct M5 {
  RegistrarNonce registrar_nonce;  ///< N2 echo
  Iv iv;
  M5Settings settings;
  WfaExtension wfa_ext = WfaExtension::v2();
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const M5&, const M5&) = default;
};

struct SealedM5 {
  RegistrarNonce registrar_nonce;
  Bytes encrypted_settings;  ///< IV(16) ‖ ciphertext
  WfaExtension wfa_ext;
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const SealedM5&, const SealedM5&) = default;
};

struct M6Settings {
  crypto::RSecretNonce2 r_snonce2;
  friend bool operator==(const M6Settings& a, const M6Settings& b) {
    return ct_equal(a.r_snonce2, b.r_snonce2);
  }
};

/// M6 (Registrar -> Enrollee): reveals R-S2.
struct M6 {
  EnrolleeNonce enrollee_nonce;  ///< N1 echo
  Iv iv;
  M6Settings settings;
  WfaExtension wfa_ext = WfaExtension::v2();
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const M6&, const M6&) = default;
};

struct SealedM6 {
  EnrolleeNonce enrollee_nonce;
  Bytes encrypted_settings;
  WfaExtension wfa_ext;
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const SealedM6&, const SealedM6&) = default;
};

/// `m4` = the complete M4 payload (Authenticator input).
Bytes build_m5(const M5& m, const crypto::AuthKey& auth_key, const crypto::KeyWrapKey& key_wrap_key,
               ByteView m4);
/// `m5` = the complete M5 payload.
Bytes build_m6(const M6& m, const crypto::AuthKey& auth_key, const crypto::KeyWrapKey& key_wrap_key,
               ByteView m5);

/// Schema kSchemaM5 / kSchemaM6.
Result<SealedM5> parse_m5(ByteView msg);
Result<SealedM6> parse_m6(ByteView msg);
/// Inner schema kSchemaM5Settings (E-SNonce1) / kSchemaM6Settings (R-SNonce2). Errors as
/// open_m4().
Result<M5> open_m5(const SealedM5& sealed, const crypto::AuthKey& auth_key,
                   const crypto::KeyWrapKey& key_wrap_key);
Result<M6> open_m6(const SealedM6& sealed, const crypto::AuthKey& auth_key,
                   const crypto::KeyWrapKey& key_wrap_key);

crypto::SecretBytes encode_m5_settings(const M5Settings& s);
Result<M5Settings> parse_m5_settings(ByteView plaintext, std::size_t base_offset = 0);
crypto::SecretBytes encode_m6_settings(const M6Settings& s);
Result<M6Settings> parse_m6_settings(ByteView plaintext, std::size_t base_offset = 0);

}  // namespace wps::wsc
