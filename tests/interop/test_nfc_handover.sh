#!/bin/bash
# NFC connection handover (Device Password ID 7, NFC-PBC facts §8) between wpslab and each peer:
#  1. hostapd is the Handover Selector: `wpslab nfc handover-request` makes the station's
#     request, hostapd gives its select (nfc_get_handover_sel NDEF WPS-CR) and takes the request
#     (raw NFC_REPORT_HANDOVER RESP WPS), `wpslab sta --nfc-handover` runs M1 -> M2 (with the
#     Credential) -> WSC_Done: no M3..M8; hostapd's M2 key hashes to its select's hash.
#  2. wpslab ap is the Handover Selector for wpa_supplicant (nfc_get_handover_req,
#     nfc_report_handover INIT): the same abbreviated run, wpa_supplicant receives the
#     credential. The one wired-only adjustment (the sheet's): the select's MAC Address is
#     rewritten to the PAE group address before wpa_supplicant reads it, since its wired driver
#     reports that address as the BSSID; the hash covers only the public key.
. "$(dirname "$0")/lib.sh"
setmac() {  # NDEF select hex, MAC -> the same with its MAC Address attribute replaced
    python3 - "$1" "$2" <<'PY'
import sys
t = bytearray(bytes.fromhex(sys.argv[1]))
i = t.find(bytes.fromhex("10200006"))
assert i > 0
t[i + 4:i + 10] = bytes.fromhex(sys.argv[2].replace(":", ""))
print(t.hex().upper())
PY
}
key_hash() {  # message_type -> first 20 octets of SHA-256 over that message's public key
    tshark -r "$PCAP" -Y "wps.message_type == $1" -T fields -e wps.public_key 2>/dev/null | head -1 |
        tr -d ':' | xxd -r -p | sha256sum | cut -c1-40 | tr a-f A-F
}
setup_link
start_capture
start_hostapd
req=$("$WPSLAB" nfc handover-request --out "$RUN/hr") || fail "wpslab nfc handover-request failed"
sel=$(hcli nfc_get_handover_sel NDEF WPS-CR); log "hostapd's select: $sel"
sel_hash=$("$WPSLAB" nfc read "$sel" --json | python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["kind"]=="handover-select"; print(j["public_key_hash"])') ||
    fail "wpslab nfc read does not read hostapd's select"
r=$(hcli raw NFC_REPORT_HANDOVER RESP WPS "$req" "$sel"); log "hostapd NFC_REPORT_HANDOVER -> $r"
[ "$r" = OK ] || fail "hostapd refused wpslab's handover request: $r"
start_wpslab_sta --nfc-handover "$RUN/hr" --nfc-handover-select "$sel" --timeout 20
wait_exit "$STA_PID" 25 || fail "wpslab sta --nfc-handover did not finish"
[ "$RC" = 0 ] || fail "handover with hostapd: exit code $RC"
[ "$(json_field "$STA_LOG" credential ssid)" = "$SSID" ] || fail "credential SSID differs"
[ "$(json_field "$STA_LOG" credential network_key)" = "$PASSPHRASE" ] || fail "credential key differs"
stop_capture
T=$(msg_types); log "message types: $T"
[ "$T" = "0x04 0x05 0x0f " ] || fail "not M1, M2, WSC_Done: $T"
[ "$(key_hash 0x05)" = "$sel_hash" ] || fail "hostapd's M2 key does not hash to its select's hash"
d=$(tshark -r "$PCAP" -Y 'wps.message_type == 0x04' -T fields -e wps.device_password_id 2>/dev/null)
[ "$d" = 0x0007 ] || fail "M1 Device Password ID $d"

# 2. wpslab ap and wpa_supplicant
for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
sleep 0.5
PCAP=$RUN/ap.pcap
start_capture
start_wpslab_ap --iface "$IF_A"
for _ in $(seq 50); do [ -S "$RUN/hostapd/$IF_A" ] && break; sleep 0.1; done
start_wpas
req=$(wcli nfc_get_handover_req NDEF WPS-CR); log "wpa_supplicant's request: $req"
sel=$(hcli nfc_get_handover_sel NDEF WPS-CR); log "wpslab ap's select: $sel"
sel_hash=$("$WPSLAB" nfc read "$sel" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["public_key_hash"])') ||
    fail "wpslab ap's select does not read back"
ap_hcli raw NFC_REPORT_HANDOVER RESP WPS "$req" "$sel"
sel2=$(setmac "$sel" $PAE)
r=$(wcli nfc_report_handover INIT WPS "$req" "$sel2"); log "wpa_cli nfc_report_handover INIT -> $r"
[ "$r" = OK ] || fail "wpa_supplicant refused wpslab ap's select: $r"
wait_for "$SLOG" 'WPS-CRED-RECEIVED|WPS-SUCCESS' 20 || fail "wpa_supplicant received no credential"
wpas_cred || fail "no WPS-CRED-RECEIVED at wpa_supplicant"
[ "$CRED_SSID" = "$SSID" ] && [ "$CRED_KEY" = "$PASSPHRASE" ] || fail "credential differs from the AP config"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 0f" || fail "not M1, M2, WSC_Done: $T"
case "$T" in *0x07*) fail "M3 in a handover: $T" ;; esac
[ "$(key_hash 0x05)" = "$sel_hash" ] || fail "wpslab ap's M2 key does not hash to its select's hash"
pass
