#!/usr/bin/env bash
# The NFC scenarios of `wpslab run`, checked by Wireshark's dissectors and by `wpslab analyze`:
#  - nfc-password-token: M1..M8 then round 2; M1 and M2 carry the token's Device Password ID and
#    M1's public key hashes to the token's hash (the station owns the token);
#  - nfc-ap-token: M2's public key hashes to the token's hash (the AP owns it);
#  - nfc-config-token: connected with no EAP frame at all, the credential from the token;
#  - nfc-wrong-key: M2D with configuration error 20, no M3, exit 2, no credential;
#  - nfc-handover: M1 (ID 7, the request's key), M2 with the Credential, WSC_Done, round 2;
#  - the analyzer names the method and the ID blind, and with --nfc-token says whose key the
#    token's hash names; every sniffer log free of malformed frames; same seed, same bytes.
set -euo pipefail
WPSLAB=$(readlink -f "$1")
command -v tshark >/dev/null || { echo "FAIL: tshark is not installed (tools/install-deps.sh)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
ts() { tshark "$@" 2>/dev/null; }
clean() {
  local bad
  bad=$(ts -r "$1" -Y '_ws.malformed || _ws.expert.severity == "Error"' | wc -l)
  [ "$bad" -eq 0 ] || fail "$1: $bad malformed/error frames"
}
field() { python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j[sys.argv[2]])' "$@"; }
key_hash() {  # pcap message_type -> first 20 octets of SHA-256 over that message's public key
  ts -r "$1" -Y "wps.message_type == $2" -T fields -e wps.public_key | head -1 | tr -d ':' |
    xxd -r -p | sha256sum | cut -c1-40 | tr a-f A-F
}

run() {  # scenario want_exit
  local rc=0
  "$WPSLAB" run "$1" --json --pcap "$1.pcap" > "$1.json" || rc=$?
  [ "$rc" -eq "$2" ] || fail "$1: exit $rc, want $2: $(cat "$1.json")"
  clean "$1.pcap"
}

for s in nfc-password-token nfc-ap-token nfc-config-token nfc-handover; do run $s 0; done
run nfc-wrong-key 2

# The token of each run, decoded by wpslab nfc read.
tag=$(field nfc-password-token.json nfc_tag)
"$WPSLAB" nfc read "$tag" --json > tag.json
dpid=$(field tag.json device_password_id)
hash=$(field tag.json public_key_hash)
ids=$(ts -r nfc-password-token.pcap -Y 'wps.message_type == 0x04 || wps.message_type == 0x05' \
      -T fields -e wps.device_password_id | sort -u | tr -d '\n')
[ "$((ids))" = "$dpid" ] || fail "nfc-password-token: M1/M2 Device Password ID $ids, token's $dpid"
[ "$(key_hash nfc-password-token.pcap 0x04)" = "$hash" ] || fail "nfc-password-token: M1 key is not the token's"
[ "$(ts -r nfc-password-token.pcap -Y 'wps.message_type == 0x0c' | wc -l)" = 1 ] || fail "nfc-password-token: no M8"
[ "$(ts -r nfc-password-token.pcap -Y 'eapol.type == 3' | wc -l)" = 4 ] || fail "nfc-password-token: no 4-way handshake"

ap_tag=$(field nfc-ap-token.json nfc_tag)
ap_hash=$("$WPSLAB" nfc read "$ap_tag" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["public_key_hash"])')
[ "$(key_hash nfc-ap-token.pcap 0x05)" = "$ap_hash" ] || fail "nfc-ap-token: M2 key is not the AP token's"
[ "$(key_hash nfc-ap-token.pcap 0x04)" != "$ap_hash" ] || fail "nfc-ap-token: M1 carries the AP's key"

[ "$(ts -r nfc-config-token.pcap -Y eap | wc -l)" = 0 ] || fail "nfc-config-token: EAP frames on the air"
[ "$(ts -r nfc-config-token.pcap -Y 'eapol.type == 3' | wc -l)" = 4 ] || fail "nfc-config-token: no 4-way handshake"
"$WPSLAB" nfc read "$(field nfc-config-token.json nfc_tag)" --json > cfg.json
python3 - cfg.json nfc-config-token.json <<'PY' || fail "nfc-config-token: token and credential differ"
import json, sys
t, r = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert t["kind"] == "configuration", t
c = t["credentials"][0]
assert r["connected"] and r["wps_attempts"] == 0, r
assert c["ssid"] == r["credential"]["ssid"] and c["network_key"] == r["credential"]["passphrase"], (t, r)
PY

# nfc-handover: M1 (ID 7, the request's key), M2 with Encrypted Settings, WSC_Done, round 2.
T=$(ts -r nfc-handover.pcap -Y wps.message_type -T fields -e wps.message_type | tr '\n' ' ')
[ "$T" = "0x04 0x05 0x0f " ] || fail "nfc-handover: messages $T"
[ "$(ts -r nfc-handover.pcap -Y 'wps.message_type == 0x04' -T fields -e wps.device_password_id)" = 0x0007 ] ||
  fail "nfc-handover: M1 Device Password ID"
[ "$(ts -r nfc-handover.pcap -Y 'wps.message_type == 0x05 && wps.encrypted_settings' | wc -l)" = 1 ] ||
  fail "nfc-handover: M2 without Encrypted Settings"
[ "$(ts -r nfc-handover.pcap -Y 'eapol.type == 3' | wc -l)" = 4 ] || fail "nfc-handover: no 4-way handshake"
hreq=$(field nfc-handover.json nfc_tag)
"$WPSLAB" nfc read "$hreq" --json > hreq.json
[ "$(field hreq.json kind)" = handover-request ] || fail "nfc-handover: the tag is not a handover request"
[ "$(key_hash nfc-handover.pcap 0x04)" = "$(field hreq.json public_key_hash)" ] ||
  fail "nfc-handover: M1's key is not the request's"

python3 - nfc-wrong-key.json <<'PY' || fail "nfc-wrong-key: $(cat nfc-wrong-key.json)"
import json, sys
j = json.load(open(sys.argv[1]))
assert not j["connected"] and j["failed_at"] == "M2D" and j["config_error"] == 20, j
assert j["credential"] is None, j
PY
[ "$(ts -r nfc-wrong-key.pcap -Y 'wps.message_type == 0x06 && wps.configuration_error == 20' | wc -l)" = 1 ] ||
  fail "nfc-wrong-key: no M2D with configuration error 20"
[ "$(ts -r nfc-wrong-key.pcap -Y 'wps.message_type == 0x07' | wc -l)" = 0 ] || fail "nfc-wrong-key: M3 sent"

# The analyzer, blind and with the token.
analyze() { "$WPSLAB" analyze "$@" --format json > an.json || true; }
attempt() {  # key -> value of the first attempt of the first session
  python3 -c 'import json,sys; a=json.load(open("an.json"))["sessions"][0]["attempts"][0]; print(a[sys.argv[1]])' "$1"
}
analyze nfc-password-token.pcap
[ "$(attempt method)" = nfc-password-token ] || fail "analyze: method $(attempt method)"
[ "$(attempt device_password_id)" = "$dpid" ] || fail "analyze: device password id"
[ "$(attempt nfc_key_check)" = None ] || fail "analyze: a key check without a token"
analyze nfc-password-token.pcap --nfc-token "$tag"
[ "$(attempt nfc_key_check)" = "{'token_device_password_id': $dpid, 'm1_key_matches': True, 'm2_key_matches': False}" ] ||
  fail "analyze --nfc-token: $(attempt nfc_key_check)"
analyze nfc-ap-token.pcap --nfc-token "$ap_tag"
[ "$(attempt nfc_key_check)" = "{'token_device_password_id': $dpid, 'm1_key_matches': False, 'm2_key_matches': True}" ] ||
  [ "$(python3 -c 'import json; a=json.load(open("an.json"))["sessions"][0]["attempts"][0]["nfc_key_check"]; print(a["m2_key_matches"] and not a["m1_key_matches"])')" = True ] ||
  fail "analyze --nfc-token (AP token): $(attempt nfc_key_check)"
analyze nfc-handover.pcap --nfc-token "$hreq"
[ "$(attempt method)" = nfc-handover ] || fail "analyze nfc-handover: method $(attempt method)"
[ "$(attempt outcome)" = wps-succeeded ] || fail "analyze nfc-handover: $(attempt outcome)"
python3 -c 'import json; a=json.load(open("an.json"))["sessions"][0]["attempts"][0]["nfc_key_check"]; assert a["m1_key_matches"] is True, a' ||
  fail "analyze nfc-handover --nfc-token: $(attempt nfc_key_check)"
analyze nfc-wrong-key.pcap
[ "$(attempt outcome)" = nfc-public-key-mismatch ] || fail "analyze nfc-wrong-key: $(attempt outcome)"
[ "$(attempt config_error)" = 20 ] || fail "analyze nfc-wrong-key: config error"
analyze nfc-wrong-key.pcap --nfc-token "$(field nfc-wrong-key.json nfc_tag)"
python3 -c 'import json; a=json.load(open("an.json"))["sessions"][0]["attempts"][0]["nfc_key_check"]; assert a["m1_key_matches"] is False and a["m2_key_matches"] is None, a' ||
  fail "analyze nfc-wrong-key --nfc-token: $(attempt nfc_key_check)"
"$WPSLAB" analyze nfc-wrong-key.pcap --nfc-token 10 > bad.txt 2>&1 && fail "analyze took a malformed token"
grep -q 'malformed token' bad.txt || fail "analyze --nfc-token error: $(cat bad.txt)"

# Same seed, same bytes; another seed, another token.
"$WPSLAB" run nfc-password-token --pcap again.pcap --diagram none > /dev/null
cmp -s nfc-password-token.pcap again.pcap || fail "nfc-password-token: not deterministic"
"$WPSLAB" run nfc-password-token --seed 2 --json --pcap seed2.pcap > seed2.json
[ "$(field seed2.json nfc_tag)" != "$tag" ] || fail "seed 2 made the same token"

# wpslab sta's NFC options: clear errors, nothing run.
bad() { local rc=0; "$WPSLAB" sta "$@" > out.txt 2>&1 || rc=$?; [ "$rc" = 1 ] || fail "sta $*: exit $rc"; grep -qi -- "nfc" out.txt || fail "sta $*: $(cat out.txt)"; }
bad --nfc-token nowhere --iface lo
bad --nfc-config 1234
bad --nfc-token x --nfc-config y
bad --nfc-ap-token "$tag" --pin 12345670 --iface lo
bad --nfc-handover x --iface lo
bad --nfc-handover-select "$tag" --nfc-handover x --iface lo
"$WPSLAB" sta --nfc-config "$(field nfc-config-token.json nfc_tag)" --json > sta.json || fail "sta --nfc-config: exit $?"
python3 -c 'import json; j=json.load(open("sta.json")); assert j["event"]=="credential" and j["ssid"]=="wpslab", j' ||
  fail "sta --nfc-config: $(cat sta.json)"
echo "nfc_scenarios: all checks passed"
