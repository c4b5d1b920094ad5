#!/usr/bin/env bash
# `wpslab run ap-pin | ap-pin-wrong | ap-pin-locked` end to end, checked by tshark:
#  - outcome, failure point, configuration error and exit code of each scenario;
#  - zero malformed frames and zero expert errors in every sniffer log;
#  - ap-pin (learn): the station's identity is the Registrar's, the AP sends M1..M7 as Enrollee,
#    the station ends round 1 with WSC_NACK error 0 after M7 (no M8), then the 4-way handshake,
#    and the data frame decrypts with the AP's (learned) passphrase;
#  - ap-pin --new-ssid/--new-passphrase: M8 from the station, WSC_Done from the AP, the AP's
#    beacons change to the new SSID, round 2 associates to it, the data frame decrypts with the
#    new passphrase only;
#  - ap-pin-wrong: the AP's NACK (error 18) after M4 (first half) or M6 (--wrong-half 2);
#  - ap-pin-locked: AP Setup Locked = 1 in beacons, the AP's NACK with error 15 after M2;
#  - the key log is keyed by the enrollee's (the AP's) MAC and its nonce is M1's.
set -euo pipefail
WPSLAB=$(readlink -f "$1")
command -v tshark >/dev/null || { echo "FAIL: tshark is not installed (tools/install-deps.sh)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
ts() { tshark "$@" 2>/dev/null; }
AP=02:00:00:00:0a:01
STA=02:00:00:00:0b:01

check_clean() {
  local bad
  bad=$(ts -r "$1" -Y '_ws.malformed || _ws.expert.severity == "Error"' | wc -l)
  [ "$bad" -eq 0 ] || fail "$1: $bad malformed/error frames"
}

expect() {  # name exit connected failed_at config_error args...
  local n=$1 want_exit=$2 want_conn=$3 want_at=$4 want_ce=$5 rc=0
  shift 5
  out=$("$WPSLAB" run "$@" --json --pcap "$n.pcap") || rc=$?
  [ "$rc" -eq "$want_exit" ] || fail "$n: exit $rc, want $want_exit ($out)"
  python3 - "$out" "$want_conn" "$want_at" "$want_ce" <<'PY' || fail "$n: $out"
import json, sys
j = json.loads(sys.argv[1])
assert j["connected"] == (sys.argv[2] == "true"), j
assert (j["failed_at"] or "") == sys.argv[3], j
assert str(j["config_error"]) == sys.argv[4], j
PY
  check_clean "$n.pcap"
}
expect learn 0 true "" None ap-pin
expect push 0 true "" None ap-pin --new-ssid wpslab-new --new-passphrase new-passphrase-2
expect wrong1 2 false M4 18 ap-pin-wrong
expect wrong2 2 false M6 18 ap-pin-wrong --wrong-half 2
expect locked 2 false M2 15 ap-pin-locked

# The learned credential is the AP's network; the pushed one the new network.
out=$("$WPSLAB" run ap-pin --json --pcap l2.pcap)
python3 - "$out" <<'PY' || fail "learned credential: $out"
import json, sys
j = json.loads(sys.argv[1])
assert j["credential"] == {"ssid": "wpslab", "passphrase": "wpslab-passphrase"}, j
PY
"$WPSLAB" run ap-pin --new-ssid wpslab-new --new-passphrase new-passphrase-2 --diagram none > push.txt
grep -q '^outcome: connected .* joined "wpslab-new"' push.txt || fail "push: $(cat push.txt)"

# --- round 1 of ap-pin, as Wireshark decodes it ---------------------------------------------
seq() {  # file -> "from:what" for the WSC part
  ts -r "$1" -Y 'eap' -T fields -E separator=, -e wlan.sa -e eap.code -e eap.type -e eap.identity \
     -e wps.message_type -e wps.configuration_error | python3 -c '
import sys
names = {"0x04":"M1","0x05":"M2","0x07":"M3","0x08":"M4","0x09":"M5","0x0a":"M6","0x0b":"M7",
         "0x0c":"M8","0x0d":"ACK","0x0e":"NACK","0x0f":"Done"}
out = []
for line in sys.stdin:
    sa, code, etype, ident, mt, ce = (line.rstrip("\n").split(",") + [""] * 6)[:6]
    who = "AP" if sa == "'$AP'" else "STA"
    if code == "4": out.append("AP:failure"); continue
    if ident: out.append(who + ":id=" + ident); continue
    if mt:
        n = names.get(mt, mt)
        out.append(who + ":" + n + ("(%d)" % int(ce, 0) if n == "NACK" else "")); continue
print(" ".join(out))'
}
got=$(seq learn.pcap)
want="STA:id=WFA-SimpleConfig-Registrar-1-0 AP:M1 STA:M2 AP:M3 STA:M4 AP:M5 STA:M6 AP:M7 STA:NACK(0) AP:failure"
[ "$got" = "$want" ] || fail "ap-pin round 1: '$got'"
got=$(seq push.pcap)
want="STA:id=WFA-SimpleConfig-Registrar-1-0 AP:M1 STA:M2 AP:M3 STA:M4 AP:M5 STA:M6 AP:M7 STA:M8 AP:Done STA:ACK AP:failure"
[ "$got" = "$want" ] || fail "ap-pin --new-ssid round 1: '$got'"
got=$(seq wrong1.pcap)
[ "$got" = "STA:id=WFA-SimpleConfig-Registrar-1-0 AP:M1 STA:M2 AP:M3 STA:M4 AP:NACK(18) STA:NACK(0) AP:failure" ] \
  || fail "ap-pin-wrong round 1: '$got'"
got=$(seq wrong2.pcap)
[ "$got" = "STA:id=WFA-SimpleConfig-Registrar-1-0 AP:M1 STA:M2 AP:M3 STA:M4 AP:M5 STA:M6 AP:NACK(18) STA:NACK(0) AP:failure" ] \
  || fail "ap-pin-wrong --wrong-half 2 round 1: '$got'"
got=$(seq locked.pcap)
[ "$got" = "STA:id=WFA-SimpleConfig-Registrar-1-0 AP:M1 STA:M2 AP:NACK(15) STA:NACK(0) AP:failure" ] \
  || fail "ap-pin-locked round 1: '$got'"

# M7 carries the AP's settings encrypted: Wireshark sees no SSID/key attribute in the clear.
clear=$(ts -r learn.pcap -Y 'wps.message_type == 0x0b && (wps.network_key || wps.ssid)' | wc -l)
[ "$clear" -eq 0 ] || fail "M7 shows settings in the clear"

# --- round 2 and decryption -----------------------------------------------------------------
for f in learn push; do
  n=$(ts -r $f.pcap -Y 'eapol.type == 3' | wc -l)
  [ "$n" -eq 4 ] || fail "$f: $n EAPOL-Key frames, want 4"
done
dec() { ts -r "$1" -o wlan.enable_decryption:TRUE -o "uat:80211_keys:\"wpa-pwd\",\"$2\"" -Y 'dhcp.option.dhcp == 1' | wc -l; }
[ "$(dec learn.pcap wpslab-passphrase:wpslab)" -eq 1 ] || fail "learn: data frame does not decrypt"
[ "$(dec push.pcap new-passphrase-2:wpslab-new)" -eq 1 ] || fail "push: data frame does not decrypt with the new network"
[ "$(dec push.pcap wpslab-passphrase:wpslab)" -eq 0 ] || fail "push: decrypts with the old network"
# The AP's beacons: the old SSID first, the new one after M8.
# (tshark prints SSIDs in hex: 7770736c6162 = "wpslab", 7770736c61622d6e6577 = "wpslab-new")
OLD=7770736c6162; NEW=7770736c61622d6e6577
ssids=$(ts -r push.pcap -Y 'wlan.fc.type_subtype == 0x0008' -T fields -e wlan.ssid | uniq | tr '\n' ' ')
[ "$ssids" = "$OLD $NEW " ] || fail "push: beacon SSIDs '$ssids', want the old then the new"
r2=$(ts -r push.pcap -Y 'wlan.fc.type_subtype == 0x0000 && wlan.rsn.version' -T fields -e wlan.ssid)
[ "$r2" = "$NEW" ] || fail "push: round 2 associated to '$r2'"

# --- the lock is on the air -----------------------------------------------------------------
lk=$(ts -r locked.pcap -Y 'wlan.fc.type_subtype == 0x0008 && wps.ap_setup_locked == 1' | wc -l)
[ "$lk" -ge 1 ] || fail "ap-pin-locked: no beacon with AP Setup Locked = 1"
lk=$(ts -r learn.pcap -Y 'wps.ap_setup_locked == 1' | wc -l)
[ "$lk" -eq 0 ] || fail "ap-pin: AP Setup Locked advertised"
"$WPSLAB" run ap-pin-locked --diagram none > locked.txt || true
grep -q "AP setup locked" locked.txt || fail "ap-pin-locked: no 'AP setup locked' in $(cat locked.txt)"

# --- key log: the enrollee is the AP -------------------------------------------------------
"$WPSLAB" run ap-pin --keylog keys.log --pcap k.pcap --diagram none >/dev/null
for l in DH_PRIVATE_E DH_PRIVATE_R ENROLLEE_NONCE REGISTRAR_NONCE AUTHKEY E_S1 E_S2 R_S1 R_S2; do
  grep -Eq "^$l $AP [0-9a-f]+$" keys.log || fail "key log lacks $l for the AP"
done
n=$(ts -r k.pcap -Y 'wps.message_type == 0x04' -T fields -e wps.enrollee_nonce | tr -d ':')
grep -q "^ENROLLEE_NONCE $AP $n$" keys.log || fail "key log nonce differs from M1's"

# --- bad input -----------------------------------------------------------------------------
bad() {
  rm -f out.pcap
  local rc=0 err
  err=$("$WPSLAB" run "$@" --pcap out.pcap 2>&1 >/dev/null) || rc=$?
  [ "$rc" -eq 1 ] || fail "'$*': exit $rc, want 1"
  [ ! -e out.pcap ] || fail "'$*': wrote out.pcap"
}
bad sta-pin --new-ssid x --new-passphrase new-passphrase-2
bad ap-pin --new-ssid x
bad ap-pin --learn --new-ssid x --new-passphrase new-passphrase-2
bad ap-pin-wrong --wrong-half 3
bad ap-pin --enrollee-nonces weak
echo "run_ap_pin: all checks passed"
