// The capture analyzer's dissector: one captured packet (with its pcap LINKTYPE) → a lenient,
// decoded view of everything WPS cares about, plus expert-info style findings for what is
// malformed (ARCHITECTURE §1.5: annotate and keep going, never give up on a whole frame while
// something can still be decoded).
//
//   link layer    802.11 (105, FCS detected), radiotap (127, FCS flag), PPI (192), Ethernet (1),
//                 Linux cooked v1 (113) and v2 (276) — the latter carrying EAPOL or 802.11
//   802.11        type/subtype/flags, TA/RA/BSSID/SA/DA, sequence number, Retry, Protected;
//                 management bodies (beacon, probe, auth, (re)assoc, deauth/disassoc, action)
//                 with SSID, channel, RSN element and the concatenated WPS IE decoded;
//                 data frames with LLC/SNAP or the CCMP/TKIP/WEP header of a protected body
//   EAPOL         version/type/length; EAP code/id/type/identity; EAP-WSC op-code/flags/length;
//                 the WSC message type and key attributes; EAPOL-Key message 1..4 / group 1..2
//
// Memory: a Frame is meant to be reused (dissect() resets it and keeps its buffers' capacity),
// so dissecting a stream allocates nothing per frame except for findings and for the attribute
// list of EAP-WSC messages. Views: every ByteView / string_view in a Frame points either into the
// packet given to dissect() (valid while that packet is) or into the Frame's own buffer (valid
// until the next dissect() into the same Frame). A Frame is therefore move-only.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes.hpp"
#include "base/errc.hpp"
#include "base/result.hpp"
#include "base/strong.hpp"
#include "dot11/frame.hpp"
#include "eap/eap_packet.hpp"
#include "eap/eapol.hpp"
#include "wpa2/eapol_key.hpp"
#include "wsc/attr_table.hpp"
#include "wsc/types.hpp"

