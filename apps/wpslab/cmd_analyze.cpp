// `wpslab analyze` (sessions, diagnosis, ladder / Mermaid / SVG / HTML / JSON of a capture) and
// `wpslab scan` (the WPS access points of a capture, like wash).
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "analyzer/report.hpp"
#include "analyzer/text.hpp"
#include "apps/wpslab/commands.hpp"
#include "apps/wpslab/nfc_input.hpp"

namespace wpslab {
namespace {

using json = nlohmann::ordered_json;
namespace az = wps::analyzer;

struct AnalyzeCli {
  std::string file;
  std::string format = "text";
  std::string out;
  std::string session;
  std::string passphrase;
  std::string ssid;
  std::string keylog;
  std::string nfc_token;
};

int fail(const std::string& cmd, const std::string& msg) {
  std::fprintf(stderr, "wpslab %s: %s\n", cmd.c_str(), msg.c_str());
  return 1;
}

std::string open_error(const std::string& file, const wps::Error& e) {
  if (e.code == wps::Errc::PcapBadLinktype) {
    return file + ": link type not supported (Ethernet, 802.11, radiotap, PPI, Linux cooked)";
  }
  if (!std::filesystem::exists(file)) return file + ": no such file";
  return file + ": not a pcap / pcapng capture (or unreadable)";
}

bool write_output(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return std::fflush(stdout) == 0;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  return static_cast<bool>(out);
}

json opt_num(const std::optional<std::uint16_t>& v) {
  return v ? json(*v) : json(nullptr);
}

json finding_json(const az::Finding& f) {
  return {{"severity", az::to_string(f.severity)},
          {"code", wps::to_string(f.code)},
          {"offset", f.offset},
          {"text", f.text}};
}

json header_json(const az::Analysis& a) {
  const auto& st = a.tracker.stats();
  json j;
  j["file"] = a.file;
  json lt = json::array();
  for (int l : st.linktypes) lt.push_back(l);
  j["capture"] = {{"frames", st.frames},
                  {"linktypes", lt},
                  {"duration_s", static_cast<double>(st.last_ts_ns - st.first_ts_ns) * 1e-9},
                  {"eapol_frames", st.eapol_frames},
                  {"beacons", st.beacons},
                  {"data_frames", st.data_frames},
                  {"undecodable", st.undecodable},
                  {"dropped_session_frames", st.dropped_sessions},
                  {"findings",
                   {{"errors", st.findings_errors},
                    {"warnings", st.findings_warnings},
                    {"notes", st.findings_notes}}},
                  {"damaged_record",
                   a.read_error ? json(wps::describe(*a.read_error)) : json(nullptr)}};
  json aps = json::array();
  for (const auto& ap : a.tracker.aps()) {
    aps.push_back({{"bssid", ap.bssid.str()},
                   {"ssid", ap.ssid},
                   {"channel", opt_num(ap.channel)},
                   {"signal_dbm", ap.signal_dbm ? json(int{*ap.signal_dbm}) : json(nullptr)},
                   {"wps", ap.wps},
                   {"wps_version", ap.wps_version ? json(wps::analyzer::hex0x(*ap.wps_version, 2))
                                                  : json(nullptr)},
                   {"locked", ap.locked},
                   {"selected_registrar", ap.selected_registrar},
                   {"device_name", ap.device_name},
                   {"manufacturer", ap.manufacturer},
                   {"model_name", ap.model_name},
                   {"model_number", ap.model_number},
                   {"beacons", ap.beacons}});
  }
  j["access_points"] = aps;
  json pbc = json::array();
  for (const auto& e : a.tracker.pbc_enrollees()) {
    json macs = json::array();
    for (const auto& m : e.macs) macs.push_back(m.str());
    json seen = json::array();
    for (auto t : e.seen_ns) seen.push_back(static_cast<double>(t) * 1e-9);
    pbc.push_back({{"uuid_e", wps::analyzer::uuid_text(e.uuid_e.view())},
                   {"macs", macs},
                   {"probe_requests", e.probes},
                   {"m1", e.m1s},
                   {"seen_s", seen}});
  }
  j["pbc_enrollees"] = pbc;
  j["notes"] = a.notes;
  return j;
}

json session_json(const az::Analysis& a, std::size_t i) {
  {
    const az::Session& s = a.session(i);
    const az::Diagnosis& d = a.diagnoses[i];
    json js;
    js["ap"] = s.ap_known ? json(s.ap.str()) : json(nullptr);
    js["sta"] = s.sta.str();
    std::string ssid = wps::analyzer::printable(s.ssid, 32);
    if (s.ssid.empty() && s.ap_known) {  // the AP's SSID from its beacons / probe responses
      if (const az::ApInfo* ap = a.tracker.ap(s.ap)) ssid = ap->ssid;
    }
    js["ssid"] = ssid;
    js["outcome"] = az::to_string(d.outcome);
    // Only a session with a WPS exchange can say WPS worked (a plain 4-way handshake cannot).
    js["wps_ok"] = !s.attempts.empty() && az::wps_ok(d.outcome);
    js["summary"] = d.summary;
    js["notes"] = d.notes;
    json attempts = json::array();
    for (std::size_t k = 0; k < d.attempts.size(); ++k) {
      const auto& ad = d.attempts[k];
      const auto& at = s.attempts[k];
      attempts.push_back(
          {{"number", at.number},
           {"outcome", az::to_string(ad.outcome)},
           {"summary", ad.summary},
           {"start_s", static_cast<double>(at.start_ns) * 1e-9},
           {"end_s", static_cast<double>(at.end_ns) * 1e-9},
           {"identity", at.identity ? json(*at.identity) : json(nullptr)},
           {"external_registrar", ad.external_registrar},
           {"method", ad.method},
           {"device_password_id", opt_num(ad.device_password_id)},
           {"nfc_key_check",
            ad.nfc_key_check ? json{{"token_device_password_id", ad.nfc_key_check->token_dpid},
                                    {"m1_key_matches", ad.nfc_key_check->m1_key_matches
                                                           ? json(*ad.nfc_key_check->m1_key_matches)
                                                           : json(nullptr)},
                                    {"m2_key_matches", ad.nfc_key_check->m2_key_matches
                                                           ? json(*ad.nfc_key_check->m2_key_matches)
                                                           : json(nullptr)}}
                             : json(nullptr)},
           {"config_error", opt_num(ad.config_error)},
           {"failed_after",
            ad.failed_after ? json(wps::wsc::msg_type_name(*ad.failed_after)) : json(nullptr)},
           {"detected_by", ad.detected_by ? json(az::to_string(*ad.detected_by)) : json(nullptr)},
           {"fragments", at.fragments},
           {"frag_acks", at.frag_acks},
           {"notes", ad.notes}});
    }
    js["attempts"] = attempts;
    js["attempts_not_listed"] = s.attempts_over_limit;
    js["fourway"] = {{"present", d.fourway.present},
                     {"complete", d.fourway.complete},
                     {"mic_ok", d.fourway.mic_ok ? json(*d.fourway.mic_ok) : json(nullptr)},
                     {"pmk_source", d.fourway.pmk_source},
                     {"summary", d.fourway.summary},
                     {"passphrase", az::to_string(d.fourway.verdict)},
                     {"proved_by",
                      d.fourway.proved_by.empty() ? json(nullptr) : json(d.fourway.proved_by)},
                     {"why", d.fourway.why.empty() ? json(nullptr) : json(d.fourway.why)},
                     {"wpa1", d.fourway.wpa1},
                     {"pmkid", d.fourway.pmkid}};
    if (d.brute_force) {
      const az::BruteForceInfo& b = *d.brute_force;
      json locks = json::array();
      for (const auto& [t, locked] : b.lock_changes) {
        locks.push_back({{"time_s", static_cast<double>(t) * 1e-9}, {"locked", locked}});
      }
      js["brute_force"] = {{"attempts", b.attempts},
                           {"first_half_guesses", b.first_half_guesses},
                           {"second_half_guesses", b.second_half_guesses},
                           {"locked_refusals", b.locked_refusals},
                           {"first_half_found_in_attempt",
                            b.first_half_found ? json(s.attempts[*b.first_half_found].number)
                                               : json(nullptr)},
                           {"pin_proved_in_attempt",
                            b.pin_proved ? json(s.attempts[*b.pin_proved].number) : json(nullptr)},
                           {"attempts_not_diagnosed", b.not_diagnosed},
                           {"lock_changes", locks}};
    } else {
      js["brute_force"] = nullptr;
    }
    json pixie = json::array();
    for (const auto& p : d.pixie) {
      pixie.push_back({{"attempt", s.attempts[p.attempt].number},
                       {"weak_nonces", p.weak_nonces.empty() ? json(nullptr) : json(p.weak_nonces)},
                       {"first_half", p.first_half ? json(*p.first_half) : json(nullptr)},
                       {"pin", p.pin ? json(*p.pin) : json(nullptr)}});
    }
    js["pixie"] = pixie;
    json creds = json::array();
    for (const auto& c : d.credentials) {
      creds.push_back({{"where", c.where},
                       {"ssid", c.ssid},
                       {"network_key", c.network_key},
                       {"auth_type", c.auth_type},
                       {"encr_type", c.encr_type},
                       {"mac", c.mac ? json(c.mac->str()) : json(nullptr)}});
    }
    js["credentials"] = creds;
    js["keys_found"] = d.keys_found;
    json rows = json::array();
    for (std::size_t r = 0; r < s.rows.size(); ++r) {
      const az::Row& row = s.rows[r];
      json jr = {{"time_s", static_cast<double>(row.time_ns) * 1e-9},
                 {"kind", row.kind == az::RowKind::Frame ? "frame" : "summary"},
                 {"frame", row.frame},
                 {"from", az::to_string(row.from)},
                 {"to", az::to_string(row.to)},
                 {"label", row.label},
                 {"section", az::to_string(row.section)},
                 {"explanation", r < d.explanations.size() ? d.explanations[r] : ""}};
      if (row.kind == az::RowKind::Summary) jr["count"] = row.count;
      if (r < d.deviations.size() && !d.deviations[r].empty()) jr["deviations"] = d.deviations[r];
      if (r < s.events.size()) {
        if (!s.events[r].notes.empty()) jr["notes"] = s.events[r].notes;
        if (!s.events[r].findings.empty()) {
          json fs = json::array();
          for (const auto& f : s.events[r].findings) fs.push_back(finding_json(f));
          jr["findings"] = fs;
        }
      }
      rows.push_back(std::move(jr));
    }
    js["rows"] = rows;
    json msgs = json::array();
    for (std::size_t m = 0; m < s.messages.size(); ++m) {
      const auto& rec = s.messages[m];
      json jm = {{"type", rec.type() ? json(wps::wsc::msg_type_name(*rec.type()))
                                     : json(wps::analyzer::hex0x(rec.msg_type, 2))},
                 {"from", az::to_string(rec.from)},
                 {"frame", rec.frame},
                 {"fragments", rec.fragments},
                 {"length", rec.raw.size()},
                 {"eap_id", rec.eap_id}};
      if (m < d.messages.size()) {
        const auto& mc = d.messages[m];
        jm["authenticator_ok"] = mc.authenticator_ok ? json(*mc.authenticator_ok) : json(nullptr);
        if (!mc.decrypted.empty()) {
          json dec = json::object();
          for (const auto& [k, v] : mc.decrypted) dec[k] = v;
          jm["decrypted"] = dec;
        }
        if (mc.decrypt_error) jm["decrypt_error"] = *mc.decrypt_error;
      }
      msgs.push_back(std::move(jm));
    }
    js["messages"] = msgs;
    return js;
  }
}

/// The JSON document, written one session at a time so that memory stays bounded by one
/// session's tree (a capture may hold a thousand sessions).
bool write_json(const az::Analysis& a, const std::string& path) {
  std::FILE* out = stdout;
  if (!path.empty() && path != "-") out = std::fopen(path.c_str(), "wb");
  if (!out) return false;
  auto put = [&](const std::string& s) { std::fwrite(s.data(), 1, s.size(), out); };
  std::string head = header_json(a).dump(2);
  head.resize(head.size() - 2);  // drop the closing "\n}"
  put(head);
  put(",\n  \"sessions\": [");
  for (std::size_t i = 0; i < a.selected.size(); ++i) {
    std::string body = session_json(a, i).dump(2);
    std::string indented = i ? ",\n    " : "\n    ";
    for (char ch : body) {
      indented.push_back(ch);
      if (ch == '\n') indented += "    ";
    }
    put(indented);
  }
  put(a.selected.empty() ? "]\n}\n" : "\n  ]\n}\n");
  bool ok = std::fflush(out) == 0 && !std::ferror(out);
  if (out != stdout) ok = std::fclose(out) == 0 && ok;
  return ok;
}

int run_analyze(const AnalyzeCli& c) {
  const std::string cmd = "analyze";
  az::AnalyzeOptions o;
  if (!c.session.empty()) {
    auto mac = wps::MacAddr::parse(c.session);
    if (!mac) return fail(cmd, "--session: not a MAC address: " + c.session);
    o.session = *mac;
  }
  if (!c.passphrase.empty()) {
    bool hex64 = c.passphrase.size() == 64 && wps::from_hex(c.passphrase).has_value();
    if (!hex64 && (c.passphrase.size() < 8 || c.passphrase.size() > 63)) {
      return fail(cmd, "--passphrase must have 8..63 characters (or be 64 hex digits)");
    }
    o.diagnose.passphrase = c.passphrase;
  }
  if (!c.ssid.empty()) {
    if (c.ssid.size() > 32) return fail(cmd, "--ssid must have 1..32 octets");
    o.diagnose.ssid = c.ssid;
  }
  if (!c.nfc_token.empty()) {
    std::string err;
    auto t = key_commitment_input(c.nfc_token, err);
    if (!t) return fail(cmd, "--nfc-token: " + err);
    o.diagnose.nfc_token = *t;
  }
  az::Keylog keylog;
  if (!c.keylog.empty()) {
    std::ifstream in(c.keylog, std::ios::binary);
    if (!in) return fail(cmd, "--keylog " + c.keylog + ": cannot read the file");
    std::stringstream ss;
    ss << in.rdbuf();
    auto k = az::Keylog::parse(ss.str());
    if (!k) {
      return fail(cmd, "--keylog " + c.keylog + ": line " + std::to_string(k.error().offset) +
                           " is not `LABEL <mac> <hex>`");
    }
    keylog = std::move(*k);
    o.diagnose.keylog = &keylog;
  }
  auto a = az::analyze_capture(c.file, o);
  if (!a) return fail(cmd, open_error(c.file, a.error()));
  std::string text;
  if (c.format == "text") {
    text = az::render_report_text(*a);
  } else if (c.format == "mermaid") {
    for (std::size_t i = 0; i < a->selected.size(); ++i) {
      if (a->selected.size() > 1) {
        text += "%% Session " + std::to_string(i + 1) + ": " + a->session(i).name() + "\n";
      }
      text += az::render_mermaid(a->session(i).rows);
    }
    if (a->selected.empty()) text = "sequenceDiagram\n    participant STA\n    participant AP\n";
  } else if (c.format == "svg") {
    if (a->selected.empty()) return fail(cmd, c.file + ": no session to draw");
    if (a->selected.size() > 1) {
      std::fprintf(stderr,
                   "wpslab analyze: %zu sessions; drawing the first (choose with --session)\n",
                   a->selected.size());
    }
    text = az::render_svg(a->session(0), a->diagnoses[0]);
  } else if (c.format == "html") {
    text = az::render_html(*a);
  } else {
    if (!write_json(*a, c.out)) return fail(cmd, "cannot write " + c.out);
    return 0;
  }
  if (!write_output(c.out, text)) return fail(cmd, "cannot write " + c.out);
  return 0;
}

int run_scan(const std::string& file, bool json_out) {
  az::AnalyzeOptions o;
  o.scan_only = true;
  auto a = az::analyze_capture(file, o);
  if (!a) return fail("scan", open_error(file, a.error()));
  if (json_out) {
    json j = header_json(*a)["access_points"];
    json wps_only = json::array();
    for (auto& ap : j) {
      if (ap["wps"].get<bool>()) wps_only.push_back(ap);
    }
    std::cout << wps_only.dump(2) << "\n";
  } else {
    std::cout << az::render_scan(a->tracker);
  }
  return 0;
}

}  // namespace

void register_analyze(CLI::App& app) {
  static AnalyzeCli c;
  auto* sub = app.add_subcommand(
      "analyze", "Analyse a capture: WPS sessions, diagnosis, sequence diagram, reports");
  sub->add_option("file", c.file, "capture file (pcap or pcapng)")->required();
  sub->add_option("--format", c.format, "text, mermaid, svg, html or json")
      ->check(CLI::IsMember({"text", "mermaid", "svg", "html", "json"}))
      ->capture_default_str();
  sub->add_option("-o,--output", c.out, "write to this file instead of standard output");
  sub->add_option("--session", c.session, "only the sessions of this AP or STA MAC");
  sub->add_option("--passphrase", c.passphrase, "WPA2 passphrase: verifies the 4-way MICs");
  sub->add_option("--ssid", c.ssid, "SSID for the passphrase (default: from the capture)");
  sub->add_option("--nfc-token", c.nfc_token,
                  "an NFC password token or handover request/select (FILE or HEX, NDEF or WSC): "
                  "check which side's public key its hash names");
  sub->add_option("--keylog", c.keylog,
                  "key log (LABEL <enrollee-mac> <hex> lines, or a hostapd/wpa_supplicant -K log)");
  add_command(sub, [] { return run_analyze(c); });
}

void register_scan(CLI::App& app) {
  static std::string file;
  static bool json_out = false;
  auto* sub = app.add_subcommand("scan", "List the WPS access points of a capture (like wash)");
  sub->add_option("file", file, "capture file (pcap or pcapng)")->required();
  sub->add_flag("--json", json_out, "JSON instead of a table");
  add_command(sub, [] { return run_scan(file, json_out); });
}

}  // namespace wpslab
