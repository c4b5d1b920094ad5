#!/bin/bash
# hostapd fragment_size=100 <-> wpslab sta --fragment-size 100: fragments and WSC_FRAG_ACKs in
# both directions, credential delivered.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_hostapd fragment_size=100
log "hostapd_cli wps_pin any $PIN -> $(hcli wps_pin any $PIN)"
start_wpslab_sta --pin $PIN --timeout 20 --fragment-size 100
wait_exit "$STA_PID" 25 || fail "wpslab sta did not finish"
[ "$RC" = 0 ] || fail "wpslab sta exit code $RC"
stop_capture
ack_ap=$(tshark -r "$PCAP" -Y "eap.wps.code == 6 && eth.src == $MAC_A" 2>/dev/null | wc -l)
ack_sta=$(tshark -r "$PCAP" -Y "eap.wps.code == 6 && eth.src == $MAC_B" 2>/dev/null | wc -l)
log "FRAG_ACKs from AP: $ack_ap, from STA: $ack_sta"
[ "$ack_ap" -ge 3 ] && [ "$ack_sta" -ge 3 ] || fail "expected WSC_FRAG_ACKs in both directions"
big=$(tshark -r "$PCAP" -Y 'eap.wps.code' -T fields -e eap.len 2>/dev/null | sort -n | tail -1)
[ "$big" -le 120 ] || fail "an EAP packet of $big octets: not fragmented at 100"
[ "$(json_field "$STA_LOG" credential ssid)" = "$SSID" ] || fail "credential SSID differs"
pass
