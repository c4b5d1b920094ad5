// The ladder: rows of a sequence diagram between the station (STA) and the access point (AP),
// one per shown frame, built from dissected frames (dissect.hpp), and its renderers (a text
// ladder and a Mermaid `sequenceDiagram`).
//
// What a row looks like:
//   {time, from STA/AP, to AP/STA, short label, section}
//   labels: "Beacon (WPS IE)", "Probe Request (WPS IE)", "Authentication (seq 1)",
//           "Association Request (WPS IE)", "Association Response (status 0, AID 1)",
//           "EAPOL-Start", "EAP-Request/Identity",
//           "EAP-Response/Identity WFA-SimpleConfig-Enrollee-1-0", "WSC_Start", "M1".."M8",
//           "M2D (config error 15)", "WSC_NACK (config error 18)", "WSC_ACK", "WSC_Done",
//           "WSC_FRAG_ACK", "M1 (fragment 2, 194/403 octets)", "EAP-Failure",
//           "Deauthentication (reason 23)", "EAPOL-Key 1/4".."4/4", "EAPOL-Key group 1/2",
//           "Data (protected, CCMP)"; an 802.11 retransmission gets " (retry)".
//   sections: Discovery (beacons, probes), Round 1 (authentication and association for WPS),
//             WPS (EAPOL/EAP-WSC), Round 2 (authentication and association with the received
//             credential), 4-way handshake (EAPOL-Key), Data.
//   collapsing: beacons — the first one of each label is shown, then one summary row
//             "… N more beacons"; likewise probe requests/responses and data frames per
//             direction and section. A beacon whose contents change (e.g. Selected Registrar
//             set, AP Setup Locked) has another label, so it is shown again.
//
// Not shown: control frames, Null data, frames whose sender role cannot be told, wired frames
// that are not EAPOL.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "analyzer/dissect.hpp"
#include "base/result.hpp"

namespace wps::analyzer {

enum class Section : std::uint8_t { Discovery, Round1, Wps, Round2, FourWay, Data };
/// "Discovery", "Round 1", "WPS", "Round 2", "4-way handshake", "Data".
std::string_view to_string(Section s);

enum class RowKind : std::uint8_t {
  Frame,    ///< one captured frame
  Summary,  ///< "… N more beacons": frames collapsed into the row before it of the same group
};

struct Row {
  RowKind kind = RowKind::Frame;
  std::int64_t time_ns = 0;  ///< since the ladder's time base (first frame seen, by default)
  Role from = Role::Sta;
  Role to = Role::Ap;
  std::string label;
  Section section = Section::Discovery;
  std::uint64_t frame = 0;  ///< capture record number (Frame rows; 0 for Summary rows)
  FrameKind frame_kind = FrameKind::Unknown;
  std::uint32_t count = 0;        ///< Summary rows: how many frames were collapsed
  std::int64_t last_time_ns = 0;  ///< Summary rows: time of the last collapsed frame
  bool retry = false;             ///< 802.11 Retry flag
  std::optional<Severity> worst;  ///< highest severity among the frame's findings
  /// The value LadderBuilder::add() returned for the frame of this row (a Summary row has the
  /// handle of the row it follows); lets a caller attach its own data to rows.
  std::uint32_t handle = 0;
};

/// The short label of one frame, without any context (no fragment numbering, no "(retry)").
/// Empty for frames a ladder does not show.
std::string frame_label(const Frame& f);

struct LadderOptions {
  bool collapse = true;      ///< collapse beacons / probes / data frames as described above
  std::size_t max_rows = 0;  ///< 0 = unlimited; beyond it frames are only counted
  /// Time base: row times are `timestamp - time_base_ns`; nullopt = the first frame added.
  std::optional<std::int64_t> time_base_ns;
};

/// Builds rows from frames one at a time (a stream: nothing of a Frame is kept but its row).
class LadderBuilder {
 public:
  explicit LadderBuilder(LadderOptions options = {});

