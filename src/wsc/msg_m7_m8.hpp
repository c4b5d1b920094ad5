// M7 and M8 (WPS-FACTS §6.4): E-S2 (+ AP settings from an AP enrollee) and the credentials.
// See msg_m1_m2.hpp for the build/parse contract and msg_m3_m4.hpp for Mx / SealedMx / open_mx.
#pragma once

#include <optional>
#include <vector>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"
#include "crypto/crypto.hpp"
#include "crypto/secret.hpp"
#include "wsc/credential.hpp"
#include "wsc/tlv.hpp"
#include "wsc/types.hpp"

namespace wps::wsc {

struct M7Settings {
  crypto::ESecretNonce2 e_snonce2;
  /// Only when the enrollee is an AP: its current settings, written flat in the AP order
  /// (SSID, MAC = BSSID, Auth, Encr, Key; normally network_index = nullopt).
  std::optional<Credential> ap_settings;
  friend bool operator==(const M7Settings& a, const M7Settings& b) {
    return ct_equal(a.e_snonce2, b.e_snonce2) && a.ap_settings == b.ap_settings;
  }
};

/// M7 (Enrollee -> Registrar): reveals E-S2. An optional Settings Delay Time goes in
/// wfa_ext.settings_delay_time (plain part).
struct M7 {
  RegistrarNonce registrar_nonce;  ///< N2 echo
  Iv iv;
  M7Settings settings;
  WfaExtension wfa_ext = WfaExtension::v2();
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const M7&, const M7&) = default;
};

struct SealedM7 {
  RegistrarNonce registrar_nonce;
  Bytes encrypted_settings;
  WfaExtension wfa_ext;
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const SealedM7&, const SealedM7&) = default;
};

struct M8Settings {
  /// STA enrollee: one or more Credential attributes (hostapd sends one).
  std::vector<Credential> credentials;
  /// AP enrollee: the new AP settings, flat, in credential order (with Network Index).
  std::optional<Credential> ap_settings;
  friend bool operator==(const M8Settings&, const M8Settings&) = default;
};

/// M8 (Registrar -> Enrollee): the credential(s).
struct M8 {
  EnrolleeNonce enrollee_nonce;  ///< N1 echo
  Iv iv;
  M8Settings settings;
  WfaExtension wfa_ext = WfaExtension::v2();
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const M8&, const M8&) = default;
};

struct SealedM8 {
  EnrolleeNonce enrollee_nonce;
  Bytes encrypted_settings;
  WfaExtension wfa_ext;
  std::vector<VendorExtension> vendor_ext;
  friend bool operator==(const SealedM8&, const SealedM8&) = default;
};

/// `m6` = the complete M6 payload (Authenticator input).
Bytes build_m7(const M7& m, const crypto::AuthKey& auth_key, const crypto::KeyWrapKey& key_wrap_key,
               ByteView m6);
/// `m7` = the complete M7 payload. Precondition: settings has at least one credential or
/// ap_settings.
Bytes build_m8(const M8& m, const crypto::AuthKey& auth_key, const crypto::KeyWrapKey& key_wrap_key,
               ByteView m7);

/// Schema kSchemaM7 / kSchemaM8.
Result<SealedM7> parse_m7(ByteView msg);
Result<SealedM8> parse_m8(ByteView msg);

/// Inner schema kSchemaM7Settings (E-SNonce2 mandatory). If any AP-settings attribute (SSID,
/// MAC Address, Authentication Type, Encryption Type, Network Key, Network Key Index, Network
/// Index) is present, the set must satisfy kSchemaApSettings (AttrMissing otherwise).
/// Other errors as open_m4().
Result<M7> open_m7(const SealedM7& sealed, const crypto::AuthKey& auth_key,
                   const crypto::KeyWrapKey& key_wrap_key);
/// Inner schema kSchemaM8Settings: every Credential attribute is decoded with
/// parse_credential() (its errors, offsets in the plaintext frame); flat AP settings (an SSID
/// at top level) with parse_ap_settings(). Neither present -> AttrMissing (attr 0x100E,
/// offset 0). Other errors as open_m4().
Result<M8> open_m8(const SealedM8& sealed, const crypto::AuthKey& auth_key,
                   const crypto::KeyWrapKey& key_wrap_key);

crypto::SecretBytes encode_m7_settings(const M7Settings& s);
Result<M7Settings> parse_m7_settings(ByteView plaintext, std::size_t base_offset = 0);
crypto::SecretBytes encode_m8_settings(const M8Settings& s);
Result<M8Settings> parse_m8_settings(ByteView plaintext, std::size_t base_offset = 0);

}  // namespace wps::wsc
