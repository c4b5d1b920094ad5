// EAPOL-Key frames, RSN descriptor (IEEE 802.11-2020 §12.7.2; WPS-FACTS §3.1, §10.2):
// codec, MIC (key descriptor version 2: HMAC-SHA1-128 / AES key wrap), message identification
// and the Key Data field (elements, KDEs, padding, AES key wrap under the KEK).
//
// The functions here work on a whole EAPOL frame: the 4-octet 802.1X header (version, packet
// type 3, body length) followed by the Key descriptor. The header is part of the MIC'd octets,
// which is why this codec builds it itself rather than asking the eap module.
//
// Layout (offsets from the first EAPOL octet; all integers big-endian):
//    0 version  1 type=3  2 body length (= 95 + key data length)
//    4 descriptor type (2 = RSN)  5 key information  7 key length  9 replay counter (8)
//   17 key nonce (32)  49 EAPOL-Key IV (16)  65 key RSC (8)  73 reserved (8)  81 key MIC (16)
//   97 key data length  99 key data
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "crypto/secret.hpp"

namespace wps::wpa2 {

inline constexpr std::uint8_t kEapolPacketTypeKey = 3;
inline constexpr std::uint8_t kKeyDescriptorRsn = 2;
inline constexpr std::size_t kEapolHeaderLen = 4;
/// Octets of the Key descriptor before the Key Data (descriptor type .. key data length).
inline constexpr std::size_t kKeyBodyFixedLen = 95;
/// Smallest EAPOL-Key frame: header + fixed body, empty Key Data.
inline constexpr std::size_t kEapolKeyMinLen = kEapolHeaderLen + kKeyBodyFixedLen;  // 99
inline constexpr std::size_t kKeyInfoOffset = 5;
inline constexpr std::size_t kReplayCounterOffset = 9;
inline constexpr std::size_t kNonceOffset = 17;
inline constexpr std::size_t kMicOffset = 81;
inline constexpr std::size_t kMicLen = 16;
inline constexpr std::size_t kKeyDataLenOffset = 97;
inline constexpr std::size_t kKeyDataOffset = 99;
/// Key Length for a CCMP-128 pairwise key.
inline constexpr std::uint16_t kCcmpKeyLength = 16;

/// Key Information bits (IEEE 802.11-2020 §12.7.2 b); WPS-FACTS §10.2).
namespace key_info {
inline constexpr std::uint16_t kVersionMask = 0x0007;
inline constexpr std::uint16_t kVersionAesHmacSha1 = 0x0002;  ///< descriptor version 2
inline constexpr std::uint16_t kPairwise = 0x0008;            ///< Key Type
inline constexpr std::uint16_t kIndexMask = 0x0030;           ///< WPA1 only; 0 in RSN
inline constexpr std::uint16_t kInstall = 0x0040;
inline constexpr std::uint16_t kAck = 0x0080;
inline constexpr std::uint16_t kMic = 0x0100;
inline constexpr std::uint16_t kSecure = 0x0200;
inline constexpr std::uint16_t kError = 0x0400;
inline constexpr std::uint16_t kRequest = 0x0800;
inline constexpr std::uint16_t kEncryptedKeyData = 0x1000;
inline constexpr std::uint16_t kSmk = 0x2000;

/// The values our engines send (WPS-FACTS §10.2 table).
inline constexpr std::uint16_t kMsg1 = 0x008A;
inline constexpr std::uint16_t kMsg2 = 0x010A;
inline constexpr std::uint16_t kMsg3 = 0x13CA;
inline constexpr std::uint16_t kMsg4 = 0x030A;
inline constexpr std::uint16_t kGroup1 = 0x1382;
inline constexpr std::uint16_t kGroup2 = 0x0302;
}  // namespace key_info

using KeyNonce = std::array<std::uint8_t, 32>;
using KeyMic = std::array<std::uint8_t, kMicLen>;

/// One EAPOL-Key frame, decoded. Owns its Key Data (which, in message 3, is AES-wrapped and so
/// not secret; unwrapped Key Data is returned separately as SecretBytes).
struct EapolKey {
  std::uint8_t eapol_version = 2;  ///< 802.1X protocol version, 1..3 accepted
  std::uint8_t descriptor_type = kKeyDescriptorRsn;
  std::uint16_t key_info = 0;
  std::uint16_t key_length = 0;
  std::uint64_t replay_counter = 0;
  KeyNonce nonce{};
  std::array<std::uint8_t, 16> iv{};
  std::array<std::uint8_t, 8> rsc{};       ///< Key RSC: PN, least significant octet first
  std::array<std::uint8_t, 8> reserved{};  ///< "Key ID" in older editions; must be sent as 0
  KeyMic mic{};
  Bytes key_data;

