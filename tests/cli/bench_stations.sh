#!/usr/bin/env bash
# `wpslab bench stations`: holds idle stations (every one joined, keys installed, first data
# frame decrypted), spreads them over APs of at most 2007 stations, prints the documented keys;
# then connects stations one after the other and all at once. The figures themselves are
# benchmarks (docs/benchmarks.md), not checked here; their presence and consistency are.
set -euo pipefail
WPSLAB=$(readlink -f "$1")
fail() { echo "FAIL: $*"; exit 1; }

out=$("$WPSLAB" bench stations --stations 4100 --connect-at-once 40) || fail "exit $?: $out"
grep -q '^idle stations: 4100 on 3 simulated APs (at most 2007 each' <<<"$out" || fail "$out"
per=$(sed -n 's/^bytes_per_idle_station: \([0-9][0-9]*\)$/\1/p' <<<"$out")
[ -n "$per" ] && [ "$per" -gt 0 ] || fail "bytes_per_idle_station missing: $out"
grep -q '^one at a time: 40 of 40 connected' <<<"$out" || fail "$out"
grep -q '^all at once: 40 of 40 connected on one AP' <<<"$out" || fail "$out"
for k in connections_per_core_second_single connections_per_core_second_at_once at_once_vs_single; do
  grep -q "^$k: [0-9.]*$" <<<"$out" || fail "$k missing: $out"
done
# --connect-at-once 0 skips the second part.
out=$("$WPSLAB" bench stations --stations 10 --connect-at-once 0) || fail "exit $?: $out"
! grep -q 'connections_per_core_second' <<<"$out" || fail "--connect-at-once 0: $out"
# Bad input is refused by the option parser.
rc=0
"$WPSLAB" bench stations --stations 1 >/dev/null 2>&1 || rc=$?
[ "$rc" -ne 0 ] || fail "--stations 1 accepted"
echo "bench stations: ok"
