#!/bin/bash
# Debian's hostapd_cli (unmodified) gets the same replies from wpslab ap as from hostapd 2.10:
# the same hostapd.conf, the same interface, the same commands, one daemon after the other;
# every reply is compared byte for byte (STATUS included).
. "$(dirname "$0")/lib.sh"
setup_link
CMDS=("ping" "status" "wps_pin any 12345670" "wps_pin any 12345670 300"
      "wps_pin 12345678-9abc-def0-1234-56789abcdef1 12345670" "wps_pin any 1234"
      "raw WPS_PIN any" "raw WPS_PIN bad 12345670" "raw WPS_PIN"
      "wps_check_pin 12345670" "wps_check_pin 12345671" "wps_check_pin 1234-5670"
      "wps_check_pin 1234" "wps_check_pin abc" "wps_check_pin 1234567"
      "wps_get_status" "wps_pbc" "wps_get_status" "wps_cancel" "wps_get_status" "wps_cancel"
      "wps_ap_pin get" "wps_ap_pin set 12345670" "wps_ap_pin get" "wps_ap_pin disable"
      "wps_ap_pin get" "raw WPS_AP_PIN foo" "raw WPS_AP_PIN" "get_config"
      "raw FOO" "raw PING foo" "raw STATUS foo" "raw WPS_PBC foo" "raw DETACH" "raw LEVEL 1")
ask_all() {  # out-file
    local c
    for c in "${CMDS[@]}"; do
        printf '== %s\n' "$c"
        # shellcheck disable=SC2086
        hcli $c; printf '\n'
    done > "$1" 2>&1
}
start_hostapd
ask_all "$RUN/hostapd.replies"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null
for _ in $(seq 50); do [ -S "$RUN/hostapd/$IF_A" ] || break; sleep 0.1; done
start_wpslab_ap --iface "$IF_A"
for _ in $(seq 50); do [ -S "$RUN/hostapd/$IF_A" ] && break; sleep 0.1; done
[ -S "$RUN/hostapd/$IF_A" ] || fail "wpslab ap made no control socket"
ask_all "$RUN/wpslab.replies"
n=$(grep -c '^== ' "$RUN/hostapd.replies")
[ "$n" -eq ${#CMDS[@]} ] || fail "hostapd answered $n of ${#CMDS[@]} commands"
grep -q '^PONG' "$RUN/hostapd.replies" || fail "hostapd did not answer PING"
if ! diff -u "$RUN/hostapd.replies" "$RUN/wpslab.replies" > "$RUN/replies.diff"; then
    cat "$RUN/replies.diff"; fail "replies differ"
fi
log "$n commands, identical replies"
pass
