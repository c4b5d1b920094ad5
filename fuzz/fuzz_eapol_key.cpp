// Fuzz target: the EAPOL-Key codec (parse, classify, MIC, build round trip) and the Key Data
// element/KDE parser, fed both the frame's Key Data and the raw input.
#include <cstddef>
#include <cstdint>

#include "base/assert.hpp"
#include "crypto/secret.hpp"
#include "wpa2/eapol_key.hpp"

namespace {

void check_key_data(wps::ByteView kd_bytes) {
  auto kd = wps::wpa2::parse_key_data(kd_bytes);
  if (!kd) {
    WPS_ASSERT(kd.error().code == wps::Errc::KeyDataMalformed);
    WPS_ASSERT(kd.error().offset < kd_bytes.size());
    return;
  }
  // Every view must lie inside the input.
  const auto inside = [&](wps::ByteView v) {
    return v.data() >= kd_bytes.data() && v.data() + v.size() <= kd_bytes.data() + kd_bytes.size();
  };
  if (kd->rsn_ie) WPS_ASSERT(inside(*kd->rsn_ie) && kd->rsn_ie->size() >= 2);
  if (kd->gtk)
    WPS_ASSERT(inside(kd->gtk->gtk) && kd->gtk->gtk.size() >= 5 && kd->gtk->gtk.size() <= 32);
  if (kd->pmkid) WPS_ASSERT(inside(*kd->pmkid) && kd->pmkid->size() == 16);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const wps::ByteView in(data, size);
  auto k = wps::wpa2::parse_eapol_key(in);
  if (k) {
    // A frame that parses is reproduced octet for octet by the builder.
    WPS_ASSERT(wps::wpa2::build_eapol_key(*k) == wps::to_bytes(in));
    (void)wps::wpa2::classify(k->key_info);
    check_key_data(k->key_data);
    const auto kck = wps::crypto::Kck::take_prefix(in.first(16));
    auto mic = wps::wpa2::verify_mic(in, kck);
    if (!mic) WPS_ASSERT(mic.error().code == wps::Errc::KeyMicMismatch);
    // Re-signing under that KCK yields a frame that verifies.
    WPS_ASSERT(wps::wpa2::verify_mic(wps::wpa2::build_eapol_key_signed(*k, kck), kck).has_value());
  } else {
    WPS_ASSERT(k.error().offset <= size);
  }
  check_key_data(in);
  return 0;
}
