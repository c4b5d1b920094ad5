// NFC tokens of the out-of-band method (WSC 2.0; docs/NFC-PBC-FACTS.md §2-§5, WPS-FACTS §5):
// the NDEF framing the daemons read and write, the OOB Device Password attribute (0x102C), the
// password token and the configuration token.
//
//  * NDEF: one record, flags MB|ME|(SR)|TNF=2 (media type), type "application/vnd.wfa.wsc",
//    payload = the WSC attributes. A reader takes the payload of the first record of that type
//    (as hostapd's ndef_parse_record: TNF, MB/ME and chunking are not checked; IL honoured).
//  * A token given to a reader is either bare WSC attributes (its first octet is 0x10: every
//    WSC type is 0x10xx) or NDEF — the rule of hostapd's and wpa_supplicant's *_tag_read.
//  * Password token: OOB Device Password (public key hash ‖ Device Password ID ‖ password) and
//    the WFA Version2 vendor extension; a Version attribute (0x104A) is accepted when present.
//  * Configuration token: Credential(s), RF Bands, [AP Channel], MAC Address (the AP's),
//    Version2.
//  * The device password the protocol uses is the upper-case hex text of the raw password
//    (64 characters for 32 octets), split in halves for PSK1/PSK2 like a PIN (§3.4).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/bytes.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"
#include "wsc/credential.hpp"
#include "wsc/tlv.hpp"

namespace wps::wsc {

inline constexpr std::string_view kWscMediaType = "application/vnd.wfa.wsc";
/// hostapd's limit for an NDEF payload.
inline constexpr std::size_t kNdefMaxPayload = 20000;
/// The Public Key attribute value a hash is taken over (DH group 5, zero-padded to 192).
inline constexpr std::size_t kPublicKeyLength = 192;
/// Device Password IDs of password tokens: 0x0010..0xFFFF; 0x0007 is connection handover.
inline constexpr std::uint16_t kFirstTokenDpid = 0x0010;
inline constexpr std::uint16_t kHandoverDpid = 0x0007;

using PublicKeyHash = std::array<std::uint8_t, 20>;

/// One NDEF record around `payload` (`type` defaults to the WSC media type).
Bytes ndef_wrap(ByteView payload, std::string_view type = kWscMediaType);

/// The payload of the first record whose type is `type`. Errors (offsets from ndef[0]):
/// Truncated (a record header, type, ID or payload runs past the end), TooLarge (a payload
/// length above kNdefMaxPayload), AttrMissing (no record of that type; offset = its length).
Result<ByteView> ndef_payload(ByteView ndef, std::string_view type = kWscMediaType);

/// SHA-256 over the 192-octet Public Key attribute value, first 20 octets. WPS_ASSERT: 192.
PublicKeyHash public_key_hash(ByteView public_key);

/// The device password as the protocol uses it: the raw token password in upper-case hex.
std::string device_password_text(ByteView raw_password);

struct OobDevicePassword {
  PublicKeyHash public_key_hash{};
  std::uint16_t device_password_id = kFirstTokenDpid;
  Bytes password;  ///< 16..32 octets (0..32 when device_password_id is 0x0007)
  friend bool operator==(const OobDevicePassword&, const OobDevicePassword&) = default;
};

/// Decodes the value of an OOB Device Password attribute. `base_offset` = offset of value[0].
/// Errors: AttrBadLength (not 22..54 octets, or a password under 16 octets with a Device
/// Password ID other than 0x0007), AttrBadValue (a Device Password ID under 0x0010 other than
/// 0x0007).
Result<OobDevicePassword> parse_oob_device_password(ByteView value, std::size_t base_offset = 0);

struct PasswordToken {
  OobDevicePassword oob;
  std::optional<std::uint8_t> version;   ///< 0x104A, if the token carries it
  std::optional<std::uint8_t> version2;  ///< from the WFA vendor extension
};

struct ConfigToken {
  std::vector<Credential> credentials;  ///< at least one
  std::optional<std::uint8_t> rf_bands;
  std::optional<std::uint16_t> ap_channel;
  std::optional<MacAddr> mac_address;  ///< the AP's own address
  std::optional<std::uint8_t> version;
  std::optional<std::uint8_t> version2;
};

/// Password token as the daemons build it: OOB Device Password, then Version2.
Bytes build_password_token(const OobDevicePassword& oob);
/// Configuration token in hostapd's order: Credential, RF Bands, [AP Channel], MAC Address,
/// Version2. The credential's MAC Address is written as given (hostapd: 00:00:00:00:00:00).
Bytes build_config_token(const Credential& cred, std::uint8_t rf_bands,
                         std::optional<std::uint16_t> ap_channel, const MacAddr& ap_mac);

/// Connection handover carrier records (NFC-PBC facts §8): each commits its sender's DH public
/// key (OOB Device Password with Device Password ID 0x0007 and no password). The record's payload
/// is a 2-octet big-endian length of the WSC attributes, then the attributes.
struct HandoverRequest {  ///< the station's (Handover Requester)
  PublicKeyHash public_key_hash{};
  Uuid uuid_e;
  std::optional<std::uint8_t> version2;
};
struct HandoverSelect {  ///< the AP's (Handover Selector)
  PublicKeyHash public_key_hash{};
  Bytes ssid;
  std::optional<std::uint8_t> rf_bands;
  std::optional<std::uint16_t> ap_channel;
  std::optional<MacAddr> mac_address;  ///< the AP's BSSID
  std::optional<std::uint8_t> version2;
};
/// The carrier record payloads (with their 2-octet length), in hostapd's attribute order.
Bytes build_handover_request(const PublicKeyHash& hash, const Uuid& uuid_e);
Bytes build_handover_select(const PublicKeyHash& hash, ByteView ssid, const MacAddr& bssid,
                            std::optional<std::uint8_t> rf_bands = std::nullopt,
                            std::optional<std::uint16_t> ap_channel = std::nullopt);

struct Token {
  bool ndef = false;     ///< read from an NDEF message (else bare WSC attributes)
  bool carrier = false;  ///< a handover carrier record (2-octet length before the attributes)
  std::variant<PasswordToken, ConfigToken, HandoverRequest, HandoverSelect> body;
  Bytes attributes;  ///< the WSC attributes (the NDEF payload, or the input)
};

/// Reads a token or handover carrier record in either form (NDEF, or bare: WSC attributes
/// starting 0x10, or a carrier payload whose 2-octet length covers the rest). A 0x102C with
/// Device Password ID 7 and UUID-E is a handover request, with SSID a handover select (both
/// errors AttrMissing when neither is there).
/// Reads a token in either form. Errors: BadLength (under 4 octets, as the daemons refuse),
/// those of ndef_payload(), of tokenize() (offsets within the WSC attributes), of
/// parse_oob_device_password() and parse_credential(); AttrMissing when the attributes are
/// neither a password token (0x102C) nor a configuration token (0x100E).
Result<Token> read_token(ByteView data);

}  // namespace wps::wsc
