// NFC device passwords in a registration (the out-of-band method; NFC-PBC facts §3-§4, kept in
// docs/nfc.md): what each side of a run holds when a password token was tapped.
//
//  * The token's owner uses the token's DH key pair in its M1 (enrollee) or M2 (registrar)
//    instead of a fresh one (NfcOwnToken), with the token's Device Password ID (0x0010..0xFFFF).
//  * The side that read the token knows the owner's public key hash and checks the key the
//    owner then sends against it: SHA-256 over the 192-octet Public Key attribute value, first
//    20 octets, compared in constant time. A registrar answers a mismatch with M2D carrying
//    Configuration Error 20 (hostapd's wps_process_m1); an enrollee with WSC_NACK error 20.
//  * A registrar keeps the tokens it read (NfcTokenStore) until an M1 with their Device Password
//    ID arrives: that M1 consumes the token, matching or not (single use, as hostapd); a newer
//    token with the same ID replaces an older one; tokens do not expire.
//  * The password the protocol uses is the upper-case hex text of the raw token password
//    (wsc::device_password_text), split in halves for PSK1/PSK2 as a PIN is.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "base/result.hpp"
#include "base/rng.hpp"
#include "crypto/crypto.hpp"
#include "crypto/secret.hpp"
#include "wsc/nfc.hpp"

namespace wps::proto {

/// A password token's Device Password ID and the password text the protocol uses.
struct NfcPassword {
  std::uint16_t dpid = wsc::kFirstTokenDpid;
  crypto::SecretBytes text;  ///< upper-case hex of the raw password; empty for handover (0x0007)
  static NfcPassword from_token(const wsc::OobDevicePassword& oob);
};

/// The owner's side of its own token: the password and the DH private exponent (big-endian) of
/// the key pair whose hash the token carries.
struct NfcOwnToken {
  NfcPassword password;
  crypto::SecretBytes dh_private;
};

/// A peer's token as read by this side: its password and the hash of the key the peer will use.
struct NfcPeerToken {
  NfcPassword password;
  wsc::PublicKeyHash public_key_hash{};
  static NfcPeerToken from_token(const wsc::OobDevicePassword& oob);
};

/// A new password token as the daemons make one (NFC-PBC facts §3.1): a fresh group-5 key pair,
/// 32 random password octets, and the given Device Password ID or, without one, a random one in
/// 0x0010..0xFFFF (hostapd's 0x10 + rand16 % 0xFFF0). Errors: CryptoBackend.
struct GeneratedToken {
  wsc::OobDevicePassword token;  ///< what goes on the tag
  NfcOwnToken own;               ///< what the owner keeps
  crypto::DhPublicKey public_key;
};
Result<GeneratedToken> generate_password_token(Rng& rng,
                                               std::optional<std::uint16_t> dpid = std::nullopt);

/// The owner's token from hostapd's / wpa_supplicant's wps_nfc_* values (the key file of
/// `wpslab nfc token`): the private exponent must give `public_key` when that is known.
/// Errors: BadValue (ID outside 0x0010..0xFFFF, password not 16..32 octets, the public key not
/// the private key's), and those of DhPrivateKey::from_private.
Result<GeneratedToken> token_from_keys(std::uint16_t dpid, ByteView private_key,
                                       std::optional<ByteView> public_key, ByteView password);

/// A connection handover key (Device Password ID 7, no password) from its private exponent;
/// `public_key`, when known, must be the private key's. Errors: BadValue, and those of
/// DhPrivateKey::from_private.
Result<GeneratedToken> handover_key_from(ByteView private_key,
                                         std::optional<ByteView> public_key = std::nullopt);

/// True when SHA-256(public_key)[0..19] equals `expected` (constant-time comparison).
/// `public_key` is the 192-octet Public Key attribute value.
bool public_key_matches(ByteView public_key, const wsc::PublicKeyHash& expected);

/// The password tokens a registrar has read (hostapd's wps_nfc_tag_read), each for one run.
class NfcTokenStore {
 public:
  /// Stores a token; one with the same Device Password ID is replaced.
  void add(NfcPeerToken token);
  /// Removes and returns the token with this Device Password ID (an M1 announced it).
  std::optional<NfcPeerToken> take(std::uint16_t dpid);
  [[nodiscard]] bool contains(std::uint16_t dpid) const;
  [[nodiscard]] bool empty() const { return tokens_.empty(); }
  [[nodiscard]] std::size_t size() const { return tokens_.size(); }
  void clear() { tokens_.clear(); }

 private:
  std::vector<NfcPeerToken> tokens_;
};

}  // namespace wps::proto
