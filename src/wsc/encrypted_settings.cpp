#include "wsc/encrypted_settings.hpp"

#include "wsc/tlv.hpp"

namespace wps::wsc {
namespace {
constexpr std::size_t kBlock = 16;
constexpr std::size_t kKwaTlvLen = 4 + 8;
}  // namespace

KeyWrapAuth compute_key_wrap_auth(const crypto::AuthKey& auth_key, ByteView settings_tlvs) {
  // §7.5: KWA = first 8 octets of HMAC-SHA-256(AuthKey, settings TLVs).
  crypto::Sha256 mac = crypto::hmac_sha256(auth_key, {settings_tlvs});
  KeyWrapAuth kwa = *KeyWrapAuth::from(ByteView(mac.data(), 8));
  crypto::secure_zero(mac.data(), mac.size());
  return kwa;
}

Bytes encrypt_settings_ciphertext(ByteView settings_tlvs, const crypto::AuthKey& auth_key,
                                  const crypto::KeyWrapKey& key_wrap_key, const Iv& iv) {
  const KeyWrapAuth kwa = compute_key_wrap_auth(auth_key, settings_tlvs);
  crypto::SecretBytes plain;
  const std::size_t unpadded = settings_tlvs.size() + kKwaTlvLen;
  // PKCS#5: always 1..16 octets of padding, a whole block when already aligned (§7.5).
  const std::size_t pad = kBlock - unpadded % kBlock;
  plain.reserve(unpadded + pad);
  plain.insert(plain.end(), settings_tlvs.begin(), settings_tlvs.end());
  const std::uint16_t kwa_type = to_u16(AttrType::KeyWrapAuthenticator);
  const std::uint8_t hdr[4] = {static_cast<std::uint8_t>(kwa_type >> 8),
                               static_cast<std::uint8_t>(kwa_type), 0x00, 0x08};
  plain.insert(plain.end(), std::begin(hdr), std::end(hdr));
  plain.insert(plain.end(), kwa.get().begin(), kwa.get().end());
  plain.insert(plain.end(), pad, static_cast<std::uint8_t>(pad));

  auto ct = crypto::aes128_cbc_encrypt(key_wrap_key, iv.view(), crypto::view(plain));
  WPS_ASSERT(ct.has_value());  // sizes are fixed by the types; only an OpenSSL fault fails here
  return std::move(*ct);
}

Bytes encrypt_settings(ByteView settings_tlvs, const crypto::AuthKey& auth_key,
                       const crypto::KeyWrapKey& key_wrap_key, const Iv& iv) {
  const Bytes ct = encrypt_settings_ciphertext(settings_tlvs, auth_key, key_wrap_key, iv);
  Bytes out;
  out.reserve(kBlock + ct.size());
  out.insert(out.end(), iv.get().begin(), iv.get().end());
  out.insert(out.end(), ct.begin(), ct.end());
  return out;
}

Iv settings_iv(ByteView value) {
  WPS_ASSERT(value.size() >= kBlock);
  return *Iv::from(value.first(kBlock));
}

Result<crypto::SecretBytes> decrypt_settings(ByteView value, const crypto::AuthKey& auth_key,
                                             const crypto::KeyWrapKey& key_wrap_key) {
  // §7.5: IV + at least one block, whole blocks only.
  if (value.size() < 2 * kBlock || value.size() % kBlock != 0)
    return unexpected(Errc::BadCiphertextLength, 0, to_u16(AttrType::EncryptedSettings));
  WPS_TRY_ASSIGN(crypto::SecretBytes plain,
                 crypto::aes128_cbc_decrypt(key_wrap_key, value.first(kBlock),
                                            value.subspan(kBlock)));
  // PKCS#5 check over the whole last block without branching on the pad octets, so the time
  // taken does not tell which octet was wrong (padding-oracle hygiene, §7.5 / §13.5).
  const std::size_t n = plain.size();
  const std::uint8_t pad = plain[n - 1];
  unsigned bad = static_cast<unsigned>(pad == 0) | static_cast<unsigned>(pad > kBlock);
  for (std::size_t i = 0; i < kBlock; ++i) {
    const std::uint8_t b = plain[n - 1 - i];
    // The last `pad` octets must all equal pad (in_pad = 1 for those positions).
    const unsigned in_pad = static_cast<unsigned>(i < pad);
    bad |= in_pad & static_cast<unsigned>(b != pad);
  }
  if (bad != 0) return unexpected(Errc::BadPadding, n - 1, 0);
  const std::size_t len = n - pad;
  ByteView tlvs(plain.data(), len);

  // §7.5 / [H-attr wps_process_key_wrap_auth]: the KWA must be the LAST TLV; the HMAC covers
  // every octet before it.
  WPS_TRY_ASSIGN(AttrList list, tokenize(tlvs, 0, TokenizeMode::FramingOnly));
  if (list.empty() || list.back().type != to_u16(AttrType::KeyWrapAuthenticator)) {
    if (list.empty())
      return unexpected(Errc::KwaNotLast, 0, to_u16(AttrType::KeyWrapAuthenticator));
    return unexpected(Errc::KwaNotLast, list.back().offset, list.back().type);
  }
  const Attr& kwa = list.back();
  if (kwa.value.size() != 8) return unexpected(Errc::AttrBadLength, kwa.offset, kwa.type);
  const ByteView covered = tlvs.first(kwa.offset);
  const KeyWrapAuth expect = compute_key_wrap_auth(auth_key, covered);
  if (!crypto::ct_equal(expect.view(), kwa.value))
    return unexpected(Errc::KwaMismatch, kwa.offset, kwa.type);
  // Drop KWA + padding; wipe them now rather than when the buffer is released.
  crypto::secure_zero(plain.data() + kwa.offset, n - kwa.offset);
  plain.resize(kwa.offset);
  return plain;
}

}  // namespace wps::wsc
