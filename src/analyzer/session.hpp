// Sessions: the frames of a capture regrouped per (AP, STA) pair and rebuilt into a timeline —
// ladder rows, EAP-WSC messages reassembled from their fragments (eap::Reassembler), EAPOL-Key
// messages, WPS attempts (one per EAPOL-Start / Identity exchange), retransmissions and
// duplicates — in one streaming pass with bounded memory.
//
// Routing: 802.11 frames by BSSID and station address (endpoints()); wired 802.1X frames by the
// supplicant's MAC, the authenticator's MAC being learned from its first unicast answer (a
// supplicant sends to the PAE group address). Beacons and probe responses feed the AP table
// (also what `wpslab scan` lists); beacons and wildcard probe requests are merged into the
// ladders of the sessions of that AP / station when they are finished.
//
// Bounds: at most SessionOptions::max_sessions sessions, max_rows rows, max_messages WSC
// messages and max_keys EAPOL-Key frames per session, max_aps APs and max_stations stations
// with pending probes. What does not fit is counted in TrackerStats (dropped_*), never buffered.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzer/dissect.hpp"
#include "analyzer/ladder.hpp"
#include "eap/wsc_frag.hpp"

namespace wps::analyzer {

/// WscRecord::row / KeyRecord::row of a frame whose row was not kept (past the row limit).
inline constexpr std::size_t kNoRow = static_cast<std::size_t>(-1);

/// One whole WSC message of a session (reassembled when it came in fragments).
struct WscRecord {
  Role from = Role::Unknown;
  std::uint8_t msg_type = 0;  ///< raw Message Type (0 when absent)
  eap::WscOpCode op = eap::WscOpCode::WscMsg;
  std::uint8_t eap_id = 0;
  std::uint64_t frame = 0;        ///< record number of the frame that completed it
  std::uint64_t first_frame = 0;  ///< of its first fragment (== frame when unfragmented)
  std::int64_t time_ns = 0;       ///< relative to the capture's first frame
  std::uint16_t fragments = 1;
  std::size_t row = 0;  ///< index of the event/row of the completing frame, or kNoRow
  std::size_t attempt = 0;
  Bytes raw;  ///< the WSC attribute payload
  [[nodiscard]] std::optional<wsc::MsgType> type() const {
    auto t = static_cast<wsc::MsgType>(msg_type);
    return wsc::is_known(t) ? std::optional<wsc::MsgType>(t) : std::nullopt;
  }
  /// The key attributes, decoded from `raw` (views into `raw`; findings discarded).
  [[nodiscard]] WscMsgInfo info() const;
};

/// One EAPOL-Key frame of a session.
struct KeyRecord {
  Role from = Role::Unknown;
  wpa2::KeyMessage message = wpa2::KeyMessage::None;
  std::uint64_t frame = 0;
  std::int64_t time_ns = 0;
  std::uint16_t key_info = 0;
  std::uint64_t replay_counter = 0;
  wpa2::KeyNonce nonce{};
  std::size_t row = 0;  ///< its row, or kNoRow
  Bytes eapol;          ///< the whole EAPOL frame (MIC input)
};

/// What the tracker adds to a row beyond the ladder row itself.
struct Event {
  std::vector<Finding> findings;       ///< the frame's own findings, then the session's
  std::vector<std::string> notes;      ///< retransmission / duplicate / deviation remarks
  std::optional<std::size_t> message;  ///< WscRecord this frame completed
  std::optional<std::size_t> key;      ///< KeyRecord of this frame
  bool duplicate = false;              ///< same EAP packet as an earlier one (retransmission)
};

/// One WPS attempt: from EAPOL-Start (or the first EAP frame) to EAP-Failure / deauth / the
/// next attempt.
struct Attempt {
  /// Its place among the session's attempts as a person counts them (1, 2, ...); past the
  /// attempt limit the last entry is the newest attempt, so numbers can jump.
  std::uint64_t number = 0;
  std::size_t first_row = 0;  ///< rows of the session (after finish())
  std::size_t last_row = 0;
  std::int64_t start_ns = 0;
  std::int64_t end_ns = 0;
  std::optional<std::int64_t> first_ap_ns;  ///< the AP's first EAPOL frame of the attempt
  std::optional<std::string> identity;      ///< the station's EAP identity
  std::vector<std::size_t> messages;        ///< WscRecord indices, in order
  bool eap_failure = false;
  bool eap_success = false;
  bool deauth = false;
  std::uint16_t eapol_starts = 0;
  std::uint16_t fragments = 0;  ///< EAP-WSC fragments (all messages)
  std::uint16_t frag_acks = 0;
  /// WSC messages of this attempt not kept (the session's message limit was reached): the
  /// attempt is counted, not diagnosed.
  std::uint32_t messages_dropped = 0;
  /// The station's identity says it is an external registrar (the AP is the enrollee).
  [[nodiscard]] bool external_registrar() const {
    return identity && identity->find("Registrar") != std::string::npos;
  }
};

/// The WPS IE attributes of one management frame (for per-frame attribute tables).
struct IeRecord {
  std::uint64_t frame = 0;
  std::string label;  ///< the frame's ladder label, e.g. "Association Request (WPS IE)"
  Bytes attrs;        ///< the concatenated WPS IE attributes
};

/// Per-AP information (beacons, probe responses): the AP table of `wpslab scan`.
struct ApInfo {
  MacAddr bssid;
  std::string ssid;  ///< printable form
  Bytes ssid_raw;
  std::optional<std::uint16_t> channel;
  std::optional<std::int8_t> signal_dbm;  ///< strongest seen
  std::optional<std::int8_t> last_signal_dbm;
  std::uint64_t beacons = 0;
  std::uint64_t probe_responses = 0;
  bool wps = false;                         ///< a WPS IE was seen
  std::optional<std::uint8_t> wps_version;  ///< 0x10 / 0x20 (Version2 when present)
  std::optional<std::uint8_t> wps_state;
  bool locked = false;                              ///< AP Setup Locked = 1 seen
  bool selected_registrar = false;                  ///< Selected Registrar = 1 seen
  std::optional<std::uint16_t> device_password_id;  ///< with Selected Registrar
  /// Times the AP advertised PBC mode (Selected Registrar = 1 with Device Password ID 4): runs of
  /// consecutive beacons / probe responses that said so, [first, last] (at most 64 runs).
  std::vector<std::pair<std::int64_t, std::int64_t>> pbc_runs;
  bool in_pbc_run = false;  ///< the AP's last WPS IE advertised PBC mode
  /// Changes of AP Setup Locked in its WPS IEs: (time, locked), the first state included (at
  /// most 64).
  std::vector<std::pair<std::int64_t, bool>> lock_changes;
  std::uint64_t wps_ie_frames = 0;  ///< beacons / probe responses with a WPS IE
  std::optional<Uuid> uuid;         ///< its UUID (UUID-E or UUID-R of its WPS IE)
  std::string device_name, manufacturer, model_name, model_number;
  bool rsn = false;
  std::int64_t first_ns = 0;
  std::int64_t last_ns = 0;
  std::vector<IeRecord> ies;  ///< first beacon and first probe response WPS IE
};

/// An enrollee seen in push-button mode: a probe request or M1 with Device Password ID 4 and its
/// UUID-E (what a registrar's PBC monitor counts, WPS-FACTS §9).
struct PbcEnrollee {
  Uuid uuid_e;
  std::vector<MacAddr> macs;          ///< the MACs it used (at most 4)
  std::vector<std::int64_t> seen_ns;  ///< each probe request / M1, in order (at most 256)
  std::uint32_t probes = 0, m1s = 0;
};

class Tracker;

/// One (AP, STA) pair.
class Session {
 public:
  MacAddr ap;
  MacAddr sta;
  bool ap_known = false;
  bool wired = false;                      ///< seen on an Ethernet / cooked link
  std::int64_t first_ns = 0, last_ns = 0;  ///< relative to the capture's first frame
  std::uint64_t frames = 0;
  Bytes ssid;  ///< from its (re)association request / probe response

