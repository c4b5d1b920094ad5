#!/bin/bash
# hostapd 2.10 `hostapd_cli wps_pbc` (internal Registrar) <-> `wpslab sta --pbc` (push button):
# M1 and M2 carry Device Password ID 4, M1..M8 + WSC_Done, the credential equals hostapd's, and
# hostapd leaves PBC mode (WPS-PBC-DISABLE, wps_get_status Disabled / Success).
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_hostapd
r=$(hcli wps_pbc); log "hostapd_cli wps_pbc -> $r"; [ "$r" = OK ] || fail "wps_pbc: $r"
start_wpslab_sta --pbc --timeout 20
wait_exit "$STA_PID" 25 || fail "wpslab sta did not finish"
[ "$RC" = 0 ] || fail "wpslab sta exit code $RC (expected 0: credential)"
wait_for "$HLOG" 'WPS-REG-SUCCESS' 5 || fail "hostapd reported no WPS-REG-SUCCESS"
wait_for "$HLOG" 'WPS-PBC-DISABLE' 5 || fail "hostapd did not leave PBC mode"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 07 08 09 0a 0b 0c 0f" || fail "M1..M8, WSC_Done not all in the capture"
for m in 0x04 0x05; do
  d=$(tshark -r "$PCAP" -Y "wps.message_type == $m" -T fields -e wps.device_password_id 2>/dev/null)
  [ "$d" = 0x0004 ] || fail "message $m carries DPID '$d', want 0x0004"
done
[ "$(json_field "$STA_LOG" credential ssid)" = "$SSID" ] || fail "credential SSID differs"
[ "$(json_field "$STA_LOG" credential network_key)" = "$PASSPHRASE" ] || fail "credential key differs"
[ "$(hcli wps_get_status | head -2 | tr '\n' ' ')" = "PBC Status: Disabled Last WPS result: Success " ] ||
    fail "hostapd status: $(hcli wps_get_status)"
pass
