#!/bin/bash
# hostapd <-> wpslab sta, PIN entered at hostapd only after the enrollee started: M2D first
# (hostapd: WPS-PIN-NEEDED), wpslab sta retries after 6 s (hostapd ignores a Start for 5 s after
# its EAP-Failure), then M1..M8 and the credential.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_hostapd
start_wpslab_sta --pin $PIN --timeout 30 --retry-after 6
wait_for "$HLOG" 'WPS-PIN-NEEDED' 10 || fail "hostapd reported no WPS-PIN-NEEDED"
wait_for "$STA_LOG" '"event":"m2d"' 5 || fail "wpslab sta saw no M2D"
log "hostapd_cli wps_pin any $PIN -> $(hcli wps_pin any $PIN)"
wait_exit "$STA_PID" 30 || fail "wpslab sta did not finish"
[ "$RC" = 0 ] || fail "wpslab sta exit code $RC"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 06 0d 04 05 07 08 09 0a 0b 0c 0f" || fail "expected M1 M2D ACK, then M1..M8 Done"
[ "$(json_field "$STA_LOG" credential ssid)" = "$SSID" ] || fail "credential SSID differs"
[ "$(json_field "$STA_LOG" credential rounds)" -ge 2 ] || fail "expected at least 2 rounds"
pass
