#!/bin/bash
# Interop benchmark over a veth pair in private namespaces (root): EAPOL-Start -> EAP-Failure on
# the wire (pcap timestamps) over N exchanges (default 20) for
#   hostapd <-> wpa_supplicant, wpslab ap <-> wpa_supplicant, hostapd <-> wpslab sta,
#   wpslab ap <-> wpslab sta,
# and, for wpslab sta, PIN entered (process start) -> credential (its own elapsed_s).
# Prints medians and the ratio to hostapd <-> wpa_supplicant.
# hostapd ignores EAPOL-Start from a MAC for 5 s after its EAP-Failure, so the station MAC
# changes every exchange. Usage: bench/interop.sh /path/to/wpslab [N]
set -u
WPSLAB=$(readlink -f "${1:?usage: $0 /path/to/wpslab [N]}")
N=${2:-20}
TEST_NAME=bench-interop
set -- "$WPSLAB"
. "$(dirname "$0")/../tests/interop/lib.sh"
setup_link

new_sta_mac() { ip -n "$NS_B" link set "$IF_B" down; ip -n "$NS_B" link set "$IF_B" address "$(printf '02:00:00:00:%02x:%02x' $((($1 >> 8) & 255)) $(($1 & 255)))"; ip -n "$NS_B" link set "$IF_B" up; }
durations() {  # pcap -> one ms value per Start..Failure exchange
    tshark -r "$1" -T fields -e frame.time_epoch -e eapol.type -e eap.code 2>/dev/null | python3 -c '
import sys
start = None
for line in sys.stdin:
    p = line.rstrip("\n").split("\t")
    t = float(p[0]); ty = p[1]; code = p[2] if len(p) > 2 else ""
    if ty == "1": start = t
    elif code == "4" and start is not None:
        print("%.3f" % ((t - start) * 1000)); start = None'
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

run_pair() {  # name ap(hostapd|wpslab) sta(wpas|wpslab)
    local name=$1 ap=$2 sta=$3 i k=0
    PCAP=$RUN/$name.pcap; start_capture
    if [ "$ap" = hostapd ]; then start_hostapd; else ALOG=$RUN/ap-$name.log; start_wpslab_ap --iface "$IF_A" --pin $PIN; fi
    local app=${PIDS[-1]}
    for ((i = 1; i <= N; i++)); do
        k=$((k + 1)); new_sta_mac $((RANDOM * 4 + i))
        [ "$ap" = hostapd ] && hcli wps_pin any $PIN > /dev/null
        if [ "$sta" = wpas ]; then
            SLOG=$RUN/wpas-$name-$i.log; start_wpas; wcli wps_pin any $PIN > /dev/null
            wait_for "$SLOG" 'WPS-SUCCESS' 10 || log "$name: exchange $i: no WPS-SUCCESS"
            kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null
        else
            STA_LOG=$RUN/sta-$name-$i.log; start_wpslab_sta --pin $PIN --timeout 10
            wait_exit "$STA_PID" 12; json_field "$STA_LOG" credential elapsed_s >> "$RUN/pin2cred-$name.txt"
        fi
    done
    kill "$app"; wait "$app" 2>/dev/null
    [ "$ap" = wpslab ] && { exec 7>&-; rm -f "$RUN/ap.ctl"; }
    stop_capture
    durations "$PCAP" > "$RUN/$name.ms"
    echo "$name $(wc -l < "$RUN/$name.ms") $(median < "$RUN/$name.ms")" >> "$RUN/summary"
}
run_pair hostapd-wpas hostapd wpas
run_pair wpslab-wpas wpslab wpas
run_pair hostapd-wpslab hostapd wpslab
run_pair wpslab-wpslab wpslab wpslab
base=$(awk '$1 == "hostapd-wpas" {print $3}' "$RUN/summary")
printf '%-16s %6s %12s %10s\n' pair exch "median ms" ratio
while read -r name n med; do
    printf '%-16s %6s %12s %10s\n' "$name" "$n" "$med" "$(echo "scale=2; $med / $base" | bc 2>/dev/null)"
done < "$RUN/summary"
for f in "$RUN"/pin2cred-*.txt; do
    printf 'wpslab sta PIN->credential (%s): median %s s over %s runs\n' "$(basename "$f" .txt | sed 's/pin2cred-//')" "$(median < "$f")" "$(wc -l < "$f")"
done
