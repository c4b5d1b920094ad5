#!/bin/bash
# AP setup lock, hostapd side: `wpslab sta --registrar` with wrong AP PINs against hostapd (AP as
# Enrollee, ap_pin set, not locked by the config). hostapd counts each failed AP-PIN proof; at the
# third it locks (WPS-AP-SETUP-LOCKED on its control interface and in its log, WPS-FACTS §8), and
# the next registrar — even with the right PIN — is refused at M2 with WSC_NACK error 15, which
# wpslab sta reports as "AP setup locked". One AP PIN per wpslab run (no guessing on a real link).
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_hostapd ap_setup_locked=0 ap_pin=$PIN
# Wrong first half, wrong first half, wrong second half (hostapd ignores a Start for 5 s after
# its EAP-Failure, hence the pauses).
n=0
for wrong in 87654325 00000000 12340002; do
    n=$((n + 1))
    [ $n -gt 1 ] && sleep 5.5
    STA_LOG=$RUN/sta$n.log
    start_wpslab_sta --registrar --ap-pin $wrong --timeout 20
    wait_exit "$STA_PID" 25 || fail "run $n did not finish"
    [ "$RC" = 2 ] || fail "run $n (AP PIN $wrong): exit $RC, want 2"
    grep -q '"config_error":"18"' "$STA_LOG" || fail "run $n: no configuration error 18"
done
wait_for "$HLOG" 'WPS-AP-SETUP-LOCKED' 5 || fail "hostapd did not report WPS-AP-SETUP-LOCKED"
n_locked=$(grep -c 'WPS-AP-SETUP-LOCKED' "$HLOG")
hcli wps_get_status > "$RUN/status.txt" 2>&1 || true
log "hostapd: $n_locked WPS-AP-SETUP-LOCKED line(s)"
# Locked: the right PIN is refused at M2.
sleep 5.5
STA_LOG=$RUN/sta-locked.log
start_wpslab_sta --registrar --ap-pin $PIN --timeout 20
wait_exit "$STA_PID" 25 || fail "locked run did not finish"
[ "$RC" = 2 ] || fail "locked run: exit $RC, want 2 (hostapd locked)"
grep -q 'AP setup locked' "$STA_LOG" || fail "wpslab sta did not report 'AP setup locked'"
grep -q '"config_error":"15"' "$STA_LOG" || fail "locked run: no configuration error 15"
stop_capture
T=$(msg_types); log "message types: $T"
# Three runs that end with the AP's NACK after M4/M4/M6, then M1, M2 and the refusal.
has_seq "$T" "04 05 07 08 0e 0e 04 05 07 08 0e 0e 04 05 07 08 09 0a 0e 0e 04 05 0e 0e" || fail "unexpected message sequence"
pass