namespace wps::analyzer {

// ---------------------------------------------------------------------------------------------
// Findings (Wireshark "expert info")

enum class Severity : std::uint8_t {
  Note,     ///< worth knowing, nothing wrong (e.g. a retransmission, an interop quirk)
  Warning,  ///< the frame breaks a rule but was decoded (bad length, missing attribute)
  Error,    ///< part of the frame could not be decoded
};
/// "note", "warning", "error".
std::string_view to_string(Severity s);

struct Finding {
  Severity severity = Severity::Warning;
  Errc code = Errc::Ok;      ///< the precise reason (Errc::Ok for pure notes)
  std::uint32_t offset = 0;  ///< octet offset in the captured packet (0 when not frame-bound)
  std::string text;          ///< one line for people, e.g. "Authenticator length 7, expected 8"
};

// ---------------------------------------------------------------------------------------------
// Layers

enum class LinkKind : std::uint8_t {
  Unknown,   ///< the link header itself could not be decoded
  Ethernet,  ///< Ethernet II (LINKTYPE 1)
  Cooked,    ///< Linux cooked capture v1/v2 (113/276): only the sender's address is known
  Dot11,     ///< an 802.11 frame (105, or behind radiotap/PPI/cooked)
};

/// What the frame is, at the most specific level the dissector reached.
enum class FrameKind : std::uint8_t {
  Unknown,
  Beacon,
  ProbeRequest,
  ProbeResponse,
  Authentication,
  AssociationRequest,
  AssociationResponse,
  ReassociationRequest,
  ReassociationResponse,
  Disassociation,
  Deauthentication,
  Action,
  OtherManagement,
  Control,
  Data,      ///< an 802.11 data frame with a body (EAPOL and protected frames included)
  NullData,  ///< Null / QoS Null (power-save signalling, no body)
  Wired,     ///< an Ethernet / cooked frame (look at ethertype and the EAPOL layers)
};
/// "beacon", "probe-request", ... (stable, for JSON).
std::string_view to_string(FrameKind k);

/// Radio information from radiotap / PPI.
struct RadioInfo {
  std::optional<std::int8_t> signal_dbm;
  std::optional<std::int8_t> noise_dbm;
  std::optional<std::uint16_t> freq_mhz;
  std::optional<std::uint8_t> rate_500kbps;
  bool fcs_removed =
      false;             ///< the capture carried an FCS (radiotap flag / detected) and it was cut
  bool bad_fcs = false;  ///< radiotap flagged the FCS as failed
};

/// Channel number of a frequency (2.4 GHz 1..14, 5 GHz, 6 GHz); 0 when unknown.
std::uint16_t channel_of(std::uint16_t freq_mhz);

struct Dot11Header {
  dot11::FrameControl fc{};
  std::uint16_t duration = 0;
  MacAddr ra;                    ///< A1
  std::optional<MacAddr> ta;     ///< A2 (absent in CTS/ACK)
  std::optional<MacAddr> bssid;  ///< from A1/A2/A3 per the DS bits (absent for ToDS+FromDS)
  std::optional<MacAddr> sa;     ///< source address (mgmt: A2)
  std::optional<MacAddr> da;     ///< destination address (mgmt: A1)
  std::optional<dot11::SequenceControl> seq;
  std::optional<std::uint16_t> qos_control;
  std::size_t header_length = 0;  ///< MAC header octets (body starts here)
  [[nodiscard]] bool retry() const { return fc.flags.retry; }
  [[nodiscard]] bool protected_frame() const { return fc.flags.protected_frame; }
};

/// Management frame fields (those of the frame's subtype are set).
struct MgmtInfo {
  std::optional<std::uint64_t> timestamp;  ///< beacon / probe response TSF
  std::optional<std::uint16_t> beacon_interval;
  std::optional<std::uint16_t> capability;
  std::optional<std::uint16_t> listen_interval;
  std::optional<MacAddr> current_ap;  ///< reassociation request
  std::optional<std::uint16_t> auth_algorithm;
  std::optional<std::uint16_t> auth_seq;
  std::optional<std::uint16_t> status;  ///< auth / (re)assoc response
  std::optional<std::uint16_t> aid;     ///< (re)assoc response, without the two MSBs
  std::optional<std::uint16_t> reason;  ///< deauth / disassoc
  std::optional<std::uint8_t> action_category;
  // Elements
  std::optional<ByteView> ssid;         ///< SSID element data (view into the packet)
  std::optional<std::uint8_t> channel;  ///< DS Parameter Set, else HT Operation primary
  std::optional<ByteView> rsn;          ///< RSN element data (view into the packet)
  std::uint8_t wps_ie_count = 0;        ///< WPS vendor elements in the frame
};

/// The WPS IE of a management frame, decoded leniently (WPS-FACTS §2.3, §2.4). Text views point
/// into the Frame's own buffer.
struct WpsIeInfo {
  bool present = false;
  std::uint16_t attr_count = 0;
  std::optional<std::uint8_t> version;
  std::optional<std::uint8_t> version2;   ///< WFA Vendor Extension Version2 (0x20 = 2.0)
  std::optional<std::uint8_t> wps_state;  ///< 1 not configured, 2 configured
  std::optional<bool> ap_setup_locked;
  std::optional<bool> selected_registrar;
  std::optional<std::uint16_t> device_password_id;
  std::optional<std::uint16_t> sel_reg_config_methods;
  std::optional<std::uint16_t> config_methods;
  std::optional<std::uint8_t> request_type;
  std::optional<std::uint8_t> response_type;
  std::optional<std::uint8_t> rf_bands;
  std::optional<std::uint16_t> association_state;
  std::optional<std::uint16_t> config_error;
  std::optional<bool> request_to_enroll;
  std::optional<Uuid> uuid_e;
  std::optional<Uuid> uuid_r;
  std::optional<std::string_view> manufacturer;
  std::optional<std::string_view> model_name;
  std::optional<std::string_view> model_number;
  std::optional<std::string_view> serial_number;
  std::optional<std::string_view> device_name;
  std::optional<wsc::DeviceType> primary_device_type;
  std::array<MacAddr, 5> authorized_macs{};
  std::uint8_t authorized_mac_count = 0;
};

/// Protection of a data frame body, read from its security header.
enum class Cipher : std::uint8_t { None, Wep, Tkip, Ccmp, Unknown };
/// "none", "WEP", "TKIP", "CCMP", "unknown".
std::string_view to_string(Cipher c);

struct DataInfo {
  Cipher cipher = Cipher::None;     ///< None for an unprotected body
  std::optional<std::uint64_t> pn;  ///< CCMP packet number / TKIP TSC
  std::uint8_t key_id = 0;
  std::optional<std::uint16_t> ethertype;  ///< LLC/SNAP EtherType of an unprotected body
  std::size_t body_length = 0;
};

struct EapolInfo {
  std::uint8_t version = 0;
  std::uint8_t type = 0;  ///< eap::EapolType value (0..4 known)
  std::uint16_t body_length = 0;
  std::uint32_t offset = 0;  ///< of the EAPOL header in the packet
  ByteView frame;            ///< header + body as present (link padding excluded)
};

struct EapInfo {
  eap::EapCode code = eap::EapCode::Request;
  std::uint8_t id = 0;
  std::uint16_t length = 0;
  std::optional<std::uint8_t> type;        ///< Request/Response only
  std::optional<ByteView> identity;        ///< Identity type: the identity octets
  std::optional<std::uint32_t> vendor_id;  ///< expanded type
  std::optional<std::uint32_t> vendor_type;
  std::uint32_t offset = 0;
};

struct EapWscInfo {
  eap::WscOpCode op = eap::WscOpCode::WscMsg;
  std::uint8_t flags = 0;
  std::optional<std::uint16_t> message_length;  ///< present iff LF
  ByteView data;                                ///< this packet's share of the message
  std::uint32_t data_offset = 0;
  [[nodiscard]] bool more_fragments() const { return (flags & eap::kWscFlagMore) != 0; }
  /// True when this packet is one fragment of a longer message (MF set, or LF announcing more
  /// than it carries).
  [[nodiscard]] bool fragment() const {
    return more_fragments() || (message_length && *message_length != data.size());
  }
};

/// The key attributes of a WSC message (or of the first fragment of one), decoded leniently.
/// Views point into the buffer given to decode_wsc_message().
struct WscMsgInfo {
  bool partial = false;  ///< decoded from a fragment: attributes may miss
  std::uint16_t attr_count = 0;
  std::optional<std::uint8_t> msg_type;  ///< raw Message Type value
  std::optional<std::uint8_t> version;
  std::optional<std::uint8_t> version2;
  std::optional<EnrolleeNonce> enrollee_nonce;
  std::optional<RegistrarNonce> registrar_nonce;
  std::optional<Uuid> uuid_e;
  std::optional<Uuid> uuid_r;
  std::optional<MacAddr> mac_address;
  std::optional<ByteView> public_key;
  bool e_hash1 = false, e_hash2 = false, r_hash1 = false, r_hash2 = false;
  std::optional<ByteView> encrypted_settings;
  std::optional<ByteView> authenticator;
  std::optional<std::uint16_t> config_error;
  std::optional<std::uint16_t> device_password_id;
  std::optional<std::uint16_t> config_methods;
  std::optional<std::uint16_t> auth_type_flags;
  std::optional<std::uint16_t> encr_type_flags;
  std::optional<std::uint16_t> association_state;
  std::optional<std::uint8_t> wps_state;
  std::optional<std::string_view> manufacturer;
  std::optional<std::string_view> model_name;
  std::optional<std::string_view> model_number;
  std::optional<std::string_view> serial_number;
  std::optional<std::string_view> device_name;
  std::optional<bool> request_to_enroll;
  std::optional<std::uint8_t> settings_delay_time;

