// Fuzz target: Encrypted Settings (src/wsc/encrypted_settings) and the inner-settings parsers
// (M4..M8 settings, Credential, AP settings).
//
// Input: octet 0 = mode, the rest = payload.
//  mode % 3 == 0: payload is an Encrypted Settings VALUE (IV ‖ ciphertext), decrypted with the
//                 fixed TV10 AuthKey/KeyWrapKey (seeds: the five TV10 values); on success the
//                 plaintext goes through every inner parser as in mode 1.
//  mode % 3 == 1: payload is a decrypted plaintext (KWA removed): every inner parser; whatever
//                 parses re-encodes to a fixed point (encode(parse(e)) == e for e = encode(parse(p))).
//  mode % 3 == 2: payload is settings TLVs: encrypt with a fixed IV, decrypt must return them.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "wsc/wsc.hpp"

namespace {

using namespace wps;
using namespace wps::wsc;

void check(bool ok) {
  if (!ok) std::abort();
}

Bytes unhex(const char* h) {
  return *from_hex(h);
}

// WPS-FACTS §11 TV10 keys.
const crypto::AuthKey& ak() {
  static const crypto::AuthKey k = *crypto::AuthKey::from(
      unhex("e29e57cd83248138e48c52fe248897a56e298c698e6e0fe7a6123d2df84c82cc"));
  return k;
}
const crypto::KeyWrapKey& kwk() {
  static const crypto::KeyWrapKey k =
      *crypto::KeyWrapKey::from(unhex("f424dd24d018fc9fd030f8f0a4148089"));
  return k;
}

template <typename ParseFn, typename EncodeFn>
void fixed_point(ByteView p, ParseFn parse, EncodeFn encode) {
  auto s = parse(p, std::size_t{0});
  if (!s) return;
  crypto::SecretBytes e1 = encode(*s);
  auto s2 = parse(crypto::view(e1), std::size_t{0});
  check(s2.has_value());
  check(encode(*s2) == e1);
}

void inner(ByteView p) {
  fixed_point(p, parse_m4_settings, [](const M4Settings& s) { return encode_m4_settings(s); });
  fixed_point(p, parse_m5_settings, [](const M5Settings& s) { return encode_m5_settings(s); });
  fixed_point(p, parse_m6_settings, [](const M6Settings& s) { return encode_m6_settings(s); });
  fixed_point(p, parse_m7_settings, [](const M7Settings& s) { return encode_m7_settings(s); });
  fixed_point(p, parse_m8_settings, [](const M8Settings& s) { return encode_m8_settings(s); });
  if (auto c = parse_credential(p, 0)) {
    (void)validate_credential(*c);
    (void)classify_network_key(crypto::view(c->network_key));
  }
  if (auto l = tokenize(p)) (void)parse_ap_settings(*l);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const ByteView payload(data + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      if (auto plain = decrypt_settings(payload, ak(), kwk())) inner(crypto::view(*plain));
      break;
    case 1: inner(payload); break;
    default: {
      const Iv iv = *Iv::from(Bytes(16, 0x5a));
      Bytes v = encrypt_settings(payload, ak(), kwk(), iv);
      check(v.size() >= 32 && v.size() % 16 == 0);
      auto plain = decrypt_settings(v, ak(), kwk());
      // The KWA check only fails when the payload itself does not frame as TLVs.
      if (plain) check(equal(crypto::view(*plain), payload));
      break;
    }
  }
  return 0;
}
