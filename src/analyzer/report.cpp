#include "analyzer/report.hpp"

#include <algorithm>

#include "analyzer/text.hpp"
#include "pcap/linktype.hpp"
#include "pcap/reader.hpp"
#include "wsc/tlv.hpp"

namespace wps::analyzer {
namespace {

using wsc::AttrType;

bool outcome_good(Outcome o) {
  return o == Outcome::Connected || o == Outcome::WpsSucceeded || o == Outcome::ApConfigured ||
         o == Outcome::ApSettingsLearned;
}
bool outcome_partial(Outcome o) {
  return o == Outcome::FourWayIncomplete || o == Outcome::NoPin || o == Outcome::PbcNotActive ||
         o == Outcome::Incomplete || o == Outcome::NoWps;
}

std::string outcome_title(Outcome o) {
  switch (o) {
    case Outcome::Connected: return "Connected";
    case Outcome::WpsSucceeded: return "WPS succeeded";
    case Outcome::FourWayIncomplete: return "WPS succeeded, 4-way handshake incomplete";
    case Outcome::FourWayFailed: return "4-way handshake failed";
    case Outcome::NoPin: return "Registrar had no PIN (M2D)";
    case Outcome::WrongPinFirstHalf: return "Wrong PIN (first half)";
    case Outcome::WrongPinSecondHalf: return "Wrong PIN (second half)";
    case Outcome::PbcOverlap: return "PBC overlap";
    case Outcome::PbcNotActive: return "PBC not active at the AP (M2D)";
    case Outcome::SetupLocked: return "AP setup locked";
    case Outcome::PublicKeyHashMismatch: return "NFC token refused: public key hash mismatch";
    case Outcome::Rejected: return "Rejected";
    case Outcome::ApSettingsLearned: return "External registrar learned the AP settings";
    case Outcome::ApConfigured: return "External registrar configured the AP";
    case Outcome::Timeout: return "Timeout";
    case Outcome::ProtocolViolation: return "Protocol violation";
    case Outcome::Incomplete: return "Incomplete capture";
    case Outcome::NoWps: return "No WPS exchange";
  }
  return "?";
}

std::string ssid_of(const Session& s, const Tracker& t) {
  if (!s.ssid.empty()) return printable(s.ssid, 32);
  if (s.ap_known) {
    if (const ApInfo* ap = t.ap(s.ap); ap && !ap->ssid.empty()) return ap->ssid;
  }
  return "";
}

// One remark of a row: "! " (a deviation or a warning/error finding) or "~ " (a note), then
// for findings the severity and ": ", then the text.
struct MarkView {
  bool bad = false;
  std::string_view severity;  // empty for deviations and notes
  std::string_view text;
};

// Calls f(MarkView) for each remark of row i: the diagnosis' deviations, the session's notes,
// then the frame's findings.
template <class F>
void each_mark(const Session& s, const Diagnosis& d, std::size_t i, F&& f) {
  if (i < d.deviations.size()) {
    for (const auto& x : d.deviations[i]) f(MarkView{true, {}, x});
  }
  if (i < s.events.size()) {
    for (const auto& x : s.events[i].notes) f(MarkView{false, {}, x});
    for (const auto& x : s.events[i].findings) {
      f(MarkView{x.severity != Severity::Note, to_string(x.severity), x.text});
    }
  }
}

// The remark without its "! " / "~ " prefix, escaped for XML/HTML or as it is.
void append_mark_text(std::string& out, const MarkView& m, bool escape) {
  auto put = [&](std::string_view v) {
    if (escape) {
      append_xml_escaped(out, v);
    } else {
      out += v;
    }
  };
  if (!m.severity.empty()) {
    put(m.severity);
    out += ": ";
  }
  put(m.text);
}

void append_mark(std::string& out, const MarkView& m, bool escape) {
  out += m.bad ? "! " : "~ ";
  append_mark_text(out, m, escape);
}

std::vector<std::string> row_marks(const Session& s, const Diagnosis& d, std::size_t i) {
  std::vector<std::string> marks;
  each_mark(s, d, i, [&](const MarkView& m) { append_mark(marks.emplace_back(), m, false); });
  return marks;
}

std::string linktypes_text(const std::vector<int>& l) {
  std::string s;
  for (int v : l) {
    if (!s.empty()) s += ", ";
    s += std::string(pcap::linktype_name(v)) + " (" + dec(v) + ")";
  }
  return s;
}

std::string duration_s(std::int64_t ns) {
  return seconds6(ns) + " s";
}

std::string wps_version_text(const ApInfo& a) {
  if (!a.wps_version) return "?";
  auto v = *a.wps_version;
  return dec(static_cast<unsigned>(v >> 4)) + "." + dec(static_cast<unsigned>(v & 0x0f));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Attribute values

std::string auth_type_text(std::uint16_t v) {
  std::string s;
  auto add = [&](std::uint16_t bit, const char* name) {
    if (v & bit) s += (s.empty() ? "" : "|") + std::string(name);
  };
  add(wsc::AuthType::Open, "Open");
  add(wsc::AuthType::WpaPsk, "WPA-Personal");
  add(wsc::AuthType::Shared, "Shared");
  add(wsc::AuthType::Wpa, "WPA-Enterprise");
  add(wsc::AuthType::Wpa2, "WPA2-Enterprise");
  add(wsc::AuthType::Wpa2Psk, "WPA2-Personal");
  return s.empty() ? hex0x(v, 4) : s;
}

std::string encr_type_text(std::uint16_t v) {
  std::string s;
  auto add = [&](std::uint16_t bit, const char* name) {
    if (v & bit) s += (s.empty() ? "" : "|") + std::string(name);
  };
  add(wsc::EncrType::None, "None");
  add(wsc::EncrType::Wep, "WEP");
  add(wsc::EncrType::Tkip, "TKIP");
  add(wsc::EncrType::Aes, "AES");
  return s.empty() ? hex0x(v, 4) : s;
}

std::string attribute_value_text(std::uint16_t type, ByteView v) {
  const wsc::AttrInfo* info = wsc::attr_info(type);
  auto u16 = [&] { return static_cast<std::uint16_t>((v[0] << 8) | v[1]); };
  if (!info || !info->length_ok(v.size())) {
    return short_hex(v, 48) + " (" + dec(v.size()) + " octets)";
  }
  switch (static_cast<AttrType>(type)) {
    case AttrType::MessageType:
      return hex0x(v[0], 2) + " (" +
             std::string(wsc::msg_type_name(static_cast<wsc::MsgType>(v[0]))) + ")";
    case AttrType::ConfigurationError:
      return dec(unsigned{u16()}) + " (" +
             std::string(wsc::config_error_name(static_cast<wsc::ConfigError>(u16()))) + ")";
    case AttrType::DevicePasswordId:
      return hex0x(u16(), 4) + " (" +
             std::string(wsc::device_password_id_name(static_cast<wsc::DevicePasswordId>(u16()))) +
             ")";
    case AttrType::AuthenticationType:
    case AttrType::AuthenticationTypeFlags:
      return hex0x(u16(), 4) + " (" + auth_type_text(u16()) + ")";
    case AttrType::EncryptionType:
    case AttrType::EncryptionTypeFlags: return hex0x(u16(), 4) + " (" + encr_type_text(u16()) + ")";
    case AttrType::Version: return hex0x(v[0], 2) + (v[0] == 0x10 ? " (1.0, fixed)" : "");
    case AttrType::WpsState:
      return dec(unsigned{v[0]}) + (v[0] == 1   ? " (not configured)"
                                    : v[0] == 2 ? " (configured)"
                                                : "");
    case AttrType::VendorExtension: {
      if (v.size() >= 3 && v[0] == 0x00 && v[1] == 0x37 && v[2] == 0x2a) {
        std::string s = "WFA";
        std::size_t p = 3;
        while (p + 2 <= v.size() && p + 2 + v[p + 1] <= v.size()) {
          ByteView d = v.subspan(p + 2, v[p + 1]);
          s += std::string(", ") + std::string(wsc::wfa_subelem_name(v[p])) + " ";
          if (v[p] == 0x00 && d.size() == 1) {
            s += hex0x(d[0], 2) + " (" + dec(static_cast<unsigned>(d[0] >> 4)) + "." +
                 dec(static_cast<unsigned>(d[0] & 15)) + ")";
          } else if (v[p] == 0x01) {
            for (std::size_t i = 0; i + 6 <= d.size(); i += 6) {
              s += (i ? " " : "") + MacAddr(*MacAddr::from(d.subspan(i, 6))).str();
            }
          } else {
            s += to_hex(d);
          }
          p += 2 + d.size();
        }
        return s;
      }
      return "vendor " + to_hex(v.first(3)) + ": " + short_hex(v.subspan(3), 32);
    }
    default: break;
  }
  switch (info->kind) {
    case wsc::ValueKind::U8: return dec(unsigned{v[0]});
    case wsc::ValueKind::U16: return dec(unsigned{u16()});
    case wsc::ValueKind::U32: {
      std::uint32_t x = (std::uint32_t{v[0]} << 24) | (std::uint32_t{v[1]} << 16) |
                        (std::uint32_t{v[2]} << 8) | v[3];
      return hex0x(x, 8);
    }
    case wsc::ValueKind::Bool: return v[0] ? "1 (true)" : "0 (false)";
    case wsc::ValueKind::Flags: return v.size() == 1 ? hex0x(v[0], 2) : hex0x(u16(), 4);
    case wsc::ValueKind::Text: return "\"" + printable(v, 64) + "\"";
    case wsc::ValueKind::MacAddress: return MacAddr(*MacAddr::from(v)).str();
    case wsc::ValueKind::Uuid: return to_hex(v);
    case wsc::ValueKind::DeviceType: {
      auto t = wsc::DeviceType::decode(v);
      return dec(unsigned{t.category}) + "-" + to_hex(ByteView(t.oui)) + "-" +
             dec(unsigned{t.subcategory});
    }
    case wsc::ValueKind::Encrypted:
      return "IV " + to_hex(v.first(16)) + ", " + dec(v.size() - 16) + " octets of ciphertext";
    case wsc::ValueKind::Binary:
    case wsc::ValueKind::DeviceTypeList:
    case wsc::ValueKind::VendorExt:
    case wsc::ValueKind::Nested: break;
  }
  if (v.size() > 32) return short_hex(v, 32) + " (" + dec(v.size()) + " octets)";
  return to_hex(v);
}

// ---------------------------------------------------------------------------------------------
// Analysis

Result<Analysis> analyze_capture(const std::filesystem::path& path, const AnalyzeOptions& o) {
  WPS_TRY_ASSIGN(pcap::Reader reader, pcap::Reader::open(path));
  if (!pcap::is_known_linktype(reader.linktype())) {
    return unexpected(Errc::PcapBadLinktype, 0);
  }
  Analysis a;
  a.file = path.string();
  a.linktype = reader.linktype();
  SessionOptions so = o.sessions;
  if (o.scan_only) so.max_sessions = 0;
  a.tracker = Tracker(so);
  Frame f;
  std::uint64_t n = 0;
  for (;;) {
    auto p = reader.next();
    if (!p) {
      a.read_error = p.error();
      a.read_error_text = reader.error_text();
      break;
    }
    if (!*p) break;
    const pcap::Packet& pk = **p;
    RawPacket raw{pk.data, pk.linktype, pk.timestamp_ns, pk.origlen, ++n};
    bool ok = dissect(raw, f).has_value();
    a.tracker.add(f, ok);
  }
  a.tracker.finish();
  if (o.scan_only) return a;
  const auto& ss = a.tracker.sessions();
  wpa2::PmkCache pmks(16);
  DiagnoseOptions dopt = o.diagnose;
  if (!dopt.pmk_cache) dopt.pmk_cache = &pmks;
  for (std::size_t i = 0; i < ss.size(); ++i) {
    if (o.session && !(ss[i].sta == *o.session || (ss[i].ap_known && ss[i].ap == *o.session))) {
      continue;
    }
    a.selected.push_back(i);
    a.diagnoses.push_back(diagnose(ss[i], a.tracker, dopt));
  }
  a.notes = capture_pbc_notes(a.tracker);
  return a;
}

// ---------------------------------------------------------------------------------------------
// Text

std::string render_report_text(const Analysis& a) {
  const TrackerStats& st = a.tracker.stats();
  std::string out = "wpslab analyze: " + a.file + "\n";
  out += "  " + dec(st.frames) + " frames, " + linktypes_text(st.linktypes) + ", " +
         duration_s(st.last_ts_ns - st.first_ts_ns) + "; " + dec(st.eapol_frames) + " EAPOL, " +
         dec(st.beacons) + " beacons, " + dec(st.data_frames) + " data\n";
  out += "  findings: " + dec(st.findings_errors) + " errors, " + dec(st.findings_warnings) +
         " warnings, " + dec(st.findings_notes) + " notes";
  if (st.undecodable) out += "; " + dec(st.undecodable) + " frames undecodable";
  out += "\n";
  if (a.read_error) {
    out += "  ! the capture ends in a damaged record (" +
           std::string(to_string(a.read_error->code)) +
           (a.read_error_text.empty() ? "" : ": " + a.read_error_text) +
           "); the frames before it were analysed\n";
  }
  if (st.dropped_sessions) {
    out += "  ! " + dec(st.dropped_sessions) + " frames of sessions beyond the session limit\n";
  }
  for (const auto& n : a.notes) out += "  note: " + n + "\n";
  if (a.selected.empty()) {
    out += "\nno WPS / EAPOL session between an AP and a station in this capture\n";
  }
  for (std::size_t i = 0; i < a.selected.size(); ++i) {
    const Session& s = a.session(i);
    const Diagnosis& d = a.diagnoses[i];
    std::string ssid = ssid_of(s, a.tracker);
    out += "\n== Session " + dec(i + 1) + ": AP " + (s.ap_known ? s.ap.str() : "?") +
           (ssid.empty() ? "" : " \"" + ssid + "\"") + ", STA " + s.sta.str() + " ==\n";
    out += "Outcome: " + std::string(to_string(d.outcome)) + " — " + d.summary + "\n";
    for (const auto& n : d.notes) out += "  note: " + n + "\n";
    const std::size_t na = d.attempts.size();
    for (std::size_t k = 0; k < na; ++k) {
      if (na > 20 && k >= 10 && k + 5 < na) {
        if (k == 10) {
          out += "  … attempts " + dec(s.attempts[10].number) + "-" +
                 dec(s.attempts[na - 6].number) +
                 " not shown here (the listed ones are all in "
                 "--format json)\n";
        }
        continue;
      }
      const AttemptDiagnosis& ad = d.attempts[k];
      out += "  attempt " + dec(s.attempts[k].number) + " (" + seconds6(s.attempts[k].start_ns) +
             " s, " + std::string(method_text(ad.method)) +
             (ad.device_password_id ? ", Device Password ID " + dec(*ad.device_password_id)
                                    : std::string()) +
             "): " + std::string(to_string(ad.outcome)) + " — " + ad.summary + "\n";
      for (const auto& n : ad.notes) out += "      " + n + "\n";
    }
    if (d.fourway.present) {
      out += "  4-way handshake: " + std::string(d.fourway.complete ? "complete" : "incomplete");
      if (!d.fourway.summary.empty()) out += "; " + d.fourway.summary;
      out += "\n";
    }
    for (const auto& c : d.credentials) {
      out += "  " + c.where + ": SSID \"" + c.ssid + "\", key \"" + c.network_key + "\", " +
             auth_type_text(c.auth_type) + "/" + encr_type_text(c.encr_type) +
             (c.mac ? ", MAC " + c.mac->str() : "") + "\n";
    }
    if (d.keys_found) {
      unsigned ok = 0, bad = 0;
      for (const auto& m : d.messages) {
        if (m.authenticator_ok) (*m.authenticator_ok ? ok : bad)++;
      }
      unsigned undecrypted = 0;
      for (const auto& m : d.messages) undecrypted += m.decrypt_error ? 1u : 0u;
      out += "  key log: " + dec(ok) + " Authenticators verified" +
             (bad ? ", " + dec(bad) + " FAILED" : std::string()) +
             (undecrypted ? ", " + dec(undecrypted) + " Encrypted Settings did NOT open"
                          : std::string()) +
             "\n";
    }
    out += "\n";
    out += render_explained_ladder(s, d);
  }
  return out;
}

std::string render_explained_ladder(const Session& s, const Diagnosis& d) {
  std::vector<Annotation> notes(s.rows.size());
  for (std::size_t r = 0; r < s.rows.size(); ++r) {
    notes[r].text = r < d.explanations.size() ? d.explanations[r] : "";
    notes[r].marks = row_marks(s, d, r);
  }
  return render_text(s.rows, notes);
}

// ---------------------------------------------------------------------------------------------
// SVG

namespace {

struct SvgLayout {
  int width = 1180;
  int time_x = 12;
  int sta_x = 190;
  int ap_x = 590;
  int text_x = 625;
  int top = 86;
  int row_h = 30;
  int band_h = 24;
};

// Appends the pieces of a document to one string: markup as is, numbers in decimal, text
// escaped. The SVG has a few elements per row; built from string temporaries, rendering was
// a large share of the analyzer's time on captures with many rows (docs/benchmarks.md).
struct Out {
  std::string& s;
  Out& operator<<(std::string_view v) {
    s += v;
    return *this;
  }
  Out& operator<<(std::int64_t v) {
    append_dec(s, v);
    return *this;
  }
  Out& operator<<(int v) { return *this << std::int64_t{v}; }
  Out& esc(std::string_view v) {
    append_xml_escaped(s, v);
    return *this;
  }
};

// Where the section bands fall and how tall the diagram is: one band header per change of
// section, one row per ladder row.
struct SvgBands {
  struct Band {
    int y0, y1;
    Section sec;
    std::size_t first_row;
  };
  std::vector<Band> bands;
  int height = 0;
};

SvgBands svg_bands(const Session& s, const SvgLayout& L) {
  SvgBands b;
  int y = L.top;
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    if (b.bands.empty() || b.bands.back().sec != s.rows[i].section) {
      if (!b.bands.empty()) b.bands.back().y1 = y;
      b.bands.push_back({y, y, s.rows[i].section, i});
      y += L.band_h;
    }
    y += L.row_h;
  }
  if (!b.bands.empty()) b.bands.back().y1 = y;
  b.height = y + 20;
  return b;
}

// The diagram's elements (bands, participants and lifelines, then the rows), appended to `o`;
// `lay` from svg_bands().
void svg_body(std::string& o, const Session& s, const Diagnosis& d, const SvgLayout& L,
              const SvgBands& lay, bool standalone) {
  o.reserve(o.size() + 1024 + 256 * lay.bands.size() + 600 * s.rows.size());
  Out out{o};
  // Bands behind everything, then lifelines, then rows.
  int k = 0;
  for (const auto& b : lay.bands) {
    out << "<rect x=\"0\" y=\"" << b.y0 << "\" width=\"" << L.width << "\" height=\"" << b.y1 - b.y0
        << "\" class=\"band b" << k++ % 2 << "\"/>";
    out << "<text x=\"" << L.time_x << "\" y=\"" << b.y0 + 16 << "\" class=\"sec\">";
    out.esc(to_string(b.sec)) << "</text>\n";
  }
  auto box = [&](int x, std::string_view title, std::string_view sub) {
    out << "<rect x=\"" << x - 80
        << "\" y=\"14\" width=\"160\" height=\"50\" rx=\"8\" class=\"part\"/><text x=\"" << x
        << "\" y=\"36\" text-anchor=\"middle\" class=\"pt\">";
    out.esc(title) << "</text><text x=\"" << x
                   << "\" y=\"54\" text-anchor=\"middle\" class=\"ps\">";
    out.esc(sub) << "</text>\n";
    out << "<line x1=\"" << x << "\" y1=\"64\" x2=\"" << x << "\" y2=\"" << lay.height - 10
        << "\" class=\"life\"/>\n";
  };
  box(L.sta_x, "STA", s.sta.str());
  box(L.ap_x, "AP", s.ap_known ? s.ap.str() : "?");
  int y = L.top;
  std::size_t band = 0;
  for (std::size_t i = 0; i < s.rows.size(); ++i) {
    const Row& r = s.rows[i];
    if (band < lay.bands.size() && lay.bands[band].first_row == i) {
      y = lay.bands[band++].y0 + L.band_h;  // a band's rows start below its header
    }
    int yc = y + L.row_h / 2 + 4;
    bool right = r.from == Role::Sta;
    int x1 = right ? L.sta_x : L.ap_x, x2 = right ? L.ap_x : L.sta_x;
    std::string_view expl = i < d.explanations.size() ? std::string_view(d.explanations[i]) : "";
    // The tooltip: label, frame number, explanation, then one remark a line.
    out << "<g class=\"row\"><title>";
    out.esc(r.label);
    if (r.frame) out << " — frame " << static_cast<std::int64_t>(r.frame);
    if (!expl.empty()) out << "\n";
    out.esc(expl);
    bool bad = false;
    each_mark(s, d, i, [&](const MarkView& m) {
      bad = bad || m.bad;
      o += '\n';
      append_mark(o, m, true);
    });
    out << "</title>";
    if (r.kind == RowKind::Frame) {
      out << "<text x=\"" << L.time_x << "\" y=\"" << yc + 4 << "\" class=\"t\">"
          << seconds6(r.time_ns) << "</text>";
    }
    std::string_view cls = r.kind == RowKind::Summary ? "sum" : right ? "sta" : "ap";
    out << "<line x1=\"" << x1 << "\" y1=\"" << yc << "\" x2=\"" << (right ? x2 - 2 : x2 + 2)
        << "\" y2=\"" << yc << "\" class=\"" << cls << "\" marker-end=\"url(#"
        << (r.kind == RowKind::Summary ? "hs"
            : right                    ? "h1"
                                       : "h2")
        << ")\"/>";
    out << "<text x=\"" << (L.sta_x + L.ap_x) / 2 << "\" y=\"" << yc - 5 << "\" class=\"lbl " << cls
        << "\" text-anchor=\"middle\">";
    out.esc(r.label) << "</text>";
    if (bad) {
      out << "<circle cx=\"" << L.ap_x + 16 << "\" cy=\"" << yc
          << "\" r=\"7\" class=\"warn\"/><text x=\"" << L.ap_x + 16 << "\" y=\"" << yc + 4
          << "\" class=\"warnt\" text-anchor=\"middle\">!</text>";
    }
    if (standalone && !expl.empty()) {
      out << "<text x=\"" << L.text_x + 10 << "\" y=\"" << yc + 4 << "\" class=\"ex\">";
      if (expl.size() > 96) {
        out.esc(expl.substr(0, 93)) << "...";
      } else {
        out.esc(expl);
      }
      out << "</text>";
    }
    out << "</g>\n";
    y += L.row_h;
  }
}

const char* kSvgStyle =
    ".t{font:11px ui-monospace,Menlo,Consolas,monospace;fill:#555}"
    ".lbl{font:13px system-ui,-apple-system,'Segoe UI',sans-serif}"
    ".lbl.sta{fill:#1f4e9c}.lbl.ap{fill:#1b6e3a}.lbl.sum{fill:#777;font-style:italic}"
    "line.sta{stroke:#2f6fd6;stroke-width:1.6}line.ap{stroke:#2e9b57;stroke-width:1.6}"
    "line.sum{stroke:#aaa;stroke-width:1.2;stroke-dasharray:4 3}"
    ".life{stroke:#9aa3ad;stroke-width:1;stroke-dasharray:3 4}"
    ".part{fill:#24324a;stroke:#24324a}.pt{font:bold 15px system-ui,sans-serif;fill:#fff}"
    ".ps{font:11px ui-monospace,monospace;fill:#cfd8e6}"
    ".band.b0{fill:#f5f7fb}.band.b1{fill:#eef2f8}"
    ".sec{font:bold 11px system-ui,sans-serif;fill:#6a7890;text-transform:uppercase;"
    "letter-spacing:.06em}"
    ".ex{font:12px system-ui,sans-serif;fill:#444}"
    ".warn{fill:#d9534f}.warnt{font:bold 11px system-ui,sans-serif;fill:#fff}"
    "g.row:hover text.lbl{font-weight:bold}";

std::string svg_defs() {
  return "<defs>"
         "<marker id=\"h1\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" "
         "orient=\"auto\"><path d=\"M0,0 L10,4 L0,8 z\" fill=\"#2f6fd6\"/></marker>"
         "<marker id=\"h2\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" "
         "orient=\"auto\"><path d=\"M0,0 L10,4 L0,8 z\" fill=\"#2e9b57\"/></marker>"
         "<marker id=\"hs\" markerWidth=\"10\" markerHeight=\"8\" refX=\"9\" refY=\"4\" "
         "orient=\"auto\"><path d=\"M0,0 L10,4 L0,8 z\" fill=\"#aaa\"/></marker>"
         "</defs>";
}

}  // namespace

std::string render_svg(const Session& s, const Diagnosis& d) {
  SvgLayout L;
  SvgBands lay = svg_bands(s, L);
  std::string o = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  Out out{o};
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << L.width << "\" height=\""
      << lay.height << "\" viewBox=\"0 0 " << L.width << " " << lay.height << "\">\n";
  out << "<title>";
  out.esc("WPS session " + s.name() + ": " + std::string(to_string(d.outcome))) << "</title>\n";
  out << "<style>" << kSvgStyle << "</style>\n" << svg_defs() << "\n";
  out << "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n";
  svg_body(o, s, d, L, lay, true);
  o += "</svg>\n";
  return o;
}

// ---------------------------------------------------------------------------------------------
// HTML

namespace {

std::string h(std::string_view s) {
  return xml_escape(s);
}

std::string badge(Outcome o) {
  const char* cls = outcome_good(o) ? "good" : outcome_partial(o) ? "part" : "bad";
  return "<span class=\"badge " + std::string(cls) + "\">" + h(outcome_title(o)) + "</span>";
}

std::string attr_rows(ByteView msg) {
  std::string o;
  std::vector<Finding> ignore;
  std::size_t pos = 0;
  while (pos + 4 <= msg.size()) {
    std::uint16_t type = static_cast<std::uint16_t>((msg[pos] << 8) | msg[pos + 1]);
    std::uint16_t len = static_cast<std::uint16_t>((msg[pos + 2] << 8) | msg[pos + 3]);
    if (pos + 4 + len > msg.size()) {
      o += "<tr class=\"bad\"><td colspan=\"4\">attribute " + hex0x(type, 4) +
           " runs past the end of the message</td></tr>";
      break;
    }
    ByteView v = msg.subspan(pos + 4, len);
    const wsc::AttrInfo* info = wsc::attr_info(type);
    bool len_bad = info && !info->length_ok(len);
    o += "<tr" + std::string(len_bad ? " class=\"bad\"" : "") + "><td class=\"mono\">" +
         hex0x(type, 4) + "</td><td>" + h(wsc::attr_name(type)) + "</td><td class=\"num\">" +
         dec(unsigned{len}) + "</td><td class=\"mono val\">" + h(attribute_value_text(type, v)) +
         "</td></tr>";
    pos += 4 + std::size_t{len};
  }
  return o;
}

const char* kCss = R"(
:root{--ink:#1d2633;--muted:#5d6b7e;--line:#dde3ea;--bg:#f4f6f9;--card:#fff;--good:#1f8a4c;
--bad:#c63b3b;--part:#c27a12;--accent:#2f6fd6}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:var(--ink);
background:var(--bg)}
header{background:#1d2a40;color:#fff;padding:22px 32px}
header h1{margin:0 0 4px;font-size:22px;font-weight:600}
header .meta{color:#b8c4d6;font-size:13px}
main{max-width:1240px;margin:0 auto;padding:24px 24px 60px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:20px 24px;
margin:0 0 22px;box-shadow:0 1px 2px rgba(20,30,50,.04)}
h2{font-size:18px;margin:0 0 10px}
h3{font-size:15px;margin:22px 0 8px;color:#2b3a52}
.badge{display:inline-block;padding:3px 10px;border-radius:999px;font-weight:600;font-size:13px;
color:#fff;vertical-align:middle;white-space:nowrap}
.badge.good{background:var(--good)}.badge.bad{background:var(--bad)}.badge.part{background:var(--part)}
.summary{font-size:15px;margin:10px 0}
ul.notes{margin:6px 0 0;padding-left:20px;color:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f0f3f7;font-weight:600;color:#3a4a63}
tr:nth-child(even) td{background:#fafbfd}
tr.bad td{background:#fdeeee}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}
.val{word-break:break-all}
.dir-sta{color:#1f4e9c}.dir-ap{color:#1b6e3a}.dir-sta,.dir-ap,td.mono{white-space:nowrap}
.mark{color:var(--bad);font-size:12px}.note{color:var(--muted);font-size:12px}
.diagram{overflow-x:auto;border:1px solid var(--line);border-radius:8px;background:#fff}
details{border:1px solid var(--line);border-radius:8px;margin:8px 0;background:#fff}
details>summary{cursor:pointer;padding:8px 12px;font-weight:600}
details>div{padding:0 12px 12px}
.kv td:first-child{width:210px;color:var(--muted)}
.ok{color:var(--good);font-weight:600}.fail{color:var(--bad);font-weight:600}
footer{color:var(--muted);font-size:12px;text-align:center;padding:20px}
)";

}  // namespace

std::string render_html(const Analysis& a) {
  const TrackerStats& st = a.tracker.stats();
  std::string o = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                  "<title>" +
                  h("wpslab analyze — " + a.file) + "</title><style>" + kCss + kSvgStyle +
                  "</style></head><body>\n";
  o += "<header><h1>WPS capture analysis</h1><div class=\"meta\">" + h(a.file) + " · " +
       dec(st.frames) + " frames · " + h(linktypes_text(st.linktypes)) + " · " +
       h(duration_s(st.last_ts_ns - st.first_ts_ns)) + " · " + dec(a.selected.size()) +
       " session(s)</div></header>\n<main>\n";
  // Overview.
  o += "<section class=\"card\" id=\"overview\"><h2>Overview</h2><table class=\"kv\">";
  o += "<tr><td>Frames</td><td>" + dec(st.frames) + " (" + dec(st.eapol_frames) + " EAPOL, " +
       dec(st.beacons) + " beacons, " + dec(st.data_frames) + " data)</td></tr>";
  o += "<tr><td>Findings</td><td>" + dec(st.findings_errors) + " errors, " +
       dec(st.findings_warnings) + " warnings, " + dec(st.findings_notes) + " notes</td></tr>";
  if (a.read_error) {
    o += "<tr class=\"bad\"><td>Capture</td><td>ends in a damaged record (" +
         h(to_string(a.read_error->code)) + "); the frames before it were analysed</td></tr>";
  }
  for (const auto& n : a.notes) o += "<tr><td>Note</td><td>" + h(n) + "</td></tr>";
  o += "</table>";
  if (!a.selected.empty()) {
    o += "<h3>Sessions</h3><table><tr><th>#</th><th>AP</th><th>STA</th><th>Outcome</th>"
         "<th>Summary</th></tr>";
    for (std::size_t i = 0; i < a.selected.size(); ++i) {
      const Session& s = a.session(i);
      o += "<tr><td><a href=\"#s" + dec(i + 1) + "\">" + dec(i + 1) +
           "</a></td><td class=\"mono\">" + h(s.ap_known ? s.ap.str() : "?") +
           "</td><td class=\"mono\">" + h(s.sta.str()) + "</td><td>" +
           badge(a.diagnoses[i].outcome) + "</td><td>" + h(a.diagnoses[i].summary) + "</td></tr>";
    }
    o += "</table>";
  } else {
    o += "<p>No WPS / EAPOL session between an AP and a station in this capture.</p>";
  }
  o += "</section>\n";

  for (std::size_t i = 0; i < a.selected.size(); ++i) {
    const Session& s = a.session(i);
    const Diagnosis& d = a.diagnoses[i];
    std::string ssid = ssid_of(s, a.tracker);
    o += "<section class=\"card session\" id=\"s" + dec(i + 1) + "\" data-outcome=\"" +
         std::string(to_string(d.outcome)) + "\">";
    o += "<h2>Session " + dec(i + 1) + ": AP <span class=\"mono\">" +
         h(s.ap_known ? s.ap.str() : "?") + "</span>" + (ssid.empty() ? "" : " “" + h(ssid) + "”") +
         " · STA <span class=\"mono\">" + h(s.sta.str()) + "</span></h2>";
    o += badge(d.outcome) + "<p class=\"summary\">" + h(d.summary) + "</p>";
    if (!d.notes.empty()) {
      o += "<ul class=\"notes\">";
      for (const auto& n : d.notes) o += "<li>" + h(n) + "</li>";
      o += "</ul>";
    }
    // Diagnosis tables.
    o += "<h3>Attempts</h3><table><tr><th>#</th><th>Start</th><th>Outcome</th><th>Summary</th>"
         "<th>Config error</th><th>After</th><th>By</th></tr>";
    for (std::size_t k = 0; k < d.attempts.size(); ++k) {
      const AttemptDiagnosis& ad = d.attempts[k];
      o += "<tr><td>" + dec(s.attempts[k].number) + "</td><td class=\"mono\">" +
           seconds6(s.attempts[k].start_ns) + "</td><td>" + badge(ad.outcome) + "</td><td>" +
           h(ad.summary);
      if (!ad.notes.empty()) {
        o += "<ul class=\"notes\">";
        for (const auto& n : ad.notes) o += "<li>" + h(n) + "</li>";
        o += "</ul>";
      }
      o += "</td><td>" +
           (ad.config_error ? h(dec(unsigned{*ad.config_error}) + " " +
                                std::string(wsc::config_error_name(
                                    static_cast<wsc::ConfigError>(*ad.config_error))))
                            : std::string("—")) +
           "</td><td>" +
           (ad.failed_after ? h(wsc::msg_type_name(*ad.failed_after)) : std::string("—")) +
           "</td><td>" + (ad.detected_by ? h(to_string(*ad.detected_by)) : std::string("—")) +
           "</td></tr>";
    }
    o += "</table>";
    if (d.fourway.present) {
      o += "<h3>4-way handshake</h3><p>" +
           std::string(d.fourway.complete ? "<span class=\"ok\">complete</span>"
                                          : "<span class=\"fail\">incomplete</span>") +
           (d.fourway.summary.empty() ? "" : " — " + h(d.fourway.summary)) + "</p>";
    }
    if (!d.credentials.empty()) {
      o += "<h3>Credentials (decrypted with the key log)</h3><table><tr><th>Where</th>"
           "<th>SSID</th><th>Network key</th><th>Auth</th><th>Encr</th><th>MAC</th></tr>";
      for (const auto& c : d.credentials) {
        o += "<tr><td>" + h(c.where) + "</td><td class=\"mono\">" + h(c.ssid) +
             "</td><td class=\"mono\">" + h(c.network_key) + "</td><td>" +
             h(auth_type_text(c.auth_type)) + "</td><td>" + h(encr_type_text(c.encr_type)) +
             "</td><td class=\"mono\">" + h(c.mac ? c.mac->str() : "") + "</td></tr>";
      }
      o += "</table>";
    }
    // Diagram.
    SvgLayout L;
    L.width = L.ap_x + 110;
    SvgBands lay = svg_bands(s, L);
    o += "<h3>Sequence</h3><div class=\"diagram\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
         "width=\"" +
         dec(L.width) + "\" height=\"" + dec(lay.height) + "\" viewBox=\"0 0 " + dec(L.width) +
         " " + dec(lay.height) + "\" role=\"img\" aria-label=\"sequence diagram\">" + svg_defs();
    svg_body(o, s, d, L, lay, false);
    o += "</svg></div>";
    // Steps.
    o += "<h3>Steps</h3><table class=\"steps\"><tr><th>Time (s)</th><th>Frame</th><th>Dir</th>"
         "<th>Step</th><th>Purpose / remarks</th></tr>";
    for (std::size_t r = 0; r < s.rows.size(); ++r) {
      const Row& row = s.rows[r];
      bool bad = false;
      each_mark(s, d, r, [&](const MarkView& m) { bad = bad || m.bad; });
      o += "<tr" + std::string(bad ? " class=\"bad\"" : "") + "><td class=\"mono\">" +
           (row.kind == RowKind::Frame ? seconds6(row.time_ns) : "") + "</td><td class=\"num\">" +
           (row.frame ? dec(row.frame) : "") + "</td><td class=\"" +
           (row.from == Role::Sta ? "dir-sta" : "dir-ap") + "\">" +
           h(std::string(to_string(row.from)) + " → " + std::string(to_string(row.to))) +
           "</td><td>" + h(row.label) + "</td><td>" +
           h(r < d.explanations.size() ? d.explanations[r] : "");
      each_mark(s, d, r, [&](const MarkView& m) {
        o += m.bad ? "<div class=\"mark\">" : "<div class=\"note\">";
        append_mark_text(o, m, true);
        o += "</div>";
      });
      o += "</td></tr>";
    }
    o += "</table>";
    // Per-message attribute tables.
    if (!s.messages.empty()) {
      o += "<h3>WSC messages</h3>";
      for (std::size_t m = 0; m < s.messages.size(); ++m) {
        const WscRecord& rec = s.messages[m];
        const MessageCheck* mc = m < d.messages.size() ? &d.messages[m] : nullptr;
        std::string name = rec.type() ? std::string(wsc::msg_type_name(*rec.type()))
                                      : "Message " + hex0x(rec.msg_type, 2);
        o += "<details class=\"msg\"><summary>" + h(name) + " — " +
             h(std::string(to_string(rec.from))) + ", frame " + dec(rec.frame) +
             (rec.fragments > 1 ? " (" + dec(unsigned{rec.fragments}) + " fragments from frame " +
                                      dec(rec.first_frame) + ")"
                                : std::string()) +
             ", " + dec(rec.raw.size()) + " octets";
        if (mc && mc->authenticator_ok) {
          o += *mc->authenticator_ok ? " · <span class=\"ok\">Authenticator verified</span>"
                                     : " · <span class=\"fail\">Authenticator mismatch</span>";
        }
        o += "</summary><div><table class=\"attrs\"><tr><th>Type</th><th>Attribute</th>"
             "<th>Len</th><th>Value</th></tr>" +
             attr_rows(rec.raw) + "</table>";
        if (mc && !mc->decrypted.empty()) {
          o += "<p><b>Encrypted Settings (opened with the key log)</b></p><table class=\"kv\">";
          for (const auto& [k, v] : mc->decrypted) {
            o += "<tr><td>" + h(k) + "</td><td class=\"mono\">" + h(v) + "</td></tr>";
          }
          o += "</table>";
        }
        if (mc && mc->decrypt_error) {
          o += "<p class=\"mark\">Encrypted Settings could not be opened: " +
               h(*mc->decrypt_error) + "</p>";
        }
        o += "</div></details>";
      }
    }
    // WPS IEs of the AP's beacon / probe response and of the session's own frames.
    std::vector<const IeRecord*> ies;
    if (s.ap_known) {
      if (const ApInfo* ap = a.tracker.ap(s.ap)) {
        for (const auto& r : ap->ies) ies.push_back(&r);
      }
    }
    for (const auto& r : s.ies) ies.push_back(&r);
    if (!ies.empty()) {
      o += "<h3>WPS IEs</h3>";
      for (const IeRecord* r : ies) {
        o += "<details class=\"ie\"><summary>" + h(r->label) + " — frame " + dec(r->frame) + ", " +
             dec(r->attrs.size()) +
             " octets</summary><div><table class=\"attrs\"><tr>"
             "<th>Type</th><th>Attribute</th><th>Len</th><th>Value</th></tr>" +
             attr_rows(r->attrs) + "</table></div></details>";
      }
    }
    if (!s.keys.empty()) {
      o += "<h3>EAPOL-Key frames</h3><table><tr><th>Frame</th><th>Dir</th><th>Message</th>"
           "<th>Key info</th><th>Replay counter</th><th>Nonce</th></tr>";
      for (const auto& k : s.keys) {
        o += "<tr><td class=\"num\">" + dec(k.frame) + "</td><td>" + h(to_string(k.from)) +
             "</td><td>" + h(wpa2::to_string(k.message)) + "</td><td class=\"mono\">" +
             hex0x(k.key_info, 4) + "</td><td class=\"num\">" + dec(k.replay_counter) +
             "</td><td class=\"mono\">" + short_hex(ByteView(k.nonce), 12) + "</td></tr>";
      }
      o += "</table>";
    }
    o += "</section>\n";
  }
  // Access points.
  bool any_ap = false;
  for (const auto& ap : a.tracker.aps()) any_ap = any_ap || ap.wps;
  if (any_ap) {
    o += "<section class=\"card\" id=\"aps\"><h2>WPS access points</h2><table><tr><th>BSSID</th>"
         "<th>Ch</th><th>dBm</th><th>WPS</th><th>Locked</th><th>Device</th><th>Model</th>"
         "<th>ESSID</th></tr>";
    for (const auto& ap : a.tracker.aps()) {
      if (!ap.wps) continue;
      o += "<tr><td class=\"mono\">" + h(ap.bssid.str()) + "</td><td class=\"num\">" +
           (ap.channel ? dec(unsigned{*ap.channel}) : "") + "</td><td class=\"num\">" +
           (ap.signal_dbm ? dec(int{*ap.signal_dbm}) : "") + "</td><td>" + h(wps_version_text(ap)) +
           "</td><td>" + (ap.locked ? "Yes" : "No") + "</td><td>" + h(ap.device_name) +
           "</td><td>" + h(ap.model_name + " " + ap.model_number) + "</td><td>" + h(ap.ssid) +
           "</td></tr>";
    }
    o += "</table></section>\n";
  }
  o += "</main><footer>generated by wpslab analyze</footer></body></html>\n";
  return o;
}

// ---------------------------------------------------------------------------------------------
// Scan

std::string render_scan(const Tracker& t) {
  std::string o;
  pad_right(o, "BSSID", 19);
  o += "  Ch  dBm  WPS  Lck  ";
  pad_right(o, "Device name", 22);
  pad_right(o, "Model", 24);
  o += "ESSID\n";
  o += std::string(110, '-') + "\n";
  std::size_t n = 0;
  for (const auto& ap : t.aps()) {
    if (!ap.wps) continue;
    ++n;
    std::string line;
    pad_right(line, ap.bssid.str(), 19);
    std::string ch = ap.channel ? dec(unsigned{*ap.channel}) : "?";
    std::string dbm = ap.signal_dbm ? dec(int{*ap.signal_dbm}) : "?";
    line += std::string(4 - std::min<std::size_t>(4, ch.size()), ' ') + ch;
    line += std::string(5 - std::min<std::size_t>(5, dbm.size()), ' ') + dbm;
    line += "  ";
    cell(line, wps_version_text(ap), 5);
    cell(line, ap.locked ? "Yes" : "No", 5);
    cell(line, ap.device_name.empty() ? "-" : ap.device_name, 22);
    std::string model = ap.model_name;
    if (!ap.model_number.empty()) model += (model.empty() ? "" : " ") + ap.model_number;
    cell(line, model.empty() ? "-" : model, 24);
    line += ap.ssid.empty() ? "<hidden>" : ap.ssid;
    o += line + "\n";
  }
  if (n == 0) o += "(no WPS-enabled access point in this capture)\n";
  return o;
}

}  // namespace wps::analyzer