  /// Adds the frame's row. Returns the new row's handle (0, 1, 2, ... in the order rows are
  /// created; see Row::handle), or nullopt when the frame is not shown, was collapsed into an
  /// earlier row (then `collapsed_into()` names that row) or is over max_rows.
  std::optional<std::size_t> add(const Frame& f);
  /// After add() returned nullopt for a collapsed frame: the handle of the row it was counted in.
  [[nodiscard]] std::optional<std::size_t> collapsed_into() const { return collapsed_into_; }

  /// The rows so far, collapsed groups expanded into Frame row + Summary row.
  [[nodiscard]] std::vector<Row> rows() const;
  /// Frames that reached add() and got a row or were collapsed into one.
  [[nodiscard]] std::uint64_t frames_shown() const { return shown_; }
  /// Frames dropped because max_rows was reached.
  [[nodiscard]] std::uint64_t frames_over_limit() const { return over_limit_; }
  [[nodiscard]] Section section() const { return section_; }

 private:
  struct Entry {
    Row row;
    std::uint32_t more = 0;  // collapsed frames after this row
    std::int64_t more_last = 0;
    std::string more_noun;  // "beacons", "probe requests", ...
  };
  struct Frag {
    bool active = false;
    std::string name;  // "M1"
    std::uint32_t count = 0;
    std::size_t received = 0;
    std::size_t total = 0;
  };

  Section section_for(const Frame& f, FrameKind k);
  std::string fragment_label(const Frame& f, Role from, std::string label);

  LadderOptions opt_;
  std::vector<Entry> entries_;
  struct GroupKey {
    int kind;
    int from;
    std::uint32_t epoch;
    std::string label;
  };
  struct GroupKeyView {
    int kind;
    int from;
    std::uint32_t epoch;
    std::string_view label;
  };
  struct GroupLess {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return std::make_tuple(a.kind, a.from, a.epoch, std::string_view(a.label)) <
             std::make_tuple(b.kind, b.from, b.epoch, std::string_view(b.label));
    }
  };
  std::map<GroupKey, std::size_t, GroupLess> groups_;
  std::string label_buf_;
  Section section_ = Section::Discovery;
  std::uint32_t epoch_ = 0;
  bool wps_done_ = false;
  Section assoc_section_ = Section::Round1;
  std::vector<std::size_t> pending_auth_;  // auth rows whose round the next association decides
  Frag frag_[3];
  std::uint64_t shown_ = 0;
  std::uint64_t over_limit_ = 0;
  std::optional<std::size_t> collapsed_into_;
};

/// Rows of a list of frames (see LadderBuilder).
std::vector<Row> build_ladder(std::span<const Frame> frames, LadderOptions options = {});

/// Reads a capture (pcap or pcapng; any supported linktype) and returns its ladder.
/// Errors: PcapOpen (missing / not a capture); a damaged record ends the ladder early (the rows
/// read so far are returned) — the reader's Truncated / BadLength is not an error here.
Result<std::vector<Row>> ladder_from_capture(const std::filesystem::path& path,
                                             LadderOptions options = {});

/// A text ladder:
///
///      time (s)  STA                                              AP
///   ============================== WPS ==============================
///      0.000000  |--------------- EAPOL-Start ---------------------->|
///      0.000563  |<------------- EAP-Request/Identity ---------------|
///                |             … 12 more beacons                     |
///
/// one line per row, a section header line whenever the section changes.
std::string render_text(std::span<const Row> rows);

/// What to print next to a row of the text ladder: `text` right of the AP rail, each of
/// `marks` on a line of its own under the row (e.g. "! M4 after M2: M3 was expected").
struct Annotation {
  std::string text;
  std::vector<std::string> marks;
};
/// render_text() with one annotation per row (`notes` parallel to `rows`; missing = none).
std::string render_text(std::span<const Row> rows, std::span<const Annotation> notes);

/// A Mermaid sequence diagram: `sequenceDiagram`, `participant STA`, `participant AP`,
/// `Note over STA,AP: <section>` when the section changes, `STA->>AP: M1` per row (summary rows
/// as dashed `-->>` arrows).
std::string render_mermaid(std::span<const Row> rows);

}  // namespace wps::analyzer
