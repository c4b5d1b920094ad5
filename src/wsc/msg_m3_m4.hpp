// M3 and M4 (WPS-FACTS §6.4, §7.3): typed structs, builders and parsers.
// See msg_m1_m2.hpp for the contract shared by every build_* / parse_*.
//
// Messages with Encrypted Settings (M4..M8) come in two shapes:
//  - Mx: the whole logical message — plain fields, the IV, and the PLAINTEXT inner settings
//    (MxSettings). build_mx() encrypts with m.iv (the engine draws it from its Rng; tests reuse
//    a captured IV to reproduce hostapd's bytes).
//  - SealedMx: what parse_mx() returns — the plain fields plus the Encrypted Settings value
//    (IV ‖ ciphertext) still sealed. open_mx(sealed, AuthKey, KeyWrapKey) decrypts, checks the
//    KWA, parses the inner TLVs against their own schema and returns the full Mx.
//    Invariant: open_mx(parse_mx(build_mx(m, ak, kwk, prev)), ak, kwk) == m.
// Mx / MxSettings hold secrets (crypto::Secret, move-only), so they are move-only too.
#pragma once

#include <cstdint>
#include <vector>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"
#include "crypto/crypto.hpp"
#include "crypto/secret.hpp"
#include "wsc/attr_table.hpp"
#include "wsc/tlv.hpp"
#include "wsc/types.hpp"

namespace wps::wsc {

/// M3 (Enrollee -> Registrar): the enrollee's commitments.
struct M3 {
  RegistrarNonce registrar_nonce;  ///< N2 echo
  EHash1 e_hash1;
  EHash2 e_hash2;
  WfaExtension wfa_ext = WfaExtension::v2();
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const M3&, const M3&) = default;
};

/// Inner settings of M4 (without the KWA).
struct M4Settings {
  crypto::RSecretNonce1 r_snonce1;
  friend bool operator==(const M4Settings& a, const M4Settings& b) {
    return ct_equal(a.r_snonce1, b.r_snonce1);
  }
};

/// M4 (Registrar -> Enrollee): the registrar's commitments and R-S1.
struct M4 {
  EnrolleeNonce enrollee_nonce;  ///< N1 echo
  RHash1 r_hash1;
  RHash2 r_hash2;
  Iv iv;                ///< IV of the Encrypted Settings
  M4Settings settings;  ///< plaintext inner settings
  WfaExtension wfa_ext = WfaExtension::v2();
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const M4&, const M4&) = default;
};

/// M4 as received: Encrypted Settings not yet opened.
struct SealedM4 {
  EnrolleeNonce enrollee_nonce;
  RHash1 r_hash1;
  RHash2 r_hash2;
  Bytes encrypted_settings;  ///< the attribute value: IV(16) ‖ ciphertext
  WfaExtension wfa_ext;
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const SealedM4&, const SealedM4&) = default;
};

/// `m2` = the complete M2 payload (Authenticator input).
Bytes build_m3(const M3& m, const crypto::AuthKey& auth_key, ByteView m2);
/// `m3` = the complete M3 payload. Encrypts m.settings with m.iv.
Bytes build_m4(const M4& m, const crypto::AuthKey& auth_key, const crypto::KeyWrapKey& key_wrap_key,
               ByteView m3);

/// Schema kSchemaM3.
Result<M3> parse_m3(ByteView msg);
/// Schema kSchemaM4. The Encrypted Settings value is copied, not decrypted.
Result<SealedM4> parse_m4(ByteView msg);
/// Decrypts and decodes the inner settings (schema kSchemaM4Settings: R-SNonce1 mandatory).
/// Errors: those of decrypt_settings() (encrypted_settings.hpp), then tokenize / check_schema
/// on the plaintext — their offsets are relative to the decrypted plaintext.
Result<M4> open_m4(const SealedM4& sealed, const crypto::AuthKey& auth_key,
                   const crypto::KeyWrapKey& key_wrap_key);

/// The inner settings TLVs alone (for tests, fuzzing and the analyzer): encode without KWA /
/// decode a decrypted plaintext (KWA already removed). `base_offset` as in tokenize().
crypto::SecretBytes encode_m4_settings(const M4Settings& s);
Result<M4Settings> parse_m4_settings(ByteView plaintext, std::size_t base_offset = 0);

}  // namespace wps::wsc