  friend bool operator==(const EapolKey&, const EapolKey&) = default;
};

/// Parses one EAPOL frame holding an RSN EAPOL-Key descriptor. The whole input must be the
/// frame: octets after the declared body are rejected (they would be outside the MIC).
/// Errors (offset = where in `frame`):
///   Truncated      @len   shorter than the header, the declared body or the fixed Key fields
///   EapolBadVersion @0    protocol version not 1..3
///   EapolBadType    @1    packet type is not 3 (EAPOL-Key)
///   KeyBadDescriptor @4   descriptor type is not 2 (RSN; WPA1's 254 is out of scope)
///   BadLength      @97    Key Data Length != body length - 95
///   TrailingBytes  @4+body octets follow the declared body
/// Nothing about Key Information is judged here (see classify()).
[[nodiscard]] Result<EapolKey> parse_eapol_key(ByteView frame);

/// Serializes k (header included; body length computed). The MIC field is written as given.
/// Precondition (asserted): key_data.size() <= 65535 - 95.
[[nodiscard]] Bytes build_eapol_key(const EapolKey& k);

/// Serializes k with its Key MIC computed under kck (k.mic is ignored). For frames with the
/// Key MIC bit set.
[[nodiscard]] Bytes build_eapol_key_signed(const EapolKey& k, const crypto::Kck& kck);

/// Key MIC, descriptor version 2: HMAC-SHA1-128(KCK, whole EAPOL frame with the MIC field
/// zeroed) (IEEE 802.11-2020 §12.7.2 j)). `frame` is the exact EAPOL frame as sent/received
/// (header through the end of the Key Data). Errors: Truncated if shorter than 99 octets.
[[nodiscard]] Result<KeyMic> compute_mic(ByteView frame, const crypto::Kck& kck);

/// Recomputes the MIC and compares it with the frame's in constant time.
/// Errors: Truncated (as compute_mic), KeyMicMismatch @81.
[[nodiscard]] Result<void> verify_mic(ByteView frame, const crypto::Kck& kck);

/// What an EAPOL-Key frame is, from its Key Information bits alone.
enum class KeyMessage : std::uint8_t {
  None = 0,   ///< not tied to one message (used in Failed outputs)
  Pairwise1,  ///< 4-way message 1 (AP -> STA): ANonce
  Pairwise2,  ///< 4-way message 2 (STA -> AP): SNonce, STA RSN IE, MIC
  Pairwise3,  ///< 4-way message 3 (AP -> STA): install, wrapped RSN IE + GTK, MIC
  Pairwise4,  ///< 4-way message 4 (STA -> AP): MIC
  Group1,     ///< group key handshake message 1 (AP -> STA)
  Group2,     ///< group key handshake message 2 (STA -> AP)
};
/// "msg1".."msg4", "group1", "group2", "none".
std::string_view to_string(KeyMessage m);

/// Identifies the message from Key Information (IEEE 802.11-2020 §12.7.6.2..5 and §12.7.7):
///   M1: Pairwise, Ack                         — not MIC/Install/Secure/Encrypted
///   M2: Pairwise, MIC                         — not Ack/Install/Secure/Encrypted
///   M3: Pairwise, Ack, MIC, Install, Secure, Encrypted Key Data
///   M4: Pairwise, MIC, Secure                 — not Ack/Install/Encrypted
///   G1: Ack, MIC, Secure, Encrypted           — not Pairwise/Install
///   G2: MIC, Secure                           — not Pairwise/Ack/Install/Encrypted
/// In every case the descriptor version must be 2 and Key Index, Error, Request and SMK clear.
/// Errors: KeyBadInfo @5 for any other combination (incl. EAPOL-Key requests, which our
/// engines do not serve).
[[nodiscard]] Result<KeyMessage> classify(std::uint16_t key_info);

// ---------------------------------------------------------------------------------------------
// Key Data (IEEE 802.11-2020 §12.7.2 Figure 12-34 ff.; WPS-FACTS §10.2)

inline constexpr std::uint8_t kElementIdRsn = 48;
inline constexpr std::uint8_t kElementIdVendor = 0xdd;  ///< also the KDE type and the pad octet
inline constexpr std::uint8_t kKdeGtk = 1;
inline constexpr std::uint8_t kKdeMacAddr = 3;
inline constexpr std::uint8_t kKdePmkid = 4;
inline constexpr std::uint8_t kKdeIgtk = 9;

/// A GTK KDE: `dd <len> 00 0f ac 01 <KeyID bits 0-1 | Tx bit 2> 00 <GTK>`.
struct GtkKde {
  std::uint8_t key_id = 0;  ///< 0..3
  bool tx = false;
  ByteView gtk;  ///< 5..32 octets (16 for CCMP)
};

/// The parts of a Key Data field our engines use. Views point into the buffer given to
/// parse_key_data and live as long as it does.
struct KeyDataView {
  std::optional<ByteView> rsn_ie;  ///< the first RSN element, whole (`30 len ...`)
  std::optional<GtkKde> gtk;
  std::optional<ByteView> pmkid;  ///< PMKID KDE payload (16 octets)
};

/// Walks the element/KDE list of a (plaintext or unwrapped) Key Data field. Other elements
/// and KDEs are skipped; padding (0xdd followed only by zero octets to the end) ends the list.
/// Errors: KeyDataMalformed, offset within key_data, when an element header or body runs past
/// the end, the RSN element or GTK/PMKID KDE appears twice, a GTK KDE is not 6+5..6+32 octets,
/// a PMKID KDE is not 4+16 octets, or padding holds a non-zero octet.
[[nodiscard]] Result<KeyDataView> parse_key_data(ByteView key_data);

/// `dd 16 00 0f ac 01 <key_id | tx<<2> 00 <gtk>` (22+2 octets). key_id must be 0..3 (asserted).
[[nodiscard]] crypto::SecretBytes build_gtk_kde(const crypto::Gtk& gtk, std::uint8_t key_id,
                                                bool tx);

/// Pads plaintext Key Data for AES key wrap: if shorter than 16 or not a multiple of 8,
/// append 0xdd then 0x00 octets up to the next multiple of 8 (minimum 16). Otherwise unchanged.
[[nodiscard]] crypto::SecretBytes pad_key_data(ByteView plaintext);

/// pad_key_data, then RFC 3394 AES key wrap under the KEK (8 octets longer than the padded
/// input). Errors: those of crypto::aes_key_wrap (none for a 16-octet KEK and padded data).
[[nodiscard]] Result<Bytes> wrap_key_data(const crypto::Kek& kek, ByteView plaintext);

/// RFC 3394 unwrap of an encrypted Key Data field. Returns the padded plaintext (parse_key_data
/// accepts the padding). Errors: KeyDataMalformed @0 when the length is not a multiple of 8 or
/// below 24; UnwrapFailed when the integrity check fails.
[[nodiscard]] Result<crypto::SecretBytes> unwrap_key_data(const crypto::Kek& kek, ByteView wrapped);

/// Key RSC / PN helpers: the 48-bit PN as the first 6 octets of the 8-octet RSC, least
/// significant octet first (IEEE 802.11-2020 §12.7.2 h)).
[[nodiscard]] std::array<std::uint8_t, 8> rsc_from_pn(std::uint64_t pn);
[[nodiscard]] std::uint64_t pn_from_rsc(const std::array<std::uint8_t, 8>& rsc);

}  // namespace wps::wpa2
