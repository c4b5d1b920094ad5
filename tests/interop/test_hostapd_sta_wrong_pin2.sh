#!/bin/bash
# hostapd has 12341238 (second half differs): WSC_NACK error 18 after M6; no credential.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_hostapd
log "hostapd_cli wps_pin any 12341238 -> $(hcli wps_pin any 12341238)"
start_wpslab_sta --pin $PIN --timeout 20
wait_exit "$STA_PID" 25 || fail "wpslab sta did not finish"
[ "$RC" = 2 ] || fail "wpslab sta exit code $RC (expected 2)"
wait_for "$HLOG" 'WPS-FAIL msg=10 config_error=18' 5 || fail "hostapd: no WPS-FAIL msg=10 config_error=18"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 07 08 09 0a 0e" || fail "expected M1..M6 then WSC_NACK"
has_type "$T" 0x0b && fail "M7 sent despite the wrong second half"
[ "$(nack18_count)" -ge 1 ] || fail "no WSC_NACK with configuration error 18"
[ "$(json_field "$STA_LOG" failure reason)" = r_hash2_mismatch ] || fail "reason is not r_hash2_mismatch"
pass
