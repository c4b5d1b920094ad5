#!/bin/bash
# wpslab ap with `hostapd_cli wps_pin <the enrollee's UUID> 12341238` <-> wpa_supplicant
# 12345670: WSC_NACK error 18 after M6.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_wpslab_ap --iface "$IF_A"
ap_hcli wps_pin 12345678-9abc-def0-1234-56789abcde01 12341238
start_wpas
log "wpa_cli wps_pin any $PIN -> $(wcli wps_pin any $PIN)"
wait_for "$SLOG" 'WPS-FAIL msg=10 config_error=18' 15 || fail "wpa_supplicant: no WPS-FAIL msg=10 config_error=18"
wait_for "$ALOG" '"event":"failure"' 5 || fail "wpslab ap reported no failure"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 07 08 09 0a 0e" || fail "expected M1..M6 then WSC_NACK"
has_type "$T" 0x0b && fail "M7 in the capture despite the wrong second half"
[ "$(nack18_count)" -ge 1 ] || fail "no WSC_NACK with configuration error 18"
[ "$(json_field "$ALOG" failure config_error)" = 18 ] || fail "failure event without config_error 18"
grep -q 'WPS-CRED-RECEIVED' "$SLOG" && fail "credential delivered despite the wrong PIN"
pass
