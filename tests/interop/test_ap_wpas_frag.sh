#!/bin/bash
# wpslab ap --fragment-size 100 with `hostapd_cli wps_pin any PIN 300` <-> wpa_supplicant
# (wps_fragment_size 100): fragments and WSC_FRAG_ACKs both ways; credential delivered.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_wpslab_ap --iface "$IF_A" --fragment-size 100 --exit-after 1
ap_hcli wps_pin any $PIN 300
start_wpas
log "wpa_cli set wps_fragment_size 100 -> $(wcli set wps_fragment_size 100)"
log "wpa_cli wps_pin any $PIN -> $(wcli wps_pin any $PIN)"
wait_for "$SLOG" 'WPS-SUCCESS' 15 || fail "wpa_supplicant reported no WPS-SUCCESS"
wait_exit "$AP_PID" 5 || fail "wpslab ap did not exit"
stop_capture
ack_ap=$(tshark -r "$PCAP" -Y "eap.wps.code == 6 && eth.src == $MAC_A" 2>/dev/null | wc -l)
ack_sta=$(tshark -r "$PCAP" -Y "eap.wps.code == 6 && eth.src == $MAC_B" 2>/dev/null | wc -l)
log "FRAG_ACKs from AP: $ack_ap, from STA: $ack_sta"
[ "$ack_ap" -ge 3 ] && [ "$ack_sta" -ge 3 ] || fail "expected WSC_FRAG_ACKs in both directions"
big=$(tshark -r "$PCAP" -Y 'eap.wps.code' -T fields -e eap.len 2>/dev/null | sort -n | tail -1)
[ "$big" -le 120 ] || fail "an EAP packet of $big octets: not fragmented at 100"
wpas_cred || fail "no credential at wpa_supplicant"
[ "$CRED_SSID" = "$SSID" ] && [ "$CRED_KEY" = "$PASSPHRASE" ] || fail "credential differs"
pass
