#!/bin/bash
# NFC password token, the station's, with wpslab as the AP (NFC-PBC facts §3.6, §7 a):
# wpa_supplicant 2.10 makes its token (wps_nfc_token NDEF), wpslab ap reads it through
# `hostapd_cli wps_nfc_tag_read`, `wpa_cli wps_nfc` enrolls: M1..M8 with the token's ID and key.
# Then a token whose public key hash was corrupted, read on wpslab ap's stdin: M2D with
# configuration error 20, no M3 (wpa_supplicant reports WPS-M2D config_error=20).
. "$(dirname "$0")/lib.sh"
setup_link
start_capture
start_wpslab_ap --iface "$IF_A"
for _ in $(seq 50); do [ -S "$RUN/hostapd/$IF_A" ] && break; sleep 0.1; done
start_wpas
tok=$(wcli wps_nfc_token NDEF); log "wpa_supplicant's token: $tok"
dpid=$("$WPSLAB" nfc read "$tok" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["device_password_id"])') ||
    fail "wpslab nfc read cannot read wpa_supplicant's token"
ap_hcli wps_nfc_tag_read "$tok"
wait_for "$ALOG" '"event":"nfc-tag-read"' 5 || fail "wpslab ap reported no nfc-tag-read"
log "wpa_cli wps_nfc -> $(wcli wps_nfc)"
wait_for "$SLOG" 'WPS-SUCCESS' 20 || fail "wpa_supplicant reported no WPS-SUCCESS"
wpas_cred || fail "no WPS-CRED-RECEIVED at wpa_supplicant"
[ "$CRED_SSID" = "$SSID" ] && [ "$CRED_KEY" = "$PASSPHRASE" ] || fail "credential differs from the AP config"
stop_capture
T=$(msg_types); log "message types: $T"
has_seq "$T" "04 05 07 08 09 0a 0b 0c 0f" || fail "not M1..M8, WSC_Done"
ids=$(tshark -r "$PCAP" -Y 'wps.message_type == 0x04 || wps.message_type == 0x05' -T fields \
      -e wps.device_password_id 2>/dev/null | sort -u | tr -d '\n')
[ "$((ids))" = "$dpid" ] || fail "M1/M2 Device Password ID $ids, token's $dpid"

# A second token with a corrupted hash, given on stdin: refused with M2D error 20.
wcli wps_cancel >/dev/null
sleep 1
PCAP=$RUN/bad.pcap
start_capture
tok2=$(wcli wps_nfc_token NDEF)
bad=$(python3 - "$tok2" <<'PY'
import sys
t = bytearray(bytes.fromhex(sys.argv[1]))
i = t.find(bytes.fromhex("102C"))
t[i + 4 + 19] ^= 0x01
print(t.hex().upper())
PY
)
n_read=$(count_event "$ALOG" nfc-tag-read)
ap_cmd wps_nfc_tag_read "$bad"
for _ in $(seq 50); do [ "$(count_event "$ALOG" nfc-tag-read)" -gt "$n_read" ] && break; sleep 0.1; done
[ "$(count_event "$ALOG" nfc-tag-read)" -gt "$n_read" ] || fail "wpslab ap did not take the token on stdin"
log "wpa_cli wps_nfc -> $(wcli wps_nfc)"
wait_for "$SLOG" 'WPS-M2D.*config_error=20' 20 || fail "wpa_supplicant reported no M2D with config_error=20"
stop_capture
n=$(tshark -r "$PCAP" -Y 'wps.message_type == 0x06 && wps.configuration_error == 20' 2>/dev/null | wc -l)
[ "$n" -ge 1 ] || fail "no M2D with configuration error 20 in the capture"
m3=$(tshark -r "$PCAP" -Y 'wps.message_type == 0x07' 2>/dev/null | wc -l)
[ "$m3" = 0 ] || fail "M3 was sent after a refused key"
pass
