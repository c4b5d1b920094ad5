#!/usr/bin/env bash
# Builds the Debian packages from the build tree with CPack, checks their metadata (Depends of
# the program computed by dpkg-shlibdeps: OpenSSL and libpcap among them), unpacks the program's
# package into a scratch root (dpkg -x) and runs `wpslab --version` from there.
# $1 = wpslab binary, $2 = the build directory; run from the repository root.
set -u
BUILD="$2"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

if ! (cd "$BUILD" && cpack -G DEB -B "$TMP/out") >"$TMP/cpack.log" 2>&1; then
  cat "$TMP/cpack.log"; echo "FAIL cpack -G DEB"; exit 1
fi
DEB=$(ls "$TMP"/out/wpslab_*.deb 2>/dev/null | head -1)
DEV=$(ls "$TMP"/out/libwpslab-dev_*.deb 2>/dev/null | head -1)
check "program package built" '[ -n "$DEB" ]'
check "development package built" '[ -n "$DEV" ]'
[ -n "$DEB" ] || { echo "$fails failed"; exit 1; }
dpkg-deb -f "$DEB" Depends >"$TMP/depends"
echo "Depends: $(cat "$TMP/depends")"
check "Depends names OpenSSL's library" 'grep -q "libssl3" "$TMP/depends"'
check "Depends names libpcap" 'grep -q "libpcap0.8" "$TMP/depends"'
check "Depends names the C++ runtime" 'grep -q "libstdc++6" "$TMP/depends"'
dpkg-deb -c "$DEB" >"$TMP/contents"
check "package has the binary" 'grep -q "/usr/bin/wpslab$" "$TMP/contents"'
check "package has the man pages" 'grep -q "/usr/share/man/man1/wpslab.1" "$TMP/contents"'
check "package has the bash completion" 'grep -q "/usr/share/bash-completion/completions/wpslab$" "$TMP/contents"'
[ -n "$DEV" ] && dpkg-deb -c "$DEV" >"$TMP/dev-contents"
check "development package has the CMake config" 'grep -q "cmake/wpslab/wpslab-config.cmake" "$TMP/dev-contents"'
check "development package has the headers" 'grep -q "include/wpslab/wps/registrar.hpp" "$TMP/dev-contents"'

mkdir -p "$TMP/root"
dpkg -x "$DEB" "$TMP/root"
check "the binary is stripped" '! file "$TMP/root/usr/bin/wpslab" | grep -q "not stripped"'
check "unpacked wpslab --version runs" \
  '"$TMP/root/usr/bin/wpslab" --version | grep -Eq "^wpslab [0-9]+[.][0-9]+[.][0-9]+ [(]git ([0-9a-f]+(-dirty)?|unknown)[)]$"'
"$TMP/root/usr/bin/wpslab" --version
echo "$fails failed"
[ "$fails" -eq 0 ]
