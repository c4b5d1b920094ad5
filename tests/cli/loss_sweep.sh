#!/usr/bin/env bash
# `wpslab run --loss` and `wpslab sweep`, end to end:
#  - a lossy run's radiotap capture stays Wireshark-clean and shows the 802.11 MAC at work:
#    ACK frames, and retransmissions carrying the Retry bit;
#  - `wpslab sweep --json` prints one object with the documented keys, consistent counts;
#  - the sweep does not depend on the number of threads, and each of its seeds is reproduced
#    alone by `wpslab run --seed N --loss P`;
#  - no progress bar in a pipe; bad input => exit 1.
set -euo pipefail
WPSLAB=$(readlink -f "$1")
command -v tshark >/dev/null || { echo "FAIL: tshark is not installed (tools/install-deps.sh)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
ts() { tshark "$@" 2>/dev/null; }

# --- a lossy run on the air ----------------------------------------------------------------
rc=0
out=$("$WPSLAB" run --seed 3 --loss 0.3 --json --pcap lossy.pcap) || rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 2 ] || fail "run --loss: exit $rc ($out)"
bad=$(ts -r lossy.pcap -Y '_ws.malformed || _ws.expert.severity == "Error"' | wc -l)
[ "$bad" -eq 0 ] || fail "lossy.pcap: $bad malformed/error frames"
acks=$(ts -r lossy.pcap -Y 'wlan.fc.type_subtype == 0x001d' | wc -l)
retries=$(ts -r lossy.pcap -Y 'wlan.fc.retry == 1' | wc -l)
[ "$acks" -gt 10 ] || fail "lossy.pcap: $acks ACK frames"
[ "$retries" -gt 0 ] || fail "lossy.pcap: no frame with the Retry bit"
# Broadcasts are never retransmitted.
bretry=$(ts -r lossy.pcap -Y 'wlan.fc.retry == 1 && wlan.da == ff:ff:ff:ff:ff:ff' | wc -l)
[ "$bretry" -eq 0 ] || fail "lossy.pcap: $bretry retransmitted broadcasts"
python3 - "$out" "$retries" <<'PY' || fail "run --loss json: $out"
import json, sys
j = json.loads(sys.argv[1])
assert j["loss"] == 0.3 and j["retries"] == int(sys.argv[2]) and j["acks"] > 10, j
PY
# Without --loss nothing changes: no ACKs on the ideal channel.
"$WPSLAB" run --seed 3 --pcap clean.pcap --diagram none >/dev/null
n=$(ts -r clean.pcap -Y 'wlan.fc.type_subtype == 0x001d' | wc -l)
[ "$n" -eq 0 ] || fail "clean.pcap: $n ACK frames"

# --- sweep ---------------------------------------------------------------------------------
"$WPSLAB" sweep --seeds 12 --loss 0.3 --json --jobs 1 > one.json 2> one.err
"$WPSLAB" sweep sta-pin --seeds 12 --loss 0.3 --json --jobs 2 > two.json 2> two.err
[ ! -s one.err ] && [ ! -s two.err ] || fail "sweep wrote to stderr in a pipe: $(cat one.err two.err)"
cmp -s one.json two.json || fail "sweep depends on --jobs: $(cat one.json) vs $(cat two.json)"
python3 - one.json <<'PY' || fail "sweep json: $(cat one.json)"
import json, sys
j = json.load(open(sys.argv[1]))
for k in ["runs", "connected", "connected_ratio", "wrong_credentials", "hangs", "failures",
          "connect_time_s"]:
    assert k in j, k
assert j["runs"] == 12
assert 0 <= j["connected_ratio"] <= 1
assert abs(j["connected_ratio"] - j["connected"] / 12) < 1e-9
assert j["connected"] + j["hangs"] + sum(j["failures"].values()) == 12
assert set(j["connect_time_s"]) == {"median", "p99"}
assert j["connect_time_s"]["median"] <= j["connect_time_s"]["p99"]
assert j["wrong_credentials"] == 0 and j["hangs"] == 0
PY
# Each seed alone gives what the sweep counted.
alone=0
for s in $(seq 1 12); do
  if "$WPSLAB" run --seed "$s" --loss 0.3 --pcap s.pcap --diagram none >/dev/null; then
    alone=$((alone + 1))
  fi
done
want=$(python3 -c 'import json,sys; print(json.load(open("one.json"))["connected"])')
[ "$alone" -eq "$want" ] || fail "seeds run alone: $alone connected, the sweep counted $want"
# The text summary.
"$WPSLAB" sweep --seeds 4 --loss 0.1 > text.txt
grep -q "^connected: [0-9]* of 4 " text.txt || fail "sweep text: $(cat text.txt)"
grep -q "^wrong credentials: 0$" text.txt || fail "sweep text: $(cat text.txt)"
grep -q "^hangs: 0$" text.txt || fail "sweep text: $(cat text.txt)"

# --- bad input -----------------------------------------------------------------------------
for args in "--loss 1.5" "--loss -0.2" "--seeds 0" "nonsense"; do
  rc=0
  # shellcheck disable=SC2086
  "$WPSLAB" sweep $args > bad.out 2> bad.err || rc=$?
  [ "$rc" -eq 1 ] || fail "sweep $args: exit $rc"
  [ "$(wc -l < bad.err)" -ge 1 ] || fail "sweep $args: no error message"
done
rc=0
"$WPSLAB" run --loss 2 --pcap x.pcap > /dev/null 2>&1 || rc=$?
[ "$rc" -eq 1 ] || fail "run --loss 2: exit $rc"
[ ! -e x.pcap ] || fail "run --loss 2 wrote a pcap"
echo "ok"
