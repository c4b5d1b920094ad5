#!/usr/bin/env bash
# `wpslab run` push-button scenarios, checked by Wireshark's own dissectors (tshark):
#  - outcome, failure point, configuration error and exit code of pbc, pbc-overlap,
#    pbc-walk-timeout and pbc-two-aps; zero malformed frames / expert errors in every log;
#  - pbc: Device Password ID 0x0004 in the station's probe requests, in M1 and in M2; M1..M8 and
#    round 2 (the CCMP frame decrypts); Selected Registrar (with DPID 4) in exactly the beacons
#    sent while the AP's button was active (after the press, before WSC_Done), and beacons on
#    both sides of that window without it;
#  - pbc-overlap: two enrollees, both M1s answered with M2D configuration error 12, the last WSC
#    message is such an M2D, no M2..M8;
#  - pbc-walk-timeout: only scans (no association), the last probe request near 120 s virtual;
#  - pbc-two-aps: two BSSIDs advertise PBC mode, the station never associates;
#  - same seed => identical pcap.
set -euo pipefail
WPSLAB=$(readlink -f "$1")
command -v tshark >/dev/null || { echo "FAIL: tshark is not installed (tools/install-deps.sh)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
ts() { tshark "$@" 2>/dev/null; }

check_clean() {
  local f=$1 bad
  bad=$(ts -r "$f" -Y '_ws.malformed || _ws.expert.severity == "Error"' | wc -l)
  [ "$bad" -eq 0 ] || fail "$f: $bad malformed/error frames"
}

expect() {  # scenario exit connected failed_at config_error outcome-regex
  local s=$1 want_exit=$2 want_conn=$3 want_at=$4 want_ce=$5 want_re=$6 rc=0
  out=$("$WPSLAB" run "$s" --json --pcap "$s.pcap") || rc=$?
  [ "$rc" -eq "$want_exit" ] || fail "$s: exit $rc, want $want_exit ($out)"
  python3 - "$out" "$want_conn" "$want_at" "$want_ce" "$want_re" <<'PY' || fail "$s: $out"
import json, re, sys
j = json.loads(sys.argv[1])
assert j["connected"] == (sys.argv[2] == "true"), j
assert (j["failed_at"] or "") == sys.argv[3], j
assert str(j["config_error"]) == sys.argv[4], j
assert re.search(sys.argv[5], j["outcome"]), j
PY
  check_clean "$s.pcap"
}
expect pbc 0 true "" None '^connected$'
expect pbc-overlap 2 false M2D 12 'PBC session overlap.*2 enrollees'
expect pbc-walk-timeout 2 false scan None 'walk time'
expect pbc-two-aps 2 false scan 12 'more than one AP in PBC mode'

# --- pbc: DPID 4 in probe requests, M1 and M2 ----------------------------------------------
preq=$(ts -r pbc.pcap -Y 'wlan.fc.type_subtype == 0x0004' -T fields -e wps.device_password_id | sort -u | tr '\n' ' ')
[ "$preq" = "0x0004 " ] || fail "pbc: probe request DPIDs '$preq', want 0x0004"
m1=$(ts -r pbc.pcap -Y 'wps.message_type == 0x04' -T fields -e wps.device_password_id)
[ "$m1" = "0x0004" ] || fail "pbc: M1 DPID '$m1'"
m2=$(ts -r pbc.pcap -Y 'wps.message_type == 0x05' -T fields -e wps.device_password_id)
[ "$m2" = "0x0004" ] || fail "pbc: M2 DPID '$m2'"
msgs=$(ts -r pbc.pcap -Y 'wps.message_type' -T fields -e wps.message_type | tr '\n' ' ')
[ "$msgs" = "0x04 0x05 0x07 0x08 0x09 0x0a 0x0b 0x0c 0x0f " ] || fail "pbc: WSC messages '$msgs'"
dhcp=$(ts -r pbc.pcap -o wlan.enable_decryption:TRUE \
  -o 'uat:80211_keys:"wpa-pwd","wpslab-passphrase:wpslab"' -Y 'dhcp.option.dhcp == 1' | wc -l)
[ "$dhcp" -eq 1 ] || fail "pbc: the protected frame did not decrypt to a DHCP Discover"

# --- pbc: Selected Registrar only in the beacons of the button's window ---------------------
# The AP's button is pressed at 0.25 s (scenario_pbc.cpp); PBC mode ends with WSC_Done.
done_t=$(ts -r pbc.pcap -Y 'wps.message_type == 0x0f' -T fields -e frame.time_relative)
ts -r pbc.pcap -Y 'wlan.fc.type_subtype == 0x0008' -T fields -E separator=, \
   -e frame.time_relative -e wps.selected_registrar -e wps.device_password_id > beacons.txt
python3 - "$done_t" <<'PY' || fail "pbc beacons: $(tr '\n' ' ' < beacons.txt)"
import sys
done = float(sys.argv[1])
press = 0.25
before = during = after = 0
for line in open("beacons.txt"):
    t, sr, dpid = (line.rstrip("\n").split(",") + ["", ""])[:3]
    t = float(t)
    if press < t < done:
        assert sr in ("1", "True", "0x01") and dpid == "0x0004", line
        during += 1
    else:
        assert sr == "" and dpid == "", line
        if t < press: before += 1
        else: after += 1
assert before >= 1 and during >= 1 and after >= 1, (before, during, after)
PY

# --- pbc-overlap: both enrollees refused with M2D error 12 ----------------------------------
m2d=$(ts -r pbc-overlap.pcap -Y 'wps.message_type == 0x06 && wps.configuration_error == 12' -T fields -e wlan.da | sort -u | wc -l)
[ "$m2d" -eq 2 ] || fail "pbc-overlap: M2D error 12 went to $m2d stations, want 2"
enr=$(ts -r pbc-overlap.pcap -Y 'wps.message_type == 0x04 && wps.device_password_id == 0x0004' -T fields -e wps.uuid_e | sort -u | wc -l)
[ "$enr" -eq 2 ] || fail "pbc-overlap: $enr distinct UUID-E in M1s, want 2"
reg=$(ts -r pbc-overlap.pcap -Y 'wps.message_type >= 0x05 && wps.message_type != 0x06 && wps.message_type <= 0x0c' | wc -l)
[ "$reg" -eq 0 ] || fail "pbc-overlap: $reg M2..M8 messages"
last=$(ts -r pbc-overlap.pcap -Y 'wps.message_type == 0x04 || wps.message_type == 0x06' -T fields -e wps.message_type -e wps.configuration_error | tail -1)
python3 -c "import sys; t, ce = sys.argv[1].split(); assert int(t, 0) == 6 and int(ce, 0) == 12" "$last" \
  || fail "pbc-overlap: last M1/M2D '$last', want M2D with error 12"

# --- pbc-walk-timeout: the station only scans, for the walk time ----------------------------
assoc=$(ts -r pbc-walk-timeout.pcap -Y 'wlan.fc.type_subtype == 0x0000' | wc -l)
[ "$assoc" -eq 0 ] || fail "pbc-walk-timeout: $assoc association requests"
lastprobe=$(ts -r pbc-walk-timeout.pcap -Y 'wlan.fc.type_subtype == 0x0004' -T fields -e frame.time_relative | tail -1)
python3 -c "import sys; t=float(sys.argv[1]); assert 115 < t <= 120.5, t" "$lastprobe" \
  || fail "pbc-walk-timeout: last probe request at $lastprobe s"

# --- pbc-two-aps: two BSSIDs in PBC mode, no association -----------------------------------
pbcaps=$(ts -r pbc-two-aps.pcap -Y 'wlan.fc.type_subtype == 0x0005 && wps.selected_registrar && wps.device_password_id == 0x0004' -T fields -e wlan.bssid | sort -u | wc -l)
[ "$pbcaps" -eq 2 ] || fail "pbc-two-aps: $pbcaps BSSIDs in PBC mode, want 2"
assoc=$(ts -r pbc-two-aps.pcap -Y 'wlan.fc.type_subtype == 0x0000' | wc -l)
[ "$assoc" -eq 0 ] || fail "pbc-two-aps: the station associated"

# --- the analyzer on the four captures (wpslab analyze --format json) -----------------------
for s in pbc pbc-overlap pbc-walk-timeout pbc-two-aps; do
  "$WPSLAB" analyze --format json "$s.pcap" > "$s.json" || fail "analyze $s.pcap"
done
python3 <<'PY' || fail "analyzer verdicts on the PBC captures"
import json
def load(s): return json.load(open(s + ".json"))
p = load("pbc")
assert [x["outcome"] for x in p["sessions"]] == ["connected"], p["sessions"][0]["summary"]
assert p["sessions"][0]["attempts"][0]["method"] == "pbc"
assert len(p["pbc_enrollees"]) == 1 and p["notes"] == [], (p["pbc_enrollees"], p["notes"])
o = load("pbc-overlap")
assert sorted(x["outcome"] for x in o["sessions"]) == ["pbc-overlap", "pbc-overlap"]
assert len(o["pbc_enrollees"]) == 2, o["pbc_enrollees"]
assert len(o["notes"]) == 1 and "PBC session overlap on the air" in o["notes"][0], o["notes"]
w = load("pbc-walk-timeout")
assert all(x["outcome"] == "no-wps" for x in w["sessions"])
assert any("button was not pressed" in x["summary"] for x in w["sessions"]), w["sessions"]
assert w["notes"] == [], w["notes"]
t = load("pbc-two-aps")
assert len(t["notes"]) == 1 and "two APs in PBC mode" in t["notes"][0], t["notes"]
assert all("enrollee-side PBC overlap" in x["summary"] for x in t["sessions"]), t["sessions"]
PY

# --- determinism ---------------------------------------------------------------------------
"$WPSLAB" run pbc-overlap --seed 5 --pcap a.pcap --diagram none >/dev/null || true
"$WPSLAB" run pbc-overlap --seed 5 --pcap b.pcap --diagram none >/dev/null || true
cmp -s a.pcap b.pcap || fail "pbc-overlap: same seed, different pcap bytes"
echo "ok"
