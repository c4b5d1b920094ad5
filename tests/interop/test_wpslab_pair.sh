#!/bin/bash
# wpslab ap <-> wpslab sta: right PIN (credential equals the AP's), late PIN (M2D, then the PIN on
# the AP's control input), wrong first half and wrong second half (NACK 18 at M4 / M6, exit 2),
# fragmentation at 100 both ways. One link, one AP per case.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
sta_case() {  # name expected_rc sta-args...
    local name=$1 want=$2; shift 2
    STA_LOG=$RUN/sta-$name.log
    start_wpslab_sta "$@"
    wait_exit "$STA_PID" 25 || fail "$name: wpslab sta did not finish"
    [ "$RC" = "$want" ] || fail "$name: wpslab sta exit code $RC (expected $want)"
}
ap_restart() {
    [ -n "${AP_PID:-}" ] && { kill "$AP_PID"; wait "$AP_PID" 2>/dev/null; exec 7>&-; rm -f "$RUN/ap.ctl"; }
    ALOG=$RUN/ap-$1.log; shift
    start_wpslab_ap --iface "$IF_A" "$@"
}

ap_restart pin --pin $PIN
sta_case pin 0 --pin $PIN --timeout 10
[ "$(json_field "$STA_LOG" credential ssid)" = "$SSID" ] || fail "pin: SSID differs"
[ "$(json_field "$STA_LOG" credential network_key)" = "$PASSPHRASE" ] || fail "pin: key differs"
[ "$(json_field "$ALOG" success mac)" = "$MAC_B" ] || fail "pin: no success event at the AP"

ap_restart late
STA_LOG=$RUN/sta-late.log
start_wpslab_sta --pin $PIN --timeout 15 --retry-after 1
wait_for "$ALOG" '"event":"pin-needed"' 5 || fail "late: no pin-needed at the AP"
ap_cmd "pin any $PIN"
wait_exit "$STA_PID" 15 || fail "late: wpslab sta did not finish"
[ "$RC" = 0 ] || fail "late: exit code $RC"
grep -q '"event":"m2d"' "$STA_LOG" || fail "late: the station saw no M2D"

ap_restart wrong1 --pin 87654325
sta_case wrong1 2 --pin $PIN --timeout 10
[ "$(json_field "$STA_LOG" failure reason)" = r_hash1_mismatch ] || fail "wrong1: reason"
[ "$(json_field "$ALOG" failure config_error)" = 18 ] || fail "wrong1: AP failure without error 18"

ap_restart wrong2 --pin 12341238
sta_case wrong2 2 --pin $PIN --timeout 10
[ "$(json_field "$STA_LOG" failure reason)" = r_hash2_mismatch ] || fail "wrong2: reason"

ap_restart frag --pin $PIN --fragment-size 100
sta_case frag 0 --pin $PIN --timeout 10 --fragment-size 100
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 07 08 09 0a 0b 0c 0f  04 06 0d 04 05 07 08 09 0a 0b 0c 0f  04 05 07 08 0e  04 05 07 08 09 0a 0e" ||
    fail "message sequence of the cases not in the capture"
[ "$(nack18_count)" -ge 2 ] || fail "expected two WSC_NACKs with error 18"
[ "$(tshark -r "$PCAP" -Y "eap.wps.code == 6 && eth.src == $MAC_A" 2>/dev/null | wc -l)" -ge 3 ] || fail "frag: no FRAG_ACKs from the AP"
[ "$(tshark -r "$PCAP" -Y "eap.wps.code == 6 && eth.src == $MAC_B" 2>/dev/null | wc -l)" -ge 3 ] || fail "frag: no FRAG_ACKs from the STA"
pass
