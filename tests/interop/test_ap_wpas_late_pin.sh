#!/bin/bash
# wpslab ap without a PIN <-> wpa_supplicant: M2D (pin-needed event), then the PIN is entered on
# wpslab ap's control input (stdin line "pin 12345670") and the next round delivers the credential.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_wpslab_ap --iface "$IF_A" --exit-after 1
start_wpas
log "wpa_cli set EAPOL::startPeriod 2 -> $(wcli set EAPOL::startPeriod 2)"
log "wpa_cli wps_pin any $PIN -> $(wcli wps_pin any $PIN)"
wait_for "$ALOG" '"event":"pin-needed"' 10 || fail "wpslab ap reported no pin-needed"
wait_for "$SLOG" 'WPS-M2D' 5 || fail "wpa_supplicant reported no WPS-M2D"
ap_cmd "pin $PIN"
wait_for "$ALOG" '"event":"pin-added"' 3 || fail "the control input was not taken"
wait_for "$SLOG" 'WPS-SUCCESS' 20 || fail "wpa_supplicant reported no WPS-SUCCESS"
wait_exit "$AP_PID" 5 || fail "wpslab ap did not exit"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 06 0d 04 05 07 08 09 0a 0b 0c 0f" || fail "expected M1 M2D ACK, then M1..M8 Done"
[ "$(json_field "$ALOG" pin-needed uuid_e)" = 12345678-9abc-def0-1234-56789abcde01 ] || fail "pin-needed without the enrollee UUID"
wpas_cred || fail "no credential at wpa_supplicant"
[ "$CRED_SSID" = "$SSID" ] && [ "$CRED_KEY" = "$PASSPHRASE" ] || fail "credential differs"
pass
