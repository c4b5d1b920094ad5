#!/usr/bin/env bash
# The HTML report of `wpslab analyze`, rendered by headless Chromium: asserts on the DOM the
# browser builds (--dump-dom), not on our own output text. Skips (exit 0) when Chromium is not
# installed (tools/install-deps.sh installs it).
# $1 = wpslab binary; run from the repository root.
set -u
W="$1"
BROWSER=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$BROWSER" ]]; then
  echo "skip: chromium not installed"
  exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
VEC=tests/fixtures/analyzer
CAP="tests/data/captures"
[ -d "$CAP" ] || { echo "FAIL missing test data $CAP (see tests/data/README.md)"; exit 1; }
fails=0

dom() {  # html file -> DOM as serialized by Chromium
  timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$TMP/profile" --dump-dom "file://$1" 2>/dev/null
}

"$W" analyze "$VEC/air-pin.pcap" --format html --keylog "$VEC/pin.keylog" -o "$TMP/air.html" ||
  { echo "FAIL: analyze"; exit 1; }
dom "$TMP/air.html" >"$TMP/air.dom"
"$W" analyze "$CAP/wrong-pin/wps.pcap" --format html -o "$TMP/wrong.html" ||
  { echo "FAIL: analyze wrong-pin"; exit 1; }
dom "$TMP/wrong.html" >"$TMP/wrong.dom"

python3 - "$TMP/air.dom" "$TMP/wrong.dom" <<'EOF' || fails=1
import sys
from html.parser import HTMLParser

class Dom(HTMLParser):
    """Collects elements (tag, attrs, text) of the browser-serialized DOM."""
    def __init__(self):
        super().__init__()
        self.stack, self.elems = [], []
    def handle_starttag(self, tag, attrs):
        e = {"tag": tag, "attrs": dict(attrs), "text": "", "parents": [p["tag"] for p in self.stack]}
        self.elems.append(e)
        if tag not in ("meta", "br", "img", "input", "link", "circle", "line", "rect", "path"):
            self.stack.append(e)
    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i]["tag"] == tag:
                del self.stack[i:]
                break
    def handle_data(self, data):
        for e in self.stack:
            e["text"] += data

def load(p):
    d = Dom()
    d.feed(open(p, encoding="utf-8").read())
    return d.elems

fails = 0
def check(name, cond):
    global fails
    print(("ok   " if cond else "FAIL ") + name)
    fails += 0 if cond else 1

air = load(sys.argv[1])
by = lambda tag, elems: [e for e in elems if e["tag"] == tag]
title = by("title", air)
check("title", title and title[0]["text"].startswith("wpslab analyze"))
sessions = [e for e in air if e["tag"] == "section" and "session" in e["attrs"].get("class", "")]
check("one session section", len(sessions) == 1)
check("outcome connected", sessions and sessions[0]["attrs"].get("data-outcome") == "connected")
svgs = by("svg", air)
check("inline SVG diagram", len(svgs) == 1)
rows = [e for e in air if e["tag"] == "g" and e["attrs"].get("class") == "row"]
# air-pin.pcap: 38 frames -> 32 frame rows (3 beacons and 6 data frames collapse into 1 + 2)
# + 3 summary rows ("… 2 more beacons", "… 2 more data frames" x2).
check("diagram rows: %d" % len(rows), len(rows) == 35)
labels = [e["text"] for e in air if e["tag"] == "text" and "lbl" in e["attrs"].get("class", "")]
check("diagram labels in order", labels[:2] == ["Beacon (WPS IE, Selected Registrar: PIN)", "… 2 more beacons"]
      and "M8" in labels and labels.index("M1") < labels.index("M8") < labels.index("EAPOL-Key 1/4"))
steps = [e for e in air if e["tag"] == "table" and e["attrs"].get("class") == "steps"]
check("steps table", len(steps) == 1)
trs = [e for e in air if e["tag"] == "tr" and "table" in e["parents"] and e["parents"].count("table") == 1]
msgs = [e for e in air if e["tag"] == "details" and e["attrs"].get("class") == "msg"]
check("9 WSC message tables", len(msgs) == 9)
check("attribute names from the table", any("Enrollee Nonce" in m["text"] and "Public Key" in m["text"] for m in msgs))
check("Authenticators verified", sum("Authenticator verified" in m["text"] for m in msgs) == 7)
ies = [e for e in air if e["tag"] == "details" and e["attrs"].get("class") == "ie"]
check("5 WPS IE tables", len(ies) == 5)
check("WPS IE attribute names", any("Selected Registrar Config Methods" in e["text"] and "AuthorizedMACs" in e["text"] for e in ies))
check("credential shown", any("interop-passphrase-1234" in e["text"] for e in by("td", air)))
check("no external resources", not any(
    (e["attrs"].get("src") or e["attrs"].get("href") or "").startswith(("http:", "https:", "//"))
    for e in air))
check("no scripts", not by("script", air))

wrong = load(sys.argv[2])
ws = [e for e in wrong if e["tag"] == "section" and "session" in e["attrs"].get("class", "")]
check("wrong-pin outcome", ws and ws[0]["attrs"].get("data-outcome") == "wrong-pin-first-half")
badges = [e["text"] for e in wrong if e["tag"] == "span" and "badge" in e["attrs"].get("class", "")]
check("wrong-pin badge", "Wrong PIN (first half)" in badges)
check("NACK row", any(e["text"] == "WSC_NACK (config error 18)" for e in wrong if e["tag"] == "text"))
sys.exit(1 if fails else 0)
EOF
[[ $fails -eq 0 ]] && echo "html report: all checks passed"
exit $fails
