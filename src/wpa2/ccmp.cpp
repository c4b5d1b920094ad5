#include "wpa2/ccmp.hpp"

#include "crypto/crypto.hpp"

namespace wps::wpa2 {

namespace {

constexpr std::uint16_t kFcTypeMask = 0x000c;
constexpr std::uint16_t kFcTypeMgmt = 0x0000;
constexpr std::uint16_t kFcTypeData = 0x0008;
constexpr std::uint16_t kFcSubtypeLow3 = 0x0070;  // subtype bits 4, 5, 6
constexpr std::uint16_t kFcRetry = 0x0800;
constexpr std::uint16_t kFcPwrMgt = 0x1000;
constexpr std::uint16_t kFcMoreData = 0x2000;
constexpr std::uint16_t kFcProtected = 0x4000;
constexpr std::uint16_t kFcOrder = 0x8000;
constexpr std::uint8_t kExtIv = 0x20;

std::uint8_t priority_of(const MpduHeader& hdr) {
  return hdr.qos_control ? static_cast<std::uint8_t>(*hdr.qos_control & 0x0f) : 0;
}

}  // namespace

Bytes ccmp_aad(const MpduHeader& hdr) {
  // IEEE 802.11-2020 §12.5.3.3.3 (construct AAD).
  std::uint16_t fc = hdr.frame_control;
  const bool data = (fc & kFcTypeMask) == kFcTypeData;
  if (data) fc &= static_cast<std::uint16_t>(~kFcSubtypeLow3);
  fc &= static_cast<std::uint16_t>(~(kFcRetry | kFcPwrMgt | kFcMoreData));
  fc |= kFcProtected;
  if (data && hdr.qos_control) fc &= static_cast<std::uint16_t>(~kFcOrder);
  ByteWriter w;
  w.u16le(fc).bytes(hdr.a1.view()).bytes(hdr.a2.view()).bytes(hdr.a3.view());
  w.u16le(static_cast<std::uint16_t>(hdr.sequence_control & 0x000f));  // fragment number only
  if (hdr.a4) w.bytes(hdr.a4->view());
  if (hdr.qos_control) w.u16le(static_cast<std::uint16_t>(*hdr.qos_control & 0x000f));  // TID
  return w.take();
}

std::array<std::uint8_t, 13> ccmp_nonce(const MpduHeader& hdr, std::uint64_t pn) {
  // §12.5.3.3.4: Nonce Flags (priority bits 0-3, management bit 4) ‖ A2 ‖ PN5..PN0.
  std::array<std::uint8_t, 13> n{};
  std::uint8_t flags = priority_of(hdr);
  if ((hdr.frame_control & kFcTypeMask) == kFcTypeMgmt) flags |= 0x10;
  n[0] = flags;
  std::copy(hdr.a2.get().begin(), hdr.a2.get().end(), n.begin() + 1);
  for (std::size_t i = 0; i < 6; ++i) n[7 + i] = static_cast<std::uint8_t>(pn >> (8 * (5 - i)));
  return n;
}

Result<Bytes> ccmp_protect(const crypto::Tk& tk, const MpduHeader& hdr, std::uint64_t pn,
                           std::uint8_t key_id, ByteView plaintext) {
  if (pn == 0 || pn > kMaxPn) return unexpected(Errc::BadValue, 0);
  if (key_id > 3) return unexpected(Errc::BadValue, 3);
  const Bytes aad = ccmp_aad(hdr);
  const auto nonce = ccmp_nonce(hdr, pn);
  WPS_TRY_ASSIGN(Bytes sealed,
                 crypto::aes_ccm_encrypt(tk.view(), nonce, aad, plaintext, kCcmpMicLen));
  // §12.5.3.2: CCMP header = PN0 PN1 Rsvd (ExtIV | KeyID) PN2 PN3 PN4 PN5.
  ByteWriter w;
  w.u8(static_cast<std::uint8_t>(pn))
      .u8(static_cast<std::uint8_t>(pn >> 8))
      .u8(0)
      .u8(static_cast<std::uint8_t>(kExtIv | (key_id << 6)))
      .u8(static_cast<std::uint8_t>(pn >> 16))
      .u8(static_cast<std::uint8_t>(pn >> 24))
      .u8(static_cast<std::uint8_t>(pn >> 32))
      .u8(static_cast<std::uint8_t>(pn >> 40))
      .bytes(sealed);
  return w.take();
}

Result<CcmpPlaintext> ccmp_unprotect(const crypto::Tk& tk, const MpduHeader& hdr, ByteView body) {
  if (body.size() < kCcmpHeaderLen + kCcmpMicLen) return unexpected(Errc::Truncated, body.size());
  if ((body[3] & kExtIv) == 0) return unexpected(Errc::BadValue, 3);
  CcmpPlaintext out;
  out.key_id = static_cast<std::uint8_t>(body[3] >> 6);
  out.pn = static_cast<std::uint64_t>(body[0]) | static_cast<std::uint64_t>(body[1]) << 8 |
           static_cast<std::uint64_t>(body[4]) << 16 | static_cast<std::uint64_t>(body[5]) << 24 |
           static_cast<std::uint64_t>(body[6]) << 32 | static_cast<std::uint64_t>(body[7]) << 40;
  const Bytes aad = ccmp_aad(hdr);
  const auto nonce = ccmp_nonce(hdr, out.pn);
  WPS_TRY_ASSIGN(out.plaintext, crypto::aes_ccm_decrypt(tk.view(), nonce, aad,
                                                        body.subspan(kCcmpHeaderLen), kCcmpMicLen));
  return out;
}

Result<Bytes> CcmpSender::protect(const MpduHeader& hdr, ByteView plaintext) {
  if (next_pn_ > kMaxPn) return unexpected(Errc::TooLarge, 0);
  WPS_TRY_ASSIGN(Bytes out, ccmp_protect(tk_, hdr, next_pn_, key_id_, plaintext));
  ++next_pn_;  // §12.5.3.4.3: a PN is never reused with the same TK
  return out;
}

Result<CcmpPlaintext> CcmpReceiver::unprotect(const MpduHeader& hdr, ByteView body) {
  WPS_TRY_ASSIGN(CcmpPlaintext p, ccmp_unprotect(tk_, hdr, body));
  if (p.pn <= last_pn_) return unexpected(Errc::KeyReplayCounter, 0);
  last_pn_ = p.pn;
  return p;
}

}  // namespace wps::wpa2
