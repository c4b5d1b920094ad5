#!/usr/bin/env bash
# `wpslab nfc`, offline:
#  - token: PREFIX.ndef holds the tag printed as hex, PREFIX.key is mode 0600 with hostapd.conf's
#    wps_nfc_* keys, and the key pair in it is the one the tag's hash names; --dpid bounds;
#  - config-token: byte for byte what hostapd 2.10 printed for the same network (from --ssid /
#    --passphrase and from a hostapd.conf); --out writes the binary tag;
#  - read: hex or file (binary or hex text), NDEF or bare attributes, text and --json; malformed,
#    truncated or foreign input is refused with a clear message (exit 2), unreadable input exit 1.
set -euo pipefail
WPSLAB=$(readlink -f "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }

# --- token ----------------------------------------------------------------------------------------
hex=$("$WPSLAB" nfc token --out tk --dpid 4660) || fail "nfc token: exit $?"
[ "$(stat -c %a tk.key)" = 600 ] || fail "tk.key mode $(stat -c %a tk.key)"
[ "$(xxd -p -u tk.ndef | tr -d '\n')" = "$hex" ] || fail "tk.ndef differs from the printed tag"
grep -q '^wps_nfc_dev_pw_id=4660$' tk.key || fail "tk.key: $(cat tk.key)"
for k in wps_nfc_dh_pubkey wps_nfc_dh_privkey wps_nfc_dev_pw; do
  grep -q "^$k=[0-9A-F]*$" tk.key || fail "tk.key has no $k"
done
"$WPSLAB" nfc read tk.ndef --json > tk.json || fail "nfc read tk.ndef: exit $?"
python3 - <<'PY' || fail "token and key file disagree: $(cat tk.json)"
import hashlib, json
j = json.load(open("tk.json"))
k = dict(l.strip().split("=", 1) for l in open("tk.key") if "=" in l and not l.startswith("#"))
pub = bytes.fromhex(k["wps_nfc_dh_pubkey"])
assert len(pub) == 192
assert j["public_key_hash"] == hashlib.sha256(pub).hexdigest().upper()[:40], j
assert j["password"] == k["wps_nfc_dev_pw"] and j["device_password_id"] == 4660, j
assert j["kind"] == "password" and j["form"] == "ndef" and j["version2"] == 0x20, j
# The private key in the file is the one behind the public key: g^x mod p (RFC 3526 group 5).
p = int("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA237327FFFFFFFFFFFFFFFF", 16)
assert pow(2, int(k["wps_nfc_dh_privkey"], 16), p) == int.from_bytes(pub, "big")
PY
# Random IDs stay in 0x0010..0xFFFF; --dpid outside is refused.
"$WPSLAB" nfc token --out r1 >/dev/null
id=$("$WPSLAB" nfc read r1.ndef --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["device_password_id"])')
[ "$id" -ge 16 ] && [ "$id" -le 65535 ] || fail "random DPID $id"
for d in 15 65536 7; do
  rc=0; "$WPSLAB" nfc token --out bad --dpid $d >/dev/null 2>err || rc=$?
  [ "$rc" -eq 1 ] && grep -q -- '--dpid must be 16..65535' err || fail "--dpid $d: exit $rc $(cat err)"
done

# --- config-token: what hostapd 2.10 printed (wps_nfc_config_token NDEF) ---------------------------
want=D217676170706C69636174696F6E2F766E642E7766612E777363100E004A1026000101104500107770732D696E7465726F702D74657374100300020020100F0002000810270017696E7465726F702D706173737068726173652D3132333410200006000000000000103C00010110200006020000000A011049000600372A000120
got=$("$WPSLAB" nfc config-token --ssid wps-interop-test --passphrase interop-passphrase-1234 \
  --ap-mac 02:00:00:00:0a:01 --out cfg.ndef) || fail "config-token: exit $?"
[ "$got" = "$want" ] || fail "config token differs from hostapd's:
 got  $got
 want $want"
[ "$(xxd -p -u cfg.ndef | tr -d '\n')" = "$want" ] || fail "cfg.ndef differs"
printf 'interface=x\nssid=wps-interop-test\nwpa=2\nwpa_passphrase=interop-passphrase-1234\n' > h.conf
got=$("$WPSLAB" nfc config-token -c h.conf --ap-mac 02:00:00:00:0a:01) || fail "config-token -c: exit $?"
[ "$got" = "$want" ] || fail "config-token -c differs: $got"
rc=0; "$WPSLAB" nfc config-token --ssid x --passphrase short >/dev/null 2>err || rc=$?
[ "$rc" -eq 1 ] || fail "short passphrase: exit $rc"

# --- read ------------------------------------------------------------------------------------------
out=$("$WPSLAB" nfc read "$want") || fail "read hex: exit $?"
grep -q '^kind: configuration token' <<<"$out" || fail "$out"
grep -q 'SSID "wps-interop-test", WPA2-Personal, AES, network key "interop-passphrase-1234"' <<<"$out" || fail "$out"
echo "$want" | fold -w 40 > cfg.hex  # hex text in a file, with line breaks
"$WPSLAB" nfc read cfg.hex | grep -q '^AP MAC address: 02:00:00:00:0a:01$' || fail "read hex file"
# Bare WSC attributes (first octet 0x10), and the hwsim AP token of hostap's own tests.
bare=${want:52}
"$WPSLAB" nfc read "$bare" | grep -q '^form: bare WSC attributes$' || fail "read bare"
ap=D217446170706C69636174696F6E2F766E642E7766612E777363102C0036691F6C35AC5FF23180FFBF899BF3E563D047AA68BFABCB7FE7A25053F8F5BF822660C21E66D8A58D3393BB78494E239031D6AABCB90C1049000600372A000120
out=$("$WPSLAB" nfc read "$ap")
grep -q '^device password ID: 49067 (0xBFAB)' <<<"$out" || fail "$out"
grep -q '^public key hash: 691F6C35AC5FF23180FFBF899BF3E563D047AA68 ' <<<"$out" || fail "$out"
# Refusals.
check_refused() {  # expected-exit message-regex input...
  local want_rc=$1 re=$2; shift 2
  local rc=0
  "$WPSLAB" nfc read "$@" >/dev/null 2>err || rc=$?
  [ "$rc" -eq "$want_rc" ] || fail "nfc read $*: exit $rc, expected $want_rc ($(cat err))"
  grep -Eq "$re" err || fail "nfc read $*: message: $(cat err)"
}
check_refused 2 'malformed token: truncated at offset [0-9]+ \(NDEF\)' "${ap:0:80}"
check_refused 2 'no application/vnd.wfa.wsc record' D10102546869
check_refused 2 'malformed token: attr_truncated' 102C0036691F
check_refused 2 'neither a password token' 1049000600372A000120
check_refused 2 'malformed token: shorter than 4 octets' D217
check_refused 1 'not a file, and not hex' no-such-file
check_refused 2 'attr_bad_value in attribute 0x102C' 102C0016691F6C35AC5FF23180FFBF899BF3E563D047AA680005
echo "nfc: ok"
