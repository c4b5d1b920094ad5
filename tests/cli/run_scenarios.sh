#!/usr/bin/env bash
# `wpslab run` end to end, checked by Wireshark's own dissectors (tshark):
#  - every scenario's outcome, failure point and exit code;
#  - zero malformed frames and zero expert errors in every sniffer log;
#  - the sta-pin frames in the order of the STA-PIN connection (auth x2, assoc req/resp,
#    EAPOL-Start, Identity req/resp, WSC_Start, M1..M8, WSC_Done, EAP-Failure, deauth,
#    auth x2, assoc req/resp, EAPOL-Key 1..4, the CCMP data frame);
#  - with the passphrase given to Wireshark, the protected data frame decrypts to a DHCP Discover;
#  - same seed twice => identical pcap bytes; another seed => other nonces;
#  - bad input => exit 1, a one-line error, nothing written.
set -euo pipefail
WPSLAB=$(readlink -f "$1")
command -v tshark >/dev/null || { echo "FAIL: tshark is not installed (tools/install-deps.sh)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
ts() { tshark "$@" 2>/dev/null; }

check_clean() {  # no malformed frames, no expert errors
  local f=$1
  local bad
  bad=$(ts -r "$f" -Y '_ws.malformed || _ws.expert.severity == "Error"' | wc -l)
  [ "$bad" -eq 0 ] || fail "$f: $bad malformed/error frames"
}

# --- every scenario: outcome, failure point, exit code -------------------------------------
expect() {  # scenario exit connected failed_at config_error
  local s=$1 want_exit=$2 want_conn=$3 want_at=$4 want_ce=$5 rc=0
  out=$("$WPSLAB" run "$s" --json --pcap "$s.pcap") || rc=$?
  [ "$rc" -eq "$want_exit" ] || fail "$s: exit $rc, want $want_exit ($out)"
  python3 - "$out" "$want_conn" "$want_at" "$want_ce" <<'PY' || fail "$s: $out"
import json, sys
j = json.loads(sys.argv[1])
want_conn = sys.argv[2] == "true"
assert j["connected"] == want_conn, j
assert (j["failed_at"] or "") == sys.argv[3], j
assert str(j["config_error"]) == sys.argv[4], j
assert j["frames"] > 10, j
PY
  check_clean "$s.pcap"
}
expect sta-pin 0 true "" None
expect late-pin 0 true "" None
expect wrong-pin 2 false M4 18
expect wrong-pin2 2 false M6 18
expect stale-credential 2 false "4-way message 2" None

# late-pin: M2D then a complete second round on the air.
m2d=$(ts -r late-pin.pcap -Y 'wps.message_type == 0x06' | wc -l)
[ "$m2d" -eq 1 ] || fail "late-pin: $m2d M2D frames"
m8=$(ts -r late-pin.pcap -Y 'wps.message_type == 0x0c' | wc -l)
[ "$m8" -eq 1 ] || fail "late-pin: $m8 M8 frames"
# wrong PIN: WSC_NACK with configuration error 18 from the station after M4 / M6.
for s in wrong-pin wrong-pin2; do
  n=$(ts -r $s.pcap -Y 'wps.message_type == 0x0e && wps.configuration_error == 18' | wc -l)
  [ "$n" -ge 1 ] || fail "$s: no WSC_NACK with configuration error 18"
  m8=$(ts -r $s.pcap -Y 'wps.message_type == 0x0c' | wc -l)
  [ "$m8" -eq 0 ] || fail "$s: M8 (a credential) was sent"
done
last=$(ts -r wrong-pin.pcap -Y 'wps.message_type' -T fields -e wps.message_type | tail -2 | tr '\n' ' ')
[ "$last" = "0x08 0x0e " ] || fail "wrong-pin: last WSC messages '$last', want M4 then NACK"
last=$(ts -r wrong-pin2.pcap -Y 'wps.message_type' -T fields -e wps.message_type | tail -2 | tr '\n' ' ')
[ "$last" = "0x0a 0x0e " ] || fail "wrong-pin2: last WSC messages '$last', want M6 then NACK"

# --- the sta-pin sequence, as Wireshark decodes it -----------------------------------------
ts -r sta-pin.pcap -Y 'wlan.fc.type_subtype != 0x0008 && wlan.fc.type_subtype != 0x0004 && wlan.fc.type_subtype != 0x0005' \
   -T fields -E separator=, -e wlan.fc.type_subtype -e eapol.type -e eap.code -e eap.type \
   -e eap.wps.code -e wps.message_type -e wlan_rsna_eapol.keydes.msgnr > seq.txt
python3 - <<'PY' || fail "sta-pin sequence: $(tr '\n' ' ' < seq.txt)"
rows = [r.rstrip("\n").split(",") for r in open("seq.txt")]
def name(r):
    st, et, code, etype, op, mt, kn = (r + [""] * 7)[:7]
    st = int(st, 0)
    if st == 0x0b: return "auth"
    if st == 0x00: return "assoc-req"
    if st == 0x01: return "assoc-resp"
    if st == 0x0c: return "deauth"
    if et == "1": return "eapol-start"
    if et == "3": return "key" + kn
    if code == "4": return "eap-failure"
    if etype == "1": return "identity-req" if code == "1" else "identity-resp"
    if op == "1": return "wsc-start"
    if mt: return {"0x04":"M1","0x05":"M2","0x07":"M3","0x08":"M4","0x09":"M5","0x0a":"M6",
                   "0x0b":"M7","0x0c":"M8","0x0f":"done"}.get(mt, mt)
    if st in (0x20, 0x28): return "data"
    return "?" + str(st)
got = [name(r) for r in rows]
want = ["auth", "auth", "assoc-req", "assoc-resp", "eapol-start", "identity-req",
        "identity-resp", "wsc-start", "M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "done",
        "eap-failure", "deauth", "auth", "auth", "assoc-req", "assoc-resp", "key1", "key2",
        "key3", "key4", "data"]
assert got == want, got
PY
# Round 1 carries the WPS IE and no RSN IE; round 2 the RSN IE and no WPS IE.
assocs=$(ts -r sta-pin.pcap -Y 'wlan.fc.type_subtype == 0x0000' -T fields -e wps.version -e wlan.rsn.version | tr '\t' ',' | tr '\n' ' ')
[ "$assocs" = "0x10, ,1 " ] || fail "association requests: '$assocs'"

# --- Wireshark decrypts the CCMP data frame with the passphrase ----------------------------
dhcp=$(ts -r sta-pin.pcap -o wlan.enable_decryption:TRUE \
  -o 'uat:80211_keys:"wpa-pwd","wpslab-passphrase:wpslab"' -Y 'dhcp.option.dhcp == 1' | wc -l)
[ "$dhcp" -eq 1 ] || fail "the protected frame did not decrypt to a DHCP Discover ($dhcp)"
wrong=$(ts -r sta-pin.pcap -o wlan.enable_decryption:TRUE \
  -o 'uat:80211_keys:"wpa-pwd","not-the-passphrase:wpslab"' -Y 'dhcp' | wc -l)
[ "$wrong" -eq 0 ] || fail "decrypted with a wrong passphrase?"

# --- determinism ---------------------------------------------------------------------------
"$WPSLAB" run --seed 7 --pcap a.pcap --diagram none >/dev/null
"$WPSLAB" run --seed 7 --pcap b.pcap --diagram none >/dev/null
"$WPSLAB" run --seed 8 --pcap c.pcap --diagram none >/dev/null
cmp -s a.pcap b.pcap || fail "same seed, different pcap bytes"
n7=$(ts -r a.pcap -Y 'wps.message_type == 0x04' -T fields -e wps.enrollee_nonce)
n8=$(ts -r c.pcap -Y 'wps.message_type == 0x04' -T fields -e wps.enrollee_nonce)
[ -n "$n7" ] && [ "$n7" != "$n8" ] || fail "seeds 7 and 8 gave the same enrollee nonce ($n7)"

# --- diagrams ------------------------------------------------------------------------------
"$WPSLAB" run --pcap d.pcap > text.txt
grep -q "M8" text.txt || fail "text diagram lacks M8"
grep -q "^outcome: connected" text.txt || fail "no outcome line"
# By default the ladder is the explained one of `wpslab analyze` (same renderer); --diagram text
# keeps the plain ladder.
grep -q "M8 .*the AP's registrar verified E-Hash2 and sends the credential" text.txt ||
  fail "default diagram lacks the explanations"
"$WPSLAB" run --pcap d.pcap --diagram text > plain.txt
grep -q "M8" plain.txt && ! grep -q "sends the credential" plain.txt || fail "--diagram text is not the plain ladder"
"$WPSLAB" run --pcap d.pcap --diagram mermaid > mermaid.txt
grep -q "^sequenceDiagram" mermaid.txt || fail "mermaid output lacks sequenceDiagram"

# --- Ethernet view: EAPOL only -------------------------------------------------------------
"$WPSLAB" run --linktype ethernet --pcap e.pcap --diagram none >/dev/null
nonl=$(ts -r e.pcap -Y '!eapol' | wc -l)
[ "$nonl" -eq 0 ] || fail "Ethernet view has $nonl non-EAPOL frames"
check_clean e.pcap

# --- key log -------------------------------------------------------------------------------
"$WPSLAB" run --keylog keys.log --pcap k.pcap --diagram none >/dev/null
for l in DH_PRIVATE_E DH_PRIVATE_R ENROLLEE_NONCE REGISTRAR_NONCE DHKEY KDK AUTHKEY KEYWRAPKEY \
         EMSK PSK1 PSK2 E_S1 E_S2 R_S1 R_S2 PMK PTK GTK; do
  grep -Eq "^$l 02:00:00:00:0b:01 [0-9a-f]+$" keys.log || fail "key log lacks $l"
done
# The logged enrollee nonce is the one on the air.
n=$(ts -r k.pcap -Y 'wps.message_type == 0x04' -T fields -e wps.enrollee_nonce | tr -d ':')
grep -q "^ENROLLEE_NONCE 02:00:00:00:0b:01 $n$" keys.log || fail "key log nonce differs from M1's"

# --- bad input -----------------------------------------------------------------------------
bad() {  # args... ; must exit 1 with one line on stderr and write nothing
  rm -f out.pcap
  local rc=0 err
  err=$("$WPSLAB" run "$@" --pcap out.pcap 2>&1 >/dev/null) || rc=$?
  [ "$rc" -eq 1 ] || fail "'$*': exit $rc, want 1"
  [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "'$*': error is not one line: $err"
  [ ! -e out.pcap ] || fail "'$*': wrote out.pcap"
}
bad --pin 12345671
bad --ssid "$(printf 'x%.0s' $(seq 33))"
bad --passphrase short
bad --passphrase "$(printf 'p%.0s' $(seq 64))"
bad no-such-scenario
rc=0; err=$("$WPSLAB" run --pcap /nonexistent-dir/x.pcap 2>&1 >/dev/null) || rc=$?
[ "$rc" -eq 1 ] || fail "unwritable path: exit $rc"
rc=0; err=$("$WPSLAB" run --keylog /nonexistent-dir/k.log --pcap ok.pcap 2>&1 >/dev/null) || rc=$?
[ "$rc" -eq 1 ] && [ ! -e ok.pcap ] || fail "unwritable key log: exit $rc or pcap written"
echo "run_scenarios: all checks passed"
