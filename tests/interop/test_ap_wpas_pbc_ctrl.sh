#!/bin/bash
# wpslab ap driven by Debian's hostapd_cli over its control interface (ctrl_interface= of the
# hostapd.conf): `hostapd_cli wps_pbc` <-> wpa_supplicant 2.10 `wps_pbc` (push button on both
# sides). Checks: M1 and M2 carry Device Password ID 4, M1..M8 + WSC_Done, the credential, the
# events an ATTACHed `hostapd_cli -a` receives (WPS-PBC-ACTIVE, WPS-REG-SUCCESS, WPS-PBC-DISABLE,
# WPS-SUCCESS, in that order, as hostapd sends them) and WPS_GET_STATUS before and after.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_wpslab_ap --iface "$IF_A"
for _ in $(seq 50); do [ -S "$RUN/hostapd/$IF_A" ] && break; sleep 0.1; done
[ -S "$RUN/hostapd/$IF_A" ] || fail "no control socket $RUN/hostapd/$IF_A"
cat > "$RUN/action.sh" <<SH
#!/bin/sh
shift; echo "\$*" >> "$RUN/events.txt"
SH
chmod +x "$RUN/action.sh"
ip netns exec "$NS_A" hostapd_cli -p "$RUN/hostapd" -i "$IF_A" -a "$RUN/action.sh" > "$RUN/hcli-a.log" 2>&1 &
PIDS+=($!)
sleep 0.5
[ "$(hcli wps_get_status)" = "$(printf 'PBC Status: Disabled\nLast WPS result: None')" ] || fail "status before: $(hcli wps_get_status)"
r=$(hcli wps_pbc); log "hostapd_cli wps_pbc -> $r"; [ "$r" = OK ] || fail "wps_pbc: $r"
[ "$(hcli wps_get_status | head -1)" = "PBC Status: Active" ] || fail "PBC not active"
start_wpas
log "wpa_cli wps_pbc -> $(wcli wps_pbc)"
wait_for "$SLOG" 'WPS-SUCCESS' 15 || fail "wpa_supplicant reported no WPS-SUCCESS"
wait_for "$RUN/events.txt" 'WPS-SUCCESS' 5 || fail "no WPS-SUCCESS event at hostapd_cli -a"
st=$(hcli wps_get_status)
[ "$st" = "$(printf 'PBC Status: Disabled\nLast WPS result: Success\nPeer Address: %s' $MAC_B)" ] || fail "status after: $st"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 07 08 09 0a 0b 0c 0f" || fail "M1..M8, WSC_Done not all in the capture"
for m in 0x04 0x05; do
  d=$(tshark -r "$PCAP" -Y "wps.message_type == $m" -T fields -e wps.device_password_id 2>/dev/null)
  [ "$d" = 0x0004 ] || fail "message $m carries DPID '$d', want 0x0004"
done
wpas_cred || fail "no WPS-CRED-RECEIVED at wpa_supplicant"
[ "$CRED_SSID" = "$SSID" ] && [ "$CRED_KEY" = "$PASSPHRASE" ] || fail "credential differs from the AP config"
ev=$(grep -oE '^WPS-[A-Z-]+' "$RUN/events.txt" | tr '\n' ' ')
log "events: $ev"
[ "$ev" = "WPS-PBC-ACTIVE WPS-REG-SUCCESS WPS-PBC-DISABLE WPS-SUCCESS " ] || fail "events '$ev'"
grep -q "^WPS-REG-SUCCESS $MAC_B 12345678-9abc-def0-1234-56789abcde01$" "$RUN/events.txt" || fail "WPS-REG-SUCCESS line: $(grep REG "$RUN/events.txt")"
pass
