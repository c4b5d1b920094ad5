#!/usr/bin/env bash
# `wpslab run brute-force`: the online AP-PIN attack against the simulated AP.
#  - unlocked AP: the PIN is found in (first half + 1) + second-half-digits attempts, the
#    checksum computed (12345670: 1235 + 567 = 1802), well within 11,000, in seconds of CPU;
#  - hostapd's lock policy: 3 failures lock (60 s), lockouts double at multiples of 3, the 10th
#    consecutive failure locks until the PIN is set again: the search stops at 10 attempts;
#  - a PIN found at the 10th attempt gets through, after waiting out 7 lockouts;
#  - the virtual clock adds exactly the AP's DH and message times and the attacker's pacing;
#  - bad input: exit 1.
set -euo pipefail
WPSLAB=$(readlink -f "$1")
fail() { echo "FAIL: $*"; exit 1; }
check() {  # exit_want python-assertions args...
  local want=$1 py=$2 rc=0 out
  shift 2
  out=$("$WPSLAB" run brute-force --json "$@") || rc=$?
  [ "$rc" -eq "$want" ] || fail "$*: exit $rc, want $want ($out)"
  python3 -c "import json,sys; j=json.loads(sys.argv[1]); $py" "$out" || fail "$*: $out"
}
check 0 'assert j["pin_found"]=="12345670" and j["attempts"]==1802 and j["first_half_attempt"]==1235, j; assert j["cpu_s"] < 60, j; assert j["lock_events"]==0' --lock none
check 2 'assert j["pin_found"] is None and j["attempts"]==10 and j["locked_indefinitely"] and j["lock_events"]==8, j; assert j["horizon_reached"], j' --lock hostapd
# 00090001: first half 0009 is the 10th candidate and its first try (second half 000) is right.
# Lockouts after failures 3..9: 60, 60, 60, 120, 120, 120, 240 s.
check 0 'assert j["pin_found"]=="00090001" and j["attempts"]==10 and j["lock_events"]==7 and not j["locked_indefinitely"], j; assert j["virtual_time_s"] > 780, j' --ap-pin 00090001
# The clock: a wrong first half costs link 0.05 + two DH operations (M1, M3) + the NACK; the
# right PIN M1, M3 (DH) and M5, M7: with --delay 0 --ap-dh-time 1 --ap-msg-time 0, 10 x 2.05 s.
check 0 'assert abs(j["virtual_time_s"] - 20.5) < 1e-6, j' --ap-pin 00090001 --lock none --delay 0 --ap-dh-time 1 --ap-msg-time 0
out=$("$WPSLAB" run brute-force --lock none)
echo "$out" | grep -q "^PIN found: 12345670 after 1802 attempts" || fail "text output: $out"
echo "$out" | grep -q "11,000" || fail "text output lacks the theoretical bound: $out"
for args in "--ap-pin 12345671" "--ap-pin 1234" "--lock reaver" "--lock-wait 0"; do
  rc=0; "$WPSLAB" run brute-force $args >/dev/null 2>&1 || rc=$?
  [ "$rc" -eq 1 ] || fail "$args: exit $rc, want 1"
done
echo "brute_force: all checks passed"
