#!/bin/bash
# wpslab sta --registrar (external Registrar, AP-PIN) <-> hostapd as Enrollee: learns the AP's
# settings from M7 (then WSC_NACK error 0), and pushes new settings (M8, AP's WSC_Done).
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_hostapd ap_setup_locked=0 ap_pin=$PIN
# 1. learn only
start_wpslab_sta --registrar --ap-pin $PIN --timeout 20
wait_exit "$STA_PID" 25 || fail "wpslab sta --registrar did not finish"
[ "$RC" = 0 ] || fail "learn: exit code $RC"
[ "$(json_field "$STA_LOG" credential ssid)" = "$SSID" ] || fail "learned SSID differs from hostapd's"
[ "$(json_field "$STA_LOG" credential network_key)" = "$PASSPHRASE" ] || fail "learned key differs"
# 2. push new settings (hostapd ignores a Start for 5 s after its EAP-Failure)
sleep 5.5
STA_LOG=$RUN/sta2.log
start_wpslab_sta --registrar --ap-pin $PIN --new-ssid wpslab-new-net --new-passphrase new-passphrase-5678 --timeout 20
wait_exit "$STA_PID" 25 || fail "wpslab sta --registrar (push) did not finish"
[ "$RC" = 0 ] || fail "push: exit code $RC"
wait_for "$HLOG" 'WPS-NEW-AP-SETTINGS' 5 || fail "hostapd reported no WPS-NEW-AP-SETTINGS"
grep -q '^ssid=wpslab-new-net$' "$RUN/hostapd.conf" && grep -q '^wpa_passphrase=new-passphrase-5678$' "$RUN/hostapd.conf" ||
    fail "hostapd did not store the pushed settings"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 07 08 09 0a 0b 0e 04 05 07 08 09 0a 0b 0c 0f 0d" || fail "unexpected message sequence"
pass
