#!/bin/bash
# wpslab ap with `hostapd_cli wps_pin any 87654325` <-> wpa_supplicant 12345670: WSC_NACK error
# 18 after M4 (from the enrollee), failure event at wpslab ap, no credential.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_wpslab_ap --iface "$IF_A"
ap_hcli wps_pin any 87654325
start_wpas
log "wpa_cli wps_pin any $PIN -> $(wcli wps_pin any $PIN)"
wait_for "$SLOG" 'WPS-FAIL msg=8 config_error=18' 15 || fail "wpa_supplicant: no WPS-FAIL msg=8 config_error=18"
wait_for "$ALOG" '"event":"failure"' 5 || fail "wpslab ap reported no failure"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 07 08 0e" || fail "expected M1..M4 then WSC_NACK"
has_type "$T" 0x09 && fail "M5 in the capture despite the wrong first half"
[ "$(nack18_count)" -ge 1 ] || fail "no WSC_NACK with configuration error 18"
[ "$(json_field "$ALOG" failure config_error)" = 18 ] || fail "failure event without config_error 18"
grep -q 'WPS-CRED-RECEIVED' "$SLOG" && fail "credential delivered despite the wrong PIN"
pass
