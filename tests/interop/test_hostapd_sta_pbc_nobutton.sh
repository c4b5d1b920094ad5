#!/bin/bash
# `wpslab sta --pbc` against hostapd 2.10 whose button was never pressed (NFC-PBC-FACTS §9.2):
# M1 with DPID 4 is answered with M2D (configuration error 15: ap_setup_locked=1), the station
# acknowledges, gets no credential and, like wpa_supplicant, does not try again.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_hostapd
start_wpslab_sta --pbc --timeout 20
wait_exit "$STA_PID" 25 || fail "wpslab sta did not finish"
[ "$RC" != 0 ] || fail "wpslab sta exit code 0 without the AP's button"
stop_capture
T=$(msg_types); log "message types: $T"
[ "$T" = "0x04 0x06 0x0d " ] || fail "want M1, M2D, WSC_ACK only; got '$T'"
ce=$(tshark -r "$PCAP" -Y 'wps.message_type == 0x06' -T fields -e wps.configuration_error 2>/dev/null)
[ "$((ce))" = 15 ] || fail "M2D configuration error '$ce', want 15"
starts=$(tshark -r "$PCAP" -Y 'eapol.type == 1' 2>/dev/null | wc -l)
[ "$starts" = 1 ] || fail "$starts EAPOL-Starts: the station tried again"
pass