  [[nodiscard]] std::optional<wsc::MsgType> type() const {
    if (!msg_type || !wsc::is_known(static_cast<wsc::MsgType>(*msg_type))) return std::nullopt;
    return static_cast<wsc::MsgType>(*msg_type);
  }
};

/// EAPOL-Key fields (fixed offsets of WPS-FACTS §10.2), read leniently.
struct EapolKeyInfo {
  std::uint8_t descriptor_type = 0;
  std::uint16_t key_info = 0;
  /// Which handshake message the Key Information bits describe (None when they fit no message).
  wpa2::KeyMessage message = wpa2::KeyMessage::None;
  std::uint16_t key_length = 0;
  std::uint64_t replay_counter = 0;
  wpa2::KeyNonce nonce{};
  wpa2::KeyMic mic{};
  std::uint16_t key_data_length = 0;
  /// The whole EAPOL frame (header through Key Data, without link padding): MIC input.
  ByteView frame;
  [[nodiscard]] bool nonce_is_zero() const;
  [[nodiscard]] bool mic_is_zero() const;
};

/// One decoded frame. See the header comment for lifetimes; reuse one Frame per stream.
struct Frame {
  Frame() = default;
  Frame(Frame&&) noexcept = default;
  Frame& operator=(Frame&&) noexcept = default;
  Frame(const Frame&) = delete;
  Frame& operator=(const Frame&) = delete;

