#!/bin/bash
# NFC password token, the station's (NFC-PBC facts §3.6): `wpslab nfc token` makes the tag,
# hostapd reads it (wps_nfc_tag_read) and `wpslab sta --nfc-token` enrolls with it: M1 and M2
# carry the token's Device Password ID, M1 the token's key (its hash is the tag's), M1..M8.
# Then a tag whose public key hash was corrupted: hostapd answers M1 with M2D, configuration
# error 20, and wpslab sta ends naming it (exit 2, no credential).
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_hostapd
tok=$("$WPSLAB" nfc token --out "$RUN/tk") || fail "wpslab nfc token failed"
dpid=$("$WPSLAB" nfc read "$tok" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["device_password_id"])')
hash=$("$WPSLAB" nfc read "$tok" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["public_key_hash"])')
r=$(hcli wps_nfc_tag_read "$tok"); log "hostapd wps_nfc_tag_read -> $r"
[ "$r" = OK ] || fail "hostapd refused the token: $r"
start_wpslab_sta --nfc-token "$RUN/tk" --timeout 20
wait_exit "$STA_PID" 25 || fail "wpslab sta --nfc-token did not finish"
[ "$RC" = 0 ] || fail "enrollment with the token: exit code $RC"
[ "$(json_field "$STA_LOG" credential ssid)" = "$SSID" ] || fail "credential SSID differs"
[ "$(json_field "$STA_LOG" credential network_key)" = "$PASSPHRASE" ] || fail "credential key differs"
wait_for "$HLOG" 'WPS-REG-SUCCESS' 5 || fail "hostapd reported no WPS-REG-SUCCESS"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 07 08 09 0a 0b 0c 0f" || fail "not M1..M8, WSC_Done"
ids=$(tshark -r "$PCAP" -Y 'wps.message_type == 0x04 || wps.message_type == 0x05' -T fields \
      -e wps.device_password_id 2>/dev/null | sort -u | tr -d '\n')
[ "$((ids))" = "$dpid" ] || fail "M1/M2 Device Password ID $ids, token's $dpid"
pk=$(tshark -r "$PCAP" -Y 'wps.message_type == 0x04' -T fields -e wps.public_key 2>/dev/null | head -1 | tr -d ':')
got=$(echo -n "$pk" | xxd -r -p | sha256sum | cut -c1-40)
[ "${got^^}" = "${hash^^}" ] || fail "M1's public key hashes to $got, the token says $hash"
log "M1/M2 carry ID $dpid; M1's key hashes to the token's $hash"

# The same owner key, a corrupted hash on the tag: M2D error 20.
sleep 5.5  # hostapd ignores a new EAPOL-Start for 5 s after its EAP-Failure
PCAP=$RUN/bad.pcap
start_capture
tok2=$("$WPSLAB" nfc token --out "$RUN/tk2") || fail "wpslab nfc token failed"
bad=$(python3 - "$tok2" <<'PY'
import sys
t = bytearray(bytes.fromhex(sys.argv[1]))
i = t.find(bytes.fromhex("102C"))
t[i + 4 + 19] ^= 0x01  # the last octet of the public key hash
print(t.hex().upper())
PY
)
r=$(hcli wps_nfc_tag_read "$bad"); log "hostapd wps_nfc_tag_read (corrupted hash) -> $r"
[ "$r" = OK ] || fail "hostapd refused the corrupted token: $r"
STA_LOG=$RUN/sta2.log
start_wpslab_sta --nfc-token "$RUN/tk2" --timeout 20
wait_exit "$STA_PID" 25 || fail "wpslab sta (corrupted hash) did not finish"
[ "$RC" = 2 ] || fail "corrupted hash: exit code $RC, want 2"
grep -q 'configuration error 20' "$STA_LOG" || fail "wpslab sta did not name error 20: $(tail -3 "$STA_LOG")"
[ -z "$(json_field "$STA_LOG" credential ssid)" ] || fail "a credential was installed"
stop_capture
n=$(tshark -r "$PCAP" -Y 'wps.message_type == 0x06 && wps.configuration_error == 20' 2>/dev/null | wc -l)
[ "$n" -ge 1 ] || fail "no M2D with configuration error 20 in the capture"
m3=$(tshark -r "$PCAP" -Y 'wps.message_type == 0x07' 2>/dev/null | wc -l)
[ "$m3" = 0 ] || fail "M3 was sent after a refused key"
pass
