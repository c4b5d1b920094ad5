#!/usr/bin/env bash
# `wpslab run crowd`, end to end:
#  - the default crowd (20 stations, 2 late PINs, 2 wrong ones) ends as every PIN predicts:
#    exit 0, the summary table, a Wireshark-clean sniffer log;
#  - `wpslab analyze` on that log reaches the simulation's own verdicts station by station
#    (connected, wrong PIN first / second half), without knowing them;
#  - `--json` has the documented keys and per-station list; a lossy crowd at 6 Mb/s agrees too;
#  - a crowd that saturates the channel ends with exit 2 and names the stations, never a wrong
#    credential or a hang; bad input => exit 1.
set -euo pipefail
WPSLAB=$(readlink -f "$1")
command -v tshark >/dev/null || { echo "FAIL: tshark is not installed (tools/install-deps.sh)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }

# --- the default crowd ------------------------------------------------------------------------
out=$("$WPSLAB" run crowd) || fail "run crowd: exit $? ($out)"
grep -q '^on-time .* 16  connected .* 16$' <<<"$out" || fail "on-time row: $out"
grep -q '^late .* 2  connected (M2D first) .* 2$' <<<"$out" || fail "late row: $out"
grep -q '^wrong-first .* 1  WSC_NACK error 18 at M4 .* 1$' <<<"$out" || fail "wrong-first row: $out"
grep -q '^connected: 18 of 20; wrong credentials: 0; hangs: 0; ended otherwise than their PIN predicts: 0$' \
  <<<"$out" || fail "summary line: $out"
[ -s wpslab-crowd.pcap ] || fail "no wpslab-crowd.pcap"
bad=$(tshark -r wpslab-crowd.pcap -Y '_ws.malformed || _ws.expert.severity == "Error"' 2>/dev/null | wc -l)
[ "$bad" -eq 0 ] || fail "wpslab-crowd.pcap: $bad malformed/error frames"
eapol=$(tshark -r wpslab-crowd.pcap -Y eapol 2>/dev/null | wc -l)
[ "$eapol" -gt 300 ] || fail "wpslab-crowd.pcap: only $eapol EAPOL frames"

# --- the analyzer, blind, against the simulation's truth --------------------------------------
"$WPSLAB" run crowd --json --pcap truth.pcap >truth.json || fail "run crowd --json: exit $?"
"$WPSLAB" analyze --format json truth.pcap >analysis.json || fail "analyze: exit $?"
python3 - <<'PY' || fail "analyzer and simulation disagree"
import json
truth = json.load(open("truth.json"))
ana = json.load(open("analysis.json"))
for k in ("scenario", "seed", "stations", "connected", "as_expected", "unexpected",
          "wrong_credentials", "hangs", "kinds", "outcomes", "connect_time_s", "station_list",
          "pcap"):
    assert k in truth, k
assert truth["stations"] == 20 and truth["unexpected"] == 0 and len(truth["station_list"]) == 20
by_sta = {s["sta"]: s for s in ana["sessions"]}
expect = {"on-time": "connected", "late": "connected", "wrong-first": "wrong-pin-first-half",
          "wrong-second": "wrong-pin-second-half"}
for st in truth["station_list"]:
    s = by_sta[st["mac"]]
    assert s["outcome"] == expect[st["kind"]], (st, s["outcome"], s["summary"])
    if st["kind"] == "late":
        # The M2D attempt, then the one that succeeded.
        assert [a["outcome"] for a in s["attempts"]][-1] == "wps-succeeded", s["attempts"]
        assert any(a["outcome"] == "no-pin" for a in s["attempts"]), s["attempts"]
print("analyzer agrees on", len(truth["station_list"]), "stations")
PY

# --- a lossy crowd on a faster channel ----------------------------------------------------------
"$WPSLAB" run crowd --stations 120 --stagger 20 --rate 6 --loss 0.1 --seed 7 --json \
  --pcap lossy.pcap >lossy.json || fail "lossy crowd: exit $?"
python3 - <<'PY' || fail "lossy crowd: $(head -c 400 lossy.json)"
import json
j = json.load(open("lossy.json"))
assert j["stations"] == 120 and j["unexpected"] == 0 and j["wrong_credentials"] == 0
assert j["hangs"] == 0 and j["retries"] > 0 and j["rate_mbps"] == 6, j
PY

# --- a saturated channel: exit 2, stations named, still no wrong credential ---------------------
rc=0
out=$("$WPSLAB" run crowd --stations 60 --stagger 1 --loss 0.5 --pcap busy.pcap) || rc=$?
[ "$rc" -eq 2 ] || fail "saturated crowd: exit $rc, expected 2 ($out)"
grep -q 'wrong credentials: 0; hangs: 0' <<<"$out" || fail "saturated crowd: $out"
grep -q '^  02:00:00:01:' <<<"$out" || fail "saturated crowd names no station: $out"
grep -q '^outcome: some stations did not end as their PIN predicts$' <<<"$out" || fail "$out"

# --- bad input ----------------------------------------------------------------------------------
for args in "--stations 0" "--stations 2008" "--wrong-share 0.8 --late-share 0.5" \
  "--late-share -1" "--stagger -5" "--rate 0" "--rate 7.25" "--loss 2"; do
  rc=0
  # shellcheck disable=SC2086
  "$WPSLAB" run crowd $args --pcap bad.pcap >/dev/null 2>err.txt || rc=$?
  [ "$rc" -eq 1 ] || fail "run crowd $args: exit $rc, expected 1"
  grep -q '^wpslab run crowd: ' err.txt || fail "run crowd $args: $(cat err.txt)"
done
echo "crowd: ok"
