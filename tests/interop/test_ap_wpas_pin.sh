#!/bin/bash
# wpslab ap (internal Registrar, --pin) <-> wpa_supplicant 2.10 -D wired (Enrollee, wps_pin):
# M1..M8, WSC_Done, EAP-Failure; the credential wpa_supplicant receives equals the AP's config.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_wpslab_ap --iface "$IF_A" --pin $PIN --exit-after 1
start_wpas
log "wpa_cli wps_pin any $PIN -> $(wcli wps_pin any $PIN)"
wait_for "$SLOG" 'WPS-SUCCESS' 15 || fail "wpa_supplicant reported no WPS-SUCCESS"
wait_exit "$AP_PID" 5 || fail "wpslab ap did not exit after --exit-after 1"
[ "$RC" = 0 ] || fail "wpslab ap exit code $RC"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 07 08 09 0a 0b 0c 0f" || fail "M1..M8, WSC_Done not all in the capture"
[ "$(tshark -r "$PCAP" -Y 'eap.code == 4' 2>/dev/null | wc -l)" -ge 1 ] || fail "no EAP-Failure"
wpas_cred || fail "no WPS-CRED-RECEIVED at wpa_supplicant"
log "credential at wpa_supplicant: ssid='$CRED_SSID' key='$CRED_KEY'"
[ "$CRED_SSID" = "$SSID" ] && [ "$CRED_KEY" = "$PASSPHRASE" ] || fail "credential differs from the AP config"
[ "$(json_field "$ALOG" success mac)" = "$MAC_B" ] || fail "wpslab ap did not report success for $MAC_B"
grep -q "^AUTHKEY $MAC_B [0-9a-f]\{64\}$" "$RUN/ap.keylog" || fail "no AUTHKEY line in the key log"
[ "$(tshark -r "$RUN/ap.pcap" 2>/dev/null | wc -l)" -ge 14 ] || fail "wpslab's own pcap has too few frames"
pass
