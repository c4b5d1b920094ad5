#include "wps/nfc_password.hpp"

#include <algorithm>

namespace wps::proto {

namespace {

/// The upper-case hex text of `raw`, written straight into secret storage.
crypto::SecretBytes hex_text(ByteView raw) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  crypto::SecretBytes out(raw.size() * 2);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    out[2 * i] = static_cast<std::uint8_t>(kDigits[raw[i] >> 4]);
    out[2 * i + 1] = static_cast<std::uint8_t>(kDigits[raw[i] & 0x0F]);
  }
  return out;
}

}  // namespace

NfcPassword NfcPassword::from_token(const wsc::OobDevicePassword& oob) {
  return {oob.device_password_id, hex_text(oob.password)};
}

NfcPeerToken NfcPeerToken::from_token(const wsc::OobDevicePassword& oob) {
  return {NfcPassword::from_token(oob), oob.public_key_hash};
}

bool public_key_matches(ByteView public_key, const wsc::PublicKeyHash& expected) {
  if (public_key.size() != wsc::kPublicKeyLength) return false;
  const wsc::PublicKeyHash got = wsc::public_key_hash(public_key);
  return crypto::ct_equal(got, expected);
}

void NfcTokenStore::add(NfcPeerToken token) {
  std::erase_if(tokens_, [&](const NfcPeerToken& t) {
    return t.password.dpid == token.password.dpid;
  });
  tokens_.push_back(std::move(token));
}

std::optional<NfcPeerToken> NfcTokenStore::take(std::uint16_t dpid) {
  auto it = std::find_if(tokens_.begin(), tokens_.end(),
                         [&](const NfcPeerToken& t) { return t.password.dpid == dpid; });
  if (it == tokens_.end()) return std::nullopt;
  NfcPeerToken t = std::move(*it);
  tokens_.erase(it);
  return t;
}

bool NfcTokenStore::contains(std::uint16_t dpid) const {
  return std::any_of(tokens_.begin(), tokens_.end(),
                     [&](const NfcPeerToken& t) { return t.password.dpid == dpid; });
}

}  // namespace wps::proto
