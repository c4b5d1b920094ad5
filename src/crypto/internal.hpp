// Helpers shared by the .cpp files of src/crypto. Not part of the module's public API.
#pragma once

#include <initializer_list>

#include "base/bytes.hpp"

namespace wps::crypto {

enum class HmacDigest { Sha256Digest, Sha1Digest };

/// HMAC(key, parts...) written straight into out, whose size must be the digest size (32 or 20),
/// so callers that derive secrets can keep every intermediate in wiped storage.
void hmac_into(HmacDigest which, ByteView key, std::initializer_list<ByteView> parts,
               MutByteView out);

} // namespace wps::crypto
