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

/// The owner's key pair from its private exponent (checked against `public_key` when that is
/// known) and the token's hash and ID; no password yet.
Result<GeneratedToken> owned_key(std::uint16_t dpid, ByteView private_key,
                                 std::optional<ByteView> public_key) {
  WPS_TRY_ASSIGN(auto key, crypto::DhPrivateKey::from_private(private_key));
  if (public_key && !equal(*public_key, key.public_key().view())) {
    return unexpected(Errc::BadValue);
  }
  GeneratedToken g;
  g.public_key = key.public_key();
  g.token.public_key_hash = wsc::public_key_hash(g.public_key.view());
  g.token.device_password_id = dpid;
  g.own.dh_private = crypto::to_secret(private_key);
  return g;
}

}  // namespace

NfcPassword NfcPassword::from_token(const wsc::OobDevicePassword& oob) {
  return {oob.device_password_id, hex_text(oob.password)};
}

NfcPeerToken NfcPeerToken::from_token(const wsc::OobDevicePassword& oob) {
  return {NfcPassword::from_token(oob), oob.public_key_hash};
}

Result<GeneratedToken> generate_password_token(Rng& rng, std::optional<std::uint16_t> dpid) {
  WPS_TRY_ASSIGN(auto key, crypto::DhPrivateKey::generate(rng));
  GeneratedToken g;
  g.public_key = key.public_key();
  g.token.public_key_hash = wsc::public_key_hash(g.public_key.view());
  g.token.password.resize(32);  // WPS_OOB_DEVICE_PASSWORD_LEN
  rng.fill(g.token.password);
  if (dpid) {
    g.token.device_password_id = *dpid;
  } else {
    std::array<std::uint8_t, 2> r{};
    rng.fill(r);
    g.token.device_password_id = static_cast<std::uint16_t>(0x10 + ((r[0] << 8) | r[1]) % 0xFFF0);
  }
  g.own.password = NfcPassword::from_token(g.token);
  g.own.dh_private = key.private_bytes();
  return g;
}

Result<GeneratedToken> token_from_keys(std::uint16_t dpid, ByteView private_key,
                                       std::optional<ByteView> public_key, ByteView password) {
  if (dpid < wsc::kFirstTokenDpid) return unexpected(Errc::BadValue);
  if (password.size() < 16 || password.size() > 32) return unexpected(Errc::BadValue);
  WPS_TRY_ASSIGN(auto g, owned_key(dpid, private_key, public_key));
  g.token.password.assign(password.begin(), password.end());
  g.own.password = NfcPassword::from_token(g.token);
  return g;
}

Result<GeneratedToken> handover_key_from(ByteView private_key, std::optional<ByteView> public_key) {
  WPS_TRY_ASSIGN(auto g, owned_key(wsc::kHandoverDpid, private_key, public_key));
  g.own.password.dpid = wsc::kHandoverDpid;
  return g;
}

bool public_key_matches(ByteView public_key, const wsc::PublicKeyHash& expected) {
  if (public_key.size() != wsc::kPublicKeyLength) return false;
  const wsc::PublicKeyHash got = wsc::public_key_hash(public_key);
  return crypto::ct_equal(got, expected);
}

void NfcTokenStore::add(NfcPeerToken token) {
  std::erase_if(tokens_,
                [&](const NfcPeerToken& t) { return t.password.dpid == token.password.dpid; });
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
