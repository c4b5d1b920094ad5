// Encrypted Settings (0x1018) with its Key Wrap Authenticator (0x101E) — WPS-FACTS §7.5:
//
//   KWA       = first 8 octets of HMAC-SHA-256(AuthKey, settings TLVs)
//   plaintext = settings TLVs ‖ 101E 0008 KWA
//   padded    = plaintext ‖ PKCS#5 padding (1..16 octets of value n; a full block if aligned)
//   value     = IV(16) ‖ AES-128-CBC(KeyWrapKey, IV, padded)
//
// The typed wrappers (open_m4 ... open_m8, build_m4 ... build_m8) live in msg_m3_m4.hpp etc.;
// this layer works on the settings TLVs as octets.
#pragma once

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "crypto/crypto.hpp"
#include "crypto/secret.hpp"
#include "wsc/types.hpp"

namespace wps::wsc {

/// KWA over the settings TLVs (without the KWA TLV itself).
KeyWrapAuth compute_key_wrap_auth(const crypto::AuthKey& auth_key, ByteView settings_tlvs);

/// Builds the value of an Encrypted Settings attribute from the settings TLVs (WITHOUT a KWA:
/// it is computed and appended here). `iv` is used as given — the engine draws it from its Rng;
/// tests pass the IV of a captured message to reproduce its bytes. Cannot fail (key and IV
/// sizes are fixed by their types; an OpenSSL failure aborts).
/// Output size: 16 + 16 * ceil((settings_tlvs.size() + 12 + 1) / 16).
Bytes encrypt_settings(ByteView settings_tlvs, const crypto::AuthKey& auth_key,
                       const crypto::KeyWrapKey& key_wrap_key, const Iv& iv);

/// The same value without its leading IV (the AES-128-CBC ciphertext only), for builders that
/// write the IV and the ciphertext straight into a message.
Bytes encrypt_settings_ciphertext(ByteView settings_tlvs, const crypto::AuthKey& auth_key,
                                  const crypto::KeyWrapKey& key_wrap_key, const Iv& iv);

/// The IV of an Encrypted Settings value (its first 16 octets). Precondition: value.size() >= 16.
Iv settings_iv(ByteView value);

/// Decrypts an Encrypted Settings value and returns the settings TLVs WITHOUT the KWA TLV, in
/// zeroizing storage. Checks, in this order (offsets: 0 for the first two; then relative to the
/// start of the decrypted plaintext, i.e. the octet after the IV):
///  - BadCiphertextLength: value shorter than 32 octets or not a multiple of 16;
///  - (CryptoBackend if OpenSSL fails);
///  - BadPadding: the last octet n is not 1..16, or any of the last n octets differs from n
///    (checked without data-dependent branches over the pad octets);
///  - AttrTruncated: the unpadded plaintext does not split into whole TLVs (offset, attr as
///    in tokenize);
///  - KwaNotLast: the last TLV is not a Key Wrap Authenticator (offset of that TLV, its type);
///  - AttrBadLength: the final KWA TLV's length is not 8 (attr 0x101E);
///  - KwaMismatch: the KWA does not verify (constant-time compare; offset of the KWA TLV).
Result<crypto::SecretBytes> decrypt_settings(ByteView value, const crypto::AuthKey& auth_key,
                                             const crypto::KeyWrapKey& key_wrap_key);

}  // namespace wps::wsc
