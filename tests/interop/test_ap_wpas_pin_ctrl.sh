#!/bin/bash
# The PIN method driven through hostapd_cli: `hostapd_cli wps_pin any PIN` against wpslab ap (no
# --pin, no stdin) <-> wpa_supplicant 2.10 `wps_pin any PIN`: M1..M8 with DPID 0, the credential.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_wpslab_ap --iface "$IF_A" --exit-after 1
for _ in $(seq 50); do [ -S "$RUN/hostapd/$IF_A" ] && break; sleep 0.1; done
r=$(hcli wps_pin any $PIN); log "hostapd_cli wps_pin any $PIN -> $r"; [ "$r" = OK ] || fail "wps_pin: $r"
start_wpas
log "wpa_cli wps_pin any $PIN -> $(wcli wps_pin any $PIN)"
wait_for "$SLOG" 'WPS-SUCCESS' 15 || fail "wpa_supplicant reported no WPS-SUCCESS"
wait_exit "$AP_PID" 5 || fail "wpslab ap did not exit after --exit-after 1"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 07 08 09 0a 0b 0c 0f" || fail "M1..M8, WSC_Done not all in the capture"
d=$(tshark -r "$PCAP" -Y 'wps.message_type == 0x04' -T fields -e wps.device_password_id 2>/dev/null)
[ "$d" = 0x0000 ] || fail "M1 DPID '$d'"
wpas_cred || fail "no WPS-CRED-RECEIVED at wpa_supplicant"
[ "$CRED_SSID" = "$SSID" ] && [ "$CRED_KEY" = "$PASSPHRASE" ] || fail "credential differs from the AP config"
pass
