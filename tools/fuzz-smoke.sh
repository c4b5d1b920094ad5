#!/usr/bin/env bash
# Runs every libFuzzer target of build-fuzz/ for a few seconds over a copy of its seed corpus
# (fuzz/corpus/<name>/), so that CI notices both a fuzz build that no longer compiles under clang
# and a parser that crashes on the first mutations. Long fuzzing campaigns are run by hand
# (CONTRIBUTING.md). Usage: tools/fuzz-smoke.sh [seconds per target, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for corpus in fuzz/corpus/*/; do
  name="$(basename "$corpus")"
  bin="build-fuzz/fuzz/fuzz_${name}"
  if [[ ! -x "$bin" ]]; then
    echo "fuzz-smoke: $bin missing (run make fuzz)"; status=1; continue
  fi
  mkdir -p "$work/$name"
  cp -r "$corpus". "$work/$name/"
  # Crash files land in $work, not in the tree; the log is shown only when the target fails.
  if (cd "$work" && "$OLDPWD/$bin" -max_total_time="$secs" "$work/$name" >"$work/$name.log" 2>&1); then
    echo "fuzz-smoke: fuzz_${name}: $(grep -o 'Done [0-9]* runs' "$work/$name.log" || echo done), no crash"
  else
    echo "fuzz-smoke: fuzz_${name} FAILED"; tail -40 "$work/$name.log"; status=1
  fi
done
exit $status
