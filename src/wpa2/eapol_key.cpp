#include "wpa2/eapol_key.hpp"

#include <algorithm>

#include "base/assert.hpp"
#include "crypto/crypto.hpp"

namespace wps::wpa2 {

namespace {

constexpr std::size_t kMaxKeyDataLen = 0xffff - kKeyBodyFixedLen;
constexpr std::uint8_t kRsnOui[3] = {0x00, 0x0f, 0xac};

template <std::size_t N>
bool take_into(ByteReader& r, std::array<std::uint8_t, N>& out) {
  auto v = r.take(N);
  if (!v) return false;
  std::copy(v->begin(), v->end(), out.begin());
  return true;
}

}  // namespace

Result<EapolKey> parse_eapol_key(ByteView frame) {
  ByteReader r(frame);
  EapolKey k;
  // IEEE 802.1X-2020 §11.3: version, packet type, packet body length.
  auto version = r.u8();
  auto type = r.u8();
  auto body_len = r.u16be();
  if (!version || !type || !body_len) return unexpected(Errc::Truncated, frame.size());
  if (*version < 1 || *version > 3) return unexpected(Errc::EapolBadVersion, 0);
  if (*type != kEapolPacketTypeKey) return unexpected(Errc::EapolBadType, 1);
  if (frame.size() < kEapolHeaderLen + *body_len) return unexpected(Errc::Truncated, frame.size());
  if (frame.size() > kEapolHeaderLen + *body_len)
    return unexpected(Errc::TrailingBytes, kEapolHeaderLen + *body_len);
  if (*body_len < kKeyBodyFixedLen) return unexpected(Errc::Truncated, frame.size());
  k.eapol_version = *version;

  // IEEE 802.11-2020 §12.7.2, Figure 12-32: the fixed Key descriptor fields.
  k.descriptor_type = *r.u8();
  if (k.descriptor_type != kKeyDescriptorRsn) return unexpected(Errc::KeyBadDescriptor, 4);
  k.key_info = *r.u16be();
  k.key_length = *r.u16be();
  k.replay_counter = *r.u64be();
  const bool fixed_ok = take_into(r, k.nonce) && take_into(r, k.iv) && take_into(r, k.rsc) &&
                        take_into(r, k.reserved) && take_into(r, k.mic);
  WPS_ASSERT(fixed_ok);  // body_len >= 95 was checked, so every fixed field is present
  const std::uint16_t key_data_len = *r.u16be();
  if (key_data_len != *body_len - kKeyBodyFixedLen)
    return unexpected(Errc::BadLength, kKeyDataLenOffset);
  k.key_data = to_bytes(r.rest());
  return k;
}

Bytes build_eapol_key(const EapolKey& k) {
  WPS_ASSERT(k.key_data.size() <= kMaxKeyDataLen);
  ByteWriter w;
  w.u8(k.eapol_version)
      .u8(kEapolPacketTypeKey)
      .u16be(static_cast<std::uint16_t>(kKeyBodyFixedLen + k.key_data.size()))
      .u8(k.descriptor_type)
      .u16be(k.key_info)
      .u16be(k.key_length)
      .u64be(k.replay_counter)
      .bytes(k.nonce)
      .bytes(k.iv)
      .bytes(k.rsc)
      .bytes(k.reserved)
      .bytes(k.mic)
      .u16be(static_cast<std::uint16_t>(k.key_data.size()))
      .bytes(k.key_data);
  return w.take();
}

Result<KeyMic> compute_mic(ByteView frame, const crypto::Kck& kck) {
  if (frame.size() < kEapolKeyMinLen) return unexpected(Errc::Truncated, frame.size());
  // §12.7.2 j): the MIC is computed over the whole EAPOL frame with the Key MIC field zero.
  Bytes copy = to_bytes(frame);
  std::fill_n(copy.begin() + kMicOffset, kMicLen, std::uint8_t{0});
  return crypto::hmac_sha1_128(kck.view(), copy);
}

Bytes build_eapol_key_signed(const EapolKey& k, const crypto::Kck& kck) {
  EapolKey unsigned_key = k;
  unsigned_key.mic.fill(0);
  Bytes frame = build_eapol_key(unsigned_key);
  const KeyMic mic = crypto::hmac_sha1_128(kck.view(), frame);
  std::copy(mic.begin(), mic.end(), frame.begin() + kMicOffset);
  return frame;
}

Result<void> verify_mic(ByteView frame, const crypto::Kck& kck) {
  WPS_TRY_ASSIGN(const KeyMic expected, compute_mic(frame, kck));
  // Constant time: the comparison must not reveal how many leading octets matched.
  if (!crypto::ct_equal(expected, frame.subspan(kMicOffset, kMicLen)))
    return unexpected(Errc::KeyMicMismatch, kMicOffset);
  return ok();
}

std::string_view to_string(KeyMessage m) {
  switch (m) {
    case KeyMessage::None: return "none";
    case KeyMessage::Pairwise1: return "msg1";
    case KeyMessage::Pairwise2: return "msg2";
    case KeyMessage::Pairwise3: return "msg3";
    case KeyMessage::Pairwise4: return "msg4";
    case KeyMessage::Group1: return "group1";
    case KeyMessage::Group2: return "group2";
  }
  return "?";
}

Result<KeyMessage> classify(std::uint16_t info) {
  using namespace key_info;
  // Only descriptor version 2 (HMAC-SHA1-128 MIC, AES key wrap): the CCMP/PSK case of §10.
  if ((info & kVersionMask) != kVersionAesHmacSha1)
    return unexpected(Errc::KeyBadInfo, kKeyInfoOffset);
  // Key Index is WPA1-only and reserved (0) in RSN; Error/Request frames are requests from a
  // supplicant (MIC failure report, rekey) that these engines do not serve; SMK is obsolete.
  if ((info & (kIndexMask | kError | kRequest | kSmk)) != 0)
    return unexpected(Errc::KeyBadInfo, kKeyInfoOffset);
  const auto has = [info](std::uint16_t bits) { return (info & bits) == bits; };
  const auto none = [info](std::uint16_t bits) { return (info & bits) == 0; };
  if (has(kPairwise)) {
    // IEEE 802.11-2020 §12.7.6.2..12.7.6.5 (message field values).
    if (has(kAck) && none(kMic | kInstall | kSecure | kEncryptedKeyData))
      return KeyMessage::Pairwise1;
    if (has(kAck | kMic | kInstall | kSecure | kEncryptedKeyData)) return KeyMessage::Pairwise3;
    if (has(kMic) && none(kAck | kInstall | kSecure | kEncryptedKeyData))
      return KeyMessage::Pairwise2;
    if (has(kMic | kSecure) && none(kAck | kInstall | kEncryptedKeyData))
      return KeyMessage::Pairwise4;
  } else if (none(kInstall)) {
    // §12.7.7.2 / §12.7.7.3 group key handshake.
    if (has(kAck | kMic | kSecure | kEncryptedKeyData)) return KeyMessage::Group1;
    if (has(kMic | kSecure) && none(kAck | kEncryptedKeyData)) return KeyMessage::Group2;
  }
  return unexpected(Errc::KeyBadInfo, kKeyInfoOffset);
}

// ---------------------------------------------------------------------------------------------

Result<KeyDataView> parse_key_data(ByteView key_data) {
  KeyDataView out;
  ByteReader r(key_data);
  while (!r.empty()) {
    const std::size_t at = r.offset();
    const std::uint8_t id = *r.u8();
    // §12.7.2: padding is 0xdd followed by zero or more 0x00 octets. A real vendor element or
    // KDE has at least 4 octets (OUI + type), so "dd" at the end or "dd 00" starts padding.
    if (id == kElementIdVendor && (r.empty() || key_data[r.pos()] == 0)) {
      for (std::uint8_t b : r.rest())
        if (b != 0) return unexpected(Errc::KeyDataMalformed, at);
      break;
    }
    auto len = r.u8();
    if (!len) return unexpected(Errc::KeyDataMalformed, at);
    auto body = r.take(*len);
    if (!body) return unexpected(Errc::KeyDataMalformed, at);
    if (id == kElementIdRsn) {
      if (out.rsn_ie) return unexpected(Errc::KeyDataMalformed, at);
      out.rsn_ie = key_data.subspan(at, 2 + *len);
      continue;
    }
    if (id != kElementIdVendor || body->size() < 4 ||
        !std::equal(kRsnOui, kRsnOui + 3, body->begin()))
      continue;  // another element, or a vendor element that is not a KDE: skipped
    const std::uint8_t kde_type = (*body)[3];
    const ByteView payload = body->subspan(4);
    if (kde_type == kKdeGtk) {
      // §12.7.2 Figure 12-40: KeyID (bits 0-1), Tx (bit 2), reserved octet, then the GTK.
      if (out.gtk || payload.size() < 2 + 5 || payload.size() > 2 + 32)
        return unexpected(Errc::KeyDataMalformed, at);
      out.gtk = GtkKde{static_cast<std::uint8_t>(payload[0] & 0x03), (payload[0] & 0x04) != 0,
                       payload.subspan(2)};
    } else if (kde_type == kKdePmkid) {
      if (out.pmkid || payload.size() != 16) return unexpected(Errc::KeyDataMalformed, at);
      out.pmkid = payload;
    }
  }
  return out;
}

crypto::SecretBytes build_gtk_kde(const crypto::Gtk& gtk, std::uint8_t key_id, bool tx) {
  WPS_ASSERT(key_id <= 3);
  crypto::SecretBytes out;
  out.reserve(8 + crypto::Gtk::size());
  const std::uint8_t head[] = {kElementIdVendor,
                               static_cast<std::uint8_t>(6 + crypto::Gtk::size()),
                               kRsnOui[0],
                               kRsnOui[1],
                               kRsnOui[2],
                               kKdeGtk,
                               static_cast<std::uint8_t>(key_id | (tx ? 0x04 : 0x00)),
                               0x00};
  out.insert(out.end(), std::begin(head), std::end(head));
  out.insert(out.end(), gtk.view().begin(), gtk.view().end());
  return out;
}

crypto::SecretBytes pad_key_data(ByteView plaintext) {
  crypto::SecretBytes out(plaintext.begin(), plaintext.end());
  // §12.7.2: pad when the length is below 16 or not a multiple of 8.
  if (out.size() >= 16 && out.size() % 8 == 0) return out;
  out.push_back(kElementIdVendor);
  while (out.size() < 16 || out.size() % 8 != 0) out.push_back(0x00);
  return out;
}

Result<Bytes> wrap_key_data(const crypto::Kek& kek, ByteView plaintext) {
  const crypto::SecretBytes padded = pad_key_data(plaintext);
  return crypto::aes_key_wrap(kek.view(), crypto::view(padded));
}

Result<crypto::SecretBytes> unwrap_key_data(const crypto::Kek& kek, ByteView wrapped) {
  // RFC 3394: n >= 2 64-bit blocks of plaintext, plus the 8-octet integrity block.
  if (wrapped.size() < 24 || wrapped.size() % 8 != 0) return unexpected(Errc::KeyDataMalformed, 0);
  return crypto::aes_key_unwrap(kek.view(), wrapped);
}

std::array<std::uint8_t, 8> rsc_from_pn(std::uint64_t pn) {
  std::array<std::uint8_t, 8> rsc{};
  for (std::size_t i = 0; i < 6; ++i) rsc[i] = static_cast<std::uint8_t>(pn >> (8 * i));
  return rsc;
}

std::uint64_t pn_from_rsc(const std::array<std::uint8_t, 8>& rsc) {
  std::uint64_t pn = 0;
  for (std::size_t i = 0; i < 6; ++i) pn |= static_cast<std::uint64_t>(rsc[i]) << (8 * i);
  return pn;
}

}  // namespace wps::wpa2
