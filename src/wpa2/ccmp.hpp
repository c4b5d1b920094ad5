// CCMP-128 protection of one MPDU (IEEE 802.11-2020 §12.5.3; WPS-FACTS §10.3).
//
// This module does not parse 802.11 headers (the dot11 module does); the caller passes the
// header fields CCMP needs as a small struct. Output of protect is what follows the MAC header
// on air:
//
//   CCMP header (8) = PN0 PN1 00 (ExtIV 0x20 | KeyID << 6) PN2 PN3 PN4 PN5
//   ‖ AES-CCM ciphertext of the plaintext MSDU (LLC/SNAP ‖ payload) ‖ MIC (8)
//
// The caller sets the Protected bit (FC bit 14) in the header it transmits.
//   Nonce (13) = flags (priority/TID in bits 0-3, 0 for non-QoS data) ‖ A2 ‖ PN5..PN0
//   AAD        = masked FC ‖ A1 ‖ A2 ‖ A3 ‖ masked Sequence Control ‖ [A4] ‖ [masked QoS Control]
#pragma once

#include <cstdint>
#include <optional>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"
#include "crypto/secret.hpp"

namespace wps::wpa2 {

inline constexpr std::size_t kCcmpHeaderLen = 8;
inline constexpr std::size_t kCcmpMicLen = 8;
inline constexpr std::uint64_t kMaxPn = 0xffffffffffffULL;  ///< 48-bit packet number

/// The 802.11 MAC header fields CCMP authenticates. The 16-bit fields hold the values of the
/// little-endian on-air fields (frame_control = octet0 | octet1 << 8: bits 2-3 type, 4-7
/// subtype, 8 ToDS, 9 FromDS, 11 Retry, 12 PwrMgt, 13 MoreData, 14 Protected, 15 +HTC/Order).
struct MpduHeader {
  std::uint16_t frame_control = 0;
  MacAddr a1;
  MacAddr a2;  ///< transmitter address: goes into the nonce
  MacAddr a3;
  std::uint16_t sequence_control = 0;        ///< bits 0-3 fragment number, 4-15 sequence number
  std::optional<MacAddr> a4;                 ///< present when ToDS and FromDS are both set
  std::optional<std::uint16_t> qos_control;  ///< present for QoS data subtypes; TID = bits 0-3
};

/// The Additional Authentication Data for hdr (§12.5.3.3.3): FC with subtype bits 4-6, Retry,
/// PwrMgt and MoreData cleared and Protected set (and +HTC/Order cleared in QoS data frames);
/// Sequence Control with the sequence number cleared; QoS Control reduced to the TID.
/// 22 octets for a three-address non-QoS frame, +6 with A4, +2 with QoS Control.
[[nodiscard]] Bytes ccmp_aad(const MpduHeader& hdr);

/// The 13-octet CCM nonce: priority flags ‖ A2 ‖ PN (big-endian, 6 octets) (§12.5.3.3.4).
/// Priority is the TID for QoS data, else 0; bit 4 (management) is 0 for data frames.
[[nodiscard]] std::array<std::uint8_t, 13> ccmp_nonce(const MpduHeader& hdr, std::uint64_t pn);

/// Encrypts `plaintext` (the MSDU after the MAC header) as one MPDU with packet number `pn`
/// (1..2^48-1; the caller never reuses one per TK) and key id `key_id` (0..3).
/// Returns CCMP header ‖ ciphertext ‖ MIC (plaintext size + 16).
/// Errors: BadValue (pn 0 or over 48 bits, key_id > 3), plus those of crypto::aes_ccm_encrypt.
[[nodiscard]] Result<Bytes> ccmp_protect(const crypto::Tk& tk, const MpduHeader& hdr,
                                         std::uint64_t pn, std::uint8_t key_id, ByteView plaintext);

struct CcmpPlaintext {
  std::uint64_t pn = 0;
  std::uint8_t key_id = 0;
  crypto::SecretBytes plaintext;
};

/// Decrypts and verifies `body` (everything after the MAC header: CCMP header ‖ ciphertext ‖
/// MIC). Replay checking is the caller's (see CcmpReceiver).
/// Errors: Truncated (shorter than 16), BadValue @3 (ExtIV bit clear), KeyCcmpDecrypt (MIC does
/// not verify: wrong key, tampered header field, PN, ciphertext or MIC).
/// Note: the reserved octet and the Key ID bits of the CCMP header are not authenticated by
/// CCMP itself; the caller checks the key id it gets back.
[[nodiscard]] Result<CcmpPlaintext> ccmp_unprotect(const crypto::Tk& tk, const MpduHeader& hdr,
                                                   ByteView body);

/// Transmit side of one TK: PNs start at 1 and increase by one per MPDU, never reused.
class CcmpSender {
 public:
  explicit CcmpSender(crypto::Tk tk, std::uint8_t key_id = 0)
      : tk_(std::move(tk)), key_id_(key_id) {}
  /// ccmp_protect with the next PN. Errors: TooLarge once the PN space is exhausted, plus those
  /// of ccmp_protect.
  [[nodiscard]] Result<Bytes> protect(const MpduHeader& hdr, ByteView plaintext);
  [[nodiscard]] std::uint64_t next_pn() const { return next_pn_; }

 private:
  crypto::Tk tk_;
  std::uint8_t key_id_;
  std::uint64_t next_pn_ = 1;
};

/// Receive side of one TK: accepts an MPDU only if its PN is larger than every PN accepted
/// before (§12.5.3.4.4 replay detection, one counter; per-TID counters are the caller's).
class CcmpReceiver {
 public:
  explicit CcmpReceiver(crypto::Tk tk) : tk_(std::move(tk)) {}
  /// Errors: those of ccmp_unprotect; KeyReplayCounter when the PN is not larger than the last
  /// accepted one (the MPDU is authenticated first, so a forged PN cannot block the counter).
  [[nodiscard]] Result<CcmpPlaintext> unprotect(const MpduHeader& hdr, ByteView body);
  [[nodiscard]] std::uint64_t last_pn() const { return last_pn_; }

 private:
  crypto::Tk tk_;
  std::uint64_t last_pn_ = 0;
};

}  // namespace wps::wpa2
