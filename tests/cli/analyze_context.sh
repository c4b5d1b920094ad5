#!/usr/bin/env bash
# `wpslab analyze` on captures of other shapes than our own runs: attempts counted as a person
# reading the ladder counts them (a reaver-like registrar), each attempt's method and Device
# Password ID, explanations and JSON fields that follow from the frames (no WPS IE, no
# credential, a session with only a 4-way handshake), and `wpslab scan` columns that never merge.
# $1 = wpslab binary; run from the repository root.
set -u
W="$1"
D=tests/data/analyzer
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
json() {  # capture, python expression over s (the only session)
  "$W" analyze "$1" --format json -o "$TMP/j.json" || { bad "$1: exit"; return 1; }
  python3 - "$TMP/j.json" "$2" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
assert len(j["sessions"]) == 1, len(j["sessions"])
s = j["sessions"][0]
a = s["attempts"]
ok = eval(sys.argv[2])
if not ok:
    print(json.dumps({k: s[k] for k in ("outcome", "ssid", "wps_ok", "attempts")}, indent=1)[:3000])
sys.exit(0 if ok else 1)
EOF
}

# --- a reaver-like external registrar: two PIN guesses, two attempts -------------------------
# (NACK answered by NACK, an EAP retransmission after the deauthentication, retransmitted
# Identity request and M1, EAP-Failure retransmitted: none of them is an attempt of its own.)
check "reaver: two attempts, both wrong PIN first half, PIN method" \
  'json $D/wps-reaver.pcap "len(a) == 2 and all(x[\"outcome\"] == \"wrong-pin-first-half\" and x[\"external_registrar\"] and x[\"method\"] == \"pin\" and x[\"device_password_id\"] == 0 for x in a)"'
out=$("$W" analyze $D/wps-reaver.pcap)
check "reaver: deauth explained from the frames, not as a credential" \
  '[[ "$out" != *"credential it received"* && "$out" == *"external registrar (the station) leaves after the failed attempt"* ]]'
check "reaver: text names the method" '[[ "$out" == *"attempt 2 ("*"PIN, Device Password ID 0)"* ]]'

# --- push button: the method is named ----------------------------------------------------------
json tests/data/nfc-pbc/captures/pbc/wps.pcap 'a[0]["method"] == "pbc" and a[0]["device_password_id"] == 4' &&
  ok "pbc: method pbc, Device Password ID 4" || bad "pbc: method"
out=$("$W" analyze tests/data/nfc-pbc/captures/pbc/wps.pcap)
check "pbc: text says push button (PBC)" '[[ "$out" == *"push button (PBC), Device Password ID 4"* ]]'
json tests/data/captures/pin/wps.pcap 'a[0]["method"] == "pin"' && ok "pin: method pin" || bad "pin: method"

# --- a plain WPA2 connection: no WPS claims ----------------------------------------------------
json $D/wpa2-psk.pcap 's["wps_ok"] is False and s["ssid"] == "lab-wpa2" and a == [] and s["outcome"] == "connected"' &&
  ok "4-way only: wps_ok false, SSID from the beacon" || bad "4-way only: JSON fields"
out=$("$W" analyze $D/wpa2-psk.pcap)
check "beacon without WPS IE is not said to support WPS" \
  '[[ "$out" == *"no WPS IE: this beacon does not offer WPS"* && "$out" != *"in the WPS IE, that it supports WPS"* ]]'
check "association for WPA2-PSK is followed by the 4-way handshake, not EAP" \
  '[[ "$out" == *"the AP accepts the association; the 4-way handshake follows"* ]]'

# --- scan: a long device name and model never run into the next column -------------------------
out=$("$W" scan $D/wps-reaver.pcap)
check "scan: long names cut with an ellipsis, columns apart" \
  '[[ "$out" == *"Wireless Broadband H… WBHR-9000-AC-DUALBAND … lab-wps-ap"* ]]'
check "scan: header and row columns line up" \
  'python3 -c "import sys; l=sys.argv[1].splitlines(); h,r=l[0],l[2]; assert h.index(\"Model\")==r.index(\"WBHR\") and h.index(\"ESSID\")==r.index(\"lab-wps-ap\")" "$out"'

[ "$fails" -eq 0 ] && echo "analyze_context: all checks passed" || echo "analyze_context: $fails failed"
[ "$fails" -eq 0 ]