  // Filled by Tracker::finish():
  std::vector<Row> rows;      ///< the ladder, incl. merged beacon / probe rows
  std::vector<Event> events;  ///< parallel to rows (empty Event for merged rows)
  std::vector<WscRecord> messages;
  std::vector<KeyRecord> keys;
  std::vector<Attempt> attempts;
  std::uint64_t data_frames = 0;
  std::vector<IeRecord> ies;       ///< WPS IEs of its probe / association frames (first each)
  std::uint64_t dropped_rows = 0;  ///< rows over the limit
  std::uint64_t dropped_messages = 0;
  std::uint64_t dropped_keys = 0;  ///< EAPOL-Key frames over the limit
  /// Attempts counted but not listed: past SessionOptions::max_attempts the last entry of
  /// `attempts` is always the newest attempt, and the ones it replaced are counted here.
  std::uint64_t attempts_over_limit = 0;

  /// "02:00:00:00:0a:01 / 02:00:00:00:0b:01" (AP / STA; "?" for an AP not yet known).
  [[nodiscard]] std::string name() const;

 private:
  friend class Tracker;
  struct Dir {
    std::unique_ptr<eap::Reassembler> reasm;
    std::uint64_t reasm_first_frame = 0;
    std::uint16_t reasm_fragments = 0;
    std::uint64_t last_eap_hash = 0;
    std::uint64_t last_eap_frame = 0;
    std::optional<std::uint16_t> last_eap_code_id;  ///< code << 8 | identifier
    std::uint64_t last_eap_id_frame = 0;
    std::optional<std::uint16_t> last_seq;
    std::uint64_t last_seq_frame = 0;
  };
  explicit Session(LadderOptions lo) : ladder_(lo) {}
  LadderBuilder ladder_;
  std::vector<Event> pending_;  ///< by ladder handle
  Dir dir_[3];
  bool attempt_open_ = false;
  /// WSC messages (kept or not) the last attempt had when it was last opened: past the attempt
  /// limit one Attempt stands for many, and only messages after this mark make it "started".
  std::size_t attempt_mark_ = 0;
  bool m1_since_open_ = false;  ///< an M1 (kept or not) since the last attempt was opened
  /// Past the message limit, the newest attempt's messages (at most max(max_messages, 32)): the
  /// capture's last attempt is diagnosed whole whatever came before it.
  std::vector<WscRecord> tail_;
};

struct SessionOptions {
  std::size_t max_sessions = 1024;
  std::size_t max_rows = 512;
  std::size_t max_messages = 64;
  std::size_t max_keys = 32;
  /// Attempts listed per session: the first max_attempts - 1 and the newest; the ones between
  /// are counted (Session::attempts_over_limit).
  std::size_t max_attempts = 256;
  std::size_t max_aps = 1024;
  std::size_t max_stations = 2048;
};

struct TrackerStats {
  std::uint64_t frames = 0;
  std::uint64_t undecodable = 0;  ///< dissect() failed (nothing decodable)
  std::uint64_t findings_notes = 0, findings_warnings = 0, findings_errors = 0;
  std::uint64_t eapol_frames = 0;
  std::uint64_t beacons = 0;
  std::uint64_t data_frames = 0;
  std::uint64_t unrouted = 0;          ///< frames with no AP/STA pair (broadcast data, control)
  std::uint64_t dropped_sessions = 0;  ///< frames of sessions beyond max_sessions
  std::int64_t first_ts_ns = 0;        ///< absolute time of the first frame
  std::int64_t last_ts_ns = 0;
  std::vector<int> linktypes;
};

/// Streams dissected frames into sessions.
class Tracker {
 public:
  explicit Tracker(SessionOptions options = {});

