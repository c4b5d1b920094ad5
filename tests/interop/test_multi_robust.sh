#!/bin/bash
# Robustness: one wpslab ap; malformed EAPOL, frames to other MACs, EAP without a session, a
# silent peer, an oversized fragment header (all logged and dropped / timed out with a reason);
# meanwhile three wpslab sta at once (macvlan interfaces on the station side) each get the
# credential, and the AP keeps serving.
. "$(dirname "$0")/lib.sh"
setup_link
for i in 1 2 3; do
    ip -n "$NS_B" link add "wm$i" link "$IF_B" type macvlan mode bridge || fail "cannot create macvlan"
    ip -n "$NS_B" link set "wm$i" address 02:00:00:00:0c:0$i up
done
start_capture
start_wpslab_ap --iface "$IF_A" --pin $PIN
ip netns exec "$NS_B" python3 "$(dirname "$0")/inject.py" "$IF_B" $MAC_A > "$RUN/inject.log" 2>&1 ||
    fail "injector failed: $(cat "$RUN/inject.log")"
STAS=()
for i in 1 2 3; do
    ip netns exec "$NS_B" "$WPSLAB" sta --iface "wm$i" --pin $PIN --json --timeout 20 --retry-after 1 \
        > "$RUN/sta$i.log" 2>&1 &
    STAS+=($!); PIDS+=($!)
done
for i in 1 2 3; do
    wait_exit "${STAS[$((i - 1))]}" 25 || fail "station $i did not finish"
    [ "$RC" = 0 ] || fail "station $i exit code $RC"
    [ "$(json_field "$RUN/sta$i.log" credential ssid)" = "$SSID" ] || fail "station $i: wrong SSID"
    [ "$(json_field "$RUN/sta$i.log" credential cred_mac)" = "02:00:00:00:0c:0$i" ] || fail "station $i: credential MAC is not its own"
done
[ "$(count_event "$ALOG" success)" -ge 3 ] || fail "the AP reported fewer than 3 successes"
grep -q '"reason":"malformed EAPOL: truncated' "$ALOG" || fail "no drop for the truncated EAPOL"
grep -q '"reason":"malformed EAPOL: eapol_bad_version' "$ALOG" || fail "no drop for the bad EAPOL version"
grep -q 'without a session' "$ALOG" || fail "no drop for EAP without a session"
grep -q 'not to us' "$ALOG" || fail "no drop for the frame to another MAC"
grep -q 'after oversized fragment: code 4' "$RUN/inject.log" || fail "oversized fragment not answered with EAP-Failure"
grep '"event":"failure","mac":"02:00:00:00:0e:03"' "$ALOG" | grep -q reason || fail "no failure event for the oversized fragment"
wait_for "$ALOG" '"event":"failure","mac":"02:00:00:00:0e:02".*session_timeout' 10 || fail "silent peer not timed out"
kill -0 "$AP_PID" || fail "wpslab ap died"
pass
