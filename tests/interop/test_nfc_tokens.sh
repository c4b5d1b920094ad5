#!/bin/bash
# NFC tokens between wpslab and the daemons (hostapd 2.10, wpa_supplicant 2.10), both ways:
#  - hostapd's wps_nfc_tag_read takes wpslab's password token, as NDEF and as bare WSC attributes;
#  - wpa_supplicant's wps_nfc_tag_read takes wpslab's configuration token and adds the network;
#  - wpslab nfc read decodes the tokens hostapd (password, configuration) and wpa_supplicant
#    (password) make, with the values they were configured with;
#  - wpslab sta --nfc-config takes hostapd's configuration token (no EAP) and writes the network.
. "$(dirname "$0")/lib.sh"
setup_link
start_hostapd
start_wpas

# wpslab's password token -> hostapd
tok=$("$WPSLAB" nfc token --out "$RUN/tk") || fail "wpslab nfc token failed"
[ "$(stat -c %a "$RUN/tk.key")" = 600 ] || fail "tk.key is not mode 0600"
r=$(hcli wps_nfc_tag_read "$tok"); log "hostapd wps_nfc_tag_read NDEF -> $r"
[ "$r" = OK ] || fail "hostapd refused wpslab's password token (NDEF): $r"
attrs=$("$WPSLAB" nfc read "$tok" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["attributes"])')
r=$(hcli wps_nfc_tag_read "$attrs"); log "hostapd wps_nfc_tag_read WPS -> $r"
[ "$r" = OK ] || fail "hostapd refused wpslab's password token (WSC attributes): $r"
# hostapd takes password tokens only (NFC-PBC-FACTS §5): a configuration token is refused.
cfg=$("$WPSLAB" nfc config-token --ssid "$SSID" --passphrase "$PASSPHRASE" --ap-mac "$MAC_A")
r=$(hcli wps_nfc_tag_read "$cfg"); log "hostapd wps_nfc_tag_read config token -> $r"
[ "$r" = FAIL ] || fail "hostapd took a configuration token: $r"

# wpslab's configuration token -> wpa_supplicant: the network is added, no EAP
r=$(wcli wps_nfc_tag_read "$cfg"); log "wpa_supplicant wps_nfc_tag_read -> $r"
[ "$r" = OK ] || fail "wpa_supplicant refused wpslab's configuration token: $r"
for _ in $(seq 30); do wcli list_networks | grep -q "$SSID" && break; sleep 0.1; done
wcli list_networks | grep -q "$SSID" || fail "wpa_supplicant added no network for $SSID"
wait_for "$SLOG" 'WPS-CRED-RECEIVED' 5 || fail "wpa_supplicant reported no WPS-CRED-RECEIVED"

# The daemons' tokens -> wpslab nfc read
read_json() { "$WPSLAB" nfc read "$1" --json > "$RUN/read.json" || fail "wpslab nfc read: exit $? on $1"; }
read_json "$(hcli wps_nfc_config_token NDEF)"
python3 - "$RUN/read.json" "$SSID" "$PASSPHRASE" <<'PY' || fail "hostapd's config token read wrong: $(cat "$RUN/read.json")"
import json, sys
j = json.load(open(sys.argv[1]))
c = j["credentials"][0]
assert j["kind"] == "configuration" and j["form"] == "ndef", j
assert c["ssid"] == sys.argv[2] and c["network_key"] == sys.argv[3], c
assert c["auth_type"] == 0x20 and c["encr_type"] == 0x08 and j["version2"] == 0x20, j
PY
# hostapd's configuration token -> wpslab sta --nfc-config: the network, no EAP, no interface
"$WPSLAB" sta --nfc-config "$(hcli wps_nfc_config_token NDEF)" --json --write-config "$RUN/net.conf" \
    > "$RUN/cfg.log" || fail "wpslab sta --nfc-config: exit $?: $(cat "$RUN/cfg.log")"
[ "$(json_field "$RUN/cfg.log" credential ssid)" = "$SSID" ] || fail "--nfc-config: SSID $(cat "$RUN/cfg.log")"
[ "$(json_field "$RUN/cfg.log" credential ap_mac)" = "$MAC_A" ] || fail "--nfc-config: AP MAC $(cat "$RUN/cfg.log")"
grep -q "ssid=\"$SSID\"" "$RUN/net.conf" && grep -q "psk=\"$PASSPHRASE\"" "$RUN/net.conf" ||
    fail "--write-config: $(cat "$RUN/net.conf")"
# ... and the password token is not a configuration token
"$WPSLAB" sta --nfc-config "$(hcli wps_nfc_token NDEF)" > "$RUN/cfg2.log" 2>&1 && fail "--nfc-config took a password token"
grep -q 'not a configuration token' "$RUN/cfg2.log" || fail "--nfc-config error: $(cat "$RUN/cfg2.log")"
for who in hostapd wpa_supplicant; do
  if [ "$who" = hostapd ]; then t=$(hcli wps_nfc_token NDEF); else t=$(wcli wps_nfc_token NDEF); fi
  read_json "$t"
  python3 - "$RUN/read.json" <<'PY' || fail "$who's password token read wrong: $(cat "$RUN/read.json")"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["kind"] == "password" and j["password_octets"] == 32, j
assert 0x10 <= j["device_password_id"] <= 0xFFFF and len(j["public_key_hash"]) == 40, j
PY
  log "$who's password token: $(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(hex(j["device_password_id"]), j["public_key_hash"])' "$RUN/read.json")"
done
pass
