#!/bin/bash
# hostapd has 87654325, wpslab sta 12345670 (first half differs): after M4 the enrollee sends
# WSC_NACK with error 18; no credential; wpslab sta exits 2.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_hostapd
log "hostapd_cli wps_pin any 87654325 -> $(hcli wps_pin any 87654325)"
start_wpslab_sta --pin $PIN --timeout 20
wait_exit "$STA_PID" 25 || fail "wpslab sta did not finish"
[ "$RC" = 2 ] || fail "wpslab sta exit code $RC (expected 2)"
wait_for "$HLOG" 'WPS-FAIL msg=8 config_error=18' 5 || fail "hostapd: no WPS-FAIL msg=8 config_error=18"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 07 08 0e" || fail "expected M1..M4 then WSC_NACK"
has_type "$T" 0x09 && fail "M5 sent despite the wrong first half"
[ "$(nack18_count)" -ge 1 ] || fail "no WSC_NACK with configuration error 18"
[ "$(json_field "$STA_LOG" failure reason)" = r_hash1_mismatch ] || fail "reason is not r_hash1_mismatch"
grep -q '"event":"credential"' "$STA_LOG" && fail "credential despite wrong PIN"
pass
