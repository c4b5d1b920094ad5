#!/usr/bin/env bash
# CLI test of `wpslab analyze` and `wpslab scan`: golden outcomes of the shared interop
# captures (REPORT.md), every output format, and the error paths (one line, exit 1).
# $1 = wpslab binary; run from the repository root.
set -u
W="$1"
CAP="tests/data/captures"
[ -d "$CAP" ] || { echo "FAIL missing test data $CAP (see tests/data/README.md)"; exit 1; }
VEC=tests/fixtures/analyzer
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# --- golden outcomes (python3 reads the JSON) -----------------------------------------------
golden() {  # mode, python expression over s (= the only session), expected description
  local mode=$1 expr=$2
  "$W" analyze "$CAP/$mode/wps.pcap" --format json -o "$TMP/$mode.json" || { bad "$mode: exit"; return; }
  if python3 - "$TMP/$mode.json" "$expr" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
assert len(j["sessions"]) == 1, j["sessions"]
s = j["sessions"][0]
a = s["attempts"]
ok = eval(sys.argv[2])
if not ok:
    print(json.dumps({"outcome": s["outcome"], "attempts": a}, indent=1)[:2000])
sys.exit(0 if ok else 1)
EOF
  then ok "$mode: $expr"; else bad "$mode: $expr"; fi
}
golden pin 's["outcome"] == "wps-succeeded" and len(a) == 1 and s["ap"] == "02:00:00:00:0a:01"'
golden late-pin 's["outcome"] == "wps-succeeded" and a[0]["outcome"] == "no-pin" and a[0]["config_error"] == 15 and a[1]["outcome"] == "wps-succeeded"'
golden wrong-pin 's["outcome"] == "wrong-pin-first-half" and a[0]["config_error"] == 18 and a[0]["failed_after"] == "M4" and a[0]["detected_by"] == "STA"'
golden wrong-pin2 's["outcome"] == "wrong-pin-second-half" and a[0]["config_error"] == 18 and a[0]["failed_after"] == "M6"'
golden frag 's["outcome"] == "wps-succeeded" and a[0]["fragments"] == 21 and a[0]["frag_acks"] == 13 and [m["fragments"] for m in s["messages"]][:2] == [4, 5]'
golden er 's["outcome"] == "ap-settings-learned" and a[0]["external_registrar"] and a[0]["config_error"] == 0 and a[0]["failed_after"] == "M7"'
golden er-config 's["outcome"] == "ap-configured" and [m["type"] for m in s["messages"]][-2:] == ["WSC_Done", "WSC_ACK"]'

# --- text ------------------------------------------------------------------------------------
out=$("$W" analyze "$CAP/wrong-pin/wps.pcap")
check "text: outcome line" '[[ "$out" == *"Outcome: wrong-pin-first-half"* ]]'
check "text: ladder arrow" '[[ "$out" == *"|<---- M4 ---"* && "$out" == *"|---- WSC_NACK (config error 18) ---"* ]]'
check "text: explanation" '[[ "$out" == *"R-Hash1"* ]]'

# --- over the air, key log, passphrase ------------------------------------------------------
out=$("$W" analyze "$VEC/air-pin.pcap" --keylog "$VEC/pin.keylog")
check "air: connected" '[[ "$out" == *"Outcome: connected"* ]]'
check "air: credential" '[[ "$out" == *"M8 credential: SSID \"wps-interop-test\", key \"interop-passphrase-1234\""* ]]'
check "air: authenticators" '[[ "$out" == *"key log: 7 Authenticators verified"* ]]'
check "air: MIC via credential" '[[ "$out" == *"MICs verify with the credential from M8"* ]]'
check "air: sections" '[[ "$out" == *" Discovery "* && "$out" == *" Round 2 "* && "$out" == *" 4-way handshake "* ]]'
out=$("$W" analyze "$VEC/air-pin.pcap" --passphrase interop-passphrase-1234)
check "passphrase right" '[[ "$out" == *"the passphrase is right"* ]]'
out=$("$W" analyze "$VEC/air-pin.pcap" --passphrase wrong-passphrase --ssid wps-interop-test)
check "passphrase wrong" '[[ "$out" == *"that passphrase (or SSID) is wrong"* ]]'
out=$("$W" analyze "$CAP/pin/wps.pcap" --keylog "$CAP/pin/hostapd.log")
check "hostapd -K log as key log" '[[ "$out" == *"key log: 7 Authenticators verified"* ]]'

