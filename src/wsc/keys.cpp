#include "wsc/keys.hpp"

namespace wps::wsc {
namespace {

// §7.2: the 36-octet label, no NUL, no separator.
constexpr std::string_view kKdfLabel = "Wi-Fi Easy and Secure Key Derivation";

// HMAC-SHA-256 under the AuthKey (its keyed context is reused) into a Secret, wiping the
// temporary.
template <typename S>
S hmac_prefix(const crypto::AuthKey& key, std::initializer_list<ByteView> parts) {
  crypto::Sha256 mac = crypto::hmac_sha256(key, parts);
  S s = S::take_prefix(ByteView(mac.data(), mac.size()));
  crypto::secure_zero(mac.data(), mac.size());
  return s;
}

template <typename H>
H hash4(const crypto::AuthKey& ak, ByteView s, ByteView psk, const PublicKeys& pks) {
  // §7.3: HMAC-SHA-256(AuthKey, S ‖ PSK ‖ PK_E ‖ PK_R), full 32 octets.
  crypto::Sha256 mac = crypto::hmac_sha256(ak, {s, psk, pks.enrollee.view(), pks.registrar.view()});
  return *H::from(ByteView(mac.data(), mac.size()));
}

}  // namespace

SessionKeys derive_session_keys(const crypto::DhShared& z, const EnrolleeNonce& n1,
                                const MacAddr& enrollee_mac, const RegistrarNonce& n2) {
  // KDK input order is fixed: N1 ‖ EnrolleeMAC ‖ N2 (§7.2, §13.4).
  return crypto::wsc_session_keys(z, {n1.view(), enrollee_mac.view(), n2.view()}, kKdfLabel);
}

DevicePasswordPsks derive_psk(const crypto::AuthKey& auth_key, ByteView device_password) {
  // §7.3 [H-com wps_derive_psk]: first half is the longer one for odd lengths.
  const std::size_t first = (device_password.size() + 1) / 2;
  return DevicePasswordPsks{
      hmac_prefix<crypto::Psk1>(auth_key, {device_password.first(first)}),
      hmac_prefix<crypto::Psk2>(auth_key, {device_password.subspan(first)}),
  };
}

EHash1 e_hash(const crypto::AuthKey& auth_key, const crypto::ESecretNonce1& es1,
              const crypto::Psk1& psk1, const PublicKeys& pks) {
  return hash4<EHash1>(auth_key, es1.view(), psk1.view(), pks);
}
EHash2 e_hash(const crypto::AuthKey& auth_key, const crypto::ESecretNonce2& es2,
              const crypto::Psk2& psk2, const PublicKeys& pks) {
  return hash4<EHash2>(auth_key, es2.view(), psk2.view(), pks);
}
RHash1 r_hash(const crypto::AuthKey& auth_key, const crypto::RSecretNonce1& rs1,
              const crypto::Psk1& psk1, const PublicKeys& pks) {
  return hash4<RHash1>(auth_key, rs1.view(), psk1.view(), pks);
}
RHash2 r_hash(const crypto::AuthKey& auth_key, const crypto::RSecretNonce2& rs2,
              const crypto::Psk2& psk2, const PublicKeys& pks) {
  return hash4<RHash2>(auth_key, rs2.view(), psk2.view(), pks);
}

Authenticator compute_authenticator(const crypto::AuthKey& auth_key, ByteView prev,
                                    ByteView current_without_authenticator) {
  // §7.4: first 8 octets of HMAC-SHA-256(AuthKey, M_prev ‖ M_curr*).
  crypto::Sha256 mac = crypto::hmac_sha256(auth_key, {prev, current_without_authenticator});
  return *Authenticator::from(ByteView(mac.data(), 8));
}

int pin_checksum(std::uint32_t first7) {
  // Walking from the rightmost of the seven digits leftwards, weights 3,1,3,1,...
  int sum = 0;
  std::uint32_t v = first7;
  for (int i = 0; i < 7; ++i) {
    int d = static_cast<int>(v % 10);
    v /= 10;
    sum += (i % 2 == 0) ? 3 * d : d;
  }
  return (10 - sum % 10) % 10;
}

}  // namespace wps::wsc
