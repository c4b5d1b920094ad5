#!/bin/bash
# The unsolicited events hostapd_cli and other control clients see (ATTACH), from wpslab ap and
# from hostapd 2.10, compared byte for byte for the same run: wpa_supplicant 2.10 starts the PIN
# method before the AP has a PIN (WPS-PIN-NEEDED with its UUID-E, MAC and device data), then
# `hostapd_cli wps_pin any PIN` is entered and the retry succeeds (WPS-REG-SUCCESS, WPS-SUCCESS).
# The events are recorded by a client of the control socket (ctrl_events.py), as received.
. "$(dirname "$0")/lib.sh"
setup_link
HERE=$(dirname "$0")

run_case() {  # name; the AP is running with its control socket
    local name=$1 lp
    python3 "$HERE/ctrl_events.py" "$RUN/hostapd/$IF_A" "$RUN/events-$name.txt" \
        > "$RUN/listener-$name.log" 2>&1 &
    lp=$!; PIDS+=($lp)
    wait_for "$RUN/listener-$name.log" '^attached' 5 || fail "$name: ATTACH failed"
    SLOG=$RUN/wpa_supplicant-$name.log
    start_wpas
    WPAS_PID=${PIDS[-1]}
    log "$name: wpa_cli set EAPOL::startPeriod 2 -> $(wcli set EAPOL::startPeriod 2)"
    log "$name: wpa_cli wps_pin any $PIN -> $(wcli wps_pin any $PIN)"
    wait_for "$RUN/events-$name.txt" 'WPS-PIN-NEEDED' 15 || fail "$name: no WPS-PIN-NEEDED event"
    r=$(hcli wps_pin any $PIN); log "$name: hostapd_cli wps_pin any $PIN -> $r"
    [ "$r" = OK ] || fail "$name: wps_pin: $r"
    wait_for "$SLOG" 'WPS-SUCCESS' 25 || fail "$name: wpa_supplicant reported no WPS-SUCCESS"
    wait_for "$RUN/events-$name.txt" '^<3>WPS-SUCCESS' 5 || fail "$name: no WPS-SUCCESS event"
    sleep 0.3
    kill "$lp"; wait "$lp" 2>/dev/null
    kill "$WPAS_PID"; wait "$WPAS_PID" 2>/dev/null
    for _ in $(seq 50); do [ -S "$RUN/wpas/$IF_B" ] || break; sleep 0.1; done
    grep '^<3>WPS-' "$RUN/events-$name.txt" > "$RUN/wps-events-$name.txt"
    log "$name: $(wc -l < "$RUN/wps-events-$name.txt") WPS events"
}

start_hostapd
HPID=${PIDS[-1]}
run_case hostapd
kill "$HPID"; wait "$HPID" 2>/dev/null
for _ in $(seq 50); do [ -S "$RUN/hostapd/$IF_A" ] || break; sleep 0.1; done

start_wpslab_ap --iface "$IF_A"
for _ in $(seq 50); do [ -S "$RUN/hostapd/$IF_A" ] && break; sleep 0.1; done
[ -S "$RUN/hostapd/$IF_A" ] || fail "wpslab ap made no control socket"
run_case wpslab

grep -q '^<3>WPS-PIN-NEEDED 12345678-9abc-def0-1234-56789abcde01 02:00:00:00:0b:01 \[InteropSTA|' \
    "$RUN/wps-events-hostapd.txt" || fail "hostapd's WPS-PIN-NEEDED is not as expected: $(cat "$RUN/wps-events-hostapd.txt")"
if ! diff -u "$RUN/wps-events-hostapd.txt" "$RUN/wps-events-wpslab.txt" > "$RUN/events.diff"; then
    cat "$RUN/events.diff"; fail "events differ"
fi
log "identical WPS events: $(tr '\n' '|' < "$RUN/wps-events-wpslab.txt")"
pass
