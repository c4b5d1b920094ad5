#!/usr/bin/env bash
# A fuzzing campaign: every libFuzzer target of build-fuzz/ (make fuzz) for a budget of
# executions, one after the other on one core, over a copy of its seed corpus. Prints one line
# per target — executions, coverage (cov = edges, ft = features), corpus size, executions per
# second, peak RSS, findings — and a Markdown table for docs/benchmarks.md.
# Crash/leak/timeout inputs are kept in fuzz-findings/<target>/ (not in the tree); with
# FUZZ_MERGE=1 the inputs that add coverage are merged into fuzz/corpus/<target>/.
# Usage: tools/fuzz-long.sh [executions per target, default 10000000] [target ...]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10000000}"
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  for c in fuzz/corpus/*/; do targets+=("$(basename "$c")"); done
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
today="$(date -u +%Y-%m-%d)"
rows=()
status=0
for name in "${targets[@]}"; do
  bin="build-fuzz/fuzz/fuzz_${name}"
  [[ -x "$bin" ]] || { echo "fuzz-long: $bin missing (run make fuzz)"; status=1; continue; }
  mkdir -p "$work/$name" "fuzz-findings/$name"
  cp -r "fuzz/corpus/$name/." "$work/$name/"
  start=$(date +%s)
  set +e
  "$bin" -runs="$runs" -print_final_stats=1 -artifact_prefix="fuzz-findings/$name/" \
    "$work/$name" >"$work/$name.log" 2>&1
  rc=$?
  set -e
  secs=$(( $(date +%s) - start ))
  execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$name.log" | grep -o '[0-9]*$' || echo 0)"
  rate="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$work/$name.log" | grep -o '[0-9]*$' || echo 0)"
  if [[ "$rate" == 0 && $secs -gt 0 ]]; then rate=$(( execs / secs )); fi
  rss="$(grep -o 'stat::peak_rss_mb: *[0-9]*' "$work/$name.log" | grep -o '[0-9]*$' || echo 0)"
  last="$(grep -E '^#[0-9]+' "$work/$name.log" | tail -1)"
  cov="$(grep -o 'cov: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo ?)"
  ft="$(grep -o 'ft: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo ?)"
  corp="$(grep -o 'corp: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo ?)"
  findings=0
  if [[ $rc -ne 0 ]]; then
    findings="$(find "fuzz-findings/$name" -type f | wc -l)"
    [[ $findings -eq 0 ]] && findings=1
    status=1
    tail -30 "$work/$name.log"
  fi
  echo "fuzz-long: fuzz_${name}: ${execs} executions in ${secs} s (${rate}/s), cov ${cov}, ft ${ft}, corpus ${corp}, peak RSS ${rss} MB, findings ${findings}"
  rows+=("| ${name} | ${execs} | ${cov} | ${ft} | ${rate} | ${rss} | ${findings} | ${today} | ${commit} |")
  if [[ "${FUZZ_MERGE:-0}" == 1 && $rc -eq 0 ]]; then
    "$bin" -merge=1 "fuzz/corpus/$name" "$work/$name" >/dev/null 2>&1 || true
  fi
done
echo
echo "| target | executions | cov (edges) | ft (features) | exec/s | peak RSS MB | findings | date | commit |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
exit $status
