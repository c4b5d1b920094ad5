#!/usr/bin/env bash
# Installs the build tree into a scratch prefix, then builds tests/package/consumer (an outside
# CMake project: find_package(wpslab CONFIG), wpslab::wps) against it and runs its one
# registration; builds the same program again with only the pkg-config file. Also checks what
# the install put where: the binary, man pages, completion, headers (and no internal header).
# $1 = wpslab binary (unused but for symmetry), $2 = the build directory; run from the repo root.
set -u
BUILD="$2"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

P="$TMP/prefix"
if ! cmake --install "$BUILD" --prefix "$P" >"$TMP/install.log" 2>&1; then
  cat "$TMP/install.log"; echo "FAIL cmake --install"; exit 1
fi
check "binary installed and runs" '"$P/bin/wpslab" --version | grep -q "^wpslab [0-9]"'
check "wpslab.1 installed" '[ -s "$P/share/man/man1/wpslab.1" ]'
check "wpslab-run.1 installed" '[ -s "$P/share/man/man1/wpslab-run.1" ]'
check "bash completion installed" '[ -s "$P/share/bash-completion/completions/wpslab" ]'
check "public header installed" '[ -s "$P/include/wpslab/wps/registrar.hpp" ]'
check "internal headers not installed" \
  '[ ! -e "$P/include/wpslab/crypto/openssl_handles.hpp" ] && [ ! -e "$P/include/wpslab/wsc/codec_util.hpp" ]'
check "edge modules not installed" '! ls "$P"/include/wpslab/io "$P"/include/wpslab/interop >/dev/null 2>&1'
LIBDIR=$(dirname "$(find "$P" -name libwpslab_wps.a | head -1)")
check "static libraries installed" '[ -n "$LIBDIR" ] && [ -s "$LIBDIR/libwpslab_crypto.a" ]'
check "CMake package config installed" '[ -s "$LIBDIR/cmake/wpslab/wpslab-config.cmake" ]'

# The outside project, configured only with the scratch prefix.
if cmake -S tests/package/consumer -B "$TMP/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
     -DCMAKE_PREFIX_PATH="$P" >"$TMP/consumer.log" 2>&1 &&
   cmake --build "$TMP/consumer" >>"$TMP/consumer.log" 2>&1; then
  ok "consumer builds with find_package(wpslab CONFIG)"
  check "consumer runs a registration and gets the credential" \
    '"$TMP/consumer/consumer" | grep -q "credential for consumer-net received"'
else
  cat "$TMP/consumer.log"; bad "consumer builds with find_package(wpslab CONFIG)"
fi

# The same program with pkg-config only.
export PKG_CONFIG_PATH="$LIBDIR/pkgconfig"
if c++ -std=c++20 -O1 tests/package/consumer/main.cpp -o "$TMP/consumer-pc" \
     $(pkg-config --cflags --libs wpslab) >"$TMP/pc.log" 2>&1; then
  ok "consumer builds with pkg-config wpslab"
  check "pkg-config build runs the registration" \
    '"$TMP/consumer-pc" | grep -q "credential for consumer-net received"'
else
  cat "$TMP/pc.log"; bad "consumer builds with pkg-config wpslab"
fi

echo "$fails failed"
[ "$fails" -eq 0 ]