  // Capture record
  std::uint64_t number = 0;       ///< 1-based record number in the capture
  std::int64_t timestamp_ns = 0;  ///< capture time, ns since 1970
  int linktype = 0;
  std::uint32_t caplen = 0;
  std::uint32_t origlen = 0;

  LinkKind link = LinkKind::Unknown;
  FrameKind kind = FrameKind::Unknown;
  RadioInfo radio;
  /// Link-neutral addresses: Ethernet src/dst, 802.11 SA/DA, cooked sender only.
  std::optional<MacAddr> src;
  std::optional<MacAddr> dst;

  std::optional<Dot11Header> dot11;
  MgmtInfo mgmt;
  WpsIeInfo wps_ie;
  DataInfo data;

  std::optional<std::uint16_t> ethertype;  ///< Ethernet / cooked / LLC-SNAP EtherType
  std::optional<EapolInfo> eapol;
  std::optional<EapInfo> eap;
  std::optional<EapWscInfo> eap_wsc;
  std::optional<WscMsgInfo> wsc;  ///< decoded from eap_wsc->data
  std::optional<EapolKeyInfo> key;

  std::vector<Finding> findings;

  /// Clears everything (keeps buffer capacity).
  void reset();
  /// The highest severity among the findings, or nullopt when there are none.
  [[nodiscard]] std::optional<Severity> worst() const;
  /// Adds a finding.
  void add(Severity s, Errc code, std::size_t offset, std::string text);

  /// Internal: the concatenated WPS IE attributes (wps_ie's views point here).
  Bytes wps_buffer;
};

/// A packet to dissect: what pcap::Reader::next() yields, plus the record number.
struct RawPacket {
  ByteView data;
  int linktype = 0;
  std::int64_t timestamp_ns = 0;
  std::uint32_t origlen = 0;  ///< 0 = same as data.size()
  std::uint64_t number = 0;
};

/// Dissects one packet into `out` (reset first). Never throws or aborts on any input.
/// Whatever could be decoded is in `out`, and everything malformed is in out.findings.
/// Errors (only when nothing at all could be decoded; the finding is in `out` too):
///  - PcapBadLinktype: a LINKTYPE other than 1, 105, 113, 127, 192, 276 (or a PPI / cooked
///    payload of an unsupported type);
///  - PcapBadRadiotap / PcapBadPpi / Truncated: the link header itself is unreadable.
Result<void> dissect(const RawPacket& packet, Frame& out);

/// Decodes the attributes of a WSC message (a whole message, or — `partial` — the first
/// fragment of one, whose last attribute may be cut). Lenient: framing errors stop the walk,
/// length-rule violations (attribute table), duplicates and unknown Message Types become
/// findings (offsets = `base_offset` + position). Views in the result point into `msg`.
WscMsgInfo decode_wsc_message(ByteView msg, bool partial, std::size_t base_offset,
                              std::vector<Finding>& findings);

/// Same lenient walk for the WPS IE attribute payload of a management frame.
WpsIeInfo decode_wps_ie(ByteView attrs, std::vector<Finding>& findings);

// ---------------------------------------------------------------------------------------------
// Roles

/// The two sides of a WPS run in the ladder: the station (enrollee, 802.1X supplicant) and the
/// access point (802.1X authenticator; its internal registrar, or the enrollee when an external
/// registrar talks to it).
enum class Role : std::uint8_t { Unknown, Sta, Ap };
/// "STA", "AP", "?".
std::string_view to_string(Role r);

/// Who sent a frame and which AP / STA addresses it names.
struct Endpoints {
  Role from = Role::Unknown;
  std::optional<MacAddr> ap;   ///< BSSID / authenticator MAC (nullopt when not in the frame)
  std::optional<MacAddr> sta;  ///< the station's MAC (nullopt for broadcasts from the AP)
};

/// 802.11: from the DS bits and the BSSID (beacons, probe/assoc responses come from the AP).
/// Wired: from the EAPOL roles (Start/Logoff/Response/EAPOL-Key without Ack → STA; Request/
/// Success/Failure/EAPOL-Key with Ack → AP) and the PAE group address (01:80:c2:00:00:03 is
/// where a supplicant sends). Unknown when none of this applies.
Endpoints endpoints(const Frame& f);

}  // namespace wps::analyzer