# --- other formats --------------------------------------------------------------------------
"$W" analyze "$CAP/pin/wps.pcap" --format mermaid -o "$TMP/m.mmd"
check "mermaid" '[[ "$(head -1 "$TMP/m.mmd")" == "sequenceDiagram" ]] && grep -q "    STA->>AP: M1" "$TMP/m.mmd" && grep -q "    AP->>STA: EAP-Failure" "$TMP/m.mmd"'
"$W" analyze "$VEC/air-pin.pcap" --format svg -o "$TMP/s.svg"
check "svg" 'head -1 "$TMP/s.svg" | grep -q "<?xml" && grep -q "<svg" "$TMP/s.svg" && grep -q "EAPOL-Key 3/4" "$TMP/s.svg" && python3 -c "import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])" "$TMP/s.svg"'
"$W" analyze "$VEC/air-pin.pcap" --format html --keylog "$VEC/pin.keylog" -o "$TMP/r.html"
check "html" 'grep -q "<!DOCTYPE html>" "$TMP/r.html" && grep -q "Enrollee Nonce" "$TMP/r.html" && grep -q "interop-passphrase-1234" "$TMP/r.html"'
check "html self-contained" '! grep -Eq "(src|href)=\"(https?:)?//" "$TMP/r.html" && ! grep -q "@import" "$TMP/r.html"'
"$W" analyze "$VEC/air-pin.pcap" --session 02:00:00:00:0c:0c --format json -o "$TMP/none.json"
check "--session filters" 'python3 -c "import json,sys; assert json.load(open(sys.argv[1]))[\"sessions\"] == []" "$TMP/none.json"'

# --- scan --------------------------------------------------------------------------------------
out=$("$W" scan "$VEC/air-pin.pcap")
check "scan: row" '[[ "$out" == *"02:00:00:00:0a:01     6  -42  2.0  No   lab-ap"*"Lab AP 42"*"wps-interop-test"* ]]'
out=$("$W" scan "$CAP/pin/wps.pcap")
check "scan: wired capture has no AP" '[[ "$out" == *"no WPS-enabled access point"* ]]'

# --- errors: one line on stderr, exit 1 ---------------------------------------------------------
err() {  # name, expected exit, command...
  local name=$1; shift
  "$@" >"$TMP/o" 2>"$TMP/e"
  local rc=$?
  if [[ $rc -eq 1 && $(wc -l <"$TMP/e") -ge 1 && ! -s "$TMP/o" ]]; then ok "$name"; else bad "$name (rc=$rc)"; cat "$TMP/e"; fi
}
err "missing file" "$W" analyze "$TMP/does-not-exist.pcap"
echo "hello" >"$TMP/not.pcap"
err "not a capture" "$W" analyze "$TMP/not.pcap"
err "unknown format" "$W" analyze "$CAP/pin/wps.pcap" --format pdf
err "bad --session" "$W" analyze "$CAP/pin/wps.pcap" --session nonsense
err "short passphrase" "$W" analyze "$CAP/pin/wps.pcap" --passphrase short
echo "AUTHKEY not-a-mac 00" >"$TMP/bad.keylog"
err "bad key log" "$W" analyze "$CAP/pin/wps.pcap" --keylog "$TMP/bad.keylog"
err "scan: missing file" "$W" scan "$TMP/does-not-exist.pcap"
"$W" analyze "$TMP/does-not-exist.pcap" 2>"$TMP/e"
check "error is one line" '[[ $(wc -l <"$TMP/e") -eq 1 ]]'

# --- a truncated capture still analyses (exit 0) -------------------------------------------------
head -c 1500 "$CAP/pin/wps.pcap" >"$TMP/cut.pcap"
out=$("$W" analyze "$TMP/cut.pcap")
check "truncated capture" '[[ $? -eq 0 && "$out" == *"damaged record"* ]]'

echo "$fails failure(s)"
[[ $fails -eq 0 ]]
