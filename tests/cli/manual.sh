#!/usr/bin/env bash
# The manual pages and the bash completion that `wpslab doc` generates from the CLI: one page
# per command listed by `wpslab --help`, every option each command's --help shows is in its
# page, groff renders every page without a warning, and the completion completes commands,
# scenario names and options. $1 = wpslab binary; run from the repository root.
set -u
W="$1"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

"$W" doc man "$TMP/man1" || { echo "FAIL wpslab doc man"; exit 1; }
"$W" doc bash-completion "$TMP/wpslab.bash" || { echo "FAIL wpslab doc bash-completion"; exit 1; }

# The commands of `wpslab --help` (the lines under "Subcommands:").
cmds=$("$W" --help | awk '/^Subcommands:/ {s = 1; next} s && NF {print $1}')
check "wpslab --help lists commands" '[ -n "$cmds" ]'
check "wpslab.1 exists" '[ -s "$TMP/man1/wpslab.1" ]'
for c in $cmds; do
  page="$TMP/man1/wpslab-$c.1"
  check "page for $c" '[ -s "$page" ]'
  [ -s "$page" ] || continue
  check "wpslab.1 refers to wpslab-$c(1)" 'grep -q "wpslab\\\\-$c\\\\fR(1)" "$TMP/man1/wpslab.1"'
  # Every long option of the command (and of its own subcommands) is documented in its page.
  subs=$("$W" "$c" --help | awk '/^Subcommands:/ {s = 1; next} s && NF {print $1}')
  for path in "$c" $(for s in $subs; do echo "$c:$s"; done); do
    # shellcheck disable=SC2086
    for opt in $("$W" ${path/:/ } --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
      [ "$opt" = "--help" ] && continue
      esc=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
      grep -q -- "$esc" "$page" || bad "$opt of '${path/:/ }' missing from wpslab-$c.1"
    done
  done
done
check "the hidden doc command has no page" '[ ! -e "$TMP/man1/wpslab-doc.1" ]'
for page in "$TMP"/man1/*.1; do
  warn=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
  check "groff renders $(basename "$page") without warnings" '[ -z "$warn" ]'
  [ -z "$warn" ] || echo "$warn" | head -5
done
check "wpslab-run.1 names the scenarios" 'grep -q "late\\\\-pin" "$TMP/man1/wpslab-run.1"'

# Completion: COMP_WORDS as bash would set them, COMPREPLY read back.
complete_words() {  # the words typed so far; the last one is being completed
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _wpslab; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$TMP/wpslab.bash" "$@"
}
check "completes a command" 'complete_words wpslab ru | grep -qx run'
check "completes every command" '[ "$(complete_words wpslab "" | sort | tr "\n" " ")" = "$(echo $cmds | tr " " "\n" | sort | tr "\n" " ")" ]'
check "completes scenario names" 'complete_words wpslab run st | grep -qx sta-pin && complete_words wpslab run st | grep -qx stale-credential'
check "completes options of run" 'complete_words wpslab run --pc | grep -qx -- --pcap'
check "completes nested commands" 'complete_words wpslab pin "" | grep -qx generate'
check "completes options after a command path" 'complete_words wpslab bench run --h | grep -qx -- --help'
check "a value option completes file names" '(cd "$TMP" && complete_words wpslab run --pcap wpslab.b | grep -qx wpslab.bash)'

echo "$fails failed"
[ "$fails" -eq 0 ]
