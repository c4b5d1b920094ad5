#!/bin/bash
# AP setup lock, wpslab side: wpa_supplicant as external Registrar (`wpa_cli wps_reg BSSID PIN`)
# with wrong AP PINs against `wpslab ap --ap-pin` (AP as Enrollee, hostapd's lock policy). The
# third failed proof locks wpslab ap (its "ap-setup-locked" event); wpa_supplicant's next
# wps_reg — with the right PIN — is refused at M2 with WSC_NACK error 15, which wpa_supplicant
# reports (WPS-FAIL config_error=15). On a wired port there are no beacons: the refusal is what
# the registrar sees.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
# wpslab ap with an AP PIN and the config lock off (write_ap_conf's default is locked).
write_ap_conf "$RUN/ap.conf" "$IF_A" ap_setup_locked=0
mkfifo "$RUN/ap.ctl"; exec 7<>"$RUN/ap.ctl"
ip netns exec "$NS_A" "$WPSLAB" ap -c "$RUN/ap.conf" --ap-pin $PIN --json --pcap "$RUN/ap.pcap" <&7 > "$ALOG" 2>&1 &
AP_PID=$!; PIDS+=($AP_PID)
wait_for "$ALOG" '"event":"ready"' 5 || fail "wpslab ap did not start"
reg() {  # pin: one wps_reg run with a fresh wpa_supplicant (after an EAP-Failure it holds the
          # wired port for a while), until it reports the end of the run
    start_wpas
    local pid=${PIDS[-1]}
    wcli wps_reg $PAE "$1" >/dev/null  # on a wired port the BSSID is the PAE group address
    wait_for "$SLOG" 'WPS-FAIL|WPS-SUCCESS|WPS-NEW-AP-SETTINGS' 15 || fail "wps_reg $1: no end reported"
    sleep 0.3
    kill "$pid"; wait "$pid" 2>/dev/null
    cp "$SLOG" "$RUN/wpas-$1.log"
    rm -f "$RUN/wpas/$IF_B"
}
for wrong in 87654325 00000000 12340002; do reg $wrong; done
wait_for "$ALOG" '"event":"ap-setup-locked"' 5 || fail "wpslab ap did not lock after three failed AP-PIN proofs"
grep -c '"config_error":"18"' "$ALOG" | grep -q '^[3-9]' || fail "wpslab ap did not fail three proofs with error 18"
reg $PIN
grep -q 'WPS-FAIL.*config_error=15' "$RUN/wpas-$PIN.log" || fail "wpa_supplicant did not see the refusal (config_error=15)"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 07 08 0e 0e 04 05 07 08 0e 0e 04 05 07 08 09 0a 0e 0e 04 05 0e 0e" || fail "unexpected message sequence (3 failed proofs, then the refusal after M2)"
pass
