// The WSC key schedule (WPS-FACTS §7.2-7.4):
//
//   DHKey = SHA-256(Z[192])
//   KDK   = HMAC-SHA-256(DHKey, N1 ‖ EnrolleeMAC ‖ N2)
//   AuthKey ‖ KeyWrapKey ‖ EMSK = KDF(KDK, "Wi-Fi Easy and Secure Key Derivation", 640 bits)
//   PSK1 / PSK2 = first 16 octets of HMAC-SHA-256(AuthKey, first / second half of password)
//   E-HashN / R-HashN = HMAC-SHA-256(AuthKey, S ‖ PSKN ‖ PK_E ‖ PK_R)
//   Authenticator = first 8 octets of HMAC-SHA-256(AuthKey, M_prev ‖ M_curr*)
//
// Argument order that the spec fixes is type-checked: distinct nonce types (N1 vs N2), distinct
// secret nonces (E-S1 / E-S2 / R-S1 / R-S2) paired with their PSK, and a PublicKeys pair built
// with designated initializers ({.enrollee = ..., .registrar = ...}).
// None of these functions can fail on well-typed input (an OpenSSL failure aborts).
#pragma once

#include <string_view>

#include "base/bytes.hpp"
#include "base/strong.hpp"
#include "crypto/crypto.hpp"
#include "crypto/secret.hpp"
#include "wsc/types.hpp"

namespace wps::wsc {

/// The session keys of one registration run: dh_key, kdk, auth_key, key_wrap_key, emsk.
using SessionKeys = crypto::WscSessionKeys;

/// §7.2. `enrollee_mac` is the MAC Address attribute of M1 — the ENROLLEE's MAC on both sides.
/// `z` is the DH shared secret left-padded to 192 octets (crypto::DhPrivateKey::derive).
SessionKeys derive_session_keys(const crypto::DhShared& z, const EnrolleeNonce& n1,
                                const MacAddr& enrollee_mac, const RegistrarNonce& n2);

struct DevicePasswordPsks {
  crypto::Psk1 psk1;
  crypto::Psk2 psk2;
};

/// §7.3. The device password is the octet string as entered (e.g. the 8 ASCII digits of a PIN,
/// "00000000" for PBC). First half = ceil(len/2) octets, second half = the rest (hostapd's
/// split; the spec's rule for odd lengths is unsure, §14).
DevicePasswordPsks derive_psk(const crypto::AuthKey& auth_key, ByteView device_password);
inline DevicePasswordPsks derive_psk(const crypto::AuthKey& auth_key,
                                     std::string_view device_password) {
  return derive_psk(auth_key, as_bytes(device_password));
}

/// The checksum digit (0..9) of an 8-digit PIN's first seven digits, as a 7-digit number
/// (0 <= first7 <= 9'999'999): weights 3,1,3,... from the most significant of the seven digits;
/// check = (10 - sum mod 10) mod 10 (WPS-FACTS §8). Only user input and PIN generation check it:
/// derive_psk() takes the password as it is.
int pin_checksum(std::uint32_t first7);

/// The two DH public values exactly as sent in M1 (PK_E) and M2 (PK_R). Build it with
/// designated initializers so a swap is visible: `{.enrollee = m1.public_key,
/// .registrar = m2.public_key}`. Holds references: the keys must outlive it.
struct PublicKeys {
  const crypto::DhPublicKey& enrollee;
  const crypto::DhPublicKey& registrar;
};

/// E-Hash1 = HMAC-SHA-256(AuthKey, E-S1 ‖ PSK1 ‖ PK_E ‖ PK_R) (32 octets, not truncated).
EHash1 e_hash(const crypto::AuthKey& auth_key, const crypto::ESecretNonce1& es1,
              const crypto::Psk1& psk1, const PublicKeys& pks);
/// E-Hash2 = HMAC-SHA-256(AuthKey, E-S2 ‖ PSK2 ‖ PK_E ‖ PK_R).
EHash2 e_hash(const crypto::AuthKey& auth_key, const crypto::ESecretNonce2& es2,
              const crypto::Psk2& psk2, const PublicKeys& pks);
/// R-Hash1 = HMAC-SHA-256(AuthKey, R-S1 ‖ PSK1 ‖ PK_E ‖ PK_R).
RHash1 r_hash(const crypto::AuthKey& auth_key, const crypto::RSecretNonce1& rs1,
              const crypto::Psk1& psk1, const PublicKeys& pks);
/// R-Hash2 = HMAC-SHA-256(AuthKey, R-S2 ‖ PSK2 ‖ PK_E ‖ PK_R).
RHash2 r_hash(const crypto::AuthKey& auth_key, const crypto::RSecretNonce2& rs2,
              const crypto::Psk2& psk2, const PublicKeys& pks);

/// Constant-time comparison of a received hash with a computed one (use for E/R-Hash checks).
template <std::size_t N, typename Tag>
bool hash_equal(const FixedBytes<N, Tag>& a, const FixedBytes<N, Tag>& b) {
  return crypto::ct_equal(a.view(), b.view());
}

/// §7.4: first 8 octets of HMAC-SHA-256(AuthKey, prev ‖ current_without_authenticator).
/// `prev` = the complete previous registration message (M1 for M2, ..., M7 for M8);
/// `current_without_authenticator` = the current message up to (excluding) its Authenticator TLV.
Authenticator compute_authenticator(const crypto::AuthKey& auth_key, ByteView prev,
                                    ByteView current_without_authenticator);

}  // namespace wps::wsc
