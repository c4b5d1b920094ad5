#!/usr/bin/env bash
# Runs the unit tests and the scenario CLI tests under valgrind memcheck (in addition to the
# ASan/UBSan build of `make asan`): every gtest binary of the build directory, then
# tests/cli/run_scenarios.sh with the wpslab binary wrapped in valgrind. Any memcheck error or
# definite leak fails the run. Usage: tools/valgrind.sh [build dir, default build] [regex of
# test binaries, default all]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
filter="${2:-.}"
command -v valgrind >/dev/null || { echo "valgrind: not installed (tools/install-deps.sh)"; exit 1; }
vg=(valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite
    --errors-for-leak-kinds=definite --num-callers=30)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for bin in "$build"/test_*; do
  [[ -x "$bin" ]] || continue
  name="$(basename "$bin")"
  [[ "$name" =~ $filter ]] || continue
  start=$(date +%s)
  if "${vg[@]}" "$bin" --gtest_brief=1 >"$work/$name.log" 2>&1; then
    echo "valgrind: $name clean ($(( $(date +%s) - start )) s)"
  else
    echo "valgrind: $name FAILED"; tail -60 "$work/$name.log"; status=1
  fi
done
if [[ "scenarios" =~ $filter ]]; then
  # The CLI test takes the binary as $1: hand it a wrapper that runs wpslab under valgrind.
  cat >"$work/wpslab" <<WRAP
#!/usr/bin/env bash
exec ${vg[*]} "$(realpath "$build/apps/wpslab/wpslab")" "\$@"
WRAP
  chmod +x "$work/wpslab"
  start=$(date +%s)
  if bash tests/cli/run_scenarios.sh "$work/wpslab" >"$work/scenarios.log" 2>&1; then
    echo "valgrind: cli run_scenarios clean ($(( $(date +%s) - start )) s)"
  else
    echo "valgrind: cli run_scenarios FAILED"; tail -60 "$work/scenarios.log"; status=1
  fi
fi
exit $status
