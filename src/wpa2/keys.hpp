// WPA2-PSK key hierarchy (IEEE 802.11-2020 §12.7.1.3 and Annex J.4; WPS-FACTS §10.1):
//
//   passphrase + SSID --PBKDF2-HMAC-SHA1(4096)--> PMK (32)      or a 64-hex Network Key = PMK
//   PMK + AA + SPA + ANonce + SNonce --PRF-384--> PTK (48) = KCK (16) ‖ KEK (16) ‖ TK (16)
//
// Everything secret is returned in zeroizing Secret types (ARCHITECTURE C9).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"
#include "crypto/crypto.hpp"
#include "crypto/secret.hpp"

namespace wps::wpa2 {

/// The Authenticator Address (AA): the AP's MAC, i.e. the BSSID. A distinct type so that a call
/// site says which MAC is which (ARCHITECTURE C8).
struct AuthenticatorAddr {
  MacAddr mac;
  friend bool operator==(const AuthenticatorAddr&, const AuthenticatorAddr&) = default;
};
/// The Supplicant Address (SPA): the station's MAC.
struct SupplicantAddr {
  MacAddr mac;
  friend bool operator==(const SupplicantAddr&, const SupplicantAddr&) = default;
};

inline constexpr std::size_t kMinPassphraseLen = 8;
inline constexpr std::size_t kMaxPassphraseLen = 63;
inline constexpr std::size_t kHexPskLen = 64;
inline constexpr std::size_t kMaxSsidLen = 32;
inline constexpr unsigned kPbkdf2Iterations = 4096;

/// Checks the WPA passphrase rules: 8..63 octets, each printable ASCII 32..126.
/// Errors: ConfigBadKey, offset = index of the first offending octet, or the passphrase length
/// when the length itself is out of range.
[[nodiscard]] Result<void> validate_passphrase(ByteView passphrase);

/// PMK = PBKDF2-HMAC-SHA1(passphrase, SSID, 4096, 32) (IEEE 802.11-2020 Annex J.4.1).
/// Errors: ConfigBadKey (see validate_passphrase), BadLength (SSID empty or over 32 octets).
[[nodiscard]] Result<crypto::Pmk> pmk_from_passphrase(ByteView passphrase, ByteView ssid);

/// A 64-hex-digit PSK taken as the PMK itself (either case).
/// Errors: ConfigBadKey (length is not 64, offset = length; or a non-hex digit, offset = index).
[[nodiscard]] Result<crypto::Pmk> pmk_from_hex(ByteView hex64);

/// The WSC credential's Network Key as WPA2-PSK uses it: 64 octets are a hex PSK (the PMK),
/// anything else must be a passphrase. Errors: those of pmk_from_hex / pmk_from_passphrase.
[[nodiscard]] Result<crypto::Pmk> pmk_from_network_key(ByteView network_key, ByteView ssid);

/// Memoizes pmk_from_network_key so a benchmark or simulator running many connections with the
/// same credential computes PBKDF2 (4096 x 2 HMAC-SHA1) once.
///
/// Entries are keyed by SHA-256 over a domain label, the SSID length, the SSID and the network
/// key: the cache never keeps the passphrase itself. The PMK is kept in a zeroizing Pmk.
/// Least-recently-used eviction once `capacity` entries exist. Not thread-safe (the core is
/// single-threaded); one cache per simulator run or per benchmark.
class PmkCache {
 public:
  explicit PmkCache(std::size_t capacity = 64);

  /// The PMK for (network_key, ssid): cached, or computed and cached. Invalid keys are not
  /// cached. Errors: those of pmk_from_network_key.
  [[nodiscard]] Result<crypto::Pmk> get(ByteView network_key, ByteView ssid);

  [[nodiscard]] std::size_t size() const { return entries_.size(); }
  [[nodiscard]] std::size_t capacity() const { return capacity_; }
  [[nodiscard]] std::uint64_t hits() const { return hits_; }
  [[nodiscard]] std::uint64_t misses() const { return misses_; }
  /// Drops (and wipes) every entry; counters are kept.
  void clear() { entries_.clear(); }

 private:
  struct Entry {
    crypto::Sha256 id;
    crypto::Pmk pmk;
    std::uint64_t last_use = 0;
  };
  std::size_t capacity_;
  std::vector<Entry> entries_;
  std::uint64_t clock_ = 0;
  std::uint64_t hits_ = 0;
  std::uint64_t misses_ = 0;
};

/// PTK = PRF-384(PMK, "Pairwise key expansion",
///               min(AA,SPA) ‖ max(AA,SPA) ‖ min(ANonce,SNonce) ‖ max(ANonce,SNonce))
/// (IEEE 802.11-2020 §12.7.1.3; CCMP-128 so 384 bits). min/max are unsigned lexicographic.
[[nodiscard]] crypto::Ptk derive_ptk(const crypto::Pmk& pmk, const AuthenticatorAddr& aa,
                                     const SupplicantAddr& spa, const ANonce& anonce,
                                     const SNonce& snonce);

/// The parts of a CCMP PTK: KCK = PTK[0..15] (EAPOL-Key MIC), KEK = PTK[16..31] (Key Data
/// wrap), TK = PTK[32..47] (CCMP temporal key).
[[nodiscard]] crypto::Kck ptk_kck(const crypto::Ptk& ptk);
[[nodiscard]] crypto::Kek ptk_kek(const crypto::Ptk& ptk);
[[nodiscard]] crypto::Tk ptk_tk(const crypto::Ptk& ptk);

}  // namespace wps::wpa2
