#!/bin/bash
# hostapd 2.10 (wired, internal Registrar) <-> wpslab sta (Enrollee): credential equals hostapd's.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_hostapd
log "hostapd_cli wps_pin any $PIN -> $(hcli wps_pin any $PIN)"
start_wpslab_sta --pin $PIN --timeout 20 --write-config "$RUN/cred.conf"
wait_exit "$STA_PID" 25 || fail "wpslab sta did not finish"
[ "$RC" = 0 ] || fail "wpslab sta exit code $RC (expected 0: credential)"
wait_for "$HLOG" 'WPS-REG-SUCCESS' 5 || fail "hostapd reported no WPS-REG-SUCCESS"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 07 08 09 0a 0b 0c 0f" || fail "M1..M8, WSC_Done not all in the capture"
[ "$(json_field "$STA_LOG" credential ssid)" = "$SSID" ] || fail "credential SSID differs"
[ "$(json_field "$STA_LOG" credential network_key)" = "$PASSPHRASE" ] || fail "credential key differs"
grep -q "ssid=\"$SSID\"" "$RUN/cred.conf" && grep -q "psk=\"$PASSPHRASE\"" "$RUN/cred.conf" ||
    fail "--write-config network block wrong"
grep -q "^KDK $MAC_B [0-9a-f]\{64\}$" "$RUN/sta.keylog" || fail "no KDK line in the key log"
pass
