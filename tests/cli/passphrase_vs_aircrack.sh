#!/usr/bin/env bash
# Cross-check: on every capture in the test data that has 4-way handshake frames, the passphrase
# verdict of `wpslab analyze --passphrase` agrees with `aircrack-ng -w <wordlist>`: both find the
# passphrase, or both do not. The known passphrases (and the expected answer, known from how the
# capture was built) are in tests/data/analyzer/passphrases.tsv; a capture with EAPOL-Key frames
# that is not listed there fails the test, so a new capture cannot slip past the check.
# For every listed capture a decoy wordlist (no right passphrase) must also be refused by both.
# $1 = wpslab binary; run from the repository root.
set -u
W=$(readlink -f "$1")
command -v aircrack-ng >/dev/null || { echo "FAIL: aircrack-ng is not installed (tools/install-deps.sh)"; exit 1; }
command -v tshark >/dev/null || { echo "FAIL: tshark is not installed (tools/install-deps.sh)"; exit 1; }
LIST=tests/data/analyzer/passphrases.tsv
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }

# aircrack-ng 1.7 does not read LINKTYPE 163 (AVS): hand it the same 802.11 frames without the
# AVS header (LINKTYPE 105). Every other link type is passed as it is.
for_aircrack() {  # capture -> path aircrack-ng reads
  python3 - "$1" "$TMP/aircrack-input.pcap" <<'EOF'
import struct, sys, shutil
src, dst = sys.argv[1], sys.argv[2]
data = open(src, "rb").read()
magic = data[:4]
e = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
linktype = struct.unpack(e + "I", data[20:24])[0]
if linktype != 163:
    shutil.copyfile(src, dst)
    sys.exit(0)
out = bytearray(data[:20] + struct.pack(e + "I", 105))
pos = 24
while pos + 16 <= len(data):
    sec, frac, incl, orig = struct.unpack(e + "IIII", data[pos:pos + 16])
    pkt = data[pos + 16:pos + 16 + incl]
    hlen = struct.unpack(">I", pkt[4:8])[0]
    out += struct.pack(e + "IIII", sec, frac, incl - hlen, orig - hlen) + pkt[hlen:]
    pos += 16 + incl
open(dst, "wb").write(out)
EOF
  echo "$TMP/aircrack-input.pcap"
}

aircrack_finds() {  # capture bssid wordlist -> prints the key found, or nothing
  local input
  input=$(for_aircrack "$1")
  timeout 60 aircrack-ng -q -w "$3" -b "$2" "$input" </dev/null 2>/dev/null |
    sed -n 's/.*KEY FOUND! \[ \(.*\) \].*/\1/p' | head -1
}

wpslab_verdict() {  # capture bssid passphrase -> right / wrong / cannot-check / not-checked
  "$W" analyze "$1" --passphrase "$3" --format json -o "$TMP/w.json" 2>"$TMP/w.err" || {
    echo "exit-$?"; return; }
  python3 - "$TMP/w.json" "$2" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
v = [s["fourway"]["passphrase"] for s in j["sessions"] if s["ap"] == sys.argv[2] and s["fourway"]["present"]]
print("right" if "right" in v else (v[0] if v else "no-session"))
EOF
}

# Every capture with EAPOL-Key frames must be listed.
while IFS= read -r cap; do
  n=$(tshark -r "$cap" -Y "eapol.type == 3" 2>/dev/null | wc -l)
  [ "$n" -gt 0 ] || continue
  if grep -q "^$cap	" "$LIST"; then ok "listed: $cap ($n EAPOL-Key frames)"; else bad "not in $LIST: $cap has $n EAPOL-Key frames"; fi
done < <(find tests/data tests/fixtures -name '*.pcap' | sort)

decoys=$'password1\nnot-the-passphrase\n12345678'
while IFS=$'\t' read -r cap bssid pass expected; do
  case "$cap" in '#'*|'') continue ;; esac
  [ -f "$cap" ] || { bad "missing capture $cap"; continue; }
  printf '%s\n%s\n' "$decoys" "$pass" > "$TMP/words.txt"
  printf '%s\n' "$decoys" > "$TMP/decoys.txt"
  key=$(aircrack_finds "$cap" "$bssid" "$TMP/words.txt")
  verdict=$(wpslab_verdict "$cap" "$bssid" "$pass")
  a_found=no; [ "$key" = "$pass" ] && a_found=yes
  w_found=no; [ "$verdict" = right ] && w_found=yes
  name="$(basename "$cap") \"$pass\": aircrack-ng found=$a_found, wpslab verdict=$verdict"
  case "$expected" in
    found) [ $a_found = yes ] && [ $w_found = yes ] && ok "$name" || bad "$name (expected both to find it)" ;;
    not-found) [ $a_found = no ] && [ $w_found = no ] && ok "$name" || bad "$name (expected neither to find it)" ;;
    aircrack-misses) [ $a_found = no ] && [ $w_found = yes ] && ok "$name (known aircrack-ng miss)" || bad "$name (expected wpslab only)" ;;
    *) bad "$cap: unknown expectation '$expected'" ;;
  esac
  # A wordlist without the passphrase: neither may claim a key.
  key=$(aircrack_finds "$cap" "$bssid" "$TMP/decoys.txt")
  verdict=$(wpslab_verdict "$cap" "$bssid" "password1")
  if [ -z "$key" ] && [ "$verdict" != right ] && [[ "$verdict" != exit-* ]]; then
    ok "$(basename "$cap") decoys: neither finds a key (wpslab: $verdict)"
  else
    bad "$(basename "$cap") decoys: aircrack-ng '$key', wpslab $verdict"
  fi
done < "$LIST"

[ "$fails" -eq 0 ] && echo "passphrase_vs_aircrack: all checks passed" || echo "passphrase_vs_aircrack: $fails failed"
[ "$fails" -eq 0 ]
