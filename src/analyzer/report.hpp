// Whole-capture analysis and its outputs: one streaming pass over a capture (dissect → sessions →
// diagnosis), then a text report (ladder with explanations and the diagnosis), a self-drawn SVG
// sequence diagram, a single self-contained HTML report (diagram, per-frame attribute tables
// named from the WSC attribute table, diagnosis; no network fetches) and the `wpslab scan`
// table of WPS access points. JSON is produced at the edge (apps/wpslab) from the same data.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/diagnose.hpp"
#include "analyzer/session.hpp"
#include "base/result.hpp"

namespace wps::analyzer {

struct AnalyzeOptions {
  DiagnoseOptions diagnose;
  SessionOptions sessions;
  /// Keep only sessions whose AP or STA has this MAC (the others are still tracked, so the
  /// AP table is complete, but not diagnosed or reported).
  std::optional<MacAddr> session;
  /// Skip session tracking and diagnosis (AP table only): what `wpslab scan` needs.
  bool scan_only = false;
};

struct Analysis {
  std::string file;
  int linktype = 0;
  Tracker tracker;
  /// Indices into tracker.sessions() that passed the filter, with their diagnoses.
  std::vector<std::size_t> selected;
  std::vector<Diagnosis> diagnoses;  ///< parallel to `selected`
  /// Capture-wide remarks (push-button overlap seen on the air, capture_pbc_notes()).
  std::vector<std::string> notes;
  /// The capture ended in a damaged record (the frames before it were analysed).
  std::optional<Error> read_error;
  std::string read_error_text;

  [[nodiscard]] const Session& session(std::size_t i) const {
    return tracker.sessions()[selected[i]];
  }
};

/// Reads and analyses a capture in one pass (constant memory apart from the bounded session
/// state). Errors: PcapOpen (missing file, not a pcap/pcapng file); PcapBadLinktype (a link type
/// the dissector does not know, checked on the file header).
Result<Analysis> analyze_capture(const std::filesystem::path& path,
                                 const AnalyzeOptions& options = {});

/// Plain-text report: capture summary, then per session the diagnosis, the attempts, the 4-way
/// check, credentials, and the ladder annotated with each step's purpose, deviations, findings.
std::string render_report_text(const Analysis& a);

/// A session's text ladder with each step's purpose, deviations and findings beside it: the
/// renderer of render_report_text(), also what `wpslab run` prints by default.
std::string render_explained_ladder(const Session& s, const Diagnosis& d);

/// A session's sequence diagram as a standalone SVG document.
std::string render_svg(const Session& s, const Diagnosis& d);

/// The whole analysis as one self-contained HTML page.
std::string render_html(const Analysis& a);

/// The WPS-enabled access points, one line each, like `wash`:
/// BSSID, channel, signal, WPS version, locked, device name, model, ESSID.
std::string render_scan(const Tracker& t);

/// One WSC attribute value as text, decoded by its table kind (e.g. "0x04 (M1)",
/// "18 (Device password authentication failure)", "02:00:00:00:0b:01", hex for binaries).
std::string attribute_value_text(std::uint16_t type, ByteView value);

/// "WPA2-Personal", "AES" etc. for Authentication / Encryption Type values.
std::string auth_type_text(std::uint16_t v);
std::string encr_type_text(std::uint16_t v);

}  // namespace wps::analyzer