  /// Routes one dissected frame. `decoded` = whether dissect() succeeded.
  void add(const Frame& f, bool decoded = true);
  /// Finishes every session: merges beacon/probe rows, builds attempts. Call once, at the end.
  void finish();

  [[nodiscard]] std::vector<Session>& sessions() { return sessions_; }
  [[nodiscard]] const std::vector<Session>& sessions() const { return sessions_; }
  /// The APs seen (beacons, probe responses, or as a session's AP), in order of appearance.
  [[nodiscard]] const std::vector<ApInfo>& aps() const { return aps_; }
  [[nodiscard]] const ApInfo* ap(const MacAddr& bssid) const;
  [[nodiscard]] const TrackerStats& stats() const { return stats_; }
  /// Enrollees seen in push-button mode, in order of appearance (at most max_stations).
  [[nodiscard]] const std::vector<PbcEnrollee>& pbc_enrollees() const { return pbc_; }

  /// The limits this tracker keeps to.
  [[nodiscard]] const SessionOptions& options() const { return opt_; }

 private:
  struct MacKey {
    std::uint64_t v;
    friend bool operator==(MacKey a, MacKey b) { return a.v == b.v; }
  };
  struct MacHash {
    std::size_t operator()(MacKey k) const { return std::hash<std::uint64_t>()(k.v); }
  };
  struct PairHash {
    std::size_t operator()(const std::pair<std::uint64_t, std::uint64_t>& p) const {
      return std::hash<std::uint64_t>()(p.first * 0x9e3779b97f4a7c15ULL ^ p.second);
    }
  };
  static std::uint64_t key_of(const MacAddr& m);

  Session* route(const Frame& f, const Endpoints& ep);
  void update_ap(const Frame& f, const Endpoints& ep);
  void feed(Session& s, const Frame& f, const Endpoints& ep);
  void finish_session(Session& s);
  void note_pbc(const Uuid& uuid_e, const MacAddr& mac, std::int64_t t, bool m1);

  SessionOptions opt_;
  LadderOptions lo_;
  std::vector<Session> sessions_;
  std::unordered_map<std::pair<std::uint64_t, std::uint64_t>, std::size_t, PairHash> by_pair_;
  std::unordered_map<std::uint64_t, std::size_t> last_by_sta_;
  std::unordered_map<std::uint64_t, std::size_t> last_by_ap_;
  std::optional<std::size_t> last_placeholder_;  ///< newest session whose AP is not known yet
  std::vector<ApInfo> aps_;
  std::vector<PbcEnrollee> pbc_;
  std::unordered_map<std::uint64_t, std::size_t> ap_index_;
  std::vector<LadderBuilder> ap_ladders_;  ///< beacons per AP (parallel to aps_)
  std::unordered_map<std::uint64_t, LadderBuilder> sta_probes_;
  TrackerStats stats_;
  bool started_ = false;
  bool finished_ = false;
};

}  // namespace wps::analyzer
