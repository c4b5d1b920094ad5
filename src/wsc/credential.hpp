// Credential (0x100E) and AP Settings (WPS-FACTS §6.4, §4).
//
// One struct, Credential, describes both:
//  - a Credential attribute in M8 (Network Index, SSID, Authentication Type, Encryption Type,
//    Network Key, MAC Address = the ENROLLEE's MAC, optional WFA Network Key Shareable);
//  - the AP Settings an AP enrollee puts in M7 (SSID, MAC = the AP's BSSID, Auth, Encr, Key;
//    no Network Index) or a registrar puts, flat, in M8 for an AP enrollee (credential order,
//    with Network Index).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"
#include "crypto/secret.hpp"
#include "wsc/tlv.hpp"

namespace wps::wsc {

struct Credential {
  /// Network Index: hostapd always sends 1 in a Credential (deprecated in 2.0). nullopt = not
  /// sent (M7 AP Settings). Mandatory inside a Credential attribute.
  std::optional<std::uint8_t> network_index = 1;
  /// SSID octets (not necessarily UTF-8). Parsers strip trailing NULs (§4: some registrars pad
  /// to 32).
  Bytes ssid;
  std::uint16_t auth_type = AuthType::Wpa2Psk;    ///< a single AuthType value
  std::uint16_t encr_type = EncrType::Aes;        ///< a single EncrType value
  std::optional<std::uint8_t> network_key_index;  ///< deprecated (WEP only)
  /// 0..64 octets: 8..63 printable ASCII = passphrase, 64 hex digits = PSK (§6.4). May be empty
  /// for an open network.
  crypto::SecretBytes network_key;
  MacAddr mac_address;
  WfaExtension wfa_ext;  ///< e.g. network_key_shareable; empty by default
  std::vector<VendorExtension> vendor_ext;

  friend bool operator==(const Credential&, const Credential&) = default;
};

/// Decodes the VALUE of a Credential attribute (its nested TLVs). `base_offset` = offset of
/// value[0] in the caller's buffer (errors are reported in that frame).
/// Schema kSchemaCredential (Network Index, SSID, Authentication Type, Encryption Type, MAC
/// Address mandatory). Network Key is mandatory too, except that it may be missing when
/// auth_type == Open and encr_type == None (then network_key is empty) — hostapd accepts
/// that from deployed registrars [H-attr process].
/// Errors: those of tokenize() and check_schema(); AttrMissing(NetworkKey); those of
/// parse_vendor_extensions().
Result<Credential> parse_credential(ByteView value, std::size_t base_offset = 0);

/// Decodes AP Settings that sit directly in decrypted settings (M7 / M8 for an AP enrollee).
/// Schema kSchemaApSettings (SSID, Authentication Type, Encryption Type, MAC Address mandatory;
/// Network Key as in parse_credential). Vendor extensions of `list` are NOT taken into the
/// result (they belong to the container).
Result<Credential> parse_ap_settings(const AttrList& list);

/// Appends `c` as ONE Credential attribute (0x100E) in hostapd's order: Network Index, SSID,
/// Authentication Type, Encryption Type, [Network Key Index], Network Key, MAC Address, then the
/// vendor extensions [H-reg wps_build_credential]. Preconditions: ssid <= 32, key <= 64 octets.
void write_credential(SecretTlvWriter& w, const Credential& c);

/// Appends the fields of `c` flat (no 0x100E wrapper) in credential order — the AP Settings a
/// registrar sends in M8 to an AP enrollee. Vendor extensions of `c` are not written.
void write_ap_settings_m8(SecretTlvWriter& w, const Credential& c);

/// Appends the fields of `c` flat in the order an AP enrollee uses in M7: [Network Index], SSID,
/// MAC Address, Authentication Type, Encryption Type, [Network Key Index], Network Key
/// [H-enr wps_build_ap_settings; IO er capture]. Vendor extensions of `c` are not written.
void write_ap_settings_m7(SecretTlvWriter& w, const Credential& c);

/// What a Network Key holds (§6.4, §10.1).
enum class NetworkKeyFormat {
  Empty,       ///< zero octets (open network)
  Passphrase,  ///< 8..63 printable ASCII (0x20..0x7E)
  HexPsk,      ///< exactly 64 hex digits = the 32-octet PSK
  Invalid,     ///< anything else
};
NetworkKeyFormat classify_network_key(ByteView key);

/// Checks a received credential for use by a WPA2-Personal station:
///  - SSID 1..32 octets (else BadCredential, attr 0x1045);
///  - Encryption Type not WEP (hostapd rejects WEP credentials) (else BadCredential, 0x100F);
///  - if auth_type has WPA-Personal or WPA2-Personal: the key is a Passphrase or HexPsk
///    (else BadCredential, attr 0x1027); for other types the key is not checked.
/// Offsets are 0 (the credential is already decoded).
Result<void> validate_credential(const Credential& c);

}  // namespace wps::wsc
