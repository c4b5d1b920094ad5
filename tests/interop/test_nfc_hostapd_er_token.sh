#!/bin/bash
# The AP's NFC password token with wpslab as the external Registrar (NFC-PBC facts §4 c1):
# hostapd makes its token (wps_nfc_token NDEF) and enables it; `wpslab sta --registrar
# --nfc-ap-token HEX` checks hostapd's M1 key against the token's hash and proves the token's
# password: learns the AP's settings (M7, then WSC_NACK), then configures it (M8, WSC_Done,
# WPS-NEW-AP-SETTINGS). A token with a corrupted hash: M2D with configuration error 20.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_hostapd ap_setup_locked=0
tok=$(hcli wps_nfc_token NDEF); log "hostapd's token: $tok"
r=$(hcli wps_nfc_token enable); log "hostapd_cli wps_nfc_token enable -> '$r'"
[ -z "$r" ] || fail "wps_nfc_token enable: '$r'"
dpid=$("$WPSLAB" nfc read "$tok" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["device_password_id"])')
# 1. learn
start_wpslab_sta --registrar --nfc-ap-token "$tok" --timeout 20
wait_exit "$STA_PID" 25 || fail "wpslab sta --registrar --nfc-ap-token did not finish"
[ "$RC" = 0 ] || fail "learn: exit code $RC"
[ "$(json_field "$STA_LOG" credential ssid)" = "$SSID" ] || fail "learned SSID differs from hostapd's"
[ "$(json_field "$STA_LOG" credential network_key)" = "$PASSPHRASE" ] || fail "learned key differs"
# 2. configure (hostapd ignores an EAPOL-Start for 5 s after its EAP-Failure)
sleep 5.5
STA_LOG=$RUN/sta2.log
start_wpslab_sta --registrar --nfc-ap-token "$tok" --new-ssid wpslab-nfc-net \
    --new-passphrase nfc-passphrase-5678 --timeout 20
wait_exit "$STA_PID" 25 || fail "wpslab sta --registrar --nfc-ap-token (configure) did not finish"
[ "$RC" = 0 ] || fail "configure: exit code $RC"
wait_for "$HLOG" 'WPS-NEW-AP-SETTINGS' 5 || fail "hostapd reported no WPS-NEW-AP-SETTINGS"
grep -q '^ssid=wpslab-nfc-net$' "$RUN/hostapd.conf" || fail "hostapd did not store the new SSID"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 07 08 09 0a 0b 0e 04 05 07 08 09 0a 0b 0c 0f 0d" || fail "unexpected message sequence"
ids=$(tshark -r "$PCAP" -Y 'wps.message_type == 0x04 || wps.message_type == 0x05' -T fields \
      -e wps.device_password_id 2>/dev/null | sort -u | tr -d '\n')
[ "$((ids))" = "$dpid" ] || fail "M1/M2 Device Password ID $ids, token's $dpid"
# 3. the token with a corrupted hash: wpslab refuses hostapd's M1 key with M2D error 20
sleep 5.5
PCAP=$RUN/bad.pcap
start_capture
bad=$(python3 - "$tok" <<'PY'
import sys
t = bytearray(bytes.fromhex(sys.argv[1]))
i = t.find(bytes.fromhex("102C"))
t[i + 4 + 19] ^= 0x01
print(t.hex().upper())
PY
)
STA_LOG=$RUN/sta3.log
start_wpslab_sta --registrar --nfc-ap-token "$bad" --timeout 20
wait_exit "$STA_PID" 25 || fail "wpslab sta (corrupted hash) did not finish"
[ "$RC" = 2 ] || fail "corrupted hash: exit code $RC, want 2"
grep -q 'configuration error 20' "$STA_LOG" || fail "wpslab sta did not name error 20: $(tail -2 "$STA_LOG")"
stop_capture
n=$(tshark -r "$PCAP" -Y 'wps.message_type == 0x06 && wps.configuration_error == 20' 2>/dev/null | wc -l)
[ "$n" -ge 1 ] || fail "no M2D with configuration error 20 in the capture"
pass
