#!/usr/bin/env bash
# `wpslab analyze --keylog` with what `wpslab run --keylog` writes: one DH private key
# (DH_PRIVATE_E or DH_PRIVATE_R) plus the capture's PK_E/PK_R and nonces unlock everything; a
# key log of another run says it matched nothing and why; Encrypted Settings that do not open
# are reported in every format (text, JSON, HTML).
# $1 = wpslab binary; run from the repository root.
set -u
W=$(readlink -f "$1")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

"$W" run sta-pin --seed 1 --pcap "$TMP/a.pcap" --keylog "$TMP/a.keys" --diagram none >/dev/null || bad "run a"
"$W" run sta-pin --seed 2 --pcap "$TMP/b.pcap" --keylog "$TMP/b.keys" --diagram none >/dev/null || bad "run b"

for label in DH_PRIVATE_E DH_PRIVATE_R; do
  grep "^$label " "$TMP/a.keys" > "$TMP/one.keys"
  [ "$(wc -l < "$TMP/one.keys")" -eq 1 ] || bad "$label: not in the key log of wpslab run"
  out=$("$W" analyze "$TMP/a.pcap" --keylog "$TMP/one.keys")
  check "$label alone: 7 Authenticators and the credential" \
    '[[ "$out" == *"key log: 7 Authenticators verified"* && "$out" == *"M8 credential: SSID \"wpslab\", key \"wpslab-passphrase\""* ]]'
done

grep "^DH_PRIVATE_E " "$TMP/b.keys" > "$TMP/other.keys"
out=$("$W" analyze "$TMP/a.pcap" --keylog "$TMP/other.keys")
check "another run's key: says it belongs to another run and matched nothing" \
  '[[ "$out" == *"does not give the PK_E of M1 in this capture: it belongs to another run"* && "$out" == *"key log: no entry matches this session"* && "$out" != *"Authenticators verified"* ]]'

grep "^AUTHKEY " "$TMP/a.keys" > "$TMP/bad.keys"
echo "KEYWRAPKEY 02:00:00:00:0b:01 00112233445566778899aabbccddeeff" >> "$TMP/bad.keys"
out=$("$W" analyze "$TMP/a.pcap" --keylog "$TMP/bad.keys")
check "wrong KeyWrapKey: text shows the decryption failures" \
  '[[ "$out" == *"7 Authenticators verified, 5 Encrypted Settings did NOT open"* && "$out" == *"Encrypted Settings of M8"*"do not open"* ]]'
"$W" analyze "$TMP/a.pcap" --keylog "$TMP/bad.keys" --format json -o "$TMP/bad.json"
check "wrong KeyWrapKey: JSON notes" 'grep -q "Encrypted Settings of M8 (frame [0-9]*) do not open" "$TMP/bad.json"'
"$W" analyze "$TMP/a.pcap" --keylog "$TMP/bad.keys" --format html -o "$TMP/bad.html"
check "wrong KeyWrapKey: HTML" 'grep -q "do not open" "$TMP/bad.html"'

[ "$fails" -eq 0 ] && echo "analyze_keylog: all checks passed" || echo "analyze_keylog: $fails failed"
[ "$fails" -eq 0 ]
