#!/bin/bash
# The AP's NFC password token, both peers:
#  - hostapd's own token enabled, `wpslab sta --nfc-ap-token HEX` enrolls with it (NFC-PBC facts
#    §4 c2): hostapd puts the token's key in M2, wpslab checks it against the token's hash;
#  - wpslab ap's own token (hostapd_cli wps_nfc_token NDEF + enable) read by wpa_supplicant
#    (wps_nfc_tag_read), which then learns the AP's settings as external Registrar with
#    `wps_reg 01:80:c2:00:00:03 nfc-pw` (§4 c1): wpslab ap's M1 carries the token's ID and key.
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_hostapd ap_setup_locked=0
tok=$(hcli wps_nfc_token NDEF); r=$(hcli wps_nfc_token enable)
[ -z "$r" ] || fail "wps_nfc_token enable: '$r'"
hash=$("$WPSLAB" nfc read "$tok" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["public_key_hash"])')
start_wpslab_sta --nfc-ap-token "$tok" --timeout 20
wait_exit "$STA_PID" 25 || fail "wpslab sta --nfc-ap-token did not finish"
[ "$RC" = 0 ] || fail "enrollment with hostapd's token: exit code $RC"
[ "$(json_field "$STA_LOG" credential ssid)" = "$SSID" ] || fail "credential SSID differs"
stop_capture
pk=$(tshark -r "$PCAP" -Y 'wps.message_type == 0x05' -T fields -e wps.public_key 2>/dev/null | head -1 | tr -d ':')
got=$(echo -n "$pk" | xxd -r -p | sha256sum | cut -c1-40)
[ "${got^^}" = "${hash^^}" ] || fail "hostapd's M2 key hashes to $got, its token says $hash"
# wpslab ap's own token -> wpa_supplicant as external Registrar
for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
sleep 0.5
PCAP=$RUN/er.pcap
start_capture
AP_CONF_LINES=(ap_setup_locked=0)
start_wpslab_ap --iface "$IF_A"
for _ in $(seq 50); do [ -S "$RUN/hostapd/$IF_A" ] && break; sleep 0.1; done
tok=$(hcli wps_nfc_token NDEF); log "wpslab ap's token: $tok"
hash=$("$WPSLAB" nfc read "$tok" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["public_key_hash"])') ||
    fail "wps_nfc_token NDEF did not print a token: $tok"
r=$(hcli wps_nfc_token enable); log "wps_nfc_token enable -> '$r'"
[ -z "$r" ] || fail "wpslab ap: wps_nfc_token enable: '$r'"
start_wpas
r=$(wcli wps_nfc_tag_read "$tok"); log "wpa_cli wps_nfc_tag_read -> $r"
[ "$r" = OK ] || fail "wpa_supplicant refused wpslab ap's token: $r"
r=$(wcli wps_reg $PAE nfc-pw); log "wpa_cli wps_reg $PAE nfc-pw -> $r"
wait_for "$ALOG" '"event":"(failure|success)"' 20 || fail "wpslab ap reported no end of the run"
wait_for "$SLOG" 'WPS-(CRED-RECEIVED|FAIL)' 10 || fail "wpa_supplicant reported nothing"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 07 08 09 0a 0b" || fail "not M1..M7 between wpslab ap and wpa_supplicant"
pk=$(tshark -r "$PCAP" -Y 'wps.message_type == 0x04' -T fields -e wps.public_key 2>/dev/null | head -1 | tr -d ':')
got=$(echo -n "$pk" | xxd -r -p | sha256sum | cut -c1-40)
[ "${got^^}" = "${hash^^}" ] || fail "wpslab ap's M1 key hashes to $got, its token says $hash"
grep -q 'Found matching NFC Password Token' "$SLOG" || fail "wpa_supplicant did not match its token"
pass
