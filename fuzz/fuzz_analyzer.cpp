// Fuzz target: the capture analyzer (src/analyzer) — dissector, sessions, diagnosis, renderers.
//
// Input: octet 0 selects the link type (low 3 bits: Ethernet, 802.11, cooked v1, radiotap, PPI,
// cooked v2) and the mode (bit 7):
//   - single frame (bit 7 clear): the rest is one packet, dissected;
//   - stream (bit 7 set): the rest is a sequence of [BE16 length][packet] records, dissected in
//     order into a Tracker, then every session is diagnosed (with a key log and a passphrase, so
//     the crypto checks run too; PMKs come from a process-wide cache) and rendered as text,
//     Mermaid, SVG and HTML.
// Besides "never crash" it checks invariants and aborts when one breaks:
//   - dissect() fails only with an Error finding recorded, and every finding has a text;
//   - every diagnosis has a summary and per-row vectors of the session's size.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "analyzer/diagnose.hpp"
#include "analyzer/ladder.hpp"
#include "analyzer/report.hpp"

namespace {

using namespace wps;
using namespace wps::analyzer;

void check(bool ok) {
  if (!ok) std::abort();
}

constexpr int kLinktypes[8] = {1, 105, 113, 127, 192, 276, 127, 1};

const Keylog& keylog() {
  static const Keylog log = [] {
    auto k = Keylog::parse(
        "AUTHKEY 02:00:00:00:0b:01 6487a8489b985b7e2fcddbc59e7176deff1ca9fd07c13cfb5e01e38733c8259d\n"
        "KEYWRAPKEY 02:00:00:00:0b:01 d0205b49832798b25f00bf65b40cb85b\n");
    return k ? *k : Keylog{};
  }();
  return log;
}

void one_frame(ByteView pkt, int linktype, Frame& f) {
  auto r = dissect({pkt, linktype, 0, 0, 1}, f);
  bool has_error = false;
  for (const auto& x : f.findings) {
    check(!x.text.empty());
    has_error = has_error || x.severity == Severity::Error;
  }
  if (!r) check(has_error);
  (void)endpoints(f);
  (void)frame_label(f);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  int linktype = kLinktypes[data[0] & 7];
  ByteView in(data + 1, size - 1);
  Frame f;
  if ((data[0] & 0x80) == 0) {
    one_frame(in, linktype, f);
    return 0;
  }
  Tracker t;
  std::size_t pos = 0;
  std::uint64_t n = 0;
  while (pos + 2 <= in.size()) {
    std::size_t len = (std::size_t{in[pos]} << 8) | in[pos + 1];
    pos += 2;
    if (len > in.size() - pos) len = in.size() - pos;
    ByteView pkt = in.subspan(pos, len);
    pos += len;
    auto r = dissect({pkt, linktype, static_cast<std::int64_t>(n) * 1000000, 0, ++n}, f);
    t.add(f, r.has_value());
  }
  t.finish();
  DiagnoseOptions o;
  o.keylog = &keylog();
  o.passphrase = "interop-passphrase-1234";
  // PBKDF2 (4096 HMAC-SHA1 pairs) depends only on the passphrase and the SSID, not on the rest
  // of the input: computed once per SSID for the whole process, as `wpslab analyze` does once
  // per capture. Without the cache it was most of the time of every input with a 4-way message.
  static wpa2::PmkCache pmks(256);
  o.pmk_cache = &pmks;
  for (const auto& s : t.sessions()) {
    Diagnosis d = diagnose(s, t, o);
    check(!d.summary.empty());
    check(d.explanations.size() == s.rows.size());
    check(d.deviations.size() == s.rows.size());
    check(d.attempts.size() == s.attempts.size());
    check(render_mermaid(s.rows).rfind("sequenceDiagram", 0) == 0);
    check(!render_svg(s, d).empty());
    check(!render_text(s.rows).empty() || s.rows.empty());
  }
  (void)render_scan(t);
  return 0;
}
