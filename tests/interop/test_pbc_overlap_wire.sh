#!/bin/bash
# PBC session overlap on a wired segment, against hostapd 2.10 and against wpslab ap (both driven
# by `hostapd_cli wps_pbc`). Two `wpslab sta --pbc` with different UUIDs and MACs share the
# station end of the veth (B on the veth itself, C on a macvlan on top of it). The overlap is
# made deterministic: B presses first; once B has received M2 (the AP accepted its M1 and counts
# its PBC session) the test stops B (SIGSTOP), starts C, waits until the AP has answered C's M1,
# then lets B go on (SIGCONT). The AP's egress is shaped to 2 kbit/s with a 500-octet burst (tbf),
# so that B cannot finish its run in the few milliseconds between its M2 and the stop.
# Expected of both APs: B's M1 accepted (M2 with DPID 4); C's M1 -> M2D configuration error 12
# and no credential for C; WPS-OVERLAP-DETECTED; every M3/M5/M7 of B's run that reaches the AP
# after C's M1 -> WSC_NACK configuration error 12 and no M8. B may have sent M3 before the stop
# (answered with M4 then); the check follows the order in the capture and prints what it saw.
. "$(dirname "$0")/lib.sh"
command -v tc >/dev/null || fail "missing tool 'tc'"
setup_link
UUID_B=12345678-9abc-def0-1234-56789abcdeb1
UUID_C=12345678-9abc-def0-1234-56789abcdec1
MAC_C=02:00:00:00:0c:01
IF_C=wlc$ID
ip -n "$NS_B" link add link "$IF_B" name "$IF_C" type macvlan mode bridge || fail "cannot create macvlan"
ip -n "$NS_B" link set "$IF_C" address $MAC_C
ip -n "$NS_B" link set "$IF_C" up
tc -n "$NS_A" qdisc add dev "$IF_A" root tbf rate 2kbit burst 500 latency 30s || fail "cannot shape $IF_A"

run_against() {  # name; the AP is running and answers hcli
    local name=$1 pb pc
    r=$(hcli wps_pbc); log "$name: hostapd_cli wps_pbc -> $r"; [ "$r" = OK ] || fail "$name: wps_pbc: $r"
    ip netns exec "$NS_B" "$WPSLAB" sta --iface "$IF_B" --pbc --uuid $UUID_B --timeout 30 --json \
        --verbose > "$RUN/sta-b-$name.log" 2>&1 &
    pb=$!; PIDS+=($pb)
    wait_for "$RUN/sta-b-$name.log" '"kind":"rx","from":"M2"' 15 || fail "$name: station B got no M2"
    kill -STOP "$pb"
    ip netns exec "$NS_B" "$WPSLAB" sta --iface "$IF_C" --pbc --uuid $UUID_C --timeout 30 --json \
        > "$RUN/sta-c-$name.log" 2>&1 &
    pc=$!; PIDS+=($pc)
    wait_for "$RUN/sta-c-$name.log" '"event":"(m2d|failure|credential)"' 15
    kill -CONT "$pb"
    wait_exit "$pb" 35 || fail "$name: station B did not finish"
    RC_B=$RC
    wait_exit "$pc" 35 || fail "$name: station C did not finish"
    RC_C=$RC
    [ "$RC_B" != 0 ] || fail "$name: station B got a credential despite the overlap"
    [ "$RC_C" != 0 ] || fail "$name: station C got a credential despite the overlap"
    st=$(hcli wps_get_status | head -2 | tr '\n' ' ')
    [ "${st%% Last*}" = "PBC Status: Overlap" ] || [ "${st%% Last*}" = "PBC Status: Disabled" ] ||
        fail "$name: status '$st'"
}

check_pcap() {  # name
    local name=$1 first late
    first=$(tshark -r "$PCAP" -Y "wps.message_type == 0x05 && wps.device_password_id == 0x0004" -T fields -e eth.dst 2>/dev/null | sort -u)
    [ "$first" = $MAC_B ] || fail "$name: M2 (DPID 4) went to '$first', want station B only"
    late=$MAC_C
    log "$name: first enrollee $first, late enrollee $late"
    n=$(tshark -r "$PCAP" -Y "wps.message_type == 0x06 && wps.configuration_error == 12 && eth.dst == $late" 2>/dev/null | wc -l)
    [ "$n" -ge 1 ] || fail "$name: no M2D with configuration error 12 to $late"
    # The run already under way: each of its M3/M5/M7 that reached the AP after the late M1 is
    # answered with WSC_NACK error 12 (and then no M8 goes out); at least one did (B was stopped).
    tshark -r "$PCAP" -Y wps.message_type -T fields -E separator=, -e eth.src -e eth.dst \
        -e wps.message_type -e wps.configuration_error 2>/dev/null > "$RUN/order-$name.txt"
    python3 - "$RUN/order-$name.txt" "$first" "$late" <<'PY' || fail "$name: order check: $(tr '\n' ' ' < "$RUN/order-$name.txt")"
import sys
rows = [l.rstrip("\n").split(",") for l in open(sys.argv[1])]
first, late = sys.argv[2], sys.argv[3]
seen_late_m1 = False
pending = False  # a message of the first run after the late M1, awaiting the AP's answer
refused = False
to_first = set()  # message types the AP already sent to the first enrollee
for src, dst, mt, ce in rows:
    mt = int(mt, 0)
    if dst == first and mt in to_first and mt != 0x0e:
        continue  # a retransmission (the capture shows it when the shaped queue releases it)
    if dst == first:
        to_first.add(mt)
    if src == late and mt == 0x04:
        seen_late_m1 = True
    elif src == first and mt in (0x07, 0x09, 0x0b) and seen_late_m1 and not refused:
        pending = True
    elif dst == first and pending:
        assert mt == 0x0e and int(ce, 0) == 12, ("answer after the late M1", mt, ce)
        refused = True
        pending = False
    elif dst == first and refused:
        assert mt != 0x0c, "M8 after the refusal"
assert seen_late_m1
assert refused, "the first run was not refused after the late M1"
print("first run: refused with WSC_NACK error 12")
PY
}

# --- hostapd -------------------------------------------------------------------------------
start_capture
start_hostapd
HPID=${PIDS[-1]}
run_against hostapd
stop_capture
check_pcap hostapd
grep -q 'WPS-OVERLAP-DETECTED' "$HLOG" || fail "hostapd: no WPS-OVERLAP-DETECTED"
kill "$HPID"; wait "$HPID" 2>/dev/null
for _ in $(seq 50); do [ -S "$RUN/hostapd/$IF_A" ] || break; sleep 0.1; done
log "hostapd: M2D error 12 to the late enrollee"

# --- wpslab ap -----------------------------------------------------------------------------
sleep 1
PCAP=$RUN/wps-wpslab.pcap
start_capture
start_wpslab_ap --iface "$IF_A"
for _ in $(seq 50); do [ -S "$RUN/hostapd/$IF_A" ] && break; sleep 0.1; done
run_against wpslab
stop_capture
check_pcap wpslab
grep -q '"event":"overlap-detected"' "$ALOG" || fail "wpslab ap: no overlap-detected note"
grep -q '"reason":"pbc_overlap"' "$ALOG" || fail "wpslab ap: no run failed with pbc_overlap"
log "wpslab ap: M2D error 12 to the late enrollee"
pass
