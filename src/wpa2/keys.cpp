#include "wpa2/keys.hpp"

#include <algorithm>
#include <string_view>

namespace wps::wpa2 {

namespace {

int hex_digit(std::uint8_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Lexicographic unsigned comparison of equal-length octet strings (§12.7.1.3 "min/max").
bool less(ByteView a, ByteView b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end());
}

}  // namespace

Result<void> validate_passphrase(ByteView passphrase) {
  // IEEE 802.11-2020 Annex J.4.1: "a sequence of between 8 and 63 ASCII-encoded characters",
  // each in the printable range 32..126.
  if (passphrase.size() < kMinPassphraseLen || passphrase.size() > kMaxPassphraseLen)
    return unexpected(Errc::ConfigBadKey, passphrase.size());
  for (std::size_t i = 0; i < passphrase.size(); ++i)
    if (passphrase[i] < 32 || passphrase[i] > 126) return unexpected(Errc::ConfigBadKey, i);
  return ok();
}

Result<crypto::Pmk> pmk_from_passphrase(ByteView passphrase, ByteView ssid) {
  WPS_TRY(validate_passphrase(passphrase));
  if (ssid.empty() || ssid.size() > kMaxSsidLen) return unexpected(Errc::BadLength, ssid.size());
  WPS_TRY_ASSIGN(crypto::SecretBytes dk,
                 crypto::pbkdf2_sha1(passphrase, ssid, kPbkdf2Iterations, crypto::Pmk::size()));
  return crypto::Pmk::take_prefix(crypto::view(dk));
}

Result<crypto::Pmk> pmk_from_hex(ByteView hex64) {
  if (hex64.size() != kHexPskLen) return unexpected(Errc::ConfigBadKey, hex64.size());
  crypto::Pmk pmk;
  for (std::size_t i = 0; i < crypto::Pmk::size(); ++i) {
    const int hi = hex_digit(hex64[2 * i]);
    if (hi < 0) return unexpected(Errc::ConfigBadKey, 2 * i);
    const int lo = hex_digit(hex64[2 * i + 1]);
    if (lo < 0) return unexpected(Errc::ConfigBadKey, 2 * i + 1);
    pmk.data()[i] = static_cast<std::uint8_t>((hi << 4) | lo);
  }
  return pmk;
}

Result<crypto::Pmk> pmk_from_network_key(ByteView network_key, ByteView ssid) {
  // WPS-FACTS §10.1: a 64-digit key cannot be a passphrase (max 63), so it is the PSK in hex.
  if (network_key.size() == kHexPskLen) return pmk_from_hex(network_key);
  return pmk_from_passphrase(network_key, ssid);
}

// ---------------------------------------------------------------------------------------------

PmkCache::PmkCache(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

Result<crypto::Pmk> PmkCache::get(ByteView network_key, ByteView ssid) {
  // Unambiguous encoding: SSID length (<= 32 is checked by the derivation; a longer one never
  // reaches the cache) then SSID, then the key. The label separates this use of SHA-256.
  static constexpr std::string_view kLabel = "wpslab pmk cache v1";
  const std::uint8_t ssid_len = static_cast<std::uint8_t>(std::min<std::size_t>(ssid.size(), 255));
  const crypto::Sha256 id =
      crypto::sha256({as_bytes(kLabel), ByteView(&ssid_len, 1), ssid, network_key});
  ++clock_;
  for (auto& e : entries_) {
    if (crypto::ct_equal(e.id, id)) {
      e.last_use = clock_;
      ++hits_;
      return e.pmk.clone();
    }
  }
  ++misses_;
  WPS_TRY_ASSIGN(crypto::Pmk pmk, pmk_from_network_key(network_key, ssid));
  if (entries_.size() >= capacity_) {
    auto lru =
        std::min_element(entries_.begin(), entries_.end(),
                         [](const Entry& a, const Entry& b) { return a.last_use < b.last_use; });
    entries_.erase(lru);
  }
  entries_.push_back(Entry{id, pmk.clone(), clock_});
  return pmk;
}

// ---------------------------------------------------------------------------------------------

crypto::Ptk derive_ptk(const crypto::Pmk& pmk, const AuthenticatorAddr& aa,
                       const SupplicantAddr& spa, const ANonce& anonce, const SNonce& snonce) {
  // IEEE 802.11-2020 §12.7.1.3: data = Min(AA,SPA) ‖ Max(AA,SPA) ‖ Min(ANonce,SNonce) ‖
  // Max(ANonce,SNonce); PTK = PRF-Length(PMK, "Pairwise key expansion", data).
  const ByteView a = aa.mac.view();
  const ByteView s = spa.mac.view();
  const ByteView an = anonce.view();
  const ByteView sn = snonce.view();
  const bool a_first = less(a, s);
  const bool an_first = less(an, sn);
  const Bytes data =
      concat({a_first ? a : s, a_first ? s : a, an_first ? an : sn, an_first ? sn : an});
  const crypto::SecretBytes out =
      crypto::prf_sha1(pmk.view(), "Pairwise key expansion", data, crypto::Ptk::size());
  return crypto::Ptk::take_prefix(crypto::view(out));
}

crypto::Kck ptk_kck(const crypto::Ptk& ptk) {
  return crypto::Kck::take_prefix(ptk.view().subspan(0, 16));
}
crypto::Kek ptk_kek(const crypto::Ptk& ptk) {
  return crypto::Kek::take_prefix(ptk.view().subspan(16, 16));
}
crypto::Tk ptk_tk(const crypto::Ptk& ptk) {
  return crypto::Tk::take_prefix(ptk.view().subspan(32, 16));
}

}  // namespace wps::wpa2
